// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_tap.h"

#include "sipc_fields.h"
#include "sipc_transactions.h"

extern "C" {
#include <epan/addr_resolv.h>
}

namespace sipc::epan {
namespace {

int sipc_tap = -1;

// Listeners tell an absent value by a null pointer.
const char* pool_str_or_null(packet_info* pinfo, std::string_view v) {
    return v.empty() ? nullptr : pool_str(pinfo, v);
}

}  // namespace

void register_sipc_tap() { sipc_tap = register_tap("sipc"); }

void queue_tap(packet_info* pinfo, const MessageSummary& msg, const MessageRecord* record, const char* summary) {
    if (!have_tap_listener(sipc_tap) || pinfo->flags.in_error_pkt) return;
    auto* info = wmem_new0(pinfo->pool, SipcTapInfo);
    info->frame = pinfo->num;
    info->time = static_cast<double>(pinfo->abs_ts.secs) + pinfo->abs_ts.nsecs / 1e9;
    info->is_request = msg.is_request;
    const StartLine& s = msg.parts.start;
    if (msg.is_request) {
        info->method = pool_str_or_null(pinfo, s.method);
        info->event = pool_str_or_null(pinfo, msg.event);
        info->request_uri = pool_str_or_null(pinfo, s.uri);
    } else {
        info->status = s.status;
        info->method = msg.has_cseq ? pool_str_or_null(pinfo, msg.cseq.method) : nullptr;
        info->event = request_event(record);
    }
    info->event_type = pool_str_or_null(pinfo, msg.body.event_type);
    info->event_type_count = msg.body.event_count < kMaxMemberEvents ? msg.body.event_count : kMaxMemberEvents;
    for (int i = 0; i < info->event_type_count; ++i) info->event_types[i] = pool_str_or_null(pinfo, msg.body.event_types[i]);
    info->from = pool_str_or_null(pinfo, msg.from);
    info->to = pool_str_or_null(pinfo, msg.to);
    info->text = msg.body.text;
    info->composing = pool_str_or_null(pinfo, msg.body.composing);
    info->credential = pool_str_or_null(pinfo, msg.credential);
    info->chat_addresses = pool_str_or_null(pinfo, msg.chat_addresses);
    info->issues_ticket = record->chat.issued != nullptr;
    info->presents_ticket = record->chat.presented != nullptr;
    info->destination = wmem_strdup_printf(pinfo->pool, "%s:%u", address_to_str(pinfo->pool, &pinfo->dst),
                                           pinfo->destport);
    info->chat_session = record->chat.session;
    info->has_presence = msg.body.has_presence;
    info->presence = msg.body.presence;
    info->summary = summary;
    info->member_count = msg.body.member_count;
    for (int i = 0; i < msg.body.member_count; ++i) {
        info->member_type[i] = pool_str_or_null(pinfo, msg.body.members[i].type);
        info->member_uri[i] = pool_str_or_null(pinfo, msg.body.members[i].uri);
    }
    tap_queue_packet(sipc_tap, pinfo, info);
}

}  // namespace sipc::epan
