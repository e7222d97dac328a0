// SPDX-License-Identifier: GPL-2.0-or-later
// A framed message cut into its parts.
#pragma once

#include <string_view>

#include "framing.h"
#include "start_line.h"

namespace sipc {

struct MessageParts {
    std::string_view raw;           // start line through the body
    std::string_view start_text;    // the start line without its line end
    StartLine start;
    std::string_view header_block;  // header lines, without the line end of the last one
    std::string_view body;          // body_len bytes (fewer when truncated)
};

// `data` is what frame_message() was given; info its result.
MessageParts split_message(std::string_view data, const FrameInfo& info);

}  // namespace sipc
