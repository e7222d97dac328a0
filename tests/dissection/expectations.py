# SPDX-License-Identifier: GPL-2.0-or-later
"""What a reader of a transcript expects the dissector to show for each
message: the start line, every header as its field, the body length.

The header-to-field names for the headers of doc/fields.md "Header fields" are written out here
(the contract); the other known headers come from fields/headers.def, the
table the plugin is built from, so that adding a row there is tested too.
"""

import os
import re
import unittest

from sipc_tshark import ROOT

CONTRACT = {
    "F": "sipc.from", "T": "sipc.to", "I": "sipc.call_id", "Q": "sipc.cseq",
    "L": "sipc.content_length", "N": "sipc.event", "K": "sipc.supported",
    "X": "sipc.expires", "XI": "sipc.message_id", "C": "sipc.content_type",
    "D": "sipc.date", "A": "sipc.auth", "W": "sipc.www_authenticate",
}
NUMERIC = {"I", "L", "X"}


def header_fields():
    table = dict(CONTRACT)
    text = open(os.path.join(ROOT, "fields", "headers.def"), encoding="utf-8").read()
    for wire, filt in re.findall(r'^SIPC_HEADER\(\w+,\s*"(\w+)",\s*"[^"]*",\s*"([\w.]+)"', text, re.M):
        table.setdefault(wire, filt)
        assert table[wire] == filt, f"fields/headers.def breaks the contract for {wire}"
    return table


HEADER_FIELDS = header_fields()


def expected_fields(msg):
    """{field: [shown values in order]} for one transcript message."""
    exp = {}

    def add(name, value):
        exp.setdefault(name, []).append(value)

    line = msg.start_line
    if line.startswith("SIP-C/"):
        version, code, reason = (line.split(" ", 2) + [""])[:3]
        add("sipc.status_line", line)
        add("sipc.version", version)
        add("sipc.status_code", code)
        add("sipc.reason", reason)
    else:
        method, uri, version = line.split(" ")
        add("sipc.request_line", line)
        add("sipc.method", method)
        add("sipc.request_uri", uri)
        add("sipc.version", version)
    for name, value in msg.headers:
        f = HEADER_FIELDS.get(name)
        if f is None:
            add("sipc.header.unknown", f"{name}: {value}")
            continue
        if name in NUMERIC:
            value = str(int(value.split(";")[0]))
        add(f, value)
        if name == "Q":
            seq, method = value.split(None, 1)
            add("sipc.cseq.seq", seq)
            add("sipc.cseq.method", method)
    return exp


def connection_of(t, src, dst):
    """(connection name, direction) of a packet's endpoints."""
    for name, c in t.connections.items():
        if str(c.client) == src and str(c.server) == dst:
            return name, "c2s"
        if str(c.server) == src and str(c.client) == dst:
            return name, "s2c"
    raise AssertionError(f"{src} -> {dst} is in no connection of {t.path}")


def align(capture, packets, t=None):
    """Pairs each transcript message of the capture with the message the
    dissector showed for it: [(transcript message, dissected message)].
    Messages are matched in order within each connection and direction; the
    pairs come in transcript order.  Pass the transcript `t` to match the
    pairs against other views of the same transcript objects."""
    t = t or capture.load_transcript()
    wanted = {}
    for m in capture.captured_messages(t):
        wanted.setdefault((m.connection, m.direction), []).append(m)
    seen = {}
    for p in packets:
        for m in p.messages:
            seen.setdefault(connection_of(t, m.src, m.dst), []).append(m)
    pairs = []
    for key, want in wanted.items():
        got = seen.get(key, [])
        if len(got) != len(want):
            raise AssertionError(f"{capture.name} {key}: {len(got)} messages shown, {len(want)} in the transcript")
        pairs += list(zip(want, got))
    order = {id(m): i for i, m in enumerate(t.messages)}
    return sorted(pairs, key=lambda p: order[id(p[0])])


def call_id_and_cseq(msg):
    h = dict(msg.headers)
    if "I" not in h or "Q" not in h:
        return None
    seq, method = h["Q"].split(None, 1)
    return int(h["I"]), int(seq), method


def expected_transactions(messages):
    """{id(response): request} and {id(request): answering response} by the
    transcript: same connection, opposite direction, same I and Q; the
    request's answer is its first final (>= 200) response, else its first."""
    response_to = {}
    answers = {}
    open_requests = {}
    for m in messages:
        key = call_id_and_cseq(m)
        if key is None:
            continue
        if not m.start_line.startswith("SIP-C/"):
            open_requests[(m.connection, m.direction, key)] = m
            continue
        back = "c2s" if m.direction == "s2c" else "s2c"
        req = open_requests.get((m.connection, back, key))
        if req is None:
            continue
        response_to[id(m)] = req
        code = int(m.start_line.split()[1])
        prev = answers.get(id(req))
        if prev is None or (code >= 200 and int(prev.start_line.split()[1]) < 200):
            answers[id(req)] = m
    return response_to, answers


class BothPasses(unittest.TestCase):
    """Runs check(capture, two_pass) on every capture of CAPTURES, once in
    tshark's single pass and once in two passes."""

    CAPTURES = []

    def check(self, name, two_pass):
        raise NotImplementedError

    def test_single_pass(self):
        for name in self.CAPTURES:
            with self.subTest(name):
                self.check(name, False)

    def test_two_pass(self):
        for name in self.CAPTURES:
            with self.subTest(name):
                self.check(name, True)
