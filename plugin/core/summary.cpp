// SPDX-License-Identifier: GPL-2.0-or-later
#include "summary.h"

namespace sipc {
namespace {

Summary phrase(const char* words) {
    Summary s;
    s.kind = Summary::Kind::Phrase;
    s.phrase = words;
    return s;
}

Summary text(std::string_view t) {
    Summary s;
    s.kind = Summary::Kind::Text;
    s.text = t;
    return s;
}

// doc/protocol.md "SIP-C/2.0 login", "SIP-C/4.0 login", "Keep-alive and logout".
Summary login_step(const MessageFacts& m) {
    if (m.has_expires && m.expires == 0) return phrase("logout");
    if (!m.cnonce.empty()) return phrase("login, step 1");
    if (m.first_auth_scheme == "Digest") return phrase("login, step 2");
    if (m.first_auth_scheme == "Verify") return phrase("login with CAPTCHA answer");
    return {};
}

Summary registration_result(const MessageFacts& m) {
    unsigned status = m.parts.start.status;
    switch (status) {
        case 401: return phrase("login challenge");
        case 420: return phrase("wrong CAPTCHA answer");
        case 421: return phrase("CAPTCHA required");
        default: break;
    }
    if (status < 200 || status >= 300 || !m.has_expires) return {};
    if (m.expires == 0) return phrase("logged out");
    Summary s;
    s.kind = Summary::Kind::RegisteredFor;
    s.number = m.expires;
    return s;
}

}  // namespace

Summary summarize(const MessageFacts& m, const BodyMeaning& b) {
    // An R with TICKS registers on a chat server, not a login (doc/protocol.md "Chat handoff").
    bool register_message = m.is_request ? m.parts.start.method == "R" : m.cseq.method == "R";
    if (register_message && m.first_auth_scheme != "TICKS") {
        Summary s = m.is_request ? login_step(m) : registration_result(m);
        if (s.kind != Summary::Kind::None) return s;
    }
    Summary s;
    if (b.member_count) {
        s.kind = Summary::Kind::Members;
    } else if (b.has_presence) {
        s.kind = Summary::Kind::Presence;
        s.number = b.presence;
        s.text = b.presence_desc;
    } else if (b.contact_count) {
        s.kind = Summary::Kind::Contacts;
        s.number = static_cast<uint32_t>(b.contact_count);
    } else if (!b.reason_text.empty()) {
        return text(b.reason_text);
    } else if (b.has_config) {
        return phrase("custom config");
    } else if (!b.composing.empty()) {
        return text(b.composing);
    }
    return s;
}

std::string summary_string(const Summary& s, const BodyMeaning& b) {
    struct Words {
        std::string s;
        void words(std::string_view w) { s += w; }
        void number(uint32_t n) { s += std::to_string(n); }
        void text(std::string_view t) { s += t; }
    } out;
    write_summary(s, b, out);
    return out.s;
}

}  // namespace sipc
