# SPDX-License-Identifier: GPL-2.0-or-later
"""Request/response tracking by I and Q on each connection: response_to and
response_time on responses (single pass), response_in on requests (two
passes, as the GUI sees it), whatever the segmentation."""

import unittest

import expectations
import manifest
from sipc_tshark import dissect

CAPTURES = ["seed000-chat.pcap", "seed000-chat-hostile.pcap", "seed004-presence.pcap",
            "seed004-presence-bytewise.pcap"]


def frame_times(packets):
    return {p.number: float(next(f.show for f in p.fields if f.name == "frame.time_epoch")) for p in packets}


class Tracking(expectations.BothPasses):
    CAPTURES = CAPTURES

    def check(self, name, two_pass):
        capture = manifest.find(name)
        packets = dissect(name, *(["-2"] if two_pass else []))
        times = frame_times(packets)
        pairs = expectations.align(capture, packets)
        shown = {id(w): g for w, g in pairs}
        response_to, answers = expectations.expected_transactions([w for w, _ in pairs])
        linked = 0
        for w, g in pairs:
            where = f"{name} frame {g.frame} (transcript line {w.line})"
            if w.start_line.startswith("SIP-C/"):
                req = response_to.get(id(w))
                want = [str(shown[id(req)].frame)] if req else []
                self.assertEqual(g.values("sipc.response_to"), want, f"{where}: response_to")
                if req:
                    linked += 1
                    delta = times[g.frame] - times[shown[id(req)].frame]
                    (rt,) = g.values("sipc.response_time")
                    self.assertAlmostEqual(float(rt), delta, places=5, msg=f"{where}: response_time")
            else:
                ans = answers.get(id(w))
                got = g.values("sipc.response_in")
                if two_pass:
                    self.assertEqual(got, [str(shown[id(ans)].frame)] if ans else [], f"{where}: response_in")
                else:
                    # One pass: a request cannot know a later frame.
                    self.assertIn(got, ([], [str(shown[id(ans)].frame)] if ans else []), f"{where}")
        self.assertGreater(linked, 0, f"{name}: no response was linked at all")

    def test_seed000_counts(self):
        # Seed 000 by hand: of its 7 responses, 6 echo their request's I and
        # Q; the invitee's 200 OK to the INVITE ("I: 4, Q: 3 I") does not.
        packets = dissect("seed000-chat.pcap", "-2")
        msgs = [m for p in packets for m in p.messages]
        self.assertEqual(sum(1 for m in msgs if m.values("sipc.response_to")), 6)
        self.assertEqual(sum(1 for m in msgs if m.values("sipc.response_in")), 6)


if __name__ == "__main__":
    unittest.main()
