// What the trackers learned about one message on the first pass, kept for
// the life of the file so that every later dissection (tshark -2, the GUI
// clicking around) shows the same.
#pragma once

#include "sipc_chat.h"
#include "wireshark_includes.h"

namespace sipc::epan {

struct Transaction;

struct MessageRecord {
    bool is_request = false;
    Transaction* transaction = nullptr;  // request/response tracking
    guint32 resend_of = 0;
    ChatRecord chat;                     // chat handoff tracking
};

// The record of message `ordinal` of this frame: made on the first pass,
// looked up afterwards.  Never NULL.
MessageRecord* message_record(packet_info* pinfo, guint32 ordinal);

}  // namespace sipc::epan
