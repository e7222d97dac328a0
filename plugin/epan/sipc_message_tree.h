// SPDX-License-Identifier: GPL-2.0-or-later
// One framed message: its sipc tree item, start line, headers, body,
// trackers, Info column and tap.
#pragma once

#include "framing.h"
#include "wireshark_includes.h"

namespace sipc::epan {

struct ConversationData;

// Dissects the message that starts at `offset` of `tvb` (stray line ends
// first); `base` is byte 0 of the tvb, `frame` what framing found, `conv`
// the state of the packet's connection.
void dissect_message(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, ConversationData* conv,
                     const char* base, int offset, const FrameInfo& frame);

}  // namespace sipc::epan
