#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the Debian packages of scripts/debian-packages.txt that this
# machine's Debian release needs and that are not installed yet.
# Usage: install-deps.sh build|test|matrix|profile [...]
# As a normal user it uses sudo, and only when something is missing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
release=$("$here/debian-release.sh")
missing=""
for want in "${@:-build}"; do
    for pkg in $("$here/package-list.sh" "$want" "$release"); do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac
        fi
    done
done
[ -z "$missing" ] && exit 0

echo "Installing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "Missing packages:$missing; install them as root (apt-get install$missing)." >&2
    exit 1
fi
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
