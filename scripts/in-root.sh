#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs a command inside a Debian root made by scripts/debian-root.sh, with
# this source tree mounted at /src.  Usage: in-root.sh ROOT COMMAND [ARG...]
#
# The root is seen through an overlay whose writable layer is a tmpfs: what
# the command installs or leaves (packages, files in /tmp) vanishes with it,
# so the cached root stays as made and every run starts from the same state.
# All mounts live in a private mount namespace and vanish however the command
# ends.  Only /src (this tree) is written through.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?root}
shift
[ -e "$dir/.sipc-root-complete" ] || { echo "$dir is not a finished root" >&2; exit 2; }
exec unshare --mount --propagation private sh -eu -c '
    dir=$1 src=$2
    shift 2
    # /mnt of this namespace only: the host sees nothing of it.
    layer=/mnt
    mount -t tmpfs tmpfs "$layer"
    mkdir "$layer/upper" "$layer/work" "$layer/root"
    mount -t overlay overlay -o "lowerdir=$dir,upperdir=$layer/upper,workdir=$layer/work" "$layer/root"
    r=$layer/root
    mkdir -p "$r/src"
    mount --rbind /dev "$r/dev"
    mount -t proc proc "$r/proc"
    mount --rbind /sys "$r/sys"
    mount -t tmpfs -o mode=1777 tmpfs "$r/tmp"
    mount --bind "$src" "$r/src"
    cp /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null || true
    exec chroot "$r" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" "$@"
' sh "$dir" "$root" "$@"
