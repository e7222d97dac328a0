// SPDX-License-Identifier: GPL-2.0-or-later
// What one dissected message tells the trackers, the body decoder and the
// taps.  Views point into the tvb's bytes, valid while the packet is
// dissected; everything here is trivially destructible (see text.h).
#pragma once

#include <string_view>
#include <type_traits>

#include "wireshark_includes.h"
#include "body_meaning.h"
#include "header_meaning.h"

namespace sipc::epan {

// What the body says (plugin/core/body_meaning.h), and the text of an M
// decoded to UTF-8 for the Info column, the chat tracker and the taps.
struct BodyFacts : BodyMeaning {
    const char* text = nullptr;  // message text of an M (UTF-8, pinfo->pool)
};

// The message's parts and what its headers say (plugin/core/header_meaning.h),
// with where it lies in the tvb.
struct MessageSummary : MessageFacts {
    FrameInfo frame;
    const char* base = nullptr;  // byte 0 of the tvb: tvb offset of a view = view.data() - base
    int offset = 0;              // tvb offset of the start line
    int credential_offset = -1;  // tvb offset and length of the credential value
    int credential_length = 0;

    BodyFacts body;

    int offset_of(std::string_view v) const { return static_cast<int>(v.data() - base); }
};

// Both live on the stack of dissect_message() across calls that can throw
// (doc/design.md "Exceptions are longjmp").
static_assert(std::is_trivially_destructible_v<BodyFacts>);
static_assert(std::is_trivially_destructible_v<MessageSummary>);

// Per-packet counter: the n-th SIP-C message of this frame.  It keys the
// per-message results kept across passes (p_add_proto_data).
guint32 next_message_ordinal(packet_info* pinfo);

}  // namespace sipc::epan
