# SPDX-License-Identifier: GPL-2.0-or-later
"""SIP-C never claims what is not SIP-C: standard SIP (seeds 001/002) on its
own port and on HTTP's 8080, HTTP, TLS-like records, binary data and text
protocols whose first line looks a little like a SIP-C start line."""

import unittest

from sipc_tshark import tshark, capture_path


def fields(capture, *names, extra=()):
    args = ["-r", capture_path(capture), "-T", "fields", *extra]
    for n in names:
        args += ["-e", n]
    out, _ = tshark(*args)
    return [line.split("\t") for line in out.splitlines()]


class NotSipc(unittest.TestCase):
    def assert_no_sipc(self, capture):
        out, _ = tshark("-r", capture_path(capture), "-Y", "sipc || sipc.garbage")
        self.assertEqual(out.strip(), "", f"{capture}: SIP-C claimed something")

    def test_sip_on_5060_stays_sip(self):
        self.assert_no_sipc("sip-5060.pcap")
        methods = [r[0] for r in fields("sip-5060.pcap", "sip.Method") if r[0]]
        # The transcript has SUBSCRIBE, NOTIFY and two MESSAGEs as requests.
        self.assertEqual(sorted(methods), ["MESSAGE", "MESSAGE", "NOTIFY", "SUBSCRIBE"])

    def test_sip_on_8080_not_claimed(self):
        self.assert_no_sipc("sip-8080.pcap")

    def test_sip_on_8080_bytewise_not_claimed(self):
        self.assert_no_sipc("sip-8080-bytewise.pcap")

    def test_noise_not_claimed(self):
        self.assert_no_sipc("noise.pcap")
        http = [r for r in fields("noise.pcap", "http.request.method") if r[0]]
        self.assertEqual(len(http), 3, "HTTP keeps its three requests")

    def test_noise_bytewise_not_claimed(self):
        self.assert_no_sipc("noise-bytewise.pcap")

    def test_heuristics_can_be_switched_off(self):
        out, _ = tshark("-r", capture_path("seed000-chat.pcap"), "--disable-heuristic", "sipc_tcp",
                        "--disable-heuristic", "sipc_http", "-Y", "sipc")
        self.assertEqual(out.strip(), "")

    def test_decode_as_tcp_port(self):
        # With the heuristics off, Decode As (tcp.port) still finds it.
        out, _ = tshark("-r", capture_path("seed000-chat.pcap"), "--disable-heuristic", "sipc_tcp",
                        "--disable-heuristic", "sipc_http", "-d", "tcp.port==8080,sipc", "-Y", "sipc",
                        "-T", "fields", "-e", "frame.number")
        self.assertEqual(len(out.split()), 16)


if __name__ == "__main__":
    unittest.main()
