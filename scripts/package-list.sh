#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Prints, one a line, the packages of scripts/debian-packages.txt that a Debian
# release needs.  Usage: package-list.sh build|test|matrix|profile RELEASE
#   build: the "build" lines; test: the "build" and the "test" lines;
#   matrix: the "matrix" lines; profile: the "profile" lines.
#   RELEASE: the major number that scripts/debian-release.sh prints.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
want=${1:?build or test}
release=${2:?Debian release number}
while read -r kind pkg releases; do
    case "$kind" in ''|'#'*) continue ;; esac
    case "$want:$kind" in
        build:build|test:build|test:test|matrix:matrix|profile:profile) ;;
        *) continue ;;
    esac
    case "$releases" in
        '') ;;
        *+) [ "$release" -ge "${releases%+}" ] || continue ;;
        *)  [ "$release" -eq "$releases" ] || continue ;;
    esac
    echo "$pkg"
done < "$here/debian-packages.txt"
