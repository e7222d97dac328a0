#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes the bytes of every transcript in pcaps/transcripts as the unit
tests read them: one file per connection and direction, the messages of
that side in order, as the dissector sees them after TCP reassembly.

Usage: transcript_streams.py SOURCE_ROOT OUT_DIR
OUT_DIR/<transcript>/<NN>-<connection>-<c2s|s2c>.bin, then OUT_DIR/stamp.
The transcripts are read by pcaps/tools/transcript.py, the one reader of
their format (README.md "Captures").
"""
import os
import shutil
import sys

root, out = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, "pcaps", "tools"))
import transcript  # noqa: E402

folder = os.path.join(root, "pcaps", "transcripts")
shutil.rmtree(out, ignore_errors=True)
for name in sorted(os.listdir(folder)):
    if not name.endswith(".txt"):
        continue
    t = transcript.parse(os.path.join(folder, name))
    streams = {}
    for m in t.messages:
        streams.setdefault((m.connection, m.direction), bytearray()).extend(m.data)
    target = os.path.join(out, name[:-4])
    os.makedirs(target)
    for n, ((conn, direction), data) in enumerate(streams.items()):
        with open(os.path.join(target, f"{n:02d}-{conn}-{direction}.bin"), "wb") as f:
            f.write(data)
with open(os.path.join(out, "stamp"), "w") as f:
    f.write("")
