// SPDX-License-Identifier: GPL-2.0-or-later
// One tree item per header line, each a filterable field; structured values
// (Q, L, A, W, CL) get a subtree of their parts.
#include "sipc_headers_tree.h"

#include "headers.h"
#include "sipc_fields.h"

namespace sipc::epan {
namespace {

struct Context {
    tvbuff_t* tvb;
    packet_info* pinfo;
    proto_tree* tree;
    MessageSummary& msg;
};

int value_offset(const Context& c, const HeaderLine& h) {
    if (!h.value.empty()) return c.msg.offset_of(h.value);
    return c.msg.offset_of(h.line) + static_cast<int>(h.line.size());
}

proto_item* add_text(const Context& c, proto_tree* tree, int hfindex, std::string_view v, int fallback_off) {
    int off = v.empty() ? fallback_off : c.msg.offset_of(v);
    return proto_tree_add_item(tree, hfindex, c.tvb, off, len(v), ENC_UTF_8);
}

void bad_value(const Context& c, const HeaderLine& h, const char* what) {
    proto_tree_add_expert_format(c.tree, c.pinfo, &ei.bad_value, c.tvb, c.msg.offset_of(h.line), len(h.line),
                                 "%s: cannot decode \"%s\"", what,
                                 shown_text(c.pinfo->pool, h.value));
}

void add_int32(const Context& c, const HeaderLine& h, int hfindex) {
    int32_t v = 0;
    if (!parse_i32(h.value, v)) {
        bad_value(c, h, "Call-ID (I) is not a 32-bit integer");
        return;
    }
    if (!c.msg.has_call_id) {
        c.msg.has_call_id = true;
        c.msg.call_id = v;
    }
    proto_tree_add_int(c.tree, hfindex, c.tvb, value_offset(c, h), len(h.value), v);
}

void add_uint32(const Context& c, const HeaderLine& h, int hfindex) {
    uint32_t v = 0;
    if (!parse_u32(h.value, v)) {
        bad_value(c, h, "Not an unsigned number");
        return;
    }
    if (h.id == HeaderId::Expires && !c.msg.has_expires) {
        c.msg.has_expires = true;
        c.msg.expires = v;
    }
    proto_tree_add_uint(c.tree, hfindex, c.tvb, value_offset(c, h), len(h.value), v);
}

void add_length(const Context& c, const HeaderLine& h, int hfindex) {
    const FrameInfo& f = c.msg.frame;
    LengthValue lv;
    if (!parse_length(h.value, lv)) {
        proto_item* it = proto_tree_add_item(c.tree, hf.header_malformed, c.tvb, c.msg.offset_of(h.line),
                                             len(h.line), ENC_UTF_8);
        if (lv.too_many_digits)
            expert_add_info_format(c.pinfo, it, &ei.length_too_large,
                                   "L is above the maximum body length preference: the body is not read");
        else
            expert_add_info(c.pinfo, it, &ei.length_invalid);
        return;
    }
    proto_item* it = proto_tree_add_uint(c.tree, hfindex, c.tvb, value_offset(c, h), len(h.value), lv.length);
    // Framing believed the first L only (FrameInfo::declared_len); a later
    // one is shown but frames nothing.
    bool framing = f.has_length && !f.length_invalid && f.declared_len == lv.length;
    if (framing && f.length_too_large)
        expert_add_info_format(c.pinfo, it, &ei.length_too_large,
                               "L of %u bytes is above the maximum body length preference: the body is not read",
                               lv.length);
    std::string_view written_name = h.line.substr(0, h.line.find(':'));
    if (lv.leading_zero || lv.bad_parameter || written_name != h.name)
        expert_add_info(c.pinfo, it, &ei.length_odd);
    if (lv.has_offset) {
        proto_tree* sub = proto_item_add_subtree(it, ett.header);
        proto_tree_add_uint(sub, hf.slice_offset, c.tvb, value_offset(c, h), len(h.value), lv.offset);
    }
}

void add_cseq(const Context& c, const HeaderLine& h, int hfindex) {
    CSeq q;
    if (!parse_cseq(h.value, q)) {
        bad_value(c, h, "CSeq (Q) is not \"<number> <method>\"");
        return;
    }
    if (!c.msg.has_cseq) {
        c.msg.has_cseq = true;
        c.msg.cseq = q;
    }
    proto_item* it = proto_tree_add_item(c.tree, hfindex, c.tvb, value_offset(c, h), len(h.value), ENC_UTF_8);
    proto_tree* sub = proto_item_add_subtree(it, ett.header);
    std::string_view digits = h.value.substr(0, h.value.find_first_of(" \t"));
    proto_tree_add_uint(sub, hf.cseq_seq, c.tvb, c.msg.offset_of(digits), len(digits), q.seq);
    add_text(c, sub, hf.cseq_method, q.method, 0);
}

// A: and W:.  The chat-handoff parameters also go to the contract fields
// sipc.chat_server (one per host:port) and sipc.credential.
void add_auth(const Context& c, const HeaderLine& h, int hfindex) {
    bool is_www = h.id == HeaderId::WwwAuthenticate;
    proto_item* it = proto_tree_add_item(c.tree, hfindex, c.tvb, value_offset(c, h), len(h.value), ENC_UTF_8);
    proto_tree* sub = proto_item_add_subtree(it, ett.auth);
    ParamCursor pc = ParamCursor::with_scheme(h.value);
    std::string_view scheme = pc.scheme();
    if (!scheme.empty()) {
        proto_item* si = add_text(c, sub, is_www ? hf.www_scheme : hf.auth_scheme, scheme, 0);
        if (pc.scheme_glued()) expert_add_info(c.pinfo, si, &ei.auth_scheme_glued);
    }
    if (!is_www && c.msg.first_auth_scheme.empty()) c.msg.first_auth_scheme = scheme;
    bool ticket = !is_www && (scheme == "CS" || scheme == "TICKS");
    bool first_ticket = ticket && c.msg.auth_scheme.empty();
    if (first_ticket) c.msg.auth_scheme = scheme;

    Param p;
    while (pc.next(p)) {
        int idx = auth_param_index(p.name);
        if (idx < 0) {
            add_text(c, sub, is_www ? hf.www_param : hf.auth_param, p.text, 0);
            continue;
        }
        int value_off = p.value.empty() ? c.msg.offset_of(p.text) + len(p.text) : c.msg.offset_of(p.value);
        bool is_credential = ticket && ((scheme == "CS" && p.name == "credential") ||
                                        (scheme == "TICKS" && p.name == "auth"));
        if (is_credential) {
            // The credential has its own contract field on both ends of a
            // handoff; a second, scheme-specific copy would only clutter.
            if (first_ticket) {
                c.msg.credential = p.value;
                c.msg.credential_offset = value_off;
                c.msg.credential_length = len(p.value);
            }
            add_text(c, sub, hf.credential, p.value, value_off);
            continue;
        }
        proto_item* pi = proto_tree_add_item(sub, is_www ? hf_www_param[idx] : hf_auth_param[idx], c.tvb,
                                             value_off, len(p.value), ENC_UTF_8);
        if (ticket && p.name == "address") {
            if (first_ticket) c.msg.chat_addresses = p.value;
            proto_tree* at = proto_item_add_subtree(pi, ett.auth);
            AddressCursor ac(p.value);
            std::string_view addr;
            while (ac.next(addr)) add_text(c, at, hf.chat_server, addr, 0);
        }
    }
}

void add_params(const Context& c, const HeaderLine& h, int hfindex) {
    proto_item* it = proto_tree_add_item(c.tree, hfindex, c.tvb, value_offset(c, h), len(h.value), ENC_UTF_8);
    proto_tree* sub = proto_item_add_subtree(it, ett.header);
    ParamCursor pc = ParamCursor::params_only(h.value);
    Param p;
    while (pc.next(p)) add_text(c, sub, hf.client_info_param, p.text, 0);
}

// N: values are described from fields/events.def; others are noted.
void describe_event(const Context& c, proto_item* it, std::string_view name) {
    std::string_view desc = event_description(name);
    if (!desc.empty()) {
        proto_item_append_text(it, " (%.*s)", static_cast<int>(desc.size()), desc.data());
    } else {
        expert_add_info_format(c.pinfo, it, &ei.unknown_event, "Unknown N: event %s",
                               shown_text(c.pinfo->pool, name));
    }
}

void remember_text(MessageSummary& msg, const HeaderLine& h) {
    std::string_view* slot = nullptr;
    switch (h.id) {
        case HeaderId::From: slot = &msg.from; break;
        case HeaderId::To: slot = &msg.to; break;
        case HeaderId::Event: slot = &msg.event; break;
        case HeaderId::MessageId: slot = &msg.message_id; break;
        case HeaderId::ContentType: slot = &msg.content_type; break;
        case HeaderId::ClientNonce: slot = &msg.cnonce; break;
        default: return;
    }
    if (slot->empty()) *slot = h.value;
}

}  // namespace

void dissect_headers(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, MessageSummary& msg) {
    proto_tree* htree = nullptr;
    std::string_view block = msg.parts.header_block;
    if (tree && !block.empty()) {
        htree = proto_tree_add_subtree(tree, tvb, msg.offset_of(block), len(block), ett.headers, nullptr,
                                       "Message Header");
    }
    Context c{tvb, pinfo, htree, msg};
    HeaderCursor cursor(block);
    HeaderLine h;
    while (cursor.next(h)) {
        if (!h.has_colon) {
            if (h.line.empty()) continue;
            proto_item* it = proto_tree_add_item(htree, hf.header_malformed, tvb, msg.offset_of(h.line),
                                                 len(h.line), ENC_UTF_8);
            expert_add_info(pinfo, it, &ei.header_no_colon);
            continue;
        }
        if (h.id == HeaderId::Unknown) {
            proto_item* it = proto_tree_add_item(htree, hf.header_unknown, tvb, msg.offset_of(h.line),
                                                 len(h.line), ENC_UTF_8);
            expert_add_info_format(pinfo, it, &ei.unknown_header, "Unknown header %s",
                                   shown_text(pinfo->pool, h.name));
            continue;
        }
        int hfindex = hf_header[static_cast<int>(h.id)];
        switch (header_info(h.id).kind) {
            case ParseKind::INT32: add_int32(c, h, hfindex); break;
            case ParseKind::UINT32: add_uint32(c, h, hfindex); break;
            case ParseKind::LENGTH: add_length(c, h, hfindex); break;
            case ParseKind::CSEQ: add_cseq(c, h, hfindex); break;
            case ParseKind::AUTH: add_auth(c, h, hfindex); break;
            case ParseKind::PARAMS: add_params(c, h, hfindex); break;
            case ParseKind::TEXT: {
                remember_text(msg, h);
                proto_item* it = proto_tree_add_item(htree, hfindex, tvb, value_offset(c, h), len(h.value), ENC_UTF_8);
                if (h.id == HeaderId::Event) describe_event(c, it, h.value);
                break;
            }
        }
    }
}

}  // namespace sipc::epan
