#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the .deb of every supported Wireshark version into one folder, each
# in the Debian root of the suite that ships that version.
# Usage: build-debs.sh [OUT_DIR]          (default: dist/)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)
"$root/scripts/install-deps.sh" matrix
awk '!/^#/ && NF { print $1, $2 }' "$root/scripts/wireshark-versions.txt" | while read -r v suite; do
    dir=$("$root/scripts/debian-root.sh" "$suite")
    # The root sees this tree at /src and the output folder at /out.
    "$root/scripts/in-root.sh" "$dir" sh -c 'mkdir -p /tmp/out && deb=$(/src/scripts/make-deb.sh "/src/build-$1" /tmp/out) && cat "$deb"' sh "$v" \
        > "$out/.partial"
    name=$(dpkg-deb -f "$out/.partial" Package)_$(dpkg-deb -f "$out/.partial" Version)_$(dpkg-deb -f "$out/.partial" Architecture).deb
    mv "$out/.partial" "$out/$name"
    echo "$out/$name"
done
