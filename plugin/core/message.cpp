// SPDX-License-Identifier: GPL-2.0-or-later
#include "message.h"

#include "text.h"

namespace sipc {

MessageParts split_message(std::string_view data, const FrameInfo& info) {
    MessageParts m;
    std::string_view msg = data.substr(info.skipped);
    size_t len = info.header_len + info.body_len;
    m.raw = msg.substr(0, len);
    Line first = line_at(m.raw, 0);
    m.start_text = first.text;
    m.start = parse_start_line(first.text);
    size_t block_start = first.next;
    // The header block ends before the empty line; when the empty line is
    // missing it ends where the message ends.
    size_t block_end = info.header_len;
    if (!info.no_empty_line && !info.header_block_too_long && block_end >= block_start) {
        // Drop the empty line and the line end of the last header.
        size_t e = block_end;
        for (int i = 0; i < 2; ++i) {
            if (e > block_start && m.raw[e - 1] == '\n') --e;
            if (e > block_start && m.raw[e - 1] == '\r') --e;
        }
        block_end = e;
    }
    if (block_end < block_start) block_end = block_start;
    m.header_block = m.raw.substr(block_start, block_end - block_start);
    m.body = m.raw.substr(info.header_len, info.body_len);
    return m;
}

}  // namespace sipc
