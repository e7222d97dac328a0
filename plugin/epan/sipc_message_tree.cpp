// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_message_tree.h"

#include "message.h"
#include "sipc_body.h"
#include "sipc_body_fields.h"
#include "sipc_chat.h"
#include "sipc_conversation.h"
#include "sipc_conversation_filter.h"
#include "sipc_fields.h"
#include "sipc_headers_tree.h"
#include "sipc_info.h"
#include "sipc_message.h"
#include "sipc_slices.h"
#include "sipc_string_item.h"
#include "sipc_summary.h"
#include "sipc_tap.h"
#include "sipc_transactions.h"
#include "vocabulary.h"

namespace sipc::epan {
namespace {

// Packet-scope key of p_add_proto_data (file-scope keys are message ordinals).
constexpr guint32 kOrdinalCounter = 0;

void add_request_line(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg,
                      proto_item* top) {
    const StartLine& s = msg.parts.start;
    proto_item* li = add_string_item(tree, pinfo, hf.request_line, tvb, msg.offset, msg.parts.start_text);
    proto_tree* lt = proto_item_add_subtree(li, ett.start_line);
    std::string_view name = method_name(s.method);
    const char* method = pool_str(pinfo, s.method);
    proto_item* mi = proto_tree_add_string_format_value(lt, hf.method, tvb, msg.offset_of(s.method), len(s.method),
                                                        method, "%s (%s)", method,
                                                        name.empty() ? "unknown" : pool_str(pinfo, name));
    if (name.empty()) expert_add_info(pinfo, mi, &ei.unknown_method);
    add_string_item(lt, pinfo, hf.request_uri, tvb, msg.offset_of(s.uri), s.uri);
    add_string_item(lt, pinfo, hf.version, tvb, msg.offset_of(s.version), s.version);
    proto_item_set_text(top, "SIP-C, Request: %s %s", method,
                           shown_text(pinfo->pool, s.uri));
}

void add_status_line(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg,
                     proto_item* top) {
    const StartLine& s = msg.parts.start;
    proto_item* li = add_string_item(tree, pinfo, hf.status_line, tvb, msg.offset, msg.parts.start_text);
    proto_tree* lt = proto_item_add_subtree(li, ett.start_line);
    add_string_item(lt, pinfo, hf.version, tvb, msg.offset_of(s.version), s.version);
    int code_off = msg.offset_of(s.version) + len(s.version) + 1;
    proto_item* ci = proto_tree_add_uint(lt, hf.status_code, tvb, code_off, 3, s.status);
    int reason_off = s.reason.empty() ? code_off + 3 : msg.offset_of(s.reason);
    add_string_item(lt, pinfo, hf.reason, tvb, reason_off, s.reason);
    if (s.status >= 400) {
        expert_add_info_format(pinfo, ci, &ei.error_response, "Error response: %u %s", s.status,
                               shown_text(pinfo->pool, s.reason));
    }
    proto_item_set_text(top, "SIP-C, Status: %u %s", s.status,
                        shown_text(pinfo->pool, s.reason));
}

void add_frame_problems(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg,
                        proto_item* top) {
    const FrameInfo& f = msg.frame;
    if (f.length_repeated) expert_add_info(pinfo, top, &ei.length_repeated);
    if (f.no_empty_line) expert_add_info(pinfo, top, &ei.no_empty_line);
    if (f.header_block_too_long) expert_add_info(pinfo, top, &ei.header_block_too_long);
    if (f.truncated) {
        if (f.headers_truncated) {
            proto_tree_add_expert_format(tree, pinfo, &ei.truncated, tvb, msg.offset, len(msg.parts.raw),
                                         "Message cut off by the end of the data inside its headers");
        } else {
            proto_tree_add_expert_format(tree, pinfo, &ei.truncated, tvb, msg.offset, len(msg.parts.raw),
                                         "Message cut off by the end of the data: body has %zu of %" PRIu64
                                         " bytes",
                                         msg.parts.body.size(), f.declared_len);
        }
    }
    if (!msg.has_call_id) expert_add_info(pinfo, top, &ei.missing_call_id);
    if (!msg.has_cseq) expert_add_info(pinfo, top, &ei.missing_cseq);
}

}  // namespace

guint32 next_message_ordinal(packet_info* pinfo) {
    guint32 n = GPOINTER_TO_UINT(p_get_proto_data(pinfo->pool, pinfo, proto_sipc, kOrdinalCounter));
    p_remove_proto_data(pinfo->pool, pinfo, proto_sipc, kOrdinalCounter);
    p_add_proto_data(pinfo->pool, pinfo, proto_sipc, kOrdinalCounter, GUINT_TO_POINTER(n + 1));
    return n;
}


// Dissects one framed message that starts at `offset` (stray line ends first).
void dissect_message(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, ConversationData* conv,
                     const char* base, int offset, const FrameInfo& frame) {
    MessageSummary msg;
    msg.base = base;
    msg.frame = frame;
    std::string_view data(base + offset, frame.total_len);
    msg.parts = split_message(data, frame);
    msg.offset = offset + static_cast<int>(frame.skipped);
    msg.is_request = msg.parts.start.kind == LineKind::Request;

    proto_item* top = proto_tree_add_item(tree, proto_sipc, tvb, msg.offset, len(msg.parts.raw), ENC_NA);
    proto_tree* mtree = proto_item_add_subtree(top, ett.message);

    if (msg.is_request)
        add_request_line(tvb, pinfo, mtree, msg, top);
    else
        add_status_line(tvb, pinfo, mtree, msg, top);

    dissect_headers(tvb, pinfo, mtree, msg);

    proto_tree* body_tree = nullptr;
    if (frame.body_skipped && !msg.parts.body.empty()) {
        // Framed by an L above the body limit: shown as bytes, never read,
        // and the message is treated as having no body.
        proto_item* bi = proto_tree_add_item(mtree, hf.body_skipped, tvb, msg.offset_of(msg.parts.body),
                                             len(msg.parts.body), ENC_NA);
        expert_add_info(pinfo, bi, &ei.body_skipped);
        msg.parts.body = {};
    }
    if (!msg.parts.body.empty()) {
        proto_item* bi = proto_tree_add_item(mtree, hf.body, tvb, msg.offset_of(msg.parts.body),
                                             len(msg.parts.body), ENC_NA);
        proto_item_append_text(bi, " (%zu byte%s)", msg.parts.body.size(), plurality(msg.parts.body.size(), "", "s"));
        body_tree = proto_item_add_subtree(bi, ett.body);
    }
    guint32 ordinal = next_message_ordinal(pinfo);
    // A slice of a sliced response is decoded only as part of its whole
    // body, once, in the frame of its final slice.
    bool slice = dissect_slice(tvb, pinfo, mtree, body_tree, msg, ordinal);
    if (!slice) decode_body_fields(tvb, pinfo, body_tree, msg);

    MessageRecord found;  // trivially destructible: safe to unwind past
    const MessageRecord* record = &found;
    if (!PINFO_FD_VISITED(pinfo)) {
        track_transaction(conv, pinfo, msg);
        track_chat(conv, pinfo, msg, ordinal, &found.chat);
    } else {
        recall_chat(conv, pinfo, ordinal, &found.chat);
    }
    link_transaction(conv, pinfo, msg, &found);
    add_transaction_items(tvb, pinfo, mtree, record);
    add_chat_items(tvb, pinfo, mtree, msg, &record->chat);
    note_filter_keys(pinfo, tree, msg, *record);
    const char* request_ev = msg.is_request ? nullptr : request_event(record);
    if (request_ev) {
        proto_item* it = proto_tree_add_string(mtree, hf.request_event, tvb, 0, 0, request_ev);
        proto_item_set_generated(it);
    }
    const char* summary = message_summary(pinfo, msg);
    if (summary) {
        proto_item* it = proto_tree_add_string(mtree, hf.summary, tvb, msg.offset, len(msg.parts.raw), summary);
        proto_item_set_generated(it);
        proto_item_append_text(top, " (%s)", summary);
    }

    if (body_tree && !slice) dissect_body(tvb, pinfo, body_tree, msg);
    add_frame_problems(tvb, pinfo, mtree, msg, top);
    set_info(pinfo, msg, record, summary);
    queue_tap(pinfo, msg, record, summary);
}

}  // namespace sipc::epan
