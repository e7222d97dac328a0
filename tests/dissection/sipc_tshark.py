# SPDX-License-Identifier: GPL-2.0-or-later
"""Runs tshark with the freshly built SIP-C plugin and reads what it shows.

tshark run by root loads no personal plugins and ignores
WIRESHARK_PLUGIN_DIR (doc/design.md "Root ignores personal plugins"), so as root tshark runs as the unprivileged
user "nobody"; the plugin, a home folder and the captures are staged in a
temporary folder that user can read.

The plugin comes from $SIPC_PLUGIN (set by ctest), or build/plugin/sipc.so.
"""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PCAPS = os.path.join(ROOT, "pcaps")
sys.path.insert(0, os.path.join(PCAPS, "tools"))

import manifest  # noqa: E402  (pcaps/tools)
import transcript  # noqa: E402

_stage = None


def _staging():
    global _stage
    if _stage:
        return _stage
    plugin = os.environ.get("SIPC_PLUGIN") or os.path.join(ROOT, "build", "plugin", "sipc.so")
    if not os.path.exists(plugin):
        raise RuntimeError(f"no plugin at {plugin}: build first")
    version = subprocess.run(["tshark", "-v"], capture_output=True, text=True).stdout.split()[2]
    major_minor = ".".join(version.split(".")[:2])
    d = tempfile.mkdtemp(prefix="sipc-test-")
    os.makedirs(os.path.join(d, "plugins", major_minor, "epan"))
    os.makedirs(os.path.join(d, "no-plugins", major_minor, "epan"))
    shutil.copy(plugin, os.path.join(d, "plugins", major_minor, "epan", "sipc.so"))
    os.makedirs(os.path.join(d, "home"))
    os.makedirs(os.path.join(d, "pcaps"))
    for root, _, files in os.walk(d):
        os.chmod(root, 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    os.chmod(os.path.join(d, "home"), 0o777)
    atexit.register(shutil.rmtree, d, True)
    _stage = d
    return d


def capture_path(name):
    """The capture `name` of pcaps/, copied where tshark's user can read it."""
    src = os.path.join(PCAPS, name) if not os.path.isabs(name) else name
    dst = os.path.join(_staging(), "pcaps", os.path.basename(name))
    if not os.path.exists(dst) or os.path.getmtime(dst) < os.path.getmtime(src):
        shutil.copy(src, dst)
        os.chmod(dst, 0o644)
    return dst


def staging_dir():
    return _staging()


def wireshark_command(program, *args, extra_env=None, plugin=True):
    """The command line and environment that run a Wireshark program with
    the plugin (or, plugin=False, without it), as "nobody" when we are root."""
    d = _staging()
    plugins = os.path.join(d, "plugins" if plugin else "no-plugins")
    wanted = {"WIRESHARK_PLUGIN_DIR": plugins, "HOME": os.path.join(d, "home"),
              "LC_ALL": "C.UTF-8", **(extra_env or {})}
    env = dict(os.environ, **wanted)
    env.pop("WIRESHARK_CONFIG_DIR", None)
    cmd = [program, *args]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "nobody", "--", "env", *[f"{k}={v}" for k, v in wanted.items()]] + cmd
    return cmd, env


def tshark(*args, check=True, plugin=True):
    """Runs tshark with the plugin (plugin=False: without); returns (stdout, stderr)."""
    d = _staging()
    cmd, env = wireshark_command("tshark", *args, plugin=plugin)
    p = subprocess.run(cmd, capture_output=True, env=env, cwd=d)
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    if check and p.returncode != 0:
        raise AssertionError(f"tshark {' '.join(args)} failed ({p.returncode}):\n{err}")
    return out, err


@dataclass
class Field:
    name: str
    show: str
    value: str
    size: int
    pos: int
    children: list = field(default_factory=list)


@dataclass
class SipcMessage:
    frame: int
    src: str  # ip:port
    dst: str
    fields: list  # [Field] in tree order, nested flattened

    def values(self, name):
        return [f.show for f in self.fields if f.name == name]

    def one(self, name):
        v = self.values(name)
        if len(v) != 1:
            raise AssertionError(f"frame {self.frame}: {name} occurs {len(v)} times: {v}")
        return v[0]

    def sizes(self, name):
        return [f.size for f in self.fields if f.name == name]


@dataclass
class Packet:
    number: int
    src: str
    dst: str
    messages: list
    fields: list  # every field of the packet, flattened


def _flatten(elem, out):
    for child in elem:
        if child.tag == "field" or child.tag == "proto":
            name = child.get("name", "")
            if child.tag == "field" and name:
                out.append(Field(name, child.get("show", ""), child.get("value", ""),
                                 int(child.get("size", "0") or 0), int(child.get("pos", "0") or 0)))
            _flatten(child, out)


def read_pdml(text):
    packets = []
    root = ET.fromstring(text)
    for pkt in root.iter("packet"):
        info = {}
        all_fields = []
        messages = []
        for proto in pkt.findall("proto"):
            name = proto.get("name")
            flat = []
            _flatten(proto, flat)
            all_fields += flat
            if name in ("ip", "tcp"):
                for f in flat:
                    info[f.name] = f.show
            if name == "sipc":
                messages.append(flat)
        src = f"{info.get('ip.src')}:{info.get('tcp.srcport')}"
        dst = f"{info.get('ip.dst')}:{info.get('tcp.dstport')}"
        number = int(next(f.show for f in all_fields if f.name == "frame.number"))
        packets.append(Packet(number, src, dst, [SipcMessage(number, src, dst, m) for m in messages], all_fields))
    return packets


def dissect(capture, *extra):
    """Every packet of a capture as PDML, read back."""
    out, _ = tshark("-r", capture_path(capture), "-T", "pdml", *extra)
    return read_pdml(out)


def messages(packets):
    return [m for p in packets for m in p.messages]
