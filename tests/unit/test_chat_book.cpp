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
    b.add(ev(ChatEvent::Registered, 9, 1, "A"));
    b.add(ev(ChatEvent::Joined, 10, 2, "B"));
    b.add(ev(ChatEvent::Joined, 11, 3, "C"));
    b.add(ev(ChatEvent::Message, 12, 4, "A", "", "hi"));
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
