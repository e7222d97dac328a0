// SPDX-License-Identifier: GPL-2.0-or-later
// The compressed client configuration inside bodies (<custom-config> and any
// element whose text starts "H4sI"): base64 + gzip, decoded into a new data
// source and handed to the XML dissector.
#pragma once

#include "sipc_message.h"

namespace sipc::epan {

// Preference: the most a configuration may decompress to.
extern guint pref_max_config_bytes;

// Whether decompressing is worth it for this tree (shown, or a filter asks
// for the configuration or for XML fields).
bool config_wanted(proto_tree* tree);
void dissect_config(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg,
                    std::string_view element, std::string_view text);

}  // namespace sipc::epan
