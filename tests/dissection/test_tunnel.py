# SPDX-License-Identifier: GPL-2.0-or-later
"""SIP-C through the HTTP tunnel (doc/protocol.md "HTTP tunnel"): HTTP stays HTTP, and the
SIP-C messages inside its bodies (ending in SIPP) are dissected, whatever
the segmentation."""

import re
import unittest

import expectations
import manifest
import transcript
from sipc_tshark import dissect


def inner_messages(http_message):
    """The SIP-C messages of an HTTP message's body, framed by CRLFCRLF and L."""
    body = http_message.body
    if body.endswith(b"SIPP"):
        body = body[:-4]
    out = []
    while body:
        end = body.index(b"\r\n\r\n") + 4
        m = re.search(rb"\r\nL: (\d+)", body[:end])
        n = int(m.group(1)) if m else 0
        out.append(transcript.Message("", "", 0, body[: end + n]))
        body = body[end + n:]
    return out


class Tunnel(unittest.TestCase):
    def check(self, name):
        capture = manifest.find(name)
        t = capture.load_transcript()
        want = [m for h in t.messages for m in inner_messages(h)]
        packets = dissect(name)
        got = [m for p in packets for m in p.messages]
        self.assertEqual(len(got), len(want), name)
        for w, g in zip(want, got):
            exp = expectations.expected_fields(w)
            for f in ("sipc.request_line", "sipc.status_line", "sipc.call_id", "sipc.cseq", "sipc.event",
                      "sipc.cnonce", "sipc.client_info", "sipc.content_length"):
                self.assertEqual(g.values(f), exp.get(f, []), f"{name} frame {g.frame}: {f}")
            self.assertEqual(sum(g.sizes("sipc.body")), len(w.body))
        fields = [f for p in packets for f in p.fields]
        self.assertEqual(len([f for f in fields if f.name == "sipc.tunnel_trailer"]), len(t.messages))
        self.assertEqual(len([f for f in fields if f.name == "http.request.method"]),
                         len([m for m in t.messages if m.start_line.startswith("POST ")]))
        self.assertEqual([f for f in fields if f.name == "sipc.garbage"], [])

    def test_tunnel(self):
        self.check("http-tunnel.pcap")

    def test_tunnel_hostile(self):
        self.check("http-tunnel-hostile.pcap")


if __name__ == "__main__":
    unittest.main()
