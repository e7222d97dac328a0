# SPDX-License-Identifier: GPL-2.0-or-later
"""One bad message never takes the next ones with it (pcaps/transcripts/
limits.txt): a body above the maximum body length is framed by its L and
skipped unread, in the same segment and across later ones; a body that
makes the XML dissector throw is marked and the next messages of its
segment decode; a corrupt L falls back to the search for the next start
line.  In whole and hostile segmentation, one pass and two.

The body limit is lowered to 1000 bytes so that the captures stay small;
the code path is the one a 1.4 MB body takes under the default 1 MiB.
The hostile capture cuts every connection's first segment after one byte,
which no heuristic can recognise (README, "Detection"): it is read with
Decode As, as a user would.  It leaves out the corrupt L: when the body's
supposed end lies past the segment and the next start line is cut into
pieces, the messages up to where the L points are lost (README,
"Robustness")."""

import unittest

import expectations
from sipc_tshark import dissect, messages

import manifest  # noqa: E402  (pcaps/tools, put on the path by sipc_tshark)

LIMIT = 1000
ARGS = ("-o", f"sipc.max_body_length:{LIMIT}")
DECODE_AS = ("-d", "tcp.port==8080,sipc")


def start_line(msg):
    return msg.data.split(b"\r\n", 1)[0].decode()


class Limits(unittest.TestCase):
    def check(self, name, *extra):
        capture = next(c for c in manifest.load() if c.name == name)
        t = capture.load_transcript()
        packets = dissect(name, *ARGS, *extra)
        seen = {}
        for m in messages(packets):
            seen.setdefault(expectations.connection_of(t, m.src, m.dst), []).append(m)
        wanted = {}
        for m in capture.captured_messages(t):
            wanted.setdefault((m.connection, m.direction), []).append(m)
        self.assertEqual(sorted(seen), sorted(wanted))
        skipped_bodies = 0
        for key, want in wanted.items():
            got = seen[key]
            lines = [g.values("sipc.request_line") + g.values("sipc.status_line") for g in got]
            self.assertEqual(lines, [[start_line(w)] for w in want], f"{name} {key}: every message, in order")
            for w, g in zip(want, got):
                if not w.raw and len(w.body) > LIMIT:
                    skipped_bodies += len(w.body)
                    self.assertEqual(g.values("sipc.body"), [], f"{name} {key} frame {g.frame}: body not read")
                    self.assertTrue(g.values("sipc.body_skipped"), f"{name} {key} frame {g.frame}")
        # Every byte of every body above the limit is shown as skipped, in
        # the message's frame and in the frames that carry the rest of it.
        shown = sum(f.size for p in packets for f in p.fields if f.name == "sipc.body_skipped")
        self.assertEqual(shown, skipped_bodies)
        # The corrupt L: its 21 bytes of body, then the search.
        garbage = [f for p in packets for f in p.fields if f.name == "sipc.garbage"]
        corrupt = ("corrupt-l", "s2c") in wanted
        self.assertEqual([g.size for g in garbage], [len(b"<events></events>xx\r\n")] if corrupt else [])

    def check_deep(self, name, *extra):
        """With the default limit the 600-deep body is read: the XML
        dissector throws inside that message only."""
        capture = next(c for c in manifest.load() if c.name == name)
        t = capture.load_transcript()
        packets = dissect(name, *extra)
        deep = [m for m in messages(packets) if expectations.connection_of(t, m.src, m.dst) == ("deep-xml", "s2c")]
        want = [m for m in t.messages if (m.connection, m.direction) == ("deep-xml", "s2c")]
        self.assertEqual([m.one("sipc.cseq") for m in deep], [dict(w.headers)["Q"] for w in want])
        frame = deep[0].frame
        # Wireshark files the XML dissector's complaint under "Malformed"
        # (4.0) or "Dissector bug" (4.4 and later), with the same words.
        marked = [f for p in packets if p.number == frame for f in p.fields
                  if f.name.startswith("_ws.") and "Maximum tree depth" in f.show]
        self.assertTrue(marked, f"frame {frame}: the deep body is marked")

    def test_deep_xml_whole_segments(self):
        self.check_deep("limits.pcap")

    def test_deep_xml_hostile_two_pass(self):
        self.check_deep("limits-hostile.pcap", "-2", *DECODE_AS)

    def test_whole_segments(self):
        self.check("limits.pcap")

    def test_whole_segments_two_pass(self):
        self.check("limits.pcap", "-2")

    def test_hostile_segments(self):
        self.check("limits-hostile.pcap", *DECODE_AS)

    def test_hostile_segments_two_pass(self):
        self.check("limits-hostile.pcap", "-2", *DECODE_AS)


if __name__ == "__main__":
    unittest.main()
