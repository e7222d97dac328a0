# SPDX-License-Identifier: GPL-2.0-or-later
"""The benchmark compares like with like (bench/make_corpus.py): the SIP-C
capture and its SIP translation have the same frames, every message of each
is read by its own dissector, and both dissectors show the same custom-config
documents as XML."""

import base64
import gzip
import os
import re
import shutil
import sys
import tempfile
import unittest

from sipc_tshark import ROOT, tshark

sys.path.insert(0, os.path.join(ROOT, "bench"))
import make_corpus  # noqa: E402


class BenchCorpus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="sipc-corpus-")
        os.chmod(cls.dir, 0o755)
        cls.info = make_corpus.make(cls.dir, 400)
        for p in ("sipc", "sip"):
            os.chmod(cls.info[p]["path"], 0o644)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def fields(self, proto, *args):
        out, _ = tshark("-n", "-r", self.info[proto]["path"], *args)
        return out

    def test_same_frames_and_every_message_read(self):
        self.assertEqual(self.info["frames"], self.info["frames_sip"])
        n = self.info["messages"]
        sipc = self.fields("sipc", "-Y", "sipc", "-T", "fields", "-e", "sipc.method", "-e", "sipc.status_code",
                           "-E", "occurrence=a", "-E", "aggregator=,")
        sip = self.fields("sip", "-Y", "sip", "-T", "fields", "-e", "sip.Method", "-e", "sip.Status-Code",
                          "-E", "occurrence=a", "-E", "aggregator=,")

        def count(out):  # the values of both columns, each message one
            return sum(1 for value in re.split(r"[\t,\n]", out) if value)
        self.assertEqual(count(sipc), n)
        self.assertEqual(count(sip), n)
        # No message cut short or misread.  (The SDP dissector does find
        # SIP-C's SDP bodies wanting, in SIP as it would in real traffic.)
        for proto in ("sipc", "sip"):
            self.assertEqual(self.fields(proto, "-Y", "_ws.malformed && !sdp.invalid_line.missing_fields"), "",
                             proto)

    def ids_by_copy(self, proto, field):
        """[(copy, id)] for each value of field in proto's capture; the copy
        from the client's address (make_corpus.client_address())."""
        out = self.fields(proto, "-Y", proto, "-T", "fields", "-e", "ip.src", "-e", "ip.dst", "-e", field,
                          "-E", "occurrence=a")
        found = []
        for line in out.splitlines():
            src, dst, ids = line.split("\t")
            copy = make_corpus.copy_of_address(src if src.startswith("10.") else dst)
            found += [(copy, i) for i in ids.split(",") if i]
        return found

    def test_sip_call_ids_unique_to_a_copy(self):
        # SIP's Call-ID is unique in the world; SIP-C's I repeats in every
        # copy of a transcript.
        copies_of = {}
        for copy, call_id in self.ids_by_copy("sip", "sip.Call-ID"):
            copies_of.setdefault(call_id, set()).add(copy)
        self.assertTrue(all(len(c) == 1 for c in copies_of.values()), copies_of)
        # As many Call-IDs as SIP-C's (copy, I) pairs: none merged, none split.
        pairs = set(self.ids_by_copy("sipc", "sipc.call_id"))
        self.assertGreater(len({c for c, _ in pairs}), 1)
        self.assertEqual(len(copies_of), len(pairs))

    def test_both_show_the_same_config_documents(self):
        # The documents inside the transcripts' compressed configs.
        docs = set()
        for name in make_corpus.SIPC:
            with open(os.path.join(make_corpus.TRANSCRIPTS, name), "rb") as f:
                for blob in re.findall(rb"H4sI[A-Za-z0-9+/=]+", f.read()):
                    docs.add(gzip.decompress(base64.b64decode(blob)).decode())
        self.assertTrue(docs)
        phrases = {p for d in docs for p in re.findall(r"<string>([^<]+)</string>", d)}
        self.assertTrue(phrases)
        for proto in ("sipc", "sip"):
            shown = self.fields(proto, "-Y", "xml", "-T", "fields", "-e", "xml.cdata", "-E", "occurrence=a")
            for phrase in phrases:
                self.assertIn(phrase, shown, proto)


if __name__ == "__main__":
    unittest.main()
