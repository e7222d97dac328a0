#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Makes every capture of pcaps/manifest.txt from its transcript.

    python3 pcaps/tools/generate.py            # all captures
    python3 pcaps/tools/generate.py --check    # fail if a committed capture differs

The output depends only on the transcripts and the manifest, so anyone can
regenerate the captures and get the same bytes.
"""

import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import manifest  # noqa: E402
import transcript  # noqa: E402
from pcap_writer import MSS, PcapWriter, TcpStream  # noqa: E402


def message_cuts(data: bytes, start: int):
    """Cut points inside one message at `start` of a burst: after its first
    byte, inside the digits of L, in the middle of the body."""
    cuts = {start + 1}
    i = data.find(b"\r\nL: ")
    end = data.find(b"\r\n\r\n")
    if 0 <= i < end:
        digits = i + 5
        cuts.add(start + digits + 1)
    if end >= 0 and len(data) > end + 4:
        body = end + 4
        cuts.add(start + body + (len(data) - body) // 2)
    return cuts


def split_payloads(mode, group):
    """group: [Message] of one burst -> list of (message index, payload)."""
    if mode == "hostile":
        data = b"".join(m.data for m in group)
        cuts = set()
        pos = 0
        for m in group:
            cuts |= message_cuts(m.data, pos)
            pos += len(m.data)
            if pos - 3 > 0:
                cuts.add(pos - 3)  # the tail of one message with the next one's start
        cuts = sorted(c for c in cuts if 0 < c < len(data))
        pieces = []
        last = 0
        for c in cuts + [len(data)]:
            if c > last:
                pieces.append(data[last:c])
                last = c
        return pieces
    if mode.startswith("bytes:"):
        n = int(mode.split(":")[1])
        data = b"".join(m.data for m in group)
        return [data[i:i + n] for i in range(0, len(data), n)]
    data = b"".join(m.data for m in group)
    return [data[i:i + MSS] for i in range(0, len(data), MSS)] or [b""]


def bursts(messages, mode):
    """Groups messages that go out in one piece: joined ones always; in
    hostile mode, every run of messages in one direction of one connection."""
    groups = []
    for m in messages:
        if groups:
            last = groups[-1][-1]
            same_way = last.connection == m.connection and last.direction == m.direction
            if same_way and (m.join or mode == "hostile"):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def build(capture, t=None, check=True):
    """The capture's packets; `t` replaces its transcript (a mutated one, say)."""
    t = t or capture.load_transcript()
    problems = transcript.check(t) if check else []
    if problems:
        raise SystemExit("\n".join(problems))
    writer = PcapWriter(capture.snaplen)
    streams = {}
    isn = 1000
    for name, conn in t.connections.items():
        streams[name] = TcpStream(writer, conn.client, conn.server, isn, isn + 500000)
        isn += 1000000
    kept = set(id(m) for m in capture.captured_messages(t, whole=False))
    clock = t.start
    last_time = {}
    skipping = dict(capture.skip)
    for group in bursts(t.messages, capture.segment):
        first = group[0]
        stream = streams[first.connection]
        if id(first) not in kept:
            if capture.only is None or first.connection in capture.only:
                for m in group:
                    stream.skip(m.direction, len(m.data))
            continue
        clock = max(clock + 1e-6, t.start + first.time)
        missing = skipping.get(first.connection, 0) if first.direction == "c2s" else 0
        if not stream.opened and first.connection not in capture.drop and first.connection not in capture.skip:
            stream.open(clock)
        stream.opened = True
        for piece in split_payloads(capture.segment, group):
            if missing:
                gone = min(missing, len(piece))
                stream.skip(first.direction, gone)
                missing -= gone
                skipping[first.connection] = missing
                piece = piece[gone:]
                if not piece:
                    continue
            stream.send(clock, first.direction, piece)
            clock += 1e-6
        last_time[first.connection] = clock
    # Connections stay open to the end, as a signaling connection does.
    end = max(last_time.values(), default=clock) + 0.5
    for name, stream in streams.items():
        if name in last_time:
            stream.close(end)
            end += 0.01
    return writer


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the committed captures")
    ap.add_argument("names", nargs="*", help="only these captures")
    args = ap.parse_args()
    failed = False
    for capture in manifest.load():
        if args.names and capture.name not in args.names:
            continue
        writer = build(capture)
        if args.check:
            with tempfile.NamedTemporaryFile(suffix=".pcap") as tmp:
                writer.write(tmp.name)
                same = os.path.exists(capture.path) and open(tmp.name, "rb").read() == open(capture.path, "rb").read()
            if not same:
                print(f"{capture.name}: differs from its transcript", file=sys.stderr)
                failed = True
        else:
            writer.write(capture.path)
            print(f"{capture.name}: {len(writer.packets)} packets")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
