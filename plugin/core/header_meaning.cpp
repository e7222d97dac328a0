// SPDX-License-Identifier: GPL-2.0-or-later
#include "header_meaning.h"

namespace sipc {
namespace {

void remember_text(HeaderFacts& facts, const HeaderLine& h) {
    std::string_view* slot = nullptr;
    switch (h.id) {
        case HeaderId::From: slot = &facts.from; break;
        case HeaderId::To: slot = &facts.to; break;
        case HeaderId::Event: slot = &facts.event; break;
        case HeaderId::MessageId: slot = &facts.message_id; break;
        case HeaderId::ContentType: slot = &facts.content_type; break;
        case HeaderId::ClientNonce: slot = &facts.cnonce; break;
        default: return;
    }
    if (slot->empty()) *slot = h.value;
}

void note_value(HeaderFacts& facts, const HeaderLine& h, const HeaderValue& v) {
    if (!v.ok) return;
    switch (v.kind) {
        case ParseKind::INT32:
            if (!facts.has_call_id) {
                facts.has_call_id = true;
                facts.call_id = v.i32;
            }
            break;
        case ParseKind::UINT32:
            if (h.id == HeaderId::Expires && !facts.has_expires) {
                facts.has_expires = true;
                facts.expires = v.u32;
            }
            break;
        case ParseKind::CSEQ:
            if (!facts.has_cseq) {
                facts.has_cseq = true;
                facts.cseq = v.cseq;
                facts.cseq_value = h.value;
            }
            break;
        case ParseKind::TEXT: remember_text(facts, h); break;
        default: break;
    }
}

// A and W (doc/protocol.md "The A and W headers", "Chat handoff").
void read_auth(const HeaderLine& h, HeaderFacts& facts, HeaderVisitor& visitor) {
    AuthHeader a;
    a.www = h.id == HeaderId::WwwAuthenticate;
    ParamCursor pc = ParamCursor::with_scheme(h.value);
    a.scheme = pc.scheme();
    a.scheme_glued = pc.scheme_glued();
    if (!a.www && facts.first_auth_scheme.empty()) facts.first_auth_scheme = a.scheme;
    a.ticket = !a.www && (a.scheme == "CS" || a.scheme == "TICKS");
    a.first_ticket = a.ticket && facts.auth_scheme.empty();
    if (a.first_ticket) facts.auth_scheme = a.scheme;
    visitor.auth(h, a);

    AuthItem item;
    while (pc.next(item.param)) {
        const Param& p = item.param;
        item.credential = a.ticket && ((a.scheme == "CS" && p.name == "credential") ||
                                       (a.scheme == "TICKS" && p.name == "auth"));
        item.ticket_addresses = a.ticket && !item.credential && p.name == "address";
        item.first_ticket = a.first_ticket;
        if (a.first_ticket && item.credential) facts.credential = p.value;
        if (a.first_ticket && item.ticket_addresses) facts.chat_addresses = p.value;
        visitor.auth_param(h, a, item);
    }
}

}  // namespace

HeaderValue read_header_value(const HeaderLine& h) {
    HeaderValue v;
    v.kind = header_info(h.id).kind;
    switch (v.kind) {
        case ParseKind::INT32: v.ok = parse_i32(h.value, v.i32); break;
        case ParseKind::UINT32: v.ok = parse_u32(h.value, v.u32); break;
        case ParseKind::CSEQ: v.ok = parse_cseq(h.value, v.cseq); break;
        case ParseKind::LENGTH: v.ok = parse_length(h.value, v.length); break;
        default: break;
    }
    return v;
}

bool length_written_oddly(const HeaderLine& h, const LengthValue& lv) {
    std::string_view written_name = h.line.substr(0, h.line.find(':'));
    return lv.leading_zero || lv.bad_parameter || written_name != h.name;
}

void read_headers(std::string_view block, HeaderFacts& facts, HeaderVisitor& visitor) {
    HeaderCursor cursor(block);
    HeaderLine h;
    while (cursor.next(h)) {
        if (!h.has_colon) {
            if (!h.line.empty()) visitor.no_colon(h);
            continue;
        }
        if (h.id == HeaderId::Unknown) {
            visitor.unknown(h);
            continue;
        }
        if (header_info(h.id).kind == ParseKind::AUTH) {
            read_auth(h, facts, visitor);
            continue;
        }
        HeaderValue v = read_header_value(h);
        note_value(facts, h, v);
        visitor.value(h, v);
    }
}

}  // namespace sipc
