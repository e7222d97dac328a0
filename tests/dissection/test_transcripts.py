# SPDX-License-Identifier: GPL-2.0-or-later
"""Every message of every SIP-C capture, whatever the segmentation, shows the
start line, header fields and body length of the transcript that made it."""

import unittest

import expectations
import manifest
from sipc_tshark import dissect, messages

SIPC_TRANSCRIPTS = {"examples.txt", "seed000-chat.txt", "seed004-presence.txt", "two-chats.txt", "v4-login.txt",
                    "catalog.txt", "config-cases.txt", "sliced-contacts.txt", "sliced-broken.txt"}
SHOWN = [
    "sipc.request_line", "sipc.method", "sipc.request_uri", "sipc.version", "sipc.status_line",
    "sipc.status_code", "sipc.reason", "sipc.cseq.seq", "sipc.cseq.method", "sipc.header.unknown",
] + sorted(set(expectations.HEADER_FIELDS.values()))


class TranscriptCase(unittest.TestCase):
    def compare(self, capture, *tshark_args):
        t = capture.load_transcript()
        wanted = {}
        for m in capture.captured_messages(t):
            wanted.setdefault((m.connection, m.direction), []).append(m)
        seen = {}
        for m in messages(dissect(capture.name, *tshark_args)):
            seen.setdefault(expectations.connection_of(t, m.src, m.dst), []).append(m)
        self.assertEqual(sorted(seen), sorted(wanted), "connections and directions with SIP-C")
        for key, want in wanted.items():
            got = seen[key]
            self.assertEqual(len(got), len(want), f"{capture.name} {key}: number of messages")
            for w, g in zip(want, got):
                where = f"{capture.name} {key} frame {g.frame} (transcript line {w.line})"
                exp = expectations.expected_fields(w)
                for name in SHOWN:
                    self.assertEqual(g.values(name), exp.get(name, []), f"{where}: {name}")
                self.assertEqual(sum(g.sizes("sipc.body")), len(w.body), f"{where}: body length")
                self.assertEqual(g.values("sipc.garbage"), [], f"{where}: nothing skipped")
                experts = [f.show for f in g.fields if f.name.startswith("_ws.expert") and f.show]
                self.assertFalse(any("sipc" in e for e in experts if "Error" in e), f"{where}: {experts}")


def _make(capture, extra=(), suffix=""):
    def test(self):
        self.compare(capture, *extra)
    test.__name__ = "test_" + capture.name.replace(".pcap", "").replace("-", "_") + suffix
    return test


for _c in manifest.load():
    if _c.transcript in SIPC_TRANSCRIPTS:
        setattr(TranscriptCase, _make(_c).__name__, _make(_c))
        if _c.segment != "message":
            # Two passes (the GUI's way: every frame dissected again) must agree.
            t2 = _make(_c, ("-2",), "_two_pass")
            setattr(TranscriptCase, t2.__name__, t2)

if __name__ == "__main__":
    unittest.main()
