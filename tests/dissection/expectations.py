"""What a reader of a transcript expects the dissector to show for each
message: the start line, every header as its field, the body length.

The header-to-field names for the headers of FIELDS.md are written out here
(the contract); the other known headers come from fields/headers.def, the
table the plugin is built from, so that adding a row there is tested too.
"""

import os
import re

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
