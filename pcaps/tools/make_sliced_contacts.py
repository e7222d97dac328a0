#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""One-off writer of pcaps/transcripts/sliced-contacts.txt and
sliced-broken.txt: SIP-C/4.0 contact lists that the server sends in slices
(188 Partial responses, then the final 200 OK, each with L: <length>;p=<offset>),
and sliced bodies that cannot be put back together.  The transcripts are the
source afterwards; this shows how their slices were cut, so that a slice's L
and p= match its bytes.  Deterministic: no randomness, no clock.

Slices are cut at byte positions, as a server that slices a buffer would:
inside <b .../> elements, inside attribute values and, once, inside the
UTF-8 bytes of a Chinese local name (written with \\xNN escapes).
"""

import os

TRANSCRIPTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "transcripts")

SURNAMES = "张王李刘陈杨赵黄周吴徐孙马朱胡郭何林高罗"
GIVEN = ["伟", "芳", "娜", "洋", "静", "磊", "敏", "丽", "杰", "强", "明", "悦", "超", "婷", "军", "晓燕", "峰", "翔",
         "兰", "小红"]
LATIN = ["ice", "Tony", "老同学 Amy", "", "boss"]


def buddy(i):
    """The i-th buddy of the user's list, as <b .../>."""
    user_id = 229415466 + i * 7919
    sid = 737769829 + i * 104729
    server = 4078 + (i * 37) % 2000
    if i % 9 == 4:
        name = LATIN[(i // 9) % len(LATIN)]
    else:
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]
    lists = ["1", "2", "3", "1;3", ""][i % 5]
    relation = "0" if i % 11 == 10 else "1"
    notify = "1" if i % 3 == 0 else "0"
    identity = "identity=0;" if i % 6 == 5 else "identity=1;"
    return (f'<b i="{user_id}" u="sip:{sid}@fetion.com.cn;p={server}" n="{name}" l="{lists}" f="0" '
            f'r="{relation}" o="{notify}" p="{identity}"/>')


def contact_list(version, buddies, chat_friends=(), blocked=()):
    lists = ('<buddy-lists><buddy-list id="1" name="我的好友"/><buddy-list id="2" name="同事"/>'
             '<buddy-list id="3" name="大学同学"/></buddy-lists>')
    friends = "".join(f'<c i="{u}" u="sip:{s}@fetion.com.cn;p={p}"/>' for u, s, p in chat_friends)
    black = "".join(f'<k i="{u}" u="sip:{s}@fetion.com.cn;p={p}" n="{n}"/>' for u, s, p, n in blocked)
    return (f'<results><contact-list version="{version}">{lists}<buddies>{"".join(buddies)}</buddies>'
            f'<chat-friends>{friends}</chat-friends><blacklist>{black}</blacklist></contact-list></results>'
            ).encode("utf-8")


def escape(data):
    """Bytes as one transcript line: UTF-8 text as is, the bytes of a cut
    character (and backslashes) as escapes."""
    out = []
    i = 0
    while i < len(data):
        for n in (3, 2, 1):
            piece = data[i:i + n]
            try:
                text = piece.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if n == len(text.encode("utf-8")) and (n > 1 or data[i] < 0x80):
                out.append(text.replace("\\", "\\\\"))
                i += n
                break
        else:
            out.append(f"\\x{data[i]:02X}")
            i += 1
    return "".join(out)


def request(conn, call_id, when):
    body = ('<args><contacts><buddy-lists /><buddies attributes="all" /><mobile-buddies attributes="all" />'
            '<chat-friends /><blacklist /></contacts></args>')
    return [f"--- {conn} c2s {when}", "S fetion.com.cn SIP-C/4.0", "F: 916098834", f"I: {call_id}", "Q: 1 S",
            "N: GetContactList", f"L: {len(body.encode())}", "", body, ""]


def slice_message(conn, call_id, body, offset, length, final, when, join=False, comment=None, no_offset=False):
    piece = body[offset:offset + length]
    status = "200 OK" if final else "188 Partial"
    lines = [f"# {comment}"] if comment else []
    lines += [f"--- {conn} s2c {when}" + (" join" if join else ""), f"SIP-C/4.0 {status}", f"I: {call_id}",
              "Q: 1 S", f"L: {len(piece)}" if no_offset else f"L: {len(piece)};p={offset}", "", escape(piece), ""]
    return lines


def inside_character(body, start):
    """A cut inside the first multibyte character at or after `start`."""
    i = start
    while body[i] < 0x80:
        i += 1
    return i + 1


def sliced_contacts():
    big = contact_list("326679401", [buddy(i) for i in range(40)],
                       chat_friends=[(301234567, 612345678, 3120), (301298765, 698765432, 77)],
                       blocked=[(288800001, 655500001, 1999, "推销电话")])
    c1 = 1400
    c2 = inside_character(big, 2700)
    c3 = 4200
    small = contact_list("326679402", [buddy(i) for i in (0, 4, 17)])
    s1, s2, s3 = 200, 400, len(small)  # the final slice is empty: it only ends the body
    out = ["# A SIP-C/4.0 contact list that the server sends in slices: 188 Partial",
           "# responses, then the final 200 OK, each with L: <length>;p=<offset> (written",
           "# by pcaps/tools/make_sliced_contacts.py; the exchange is synthesized in the",
           "# shape of the GetContactList request and the SIP-C/4.0 contact list of the",
           "# login result).  The first list has 40 buddies (<b i u n l f r o p/>), chat",
           "# friends and a blacklist, cut in four slices: inside elements, inside values,",
           "# once inside a Chinese name; its first two slices travel in one burst, so that",
           "# TCP segments end inside slices.  The second list comes in three small slices",
           "# and an empty final one, all in one TCP segment.",
           "connection main client=10.0.0.7:40500 server=221.176.31.128:8080",
           "start 2011-03-08 09:00:00", ""]
    out += request("main", 3, "@0")
    out += slice_message("main", 3, big, 0, c1, False, "+0.150")
    out += slice_message("main", 3, big, c1, c2 - c1, False, "+0.001", join=True,
                         comment="cut inside the UTF-8 bytes of a local name: this slice ends in half a character")
    out += slice_message("main", 3, big, c2, c3 - c2, False, "+0.020")
    out += slice_message("main", 3, big, c3, len(big) - c3, True, "+0.020")
    out += request("main", 5, "+30")
    out += slice_message("main", 5, small, 0, s1, False, "+0.100")
    out += slice_message("main", 5, small, s1, s2 - s1, False, "+0.001", join=True)
    out += slice_message("main", 5, small, s2, s3 - s2, False, "+0.001", join=True)
    out += slice_message("main", 5, small, s3, len(small) - s3, True, "+0.001", join=True)
    return out


def sliced_broken():
    body = contact_list("326679500", [buddy(i) for i in range(8)])
    a, b = 500, 1000
    out = ["# Sliced bodies that cannot be put back together, or only in part (written",
           "# by pcaps/tools/make_sliced_contacts.py; synthesized).  One GetContactList",
           "# each: a slice missing; a slice sent twice at an overlapping offset; a final",
           "# slice that ends the body before bytes an earlier slice brought; a 188 with",
           "# no p= (then the whole body in one 200 OK); slices whose final response never",
           "# comes.",
           "connection broken client=10.0.0.8:40600 server=221.176.31.128:8080",
           "start 2011-03-08 10:00:00", ""]
    out += request("broken", 11, "@0")
    out += slice_message("broken", 11, body, 0, a, False, "+0.1")
    out += ["# the slice from byte 500 to 1000 never comes", ""]
    out += slice_message("broken", 11, body, b, len(body) - b, True, "+0.1")
    out += request("broken", 12, "+5")
    out += slice_message("broken", 12, body, 0, a, False, "+0.1")
    out += slice_message("broken", 12, body, a - 100, 300, False, "+0.1",
                         comment="overlaps the slice before: left out; the next slice brings these bytes")
    out += slice_message("broken", 12, body, a, b - a, False, "+0.1")
    out += slice_message("broken", 12, body, b, len(body) - b, True, "+0.1")
    out += request("broken", 13, "+5")
    out += slice_message("broken", 13, body, 0, a, False, "+0.1")
    out += slice_message("broken", 13, body, a, b - a, False, "+0.1")
    out += slice_message("broken", 13, body, a - 60, 40, True, "+0.1",
                         comment="the final slice ends the body at byte 480; the slices before reached 1000")
    out += request("broken", 14, "+5")
    out += slice_message("broken", 14, body, 0, a, False, "+0.1", no_offset=True,
                         comment="a 188 without p=: it cannot be placed")
    out += slice_message("broken", 14, body, 0, len(body), True, "+0.1",
                         comment="the whole body in one final response at offset 0")
    out += request("broken", 15, "+5")
    out += slice_message("broken", 15, body, 0, a, False, "+0.1")
    out += slice_message("broken", 15, body, a, b - a, False, "+0.1",
                         comment="the final response never comes")
    return out


def main():
    for name, lines in (("sliced-contacts.txt", sliced_contacts()), ("sliced-broken.txt", sliced_broken())):
        with open(os.path.join(TRANSCRIPTS, name), "w", encoding="utf-8") as f:
            f.write("# SPDX-License-Identifier: GPL-2.0-or-later\n" + "\n".join(lines).rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
