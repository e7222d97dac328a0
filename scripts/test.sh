#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The README's second command: every test, on every supported Wireshark.
#
#   scripts/test.sh                     all versions of scripts/wireshark-versions.txt
#   scripts/test.sh --wireshark 4.4     one version (the option may be repeated)
#
# The host's own Wireshark is tested directly (build/); every other version
# in a Debian root of the suite that ships it (scripts/debian-root.sh, cached
# outside the clone), built into build-<version>/.  Then the .deb of each
# version is built in its root, installed there with dpkg, loaded and removed
# (scripts/test-packages.sh).  Prints the time each version took.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
versions=""
while [ $# -gt 0 ]; do
    case "$1" in
        --wireshark) versions="$versions ${2:?version, such as 4.4}"; shift 2 ;;
        --wireshark=*) versions="$versions ${1#*=}"; shift ;;
        *) echo "usage: $0 [--wireshark X.Y]..." >&2; exit 2 ;;
    esac
done
[ -n "$versions" ] || versions=$(awk '!/^#/ && NF { print $1 }' "$root/scripts/wireshark-versions.txt")

"$root/scripts/install-deps.sh" build test
host=$(tshark -v 2>/dev/null | head -1 | sed -n 's/.*(Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
for v in $versions; do
    [ "$v" = "$host" ] && continue
    "$root/scripts/install-deps.sh" matrix
    break
done

passed=0 failed=0 report=""
for v in $versions; do
    suite=$(awk -v v="$v" '$1 == v { print $2 }' "$root/scripts/wireshark-versions.txt")
    [ -n "$suite" ] || { echo "Wireshark $v is not supported (scripts/wireshark-versions.txt)" >&2; exit 2; }
    start=$(date +%s)
    echo "=== Wireshark $v"
    if [ "$v" = "$host" ]; then
        where="this machine"
        set -- "$root/scripts/run-suite.sh" "$root/build"
    else
        where="a Debian $suite root"
        dir=$("$root/scripts/debian-root.sh" "$suite")
        set -- "$root/scripts/in-root.sh" "$dir" /src/scripts/run-suite.sh "/src/build-$v"
    fi
    if "$@" && "$root/scripts/test-packages.sh" "$v"; then
        result=passed passed=$((passed + 1))
    else
        result=FAILED failed=$((failed + 1))
    fi
    line="Wireshark $v ($where): $result in $(( $(date +%s) - start )) s"
    echo "=== $line"
    report="$report$line
"
done
echo
printf '%s' "$report"
echo "wireshark-versions: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
