#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Makes (once) and prints the path of a Debian root file system of SUITE
# with the packages that build and test the plugin, so the test suite can run
# against that suite's Wireshark.  Usage: debian-root.sh SUITE
#
# Roots are cached outside the clone, in $SIPC_ROOTS_DIR (default
# /var/cache/sipc-roots), under a name that carries a hash of everything that
# makes them (suite, package list, options): a changed package list makes a
# new root and removes the old one.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
suite=${1:?suite}
cache=${SIPC_ROOTS_DIR:-/var/cache/sipc-roots}
release=$(awk -v s="$suite" '$2 == s { print $3 }' "$here/wireshark-versions.txt")
[ -n "$release" ] || { echo "unknown suite $suite (see scripts/wireshark-versions.txt)" >&2; exit 2; }

packages=$("$here/package-list.sh" test "$release" | tr '\n' ',' | sed 's/,$//')
set -- --variant=apt --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*'
# sid is served from a dated snapshot whose Release file has expired.
[ "$suite" = sid ] && set -- "$@" --aptopt='Acquire::Check-Valid-Until "false"'
key=$(printf '%s\n' "$suite" "$@" | sha256sum | cut -c1-12)
dir="$cache/$suite-$key"
mkdir -p "$cache"
# One maker per suite at a time; a second caller waits and then finds it made.
exec 9>"$cache/.$suite.lock"
flock 9
if [ -e "$dir/.sipc-root-complete" ]; then
    echo "$dir"
    exit 0
fi

command -v mmdebstrap >/dev/null || "$here/install-deps.sh" matrix >&2
rm -rf "$dir.tmp"
echo "Making a Debian $suite root in $dir (a few minutes, once)" >&2
start=$(date +%s)
mmdebstrap --quiet "$@" "$suite" "$dir.tmp" >&2
touch "$dir.tmp/.sipc-root-complete"
# Older roots of the same suite were made from another package list.
for old in "$cache/$suite"-*; do
    [ "$old" = "$dir.tmp" ] || rm -rf "$old"
done
mv "$dir.tmp" "$dir"
echo "Made the $suite root in $(( $(date +%s) - start )) s" >&2
echo "$dir"
