# SPDX-License-Identifier: GPL-2.0-or-later
"""tshark -q -z sipc,chats: one transcript per chat, checked against the
transcripts that made the captures: participants, chat servers, who entered,
and every message with its time, sender, receiver and text, in order."""

import datetime
import re
import unittest

import chat_expectations as ce
import expectations
import manifest
from sipc_tshark import capture_path, dissect, tshark


def utc(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def report_blocks(text):
    blocks = {}
    current = None
    for line in text.splitlines():
        m = re.match(r"^Chat (\d+)$", line)
        if m:
            current = blocks.setdefault(int(m.group(1)), [])
        elif current is not None and line.startswith("  "):
            current.append(line.strip())
    return blocks


class ChatReport(unittest.TestCase):
    def expected(self, name):
        """Per chat number (as the dissector numbered it): participants,
        servers, entered users and messages, from the transcript."""
        capture = manifest.find(name)
        t = capture.load_transcript()
        packets = dissect(name)
        times = {p.number: float(next(f.show for f in p.fields if f.name == "frame.time_epoch")) for p in packets}
        pairs = expectations.align(capture, packets, t)
        chat_of = ce.chats(t)
        number = {}
        for w, g in pairs:
            if id(w) in chat_of and g.values("sipc.chat.session"):
                number.setdefault(chat_of[id(w)], int(g.values("sipc.chat.session")[0]))
        chats = {}
        for w, g in pairs:
            key = chat_of.get(id(w))
            if key is None:
                continue
            c = chats.setdefault(number[key], {"people": set(), "servers": set(), "entered": [], "messages": [],
                                               "nudges": []})
            c["servers"].update(ce.ticket_servers(w))
            f = ce.header(w, "F")
            if ce.presented_credential(w):
                c["people"].add(ce.user(f))
            for ev, members in ce.events(w):
                for u in members:
                    c["people"].add(ce.user(u))
                    if ev == "UserEntered":
                        c["entered"].append(ce.user(u))
            if w.start_line.startswith("M fetion.com.cn"):  # the sender's copy
                c["messages"].append((utc(times[g.frame]), ce.user(f), ce.message_text(w)))
            if w.start_line.startswith("IN ") and b"<state>nudge</state>" in w.body:
                c["nudges"].append(f"{ce.user(f)} -> {ce.user(ce.header(w, 'T'))}: (nudge)")
        return chats

    def check(self, name):
        out, _ = tshark("-r", capture_path(name), "-q", "-z", "sipc,chats")
        blocks = report_blocks(out)
        want = self.expected(name)
        self.assertEqual(sorted(blocks), sorted(want), f"{name}: chats")
        for n, c in want.items():
            lines = blocks[n]
            people = next(l for l in lines if l.startswith("Participants:"))
            self.assertEqual(set(people.split(": ", 1)[1].split(", ")), c["people"], f"{name} chat {n}")
            servers = next(l for l in lines if l.startswith("Chat servers:"))
            shown = {s.replace(" (connected)", "") for s in servers.split(": ", 1)[1].split(", ")}
            self.assertTrue(c["servers"] <= shown, f"{name} chat {n}: {servers}")
            entered = [re.search(r"frame \d+\s+(\S+) entered$", l).group(1) for l in lines if l.endswith(" entered")]
            self.assertEqual(entered, c["entered"], f"{name} chat {n}")
            nudges = [l.split(None, 4)[4] for l in lines if l.endswith(": (nudge)")]
            self.assertEqual(nudges, c["nudges"], f"{name} chat {n}")
            messages = [l for l in lines if " -> " in l and not l.endswith(": (nudge)")]
            self.assertEqual(len(messages), len(c["messages"]), f"{name} chat {n}: {messages}")
            for line, (when, sender, text) in zip(messages, c["messages"]):
                self.assertTrue(line.startswith(when), f"{line!r} should start with {when}")
                m = re.search(r"frame \d+\s+(\S+) -> (.+?): (.*?)(  \(delivered .*\))?$", line)
                self.assertIsNotNone(m, line)
                self.assertEqual(m.group(1), sender, line)
                others = c["people"] - {sender}
                self.assertEqual(set(m.group(2).split(", ")), others, line)
                self.assertEqual(m.group(3), text, line)

    def test_seed000(self):
        self.check("seed000-chat.pcap")

    def test_seed000_hostile_on_port_80(self):
        self.check("seed000-chat-port80-hostile.pcap")

    def test_two_chats(self):
        self.check("two-chats.pcap")

    def test_seed000_delivery_is_merged(self):
        out, _ = tshark("-r", capture_path("seed000-chat.pcap"), "-q", "-z", "sipc,chats")
        (line,) = [l for l in out.splitlines() if " -> " in l]
        self.assertIn("(delivered 16:13:57.180, frame 26)", line)

    def test_invitee_side_only(self):
        # Only the relayed copy of the message is captured.
        out, _ = tshark("-r", capture_path("seed000-invitee-only.pcap"), "-q", "-z", "sipc,chats")
        (line,) = [l for l in out.splitlines() if " -> " in l]
        self.assertRegex(line, r"815389316 -> 818332893: 767  \[relayed copy only\]$")

    def test_gui_table_via_tshark(self):
        # The GUI's table (Statistics > SIP-C Chats) from the same tap.
        out, _ = tshark("-r", capture_path("seed000-chat.pcap"), "-q", "-z", "sipc,chat_table")
        self.assertIn("SIP-C chat events", out)
        self.assertIn("815389316 -> 818332893: 767", out)
        self.assertIn("818332893 entered", out)


if __name__ == "__main__":
    unittest.main()
