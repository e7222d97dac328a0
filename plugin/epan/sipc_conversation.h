// SPDX-License-Identifier: GPL-2.0-or-later
// Per-connection state (one TCP connection = one conversation).  It lives as
// long as the file, so it is kept small (doc/design.md "What is kept per
// message"): the dissector looks it up once per segment and hands it on.
#pragma once

#include "wireshark_includes.h"

namespace sipc::epan {

struct ConversationData {
    guint32 conversation = 0;  // the conversation's number in the file (conv_index)
    guint32 port_a = 0;
    // The chat session of a chat-server connection (0 if none) and the
    // message that began it: frame, and the message's ordinal in that frame.
    // Messages from there on belong to the chat; later passes read it here
    // instead of a record per message.
    guint32 chat_session = 0;
    guint32 chat_since_frame = 0;
    guint32 chat_since_ordinal = 0;
    // First pass only: per direction, the bytes of a body above the body
    // limit that are still to come and are skipped unread (sipc_stream.cpp).
    guint64 skip_remaining[2] = {0, 0};
    address endpoint_a;  // the endpoint that sent the first SIP-C message
    guint8 endpoint_a_bytes[16] = {};  // endpoint_a's bytes when they fit (IPv4, IPv6)
};

// The state of this packet's connection, made on first use.
ConversationData* conversation_data(packet_info* pinfo);

// 0 when the packet was sent by endpoint A, 1 otherwise.
int direction(const ConversationData* conv, const packet_info* pinfo);

}  // namespace sipc::epan
