// SPDX-License-Identifier: GPL-2.0-or-later
// What a body means is read by the core (plugin/core/body_meaning.h); this
// draws it as fields and decodes an M's text to UTF-8.
#include "sipc_body_fields.h"

#include "meaning.h"
#include "sipc_config.h"
#include "sipc_fields.h"
#include "sipc_string_item.h"
#include "text.h"
#include "vocabulary.h"
#include "xml_scan.h"

extern "C" {
#include <epan/charsets.h>
}

namespace sipc::epan {
namespace {

class FieldVisitor final : public BodyVisitor {
public:
    FieldVisitor(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, MessageSummary& msg)
        : tvb_(tvb), pinfo_(pinfo), tree_(tree), msg_(msg) {}

    // Adds one attribute value as its field.  Values are shown decoded
    // (&amp; and the like) but highlight their raw bytes.
    void value(const BodyValue& v) override {
        if (!tree_) return;
        int hfindex = hf_body_field[static_cast<int>(v.field)];
        int off = msg_.offset_of(v.value);
        if (v.is_number) {
            if (v.number_ok)
                proto_tree_add_uint(tree_, hfindex, tvb_, off, len(v.value), v.number);
            else
                proto_tree_add_expert_format(tree_, pinfo_, &ei.bad_value, tvb_, off, len(v.value),
                                             "%s is not a number: %s", proto_registrar_get_name(hfindex),
                                             shown_text(pinfo_->pool, v.value));
            return;
        }
        if (v.value.find('&') == std::string_view::npos) {
            proto_item* it = add_string_item(tree_, pinfo_, hfindex, tvb_, off, v.value);
            if (v.field == BodyField::EventType)
                describe_item(pinfo_, it, bn_event_description(v.value), &ei.unknown_event_type,
                              "Unknown BN event type", v.value);
            return;
        }
        char* buf = static_cast<char*>(wmem_alloc(pinfo_->pool, v.value.size() + 1));
        size_t n = xml_decode(v.value, buf);
        const char* text = reinterpret_cast<const char*>(
            get_utf_8_string(pinfo_->pool, reinterpret_cast<const guint8*>(buf), static_cast<gint>(n)));
        proto_tree_add_string(tree_, hfindex, tvb_, off, len(v.value), text);
    }

    void composing(std::string_view text) override {
        if (tree_)
            add_string_item(tree_, pinfo_, hf.composing_state, tvb_, msg_.offset_of(text), text);
    }

    void config(std::string_view element, std::string_view text) override {
        // Decompressing costs: only for a tree someone sees or a filter on
        // the config or on XML.
        if (config_wanted(tree_)) dissect_config(tvb_, pinfo_, tree_, msg_, element, text);
    }

    // The text of an M: text/plain as is, text/html-fragment reduced to text.
    void message_text() {
        std::string_view body = msg_.parts.body;
        const guint8* text = nullptr;
        if (msg_.body.message_html) {
            char* buf = static_cast<char*>(wmem_alloc(pinfo_->pool, body.size() + 1));
            size_t n = html_to_text(body, buf);
            text = get_utf_8_string(pinfo_->pool, reinterpret_cast<const guint8*>(buf), static_cast<gint>(n));
        } else {
            text = get_utf_8_string(pinfo_->pool, reinterpret_cast<const guint8*>(body.data()),
                                    static_cast<gint>(body.size()));
        }
        msg_.body.text = reinterpret_cast<const char*>(text);
        if (tree_) {
            proto_item* it = proto_tree_add_string(tree_, hf.message_text, tvb_, msg_.offset_of(body), len(body),
                                                   msg_.body.text);
            proto_item_set_generated(it);
        }
    }

private:
    tvbuff_t* tvb_;
    packet_info* pinfo_;
    proto_tree* tree_;
    MessageSummary& msg_;
};
static_assert(std::is_trivially_destructible_v<FieldVisitor>);

}  // namespace

void decode_body_fields(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, MessageSummary& msg) {
    FieldVisitor visitor(tvb, pinfo, tree, msg);
    read_body(body_context(msg), msg.body, visitor);
    if (msg.body.is_message_text) visitor.message_text();
}

}  // namespace sipc::epan
