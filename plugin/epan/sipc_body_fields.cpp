// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_body_fields.h"

#include "config_decode.h"
#include "sipc_config.h"
#include "sipc_fields.h"
#include "text.h"
#include "vocabulary.h"
#include "xml_scan.h"

extern "C" {
#include <epan/charsets.h>
}

namespace sipc::epan {
namespace {

struct AttrSource {
    std::string_view element;
    std::string_view attribute;
    BodyField field;
};

constexpr AttrSource kSources[] = {
#define SIPC_BODY_ATTR(element, attribute, field) {element, attribute, BodyField::field},
#include "../../fields/body_attributes.def"
#undef SIPC_BODY_ATTR
};

bool element_has_sources(std::string_view element) {
    for (const AttrSource& s : kSources) {
        if (s.element == element) return true;
    }
    return false;
}

int field_for(std::string_view element, std::string_view attribute) {
    for (const AttrSource& s : kSources) {
        if (s.element == element && s.attribute == attribute) return static_cast<int>(s.field);
    }
    return -1;
}

constexpr enum ftenum kFieldTypes[] = {
#define SIPC_BODY_FIELD(id, filter, ftype, names, name, desc) ftype,
#include "../../fields/body_fields.def"
#undef SIPC_BODY_FIELD
};

// The largest value a number field holds; 0 for a text field.
constexpr uint32_t max_number(enum ftenum type) {
    switch (type) {
        case FT_UINT8: return 0xFF;
        case FT_UINT16: return 0xFFFF;
        case FT_UINT32: return 0xFFFFFFFF;
        default: return 0;
    }
}

struct Decoder {
    tvbuff_t* tvb;
    packet_info* pinfo;
    proto_tree* tree;
    MessageSummary& msg;

    // Adds one attribute value as its field.  Values are shown decoded
    // (&amp; and the like) but highlight their raw bytes.
    void add(int field, std::string_view value) {
        int hfindex = hf_body_field[field];
        int off = msg.offset_of(value);
        if (uint32_t max = max_number(kFieldTypes[field])) {
            uint32_t v = 0;
            bool ok = parse_u32(trim(value), v) && v <= max;
            if (ok && static_cast<BodyField>(field) == BodyField::PresenceValue && !msg.body.has_presence) {
                msg.body.has_presence = true;
                msg.body.presence = static_cast<uint16_t>(v);
            }
            if (!tree) return;
            if (ok)
                proto_tree_add_uint(tree, hfindex, tvb, off, len(value), v);
            else
                proto_tree_add_expert_format(tree, pinfo, &ei.bad_value, tvb, off, len(value),
                                             "%s is not a number: %s", proto_registrar_get_name(hfindex),
                                             shown_text(pinfo->pool, value));
            return;
        }
        switch (static_cast<BodyField>(field)) {
            case BodyField::ContactUri: ++msg.body.contact_count; break;
            case BodyField::PresenceDesc:
                if (msg.body.presence_desc.empty()) msg.body.presence_desc = value;
                break;
            case BodyField::ReasonText:
                if (msg.body.reason_text.empty()) msg.body.reason_text = value;
                break;
            default: break;
        }
        if (!tree) return;
        if (value.find('&') == std::string_view::npos) {
            proto_item* it = proto_tree_add_item(tree, hfindex, tvb, off, len(value), ENC_UTF_8);
            if (static_cast<BodyField>(field) == BodyField::EventType) describe_event_type(it, value);
            return;
        }
        char* buf = static_cast<char*>(wmem_alloc(pinfo->pool, value.size() + 1));
        size_t n = xml_decode(value, buf);
        const char* text = reinterpret_cast<const char*>(
            get_utf_8_string(pinfo->pool, reinterpret_cast<const guint8*>(buf), static_cast<gint>(n)));
        proto_tree_add_string(tree, hfindex, tvb, off, len(value), text);
    }

    void describe_event_type(proto_item* it, std::string_view type) {
        std::string_view desc = bn_event_description(type);
        if (!desc.empty()) {
            proto_item_append_text(it, " (%.*s)", static_cast<int>(desc.size()), desc.data());
        } else {
            expert_add_info_format(pinfo, it, &ei.unknown_event_type, "Unknown BN event type %s",
                                   shown_text(pinfo->pool, type));
        }
    }

    void note_member(std::string_view type, std::string_view uri) {
        BodyFacts& b = msg.body;
        if (b.member_count < kMaxMemberEvents) b.members[b.member_count++] = MemberEvent{type, uri};
    }

    void scan() {
        std::string_view event_type;
        std::string_view element;  // the element whose text comes next
        bool invite = msg.is_request && msg.event == "InviteBuddy";
        bool in_state = false;
        XmlScanner scanner(msg.parts.body);
        XmlToken t;
        while (scanner.next(t)) {
            if (t.kind == XmlToken::Text) {
                if (in_state) {
                    if (msg.body.composing.empty()) msg.body.composing = trim(t.text);
                    if (tree)
                        proto_tree_add_item(tree, hf.composing_state, tvb, msg.offset_of(t.text), len(t.text),
                                            ENC_UTF_8);
                }
                if (element == "custom-config" || looks_like_gzip_base64(t.text)) {
                    msg.body.has_config = true;
                    // Decompressing costs: only for a tree someone sees or a
                    // filter on the config or on XML.
                    if (config_wanted(tree)) dissect_config(tvb, pinfo, tree, msg, element, t.text);
                }
                continue;
            }
            element = t.kind == XmlToken::StartTag && !t.self_closing ? t.name : std::string_view();
            if (t.kind == XmlToken::EndTag) {
                if (t.name == "event") event_type = {};
                in_state = false;
                continue;
            }
            in_state = t.name == "state" && !t.self_closing;
            if (!element_has_sources(t.name)) continue;
            XmlAttrCursor attrs(t.attrs);
            XmlAttr a;
            while (attrs.next(a)) {
                int field = field_for(t.name, a.name);
                if (field < 0) continue;
                add(field, a.value);
                if (static_cast<BodyField>(field) == BodyField::EventType) {
                    event_type = a.value;
                    if (msg.body.event_count < kMaxMemberEvents) msg.body.event_types[msg.body.event_count] = a.value;
                    if (msg.body.event_count++ == 0) msg.body.event_type = a.value;
                } else if (static_cast<BodyField>(field) == BodyField::MemberUri && !event_type.empty()) {
                    note_member(event_type, a.value);
                } else if (static_cast<BodyField>(field) == BodyField::ContactUri && invite) {
                    note_member("Invited", a.value);
                }
            }
        }
    }

    // The text of an M: text/plain as is, text/html-fragment reduced to text.
    void message_text() {
        std::string_view body = msg.parts.body;
        bool html = msg.content_type == "text/html-fragment";
        const guint8* text = nullptr;
        if (html) {
            char* buf = static_cast<char*>(wmem_alloc(pinfo->pool, body.size() + 1));
            size_t n = html_to_text(body, buf);
            text = get_utf_8_string(pinfo->pool, reinterpret_cast<const guint8*>(buf), static_cast<gint>(n));
        } else {
            text = get_utf_8_string(pinfo->pool, reinterpret_cast<const guint8*>(body.data()),
                                    static_cast<gint>(body.size()));
        }
        msg.body.text = reinterpret_cast<const char*>(text);
        if (tree) {
            proto_item* it = proto_tree_add_string(tree, hf.message_text, tvb, msg.offset_of(body), len(body),
                                                   msg.body.text);
            proto_item_set_generated(it);
        }
    }
};

}  // namespace

void decode_body_fields(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, MessageSummary& msg) {
    std::string_view body = msg.parts.body;
    if (body.empty()) return;
    Decoder d{tvb, pinfo, tree, msg};
    bool is_message = msg.is_request && msg.parts.start.method == "M";
    if (is_message) {
        d.message_text();
        return;
    }
    if (msg.content_type == "text/html-fragment" || !looks_like_xml(body)) return;
    d.scan();
}

}  // namespace sipc::epan
