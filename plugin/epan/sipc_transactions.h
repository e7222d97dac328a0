// SPDX-License-Identifier: GPL-2.0-or-later
// Request/response tracking per connection by I (Call-ID) and Q (CSeq),
// stable across passes: results are stored per message on the first pass and
// read back on later ones (doc/README.request_response_tracking).
#pragma once

#include "sipc_message.h"
#include "sipc_record.h"

namespace sipc::epan {

// What ties a response to its request: the connection, who sent the
// request, I and Q.  A server's BN "I: 1, Q: 2 BN" must not meet the
// client's "I: 1, Q: 0 R".  Plain numbers, no strings.
struct TransactionKey {
    guint32 conversation;
    guint32 direction;  // who sent the request
    guint32 call_id;
    guint32 seq;
    guint64 method;  // the CSeq method's first 8 bytes
};

// The key of a message; false when it has no I or no Q.
bool transaction_key(packet_info* pinfo, const MessageSummary& msg, TransactionKey& key);
// For wmem maps keyed by TransactionKey*.
guint transaction_key_hash(gconstpointer key);
gboolean transaction_key_equal(gconstpointer a, gconstpointer b);

// Set-up at registration.
void register_transaction_tracking();

// First pass only: opens a transaction for a request, notes the responses.
void track_transaction(packet_info* pinfo, const MessageSummary& msg);

// Every pass: the transaction of this message as it was when the message was
// first seen (record->transaction, record->resend_of).
void link_transaction(packet_info* pinfo, const MessageSummary& msg, MessageRecord* record);

// Adds response_in / response_to / response_time / resend items.
void add_transaction_items(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageRecord* record);

// The N: event of the request a response answers, or NULL.
const char* request_event(const MessageRecord* record);

}  // namespace sipc::epan
