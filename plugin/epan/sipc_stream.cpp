#include "sipc_stream.h"

#include "framing.h"
#include "sipc_fields.h"
#include "sipc_info.h"
#include "sipc_message_tree.h"
#include "start_line.h"

namespace sipc::epan {

pref_bool pref_desegment = true;
guint pref_max_body = 1024 * 1024;

namespace {

int len(std::string_view v) { return static_cast<int>(v.size()); }

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

}  // namespace

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


}  // namespace sipc::epan
