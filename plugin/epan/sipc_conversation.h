// SPDX-License-Identifier: GPL-2.0-or-later
// Per-connection state (one TCP connection = one conversation).
#pragma once

#include "wireshark_includes.h"

namespace sipc::epan {

struct ConversationData {
    address endpoint_a;  // the endpoint that sent the first SIP-C message
    guint32 port_a = 0;
    guint32 chat_session = 0;            // chat session of a chat-server connection, 0 if none
    // First pass only: per direction, the bytes of a body above the body
    // limit that are still to come and are skipped unread (sipc_stream.cpp).
    guint64 skip_remaining[2] = {0, 0};
};

// The state of this packet's connection, made on first use.
ConversationData* conversation_data(packet_info* pinfo);

// 0 when the packet was sent by endpoint A, 1 otherwise.
int direction(const ConversationData* conv, const packet_info* pinfo);

}  // namespace sipc::epan
