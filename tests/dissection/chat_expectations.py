# SPDX-License-Identifier: GPL-2.0-or-later
"""What a reader of a transcript knows about its chats, worked out from the
transcript alone (doc/protocol.md "Chat handoff"), to compare with what the plugin shows:

- a ticket: a message with "A: CS address=...,credential=X";
- a registration: "A: TICKS auth=X" on a chat connection;
- one chat: the ticket that issued X, the registration that presents X,
  every message of that chat connection, and every ticket and chat
  connection that shares the chat's XI (the XI of the registration's 200 OK).
"""

import html
import re
import xml.etree.ElementTree as ET


def auth_param(msg, scheme, name):
    for n, v in msg.headers:
        if n == "A" and v.startswith(scheme + " "):
            m = re.search(name + r'="([^"]*)"', v)
            if m:
                return m.group(1)
    return None


def ticket_credential(msg):
    return auth_param(msg, "CS", "credential")


def ticket_servers(msg):
    a = auth_param(msg, "CS", "address")
    return a.split(";") if a else []


def presented_credential(msg):
    return auth_param(msg, "TICKS", "auth")


def header(msg, name):
    for n, v in msg.headers:
        if n == name:
            return v
    return None


class _Sets:
    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        self.parent[self.find(a)] = self.find(b)


def chats(transcript):
    """{id(message): chat key} for every message that belongs to a chat."""
    msgs = transcript.messages
    sets = _Sets()
    issued = {}
    chat_conns = {}
    for m in msgs:
        cred = ticket_credential(m)
        if cred:
            issued[cred] = m
    for m in msgs:
        cred = presented_credential(m)
        if cred:
            chat_conns[m.connection] = m
            if cred in issued:
                sets.union(id(m), id(issued[cred]))
    xi_owner = {}
    for m in msgs:
        if m.connection in chat_conns:
            sets.union(id(m), id(chat_conns[m.connection]))
            q = header(m, "Q") or ""
            if m.start_line.startswith("SIP-C/") and q.endswith(" R") and header(m, "XI"):
                xi = header(m, "XI")
                if xi in xi_owner:
                    sets.union(id(m), xi_owner[xi])
                xi_owner[xi] = id(m)
    for m in msgs:
        if ticket_credential(m) and header(m, "XI") in xi_owner:
            sets.union(id(m), xi_owner[header(m, "XI")])
    members = {}
    for m in msgs:
        if ticket_credential(m) or m.connection in chat_conns:
            members[id(m)] = sets.find(id(m))
    return members


def message_text(msg):
    """The text of an M as a reader sees it: HTML fragments without tags."""
    body = msg.body.decode("utf-8")
    if header(msg, "C") == "text/html-fragment":
        body = html.unescape(re.sub(r"<[^>]*>", "", body))
    return body


def events(msg):
    """[(event type, [member uris])] of a BN body."""
    body = msg.body.decode("utf-8").strip()
    if not body.startswith("<events"):
        return []
    out = []
    for ev in ET.fromstring(body).iter("event"):
        out.append((ev.get("type"), [m.get("uri") for m in ev.iter("member")]))
    return out


def user(uri):
    m = re.match(r"sip:([^@;]+)", uri or "")
    return m.group(1) if m else uri


def numbered(t, pairs):
    """[(chat number, transcript message, dissected message)] for every pair
    of `pairs` (expectations.align) that belongs to a chat of transcript `t`;
    the number is the one the dissector gave the chat (sipc.chat.session),
    in the order of `pairs`."""
    chat_of = chats(t)
    number = {}
    for w, g in pairs:
        if id(w) in chat_of and g.values("sipc.chat.session"):
            number.setdefault(chat_of[id(w)], int(g.values("sipc.chat.session")[0]))
    return [(number[chat_of[id(w)]], w, g) for w, g in pairs if id(w) in chat_of]
