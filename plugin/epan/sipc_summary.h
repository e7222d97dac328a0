// SPDX-License-Identifier: GPL-2.0-or-later
// A few words on what a message does, for the tree (sipc.summary) and the
// Info column: "Busy", "9 contacts", "login, step 1", "registered for 600 s".
#pragma once

#include "sipc_message.h"

namespace sipc::epan {

// NULL when there is nothing to say beyond the start line and N:.
const char* message_summary(packet_info* pinfo, const MessageSummary& msg);

}  // namespace sipc::epan
