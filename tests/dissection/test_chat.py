# SPDX-License-Identifier: GPL-2.0-or-later
"""Issue 3: a chat followed across the chat-server handoff.  Every capture of
the seed-000 chat (chat server on 8080, 80, 443 and 14000, hostile
segmentation, the invitee's side only, a capture that starts inside a chat
connection) and of two chats at once: credentials, chat servers, handoff
links both ways, chat sessions, event types, members and message texts,
against what the transcripts say (chat_expectations.py)."""

import unittest

import chat_expectations as ce
import expectations
import manifest
from sipc_tshark import capture_path, dissect, tshark

CAPTURES = [
    "seed000-chat.pcap", "seed000-chat-hostile.pcap", "seed000-chat-bytewise.pcap",
    "seed000-chat-port80.pcap", "seed000-chat-port443.pcap", "seed000-chat-port14000.pcap",
    "seed000-chat-port80-hostile.pcap", "seed000-chat-port443-hostile.pcap",
    "seed000-chat-port14000-hostile.pcap", "seed000-invitee-only.pcap", "seed000-chat-late-start.pcap",
    "two-chats.pcap", "two-chats-hostile.pcap",
]


class ChatCase(expectations.BothPasses):
    CAPTURES = CAPTURES

    def check(self, name, two_pass):
        capture = manifest.find(name)
        t = capture.load_transcript()
        pairs = expectations.align(capture, dissect(name, *(["-2"] if two_pass else [])), t)
        frame_of = {id(w): g.frame for w, g in pairs}
        chat_of = ce.chats(t)
        issued = {ce.ticket_credential(w): w for w, _ in pairs if ce.ticket_credential(w)}
        presented = {ce.presented_credential(w): w for w, _ in pairs if ce.presented_credential(w)}

        numbers = {}  # chat key -> number shown
        for w, g in pairs:
            where = f"{name} frame {g.frame} (transcript line {w.line})"
            cred = ce.ticket_credential(w) or ce.presented_credential(w)
            self.assertEqual(g.values("sipc.credential"), [cred] if cred else [], where)
            self.assertEqual(g.values("sipc.chat_server"), ce.ticket_servers(w), where)
            # Links: the later end always knows the earlier; the earlier end
            # learns the later one on a second pass.
            if ce.presented_credential(w):
                ticket = issued.get(cred)
                self.assertEqual(g.values("sipc.handoff.issued_in"), [str(frame_of[id(ticket)])] if ticket else [],
                                 where)
            if ce.ticket_credential(w):
                reg = presented.get(cred)
                want = [str(frame_of[id(reg)])] if reg and two_pass else []
                got = g.values("sipc.handoff.used_in")
                self.assertEqual(got if two_pass or not got else [], want, where)
            # Sessions: one number per chat, on exactly the chat's messages.
            key = chat_of.get(id(w))
            shown = g.values("sipc.chat.session")
            if key is None:
                self.assertEqual(shown, [], f"{where}: not part of a chat")
                continue
            self.assertEqual(len(shown), 1, where)
            numbers.setdefault(key, shown[0])
            self.assertEqual(shown[0], numbers[key], f"{where}: same chat, same number")
            # Content.
            if w.start_line.startswith("M "):
                self.assertEqual(g.values("sipc.message_text"), [ce.message_text(w)], where)
            evs = ce.events(w)
            self.assertEqual(g.values("sipc.event_type"), [e for e, _ in evs], where)
            self.assertEqual(g.values("sipc.member_uri"), [u for _, us in evs for u in us], where)
        # Different chats, different numbers, counted from 1 in order of appearance.
        in_order = []
        for w, g in pairs:
            key = chat_of.get(id(w))
            if key is not None and key not in in_order:
                in_order.append(key)
        self.assertEqual([numbers[k] for k in in_order], [str(i + 1) for i in range(len(in_order))], name)

    def test_routing_without_heuristics(self):
        # With both heuristics off and only the signaling port decoded as
        # SIP-C, the chat connections on 80, 443 and 14000 are still SIP-C:
        # the tickets announced them.
        for name in ["seed000-chat-port80.pcap", "seed000-chat-port443.pcap", "seed000-chat-port14000.pcap",
                     "seed000-chat-late-start.pcap"]:
            capture = manifest.find(name)
            t = capture.load_transcript()
            on_chat_servers = [m for m in capture.captured_messages(t) if t.connections[m.connection].server.port != 8080]
            out, _ = tshark("-r", capture_path(name), "--disable-heuristic", "sipc_tcp", "--disable-heuristic",
                            "sipc_http", "-d", "tcp.port==8080,sipc", "-Y", "sipc && tcp.port != 8080",
                            "-T", "fields", "-e", "sipc.method", "-e", "sipc.status_code", "-E", "occurrence=a")
            self.assertEqual(len(out.splitlines()), len(on_chat_servers), name)

    def test_flow_graph_reads_as_the_handoff(self):
        # Statistics > Flow Graph draws the Info column: the handoff must be
        # readable there.  Expected order from the seed-000 transcript.
        out, _ = tshark("-r", capture_path("seed000-chat.pcap"), "-q", "-z", "flow,any,network")
        sipc = [l.split("|SIP-C: ", 1)[1] for l in out.splitlines() if "|SIP-C: " in l]
        self.assertEqual(sipc[:6], [
            "Request: S fetion.com.cn StartChat",
            "Status: 200 OK (1 S StartChat) [chat 1: ticket]",
            "Request: R fetion.com.cn [chat 1: TICKS login]",
            "Status: 200 OK (0 R: registered for 1200 s)",  # X: 1200 of the chat server
            "Request: S fetion.com.cn InviteBuddy: invites 818332893",
            "Status: 200 OK (0 S InviteBuddy)",
        ])
        self.assertIn("Request: I 818332893 [chat 1: ticket]", sipc)
        self.assertIn("Request: BN 815389316 Conversation (UserEntered): 818332893", sipc)
        self.assertIn('Request: M fetion.com.cn: "767"', sipc)

    def test_info_column_shows_text(self):
        out, _ = tshark("-r", capture_path("seed000-chat.pcap"), "-Y", 'sipc.method == "M"', "-T", "fields",
                        "-e", "_ws.col.Info")
        self.assertEqual(out.splitlines(), ['Request: M fetion.com.cn: "767"', 'Request: M 818332893: "767"'])


if __name__ == "__main__":
    unittest.main()
