// SPDX-License-Identifier: GPL-2.0-or-later
// The header lines of one message: fields, subtrees and the summary.
#pragma once

#include "sipc_message.h"

namespace sipc::epan {

// Adds one item per header line under `tree` (which may be NULL) and fills
// the header part of `msg`.
void dissect_headers(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, MessageSummary& msg);

}  // namespace sipc::epan
