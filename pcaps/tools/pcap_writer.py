# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes TCP conversations to a classic pcap file (Ethernet, IPv4, TCP).

Only the standard library: the captures must be reproducible on any machine.
Checksums are computed, so Wireshark's checksum validation (when enabled)
finds nothing wrong.
"""

import ipaddress
import struct

LINKTYPE_ETHERNET = 1
MSS = 1460


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def _mac(ip: str) -> bytes:
    return b"\x02\x00" + ipaddress.IPv4Address(ip).packed


class TcpStream:
    """One TCP connection; keeps the sequence numbers of both sides."""

    def __init__(self, writer, client, server, isn_client=1000, isn_server=5000):
        self.w = writer
        self.client = client
        self.server = server
        self.seq = {"c2s": isn_client, "s2c": isn_server}
        self.opened = False
        self.ip_id = 1

    def _ends(self, direction):
        return (self.client, self.server) if direction == "c2s" else (self.server, self.client)

    def _packet(self, t, direction, flags, payload=b"", advance=True):
        src, dst = self._ends(direction)
        other = "s2c" if direction == "c2s" else "c2s"
        seq, ack = self.seq[direction], self.seq[other]
        tcp = struct.pack("!HHIIBBHHH", src.port, dst.port, seq, ack if flags & 0x10 else 0,
                          5 << 4, flags, 65535, 0, 0)
        pseudo = ipaddress.IPv4Address(src.ip).packed + ipaddress.IPv4Address(dst.ip).packed
        pseudo += struct.pack("!BBH", 0, 6, len(tcp) + len(payload))
        csum = _checksum(pseudo + tcp + payload)
        tcp = tcp[:16] + struct.pack("!H", csum) + tcp[18:]
        total = 20 + len(tcp) + len(payload)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, self.ip_id & 0xFFFF, 0x4000, 64, 6, 0,
                         ipaddress.IPv4Address(src.ip).packed, ipaddress.IPv4Address(dst.ip).packed)
        ip = ip[:10] + struct.pack("!H", _checksum(ip)) + ip[12:]
        self.ip_id += 1
        eth = _mac(dst.ip) + _mac(src.ip) + b"\x08\x00"
        self.w.add(t, eth + ip + tcp + payload)
        if advance:
            self.seq[direction] = (seq + len(payload) + (1 if flags & 0x03 else 0)) & 0xFFFFFFFF

    def open(self, t):
        self._packet(t - 0.002, "c2s", 0x02)  # SYN
        self._packet(t - 0.0015, "s2c", 0x12)  # SYN, ACK
        self._packet(t - 0.001, "c2s", 0x10)  # ACK
        self.opened = True

    def skip(self, direction, nbytes):
        """Bytes that were sent but are not in the capture."""
        self.seq[direction] = (self.seq[direction] + nbytes) & 0xFFFFFFFF

    def send(self, t, direction, payload):
        self._packet(t, direction, 0x18, payload)  # PSH, ACK

    def close(self, t):
        self._packet(t, "c2s", 0x11)  # FIN, ACK
        self._packet(t + 0.0005, "s2c", 0x11)
        self._packet(t + 0.001, "c2s", 0x10, advance=False)


class PcapWriter:
    def __init__(self, snaplen=0):
        self.packets = []
        self.snaplen = snaplen or 65535

    def add(self, t, frame):
        self.packets.append((t, len(self.packets), frame))

    def write(self, path):
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, self.snaplen, LINKTYPE_ETHERNET))
            for t, _, frame in sorted(self.packets):
                sec = int(t)
                usec = int(round((t - sec) * 1e6))
                if usec >= 1000000:
                    sec, usec = sec + 1, usec - 1000000
                kept = frame[: self.snaplen]
                f.write(struct.pack("<IIII", sec, usec, len(kept), len(frame)))
                f.write(kept)
