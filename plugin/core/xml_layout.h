// SPDX-License-Identifier: GPL-2.0-or-later
// The tree Wireshark's XML dissector draws for a document, worked out
// without it, for the documents plain enough to be sure of it: elements
// with plain names, attributes in quotes, and text.  Anything else (a
// comment, a declaration, a namespace prefix, an element a DTD of
// Wireshark's describes, whitespace where the XML dissector's grammar would
// still accept it) makes lay_out_xml() decline, and the body goes to
// Wireshark's XML dissector as before.  doc/xml-drawing.md says which rules
// of that dissector the steps follow and why drawing them is worth it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sipc {

// One thing the XML dissector would add to the tree, in its order.
struct XmlStep {
    enum Kind : uint8_t {
        Open,       // a start tag: an item over the whole tag, labelled "<name"; its subtree is entered
        Attribute,  // name="value": an item over it, labelled with it; it becomes the tag's last item
        EndOpen,    // '>' ends the start tag: ">" appended to the tag's last item
        EndEmpty,   // "/>" ends it: "/>" appended to the last item, and the subtree is left
        Close,      // an end tag: the element's item grows to cover it, a text item shows it, the subtree is left
        Text,       // text: an item labelled with it (trailing blanks kept, leading ones skipped)
    };
    Kind kind;
    uint32_t offset;  // in the document
    uint32_t length;  // Open: the whole start tag, through '>' or "/>"
    uint32_t label;   // Open: the length of "<name", the item's label
};

// Lower-case element names whose documents Wireshark draws its own way:
// the roots of its DTDs, and the elements of WS-Security that its XML
// dissector decrypts with Kerberos keys.
class XmlDeclinedNames {
public:
    void add(std::string_view name);
    bool contains(std::string_view name) const;
    bool empty() const { return names_.empty(); }

private:
    std::vector<std::string> names_;  // sorted, lower case
    size_t longest_ = 0;
};

// The steps for `doc` in `steps` (cleared first), or false when the document
// is outside the plain subset or names an element of `declined`.
bool lay_out_xml(std::string_view doc, const XmlDeclinedNames& declined, std::vector<XmlStep>& steps);

// The element a DTD file makes the root of its tree, the way Wireshark's
// XML dissector reads it: the root="..." of its <? wireshark:protocol ?>
// line, else its first <!ELEMENT>.  Both are added to `out` (either may be
// the one a version uses).  False when the file hides its first element
// name behind a parameter entity: it cannot be known without expanding it.
bool dtd_roots(std::string_view dtd, XmlDeclinedNames& out);

}  // namespace sipc
