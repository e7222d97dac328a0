// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_string_item.h"

#include "text.h"

namespace sipc::epan {

proto_item* add_string_item(proto_tree* tree, packet_info* pinfo, int hfindex, tvbuff_t* tvb, int offset,
                            std::string_view text) {
    gint length = static_cast<gint>(text.size());
    // Wireshark itself fakes an item nobody sees or filters on, for almost
    // nothing; and text with other bytes needs its UTF-8 checks.
    if (!tree || text.empty() || !proto_field_is_referenced(tree, hfindex) || !is_plain_ascii(text))
        return proto_tree_add_item(tree, hfindex, tvb, offset, length, ENC_UTF_8);
    return proto_tree_add_string(tree, hfindex, tvb, offset, length, pool_str(pinfo, text));
}

}  // namespace sipc::epan
