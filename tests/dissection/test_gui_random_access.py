# SPDX-License-Identifier: GPL-2.0-or-later
"""The GUI's way of reading a capture: a first pass over every frame, then
frames dissected again one at a time, in whatever order the user clicks.
Wireshark itself runs here (under Xvfb), is told to select one frame (-g),
and a Lua probe (tests/gui/probe.lua) writes what the SIP-C tree of that
frame holds.  Every value must be what tshark's two-pass dissection shows
(which test_chat.py and test_tracking.py check against the transcripts)."""

import os
import shutil
import signal
import subprocess
import time
import unittest

from sipc_tshark import ROOT, capture_path, dissect, staging_dir, wireshark_command

PROBED = ["sipc.chat.session", "sipc.handoff.issued_in", "sipc.handoff.used_in", "sipc.response_in",
          "sipc.response_to", "sipc.credential", "sipc.method", "sipc.status_code"]


class GuiRandomAccess(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for program in ("wireshark", "Xvfb"):
            if not shutil.which(program):
                raise unittest.SkipTest(f"{program} is not installed (scripts/install-deps.sh test installs it)")
        cls.probe = os.path.join(staging_dir(), "probe.lua")
        shutil.copy(os.path.join(ROOT, "tests", "gui", "probe.lua"), cls.probe)
        os.chmod(cls.probe, 0o644)
        # A display number nobody uses, and an X server that really started.
        for n in range(100 + os.getpid() % 300, 500):
            if os.path.exists(f"/tmp/.X{n}-lock") or os.path.exists(f"/tmp/.X11-unix/X{n}"):
                continue
            cls.display = f":{n}"
            cmd, env = wireshark_command("Xvfb", cls.display, "-screen", "0", "1280x900x24", "-nolisten", "tcp")
            cls.xvfb = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
            for _ in range(100):
                if os.path.exists(f"/tmp/.X11-unix/X{n}") or cls.xvfb.poll() is not None:
                    break
                time.sleep(0.1)
            if cls.xvfb.poll() is None:
                return
        raise RuntimeError("could not start Xvfb")

    @classmethod
    def tearDownClass(cls):
        os.killpg(cls.xvfb.pid, signal.SIGTERM)
        cls.xvfb.wait()

    def gui_fields(self, capture, frame):
        out = os.path.join(staging_dir(), "home", f"probe-{frame}.out")
        if os.path.exists(out):
            os.remove(out)
        cmd, env = wireshark_command("wireshark", "-r", capture_path(capture), "-g", str(frame),
                                     "-X", f"lua_script:{self.probe}",
                                     extra_env={"DISPLAY": self.display, "SIPC_PROBE_FRAME": str(frame),
                                                "SIPC_PROBE_OUT": out})
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
        try:
            for _ in range(600):
                if os.path.exists(out):
                    with open(out) as f:
                        if "done\n" in f.read():
                            break
                time.sleep(0.1)
            else:
                self.fail(f"the GUI never dissected frame {frame} of {capture} again")
        finally:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        values = {}
        with open(out) as f:
            text = f.read()
        for line in text.split("done\n")[0].splitlines():
            name, value = line.split("=", 1)
            values.setdefault(name, []).append(value)
        return values

    def check(self, capture, frames=None):
        two_pass = {p.number: p for p in dissect(capture, "-2")}
        sipc_frames = [n for n, p in two_pass.items() if p.messages]
        # Highest first: each frame is dissected again long after the frames
        # that decide its links (and before none of them).
        for frame in sorted(frames or sipc_frames, reverse=True):
            got = self.gui_fields(capture, frame)
            for name in PROBED:
                want = [v for m in two_pass[frame].messages for v in m.values(name)]
                self.assertEqual(got.get(name, []), want, f"{capture} frame {frame}: {name}")

    def test_seed000_every_frame(self):
        self.check("seed000-chat.pcap")

    def test_two_chats_handoffs(self):
        # The tickets and registrations, whose links point both ways.
        self.check("two-chats.pcap", [6, 7, 11, 15])


if __name__ == "__main__":
    unittest.main()
