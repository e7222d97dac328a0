#!/bin/sh
# Installs the Debian packages of scripts/debian-packages.txt that are not
# installed yet.  Usage: install-deps.sh build|test
# As a normal user it uses sudo, and only when something is missing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
want=${1:-build}
missing=""
while read -r kind pkg; do
    case "$kind" in ''|'#'*) continue ;; esac
    if [ "$want" = build ] && [ "$kind" != build ]; then continue; fi
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done < "$here/debian-packages.txt"
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
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
