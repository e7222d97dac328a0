// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_xml.h"

#include <vector>

extern "C" {
#include <epan/prefs-int.h>
#include <wsutil/filesystem.h>
}

#include "sipc_fields.h"
#include "xml_layout.h"

namespace sipc::epan {
namespace {

dissector_handle_t wireshark_xml;  // Wireshark's XML dissector
dissector_handle_t drawn_xml;      // the plugin's drawing, under the XML protocol
int proto_xml = -1;
pref_bool pref_draw_xml = TRUE;

// Wireshark's XML fields, looked up by name (field_id()): since 4.4 they are
// registered only when first asked for.
struct XmlFields {
    int tag = 0, attribute = 0, cdata = 0, unknown = 0;
};
XmlFields xml_hf;

// Read once, at the first document (DTDs are read at start-up).
struct Setup {
    bool done = false;
    bool usable = false;
    XmlVocabulary vocabulary;
    // The fields of the DTD nodes and attributes, looked up when first
    // needed (0: not yet; -1: not there yet, since 4.4 they are registered
    // at the XML dissector's first document).
    std::vector<int> node_tag, node_text, attribute;
    // Since 4.4 the XML dissector first turns the document into text of the
    // "default_encoding" preference, a data source of its own, and draws
    // from that.  The preference exists from the same version on.
    pref_t* encoding = nullptr;
};
Setup setup;

constexpr int kIanaUtf8 = 106;  // the preference's value for UTF-8 (IANA MIBenum)

// The DTDs of one folder; draw=false: their documents are all declined.
bool read_dtds(const char* dir, XmlVocabulary& vocabulary, bool draw) {
    if (!dir || test_for_directory(dir) != EISDIR) return true;
    GDir* d = g_dir_open(dir, 0, nullptr);
    if (!d) return true;
    bool known = true;
    while (const char* name = g_dir_read_name(d)) {
        size_t n = strlen(name);
        if (n <= 4 || g_ascii_strcasecmp(name + n - 4, ".dtd") != 0) continue;
        char* path = g_build_filename(dir, name, nullptr);
        gchar* text = nullptr;
        gsize length = 0;
        if (g_file_get_contents(path, &text, &length, nullptr)) {
            known = vocabulary.add_dtd(std::string_view(text, length), draw) && known;
            g_free(text);
        } else {
            known = false;
        }
        g_free(path);
    }
    g_dir_close(d);
    return known;
}

void set_up() {
    setup.done = true;
    // The global folder's DTDs are drawn.  A personal folder replaces it
    // under 4.0 and may add to it later: with one, which DTDs the XML
    // dissector knows is not certain, so none is drawn and the names that
    // may be roots of either folder's are declined.
    char* personal = get_persconffile_path("dtds", FALSE);
    char* global = get_datafile_path("dtds");
    bool has_personal = personal && test_for_directory(personal) == EISDIR;
    bool known = read_dtds(personal, setup.vocabulary, false) && read_dtds(global, setup.vocabulary, !has_personal);
    g_free(personal);
    g_free(global);
    // WS-Security elements the XML dissector may decrypt with Kerberos keys.
    for (const char* name : {"BinarySecurityToken", "DerivedKeyToken", "CipherValue"}) setup.vocabulary.decline(name);
    setup.node_tag.assign(setup.vocabulary.nodes().size(), 0);
    setup.node_text.assign(setup.vocabulary.nodes().size(), 0);
    setup.attribute.assign(setup.vocabulary.attribute_fields().size(), 0);
    if (module_t* xml_module = prefs_find_module("xml"))
        setup.encoding = prefs_find_preference(xml_module, "default_encoding");
    setup.usable = known;
}

// A field by name, looked up again while it is not there.
int field_id(int& cached, const char* name, bool protocol) {
    if (cached <= 0) {
        cached = protocol ? proto_get_id_by_filter_name(name) : proto_registrar_get_id_byname(name);
        // A DTD's text field has its protocol's name: take it only as a string.
        if (cached > 0 && !protocol && proto_registrar_get_ftype(cached) != FT_STRING) cached = -1;
    }
    return cached;
}

bool fields_found() {
    return field_id(xml_hf.tag, "xml.tag", false) > 0 && field_id(xml_hf.attribute, "xml.attribute", false) > 0 &&
           field_id(xml_hf.cdata, "xml.cdata", false) > 0 && field_id(xml_hf.unknown, "xml.unknown", false) > 0;
}

// Whether every DTD field the steps need is registered.
bool dtd_fields_found(const std::vector<XmlStep>& steps) {
    const auto& nodes = setup.vocabulary.nodes();
    for (const XmlStep& s : steps) {
        if (s.as < 0) continue;
        bool found = true;
        switch (s.kind) {
            case XmlStep::Open:
                found = field_id(setup.node_tag[s.as], nodes[s.as].field.c_str(), nodes[s.as].root) > 0;
                break;
            case XmlStep::Text: found = field_id(setup.node_text[s.as], nodes[s.as].field.c_str(), false) > 0; break;
            case XmlStep::Attribute:
                found = field_id(setup.attribute[s.as], setup.vocabulary.attribute_fields()[s.as].c_str(), false) > 0;
                break;
            default: break;
        }
        if (!found) return false;
    }
    return true;
}

// What the call hands the drawing: the document's steps, and, since 4.4,
// its text as the XML dissector would decode it.
struct Drawing {
    const std::vector<XmlStep>* steps;
    const guint8* decoded;  // nullptr: draw from the tvb itself
    guint decoded_length;
};

std::vector<XmlStep>& scratch_steps() {
    // Capacity kept between documents: one dissection at a time.
    static std::vector<XmlStep> steps;
    return steps;
}

// An open element: its item, its subtree, where it starts, and the item the
// end of its start tag is appended to.
struct Open {
    proto_item* item;
    proto_tree* tree;
    int start;
    proto_item* last;
};

// The tree the XML dissector draws, step by step (doc/xml-drawing.md).
int draw(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void* data) {
    const auto* drawing = static_cast<const Drawing*>(data);
    tvbuff_t* doc = tvb;
    if (drawing->decoded) {
        doc = tvb_new_child_real_data(tvb, drawing->decoded, drawing->decoded_length,
                                      static_cast<gint>(drawing->decoded_length));
        add_new_data_source(pinfo, doc, "Decoded UTF-8 text");
    }
    proto_item* root = proto_tree_add_item(tree, proto_xml, doc, 0, -1, ENC_UTF_8 | ENC_NA);
    proto_tree* root_tree = proto_item_add_subtree(root, ett.xml_document);

    // The open elements, the document itself at the bottom.  Nothing here
    // may own memory: an item past the tree's depth limit throws, and a
    // Wireshark exception is a longjmp.  The stack lives in packet memory
    // when it is deeper than the common case.
    const std::vector<XmlStep>& steps = *drawing->steps;
    Open shallow[64];
    Open* stack = shallow;
    if (steps.size() >= 64) {
        size_t opens = 1;
        for (const XmlStep& s : steps) opens += s.kind == XmlStep::Open;
        if (opens > 64) stack = wmem_alloc_array(pinfo->pool, Open, opens);
    }
    size_t depth = 0;
    stack[0] = Open{root, root_tree, 0, root};
    auto top = [&]() -> Open& { return stack[depth]; };
    auto push = [&](const Open& o) { stack[++depth] = o; };
    auto pop = [&]() { --depth; };

    for (const XmlStep& s : steps) {
        int off = static_cast<int>(s.offset);
        int len = static_cast<int>(s.length);
        switch (s.kind) {
            case XmlStep::Open: {
                int hf_tag = s.as < 0 ? xml_hf.tag : setup.node_tag[s.as];
                proto_item* it = proto_tree_add_item(top().tree, hf_tag, doc, off, len, ENC_UTF_8 | ENC_NA);
                proto_item_set_text(it, "%s", tvb_format_text(pinfo->pool, doc, off, static_cast<gint>(s.label)));
                push(Open{it, proto_item_add_subtree(it, ett.xml_element), off, it});
                break;
            }
            case XmlStep::Attribute: {
                // An attribute its DTD declares: its field, over the value.
                proto_item* it =
                    s.as < 0 ? proto_tree_add_item(top().tree, xml_hf.attribute, doc, off, len, ENC_UTF_8 | ENC_NA)
                             : proto_tree_add_item(top().tree, setup.attribute[s.as], doc, static_cast<int>(s.label),
                                                   off + len - 1 - static_cast<int>(s.label), ENC_UTF_8 | ENC_NA);
                proto_item_set_text(it, "%s", tvb_format_text(pinfo->pool, doc, off, len));
                top().last = it;
                break;
            }
            case XmlStep::EndOpen: proto_item_append_text(top().last, ">"); break;
            case XmlStep::EndEmpty:
                proto_item_append_text(top().last, "/>");
                pop();
                break;
            case XmlStep::Close:
                proto_item_set_len(top().item, off + len - top().start);
                // proto_tree_add_format_text(), which 4.0 does not export.
                proto_tree_add_none_format(top().tree, hf_text_only, doc, off, len, "%s",
                                           tvb_format_text(pinfo->pool, doc, off, len));
                pop();
                break;
            case XmlStep::Text: {
                // Text outside every element is the document's, "xml.unknown".
                int hf_text = s.as == kXmlDocument ? xml_hf.unknown
                              : s.as == kXmlUnknown ? xml_hf.cdata
                                                    : setup.node_text[s.as];
                proto_item* it = proto_tree_add_item(top().tree, hf_text, doc, off, len, ENC_UTF_8 | ENC_NA);
                proto_item_set_text(it, "%s", tvb_format_text(pinfo->pool, doc, off, len));
                break;
            }
        }
    }
    return static_cast<int>(tvb_captured_length(tvb));
}

// Whether the XML dissector would draw `tvb` from its bytes as they are
// (4.0), from their decoding as UTF-8 (4.4 and later, the preference at
// UTF-8), or some other way the plugin does not draw.
enum class Source { Bytes, Utf8, Other };

Source source_of(const guint8* bytes, guint length) {
    if (length < 2) return Source::Other;  // its byte-order-mark test needs two bytes
    guint16 bom = static_cast<guint16>(bytes[0] << 8 | bytes[1]);
    if (bom == 0xFEFF || bom == 0xFFFE) return Source::Other;
    if (!setup.encoding) return Source::Bytes;
    if (prefs_get_enum_value(setup.encoding, pref_current) != kIanaUtf8) return Source::Other;
    // An encoding="..." in the first 100 bytes may name another.
    std::string_view head(reinterpret_cast<const char*>(bytes), length < 100 ? length : 100);
    if (head.find("encoding") != std::string_view::npos || head.find("ENCODING") != std::string_view::npos)
        return Source::Other;
    return Source::Utf8;
}

}  // namespace

void register_xml_drawing(module_t* module) {
    wireshark_xml = find_dissector_add_dependency("xml", proto_sipc);
    proto_xml = proto_get_id_by_filter_name("xml");
    if (proto_xml >= 0) drawn_xml = create_dissector_handle(draw, proto_xml);
    if (module)
        prefs_register_bool_preference(
            module, "draw_xml", "Draw plain XML bodies without the XML dissector's parser",
            "Bodies of plain XML (elements, quoted attributes, text) are drawn by the SIP-C dissector itself, "
            "item for item as Wireshark's XML dissector draws them, at a fraction of its cost; any other XML "
            "goes to the XML dissector.  Off: every body goes to the XML dissector.",
            &pref_draw_xml);
}

bool xml_available() { return wireshark_xml != nullptr; }

int xml_protocol() { return proto_xml; }

void call_xml(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree) {
    if (pref_draw_xml && drawn_xml && !pinfo->match_string) {
        if (!setup.done) set_up();
        guint length = tvb_captured_length(tvb);
        if (setup.usable && fields_found() && length == tvb_reported_length(tvb)) {
            const guint8* bytes = tvb_get_ptr(tvb, 0, static_cast<gint>(length));
            Drawing drawing{&scratch_steps(), nullptr, 0};
            Source source = source_of(bytes, length);
            std::string_view text(reinterpret_cast<const char*>(bytes), length);
            if (source == Source::Utf8) {
                // As the XML dissector does it: invalid sequences replaced,
                // the text cut at a NUL.
                auto* decoded = reinterpret_cast<const guint8*>(
                    tvb_get_string_enc(pinfo->pool, tvb, 0, static_cast<gint>(length), ENC_UTF_8));
                drawing.decoded = decoded;
                drawing.decoded_length = static_cast<guint>(strlen(reinterpret_cast<const char*>(decoded)));
                text = std::string_view(reinterpret_cast<const char*>(decoded), drawing.decoded_length);
            }
            if (source != Source::Other && lay_out_xml(text, setup.vocabulary, scratch_steps()) &&
                dtd_fields_found(scratch_steps())) {
                call_dissector_with_data(drawn_xml, tvb, pinfo, tree, &drawing);
                return;
            }
        }
    }
    call_dissector_with_data(wireshark_xml, tvb, pinfo, tree, nullptr);
}

}  // namespace sipc::epan
