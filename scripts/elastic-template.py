#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Prints an Elasticsearch/OpenSearch index template for what "tshark -T ek"
writes, built from this tshark's own "-G elastic-mapping", the same on
Wireshark 4.0, 4.4 and 4.6.

Usage: scripts/elastic-template.py [PROTOCOLS] > template.json
       curl -XPUT -H 'Content-Type: application/json' \
            "$ES/_index_template/packets" --data-binary @template.json

PROTOCOLS is a comma-separated list (default: frame,ip,tcp,sipc).  The
template matches the indices tshark names in its bulk lines (packets-*).

What tshark's mapping gets wrong, and this template does not (see
doc/README-profile-json-elastic.md):
  - 4.0 and 4.4 map byte fields (sipc.body, sipc.config, sipc.garbage) to
    "byte", an 8-bit integer, while ek writes them as colon-separated hex:
    every document with a body would be rejected.  Here: keyword.
  - 4.0 and 4.4 map relative times (sipc.response_time) to "date", while ek
    writes seconds ("0.130000000").  Here: double, as 4.6 does.
  - 4.0 and 4.4 leave strings unmapped under "dynamic": false, so the
    SIP-C headers would not be searchable; 4.6 leaves every unmapped field to
    dynamic mapping.  Here: "dynamic": false in every version, and every
    string field of PROTOCOLS a keyword (ignore_above keeps long body lines
    from failing the document).
  - 4.6 prints a legacy template (index_patterns at the top); this is a
    composable template ("template": {settings, mappings}).

tshark must load the SIP-C plugin (installed by scripts/setup-and-demo.sh);
$TSHARK names another tshark.
"""

import json
import os
import subprocess
import sys

TSHARK = os.environ.get("TSHARK", "tshark")

BYTES = {"FT_BYTES", "FT_UINT_BYTES"}
STRINGS = {"FT_STRING", "FT_STRINGZ", "FT_UINT_STRING", "FT_STRINGZPAD", "FT_STRINGZTRUNC", "FT_ETHER",
           "FT_GUID", "FT_OID", "FT_REL_OID", "FT_SYSTEM_ID", "FT_EUI64", "FT_FCWWN", "FT_AX25", "FT_VINES",
           "FT_IPXNET"}
# A keyword longer than this many characters is kept in _source but not
# indexed: Lucene refuses terms over 32766 bytes, four bytes a character.
KEYWORD = {"type": "keyword", "ignore_above": 8191}


def run(*args):
    p = subprocess.run([TSHARK, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{TSHARK} {' '.join(args)} failed:\n{p.stderr}")
    return p.stdout


def flat_name(protocol, abbrev):
    # ek's member name: the layer, then the field, dots as underscores.
    return f"{protocol}_{abbrev}".replace(".", "_")


def template(protocols, tshark=run):
    """The template; `tshark(*args)` returns what tshark prints."""
    mapping = json.loads(tshark("-G", "elastic-mapping", "--elastic-mapping-filter", ",".join(protocols)))
    ftypes = {}
    for line in tshark("-G", "fields").splitlines():
        cols = line.split("\t")
        if cols[0] == "F" and len(cols) > 4:
            ftypes.setdefault(cols[2], cols[3])
    mappings = mapping["mappings"]
    mappings["dynamic"] = False
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
    return {"index_patterns": ["packets-*"], "priority": 200,
            "template": {"settings": mapping.get("settings", {}), "mappings": mappings}}


def main():
    protocols = (sys.argv[1] if len(sys.argv) > 1 else "frame,ip,tcp,sipc").split(",")
    json.dump(template(protocols), sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
