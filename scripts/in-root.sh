#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs a command inside a Debian root made by scripts/debian-root.sh, with
# this source tree mounted at /src.  Usage: in-root.sh ROOT COMMAND [ARG...]
#
# The mounts live in a private mount namespace, so they vanish with the
# command whatever way it ends; /tmp is a fresh tmpfs each time, so nothing a
# run leaves there reaches the cached root.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?root}
shift
[ -e "$dir/.sipc-root-complete" ] || { echo "$dir is not a finished root" >&2; exit 2; }
exec unshare --mount --propagation private sh -eu -c '
    dir=$1 src=$2
    shift 2
    mkdir -p "$dir/src"
    mount --rbind /dev "$dir/dev"
    mount -t proc proc "$dir/proc"
    mount --rbind /sys "$dir/sys"
    mount -t tmpfs -o mode=1777 tmpfs "$dir/tmp"
    mount --bind "$src" "$dir/src"
    cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    exec chroot "$dir" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" "$@"
' sh "$dir" "$root" "$@"
