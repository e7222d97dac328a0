# SPDX-License-Identifier: GPL-2.0-or-later
"""The list of captures in pcaps/: which transcript makes each, and how.

pcaps/manifest.txt has one capture a line:

    <capture.pcap> <transcript.txt> [option=value ...] [VARIABLE=value ...]

Options:
    segment=message   one TCP segment per message (joined messages share one);
                      the default
    segment=bytes:N   every segment N bytes long (1: one byte per segment)
    segment=hostile   the messages of each burst in one direction are cut
                      inside start lines, inside L digits, inside bodies and
                      across message boundaries
    drop=CONN:N       the capture misses the handshake and first N messages
                      of connection CONN
    only=CONN,CONN    only these connections are in the capture
    skip=CONN:N       the capture misses the handshake and the first N bytes
                      that the client of CONN sent (it starts mid-message)
    snaplen=N         packets are cut to N bytes, as a capture with that
                      snap length would have them
Upper-case names set transcript variables (see transcript.py).
"""

import os
from dataclasses import dataclass, field

PCAPS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class Capture:
    name: str
    transcript: str
    segment: str = "message"
    drop: dict = field(default_factory=dict)
    only: set = None
    snaplen: int = 0
    skip: dict = field(default_factory=dict)
    variables: dict = field(default_factory=dict)

    @property
    def path(self):
        return os.path.join(PCAPS, self.name)

    @property
    def transcript_path(self):
        return os.path.join(PCAPS, "transcripts", self.transcript)

    def load_transcript(self):
        from transcript import parse
        return parse(self.transcript_path, self.variables)

    def captured_messages(self, t, whole=True):
        """The transcript's messages that are whole in this capture, in order
        (whole=False: also those the capture has only part of)."""
        seen = {}
        skipped = dict(self.skip)
        out = []
        for m in t.messages:
            if self.only is not None and m.connection not in self.only:
                continue
            n = seen.get(m.connection, 0)
            seen[m.connection] = n + 1
            if n < self.drop.get(m.connection, 0):
                continue
            if whole and m.direction == "c2s" and skipped.get(m.connection, 0) > 0:
                skipped[m.connection] -= len(m.data)
                continue  # cut at its start by the late start of the capture
            out.append(m)
        return out


def load(path=None):
    path = path or os.path.join(PCAPS, "manifest.txt")
    captures = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            words = line.split()
            c = Capture(words[0], words[1])
            for w in words[2:]:
                key, value = w.split("=", 1)
                if key == "segment":
                    c.segment = value
                elif key == "drop":
                    conn, n = value.split(":")
                    c.drop[conn] = int(n)
                elif key == "skip":
                    conn, n = value.split(":")
                    c.skip[conn] = int(n)
                elif key == "snaplen":
                    c.snaplen = int(value)
                elif key == "only":
                    c.only = set(value.split(","))
                elif key.isupper():
                    c.variables[key] = value
                else:
                    raise ValueError(f"{path}: unknown option {w}")
            captures.append(c)
    return captures


def find(name):
    for c in load():
        if c.name == name:
            return c
    raise KeyError(name)
