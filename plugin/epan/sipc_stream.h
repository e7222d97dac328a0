// SPDX-License-Identifier: GPL-2.0-or-later
// The framing loop over a TCP stream segment or a reassembled buffer (it
// follows dissect_sip_tcp()): several messages per segment, exactly the
// missing bytes asked of TCP, resynchronisation after bytes that are not
// SIP-C.
#pragma once

#include "wireshark_includes.h"

namespace sipc::epan {

// Preferences.
extern pref_bool pref_desegment;  // reassemble messages that span segments
extern guint pref_max_body;      // an L above this is not believed

// Returns the bytes consumed, or the whole tvb when TCP was asked for more.
// tcp_connection: the data is the payload of this packet's TCP connection
// (not an HTTP tunnel body), so state may be kept across its segments.
int dissect_stream(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, bool tcp_connection);

}  // namespace sipc::epan
