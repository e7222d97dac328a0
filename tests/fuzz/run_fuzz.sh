#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the libFuzzer harness of the parsing core with clang (AddressSanitizer,
# UBSan) and runs it for a while on a corpus seeded with every message of the
# transcripts.  Usage: run_fuzz.sh BUILD_DIR [SECONDS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:?build dir}
seconds=${2:-30}
out="$build/fuzz"
mkdir -p "$out/corpus" "$out/artifacts"
clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$root/plugin/core" "$here/fuzz_core.cpp" "$root"/plugin/core/*.cpp -lz -o "$out/fuzz_core"
# Seeds: each transcript message, and each whole transcript as one stream.
python3 - "$root" "$out/corpus" <<'PY'
import os, sys
sys.path.insert(0, os.path.join(sys.argv[1], "pcaps", "tools"))
import transcript
folder = os.path.join(sys.argv[1], "pcaps", "transcripts")
n = 0
for name in sorted(os.listdir(folder)):
    t = transcript.parse(os.path.join(folder, name))
    whole = b"".join(m.data for m in t.messages)
    for data in [m.data for m in t.messages] + [whole[:65536]]:
        with open(os.path.join(sys.argv[2], f"seed-{n:05d}"), "wb") as f:
            f.write(data)
        n += 1
PY
ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_core" -max_total_time="$seconds" -max_len=8192 -timeout=10 \
    -artifact_prefix="$out/artifacts/" -print_final_stats=1 "$out/corpus" 2>&1 | tail -20
