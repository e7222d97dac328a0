// SPDX-License-Identifier: GPL-2.0-or-later
// Request/response tracking per connection by I (Call-ID) and Q (CSeq).
// The first pass fills the file's TransactionTable (plugin/core); every pass
// looks the message's transaction up again there, so nothing is stored per
// message (doc/design.md "What is kept per message").
#pragma once

#include "sipc_conversation.h"
#include "sipc_message.h"
#include "sipc_record.h"
#include "transaction_table.h"

namespace sipc::epan {

using sipc::TransactionKey;

// The key of a message; false when it has no I or no Q.  A server's
// BN "I: 1, Q: 2 BN" must not meet the client's "I: 1, Q: 0 R": the key
// holds the connection and who sent the request.
bool transaction_key(packet_info* pinfo, const MessageSummary& msg, TransactionKey& key);
bool transaction_key(const ConversationData* conv, packet_info* pinfo, const MessageSummary& msg,
                     TransactionKey& key);
// For wmem maps keyed by TransactionKey*.
guint transaction_key_hash(gconstpointer key);
gboolean transaction_key_equal(gconstpointer a, gconstpointer b);

// Set-up at registration.
void register_transaction_tracking();

// First pass only: opens a transaction for a request, notes the responses.
void track_transaction(const ConversationData* conv, packet_info* pinfo, const MessageSummary& msg);

// Every pass: the transaction of this message as it was when the message was
// first seen (record->transaction, record->resend_of).
void link_transaction(const ConversationData* conv, packet_info* pinfo, const MessageSummary& msg,
                      MessageRecord* record);

// Adds response_in / response_to / response_time / resend items.
void add_transaction_items(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageRecord* record);

// The N: event of the request a response answers, or NULL.
const char* request_event(const MessageRecord* record);

// Bytes the request/response tracking holds for the open file.
size_t transaction_bytes();

}  // namespace sipc::epan
