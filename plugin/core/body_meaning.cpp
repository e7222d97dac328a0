// SPDX-License-Identifier: GPL-2.0-or-later
#include "body_meaning.h"

#include <algorithm>

#include "config_decode.h"
#include "text.h"
#include "xml_scan.h"

namespace sipc {
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

constexpr size_t kSourceCount = sizeof(kSources) / sizeof(kSources[0]);

// The sources of one element: a run of the grouped table.
struct SourceRun {
    const AttrSource* begin = nullptr;
    const AttrSource* end = nullptr;
    bool empty() const { return begin == end; }
    // The field an attribute of the element holds, or -1.
    int field_for(std::string_view attribute) const {
        for (const AttrSource* s = begin; s != end; ++s)
            if (s->attribute == attribute) return static_cast<int>(s->field);
        return -1;
    }
};

// The sources grouped by element, and a small hash table from an element's
// name to its group.  The body scan asks for every tag of every body; a
// walk through the whole table compared each tag with some sixty names.
class SourceIndex {
public:
    SourceIndex() {
        for (size_t i = 0; i < kSourceCount; ++i) sorted_[i] = kSources[i];
        // Stable: within an element the table's order stays, and the first
        // source of an attribute wins, as it did in the table.
        std::stable_sort(sorted_, sorted_ + kSourceCount,
                         [](const AttrSource& a, const AttrSource& b) { return a.element < b.element; });
        for (size_t i = 0; i < kSourceCount;) {
            size_t j = i;
            while (j < kSourceCount && sorted_[j].element == sorted_[i].element) ++j;
            size_t h = slot(sorted_[i].element);
            while (table_[h].begin) h = (h + 1) % kSlots;
            table_[h] = {sorted_ + i, sorted_ + j};
            i = j;
        }
    }

    SourceRun of(std::string_view element) const {
        if (element.empty()) return {};
        for (size_t h = slot(element); table_[h].begin; h = (h + 1) % kSlots)
            if (table_[h].begin->element == element) return table_[h];
        return {};
    }

private:
    // Twice the table's entries: at most half the slots are used, whatever
    // the number of distinct elements.
    static constexpr size_t kSlots = 2 * kSourceCount;
    static size_t slot(std::string_view name) {
        return (name.size() * 31 + static_cast<unsigned char>(name.front()) * 7 +
                static_cast<unsigned char>(name.back())) % kSlots;
    }
    AttrSource sorted_[kSourceCount];
    SourceRun table_[kSlots];
};

const SourceIndex& source_index() {
    static const SourceIndex index;
    return index;
}

// The largest value each field holds, from the ftype column of
// fields/body_fields.def; 0 for a text field.
namespace ftype_max {
constexpr uint32_t FT_STRING = 0, FT_UINT8 = 0xFF, FT_UINT16 = 0xFFFF, FT_UINT32 = 0xFFFFFFFF;
}
constexpr uint32_t kFieldMax[] = {
#define SIPC_BODY_FIELD(id, filter, ftype, names, name, desc) ftype_max::ftype,
#include "../../fields/body_fields.def"
#undef SIPC_BODY_FIELD
};
static_assert(sizeof(kFieldMax) / sizeof(kFieldMax[0]) == kBodyFieldCount);

BodyValue value_of(BodyField field, std::string_view value) {
    BodyValue v;
    v.field = field;
    v.value = value;
    if (uint32_t max = kFieldMax[static_cast<int>(field)]) {
        v.is_number = true;
        v.number_ok = parse_u32(trim(value), v.number) && v.number <= max;
    }
    return v;
}

// What one value adds to the facts of the body.
void note_value(BodyMeaning& b, const BodyValue& v) {
    switch (v.field) {
        case BodyField::PresenceValue:
            if (v.number_ok && !b.has_presence) {
                b.has_presence = true;
                b.presence = static_cast<uint16_t>(v.number);
            }
            break;
        case BodyField::ContactUri: ++b.contact_count; break;
        case BodyField::PresenceDesc:
            if (b.presence_desc.empty()) b.presence_desc = v.value;
            break;
        case BodyField::ReasonText:
            if (b.reason_text.empty()) b.reason_text = v.value;
            break;
        default: break;
    }
}

void note_member(BodyMeaning& b, std::string_view type, std::string_view uri) {
    if (b.member_count < kMaxMemberEvents) b.members[b.member_count++] = MemberEvent{type, uri};
}

void scan_xml(std::string_view body, bool invite, BodyMeaning& b, BodyVisitor& visitor) {
    std::string_view event_type;
    std::string_view element;  // the element whose text comes next
    bool in_state = false;
    XmlScanner scanner(body);
    XmlToken t;
    while (scanner.next(t)) {
        if (t.kind == XmlToken::Text) {
            if (in_state) {
                if (b.composing.empty()) b.composing = trim(t.text);
                visitor.composing(t.text);
            }
            if (element == "custom-config" || looks_like_gzip_base64(t.text)) {
                b.has_config = true;
                visitor.config(element, t.text);
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
        SourceRun sources = source_index().of(t.name);
        if (sources.empty()) continue;
        XmlAttrCursor attrs(t.attrs);
        XmlAttr a;
        while (attrs.next(a)) {
            int field = sources.field_for(a.name);
            if (field < 0) continue;
            BodyValue v = value_of(static_cast<BodyField>(field), a.value);
            note_value(b, v);
            visitor.value(v);
            if (v.field == BodyField::EventType) {
                event_type = a.value;
                if (b.event_count < kMaxMemberEvents) b.event_types[b.event_count] = a.value;
                if (b.event_count++ == 0) b.event_type = a.value;
            } else if (v.field == BodyField::MemberUri && !event_type.empty()) {
                note_member(b, event_type, a.value);
            } else if (v.field == BodyField::ContactUri && invite) {
                note_member(b, "Invited", a.value);
            }
        }
    }
}

}  // namespace

void read_body(const BodyContext& m, BodyMeaning& out, BodyVisitor& visitor) {
    if (m.body.empty()) return;
    if (m.method == "M") {
        out.is_message_text = true;
        out.message_html = m.content_type == "text/html-fragment";
        return;
    }
    if (m.content_type == "text/html-fragment" || !looks_like_xml(m.body)) return;
    scan_xml(m.body, m.event == "InviteBuddy", out, visitor);
}

}  // namespace sipc
