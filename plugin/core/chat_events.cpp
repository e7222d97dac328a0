// SPDX-License-Identifier: GPL-2.0-or-later
#include "chat_events.h"

#include "xml_scan.h"

namespace sipc {
namespace {

// A request sent by a server names its receiver in the request-URI (a bare
// Fetion number); clients always write the domain (doc/protocol.md "Request-URI").
bool sent_by_server(const ChatMessage& m) {
    return !m.request_uri.empty() && m.request_uri.find('.') == std::string_view::npos;
}

// The receiver of an M or IN: T:, or the request-URI of one the server relays.
std::string_view receiver(const ChatMessage& m, bool delivered) {
    if (!m.to.empty()) return user_of(m.to);
    return delivered ? user_of(m.request_uri) : std::string_view();
}

}  // namespace

int chat_events(const ChatMessage& m, ChatEvent (&out)[kMaxChatEvents]) {
    if (!m.session) return 0;
    int n = 0;
    ChatEvent e;
    e.session = m.session;
    e.frame = m.frame;
    e.time = m.time;

    if (m.issues_ticket) {
        e.kind = ChatEvent::Ticket;
        e.to = m.is_request ? user_of(m.request_uri) : std::string_view();
        e.server = m.chat_addresses;
        out[n++] = e;
        if (m.is_request && m.method == "I") {
            e.kind = ChatEvent::InvitedBy;
            e.from = user_of(m.from);
            e.server = {};
            out[n++] = e;
        }
        return n;
    }
    if (!m.is_request) return 0;
    e.from = user_of(m.from);
    if (m.presents_ticket) {
        e.kind = ChatEvent::Registered;
        e.server = m.destination;
        out[n++] = e;
    } else if (m.method == "S" && m.event == "InviteBuddy") {
        for (int i = 0; i < m.member_count; ++i) {
            e.kind = ChatEvent::Invited;
            e.to = user_of(m.members[i].uri);
            out[n++] = e;
        }
    } else if (m.method == "BN") {
        for (int i = 0; i < m.member_count; ++i) {
            std::string_view type = m.members[i].type;
            if (type == "UserEntered") e.kind = ChatEvent::Joined;
            else if (type == "UserLeft") e.kind = ChatEvent::Left;
            else if (type == "UserFailed") e.kind = ChatEvent::Failed;
            else continue;
            e.from = user_of(m.members[i].uri);
            e.to = {};
            out[n++] = e;
        }
    } else if (m.method == "M" && m.has_text) {
        e.kind = ChatEvent::Message;
        e.text = m.text;
        e.delivered = sent_by_server(m);
        e.to = receiver(m, e.delivered);
        out[n++] = e;
    } else if (m.method == "IN" && m.composing == "nudge") {
        e.kind = ChatEvent::Nudge;
        e.to = receiver(m, sent_by_server(m));
        out[n++] = e;
    } else if (m.method == "B") {
        e.kind = ChatEvent::Bye;
        out[n++] = e;
    }
    return n;
}

}  // namespace sipc
