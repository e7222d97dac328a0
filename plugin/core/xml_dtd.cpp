// SPDX-License-Identifier: GPL-2.0-or-later
// XmlVocabulary::add_dtd(): a DTD file read the way Wireshark's XML
// dissector reads it (its DTD grammar, dtd_grammar.lemon, and
// packet-xml.c's register_dtd()), for the plain DTDs only: a
// "wireshark:protocol" line with a protocol name and hierarchy="yes", then
// ELEMENT and ATTLIST declarations and comments.  doc/xml-drawing.md, "DTDs".
#include <algorithm>
#include <map>

#include "text.h"
#include "xml_layout.h"

namespace sipc {
namespace {

bool is_dtd_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_' || c == ':';
}
std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

std::string without_comments(std::string_view text) {
    std::string out;
    size_t p = 0;
    for (size_t c; (c = text.find("<!--", p)) != std::string_view::npos;) {
        out.append(text.substr(p, c - p));
        size_t end = text.find("-->", c + 4);
        if (end == std::string_view::npos) return out;
        p = end + 3;
    }
    out.append(text.substr(p));
    return out;
}

// The name after `keyword` at its first place in `text`, or an empty view.
std::string_view name_after(std::string_view text, std::string_view keyword) {
    size_t k = text.find(keyword);
    if (k == std::string_view::npos) return {};
    size_t p = k + keyword.size();
    while (p < text.size() && is_blank(text[p])) ++p;
    size_t end = p;
    while (end < text.size() && !is_blank(text[end]) && text[end] != '(' && text[end] != '>' && text[end] != '[') ++end;
    return text.substr(p, end - p);
}

// A cursor over a declaration's tokens: names, quoted strings, punctuation.
struct Tokens {
    std::string_view text;
    size_t pos = 0;

    void blanks() {
        while (pos < text.size() && is_blank(text[pos])) ++pos;
    }
    bool at_end() {
        blanks();
        return pos >= text.size();
    }
    bool punct(char c) {
        blanks();
        if (pos < text.size() && text[pos] == c) {
            ++pos;
            return true;
        }
        return false;
    }
    std::string_view name() {
        blanks();
        size_t start = pos;
        if (pos < text.size() && text[pos] == '#') ++pos;
        while (pos < text.size() && is_dtd_name_char(text[pos])) ++pos;
        return text.substr(start, pos - start);
    }
    bool quoted() {
        blanks();
        if (pos >= text.size() || (text[pos] != '"' && text[pos] != '\'')) return false;
        size_t end = text.find(text[pos], pos + 1);
        if (end == std::string_view::npos) return false;
        pos = end + 1;
        return true;
    }
    void suffixes() {
        while (pos < text.size() && (text[pos] == '*' || text[pos] == '+' || text[pos] == '?')) ++pos;
    }
};

// A parenthesised content group after its '(' : child names in order into
// `out`.  #PCDATA may only be the whole group or its last item (the DTD
// grammar of the XML dissector fails on anything else).
bool content_group(Tokens& t, std::vector<std::string>& out) {
    for (;;) {
        if (t.punct('(')) {
            if (!content_group(t, out)) return false;
            t.suffixes();
        } else {
            std::string_view n = t.name();
            if (n.empty()) return false;
            if (n == "#PCDATA") {
                if (!t.punct(')')) return false;
                t.suffixes();
                return true;
            }
            if (n[0] == '#') return false;
            out.push_back(lowered(n));
            // One suffix at most after a name.
            t.blanks();
            if (t.pos < t.text.size() && (t.text[t.pos] == '*' || t.text[t.pos] == '+' || t.text[t.pos] == '?'))
                ++t.pos;
        }
        if (t.punct(')')) {
            t.suffixes();
            return true;
        }
        if (!t.punct(',') && !t.punct('|')) return false;
    }
}

struct Element {
    std::vector<std::string> children;
    std::vector<std::string> attributes;
};

struct Dtd {
    std::string proto_name;
    bool hierarchy = false;
    bool other_settings = false;  // root= or an unknown setting
    std::vector<std::string> order;  // element names, first declaration of each
    std::map<std::string, Element> elements;
};

bool read_settings(std::string_view pi, Dtd& dtd) {
    Tokens t{pi};
    if (t.name() != "wireshark:protocol") return false;
    while (!t.at_end()) {
        std::string_view key = t.name();
        if (key.empty() || !t.punct('=')) return false;
        t.blanks();
        size_t start = t.pos;
        if (!t.quoted()) return false;
        std::string_view value = t.text.substr(start + 1, t.pos - start - 2);
        std::string k = lowered(key);
        if (k == "proto_name") dtd.proto_name = std::string(value);
        else if (k == "hierarchy") dtd.hierarchy = lowered(value) == "yes";
        else if (k != "media" && k != "description") dtd.other_settings = true;
    }
    return true;
}

bool read_element(std::string_view decl, Dtd& dtd) {
    Tokens t{decl};
    std::string name = lowered(t.name());
    if (name.empty() || name[0] == '#') return false;
    Element e;
    size_t before = t.pos;
    if (t.name() != "EMPTY") {
        t.pos = before;
        if (!t.punct('(') || !content_group(t, e.children)) return false;
        t.suffixes();
    }
    if (!t.at_end()) return false;
    if (!dtd.elements.count(name)) {
        dtd.order.push_back(name);
        dtd.elements.emplace(name, std::move(e));
    }
    return true;
}

bool read_attlist(std::string_view decl, std::vector<std::pair<std::string, std::string>>& attlists) {
    Tokens t{decl};
    std::string element = lowered(t.name());
    if (element.empty()) return false;
    bool any = false;
    while (!t.at_end()) {
        std::string_view attr = t.name();
        if (attr.empty() || attr[0] == '#') return false;
        // The type: a keyword or an enumeration.
        if (t.punct('(')) {
            size_t close = t.text.find(')', t.pos);
            if (close == std::string_view::npos) return false;
            t.pos = close + 1;
        } else {
            static const char* types[] = {"CDATA",  "ID",      "IDREF",    "IDREFS",  "ENTITY",
                                          "ENTITIES", "NMTOKEN", "NMTOKENS"};
            std::string_view type = t.name();
            if (std::none_of(std::begin(types), std::end(types), [&](const char* k) { return type == k; }))
                return false;
        }
        // The default.
        size_t before = t.pos;
        std::string_view d = t.name();
        if (d == "#FIXED") {
            if (!t.quoted()) return false;
        } else if (d.empty()) {
            t.pos = before;
            if (!t.quoted()) return false;
        } else if (d != "#IMPLIED" && d != "#REQUIRED") {
            return false;
        }
        attlists.emplace_back(element, lowered(attr));
        any = true;
    }
    return any;
}

// The declarations of a comment-free DTD, or false when it holds anything
// else (entities, a DOCTYPE, another processing instruction).
bool read_plain_dtd(std::string_view text, Dtd& dtd) {
    std::vector<std::pair<std::string, std::string>> attlists;
    bool settings = false;
    size_t p = 0;
    for (;;) {
        while (p < text.size() && is_blank(text[p])) ++p;
        if (p >= text.size()) break;
        if (text.compare(p, 2, "<?") == 0) {
            size_t end = text.find("?>", p);
            if (end == std::string_view::npos || settings) return false;
            if (!read_settings(text.substr(p + 2, end - p - 2), dtd)) return false;
            settings = true;
            p = end + 2;
            continue;
        }
        bool element = text.compare(p, 9, "<!ELEMENT") == 0;
        bool attlist = text.compare(p, 9, "<!ATTLIST") == 0;
        if (!element && !attlist) return false;
        // The declaration ends at the first '>' outside quotes.
        size_t q = p + 9;
        char quote = 0;
        for (; q < text.size(); ++q) {
            char c = text[q];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            } else if (c == '%' || c == '<') {
                return false;
            }
        }
        if (q >= text.size()) return false;
        std::string_view decl = text.substr(p + 9, q - p - 9);
        if (decl.empty() || !is_blank(decl[0])) return false;
        if (element ? !read_element(decl, dtd) : !read_attlist(decl, attlists)) return false;
        p = q + 1;
    }
    for (auto& [element, attr] : attlists) {
        auto it = dtd.elements.find(element);
        if (it == dtd.elements.end()) continue;  // the dissector reports it and goes on
        auto& a = it->second.attributes;
        if (std::find(a.begin(), a.end(), attr) == a.end()) a.push_back(attr);
    }
    return !dtd.order.empty();
}

bool plain_proto_name(const std::string& n) {
    if (n.empty()) return false;
    for (char c : n)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
    return true;
}

// Deeper than this the tree would meet the GUI's depth preference, which a
// version may read before or after building it: not drawn.
constexpr size_t kMaxDepth = 8;
constexpr size_t kMaxNodes = 4096;

struct Builder {
    const Dtd& dtd;
    std::vector<DtdNode>& nodes;
    std::vector<std::string>& attribute_fields;
    const std::string& root_name;
    bool ok = true;

    DtdNode node_for(std::string field, const Element& e) {
        DtdNode n;
        n.field = std::move(field);
        for (const std::string& a : e.attributes) {
            n.attributes.emplace_back(a, static_cast<int32_t>(attribute_fields.size()));
            attribute_fields.push_back(n.field + "." + a);
        }
        return n;
    }

    // make_xml_hier(): the node of `name` under the elements of `hier`.
    int32_t make(const std::string& name, std::vector<std::string>& hier) {
        if (!ok || name == root_name) return kXmlUnknown;
        auto it = dtd.elements.find(name);
        if (it == dtd.elements.end()) return kXmlUnknown;
        if (hier.size() >= kMaxDepth || nodes.size() >= kMaxNodes) {
            ok = false;
            return kXmlUnknown;
        }
        if (std::find(hier.begin(), hier.end(), name) != hier.end()) return kXmlUnknown;
        std::string field = dtd.proto_name + ".";
        for (size_t i = 1; i < hier.size(); ++i) field += hier[i] + ".";
        field += name;
        int32_t index = static_cast<int32_t>(nodes.size());
        nodes.push_back(node_for(std::move(field), it->second));
        for (const std::string& child : it->second.children) {
            hier.push_back(name);
            int32_t c = make(child, hier);
            hier.pop_back();
            if (c < 0) continue;
            auto& children = nodes[index].children;
            auto found = std::find_if(children.begin(), children.end(), [&](const auto& p) { return p.first == child; });
            if (found != children.end()) found->second = c;
            else children.emplace_back(child, c);
        }
        return index;
    }
};

}  // namespace

bool XmlVocabulary::add_dtd(std::string_view text, bool draw) {
    std::string plain = without_comments(text);
    Dtd dtd;
    if (draw && read_plain_dtd(plain, dtd) && plain_proto_name(dtd.proto_name) && dtd.hierarchy && !dtd.other_settings) {
        // register_dtd(), hierarchy="yes": the root is the first element; its
        // node's children are itself and every element the DTD declares,
        // each with the tree below it.
        const std::string root_name = dtd.order.front();
        size_t first_node = nodes_.size(), first_field = attribute_fields_.size();
        Builder b{dtd, nodes_, attribute_fields_, root_name};
        int32_t root = static_cast<int32_t>(nodes_.size());
        nodes_.push_back(b.node_for(dtd.proto_name, dtd.elements.at(root_name)));
        nodes_[root].root = true;
        nodes_[root].children.emplace_back(root_name, root);
        for (const std::string& name : dtd.order) {
            if (find_if(nodes_[root].children.begin(), nodes_[root].children.end(),
                        [&](const auto& p) { return p.first == name; }) != nodes_[root].children.end())
                continue;
            std::vector<std::string> hier{root_name};
            int32_t n = b.make(name, hier);
            if (n >= 0) nodes_[root].children.emplace_back(name, n);
        }
        if (b.ok) {
            set(root_name, root);
            return true;
        }
        nodes_.resize(first_node);
        attribute_fields_.resize(first_field);
    }
    // Not drawn: decline every name that may be its root (more names than
    // the root cost nothing, a root missed would).
    bool known = true;
    size_t pi = text.find("wireshark:protocol");
    if (pi != std::string_view::npos) {
        size_t pi_end = text.find("?>", pi);
        std::string_view line = text.substr(pi, pi_end == std::string_view::npos ? std::string_view::npos : pi_end - pi);
        size_t r = line.find("root=");
        if (r != std::string_view::npos && r + 5 < line.size()) {
            char quote = line[r + 5];
            size_t close = line.find(quote, r + 6);
            if ((quote == '"' || quote == '\'') && close != std::string_view::npos) decline(line.substr(r + 6, close - r - 6));
        }
    }
    for (std::string_view t : {text, std::string_view(plain)}) {
        for (std::string_view keyword : {"<!DOCTYPE", "<!ELEMENT"}) {
            std::string_view name = name_after(t, keyword);
            if (name.find('%') != std::string_view::npos) known = false;
            else if (!name.empty()) decline(name);
        }
    }
    return known;
}

}  // namespace sipc
