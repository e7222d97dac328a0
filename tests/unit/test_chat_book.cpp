// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include "chat_book.h"

using namespace sipc;

namespace {
ChatEvent ev(ChatEvent::Kind k, uint32_t frame, double t, const char* from, const char* to = "",
             const char* text = "", bool delivered = false) {
    ChatEvent e;
    e.kind = k;
    e.session = 1;
    e.frame = frame;
    e.time = t;
    e.from = from;
    e.to = to;
    e.text = text;
    e.delivered = delivered;
    return e;
}

// A registers, B and C enter, A writes `text` to no one in particular.
void three_in_a_chat(ChatBook& b, const char* text) {
    b.add(ev(ChatEvent::Registered, 9, 1, "A"));
    b.add(ev(ChatEvent::Joined, 10, 2, "B"));
    b.add(ev(ChatEvent::Joined, 11, 3, "C"));
    b.add(ev(ChatEvent::Message, 12, 4, "A", "", text));
}
}  // namespace

TEST(ChatBook, SentAndDeliveredCopiesAreOneMessage) {
    ChatBook b;
    b.add(ev(ChatEvent::Joined, 23, 2.0, "818332893"));
    b.add(ev(ChatEvent::Message, 25, 7.1, "815389316", "", "767"));
    b.add(ev(ChatEvent::Message, 26, 7.2, "815389316", "818332893", "767", true));
    const auto& s = b.sessions().at(0);
    ASSERT_EQ(s.entries.size(), 2u);
    const auto& m = s.entries[1];
    EXPECT_TRUE(m.sent);
    EXPECT_EQ(m.frame, 25u);
    EXPECT_EQ(m.delivered_frame, 26u);
    EXPECT_EQ(m.to, "818332893");
    EXPECT_EQ(ChatBook::describe(s, m), "815389316 -> 818332893: 767");
}

TEST(ChatBook, DeliveredCopyFirstThenSent) {
    ChatBook b;
    b.add(ev(ChatEvent::Message, 26, 7.2, "815389316", "818332893", "767", true));
    b.add(ev(ChatEvent::Message, 25, 7.1, "815389316", "", "767"));
    const auto& s = b.sessions().at(0);
    ASSERT_EQ(s.entries.size(), 1u);
    EXPECT_EQ(s.entries[0].frame, 25u);
    EXPECT_EQ(s.entries[0].delivered_frame, 26u);
}

TEST(ChatBook, ReceiverDefaultsToTheOthers) {
    ChatBook b;
    three_in_a_chat(b, "hi");
    const auto& s = b.sessions().at(0);
    EXPECT_EQ(ChatBook::receiver(s, s.entries.back()), "B, C");
}

TEST(ChatBook, SessionsInOrderAndServers) {
    ChatBook b;
    ChatEvent t = ev(ChatEvent::Ticket, 5, 1, "");
    t.session = 2;
    t.server = "1.2.3.4:8080;1.2.3.4:443";
    b.add(t);
    ChatEvent r = ev(ChatEvent::Registered, 9, 2, "A");
    r.session = 1;
    r.server = "1.2.3.4:443";
    b.add(r);
    ASSERT_EQ(b.sessions().size(), 2u);
    EXPECT_EQ(b.sessions()[0].id, 1u);
    EXPECT_EQ(b.sessions()[1].announced, (std::vector<std::string>{"1.2.3.4:8080", "1.2.3.4:443"}));
    EXPECT_NE(b.report().find("Chat 2"), std::string::npos);
}

TEST(FormatUtc, Milliseconds) {
    EXPECT_EQ(format_utc(1261066437.1), "2009-12-17 16:13:57.100");
    EXPECT_EQ(format_utc(1261066437.9996), "2009-12-17 16:13:58.000");
}

TEST(JsonQuote, EscapesWhatJsonRequires) {
    EXPECT_EQ(json_quote("767"), "\"767\"");
    EXPECT_EQ(json_quote("say \"hi\" \\ bye"), "\"say \\\"hi\\\" \\\\ bye\"");
    EXPECT_EQ(json_quote("a\nb\rc\td"), "\"a\\nb\\rc\\td\"");
    EXPECT_EQ(json_quote(std::string_view("\x01\x1f\x00", 3)), "\"\\u0001\\u001f\\u0000\"");
    EXPECT_EQ(json_quote("</font>"), "\"</font>\"");  // '/' needs no escape
}

TEST(JsonQuote, KeepsUtf8AndReplacesInvalidBytes) {
    EXPECT_EQ(json_quote("宋体 聊天中"), "\"宋体 聊天中\"");
    EXPECT_EQ(json_quote("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");  // U+1F600, four bytes
    const std::string fffd = "\xEF\xBF\xBD";
    // A stray continuation byte, a lead byte cut short, an overlong '/',
    // a UTF-16 surrogate and a code point above U+10FFFF.
    EXPECT_EQ(json_quote("a\x80z"), "\"a" + fffd + "z\"");
    EXPECT_EQ(json_quote("a\xE5\xAE"), "\"a" + fffd + fffd + "\"");
    EXPECT_EQ(json_quote("\xC0\xAF"), "\"" + fffd + fffd + "\"");
    EXPECT_EQ(json_quote("\xED\xA0\x80"), "\"" + fffd + fffd + fffd + "\"");
    EXPECT_EQ(json_quote("\xF4\x90\x80\x80"), "\"" + fffd + fffd + fffd + fffd + "\"");
}

TEST(ChatBookJson, EmptyBook) { EXPECT_EQ(ChatBook().json(), "{\n  \"chats\": []\n}\n"); }

TEST(ChatBookJson, OneChat) {
    // The seed-000 chat in short: a ticket, a registration, an entry, and a
    // message whose relayed copy came later.
    ChatBook b;
    ChatEvent t = ev(ChatEvent::Ticket, 5, 1261066430.18, "");
    t.server = "221.176.31.108:8080;221.176.31.108:443";
    b.add(t);
    ChatEvent r = ev(ChatEvent::Registered, 9, 1261066430.6, "815389316");
    r.server = "221.176.31.108:8080";
    b.add(r);
    b.add(ev(ChatEvent::Joined, 23, 1261066432.0, "818332893"));
    b.add(ev(ChatEvent::Message, 25, 1261066437.1, "815389316", "", "say \"767\""));
    b.add(ev(ChatEvent::Message, 26, 1261066437.18, "815389316", "818332893", "say \"767\"", true));
    const std::string want =
        "{\n"
        "  \"chats\": [\n"
        "    {\n"
        "      \"chat\": 1,\n"
        "      \"start_time\": \"2009-12-17T16:13:50.180Z\", \"start_epoch\": 1261066430.180000,\n"
        "      \"end_time\": \"2009-12-17T16:13:57.180Z\", \"end_epoch\": 1261066437.180000,\n"
        "      \"parties\": [\"815389316\", \"818332893\"],\n"
        "      \"servers\": [\n"
        "        {\"address\": \"221.176.31.108:8080\", \"connected\": true},\n"
        "        {\"address\": \"221.176.31.108:443\", \"connected\": false}\n"
        "      ],\n"
        "      \"connections\": [\n"
        "        {\"time\": \"2009-12-17T16:13:50.600Z\", \"epoch\": 1261066430.600000, \"frame\": 9, "
        "\"party\": \"815389316\", \"server\": \"221.176.31.108:8080\"}\n"
        "      ],\n"
        "      \"messages\": [\n"
        "        {\"time\": \"2009-12-17T16:13:57.100Z\", \"epoch\": 1261066437.100000, \"frame\": 25, "
        "\"from\": \"815389316\", \"to\": [\"818332893\"], \"text\": \"say \\\"767\\\"\", \"sent\": true, "
        "\"delivered\": {\"time\": \"2009-12-17T16:13:57.180Z\", \"epoch\": 1261066437.180000, \"frame\": 26}}\n"
        "      ],\n"
        "      \"events\": [\n"
        "        {\"time\": \"2009-12-17T16:13:50.180Z\", \"epoch\": 1261066430.180000, \"frame\": 5, "
        "\"event\": \"ticket\", \"server\": \"221.176.31.108:8080;221.176.31.108:443\", "
        "\"what\": \"chat-server ticket issued (221.176.31.108:8080;221.176.31.108:443)\"},\n"
        "        {\"time\": \"2009-12-17T16:13:50.600Z\", \"epoch\": 1261066430.600000, \"frame\": 9, "
        "\"event\": \"registered\", \"from\": \"815389316\", \"server\": \"221.176.31.108:8080\", "
        "\"what\": \"815389316 registered on 221.176.31.108:8080\"},\n"
        "        {\"time\": \"2009-12-17T16:13:52.000Z\", \"epoch\": 1261066432.000000, \"frame\": 23, "
        "\"event\": \"joined\", \"from\": \"818332893\", \"what\": \"818332893 entered\"}\n"
        "      ]\n"
        "    }\n"
        "  ]\n"
        "}\n";
    EXPECT_EQ(b.json(), want);
}

TEST(ChatBookJson, RelayedCopyOnlyAndReceiversByDefault) {
    ChatBook b;
    three_in_a_chat(b, "to all");
    b.add(ev(ChatEvent::Message, 13, 5, "B", "C", "relayed", true));
    std::string j = b.json();
    EXPECT_NE(j.find("\"from\": \"A\", \"to\": [\"B\", \"C\"], \"text\": \"to all\", \"sent\": true, "
                     "\"delivered\": null}"),
              std::string::npos)
        << j;
    EXPECT_NE(j.find("\"frame\": 13, \"from\": \"B\", \"to\": [\"C\"], \"text\": \"relayed\", \"sent\": false, "
                     "\"delivered\": {\"time\": \"1970-01-01T00:00:05.000Z\", \"epoch\": 5.000000, \"frame\": 13}}"),
              std::string::npos)
        << j;
}

TEST(ChatBookJson, SeveralChatsAreSeparated) {
    ChatBook b;
    ChatEvent one = ev(ChatEvent::Joined, 3, 1, "A");
    ChatEvent two = ev(ChatEvent::Joined, 4, 2, "B");
    two.session = 2;
    b.add(two);
    b.add(one);
    std::string j = b.json();
    size_t first = j.find("\"chat\": 1,"), second = j.find("\"chat\": 2,");
    ASSERT_NE(first, std::string::npos);
    ASSERT_NE(second, std::string::npos);
    EXPECT_LT(first, second);
    EXPECT_NE(j.find("    },\n    {\n      \"chat\": 2,"), std::string::npos) << j;
}
