// SPDX-License-Identifier: GPL-2.0-or-later
// What header lines say (plugin/core/header_meaning.h), from transcript
// messages: the chat handoff's tickets (doc/protocol.md "Chat handoff"),
// Call-ID and CSeq, and what a bad line does to the others.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "header_meaning.h"
#include "transcript_messages.h"

using namespace sipc;
using sipc::test::find_message;

namespace {

struct Recorder final : HeaderVisitor {
    std::vector<std::string_view> no_colons, unknowns, credentials, addresses, schemes;
    std::vector<HeaderValue> values;
    void no_colon(const HeaderLine& h) override { no_colons.push_back(h.line); }
    void unknown(const HeaderLine& h) override { unknowns.push_back(h.name); }
    void value(const HeaderLine&, const HeaderValue& v) override { values.push_back(v); }
    void auth(const HeaderLine&, const AuthHeader& a) override { schemes.push_back(a.scheme); }
    void auth_param(const HeaderLine&, const AuthHeader&, const AuthItem& item) override {
        if (item.credential) credentials.push_back(item.param.value);
        if (item.ticket_addresses) addresses.push_back(item.param.value);
    }
};

struct Read {
    HeaderFacts facts;
    Recorder seen;
};

Read read(std::string_view block) {
    Read r;
    read_headers(block, r.facts, r.seen);
    return r;
}

Read read(const std::string& transcript, std::initializer_list<std::string_view> needles) {
    return read(find_message(transcript, needles).meaning.message.parts.header_block);
}

}  // namespace

TEST(HeaderMeaning, ChatTickets) {
    const MessageFacts& issued = find_message("seed000-chat", {"A: CS address="}).meaning.message;
    EXPECT_EQ(issued.auth_scheme, "CS");
    EXPECT_EQ(issued.credential, "1279087023.1583835504");
    EXPECT_EQ(issued.chat_addresses, "221.176.31.108:8080;221.176.31.108:443");
    EXPECT_EQ(issued.first_auth_scheme, "CS");
    EXPECT_TRUE(issued.has_call_id);
    EXPECT_EQ(issued.call_id, 19);
    EXPECT_EQ(issued.cseq.seq, 1u);
    EXPECT_EQ(issued.cseq.method, "S");

    const MessageFacts& presented = find_message("seed000-chat", {"A: TICKS auth=\"1279087023.1008491823\""}).meaning.message;
    EXPECT_EQ(presented.auth_scheme, "TICKS");
    EXPECT_EQ(presented.credential, "1279087023.1008491823");
    EXPECT_EQ(presented.chat_addresses, "");
}

TEST(HeaderMeaning, VisitorSeesTheTicketParameters) {
    Recorder r = read("two-chats", {"credential=\"1279087023.2222222222\""}).seen;
    EXPECT_EQ(r.schemes, std::vector<std::string_view>{"CS"});
    EXPECT_EQ(r.credentials, std::vector<std::string_view>{"1279087023.2222222222"});
    EXPECT_EQ(r.addresses, std::vector<std::string_view>{"221.176.31.108:8080;221.176.31.108:443"});
}

TEST(HeaderMeaning, SecondCaptchaHeaderKeepsTheFirstScheme) {
    const MessageFacts& m = find_message("v4-login", {"A: Verify response=\"x7kq\""}).meaning.message;
    EXPECT_EQ(m.first_auth_scheme, "Digest");
    EXPECT_EQ(m.auth_scheme, "");
}

TEST(HeaderMeaning, MalformedLines) {
    auto [facts, r] = read("malformed", {"this line has no colon"});
    EXPECT_EQ(r.no_colons, std::vector<std::string_view>{"this line has no colon"});
    EXPECT_EQ(facts.call_id, 12);
    EXPECT_EQ(facts.cseq.method, "R");
    EXPECT_TRUE(facts.has_expires);
    EXPECT_EQ(facts.expires, 600u);

    EXPECT_EQ(read("malformed", {"ZZ fetion.com.cn"}).seen.unknowns.size(), 1u);

    // Two L: both are read; the framing believed the first.
    std::vector<uint32_t> seen;
    for (const HeaderValue& v : read("malformed", {"L: 4\r\nL: 9"}).seen.values)
        if (v.kind == ParseKind::LENGTH) seen.push_back(v.length.length);
    EXPECT_EQ(seen, (std::vector<uint32_t>{4, 9}));
}

TEST(HeaderMeaning, BadValuesAreToldNotBelieved) {
    auto [facts, r] = read("I: x17\r\nQ: 2\r\nX: -1\r\nI: 5\r\nL:  05");
    ASSERT_EQ(r.values.size(), 5u);
    EXPECT_FALSE(r.values[0].ok);
    EXPECT_FALSE(r.values[1].ok);
    EXPECT_FALSE(r.values[2].ok);
    EXPECT_TRUE(r.values[3].ok);
    EXPECT_EQ(facts.call_id, 5);
    EXPECT_FALSE(facts.has_cseq);
    EXPECT_FALSE(facts.has_expires);
    EXPECT_TRUE(r.values[4].length.leading_zero);
    EXPECT_TRUE(length_written_oddly(split_header_line("L:  05"), r.values[4].length));
    EXPECT_TRUE(length_written_oddly(split_header_line("L : 5"), LengthValue{}));
    EXPECT_FALSE(length_written_oddly(split_header_line("L: 5"), LengthValue{}));
}
