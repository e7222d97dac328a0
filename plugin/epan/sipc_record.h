// SPDX-License-Identifier: GPL-2.0-or-later
// What the trackers say about one message.  Request/response links are
// looked up again on every pass (the transactions keep their own history,
// see sipc_transactions.cpp); only what the chat tracker found is stored per
// message, and only when it found something, so that most messages cost
// nothing for later passes (tshark -2, the GUI clicking around).
#pragma once

#include "sipc_chat.h"
#include "wireshark_includes.h"

namespace sipc::epan {

struct Transaction;

struct MessageRecord {
    bool is_request = false;
    const Transaction* transaction = nullptr;  // request/response tracking
    guint32 resend_of = 0;
    ChatRecord chat;                           // chat handoff tracking
};

// First pass: keeps the chat record of message `ordinal` of this frame if
// there is anything in it.
void keep_chat_record(packet_info* pinfo, guint32 ordinal, const ChatRecord& chat);

// Later passes: the chat record of message `ordinal`, or NULL when none was kept.
const ChatRecord* kept_chat_record(packet_info* pinfo, guint32 ordinal);

}  // namespace sipc::epan
