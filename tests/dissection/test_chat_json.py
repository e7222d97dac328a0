# SPDX-License-Identifier: GPL-2.0-or-later
"""tshark -q -z sipc,chats,json: the chats as one JSON document, read with
Python's json module and checked against the transcripts that made the
captures: parties, chat servers, connections to them, who entered, and every
message with its time, frames, sender, receivers, text and delivery."""

import datetime
import json
import unittest

import chat_expectations as ce
import expectations
import manifest
from sipc_tshark import capture_path, dissect, tshark

CAPTURES = [
    "seed000-chat.pcap",
    "seed000-chat-hostile.pcap",
    "seed000-chat-port80-hostile.pcap",
    "seed000-invitee-only.pcap",
    "two-chats.pcap",
    "two-chats-hostile.pcap",
]


def chats_json(name, *option):
    out, _ = tshark("-r", capture_path(name), "-q", "-z", ",".join(("sipc,chats", "json") + option))
    return json.loads(out)


def iso_utc(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def is_sent_copy(msg):
    # Clients write the domain in the request-URI; the server's relayed
    # copy names the receiver by number.
    return msg.start_line.startswith("M fetion.com.cn ")


def expected_chats(name):
    """{chat number as the dissector numbered it: what the transcript says
    about that chat}."""
    capture = manifest.find(name)
    t = capture.load_transcript()
    chats = {}
    for n, w, g in ce.numbered(t, expectations.align(capture, dissect(name), t)):
        c = chats.setdefault(n, {"parties": set(), "announced": set(), "connections": [], "entered": [],
                                 "sent": [], "relayed": []})
        when = t.start + w.time
        c["announced"].update(ce.ticket_servers(w))
        sender = ce.user(ce.header(w, "F"))
        if ce.presented_credential(w):
            c["parties"].add(sender)
            server = str(t.connections[w.connection].server)
            c["connections"].append({"frame": g.frame, "when": when, "party": sender, "server": server})
        for ev, members in ce.events(w):
            c["parties"].update(ce.user(u) for u in members)
            if ev == "UserEntered":
                c["entered"] += [ce.user(u) for u in members]
        if w.start_line.startswith("M "):
            # The receiver: T if given; a relayed copy names it in its
            # request-URI too, a sender's copy without T means "the others".
            to = ce.header(w, "T") or (None if is_sent_copy(w) else w.start_line.split()[1])
            copy = {"frame": g.frame, "when": when, "from": sender, "text": ce.message_text(w),
                    "to": {ce.user(to)} if to else set()}
            c["sent" if is_sent_copy(w) else "relayed"].append(copy)
    return chats


def expected_messages(chat):
    """The messages of a chat: each sender's copy with the relayed copy of the
    same sender and text that follows it, and relayed copies whose sender's
    copy the capture does not hold."""
    messages = []
    relayed = list(chat["relayed"])
    for s in chat["sent"]:
        match = next((r for r in relayed if r["from"] == s["from"] and r["text"] == s["text"]), None)
        if match:
            relayed.remove(match)
        to = s["to"] or (match and match["to"]) or chat["parties"] - {s["from"]}
        messages.append(dict(s, to=to, sent=True, delivered=match))
    for r in relayed:
        messages.append(dict(r, sent=False, delivered=r))
    return sorted(messages, key=lambda m: m["when"])


class ChatJson(unittest.TestCase):
    def check(self, name):
        doc = chats_json(name)
        self.assertEqual(set(doc), {"chats"})
        want = expected_chats(name)
        got = {c["chat"]: c for c in doc["chats"]}
        self.assertEqual([c["chat"] for c in doc["chats"]], sorted(want), f"{name}: chats in order")
        for n, c in want.items():
            g = got[n]
            where = f"{name} chat {n}"
            self.assertEqual(set(g["parties"]), c["parties"], where)
            self.assertEqual(len(g["parties"]), len(set(g["parties"])), where)
            servers = {s["address"]: s["connected"] for s in g["servers"]}
            self.assertTrue(c["announced"] <= set(servers), f"{where}: {servers}")
            self.assertEqual({a for a, on in servers.items() if on}, {x["server"] for x in c["connections"]}, where)
            self.assertEqual(len(g["connections"]), len(c["connections"]), where)
            for gc, wc in zip(g["connections"], c["connections"]):
                self.assertEqual((gc["frame"], gc["party"], gc["server"]),
                                 (wc["frame"], wc["party"], wc["server"]), where)
                self.assertEqual(gc["time"], iso_utc(wc["when"]), where)
            entered = [e["from"] for e in g["events"] if e["event"] == "joined"]
            self.assertEqual(entered, c["entered"], where)
            self.assertGreaterEqual(g["end_epoch"], g["start_epoch"], where)
            messages = expected_messages(c)
            self.assertEqual(len(g["messages"]), len(messages), f"{where}: {g['messages']}")
            for gm, wm in zip(g["messages"], messages):
                self.assertEqual(gm["frame"], wm["frame"], where)
                self.assertEqual(gm["time"], iso_utc(wm["when"]), where)
                self.assertAlmostEqual(gm["epoch"], wm["when"], delta=0.001, msg=where)
                self.assertEqual(gm["from"], wm["from"], where)
                self.assertEqual(set(gm["to"]), wm["to"], where)
                self.assertEqual(gm["text"], wm["text"], where)
                self.assertEqual(gm["sent"], wm["sent"], where)
                if wm["delivered"] is None:
                    self.assertIsNone(gm["delivered"], where)
                else:
                    self.assertEqual(gm["delivered"]["frame"], wm["delivered"]["frame"], where)
                    self.assertEqual(gm["delivered"]["time"], iso_utc(wm["delivered"]["when"]), where)

    def test_every_chat_capture(self):
        for name in CAPTURES:
            with self.subTest(name):
                self.check(name)

    def test_seed000_message_delivered(self):
        # The one message of seed 000, in the words of its transcript: sent
        # by 815389316 at 16:13:57.100, relayed to 818332893 at .180.
        (chat,) = chats_json("seed000-chat.pcap")["chats"]
        (m,) = chat["messages"]
        self.assertEqual((m["from"], m["to"], m["text"]), ("815389316", ["818332893"], "767"))
        self.assertEqual(m["time"], "2009-12-17T16:13:57.100Z")
        self.assertEqual(m["delivered"]["time"], "2009-12-17T16:13:57.180Z")

    def test_filter_after_json(self):
        # "-z sipc,chats,json,FILTER" keeps only what the filter matches,
        # as "-z sipc,chats,FILTER" does for the text report.
        doc = chats_json("two-chats.pcap", "sipc.chat.session == 2")
        self.assertEqual([c["chat"] for c in doc["chats"]], [2])
        want = expected_chats("two-chats.pcap")[2]
        self.assertEqual([m["text"] for m in doc["chats"][0]["messages"]], [m["text"] for m in want["sent"]])
        text, _ = tshark("-r", capture_path("two-chats.pcap"), "-q", "-z", "sipc,chats,sipc.chat.session == 2")
        self.assertIn("SIP-C chats: 1 session\n", text)
        self.assertIn("\nChat 2\n", text)

    def test_no_chat_is_an_empty_list(self):
        self.assertEqual(chats_json("seed004-presence.pcap"), {"chats": []})


if __name__ == "__main__":
    unittest.main()
