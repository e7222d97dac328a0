#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Elasticsearch/OpenSearch loading of "tshark -T ek" output, the same on
Wireshark 4.0, 4.4 and 4.6 (README.md, "Indexing many captures", shows the
whole procedure).

  scripts/elastic.py template [PROTOCOLS] > template.json
      An index template for the indices tshark's bulk lines name
      (packets-YYYY-MM-DD), built from this tshark's own
      "-G elastic-mapping"; PROTOCOLS is a comma-separated list, by default
      frame,ip,tcp,sipc.  Load it with
      PUT _index_template/packets.

  tshark -r part.pcapng -2 -T ek -J "frame ip tcp sipc" |
      scripts/elastic.py bulk part.pcapng > part.ndjson
      The ek lines as a _bulk request body every version's output can go
      into, each packet marked with the capture it came from ("capture").

What tshark's own output gets wrong, and these do not:
  - 4.0 and 4.4 map byte fields (sipc.body, sipc.config, sipc.garbage) to
    "byte", an 8-bit integer, while ek writes them as colon-separated hex:
    every packet with a body would be rejected.  Here: keyword.
  - 4.0 and 4.4 map relative times (sipc.response_time) to "date", while ek
    writes seconds ("0.130000000").  Here: double, as 4.6 maps them.
  - 4.0 and 4.4 leave strings unmapped under "dynamic": false, so the SIP-C
    headers could not be searched; 4.6 leaves every unmapped field to
    dynamic mapping.  Here: "dynamic": false in every version, and every
    string field of PROTOCOLS a keyword (ignore_above keeps a long body line
    from failing the packet).
  - 4.0 and 4.4 write numbers shown in hex as "0x0800" (ip.id, tcp.flags),
    which no number type takes: the template sets ignore_malformed, so
    such a value is left out rather than the whole packet.  (No SIP-C field
    is shown in hex.)
  - 4.0 writes a member twice where a field stands in two subtrees
    (eth.addr, _ws.expert), and Elasticsearch rejects such a document;
    4.4 and 4.6 write one member with an array.  "bulk" merges them so.
  - 4.0 and 4.4 write "_type": "doc" in the action lines, which
    Elasticsearch 8 and OpenSearch 2 reject.  "bulk" drops it.
  - 4.6 prints a legacy template (index_patterns at the top); this is a
    composable one ("template": {settings, mappings}).

"template" asks tshark, which must load the SIP-C plugin (installed by
scripts/setup-and-demo.sh); $TSHARK names another tshark.
"""

import json
import os
import subprocess
import sys

BYTES = {"FT_BYTES", "FT_UINT_BYTES"}
STRINGS = {"FT_STRING", "FT_STRINGZ", "FT_UINT_STRING", "FT_STRINGZPAD", "FT_STRINGZTRUNC", "FT_ETHER",
           "FT_GUID", "FT_OID", "FT_REL_OID", "FT_SYSTEM_ID", "FT_EUI64", "FT_FCWWN", "FT_AX25", "FT_VINES",
           "FT_IPXNET"}
# A keyword longer than this many characters is kept in _source but not
# indexed: Lucene refuses terms over 32766 bytes, four bytes a character.
KEYWORD = {"type": "keyword", "ignore_above": 8191}
CAPTURE = "capture"  # the member "bulk" adds: which capture (part) a packet is from


def run_tshark(*args):
    tshark = os.environ.get("TSHARK", "tshark")
    p = subprocess.run([tshark, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{tshark} {' '.join(args)} failed:\n{p.stderr}")
    return p.stdout


def flat_name(protocol, abbrev):
    # ek's member name: the layer, then the field, dots as underscores.
    return f"{protocol}_{abbrev}".replace(".", "_")


def template(protocols, tshark=run_tshark):
    """The template; `tshark(*args)` returns what tshark prints."""
    mapping = json.loads(tshark("-G", "elastic-mapping", "--elastic-mapping-filter", ",".join(protocols)))
    ftypes = {}
    for line in tshark("-G", "fields").splitlines():
        cols = line.split("\t")
        if cols[0] == "F" and len(cols) > 4:
            ftypes.setdefault(cols[2], cols[3])
    mappings = mapping["mappings"]
    mappings["dynamic"] = False
    mappings["properties"][CAPTURE] = dict(KEYWORD)
    layers = mappings["properties"].setdefault("layers", {"properties": {}})["properties"]
    for protocol in protocols:
        properties = layers.setdefault(protocol, {"properties": {}})["properties"]
        for abbrev, ftype in ftypes.items():
            if not abbrev.startswith(protocol + "."):
                continue
            name = flat_name(protocol, abbrev)
            if ftype in BYTES or ftype in STRINGS:
                properties[name] = dict(KEYWORD)
            elif ftype == "FT_RELATIVE_TIME":
                properties[name] = {"type": "double"}
    settings = dict(mapping.get("settings", {}))
    settings["index.mapping.ignore_malformed"] = True
    return {"index_patterns": ["packets-*"], "priority": 200,
            "template": {"settings": settings, "mappings": mappings}}


def merged(pairs):
    """A JSON object whose repeated members become one, with an array of
    their values (as 4.4 and 4.6 write them)."""
    out = {}
    for key, value in pairs:
        if key not in out:
            out[key] = value
            continue
        had = out[key] if isinstance(out[key], list) else [out[key]]
        out[key] = had + (value if isinstance(value, list) else [value])
    return out


def bulk_lines(lines, capture):
    """The ek lines as _bulk request lines."""
    for line in lines:
        if not line.strip():
            continue
        doc = json.loads(line, object_pairs_hook=merged)
        if "index" in doc and "layers" not in doc:
            doc["index"].pop("_type", None)
        else:
            doc = {CAPTURE: capture, **doc}
        yield json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def main():
    # ek is UTF-8 whatever the locale; pass through any byte that is not.
    sys.stdin.reconfigure(encoding="utf-8", errors="surrogateescape")
    sys.stdout.reconfigure(encoding="utf-8", errors="surrogateescape")
    args = sys.argv[1:]
    if args[:1] == ["template"] and len(args) <= 2:
        protocols = (args[1] if len(args) > 1 else "frame,ip,tcp,sipc").split(",")
        json.dump(template(protocols), sys.stdout, indent=2)
        print()
    elif args[:1] == ["bulk"] and len(args) == 2:
        for line in bulk_lines(sys.stdin, args[1]):
            sys.stdout.write(line + "\n")
    else:
        sys.exit("usage: elastic.py template [PROTOCOLS] | elastic.py bulk CAPTURE < ek > ndjson")


if __name__ == "__main__":
    main()
