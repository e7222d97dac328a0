# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin loads into the Wireshark it was built for and says what it is.

`tshark -G plugins` lists every plugin it loaded with its type.  Wireshark
4.0 takes the type from the folder; later versions ask the plugin through
plugin_describe() and list one that does not answer as "unknown".
"""

import unittest

from sipc_tshark import tshark


class PluginLoads(unittest.TestCase):
    def test_listed_as_a_dissector(self):
        listing, _ = tshark("-G", "plugins")
        rows = [line.split("\t") for line in listing.splitlines()]
        ours = [[c.strip() for c in row] for row in rows if row[0].strip() == "sipc.so"]
        self.assertEqual(len(ours), 1, listing)
        name, version, kind, path = ours[0][:4]
        self.assertEqual(kind, "dissector")
        self.assertRegex(version, r"^\d+\.\d+\.\d+$")
        self.assertTrue(path.endswith("/epan/sipc.so"), path)

    def test_registers_the_protocol(self):
        protocols, _ = tshark("-G", "protocols")
        self.assertIn("SIP-C (Fetion)\tSIP-C\tsipc", protocols)


if __name__ == "__main__":
    unittest.main()
