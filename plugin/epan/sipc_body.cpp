// SPDX-License-Identifier: GPL-2.0-or-later
// Bodies: XML (<args>, <results>, <events>, ...) is drawn as Wireshark's XML
// dissector draws it (sipc_xml); anything else is shown line by line as
// UTF-8 text.
#include "sipc_body.h"

#include "xml_scan.h"

#include "sipc_fields.h"
#include "sipc_slices.h"
#include "sipc_string_item.h"
#include "sipc_xml.h"
#include "text.h"

namespace sipc::epan {
namespace {

// HTML fragments of M bodies look like XML but are not documents.
bool is_html_fragment(const MessageSummary& msg) { return msg.content_type == "text/html-fragment"; }

}  // namespace

void dissect_body_text(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg) {
    if (!tree || !proto_field_is_referenced(tree, hf.body_line)) return;
    std::string_view body = msg.parts.body;
    size_t pos = 0;
    while (pos < body.size()) {
        Line line = line_at(body, pos);
        int off = msg.offset_of(body) + static_cast<int>(pos);
        add_string_item(tree, pinfo, hf.body_line, tvb, off, body.substr(pos, line.next - pos));
        pos = line.next;
    }
}

void register_body_handoff() {
    module_t* module = prefs_find_module("sipc");
    register_xml_drawing(module);
    // Sliced bodies are put back together before they are decoded.
    register_slices();
    if (module) register_slice_preference(module);
}

void dissect_body(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg) {
    std::string_view body = msg.parts.body;
    if (!tree || body.empty()) return;
    // A body cut off by the end of the data is not a document: shown as text.
    // XML is the costliest part of a message: parse it only when someone
    // looks (the tree is shown) or a filter asks for an xml field.
    bool xml_wanted = xml_protocol() < 0 || proto_field_is_referenced(tree, xml_protocol());
    if (xml_available() && xml_wanted && !msg.frame.truncated && looks_like_xml(body) && !is_html_fragment(msg)) {
        tvbuff_t* xml_tvb = tvb_new_subset_length(tvb, msg.offset_of(body), static_cast<gint>(body.size()));
        // The XML dissector writes the Protocol and Info columns; the message's
        // own summary must stay there.
        gboolean writable = col_get_writable(pinfo->cinfo, -1);
        col_set_writable(pinfo->cinfo, -1, FALSE);
        call_xml(xml_tvb, pinfo, tree);
        col_set_writable(pinfo->cinfo, -1, writable);
        return;
    }
    dissect_body_text(tvb, pinfo, tree, msg);
}

}  // namespace sipc::epan
