// SPDX-License-Identifier: GPL-2.0-or-later
// The chat events of messages of seed 000 (doc/protocol.md "Seed 000: the
// chat handoff of client 3.5.24") and of two-chats, as the chat table's rows
// show them.
#include <gtest/gtest.h>

#include "chat_events.h"
#include "transcript_messages.h"

using namespace sipc;
using sipc::test::find_message;
using sipc::test::message_text;

namespace {

// What the tap hands over for a message of chat session 1.
ChatMessage chat_message(const MessageMeaning& m, std::string_view text) {
    ChatMessage c;
    c.session = 1;
    c.is_request = m.message.is_request;
    c.method = m.message.is_request ? m.message.parts.start.method : m.message.cseq.method;
    c.request_uri = m.message.is_request ? m.message.parts.start.uri : std::string_view();
    c.from = m.message.from;
    c.to = m.message.to;
    c.event = m.message.event;
    c.chat_addresses = m.message.chat_addresses;
    c.has_text = m.body.is_message_text;
    c.text = text;
    c.composing = m.body.composing;
    c.member_count = m.body.member_count;
    for (int i = 0; i < m.body.member_count; ++i) c.members[i] = m.body.members[i];
    return c;
}

// The one event of the first message of `transcript` with `needle`.
ChatEvent only_event(const std::string& transcript, std::string_view needle, std::string_view text = {}) {
    ChatEvent e[kMaxChatEvents];
    int n = chat_events(chat_message(find_message(transcript, {needle}).meaning, text), e);
    EXPECT_EQ(n, 1) << needle;
    return n > 0 ? e[0] : ChatEvent{};
}

}  // namespace

TEST(ChatEvents, Seed000) {
    ChatEvent invited = only_event("seed000-chat", "N: InviteBuddy");
    EXPECT_EQ(invited.kind, ChatEvent::Invited);
    EXPECT_EQ(invited.from, "815389316");
    EXPECT_EQ(invited.to, "818332893");

    ChatEvent joined = only_event("seed000-chat", "BN 815389316");
    EXPECT_EQ(joined.kind, ChatEvent::Joined);
    EXPECT_EQ(joined.from, "818332893");

    // The server relays the message to 818332893: a delivered copy.
    std::string text = message_text(find_message("seed000-chat", {"M 818332893"}).meaning);
    ChatEvent relayed = only_event("seed000-chat", "M 818332893", text);
    EXPECT_EQ(relayed.kind, ChatEvent::Message);
    EXPECT_TRUE(relayed.delivered);
    EXPECT_EQ(relayed.to, "818332893");
    EXPECT_EQ(relayed.text, "767");

    // The server's INVITE carries a ticket for 818332893, sent on behalf of 815389316.
    ChatEvent e[kMaxChatEvents];
    ChatMessage handoff = chat_message(find_message("seed000-chat", {"I 818332893"}).meaning, "");
    handoff.issues_ticket = true;
    ASSERT_EQ(chat_events(handoff, e), 2);
    EXPECT_EQ(e[0].kind, ChatEvent::Ticket);
    EXPECT_EQ(e[0].to, "818332893");
    EXPECT_EQ(e[0].server, "221.176.31.108:8080;221.176.31.108:443");
    EXPECT_EQ(e[1].kind, ChatEvent::InvitedBy);
    EXPECT_EQ(e[1].from, "815389316");

    handoff.session = 0;
    EXPECT_EQ(chat_events(handoff, e), 0);
}

TEST(ChatEvents, NudgeAndLeave) {
    ChatEvent nudge = only_event("two-chats", "IN fetion.com.cn");
    EXPECT_EQ(nudge.kind, ChatEvent::Nudge);
    EXPECT_EQ(nudge.to, "818332893");
    ChatEvent left = only_event("two-chats", "UserLeft");
    EXPECT_EQ(left.kind, ChatEvent::Left);
    EXPECT_EQ(left.from, "813300001");
}
