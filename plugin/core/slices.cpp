// SPDX-License-Identifier: GPL-2.0-or-later
#include "slices.h"

#include <algorithm>

#include "headers.h"
#include "values.h"

namespace sipc {

SliceHeader read_slice_header(const StartLine& start, std::string_view header_block) {
    SliceHeader h;
    if (start.kind != LineKind::Status) return h;
    h.final = start.status >= 200;
    HeaderCursor cursor(header_block);
    HeaderLine line;
    while (cursor.next(line)) {
        if (line.id != HeaderId::ContentLength) continue;
        LengthValue lv;
        if (parse_length(line.value, lv)) {
            h.length = lv.length;
            h.has_offset = lv.has_offset;
            h.offset = lv.offset;
        }
        break;
    }
    h.is_slice = h.has_offset || start.status == 188;
    return h;
}

namespace {

bool counts(const Slice& s) { return s.fault == SliceFault::None; }

}  // namespace

SliceFault judge_slice(const Slice* slices, size_t count, const Slice& s, const SliceLimits& limits) {
    if (count >= limits.max_slices) return SliceFault::TooMany;
    if (s.cut) return SliceFault::Cut;
    if (s.end() > limits.max_bytes) return SliceFault::TooLarge;
    for (size_t i = 0; i < count; ++i) {
        const Slice& e = slices[i];
        if (!counts(e)) continue;
        if (e.final && s.final) return SliceFault::SecondFinal;
        if (e.final && s.end() > e.end()) return SliceFault::BeyondEnd;
        if (s.final && e.end() > s.end()) return SliceFault::EndTooEarly;
        // Empty slices bring no bytes and so overlap nothing.
        if (std::max(e.offset, s.offset) < std::min(e.end(), s.end())) return SliceFault::Overlap;
    }
    return SliceFault::None;
}

Slice add_slice(Slice* slices, size_t count, Slice s, const SliceLimits& limits) {
    s.fault = judge_slice(slices, count, s, limits);
    if (s.fault == SliceFault::TooMany) return s;
    // After every slice that starts before it or at the same place.
    size_t at = count;
    while (at > 0 && slices[at - 1].offset > s.offset) --at;
    std::copy_backward(slices + at, slices + count, slices + count + 1);
    slices[at] = s;
    return s;
}

SliceCoverage slice_coverage(const Slice* slices, size_t count) {
    SliceCoverage c;
    uint64_t reached = 0;  // every byte before this has arrived
    for (size_t i = 0; i < count; ++i) {
        const Slice& s = slices[i];
        if (!counts(s)) continue;
        ++c.slices;
        c.received += s.length;
        if (s.final) {
            c.has_final = true;
            c.total = s.end();
        }
        if (s.offset > reached) {
            if (c.gaps++ == 0) {
                c.gap_start = reached;
                c.gap_end = s.offset;
            }
        }
        reached = std::max(reached, s.end());
    }
    // The final slice ends the body and no slice reaches past it, so
    // `reached` is the total when it came.
    if (!c.has_final) c.total = reached;
    return c;
}

}  // namespace sipc
