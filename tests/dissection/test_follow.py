# SPDX-License-Identifier: GPL-2.0-or-later
"""Follow a SIP-C chat (tshark -z follow,sipc,<mode>,<chat>, and the GUI's
Follow through sharkd, which calls the same follower): the whole chat, across
its signaling and chat-server connections, one line per event in time order.

The lines are checked against the transcript that made the capture: what a
reader of the transcript knows happened in each chat (tickets, registrations,
invitations, who entered and left, every message with its time, sender,
receivers, text and delivery), worked out here from the transcript alone.
tshark is asked only for the frame times and for which number it gave each
chat (sipc.chat.session), as tests/dissection/test_chat_report.py does."""

import base64
import datetime
import json
import re
import subprocess
import unittest

import chat_expectations as ce
import expectations
import manifest
from sipc_tshark import capture_path, dissect, tshark, wireshark_command, staging_dir

CAPTURES = ["seed000-chat.pcap", "two-chats.pcap", "seed000-chat-port80-hostile.pcap",
            "seed000-invitee-only.pcap", "two-chats-hostile.pcap"]


def utc(t, date=True):
    """format_utc of the plugin: UTC to the millisecond, rounded."""
    ms = round(t * 1000)
    d = datetime.datetime.fromtimestamp(ms // 1000, datetime.timezone.utc)
    text = d.strftime("%Y-%m-%d %H:%M:%S") + f".{ms % 1000:03d}"
    return text if date else text[11:]


class Entry:
    def __init__(self, key, kind, frame, time, who, **kw):
        self.key = key  # (time, frame, order): the order the follow shows them in
        self.kind = kind
        self.frame = frame
        self.time = time
        self.who = who  # whom the line belongs to: the sender, or whom it concerns
        self.__dict__.update(kw)


def transcript_chats(name, connection=None):
    """{chat number: [Entry]} for every chat of the capture, from its
    transcript (connection: only what that connection carries)."""
    capture = manifest.find(name)
    t = capture.load_transcript()
    packets = dissect(name)
    times = {p.number: float(next(f.show for f in p.fields if f.name == "frame.time_epoch")) for p in packets}
    pairs = expectations.align(capture, packets, t)
    chats = {}
    order = 0
    # In the order the dissector saw them: frame by frame.
    for number, w, g in sorted(ce.numbered(t, pairs), key=lambda n: (n[2].frame, t.messages.index(n[1]))):
        if connection not in (None, w.connection):
            continue
        entries = chats.setdefault(number, [])
        when = times[g.frame]

        def add(kind, who, **kw):
            nonlocal order
            order += 1
            entries.append(Entry((when, g.frame, order), kind, g.frame, when, who, **kw))

        line = w.start_line
        method, uri = line.split(" ")[:2] if not line.startswith("SIP-C/") else (None, None)
        sender = ce.user(ce.header(w, "F"))
        receiver = ce.user(ce.header(w, "T")) if ce.header(w, "T") else None
        from_server = uri is not None and "." not in uri  # a server names the user it sends to
        if ce.ticket_credential(w):
            to = uri if method else ""
            ticket = next(v for n, v in w.headers if n == "A" and v.startswith("CS "))
            servers = re.search(r'address="([^"]*)"', ticket).group(1)
            add("ticket", to, to=to, servers=servers)
            if method == "I":
                add("invited by", sender, to=to)
            continue
        if method is None:
            continue
        if ce.presented_credential(w):
            add("registered", sender, server=str(t.connection_of(w).server))
        elif method == "S" and ce.header(w, "N") == "InviteBuddy":
            for contact in re.findall(r'uri="([^"]*)"', w.body.decode("utf-8")):
                add("invites", sender, to=ce.user(contact))
        elif method == "BN":
            for event, members in ce.events(w):
                words = {"UserEntered": "entered", "UserLeft": "left", "UserFailed": "could not be reached"}
                for m in members:
                    if event in words:
                        add(words[event], ce.user(m))
        elif method == "M":
            add("message", sender, text=ce.message_text(w), relayed=from_server,
                to=receiver or (uri if from_server else None))
        elif method == "IN" and b"<state>nudge</state>" in w.body:
            add("nudge", sender, to=receiver or (uri if from_server else None))
        elif method == "B":
            add("bye", sender)
    return chats


def merged(entries):
    """The sender's copy of a message and the copy the server relays are one
    line, where the sender's copy is (or the relayed one, when the capture
    has no other)."""
    out = []
    for e in entries:
        if e.kind == "message" and e.relayed:
            sent = next((x for x in out if x.kind == "message" and not x.relayed and x.who == e.who
                         and x.text == e.text and not getattr(x, "delivered", None)), None)
            if sent:
                sent.delivered = e
                sent.to = sent.to or e.to
                continue
        out.append(e)
    for e in out:  # a sender's copy after its relayed copy
        if e.kind == "message" and e.relayed:
            late = next((x for x in out if x.kind == "message" and not x.relayed and x.who == e.who
                         and x.text == e.text and x.key > e.key and not getattr(x, "delivered", None)), None)
            if late:
                late.delivered = e
                late.to = late.to or e.to
                e.kind = "merged"
    return sorted((e for e in out if e.kind != "merged"), key=lambda e: e.key)


def participants(entries):
    """Everyone who acts or is addressed in the chat, in order of appearance
    (a ticket names whom it was issued to, not a party yet)."""
    people = []
    for e in entries:
        if e.kind == "ticket":
            continue
        for p in (e.who, getattr(e, "to", None)):
            if p and p not in people:
                people.append(p)
    return people


def expected_lines(raw):
    """[(frame, time, other party?, line)] as the follow must show them."""
    people = participants(raw)
    entries = merged(raw)
    others = lambda who: ", ".join(p for p in people if p != who)  # noqa: E731
    out = []
    for e in entries:
        if e.kind == "ticket":
            what = "chat-server ticket issued" + (f" to {e.to}" if e.to else "") + f" ({e.servers})"
        elif e.kind == "invited by":
            what = f"{e.to} invited by {e.who}"
        elif e.kind == "registered":
            what = f"{e.who} registered on {e.server}"
        elif e.kind == "invites":
            what = f"{e.who} invites {e.to}"
        elif e.kind in ("entered", "left", "could not be reached"):
            what = f"{e.who} {e.kind}"
        elif e.kind == "bye":
            what = f"{e.who} says bye"
        elif e.kind == "nudge":
            what = f"{e.who} -> {e.to or others(e.who)}: (nudge)"
        else:
            what = f"{e.who} -> {e.to or others(e.who)}: {e.text}"
            d = getattr(e, "delivered", None)
            if e.relayed:
                what += "  [relayed copy only]"
            elif d:
                what += f"  (delivered {utc(d.time, date=False)}, frame {d.frame})"
            else:
                what += "  (no delivery seen)"
        out.append((e.frame, e.time, bool(e.who) and e.who != people[0], f"{utc(e.time)}  {what}\n"))
    return out


def follow_yaml(name, chat):
    """[(frame, time, peer, text)] of tshark -z follow,sipc,yaml,<chat>."""
    out, _ = tshark("-r", capture_path(name), "-q", "-z", f"follow,sipc,yaml,{chat}")
    records = []
    for block in re.split(r"\n  - packet: ", out.split("packets:", 1)[1])[1:]:
        frame = int(block.split("\n", 1)[0])
        peer = int(re.search(r"\n    peer: (\d+)", block).group(1))
        when = float(re.search(r"\n    timestamp: ([0-9.]+)", block).group(1))
        data = "".join(l.strip() for l in block.split("!!binary |", 1)[1].splitlines())
        records.append((frame, when, peer, base64.b64decode(data).decode("utf-8")))
    return records


def sharkd(requests):
    """Runs sharkd with the plugin on JSON-RPC requests; returns {id: result}."""
    cmd, env = wireshark_command("sharkd", "-")
    lines = "".join(json.dumps(dict(r, jsonrpc="2.0", id=i + 1)) + "\n" for i, r in enumerate(requests))
    p = subprocess.run(cmd, input=lines.encode(), capture_output=True, env=env, cwd=staging_dir(), timeout=300)
    results = {}
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("{"):
            reply = json.loads(line)
            results[reply.get("id")] = reply.get("result", reply.get("error"))
    return results


class FollowChat(unittest.TestCase):
    def check_chats(self, name):
        chats = transcript_chats(name)
        self.assertTrue(chats, f"{name}: no chat in the transcript")
        for chat, entries in chats.items():
            with self.subTest(capture=name, chat=chat):
                want = expected_lines(entries)
                got = follow_yaml(name, chat)
                self.assertEqual([r[3] for r in got], [w[3] for w in want])
                self.assertEqual([r[0] for r in got], [w[0] for w in want], "frames of the lines")
                for (frame, when, peer, text), (_, want_time, other, _) in zip(got, want):
                    self.assertAlmostEqual(when, want_time, delta=2e-6, msg=text)
                    self.assertEqual(peer, 1 if other else 0, text)
                times = [r[1] for r in got]
                self.assertEqual(times, sorted(times), "time order")

    def test_seed000(self):
        self.check_chats("seed000-chat.pcap")

    def test_two_chats(self):
        self.check_chats("two-chats.pcap")

    def test_hostile_segmentation(self):
        self.check_chats("seed000-chat-port80-hostile.pcap")
        self.check_chats("two-chats-hostile.pcap")

    def test_invitee_side_only(self):
        self.check_chats("seed000-invitee-only.pcap")

    def test_ascii_mode(self):
        # The same lines as the readable output tshark prints: each record
        # after its length, the other parties' indented by a tab.
        for name in ("seed000-chat.pcap", "two-chats.pcap"):
            for chat, entries in transcript_chats(name).items():
                want = expected_lines(entries)
                out, _ = tshark("-r", capture_path(name), "-q", "-z", f"follow,sipc,ascii,{chat}")
                self.assertIn("Follow: sipc,ascii\n", out)
                self.assertIn(f"Filter: sipc.chat.session == {chat}\n", out)
                body = out.split("Node 1: ", 1)[1].split("\n", 1)[1]
                records = re.findall(r"^(\t?)(\d+)\n(.*?\n)\n", body, re.M | re.S)
                self.assertEqual([(tab == "\t", text) for tab, _, text in records],
                                 [(other, text.encode().decode("ascii", "replace").replace("\ufffd", "."))
                                  for _, _, other, text in want])
                for _, length, text in records:
                    self.assertEqual(int(length), len(text.encode()))

    def test_by_address_and_port(self):
        # A filter by address and port follows what one connection says of
        # its chat: the inviter's chat-server connection has the message as
        # sent, the invitee's as relayed.
        for name, connection in (("seed000-chat.pcap", "chat-a"), ("seed000-chat.pcap", "chat-b"),
                                 ("two-chats.pcap", "chat-one")):
            c = manifest.find(name).load_transcript().connections[connection]
            ((chat, entries),) = transcript_chats(name, connection).items()
            out, _ = tshark("-r", capture_path(name), "-q", "-z",
                            f"follow,sipc,ascii,{c.client.ip}:{c.client.port},{c.server.ip}:{c.server.port}")
            body = out.split("Node 1: ", 1)[1].split("\n", 1)[1]
            records = re.findall(r"^\t?\d+\n(.*?\n)\n", body, re.M | re.S)
            self.assertEqual(records, [w[3] for w in expected_lines(entries)], f"{name} {connection}")

    def test_no_such_chat_is_empty(self):
        out, _ = tshark("-r", capture_path("seed000-chat.pcap"), "-q", "-z", "follow,sipc,ascii,9")
        self.assertIn("Filter: sipc.chat.session == 9", out)
        self.assertNotIn("->", out)

    def test_from_any_message_of_the_chat(self):
        # What the GUI does: the follow filter from the selected message,
        # then the follow with it.  sharkd calls the same two functions.
        for name in ("seed000-chat.pcap", "two-chats.pcap"):
            packets = dissect(name)
            chats = transcript_chats(name)
            frames = {p.number: {int(v) for m in p.messages for v in m.values("sipc.chat.session")}
                      for p in packets if p.messages}
            requests = [{"method": "load", "params": {"file": capture_path(name)}}]
            requests += [{"method": "frame", "params": {"frame": n, "proto": True}} for n in frames]
            results = sharkd(requests)
            self.assertEqual(results.get(1), {"status": "OK"}, f"{name}: sharkd could not load it")
            filters = {}
            for i, (frame, in_chats) in enumerate(frames.items()):
                offered = dict(results[i + 2]["fol"])
                if not in_chats:
                    self.assertIsNone(offered.get("SIP-C"), f"{name} frame {frame}")
                    continue
                # One of the frame's chats (a frame may carry messages of two).
                self.assertIn(offered.get("SIP-C"), [f"sipc.chat.session == {c}" for c in in_chats],
                              f"{name} frame {frame}")
                filters[offered["SIP-C"]] = int(offered["SIP-C"].rsplit(" ", 1)[1])
            self.assertEqual(sorted(filters.values()), sorted(chats))
            follows = [{"method": "load", "params": {"file": capture_path(name)}}]
            follows += [{"method": "follow", "params": {"follow": "SIP-C", "filter": f}} for f in filters]
            results = sharkd(follows)
            for i, (f, chat) in enumerate(filters.items()):
                want = expected_lines(chats[chat])
                payloads = results[i + 2]["payloads"]
                self.assertEqual([base64.b64decode(p["d"]).decode("utf-8") for p in payloads],
                                 [w[3] for w in want], f"{name} {f}")
                self.assertEqual([p["n"] for p in payloads], [w[0] for w in want])


if __name__ == "__main__":
    unittest.main()
