#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Where the SIP-C dissector spends its instructions and what memory it
keeps, on a small capture of the benchmark (bench/make_corpus.py).

    python3 bench/profile.py [--messages 3000] [--mode summary] [--plugin build/plugin/sipc.so]
                             [--out DIR] [--top 25] [--no-memory] [--no-time]

Time: tshark runs under valgrind's callgrind with SIP-C on, counting only
inside the plugin's entry for a stream of messages (dissect_stream) and what
it calls; the tables list the plugin's functions by inclusive instructions
per message (the function and what it calls), then every function, the
plugin's and Wireshark's, by its own instructions.  What the stream entry
does not cover (the heuristic's look at a new connection, HTTP trying port
8080 first, TCP's reassembly, the output) is in run.py --instructions'
totals.  callgrind.out stays in --out for callgrind_annotate or kcachegrind.

Memory: tshark runs under valgrind's DHAT on the SIP-C capture with SIP-C on
and off, and on the SIP capture with SIP on and off.  Wireshark's wmem
allocators take memory from the system in large blocks and hand it out
themselves, which hides who asked for it; WIRESHARK_DEBUG_WMEM_OVERRIDE=strict
makes every wmem allocation a malloc of its own (and G_SLICE=always-malloc
does the same for GLib), so each allocation is charged to the function that
made it: the first caller outside the allocators.  ("simple" would do the
same without the strict allocator's 40 bytes of header and canaries per
block, which are taken off here, but its free searches a list of every
block and takes hours.)  What is still allocated
when the heap is at its largest (the end of the file, in one pass) is what
the dissectors keep; on minus off, per site, divided by the messages, is
what each message leaves behind and where.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "dissection"))
sys.path.insert(0, HERE)

import make_corpus  # noqa: E402
import run  # noqa: E402

# Frames that allocate on someone else's behalf: the site is their caller.
ALLOCATORS = re.compile(r"^(malloc|calloc|realloc|free|operator new|g_malloc|g_malloc0|g_realloc|g_try_malloc|"
                        r"g_slice_|g_new|g_strdup|g_strndup|g_memdup|g_array_|g_ptr_array_|g_hash_table_resize|"
                        r"g_hash_table_set_shift|g_hash_table_setup_storage|g_hash_table_maybe_resize|"
                        r"g_hash_table_insert|g_hash_table_replace|g_hash_table_add|g_hash_table_new|"
                        r"wmem_|std::|__gnu_cxx::|void std::|tvb_memdup|se_|ep_|"
                        r"g_string_|g_byte_array_|g_tree_|g_list_|g_slist_|g_queue_)")


# Header (two links and a length) and two 8-byte canaries the strict
# allocator adds to every block
# (wmem_allocator_strict.c).
STRICT_OVERHEAD = 40


def frame_name(frame):
    """The function of a DHAT frame: "0x4C2F: name (file:line)"."""
    text = frame.split(": ", 1)[1] if ": " in frame else frame
    text = re.sub(r" \((?:in )?[^()]*\)$", "", text)
    return text.strip()


def allocating_site(frames, names):
    """The first frame that is not an allocator; a function without a
    symbol (static in a stripped library) is named by its library and its
    nearest named caller."""
    for i, (frame, name) in enumerate(zip(frames, names)):
        if ALLOCATORS.match(name):
            continue
        if name == "???":
            lib = re.search(r"\(in (?:.*/)?([^/)]+?)(?:\.so[.\d]*)?\)", frame)
            lib = lib.group(1) if lib else "?"
            if lib in ("libwsutil", "libglib-2.0", "libc"):
                continue  # the allocators' own static functions
            caller = next((n for n in names[i + 1:] if n != "???" and not ALLOCATORS.match(n)), "?")
            return f"(static in {lib}) < {caller}"
        return name
    return names[-1] if names else "?"


# Entries through which a dissector is called (TCP calling SIP, HTTP; SIP
# calling XML); and the functions of TCP's reassembly.
CALLED = {"decode_tcp_ports", "dissector_try_uint_new", "dissector_try_uint", "dissector_try_string_new",
          "dissector_try_string", "dissector_try_heuristic", "call_dissector_with_data", "call_dissector_only",
          "call_dissector", "try_conversation_dissector"}
REASSEMBLY = {"fragment_add", "fragment_add_check", "fragment_add_seq", "fragment_add_seq_next",
              "dissect_tcp_payload", "tvb_new_real_data"}


def owner(names):
    """Who the memory is for: the plugin; TCP's reassembly of what a
    dissector asked for; a dissector called through a table (SIP, HTTP
    trying port 8080, XML); or elsewhere.  The innermost of these frames
    decides."""
    if any(n.startswith(("sipc::", "wmem_construct<sipc")) for n in names):
        return "SIP-C plugin"
    for n in names:
        if n in REASSEMBLY:
            return "TCP's reassembly"
        if n in CALLED:
            return "other dissectors (SIP, HTTP, XML, ...)"
    return "elsewhere"


def dhat_sites(path):
    """Bytes live at the heap's peak, by allocating function; and by owner."""
    with open(path) as f:
        d = json.load(f)
    ftbl = d["ftbl"]
    sites = collections.Counter()
    blocks = collections.Counter()
    owners = collections.Counter()
    for pp in d["pps"]:
        frames = [ftbl[i] for i in pp["fs"]]
        names = [frame_name(f) for f in frames]
        size, count = pp.get("gb", 0), pp.get("gbk", 0)
        site = allocating_site(frames, names)
        # A block of a wmem allocator: the strict allocator (a static
        # function of libwsutil, hence "???") right above the malloc.
        if len(frames) > 2 and names[2] == "???" and "libwsutil" in frames[2]:
            size -= STRICT_OVERHEAD * count
        sites[site] += size
        blocks[site] += count
        owners[owner(names)] += size
    return sites, blocks, owners


def valgrind(tool_args, capture, extra, on, env_extra, runner):
    from sipc_tshark import wireshark_command
    cmd, _ = runner.command(capture, extra, on)
    # runner.command builds the tshark command line; put valgrind in front.
    args = cmd[cmd.index("tshark") + 1:]
    cmd, env = wireshark_command("valgrind", *tool_args, "tshark", *args, extra_env=env_extra)
    p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise SystemExit(f"valgrind failed: {p.stderr[-800:]}")
    return p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=3000)
    ap.add_argument("--mode", default="summary", choices=list(run.MODES))
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "plugin", "sipc.so"))
    ap.add_argument("--corpus", default=None, help="as for run.py")
    ap.add_argument("--out", default=None, help="where callgrind.out and the DHAT files go")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--no-time", action="store_true")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--reuse", action="store_true", help="read the valgrind files already in --out, run nothing")
    args = ap.parse_args()
    os.environ["SIPC_PLUGIN"] = os.path.abspath(args.plugin)
    corpus_root = make_corpus.default_root(args.corpus)
    info = make_corpus.make_in(corpus_root, args.messages)
    n = info["messages"]
    out = os.path.abspath(args.out or os.path.join(corpus_root, f"profile-n{args.messages}-{args.mode}"))
    os.makedirs(out, exist_ok=True)
    os.chmod(out, 0o777)  # valgrind writes here as the user tshark runs as
    runner = None if args.reuse else run.Runner(False)
    sipc_cap, sip_cap = info["sipc"]["path"], info["sip"]["path"]
    mode_args = run.MODES[args.mode]

    if not args.no_time:
        cg = os.path.join(out, "callgrind.out")
        if not args.reuse:
            # Counted only inside the plugin's stream entry (and all it
            # calls, Wireshark's functions included): start-up, TCP and the
            # output stay out of the table.
            valgrind(["--tool=callgrind", f"--callgrind-out-file={cg}", "--toggle-collect=sipc::epan::dissect_stream*"],
                     sipc_cap, mode_args["sipc"], True, {}, runner)
        print(f"## Instructions, SIP-C on, {args.mode}, {n} messages ({cg})\n")
        for inclusive in (True, False):
            text = subprocess.run(["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}",
                                   "--threshold=100", cg], capture_output=True, text=True).stdout
            rows = []
            for line in text.splitlines():
                m = re.match(r"^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(\S.*?)\s+\[(.*)\]\s*$", line)
                if not m:
                    continue
                ir = int(m.group(1).replace(",", ""))
                func, obj = m.group(2), m.group(3)
                if inclusive and "sipc" not in os.path.basename(obj):
                    continue
                rows.append((ir, func, os.path.basename(obj)))
            rows.sort(reverse=True)
            title = "plugin functions, inclusive" if inclusive else "all functions, self"
            print(f"| {title} | instr/msg | object |\n|---|---:|---|")
            for ir, func, obj in rows[:args.top]:
                print(f"| `{func[:110]}` | {ir / n:,.0f} | {obj} |")
            print()

    if not args.no_memory:
        env = {"WIRESHARK_DEBUG_WMEM_OVERRIDE": "strict", "G_SLICE": "always-malloc"}
        peaks = {}
        for proto, cap in (("sipc", sipc_cap), ("sip", sip_cap)):
            for on in (True, False):
                f = os.path.join(out, f"dhat-{proto}-{'on' if on else 'off'}.json")
                if not args.reuse:
                    valgrind(["--tool=dhat", "--num-callers=40", f"--dhat-out-file={f}"], cap, mode_args[proto], on,
                             env, runner)
                peaks[(proto, on)] = dhat_sites(f)
        for proto in ("sipc", "sip"):
            on_sites, on_blocks, on_owners = peaks[(proto, True)]
            off_sites, off_blocks, off_owners = peaks[(proto, False)]
            diff = {k: on_sites.get(k, 0) - off_sites.get(k, 0) for k in set(on_sites) | set(off_sites)}
            bdiff = {k: on_blocks.get(k, 0) - off_blocks.get(k, 0) for k in diff}
            total = sum(diff.values())
            print(f"## Heap at its peak, {run.NAMES[proto]} on - off, {args.mode}, {n} messages: "
                  f"{total / n:.0f} B/msg in {sum(bdiff.values()) / n:.2f} blocks/msg\n")
            print("| for | B/msg |\n|---|---:|")
            for k in sorted(set(on_owners) | set(off_owners)):
                print(f"| {k} | {(on_owners.get(k, 0) - off_owners.get(k, 0)) / n:.1f} |")
            print()
            print("| allocated by | B/msg | blocks/msg |\n|---|---:|---:|")
            for k in sorted(diff, key=lambda k: -abs(diff[k]))[:args.top]:
                if diff[k] == 0:
                    break
                print(f"| `{k[:110]}` | {diff[k] / n:.1f} | {bdiff[k] / n:.3f} |")
            print()


if __name__ == "__main__":
    main()
