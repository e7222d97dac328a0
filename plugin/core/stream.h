// SPDX-License-Identifier: GPL-2.0-or-later
// The one loop that cuts a SIP-C byte stream into messages (doc/protocol.md,
// "Framing" and "What goes wrong on the wire"): the epan layer runs it over
// every TCP segment or reassembled buffer, and the fuzzer over any bytes, so
// the fuzzer exercises exactly what users run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "framing.h"

namespace sipc {

struct StreamStep {
    enum class Kind {
        LineEnds,  // stray CR/LF at the end of the data
        Garbage,   // bytes that are not SIP-C, up to the next start line
        Message,   // one message: `frame`
        NeedMore,  // the data ends inside a message; ask for more
    };
    Kind kind = Kind::LineEnds;
    size_t length = 0;     // bytes of the data this step covers (0 for NeedMore)
    size_t need = 0;       // NeedMore: bytes wanted from here, 0 when unknown
    FrameInfo frame;       // Message
    // Message whose L is above the body limit but whose end the data does
    // not reach: the body's bytes still to come after the data, which the
    // caller skips without reading (and checks for a start line after).
    uint64_t skip_after = 0;
};

// The next step at the start of `rest`.  can_grow: the data may still grow
// (TCP reassembly can be asked for more), so NeedMore may be answered.
StreamStep next_stream_step(std::string_view rest, const FrameLimits& limits, bool can_grow);

}  // namespace sipc
