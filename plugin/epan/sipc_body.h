// SPDX-License-Identifier: GPL-2.0-or-later
// Message bodies: XML to Wireshark's XML dissector, text as lines.
#pragma once

#include "sipc_message.h"

namespace sipc::epan {

void register_body_handoff();
// Wireshark's XML dissector and protocol id, looked up once for the plugin.
dissector_handle_t xml_dissector();
int xml_protocol();
void dissect_body(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg);
// The body as lines of UTF-8 text, whatever it holds (when someone looks).
void dissect_body_text(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg);

}  // namespace sipc::epan
