#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# For each Wireshark version given (default: all), in the Debian root of the
# suite that ships it: builds the .deb, installs it with dpkg, checks with no
# plugin-folder variable that tshark lists the plugin and decodes a bundled
# capture, then removes it and checks that it left no file behind.
# Usage: test-packages.sh [X.Y ...]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
table="$root/scripts/wireshark-versions.txt"
[ $# -gt 0 ] || set -- $(awk '!/^#/ && NF { print $1 }' "$table")
for v in "$@"; do
    suite=$(awk -v v="$v" '$1 == v { print $2 }' "$table")
    libpkg=$(awk -v v="$v" '$1 == v { print $4 }' "$table")
    dir=$("$root/scripts/debian-root.sh" "$suite")
    echo "--- package for Wireshark $v ($suite)"
    "$root/scripts/in-root.sh" "$dir" sh -eu -c '
        v=$1 libpkg=$2
        deb=$(/src/scripts/make-deb.sh "/src/build-$v" /tmp/dist)
        echo "built $(basename "$deb")"
        dpkg-deb -f "$deb" Depends | grep -q "^$libpkg (>= $v.0), $libpkg (<< " \
            || { echo "FAIL: Depends is not on $libpkg $v: $(dpkg-deb -f "$deb" Depends)"; exit 1; }
        dpkg -i "$deb" >/dev/null
        cleanup() { dpkg -r wireshark-plugin-sipc >/dev/null 2>&1 || true; }
        trap cleanup EXIT
        files=$(dpkg -L wireshark-plugin-sipc | while read -r f; do [ -f "$f" ] && echo "$f"; done)
        unset WIRESHARK_PLUGIN_DIR
        tshark -G plugins 2>/dev/null | grep -q "^sipc\.so" \
            || { echo "FAIL: tshark -G plugins does not list sipc.so"; exit 1; }
        n=$(tshark -r /src/pcaps/seed000-chat.pcap -Y "sipc.method == \"R\"" 2>/dev/null | wc -l)
        [ "$n" -ge 2 ] || { echo "FAIL: the installed plugin decodes $n R requests in seed000-chat.pcap"; exit 1; }
        echo "installed: tshark lists sipc.so and decodes $n R requests"
        dpkg -r wireshark-plugin-sipc >/dev/null
        trap - EXIT
        for f in $files; do
            [ ! -e "$f" ] || { echo "FAIL: $f is left after removal"; exit 1; }
        done
        echo "removed: none of its $(echo "$files" | wc -l) files is left"
    ' sh "$v" "$libpkg"
done
