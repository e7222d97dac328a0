// SPDX-License-Identifier: GPL-2.0-or-later
#include "chat_follow.h"

#include <algorithm>
#include <iterator>

namespace sipc {
namespace {

void insert_unique(std::vector<uint32_t>& sorted, uint32_t v) {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), v);
    if (it == sorted.end() || *it != v) sorted.insert(it, v);
}

std::vector<uint32_t> common(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
    std::vector<uint32_t> out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

}  // namespace

std::string follow_text(const ChatBook::Session& s, const ChatBook::Entry& e) {
    std::string out = format_utc(e.time) + "  " + ChatBook::describe(s, e);
    if (e.kind == ChatEvent::Message && e.sent) {
        if (e.delivered_frame)
            out += "  (delivered " + format_utc(e.delivered_time).substr(11) + ", frame " +
                   std::to_string(e.delivered_frame) + ")";
        else
            out += "  (no delivery seen)";
    }
    return out;
}

const ChatBook::Session* ChatFollow::session(uint32_t id) const {
    for (const ChatBook::Session& s : book_.sessions()) {
        if (s.id == id) return &s;
    }
    return nullptr;
}

std::vector<uint32_t> ChatFollow::which_followed() const {
    // The frame of the last message may have more messages to come: the
    // answer is final once the last frame is complete, and the lines are
    // made again whenever it changes.
    std::vector<uint32_t> in_every;
    if (in_frame_.empty())
        in_every = in_all_;
    else
        in_every = earlier_frames_ ? common(in_all_, in_frame_) : in_frame_;
    return in_every.empty() ? seen_ : in_every;
}

ChatFollow::Change ChatFollow::message(uint32_t frame, uint32_t chat) {
    if (frame != frame_) {
        if (!in_frame_.empty()) {
            in_all_ = earlier_frames_ ? common(in_all_, in_frame_) : in_frame_;
            earlier_frames_ = true;
        }
        in_frame_.clear();
        frame_ = frame;
    }
    if (chat) {
        insert_unique(in_frame_, chat);
        insert_unique(seen_, chat);
    }
    std::vector<uint32_t> now = which_followed();
    if (now == followed_) return {};
    followed_ = std::move(now);
    return rebuild();
}

ChatFollow::Change ChatFollow::event(const ChatEvent& e) {
    const ChatBook::Session* before = session(e.session);
    size_t size_before = before ? before->entries.size() : 0;
    size_t si = 0;
    size_t at = book_.add(e, &si);
    if (!std::binary_search(followed_.begin(), followed_.end(), e.session)) return {};
    if (followed_.size() != 1) return rebuild();
    const ChatBook::Session& s = book_.sessions()[si];
    // A new participant changes the receivers of earlier lines.
    if (s.participants.size() != participants_) return rebuild();
    if (s.entries.size() == size_before + 1) {
        if (at + 1 != s.entries.size()) return rebuild();  // earlier than the last line
        lines_.push_back(line_of(s, s.entries[at]));
        return {Change::Appended, at};
    }
    if (e.delivered) {  // the relayed copy of a message already shown
        lines_[at] = line_of(s, s.entries[at]);
        return {Change::Replaced, at};
    }
    return rebuild();  // the sender's copy after the relayed one: the line moved back
}

ChatFollow::Change ChatFollow::rebuild() {
    lines_.clear();
    for (uint32_t id : followed_) {
        const ChatBook::Session* s = session(id);
        if (!s) continue;
        for (const ChatBook::Entry& e : s->entries) lines_.push_back(line_of(*s, e));
    }
    if (followed_.size() > 1)
        std::stable_sort(lines_.begin(), lines_.end(), [](const Line& a, const Line& b) { return a.time < b.time; });
    const ChatBook::Session* one = followed_.size() == 1 ? session(followed_[0]) : nullptr;
    participants_ = one ? one->participants.size() : 0;
    return {Change::All, 0};
}

ChatFollow::Line ChatFollow::line_of(const ChatBook::Session& s, const ChatBook::Entry& e) const {
    // A line belongs to who acts in it: the sender, or else whom it concerns
    // (a ticket issued to a user).
    const std::string& who = e.from.empty() ? e.to : e.from;
    Line l;
    l.frame = e.frame;
    l.time = e.time;
    l.other_party = !who.empty() && !s.participants.empty() && who != s.participants.front();
    l.text = follow_text(s, e) + "\n";
    return l;
}

}  // namespace sipc
