// SPDX-License-Identifier: GPL-2.0-or-later
// A small, tolerant scanner for the XML of SIP-C bodies (<args>, <results>,
// <events>, ...): start tags with their attributes, end tags and text.  It
// never allocates and never fails: malformed input ends the scan or yields
// text.  The XML tree is drawn elsewhere (xml_layout.h); this only finds the
// elements whose attributes become filterable fields.
#pragma once

#include <string_view>

namespace sipc {

struct XmlToken {
    enum Kind { StartTag, EndTag, Text } kind = Text;
    std::string_view name;   // tag name (StartTag, EndTag)
    std::string_view attrs;  // raw attribute text of a StartTag
    std::string_view text;   // Text: the raw text between tags
    bool self_closing = false;
};

class XmlScanner {
public:
    explicit XmlScanner(std::string_view doc) : doc_(doc) {}
    // Comments, processing instructions and declarations are skipped.
    bool next(XmlToken& out);

private:
    std::string_view doc_;
    size_t pos_ = 0;
};

struct XmlAttr {
    std::string_view name;
    std::string_view value;  // raw, entities not decoded
};

// Attributes of a start tag: name="value", name='value', spaces around '='
// allowed (server XML writes <group-list  version ="1" >).
class XmlAttrCursor {
public:
    explicit XmlAttrCursor(std::string_view attrs) : rest_(attrs) {}
    bool next(XmlAttr& out);

private:
    std::string_view rest_;
};

// The value of attribute `name` in `attrs`, or an empty view (found=false).
std::string_view xml_attr(std::string_view attrs, std::string_view name, bool* found = nullptr);

// Whether a body is an XML document: after blanks (openfetion's libxml2
// bodies start with a bare LF, doc/protocol.md "Line ends"), a '<' and a
// name, '?' or '!'.  The one test the plugin makes before reading a body
// as XML.
bool looks_like_xml(std::string_view body);

// Decodes character references and the five named entities (and &nbsp;)
// into `out`, which must hold text.size() bytes: decoding never lengthens.
// Returns the decoded length.
size_t xml_decode(std::string_view text, char* out);

// The text of an HTML fragment (<Font Face='宋体' ...>767</Font>): tags
// removed, <br> as a line feed, entities decoded.  `out` must hold
// html.size() bytes.  Returns the length written.
size_t html_to_text(std::string_view html, char* out);

// The Fetion number of a URI or a bare number: "sip:815389316@fetion.com.cn;p=72"
// and "815389316" both give "815389316"; "tel:13800138000" gives
// "tel:13800138000"; anything else is returned as is.
std::string_view user_of(std::string_view uri);

}  // namespace sipc
