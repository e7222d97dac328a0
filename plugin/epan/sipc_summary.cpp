// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_summary.h"

#include "vocabulary.h"
#include "xml_scan.h"

namespace sipc::epan {
namespace {

const char* presence_words(packet_info* pinfo, const BodyFacts& b) {
    std::string_view name = presence_name(b.presence);
    const char* state = name.empty() ? wmem_strdup_printf(pinfo->pool, "presence %u", b.presence)
                                     : wmem_strndup(pinfo->pool, name.data(), name.size());
    if (b.presence_desc.empty()) return state;
    return wmem_strdup_printf(pinfo->pool, "%s \"%s\"", state,
                              shown_text(pinfo->pool, b.presence_desc));
}

const char* login_step(const MessageSummary& msg) {
    if (msg.has_expires && msg.expires == 0) return "logout";
    if (!msg.cnonce.empty()) return "login, step 1";
    if (msg.first_auth_scheme == "Digest") return "login, step 2";
    if (msg.first_auth_scheme == "Verify") return "login with CAPTCHA answer";
    return nullptr;
}

const char* registration_result(packet_info* pinfo, const MessageSummary& msg) {
    switch (msg.parts.start.status) {
        case 401: return "login challenge";
        case 420: return "wrong CAPTCHA answer";
        case 421: return "CAPTCHA required";
        default: break;
    }
    if (msg.parts.start.status < 200 || msg.parts.start.status >= 300 || !msg.has_expires) return nullptr;
    if (msg.expires == 0) return "logged out";
    return wmem_strdup_printf(pinfo->pool, "registered for %u s", msg.expires);
}

// "invites 818332893", or the users an event names: "818332893".
const char* members(packet_info* pinfo, const BodyFacts& b) {
    wmem_strbuf_t* out = wmem_strbuf_new(pinfo->pool, b.members[0].type == "Invited" ? "invites " : "");
    for (int i = 0; i < b.member_count; ++i) {
        std::string_view user = user_of(b.members[i].uri);
        if (i) wmem_strbuf_append(out, ", ");
        wmem_strbuf_append(out, shown_text(pinfo->pool, user));
    }
    return wmem_strbuf_get_str(out);
}

}  // namespace

const char* message_summary(packet_info* pinfo, const MessageSummary& msg) {
    const BodyFacts& b = msg.body;
    bool register_message = msg.is_request ? msg.parts.start.method == "R" : msg.cseq.method == "R";
    if (register_message && msg.first_auth_scheme != "TICKS") {
        const char* r = msg.is_request ? login_step(msg) : registration_result(pinfo, msg);
        if (r) return r;
    }
    if (b.member_count) return members(pinfo, b);
    if (b.has_presence) return presence_words(pinfo, b);
    if (b.contact_count)
        return wmem_strdup_printf(pinfo->pool, "%d contact%s", b.contact_count, plurality(b.contact_count, "", "s"));
    if (!b.reason_text.empty())
        return shown_text(pinfo->pool, b.reason_text);
    if (b.has_config) return "custom config";
    if (!b.composing.empty())
        return shown_text(pinfo->pool, b.composing);
    return nullptr;
}

}  // namespace sipc::epan
