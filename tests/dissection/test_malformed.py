# SPDX-License-Identifier: GPL-2.0-or-later
"""Broken and sloppy input (pcaps/transcripts/malformed.txt): each case is
flagged as the transcript says, and the good message after it is found again.
Also: no case makes tshark fail, with or without TCP reassembly."""

import unittest

import expectations
import manifest
from sipc_tshark import capture_path, dissect, tshark


class Malformed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cap = manifest.find("malformed.pcap")
        cls.t = cap.load_transcript()
        cls.by_conn = {}
        cls.garbage = {}
        for p in dissect("malformed.pcap"):
            if not p.messages and not any(f.name == "sipc.garbage" for f in p.fields):
                continue
            conn, _ = expectations.connection_of(cls.t, p.src, p.dst)
            cls.by_conn.setdefault(conn, []).extend(p.messages)
            cls.garbage.setdefault(conn, []).extend(f.size for f in p.fields if f.name == "sipc.garbage")

    def experts(self, msg):
        return [f.name for f in msg.fields if f.name.startswith("sipc.expert.")]

    def test_bad_length(self):
        m, bn = self.by_conn["bad-length"]
        self.assertEqual(m.values("sipc.method"), ["M"])
        self.assertIn("sipc.expert.length_invalid", self.experts(m))
        self.assertEqual(m.values("sipc.header.malformed"), ["L: 1x"])
        self.assertEqual(m.sizes("sipc.body"), [])
        self.assertEqual(self.garbage["bad-length"], [len("hello")])
        self.assertEqual(bn.values("sipc.event"), ["registration"])
        self.assertEqual(self.experts(bn), [])

    def test_huge_length(self):
        m, nxt = self.by_conn["huge-length"]
        self.assertIn("sipc.expert.length_too_large", self.experts(m))
        self.assertEqual(m.sizes("sipc.body"), [])
        self.assertEqual(self.garbage["huge-length"], [len("<args/>\r\n")])
        self.assertEqual(nxt.values("sipc.event"), ["GetOfflineMessages"])
        self.assertEqual(nxt.values("sipc.call_id"), ["9"])

    def test_no_empty_line(self):
        o, r = self.by_conn["no-blank"]
        self.assertIn("sipc.expert.no_empty_line", self.experts(o))
        self.assertEqual(o.values("sipc.event"), ["KeepConnectionBusy"])
        self.assertEqual(r.values("sipc.event"), ["KeepAlive"])
        self.assertEqual(r.sizes("sipc.body"), [53])

    def test_header_without_colon(self):
        (m,) = self.by_conn["no-colon"]
        self.assertIn("sipc.expert.header_no_colon", self.experts(m))
        self.assertEqual(m.values("sipc.header.malformed"), ["this line has no colon"])
        self.assertEqual(m.values("sipc.call_id"), ["12"])
        self.assertEqual(m.values("sipc.cseq"), ["2 R"])
        self.assertEqual(m.values("sipc.expires"), ["600"])

    def test_garbage_then_resync(self):
        first, second = self.by_conn["garbage"]
        self.assertEqual(self.garbage["garbage"], [len(b"\x00\x01binary junk\r\nmore junk\r\n")])
        self.assertEqual(first.values("sipc.call_id"), ["13"])
        self.assertEqual(second.values("sipc.call_id"), ["14"])

    def test_stray_empty_lines(self):
        a, b = self.by_conn["stray-crlf"]
        self.assertEqual((a.values("sipc.method"), b.values("sipc.method")), (["A"], ["B"]))
        self.assertEqual(self.experts(a) + self.experts(b), [])
        self.assertEqual(self.garbage.get("stray-crlf", []), [])

    def test_unknown_method_and_header(self):
        (m,) = self.by_conn["unknowns"]
        self.assertEqual(m.values("sipc.method"), ["ZZ"])
        self.assertEqual(m.values("sipc.header.unknown"), ["YY: something new"])
        self.assertEqual(sorted(self.experts(m)), ["sipc.expert.unknown_header", "sipc.expert.unknown_method"])

    def test_repeated_length(self):
        first, second = self.by_conn["two-lengths"]
        self.assertIn("sipc.expert.length_repeated", self.experts(first))
        self.assertEqual(first.sizes("sipc.body"), [4])
        self.assertEqual(second.values("sipc.call_id"), ["16"])

    def test_truncated_by_snap_length(self):
        (m,) = [m for p in dissect("malformed-truncated.pcap") for m in p.messages]
        self.assertIn("sipc.expert.truncated", self.experts(m))
        self.assertEqual(m.values("sipc.content_length"), ["75"])
        # 150-byte snap length: 54 bytes of Ethernet/IP/TCP, then the message.
        head = len(b"SIP-C/4.0 200 OK\r\nI: 17\r\nQ: 2 S\r\nN: GetScore\r\nL: 75\r\n\r\n")
        self.assertEqual(m.sizes("sipc.body"), [150 - 54 - head])


class NoFailureAnywhere(unittest.TestCase):
    """Every capture, every way of reading it: tshark succeeds and no
    dissector bug is reported."""

    def run_all(self, *extra):
        for c in manifest.load():
            out, err = tshark("-r", capture_path(c.name), "-V", *extra)
            text = out + err
            if c.transcript == "limits.txt":
                # Its 600-deep body is there to make Wireshark's XML
                # dissector hit its tree-depth limit, which Wireshark reports
                # as XML's dissector bug (test_limits.py): in the tree, in its
                # expert item (grouped "Dissector bug" from 4.4 on) and on
                # stderr.  Those lines, and no other, are expected.
                lines = text.splitlines()
                text = "\n".join(line for i, line in enumerate(lines)
                                 if "Dissector bug" not in line or
                                 not any("Maximum tree depth" in l for l in lines[max(0, i - 3):i + 1]))
            self.assertNotIn("Dissector bug", text, f"{c.name} {extra}")
            self.assertNotIn("failed assertion", out + err, f"{c.name} {extra}")

    def test_with_reassembly(self):
        self.run_all()

    def test_without_reassembly(self):
        self.run_all("-o", "tcp.desegment_tcp_streams:FALSE")

    def test_two_pass(self):
        self.run_all("-2")


if __name__ == "__main__":
    unittest.main()
