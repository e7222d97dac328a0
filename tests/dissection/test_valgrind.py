# SPDX-License-Identifier: GPL-2.0-or-later
"""Memory errors: tshark with the plugin under valgrind memcheck (invalid
reads and writes, uses of uninitialised values) over the captures that
exercise the most code: hostile segmentation, the chat handoff, compressed
configurations (a bomb included), the login, the HTTP tunnel, malformed
input and sliced bodies put back together (or not); two passes, full tree,
both statistics taps."""

import shutil
import subprocess
import unittest

from sipc_tshark import capture_path, wireshark_command

CAPTURES = ["seed000-chat-hostile.pcap", "seed004-presence-hostile.pcap", "config-cases.pcap",
            "v4-login.pcap", "http-tunnel-hostile.pcap", "malformed.pcap", "two-chats.pcap",
            "sliced-contacts-hostile.pcap", "sliced-broken-hostile.pcap"]


class Valgrind(unittest.TestCase):
    def test_no_memory_errors(self):
        if not shutil.which("valgrind"):
            self.fail("valgrind is not installed")
        for name in CAPTURES:
            with self.subTest(name):
                # wmem and GLib hand every allocation to malloc, so valgrind
                # sees each one (tools/valgrind-wireshark.sh does the same).
                cmd, env = wireshark_command(
                    "valgrind", "--error-exitcode=9", "--errors-for-leak-kinds=none", "--num-callers=30",
                    "tshark", "-2", "-V", "-r", capture_path(name), "-z", "sipc,chats", "-z", "sipc,tree",
                    extra_env={"WIRESHARK_DEBUG_WMEM_OVERRIDE": "simple", "G_SLICE": "always-malloc"})
                p = subprocess.run(cmd, env=env, capture_output=True)
                err = p.stderr.decode("utf-8", "replace")
                self.assertEqual(p.returncode, 0, f"{name}:\n{err[-4000:]}")
                self.assertIn("ERROR SUMMARY: 0 errors", err)


if __name__ == "__main__":
    unittest.main()
