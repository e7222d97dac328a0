#!/usr/bin/env python3
"""Speed and memory of the SIP-C dissector against Wireshark's own SIP
dissector, measured in the same run on captures of about the same number of
messages (bench/make_corpus.py), reported as ratios.

For each capture and each way of reading it (summary lines, a display
filter, the full tree), tshark runs three times as it is and three times
with SIP-C, SIP, HTTP and every protocol with a TCP heuristic switched off,
so that the payload goes to the plain "data" dissector: the difference is
what the dissector itself costs; Ethernet, IP, TCP, reassembly and output
are not counted, and neither are other heuristics trying their luck.

    python3 bench/run.py [--messages N] [--repeat R] [--plugin build/plugin/sipc.so]
    python3 bench/run.py --instructions [--messages 5000]

--instructions counts instructions under valgrind's callgrind instead of
timing: slower (use fewer messages), but the same on every run and on a busy
machine.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "dissection"))

COUNT_INSTRUCTIONS = False

MODES = {
    "summary": {"sipc": [], "sip": []},
    "filter": {"sipc": ["-Y", 'sipc.method == "M"'], "sip": ["-Y", 'sip.Method == "MESSAGE"']},
    "tree": {"sipc": ["-V"], "sip": ["-V"]},
}


def instructions(cmd, env):
    """Instructions executed by one command run under callgrind."""
    p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in p.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1].strip())
    raise SystemExit(f"callgrind failed: {p.stderr[-500:]}")


def run(cmd, env):
    """Seconds and peak memory (KiB) of one command."""
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        p = subprocess.Popen(cmd, env=env, stdout=null, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss


def payload_dissectors():
    """SIP-C, SIP, HTTP and every protocol with a heuristic on TCP."""
    from sipc_tshark import tshark
    out, _ = tshark("-G", "heuristic-decodes")
    names = {"sipc", "sip", "http"} | {l.split("\t")[1] for l in out.splitlines() if l.startswith("tcp\t")}
    return sorted(names)


def measure(capture, proto, extra, repeat, disabled):
    from sipc_tshark import capture_path, wireshark_command
    args = ["-n", "-r", capture_path(capture), *extra]
    if disabled:
        for name in payload_dissectors():
            args += ["--disable-protocol", name]
    if COUNT_INSTRUCTIONS:
        # valgrind runs as the user tshark runs as (see sipc_tshark).
        cmd, env = wireshark_command("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "tshark",
                                     *args)
        return instructions(cmd, env) / 1e9, 0
    cmd, env = wireshark_command("tshark", *args)
    best_t, best_m = None, None
    for _ in range(repeat):
        t, m = run(cmd, env)
        best_t = t if best_t is None else min(best_t, t)
        best_m = m if best_m is None else min(best_m, m)
    return best_t, best_m


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=50000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "plugin", "sipc.so"))
    ap.add_argument("--instructions", action="store_true", help="count instructions (callgrind) instead of timing")
    args = ap.parse_args()
    global COUNT_INSTRUCTIONS
    COUNT_INSTRUCTIONS = args.instructions
    if args.instructions:
        args.repeat = 1
    os.environ["SIPC_PLUGIN"] = os.path.abspath(args.plugin)
    out = tempfile.mkdtemp(prefix="sipc-bench-")
    made = subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), out, "--messages",
                           str(args.messages)], check=True, capture_output=True, text=True).stdout
    counts = {}
    for line in made.splitlines():
        path, rest = line.split(": ", 1)
        counts["sipc" if os.path.basename(path) == "bench-sipc.pcap" else "sip"] = (path, int(rest.split()[0]), int(rest.split()[2]))
    print(f"captures: SIP-C {counts['sipc'][1]} messages ({counts['sipc'][2]} bytes), "
          f"SIP {counts['sip'][1]} messages ({counts['sip'][2]} bytes); best of {args.repeat} runs")
    unit = "G instr" if COUNT_INSTRUCTIONS else "s"
    per_msg_label = "k instr/msg" if COUNT_INSTRUCTIONS else "cost us/msg"
    per_byte_label = "instr/B" if COUNT_INSTRUCTIONS else "cost ns/B"
    print(f"{'mode':8} {'dissector':9} {'on (' + unit + ')':>10} {'off (' + unit + ')':>10} {per_msg_label:>12} {per_byte_label:>10} "
          f"{'peak MiB':>9} {'+MiB':>9}")
    ratios = {}
    for mode, extras in MODES.items():
        cost = {}
        for proto in ("sipc", "sip"):
            path, n, nbytes = counts[proto]
            on_t, on_m = measure(path, proto, extras[proto], args.repeat, False)
            off_t, off_m = measure(path, proto, extras[proto], args.repeat, True)
            per_msg = max(on_t - off_t, 0) / n * 1e6
            per_byte = max(on_t - off_t, 0) / nbytes * 1e9
            extra_mem = max(on_m - off_m, 0) / 1024
            cost[proto] = (per_msg, per_byte, extra_mem)
            print(f"{mode:8} {proto:9} {on_t:10.3f} {off_t:10.3f} {per_msg:12.2f} {per_byte:10.2f} "
                  f"{on_m / 1024:9.1f} {extra_mem:9.1f}")
        ratios[mode] = tuple(cost["sipc"][i] / cost["sip"][i] if cost["sip"][i] else float("nan") for i in range(3))
    print()
    print("SIP-C / SIP (below 1: SIP-C is cheaper)")
    print(f"{'mode':8} {'per message':>12} {'per byte':>10} {'memory':>12}")
    for mode, (m, b, mem) in ratios.items():
        shown = "-" if COUNT_INSTRUCTIONS else f"{mem:.2f}"
        print(f"{mode:8} {m:12.2f} {b:10.2f} {shown:>12}")


if __name__ == "__main__":
    main()
