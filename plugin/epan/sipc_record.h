// SPDX-License-Identifier: GPL-2.0-or-later
// What the trackers say about one message, built on the stack for each
// dissection.  Request/response links are looked up again on every pass in
// the file's TransactionTable; a message's chat session is read from its
// connection (ConversationData); only a message that issues or presents a
// chat credential has a record kept for later passes (sipc_chat.cpp).  So
// most messages cost nothing for later passes (tshark -2, the GUI).
#pragma once

#include <type_traits>

#include "sipc_chat.h"
#include "transaction_table.h"
#include "wireshark_includes.h"

namespace sipc::epan {

struct MessageRecord {
    bool is_request = false;
    const Transaction* transaction = nullptr;  // request/response tracking
    guint32 resend_of = 0;
    ChatRecord chat;                           // chat handoff tracking
};
// Built on the stack across calls that can throw (a longjmp): nothing to destroy.
static_assert(std::is_trivially_destructible_v<MessageRecord>, "MessageRecord must be safe to unwind past");

}  // namespace sipc::epan
