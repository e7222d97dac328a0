// SPDX-License-Identifier: GPL-2.0-or-later
// Field, subtree and expert-info ids of the SIP-C dissector, registered from
// the tables in fields/.
#pragma once

#include "wireshark_includes.h"
#include "body_meaning.h"
#include "vocabulary.h"

namespace sipc::epan {

extern int proto_sipc;

// One field per header of fields/headers.def, indexed by HeaderId.
extern int hf_header[kHeaderCount];

// Parameters of fields/auth_params.def, for A (auth) and W (www_authenticate).
enum class AuthParam : int {
#define SIPC_AUTH_PARAM(wire, suffix, desc) suffix,
#include "../../fields/auth_params.def"
#undef SIPC_AUTH_PARAM
    Count
};
constexpr int kAuthParamCount = static_cast<int>(AuthParam::Count);
extern int hf_auth_param[kAuthParamCount];
extern int hf_www_param[kAuthParamCount];
// Index of a parameter name in that table, -1 when unknown.
int auth_param_index(std::string_view name);

// Appends " (<desc>)" to an item whose value a vocabulary table describes
// (fields/events.def, fields/bn_event_types.def); with no description, notes
// `unknown` as "<what> <name>".
void describe_item(packet_info* pinfo, proto_item* it, std::string_view desc, expert_field* unknown, const char* what,
                   std::string_view name);

// Body fields of fields/body_fields.def (BodyField, plugin/core/body_meaning.h).
extern int hf_body_field[kBodyFieldCount];

struct Fields {
    int request_line = -1, method = -1, request_uri = -1, version = -1;
    int status_line = -1, status_code = -1, reason = -1;
    int cseq_seq = -1, cseq_method = -1;
    int slice_offset = -1;
    int auth_scheme = -1, auth_param = -1, chat_server = -1, credential = -1;
    int www_scheme = -1, www_param = -1;
    int client_info_param = -1;
    int header_unknown = -1, header_malformed = -1;
    int body = -1, body_line = -1;
    int garbage = -1;
    int body_skipped = -1;
    int response_in = -1, response_to = -1, response_time = -1, resend_of = -1;
    int message_text = -1, composing_state = -1;
    int chat_session = -1, handoff_issued_in = -1, handoff_used_in = -1;
    int summary = -1, request_event = -1, tunnel_trailer = -1;
    int config = -1, config_compressed = -1, config_decompressed = -1;
    // Sliced responses (sipc_slices): each slice, the reassembled body, and
    // the fields Wireshark's reassembly shows the slices with.
    int slice_number = -1, slice_reassembled_in = -1, slice_count = -1, slice_body = -1;
    int slice_fragments = -1, slice_fragment = -1, slice_fragment_overlap = -1, slice_fragment_conflict = -1;
    int slice_fragment_multiple_tails = -1, slice_fragment_too_long = -1, slice_fragment_error = -1;
    int slice_reassembled_length = -1, slice_reassembled_data = -1;
};
extern Fields hf;

struct Subtrees {
    int message = -1, start_line = -1, headers = -1, header = -1, auth = -1, body = -1;
    int config = -1;
    int slice = -1, slice_fragment = -1, slice_fragments = -1;
    // The XML the plugin draws itself (sipc_xml): the document and each element.
    int xml_document = -1, xml_element = -1;
};
extern Subtrees ett;

struct ExpertInfos {
    expert_field length_invalid, length_too_large, length_repeated, length_odd;
    expert_field no_empty_line, header_block_too_long, truncated;
    expert_field header_no_colon, unknown_header, bad_value;
    expert_field unknown_method, auth_scheme_glued;
    expert_field garbage, body_skipped, length_corrupt, error_response, resend;
    expert_field missing_call_id, missing_cseq;
    expert_field unknown_credential;
    expert_field unknown_event, unknown_event_type;
    expert_field config_base64, config_gzip, config_too_large;
    expert_field slice_no_offset, slice_overlap, slice_disagrees, slice_too_large, slice_gap, slice_incomplete;
};
extern ExpertInfos ei;

// Registers everything above; called from proto_register_sipc().
void register_fields();

}  // namespace sipc::epan
