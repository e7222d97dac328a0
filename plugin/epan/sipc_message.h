// SPDX-License-Identifier: GPL-2.0-or-later
// What one dissected message tells the trackers, the body decoder and the
// taps.  Views point into the tvb's bytes, valid while the packet is
// dissected; everything here is trivially destructible (see text.h).
#pragma once

#include <string_view>

#include "wireshark_includes.h"
#include "message.h"
#include "values.h"

namespace sipc::epan {

// A member that an event of a BN body names (UserEntered, UserLeft, ...), or
// a contact an InviteBuddy request invites.
struct MemberEvent {
    std::string_view type;  // event type; "Invited" for InviteBuddy contacts
    std::string_view uri;
};
constexpr int kMaxMemberEvents = 8;

// What the body says, for the Info column, the trackers and the taps.
struct BodyFacts {
    std::string_view event_type;  // type of the first <event>
    int event_count = 0;
    std::string_view event_types[kMaxMemberEvents];  // the first few event types
    MemberEvent members[kMaxMemberEvents];
    int member_count = 0;
    const char* text = nullptr;  // message text of an M (UTF-8, pinfo->pool)
    bool has_presence = false;
    uint16_t presence = 0;  // first presence value
    std::string_view presence_desc;  // its custom text
    int contact_count = 0;
    std::string_view reason_text;  // <reason text> of an error response
    bool has_config = false;       // a compressed custom-config
    std::string_view composing;    // <state> of an IN is-composing body: nudge, input, ...
};

struct MessageSummary {
    MessageParts parts;
    FrameInfo frame;
    const char* base = nullptr;  // byte 0 of the tvb: tvb offset of a view = view.data() - base
    int offset = 0;              // tvb offset of the start line
    bool is_request = false;

    bool has_call_id = false;
    int32_t call_id = 0;
    bool has_cseq = false;
    CSeq cseq;
    bool has_expires = false;
    uint32_t expires = 0;
    std::string_view from, to, event, message_id, content_type, cnonce;
    std::string_view first_auth_scheme;  // scheme of the first A header

    // The first A header with a chat-server ticket (CS) or login (TICKS).
    std::string_view auth_scheme;
    std::string_view credential;      // credential= of CS, auth= of TICKS
    std::string_view chat_addresses;  // address= of CS
    int credential_offset = -1;       // tvb offset and length of the credential value
    int credential_length = 0;

    BodyFacts body;

    int offset_of(std::string_view v) const { return static_cast<int>(v.data() - base); }
};

// Per-packet counter: the n-th SIP-C message of this frame.  It keys the
// per-message results kept across passes (p_add_proto_data).
guint32 next_message_ordinal(packet_info* pinfo);

}  // namespace sipc::epan
