// SPDX-License-Identifier: GPL-2.0-or-later
#include "xml_scan.h"

#include <cstdint>

#include "text.h"

namespace sipc {
namespace {

bool is_name_char(char c) {
    return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '/' && c != '>' && c != '=' && c != '<';
}


size_t encode_utf8(uint32_t cp, char* out) {
    if (cp < 0x80) {
        out[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
}

// Decodes the entity at the start of `s` (which starts with '&').  Returns
// the bytes consumed (0: not an entity) and writes the character to out.
size_t decode_entity(std::string_view s, char* out, size_t& written) {
    size_t semi = s.find(';');
    if (semi == std::string_view::npos || semi > 10) return 0;
    std::string_view body = s.substr(1, semi - 1);
    struct Named {
        std::string_view name;
        const char* utf8;
    };
    static constexpr Named kNamed[] = {{"lt", "<"},   {"gt", ">"},   {"amp", "&"},
                                       {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"}};
    for (const Named& n : kNamed) {
        if (body == n.name) {
            written = 0;
            for (const char* p = n.utf8; *p; ++p) out[written++] = *p;
            return semi + 1;
        }
    }
    if (body.size() < 2 || body[0] != '#') return 0;
    uint32_t cp = 0;
    bool hex = body[1] == 'x' || body[1] == 'X';
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
        uint32_t d;
        if (is_digit(c)) d = static_cast<uint32_t>(c - '0');
        else if (hex && c >= 'a' && c <= 'f') d = static_cast<uint32_t>(c - 'a' + 10);
        else if (hex && c >= 'A' && c <= 'F') d = static_cast<uint32_t>(c - 'A' + 10);
        else return 0;
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10FFFF) return 0;
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    written = encode_utf8(cp, out);
    return semi + 1;
}

}  // namespace

bool XmlScanner::next(XmlToken& out) {
    while (pos_ < doc_.size()) {
        out = XmlToken{};
        if (doc_[pos_] != '<') {
            size_t lt = doc_.find('<', pos_);
            size_t end = lt == std::string_view::npos ? doc_.size() : lt;
            out.kind = XmlToken::Text;
            out.text = doc_.substr(pos_, end - pos_);
            pos_ = end;
            return true;
        }
        std::string_view rest = doc_.substr(pos_);
        if (rest.substr(0, 4) == "<!--") {
            size_t end = doc_.find("-->", pos_ + 4);
            pos_ = end == std::string_view::npos ? doc_.size() : end + 3;
            continue;
        }
        if (rest.size() > 1 && (rest[1] == '?' || rest[1] == '!')) {
            size_t end = doc_.find('>', pos_);
            pos_ = end == std::string_view::npos ? doc_.size() : end + 1;
            continue;
        }
        size_t gt = doc_.find('>', pos_);
        if (gt == std::string_view::npos) {  // a tag cut off: the rest is text
            out.kind = XmlToken::Text;
            out.text = rest;
            pos_ = doc_.size();
            return true;
        }
        std::string_view tag = doc_.substr(pos_ + 1, gt - pos_ - 1);
        pos_ = gt + 1;
        bool end_tag = !tag.empty() && tag[0] == '/';
        if (end_tag) tag.remove_prefix(1);
        size_t n = 0;
        while (n < tag.size() && is_name_char(tag[n])) ++n;
        if (n == 0) continue;  // "< >" and the like: skipped
        out.kind = end_tag ? XmlToken::EndTag : XmlToken::StartTag;
        out.name = tag.substr(0, n);
        std::string_view attrs = tag.substr(n);
        while (!attrs.empty() && is_blank(attrs.back())) attrs.remove_suffix(1);
        if (!attrs.empty() && attrs.back() == '/') {
            out.self_closing = true;
            attrs.remove_suffix(1);
        }
        out.attrs = attrs;
        return true;
    }
    return false;
}

bool XmlAttrCursor::next(XmlAttr& out) {
    while (true) {
        while (!rest_.empty() && is_blank(rest_.front())) rest_.remove_prefix(1);
        if (rest_.empty()) return false;
        size_t n = 0;
        while (n < rest_.size() && is_name_char(rest_[n])) ++n;
        if (n == 0) {  // stray '=' or '/': skip it
            rest_.remove_prefix(1);
            continue;
        }
        out.name = rest_.substr(0, n);
        out.value = {};
        rest_.remove_prefix(n);
        while (!rest_.empty() && is_blank(rest_.front())) rest_.remove_prefix(1);
        if (rest_.empty() || rest_.front() != '=') return true;  // attribute without a value
        rest_.remove_prefix(1);
        while (!rest_.empty() && is_blank(rest_.front())) rest_.remove_prefix(1);
        if (!rest_.empty() && (rest_.front() == '"' || rest_.front() == '\'')) {
            char q = rest_.front();
            size_t close = rest_.find(q, 1);
            if (close == std::string_view::npos) {
                out.value = rest_.substr(1);
                rest_ = {};
            } else {
                out.value = rest_.substr(1, close - 1);
                rest_.remove_prefix(close + 1);
            }
        } else {
            size_t end = 0;
            while (end < rest_.size() && !is_blank(rest_[end])) ++end;
            out.value = rest_.substr(0, end);
            rest_.remove_prefix(end);
        }
        return true;
    }
}

std::string_view xml_attr(std::string_view attrs, std::string_view name, bool* found) {
    XmlAttrCursor c(attrs);
    XmlAttr a;
    while (c.next(a)) {
        if (a.name == name) {
            if (found) *found = true;
            return a.value;
        }
    }
    if (found) *found = false;
    return {};
}

size_t xml_decode(std::string_view text, char* out) {
    size_t o = 0;
    for (size_t i = 0; i < text.size();) {
        if (text[i] == '&') {
            size_t written = 0;
            size_t used = decode_entity(text.substr(i), out + o, written);
            if (used) {
                o += written;
                i += used;
                continue;
            }
        }
        out[o++] = text[i++];
    }
    return o;
}

size_t html_to_text(std::string_view html, char* out) {
    size_t o = 0;
    XmlScanner scan(html);
    XmlToken t;
    while (scan.next(t)) {
        if (t.kind == XmlToken::Text) {
            o += xml_decode(t.text, out + o);
        } else if ((t.name == "br" || t.name == "BR" || t.name == "Br") && t.kind == XmlToken::StartTag) {
            out[o++] = '\n';  // "<br>" is 4 bytes: room for one
        }
    }
    return o;
}

std::string_view user_of(std::string_view uri) {
    uri = trim(uri);
    if (uri.substr(0, 4) == "sip:") {
        std::string_view rest = trim(uri.substr(4));
        size_t end = rest.find_first_of("@;");
        return rest.substr(0, end);
    }
    return uri;
}

bool looks_like_xml(std::string_view body) {
    size_t i = 0;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) ++i;
    if (i + 1 >= body.size() || body[i] != '<') return false;
    char c = body[i + 1];
    return c == '?' || c == '!' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace sipc
