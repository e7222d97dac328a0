// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include "start_line.h"

using namespace sipc;

TEST(StartLine, Request) {
    StartLine s = parse_start_line("R fetion.com.cn SIP-C/2.0");
    ASSERT_EQ(s.kind, LineKind::Request);
    EXPECT_EQ(s.method, "R");
    EXPECT_EQ(s.uri, "fetion.com.cn");
    EXPECT_EQ(s.version, "SIP-C/2.0");
}

TEST(StartLine, RequestToSidAndThreeLetterMethod) {
    StartLine s = parse_start_line("SUB 818332893 SIP-C/4.0");
    ASSERT_EQ(s.kind, LineKind::Request);
    EXPECT_EQ(s.method, "SUB");
    EXPECT_EQ(s.uri, "818332893");
    EXPECT_EQ(s.version, "SIP-C/4.0");
}

TEST(StartLine, Status) {
    StartLine s = parse_start_line("SIP-C/4.0 401 Unauthoried");
    ASSERT_EQ(s.kind, LineKind::Status);
    EXPECT_EQ(s.status, 401);
    EXPECT_EQ(s.reason, "Unauthoried");
    EXPECT_EQ(parse_start_line("SIP-C/2.0 280 Send SMS OK").reason, "Send SMS OK");
}

TEST(StartLine, StatusWithoutReason) {
    StartLine s = parse_start_line("SIP-C/2.0 200");
    ASSERT_EQ(s.kind, LineKind::Status);
    EXPECT_EQ(s.reason, "");
}

TEST(StartLine, TrailingSpaceAndCarriageReturn) {
    EXPECT_EQ(parse_start_line("M fetion.com.cn SIP-C/2.0 \r").kind, LineKind::Request);
}

TEST(StartLine, NotSipc) {
    for (const char* line : {"SIP/2.0 200 OK", "INVITE sip:a@b SIP/2.0", "GET / HTTP/1.1", "HTTP/1.1 200 OK",
                             "REGISTER sip:fetion.com.cn SIP-C/2.0", "R fetion.com.cn SIP/2.0",
                             "r fetion.com.cn SIP-C/2.0", "R  SIP-C/2.0", "SIP-C/2.0 20 OK", "SIP-C/2.0 2000 OK",
                             "SIP-C/x.0 200 OK", "R fetion.com.cn SIP-C/2.0x", "", "I: 17"}) {
        EXPECT_EQ(parse_start_line(line).kind, LineKind::Other) << line;
    }
}

TEST(Prefix, CompleteLines) {
    EXPECT_EQ(classify_prefix("R fetion.com.cn SIP-C/2.0\r\nF: 1"), Verdict::Yes);
    EXPECT_EQ(classify_prefix("SIP/2.0 200 OK\r\n"), Verdict::No);
}

TEST(Prefix, EveryPrefixOfAStartLineIsMaybe) {
    for (std::string line : {"R fetion.com.cn SIP-C/2.0\r", "SIP-C/2.0 200 OK\r", "SUB fetion.com.cn SIP-C/4.0\r",
                             "BN 442673010 SIP-C/2.0\r"}) {
        for (size_t n = 1; n <= line.size(); ++n)
            EXPECT_EQ(classify_prefix(line.substr(0, n)), Verdict::Maybe) << line.substr(0, n);
    }
}

TEST(Prefix, ForeignProtocolsAreRejectedEarly) {
    EXPECT_EQ(classify_prefix("SIP/"), Verdict::No);
    EXPECT_EQ(classify_prefix("GET / HTTP/"), Verdict::No);
    EXPECT_EQ(classify_prefix("INVITE"), Verdict::No);
    EXPECT_EQ(classify_prefix("\x16\x03\x01"), Verdict::No);
    EXPECT_EQ(classify_prefix("r"), Verdict::No);
    EXPECT_EQ(classify_prefix("SIP-C/2.0 2x"), Verdict::No);
    EXPECT_EQ(classify_prefix(std::string(2000, 'A')), Verdict::No);
}
