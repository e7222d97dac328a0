// SPDX-License-Identifier: GPL-2.0-or-later
// Following a chat across the chat-server handoff (doc/protocol.md "Chat handoff"):
//   signaling: 200 OK to "S ... N: StartChat", or a server INVITE, carries
//              A: CS address="host:port;host:port",credential="X"
//   chat:      the client connects to one of those servers and sends
//              R ... A: TICKS auth="X"; the 200 OK carries the chat's XI.
// The tracker routes the announced connections to SIP-C, links the two ends
// of each credential, and numbers the chats.  Every result is kept per
// message on the first pass, so later passes and the GUI read the same:
// the session of a chat connection on the connection, with the message that
// began it; the rare messages that issue or present a credential in a
// record of their own.
#pragma once

#include "sipc_message.h"

namespace sipc::epan {

struct Credential;

struct ChatRecord {
    guint32 session = 0;               // chat session of the message, 0 if none
    Credential* issued = nullptr;      // the credential this message issued (CS)
    Credential* presented = nullptr;   // the credential this message presented (TICKS)
};

// Set-up at registration and for every new file; connections to announced
// chat servers are handed to `chat_handle`.
void register_chat_tracking(dissector_handle_t chat_handle);

struct ConversationData;

// First pass only: message `ordinal` of this frame.
void track_chat(ConversationData* conv, packet_info* pinfo, const MessageSummary& msg, guint32 ordinal,
                ChatRecord* chat);

// Later passes: what the first pass found for message `ordinal` of this frame.
void recall_chat(const ConversationData* conv, packet_info* pinfo, guint32 ordinal, ChatRecord* chat);

// Generated items: sipc.chat.session, sipc.handoff.issued_in / used_in.
void add_chat_items(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg,
                    const ChatRecord* chat);

}  // namespace sipc::epan
