# SPDX-License-Identifier: GPL-2.0-or-later
"""A heuristic is a guest in other protocols' traffic: with the plugin loaded,
every frame of every capture that holds no SIP-C decodes exactly as without
it (protocol stack, Info column, every field), with default preferences and
with TCP's heuristics tried first, in one pass and in two.

The captures: guests.pcap and guests-typed.pcap reproduce what a heuristic
that holds back short capital-letter segments breaks (PostgreSQL's one-byte
SSL answers before TLS or a clear-text startup, on an odd port and on 5432;
HTTP bodies of one to three capital letters on 80 and 8080; one-letter
binary messages; an HTTP request and a shell session typed a key a segment),
and every other capture of pcaps/manifest.txt made from a transcript that is
not SIP-C (standard SIP, HTTP, TLS, binary noise)."""

import re
import unittest

from sipc_tshark import capture_path, tshark  # also puts pcaps/tools on the path

import manifest  # noqa: E402

NOT_SIPC_TRANSCRIPTS = {"guests.txt", "typed.txt", "noise.txt", "sip-standard.txt"}
# Connections of those transcripts that are SIP-C after all, and are claimed
# on purpose: noise.txt's http-8080 is a Fetion HTTP-tunnel poll (POST
# /ht/sd.aspx with the body "SIPP", an empty tunnel body; test_tunnel.py).
SIPC_ON_PURPOSE = {("noise.txt", "http-8080")}
SETTINGS = {
    "default": (),
    "heuristics_first": ("-o", "tcp.try_heuristic_first:TRUE"),
}
PASSES = {"one_pass": (), "two_pass": ("-2",)}

_PACKET = re.compile(r"<packet>.*?</packet>", re.S)
_PROTOCOLS = re.compile(r'name="frame.protocols" showname="[^"]*" size="\d+" pos="\d+" show="([^"]*)"')
_INFO = re.compile(r'<field name="_ws.col.[iI]nfo"[^>]*show="([^"]*)"')
_ENDPOINT = {name: re.compile(rf'<field name="{name}" [^>]*show="([^"]*)"')
             for name in ("ip.src", "ip.dst", "tcp.srcport", "tcp.dstport")}


def frames(capture, *args, plugin):
    out, _ = tshark("-r", capture_path(capture), "-T", "pdml", *args, plugin=plugin)
    return _PACKET.findall(out)


def without_plugin_args():
    """Without the plugin: an empty plugin folder; and should a copy of the
    plugin be installed system-wide, the protocol disabled as well."""
    protocols, _ = tshark("-G", "protocols", plugin=False)
    return ("--disable-protocol", "sipc") if "\tsipc\n" in protocols + "\n" else ()


def endpoints(pdml_packet):
    """{"ip:port", "ip:port"} of a TCP packet."""
    v = {name: (r.search(pdml_packet).group(1) if r.search(pdml_packet) else "") for name, r in _ENDPOINT.items()}
    return {f"{v['ip.src']}:{v['tcp.srcport']}", f"{v['ip.dst']}:{v['tcp.dstport']}"}


def summary(pdml_packet):
    protocols = _PROTOCOLS.search(pdml_packet)
    info = _INFO.search(pdml_packet)
    return (protocols.group(1) if protocols else "?", info.group(1) if info else "?")


class Guests(unittest.TestCase):
    def compare(self, capture, args):
        t = capture.load_transcript()
        skip = [{f"{c.client.ip}:{c.client.port}", f"{c.server.ip}:{c.server.port}"}
                for name, c in t.connections.items() if (capture.transcript, name) in SIPC_ON_PURPOSE]
        capture = capture.name
        with_plugin = frames(capture, *args, plugin=True)
        without = frames(capture, *args, *without_plugin_args(), plugin=False)
        self.assertEqual(len(with_plugin), len(without), f"{capture}: number of frames")
        self.assertGreater(len(without), 0)
        for number, (a, b) in enumerate(zip(with_plugin, without), start=1):
            if a != b and endpoints(b) not in skip:
                self.fail(f"{capture} {' '.join(args)} frame {number} differs with the plugin:\n"
                          f"  with:    {summary(a)}\n  without: {summary(b)}")


def _make(capture, settings, passes):
    def test(self):
        self.compare(capture, SETTINGS[settings] + PASSES[passes])
    name = capture.name.replace(".pcap", "").replace("-", "_")
    test.__name__ = f"test_{name}_{settings}_{passes}"
    return test


for _c in manifest.load():
    if _c.transcript in NOT_SIPC_TRANSCRIPTS:
        for _s in SETTINGS:
            for _p in PASSES:
                _t = _make(_c, _s, _p)
                setattr(Guests, _t.__name__, _t)

if __name__ == "__main__":
    unittest.main()
