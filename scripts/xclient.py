# SPDX-License-Identifier: GPL-2.0-or-later
"""The little of the X11 protocol that scripts/pictures.py needs, spoken
directly over the X server's socket: list the top-level windows with their
titles and places, read the screen's pixels, and type keys (XTEST).

Why not xdotool and ImageMagick: every Debian package the tests need goes
into the Debian roots of scripts/debian-root.sh, and a changed package list
makes every root again; Python alone is already in every root."""

import socket
import struct
import time

# Keysyms (X11 keysymdef.h) of the keys that are pressed by name.
KEYSYMS = {"Alt": 0xFFE9, "Shift": 0xFFE1, "Control": 0xFFE3, "Return": 0xFF0D, "Escape": 0xFF1B,
           "Tab": 0xFF09, "Down": 0xFF54, "Up": 0xFF52, "Left": 0xFF51, "Right": 0xFF53,
           "Home": 0xFF50, "End": 0xFF57}


def _pad(n):
    return (4 - n % 4) % 4


class XError(RuntimeError):
    pass


class Display:
    """One connection to display :n of this machine (no authorization: the
    X server of pictures.py is started without any)."""

    def __init__(self, number):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(f"/tmp/.X11-unix/X{number}")
        self.sequence = 0  # of the last request sent
        self.sock.sendall(struct.pack("<BxHHHHxx", 0x6C, 11, 0, 0, 0))
        head = self._read(8)
        if head[0] != 1:
            raise XError(f"the X server refused the connection: {self._read(head[1])!r}")
        body = self._read(struct.unpack_from("<H", head, 6)[0] * 4)
        vendor_len, = struct.unpack_from("<H", body, 16)
        formats = body[21]
        self.min_keycode, self.max_keycode = body[26], body[27]
        screen = 32 + vendor_len + _pad(vendor_len) + 8 * formats
        self.root, = struct.unpack_from("<I", body, screen)
        self.width, self.height = struct.unpack_from("<HH", body, screen + 20)
        self.depth = body[screen + 38]
        present, self.xtest = self._extension(b"XTEST")
        if not present:
            raise XError("the X server has no XTEST extension")
        self._keymap()

    def close(self):
        self.sock.close()

    def _read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise XError("the X server closed the connection")
            data += chunk
        return data

    def _request(self, data, reply=True):
        """Sends one request; returns its reply (header and data) if it has one.
        Replies and errors carry the request's sequence number: an error of an
        earlier request without a reply is raised only after this request's
        own reply is read, so that the next request does not take it for its own."""
        self.sock.sendall(data)
        self.sequence = (self.sequence + 1) & 0xFFFF
        if not reply:
            return None
        earlier = None
        while True:
            head = self._read(32)
            ours = struct.unpack_from("<H", head, 2)[0] == self.sequence
            if head[0] == 0:
                error = XError(f"X error {head[1]} for request {head[10]}")
                if ours:
                    raise error
                earlier = error
            elif head[0] == 1:
                body = head + self._read(struct.unpack_from("<I", head, 4)[0] * 4)
                if ours:
                    if earlier:
                        raise earlier
                    return body
            # An event (none is asked for, but the server may send some): skipped.

    def _extension(self, name):
        r = self._request(struct.pack("<BxHHxx", 98, 2 + (len(name) + _pad(len(name))) // 4, len(name))
                          + name + b"\0" * _pad(len(name)))
        return r[8], r[9]

    def atom(self, name):
        name = name.encode()
        r = self._request(struct.pack("<BBHHxx", 16, 0, 2 + (len(name) + _pad(len(name))) // 4, len(name))
                          + name + b"\0" * _pad(len(name)))
        return struct.unpack_from("<I", r, 8)[0]

    def _keymap(self):
        count = self.max_keycode - self.min_keycode + 1
        r = self._request(struct.pack("<BxHBBxx", 101, 2, self.min_keycode, count))
        per = r[1]
        self.keycodes = {}
        for i in range(count):
            for j in range(per):
                sym, = struct.unpack_from("<I", r, 32 + 4 * (i * per + j))
                if sym and sym not in self.keycodes:
                    self.keycodes[sym] = (self.min_keycode + i, j == 1)

    def _fake(self, kind, detail, x=0, y=0):
        self._request(struct.pack("<BBHBBxxIIxxxxxxxxhhxxxxxxxx", self.xtest, 2, 9, kind, detail, 0,
                                  self.root if kind == 6 else 0, x, y), reply=False)

    def sync(self):
        """Waits until the server has handled every request sent so far."""
        self._request(struct.pack("<BxH", 43, 1))  # GetInputFocus: any request with a reply

    def key(self, combo, pause=0.15):
        """Presses and releases a key with modifiers: "Alt+s", "Down", "q"."""
        codes = []
        for name in combo.split("+"):
            sym = KEYSYMS.get(name, ord(name) if len(name) == 1 else None)
            if sym is None or sym not in self.keycodes:
                raise XError(f"no key for {name!r}")
            code, shifted = self.keycodes[sym]
            if shifted:
                codes.append(self.keycodes[KEYSYMS["Shift"]][0])
            codes.append(code)
        for code in codes:
            self._fake(2, code)
        for code in reversed(codes):
            self._fake(3, code)
        self.sync()
        time.sleep(pause)

    def click(self, x, y, button=1):
        self._fake(6, 0, x, y)
        self._fake(4, button)
        self._fake(5, button)
        self.sync()

    def focus(self, window):
        """Gives window the keyboard: with no window manager nobody else does."""
        self._request(struct.pack("<BBHII", 42, 1, 3, window, 0), reply=False)
        self.sync()

    def place(self, window, x, y, width, height):
        """Moves and resizes a top-level window (ConfigureWindow), as a window manager would."""
        self._request(struct.pack("<BxHIHxxiiII", 12, 7, window, 0xF, x, y, width, height), reply=False)
        self.sync()

    def _property(self, window, prop):
        r = self._request(struct.pack("<BBHIIIII", 20, 0, 6, window, prop, 0, 0, 1024))
        n, = struct.unpack_from("<I", r, 16)
        return r[32:32 + n * (r[1] // 8)]

    def windows(self):
        """The mapped top-level windows, bottom first: (id, title, x, y, width, height)."""
        r = self._request(struct.pack("<BxHI", 15, 2, self.root))
        n, = struct.unpack_from("<H", r, 16)
        net_name, wm_name = self.atom("_NET_WM_NAME"), self.atom("WM_NAME")
        found = []
        for i in range(n):
            w, = struct.unpack_from("<I", r, 32 + 4 * i)
            try:
                if self._request(struct.pack("<BxHI", 3, 2, w))[26] != 2:
                    continue
                g = self._request(struct.pack("<BxHI", 14, 2, w))
                title = (self._property(w, net_name) or self._property(w, wm_name)).decode("utf-8", "replace")
            except XError:
                continue  # gone meanwhile
            x, y, width, height = struct.unpack_from("<hhHH", g, 12)
            found.append((w, title, x, y, width, height))
        return found

    def wait_window(self, test, timeout=60):
        """The newest top-level window whose title passes test, once it is there."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            hits = [w for w in self.windows() if test(w[1])]
            if hits:
                return hits[-1]
            time.sleep(0.2)
        raise XError(f"no window appeared in {timeout} s; there are {[w[1] for w in self.windows()]}")

    def image(self, x, y, width, height):
        """The screen's pixels in that rectangle as rows of RGB bytes."""
        rows = []
        # In bands, so that no reply is larger than a few megabytes.
        for top in range(y, y + height, 256):
            h = min(256, y + height - top)
            r = self._request(struct.pack("<BBHIhhHHI", 73, 2, 5, self.root, x, top, width, h, 0xFFFFFFFF))
            data = r[32:]
            stride = len(data) // h
            for row in range(h):
                line = data[row * stride:row * stride + width * 4]
                rgb = bytearray(width * 3)
                rgb[0::3], rgb[1::3], rgb[2::3] = line[2::4], line[1::4], line[0::4]
                rows.append(bytes(rgb))
        return rows

