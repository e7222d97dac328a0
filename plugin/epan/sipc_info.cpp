// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_info.h"

#include <cstring>

#include "sipc_fields.h"
#include "sipc_transactions.h"

namespace sipc::epan {
namespace {

// Packet-scope key of p_add_proto_data: the Info column has an entry.
constexpr guint32 kInfoStarted = 1;

// At most this many characters of a message text go to the Info column.
constexpr glong kInfoTextChars = 40;

void append_quoted_text(packet_info* pinfo, const char* text) {
    glong n = g_utf8_strlen(text, -1);
    const char* end = n > kInfoTextChars ? g_utf8_offset_to_pointer(text, kInfoTextChars - 1) : text + strlen(text);
    char* shown = shown_text(pinfo->pool, std::string_view(text, static_cast<size_t>(end - text)));
    col_append_fstr(pinfo->cinfo, COL_INFO, ": \"%s%s\"", shown, n > kInfoTextChars ? "\u2026" : "");
}

// The handoff in words, so that the Flow Graph reads as its sequence diagram.
void append_handoff(packet_info* pinfo, const MessageRecord* record) {
    const ChatRecord& c = record->chat;
    if (c.issued) col_append_fstr(pinfo->cinfo, COL_INFO, " [chat %u: ticket]", c.session);
    else if (c.presented) col_append_fstr(pinfo->cinfo, COL_INFO, " [chat %u: TICKS login]", c.session);
}


}  // namespace

// Starts the Info column on the first message of a frame, separates the
// following ones with " | ".
void begin_info(packet_info* pinfo) {
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "SIP-C");
    if (p_get_proto_data(pinfo->pool, pinfo, proto_sipc, kInfoStarted)) {
        col_append_str(pinfo->cinfo, COL_INFO, " | ");
    } else {
        col_clear(pinfo->cinfo, COL_INFO);
        p_add_proto_data(pinfo->pool, pinfo, proto_sipc, kInfoStarted, GINT_TO_POINTER(1));
    }
}

void continue_info(packet_info* pinfo) {
    p_add_proto_data(pinfo->pool, pinfo, proto_sipc, kInfoStarted, GINT_TO_POINTER(1));
    col_set_fence(pinfo->cinfo, COL_INFO);
}

// "Request: S fetion.com.cn StartChat", "Request: M fetion.com.cn: "767"",
// "Request: BN 815389316 Conversation (UserEntered)",
// "Status: 200 OK (1 S StartChat)"
void set_info(packet_info* pinfo, const MessageSummary& msg, const MessageRecord* record, const char* summary) {
    const StartLine& s = msg.parts.start;
    begin_info(pinfo);
    auto text = [&](std::string_view v) {
        return shown_text(pinfo->pool, v);
    };
    if (msg.is_request) {
        col_append_fstr(pinfo->cinfo, COL_INFO, "Request: %s %s", pool_str(pinfo, s.method), text(s.uri));
        if (!msg.event.empty()) col_append_fstr(pinfo->cinfo, COL_INFO, " %s", text(msg.event));
        if (!msg.body.event_type.empty()) {
            col_append_fstr(pinfo->cinfo, COL_INFO, " (%s", text(msg.body.event_type));
            if (msg.body.event_count > 1) col_append_fstr(pinfo->cinfo, COL_INFO, " +%d", msg.body.event_count - 1);
            col_append_str(pinfo->cinfo, COL_INFO, ")");
        }
        if (summary) col_append_fstr(pinfo->cinfo, COL_INFO, ": %s", summary);
        if (msg.body.text) append_quoted_text(pinfo, msg.body.text);
        append_handoff(pinfo, record);
        return;
    }
    col_append_fstr(pinfo->cinfo, COL_INFO, "Status: %u %s", s.status, text(s.reason));
    if (msg.has_cseq) {
        col_append_fstr(pinfo->cinfo, COL_INFO, " (%u %s", msg.cseq.seq, text(msg.cseq.method));
        const char* event = request_event(record);
        if (event) col_append_fstr(pinfo->cinfo, COL_INFO, " %s", event);
        if (summary) col_append_fstr(pinfo->cinfo, COL_INFO, ": %s", summary);
        col_append_str(pinfo->cinfo, COL_INFO, ")");
    } else if (summary) {
        col_append_fstr(pinfo->cinfo, COL_INFO, " (%s)", summary);
    }
    append_handoff(pinfo, record);
}


}  // namespace sipc::epan
