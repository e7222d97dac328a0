// SPDX-License-Identifier: GPL-2.0-or-later
//
// Sliced responses put back together.  The first pass notes every slice in
// its body's bookkeeping (plugin/core/slices: where it goes, whether it
// agrees with the others) and hands the slices that agree to Wireshark's
// reassembly by offset.  A body is found by its transaction (connection,
// who sent the request, I and Q) and ends with its final response, so a
// later request that reuses I and Q starts a new body, with a reassembly id
// of its own.  Every pass then
// shows each slice's own bytes as text and where it was put back, and, in
// the frame of the final slice, the whole body once: a data source of its
// own whose fields and XML come from the whole body only.
#include "sipc_slices.h"

#include <algorithm>

#include "sipc_body.h"
#include "sipc_body_fields.h"
#include "sipc_fields.h"
#include "sipc_transactions.h"
#include "slices.h"

namespace sipc::epan {

guint pref_max_sliced_body = 4 * 1024 * 1024;

namespace {

// The most slices one body may have: bounds the bookkeeping the way the
// preference bounds the bytes.
constexpr uint32_t kMaxSlices = 4096;

// File-scope key of a slice message's record (p_add_proto_data): the
// message's ordinal in its frame plus this, far above any ordinal, so that
// it never meets the chat tracker's records, which are keyed by the ordinal.
constexpr guint32 kSliceRecordKey = 0x534C0000;

// One sliced body: the slices that answer one request.
struct SlicedBody {
    guint32 id = 0;           // its reassembly id, unique in the file
    Slice* slices = nullptr;  // file scope, in order of offset
    guint32 count = 0, capacity = 0;
    guint32 arrived = 0;  // slices that came, stored or not
    bool closed = false;  // its final response came; a later slice starts a new body
    SliceCoverage coverage;      // as it was when the final response came
    guint32 reassembled_in = 0;  // the frame of the final slice, when the body was whole
};

// What the first pass found about one slice message.
struct SliceRecord {
    SlicedBody* body = nullptr;  // nullptr: a 188 without p=, in no body
    Slice slice;                 // with its verdict and its place in order of arrival
};

reassembly_table slice_table;
wmem_map_t* bodies;  // TransactionKey -> the newest SlicedBody of that transaction
guint32 body_ids;

const fragment_items kSliceItems = {
    &ett.slice_fragment,
    &ett.slice_fragments,
    &hf.slice_fragments,
    &hf.slice_fragment,
    &hf.slice_fragment_overlap,
    &hf.slice_fragment_conflict,
    &hf.slice_fragment_multiple_tails,
    &hf.slice_fragment_too_long,
    &hf.slice_fragment_error,
    &hf.slice_count,
    &hf.slice_reassembled_in,
    &hf.slice_reassembled_length,
    &hf.slice_reassembled_data,
    "slices",
};

void make_room(SlicedBody* b) {
    if (b->count < b->capacity || b->capacity >= kMaxSlices) return;
    guint32 capacity = b->capacity ? std::min(b->capacity * 2, kMaxSlices) : 8;
    b->slices = static_cast<Slice*>(wmem_realloc(wmem_file_scope(), b->slices, capacity * sizeof(Slice)));
    b->capacity = capacity;
}

// The body a slice of `msg` belongs to: the open body of its transaction,
// or a new one.  A slice without I or Q gets a body of its own.
SlicedBody* body_for(packet_info* pinfo, const MessageSummary& msg, const SliceHeader& h) {
    TransactionKey key;
    bool keyed = transaction_key(pinfo, msg, key);
    const void* stored_key = nullptr;
    void* value = nullptr;
    bool known = keyed && wmem_map_lookup_extended(bodies, &key, &stored_key, &value);
    auto* open = static_cast<SlicedBody*>(value);
    if (open && !open->closed) return open;
    if (whole_in_one(h)) return nullptr;  // a body in one piece, not sliced at all
    auto* body = wmem_construct<SlicedBody>(wmem_file_scope());
    body->id = ++body_ids;
    if (!keyed) return body;
    if (!known) {
        auto* k = wmem_new(wmem_file_scope(), TransactionKey);
        *k = key;
        stored_key = k;
    }
    wmem_map_insert(bodies, const_cast<void*>(stored_key), body);
    return body;
}

// First pass: notes the slice in its body.  nullptr for a final response
// that holds its whole body.
SliceRecord* track_slice(packet_info* pinfo, const MessageSummary& msg, const SliceHeader& h) {
    SlicedBody* body = h.has_offset ? body_for(pinfo, msg, h) : nullptr;
    if (h.has_offset && !body) return nullptr;
    auto* rec = wmem_construct<SliceRecord>(wmem_file_scope());
    Slice& s = rec->slice;
    s.offset = h.offset;
    s.length = h.length;
    s.final = h.final;
    s.cut = msg.parts.body.size() < h.length;
    s.frame = pinfo->num;
    if (!body) {
        s.fault = SliceFault::NoOffset;
        return rec;
    }
    rec->body = body;
    s.arrival = ++body->arrived;
    make_room(body);
    SliceLimits limits;
    limits.max_bytes = pref_max_sliced_body;
    limits.max_slices = kMaxSlices;
    s = add_slice(body->slices, body->count, s, limits);
    if (s.fault != SliceFault::TooMany) ++body->count;
    if (s.final) {
        body->closed = true;
        body->coverage = slice_coverage(body->slices, body->count);
    }
    return rec;
}

// Why a slice was left out of its body, on its item.
void add_fault(packet_info* pinfo, proto_item* it, const Slice& s) {
    uint64_t end = s.end();
    switch (s.fault) {
        case SliceFault::None:
        case SliceFault::NoOffset: return;
        case SliceFault::Overlap:
            expert_add_info_format(pinfo, it, &ei.slice_overlap,
                                   "Slice (bytes %u to %" PRIu64 ") overlaps bytes an earlier slice brought: left out "
                                   "of the body",
                                   s.offset, end);
            return;
        case SliceFault::BeyondEnd:
            expert_add_info_format(pinfo, it, &ei.slice_disagrees,
                                   "Slice reaches byte %" PRIu64 ", past the end the final slice gives the body: left out",
                                   end);
            return;
        case SliceFault::EndTooEarly:
            expert_add_info_format(pinfo, it, &ei.slice_disagrees,
                                   "Final slice ends the body at byte %" PRIu64 ", before bytes earlier slices brought: "
                                   "left out",
                                   end);
            return;
        case SliceFault::SecondFinal:
            expert_add_info_format(pinfo, it, &ei.slice_disagrees,
                                   "A second final slice for one body: left out");
            return;
        case SliceFault::TooLarge:
            expert_add_info_format(pinfo, it, &ei.slice_too_large,
                                   "Slice reaches byte %" PRIu64 ", beyond the maximum reassembled body of %u bytes "
                                   "(preference): left out",
                                   end, pref_max_sliced_body);
            return;
        case SliceFault::TooMany:
            expert_add_info_format(pinfo, it, &ei.slice_too_large,
                                   "The body already has %u slices, the most one body may have: left out", kMaxSlices);
            return;
        case SliceFault::Cut:
            expert_add_info_format(pinfo, it, &ei.truncated,
                                   "Slice does not hold the %u bytes its L gives (cut off by the end of the data, "
                                   "or not read): left out of the body",
                                   s.length);
            return;
    }
}

// "Slice k, offset p, reassembled in frame F" over the slice's own bytes,
// and what went wrong with it or with its body.
void add_slice_items(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg,
                     const SliceRecord& rec) {
    const Slice& s = rec.slice;
    int off = msg.offset_of(msg.parts.body);
    int n = len(msg.parts.body);
    if (!rec.body) {
        proto_tree_add_expert(tree, pinfo, &ei.slice_no_offset, tvb, off, n);
        return;
    }
    const SlicedBody& b = *rec.body;
    const char* which = s.final ? " (final)" : "";
    proto_item* it;
    if (b.reassembled_in) {
        it = proto_tree_add_uint_format(tree, hf.slice_number, tvb, off, n, s.arrival,
                                        "Slice %u%s, offset %u, reassembled in frame %u", s.arrival, which, s.offset,
                                        b.reassembled_in);
        proto_tree* st = proto_item_add_subtree(it, ett.slice);
        proto_item* ri = proto_tree_add_uint(st, hf.slice_reassembled_in, tvb, off, n, b.reassembled_in);
        proto_item_set_generated(ri);
    } else {
        bool never = b.closed || PINFO_FD_VISITED(pinfo);
        it = proto_tree_add_uint_format(tree, hf.slice_number, tvb, off, n, s.arrival, "Slice %u%s, offset %u%s",
                                        s.arrival, which, s.offset, never ? ", not reassembled" : "");
    }
    add_fault(pinfo, it, s);
    if (s.final && !b.reassembled_in && b.coverage.gaps) {
        const SliceCoverage& c = b.coverage;
        expert_add_info_format(pinfo, it, &ei.slice_gap,
                               "Sliced body not put back together: %" PRIu64 " of %" PRIu64
                               " bytes arrived, %u gap%s, the first from byte %" PRIu64 " to %" PRIu64
                               "; the slices are shown as text",
                               c.received, c.total, c.gaps, plurality(c.gaps, "", "s"), c.gap_start, c.gap_end);
    }
    // Only a later pass knows that no final response ever came; it says so
    // on the last slice that did.
    if (!b.closed && PINFO_FD_VISITED(pinfo) && s.arrival == b.arrived) {
        expert_add_info_format(pinfo, it, &ei.slice_incomplete,
                               "Sliced body never got its final response: %u slice%s arrived; they are shown as "
                               "text",
                               b.arrived, plurality(b.arrived, "", "s"));
    }
}

// The whole body, once, in the frame of its final slice: a data source of
// its own, its slices, its fields, its XML.  msg.body gets the facts of the
// whole body, for the Info column and the taps.
void dissect_whole_body(tvbuff_t* tvb, packet_info* pinfo, proto_tree* mtree, MessageSummary& msg,
                        fragment_head* head, const SlicedBody& b) {
    const SliceCoverage& c = b.coverage;
    const char* name = wmem_strdup_printf(pinfo->pool, "Reassembled body, %u slice%s, %" PRIu64 " bytes", c.slices,
                                          plurality(c.slices, "", "s"), c.total);
    tvbuff_t* whole =
        process_reassembled_data(tvb, msg.offset_of(msg.parts.body), pinfo, name, head, &kSliceItems, nullptr, nullptr);
    if (!whole) return;
    gint length = tvb_captured_length(whole);
    proto_item* bi = proto_tree_add_item(mtree, hf.slice_body, whole, 0, length, ENC_NA);
    proto_item_append_text(bi, " (%d byte%s, %u slice%s)", length, plurality(length, "", "s"), c.slices,
                           plurality(c.slices, "", "s"));
    proto_tree* btree = proto_item_add_subtree(bi, ett.body);
    proto_item* fragments = nullptr;
    show_fragment_tree(head, &kSliceItems, btree, pinfo, whole, &fragments);
    if (length <= 0) return;
    // The message as if it had carried the whole body itself.
    MessageSummary whole_msg = msg;
    whole_msg.base = reinterpret_cast<const char*>(tvb_get_ptr(whole, 0, length));
    whole_msg.parts.body = std::string_view(whole_msg.base, static_cast<size_t>(length));
    whole_msg.frame.truncated = false;
    whole_msg.body = BodyFacts{};
    decode_body_fields(whole, pinfo, btree, whole_msg);
    msg.body = whole_msg.body;
    if (btree) dissect_body(whole, pinfo, btree, whole_msg);
}

}  // namespace

void register_slices() {
    bodies = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), transaction_key_hash,
                                    transaction_key_equal);
    reassembly_table_register(&slice_table, &addresses_ports_reassembly_table_functions);
}

void register_slice_preference(module_t* module) {
    prefs_register_uint_preference(
        module, "max_sliced_body", "Maximum reassembled body (bytes)",
        "The slices of a sliced response (188 Partial) are put back together into a body of at most this many "
        "bytes; the slices of a larger body are shown one by one, as text, and an expert item says so.",
        10, &pref_max_sliced_body);
}

bool dissect_slice(tvbuff_t* tvb, packet_info* pinfo, proto_tree* mtree, proto_tree* body_tree,
                   MessageSummary& msg, guint32 ordinal) {
    if (msg.is_request) return false;
    SliceHeader h = read_slice_header(msg.parts.start, msg.parts.header_block);
    if (!h.is_slice) return false;
    // Later passes, and a frame dissected again within the first pass,
    // find what the first look at the message noted.
    auto* rec = static_cast<SliceRecord*>(p_get_proto_data(wmem_file_scope(), pinfo, proto_sipc,
                                                           kSliceRecordKey + ordinal));
    bool first_look = !rec && !PINFO_FD_VISITED(pinfo);
    if (first_look) {
        rec = track_slice(pinfo, msg, h);
        if (rec) p_add_proto_data(wmem_file_scope(), pinfo, proto_sipc, kSliceRecordKey + ordinal, rec);
    }
    if (!rec) return false;

    SlicedBody* body = rec->body;
    const Slice& s = rec->slice;
    fragment_head* head = nullptr;
    if (body && s.fault == SliceFault::None) {
        if (first_look) {
            head = fragment_add_check(&slice_table, tvb, msg.offset_of(msg.parts.body), pinfo, body->id, nullptr,
                                      s.offset, s.length, !s.final);
            if (head) body->reassembled_in = pinfo->num;
        } else {
            head = fragment_get_reassembled_id(&slice_table, pinfo, body->id);
        }
    }
    add_slice_items(tvb, pinfo, body_tree ? body_tree : mtree, msg, *rec);
    dissect_body_text(tvb, pinfo, body_tree, msg);
    if (head && s.final && body->reassembled_in == pinfo->num) dissect_whole_body(tvb, pinfo, mtree, msg, head, *body);
    return true;
}

}  // namespace sipc::epan
