// SPDX-License-Identifier: GPL-2.0-or-later
//
// The right-click filters of a SIP-C message: Conversation Filter, Colorize
// Conversation and Prepare as Filter offer "SIP-C chat" and "SIP-C
// transaction"; tshark -z sipc,conversation_filters prints them per frame.
#pragma once

#include "sipc_message.h"
#include "sipc_record.h"
#include "wireshark_includes.h"

namespace sipc::epan {

// Called from proto_register_sipc().
void register_sipc_conversation_filters();

// The chat of the first message of this frame that is in one, 0 if none.
// Known once the frame's tree has been built (the packet the GUI selects,
// or a frame sharkd shows); 0 otherwise.
guint32 frame_chat(packet_info* pinfo);

// While a message's tree is built: notes what the filters need of it.
void note_filter_keys(packet_info* pinfo, proto_tree* tree, const MessageSummary& msg, const MessageRecord& record);

// The display filter of one chat, g_malloc'ed: "sipc.chat.session == N".
char* chat_filter(guint32 chat);

}  // namespace sipc::epan
