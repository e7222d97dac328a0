// SPDX-License-Identifier: GPL-2.0-or-later
// What a body says (doc/protocol.md "Bodies"): the values of the XML
// attributes of fields/body_attributes.def, BN events and the members they
// name, presence, contacts, the reason of an error, the composing state of
// an IN, and the text of an M.  The epan layer renders the same walk into
// fields (a BodyVisitor); the unit tests and the fuzzer walk it without one.
#pragma once

#include <cstdint>
#include <string_view>

namespace sipc {

// Body fields of fields/body_fields.def.
enum class BodyField : int {
#define SIPC_BODY_FIELD(id, filter, ftype, names, name, desc) id,
#include "../../fields/body_fields.def"
#undef SIPC_BODY_FIELD
    Count
};
constexpr int kBodyFieldCount = static_cast<int>(BodyField::Count);

// A member that an event of a BN body names (UserEntered, UserLeft, ...), or
// a contact an InviteBuddy request invites.
struct MemberEvent {
    std::string_view type;  // event type; "Invited" for InviteBuddy contacts
    std::string_view uri;
};
constexpr int kMaxMemberEvents = 8;

// Views into the body; the first of each where only one is kept.
struct BodyMeaning {
    std::string_view event_type;  // type of the first <event>
    int event_count = 0;
    std::string_view event_types[kMaxMemberEvents];  // the first few event types
    MemberEvent members[kMaxMemberEvents];
    int member_count = 0;
    bool has_presence = false;
    uint16_t presence = 0;           // first presence value
    std::string_view presence_desc;  // its custom text
    int contact_count = 0;
    std::string_view reason_text;  // <reason text> of an error response
    bool has_config = false;       // a compressed custom-config
    std::string_view composing;    // <state> of an IN is-composing body: nudge, input, ...
    // An M: the body is its text, an HTML fragment when message_html
    // (doc/protocol.md "Text and HTML fragments"); html_to_text() reads it.
    bool is_message_text = false;
    bool message_html = false;
};

// One attribute value that feeds a body field.
struct BodyValue {
    BodyField field = BodyField::Count;
    std::string_view value;  // raw: entities not decoded
    bool is_number = false;  // a number field (presence, relation, ...)
    bool number_ok = false;  // is_number: the value is a number the field holds
    uint32_t number = 0;
};

// Callbacks of read_body(); the defaults do nothing.  Trivially
// destructible (doc/design.md "Exceptions are longjmp").
class BodyVisitor {
public:
    virtual void value(const BodyValue&) {}
    // The text of a <state> of an is-composing body.
    virtual void composing(std::string_view) {}
    // A custom-config: text of <custom-config>, or text that looks like
    // gzip in base64 (doc/protocol.md "Compressed custom-config").
    virtual void config(std::string_view /*element*/, std::string_view /*text*/) {}

protected:
    ~BodyVisitor() = default;
};

// What a message's body is read as.
struct BodyContext {
    std::string_view body;
    std::string_view content_type;  // the first C:
    std::string_view event;         // N: of a request
    std::string_view method;        // request method, empty for a response
};

// Reads the body once: an M's text, or the XML attributes that feed
// fields.  Nothing for an empty body, an HTML fragment or a body that is
// not XML.
void read_body(const BodyContext& m, BodyMeaning& out, BodyVisitor& visitor);

}  // namespace sipc
