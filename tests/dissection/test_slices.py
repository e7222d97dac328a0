# SPDX-License-Identifier: GPL-2.0-or-later
"""Issue 9: sliced responses put back together, and contact lists in full.

A large result comes as 188 Partial responses and then a final response,
all with the request's I and Q, each with L: <length>;p=<offset>.  What each
capture must show is worked out here from its transcript alone: which
responses are slices of which body, which slices agree with the ones before
them, what the whole body is, and what its XML says.  Then tshark, in one
pass and in two, must show each slice's own bytes and where it went, the
whole body decoded once in the frame of its final slice, and no field of
a body anywhere else.
"""

import re
import unittest
import xml.etree.ElementTree as ET

import expectations
import manifest
from sipc_tshark import capture_path, dissect, tshark

# Every attribute of a SIP-C/4.0 contact list's entries and the field it
# feeds (doc/fields.md "Body fields": sipc.local_name, sipc.buddy_lists, sipc.relation; the
# others named by what they are).
CONTACT_FIELDS = {
    ("b", "i"): "sipc.user_id", ("b", "u"): "sipc.contact_uri", ("b", "n"): "sipc.local_name",
    ("b", "l"): "sipc.buddy_lists", ("b", "f"): "sipc.feike_read_version", ("b", "r"): "sipc.relation",
    ("b", "o"): "sipc.online_notify", ("b", "p"): "sipc.permissions",
    ("buddy-list", "id"): "sipc.buddy_list.id", ("buddy-list", "name"): "sipc.buddy_list.name",
    ("c", "i"): "sipc.user_id", ("c", "u"): "sipc.contact_uri",
    ("k", "i"): "sipc.user_id", ("k", "u"): "sipc.blocked_uri", ("k", "n"): "sipc.local_name",
}
FIELDS = sorted(set(CONTACT_FIELDS.values()))
CONTACT_URIS = {("b", "u"), ("c", "u")}  # what the summary counts as contacts

SLICED = ["sliced-contacts.pcap", "sliced-contacts-hostile.pcap"]
BROKEN = ["sliced-broken.pcap", "sliced-broken-hostile.pcap"]


def status(m):
    return int(m.start_line.split()[1]) if m.start_line.startswith("SIP-C/") else None


def length_header(m):
    """(length, offset or None) of the message's first L."""
    value = dict(m.headers).get("L")
    if value is None:
        return None
    length, _, param = value.partition(";")
    offset = int(param[2:]) if param.startswith("p=") else None
    return int(length), offset


class Slice:
    def __init__(self, msg, length, offset, final, arrival):
        self.msg, self.length, self.offset, self.final, self.arrival = msg, length, offset, final, arrival
        self.fault = None

    @property
    def end(self):
        return self.offset + self.length


class Body:
    """One sliced body, as the transcript has it."""

    def __init__(self):
        self.slices = []
        self.closed = False

    def add(self, s, limit):
        good = [e for e in self.slices if e.fault is None]
        final = next((e for e in good if e.final), None)
        if s.end > limit:
            s.fault = "too large"
        elif final and s.final:
            s.fault = "second final"
        elif final and s.end > final.end:
            s.fault = "beyond end"
        elif s.final and any(e.end > s.end for e in good):
            s.fault = "end too early"
        elif any(max(e.offset, s.offset) < min(e.end, s.end) for e in good):
            s.fault = "overlap"
        self.slices.append(s)
        if s.final:
            self.closed = True

    @property
    def good(self):
        return [s for s in self.slices if s.fault is None]

    def whole(self):
        """The whole body's bytes, or None when the good slices do not make it."""
        good = sorted(self.good, key=lambda s: s.offset)
        if not any(s.final for s in good):
            return None
        out = b""
        for s in good:
            if s.offset != len(out):
                return None
            out += s.msg.body
        return out


def sliced_bodies(t, limit=4 * 1024 * 1024):
    """The transcript's sliced bodies, and the 188s without p=."""
    bodies, no_offset, open_bodies = [], [], {}
    for m in t.messages:
        code = status(m)
        lh = length_header(m)
        if code is None or lh is None:
            continue
        length, offset = lh
        if offset is None:
            if code == 188:
                no_offset.append(m)
            continue
        key = (m.connection, expectations.call_id_and_cseq(m))
        body = open_bodies.get(key)
        final = code >= 200
        if body is None or body.closed:
            if final and offset == 0:
                continue  # a whole body in one response
            body = Body()
            bodies.append(body)
            open_bodies[key] = body
        body.add(Slice(m, length, offset, final, len(body.slices) + 1), limit)
    return bodies, no_offset


def contact_fields(body):
    out = {}
    for el in ET.fromstring(body.decode("utf-8")).iter():
        for attr, value in el.attrib.items():
            f = CONTACT_FIELDS.get((el.tag, attr))
            if f:
                out.setdefault(f, []).append(value)
    return out


def contact_count(body):
    root = ET.fromstring(body.decode("utf-8"))
    return sum(1 for el in root.iter() for attr in el.attrib if (el.tag, attr) in CONTACT_URIS)


def has_xml(g):
    return any(f.name.startswith("xml.") for f in g.fields)


class Case(unittest.TestCase):
    def shown(self, name, two_pass, *extra):
        """The capture's transcript messages paired with what tshark showed."""
        capture = manifest.find(name)
        t = capture.load_transcript()
        packets = dissect(name, *(["-2"] if two_pass else []), *extra)
        pairs = expectations.align(capture, packets, t)
        return t, {id(w): g for w, g in pairs}, pairs

    def check_slice_shown(self, s, g, where):
        """A slice shows its own bytes as text and nothing decoded from them."""
        self.assertEqual(sum(g.sizes("sipc.body")), s.length, f"{where}: its own bytes")
        self.assertEqual(sum(g.sizes("sipc.body.line")), s.length, f"{where}: its bytes as text")
        for f in FIELDS:
            self.assertEqual(g.values(f), [], f"{where}: {f} comes from the whole body only")
        self.assertFalse(has_xml(g), f"{where}: no XML of a slice alone")
        self.assertEqual(g.values("sipc.slice.number"), [str(s.arrival)], f"{where}: which slice")


class WholeBodies(expectations.BothPasses, Case):
    CAPTURES = SLICED

    def check(self, name, two_pass):
        t, shown, pairs = self.shown(name, two_pass)
        bodies, _ = sliced_bodies(t)
        self.assertEqual(len(bodies), 2, "the transcript has two sliced contact lists")
        response_to, answers = expectations.expected_transactions(t.messages)
        for body in bodies:
            whole = body.whole()
            self.assertIsNotNone(whole, "the transcript's bodies are whole")
            final = next(s for s in body.slices if s.final)
            gf = shown[id(final.msg)]
            where = f"{name} frame {gf.frame} (transcript line {final.msg.line})"
            # The whole body, once, in the final slice's frame.
            self.assertEqual(gf.sizes("sipc.slice.body"), [len(whole)], f"{where}: the whole body")
            self.assertEqual(gf.values("sipc.slice.count"), [str(len(body.slices))], f"{where}: slices")
            want = contact_fields(whole)
            for f in FIELDS:
                self.assertEqual(gf.values(f), want.get(f, []), f"{where}: {f}")
            self.assertTrue(has_xml(gf), f"{where}: the whole body's XML")
            self.assertEqual(gf.values("sipc.summary"), [f"{contact_count(whole)} contacts"], where)
            request = response_to[id(final.msg)]
            self.assertEqual(answers[id(request)], final.msg, "the request's answer is the final response")
            if two_pass:
                self.assertEqual(shown[id(request)].values("sipc.response_in"), [str(gf.frame)], where)
            for s in body.slices:
                g = shown[id(s.msg)]
                here = f"{name} frame {g.frame} (transcript line {s.msg.line})"
                if s.length:
                    self.assertEqual(sum(g.sizes("sipc.body")), s.length, f"{here}: its own bytes")
                    self.assertEqual(sum(g.sizes("sipc.body.line")), s.length, f"{here}: its bytes as text")
                self.assertEqual(g.values("sipc.slice.number"), [str(s.arrival)], here)
                self.assertEqual(g.values("sipc.response_to"), [str(shown[id(request)].frame)], here)
                # Where it was put back: known to every slice on a second
                # pass; on the first, only to the final slice itself.
                known = two_pass or s.final
                self.assertEqual(g.values("sipc.slice.reassembled_in"), [str(gf.frame)] if known else [], here)
                if not s.final:
                    self.check_slice_shown(s, g, here)
                    self.assertEqual(g.values("sipc.slice.body"), [], here)
        # Nothing anywhere shows a field twice: every contact field of the
        # capture is the final slices' and nobody else's.
        for f in FIELDS:
            total = sum(len(g.values(f)) for _, g in pairs)
            self.assertEqual(total, sum(len(contact_fields(b.whole()).get(f, [])) for b in bodies), f"{name}: {f}")

    def test_data_source_of_the_whole_body(self):
        capture = manifest.find("sliced-contacts.pcap")
        t = capture.load_transcript()
        bodies, _ = sliced_bodies(t)
        pairs = expectations.align(capture, dissect(capture.name), t)
        shown = {id(w): g for w, g in pairs}
        for body in bodies:
            final = next(s for s in body.slices if s.final)
            frame = shown[id(final.msg)].frame
            out, _ = tshark("-r", capture_path(capture.name), "-x", "-Y", f"frame.number == {frame}")
            n, size = len(body.slices), len(body.whole())
            self.assertIn(f"Reassembled body, {n} slices, {size} bytes", out, f"frame {frame}")


class ContactLists(unittest.TestCase):
    def test_local_names_are_utf8_and_filterable(self):
        capture = manifest.find("sliced-contacts.pcap")
        t = capture.load_transcript()
        bodies, _ = sliced_bodies(t)
        pairs = expectations.align(capture, dissect(capture.name), t)
        shown = {id(w): g for w, g in pairs}
        for name in ("张", "小红", "推销电话", "Amy"):
            want = sorted(shown[id(next(s for s in b.slices if s.final).msg)].frame for b in bodies
                          if any(name in n for n in contact_fields(b.whole()).get("sipc.local_name", [])))
            self.assertTrue(want, f"the transcript has a local name with {name}")
            out, _ = tshark("-r", capture_path(capture.name), "-Y", f'sipc.local_name contains "{name}"',
                            "-T", "fields", "-e", "frame.number")
            self.assertEqual(sorted(int(l) for l in out.split()), want, name)

    def test_relation_is_a_number_to_filter_on(self):
        capture = manifest.find("sliced-contacts.pcap")
        t = capture.load_transcript()
        bodies, _ = sliced_bodies(t)
        waiting = sum(v == "0" for b in bodies for v in contact_fields(b.whole()).get("sipc.relation", []))
        self.assertGreater(waiting, 0, "the transcript has buddies who have not accepted yet")
        out, _ = tshark("-r", capture_path(capture.name), "-Y", "sipc.relation == 0", "-T", "fields",
                        "-e", "sipc.relation", "-E", "occurrence=a", "-E", "aggregator=,")
        shown = [v for line in out.split() for v in line.split(",")]
        self.assertEqual(shown.count("0"), waiting)


class BrokenBodies(expectations.BothPasses, Case):
    CAPTURES = BROKEN

    def check(self, name, two_pass):
        t, shown, pairs = self.shown(name, two_pass)
        bodies, no_offset = sliced_bodies(t)
        self.assertEqual(len(bodies), 4)
        self.assertEqual(len(no_offset), 1)
        seen_faults = set()
        for body in bodies:
            whole = body.whole()
            for s in body.slices:
                g = shown[id(s.msg)]
                where = f"{name} frame {g.frame} (transcript line {s.msg.line})"
                expert = {"overlap": "sipc.expert.slice_overlap", "end too early": "sipc.expert.slice_disagrees",
                          "beyond end": "sipc.expert.slice_disagrees"}.get(s.fault)
                if expert:
                    seen_faults.add(s.fault)
                    self.assertEqual(len(g.values(expert)), 1, f"{where}: {s.fault}")
                if s.final and whole is not None:
                    self.assertEqual(g.sizes("sipc.slice.body"), [len(whole)], where)
                    self.assertEqual(g.values("sipc.slice.count"), [str(len(body.good))], where)
                    want = contact_fields(whole)
                    for f in FIELDS:
                        self.assertEqual(g.values(f), want.get(f, []), f"{where}: {f}")
                    continue
                # Not put back together, or not the final slice: its own
                # bytes as text, nothing decoded.
                self.check_slice_shown(s, g, where)
                self.assertEqual(g.values("sipc.slice.body"), [], where)
                gaps = s.final and s.fault is None and whole is None
                self.assertEqual(len(g.values("sipc.expert.slice_gap")), 1 if gaps else 0, f"{where}: gap")
                last = s is body.slices[-1] and not body.closed
                self.assertEqual(len(g.values("sipc.expert.slice_incomplete")), 1 if last and two_pass else 0,
                                 f"{where}: a body without its final response, known on a second pass")
        self.assertEqual(seen_faults, {"overlap", "end too early"})
        for m in no_offset:
            g = shown[id(m)]
            self.assertEqual(len(g.values("sipc.expert.slice_no_offset")), 1, f"{name} frame {g.frame}")
            self.assertEqual(sum(g.sizes("sipc.body.line")), len(m.body))
            for f in FIELDS:
                self.assertEqual(g.values(f), [], f"{name} frame {g.frame}: {f}")
        # The final response at offset 0 after it holds its whole body.
        for w, g in pairs:
            lh = length_header(w)
            if status(w) == 200 and lh and lh[1] == 0:
                want = contact_fields(w.body)
                for f in FIELDS:
                    self.assertEqual(g.values(f), want.get(f, []), f"{name} frame {g.frame}: {f}")
                self.assertEqual(g.values("sipc.slice.number"), [], "not a sliced body")


class Limit(unittest.TestCase):
    def test_bodies_beyond_the_preference_are_not_reassembled(self):
        limit = 3000
        capture = manifest.find("sliced-contacts.pcap")
        t = capture.load_transcript()
        bodies, _ = sliced_bodies(t, limit)
        pairs = expectations.align(capture, dissect(capture.name, "-o", f"sipc.max_sliced_body:{limit}"), t)
        shown = {id(w): g for w, g in pairs}
        too_large = [s for b in bodies for s in b.slices if s.fault == "too large"]
        self.assertTrue(too_large, f"the transcript has slices beyond {limit} bytes")
        for body in bodies:
            whole = body.whole()
            final = shown[id(next(s for s in body.slices if s.final).msg)]
            self.assertEqual(final.sizes("sipc.slice.body"), [len(whole)] if whole else [])
            for s in body.slices:
                g = shown[id(s.msg)]
                self.assertEqual(len(g.values("sipc.expert.slice_too_large")), 1 if s.fault == "too large" else 0,
                                 f"frame {g.frame}")


if __name__ == "__main__":
    unittest.main()
