// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "headers.h"
#include "values.h"

using namespace sipc;

TEST(Headers, ExactNamesAndTrimmedValues) {
    HeaderCursor c("XI: 3d2e\r\nX: 1200\r\nI: 17 \r\nCN: ABC\r\nC: text/plain\r\nCL: type=\"pc\"\r\nAK: ak-value");
    std::vector<std::pair<HeaderId, std::string_view>> got;
    HeaderLine h;
    while (c.next(h)) got.emplace_back(h.id, h.value);
    ASSERT_EQ(got.size(), 7u);
    EXPECT_EQ(got[0], std::make_pair(HeaderId::MessageId, std::string_view("3d2e")));
    EXPECT_EQ(got[1], std::make_pair(HeaderId::Expires, std::string_view("1200")));
    EXPECT_EQ(got[2], std::make_pair(HeaderId::CallId, std::string_view("17")));
    EXPECT_EQ(got[3].first, HeaderId::ClientNonce);
    EXPECT_EQ(got[4].first, HeaderId::ContentType);
    EXPECT_EQ(got[5].first, HeaderId::ClientInfo);
    EXPECT_EQ(got[6].first, HeaderId::AuthKey);
}

TEST(Headers, UnknownAndNoColon) {
    HeaderCursor c("YY: new\r\nno colon here\r\nf: lower");
    HeaderLine h;
    ASSERT_TRUE(c.next(h));
    EXPECT_EQ(h.id, HeaderId::Unknown);
    EXPECT_TRUE(h.has_colon);
    ASSERT_TRUE(c.next(h));
    EXPECT_FALSE(h.has_colon);
    EXPECT_EQ(h.line, "no colon here");
    ASSERT_TRUE(c.next(h));
    EXPECT_EQ(h.id, HeaderId::Unknown) << "names are case-sensitive";
    EXPECT_FALSE(c.next(h));
}

TEST(Values, CSeq) {
    CSeq q;
    ASSERT_TRUE(parse_cseq("200002 I", q));
    EXPECT_EQ(q.seq, 200002u);
    EXPECT_EQ(q.method, "I");
    EXPECT_FALSE(parse_cseq("x S", q));
    EXPECT_FALSE(parse_cseq("12", q));
}

TEST(Values, Numbers) {
    int32_t i = 0;
    EXPECT_TRUE(parse_i32("-34", i));
    EXPECT_EQ(i, -34);
    EXPECT_TRUE(parse_i32("-2147483648", i));
    EXPECT_FALSE(parse_i32("2147483648", i));
    EXPECT_FALSE(parse_i32("17a", i));
    uint32_t u = 0;
    EXPECT_TRUE(parse_u32("4294967295", u));
    EXPECT_FALSE(parse_u32("4294967296", u));
    EXPECT_FALSE(parse_u32("", u));
}

TEST(Values, Length) {
    LengthValue l;
    ASSERT_TRUE(parse_length("4;p=100", l));
    EXPECT_EQ(l.length, 4u);
    EXPECT_TRUE(l.has_offset);
    EXPECT_EQ(l.offset, 100u);
    ASSERT_TRUE(parse_length(" 129 ", l));
    EXPECT_FALSE(l.has_offset);
    EXPECT_FALSE(parse_length("1x", l));
}

TEST(Values, ChatTicket) {
    ParamCursor pc = ParamCursor::with_scheme(
        "CS address=\"221.176.31.128:8080;221.176.31.128:443\",credential=\"439333922.916967705\"");
    EXPECT_EQ(pc.scheme(), "CS");
    Param p;
    ASSERT_TRUE(pc.next(p));
    EXPECT_EQ(p.name, "address");
    EXPECT_EQ(p.value, "221.176.31.128:8080;221.176.31.128:443");
    ASSERT_TRUE(pc.next(p));
    EXPECT_EQ(p.name, "credential");
    EXPECT_EQ(p.value, "439333922.916967705");
    EXPECT_FALSE(pc.next(p));

    AddressCursor ac("221.176.31.128:8080;221.176.31.128:443");
    std::string_view a;
    ASSERT_TRUE(ac.next(a));
    std::string_view host;
    uint16_t port = 0;
    ASSERT_TRUE(split_host_port(a, host, port));
    EXPECT_EQ(host, "221.176.31.128");
    EXPECT_EQ(port, 8080);
    ASSERT_TRUE(ac.next(a));
    EXPECT_EQ(a, "221.176.31.128:443");
    EXPECT_FALSE(ac.next(a));
}

TEST(Values, SchemeWithoutSpace) {
    ParamCursor pc = ParamCursor::with_scheme("TICKSauth=\"1279087023.1583835504\"");
    EXPECT_EQ(pc.scheme(), "TICKS");
    EXPECT_TRUE(pc.scheme_glued());
    Param p;
    ASSERT_TRUE(pc.next(p));
    EXPECT_EQ(p.name, "auth");
    EXPECT_EQ(p.value, "1279087023.1583835504");
}

TEST(Values, DigestParameters) {
    ParamCursor pc = ParamCursor::with_scheme(
        "Digest algorithm=\"MD5-sess;SHA1-sess\",nonce=\"1C9A8C7B39E985A021BCD58115322B0C\"");
    EXPECT_EQ(pc.scheme(), "Digest");
    Param p;
    ASSERT_TRUE(pc.next(p));
    EXPECT_EQ(p.value, "MD5-sess;SHA1-sess");
    ASSERT_TRUE(pc.next(p));
    EXPECT_EQ(p.name, "nonce");
}

TEST(Values, ClientInfoSpaceBeforeComma) {
    ParamCursor pc = ParamCursor::params_only("type=\"pc\" ,version=\"4.3.0980\"");
    Param p;
    ASSERT_TRUE(pc.next(p));
    EXPECT_EQ(p.text, "type=\"pc\"");
    ASSERT_TRUE(pc.next(p));
    EXPECT_EQ(p.name, "version");
    EXPECT_EQ(p.value, "4.3.0980");
    EXPECT_FALSE(pc.next(p));
}

TEST(Values, BrokenParametersDoNotLoop) {
    for (const char* v : {"CS address=\"unterminated", "Digest ,,,==\"\"", "X =", "\"", "a=b,,c"}) {
        ParamCursor pc = ParamCursor::with_scheme(v);
        Param p;
        int n = 0;
        while (pc.next(p) && n < 100) ++n;
        EXPECT_LT(n, 100) << v;
    }
}
