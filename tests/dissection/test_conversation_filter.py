# SPDX-License-Identifier: GPL-2.0-or-later
"""The right-click filters of a SIP-C message: "SIP-C chat" (every message of
its chat, on every connection) and "SIP-C transaction" (the request and all
its responses).

There is no right-click in tshark.  tshark -z sipc,conversation_filters calls
the conversation filters the plugin registered, through the list the GUI
reads, with each frame as the GUI would select it, and prints what they
build.  Each string is applied with -Y, and the frames it keeps are compared
with the frames the transcript says belong together: for a chat, every frame
that carries a message of the chats of the selected frame
(tests/dissection/chat_expectations.py); for a transaction, every frame that
carries the request, a resend of it or one of its responses (same
connection, I and Q; a request that repeats them before the first final
answer is a resend, one after it starts a new transaction).  tshark runs in
two passes, as the GUI reads a file.  tshark is also asked which frame holds
which message (expectations.align), as every test here does."""

import unittest

import chat_expectations as ce
import expectations
import manifest
from sipc_tshark import capture_path, dissect, tshark

CAPTURES = ["seed000-chat.pcap", "two-chats.pcap", "seed000-chat-hostile.pcap", "two-chats-hostile.pcap",
            "seed004-presence.pcap", "v4-login.pcap"]


def offered_filters(name):
    """{frame: {filter name: display filter}} as the plugin builds them."""
    out, _ = tshark("-r", capture_path(name), "-2", "-q", "-z", "sipc,conversation_filters")
    body = out.split("SIP-C conversation filters (frame, filter, display filter)\n", 1)[1]
    offered = {}
    for line in body.splitlines():
        if line.startswith("====="):
            break
        frame, title, text = line.split("\t")
        offered.setdefault(int(frame), {})[title] = text
    return offered


def frames_matching(name, display_filter):
    out, _ = tshark("-r", capture_path(name), "-Y", display_filter, "-T", "fields", "-e", "frame.number")
    return {int(n) for n in out.split()}


def transactions(messages):
    """{id(message): the messages of its transaction}: a request, its
    resends and every response on the same connection, in the other
    direction, with its I and Q."""
    members = {}
    current = {}  # (connection, direction of the request, I and Q) -> [messages, answered]
    for m in messages:
        key = expectations.call_id_and_cseq(m)
        if key is None:
            continue
        if not m.start_line.startswith("SIP-C/"):
            group = current.get((m.connection, m.direction, key))
            if group is None or group[1]:
                group = current[(m.connection, m.direction, key)] = [[], False]
        else:
            back = "c2s" if m.direction == "s2c" else "s2c"
            group = current.get((m.connection, back, key))
            if group is None:
                continue  # answers no request the capture has
            group[1] = group[1] or int(m.start_line.split()[1]) >= 200
        group[0].append(m)
        members[id(m)] = group[0]
    return members


class ConversationFilters(unittest.TestCase):
    def check(self, name):
        capture = manifest.find(name)
        t = capture.load_transcript()
        packets = dissect(name)
        pairs = expectations.align(capture, packets, t)
        frame_of = {id(w): g.frame for w, g in pairs}
        in_frame = {}
        for w, g in pairs:
            in_frame.setdefault(g.frame, []).append(w)
        chat_of = ce.chats(t)
        transaction_of = transactions(capture.captured_messages(t))
        offered = offered_filters(name)
        self.assertTrue(offered, f"{name}: no filter offered")
        self.assertTrue(set(offered) <= set(in_frame), f"{name}: filters offered for frames without SIP-C")

        applied = {}

        def matching(display_filter):
            if display_filter not in applied:
                applied[display_filter] = frames_matching(name, display_filter)
            return applied[display_filter]

        for frame, messages in sorted(in_frame.items()):
            with self.subTest(capture=name, frame=frame):
                filters = offered.get(frame, {})
                chats = {chat_of[id(w)] for w in messages if id(w) in chat_of}
                if chats:
                    want = {frame_of[id(w)] for w in t.messages if chat_of.get(id(w)) in chats and id(w) in frame_of}
                    self.assertIn("SIP-C chat", filters)
                    self.assertEqual(matching(filters["SIP-C chat"]), want, filters["SIP-C chat"])
                else:
                    self.assertNotIn("SIP-C chat", filters)
                groups = [transaction_of[id(w)] for w in messages if id(w) in transaction_of]
                if groups:
                    want = {frame_of[id(w)] for group in groups for w in group if id(w) in frame_of}
                    self.assertIn("SIP-C transaction", filters)
                    self.assertEqual(matching(filters["SIP-C transaction"]), want, filters["SIP-C transaction"])
                else:
                    self.assertNotIn("SIP-C transaction", filters)

    def test_chat_captures(self):
        for name in ("seed000-chat.pcap", "two-chats.pcap"):
            self.check(name)

    def test_several_messages_in_a_frame(self):
        for name in ("seed000-chat-hostile.pcap", "two-chats-hostile.pcap"):
            self.check(name)

    def test_presence_and_login(self):
        # Many transactions on one connection, answers back to back; a
        # login whose second step repeats the first one's I and Q before
        # it is answered, and a challenge that echoes neither.
        for name in ("seed004-presence.pcap", "v4-login.pcap"):
            self.check(name)

    def test_same_call_id_on_two_connections(self):
        # Both chat connections of two-chats.txt register with "I: 1, Q: 0 R":
        # the transaction filter must keep them apart.
        offered = offered_filters("two-chats.pcap")
        registrations = {f["SIP-C transaction"] for f in offered.values()
                         if 'sipc.call_id == 1 && sipc.cseq == "0 R"' in f.get("SIP-C transaction", "")}
        self.assertEqual(len(registrations), 2)
        for r in registrations:
            self.assertEqual(len(frames_matching("two-chats.pcap", r)), 2, r)


if __name__ == "__main__":
    unittest.main()
