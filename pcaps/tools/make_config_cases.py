#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""One-off writer of pcaps/transcripts/config-cases.txt: compressed
configurations that must not hurt (a decompression bomb, text that is not
base64, base64 that is not gzip, a gzip stream cut short) and a body of
broken XML.  Deterministic: gzip with mtime 0.  The transcript is the source
afterwards; this shows how its long lines were made.
"""

import base64
import gzip
import os

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "transcripts", "config-cases.txt")


def b64gz(data):
    return base64.b64encode(gzip.compress(data, compresslevel=9, mtime=0)).decode()


def response(conn, seq, body, comment):
    lines = [f"# {comment}", f"--- {conn} s2c +1", "SIP-C/4.0 200 OK", f"I: {seq}", "Q: 2 S",
             f"L: {len(body.encode())}", "", body, ""]
    return lines


def main():
    bomb = b64gz(b"A" * (16 * 1024 * 1024))
    small = b"<ConversationSetting><EnterToSend>True</EnterToSend></ConversationSetting>" * 20
    good = gzip.compress(small, compresslevel=9, mtime=0)
    cut = base64.b64encode(good[: len(good) // 2]).decode()
    corrupt = bytearray(good)
    corrupt[len(corrupt) // 2] ^= 0xFF
    corrupt = base64.b64encode(bytes(corrupt)).decode()
    out = ["# Compressed configurations that must cost no more than the limit and",
           "# be reported, and broken XML (written by pcaps/tools/make_config_cases.py).",
           "connection cases client=10.0.0.4:40300 server=221.176.31.128:8080",
           "start 2011-03-07 08:00:00", "",
           "--- cases c2s @0", "S fetion.com.cn SIP-C/4.0", "F: 916098834", "I: 1", "Q: 2 S",
           "N: GetPersonalInfo", ""]
    out += response("cases", 1, f'<results><custom-config version="1" type="PC">{bomb}</custom-config></results>',
                    "16 MiB of 'A' in a 22 KiB body: decompression stops at the 4 MiB limit")
    out += response("cases", 2, '<results><custom-config version="1" type="PC">H4sI**not base64**</custom-config></results>',
                    "not base64")
    out += response("cases", 3, f'<results><custom-config version="1" type="PC">{corrupt}</custom-config></results>',
                    "base64 of a gzip stream with a corrupted byte")
    out += response("cases", 4, f'<results><custom-config version="1" type="PC">{cut}</custom-config></results>',
                    "base64 of half a gzip stream")
    out += response("cases", 5, f'<results><other-blob>{b64gz(small)}</other-blob></results>',
                    "any element whose text starts H4sI is decoded too")
    out += response("cases", 6, '<results><presence><basic value="400" desc="x"</presence></results></resu',
                    "broken XML: the attributes that can be read are still read")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
