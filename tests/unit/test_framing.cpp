// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include <string>

#include "framing.h"
#include "message.h"

using namespace sipc;

namespace {
const std::string kInvite =
    "I fetion.com.cn SIP-C/2.0\r\nF: 756444636\r\nI: 17 \r\nQ: 1 I\r\nL: 5\r\n\r\nhello";
const std::string kAck = "A fetion.com.cn SIP-C/2.0\r\nI: 17 \r\nQ: 1 A\r\n\r\n";
FrameLimits limits;
}  // namespace

TEST(Framing, BodyFramedByL) {
    FrameInfo f = frame_message(kInvite + kAck, limits);
    ASSERT_EQ(f.status, FrameStatus::Complete);
    EXPECT_EQ(f.body_len, 5u);
    EXPECT_EQ(f.total_len, kInvite.size());
    EXPECT_TRUE(f.has_length);
}

TEST(Framing, NoLengthMeansNoBody) {
    FrameInfo f = frame_message(kAck + kInvite, limits);
    ASSERT_EQ(f.status, FrameStatus::Complete);
    EXPECT_EQ(f.body_len, 0u);
    EXPECT_EQ(f.total_len, kAck.size());
}

TEST(Framing, EveryCutPointAsksForMore) {
    // Whatever the cut, a partial message is never taken as complete, and
    // once the headers are in, the exact total is asked for.
    for (size_t n = 1; n < kInvite.size(); ++n) {
        FrameInfo f = frame_message(std::string_view(kInvite).substr(0, n), limits);
        ASSERT_EQ(f.status, FrameStatus::NeedMore) << n;
        if (n >= kInvite.size() - 5) EXPECT_EQ(f.need, kInvite.size()) << n;
        else EXPECT_EQ(f.need, 0u) << n;
    }
}

TEST(Framing, StrayEmptyLinesAreSkipped) {
    FrameInfo f = frame_message("\r\n\r\n" + kAck, limits);
    ASSERT_EQ(f.status, FrameStatus::Complete);
    EXPECT_EQ(f.skipped, 4u);
    EXPECT_EQ(f.total_len, 4 + kAck.size());
}

TEST(Framing, LfOnlyLinesAreAccepted) {
    FrameInfo f = frame_message("BN 1 SIP-C/2.0\nI: 1\nQ: 1 BN\nL: 2\n\nab", limits);
    ASSERT_EQ(f.status, FrameStatus::Complete);
    EXPECT_EQ(f.body_len, 2u);
}

TEST(Framing, MissingEmptyLineEndsAtNextStartLine) {
    std::string broken = "O fetion.com.cn SIP-C/4.0\r\nI: 10\r\nQ: 2 O\r\n";
    FrameInfo f = frame_message(broken + kAck, limits);
    ASSERT_EQ(f.status, FrameStatus::Complete);
    EXPECT_TRUE(f.no_empty_line);
    EXPECT_EQ(f.total_len, broken.size());
}

TEST(Framing, InvalidLength) {
    FrameInfo f = frame_message("M x SIP-C/4.0\r\nL: 1x\r\n\r\nhello", limits);
    ASSERT_EQ(f.status, FrameStatus::Complete);
    EXPECT_TRUE(f.length_invalid);
    EXPECT_EQ(f.body_len, 0u);
}

TEST(Framing, AbsurdLengthIsNeitherWaitedForNorRead) {
    for (const char* l : {"L: 2000000", "L: 99999999999", "L: 999999999999999999999999999"}) {
        FrameInfo f = frame_message(std::string("S x SIP-C/4.0\r\n") + l + "\r\n\r\n<args/>", limits);
        ASSERT_EQ(f.status, FrameStatus::Complete) << l;
        EXPECT_TRUE(f.length_too_large) << l;
        EXPECT_EQ(f.body_len, 0u) << l;
    }
}

TEST(Framing, SliceOffsetIsNotMalformed) {
    FrameInfo f = frame_message("SIP-C/4.0 188 Partial\r\nI: 3\r\nQ: 1 S\r\nL: 4;p=100\r\n\r\nabcd", limits);
    ASSERT_EQ(f.status, FrameStatus::Complete);
    EXPECT_FALSE(f.length_invalid);
    EXPECT_EQ(f.body_len, 4u);
}

TEST(Framing, RepeatedLengthFirstOneFrames) {
    FrameInfo f = frame_message("SIP-C/4.0 200 OK\r\nL: 4\r\nL: 9\r\n\r\nabcdEFGHIJ", limits);
    EXPECT_TRUE(f.length_repeated);
    EXPECT_EQ(f.body_len, 4u);
}

TEST(Framing, LIsMatchedExactly) {
    // "LX:" is not L: no body.
    FrameInfo f = frame_message("SIP-C/4.0 200 OK\r\nLX: 4\r\n\r\nabcd", limits);
    EXPECT_FALSE(f.has_length);
    EXPECT_EQ(f.body_len, 0u);
}

TEST(Framing, EndlessHeadersStopAtTheLimit) {
    FrameLimits small;
    small.max_header_block = 64;
    std::string endless = "S x SIP-C/4.0\r\n" + std::string(100, 'K') + "\r\n";
    FrameInfo f = frame_message(endless, small);
    ASSERT_EQ(f.status, FrameStatus::Complete);
    EXPECT_TRUE(f.header_block_too_long);
}

TEST(Framing, AcceptTruncated) {
    FrameInfo f = accept_truncated(std::string_view(kInvite).substr(0, kInvite.size() - 2),
                                   frame_message(std::string_view(kInvite).substr(0, kInvite.size() - 2), limits));
    EXPECT_TRUE(f.truncated);
    EXPECT_FALSE(f.headers_truncated);
    EXPECT_EQ(f.body_len, 3u);
    FrameInfo h = accept_truncated("S x SIP-C/4.0\r\nF:", frame_message("S x SIP-C/4.0\r\nF:", limits));
    EXPECT_TRUE(h.headers_truncated);
}

TEST(Resync, FindsTheNextStartLineOnALineStart) {
    std::string junk = std::string("\x00\x01junk\r\nmore\r\n", 14);
    EXPECT_EQ(find_resync_point(junk + kAck), junk.size());
    EXPECT_EQ(find_resync_point("no line end at all"), std::string_view::npos);
    // A start line not at a line start is not taken.
    EXPECT_EQ(find_resync_point("xx" + kAck), std::string_view::npos);
}

TEST(SplitMessage, Parts) {
    std::string data = "\r\n" + kInvite;
    FrameInfo f = frame_message(data, limits);
    MessageParts m = split_message(data, f);
    EXPECT_EQ(m.start_text, "I fetion.com.cn SIP-C/2.0");
    EXPECT_EQ(m.header_block, "F: 756444636\r\nI: 17 \r\nQ: 1 I\r\nL: 5");
    EXPECT_EQ(m.body, "hello");
    EXPECT_EQ(m.start.kind, LineKind::Request);
}

TEST(SplitMessage, HeaderOnly) {
    std::string data = "S x SIP-C/2.0\r\n\r\n";
    MessageParts m = split_message(data, frame_message(data, limits));
    EXPECT_EQ(m.header_block, "");
    EXPECT_EQ(m.body, "");
}
