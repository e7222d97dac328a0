// SPDX-License-Identifier: GPL-2.0-or-later
// A string field whose bytes are shown as they are in the message.
#pragma once

#include <string_view>

#include "wireshark_includes.h"

namespace sipc::epan {

// The same item as proto_tree_add_item(tree, hfindex, tvb, offset,
// text.size(), ENC_UTF_8), where `text` is those bytes of the message, made
// for less when the text is plain ASCII (doc/design.md "String items").
proto_item* add_string_item(proto_tree* tree, packet_info* pinfo, int hfindex, tvbuff_t* tvb, int offset,
                            std::string_view text);

}  // namespace sipc::epan
