#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""What the SIP-C dissector itself keeps for the life of a file, in bytes
per message, counted exactly rather than read off the process's size.

The whole-process figure of run.py (peak RSS, on - off) also holds what
other code keeps because of SIP-C's messages and would keep for any
dissector of them: TCP's reassembled copies of the messages that were split
over segments, HTTP trying each new connection on port 8080.  Here tshark
runs with bench/kept_by.c preloaded, which charges to sipc.so every block
allocated while one of sipc.so's functions is on the call stack (also what
Wireshark allocates on its behalf: conversations, proto data, map entries),
with Wireshark's strict allocator so that every wmem allocation is a block
of its own.  The peak of the charged bytes is what the dissector keeps.

    python3 bench/kept.py [--sizes 10000,200000,1000000] [--plugin build/plugin/sipc.so]
                          [--mode summary|two-pass] [--sites N] [--corpus DIR]

--sites N also lists the N call sites that keep the most (addr2line).
It is slow (every allocation is traced back): some 15 s per 20,000 messages.
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

MODE_ARGS = {"summary": [], "two-pass": ["-2"]}


def build_interposer(folder, source="kept_by.c"):
    """Compiles source (an interposer in bench/) into folder; returns the
    library's path."""
    lib = os.path.join(folder, os.path.splitext(source)[0] + ".so")
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", lib, os.path.join(HERE, source), "-ldl"], check=True)
    os.chmod(lib, 0o755)
    return lib


def measure(lib, capture, mode="summary", sites=False):
    """(peak bytes, peak blocks, [(offset, bytes, blocks)]) charged to sipc.so
    while tshark reads capture."""
    from sipc_tshark import wireshark_command
    with tempfile.TemporaryDirectory() as d:
        os.chmod(d, 0o777)  # tshark runs as nobody when we are root
        out = os.path.join(d, "kept.txt")
        env = {"LD_PRELOAD": lib, "KEPT_BY_OBJECT": "/sipc.so", "KEPT_BY_OUT": out,
               "WIRESHARK_DEBUG_WMEM_OVERRIDE": "strict"}
        if sites:
            env["KEPT_BY_SITES"] = "1"
        cmd, e = wireshark_command("tshark", "-n", "-r", capture, *MODE_ARGS[mode], extra_env=env)
        subprocess.run(cmd, env=e, stdout=subprocess.DEVNULL, check=True)
        with open(out) as f:
            lines = f.read().split("\n")
    peak, blocks = (int(v) for v in lines[0].split())
    found = [(int(a, 16), int(b), int(c)) for a, b, c in (l.split() for l in lines[1:] if l.strip())]
    return peak, blocks, found


def describe_sites(plugin, found, top, messages):
    """The call sites that keep the most, as Markdown table rows."""
    rows = sorted(found, key=lambda r: -r[1])[:top]
    lines = ["| B/msg | blocks/msg | where |", "|---:|---:|---|"]
    for offset, size, blocks in rows:
        out = subprocess.run(["addr2line", "-f", "-C", "-e", plugin, hex(offset)], capture_output=True,
                             text=True).stdout.split("\n")
        function = out[0].split("(")[0] if out else "?"
        where = out[1].rsplit("/", 1)[-1] if len(out) > 1 else "?"
        lines.append(f"| {size / messages:.1f} | {blocks / messages:.2f} | `{function}` ({where}) |")
    return lines


def table(results):
    """results: [(messages, peak bytes, peak blocks)] in size order."""
    lines = ["| messages | kept by SIP-C | B/msg | blocks/msg | growth B/msg |", "|---:|---:|---:|---:|---:|"]
    previous = None
    for n, peak, blocks in results:
        growth = f"{(peak - previous[1]) / (n - previous[0]):.1f}" if previous else "-"
        lines.append(f"| {n} | {peak} | {peak / n:.1f} | {blocks / n:.2f} | {growth} |")
        previous = (n, peak)
    return lines


def main():
    import make_corpus
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,200000,1000000")
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "plugin", "sipc.so"))
    ap.add_argument("--mode", choices=sorted(MODE_ARGS), default="summary")
    ap.add_argument("--sites", type=int, default=0, metavar="N")
    ap.add_argument("--corpus", default=None)
    args = ap.parse_args()
    os.environ["SIPC_PLUGIN"] = os.path.abspath(args.plugin)
    corpus_root = make_corpus.default_root(args.corpus)
    results = []
    with tempfile.TemporaryDirectory() as d:
        os.chmod(d, 0o755)
        lib = build_interposer(d)
        for n in (int(s) for s in args.sizes.split(",")):
            info = make_corpus.make_in(corpus_root, n)
            peak, blocks, found = measure(lib, info["sipc"]["path"], args.mode, bool(args.sites))
            results.append((info["messages"], peak, blocks))
            print(f"  {info['messages']} messages: {peak} bytes kept", file=sys.stderr, flush=True)
            if args.sites:
                print(f"\nWhere SIP-C's kept memory goes, {info['messages']} messages ({args.mode}):\n")
                print("\n".join(describe_sites(os.path.abspath(args.plugin), found, args.sites, info["messages"])))
    print(f"\nKept by the SIP-C dissector ({args.mode}; growth: bytes added per message added)\n")
    print("\n".join(table(results)))


if __name__ == "__main__":
    main()
