// SPDX-License-Identifier: GPL-2.0-or-later
// What the "sipc" tap hands to its listeners: one SipcTapInfo per message
// (statistics, chat transcripts).  Allocated in pinfo->pool: listeners copy
// what they keep.
#pragma once

#include "sipc_message.h"
#include "sipc_record.h"

namespace sipc::epan {

struct SipcTapInfo {
    guint32 frame;
    double time;  // seconds since the epoch
    bool is_request;
    const char* method;       // request method, or the CSeq method of a response
    guint16 status;           // responses
    const char* event;        // N: of the request (responses: learned from their request)
    const char* event_type;   // first <event type> of a BN
    int event_type_count;     // how many of event_types are set
    const char* event_types[kMaxMemberEvents];
    const char* from;
    const char* to;
    const char* request_uri;
    const char* text;             // message text of an M
    const char* composing;        // <state> of an IN: nudge, input, ...
    const char* credential;       // CS or TICKS credential
    const char* chat_addresses;   // CS address list
    const char* destination;      // "ip:port" the message was sent to
    bool issues_ticket;           // carries a CS ticket
    bool presents_ticket;         // carries TICKS
    guint32 chat_session;
    bool has_presence;
    guint16 presence;
    const char* summary;
    int member_count;
    const char* member_type[kMaxMemberEvents];
    const char* member_uri[kMaxMemberEvents];
};

void register_sipc_tap();
// Queues the message's tap data; cheap when nobody listens.
void queue_tap(packet_info* pinfo, const MessageSummary& msg, const MessageRecord* record, const char* summary);

}  // namespace sipc::epan
