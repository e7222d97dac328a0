// SPDX-License-Identifier: GPL-2.0-or-later
#include "xml_layout.h"

#include <algorithm>

#include "text.h"

namespace sipc {
namespace {

// Its characters of an element name; an attribute name may also hold ':'.
bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
}
bool is_attr_name_char(char c) { return is_name_char(c) || c == ':'; }

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

// Ordering of lower-case keys against a name of any case, without a copy.
bool key_less_name(std::string_view key, std::string_view name) {
    size_t n = std::min(key.size(), name.size());
    for (size_t i = 0; i < n; ++i) {
        char b = ascii_lower(name[i]);
        if (key[i] != b) return key[i] < b;
    }
    return key.size() < name.size();
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

XmlStep step(XmlStep::Kind kind, int32_t as, size_t offset, size_t length, size_t label = 0) {
    return XmlStep{kind, as, static_cast<uint32_t>(offset), static_cast<uint32_t>(length),
                   static_cast<uint32_t>(label)};
}

constexpr int32_t kDeclined = INT32_MIN;

// The value of `name` (any case) among pairs keyed in lower case.
template <typename Pairs>
const int32_t* find_pair(const Pairs& pairs, std::string_view name) {
    for (const auto& p : pairs)
        if (equals_lowered(name, p.first)) return &p.second;
    return nullptr;
}

// A stack of int32_t whose first 32 entries need no allocation.
class SmallStack {
public:
    SmallStack() { push_back(kXmlDocument); }
    void push_back(int32_t v) {
        if (size_ < kInline) inline_[size_] = v;
        else deep_.push_back(v);
        ++size_;
    }
    void pop_back() {
        --size_;
        if (size_ >= kInline) deep_.pop_back();
    }
    int32_t back() const { return size_ - 1 < kInline ? inline_[size_ - 1] : deep_.back(); }
    size_t size() const { return size_; }

private:
    static constexpr size_t kInline = 32;
    int32_t inline_[kInline];
    std::vector<int32_t> deep_;
    size_t size_ = 0;
};

// An attribute and what follows it: `p` is past the blanks before its
// name, `element` the node of its element.  Returns the offset after its
// closing quote, or npos to decline.
size_t attribute(std::string_view doc, size_t p, int32_t element, const XmlVocabulary& vocabulary,
                 std::vector<XmlStep>& steps) {
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
    int32_t as = kXmlUnknown;
    if (element >= 0) {
        const int32_t* field = find_pair(vocabulary.nodes()[element].attributes, doc.substr(start, p - start));
        if (field) as = *field;
    }
    steps.push_back(step(XmlStep::Attribute, as, start, close + 1 - start, p + 2));
    return close + 1;
}

}  // namespace

void XmlVocabulary::set(std::string_view name, int32_t node) {
    std::string n = lowered(name);
    auto at = std::lower_bound(names_.begin(), names_.end(), n,
                               [](const std::pair<std::string, int32_t>& a, const std::string& b) { return a.first < b; });
    if (at != names_.end() && at->first == n) {
        if (node == kDeclined) at->second = kDeclined;  // declining wins
        return;
    }
    longest_ = std::max(longest_, n.size());
    names_.insert(at, {std::move(n), node});
}

void XmlVocabulary::decline(std::string_view name) { set(name, kDeclined); }

bool XmlVocabulary::root_of(std::string_view name, int32_t& node) const {
    node = kXmlUnknown;
    if (name.size() > longest_) return true;
    auto at = std::lower_bound(names_.begin(), names_.end(), name,
                               [](const std::pair<std::string, int32_t>& a, std::string_view b) {
                                   return key_less_name(a.first, b);
                               });
    if (at == names_.end() || !equals_lowered(name, at->first)) return true;
    node = at->second;
    return node != kDeclined;
}

bool lay_out_xml(std::string_view doc, const XmlVocabulary& vocabulary, std::vector<XmlStep>& steps) {
    steps.clear();
    if (doc.size() > UINT32_MAX) return false;
    // What each open element is drawn as; the document at the bottom.  The
    // steps' vector keeps its capacity between documents; this one would
    // be allocated for each: its first levels live on the stack.
    SmallStack open;
    size_t p = skip_blanks(doc, 0);
    while (p < doc.size()) {
        if (doc[p] != '<') {
            // Text runs to the next '<'.  At a token's start "]>" would end
            // a DTD instead.
            if (doc[p] == ']') return false;
            size_t end = doc.find('<', p);
            if (end == std::string_view::npos) end = doc.size();
            steps.push_back(step(XmlStep::Text, open.back(), p, end - p));
            p = skip_blanks(doc, end);
            continue;
        }
        if (p + 1 < doc.size() && doc[p + 1] == '/') {
            // "</name>", nothing between; closing nothing is an expert item.
            size_t end = skip_while(doc, p + 2, is_name_char);
            if (end == p + 2 || end >= doc.size() || doc[end] != '>' || open.size() == 1) return false;
            steps.push_back(step(XmlStep::Close, open.back(), p, end + 1 - p));
            open.pop_back();
            p = skip_blanks(doc, end + 1);
            continue;
        }
        // A start tag: '<' and a name at once (no '?', '!', prefix or blank).
        size_t name_end = skip_while(doc, p + 1, is_name_char);
        if (name_end == p + 1 || name_end >= doc.size() || doc[name_end] == ':') return false;
        // Its element: a child of the enclosing element's DTD node, else a
        // DTD root, else plain (packet-xml.c, before_tag()).
        std::string_view name = doc.substr(p + 1, name_end - p - 1);
        int32_t as = kXmlUnknown;
        if (!vocabulary.root_of(name, as)) return false;
        if (open.back() >= 0) {
            const int32_t* child = find_pair(vocabulary.nodes()[open.back()].children, name);
            if (child) as = *child;
        }
        size_t first = steps.size();
        steps.push_back(step(XmlStep::Open, as, p, 0, name_end - p));
        size_t q = name_end;
        for (;;) {
            size_t after_blanks = skip_blanks(doc, q);
            if (after_blanks >= doc.size()) return false;
            char c = doc[after_blanks];
            if (c == '>') {
                steps.push_back(step(XmlStep::EndOpen, as, after_blanks, 1));
                open.push_back(as);
                q = after_blanks + 1;
                break;
            }
            if (c == '/') {
                if (after_blanks + 1 >= doc.size() || doc[after_blanks + 1] != '>') return false;
                steps.push_back(step(XmlStep::EndEmpty, as, after_blanks, 2));
                q = after_blanks + 2;
                break;
            }
            if (after_blanks == q) return false;  // attributes apart by blanks only
            q = attribute(doc, after_blanks, as, vocabulary, steps);
            if (q == std::string_view::npos) return false;
        }
        steps[first].length = static_cast<uint32_t>(q - p);
        p = skip_blanks(doc, q);
    }
    return true;
}

}  // namespace sipc
