// SPDX-License-Identifier: GPL-2.0-or-later
// The tree Wireshark's XML dissector draws for a document, worked out
// without it, for the documents plain enough to be sure of it: elements
// with plain names, attributes in quotes, and text, including elements of
// the DTDs it reads where those DTDs are plain too.  Anything else (a
// comment, a declaration, a namespace prefix, an element of a DTD this does
// not read, whitespace where the XML dissector's grammar would still accept
// it) makes lay_out_xml() decline, and the body goes to Wireshark's XML
// dissector as before.  doc/xml-drawing.md says which rules of that
// dissector the steps follow and why drawing them is worth it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sipc {

// What an element, an attribute or a text is drawn as, besides an element
// of a DTD (a node number, from 0).
constexpr int32_t kXmlUnknown = -1;   // xml.tag, xml.attribute, xml.cdata
constexpr int32_t kXmlDocument = -2;  // text outside every element: xml.unknown

// One thing the XML dissector would add to the tree, in its order.
struct XmlStep {
    enum Kind : uint8_t {
        Open,       // a start tag: an item over the whole tag, labelled "<name"; its subtree is entered
        Attribute,  // name="value": an item labelled with it; it becomes the tag's last item
        EndOpen,    // '>' ends the start tag: ">" appended to the tag's last item
        EndEmpty,   // "/>" ends it: "/>" appended to the last item, and the subtree is left
        Close,      // an end tag: the element's item grows to cover it, a text item shows it, the subtree is left
        Text,       // text: an item labelled with it (trailing blanks kept, leading ones skipped)
    };
    Kind kind;
    int32_t as;       // Open: the element's node or kXmlUnknown; Attribute: its field or kXmlUnknown;
                      // Text: the enclosing element's node, kXmlUnknown or kXmlDocument
    uint32_t offset;  // in the document
    uint32_t length;  // Open: the whole start tag, through '>' or "/>"
    uint32_t label;   // Open: the length of "<name"; Attribute: the offset of its value, inside the quotes
};

// An element of a DTD's tree, as the XML dissector builds it from a DTD
// with hierarchy="yes" (packet-xml.c, register_dtd() and make_xml_hier()).
struct DtdNode {
    std::string field;  // of its tag and its text ("presence.tuple.status"); the root's tag is the protocol
    bool root = false;
    std::vector<std::pair<std::string, int32_t>> children;    // lower-case name, node
    std::vector<std::pair<std::string, int32_t>> attributes;  // lower-case name, attribute field
};

// What the XML dissector knows beyond plain XML: the roots of its DTDs, the
// trees of those the plugin can draw, and the names it treats apart.
class XmlVocabulary {
public:
    // Documents with an element of this name are left to the XML dissector.
    void decline(std::string_view name);
    // A DTD file as the XML dissector reads it.  One in the subset this
    // reads (doc/xml-drawing.md) is drawn; of any other, the documents with
    // any element that may be its root are declined.  False when not even
    // that can be known (its first element behind a parameter entity):
    // then nothing should be drawn.  draw=false: declined whatever it holds.
    bool add_dtd(std::string_view text, bool draw = true);

    // The node of a DTD root, kXmlUnknown for a plain name, or false to decline.
    bool root_of(std::string_view name, int32_t& node) const;
    const std::vector<DtdNode>& nodes() const { return nodes_; }
    const std::vector<std::string>& attribute_fields() const { return attribute_fields_; }

private:
    // Sorted by lower-case name: a DTD root's node, or kXmlUnknown for a
    // declined name.
    std::vector<std::pair<std::string, int32_t>> names_;
    size_t longest_ = 0;
    std::vector<DtdNode> nodes_;
    std::vector<std::string> attribute_fields_;

    void set(std::string_view name, int32_t node);
};

// The steps for `doc` in `steps` (cleared first), or false when the document
// is outside what can be drawn.
bool lay_out_xml(std::string_view doc, const XmlVocabulary& vocabulary, std::vector<XmlStep>& steps);

}  // namespace sipc
