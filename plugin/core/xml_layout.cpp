// SPDX-License-Identifier: GPL-2.0-or-later
#include "xml_layout.h"

#include <algorithm>

namespace sipc {
namespace {

// The blanks the XML dissector skips between its tokens.
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Its characters of an element name; an attribute name may also hold ':'.
bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
}
bool is_attr_name_char(char c) { return is_name_char(c) || c == ':'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

size_t skip_blanks(std::string_view doc, size_t p) {
    while (p < doc.size() && is_blank(doc[p])) ++p;
    return p;
}

template <typename Pred>
size_t skip_while(std::string_view doc, size_t p, Pred pred) {
    while (p < doc.size() && pred(doc[p])) ++p;
    return p;
}

XmlStep step(XmlStep::Kind kind, size_t offset, size_t length, size_t label = 0) {
    return XmlStep{kind, static_cast<uint32_t>(offset), static_cast<uint32_t>(length), static_cast<uint32_t>(label)};
}

// An attribute and what follows it: `p` is past the blanks before its
// name.  Returns the offset after its closing quote, or npos to decline.
size_t attribute(std::string_view doc, size_t p, std::vector<XmlStep>& steps) {
    size_t start = p;
    p = skip_while(doc, p, is_attr_name_char);
    // The dissector allows blanks around '=' and unquoted values; decline them.
    if (p == start || p + 1 >= doc.size() || doc[p] != '=') return std::string_view::npos;
    char quote = doc[p + 1];
    if (quote != '"' && quote != '\'') return std::string_view::npos;
    size_t close = doc.find(quote, p + 2);
    if (close == std::string_view::npos) return close;
    // Its quoted strings treat a backslash before a quote as an escape.
    if (doc.substr(p + 2, close - p - 2).find('\\') != std::string_view::npos) return std::string_view::npos;
    steps.push_back(step(XmlStep::Attribute, start, close + 1 - start));
    return close + 1;
}

}  // namespace

void XmlDeclinedNames::add(std::string_view name) {
    std::string n = lowered(name);
    auto at = std::lower_bound(names_.begin(), names_.end(), n);
    if (at != names_.end() && *at == n) return;
    longest_ = std::max(longest_, n.size());
    names_.insert(at, std::move(n));
}

bool XmlDeclinedNames::contains(std::string_view name) const {
    if (name.size() > longest_) return false;
    char buf[256];
    if (name.size() > sizeof buf) return true;  // cannot happen below longest_; decline if it did
    for (size_t i = 0; i < name.size(); ++i) buf[i] = lower(name[i]);
    return std::binary_search(names_.begin(), names_.end(), std::string_view(buf, name.size()),
                              [](std::string_view a, std::string_view b) { return a < b; });
}

bool lay_out_xml(std::string_view doc, const XmlDeclinedNames& declined, std::vector<XmlStep>& steps) {
    steps.clear();
    if (doc.size() > UINT32_MAX) return false;
    size_t depth = 0;
    size_t p = skip_blanks(doc, 0);
    while (p < doc.size()) {
        if (doc[p] != '<') {
            // Text runs to the next '<'.  At a token's start "]>" would end
            // a DTD instead.
            if (doc[p] == ']') return false;
            size_t end = doc.find('<', p);
            if (end == std::string_view::npos) end = doc.size();
            steps.push_back(step(XmlStep::Text, p, end - p));
            p = skip_blanks(doc, end);
            continue;
        }
        if (p + 1 < doc.size() && doc[p + 1] == '/') {
            // "</name>", nothing between; closing nothing is an expert item.
            size_t end = skip_while(doc, p + 2, is_name_char);
            if (end == p + 2 || end >= doc.size() || doc[end] != '>' || depth == 0) return false;
            steps.push_back(step(XmlStep::Close, p, end + 1 - p));
            --depth;
            p = skip_blanks(doc, end + 1);
            continue;
        }
        // A start tag: '<' and a name at once (no '?', '!', prefix or blank).
        size_t name_end = skip_while(doc, p + 1, is_name_char);
        if (name_end == p + 1 || name_end >= doc.size() || doc[name_end] == ':') return false;
        if (declined.contains(doc.substr(p + 1, name_end - p - 1))) return false;
        size_t open = steps.size();
        steps.push_back(step(XmlStep::Open, p, 0, name_end - p));
        size_t q = name_end;
        for (;;) {
            size_t after_blanks = skip_blanks(doc, q);
            if (after_blanks >= doc.size()) return false;
            char c = doc[after_blanks];
            if (c == '>') {
                steps.push_back(step(XmlStep::EndOpen, after_blanks, 1));
                ++depth;
                q = after_blanks + 1;
                break;
            }
            if (c == '/') {
                if (after_blanks + 1 >= doc.size() || doc[after_blanks + 1] != '>') return false;
                steps.push_back(step(XmlStep::EndEmpty, after_blanks, 2));
                q = after_blanks + 2;
                break;
            }
            if (after_blanks == q) return false;  // attributes apart by blanks only
            q = attribute(doc, after_blanks, steps);
            if (q == std::string_view::npos) return false;
        }
        steps[open].length = static_cast<uint32_t>(q - p);
        p = skip_blanks(doc, q);
    }
    return true;
}

namespace {

// The name after `keyword` at its first place in `text`, or an empty view.
std::string_view name_after(std::string_view text, std::string_view keyword) {
    size_t k = text.find(keyword);
    if (k == std::string_view::npos) return {};
    size_t p = skip_blanks(text, k + keyword.size());
    size_t end = p;
    while (end < text.size() && !is_blank(text[end]) && text[end] != '(' && text[end] != '>' && text[end] != '[') ++end;
    return text.substr(p, end - p);
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

}  // namespace

bool dtd_roots(std::string_view dtd, XmlDeclinedNames& out) {
    // More names than the root are harmless (their documents go to
    // Wireshark); a root missed is not.  So every name that may be it.
    size_t pi = dtd.find("wireshark:protocol");
    if (pi != std::string_view::npos) {
        size_t pi_end = dtd.find("?>", pi);
        std::string_view line = dtd.substr(pi, pi_end == std::string_view::npos ? std::string_view::npos : pi_end - pi);
        size_t r = line.find("root=");
        if (r != std::string_view::npos && r + 5 < line.size()) {
            char quote = line[r + 5];
            size_t close = line.find(quote, r + 6);
            if ((quote == '"' || quote == '\'') && close != std::string_view::npos)
                out.add(line.substr(r + 6, close - r - 6));
        }
    }
    std::string plain = without_comments(dtd);
    bool known = true;
    for (std::string_view text : {dtd, std::string_view(plain)}) {
        for (std::string_view keyword : {"<!DOCTYPE", "<!ELEMENT"}) {
            std::string_view name = name_after(text, keyword);
            if (name.find('%') != std::string_view::npos) known = false;
            else if (!name.empty()) out.add(name);
        }
    }
    return known;
}

}  // namespace sipc
