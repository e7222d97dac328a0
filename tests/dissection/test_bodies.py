# SPDX-License-Identifier: GPL-2.0-or-later
"""Issue 4: what bodies mean.  Presence, contacts and events as fields in
every body the transcripts hold (v2 and v4 vocabularies), the one-line
summaries of service requests and their answers, the compressed client
configuration, the SIP-C/4.0 login, every N: and BN event type, statistics,
and configurations built to hurt."""

import base64
import gzip
import re
import unittest
import xml.etree.ElementTree as ET

import expectations
import manifest
from sipc_tshark import capture_path, dissect, tshark

# The contract (doc/fields.md, issue 4): which XML attribute is which field.
ATTRIBUTE_FIELDS = {
    ("event", "type"): "sipc.event_type",
    ("member", "uri"): "sipc.member_uri",
    ("contact", "uri"): "sipc.contact_uri",
    ("buddy", "uri"): "sipc.contact_uri",
    ("mobile-buddy", "uri"): "sipc.contact_uri",
    ("application", "uri"): "sipc.contact_uri",
    ("b", "u"): "sipc.contact_uri",
    ("presence", "uri"): "sipc.presence.uri",
    ("p", "su"): "sipc.presence.uri",
    ("basic", "value"): "sipc.presence.value",
    ("pr", "b"): "sipc.presence.value",
    ("member", "state"): "sipc.presence.value",
    ("basic", "desc"): "sipc.presence.desc",
    ("pr", "d"): "sipc.presence.desc",
    ("b", "n"): "sipc.local_name",
    ("buddy", "local-name"): "sipc.local_name",
    ("contact", "local-name"): "sipc.local_name",
    ("mobile-buddy", "local-name"): "sipc.local_name",
    ("b", "l"): "sipc.buddy_lists",
    ("buddy", "buddy-lists"): "sipc.buddy_lists",
    ("contact", "buddy-lists"): "sipc.buddy_lists",
    ("mobile-buddy", "buddy-lists"): "sipc.buddy_lists",
    ("b", "r"): "sipc.relation",
    ("buddy", "relation-status"): "sipc.relation",
}
# doc/fields.md "Body fields": presence values by name.
PRESENCE = {400: "Online", 100: "Away", 600: "Busy", 300: "Be right back", 850: "In a meeting",
            500: "On the phone", 150: "Out to lunch", 0: "Hidden"}

CAPTURES = ["seed004-presence.pcap", "seed004-presence-hostile.pcap", "v4-login.pcap", "v4-login-hostile.pcap",
            "catalog.pcap", "examples.pcap", "seed000-chat.pcap"]


def xml_of(msg):
    body = msg.body.decode("utf-8").strip()
    if not body.startswith("<") or body.startswith("<Font"):
        return None
    try:
        return ET.fromstring(body)
    except ET.ParseError:
        return None


def expected_body_fields(msg):
    root = xml_of(msg)
    out = {}
    if root is None:
        return out
    for el in root.iter():
        for attr, value in el.attrib.items():
            f = ATTRIBUTE_FIELDS.get((el.tag, attr))
            if f:
                out.setdefault(f, []).append(value)
    return out


class BodyFields(unittest.TestCase):
    def test_fields_of_every_body(self):
        fields = sorted(set(ATTRIBUTE_FIELDS.values()))
        for name in CAPTURES:
            with self.subTest(name):
                capture = manifest.find(name)
                t = capture.load_transcript()
                for w, g in expectations.align(capture, dissect(name), t):
                    want = expected_body_fields(w)
                    for f in fields:
                        self.assertEqual(g.values(f), want.get(f, []), f"{name} frame {g.frame} line {w.line}: {f}")

    def test_presence_summaries_seed004(self):
        # "200 OK (1 S SetPresence: Busy)": the response learns the event
        # from its request and names the presence its body holds.
        capture = manifest.find("seed004-presence.pcap")
        t = capture.load_transcript()
        out, _ = tshark("-r", capture_path(capture.name), "-Y", "sipc", "-T", "fields", "-e", "frame.number",
                        "-e", "_ws.col.Info")
        info = {int(l.split("\t")[0]): l.split("\t")[1] for l in out.splitlines()}
        pairs = expectations.align(capture, dissect(capture.name), t)
        checked = 0
        for w, g in pairs:
            if not w.start_line.startswith("SIP-C/") or xml_of(w) is None:
                continue
            basic = xml_of(w).find(".//basic")
            if basic is None:
                continue
            name = PRESENCE[int(basic.get("value"))]
            desc = basic.get("desc")
            words = f'{name} "{desc}"' if desc else name
            seq = dict(w.headers)["Q"].split()[0]
            self.assertIn(f"Status: 200 OK ({seq} S SetPresence: {words})", info[g.frame])
            self.assertEqual(g.values("sipc.summary"), [words])
            self.assertEqual(g.values("sipc.request_event"), ["SetPresence"])
            checked += 1
        self.assertEqual(checked, 9, "seed 004 has nine presence answers")
        self.assertIn('Away "聊天中"', " ".join(info.values()))

    def test_compressed_configs_of_seed004(self):
        capture = manifest.find("seed004-presence.pcap")
        t = capture.load_transcript()
        pairs = expectations.align(capture, dissect(capture.name), t)
        seen = 0
        for w, g in pairs:
            blobs = re.findall(rb"H4sI[A-Za-z0-9+/=]+", w.body)
            self.assertEqual(len(g.values("sipc.config")), len(blobs), f"frame {g.frame}")
            want = [str(len(gzip.decompress(base64.b64decode(b)))) for b in blobs]
            self.assertEqual(g.values("sipc.config.decompressed_length"), want, f"frame {g.frame}")
            if blobs:
                # Readable in the tree: the mood phrase of both configs, and
                # the custom presence where the config has it.
                texts = " ".join(f.show for f in g.fields if f.name in ("xml.cdata", "xml.tag"))
                self.assertIn("飞信总是登陆中...", texts)
                plain = gzip.decompress(base64.b64decode(blobs[0]))
                self.assertEqual("<CustomerPresence100>" in texts, b"<CustomerPresence100>" in plain)
                seen += 1
        self.assertEqual(seen, 4, "two configs, each in a request and its answer")
        self.assertTrue(any(b"<CustomerPresence100>" in gzip.decompress(base64.b64decode(b))
                            for w, _ in pairs for b in re.findall(rb"H4sI[A-Za-z0-9+/=]+", w.body)))

    def test_config_limit_is_a_preference(self):
        out, _ = tshark("-r", capture_path("seed004-presence.pcap"), "-o", "sipc.max_config_length:1000",
                        "-Y", "sipc.config", "-T", "fields", "-e", "sipc.config.decompressed_length",
                        "-e", "sipc.expert.config_too_large", "-E", "occurrence=f")
        lines = out.splitlines()
        self.assertTrue(lines)
        self.assertTrue(all(l.split("\t")[0] == "1000" for l in lines), lines)


class Login(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.capture = manifest.find("v4-login.pcap")
        cls.t = cls.capture.load_transcript()
        cls.pairs = expectations.align(cls.capture, dissect(cls.capture.name), cls.t)

    def params(self, msg, header):
        out = []
        for n, v in msg.headers:
            if n == header:
                scheme, rest = v.split(" ", 1)
                out.append((scheme, dict(re.findall(r'(\w[\w-]*)="([^"]*)"', rest))))
        return out

    def test_challenge_and_response_parameters(self):
        for w, g in self.pairs:
            for scheme, params in self.params(w, "W"):
                self.assertEqual(g.values("sipc.www_authenticate.scheme"), [scheme])
                for p in ("algorithm", "nonce", "key", "signature", "type"):
                    self.assertEqual(g.values(f"sipc.www_authenticate.{p}"), [params[p]] if p in params else [], p)
            auth = self.params(w, "A")
            if auth:
                self.assertEqual(g.values("sipc.auth.scheme"), [s for s, _ in auth])
                for p in ("response", "algorithm", "type", "chid"):
                    want = [ps[p] for _, ps in auth if p in ps]
                    self.assertEqual(g.values(f"sipc.auth.{p}"), want, f"frame {g.frame}: {p}")

    def test_login_steps_and_result(self):
        summaries = [g.values("sipc.summary") for _, g in self.pairs]
        self.assertEqual(summaries[:6], [["login, step 1"], ["login challenge"], ["login, step 2"],
                                         ["CAPTCHA required"], ["login, step 2"], ["registered for 600 s"]])
        w, g = self.pairs[5]
        self.assertEqual(g.values("sipc.expires"), ["600"])
        self.assertEqual(g.values("sipc.public_ip"), ["218.104.71.170"])
        self.assertEqual(self.pairs[-1][1].values("sipc.summary"), ["logged out"])
        self.assertEqual(self.pairs[-2][1].values("sipc.summary"), ["logout"])

    def test_error_responses_are_warnings(self):
        flagged = [g.frame for _, g in self.pairs if g.values("sipc.expert.error_response")]
        errors = [g.frame for w, g in self.pairs
                  if w.start_line.startswith("SIP-C/") and int(w.start_line.split()[1]) >= 400]
        self.assertEqual(flagged, errors)
        self.assertEqual(len(errors), 2)


class Catalog(unittest.TestCase):
    def test_every_event_and_event_type(self):
        capture = manifest.find("catalog.pcap")
        t = capture.load_transcript()
        pairs = expectations.align(capture, dissect(capture.name), t)
        made_up = {"PermissionChanged", "OperationChanged", "ContactListChanged"}
        events = types = 0
        for w, g in pairs:
            n = dict(w.headers).get("N")
            if n:
                events += 1
                self.assertEqual(g.values("sipc.event"), [n])
                self.assertEqual(g.values("sipc.expert.unknown_event"), [], n)
            for ev in (xml_of(w).iter("event") if xml_of(w) is not None else []):
                types += 1
                unknown = g.values("sipc.expert.unknown_event_type")
                self.assertEqual(bool(unknown), ev.get("type") in made_up, ev.get("type"))
        self.assertEqual((events, types), (82, 25))


class ConfigCases(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        capture = manifest.find("config-cases.pcap")
        t = capture.load_transcript()
        cls.pairs = expectations.align(capture, dissect(capture.name), t)
        cls.hostile = expectations.align(manifest.find("config-cases-hostile.pcap"),
                                         dissect("config-cases-hostile.pcap"), t)

    def case(self, i, pairs=None):
        return (pairs or self.pairs)[i][1]

    def test_bomb_stops_at_the_limit(self):
        for pairs in (self.pairs, self.hostile):
            g = self.case(1, pairs)
            self.assertEqual(g.values("sipc.config.decompressed_length"), [str(4 * 1024 * 1024)])
            self.assertEqual(len(g.values("sipc.expert.config_too_large")), 1)

    def test_not_base64(self):
        g = self.case(2)
        self.assertEqual(len(g.values("sipc.expert.config_base64")), 1)
        self.assertEqual(g.values("sipc.config.decompressed_length"), [])

    def test_corrupt_and_cut_gzip(self):
        self.assertEqual(len(self.case(3).values("sipc.expert.config_gzip")), 1)
        self.assertEqual(len(self.case(4).values("sipc.expert.config_gzip")), 1)

    def test_any_element_with_gzip_text(self):
        w, g = self.pairs[5]
        blob = re.search(rb"H4sI[A-Za-z0-9+/=]+", w.body).group(0)
        self.assertEqual(g.values("sipc.config.decompressed_length"),
                         [str(len(gzip.decompress(base64.b64decode(blob))))])
        self.assertEqual([f for f in g.fields if f.name.startswith("sipc.expert.config")], [])

    def test_broken_xml_still_read(self):
        g = self.case(6)
        self.assertEqual(g.values("sipc.presence.value"), ["400"])
        self.assertEqual(g.values("sipc.presence.desc"), ["x"])


class Statistics(unittest.TestCase):
    def tree(self, capture):
        out, _ = tshark("-r", capture_path(capture), "-q", "-z", "sipc,tree")
        counts = {}
        section = None
        for line in out.splitlines():
            m = re.match(r"^( *)(\S.*?)\s{2,}(\d+)\s", line)
            if not m:
                continue
            depth, name, n = len(m.group(1)), m.group(2), int(m.group(3))
            if depth == 0:
                section = name
            counts[(section, name)] = n
        return counts

    def check(self, name):
        capture = manifest.find(name)
        t = capture.load_transcript()
        msgs = capture.captured_messages(t)
        counts = self.tree(name)
        self.assertEqual(counts[("SIP-C messages", "SIP-C messages")], len(msgs))
        methods, statuses, events, types, presence = {}, {}, {}, {}, {}
        for m in msgs:
            if m.start_line.startswith("SIP-C/"):
                code = m.start_line.split()[1]
                statuses[code] = statuses.get(code, 0) + 1
            else:
                method = m.start_line.split()[0]
                methods[method] = methods.get(method, 0) + 1
                n = dict(m.headers).get("N")
                if n:
                    events[n] = events.get(n, 0) + 1
            root = xml_of(m)
            if root is not None:
                for ev in root.iter("event"):
                    types[ev.get("type")] = types.get(ev.get("type"), 0) + 1
                vals = [el.get(a) for el in root.iter() for (tag, a), f in ATTRIBUTE_FIELDS.items()
                        if f == "sipc.presence.value" and el.tag == tag and el.get(a) is not None]
                if vals:
                    presence[int(vals[0])] = presence.get(int(vals[0]), 0) + 1
        for method, n in methods.items():
            (key,) = [k for k in counts if k[0] == "SIP-C messages" and k[1].startswith(method + " (")]
            self.assertEqual(counts[key], n, method)
        for code, n in statuses.items():
            (key,) = [k for k in counts if k[0] == "SIP-C messages" and k[1].startswith(code + " ")]
            self.assertEqual(counts[key], n, code)
        for ev, n in events.items():
            self.assertEqual(counts[("Requests by event (N)", ev)], n, ev)
        for ty, n in types.items():
            self.assertEqual(counts[("BN event types", ty)], n, ty)
        for value, n in presence.items():
            (key,) = [k for k in counts if k[0] == "Presence states" and k[1].endswith(f"({value})")]
            self.assertEqual(counts[key], n, value)

    def test_seed004(self):
        self.check("seed004-presence.pcap")

    def test_catalog(self):
        self.check("catalog.pcap")

    def test_v4_login(self):
        self.check("v4-login.pcap")


if __name__ == "__main__":
    unittest.main()
