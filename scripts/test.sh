#!/bin/sh
# The README's second command: installs what is missing, builds with warnings
# as errors, and runs every test (unit, dissection, capture regeneration).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
"$root/scripts/install-deps.sh" build
"$root/scripts/build.sh" -DSIPC_WERROR=ON -DSIPC_BUILD_TESTS=ON
cd "$root/build"
ctest --output-on-failure -j "$(nproc)"
