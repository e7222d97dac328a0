// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "chat_follow.h"

using namespace sipc;

namespace {

using K = ChatEvent;

// A ChatEvent, said the way a test reads best:
// Ev(K::Message, chat, frame, time).from("A").to("B").text("hi").delivered().
struct Ev {
    ChatEvent e;
    Ev(K::Kind kind, uint32_t chat, uint32_t frame, double time) {
        e.kind = kind;
        e.session = chat;
        e.frame = frame;
        e.time = time;
    }
    Ev& from(const char* v) {
        e.from = v;
        return *this;
    }
    Ev& to(const char* v) {
        e.to = v;
        return *this;
    }
    Ev& text(const char* v) {
        e.text = v;
        return *this;
    }
    Ev& delivered() {
        e.delivered = true;
        return *this;
    }
    operator ChatEvent() const { return e; }
};

// The lines a follow would show made again from scratch: every entry of the
// chats followed, in time order.  Whatever a follow did step by step must
// come to this.
std::vector<std::string> from_scratch(const ChatFollow& f) {
    std::vector<std::pair<double, std::string>> all;
    for (uint32_t id : f.followed()) {
        for (const ChatBook::Session& s : f.book().sessions()) {
            if (s.id != id) continue;
            for (const ChatBook::Entry& e : s.entries) all.emplace_back(e.time, follow_text(s, e) + "\n");
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& [t, text] : all) out.push_back(text);
    return out;
}

std::vector<std::string> texts(const ChatFollow& f) {
    std::vector<std::string> out;
    for (const ChatFollow::Line& l : f.lines()) out.push_back(l.text);
    return out;
}

// Feeds one message and its events, checking after every step that the
// lines are what they would be from scratch.
void feed(ChatFollow& f, uint32_t frame, uint32_t chat, std::vector<ChatEvent> events = {}) {
    f.message(frame, chat);
    ASSERT_EQ(texts(f), from_scratch(f)) << "frame " << frame;
    for (const ChatEvent& e : events) {
        f.event(e);
        ASSERT_EQ(texts(f), from_scratch(f)) << "frame " << frame;
    }
}

}  // namespace

TEST(ChatFollow, OneChatAsTranscriptLines) {
    ChatFollow f;
    feed(f, 5, 1, {Ev(K::Ticket, 1, 5, 50.18)});
    feed(f, 9, 1, {Ev(K::Registered, 1, 9, 50.6).from("815389316")});
    feed(f, 23, 1, {Ev(K::Joined, 1, 23, 52.0).from("818332893")});
    feed(f, 25, 1, {Ev(K::Message, 1, 25, 57.1).from("815389316").text("767")});
    feed(f, 26, 1, {Ev(K::Message, 1, 26, 57.18).from("815389316").to("818332893").text("767").delivered()});
    ASSERT_EQ(f.lines().size(), 4u);
    EXPECT_EQ(f.followed(), std::vector<uint32_t>{1});
    const ChatFollow::Line& m = f.lines().back();
    EXPECT_EQ(m.text, "1970-01-01 00:00:57.100  815389316 -> 818332893: 767  (delivered 00:00:57.180, frame 26)\n");
    EXPECT_EQ(m.frame, 25u);
    EXPECT_DOUBLE_EQ(m.time, 57.1);
    EXPECT_FALSE(m.other_party);
    EXPECT_TRUE(f.lines()[2].other_party);  // 818332893 entered
    EXPECT_FALSE(f.lines()[0].other_party);  // the ticket of the first participant
}

TEST(ChatFollow, WhatEachStepChanged) {
    ChatFollow f;
    EXPECT_EQ(f.message(9, 1).kind, ChatFollow::Change::All);  // chat 1 is followed from now on
    EXPECT_EQ(f.event(Ev(K::Registered, 1, 9, 1).from("A")).kind, ChatFollow::Change::All);  // A is new
    f.message(10, 1);
    EXPECT_EQ(f.event(Ev(K::Joined, 1, 10, 2).from("B")).kind, ChatFollow::Change::All);
    f.message(11, 1);
    ChatFollow::Change c = f.event(Ev(K::Message, 1, 11, 3).from("A").text("hi"));
    EXPECT_EQ(c.kind, ChatFollow::Change::Appended);
    EXPECT_EQ(c.index, 2u);
    f.message(12, 1);
    c = f.event(Ev(K::Message, 1, 12, 3.1).from("A").to("B").text("hi").delivered());
    EXPECT_EQ(c.kind, ChatFollow::Change::Replaced);
    EXPECT_EQ(c.index, 2u);
    EXPECT_NE(f.lines()[2].text.find("(delivered "), std::string::npos);
    EXPECT_EQ(f.message(12, 1).kind, ChatFollow::Change::None);
}

TEST(ChatFollow, SentOnlyAndRelayedOnly) {
    ChatFollow f;
    feed(f, 1, 1, {Ev(K::Registered, 1, 1, 1).from("A"), Ev(K::Joined, 1, 1, 1).from("B")});
    feed(f, 2, 1, {Ev(K::Message, 1, 2, 2).from("A").text("sent only")});
    feed(f, 3, 1, {Ev(K::Message, 1, 3, 3).from("B").to("A").text("relayed only").delivered()});
    ASSERT_EQ(f.lines().size(), 4u);
    EXPECT_EQ(f.lines()[2].text.substr(25), "A -> B: sent only  (no delivery seen)\n");
    EXPECT_EQ(f.lines()[3].text.substr(25), "B -> A: relayed only  [relayed copy only]\n");
    EXPECT_TRUE(f.lines()[3].other_party);
}

TEST(ChatFollow, SendersCopyAfterTheRelayedOneMovesTheLineBack) {
    ChatFollow f;
    feed(f, 1, 1, {Ev(K::Registered, 1, 1, 1).from("A"), Ev(K::Joined, 1, 1, 1).from("B")});
    feed(f, 4, 1, {Ev(K::Message, 1, 4, 4).from("A").to("B").text("late").delivered()});
    feed(f, 5, 1, {Ev(K::Joined, 1, 5, 5).from("C")});
    feed(f, 6, 1, {Ev(K::Message, 1, 6, 3).from("A").text("late")});
    ASSERT_EQ(f.lines().size(), 4u);
    EXPECT_EQ(f.lines()[2].frame, 6u);
    EXPECT_NE(f.lines()[2].text.find("A -> B: late  (delivered "), std::string::npos);
}

TEST(ChatFollow, ANewPartyRewritesTheReceiversOfEarlierLines) {
    ChatFollow f;
    feed(f, 1, 1, {Ev(K::Registered, 1, 1, 1).from("A"), Ev(K::Joined, 1, 1, 1).from("B")});
    feed(f, 2, 1, {Ev(K::Message, 1, 2, 2).from("A").text("hi all")});
    EXPECT_NE(f.lines()[2].text.find("A -> B: hi all"), std::string::npos);
    feed(f, 3, 1, {Ev(K::Joined, 1, 3, 3).from("C")});
    EXPECT_NE(f.lines()[2].text.find("A -> B, C: hi all"), std::string::npos);
}

TEST(ChatFollow, TheChatInEveryFrameIsTheOneFollowed) {
    // Following chat 2: frame 6 carries the tickets of chats 1 and 2 (one
    // segment), the other frames are chat 2's alone.
    ChatFollow f;
    feed(f, 6, 1, {Ev(K::Ticket, 1, 6, 1)});
    feed(f, 6, 2, {Ev(K::Ticket, 2, 6, 1)});
    EXPECT_EQ(f.followed(), (std::vector<uint32_t>{1, 2}));
    feed(f, 11, 2, {Ev(K::Registered, 2, 11, 2).from("A")});
    EXPECT_EQ(f.followed(), std::vector<uint32_t>{2});
    feed(f, 18, 2, {Ev(K::Invited, 2, 18, 3).from("A").to("B")});
    ASSERT_EQ(f.lines().size(), 3u);
    for (const ChatFollow::Line& l : f.lines()) EXPECT_NE(l.frame, 0u);
}

TEST(ChatFollow, AFrameWithAnotherChatBeforeTheFollowedOne) {
    ChatFollow f;
    feed(f, 3, 2, {Ev(K::Registered, 2, 3, 1).from("A")});
    feed(f, 7, 1, {Ev(K::Ticket, 1, 7, 2)});  // chat 1 first in the frame ...
    feed(f, 7, 2, {Ev(K::Joined, 2, 7, 2).from("B")});  // ... then chat 2's message
    EXPECT_EQ(f.followed(), std::vector<uint32_t>{2});
    ASSERT_EQ(f.lines().size(), 2u);
}

TEST(ChatFollow, NoChatInEveryFrameShowsEveryChat) {
    // A filter by connection on a signaling connection with two chats.
    ChatFollow f;
    feed(f, 4, 0);  // a message of no chat in a frame that passed
    EXPECT_TRUE(f.followed().empty());
    feed(f, 6, 1, {Ev(K::Ticket, 1, 6, 6)});
    feed(f, 7, 2, {Ev(K::Ticket, 2, 7, 7)});
    EXPECT_EQ(f.followed(), (std::vector<uint32_t>{1, 2}));
    feed(f, 9, 1, {Ev(K::Ticket, 1, 9, 5).from("A")});
    ASSERT_EQ(f.lines().size(), 3u);
    EXPECT_EQ(f.lines()[0].frame, 9u);  // in time order across the chats
}

TEST(ChatFollow, ClearStartsOver) {
    ChatFollow f;
    feed(f, 1, 1, {Ev(K::Registered, 1, 1, 1).from("A")});
    f.clear();
    EXPECT_TRUE(f.lines().empty());
    EXPECT_TRUE(f.followed().empty());
    feed(f, 1, 3, {Ev(K::Registered, 3, 1, 1).from("Z")});
    EXPECT_EQ(f.followed(), std::vector<uint32_t>{3});
}
