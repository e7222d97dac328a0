// SPDX-License-Identifier: GPL-2.0-or-later
// One tree item per header line, each a filterable field; structured values
// (Q, L, A, W, CL) get a subtree of their parts.  What the lines mean is
// read by the core (plugin/core/header_meaning.h); this only draws it.
#include "sipc_headers_tree.h"

#include "header_meaning.h"
#include "sipc_fields.h"
#include "sipc_string_item.h"

namespace sipc::epan {
namespace {

class TreeVisitor final : public HeaderVisitor {
public:
    TreeVisitor(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, MessageSummary& msg)
        : tvb_(tvb), pinfo_(pinfo), tree_(tree), msg_(msg) {}

    void no_colon(const HeaderLine& h) override {
        proto_item* it = add_line(h, hf.header_malformed);
        expert_add_info(pinfo_, it, &ei.header_no_colon);
    }

    void unknown(const HeaderLine& h) override {
        proto_item* it = add_line(h, hf.header_unknown);
        expert_add_info_format(pinfo_, it, &ei.unknown_header, "Unknown header %s", shown_text(pinfo_->pool, h.name));
    }

    void value(const HeaderLine& h, const HeaderValue& v) override {
        int hfindex = hf_header[static_cast<int>(h.id)];
        switch (v.kind) {
            case ParseKind::INT32:
                if (!v.ok) return bad_value(h, "Call-ID (I) is not a 32-bit integer");
                proto_tree_add_int(tree_, hfindex, tvb_, value_offset(h), len(h.value), v.i32);
                return;
            case ParseKind::UINT32:
                if (!v.ok) return bad_value(h, "Not an unsigned number");
                proto_tree_add_uint(tree_, hfindex, tvb_, value_offset(h), len(h.value), v.u32);
                return;
            case ParseKind::LENGTH: return add_length(h, v, hfindex);
            case ParseKind::CSEQ:
                if (!v.ok) return bad_value(h, "CSeq (Q) is not \"<number> <method>\"");
                return add_cseq(h, v.cseq, hfindex);
            case ParseKind::PARAMS: return add_params(h, hfindex);
            case ParseKind::TEXT: {
                proto_item* it = add_value(h, hfindex);
                // N: values are described from fields/events.def; others are noted.
                if (h.id == HeaderId::Event)
                    describe_item(pinfo_, it, event_description(h.value), &ei.unknown_event, "Unknown N: event",
                                  h.value);
                return;
            }
            case ParseKind::AUTH: return;  // auth() and auth_param()
        }
    }

    // A: and W:.  The chat-handoff parameters also go to the contract fields
    // sipc.chat_server (one per host:port) and sipc.credential.
    void auth(const HeaderLine& h, const AuthHeader& a) override {
        int hfindex = hf_header[static_cast<int>(h.id)];
        proto_item* it = add_value(h, hfindex);
        auth_tree_ = proto_item_add_subtree(it, ett.auth);
        if (a.scheme.empty()) return;
        proto_item* si = add_text(auth_tree_, a.www ? hf.www_scheme : hf.auth_scheme, a.scheme, 0);
        if (a.scheme_glued) expert_add_info(pinfo_, si, &ei.auth_scheme_glued);
    }

    void auth_param(const HeaderLine&, const AuthHeader& a, const AuthItem& item) override {
        const Param& p = item.param;
        int idx = auth_param_index(p.name);
        if (idx < 0) {
            add_text(auth_tree_, a.www ? hf.www_param : hf.auth_param, p.text, 0);
            return;
        }
        int value_off = p.value.empty() ? msg_.offset_of(p.text) + len(p.text) : msg_.offset_of(p.value);
        if (item.credential) {
            // The credential has its own contract field on both ends of a
            // handoff; a second, scheme-specific copy would only clutter.
            if (item.first_ticket) {
                msg_.credential_offset = value_off;
                msg_.credential_length = len(p.value);
            }
            add_text(auth_tree_, hf.credential, p.value, value_off);
            return;
        }
        proto_item* pi = add_text(auth_tree_, a.www ? hf_www_param[idx] : hf_auth_param[idx], p.value, value_off);
        if (!item.ticket_addresses) return;
        proto_tree* at = proto_item_add_subtree(pi, ett.auth);
        AddressCursor ac(p.value);
        std::string_view addr;
        while (ac.next(addr)) add_text(at, hf.chat_server, addr, 0);
    }

private:
    int value_offset(const HeaderLine& h) const {
        if (!h.value.empty()) return msg_.offset_of(h.value);
        return msg_.offset_of(h.line) + static_cast<int>(h.line.size());
    }

    proto_item* add_text(proto_tree* tree, int hfindex, std::string_view v, int fallback_off) {
        int off = v.empty() ? fallback_off : msg_.offset_of(v);
        return add_string_item(tree, pinfo_, hfindex, tvb_, off, v);
    }

    // A whole header line, as a field of its own.
    proto_item* add_line(const HeaderLine& h, int hfindex) {
        return add_string_item(tree_, pinfo_, hfindex, tvb_, msg_.offset_of(h.line), h.line);
    }

    // The value of a header line, as its field.
    proto_item* add_value(const HeaderLine& h, int hfindex) {
        return add_string_item(tree_, pinfo_, hfindex, tvb_, value_offset(h), h.value);
    }

    void bad_value(const HeaderLine& h, const char* what) {
        proto_tree_add_expert_format(tree_, pinfo_, &ei.bad_value, tvb_, msg_.offset_of(h.line), len(h.line),
                                     "%s: cannot decode \"%s\"", what, shown_text(pinfo_->pool, h.value));
    }

    void add_length(const HeaderLine& h, const HeaderValue& v, int hfindex) {
        const LengthValue& lv = v.length;
        if (!v.ok) {
            proto_item* it = add_line(h, hf.header_malformed);
            if (lv.too_many_digits)
                expert_add_info_format(pinfo_, it, &ei.length_too_large,
                                       "L is above the maximum body length preference: the body is not read");
            else
                expert_add_info(pinfo_, it, &ei.length_invalid);
            return;
        }
        const FrameInfo& f = msg_.frame;
        proto_item* it = proto_tree_add_uint(tree_, hfindex, tvb_, value_offset(h), len(h.value), lv.length);
        // Framing believed the first L only (FrameInfo::declared_len); a later
        // one is shown but frames nothing.
        bool framing = f.has_length && !f.length_invalid && f.declared_len == lv.length;
        if (framing && f.length_too_large)
            expert_add_info_format(pinfo_, it, &ei.length_too_large,
                                   "L of %u bytes is above the maximum body length preference: the body is not read",
                                   lv.length);
        if (length_written_oddly(h, lv)) expert_add_info(pinfo_, it, &ei.length_odd);
        if (lv.has_offset) {
            proto_tree* sub = proto_item_add_subtree(it, ett.header);
            proto_tree_add_uint(sub, hf.slice_offset, tvb_, value_offset(h), len(h.value), lv.offset);
        }
    }

    void add_cseq(const HeaderLine& h, const CSeq& q, int hfindex) {
        proto_item* it = add_value(h, hfindex);
        proto_tree* sub = proto_item_add_subtree(it, ett.header);
        std::string_view digits = h.value.substr(0, h.value.find_first_of(" \t"));
        proto_tree_add_uint(sub, hf.cseq_seq, tvb_, msg_.offset_of(digits), len(digits), q.seq);
        add_text(sub, hf.cseq_method, q.method, 0);
    }

    void add_params(const HeaderLine& h, int hfindex) {
        proto_item* it = add_value(h, hfindex);
        proto_tree* sub = proto_item_add_subtree(it, ett.header);
        ParamCursor pc = ParamCursor::params_only(h.value);
        Param p;
        while (pc.next(p)) add_text(sub, hf.client_info_param, p.text, 0);
    }

    tvbuff_t* tvb_;
    packet_info* pinfo_;
    proto_tree* tree_;
    MessageSummary& msg_;
    proto_tree* auth_tree_ = nullptr;  // subtree of the A or W header being read
};
static_assert(std::is_trivially_destructible_v<TreeVisitor>);

}  // namespace

void dissect_headers(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, MessageSummary& msg) {
    proto_tree* htree = nullptr;
    std::string_view block = msg.parts.header_block;
    if (tree && !block.empty()) {
        htree = proto_tree_add_subtree(tree, tvb, msg.offset_of(block), len(block), ett.headers, nullptr,
                                       "Message Header");
    }
    TreeVisitor visitor(tvb, pinfo, htree, msg);
    read_headers(block, msg, visitor);
}

}  // namespace sipc::epan
