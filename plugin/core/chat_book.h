// SPDX-License-Identifier: GPL-2.0-or-later
// The chats of a capture, as a reader wants them: per chat session, who took
// part, which chat servers, when, who joined and left, and every message with
// time, sender, receiver and text.  Fed one event at a time by the tap; used
// by tshark's "-z sipc,chats" report and by the GUI table.  Plain C++: it
// runs in tap callbacks, outside dissection, where containers are safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sipc {

struct ChatEvent {
    enum Kind {
        Ticket,      // a chat-server ticket issued (to: the user it was issued to, if known)
        InvitedBy,   // the server invites `to` into the chat on behalf of `from`
        Registered,  // `from` registered on chat server `server`
        Invited,     // `from` invites `to` (InviteBuddy)
        Joined,      // `from` entered (BN UserEntered)
        Left,        // `from` left (BN UserLeft)
        Failed,      // `from` could not be reached (BN UserFailed)
        Message,     // `from` -> `to`: text
        Nudge,       // `from` nudges `to`
        Bye,         // `from` leaves with BYE
    };
    Kind kind = Message;
    uint32_t session = 0;
    uint32_t frame = 0;
    double time = 0;            // seconds since the epoch
    std::string_view from, to;  // users: Fetion numbers where known
    std::string_view text;      // message text
    std::string_view server;    // Ticket: announced host:port list; Registered: host:port
    bool delivered = false;     // Message: the copy the server relays to a receiver
};

class ChatBook {
public:
    struct Entry {
        uint32_t id;  // stable: the n-th entry made, whatever moves around it
        ChatEvent::Kind kind;
        uint32_t frame;
        double time;
        std::string from, to, text, server;
        bool sent = false;             // Message: the sender's copy was seen
        uint32_t delivered_frame = 0;  // Message: the relayed copy
        double delivered_time = 0;
    };
    struct Session {
        uint32_t id = 0;
        std::vector<std::string> participants;  // in order of first appearance
        std::vector<std::string> announced;     // chat servers of the tickets
        std::vector<std::string> connected;     // chat servers clients registered on
        double start = 0, end = 0;
        std::vector<Entry> entries;
    };

    // Adds an event; returns the index (in the session) of the entry it made
    // or updated.  *session_index tells which session.
    size_t add(const ChatEvent& e, size_t* session_index = nullptr);

    const std::vector<Session>& sessions() const { return sessions_; }
    void clear() {
        sessions_.clear();
        next_id_ = 0;
    }

    // The receivers of an entry: its own, or else everyone else in the chat.
    static std::vector<std::string> receivers(const Session& s, const Entry& e);
    // The same, as the transcript shows them ("B, C").
    static std::string receiver(const Session& s, const Entry& e);
    // "What happened" in words, for the transcript and the GUI table.
    static std::string describe(const Session& s, const Entry& e);
    static const char* kind_name(ChatEvent::Kind k);

    // The report of "tshark -z sipc,chats".
    std::string report() const;
    // The same chats as one JSON document, for "tshark -z sipc,chats,json":
    // {"chats": [one object per chat]}; each chat has its parties, chat
    // servers, connections (registrations on a chat server), messages
    // (time, frame, from, to, text, delivered) and the other events.
    std::string json() const;

private:
    Session& session(uint32_t id, size_t* index);
    std::vector<Session> sessions_;
    uint32_t next_id_ = 0;
};

// "2009-12-17 16:13:57.102" (UTC)
std::string format_utc(double t);

// `text` as a JSON string literal, quotes included: '"', '\\' and control
// characters escaped, UTF-8 kept as it is; a byte that is not part of valid
// UTF-8 (the text comes from the packet) becomes U+FFFD, so that the
// document stays valid JSON whatever the capture holds.
std::string json_quote(std::string_view text);

}  // namespace sipc
