# SPDX-License-Identifier: GPL-2.0-or-later
"""tshark -T ek over every capture against the Elasticsearch mapping that
"tshark -G elastic-mapping --elastic-mapping-filter sipc" prints: every
SIP-C member of the ek documents names a registered field the way the
mapping names it, every value is one Elasticsearch accepts for the mapped
type, no document repeats a member (Elasticsearch rejects duplicate keys),
and every number is mapped as a number wide enough for its field.

Where tshark's own mapping and its ek output disagree for every protocol
(4.0 and 4.4 map byte fields to "byte" and relative times to "date"), the
test names the disagreement and checks that the README's procedure
(scripts/elastic.py: its template, and its bulk filter that merges what 4.0
repeats) resolves it."""

import datetime
import fnmatch
import importlib.util
import ipaddress
import json
import os
import re
import unittest

from sipc_tshark import ROOT, capture_path, tshark

import manifest  # noqa: E402  (pcaps/tools, on the path once sipc_tshark is imported)

INTEGERS = {"byte": 8, "short": 16, "integer": 32, "long": 64}  # Elasticsearch: signed, bits
FLOATS = {"float", "double", "half_float", "scaled_float"}
STRINGS = {"keyword", "text", "wildcard", "constant_keyword"}
# Registered integer types: (smallest, largest) value.
RANGES = {"FT_UINT8": (0, 2**8 - 1), "FT_UINT16": (0, 2**16 - 1), "FT_UINT24": (0, 2**24 - 1),
          "FT_UINT32": (0, 2**32 - 1), "FT_FRAMENUM": (0, 2**32 - 1), "FT_INT8": (-2**7, 2**7 - 1),
          "FT_INT16": (-2**15, 2**15 - 1), "FT_INT24": (-2**23, 2**23 - 1), "FT_INT32": (-2**31, 2**31 - 1),
          "FT_INT64": (-2**63, 2**63 - 1)}
NUMBERS = set(RANGES) | {"FT_FLOAT", "FT_DOUBLE", "FT_RELATIVE_TIME", "FT_ABSOLUTE_TIME"}
# What tshark 4.0 and 4.4 map every protocol's fields of these types to,
# though ek writes them otherwise (hex bytes "3c:46:..", seconds "0.13").
WIRESHARK_MAPPING_DEFECTS = {("FT_BYTES", "byte"), ("FT_UINT_BYTES", "byte"), ("FT_RELATIVE_TIME", "date")}


def load_template_script():
    spec = importlib.util.spec_from_file_location("elastic", os.path.join(ROOT, "scripts", "elastic.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Members(dict):
    """A JSON object that remembers the members it had more than once."""

    def __init__(self, pairs):
        super().__init__(pairs)
        keys = [k for k, _ in pairs]
        self.repeated = sorted({k for k in keys if keys.count(k) > 1})


def no_duplicates(pairs):
    obj = Members(pairs)
    if obj.repeated:
        raise AssertionError(f"duplicate members {obj.repeated}: Elasticsearch rejects the document")
    return obj


def accepts(es_type, value):
    """Whether Elasticsearch indexes `value` (one ek value) in a field of
    that mapping type without a parse error, and as what it is."""
    if value is None:
        return True  # a field without a value (FT_NONE): nothing indexed
    if es_type in STRINGS:
        return isinstance(value, str)
    if es_type == "boolean":
        return isinstance(value, bool) or value in ("true", "false")
    if not isinstance(value, str):
        return False
    if es_type in INTEGERS:
        bits = INTEGERS[es_type]
        return re.fullmatch(r"-?\d+", value) is not None and -2**(bits - 1) <= int(value) < 2**(bits - 1)
    if es_type in FLOATS:
        try:
            float(value)
            return True
        except ValueError:
            return False
    if es_type == "date":  # the default formats: ISO 8601, or milliseconds since 1970 as a whole number
        if re.fullmatch(r"-?\d+", value):
            return True
        try:
            datetime.datetime.fromisoformat(re.sub(r"(\.\d{6})\d*", r"\1", value.replace("Z", "+00:00")))
            return True
        except ValueError:
            return False
    if es_type == "ip":
        try:
            ipaddress.ip_address(value)
            return True
        except ValueError:
            return False
    return False


# How the README has tshark write the documents of one part.
EK_OPTIONS = ("-2", "-T", "ek", "-J", "frame ip tcp sipc")


def sipc_values(docs, prefix):
    """{ek member name: [every value it had]} over the SIP-C layers of `docs`
    (parsed with Members); a repeated SIP-C member is an error."""
    values = {}

    def walk(obj):
        # Elasticsearch rejects a document with a repeated member.  Those of
        # other layers (4.0 repeats xml.tag, eth.addr, _ws.expert) are for
        # "elastic.py bulk" to merge; a SIP-C field is never repeated.
        mine = [k for k in getattr(obj, "repeated", []) if k.startswith(prefix)]
        if mine:
            raise AssertionError(f"SIP-C layer repeats {mine}")
        for key, value in obj.items():
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, dict):
                    walk(v)  # a layer inside SIP-C (XML, _ws.expert), or a repeated one
                else:
                    values.setdefault(key, []).append(v)

    for doc in docs:
        sipc = doc.get("layers", {}).get("sipc")
        for layer in sipc if isinstance(sipc, list) else [sipc] if sipc else []:
            walk(layer)
    return values


class Elastic(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fields = {}
        out, _ = tshark("-G", "fields")
        for line in out.splitlines():
            cols = line.split("\t")
            if cols[0] == "F" and cols[2].startswith("sipc."):
                cls.fields.setdefault(cols[2], cols[3])
        mapping, _ = tshark("-G", "elastic-mapping", "--elastic-mapping-filter", "sipc")
        cls.mapping = json.loads(mapping, object_pairs_hook=no_duplicates)
        cls.properties = cls.sipc_properties(cls.mapping["mappings"])
        cls.name = staticmethod(cls.naming_scheme())
        # Every capture, in two passes (response_in, handoff.used_in).
        cls.ek = {c.name: tshark("-r", capture_path(c.name), *EK_OPTIONS)[0].splitlines()
                  for c in manifest.load()}
        cls.values = sipc_values((json.loads(l, object_pairs_hook=Members) for ls in cls.ek.values() for l in ls),
                                 cls.name("sipc.")[:-1])

    @staticmethod
    def sipc_properties(mappings):
        return {k: v["type"] for k, v in mappings["properties"]["layers"]["properties"]["sipc"]["properties"].items()}

    @classmethod
    def naming_scheme(cls):
        """How this version names a field in its mapping: the layer and the
        field with dots as underscores (sipc_sipc_call_id), the field with
        underscores (sipc_call_id), or the field as it is (sipc.call_id)."""
        schemes = [lambda f: "sipc_" + f.replace(".", "_"), lambda f: f.replace(".", "_"), lambda f: f]
        for scheme in schemes:
            if set(cls.properties) <= {scheme(f) for f in cls.fields}:
                return scheme
        raise AssertionError(f"mapping names fit no field: {sorted(cls.properties)}")

    def field_of(self):
        """{ek member name: field} for every registered SIP-C field."""
        names = {}
        for f in self.fields:
            names.setdefault(self.name(f), []).append(f)
        collisions = {n: fs for n, fs in names.items() if len(fs) > 1}
        self.assertEqual(collisions, {}, "fields that ek and the mapping cannot tell apart")
        return {n: fs[0] for n, fs in names.items()}

    def test_names(self):
        field_of = self.field_of()
        sipc_like = {k for k in self.values if k.startswith(self.name("sipc.")[:-1])}
        self.assertTrue(sipc_like, "ek wrote no SIP-C field")
        self.assertEqual(sorted(sipc_like - set(field_of)), [], "ek members that are no registered field")
        self.assertEqual(sorted(set(self.properties) - set(field_of)), [], "mapped names that are no field")
        # The names of the -T ek documents are the mapping's.
        self.assertIn(self.name("sipc.call_id"), self.properties)
        self.assertIn(self.name("sipc.call_id"), self.values)

    def disagreements(self, properties, values=None):
        """[(field, its type, mapped type, a value ek wrote)] for every value
        the mapped type does not accept."""
        field_of = self.field_of()
        out = []
        for name, values in sorted((values or self.values).items()):
            if name not in field_of or name not in properties:
                continue
            bad = [v for v in values if not accepts(properties[name], v)]
            if bad:
                out.append((field_of[name], self.fields[field_of[name]], properties[name], bad[0]))
        return out

    def test_values_fit_tshark_mapping(self):
        # Any disagreement is one tshark has for every protocol, never one
        # of the SIP-C registration.
        for field, ftype, es_type, value in self.disagreements(self.properties):
            self.assertIn((ftype, es_type), WIRESHARK_MAPPING_DEFECTS, f"{field}: {es_type} does not take {value!r}")

    def test_numbers_are_mapped_wide_enough(self):
        field_of = self.field_of()
        for name, field in sorted(field_of.items()):
            ftype = self.fields[field]
            if ftype not in NUMBERS:
                continue
            with self.subTest(field):
                # Unmapped, a number would be indexed as whatever dynamic
                # mapping makes of a string, or not at all.
                self.assertIn(name, self.properties, f"{field} ({ftype}) is not in the mapping")
                es_type = self.properties[name]
                if ftype in RANGES:
                    self.assertIn(es_type, INTEGERS, field)
                    low, high = RANGES[ftype]
                    bits = INTEGERS[es_type]
                    self.assertTrue(-2**(bits - 1) <= low and high < 2**(bits - 1), f"{field}: {es_type}")

    def test_template_and_bulk_agree_everywhere(self):
        # The README's procedure: the template of "elastic.py template", the
        # documents of "elastic.py bulk".
        script = load_template_script()
        template = script.template(["frame", "ip", "tcp", "sipc"], tshark=lambda *args: tshark(*args)[0])
        self.assertEqual(template["index_patterns"], ["packets-*"])
        mappings = template["template"]["mappings"]
        self.assertIs(mappings["dynamic"], False)
        self.assertEqual(mappings["properties"]["capture"]["type"], "keyword")
        properties = self.sipc_properties(mappings)
        docs = []
        for name, lines in self.ek.items():
            for line in script.bulk_lines(lines, name):
                doc = json.loads(line, object_pairs_hook=no_duplicates)  # no layer repeats a member
                if "layers" in doc:
                    self.assertEqual(doc["capture"], name)
                    docs.append(doc)
                else:
                    self.assertEqual(set(doc["index"]), {"_index"}, line)
                    self.assertTrue(fnmatch.fnmatchcase(doc["index"]["_index"], template["index_patterns"][0]))
        self.assertEqual(len(docs), sum(len(ls) for ls in self.ek.values()) // 2)
        values = sipc_values(docs, self.name("sipc.")[:-1])
        self.assertEqual(self.disagreements(properties, values), [])
        # Every SIP-C member ek writes with a value is indexed: the strings too.
        field_of = self.field_of()
        unmapped = sorted(n for n, vs in values.items()
                          if n in field_of and n not in properties and any(v is not None for v in vs))
        self.assertEqual(unmapped, [])
        # What tshark maps and ek agrees with stays as tshark has it.
        for name, es_type in self.properties.items():
            if (self.fields[field_of[name]], es_type) not in WIRESHARK_MAPPING_DEFECTS:
                self.assertEqual(properties[name], es_type, name)

    def test_bulk_merges_repeated_members(self):
        # As 4.0 writes a field that stands in two subtrees, and as 4.4 and
        # 4.6 write it instead.
        script = load_template_script()
        ek = ['{"index":{"_index":"packets-2009-12-17","_type":"doc"}}',
              '{"timestamp":"1","layers":{"eth":{"eth_eth_addr":"a","eth_eth_addr":"b","x":["c"],"x":"d"}}}']
        action, doc = [json.loads(l) for l in script.bulk_lines(ek, "part_00001.pcapng")]
        self.assertEqual(action, {"index": {"_index": "packets-2009-12-17"}})
        self.assertEqual(doc, {"capture": "part_00001.pcapng", "timestamp": "1",
                               "layers": {"eth": {"eth_eth_addr": ["a", "b"], "x": ["c", "d"]}}})

    def test_bulk_action_lines(self):
        # Each document follows an action line naming its index: packets-
        # and the day of the packet, which the template's pattern matches.
        action, doc = self.ek["seed000-chat.pcap"][:2]
        index = json.loads(action)["index"]["_index"]
        self.assertRegex(index, r"^packets-\d{4}-\d{2}-\d{2}$")
        self.assertIn("layers", json.loads(doc))


if __name__ == "__main__":
    unittest.main()
