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


    // Whether the trackers found anything worth keeping.
    bool empty() const {
        return !transaction && !resend_of && !chat.session && !chat.issued && !chat.presented;
    }
};

// First pass: keeps `found` for message `ordinal` of this frame if the
// trackers found anything (most messages need nothing kept), and returns
// what later passes will see.
const MessageRecord* keep_record(packet_info* pinfo, guint32 ordinal, const MessageRecord& found);

// Later passes: the record of message `ordinal`, or NULL when none was kept.
const MessageRecord* kept_record(packet_info* pinfo, guint32 ordinal);

}  // namespace sipc::epan
