#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the plugin against this system's Wireshark and packs it as a .deb
# that installs sipc.so into that Wireshark's system plugin folder and
# depends on the very libwireshark package it was linked with.
# Usage: make-deb.sh BUILD_DIR OUT_DIR        (prints the .deb's path)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?build dir}
out=${2:?output dir}
SIPC_BUILD_DIR=$build "$root/scripts/build.sh" >&2
so="$build/plugin/sipc.so"
plugin_dir=$(cat "$build/system-plugin-dir.txt")
project_version=$(sed -n 's/^project(sipc_wireshark VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
ws=$(tshark -v 2>/dev/null | head -1 | sed -n 's/.*(Wireshark) \([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p')
set -- $ws
major=$1 minor=$2

# The libwireshark the plugin needs (libwireshark.so.N) and the package that
# ships it: a plugin loads only into the major.minor it was built for.
soname=$(objdump -p "$so" | awk '$1 == "NEEDED" && $2 ~ /^libwireshark\.so\./ { print $2 }')
libfile=$(ldconfig -p | awk -v s="$soname" '$1 == s { print $NF; exit }')
libpkg=$(dpkg -S "$(readlink -f "$libfile")" | cut -d: -f1)
[ -n "$libpkg" ] || { echo "no package ships $soname" >&2; exit 1; }
depends="$libpkg (>= $major.$minor.0), $libpkg (<< $major.$((minor + 1)).0~)"
for lib in $(objdump -p "$so" | awk '$1 == "NEEDED" { print $2 }'); do
    [ "$lib" = "$soname" ] && continue
    file=$(ldconfig -p | awk -v s="$lib" '$1 == s { print $NF; exit }')
    pkg=$(dpkg -S "$(readlink -f "$file")" 2>/dev/null | cut -d: -f1 | head -1)
    [ -n "$pkg" ] && case ", $depends, " in *", $pkg, "*) ;; *) depends="$depends, $pkg" ;; esac
done

arch=$(dpkg --print-architecture)
name=wireshark-plugin-sipc
version="$project_version+wireshark$major.$minor"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/DEBIAN" "$stage$plugin_dir" "$stage/usr/share/doc/$name"
install -m 0644 "$so" "$stage$plugin_dir/sipc.so"
strip --strip-unneeded "$stage$plugin_dir/sipc.so"
install -m 0644 "$root/COPYING" "$stage/usr/share/doc/$name/copyright"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Architecture: $arch
Maintainer: SIP-C plugin developers <sipc-plugin@localhost>
Depends: $depends
Section: net
Priority: optional
Installed-Size: $(du -k -s "$stage" | cut -f1)
Description: SIP-C (Fetion) dissector plugin for Wireshark $major.$minor
 Decodes SIP-C, the protocol of China Mobile's Fetion instant messenger:
 finds it on any TCP port, frames every message, turns headers, bodies and
 events into display-filter fields, and follows chats across the hand-off
 to the chat servers.  Built for Wireshark $major.$minor only: a plugin
 loads only into the Wireshark major.minor it was built against.
CONTROL
mkdir -p "$out"
deb="$out/${name}_${version}_$arch.deb"
dpkg-deb --root-owner-group --build "$stage" "$deb" >&2
echo "$deb"
