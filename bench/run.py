#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The cost of the SIP-C dissector per message against Wireshark's own SIP
dissector, on captures of the same conversations in the same TCP
segmentation (bench/make_corpus.py).

A dissector's cost is tshark with it minus tshark with it, SIP-C, SIP, HTTP
and every protocol with a TCP heuristic switched off (the payload then goes
to the plain "data" dissector): Ethernet, IP, TCP, the output of the frame
lines and tshark's start-up cancel out.

On a machine with two cores or more, SIP-C and SIP run side by side, each
pinned to a core of its own (the cores swap every repetition): first SIP-C
on beside SIP on, then SIP-C off beside SIP off, the other way round every
other repetition.  Each comparison thus meets the machine in the same
seconds.  On a shared virtual machine the speed of a core drifts by a third
within a minute, far more than the difference being measured, and runs that
follow each other meet different machines (bench/README.md "Side by side").
--sequential runs the four one after the other instead, in the reverse
order every other repetition.  Each repetition gives one difference
(on - off) per dissector and one ratio; the tables show their medians and,
in brackets, their smallest and largest values.  The "one off" column takes
from both "on" runs the same baseline instead, the median of every "off"
run of that size and mode: the "off" runs of the two captures do the same
work, and their spread would otherwise weigh in each difference.

Time is the CPU time (user + system) of the tshark process, not the elapsed
time: on a shared machine the elapsed time also counts the time spent
waiting for a core.  Memory is the peak resident set of the process (its
maximum RSS); the dissector's share is on minus off.  What grows with the
number of messages is what the dissector keeps until the file is closed
(see README.md), so the "kept" columns divide the growth of (on - off)
between two sizes by the growth in messages: constant costs (start-up,
registration, buffers) drop out.

    python3 bench/run.py [--sizes 10000,200000,1000000] [--repeat 7,5,3]
                         [--modes summary,filter,tree,two-pass] [--plugin build/plugin/sipc.so]
                         [--corpus DIR] [--json FILE] [--split 0.1] [--coalesce 0.5] [--seed 11]
                         [--sip-bodies typed|typed-base64|text] [--sequential]
                         [--tshark-env NAME=VALUE ...]
    python3 bench/run.py --instructions [--sizes 10000]
    python3 bench/run.py --report FILE.json [FILE.json ...]

--instructions counts the instructions under valgrind's callgrind instead:
the same number on every run, whatever the machine is doing, but some 50
times slower; one run per measurement.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "dissection"))
sys.path.insert(0, HERE)

import make_corpus  # noqa: E402

PROTOS = ("sipc", "sip")
NAMES = {"sipc": "SIP-C", "sip": "SIP"}
# The same messages are picked in both captures: SIP-C's M is SIP's MESSAGE.
MODES = {
    "summary": {"sipc": [], "sip": []},
    "filter": {"sipc": ["-Y", 'sipc.method == "M"'], "sip": ["-Y", 'sip.Method == "MESSAGE"']},
    "tree": {"sipc": ["-V"], "sip": ["-V"]},
    "two-pass": {"sipc": ["-2"], "sip": ["-2"]},
}


# What the "off" runs keep: the frame's layers and the plain data dissector.
BASELINE = {"frame", "eth", "ethertype", "ip", "tcp", "data"}

# What the "off" runs print in detail (-V): the layers both runs print.  With
# -V tshark prints a hex dump under every item of the data dissector, work
# that only the "off" run does and that grows with the payload's bytes: the
# baseline of the capture with the longer messages (SIP's) would cost more
# and its dissector's cost come out smaller.  -O prints these layers and no
# dump; the data dissector still runs.
PRINTED_BASELINE = "frame,eth,ip,tcp"


def payload_dissectors():
    """SIP-C, SIP, HTTP and every protocol with a heuristic on TCP."""
    from sipc_tshark import tshark
    out, _ = tshark("-G", "heuristic-decodes")
    names = {"sipc", "sip", "http"} | {l.split("\t")[1] for l in out.splitlines() if l.startswith("tcp\t")}
    return sorted(names)


def readable_by_all(path):
    """Whether tshark, run as "nobody", can read path where it is."""
    path = os.path.abspath(path)
    if not os.stat(path).st_mode & 0o004:
        return False
    d = os.path.dirname(path)
    while True:
        if not os.stat(d).st_mode & 0o001:
            return False
        if d == os.path.dirname(d):
            return True
        d = os.path.dirname(d)


class Runner:
    def __init__(self, instructions, env=None):
        self.instructions = instructions
        self.env = env or {}  # added to every tshark's environment (--tshark-env)
        self.disabled = []
        for name in payload_dissectors():
            self.disabled += ["--disable-protocol", name]

    def settle_off(self, captures):
        """Switches off, for the "off" runs, every other protocol that still
        takes payload there: a protocol registered on a port that a client
        happens to use (IRC takes some 12 % of these frames by port).  It
        would read the payload in the "off" runs only, and more of it in the
        capture with the longer messages, so the baseline would not be the
        plain data dissector for both.  Returns what it switched off."""
        found = []
        for _ in range(4):
            new = set()
            for capture in captures:
                cmd, env = self.command(capture, ["-q", "-z", "io,phs"], False, plain=True)
                out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
                for line in out.splitlines():
                    words = line.split()
                    if len(words) == 3 and words[1].startswith("frames:") and words[0] not in BASELINE:
                        new.add(words[0])
            if not new:
                return found
            found += sorted(new)
            for name in sorted(new):
                self.disabled += ["--disable-protocol", name]
        raise SystemExit(f"protocols still take the payload with these off: {', '.join(found)}")

    def command(self, capture, extra, on, plain=False):
        from sipc_tshark import capture_path, wireshark_command
        path = capture if readable_by_all(capture) else capture_path(capture)
        args = ["-n", "-r", path, *extra, *([] if on else self.disabled)]
        if not on and "-V" in extra:
            args += ["-O", PRINTED_BASELINE]
        if self.instructions and not plain:
            # valgrind runs as the user tshark runs as (see sipc_tshark).
            return wireshark_command("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "tshark",
                                     *args, extra_env=self.env)
        return wireshark_command("tshark", *args, extra_env=self.env)

    def run(self, capture, extra, on):
        """{cpu: seconds or instructions, wall: seconds, rss: bytes} of one run."""
        cmd, env = self.command(capture, extra, on)
        if self.instructions:
            p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for line in p.stderr.splitlines():
                if "Collected :" in line:
                    return {"cpu": int(line.split(":")[-1].strip()), "wall": 0.0, "rss": 0}
            raise SystemExit(f"callgrind failed: {p.stderr[-500:]}")
        return self.run_together([(cmd, env, None)])[0]

    def run_side_by_side(self, jobs, cpus):
        """Runs jobs [(capture, extra, on)] at once, the i-th pinned to
        cpus[i]; their results in the same order."""
        return self.run_together([(*self.command(*job), cpu) for job, cpu in zip(jobs, cpus)])

    @staticmethod
    def run_together(commands):
        """Starts every (cmd, env, cpu or None) at once and waits for all."""
        with open(os.devnull, "wb") as null:
            start = time.perf_counter()
            procs = {}
            for i, (cmd, env, cpu) in enumerate(commands):
                pin = (lambda c=cpu: os.sched_setaffinity(0, {c})) if cpu is not None else None
                p = subprocess.Popen(cmd, env=env, stdout=null, stderr=subprocess.DEVNULL, preexec_fn=pin)
                procs[p.pid] = (i, cmd)
            results = [None] * len(commands)
            while procs:
                # The usage of the child and of the children it waited for
                # (runuser waits for tshark): CPU time and the largest RSS.
                pid, status, usage = os.wait4(-1, 0)
                if pid not in procs:
                    continue
                i, cmd = procs.pop(pid)
                if status != 0:
                    raise SystemExit(f"failed ({status}): {' '.join(cmd)}")
                results[i] = {"cpu": usage.ru_utime + usage.ru_stime, "wall": time.perf_counter() - start,
                              "rss": usage.ru_maxrss * 1024}
        return results


def batches(rep, side_by_side):
    """The runs of one repetition and mode, [(proto, on)] run at once each,
    in the reverse order every other repetition: side by side, SIP-C beside
    SIP, on then off (each dissector then on the other core); otherwise the
    four one after the other."""
    if side_by_side:
        order = [[(p, on) for p in PROTOS] for on in (True, False)]
        return [batch[::-1] for batch in order[::-1]] if rep % 2 else order
    order = [[(p, on)] for p in PROTOS for on in (True, False)]
    return order[::-1] if rep % 2 else order


def spread(values, fmt):
    """median [min .. max]"""
    if not values:
        return "-"
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(statistics.median(values))} [{fmt(min(values))} .. {fmt(max(values))}]"


def report(sizes, repeats, modes, runs, instructions, plugin, messages, side_by_side=False):
    """Prints the tables (Markdown) of a set of runs; messages[size] is the
    number of messages in the captures of that size."""
    unit = "instructions" if instructions else "CPU s"

    def get(n, rep, mode, proto, on, key):
        return next(r[key] for r in runs if (r["size"], r["rep"], r["mode"], r["proto"], r["on"]) ==
                    (n, rep, mode, proto, on))

    def diffs(n, mode, proto, key):
        """(on - off) per repetition."""
        reps = repeats[sizes.index(n)]
        return [get(n, i, mode, proto, True, key) - get(n, i, mode, proto, False, key) for i in range(reps)]

    def common_off_ratio(n, mode):
        """SIP-C's cost over SIP's, each on run minus one baseline: the
        median of every "off" run of that size and mode, both captures'.
        The "off" runs do the same work (callgrind: 1.000 of each other),
        yet their CPU times differ by up to a fifth from run to run; with a
        baseline of its own each dissector's difference carries that
        noise, with one common baseline only the "on" runs' does."""
        reps = repeats[sizes.index(n)]
        base = statistics.median(get(n, i, mode, p, False, "cpu") for i in range(reps) for p in PROTOS)
        pairs = [(get(n, i, mode, "sipc", True, "cpu") - base, get(n, i, mode, "sip", True, "cpu") - base)
                 for i in range(reps)]
        return [c / s for c, s in pairs if s > 0]

    def per_msg_time(v):
        return f"{v / 1e3:.2f}" if instructions else f"{v * 1e6:.2f}"

    time_label = "k instr/msg" if instructions else "us/msg"
    print()
    pairing = "side by side" if side_by_side else "one after the other"
    print(f"Cost per message, on - off, median [min .. max] of paired runs ({unit}; "
          f"{'' if instructions else pairing + '; '}plugin {plugin})")
    print()
    print(f"| messages | mode | SIP-C {time_label} | SIP {time_label} | SIP-C / SIP | off SIP-C / off SIP |"
          " on SIP-C / on SIP |" + ("" if instructions else " SIP-C / SIP, one off | SIP-C B/msg | SIP B/msg |"))
    print("|---:|---|---:|---:|---:|---:|---:|" + ("" if instructions else "---:|---:|---:|"))
    for size in sizes:
        reps = repeats[sizes.index(size)]
        n = messages[size]
        for mode in modes:
            c = diffs(size, mode, "sipc", "cpu")
            s = diffs(size, mode, "sip", "cpu")
            ratio = [a / b for a, b in zip(c, s) if b > 0]
            # Whole runs, SIP-C's over SIP's: "off" should be 1 (the same
            # work); "on" is the steadiest figure side by side, as both runs
            # meet the machine in the same seconds (bench/README.md).
            off, on = ([get(size, i, mode, "sipc", state, "cpu") / get(size, i, mode, "sip", state, "cpu")
                        for i in range(reps)] for state in (False, True))
            row = (f"| {n} | {mode} | {spread([v / n for v in c], per_msg_time)} | "
                   f"{spread([v / n for v in s], per_msg_time)} | {spread(ratio, lambda v: f'{v:.2f}')} | "
                   f"{spread(off, lambda v: f'{v:.3f}')} | {spread(on, lambda v: f'{v:.3f}')} |")
            if not instructions:
                row += f" {spread(common_off_ratio(size, mode), lambda v: f'{v:.2f}')} |"
                cm = diffs(size, mode, "sipc", "rss")
                sm = diffs(size, mode, "sip", "rss")
                row += f" {spread([v / n for v in cm], lambda v: f'{v:.0f}')} | " \
                       f"{spread([v / n for v in sm], lambda v: f'{v:.0f}')} |"
            print(row)

    if len(sizes) > 1:
        print()
        print("Growth from one size to the next: the cost added per message added (from the medians above).  "
              "Constant costs drop out; linear growth gives the same numbers for every pair of sizes.")
        print()
        head = f"| from | to | mode | SIP-C {time_label} | SIP {time_label} | SIP-C / SIP |"
        print(head + ("" if instructions else " SIP-C kept B/msg | SIP kept B/msg | kept SIP-C / SIP |"))
        print("|---:|---:|---|---:|---:|---:|" + ("" if instructions else "---:|---:|---:|"))
        for a, b in zip(sizes, sizes[1:]):
            for mode in modes:
                med = {(p, k, n): statistics.median(diffs(n, mode, p, k)) for p in PROTOS
                       for k in ("cpu", "rss") for n in (a, b)}
                grown = messages[b] - messages[a]
                add = {(p, k): (med[(p, k, b)] - med[(p, k, a)]) / grown for p in PROTOS for k in ("cpu", "rss")}
                ratio = add[("sipc", "cpu")] / add[("sip", "cpu")] if add[("sip", "cpu")] else float("nan")
                row = (f"| {messages[a]} | {messages[b]} | {mode} | {per_msg_time(add[('sipc', 'cpu')])} | "
                       f"{per_msg_time(add[('sip', 'cpu')])} | {ratio:.2f} |")
                if not instructions:
                    kr = add[("sipc", "rss")] / add[("sip", "rss")] if add[("sip", "rss")] > 0 else float("nan")
                    row += f" {add[('sipc', 'rss')]:.0f} | {add[('sip', 'rss')]:.0f} | {kr:.2f} |"
                print(row)


def print_kept(rows):
    import kept
    print()
    print("Kept by the SIP-C dissector itself (kept.py: bytes charged to sipc.so at their peak, one pass; "
          "growth: bytes added per message added)")
    print()
    print("\n".join(kept.table(rows)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=None,
                    help="messages per capture, comma-separated (default 10000,200000,1000000; "
                         "with --instructions 10000)")
    ap.add_argument("--repeat", default="7,5,3",
                    help="paired repetitions per size, one number for all or one per size (default 7,5,3)")
    ap.add_argument("--modes", default=",".join(MODES), help="of " + ", ".join(MODES))
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "plugin", "sipc.so"))
    ap.add_argument("--corpus", default=None,
                    help="where the captures are written and kept for the next run (default: "
                         "sipc-bench-corpus in the temporary folder)")
    ap.add_argument("--split", type=float, default=0.1)
    ap.add_argument("--coalesce", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--sip-bodies", choices=make_corpus.SIP_BODIES, default="typed",
                    help="as for make_corpus.py: text keeps SIP's body dissectors (XML, SDP) out")
    ap.add_argument("--tshark-env", metavar="NAME=VALUE", action="append", default=[],
                    help="set this in the environment of every tshark, SIP-C's and SIP's, on and off "
                         "(e.g. GLIBC_TUNABLES=glibc.malloc.mxfast=0); repeatable")
    ap.add_argument("--instructions", action="store_true", help="count instructions (callgrind) instead of timing")
    ap.add_argument("--no-kept", action="store_true",
                    help="leave out what SIP-C itself keeps (kept.py: one slow run per size)")
    ap.add_argument("--sequential", action="store_true",
                    help="run SIP-C and SIP one after the other, not side by side on two cores")
    ap.add_argument("--json", help="also write every run's numbers here")
    ap.add_argument("--report", metavar="JSON", nargs="+",
                    help="print the tables of runs saved by --json (several files: sizes measured "
                         "separately, one table), run nothing")
    args = ap.parse_args()
    if args.report:
        sizes, repeats, runs, messages, kept_rows = [], [], [], {}, []
        for path in args.report:
            with open(path) as f:
                saved = json.load(f)
            for n, r in zip(saved["sizes"], saved["repeats"]):
                if n not in sizes:
                    sizes.append(n)
                    repeats.append(r)
            runs += saved["runs"]
            messages.update({int(k): v["messages"] for k, v in saved["corpora"].items()})
            kept_rows += [tuple(r) for r in saved.get("kept", [])]
        order = sorted(range(len(sizes)), key=lambda i: sizes[i])
        report([sizes[i] for i in order], [repeats[i] for i in order], saved["modes"], runs,
               saved["args"]["instructions"], saved["args"]["plugin"], messages,
               not saved["args"].get("sequential", True))
        if kept_rows:
            print_kept(sorted(set(kept_rows)))
        return

    sizes = [int(s) for s in (args.sizes or ("10000" if args.instructions else "10000,200000,1000000")).split(",")]
    repeats = [int(r) for r in args.repeat.split(",")]
    repeats = [1] * len(sizes) if args.instructions else (
        repeats * len(sizes) if len(repeats) == 1 else (repeats + [repeats[-1]] * len(sizes))[:len(sizes)])
    modes = [m for m in args.modes.split(",") if m]
    for m in modes:
        if m not in MODES:
            raise SystemExit(f"unknown mode {m}: one of {', '.join(MODES)}")
    os.environ["SIPC_PLUGIN"] = os.path.abspath(args.plugin)
    corpus_root = make_corpus.default_root(args.corpus)
    bad = [kv for kv in args.tshark_env if "=" not in kv]
    if bad:
        raise SystemExit(f"--tshark-env wants NAME=VALUE: {', '.join(bad)}")
    runner = Runner(args.instructions, dict(kv.split("=", 1) for kv in args.tshark_env))
    usable = sorted(os.sched_getaffinity(0))
    cpus = None if args.sequential or args.instructions or len(usable) < 2 else usable[:2]
    args.sequential = cpus is None
    print("SIP-C and SIP run " + (f"side by side on cores {cpus[0]} and {cpus[1]}" if cpus else "one after the other"),
          flush=True)

    corpora = {}
    for n in sizes:
        t0 = time.perf_counter()
        info = make_corpus.make_in(corpus_root, n, args.split, args.coalesce, args.seed, args.sip_bodies)
        corpora[n] = info
        print(f"corpus {n}: {time.perf_counter() - t0:.0f} s; {info['messages']} messages, "
              f"{info['connections']} connections, {info['frames']} frames "
              f"({info['frames'] / info['messages']:.2f} per message, the same in both), "
              f"{100 * info['split_share']:.1f} % of messages split, "
              f"{100 * info['coalesced_share']:.1f} % sharing a segment; "
              f"SIP-C {info['sipc']['bytes'] / info['messages']:.0f} B/message, "
              f"SIP {info['sip']['bytes'] / info['messages']:.0f} B/message", flush=True)

    off = runner.settle_off([corpora[n][p]["path"] for n in sizes for p in PROTOS])
    print("off runs: " + (f"also switched off {', '.join(off)}, which took payload by port" if off else
                          "the payload goes to the data dissector"), flush=True)

    runs = []  # every run: size, rep, mode, proto, on, cpu, wall, rss
    started = time.perf_counter()
    for n, reps in zip(sizes, repeats):
        info = corpora[n]
        for rep in range(reps):
            for mode in modes:
                for batch in batches(rep, cpus is not None):
                    jobs = [(info[p]["path"], MODES[mode][p], on) for p, on in batch]
                    results = runner.run_side_by_side(jobs, cpus) if cpus else [runner.run(*jobs[0])]
                    for (proto, on), r in zip(batch, results):
                        runs.append(dict(size=n, rep=rep, mode=mode, proto=proto, on=on, **r))
            print(f"  size {n}: repetition {rep + 1}/{reps} done ({time.perf_counter() - started:.0f} s)",
                  file=sys.stderr, flush=True)
            if args.json:
                # After every repetition: a long run stopped half-way still
                # leaves what it measured (--report prints it).
                done = sizes[:sizes.index(n) + 1]
                with open(args.json, "w") as f:
                    json.dump({"args": vars(args), "off_disabled": off, "sizes": done, "repeats": repeats[:len(done) - 1] + [rep + 1],
                               "modes": modes, "corpora": {k: corpora[k] for k in done}, "runs": runs}, f, indent=1)
    kept_rows = []
    if not args.instructions and not args.no_kept:
        import tempfile
        import kept
        with tempfile.TemporaryDirectory() as d:
            os.chmod(d, 0o755)
            lib = kept.build_interposer(d)
            for n in sizes:
                peak, blocks, _ = kept.measure(lib, corpora[n]["sipc"]["path"])
                kept_rows.append((corpora[n]["messages"], peak, blocks))
                print(f"  size {n}: SIP-C keeps {peak} bytes", file=sys.stderr, flush=True)
        if args.json:
            with open(args.json) as f:
                saved = json.load(f)
            saved["kept"] = kept_rows
            with open(args.json, "w") as f:
                json.dump(saved, f, indent=1)
    report(sizes, repeats, modes, runs, args.instructions, os.path.abspath(args.plugin),
           {n: corpora[n]["messages"] for n in sizes}, cpus is not None)
    if kept_rows:
        print_kept(kept_rows)
    print()
    print(f"{len(runs)} runs in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
