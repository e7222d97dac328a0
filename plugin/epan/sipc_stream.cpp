// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_stream.h"

#include "sipc_conversation.h"
#include "sipc_fields.h"
#include "sipc_info.h"
#include "sipc_message_tree.h"
#include "stream.h"

namespace sipc::epan {

pref_bool pref_desegment = true;
guint pref_max_body = 1024 * 1024;

namespace {

// Key of the per-frame record of how many bytes at the start of the frame's
// SIP-C data continue a skipped body (stored on the first pass, read back on
// later ones, when the connection's skip state has moved on).
constexpr guint32 kSkipAtStartKey = 1;
constexpr guint kSkipCorrupt = 1u << 31;  // flag in that record: the skip ended on a start line

void add_garbage(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, int offset, int length, bool after_skip) {
    begin_info(pinfo);
    col_append_fstr(pinfo->cinfo, COL_INFO, "[%d byte%s that are not SIP-C]", length, plurality(length, "", "s"));
    proto_item* it = proto_tree_add_item(tree, hf.garbage, tvb, offset, length, ENC_NA);
    expert_add_info_format(pinfo, it, &ei.garbage, "%d byte%s that are not SIP-C, skipped", length,
                           plurality(length, "", "s"));
    if (after_skip) expert_add_info(pinfo, it, &ei.length_corrupt);
}

void add_skipped_body(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, int length, bool ends_here,
                      bool corrupt) {
    begin_info(pinfo);
    col_append_fstr(pinfo->cinfo, COL_INFO, "[%d bytes of a body above the maximum body length%s]", length,
                    ends_here ? ", its end" : "");
    proto_item* it = proto_tree_add_item(tree, hf.body_skipped, tvb, 0, length, ENC_NA);
    expert_add_info(pinfo, it, &ei.body_skipped);
    if (corrupt)
        expert_add_info_format(pinfo, it, &ei.length_corrupt,
                               "A start line inside the body: its L was corrupt, the skip ends here");
}

// Asks TCP for more data for the message at `offset`.  need == 0: unknown.
bool request_more(packet_info* pinfo, int offset, size_t have, size_t need) {
    if (!pref_desegment || !pinfo->can_desegment) return false;
    pinfo->desegment_offset = offset;
    pinfo->desegment_len = need > have ? static_cast<guint32>(need - have) : DESEGMENT_ONE_MORE_SEGMENT;
    return true;
}

// One message under its own exception guard, as TCP guards each PDU: a
// message that makes a dissector throw (the XML dissector past its nesting
// limit, say) is marked, and the messages after it are still dissected.
void dissect_guarded(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, ConversationData* conv, const char* base,
                     int offset, const FrameInfo& frame) {
    TRY {
        dissect_message(tvb, pinfo, tree, conv, base, offset, frame);
    }
    CATCH_NONFATAL_ERRORS {
        show_exception(tvb, pinfo, tree, EXCEPT_CODE, GET_MESSAGE);
    }
    // A dissector called on a body (XML past its tree depth, say) reports
    // its own limits as a dissector bug; it is that body's problem only.
    CATCH(DissectorError) {
        show_exception(tvb, pinfo, tree, EXCEPT_CODE, GET_MESSAGE);
    }
    ENDTRY;
}

// How many bytes at the start of this data continue a body that is being
// skipped; moves the connection's skip state on (first pass) or reads the
// frame's record (later passes).  A complete start line on a line of the
// bytes to skip ends the skip there: the L lied (*corrupt).
guint64 skip_at_start(packet_info* pinfo, ConversationData* conv, std::string_view data, bool* corrupt) {
    if (PINFO_FD_VISITED(pinfo)) {
        auto kept = GPOINTER_TO_UINT(p_get_proto_data(wmem_file_scope(), pinfo, proto_sipc, kSkipAtStartKey));
        *corrupt = kept & kSkipCorrupt;
        return kept & ~kSkipCorrupt;
    }
    guint64& remaining = conv->skip_remaining[direction(conv, pinfo)];
    guint64 skip = remaining < data.size() ? remaining : data.size();
    size_t found = find_complete_start_line(data.substr(0, static_cast<size_t>(skip)), false);
    *corrupt = found != std::string_view::npos;
    if (*corrupt) skip = found;
    remaining = *corrupt ? 0 : remaining - skip;
    if (skip || *corrupt)
        p_add_proto_data(wmem_file_scope(), pinfo, proto_sipc, kSkipAtStartKey,
                         GUINT_TO_POINTER(static_cast<guint>(skip) | (*corrupt ? kSkipCorrupt : 0)));
    return skip;
}

}  // namespace

// The framing loop over a stream segment (or a reassembled buffer): the
// core's next_stream_step() decides, this loop carries it out.
int dissect_stream(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, bool tcp_connection) {
    int captured = tvb_captured_length(tvb);
    if (captured <= 0) return 0;
    // Bytes past the capture length cannot be read: they are not waited for.
    bool can_grow = tvb_reported_length(tvb) == static_cast<guint>(captured);
    const char* base = reinterpret_cast<const char*>(tvb_get_ptr(tvb, 0, captured));
    FrameLimits limits;
    limits.max_body = pref_max_body;
    // Looked up once for all the messages of the segment.
    ConversationData* conv = conversation_data(pinfo);

    int offset = 0;
    // Right after a skipped body a message must begin; if not, L lied.
    bool after_skip = false;
    if (tcp_connection) {
        bool corrupt = false;
        offset = static_cast<int>(skip_at_start(pinfo, conv, std::string_view(base, captured), &corrupt));
        if (offset) add_skipped_body(tvb, pinfo, tree, offset, offset < captured, corrupt);
        after_skip = offset > 0 && !corrupt;
    }
    while (offset < captured) {
        std::string_view rest(base + offset, static_cast<size_t>(captured - offset));
        StreamStep step = next_stream_step(rest, limits, can_grow && pref_desegment && pinfo->can_desegment);
        switch (step.kind) {
        case StreamStep::Kind::NeedMore:
            request_more(pinfo, offset, rest.size(), step.need);
            return captured;
        case StreamStep::Kind::Garbage:
            add_garbage(tvb, pinfo, tree, offset, static_cast<int>(step.length), after_skip);
            break;
        case StreamStep::Kind::Message:
            dissect_guarded(tvb, pinfo, tree, conv, base, offset, step.frame);
            if (step.skip_after && tcp_connection && !PINFO_FD_VISITED(pinfo))
                conv->skip_remaining[direction(conv, pinfo)] = step.skip_after;
            break;
        case StreamStep::Kind::LineEnds:
            break;
        }
        offset += static_cast<int>(step.length);
        after_skip = false;
    }
    return offset;
}

}  // namespace sipc::epan
