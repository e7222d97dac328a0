# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin draws plain XML bodies itself (plugin/epan/sipc_xml.cpp,
doc/xml-drawing.md), and what it draws must be what Wireshark's XML
dissector draws, item for item: every frame of every capture of pcaps/
and of a benchmark corpus, decoded with the drawing on (the default) and
off (-o sipc.draw_xml:FALSE, every body to the XML dissector), must come
out the same, in PDML (names, labels, values, offsets, lengths, the
protocols of the frame) and in the text tree with the bytes of each data
source (-V -x: "Decoded UTF-8 text" since Wireshark 4.4), in one pass and
in two.  Run under each Wireshark version the suite runs on."""

import os
import re
import shutil
import sys
import tempfile
import unittest

from sipc_tshark import PCAPS, ROOT, capture_path, tshark

sys.path.insert(0, os.path.join(ROOT, "bench"))
import make_corpus  # noqa: E402

OFF = ("-o", "sipc.draw_xml:FALSE")
_PACKET = re.compile(r"<packet>.*?</packet>", re.S)
# PDML's header names the time of the run.
_PDML_HEAD = re.compile(r"<pdml [^>]*>")


def pdml_frames(path, *args):
    out, _ = tshark("-n", "-r", path, "-T", "pdml", *args)
    return _PACKET.findall(_PDML_HEAD.sub("", out))


def text_frames(path, *args):
    out, _ = tshark("-n", "-r", path, "-V", "-x", *args)
    return out.split("\n\n")


class XmlDrawing(unittest.TestCase):
    corpus_dir = None

    @classmethod
    def setUpClass(cls):
        cls.corpus_dir = tempfile.mkdtemp(prefix="sipc-xml-")
        os.chmod(cls.corpus_dir, 0o755)
        info = make_corpus.make(cls.corpus_dir, 1500)
        os.chmod(info["sipc"]["path"], 0o644)
        cls.corpus = info["sipc"]["path"]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.corpus_dir)

    def same(self, path, frames_of, *args):
        drawn = frames_of(path, *args)
        dissected = frames_of(path, *args, *OFF)
        self.assertEqual(len(drawn), len(dissected), f"{path} {args}: number of frames")
        for number, (a, b) in enumerate(zip(drawn, dissected), start=1):
            if a != b:
                self.fail(f"{os.path.basename(path)} {' '.join(args)} frame {number} differs:\n"
                          + "\n".join(line for line in _diff(a, b)))
        return drawn

    def test_every_capture_pdml(self):
        xml_frames = 0
        for name in captures():
            with self.subTest(capture=name):
                frames = self.same(capture_path(name), pdml_frames)
                xml_frames += sum('<proto name="xml"' in f for f in frames)
        self.assertGreater(xml_frames, 100)  # the comparison is not an empty one

    # Two passes, as the GUI reads a file, in the text tree with the bytes of
    # every data source.  The "-bytewise" captures carry their base
    # capture's messages a byte a segment: the same documents, in a hundred
    # times the output.
    def test_two_passes_text_and_data_sources(self):
        for name in captures(bytewise=False):
            with self.subTest(capture=name):
                self.same(capture_path(name), text_frames, "-2")

    def test_benchmark_corpus(self):
        frames = self.same(self.corpus, pdml_frames)
        self.assertGreater(sum('<proto name="xml"' in f for f in frames), 500)
        self.same(self.corpus, text_frames, "-2")

    def test_filters_see_the_same_fields(self):
        for expression in ("xml.tag", "xml.attribute contains \"fetion\"", "xml.cdata", "xml",
                           "frame.protocols contains \"xml\""):
            with self.subTest(filter=expression):
                drawn, _ = tshark("-n", "-r", self.corpus, "-Y", expression, "-T", "fields", "-e", "frame.number")
                dissected, _ = tshark("-n", "-r", self.corpus, "-Y", expression, "-T", "fields", "-e",
                                      "frame.number", *OFF)
                self.assertEqual(drawn, dissected)
                self.assertNotEqual(drawn.strip(), "")


def captures(bytewise=True):
    return [name for name in sorted(os.listdir(PCAPS))
            if name.endswith(".pcap") and (bytewise or "-bytewise" not in name)]


def _diff(a, b):
    a, b = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            yield f"  line {i + 1}:\n    drawn:     {x.strip()}\n    dissected: {y.strip()}"
            return
    yield f"  lengths {len(a)} and {len(b)} lines"


if __name__ == "__main__":
    unittest.main()
