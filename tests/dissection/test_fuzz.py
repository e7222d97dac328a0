# SPDX-License-Identifier: GPL-2.0-or-later
"""Survive any input: tshark with the plugin over captures that were
corrupted at random (editcap -E, bytes flipped anywhere) and over SIP-C
that was mutated where it hurts (L values, line ends, NUL bytes, cuts,
repeated headers), segmented at random; in one pass, two passes and
without TCP reassembly.  Any dissector bug aborts tshark
(WIRESHARK_ABORT_ON_DISSECTOR_BUG) and fails the test.  Seeds are fixed, so
a failure is reproducible."""

import copy
import os
import random
import subprocess
import sys
import unittest

from sipc_tshark import PCAPS, capture_path, staging_dir, wireshark_command

sys.path.insert(0, os.path.join(PCAPS, "tools"))
import generate  # noqa: E402
import manifest  # noqa: E402

ABORT_ENV = {"WIRESHARK_ABORT_ON_DISSECTOR_BUG": "1", "WIRESHARK_DEBUG_WMEM_OVERRIDE": "strict",
             "G_SLICE": "debug-blocks", "MALLOC_CHECK_": "3"}
READS = [["-V"], ["-2", "-V"], ["-o", "tcp.desegment_tcp_streams:FALSE", "-V"],
         ["-q", "-z", "sipc,chats", "-z", "sipc,tree"]]


def survive(test, path):
    for extra in READS:
        cmd, env = wireshark_command("tshark", "-r", path, *extra, extra_env=ABORT_ENV)
        p = subprocess.run(cmd, env=env, capture_output=True)
        err = p.stderr.decode("utf-8", "replace")
        test.assertEqual(p.returncode, 0, f"{path} {extra}: exit {p.returncode}\n{err[-2000:]}")
        out = p.stdout.decode("utf-8", "replace")
        test.assertNotIn("Dissector bug", out + err, f"{path} {extra}")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One SIP-C-aware mutation of one message."""
    choice = rng.randrange(9)
    if choice == 0 and b"\r\nL: " in data:  # L: absurd, negative, empty, not a number, huge
        value = rng.choice([b"0", b"-5", b"", b"x", b"99999999999999999999", b"4294967296", b"1;p=",
                            str(rng.randrange(2000)).encode()])
        head, _, rest = data.partition(b"\r\nL: ")
        return head + b"\r\nL: " + value + rest[rest.find(b"\r\n"):]
    if choice == 1:  # drop a CR or an LF somewhere
        i = rng.randrange(len(data))
        j = data.find(b"\n", i)
        return data if j < 0 else data[:j] + data[j + 1:]
    if choice == 2:  # NUL bytes
        i = rng.randrange(len(data))
        return data[:i] + b"\x00" * rng.randrange(1, 8) + data[i:]
    if choice == 3:  # cut short
        return data[: rng.randrange(1, len(data))]
    if choice == 4:  # a header repeated many times
        lines = data.split(b"\r\n")
        if len(lines) > 2:
            k = rng.randrange(1, len(lines) - 1)
            lines[k:k] = [lines[k]] * rng.randrange(2, 200)
        return b"\r\n".join(lines)
    if choice == 5:  # no empty line
        return data.replace(b"\r\n\r\n", b"\r\n", 1)
    if choice == 6:  # random bytes in the middle
        i = rng.randrange(len(data))
        return data[:i] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 32))) + data[i:]
    if choice == 7:  # credentials and addresses broken
        return data.replace(b'",credential="', b'",credential=').replace(b'address="', b'address=";;:;:99999;')
    return data + data[: rng.randrange(len(data))]  # a second copy cut anywhere


class Fuzz(unittest.TestCase):
    def test_random_corruption(self):
        # editcap flips bytes anywhere in packets (headers included).
        out_dir = os.path.join(staging_dir(), "fuzz")
        os.makedirs(out_dir, exist_ok=True)
        os.chmod(out_dir, 0o755)
        for name in ["seed000-chat-hostile.pcap", "seed004-presence-hostile.pcap", "v4-login-hostile.pcap",
                     "two-chats-hostile.pcap", "examples-hostile.pcap", "config-cases-hostile.pcap",
                     "sliced-contacts-hostile.pcap", "sliced-broken-hostile.pcap"]:
            for seed in range(4):
                path = os.path.join(out_dir, f"{name}.{seed}.pcap")
                subprocess.run(["editcap", "-E", "0.02", "--seed", str(seed), capture_path(name), path],
                               check=True, capture_output=True)
                os.chmod(path, 0o644)
                with self.subTest(name=name, seed=seed):
                    survive(self, path)

    def test_sipc_mutations(self):
        out_dir = os.path.join(staging_dir(), "fuzz")
        os.makedirs(out_dir, exist_ok=True)
        os.chmod(out_dir, 0o755)
        for seed in range(12):
            rng = random.Random(seed)
            name = rng.choice(["seed000-chat.pcap", "seed004-presence.pcap", "v4-login.pcap", "two-chats.pcap",
                               "catalog.pcap", "config-cases.pcap"])
            capture = copy.copy(manifest.find(name))
            capture.segment = rng.choice(["message", "hostile", f"bytes:{rng.randrange(1, 40)}"])
            t = capture.load_transcript()
            for m in t.messages:
                if rng.random() < 0.4:
                    m.data = mutate(m.data, rng)
            path = os.path.join(out_dir, f"mutated-{seed}.pcap")
            generate.build(capture, t, check=False).write(path)
            os.chmod(path, 0o644)
            with self.subTest(seed=seed, capture=name, segment=capture.segment):
                survive(self, path)


if __name__ == "__main__":
    unittest.main()
