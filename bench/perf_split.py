#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Where the CPU time of a full tree goes, SIP-C beside SIP, by call stack.

    python3 bench/perf_split.py [--messages 200000] [--repeat 2] [--plugin build/plugin/sipc.so]
                                [--corpus DIR] [--frequency 300] [--keep DIR]

callgrind (bench/profile.py, run.py --instructions) counts instructions; on
this project's machine the full tree's CPU time and its instruction count
disagree by some 20 %, so this measures time itself.  tshark -V runs on the
SIP-C capture with SIP-C on and on the SIP capture with SIP on, at the same
time, each pinned to a core of its own (swapped every repetition), each
under "perf record -e cpu-clock --call-graph dwarf" (a timer: no hardware
counters are needed, so it works in a virtual machine).  Every sample is
put in one class by its call stack:

  print                  tshark writing the tree (proto_tree_print)
  app: xml               the XML dissector (under tvbparse)
  app: sipc.so own code  the sample is in the plugin itself
  app: called by sipc.so Wireshark's functions the plugin called (items,
                         columns, conversations, zlib, ...), not XML
  app: other             under TCP's hand-over to the payload's dissector
                         (decode_tcp_ports), none of the above: for SIP,
                         the SIP dissector and what it calls
  frame/eth/ip/tcp       the rest of the dissection
  tree free, rest        freeing the tree; reading the file, start-up

and "of it in malloc" counts the samples of a class that are in glibc's
allocator.  The counts of the two captures, taken side by side in the
same seconds, compare directly.
The samples are read while the plugin is still where tshark loaded it
(sipc_tshark's staging folder, removed when this script ends): perf script
unwinds through sipc.so by reading it there.  perf comes with
scripts/install-deps.sh profile (linux-perf); tshark runs as "nobody", so
the kernel must let users sample their own processes
(kernel.perf_event_paranoid at most 2).
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "dissection"))

import make_corpus  # noqa: E402
import run  # noqa: E402

PROTOS = ("sipc", "sip")
MALLOC_TAG = " [malloc]"  # the samples of a class that are in glibc's allocator
MALLOC = re.compile(r"_int_malloc|unlink_chunk|malloc_consolidate|_int_free|cfree|libc_malloc|\bmalloc\b|tcache")


def record(runner, captures, frequency, rep, keep):
    """Runs both captures at once under perf, each on a core of its own
    (run.py's side-by-side runner); {proto: perf.data path}."""
    jobs, outs = [], {}
    for k, proto in enumerate(PROTOS):
        cmd, env = runner.command(captures[proto], ["-V"], True)
        i = cmd.index("tshark")
        outs[proto] = os.path.join(keep, f"{proto}-{rep}.data")
        cmd = cmd[:i] + ["perf", "record", "-q", "-e", "cpu-clock", "-F", str(frequency),
                         "--call-graph", "dwarf,16384", "-o", outs[proto]] + cmd[i:]
        jobs.append((cmd, env, (k + rep) % 2))
    runner.run_together(jobs)
    return outs


def classify(path):
    """Counter of samples per class (see the module's text)."""
    out = subprocess.run(["perf", "script", "-f", "-i", path, "-F", "ip,sym,dso"],
                         capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    for block in out.split("\n\n"):
        stack = block.strip()
        if not stack:
            continue
        leaf = stack.split("\n", 1)[0]
        if "proto_tree_print" in stack:
            kind = "print"
        elif "decode_tcp_ports" in stack or "sipc.so" in stack:
            if "tvbparse" in stack:
                kind = "app: xml"
            elif "sipc.so" in leaf:
                kind = "app: sipc.so own code"
            elif "sipc.so" in stack:
                kind = "app: called by sipc.so"
            else:
                kind = "app: other"
        elif "epan_dissect_run" in stack:
            kind = "frame/eth/ip/tcp"
        elif "proto_tree_free" in stack or "epan_dissect_cleanup" in stack or "epan_dissect_reset" in stack:
            kind = "tree free"
        else:
            kind = "rest"
        counts[kind] += 1
        if MALLOC.search(leaf):
            counts[kind + MALLOC_TAG] += 1
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=200000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "plugin", "sipc.so"))
    ap.add_argument("--corpus", default=None, help="where run.py keeps its captures")
    ap.add_argument("--frequency", type=int, default=300, help="samples per second (each copies 16 KiB of stack)")
    ap.add_argument("--keep", default=None, help="keep the perf.data files here")
    args = ap.parse_args()
    if not shutil.which("perf"):
        raise SystemExit("perf not found: scripts/install-deps.sh profile")
    os.environ["SIPC_PLUGIN"] = os.path.abspath(args.plugin)
    info = make_corpus.make_in(make_corpus.default_root(args.corpus), args.messages)
    captures = {p: info[p]["path"] for p in PROTOS}
    keep = args.keep or tempfile.mkdtemp(prefix="sipc-perf-")
    os.makedirs(keep, exist_ok=True)
    os.chmod(keep, 0o777)  # tshark runs as "nobody" (sipc_tshark)
    runner = run.Runner(False)
    totals = {p: collections.Counter() for p in PROTOS}
    for rep in range(args.repeat):
        for proto, path in record(runner, captures, args.frequency, rep, keep).items():
            totals[proto].update(classify(path))
        print(f"repetition {rep + 1}/{args.repeat} done", flush=True)
    print()
    print(f"Samples at {args.frequency} Hz, {args.repeat} repetition(s) side by side, "
          f"full tree (-V), plugin {args.plugin}")
    print()
    print("| where | SIP-C | of it in malloc | SIP | of it in malloc | SIP-C / SIP |")
    print("|---|---:|---:|---:|---:|---:|")
    kinds = sorted(k for k in set(totals["sipc"]) | set(totals["sip"]) if not k.endswith(MALLOC_TAG))
    for kind in kinds + ["all"]:
        row = []
        for proto in PROTOS:
            t = totals[proto]
            if kind == "all":
                row += [sum(v for k, v in t.items() if not k.endswith(MALLOC_TAG)),
                        sum(v for k, v in t.items() if k.endswith(MALLOC_TAG))]
            else:
                row += [t[kind], t[kind + MALLOC_TAG]]
        ratio = f"{row[0] / row[2]:.2f}" if row[2] else "-"
        print(f"| {kind} | {row[0]} | {row[1]} | {row[2]} | {row[3]} | {ratio} |")
    if not args.keep:
        shutil.rmtree(keep, ignore_errors=True)


if __name__ == "__main__":
    main()
