// SIP-C over TCP: detection, framing and the tree of each message.
//
// One pass over the data: framing (core) -> message parts (core) -> tree and
// fields -> trackers -> taps.  The framing loop follows dissect_sip_tcp(): it
// handles several messages per segment and asks TCP for exactly the bytes a
// message still lacks.
#include "sipc_dissector.h"

#include "framing.h"
#include "message.h"
#include "sipc_body.h"
#include "sipc_body_fields.h"
#include "sipc_chat.h"
#include "sipc_chats_stats.h"
#include "sipc_config.h"
#include "sipc_stats_tree.h"
#include "sipc_summary.h"
#include "sipc_tap.h"
#include "sipc_fields.h"
#include "sipc_headers_tree.h"
#include "sipc_message.h"
#include "sipc_transactions.h"
#include "start_line.h"
#include "vocabulary.h"

namespace sipc::epan {

dissector_handle_t sipc_tcp_handle;

namespace {

// Preferences.
gboolean pref_desegment = TRUE;        // reassemble messages that span segments
guint pref_max_body = 1024 * 1024;     // an L above this is not believed

// Packet-scope keys of p_add_proto_data (file-scope keys are message ordinals).
enum PacketKey : guint32 { kOrdinalCounter = 0, kInfoStarted = 1 };

int len(std::string_view v) { return static_cast<int>(v.size()); }

const char* pool_str(packet_info* pinfo, std::string_view v) {
    return wmem_strndup(pinfo->pool, v.data(), v.size());
}

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

void add_request_line(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg,
                      proto_item* top) {
    const StartLine& s = msg.parts.start;
    proto_item* li = proto_tree_add_item(tree, hf.request_line, tvb, msg.offset, len(msg.parts.start_text),
                                         ENC_UTF_8);
    proto_tree* lt = proto_item_add_subtree(li, ett.start_line);
    std::string_view name = method_name(s.method);
    const char* method = pool_str(pinfo, s.method);
    proto_item* mi = proto_tree_add_string_format_value(lt, hf.method, tvb, msg.offset_of(s.method), len(s.method),
                                                        method, "%s (%s)", method,
                                                        name.empty() ? "unknown" : pool_str(pinfo, name));
    if (name.empty()) expert_add_info(pinfo, mi, &ei.unknown_method);
    proto_tree_add_item(lt, hf.request_uri, tvb, msg.offset_of(s.uri), len(s.uri), ENC_UTF_8);
    proto_tree_add_item(lt, hf.version, tvb, msg.offset_of(s.version), len(s.version), ENC_UTF_8);
    proto_item_set_text(top, "SIP-C, Request: %s %s", method,
                           format_text(pinfo->pool, reinterpret_cast<const guchar*>(s.uri.data()), s.uri.size()));
}

void add_status_line(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg,
                     proto_item* top) {
    const StartLine& s = msg.parts.start;
    proto_item* li = proto_tree_add_item(tree, hf.status_line, tvb, msg.offset, len(msg.parts.start_text),
                                         ENC_UTF_8);
    proto_tree* lt = proto_item_add_subtree(li, ett.start_line);
    proto_tree_add_item(lt, hf.version, tvb, msg.offset_of(s.version), len(s.version), ENC_UTF_8);
    int code_off = msg.offset_of(s.version) + len(s.version) + 1;
    proto_item* ci = proto_tree_add_uint(lt, hf.status_code, tvb, code_off, 3, s.status);
    int reason_off = s.reason.empty() ? code_off + 3 : msg.offset_of(s.reason);
    proto_tree_add_item(lt, hf.reason, tvb, reason_off, len(s.reason), ENC_UTF_8);
    if (s.status >= 400) {
        expert_add_info_format(pinfo, ci, &ei.error_response, "Error response: %u %s", s.status,
                               format_text(pinfo->pool, reinterpret_cast<const guchar*>(s.reason.data()),
                                           s.reason.size()));
    }
    proto_item_set_text(top, "SIP-C, Status: %u %s", s.status,
                        format_text(pinfo->pool, reinterpret_cast<const guchar*>(s.reason.data()), s.reason.size()));
}

// At most this many characters of a message text go to the Info column.
constexpr glong kInfoTextChars = 40;

void append_quoted_text(packet_info* pinfo, const char* text) {
    glong n = g_utf8_strlen(text, -1);
    const char* end = n > kInfoTextChars ? g_utf8_offset_to_pointer(text, kInfoTextChars - 1) : text + strlen(text);
    char* shown = format_text(pinfo->pool, reinterpret_cast<const guchar*>(text), static_cast<size_t>(end - text));
    col_append_fstr(pinfo->cinfo, COL_INFO, ": \"%s%s\"", shown, n > kInfoTextChars ? "\u2026" : "");
}

// The handoff in words, so that the Flow Graph reads as its sequence diagram.
void append_handoff(packet_info* pinfo, const MessageRecord* record) {
    const ChatRecord& c = record->chat;
    if (c.issued) col_append_fstr(pinfo->cinfo, COL_INFO, " [chat %u: ticket]", c.session);
    else if (c.presented) col_append_fstr(pinfo->cinfo, COL_INFO, " [chat %u: TICKS login]", c.session);
}

// "Request: S fetion.com.cn StartChat", "Request: M fetion.com.cn: "767"",
// "Request: BN 815389316 Conversation (UserEntered)",
// "Status: 200 OK (1 S StartChat)"
void set_info(packet_info* pinfo, const MessageSummary& msg, const MessageRecord* record, const char* summary) {
    const StartLine& s = msg.parts.start;
    begin_info(pinfo);
    auto text = [&](std::string_view v) {
        return format_text(pinfo->pool, reinterpret_cast<const guchar*>(v.data()), v.size());
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

// Dissects one framed message that starts at `offset` (stray line ends first).
void dissect_message(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const char* base, int offset,
                     const FrameInfo& frame) {
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
    if (!msg.parts.body.empty()) {
        proto_item* bi = proto_tree_add_item(mtree, hf.body, tvb, msg.offset_of(msg.parts.body),
                                             len(msg.parts.body), ENC_NA);
        proto_item_append_text(bi, " (%zu byte%s)", msg.parts.body.size(), plurality(msg.parts.body.size(), "", "s"));
        body_tree = proto_item_add_subtree(bi, ett.body);
    }
    decode_body_fields(tvb, pinfo, body_tree, msg);

    guint32 ordinal = next_message_ordinal(pinfo);
    MessageRecord found;  // trivially destructible: safe to unwind past
    const MessageRecord* record = &found;
    if (!PINFO_FD_VISITED(pinfo)) {
        track_transaction(pinfo, msg, &found);
        track_chat(pinfo, msg, &found.chat);
        record = keep_record(pinfo, ordinal, found);
    } else if (const MessageRecord* kept = kept_record(pinfo, ordinal)) {
        record = kept;
    }
    add_transaction_items(tvb, pinfo, mtree, record);
    add_chat_items(tvb, pinfo, mtree, msg, &record->chat);
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

    if (body_tree) dissect_body(tvb, pinfo, body_tree, msg);
    add_frame_problems(tvb, pinfo, mtree, msg, top);
    set_info(pinfo, msg, record, summary);
    queue_tap(pinfo, msg, record, summary);
}

void add_garbage(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, int offset, int length) {
    begin_info(pinfo);
    col_append_fstr(pinfo->cinfo, COL_INFO, "[%d byte%s that are not SIP-C]", length, plurality(length, "", "s"));
    proto_item* it = proto_tree_add_item(tree, hf.garbage, tvb, offset, length, ENC_NA);
    expert_add_info_format(pinfo, it, &ei.garbage, "%d byte%s that are not SIP-C, skipped", length,
                           plurality(length, "", "s"));
}

// Asks TCP for more data for the message at `offset`.  need == 0: unknown.
bool request_more(packet_info* pinfo, int offset, size_t have, size_t need) {
    if (!pref_desegment || !pinfo->can_desegment) return false;
    pinfo->desegment_offset = offset;
    pinfo->desegment_len = need > have ? static_cast<guint32>(need - have) : DESEGMENT_ONE_MORE_SEGMENT;
    return true;
}

// The framing loop over a stream segment (or a reassembled buffer).
int dissect_stream(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree) {
    int captured = tvb_captured_length(tvb);
    if (captured <= 0) return 0;
    // Bytes past the capture length cannot be read: they are not waited for.
    bool can_grow = tvb_reported_length(tvb) == static_cast<guint>(captured);
    const char* base = reinterpret_cast<const char*>(tvb_get_ptr(tvb, 0, captured));
    FrameLimits limits;
    limits.max_body = pref_max_body;

    int offset = 0;
    while (offset < captured) {
        std::string_view rest(base + offset, static_cast<size_t>(captured - offset));
        size_t blank = count_line_ends(rest);
        if (blank == rest.size()) {  // stray line ends at the end of the segment
            offset = captured;
            break;
        }
        Verdict v = classify_prefix(rest.substr(blank));
        if (v == Verdict::Maybe && can_grow && request_more(pinfo, offset, rest.size(), 0)) return captured;
        if (v != Verdict::Yes) {
            size_t next = find_resync_point(rest);
            int skip = next == std::string_view::npos ? len(rest) : static_cast<int>(next);
            add_garbage(tvb, pinfo, tree, offset, skip);
            offset += skip;
            continue;
        }
        FrameInfo frame = frame_message(rest, limits);
        if (frame.status == FrameStatus::NeedMore) {
            if (can_grow && request_more(pinfo, offset, rest.size(), frame.need)) return captured;
            frame = accept_truncated(rest, frame);
        }
        dissect_message(tvb, pinfo, tree, base, offset, frame);
        offset += static_cast<int>(frame.total_len);
    }
    return offset;
}

int dissect_sipc_tcp(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void*) {
    return dissect_stream(tvb, pinfo, tree);
}

// Heuristic on TCP and on HTTP's table: decides on the first line.
gboolean dissect_sipc_heur(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void*) {
    int captured = tvb_captured_length(tvb);
    if (captured <= 0) return FALSE;
    // Cheap rejection on the first byte before anything else.
    guint8 first = tvb_get_guint8(tvb, 0);
    if (!(first >= 'A' && first <= 'Z')) return FALSE;
    int look = captured < static_cast<int>(kMaxStartLine) + 1 ? captured : static_cast<int>(kMaxStartLine) + 1;
    std::string_view head(reinterpret_cast<const char*>(tvb_get_ptr(tvb, 0, look)), static_cast<size_t>(look));
    Verdict v = classify_prefix(head);
    if (v == Verdict::No) return FALSE;
    if (v == Verdict::Maybe) {
        // The first line is cut short (one byte per segment, say): wait for
        // it without binding the connection; the heuristic decides again on
        // the longer data.
        if (!pref_desegment || !pinfo->can_desegment) return FALSE;
        pinfo->desegment_offset = 0;
        pinfo->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
        return TRUE;
    }
    conversation_t* conv = find_or_create_conversation(pinfo);
    conversation_set_dissector(conv, sipc_tcp_handle);
    dissect_stream(tvb, pinfo, tree);
    return TRUE;
}

// SIP-C through the HTTP tunnel (SIPC.md §10): an HTTP body of zero or more
// SIP-C messages and the four bytes "SIPP".  HTTP has reassembled the body.
bool ends_in_trailer(tvbuff_t* tvb) {
    int length = tvb_captured_length(tvb);
    return length >= 4 && tvb_memeql(tvb, length - 4, reinterpret_cast<const guint8*>("SIPP"), 4) == 0;
}

int dissect_sipc_tunnel(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void*) {
    int length = tvb_captured_length(tvb);
    int messages = ends_in_trailer(tvb) ? length - 4 : length;
    // The HTTP request or status line stays first in the Info column.
    p_add_proto_data(pinfo->pool, pinfo, proto_sipc, kInfoStarted, GINT_TO_POINTER(1));
    col_set_fence(pinfo->cinfo, COL_INFO);
    if (messages > 0) dissect_stream(tvb_new_subset_length(tvb, 0, messages), pinfo, tree);
    if (messages < length) {
        proto_item* it = proto_tree_add_item(tree, hf.tunnel_trailer, tvb, messages, 4, ENC_ASCII);
        proto_item_append_text(it, " (end of the tunnel body)");
    }
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "HTTP/SIP-C");
    return length;
}

// Tunnel bodies whose Content-Type is not application/oct-stream reach the
// media table's heuristics: SIPP alone, or SIP-C messages ending in SIPP.
gboolean dissect_sipc_tunnel_heur(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void* data) {
    if (!ends_in_trailer(tvb)) return FALSE;
    int length = tvb_captured_length(tvb);
    if (length > 4) {
        int look = length - 4 < static_cast<int>(kMaxStartLine) ? length - 4 : static_cast<int>(kMaxStartLine);
        std::string_view head(reinterpret_cast<const char*>(tvb_get_ptr(tvb, 0, look)), static_cast<size_t>(look));
        if (classify_prefix(head) != Verdict::Yes) return FALSE;
    }
    dissect_sipc_tunnel(tvb, pinfo, tree, data);
    return TRUE;
}

// The same heuristic on HTTP's table.  HTTP (on 80 and 8080) hands over what
// is not HTTP, but the hand-over costs the desegmentation service: TCP offers
// it to the dissector right above it only.  HTTP has not consumed anything
// when it gives up on the first line, so the offsets of this tvb are TCP's
// and the service can be taken back, as SOCKS does for what it proxies.
gboolean dissect_sipc_heur_http(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void* data) {
    // HTTP also offers this table the bodies of its messages.  A tunnel body
    // ends in SIPP; it is SIP-C inside HTTP, not a SIP-C connection.
    if (ends_in_trailer(tvb)) return dissect_sipc_tunnel_heur(tvb, pinfo, tree, data);
    if (!pinfo->can_desegment && pinfo->saved_can_desegment) pinfo->can_desegment = pinfo->saved_can_desegment;
    return dissect_sipc_heur(tvb, pinfo, tree, data);
}

}  // namespace

guint32 next_message_ordinal(packet_info* pinfo) {
    guint32 n = GPOINTER_TO_UINT(p_get_proto_data(pinfo->pool, pinfo, proto_sipc, kOrdinalCounter));
    p_remove_proto_data(pinfo->pool, pinfo, proto_sipc, kOrdinalCounter);
    p_add_proto_data(pinfo->pool, pinfo, proto_sipc, kOrdinalCounter, GUINT_TO_POINTER(n + 1));
    return n;
}

}  // namespace sipc::epan

using namespace sipc::epan;

void proto_register_sipc(void) {
    proto_sipc = proto_register_protocol("SIP-C (Fetion)", "SIP-C", "sipc");
    register_fields();

    module_t* module = prefs_register_protocol(proto_sipc, nullptr);
    prefs_register_bool_preference(
        module, "desegment",
        "Reassemble SIP-C messages spanning multiple TCP segments",
        "Whether the SIP-C dissector should reassemble messages spanning multiple TCP segments. "
        "To use this option, you must also enable \"Allow subdissectors to reassemble TCP streams\" "
        "in the TCP protocol settings.",
        &pref_desegment);
    prefs_register_uint_preference(
        module, "max_body_length", "Maximum body length (bytes)",
        "An L header above this is taken as corrupt: the dissector neither waits for nor reads that "
        "many bytes.",
        10, &pref_max_body);
    prefs_register_uint_preference(
        module, "max_config_length", "Maximum decompressed configuration (bytes)",
        "A compressed custom-config is decompressed up to this many bytes; beyond it the rest is "
        "not decompressed and an expert item says so.",
        10, &pref_max_config_bytes);

    sipc_tcp_handle = register_dissector("sipc", dissect_sipc_tcp, proto_sipc);
    register_transaction_tracking();
    register_chat_tracking();
    register_sipc_tap();
    register_chats_stats();
    register_stats_tree();
}

void proto_reg_handoff_sipc(void) {
    // No default port: SIP-C is found by the heuristics on any port.  The
    // preference makes "SIP-C" appear in Decode As for TCP ports.
    dissector_add_uint_range_with_preference("tcp.port", "", sipc_tcp_handle);
    heur_dissector_add("tcp", dissect_sipc_heur, "SIP-C over TCP", "sipc_tcp", proto_sipc, HEURISTIC_ENABLE);
    // HTTP owns 80 and 8080, where SIP-C servers listen; it hands what is not
    // HTTP to this table.
    heur_dissector_add("http", dissect_sipc_heur_http, "SIP-C over HTTP ports", "sipc_http", proto_sipc,
                       HEURISTIC_ENABLE);
    register_body_handoff();
    register_config_handoff();
    // The HTTP tunnel: its client labels bodies application/oct-stream (sic).
    dissector_handle_t tunnel = create_dissector_handle(dissect_sipc_tunnel, proto_sipc);
    dissector_add_string("media_type", "application/oct-stream", tunnel);
    heur_dissector_add("media", dissect_sipc_tunnel_heur, "SIP-C in HTTP tunnel bodies", "sipc_tunnel", proto_sipc,
                       HEURISTIC_ENABLE);
}
