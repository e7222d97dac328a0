# SPDX-License-Identifier: GPL-2.0-or-later
"""The field names of doc/fields.md are a contract with everyone who filters on
them: each exists, with its type, as long as the plugin does."""

import unittest

from sipc_tshark import tshark

CONTRACT = {
    "sipc": "FT_PROTOCOL",
    "sipc.request_line": "FT_STRING", "sipc.method": "FT_STRING", "sipc.request_uri": "FT_STRING",
    "sipc.version": "FT_STRING", "sipc.status_line": "FT_STRING", "sipc.status_code": "FT_UINT16",
    "sipc.reason": "FT_STRING",
    "sipc.from": "FT_STRING", "sipc.to": "FT_STRING", "sipc.call_id": "FT_INT32", "sipc.cseq": "FT_STRING",
    "sipc.cseq.seq": "FT_UINT32", "sipc.cseq.method": "FT_STRING", "sipc.content_length": "FT_UINT32",
    "sipc.slice_offset": "FT_UINT32", "sipc.event": "FT_STRING", "sipc.supported": "FT_STRING",
    "sipc.expires": "FT_UINT32", "sipc.message_id": "FT_STRING", "sipc.content_type": "FT_STRING",
    "sipc.date": "FT_STRING", "sipc.auth": "FT_STRING", "sipc.auth.scheme": "FT_STRING",
    "sipc.chat_server": "FT_STRING", "sipc.credential": "FT_STRING", "sipc.www_authenticate": "FT_STRING",
    "sipc.header.unknown": "FT_STRING",
    "sipc.body": "FT_BYTES", "sipc.event_type": "FT_STRING", "sipc.member_uri": "FT_STRING",
    "sipc.contact_uri": "FT_STRING", "sipc.presence.uri": "FT_STRING", "sipc.presence.value": "FT_UINT16",
    "sipc.presence.desc": "FT_STRING", "sipc.message_text": "FT_STRING",
    "sipc.local_name": "FT_STRING", "sipc.buddy_lists": "FT_STRING", "sipc.relation": "FT_UINT8",
    "sipc.response_in": "FT_FRAMENUM", "sipc.response_to": "FT_FRAMENUM", "sipc.response_time": "FT_RELATIVE_TIME",
    "sipc.slice.reassembled_in": "FT_FRAMENUM", "sipc.slice.count": "FT_UINT32",
    "sipc.handoff.issued_in": "FT_FRAMENUM", "sipc.handoff.used_in": "FT_FRAMENUM", "sipc.chat.session": "FT_UINT32",
}


class FieldContract(unittest.TestCase):
    def test_every_contract_field_with_its_type(self):
        out, _ = tshark("-G", "fields")
        registered = {}
        for line in out.splitlines():
            cols = line.split("\t")
            if cols[0] == "P" and cols[2] == "sipc":
                registered["sipc"] = "FT_PROTOCOL"
            elif cols[0] == "F" and cols[2].startswith("sipc."):
                registered.setdefault(cols[2], cols[3])
        for name, ftype in CONTRACT.items():
            self.assertEqual(registered.get(name), ftype, name)

    def test_statistics_are_registered(self):
        out, err = tshark("-z", "help")  # tshark lists them on stderr
        for option in ("sipc,tree", "sipc,chats", "sipc,chat_table"):
            self.assertIn(option, (out + err).split())


if __name__ == "__main__":
    unittest.main()
