#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Configures and builds into build/ (or $SIPC_BUILD_DIR).  Extra arguments go
# to cmake's configure step.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SIPC_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
