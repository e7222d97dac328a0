#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds with warnings as errors and runs every test against the Wireshark
# of the system it runs on (the host, or a Debian root through in-root.sh).
# Usage: run-suite.sh BUILD_DIR
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?build dir}
SIPC_BUILD_DIR=$build "$root/scripts/build.sh" -DSIPC_WERROR=ON -DSIPC_BUILD_TESTS=ON
cd "$build"
ctest --output-on-failure -j "$(nproc)"
