// SPDX-License-Identifier: GPL-2.0-or-later
//
// Sliced responses.  A large result (a contact list, say) can come as several
// "SIP-C/4.0 188 Partial" responses and then one final response, all
// answering one request, each with "L: <length>;p=<offset>": the length of
// the slice and its place in the whole body.  This is the part of putting
// such a body back together that needs no Wireshark: which message is a
// slice, whether a new slice agrees with the slices before it, whether the
// body is whole and, when it is not, what is missing.
//
// The slices live in an array the caller owns and grows, so that the epan
// layer can keep them in wmem memory, which runs no destructors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "start_line.h"

namespace sipc {

// What a message's start line and headers say about it as a slice.
struct SliceHeader {
    bool is_slice = false;    // a response with L: <length>;p=<offset>, or any 188
    bool has_offset = false;  // p= is there
    bool final = false;       // a final response (status 200 and up): the body's last slice
    uint32_t offset = 0;      // p=
    uint32_t length = 0;      // L
};

// Reads the first L header of `header_block` (the one that frames the
// message).  Requests are never slices.
SliceHeader read_slice_header(const StartLine& start, std::string_view header_block);

// A final response at offset 0 is a whole body in one piece, unless slices
// before it are waiting for their end.
inline bool whole_in_one(const SliceHeader& h) { return h.final && h.has_offset && h.offset == 0; }

// Why a slice cannot go into its body.  Only slices without a fault count
// for the body; a faulty one is kept so that it can be shown with its fault.
enum class SliceFault : uint8_t {
    None,
    NoOffset,     // a 188 without p=: nowhere to put it
    Cut,          // its bytes were cut off by the end of the captured data
    TooLarge,     // it reaches past the largest body the caller allows
    TooMany,      // the body already has as many slices as the caller allows
    SecondFinal,  // another final slice already ended the body
    BeyondEnd,    // it reaches past the end of the body that the final slice gives
    EndTooEarly,  // a final slice that ends before bytes that earlier slices brought
    Overlap,      // it covers bytes that an earlier slice brought
};

struct Slice {
    uint32_t offset = 0;
    uint32_t length = 0;
    bool final = false;
    bool cut = false;  // fewer than `length` bytes were captured
    SliceFault fault = SliceFault::None;  // set by add_slice()
    // The caller's own: 1 for the body's first slice to arrive, 2 for the
    // next, ...; where the slice was seen.
    uint32_t arrival = 0;
    uint32_t frame = 0;

    uint64_t end() const { return uint64_t{offset} + length; }
};

struct SliceLimits {
    uint64_t max_bytes = 4 * 1024 * 1024;  // no slice may reach past this
    uint32_t max_slices = 4096;             // no body gets more slices than this
};

// Judges a new slice `s` against the `count` slices a body already has.
SliceFault judge_slice(const Slice* slices, size_t count, const Slice& s, const SliceLimits& limits);

// Judges `s` and inserts it into slices[0..count], kept in order of offset
// (slices at one offset in order of arrival); the array must have room for
// one more unless the verdict is TooMany, in which case nothing is stored.
// Returns the slice with its verdict.
Slice add_slice(Slice* slices, size_t count, Slice s, const SliceLimits& limits);

// Where a body stands, from the slices that count.
struct SliceCoverage {
    bool has_final = false;
    uint64_t total = 0;     // has_final: the body's length; else the furthest byte seen
    uint64_t received = 0;  // bytes the slices that count bring
    uint32_t slices = 0;    // slices that count
    uint32_t gaps = 0;      // holes before `total`
    uint64_t gap_start = 0, gap_end = 0;  // the first hole
    bool complete() const { return has_final && gaps == 0; }
};

// `slices` in order of offset, as add_slice() keeps them.
SliceCoverage slice_coverage(const Slice* slices, size_t count);

}  // namespace sipc
