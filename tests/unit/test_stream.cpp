// SPDX-License-Identifier: GPL-2.0-or-later
// The stream loop step (next_stream_step) that the plugin and the fuzzer
// share: a message, garbage, more data, and bodies above the body limit.
#include <gtest/gtest.h>

#include <string>

#include "start_line.h"
#include "stream.h"

using namespace sipc;

namespace {

const std::string kKeepAlive = "R fetion.com.cn SIP-C/4.0\r\nF: 916098834\r\nI: 1\r\nQ: 3 R\r\nN: KeepAlive\r\n\r\n";

std::string with_body(size_t n) {
    return "BN 916098834 SIP-C/4.0\r\nN: PresenceV4\r\nI: 2\r\nQ: 1 BN\r\nL: " + std::to_string(n) + "\r\n\r\n" +
           std::string(n, 'x');
}

FrameLimits small_limit() {
    FrameLimits l;
    l.max_body = 100;
    return l;
}

}  // namespace

TEST(StreamStep, OneMessageThenTheNext) {
    std::string data = with_body(10) + kKeepAlive;
    StreamStep s = next_stream_step(data, FrameLimits{}, true);
    ASSERT_EQ(s.kind, StreamStep::Kind::Message);
    EXPECT_EQ(s.length, with_body(10).size());
    EXPECT_FALSE(s.frame.body_skipped);
}

TEST(StreamStep, AskForMoreOnlyWhenTheDataCanGrow) {
    std::string cut = with_body(10).substr(0, 40);
    EXPECT_EQ(next_stream_step(cut, FrameLimits{}, true).kind, StreamStep::Kind::NeedMore);
    StreamStep s = next_stream_step(cut, FrameLimits{}, false);
    ASSERT_EQ(s.kind, StreamStep::Kind::Message);
    EXPECT_TRUE(s.frame.truncated);
    EXPECT_EQ(s.length, cut.size());
}

TEST(StreamStep, BodyAboveTheLimitIsSkippedByL) {
    // The KeepAlive follows the body directly, with no line end before it.
    std::string big = with_body(500);
    std::string data = big + kKeepAlive;
    StreamStep s = next_stream_step(data, small_limit(), true);
    ASSERT_EQ(s.kind, StreamStep::Kind::Message);
    EXPECT_TRUE(s.frame.length_too_large);
    EXPECT_TRUE(s.frame.body_skipped);
    EXPECT_EQ(s.frame.body_len, 500u);
    EXPECT_EQ(s.length, big.size());
    EXPECT_EQ(s.skip_after, 0u);
    StreamStep next = next_stream_step(std::string_view(data).substr(s.length), small_limit(), true);
    EXPECT_EQ(next.kind, StreamStep::Kind::Message);
    EXPECT_EQ(next.length, kKeepAlive.size());
}

TEST(StreamStep, BodyAboveTheLimitPastTheDataIsSkippedLater) {
    std::string big = with_body(500);
    std::string head = big.substr(0, big.size() - 300);
    StreamStep s = next_stream_step(head, small_limit(), true);
    ASSERT_EQ(s.kind, StreamStep::Kind::Message);
    EXPECT_TRUE(s.frame.body_skipped);
    EXPECT_EQ(s.length, head.size());
    EXPECT_EQ(s.skip_after, 300u);
}

TEST(StreamStep, CorruptLFallsBackToTheSearch) {
    // L says 500, but the body is 20 bytes and then a KeepAlive on a line of
    // its own: nothing SIP-C starts at offset L, so L is not believed.
    std::string msg = "BN 916098834 SIP-C/4.0\r\nI: 2\r\nQ: 1 BN\r\nL: 500\r\n\r\n" + std::string(20, 'x') + "\r\n";
    std::string data = msg + kKeepAlive + std::string(600, 'y');
    StreamStep s = next_stream_step(data, small_limit(), true);
    ASSERT_EQ(s.kind, StreamStep::Kind::Message);
    EXPECT_FALSE(s.frame.body_skipped);
    EXPECT_EQ(s.frame.body_len, 0u);
    StreamStep g = next_stream_step(std::string_view(data).substr(s.length), small_limit(), true);
    ASSERT_EQ(g.kind, StreamStep::Kind::Garbage);
    EXPECT_EQ(s.length + g.length, msg.size());
}

TEST(StreamStep, TooManyDigitsIsNeverSkipped) {
    std::string msg = "BN 916098834 SIP-C/4.0\r\nI: 2\r\nQ: 1 BN\r\nL: 99999999999\r\n\r\n";
    StreamStep s = next_stream_step(msg + "abc", small_limit(), true);
    ASSERT_EQ(s.kind, StreamStep::Kind::Message);
    EXPECT_FALSE(s.frame.body_skipped);
    EXPECT_EQ(s.skip_after, 0u);
}

TEST(StreamStep, GarbageUpToTheNextStartLine) {
    std::string data = "\x16\x03\x01 binary\r\n" + kKeepAlive;
    StreamStep s = next_stream_step(data, FrameLimits{}, true);
    ASSERT_EQ(s.kind, StreamStep::Kind::Garbage);
    EXPECT_EQ(s.length, data.size() - kKeepAlive.size());
}

// The heuristic may hold back only a prefix that already names SIP-C's version.
TEST(DistinctivePrefix, OnlyTheVersionMarkerMakesItSafeToWait) {
    for (const char* shy : {"S", "N", "R", "OK", "YES", "GET", "GET /STATUS", "R fetion.com.cn", "R fetion.com.cn SIP",
                            "SIP-C", "SIP-"}) {
        EXPECT_FALSE(prefix_is_distinctive(shy)) << shy;
    }
    for (const char* sure : {"SIP-C/", "SIP-C/4.0 2", "R fetion.com.cn SIP-C/", "SUB fetion.com.cn SIP-C/2.0"}) {
        EXPECT_TRUE(prefix_is_distinctive(sure)) << sure;
    }
    // Complete lines are decided, not waited for.
    EXPECT_FALSE(prefix_is_distinctive("SIP-C/4.0 200 OK\r\n"));
}

TEST(StreamStep, CorruptLPastTheDataFallsBackToTheSearch) {
    // L says 500, the data ends before that, and a start line begins a line
    // inside what would be the body: the L lied.
    std::string msg = "BN 916098834 SIP-C/4.0\r\nI: 2\r\nQ: 1 BN\r\nL: 500\r\n\r\n" + std::string(20, 'x') + "\r\n";
    std::string data = msg + kKeepAlive;
    StreamStep s = next_stream_step(data, small_limit(), true);
    ASSERT_EQ(s.kind, StreamStep::Kind::Message);
    EXPECT_FALSE(s.frame.body_skipped);
    EXPECT_EQ(s.skip_after, 0u);
    StreamStep g = next_stream_step(std::string_view(data).substr(s.length), small_limit(), true);
    ASSERT_EQ(g.kind, StreamStep::Kind::Garbage);
    EXPECT_EQ(s.length + g.length, msg.size());
}

TEST(StreamStep, HeaderBlockAboveTheLimitWithItsEndInTheData) {
    // A header block longer than the limit is still framed at its empty
    // line when that line is in the data, and the next message follows.
    FrameLimits limits;
    limits.max_header_block = 256;
    std::string big = "BN 916098834 SIP-C/4.0\r\nI: 2\r\nQ: 1 BN\r\n";
    for (int i = 0; i < 20; ++i) big += "XX: " + std::string(30, 'a') + "\r\n";
    big += "L: 3\r\n\r\nabc";
    ASSERT_GT(big.size(), limits.max_header_block);
    std::string data = big + kKeepAlive;
    StreamStep s = next_stream_step(data, limits, true);
    ASSERT_EQ(s.kind, StreamStep::Kind::Message);
    EXPECT_FALSE(s.frame.header_block_too_long);
    EXPECT_EQ(s.length, big.size());
    StreamStep next = next_stream_step(std::string_view(data).substr(s.length), limits, true);
    EXPECT_EQ(next.kind, StreamStep::Kind::Message);
    EXPECT_EQ(next.length, kKeepAlive.size());
}
