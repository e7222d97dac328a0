// SPDX-License-Identifier: GPL-2.0-or-later
// Message bodies: XML as the XML protocol (sipc_xml), text as lines.
#pragma once

#include "sipc_message.h"

namespace sipc::epan {

void register_body_handoff();
void dissect_body(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg);
// The body as lines of UTF-8 text, whatever it holds (when someone looks).
void dissect_body_text(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg);

}  // namespace sipc::epan
