// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include <vector>

#include "slices.h"

using namespace sipc;

namespace {

// A body's slices as the epan layer keeps them: room for every slice.
struct Body {
    std::vector<Slice> slices = std::vector<Slice>(16);
    size_t count = 0;
    uint32_t arrived = 0;
    SliceLimits limits;

    Slice add(uint32_t offset, uint32_t length, bool final = false, bool cut = false) {
        Slice s;
        s.offset = offset;
        s.length = length;
        s.final = final;
        s.cut = cut;
        s.arrival = ++arrived;
        Slice stored = add_slice(slices.data(), count, s, limits);
        if (stored.fault != SliceFault::TooMany) ++count;
        return stored;
    }
    SliceCoverage coverage() const { return slice_coverage(slices.data(), count); }
};

SliceHeader header(std::string_view start, std::string_view headers) {
    return read_slice_header(parse_start_line(start), headers);
}

}  // namespace

TEST(SliceHeader, PartialAndFinalResponses) {
    SliceHeader h = header("SIP-C/4.0 188 Partial", "I: 3\r\nQ: 1 S\r\nL: 4;p=100");
    EXPECT_TRUE(h.is_slice);
    EXPECT_TRUE(h.has_offset);
    EXPECT_FALSE(h.final);
    EXPECT_EQ(h.offset, 100u);
    EXPECT_EQ(h.length, 4u);

    h = header("SIP-C/4.0 200 OK", "I: 3\r\nQ: 1 S\r\nL: 16;p=104");
    EXPECT_TRUE(h.is_slice);
    EXPECT_TRUE(h.final);
    EXPECT_FALSE(whole_in_one(h));
    EXPECT_TRUE(whole_in_one(header("SIP-C/4.0 200 OK", "L: 16;p=0")));
}

TEST(SliceHeader, WhatIsNoSlice) {
    EXPECT_FALSE(header("SIP-C/4.0 200 OK", "I: 3\r\nQ: 1 S\r\nL: 16").is_slice);
    EXPECT_FALSE(header("SIP-C/4.0 200 OK", "I: 3\r\nQ: 1 S").is_slice);
    EXPECT_FALSE(header("S fetion.com.cn SIP-C/4.0", "L: 4;p=100").is_slice) << "requests are never slices";
    // A 188 is a slice even when p= is missing: it cannot be placed.
    SliceHeader h = header("SIP-C/4.0 188 Partial", "I: 3\r\nQ: 1 S\r\nL: 4");
    EXPECT_TRUE(h.is_slice);
    EXPECT_FALSE(h.has_offset);
}

TEST(SliceHeader, FirstLengthHeaderFrames) {
    SliceHeader h = header("SIP-C/4.0 188 Partial", "L: 4;p=8\r\nL: 9;p=0");
    EXPECT_EQ(h.offset, 8u);
    EXPECT_EQ(h.length, 4u);
}

TEST(Slices, InOrderMakeAWholeBody) {
    Body b;
    EXPECT_EQ(b.add(0, 100).fault, SliceFault::None);
    EXPECT_FALSE(b.coverage().complete());
    EXPECT_EQ(b.add(100, 100).fault, SliceFault::None);
    Slice last = b.add(200, 50, true);
    EXPECT_EQ(last.fault, SliceFault::None);
    EXPECT_EQ(last.arrival, 3u);
    SliceCoverage c = b.coverage();
    EXPECT_TRUE(c.complete());
    EXPECT_EQ(c.total, 250u);
    EXPECT_EQ(c.received, 250u);
    EXPECT_EQ(c.slices, 3u);
}

TEST(Slices, OutOfOrderAreKeptByOffset) {
    Body b;
    b.add(100, 100);
    b.add(0, 100);
    b.add(200, 1, true);
    ASSERT_EQ(b.count, 3u);
    EXPECT_EQ(b.slices[0].offset, 0u);
    EXPECT_EQ(b.slices[0].arrival, 2u);
    EXPECT_EQ(b.slices[1].offset, 100u);
    EXPECT_EQ(b.slices[1].arrival, 1u);
    EXPECT_TRUE(b.coverage().complete());
}

TEST(Slices, GapsAreFound) {
    Body b;
    b.add(0, 100);
    b.add(150, 50);
    b.add(300, 10, true);
    SliceCoverage c = b.coverage();
    EXPECT_TRUE(c.has_final);
    EXPECT_FALSE(c.complete());
    EXPECT_EQ(c.gaps, 2u);
    EXPECT_EQ(c.gap_start, 100u);
    EXPECT_EQ(c.gap_end, 150u);
    EXPECT_EQ(c.total, 310u);
    EXPECT_EQ(c.received, 160u);
}

TEST(Slices, MissingStartIsAGap) {
    Body b;
    b.add(500, 20, true);  // the capture missed the 188s
    SliceCoverage c = b.coverage();
    EXPECT_EQ(c.gaps, 1u);
    EXPECT_EQ(c.gap_start, 0u);
    EXPECT_EQ(c.gap_end, 500u);
}

TEST(Slices, WithoutFinalTheBodyIsNeverWhole) {
    Body b;
    b.add(0, 100);
    b.add(100, 100);
    SliceCoverage c = b.coverage();
    EXPECT_FALSE(c.has_final);
    EXPECT_FALSE(c.complete());
    EXPECT_EQ(c.gaps, 0u);
    EXPECT_EQ(c.total, 200u) << "the furthest byte seen";
}

TEST(Slices, OverlapsAreLeftOut) {
    Body b;
    b.add(0, 100);
    EXPECT_EQ(b.add(50, 100).fault, SliceFault::Overlap);
    EXPECT_EQ(b.add(0, 100).fault, SliceFault::Overlap) << "a slice sent twice";
    EXPECT_EQ(b.add(100, 0).fault, SliceFault::None) << "an empty slice overlaps nothing";
    EXPECT_EQ(b.add(100, 20, true).fault, SliceFault::None);
    SliceCoverage c = b.coverage();
    EXPECT_TRUE(c.complete()) << "the faulty slices do not count";
    EXPECT_EQ(c.slices, 3u);
    EXPECT_EQ(c.received, 120u);
    EXPECT_EQ(b.count, 5u) << "faulty slices are kept, to be shown";
}

TEST(Slices, DisagreementsWithTheEnd) {
    Body b;
    b.add(0, 100);
    b.add(100, 100);
    // The final slice says the body ends at 150, an earlier one reached 200.
    EXPECT_EQ(b.add(140, 10, true).fault, SliceFault::EndTooEarly);
    EXPECT_EQ(b.add(200, 10, true).fault, SliceFault::None);
    EXPECT_EQ(b.add(205, 10).fault, SliceFault::BeyondEnd);
    EXPECT_EQ(b.add(210, 0, true).fault, SliceFault::SecondFinal);
    EXPECT_TRUE(b.coverage().complete());
    EXPECT_EQ(b.coverage().total, 210u);
}

TEST(Slices, EmptyFinalSliceEndsTheBody) {
    Body b;
    b.add(0, 64);
    EXPECT_EQ(b.add(64, 0, true).fault, SliceFault::None);
    EXPECT_TRUE(b.coverage().complete());
    EXPECT_EQ(b.coverage().total, 64u);
}

TEST(Slices, LimitsBoundMemory) {
    Body b;
    b.limits.max_bytes = 1000;
    b.limits.max_slices = 3;
    EXPECT_EQ(b.add(900, 101).fault, SliceFault::TooLarge);
    EXPECT_EQ(b.add(0, 10).fault, SliceFault::None);
    EXPECT_EQ(b.add(10, 10, false, true).fault, SliceFault::Cut);
    Slice over = b.add(20, 10);
    EXPECT_EQ(over.fault, SliceFault::TooMany);
    EXPECT_EQ(over.arrival, 4u);
    EXPECT_EQ(b.count, 3u) << "a slice beyond the limit is not stored";
    SliceCoverage c = b.coverage();
    EXPECT_EQ(c.slices, 1u);
    EXPECT_EQ(c.received, 10u);
}

TEST(Slices, HugeOffsetsDoNotWrap) {
    Body b;
    b.limits.max_bytes = UINT64_MAX;
    EXPECT_EQ(b.add(0xFFFFFFF0u, 0x20).fault, SliceFault::None);
    EXPECT_EQ(b.slices[0].end(), 0x100000010ull);
    EXPECT_EQ(b.add(0, 0x10, true).fault, SliceFault::EndTooEarly);
}
