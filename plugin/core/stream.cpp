// SPDX-License-Identifier: GPL-2.0-or-later
#include "stream.h"

#include "start_line.h"

namespace sipc {

namespace {

StreamStep garbage(std::string_view rest) {
    StreamStep s;
    s.kind = StreamStep::Kind::Garbage;
    size_t next = find_resync_point(rest);
    s.length = next == std::string_view::npos ? rest.size() : next;
    return s;
}

// Whether the bytes at `pos` begin a message (or could, when the data ends
// first): then an L above the body limit told the truth, and the body can
// be skipped by it instead of searched for the next start line.
bool message_starts_at(std::string_view rest, size_t pos) {
    std::string_view after = rest.substr(pos);
    after.remove_prefix(count_line_ends(after));
    return after.empty() || classify_prefix(after) != Verdict::No;
}

}  // namespace

StreamStep next_stream_step(std::string_view rest, const FrameLimits& limits, bool can_grow) {
    StreamStep s;
    size_t blank = count_line_ends(rest);
    if (blank == rest.size()) {
        s.length = rest.size();
        return s;
    }
    Verdict v = classify_prefix(rest.substr(blank));
    if (v == Verdict::Maybe && can_grow) {
        s.kind = StreamStep::Kind::NeedMore;
        return s;
    }
    if (v != Verdict::Yes) return garbage(rest);

    FrameInfo frame = frame_message(rest, limits);
    if (frame.status == FrameStatus::NeedMore) {
        if (can_grow) {
            s.kind = StreamStep::Kind::NeedMore;
            s.need = frame.need;
            return s;
        }
        frame = accept_truncated(rest, frame);
    }
    s.kind = StreamStep::Kind::Message;
    // An L above the limit frames no body.  When the L is a plain number, the
    // body is skipped by it unread: the next message follows it directly,
    // with no line end a search could find.  Where the data shows that no
    // message follows there, the L was corrupt and the search takes over.
    if (frame.length_too_large && !frame.length_invalid && frame.declared_len != UINT64_MAX &&
        !frame.no_empty_line && !frame.truncated) {
        size_t header_end = frame.skipped + frame.header_len;
        uint64_t body_end = header_end + frame.declared_len;
        if (body_end > rest.size()) {
            // The end is not in the data yet.  A complete start line at a
            // line start inside what is here says the L lied; bodies (XML,
            // text) do not hold one.
            if (find_complete_start_line(rest.substr(header_end), true) != std::string_view::npos) {
                s.frame = frame;
                s.length = frame.total_len;
                return s;
            }
            frame.body_len = rest.size() - header_end;
            frame.body_skipped = true;
            s.skip_after = body_end - rest.size();
        } else if (message_starts_at(rest, static_cast<size_t>(body_end))) {
            frame.body_len = static_cast<size_t>(frame.declared_len);
            frame.body_skipped = true;
        }
        frame.total_len = header_end + frame.body_len;
    }
    s.frame = frame;
    s.length = frame.total_len;
    return s;
}

}  // namespace sipc
