// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_conversation.h"

#include <cstring>

#include "sipc_fields.h"

namespace sipc::epan {

ConversationData* conversation_data(packet_info* pinfo) {
    conversation_t* conv = find_or_create_conversation(pinfo);
    auto* data = static_cast<ConversationData*>(conversation_get_proto_data(conv, proto_sipc));
    if (data) return data;
    data = wmem_construct<ConversationData>(wmem_file_scope());
    data->conversation = conv->conv_index;
    // The address inside the record, not in an allocation of its own.
    if (pinfo->src.len >= 0 && static_cast<size_t>(pinfo->src.len) <= sizeof data->endpoint_a_bytes) {
        if (pinfo->src.len) std::memcpy(data->endpoint_a_bytes, pinfo->src.data, pinfo->src.len);
        set_address(&data->endpoint_a, pinfo->src.type, pinfo->src.len, data->endpoint_a_bytes);
    } else {
        copy_address_wmem(wmem_file_scope(), &data->endpoint_a, &pinfo->src);
    }
    data->port_a = pinfo->srcport;
    conversation_add_proto_data(conv, proto_sipc, data);
    return data;
}

int direction(const ConversationData* conv, const packet_info* pinfo) {
    return (pinfo->srcport == conv->port_a && addresses_equal(&pinfo->src, &conv->endpoint_a)) ? 0 : 1;
}

}  // namespace sipc::epan
