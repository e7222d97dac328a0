// SPDX-License-Identifier: GPL-2.0-or-later
// What the header lines of a message say: the values the trackers, the Info
// column and the summary need (doc/protocol.md "Headers"), and what each
// line's value decodes to.  The epan layer renders the same walk into tree
// items (a HeaderVisitor); the unit tests and the fuzzer walk it without one.
#pragma once

#include <cstdint>
#include <string_view>

#include "headers.h"
#include "message.h"
#include "values.h"

namespace sipc {

// The first of each: a repeated header is shown but not believed.
struct HeaderFacts {
    bool has_call_id = false;
    int32_t call_id = 0;
    bool has_cseq = false;
    CSeq cseq;
    std::string_view cseq_value;  // the whole Q value, as the tree shows it
    bool has_expires = false;
    uint32_t expires = 0;
    std::string_view from, to, event, message_id, content_type, cnonce;
    std::string_view first_auth_scheme;  // scheme of the first A header

    // The first A header with a chat-server ticket (CS) or login (TICKS):
    // doc/protocol.md "Chat handoff".
    std::string_view auth_scheme;
    std::string_view credential;      // credential= of CS, auth= of TICKS
    std::string_view chat_addresses;  // address= of CS
};

// A framed message's parts and what its headers say.
struct MessageFacts : HeaderFacts {
    MessageParts parts;
    bool is_request = false;
};

// What the value of one header line decodes to, by the parse kind of its
// header in fields/headers.def.
struct HeaderValue {
    ParseKind kind = ParseKind::TEXT;
    bool ok = true;  // false: INT32, UINT32, CSEQ or LENGTH that does not decode
    int32_t i32 = 0;
    uint32_t u32 = 0;
    CSeq cseq;
    LengthValue length;
};

// One parameter of an A or W header, as the handoff reads it.
struct AuthItem {
    Param param;
    bool credential = false;         // the ticket's credential (CS credential=, TICKS auth=)
    bool ticket_addresses = false;   // address= of a ticket: host:port list
    bool first_ticket = false;       // of the first ticket header: what HeaderFacts keeps
};

// An A or W header: its scheme and whether it carries a ticket.
struct AuthHeader {
    bool www = false;  // W: a challenge, never a ticket
    std::string_view scheme;
    bool scheme_glued = false;  // "TICKSauth=": no space after the scheme
    bool ticket = false;
    bool first_ticket = false;
};

// Callbacks of read_headers(), one per line in order; the defaults do
// nothing.  Trivially destructible, so a visitor may live on a stack that a
// Wireshark exception unwinds (doc/design.md "Exceptions are longjmp").
class HeaderVisitor {
public:
    virtual void no_colon(const HeaderLine&) {}
    virtual void unknown(const HeaderLine&) {}
    // Every known header but A and W.
    virtual void value(const HeaderLine&, const HeaderValue&) {}
    // A and W: the header, then each of its parameters.
    virtual void auth(const HeaderLine&, const AuthHeader&) {}
    virtual void auth_param(const HeaderLine&, const AuthHeader&, const AuthItem&) {}

protected:
    ~HeaderVisitor() = default;
};

// What an INT32, UINT32, CSEQ, LENGTH, TEXT or PARAMS value decodes to.
HeaderValue read_header_value(const HeaderLine& h);

// L written in a form no client writes: "05", a parameter other than p=, or
// spaces before the colon (doc/protocol.md "The L header").
bool length_written_oddly(const HeaderLine& h, const LengthValue& lv);

// Walks a header block (MessageParts::header_block) once: fills `facts` and
// tells `visitor` what each line is.
void read_headers(std::string_view block, HeaderFacts& facts, HeaderVisitor& visitor);

}  // namespace sipc
