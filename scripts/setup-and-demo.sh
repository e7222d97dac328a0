#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The README's first command: installs what is missing, builds, installs the
# plugin, and shows tshark's decoding of the seed-000 chat capture.
#
# Where the plugin goes: for a normal user, the personal plugin folder
# (~/.local/lib/wireshark/plugins/<major.minor>/epan); for root, the system
# folder, because tshark and Wireshark run as root load no personal plugins.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" build
# The tests are not needed to use the plugin (scripts/test.sh builds them).
"$root/scripts/build.sh" -DSIPC_BUILD_TESTS=OFF

version=$(tshark -v | head -1 | sed 's/.*(Wireshark) \([0-9]*\.[0-9]*\).*/\1/')
if [ "$(id -u)" -eq 0 ]; then
    cmake --install "$root/build" >/dev/null
    dest=$(cat "$root/build/system-plugin-dir.txt")
else
    dest="$HOME/.local/lib/wireshark/plugins/$version/epan"
    mkdir -p "$dest"
    cp "$root/build/plugin/sipc.so" "$dest/"
    system="$(cat "$root/build/system-plugin-dir.txt")/sipc.so"
    if [ -e "$system" ] && ! cmp -s "$system" "$dest/sipc.so"; then
        echo "Note: another sipc.so is installed system-wide ($system) and Wireshark loads that one;"
        echo "      remove it, or run this script as root to replace it."
    fi
fi
echo "Installed $dest/sipc.so"
tshark -G plugins | grep -q "sipc.so" || { echo "tshark does not list the plugin" >&2; exit 1; }
# The SIP-C profile (columns, coloring rules, filter buttons): -C SIP-C.
"$root/scripts/install-profile.sh"

capture="$root/pcaps/seed000-chat.pcap"
echo
echo "== tshark -r pcaps/seed000-chat.pcap -Y sipc"
tshark -r "$capture" -Y sipc
echo
echo "== tshark -2 -r pcaps/seed000-chat.pcap -Y 'sipc.credential' -O sipc -V   (the chat handoff, both links)"
tshark -2 -r "$capture" -Y 'sipc.credential' -O sipc -V
