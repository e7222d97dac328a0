// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SIP-C: the protocol of China Mobile's Fetion instant messenger.
 *
 * What it is.  SIP-C looks like SIP and is not: request lines such as
 * "R fetion.com.cn SIP-C/4.0", status lines "SIP-C/4.0 200 OK", one- to
 * three-letter headers (F, I, Q, L, N, XI ...), bodies (mostly XML) framed
 * only by the L byte count, messages back to back on TCP with nothing
 * between them.  Clients talk to a signaling server on TCP 8080 or 443 (or
 * through an HTTP tunnel on 80); a chat is handed off to a chat server on a
 * new connection, opened with a credential the signaling server issued.
 * doc/protocol.md describes the protocol; doc/design.md the plugin.
 *
 * How the dissector is organised.
 *   plugin/core/    the meaning of bytes, in plain C++ with no epan include:
 *                   start lines, the stream step that cuts messages
 *                   (stream.h), headers and their values, XML, bodies,
 *                   chat books.  Unit-tested and fuzzed.
 *   plugin/epan/    the rendering into Wireshark: this file (registration,
 *                   detection, entry points), sipc_stream.cpp (the framing
 *                   loop over a segment), sipc_message_tree.cpp (one
 *                   message: tree, fields, Info), the trackers
 *                   (sipc_transactions, sipc_chat, sipc_slices), the taps
 *                   and statistics, the follower and conversation filters.
 *                   wireshark_compat.h holds every difference between the
 *                   Wireshark versions.
 *   fields/         the vocabulary tables that drive parsing and fields.
 *
 * The path of a segment.  TCP hands a segment to the conversation's
 * dissector when the connection is known to be SIP-C (found by the
 * heuristic, announced by a chat handoff, or set by Decode As); otherwise
 * the heuristics below look at its first line (on TCP, and on HTTP's table
 * for 80 and 8080, where HTTP owns the port).  dissect_stream() then runs
 * the core's next_stream_step() until the data is used up: a message is
 * framed (start line, headers, empty line, L bytes) and dissected under its
 * own exception guard; a message cut by the segment end asks TCP for exactly
 * the missing bytes; bytes that are not SIP-C are shown and skipped up to
 * the next start line; a body above the size limit is skipped by its L
 * across segments.  Each message feeds the trackers (request/response by
 * connection, I and Q; chat handoff by credential and XI; sliced responses
 * by offset), which keep only what a later pass cannot recompute, and the
 * "sipc" tap, which drives the statistics and the chat transcripts.
 *
 * What it does not handle.  A SIP-C connection whose first captured
 * segment is shorter than its start line and that no handoff announced is
 * not recognised (Decode As finds it); a capture that starts inside a
 * message finds the first start line at a line start; SIP-C over TLS is
 * opaque; the binary file-transfer and voice protocols Fetion used beside
 * SIP-C are not decoded.
 */
#include "sipc_dissector.h"

#include "sipc_body.h"
#include "sipc_chat.h"
#include "sipc_chats_stats.h"
#include "sipc_config.h"
#include "sipc_conversation_filter.h"
#include "sipc_fields.h"
#include "sipc_follow.h"
#include "sipc_info.h"
#include "sipc_stats_tree.h"
#include "sipc_stream.h"
#include "sipc_tap.h"
#include "sipc_transactions.h"
#include "start_line.h"

namespace sipc::epan {

dissector_handle_t sipc_tcp_handle;

namespace {

int dissect_sipc_tcp(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void*) {
    return dissect_stream(tvb, pinfo, tree, true);
}

// Heuristic on TCP and on HTTP's table: decides on the first line.
heur_result dissect_sipc_heur(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void*) {
    int captured = tvb_captured_length(tvb);
    if (captured <= 0) return false;
    int look = captured < static_cast<int>(kMaxStartLine) + 1 ? captured : static_cast<int>(kMaxStartLine) + 1;
    std::string_view head(reinterpret_cast<const char*>(tvb_get_ptr(tvb, 0, look)), static_cast<size_t>(look));
    // Cheap rejection on the first byte before anything else.
    if (!(head[0] >= 'A' && head[0] <= 'Z')) return false;
    Verdict v = classify_prefix(head);
    if (v == Verdict::No) return false;
    if (v == Verdict::Maybe) {
        // The first line is cut short.  Wait for the rest only when the
        // bytes already name SIP-C's version: holding anything shorter back
        // would glue it to the next segment of a connection that is not
        // SIP-C.  The heuristic decides again on the longer data.
        if (!prefix_is_distinctive(head)) return false;
        if (!pref_desegment || !pinfo->can_desegment) return false;
        pinfo->desegment_offset = 0;
        pinfo->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
        return true;
    }
    conversation_t* conv = find_or_create_conversation(pinfo);
    conversation_set_dissector(conv, sipc_tcp_handle);
    dissect_stream(tvb, pinfo, tree, true);
    return true;
}

// SIP-C through the HTTP tunnel (doc/protocol.md "HTTP tunnel"): an HTTP body of zero or more
// SIP-C messages and the four bytes "SIPP".  HTTP has reassembled the body.
bool ends_in_trailer(tvbuff_t* tvb) {
    int length = tvb_captured_length(tvb);
    return length >= 4 && tvb_memeql(tvb, length - 4, reinterpret_cast<const guint8*>("SIPP"), 4) == 0;
}

int dissect_sipc_tunnel(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void*) {
    int length = tvb_captured_length(tvb);
    int messages = ends_in_trailer(tvb) ? length - 4 : length;
    // The HTTP request or status line stays first in the Info column.
    continue_info(pinfo);
    if (messages > 0) dissect_stream(tvb_new_subset_length(tvb, 0, messages), pinfo, tree, false);
    if (messages < length) {
        proto_item* it = proto_tree_add_item(tree, hf.tunnel_trailer, tvb, messages, 4, ENC_ASCII);
        proto_item_append_text(it, " (end of the tunnel body)");
    }
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "HTTP/SIP-C");
    return length;
}

// Tunnel bodies whose Content-Type is not application/oct-stream reach the
// media table's heuristics: SIPP alone, or SIP-C messages ending in SIPP.
heur_result dissect_sipc_tunnel_heur(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void* data) {
    if (!ends_in_trailer(tvb)) return false;
    int length = tvb_captured_length(tvb);
    if (length > 4) {
        int look = length - 4 < static_cast<int>(kMaxStartLine) ? length - 4 : static_cast<int>(kMaxStartLine);
        std::string_view head(reinterpret_cast<const char*>(tvb_get_ptr(tvb, 0, look)), static_cast<size_t>(look));
        if (classify_prefix(head) != Verdict::Yes) return false;
    }
    dissect_sipc_tunnel(tvb, pinfo, tree, data);
    return true;
}

// The same heuristic on HTTP's table.  HTTP (on 80 and 8080) hands over what
// is not HTTP, but the hand-over costs the desegmentation service: TCP offers
// it to the dissector right above it only.  HTTP has not consumed anything
// when it gives up on the first line, so the offsets of this tvb are TCP's
// and the service can be taken back, as SOCKS does for what it proxies.
heur_result dissect_sipc_heur_http(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void* data) {
    // HTTP also offers this table the bodies of its messages.  A tunnel body
    // ends in SIPP; it is SIP-C inside HTTP, not a SIP-C connection.
    if (ends_in_trailer(tvb)) return dissect_sipc_tunnel_heur(tvb, pinfo, tree, data);
    // Declining leaves pinfo exactly as HTTP handed it over.
    auto can_desegment = pinfo->can_desegment;
    if (!pinfo->can_desegment && pinfo->saved_can_desegment) pinfo->can_desegment = pinfo->saved_can_desegment;
    if (dissect_sipc_heur(tvb, pinfo, tree, data)) return true;
    pinfo->can_desegment = can_desegment;
    return false;
}

}  // namespace

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
    register_chat_tracking(sipc_tcp_handle);
    register_sipc_tap();
    register_chats_stats();
    register_stats_tree();
    register_sipc_follow();
    register_sipc_conversation_filters();
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
    // The HTTP tunnel: its client labels bodies application/oct-stream (sic).
    dissector_handle_t tunnel = create_dissector_handle(dissect_sipc_tunnel, proto_sipc);
    dissector_add_string("media_type", "application/oct-stream", tunnel);
    heur_dissector_add("media", dissect_sipc_tunnel_heur, "SIP-C in HTTP tunnel bodies", "sipc_tunnel", proto_sipc,
                       HEURISTIC_ENABLE);
}
