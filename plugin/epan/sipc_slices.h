// SPDX-License-Identifier: GPL-2.0-or-later
//
// Sliced responses put back together: the slices of one body (the 188
// Partial responses to one request and its final response: same
// connection, I and Q) go to Wireshark's reassembly by offset, and the whole
// body is decoded once, in the frame of its final slice.
#pragma once

#include "sipc_message.h"

namespace sipc::epan {

// Preference: the largest body put back together from slices.
extern guint pref_max_sliced_body;

// The reassembly table and the file's state; called once at start-up.
void register_slices();
// The preference, on the SIP-C preference module.
void register_slice_preference(module_t* module);

// When `msg` is a slice of a sliced response: shows it as a slice (its own
// bytes as text, where it was put back) and, on the final slice of a body
// that is whole, decodes that body once: its fields, its XML and the facts
// of msg.body come from the whole body.  Returns false for any other
// message, whose body the caller decodes as usual.  `ordinal` is the
// message's place in its frame (next_message_ordinal()).
bool dissect_slice(tvbuff_t* tvb, packet_info* pinfo, proto_tree* mtree, proto_tree* body_tree,
                   MessageSummary& msg, guint32 ordinal);

}  // namespace sipc::epan
