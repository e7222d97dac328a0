#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Prints the major number of the Debian release of a system root (default /):
# 12 for bookworm, 13 for trixie, 14 for anything newer (testing and sid,
# whose os-release names the next release and carries no VERSION_ID).
set -eu
rootdir=${1:-}
. "$rootdir/etc/os-release"
case "${VERSION_CODENAME:-}" in
    bookworm) echo 12 ;;
    trixie) echo 13 ;;
    *)  if [ -n "${VERSION_ID:-}" ] && [ "${VERSION_ID%%.*}" -lt 12 ] 2>/dev/null; then
            echo "Debian ${VERSION_ID} is older than the oldest supported (12)" >&2; exit 1
        fi
        echo 14 ;;
esac
