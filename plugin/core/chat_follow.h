// SPDX-License-Identifier: GPL-2.0-or-later
//
// "Follow SIP-C chat" (Analyze > Follow, tshark -z follow,sipc,...): one chat
// as a readable transcript, a line per event in time order, across every
// connection of the chat.
//
// The follow filter picks frames, not messages: a frame passes when any of
// its messages belongs to the chat, so a frame that passes may also carry a
// message of another chat (two tickets in one segment, say).  The chat
// followed is the one every frame that passed has; ChatFollow works it out
// from the frames themselves, so it needs nothing but what each frame holds
// and works the same whichever way the filter was chosen.  When no chat is
// in every frame (a filter by connection, on a connection that carries
// several chats), every chat it saw is shown.
//
// Plain C++: it runs in tap callbacks, outside dissection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "chat_book.h"

namespace sipc {

class ChatFollow {
public:
    struct Line {
        uint32_t frame = 0;        // where it happened (a message: the sender's copy)
        double time = 0;           // seconds since the epoch
        bool other_party = false;  // said by someone other than the chat's first participant
        std::string text;          // one line, ending in '\n'
    };

    // What a call changed in lines(): nothing, one line added at the end,
    // one line rewritten in place (`index`), or anything.
    struct Change {
        enum Kind { None, Appended, Replaced, All };
        Kind kind = None;
        size_t index = 0;
    };

    // A message of a frame that passed the follow filter; chat 0: the
    // message belongs to no chat.  Frames come in increasing order.
    Change message(uint32_t frame, uint32_t chat);
    // An event of that message (e.session is its chat).
    Change event(const ChatEvent& e);

    const std::vector<Line>& lines() const { return lines_; }
    // The chats the lines are of, in increasing order.
    const std::vector<uint32_t>& followed() const { return followed_; }
    const ChatBook& book() const { return book_; }

    void clear() { *this = ChatFollow(); }

private:
    std::vector<uint32_t> which_followed() const;
    Change rebuild();
    Line line_of(const ChatBook::Session& s, const ChatBook::Entry& e) const;
    const ChatBook::Session* session(uint32_t id) const;

    ChatBook book_;
    uint32_t frame_ = 0;               // frame of the last message
    std::vector<uint32_t> in_frame_;   // chats of that frame's messages so far
    std::vector<uint32_t> in_all_;     // chats in every earlier frame that had one
    bool earlier_frames_ = false;      // whether in_all_ means anything yet
    std::vector<uint32_t> seen_;       // every chat seen
    std::vector<uint32_t> followed_;
    size_t participants_ = 0;          // of the one followed chat, when the lines were made
    std::vector<Line> lines_;
};

// One transcript line, without its end: "2009-12-17 16:13:57.100  815389316
// -> 818332893: 767  (delivered 16:13:57.180, frame 26)".  A message the
// capture shows only as sent says "(no delivery seen)"; one it shows only as
// relayed says so (ChatBook::describe).
std::string follow_text(const ChatBook::Session& s, const ChatBook::Entry& e);

}  // namespace sipc
