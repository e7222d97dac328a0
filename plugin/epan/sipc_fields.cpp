// SPDX-License-Identifier: GPL-2.0-or-later
// Registration of every field, subtree and expert item.  Header and
// auth-parameter fields come from the tables in fields/, so adding a row
// there adds a filterable field here.
#include "sipc_fields.h"

#include <algorithm>
#include <iterator>

namespace sipc::epan {

int proto_sipc = -1;
int hf_header[kHeaderCount];
int hf_auth_param[kAuthParamCount];
int hf_www_param[kAuthParamCount];
int hf_body_field[kBodyFieldCount];
Fields hf;
Subtrees ett;
ExpertInfos ei;

namespace {

constexpr int display_for(enum ftenum type) {
    return type == FT_STRING ? BASE_NONE : BASE_DEC;
}

const value_string kStatusNames[] = {
#define SIPC_STATUS(code, reason) {code, reason},
#include "../../fields/status_codes.def"
#undef SIPC_STATUS
    {0, nullptr},
};

const value_string kPresenceNames[] = {
#define SIPC_PRESENCE(value, name) {value, name},
#include "../../fields/presence.def"
#undef SIPC_PRESENCE
    {0, nullptr},
};

const value_string kRelationNames[] = {
#define SIPC_RELATION(value, name) {value, name},
#include "../../fields/relations.def"
#undef SIPC_RELATION
    {0, nullptr},
};

hf_register_info body_fields[] = {
#define SIPC_BODY_FIELD(id, filter, ftype, names, name, desc)                                  \
    {&hf_body_field[static_cast<int>(BodyField::id)],                                        \
     {name, filter, ftype, display_for(ftype), VALS(names), 0x0, desc, HFILL}},
#include "../../fields/body_fields.def"
#undef SIPC_BODY_FIELD
};

const char* const kAuthParamWire[] = {
#define SIPC_AUTH_PARAM(wire, suffix, desc) wire,
#include "../../fields/auth_params.def"
#undef SIPC_AUTH_PARAM
};

// Wireshark keeps pointers into these arrays, so they live for the program.
hf_register_info header_fields[] = {
#define SIPC_HEADER(id, wire, long_name, filter, ftype, kind, desc)                       \
    {&hf_header[static_cast<int>(HeaderId::id)],                                          \
     {long_name " (" wire ")", filter, ftype, display_for(ftype), nullptr, 0x0, desc, HFILL}},
#include "../../fields/headers.def"
#undef SIPC_HEADER
};

hf_register_info auth_param_fields[] = {
#define SIPC_AUTH_PARAM(wire, suffix, desc)                                                  \
    {&hf_auth_param[static_cast<int>(AuthParam::suffix)],                                  \
     {"Authorization " wire, "sipc.auth." #suffix, FT_STRING, BASE_NONE, nullptr, 0x0, desc, HFILL}}, \
    {&hf_www_param[static_cast<int>(AuthParam::suffix)],                                   \
     {"WWW-Authenticate " wire, "sipc.www_authenticate." #suffix, FT_STRING, BASE_NONE, nullptr, 0x0, desc, HFILL}},
#include "../../fields/auth_params.def"
#undef SIPC_AUTH_PARAM
};

hf_register_info other_fields[] = {
    {&hf.request_line, {"Request-Line", "sipc.request_line", FT_STRING, BASE_NONE, nullptr, 0x0,
                        "The whole request line", HFILL}},
    {&hf.method, {"Method", "sipc.method", FT_STRING, BASE_NONE, nullptr, 0x0,
                  "Method token as sent (R, S, SUB, BN, M, I, ...)", HFILL}},
    {&hf.request_uri, {"Request-URI", "sipc.request_uri", FT_STRING, BASE_NONE, nullptr, 0x0,
                       "fetion.com.cn, a Fetion number or a URI", HFILL}},
    {&hf.version, {"Version", "sipc.version", FT_STRING, BASE_NONE, nullptr, 0x0,
                   "SIP-C/2.0 or SIP-C/4.0", HFILL}},
    {&hf.status_line, {"Status-Line", "sipc.status_line", FT_STRING, BASE_NONE, nullptr, 0x0,
                       "The whole status line", HFILL}},
    {&hf.status_code, {"Status-Code", "sipc.status_code", FT_UINT16, BASE_DEC, VALS(kStatusNames), 0x0,
                       nullptr, HFILL}},
    {&hf.reason, {"Reason-Phrase", "sipc.reason", FT_STRING, BASE_NONE, nullptr, 0x0,
                  "Reason phrase as sent (SIP-C/4.0 servers write Unauthoried)", HFILL}},
    {&hf.cseq_seq, {"Sequence Number", "sipc.cseq.seq", FT_UINT32, BASE_DEC, nullptr, 0x0,
                    "Number of the Q header", HFILL}},
    {&hf.cseq_method, {"Method", "sipc.cseq.method", FT_STRING, BASE_NONE, nullptr, 0x0,
                       "Method of the Q header", HFILL}},
    {&hf.slice_offset, {"Slice offset", "sipc.slice_offset", FT_UINT32, BASE_DEC, nullptr, 0x0,
                        "p= of L: <len>;p=<offset>: where this slice of a 188 Partial body starts", HFILL}},
    {&hf.auth_scheme, {"Scheme", "sipc.auth.scheme", FT_STRING, BASE_NONE, nullptr, 0x0,
                       "Authorization scheme: Digest, Verify, CS, TICKS", HFILL}},
    {&hf.auth_param, {"Parameter", "sipc.auth.param", FT_STRING, BASE_NONE, nullptr, 0x0,
                      "An authorization parameter without a field of its own", HFILL}},
    {&hf.chat_server, {"Chat server", "sipc.chat_server", FT_STRING, BASE_NONE, nullptr, 0x0,
                       "One host:port of the address= of a CS ticket", HFILL}},
    {&hf.credential, {"Credential", "sipc.credential", FT_STRING, BASE_NONE, nullptr, 0x0,
                      "Chat-server credential: credential= of CS when issued, auth= of TICKS when presented",
                      HFILL}},
    {&hf.www_scheme, {"Scheme", "sipc.www_authenticate.scheme", FT_STRING, BASE_NONE, nullptr, 0x0,
                      "Challenge scheme: Digest, Verify", HFILL}},
    {&hf.www_param, {"Parameter", "sipc.www_authenticate.param", FT_STRING, BASE_NONE, nullptr, 0x0,
                     "A challenge parameter without a field of its own", HFILL}},
    {&hf.client_info_param, {"Client parameter", "sipc.client_info.param", FT_STRING, BASE_NONE, nullptr,
                             0x0, "One name=value of the CL header", HFILL}},
    {&hf.header_unknown, {"Unknown header", "sipc.header.unknown", FT_STRING, BASE_NONE, nullptr, 0x0,
                          "A header the plugin does not know, as name: value", HFILL}},
    {&hf.header_malformed, {"Malformed header line", "sipc.header.malformed", FT_STRING, BASE_NONE, nullptr,
                            0x0, "A header line without a colon", HFILL}},
    {&hf.body, {"Message Body", "sipc.body", FT_BYTES, BASE_NONE, nullptr, 0x0,
                "The body: L bytes after the empty line", HFILL}},
    {&hf.body_line, {"Body line", "sipc.body.line", FT_STRING, BASE_NONE, nullptr, 0x0,
                     "One line of a text body", HFILL}},
    {&hf.body_skipped, {"Body not read (L above the maximum body length)", "sipc.body_skipped", FT_BYTES,
                        BASE_NONE, nullptr, 0x0, "Bytes of a body whose L is above the maximum body length "
                        "preference: framed by L and skipped unread", HFILL}},
    {&hf.garbage, {"Data that is not SIP-C", "sipc.garbage", FT_BYTES, BASE_NONE, nullptr, 0x0,
                   "Bytes skipped until the next start line", HFILL}},
    {&hf.response_in, {"Response in", "sipc.response_in", FT_FRAMENUM, BASE_NONE,
                       FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
                       "The frame of the final response to this request (same connection, I and Q)", HFILL}},
    {&hf.response_to, {"Request in", "sipc.response_to", FT_FRAMENUM, BASE_NONE,
                       FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, "The frame of the request this answers", HFILL}},
    {&hf.response_time, {"Response time", "sipc.response_time", FT_RELATIVE_TIME, BASE_NONE, nullptr, 0x0,
                         "Time from the request to this response", HFILL}},
    {&hf.message_text, {"Message text", "sipc.message_text", FT_STRING, BASE_NONE, nullptr, 0x0,
                        "Text of an M body; a text/html-fragment reduced to its text", HFILL}},
    {&hf.composing_state, {"Composing state", "sipc.composing_state", FT_STRING, BASE_NONE, nullptr, 0x0,
                           "<state> of an IN is-composing body: nudge, input, keep-alive, ...", HFILL}},
    {&hf.chat_session, {"Chat session", "sipc.chat.session", FT_UINT32, BASE_DEC, nullptr, 0x0,
                        "Number of the chat: the same on every message of its chat-server connections "
                        "(all parties) and on the messages that handed it off",
                        HFILL}},
    {&hf.handoff_issued_in, {"Credential issued in", "sipc.handoff.issued_in", FT_FRAMENUM, BASE_NONE,
                             FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
                             "The frame whose CS ticket issued the credential presented here", HFILL}},
    {&hf.handoff_used_in, {"Credential used in", "sipc.handoff.used_in", FT_FRAMENUM, BASE_NONE,
                           FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
                           "The frame where the credential issued here was presented (TICKS)", HFILL}},
    {&hf.tunnel_trailer, {"Tunnel trailer", "sipc.tunnel_trailer", FT_STRING, BASE_NONE, nullptr, 0x0,
                          "SIPP: the end of an HTTP tunnel body", HFILL}},
    {&hf.summary, {"Summary", "sipc.summary", FT_STRING, BASE_NONE, nullptr, 0x0,
                   "What the message does, in a few words (presence set, contacts listed, login step, ...)",
                   HFILL}},
    {&hf.request_event, {"Request event", "sipc.request_event", FT_STRING, BASE_NONE, nullptr, 0x0,
                         "On a response: the N: of the request it answers", HFILL}},
    {&hf.config, {"Compressed configuration", "sipc.config", FT_BYTES, BASE_NONE, nullptr, 0x0,
                  "base64 text of a gzip stream (custom-config)", HFILL}},
    {&hf.config_compressed, {"Compressed length", "sipc.config.compressed_length", FT_UINT32, BASE_DEC, nullptr,
                             0x0, "Bytes of gzip after base64 decoding", HFILL}},
    {&hf.config_decompressed, {"Decompressed length", "sipc.config.decompressed_length", FT_UINT32, BASE_DEC,
                               nullptr, 0x0, "Bytes after decompression", HFILL}},
    {&hf.slice_number, {"Slice", "sipc.slice.number", FT_UINT32, BASE_DEC, nullptr, 0x0,
                        "On each slice of a sliced response (188 Partial, then the final response): which slice "
                        "it is, in order of arrival", HFILL}},
    {&hf.slice_reassembled_in, {"Reassembled in", "sipc.slice.reassembled_in", FT_FRAMENUM, BASE_NONE, nullptr, 0x0,
                                "On each slice: the frame where the whole body was put back together", HFILL}},
    {&hf.slice_count, {"Slice count", "sipc.slice.count", FT_UINT32, BASE_DEC, nullptr, 0x0,
                       "On the final response of a sliced body: how many slices it was put together from", HFILL}},
    {&hf.slice_body, {"Reassembled body", "sipc.slice.body", FT_BYTES, BASE_NONE, nullptr, 0x0,
                      "The whole body of a sliced response, in the frame of its final slice", HFILL}},
    {&hf.slice_fragments, {"Slices", "sipc.slice.fragments", FT_NONE, BASE_NONE, nullptr, 0x0,
                           "The slices the body was put together from", HFILL}},
    {&hf.slice_fragment, {"Slice", "sipc.slice.fragment", FT_FRAMENUM, BASE_NONE, nullptr, 0x0,
                          "A frame that brought a slice of the body", HFILL}},
    {&hf.slice_fragment_overlap, {"Slice overlap", "sipc.slice.fragment.overlap", FT_BOOLEAN, BASE_NONE, nullptr,
                                  0x0, "The slice overlaps another", HFILL}},
    {&hf.slice_fragment_conflict, {"Slice overlapping with conflicting data", "sipc.slice.fragment.overlap.conflicts",
                                   FT_BOOLEAN, BASE_NONE, nullptr, 0x0, "Overlapping slices hold different bytes", HFILL}},
    {&hf.slice_fragment_multiple_tails, {"Several final slices", "sipc.slice.fragment.multiple_tails", FT_BOOLEAN,
                                         BASE_NONE, nullptr, 0x0, "More than one slice ends the body", HFILL}},
    {&hf.slice_fragment_too_long, {"Slice past the end of the body", "sipc.slice.fragment.too_long_fragment",
                                   FT_BOOLEAN, BASE_NONE, nullptr, 0x0, "The slice reaches past the end of the body",
                                   HFILL}},
    {&hf.slice_fragment_error, {"Reassembly error", "sipc.slice.fragment.error", FT_FRAMENUM, BASE_NONE, nullptr,
                                0x0, "Reassembly error due to illegal slices", HFILL}},
    {&hf.slice_reassembled_length, {"Reassembled length", "sipc.slice.reassembled.length", FT_UINT32, BASE_DEC,
                                    nullptr, 0x0, "Bytes of the whole body", HFILL}},
    {&hf.slice_reassembled_data, {"Reassembled data", "sipc.slice.reassembled.data", FT_BYTES, BASE_NONE, nullptr,
                                  0x0, "The whole body, as the reassembly shows it", HFILL}},
    {&hf.resend_of, {"Resend of", "sipc.resend_of", FT_FRAMENUM, BASE_NONE,
                     FRAMENUM_TYPE(FT_FRAMENUM_RETRANS_PREV), 0x0,
                     "This request repeats the request in that frame before it was answered", HFILL}},
};

ei_register_info expert_items[] = {
    {&ei.length_invalid, {"sipc.expert.length_invalid", PI_MALFORMED, PI_ERROR,
                          "L is not a number: the message is taken to have no body", EXPFILL}},
    {&ei.length_too_large, {"sipc.expert.length_too_large", PI_MALFORMED, PI_ERROR,
                            "L is above the maximum body length preference: the body is not read", EXPFILL}},
    {&ei.length_odd, {"sipc.expert.length_odd", PI_PROTOCOL, PI_NOTE,
                      "L is written in a form no client sends (a leading zero, a space before the colon, an "
                      "unknown parameter); it is read as shown", EXPFILL}},
    {&ei.length_repeated, {"sipc.expert.length_repeated", PI_PROTOCOL, PI_WARN,
                           "More than one L header: the first one frames the message", EXPFILL}},
    {&ei.no_empty_line, {"sipc.expert.no_empty_line", PI_MALFORMED, PI_WARN,
                         "Headers not ended by an empty line: the next start line follows", EXPFILL}},
    {&ei.header_block_too_long, {"sipc.expert.header_block_too_long", PI_MALFORMED, PI_ERROR,
                                 "No empty line within the maximum header size", EXPFILL}},
    {&ei.truncated, {"sipc.expert.truncated", PI_MALFORMED, PI_WARN,
                     "Message cut off by the end of the data", EXPFILL}},
    {&ei.header_no_colon, {"sipc.expert.header_no_colon", PI_MALFORMED, PI_WARN,
                           "Header line without a colon", EXPFILL}},
    {&ei.unknown_header, {"sipc.expert.unknown_header", PI_UNDECODED, PI_NOTE, "Unknown header", EXPFILL}},
    {&ei.bad_value, {"sipc.expert.bad_value", PI_MALFORMED, PI_WARN, "Header value cannot be decoded",
                     EXPFILL}},
    {&ei.unknown_method, {"sipc.expert.unknown_method", PI_UNDECODED, PI_NOTE, "Unknown method", EXPFILL}},
    {&ei.auth_scheme_glued, {"sipc.expert.auth_scheme_glued", PI_PROTOCOL, PI_NOTE,
                             "No space between the scheme and its first parameter", EXPFILL}},
    {&ei.body_skipped, {"sipc.expert.body_skipped", PI_UNDECODED, PI_NOTE,
                        "Body above the maximum body length preference: skipped by its L, not decoded", EXPFILL}},
    {&ei.length_corrupt, {"sipc.expert.length_corrupt", PI_MALFORMED, PI_WARN,
                          "No SIP-C message where L said the body ends: the L was corrupt", EXPFILL}},
    {&ei.garbage, {"sipc.expert.garbage", PI_MALFORMED, PI_WARN,
                   "Bytes that are not SIP-C, skipped until the next start line", EXPFILL}},
    {&ei.error_response, {"sipc.expert.error_response", PI_RESPONSE_CODE, PI_WARN, "Error response",
                          EXPFILL}},
    {&ei.resend, {"sipc.expert.resend", PI_SEQUENCE, PI_NOTE, "Request resent before it was answered",
                  EXPFILL}},
    {&ei.missing_call_id, {"sipc.expert.missing_call_id", PI_PROTOCOL, PI_WARN,
                           "No I (Call-ID) header", EXPFILL}},
    {&ei.unknown_credential, {"sipc.expert.unknown_credential", PI_SEQUENCE, PI_NOTE,
                              "Credential presented that no captured ticket issued", EXPFILL}},
    {&ei.unknown_event, {"sipc.expert.unknown_event", PI_UNDECODED, PI_NOTE, "Unknown N: event", EXPFILL}},
    {&ei.unknown_event_type, {"sipc.expert.unknown_event_type", PI_UNDECODED, PI_NOTE, "Unknown BN event type",
                              EXPFILL}},
    {&ei.config_base64, {"sipc.expert.config_base64", PI_MALFORMED, PI_WARN,
                         "Compressed configuration is not valid base64", EXPFILL}},
    {&ei.config_gzip, {"sipc.expert.config_gzip", PI_MALFORMED, PI_WARN,
                       "Compressed configuration is not a valid gzip stream", EXPFILL}},
    {&ei.config_too_large, {"sipc.expert.config_too_large", PI_MALFORMED, PI_WARN,
                            "Compressed configuration decompresses beyond the limit (preference)", EXPFILL}},
    {&ei.missing_cseq, {"sipc.expert.missing_cseq", PI_PROTOCOL, PI_WARN, "No Q (CSeq) header", EXPFILL}},
    {&ei.slice_no_offset, {"sipc.expert.slice_no_offset", PI_MALFORMED, PI_WARN,
                           "188 Partial without p= in L: the slice cannot be placed in its body", EXPFILL}},
    {&ei.slice_overlap, {"sipc.expert.slice_overlap", PI_MALFORMED, PI_WARN,
                         "Slice covers bytes an earlier slice brought: left out of the body", EXPFILL}},
    {&ei.slice_disagrees, {"sipc.expert.slice_disagrees", PI_MALFORMED, PI_WARN,
                           "Slice disagrees with where the final slice ends the body: left out of the body", EXPFILL}},
    {&ei.slice_too_large, {"sipc.expert.slice_too_large", PI_MALFORMED, PI_WARN,
                           "Sliced body beyond the maximum reassembled body preference: left out", EXPFILL}},
    {&ei.slice_gap, {"sipc.expert.slice_gap", PI_SEQUENCE, PI_WARN,
                     "Sliced body not put back together: bytes are missing; the slices are shown as text", EXPFILL}},
    {&ei.slice_incomplete, {"sipc.expert.slice_incomplete", PI_SEQUENCE, PI_WARN,
                            "Sliced body never got its final response; the slices are shown as text", EXPFILL}},
};

}  // namespace

int auth_param_index(std::string_view name) {
    for (int i = 0; i < kAuthParamCount; ++i) {
        if (name == kAuthParamWire[i]) return i;
    }
    return -1;
}

void describe_item(packet_info* pinfo, proto_item* it, std::string_view desc, expert_field* unknown, const char* what,
                   std::string_view name) {
    if (!desc.empty()) {
        proto_item_append_text(it, " (%.*s)", static_cast<int>(desc.size()), desc.data());
    } else {
        expert_add_info_format(pinfo, it, unknown, "%s %s", what, shown_text(pinfo->pool, name));
    }
}

void register_fields() {
    // Wireshark requires every id to start at -1.
    std::fill(std::begin(hf_header), std::end(hf_header), -1);
    std::fill(std::begin(hf_auth_param), std::end(hf_auth_param), -1);
    std::fill(std::begin(hf_www_param), std::end(hf_www_param), -1);
    std::fill(std::begin(hf_body_field), std::end(hf_body_field), -1);

    proto_register_field_array(proto_sipc, header_fields, array_length(header_fields));
    proto_register_field_array(proto_sipc, auth_param_fields, array_length(auth_param_fields));
    proto_register_field_array(proto_sipc, other_fields, array_length(other_fields));
    proto_register_field_array(proto_sipc, body_fields, array_length(body_fields));

    static int* subtree_ids[] = {&ett.message, &ett.start_line, &ett.headers,        &ett.header,
                                 &ett.auth,    &ett.body,       &ett.config,         &ett.slice,
                                 &ett.slice_fragment,           &ett.slice_fragments, &ett.xml_document,
                                 &ett.xml_element};
    proto_register_subtree_array(subtree_ids, array_length(subtree_ids));

    expert_module_t* expert = expert_register_protocol(proto_sipc);
    expert_register_field_array(expert, expert_items, array_length(expert_items));
}

}  // namespace sipc::epan
