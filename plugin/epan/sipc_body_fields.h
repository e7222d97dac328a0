// SPDX-License-Identifier: GPL-2.0-or-later
// What a body means: the attributes of fields/body_attributes.def as
// fields, BN events and their members, the text of M messages.
#pragma once

#include "sipc_message.h"

namespace sipc::epan {

// Fills msg.body and, when `tree` is not NULL, adds the fields under it.
// Runs for every message with a body, tree or not: the Info column, the
// chat tracker and the taps need the facts.
void decode_body_fields(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, MessageSummary& msg);

}  // namespace sipc::epan
