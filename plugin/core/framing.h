// SPDX-License-Identifier: GPL-2.0-or-later
// Message framing (doc/protocol.md "Framing"): start line, header lines, an empty line,
// then exactly L bytes of body (none without L).  Nothing separates one
// message from the next.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sipc {

struct FrameLimits {
    uint64_t max_body = 1024 * 1024;     // an L above this is not believed
    size_t max_header_block = 64 * 1024;  // stop waiting for the empty line after this much
};

enum class FrameStatus {
    Complete,  // total_len bytes form one message
    NeedMore,  // the message goes on past the data; see need
};

struct FrameInfo {
    FrameStatus status = FrameStatus::NeedMore;
    size_t skipped = 0;      // stray CR/LF before the start line (gradetwo's extra CRLF)
    size_t header_len = 0;   // start line through the empty line, from the start line
    size_t body_len = 0;     // bytes of body that belong to the message
    size_t total_len = 0;    // skipped + header_len + body_len
    size_t need = 0;         // NeedMore: total bytes needed, 0 when unknown (headers incomplete)
    uint64_t declared_len = 0;      // the L value as sent
    bool has_length = false;        // an L header was seen
    bool length_invalid = false;    // L is not a number
    bool length_too_large = false;  // L is above FrameLimits::max_body
    bool length_repeated = false;   // more than one L header
    bool no_empty_line = false;     // headers ran into the next start line
    bool header_block_too_long = false;  // no empty line within max_header_block
    bool truncated = false;         // cut off by the end of the data (see accept_truncated)
    bool headers_truncated = false; // ... before the empty line
    bool body_skipped = false;      // L above max_body: the body is framed by L but not read
};

// Frames the message at the start of `data`.  `data` must begin with a start
// line, possibly after stray line ends.  Never reads past `data`.
FrameInfo frame_message(std::string_view data, const FrameLimits& limits);

// Turns a NeedMore result into a Complete one that covers just the bytes
// present: for data that will never grow (end of capture, no reassembly).
FrameInfo accept_truncated(std::string_view data, FrameInfo info);

// Where, after unparseable bytes, the next message begins: the first line
// start after position 0 that holds a start line (complete, or an incomplete
// last line that may still become one).  npos when there is none.
size_t find_resync_point(std::string_view data);

// Where the first complete start line (a whole line that is one, not just a
// prefix) begins on a line of `data`: at 0 too when `starts_a_line`, else
// only after a line end.  npos when there is none.  A body, XML or text,
// holds none; finding one where a body should be says its L lied.
size_t find_complete_start_line(std::string_view data, bool starts_a_line);

// Number of CR and LF bytes at the start of `data`.
size_t count_line_ends(std::string_view data);

}  // namespace sipc
