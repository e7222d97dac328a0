// SPDX-License-Identifier: GPL-2.0-or-later
// The Info column: one entry per message of a frame, separated by " | ",
// in words a reader (and the Flow Graph) can follow.
#pragma once

#include "sipc_message.h"
#include "sipc_record.h"

namespace sipc::epan {

// Starts the Info column on the first message of a frame, separates the
// following ones with " | ".
void begin_info(packet_info* pinfo);

// For messages inside another protocol's data (the HTTP tunnel): whatever
// that protocol wrote stays first.
void continue_info(packet_info* pinfo);

// "Request: S fetion.com.cn StartChat", "Status: 200 OK (1 S StartChat)", ...
void set_info(packet_info* pinfo, const MessageSummary& msg, const MessageRecord* record, const char* summary);

}  // namespace sipc::epan
