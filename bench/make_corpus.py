#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Builds the two benchmark captures: the SIP-C conversations of
pcaps/transcripts repeated over many connections, and the same conversations
in standard SIP, message for message, in the same TCP segmentation.

    python3 bench/make_corpus.py OUTDIR [--messages N] [--split P] [--coalesce P] [--seed S]
                                        [--sip-bodies typed|text]

Why the SIP capture is made from the SIP-C one: a dissector's cost is the run
with it minus the run with it switched off, and the per-message costs of two
dissectors can only be compared when everything under them (frames, bytes,
TCP connections, reassembly) is the same.  So every SIP-C message becomes a
SIP message with the same start line kind (the request method mapped to
SIP's, the status code and reason kept), one SIP header for each SIP-C
header (SIP's compact names where SIP has one) plus the Content-Type and
Content-Length that SIP requires and SIP-C leaves implicit, a Call-ID
made unique to the copy of the conversation (CALL_ID_TAG), and the same
body, except that a compressed custom-config is carried as the XML document
it holds (inline_configs()), so that both dissectors read and show the same
document.  A translation shorter than its message would be padded with spaces
after the first header's colon (allowed by SIP, skipped by its parser);
with these transcripts every translation is longer ("CSeq: 1 MESSAGE" is
longer than "Q: 1 M"), 19 % on average, and the TCP cuts are moved in
proportion.  The two captures then have the same frames, the same frames per
message and the same split and coalesced messages; corpus.json gives the
bytes of each.

Segmentation: a message goes in a segment of its own; messages longer than
the MSS are cut at the MSS; --split P of the others are cut in two at a
random offset (a message arriving in two segments); a message that follows
one in the same direction of the same connection goes in that message's
segment with probability --coalesce P, and always when the transcript says
"join".  The random choices come from --seed: the same arguments give the
same bytes.

Conversations: each copy of a transcript gets client addresses of its own,
so it is a set of new TCP connections.  The one-message connections of
examples.txt (one per example file) are merged into one connection per
client and server, as a client's signaling connection carries them; kept
apart they would make connection set-up (three frames, a new conversation,
a heuristic) the bulk of the work.

Writes OUTDIR/bench-sipc.pcap, OUTDIR/bench-sip.pcap and OUTDIR/corpus.json
(the arguments and counts); an OUTDIR whose corpus.json already has the same
arguments is left as it is, since the 1,000,000-message captures take
minutes to write.
"""

import argparse
import base64
import gzip
import json
import os
import random
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "pcaps", "tools"))

import transcript  # noqa: E402
from pcap_writer import LINKTYPE_ETHERNET, MSS, TcpStream  # noqa: E402

TRANSCRIPTS = os.path.join(os.path.dirname(HERE), "pcaps", "transcripts")
SIPC = ["seed000-chat.txt", "seed004-presence.txt", "v4-login.txt", "two-chats.txt", "examples.txt"]
# Transcripts whose connections are merged per (client address, server).
MERGED = {"examples.txt"}
SIP_PORT = 5060
SIP_BODIES = ("typed", "typed-base64", "text")
FORMAT = 4  # bump when the output changes for the same arguments
# SIP-C's I numbers a client's transactions and chats from 1 on each login,
# so the copies of a transcript repeat the same I values.  SIP's Call-ID is
# unique in the world (RFC 3261 8.1.1.4: "a random string" "@" a host), and
# Wireshark's SIP keys its tables by it: carried over as it is, every copy's
# "i: 1" would fall on one key, which makes SIP's resend check (4.2 and
# later) search thousands of entries per message.  The translation appends
# a tag of the copy instead, of one length in every copy so that the
# messages keep their lengths and cuts: the same chat keeps one Call-ID
# within a copy, and no two copies share one.
CALL_ID_PREFIX = b"@copy"
CALL_ID_TAG = CALL_ID_PREFIX + b"\xff" * 6  # in sip_of()'s output; copy_tag() fills it in
# Each copy's clients get addresses of their own: 10.x.y.z numbered
# copy * CONNECTIONS_PER_COPY + the connection's rank in the copy.
CONNECTIONS_PER_COPY = 64


def copy_tag(copy):
    """What CALL_ID_TAG becomes in copy number `copy`."""
    return CALL_ID_PREFIX + b"%06x" % copy


def client_address(copy, k):
    """The address of the client of the k-th connection of copy `copy`."""
    n = copy * CONNECTIONS_PER_COPY + k
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def copy_of_address(ip):
    """The copy whose client has address ip (client_address()'s inverse)."""
    a, b, c = (int(x) for x in ip.split(".")[1:])
    return ((a << 16) | (b << 8) | c) // CONNECTIONS_PER_COPY

# SIP-C methods (fields/methods.def) as SIP methods.  S (a service request
# named by N) has no SIP method; PUBLISH keeps it apart from MESSAGE, so the
# filter on MESSAGE picks the same messages in both captures.
SIP_METHOD = {"R": "REGISTER", "S": "PUBLISH", "SUB": "SUBSCRIBE", "BN": "NOTIFY", "M": "MESSAGE",
              "I": "INVITE", "A": "ACK", "B": "BYE", "O": "OPTIONS", "IN": "INFO", "N": "NOTIFY",
              "NB": "NOTIFY", "NEG": "UPDATE"}
# SIP-C headers (fields/headers.def) as SIP headers: the compact form where
# SIP has one, else the SIP header of the same meaning, else one that takes
# free text, so that SIP parses each as it would in real traffic.
# Content-Length is written out: Wireshark's SIP reassembly over TCP
# (req_resp_hdrs_do_reassembly) does not know the compact "l".
SIP_HEADER = {"F": "f", "T": "t", "I": "i", "Q": "CSeq", "L": "Content-Length", "N": "o", "K": "k", "X": "Expires",
              "XI": "s", "C": "c", "D": "Date", "A": "Authorization", "W": "WWW-Authenticate",
              "CN": "Organization", "CL": "User-Agent", "AK": "Priority", "AL": "Accept-Language",
              "SV": "Server", "SO": "Reply-To", "RQ": "Require", "E": "e", "M": "m", "EP": "Route",
              "RB": "b", "RT": "r", "RM": "Warning", "UK": "Unsupported"}
_REQUEST = re.compile(rb"^([A-Z]{1,3}) (\S+) SIP-C/\d\.\d$")
_RESPONSE = re.compile(rb"^SIP-C/\d\.\d (\d{3})( .*)?$")


# A custom-config as SIP-C sends it: a gzip stream in base64, as the text
# of an XML element (doc/protocol.md, "Compressed custom-config").
_CONFIG = re.compile(rb"H4sI[A-Za-z0-9+/]+={0,2}")


def inline_configs(body):
    """`body` with each compressed custom-config replaced by the XML
    document inside it.  SIP-C compresses the document and SIP-C's
    dissector decompresses it and shows it as XML; SIP has no such
    encoding, so the SIP message that carries the same document carries it
    as XML, where SIP's XML dissector shows it: both dissectors then read
    and show the same document.  A blob that does not decode, or whose
    document could not stand inside an element (an XML declaration), is
    left as it is."""
    def plain(m):
        try:
            doc = gzip.decompress(base64.b64decode(m.group(0), validate=True))
        except (ValueError, OSError, EOFError):
            return m.group(0)
        return m.group(0) if doc.lstrip().startswith(b"<?") else doc
    return _CONFIG.sub(plain, body)


def sip_of(data, bodies="typed"):
    """The SIP message that carries what the SIP-C message `data` carries,
    at least as long as `data` (see the module comment).  bodies="text"
    labels every body text/plain instead of its kind; "typed" labels it by
    its kind and carries compressed custom-configs as the XML they hold
    (inline_configs()); "typed-base64" labels it by its kind and keeps
    the configs' bytes (SIP then shows the base64 text only)."""
    end = data.find(b"\r\n\r\n")
    head, body = (data[:end], data[end + 4:]) if end >= 0 else (data, b"")
    if bodies == "typed":
        body = inline_configs(body)
    lines = head.split(b"\r\n")
    m = _REQUEST.match(lines[0])
    method = None
    if m:
        method = SIP_METHOD.get(m.group(1).decode(), "OPTIONS")
        uri = m.group(2)
        if not uri.startswith((b"sip:", b"tel:")):
            uri = b"sip:" + uri
        start = method.encode() + b" " + uri + b" SIP/2.0"
    else:
        r = _RESPONSE.match(lines[0])
        if not r:
            raise ValueError(f"not a SIP-C start line: {lines[0]!r}")
        start = b"SIP/2.0 " + r.group(1) + (r.group(2) or b" OK")
    out = []
    for line in lines[1:]:
        name, colon, value = line.partition(b":")
        if not colon:
            continue
        key = name.strip().decode("utf-8", "replace")
        sip_name = SIP_HEADER.get(key, "X-" + key).encode()
        if key == "Q":
            # CSeq: number and method; SIP-C writes the method's token.
            parts = value.split()
            if len(parts) == 2:
                value = b" " + parts[0] + b" " + SIP_METHOD.get(parts[1].decode(), "OPTIONS").encode()
        elif key == "F" and not value.strip().startswith((b"sip:", b"tel:")):
            value = b" sip:" + value.strip()
        elif key == "L":
            value = b" " + str(len(body)).encode()  # the body may have changed (inline_configs)
        elif key == "I":
            value = value.rstrip() + CALL_ID_TAG  # "I: 11 " is 11, as "I: 11"
        out.append(sip_name + b":" + value)
    if body and not any(h.startswith(b"c:") for h in out):
        # SIP-C knows a body's kind from the method and N; SIP requires
        # Content-Type with any body (RFC 3261 20.15), and hands the body
        # to the dissector registered for it, as it would in real traffic.
        kind = body.lstrip() if bodies != "text" else b""
        out.append(b"c: " + (b"application/xml" if kind.startswith(b"<") else
                             b"application/sdp" if kind.startswith((b"v=", b"s=")) else b"text/plain"))
    if not any(h.startswith(b"Content-Length:") for h in out):
        # SIP-C leaves L out when there is no body; SIP over TCP needs
        # Content-Length to find where the next message starts.
        out.append(b"Content-Length: 0")
    pad = len(data) - (len(start) + sum(len(h) + 2 for h in out) + 4 + len(body))
    if pad > 0:
        name, _, value = out[0].partition(b":")  # every SIP-C message has I and Q
        out[0] = name + b":" + b" " * pad + value
    return start + b"\r\n" + b"".join(h + b"\r\n" for h in out) + b"\r\n" + body


class StreamingPcap:
    """A pcap file written as it goes: TcpStream adds frames; flush() sorts
    what was added since the last flush by time and writes it, so a
    1,000,000-message capture never sits in memory."""

    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, LINKTYPE_ETHERNET))
        self.packets = []
        self.frames = 0
        self.serial = 0

    def add(self, t, frame):
        self.packets.append((t, self.serial, frame))
        self.serial += 1

    def flush(self):
        for t, _, frame in sorted(self.packets):
            sec = int(t)
            usec = int(round((t - sec) * 1e6))
            if usec >= 1000000:
                sec, usec = sec + 1, usec - 1000000
            self.f.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)))
            self.f.write(frame)
        self.frames += len(self.packets)
        self.packets = []

    def close(self):
        self.flush()
        self.f.close()


def load():
    """The transcripts' messages as (transcript, [(connection key, client, server, message)])."""
    out = []
    for name in SIPC:
        t = transcript.parse(os.path.join(TRANSCRIPTS, name))
        keys = {}
        for c in t.connections.values():
            key = (c.client.ip, str(c.server)) if name in MERGED else c.name
            keys.setdefault(c.name, (key, c))
        first = {}
        for cname, (key, c) in keys.items():
            first.setdefault(key, c)  # a merged connection keeps its first client port
        msgs = []
        for m in t.messages:
            if m.raw:
                raise SystemExit(f"{name}: raw blocks have no SIP equivalent")
            key = keys[m.connection][0]
            c = first[key]
            msgs.append((key, c.client, c.server, m))
        out.append((name, msgs))
    return out


def plan_copy(msgs, rng, split, coalesce):
    """The segments of one copy of a transcript: [(time, key, direction,
    [(message index, start, end)])], offsets in the SIP-C bytes."""
    segments = []
    last = {}  # (key, direction) -> index in segments of the previous message's only segment
    prev = None
    for i, (key, _, _, m) in enumerate(msgs):
        n = len(m.data)
        if n > MSS:
            cuts = list(range(MSS, n, MSS))
        elif n >= 2 and rng.random() < split:
            cuts = [rng.randrange(1, n)]
        else:
            cuts = []
        stream = (key, m.direction)
        joinable = (not cuts and prev is not None and prev[0] == stream and stream in last
                    and sum(e - s for _, s, e in segments[last[stream]][3]) + n <= MSS)
        if joinable and (m.join or rng.random() < coalesce):
            segments[last[stream]][3].append((i, 0, n))
        else:
            bounds = [0] + cuts + [n]
            for s, e in zip(bounds, bounds[1:]):
                segments.append((m.time, key, m.direction, [(i, s, e)]))
        if cuts:
            last.pop(stream, None)
        else:
            last[stream] = len(segments) - 1
        prev = (stream, i)
    return segments


def moved(offset, n, n2):
    """A cut at `offset` of an n-byte message, in its n2-byte translation."""
    return offset if n2 == n else (n2 if offset == n else round(offset * n2 / n))


def build(outdir, wanted, split, coalesce, seed, sip_bodies):
    rng = random.Random(seed)
    convs = load()
    sip_bytes = {}
    for _, msgs in convs:
        for _, _, _, m in msgs:
            if m.data not in sip_bytes:
                sip_bytes[m.data] = sip_of(m.data, sip_bodies)
    writers = {"sipc": StreamingPcap(os.path.join(outdir, "bench-sipc.pcap")),
               "sip": StreamingPcap(os.path.join(outdir, "bench-sip.pcap"))}
    stats = {p: {"messages": 0, "bytes": 0, "headers": 0} for p in writers}
    split_msgs = coalesced_msgs = segments_total = connections = 0
    filter_hits = 0
    clock = 1.0e9
    copy = 0
    while stats["sipc"]["messages"] < wanted:
        for name, msgs in convs:
            if stats["sipc"]["messages"] >= wanted:
                break
            segs = plan_copy(msgs, rng, split, coalesce)
            tag = copy_tag(copy)
            # Each message's SIP bytes in this copy, tagged once.
            sip_copy = [sip_bytes[m.data].replace(CALL_ID_TAG, tag, 1) for _, _, _, m in msgs]
            # Each copy on client addresses of its own: new connections.
            streams = {"sipc": {}, "sip": {}}
            order = []
            for key, client, server, _ in msgs:
                if key not in order:
                    order.append(key)
            for proto in writers:
                for k, key in enumerate(order):
                    _, client, server, _ = next(x for x in msgs if x[0] == key)
                    ip = client_address(copy, k)
                    srv = server if proto == "sipc" else transcript.Endpoint(server.ip, SIP_PORT)
                    streams[proto][key] = TcpStream(writers[proto], transcript.Endpoint(ip, client.port), srv)
            connections += len(order)
            base = clock
            pieces_of = {}
            for _, _, _, pieces in segs:
                for i, _, _ in pieces:
                    pieces_of[i] = pieces_of.get(i, 0) + 1
            for when, key, direction, pieces in segs:
                t = base + when
                for proto in writers:
                    s = streams[proto][key]
                    if not s.opened:
                        s.open(t)
                    payload = b""
                    for i, a, e in pieces:
                        data = msgs[i][3].data
                        if proto == "sip":
                            tr = sip_copy[i]
                            a, e, data = moved(a, len(data), len(tr)), moved(e, len(data), len(tr)), tr
                        payload += data[a:e]
                    s.send(t, direction, payload)
                segments_total += 1
                clock = max(clock, t + 0.001)
            for i, (_, _, _, m) in enumerate(msgs):
                for proto in writers:
                    data = m.data if proto == "sipc" else sip_copy[i]
                    stats[proto]["messages"] += 1
                    stats[proto]["bytes"] += len(data)
                    stats[proto]["headers"] += data[:data.find(b"\r\n\r\n")].count(b"\r\n")
                if pieces_of[i] > 1:
                    split_msgs += 1
                if m.data.startswith(b"M "):
                    filter_hits += 1
            for _, _, _, pieces in segs:
                if len(pieces) > 1:
                    coalesced_msgs += len(pieces)
            copy += 1
            for w in writers.values():
                w.flush()
    for w in writers.values():
        w.close()
    n = stats["sipc"]["messages"]
    info = {"format": FORMAT, "messages_wanted": wanted, "split": split, "coalesce": coalesce, "seed": seed,
            "sip_bodies": sip_bodies,
            "messages": n, "connections": connections, "frames": writers["sipc"].frames,
            "frames_sip": writers["sip"].frames, "data_segments": segments_total,
            "split_share": split_msgs / n, "coalesced_share": coalesced_msgs / n,
            "filter_matches": filter_hits,
            "sipc": dict(stats["sipc"], path=os.path.join(outdir, "bench-sipc.pcap")),
            "sip": dict(stats["sip"], path=os.path.join(outdir, "bench-sip.pcap"))}
    return info


def folder_name(messages, split=0.1, coalesce=0.5, seed=11, sip_bodies="typed"):
    """A folder of its own for each set of arguments, so that captures kept
    for reuse are not written over by a run with other arguments."""
    if (split, coalesce, seed, sip_bodies) == (0.1, 0.5, 11, "typed"):
        return f"n{messages}"
    return f"n{messages}-split{split:g}-coalesce{coalesce:g}-seed{seed}-{sip_bodies}"


def default_root(chosen=None):
    """Where the benchmark's scripts keep their captures: chosen (their
    --corpus), else a folder of this user's in /tmp."""
    return chosen or os.path.join("/tmp", f"sipc-bench-corpus-{os.getuid()}")


def make_in(root, messages, split=0.1, coalesce=0.5, seed=11, sip_bodies="typed"):
    """make() in the folder of these arguments under root (folder_name()),
    the folders and captures readable by the user tshark runs as; returns
    corpus.json's contents."""
    outdir = os.path.join(root, folder_name(messages, split, coalesce, seed, sip_bodies))
    info = make(outdir, messages, split, coalesce, seed, sip_bodies)
    for folder in (root, outdir):
        os.chmod(folder, 0o755)
    for proto in ("sipc", "sip"):
        os.chmod(info[proto]["path"], 0o644)
    return info


def make(outdir, messages, split=0.1, coalesce=0.5, seed=11, sip_bodies="typed"):
    """Builds the captures in outdir unless they are there already; returns corpus.json's contents."""
    os.makedirs(outdir, exist_ok=True)
    meta = os.path.join(outdir, "corpus.json")
    wanted = {"format": FORMAT, "messages_wanted": messages, "split": split, "coalesce": coalesce, "seed": seed,
              "sip_bodies": sip_bodies}
    if os.path.exists(meta):
        with open(meta) as f:
            info = json.load(f)
        if all(info.get(k) == v for k, v in wanted.items()) and all(
                os.path.exists(info[p]["path"]) for p in ("sipc", "sip")):
            return info
    info = build(outdir, messages, split, coalesce, seed, sip_bodies)
    with open(meta, "w") as f:
        json.dump(info, f, indent=1)
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--messages", type=int, default=10000)
    ap.add_argument("--split", type=float, default=0.1, help="share of messages cut in two segments")
    ap.add_argument("--coalesce", type=float, default=0.5,
                    help="chance that a message shares the segment of the one before it in its direction")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--sip-bodies", choices=SIP_BODIES, default="typed",
                    help="SIP's Content-Type: the body's kind (XML, SDP, text) with custom-configs as the XML "
                         "they hold (typed), the same with the configs in base64 as SIP-C sends them "
                         "(typed-base64), or text/plain for all, which keeps SIP from handing bodies to the "
                         "XML and SDP dissectors (text)")
    args = ap.parse_args()
    info = make(args.outdir, args.messages, args.split, args.coalesce, args.seed, args.sip_bodies)
    print(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
