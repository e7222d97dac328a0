// SPDX-License-Identifier: GPL-2.0-or-later
// The chat events one message stands for (doc/protocol.md "Chat handoff"),
// as the chat reports and the chat follower record them: the rows of the
// chat table.  Read from what the "sipc" tap hands its listeners.
#pragma once

#include <cstdint>
#include <string_view>

#include "body_meaning.h"
#include "chat_book.h"

namespace sipc {

// What the chat reports need of one message; an empty view is an absent value.
struct ChatMessage {
    uint32_t session = 0;  // chat session of the message, 0 for none
    uint32_t frame = 0;
    double time = 0;
    bool is_request = false;
    std::string_view method;  // request method, or the CSeq method of a response
    std::string_view request_uri, from, to, event;
    std::string_view destination;     // "ip:port" the message was sent to
    std::string_view chat_addresses;  // address= of a CS ticket
    bool issues_ticket = false;       // carries a CS ticket
    bool presents_ticket = false;     // carries TICKS
    bool has_text = false;            // an M with its text decoded
    std::string_view text;
    std::string_view composing;  // <state> of an IN
    int member_count = 0;
    MemberEvent members[kMaxMemberEvents];
};

// One message stands for at most this many events: one per member.
constexpr int kMaxChatEvents = kMaxMemberEvents;

// Writes the events of `m` into `out`; returns how many.
int chat_events(const ChatMessage& m, ChatEvent (&out)[kMaxChatEvents]);

}  // namespace sipc
