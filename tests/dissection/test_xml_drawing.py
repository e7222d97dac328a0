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
from pcap_writer import PcapWriter, TcpStream  # noqa: E402
from transcript import Endpoint  # noqa: E402

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
        cls.dtd_capture, cls.dtds = dtd_capture(cls.corpus_dir)

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

    def test_documents_of_every_dtd(self):
        """The elements of Wireshark's own DTDs (its "dtds" folder under
        this version) are drawn as protocols and fields of their own: a
        document of each, built from the DTD, comes out the same."""
        self.assertGreater(len(self.dtds), 5)
        frames = self.same(self.dtd_capture, pdml_frames)
        pdml = "".join(frames)
        # Their protocols are there, drawn or dissected.
        shown = [proto for proto in self.dtds if f'<proto name="{proto}"' in pdml]
        self.assertGreater(len(shown), 5, f"of {self.dtds}")
        self.same(self.dtd_capture, text_frames, "-2")

    def test_filters_see_the_same_fields(self):
        for expression in ("xml.tag", "xml.attribute contains \"fetion\"", "xml.cdata", "xml"):
            with self.subTest(filter=expression):
                drawn, dissected = self.matches(expression)
                self.assertEqual(drawn, dissected)
                self.assertNotEqual(drawn.strip(), "")
        # Found in one pass under 4.0, not under 4.4 (the frame's protocols
        # are filled in after the filter): the same either way.
        drawn, dissected = self.matches("frame.protocols contains \"xml\"")
        self.assertEqual(drawn, dissected)

    def matches(self, expression):
        """The frames `expression` finds, drawn and dissected."""
        return tuple(tshark("-n", "-r", self.corpus, "-Y", expression, "-T", "fields", "-e", "frame.number", *args)[0]
                     for args in ((), OFF))

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ELEMENT = re.compile(r"<!ELEMENT\s+([\w.:-]+)\s+([^>]*)>")
_ATTLIST = re.compile(r"<!ATTLIST\s+([\w.:-]+)\s+([^>]*)>")
_PROTO_NAME = re.compile(r'proto_name\s*=\s*"([^"]+)"')


def dtd_document(text):
    """(protocol name, a document using every element and attribute of the
    DTD `text`), or None for a DTD without a protocol name."""
    text = _COMMENT.sub("", text)
    proto = _PROTO_NAME.search(text)
    if not proto:
        return None
    children, attributes, order = {}, {}, []
    for name, content in _ELEMENT.findall(text):
        if name not in children:
            order.append(name)
            children[name] = [c for c in re.findall(r"[\w.:-]+", content) if c not in ("EMPTY", "ANY", "PCDATA")]
    for name, body in _ATTLIST.findall(text):
        attributes.setdefault(name, []).extend(re.findall(r"([\w.:-]+)\s+(?:CDATA|ID|IDREF|NMTOKEN|\()", body))
    if not order:
        return None

    def element(name, path):
        attrs = "".join(f' {a}="v{i}"' for i, a in enumerate(attributes.get(name, [])))
        inner = "".join(element(c, path + [name]) for c in children.get(name, [])
                        if c in children and c not in path and len(path) < 4)
        return f"<{name}{attrs}>t {name}{inner}</{name}>\r\n"

    root = order[0]
    # The root as a document, inside a plain element, and each element at
    # the top of a document of its own.
    docs = [element(root, []), f"<args>{element(root, [])}</args>"]
    docs += [f'<args><{n} x="1"/>{element(n, [root])}</args>' for n in order[1:6]]
    return proto.group(1), docs


def dtd_capture(folder):
    """A capture of SIP-C requests whose bodies are documents of every DTD
    this tshark reads (tshark -G folders: its global configuration folder),
    and the protocol names of those DTDs."""
    out, _ = tshark("-G", "folders")
    config = next(line.split("\t")[-1].strip() for line in out.splitlines() if line.startswith("Global configuration"))
    dtds, bodies = [], []
    for name in sorted(os.listdir(os.path.join(config, "dtds"))):
        with open(os.path.join(config, "dtds", name), encoding="utf-8", errors="replace") as f:
            made = dtd_document(f.read())
        if made:
            dtds.append(made[0])
            bodies += made[1]
    writer = PcapWriter()
    stream = TcpStream(writer, Endpoint("10.0.0.5", 40000), Endpoint("221.130.45.208", 8080))
    stream.open(1.0)
    for i, body in enumerate(bodies, start=1):
        data = body.encode()
        message = (f"S fetion.com.cn SIP-C/2.0\r\nF: 100\r\nI: {i}\r\nQ: 1 S\r\nN: SetPresence\r\n"
                   f"L: {len(data)}\r\n\r\n").encode() + data
        stream.send(1.0 + i, "c2s", message)
    path = os.path.join(folder, "dtd-documents.pcap")
    writer.write(path)
    os.chmod(path, 0o644)
    return path, dtds


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
