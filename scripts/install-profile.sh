#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the SIP-C configuration profile (profiles/SIP-C: columns,
# coloring rules, filter buttons) into the personal configuration folder of
# the Wireshark on this machine, so that "wireshark -C SIP-C" and
# "tshark -C SIP-C" select it, and the GUI lists it under Edit >
# Configuration Profiles and in the status bar.
#
# The folder is the one tshark itself names (it follows
# $WIRESHARK_CONFIG_DIR, a legacy ~/.wireshark and $XDG_CONFIG_HOME): for
# root, root's own.  Wireshark saves changed preferences, rules and buttons
# into the profile; a file that differs from the one installed now is kept
# as FILE~.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
config=$(tshark -G folders 2>/dev/null | sed -n 's/^Personal configuration:[[:space:]]*//p')
[ -n "$config" ] || { echo "tshark -G folders names no personal configuration folder" >&2; exit 1; }
dest="$config/profiles/SIP-C"
mkdir -p "$dest"
for f in "$root"/profiles/SIP-C/*; do
    name=$(basename "$f")
    if [ -e "$dest/$name" ] && ! cmp -s "$f" "$dest/$name"; then
        cp "$dest/$name" "$dest/$name~"
        echo "Kept the earlier $dest/$name as $name~"
    fi
    cp "$f" "$dest/$name"
done
echo "Installed the SIP-C profile in $dest (select it with -C SIP-C)"
