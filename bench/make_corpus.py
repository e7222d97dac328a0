#!/usr/bin/env python3
"""Builds the benchmark captures from the transcripts in pcaps/transcripts:
the SIP-C transcripts, and the standard-SIP one as the reference, each
repeated over many connections until both hold about the same number of
messages.  Written where asked (the build tree), never committed.

    python3 bench/make_corpus.py OUTDIR [--messages N]
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "pcaps", "tools"))

import transcript  # noqa: E402
from pcap_writer import MSS, PcapWriter, TcpStream  # noqa: E402

TRANSCRIPTS = os.path.join(os.path.dirname(HERE), "pcaps", "transcripts")
SIPC = ["seed000-chat.txt", "seed004-presence.txt", "v4-login.txt", "two-chats.txt", "examples.txt"]
SIP = ["sip-standard.txt"]


def build(names, wanted, path):
    ts = [transcript.parse(os.path.join(TRANSCRIPTS, n)) for n in names]
    writer = PcapWriter()
    clock = 1.0e9
    count = 0
    copy = 0
    total_bytes = 0
    while count < wanted:
        for t in ts:
            streams = {}
            for name, c in t.connections.items():
                # Each copy on its own client address: a connection of its own.
                client = transcript.Endpoint(f"10.{(copy >> 8) & 255}.{copy & 255}.{len(streams) + 1}", c.client.port)
                streams[name] = TcpStream(writer, client, c.server)
            base = clock
            for m in t.messages:
                s = streams[m.connection]
                when = base + m.time
                if not s.opened:
                    s.open(when)
                for i in range(0, len(m.data), MSS):
                    s.send(when, m.direction, m.data[i:i + MSS])
                count += 1
                total_bytes += len(m.data)
                clock = max(clock, when + 0.001)
            copy += 1
    writer.write(path)
    return count, total_bytes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--messages", type=int, default=50000)
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    for label, names in (("sipc", SIPC), ("sip", SIP)):
        path = os.path.join(args.outdir, f"bench-{label}.pcap")
        n, b = build(names, args.messages, path)
        print(f"{path}: {n} messages, {b} bytes of messages")


if __name__ == "__main__":
    main()
