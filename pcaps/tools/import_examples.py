#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""One-off import of the byte-exact example messages (doc/protocol.md
"Example messages") into pcaps/transcripts/examples.txt.

It ran once, against the project's original notes: a folder of one .bin
file per example message and the notes' text, which are not part of this
repository.  pcaps/transcripts/examples.txt, not those files, is the source
of the captures from then on; this script is kept to show how its bytes
were taken, and it checks that the transcript gives back every file byte
for byte.

    python3 pcaps/tools/import_examples.py EXAMPLES_DIR NOTES_FILE
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transcript  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "transcripts", "examples.txt")


def escape_piece(b: bytes) -> str:
    s = b.replace(b"\\", b"\\\\").decode("utf-8")
    out = []
    for ch in s:
        if ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    text = "".join(out)
    if text.endswith(" "):
        text = text[:-1] + "\\x20"
    if text.startswith("#"):
        text = "\\x23" + text[1:]
    if text.startswith("--- "):
        text = "\\x2d" + text[1:]
    return text


def split_messages(data: bytes):
    """Frames concatenated messages by CRLFCRLF and L (doc/protocol.md "Framing")."""
    out = []
    while data:
        end = data.index(b"\r\n\r\n") + 4
        m = re.search(rb"\r\nL: (\d+)", data[:end])
        n = int(m.group(1)) if m else 0
        out.append(data[: end + n])
        data = data[end + n:]
    return out


def message_lines(msg: bytes):
    end = msg.index(b"\r\n\r\n")
    lines = [escape_piece(l) for l in msg[:end].split(b"\r\n")]
    body = msg[end + 4:]
    if body:
        lines.append("")
        trailing_crlf = body.endswith(b"\r\n")
        pieces = (body[:-2] if trailing_crlf else body).split(b"\r\n")
        pieces = [escape_piece(p) for p in pieces]
        if trailing_crlf:
            pieces[-1] += "\\r\\n"
        if pieces and pieces[-1] == "":
            pieces[-1] = "\\x"  # never happens for these files; guards the layout rule
        lines += pieces
    return lines


def main(folder, reference):
    doc = open(reference, encoding="utf-8").read()
    directions = dict(re.findall(r"- File: `[^`]*/(\d\d-[^`]+\.bin)`.*?\n- Direction: ([^\n]+)", doc, re.S))
    out = ["# The example messages of doc/protocol.md \"Example messages\", byte for byte (imported by",
           "# pcaps/tools/import_examples.py).  One connection per example file;",
           "# addresses follow doc/protocol.md \"Example messages\": the 2009 capture's client and proxy for",
           "# the SIP-C/2.0 examples, a made-up client for the SIP-C/4.0 ones.",
           "start 2009-04-16 14:38:00", ""]
    blocks = []
    for n, name in enumerate(sorted(f for f in os.listdir(folder) if f.endswith(".bin"))):
        data = open(os.path.join(folder, name), "rb").read()
        if name.startswith("41-"):
            continue  # HTTP tunnel: its own transcript
        conn = "e" + name[:2]
        v2 = "-v2-" in name
        client = f"192.168.1.50:{57000 + n}" if v2 else f"10.0.0.2:{40000 + n}"
        server = "221.176.31.1:8080" if v2 else "221.176.31.128:8080"
        out.append(f"connection {conn} client={client} server={server}  # {name}")
        d = directions[name]
        direction = "c2s" if d.startswith("client") else "s2c"
        for i, msg in enumerate(split_messages(data)):
            flag = " join" if i else ""
            blocks.append(f"--- {conn} {direction} +1{flag}")
            blocks += message_lines(msg)
            blocks.append("")
    text = "\n".join(out + [""] + blocks) + "\n"
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    t = transcript.parse(OUT)
    for name in sorted(f for f in os.listdir(folder) if f.endswith(".bin") and not f.startswith("41-")):
        want = open(os.path.join(folder, name), "rb").read()
        got = b"".join(m.data for m in t.messages if m.connection == "e" + name[:2])
        assert got == want, name
    print(f"{OUT}: {len(t.messages)} messages, byte-exact")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
