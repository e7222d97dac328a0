#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Tries the README's two commands as a new user would on a fresh Debian
# machine of SUITE: a minimal root (just apt and git, none of the project's
# packages), a clone of this repository's HEAD in a normal user's home, then
#   scripts/setup-and-demo.sh      as root, and again as the normal user
#   scripts/test.sh --wireshark V  with the release's own Wireshark V
# Not part of scripts/test.sh (it downloads and builds everything anew, about
# ten minutes); run it before saying a release is supported.
# Usage: check-fresh-machine.sh SUITE        (bookworm, trixie)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
suite=${1:?suite}
version=$(awk -v s="$suite" '$2 == s { print $1 }' "$root/scripts/wireshark-versions.txt")
work=$(mktemp -d /var/tmp/sipc-fresh-$suite.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "== a minimal Debian $suite root"
mmdebstrap --quiet --variant=apt --include=git,ca-certificates,sudo,passwd "$suite" "$work/root"
touch "$work/root/.sipc-root-complete"
git clone --quiet "$root" "$work/root/home/clone"
# The clone is reached as /src/../home/clone inside; run as root, then as "tester".
"$root/scripts/in-root.sh" "$work/root" sh -eu -c "
    useradd -m tester
    echo 'tester ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/tester
    cp -a /home/clone /home/tester/clone && chown -R tester: /home/tester/clone
    cd /home/clone
    # Whole outputs go to files (a pipe into head would cut a build short).
    echo '== scripts/setup-and-demo.sh (root)'
    scripts/setup-and-demo.sh > /tmp/demo-root.log 2>&1 || { tail -30 /tmp/demo-root.log; exit 1; }
    grep -A6 '^Installed' /tmp/demo-root.log
    echo '== scripts/setup-and-demo.sh (normal user)'
    runuser -u tester -- sh -c 'cd ~/clone && scripts/setup-and-demo.sh' > /tmp/demo-user.log 2>&1 \
        || { tail -30 /tmp/demo-user.log; exit 1; }
    grep -A6 '^Installed' /tmp/demo-user.log
    echo '== scripts/test.sh --wireshark $version'
    scripts/test.sh --wireshark $version > /tmp/test.log 2>&1 || { tail -40 /tmp/test.log; exit 1; }
    tail -6 /tmp/test.log
"
