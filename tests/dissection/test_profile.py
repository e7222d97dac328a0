# SPDX-License-Identifier: GPL-2.0-or-later
"""The SIP-C configuration profile of profiles/SIP-C, installed by
scripts/install-profile.sh into the test HOME (tshark reads profiles from
$HOME/.config/wireshark/profiles) and selected with "tshark -C SIP-C": its
columns carry what the transcripts say, its coloring rules pick the frames
they are meant for, and every filter button loads and selects the frames its
question asks for."""

import datetime
import filecmp
import os
import re
import shutil
import subprocess
import unittest
import xml.etree.ElementTree as ET

import chat_expectations as ce
import expectations
import manifest
from sipc_tshark import ROOT, capture_path, dissect, staging_dir, tshark

PROFILE = os.path.join(ROOT, "profiles", "SIP-C")

COLUMNS = ["No.", "Time", "Source", "Destination", "Protocol", "From", "Event", "Call-ID", "CSeq", "Summary",
           "Info"]
CUSTOM = {"From": "F", "Event": "N", "Call-ID": "I", "CSeq": "Q"}  # column: the header it shows

# The value of _ws.expert.severity for a warning (Wireshark's PI_WARN); an
# error is above it.
PI_WARN = 0x00600000


def stage_profiles():
    """Installs the profile, with scripts/install-profile.sh, where the
    tshark of the tests finds it: $HOME/.config/wireshark/profiles of the
    test HOME.  Returns the folder it went to."""
    # Either would send tshark, and the script, elsewhere than $HOME/.config.
    os.environ.pop("XDG_CONFIG_HOME", None)
    os.environ.pop("WIRESHARK_CONFIG_DIR", None)
    home = os.path.join(staging_dir(), "home")
    shutil.rmtree(os.path.join(home, ".config"), ignore_errors=True)
    subprocess.run([os.path.join(ROOT, "scripts", "install-profile.sh")], env=dict(os.environ, HOME=home),
                   check=True, capture_output=True)
    # tshark runs as "nobody" when the tests run as root.
    for top, _, files in os.walk(os.path.join(home, ".config")):
        os.chmod(top, 0o755)
        for f in files:
            os.chmod(os.path.join(top, f), 0o644)
    return os.path.join(home, ".config", "wireshark", "profiles", "SIP-C")


def with_profile(*args):
    out, err = tshark("-C", "SIP-C", *args)
    # tshark goes on past a preference, a coloring rule or a button it
    # cannot read, and says so.
    complaints = [l for l in err.splitlines() if l.strip() and "Running as user" not in l]
    if complaints:
        raise AssertionError("tshark -C SIP-C complains:\n" + "\n".join(complaints))
    return out


def utc_ms(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def transcript_frames(name, two_pass=False):
    """[(frame, [transcript messages in it])] in frame order, and the transcript."""
    capture = manifest.find(name)
    t = capture.load_transcript()
    frames = {}
    extra = ("-2",) if two_pass else ()
    for w, g in expectations.align(capture, dissect(name, *extra), t):
        frames.setdefault(g.frame, []).append(w)
    return sorted(frames.items()), t


def uat_rows(path):
    """The records of a Wireshark UAT file: quoted fields, \\xNN escapes."""
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = re.findall(r'"((?:[^"\\]|\\x[0-9a-fA-F]{2})*)"(?:,|$)', line)
        rows.append([re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), f) for f in fields])
    return rows


def is_request(w):
    return not w.start_line.startswith("SIP-C/")


def status(w):
    return 0 if is_request(w) else int(w.start_line.split()[1])


class Profile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.installed = stage_profiles()

    def test_install_script(self):
        self.assertEqual(sorted(os.listdir(self.installed)), sorted(os.listdir(PROFILE)))
        match, mismatch, errors = filecmp.cmpfiles(PROFILE, self.installed, os.listdir(PROFILE), shallow=False)
        self.assertEqual((mismatch, errors), ([], []))

    def psml(self, name, *extra):
        root = ET.fromstring(with_profile("-r", capture_path(name), "-T", "psml", *extra))
        titles = [s.text for s in root.find("structure").findall("section")]
        rows = [[s.text or "" for s in p.findall("section")] for p in root.findall("packet")]
        return titles, rows

    def test_profile_columns(self):
        titles, _ = self.psml("seed000-chat.pcap", "-c", "1")
        self.assertEqual(titles, COLUMNS)
        # Only the profile makes them: without -C the default columns.
        out, _ = tshark("-r", capture_path("seed000-chat.pcap"), "-c", "1", "-T", "psml")
        self.assertNotIn("<section>Summary</section>", out)

    def check_columns(self, name):
        titles, rows = self.psml(name, "-Y", "sipc")
        frames, t = transcript_frames(name)
        summaries = {}
        for p in dissect(name):
            summaries[p.number] = ",".join(v for m in p.messages for v in m.values("sipc.summary"))
        self.assertEqual([int(r[0]) for r in rows], [f for f, _ in frames], f"{name}: the SIP-C frames")
        for row, (frame, msgs) in zip(rows, frames):
            col = dict(zip(titles, row))
            where = f"{name} frame {frame}"
            first = msgs[0]
            conn = t.connections[first.connection]
            src, dst = (conn.client, conn.server) if first.direction == "c2s" else (conn.server, conn.client)
            self.assertEqual((col["Source"], col["Destination"]), (src.ip, dst.ip), where)
            self.assertEqual(col["Protocol"], "SIP-C", where)
            # UTC, to the microsecond (4.6 appends a Z); the transcript has milliseconds.
            self.assertRegex(col["Time"], r"^" + re.escape(utc_ms(t.start + first.time)) + r"\d{3}Z?$", where)
            for title, header in CUSTOM.items():
                want = [ce.header(m, header) for m in msgs if ce.header(m, header) is not None]
                self.assertEqual(col[title], ",".join(want), f"{where}: {title}")
            self.assertEqual(col["Summary"], summaries[frame], where)
            for m in msgs:
                self.assertIn("Request: " if is_request(m) else "Status: ", col["Info"], where)
        return titles, rows, frames

    def test_columns_seed000(self):
        titles, rows, frames = self.check_columns("seed000-chat.pcap")
        # The summaries the transcript calls for: the InviteBuddy names whom
        # it invites, a registration's answer how long it holds.
        col = {int(r[0]): dict(zip(titles, r)) for r in rows}
        checked = 0
        for frame, (m,) in frames:
            if ce.header(m, "N") == "InviteBuddy":
                invited = re.search(r'uri="([^"]*)"', m.body.decode()).group(1)
                self.assertEqual(col[frame]["Summary"], f"invites {ce.user(invited)}")
                checked += 1
            if not is_request(m) and (ce.header(m, "Q") or "").endswith(" R") and ce.header(m, "X"):
                self.assertEqual(col[frame]["Summary"], f"registered for {ce.header(m, 'X')} s")
                checked += 1
        self.assertEqual(checked, 3, "seed 000: one InviteBuddy, two chat-server registrations")

    def test_columns_two_chats_and_v4_login(self):
        for name in ("two-chats.pcap", "v4-login.pcap", "seed004-presence.pcap"):
            with self.subTest(name):
                self.check_columns(name)

    def coloring(self, name):
        out = with_profile("-r", capture_path(name), "--color", "-T", "fields", "-E", "occurrence=a",
                           "-e", "frame.number", "-e", "frame.coloring_rule.name", "-e", "sipc",
                           "-e", "_ws.expert.severity")
        rows = {}
        for line in out.splitlines():
            number, rule, sipc, severity = line.split("\t")
            rows[int(number)] = (rule, bool(sipc), [int(s) for s in severity.split(",") if s])
        return rows

    def test_coloring_rules(self):
        # The first rule that matches wins: errors, warnings, the handoff,
        # chat messages, BN.
        for name in ("seed000-chat.pcap", "two-chats.pcap", "v4-login.pcap"):
            rules = self.coloring(name)
            frames, _ = transcript_frames(name)
            seen = set()
            for frame, msgs in frames:
                if any(status(m) >= 400 for m in msgs):
                    want = "SIP-C error response"
                elif any(ce.ticket_credential(m) or ce.presented_credential(m) for m in msgs):
                    want = "SIP-C chat handoff"
                elif any(m.start_line.startswith("M ") and m.body for m in msgs):
                    want = "SIP-C chat message"
                elif any(m.start_line.startswith("BN ") for m in msgs):
                    want = "SIP-C BN notification"
                else:
                    self.assertFalse(rules[frame][0].startswith("SIP-C"), f"{name} frame {frame}: {rules[frame]}")
                    continue
                self.assertEqual(rules[frame][0], want, f"{name} frame {frame}")
                seen.add(want)
            if name == "v4-login.pcap":
                self.assertIn("SIP-C error response", seen)
            if name == "seed000-chat.pcap":
                self.assertEqual(seen, {"SIP-C chat handoff", "SIP-C chat message", "SIP-C BN notification"})

    def test_coloring_expert_warnings(self):
        # Broken input: every SIP-C frame with an expert warning or error,
        # and no error response, is colored as such, and no other frame.
        rules = self.coloring("malformed.pcap")
        statuses = {p.number: [int(v) for m in p.messages for v in m.values("sipc.status_code")]
                    for p in dissect("malformed.pcap")}
        warned = 0
        for frame, (rule, sipc, severities) in rules.items():
            flagged = sipc and any(s >= PI_WARN for s in severities) and all(c < 400 for c in statuses[frame])
            self.assertEqual(rule == "SIP-C expert warning", flagged, f"frame {frame}: {rule}")
            warned += flagged
        self.assertGreater(warned, 0)

    def buttons(self):
        rows = uat_rows(os.path.join(PROFILE, "dfilter_buttons"))
        for r in rows:
            self.assertEqual(len(r), 4, r)
            self.assertIn(r[0], ("TRUE", "FALSE"), r)
            self.assertTrue(r[1] and r[2] and r[3], r)
        return {label: expr for _, label, expr, _ in rows}

    def selected(self, name, expr, two_pass=False):
        extra = ("-2",) if two_pass else ()
        out = with_profile("-r", capture_path(name), *extra, "-Y", expr, "-T", "fields", "-e", "frame.number")
        return [int(n) for n in out.split()]

    def test_filter_buttons(self):
        """Each button answers its question on the captures, by the transcripts."""

        def frames_where(name, pred, two_pass=False):
            frames, t = transcript_frames(name, two_pass)
            return [f for f, msgs in frames if pred(msgs, t)]

        def unanswered(msgs, t):
            _, answers = expectations.expected_transactions(t.messages)
            requests = [m for m in msgs if is_request(m) and not m.start_line.startswith("BN ")]
            return requests and not any(id(m) in answers for m in requests)

        def presence(msgs, t):
            # A presence operation or event (SetPresence, BN presence,
            # PresenceV4 ...), or the answer to one.
            response_to, _ = expectations.expected_transactions(t.messages)

            def event(m):
                request = response_to.get(id(m))
                return ce.header(m, "N") or (request and ce.header(request, "N")) or ""

            return any("presence" in event(m).lower() for m in msgs)

        def chat_frames(name):
            frames, t = transcript_frames(name)
            members = ce.chats(t)
            return [f for f, msgs in frames if any(id(m) in members for m in msgs)]

        questions = {
            "SIP-C": [("seed000-chat.pcap", lambda msgs, t: True)],
            "Messages": [("seed000-chat.pcap", lambda msgs, t: any(m.start_line.startswith("M ") for m in msgs)),
                         ("two-chats.pcap", lambda msgs, t: any(m.start_line.startswith("M ") for m in msgs))],
            "Handoffs": [(n, lambda msgs, t: any(ce.ticket_credential(m) or ce.presented_credential(m)
                                                 for m in msgs))
                         for n in ("seed000-chat.pcap", "two-chats.pcap", "v4-login.pcap")],
            "Errors": [(n, lambda msgs, t: any(status(m) >= 400 for m in msgs))
                       for n in ("seed000-chat.pcap", "v4-login.pcap")],
            "Presence": [("seed004-presence.pcap", presence), ("seed000-chat.pcap", presence)],
            "Logins": [(n, lambda msgs, t: any((ce.header(m, "Q") or "").endswith(" R") for m in msgs))
                       for n in ("seed000-chat.pcap", "v4-login.pcap")],
        }
        buttons = self.buttons()
        self.assertEqual(set(buttons), set(questions) | {"Chats", "Unanswered"})
        for label, cases in questions.items():
            for name, pred in cases:
                with self.subTest(label=label, capture=name):
                    want = frames_where(name, pred)
                    self.assertEqual(self.selected(name, buttons[label]), want)
        for name in ("seed000-chat.pcap", "two-chats.pcap"):
            with self.subTest(label="Chats", capture=name):
                self.assertEqual(self.selected(name, buttons["Chats"]), chat_frames(name))
            with self.subTest(label="Unanswered", capture=name):
                # sipc.response_in needs the second pass, as in the GUI.
                want = frames_where(name, unanswered, True)
                self.assertEqual(self.selected(name, buttons["Unanswered"], True), want)


if __name__ == "__main__":
    unittest.main()
