// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_stats_tree.h"

#include "sipc_tap.h"
#include "vocabulary.h"

extern "C" {
#include <epan/stats_tree.h>
}

namespace sipc::epan {
namespace {

const char* kMessages = "SIP-C messages";
const char* kRequests = "Requests by method";
const char* kResponses = "Responses by status";
const char* kEvents = "Requests by event (N)";
const char* kBnEvents = "BN event types";
const char* kPresence = "Presence states";

int node_messages, node_requests, node_responses, node_events, node_bn, node_presence;

void tree_init(stats_tree* st) {
    node_messages = stats_tree_create_node(st, kMessages, 0, STAT_DT_INT, TRUE);
    node_requests = stats_tree_create_node(st, kRequests, node_messages, STAT_DT_INT, TRUE);
    node_responses = stats_tree_create_node(st, kResponses, node_messages, STAT_DT_INT, TRUE);
    node_events = stats_tree_create_node(st, kEvents, 0, STAT_DT_INT, TRUE);
    node_bn = stats_tree_create_node(st, kBnEvents, 0, STAT_DT_INT, TRUE);
    node_presence = stats_tree_create_node(st, kPresence, 0, STAT_DT_INT, TRUE);
}

const char* status_class(unsigned code) {
    switch (code / 100) {
        case 1: return "1xx Provisional";
        case 2: return "2xx Success";
        case 3: return "3xx Redirection";
        case 4: return "4xx Client error";
        case 5: return "5xx Server error";
        case 6: return "6xx Global failure";
        default: return "Other";
    }
}

tap_packet_status tree_packet(stats_tree* st, packet_info* pinfo, epan_dissect_t*, const void* data, tap_flags_t) {
    const auto* t = static_cast<const SipcTapInfo*>(data);
    tick_stat_node(st, kMessages, 0, FALSE);
    if (t->is_request) {
        tick_stat_node(st, kRequests, node_messages, TRUE);
        std::string_view name = method_name(t->method ? t->method : "");
        if (name.empty()) name = "unknown";
        const char* label = wmem_strdup_printf(pinfo->pool, "%s (%.*s)", t->method ? t->method : "?",
                                               static_cast<int>(name.size()), name.data());
        tick_stat_node(st, label, node_requests, FALSE);
        if (t->event) {
            tick_stat_node(st, kEvents, 0, TRUE);
            tick_stat_node(st, t->event, node_events, FALSE);
        }
        for (int i = 0; i < t->event_type_count; ++i) {
            tick_stat_node(st, kBnEvents, 0, TRUE);
            tick_stat_node(st, t->event_types[i], node_bn, FALSE);
        }
    } else {
        tick_stat_node(st, kResponses, node_messages, TRUE);
        int cls = tick_stat_node(st, status_class(t->status), node_responses, TRUE);
        std::string_view reason = status_reason(t->status);
        const char* label = wmem_strdup_printf(pinfo->pool, "%u %.*s", t->status, static_cast<int>(reason.size()),
                                               reason.data());
        tick_stat_node(st, label, cls, FALSE);
    }
    if (t->has_presence) {
        tick_stat_node(st, kPresence, 0, TRUE);
        std::string_view name = presence_name(t->presence);
        const char* label = name.empty() ? wmem_strdup_printf(pinfo->pool, "%u", t->presence)
                                         : wmem_strdup_printf(pinfo->pool, "%.*s (%u)", static_cast<int>(name.size()),
                                                              name.data(), t->presence);
        tick_stat_node(st, label, node_presence, FALSE);
    }
    return TAP_PACKET_REDRAW;
}

}  // namespace

void register_stats_tree() {
    stats_tree_register_plugin("sipc", "sipc", "SIP-C", 0, tree_packet, tree_init, nullptr);
}

}  // namespace sipc::epan
