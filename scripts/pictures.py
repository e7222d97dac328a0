#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Makes the README's pictures: what a user sees of the seed chat in the real
Wireshark with the freshly built plugin.

  python3 scripts/pictures.py [--out doc/images] [--only NAME]...

Screenshots go stale with every change of the plugin and every Wireshark
version, so they are not drawn by hand: this script starts a virtual X server
(Xvfb) on a free display, runs Wireshark on pcaps/seed000-chat.pcap the way
tests/dissection/test_gui_random_access.py does (the staged plugin, as
"nobody" when run by root, for root ignores WIRESHARK_PLUGIN_DIR), works its
menus with the keyboard through XTEST and reads the pixels back
(scripts/xclient.py). Each picture has a fixed size (the screen, or a dialog
resized to it), and is checked after it is written: a PNG of that size that
is not one flat colour. tests/dissection/test_pictures.py runs it into a
temporary folder, so the test command proves the pictures can be made again.

main.png    the packet list and the SIP-C tree of the handoff (the 200 OK
            that carries the chat-server ticket)
chats.png   Statistics > Telephony > SIP-C Chats (-z sipc,chat_table)
flow.png    Statistics > Flow Graph of the SIP-C messages
follow.png  Analyze > Follow > SIP-C Stream on a chat message: only where
            the GUI makes a menu item per registered follower (4.4 and
            later); 4.0's Follow menu is a fixed list without it.

The plugin comes from $SIPC_PLUGIN, or build/plugin/sipc.so."""

import argparse
import os
import signal
import struct
import subprocess
import sys
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "dissection"))

import xclient  # noqa: E402
from sipc_tshark import capture_path, staging_dir, wireshark_command  # noqa: E402

SCREEN = (1280, 800)
# Name: (width, height) of the picture.
SIZES = {"main.png": SCREEN, "chats.png": (1200, 360), "flow.png": (1240, 640), "follow.png": (900, 640)}
CAPTURE = "seed000-chat.pcap"
HANDOFF_FRAME = 5  # 200 OK to StartChat, with the chat server's ticket
CHAT_FRAME = 25  # M on the chat-server connection
# How far down its menu each dialog's item is, by Wireshark version, tried
# first; if the dialog does not open, every position is tried.
FLOW_GRAPH_ROW = {"4.0": 16, "4.4": 16, "4.6": 17}
FOLLOW_SIPC_ROW = {"4.4": 0, "4.6": 0}


def wireshark_version():
    # tshark's, which is the GUI's (one package set), without needing a display.
    out = subprocess.run(["tshark", "-v"], capture_output=True, text=True).stdout
    return ".".join(out.split()[2].split(".")[:2])


def write_png(path, rows):
    """RGB rows (bytes, 3 per pixel) as an 8-bit PNG."""
    width = len(rows[0]) // 3

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    # Filter "Up" (2) on every row: screenshots repeat rows, which then cost nothing.
    raw = bytearray()
    previous = bytes(len(rows[0]))
    for row in rows:
        raw += b"\x02" + bytes((a - b) & 0xFF for a, b in zip(row, previous))
        previous = row
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def read_png(path):
    """(width, height, rows) of an 8-bit RGB or RGBA PNG, rows unfiltered."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    pos, idat, head = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = head
    if depth != 8 or color not in (2, 6) or interlace:
        raise ValueError(f"{path}: only 8-bit RGB(A) PNGs without interlacing are read here")
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def check_png(path, size):
    """Why the picture at path is not what it should be, or None."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return f"{path} is missing or empty"
    try:
        width, height, rows = read_png(path)
    except (ValueError, zlib.error, struct.error) as e:
        return f"{path} cannot be read: {e}"
    if (width, height) != tuple(size):
        return f"{path} is {width}x{height}, not {size[0]}x{size[1]}"
    # A real window has text and lines: many distinct rows, not one flat colour.
    if len(set(rows)) < height // 10:
        return f"{path} is blank: {len(set(rows))} distinct rows of {height}"
    return None


class Screen:
    """An Xvfb of SCREEN's size, and a connection to it.  Xvfb picks a free
    display itself (-displayfd) and names it once it accepts connections: no
    guessing at lock files, and two runs at once cannot take the same one."""

    def __enter__(self):
        ready, writer = os.pipe()
        cmd, env = wireshark_command("Xvfb", "-displayfd", str(writer), "-screen", "0",
                                     f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp")
        self.xvfb = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     pass_fds=(writer,), start_new_session=True)
        os.close(writer)
        with os.fdopen(ready) as f:
            number = f.readline().strip()  # empty if Xvfb ended without a display
        try:
            if not number.isdigit():
                raise RuntimeError("Xvfb did not start")
            self.number = int(number)
            self.x = xclient.Display(self.number)
        except BaseException:
            self._stop()
            raise
        return self

    def _stop(self):
        try:
            os.killpg(self.xvfb.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.xvfb.wait()

    def __exit__(self, *_):
        self.x.close()
        self._stop()


class Wireshark:
    """The GUI on the seed chat, with a main window that fills the screen and
    no bytes pane (its rows would push the tree off the picture)."""

    def __init__(self, screen, *args, log=None):
        self.x = screen.x
        config = os.path.join(staging_dir(), "home", ".config", "wireshark")
        os.makedirs(config, exist_ok=True)
        with open(os.path.join(config, "recent_common"), "w") as f:
            f.write(f"gui.geometry_main_x: 0\ngui.geometry_main_y: 0\ngui.geometry_main_width: {SCREEN[0]}\n"
                    f"gui.geometry_main_height: {SCREEN[1]}\ngui.geometry_main_maximized: FALSE\n")
        with open(os.path.join(config, "recent"), "w") as f:
            f.write("gui.byte_view_show: FALSE\n")
        for d in (os.path.dirname(config), config):
            os.chmod(d, 0o777)
        for name in ("recent_common", "recent"):
            os.chmod(os.path.join(config, name), 0o666)
        cmd, env = wireshark_command("wireshark", "-r", capture_path(CAPTURE), *args,
                                     extra_env={"DISPLAY": f":{screen.number}"})
        self.log = log
        self.p = subprocess.Popen(cmd, env=env, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                  start_new_session=True)

    def __enter__(self):
        try:
            w = self.x.wait_window(lambda t: t.endswith(CAPTURE) and "·" not in t, 120)
        except BaseException:
            self.__exit__()  # "with" ends nothing whose __enter__ failed
            raise
        self.main = w[0]
        self.x.place(self.main, 0, 0, *SCREEN)
        time.sleep(2)  # the packet list and tree are drawn after the window appears
        self.x.focus(self.main)
        return self

    def __exit__(self, *_):
        try:
            os.killpg(self.p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.p.wait()

    def shoot(self, window, size, path):
        """Resizes a window to size at the screen's corner and writes its picture."""
        self.x.place(window, 0, 0, *size)
        time.sleep(2)
        write_png(path, self.x.image(0, 0, *size))

    def menu_dialog(self, keys, rows, want, first=()):
        """Opens the menu item `rows` down after pressing keys (a menu, maybe a
        submenu), trying the rows of `first` and then all, until a window whose
        title passes want appears; closes every other window an item opened."""
        known = {w[0] for w in self.x.windows()}
        for row in list(first) + [r for r in range(rows) if r not in first]:
            self.x.focus(self.main)
            for key in keys:
                self.x.key(key)
            for _ in range(row):
                self.x.key("Down", 0.05)
            self.x.key("Return", 0.5)
            try:
                window = self.x.wait_window(want, 4)
            except xclient.XError:
                window = None
            if window:
                # For FLOW_GRAPH_ROW and FOLLOW_SIPC_ROW when a version moves it.
                print(f"{window[1]}: item {row} of the menu of {'+'.join(keys)}")
                return window
            # A wrong item: a dialog to close, or a submenu still open.
            for w in self.x.windows():
                if w[0] not in known:
                    try:
                        self.x.focus(w[0])
                    except xclient.XError:
                        continue  # a menu that closed meanwhile
                    self.x.key("Escape")
            for _ in range(3):
                self.x.key("Escape", 0.05)
        raise RuntimeError(f"no item of the menu opened by {keys} opened the dialog")


def picture_main(screen, out, log, _version):
    with Wireshark(screen, "-Y", "sipc", "-g", str(HANDOFF_FRAME), log=log) as ws:
        # Into the tree (an empty spot near the bottom: no bytes pane), onto
        # its last item, the SIP-C message, and open it all.  The first End
        # only makes the first item current (the tree had none).
        ws.x.click(SCREEN[0] // 2, SCREEN[1] - 40)
        time.sleep(0.5)
        ws.x.key("End")
        ws.x.key("End")
        ws.x.key("Shift+Right")
        ws.shoot(ws.main, SIZES["main.png"], os.path.join(out, "main.png"))


def picture_chats(screen, out, log, _version):
    with Wireshark(screen, "-z", "sipc,chat_table", log=log) as ws:
        w = ws.x.wait_window(lambda t: "SIP-C Chats" in t, 60)
        ws.shoot(w[0], SIZES["chats.png"], os.path.join(out, "chats.png"))


def picture_flow(screen, out, log, version):
    # Only the SIP-C messages are read (-R): the flow shows no TCP handshakes.
    with Wireshark(screen, "-R", "sipc", log=log) as ws:
        w = ws.menu_dialog(["Alt+s"], 40, lambda t: "· Flow" in t, [FLOW_GRAPH_ROW.get(version, 16)])
        ws.shoot(w[0], SIZES["flow.png"], os.path.join(out, "flow.png"))


def picture_follow(screen, out, log, version):
    with Wireshark(screen, "-Y", "sipc", "-g", str(CHAT_FRAME), log=log) as ws:
        # Analyze's last items are Follow, a disabled Show Packet Bytes, Expert Information.
        w = ws.menu_dialog(["Alt+a", "Up", "Up", "Right"], 16, lambda t: "Follow" in t and "SIP-C" in t,
                           [FOLLOW_SIPC_ROW.get(version, 0)])
        ws.shoot(w[0], SIZES["follow.png"], os.path.join(out, "follow.png"))


def expected(version):
    """The pictures this Wireshark can make."""
    return [n for n in SIZES if n != "follow.png" or version != "4.0"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "doc", "images"))
    parser.add_argument("--only", action="append", choices=list(SIZES), help="make only this picture")
    args = parser.parse_args()
    # A SIGTERM (the test's timeout) unwinds the "with"s, which end Xvfb and Wireshark.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("pictures.py: terminated"))
    version = wireshark_version()
    names = [n for n in expected(version) if not args.only or n in args.only]
    os.makedirs(args.out, exist_ok=True)
    makers = {"main.png": picture_main, "chats.png": picture_chats, "flow.png": picture_flow,
              "follow.png": picture_follow}
    failures = []
    with open(os.path.join(staging_dir(), "wireshark.log"), "w+") as log, Screen() as screen:
        for name in names:
            try:
                makers[name](screen, args.out, log, version)
            except (RuntimeError, xclient.XError, OSError) as e:
                # What the screen showed then, to see why.
                screen_shot = os.path.join(args.out, name.replace(".png", ".failed.png"))
                write_png(screen_shot, screen.x.image(0, 0, *SCREEN))
                failures.append(f"{name}: {e} (the screen then: {screen_shot})")
                continue
            problem = check_png(os.path.join(args.out, name), SIZES[name])
            if problem:
                failures.append(problem)
            else:
                print(f"{os.path.join(args.out, name)}: {SIZES[name][0]}x{SIZES[name][1]}")
        if failures:
            log.seek(0)
            sys.stderr.write("Wireshark said:\n" + log.read()[-3000:])
    if version == "4.0" and not args.only:
        print("follow.png: not on Wireshark 4.0 (its Analyze > Follow menu has no SIP-C)")
    for f in failures:
        print(f"pictures.py: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
