// SPDX-License-Identifier: GPL-2.0-or-later
// Small helpers on byte spans.  The core works on std::string_view only:
// views own nothing, so a Wireshark exception (a longjmp) that unwinds
// through a frame holding one leaks nothing and skips no destructor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace sipc {

inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_space(char c) { return c == ' ' || c == '\t'; }
// The blanks XML and DTD text may hold between tokens.
inline bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
inline char ascii_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
// Whether `a` equals `lower_b` (already lower case) ignoring ASCII case:
// a name compared with a table's key without copying it.
inline bool equals_lowered(std::string_view a, std::string_view lower_b) {
    if (a.size() != lower_b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != lower_b[i]) return false;
    return true;
}

// Removes spaces and tabs at both ends (the official client writes "I: 17 ").
inline std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// One line of a buffer: its text without the line end, and where the next
// line starts.  complete is false when the buffer ends before a line feed.
struct Line {
    std::string_view text;
    size_t next = 0;
    bool complete = false;
};

// Reads the line starting at `pos`.  Lines end in LF; a CR before the LF is
// dropped, so CRLF and bare-LF lines both work (doc/protocol.md "Line ends": libxml2 bodies).
inline Line line_at(std::string_view buf, size_t pos) {
    Line line;
    if (pos >= buf.size()) {
        line.next = buf.size();
        return line;
    }
    size_t lf = buf.find('\n', pos);
    if (lf == std::string_view::npos) {
        line.text = buf.substr(pos);
        line.next = buf.size();
        return line;
    }
    size_t end = lf;
    if (end > pos && buf[end - 1] == '\r') --end;
    line.text = buf.substr(pos, end - pos);
    line.next = lf + 1;
    line.complete = true;
    return line;
}

// Whether every byte is in 0x01..0x7f: text that is valid UTF-8 as it is
// and holds no NUL, so it can be shown without being decoded or cleaned
// (doc/design.md "String items").  Eight bytes at a time: header values are
// read for every message shown.
inline bool is_plain_ascii(std::string_view s) {
    constexpr uint64_t kOnes = 0x0101010101010101ull;
    constexpr uint64_t kHighs = 0x8080808080808080ull;
    const char* p = s.data();
    size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        // A high bit set, or a zero byte (the classic has-zero-byte test).
        if ((w & kHighs) || ((w - kOnes) & ~w & kHighs)) return false;
    }
    for (; n; ++p, --n) {
        auto b = static_cast<unsigned char>(*p);
        if (b == 0 || b >= 0x80) return false;
    }
    return true;
}

// Parses an unsigned decimal number that fills the whole view.
bool parse_u64(std::string_view s, uint64_t& out, uint64_t max);
bool parse_u32(std::string_view s, uint32_t& out);
bool parse_i32(std::string_view s, int32_t& out);

}  // namespace sipc
