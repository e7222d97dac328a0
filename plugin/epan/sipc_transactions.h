// Request/response tracking per connection by I (Call-ID) and Q (CSeq),
// stable across passes: results are stored per message on the first pass and
// read back on later ones (doc/README.request_response_tracking).
#pragma once

#include "sipc_message.h"
#include "sipc_record.h"

namespace sipc::epan {

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
