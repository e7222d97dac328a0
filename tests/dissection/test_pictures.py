# SPDX-License-Identifier: GPL-2.0-or-later
"""The README's pictures can be made again: scripts/pictures.py runs the real
Wireshark under Xvfb on the seed chat and writes them, here into a temporary
folder (doc/images/ stays as committed).  Every picture this Wireshark can
make must be a PNG of its fixed size that is not one flat colour; the script
checks that itself too, and this test reads the files again so that a script
that skipped its own check would still fail."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

from sipc_tshark import ROOT

sys.path.insert(0, os.path.join(ROOT, "scripts"))

import pictures  # noqa: E402  (scripts/)


class Pictures(unittest.TestCase):
    def test_pictures_are_made(self):
        for program in ("wireshark", "Xvfb"):
            if not shutil.which(program):
                raise unittest.SkipTest(f"{program} is not installed (scripts/install-deps.sh test installs it)")
        with tempfile.TemporaryDirectory(prefix="sipc-pictures-") as out:
            # Its own process group, so that a timeout ends Xvfb and Wireshark too.
            p = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts", "pictures.py"), "--out", out],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 start_new_session=True)
            try:
                log, _ = p.communicate(timeout=600)
            except subprocess.TimeoutExpired:
                # SIGTERM first: the script then ends its Xvfb and Wireshark,
                # which run in process groups of their own.
                os.killpg(p.pid, signal.SIGTERM)
                try:
                    log, _ = p.communicate(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                    log, _ = p.communicate()
                self.fail(f"pictures.py took more than 600 s:\n{log}")
            self.assertEqual(p.returncode, 0, log)
            names = pictures.expected(pictures.wireshark_version())
            self.assertIn("flow.png", names)
            for name in names:
                with self.subTest(name):
                    self.assertIsNone(pictures.check_png(os.path.join(out, name), pictures.SIZES[name]))
            self.assertEqual(sorted(os.listdir(out)), sorted(names), log)


if __name__ == "__main__":
    unittest.main()
