// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_conversation.h"

#include "sipc_fields.h"

namespace sipc::epan {

ConversationData* conversation_data(packet_info* pinfo) {
    conversation_t* conv = find_or_create_conversation(pinfo);
    auto* data = static_cast<ConversationData*>(conversation_get_proto_data(conv, proto_sipc));
    if (data) return data;
    data = wmem_construct<ConversationData>(wmem_file_scope());
    copy_address_wmem(wmem_file_scope(), &data->endpoint_a, &pinfo->src);
    data->port_a = pinfo->srcport;
    conversation_add_proto_data(conv, proto_sipc, data);
    return data;
}

int direction(const ConversationData* conv, const packet_info* pinfo) {
    return (pinfo->srcport == conv->port_a && addresses_equal(&pinfo->src, &conv->endpoint_a)) ? 0 : 1;
}

}  // namespace sipc::epan
