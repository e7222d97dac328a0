#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Free chunks left inside glibc's heap ("holes") while tshark reads the
benchmark's captures, SIP-C beside SIP, and what keeps them from going back
to the top of the heap.

run.py measures CPU time; this shows one reason why SIP-C's full tree costs
more time than its instruction count says (bench/README.md "The allocator's
free lists").  tshark runs with bench/heap_holes.c preloaded, which walks the
heap every --every blocks allocated.  It measures no time, so it may run
while the machine is busy, but it is slow: every allocation is traced back
(some 20 s per 10,000 messages with -V).

    python3 bench/heap_holes.py [--messages 10000] [--every 1500000] [--pairs 5]
                                [--mode tree|summary|filter|two-pass] [--plugin build/plugin/sipc.so] [--corpus DIR]
                                [--large-request BYTES]

--large-request also preloads bench/large_request.c into SIP-C's run, which
asks for one block of that size per call of p_add_proto_data (a few per
message): above 1,032 bytes (beyond the thread's cache) glibc merges its
fast lists at each such request, below it does not.
"""

import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "dissection"))
sys.path.insert(0, HERE)

def walk(preload, capture, extra, every, pairs, extra_env=None):
    """[(mallocs, holes, hole bytes, heap bytes)] and the text of the pairs of
    the last walk, while tshark reads capture with the libraries preload
    (heap_holes.so first) preloaded."""
    from sipc_tshark import wireshark_command
    with tempfile.TemporaryDirectory() as d:
        os.chmod(d, 0o777)  # tshark runs as nobody when we are root
        out = os.path.join(d, "holes.txt")
        env = {"LD_PRELOAD": " ".join(preload), "HOLES_OUT": out, "HOLES_EVERY": str(every),
               "HOLES_PAIRS": str(pairs), **(extra_env or {})}
        cmd, e = wireshark_command("tshark", "-n", "-r", capture, *extra, extra_env=env)
        subprocess.run(cmd, env=e, stdout=subprocess.DEVNULL, check=True)
        walks, last_pairs = [], []
        with open(out) as f:
            for line in f:
                if line.startswith("walk "):
                    walks.append(tuple(int(v) for v in line.split()[1:]))
                    last_pairs = []
                else:
                    last_pairs.append(line.rstrip("\n"))
    return walks, last_pairs


def main():
    import make_corpus
    from kept import build_interposer
    from run import MODES
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=10000)
    ap.add_argument("--every", type=int, default=1500000, help="walk the heap every N calls of malloc")
    ap.add_argument("--pairs", type=int, default=5, help="list the N commonest (hole, block above) pairs")
    ap.add_argument("--mode", choices=list(MODES), default="tree", help="one of run.py's ways of reading")
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "plugin", "sipc.so"))
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--large-request", type=int, default=0, metavar="BYTES",
                    help="in SIP-C's run, ask for a block of BYTES per p_add_proto_data (bench/large_request.c)")
    args = ap.parse_args()
    os.environ["SIPC_PLUGIN"] = os.path.abspath(args.plugin)
    info = make_corpus.make_in(make_corpus.default_root(args.corpus), args.messages)
    results = {}
    with tempfile.TemporaryDirectory() as d:
        os.chmod(d, 0o755)
        holes_lib = build_interposer(d, "heap_holes.c")
        preload = {proto: [holes_lib] for proto in ("sipc", "sip")}
        extra_env = {}
        if args.large_request:
            preload["sipc"].append(build_interposer(d, "large_request.c"))
            extra_env["sipc"] = {"LARGE_REQUEST": str(args.large_request)}
        for proto in ("sipc", "sip"):
            results[proto] = walk(preload[proto], info[proto]["path"], MODES[args.mode][proto], args.every,
                                  args.pairs, extra_env.get(proto))
    request = f"; SIP-C with a {args.large_request}-byte request per p_add_proto_data" if args.large_request else ""
    print(f"\nFree chunks inside the heap, {info['messages']} messages ({args.mode}{request})\n")
    print("| mallocs | SIP-C holes | SIP-C KiB | SIP holes | SIP KiB | SIP-C heap MiB | SIP heap MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for a, b in zip(results["sipc"][0], results["sip"][0]):
        print(f"| {a[0]} | {a[1]} | {a[2] >> 10} | {b[1]} | {b[2] >> 10} | {a[3] >> 20} | {b[3] >> 20} |")
    for proto, name in (("sipc", "SIP-C"), ("sip", "SIP")):
        if results[proto][1]:
            print(f"\n{name}: the commonest holes at the last walk (holes, bytes; where from)\n")
            print("\n".join(results[proto][1]))


if __name__ == "__main__":
    main()
