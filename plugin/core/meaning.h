// SPDX-License-Identifier: GPL-2.0-or-later
// From a framed message to a plain record of what it says: its parts, what
// its headers and its body say, and its summary.  The plugin reaches the
// same record through the epan layer's visitors (they draw the tree as the
// walk goes); the unit tests and the fuzzer call read_message().
#pragma once

#include <string_view>

#include "body_meaning.h"
#include "framing.h"
#include "header_meaning.h"
#include "summary.h"

namespace sipc {

struct MessageMeaning {
    MessageFacts message;
    BodyMeaning body;
    Summary summary;
};

// What read_body() is told about a message: a response's N: and method are
// not its own, so they are left out.
BodyContext body_context(const MessageFacts& m);

// `data` and `frame` as next_stream_step() gave them.  A body framed by an L
// above the limit (frame.body_skipped) is not read.
void read_message(std::string_view data, const FrameInfo& frame, MessageMeaning& out);

}  // namespace sipc
