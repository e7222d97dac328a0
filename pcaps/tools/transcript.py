# SPDX-License-Identifier: GPL-2.0-or-later
"""Readable transcripts of SIP-C conversations, and their exact bytes.

A transcript is a text file:

    # comment
    connection main-a client=59.174.141.61:2708 server=221.176.31.33:8080
    start 2009-12-17 16:13:50

    --- main-a c2s +0.100
    S fetion.com.cn SIP-C/2.0
    F: 815389316
    ...
    (empty line)
    body lines

A message block starts with "--- <connection> <c2s|s2c> [+seconds|@seconds]
[flags]".  Header lines are joined with CRLF and end with CRLF CRLF.  Body
lines are joined with CRLF with no line end after the last line; trailing
empty lines before the next block are layout, not body.  Everywhere in a
message, \\r \\n \\t \\\\ and \\xNN stand for those bytes, so a trailing space is
written \\x20, a bare LF \\n, and a body that ends in CRLF ends in \\r\\n.
A line that starts with "#" is a comment, inside a message too (a message
line that really starts with "#" is written \\x23).

Variables: "define NAME value" sets ${NAME}, which may be used anywhere
after it; a capture in the manifest may override it (the same chat with the
chat server on another port, say).

Flags:
    join   the message travels in the same TCP segment as the one before
    raw    the block is taken byte for byte: lines are concatenated with no
           line ends added (escapes still apply); for garbage and broken input
"""

import datetime
import re
from dataclasses import dataclass, field

_ESCAPE = re.compile(rb"\\(x[0-9A-Fa-f]{2}|r|n|t|\\)")


def unescape(text: str) -> bytes:
    raw = text.encode("utf-8")

    def sub(m):
        e = m.group(1)
        if e.startswith(b"x"):
            return bytes([int(e[1:], 16)])
        return {b"r": b"\r", b"n": b"\n", b"t": b"\t", b"\\": b"\\"}[e]

    return _ESCAPE.sub(sub, raw)


@dataclass
class Endpoint:
    ip: str
    port: int

    @classmethod
    def parse(cls, text):
        ip, port = text.rsplit(":", 1)
        return cls(ip, int(port))

    def __str__(self):
        return f"{self.ip}:{self.port}"


@dataclass
class Connection:
    name: str
    client: Endpoint
    server: Endpoint


@dataclass
class Message:
    connection: str
    direction: str  # "c2s" or "s2c"
    time: float  # seconds from the transcript start
    data: bytes
    join: bool = False
    raw: bool = False
    line: int = 0  # line of the "---" in the transcript

    # The parts of a well-formed message, as a reader of the transcript
    # sees them.  A test compares these with what the dissector shows.
    @property
    def head(self) -> bytes:
        end = self.data.find(b"\r\n\r\n")
        return self.data[: end + 2] if end >= 0 else self.data

    @property
    def start_line(self) -> str:
        return self.data.split(b"\r\n", 1)[0].decode("utf-8")

    @property
    def headers(self):
        """[(name, value)] with values trimmed, in order."""
        out = []
        for line in self.head.split(b"\r\n")[1:]:
            if not line:
                continue
            name, _, value = line.decode("utf-8").partition(":")
            out.append((name.strip(), value.strip()))
        return out

    @property
    def body(self) -> bytes:
        end = self.data.find(b"\r\n\r\n")
        return self.data[end + 4 :] if end >= 0 else b""


@dataclass
class Transcript:
    path: str
    connections: dict = field(default_factory=dict)
    messages: list = field(default_factory=list)
    start: float = 0.0  # Unix time of the first message

    def connection_of(self, message):
        return self.connections[message.connection]


_BLOCK = re.compile(r"^--- (\S+) (c2s|s2c)(?: ([+@][0-9.]+))?((?: \w+)*)\s*$")


def _message_bytes(lines, raw):
    if raw:
        return b"".join(unescape(l) for l in lines)
    while lines and lines[-1] == "":
        lines.pop()
    try:
        blank = lines.index("")
    except ValueError:
        blank = len(lines)
    head = b"".join(unescape(l) + b"\r\n" for l in lines[:blank]) + b"\r\n"
    body = b"\r\n".join(unescape(l) for l in lines[blank + 1 :])
    return head + body


_VAR = re.compile(r"\$\{(\w+)\}")


def parse(path, overrides=None) -> Transcript:
    """Reads a transcript; `overrides` replaces the values of its defines."""
    overrides = dict(overrides or {})
    variables = {}
    t = Transcript(path)
    now = 0.0
    block = None
    lines = []

    def flush():
        if block is None:
            return
        conn, direction, when, flags, lineno = block
        msg = Message(conn, direction, when, _message_bytes(list(lines), "raw" in flags),
                      join="join" in flags, raw="raw" in flags, line=lineno)
        if conn not in t.connections:
            raise ValueError(f"{path}:{lineno}: unknown connection {conn}")
        t.messages.append(msg)

    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("define "):
                _, name, value = line.split(None, 2)
                variables[name] = overrides.get(name, value.strip())
                continue
            line = _VAR.sub(lambda m: variables[m.group(1)], line)
            m = _BLOCK.match(line)
            if m:
                flush()
                lines = []
                conn, direction, when, flags = m.groups()
                if when and when.startswith("+"):
                    now += float(when[1:])
                elif when:
                    now = float(when[1:])
                block = (conn, direction, now, set(flags.split()), lineno)
                continue
            if line.startswith("#"):
                continue  # comments, also between the lines of a message
            if block is not None:
                lines.append(line)
                continue
            line = line.split(" #", 1)[0]  # comments may end a line outside messages
            if not line.strip() or line.startswith("#"):
                continue
            words = line.split()
            if words[0] == "connection":
                opts = dict(w.split("=", 1) for w in words[2:])
                t.connections[words[1]] = Connection(
                    words[1], Endpoint.parse(opts["client"]), Endpoint.parse(opts["server"]))
            elif words[0] == "start":
                stamp = datetime.datetime.fromisoformat(" ".join(words[1:3]))
                t.start = stamp.replace(tzinfo=datetime.timezone.utc).timestamp()
            else:
                raise ValueError(f"{path}:{lineno}: cannot read {line!r}")
    flush()
    return t


def check(t: Transcript):
    """Checks that every well-formed message's L (or, for SIP and HTTP,
    Content-Length) matches its body."""
    problems = []
    for m in t.messages:
        if m.raw:
            continue
        lengths = [v for n, v in m.headers if n in ("L", "Content-Length")]
        declared = int(lengths[0].split(";")[0]) if lengths else 0
        if declared != len(m.body):
            problems.append(f"{t.path}:{m.line}: L is {declared}, body has {len(m.body)} bytes")
    return problems
