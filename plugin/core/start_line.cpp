// SPDX-License-Identifier: GPL-2.0-or-later
#include "start_line.h"

#include "text.h"

namespace sipc {
namespace {

constexpr std::string_view kVersionPrefix = "SIP-C/";
constexpr size_t kVersionLength = 9;  // "SIP-C/d.d"

bool is_version(std::string_view v) {
    return v.size() == kVersionLength && v.substr(0, 6) == kVersionPrefix && is_digit(v[6]) &&
           v[7] == '.' && is_digit(v[8]);
}

bool is_method(std::string_view m) {
    if (m.empty() || m.size() > 3) return false;
    for (char c : m) {
        if (!is_upper(c)) return false;
    }
    return true;
}

bool is_uri_char(char c) { return c > ' ' && c < 0x7f; }

// How far `s` matches the start of "SIP-C/d.d": the number of bytes that fit,
// or -1 when a byte does not fit.
int version_prefix_match(std::string_view s) {
    size_t n = s.size() < kVersionLength ? s.size() : kVersionLength;
    for (size_t i = 0; i < n; ++i) {
        char c = s[i];
        bool ok = (i < 6) ? c == kVersionPrefix[i] : (i == 7 ? c == '.' : is_digit(c));
        if (!ok) return -1;
    }
    return static_cast<int>(n);
}

bool request_prefix_fits(std::string_view s) {
    size_t i = 0;
    while (i < s.size() && i < 3 && is_upper(s[i])) ++i;
    if (i == s.size()) return i > 0;  // "R", "SU", "SUB"
    if (i == 0 || s[i] != ' ') return false;
    ++i;
    size_t uri_start = i;
    while (i < s.size() && is_uri_char(s[i])) ++i;
    if (i == s.size()) return true;
    if (i == uri_start || s[i] != ' ') return false;
    std::string_view rest = s.substr(i + 1);
    int m = version_prefix_match(rest);
    if (m < 0) return false;
    if (static_cast<size_t>(m) == rest.size()) return true;
    // Whole version seen: only a CR (of the coming CRLF) or blanks may follow.
    for (size_t j = kVersionLength; j < rest.size(); ++j) {
        if (rest[j] != '\r' && !is_space(rest[j])) return false;
    }
    return true;
}

bool status_prefix_fits(std::string_view s) {
    int m = version_prefix_match(s);
    if (m < 0) return false;
    if (static_cast<size_t>(m) == s.size()) return true;
    std::string_view rest = s.substr(kVersionLength);
    if (rest[0] != ' ') return false;
    for (size_t i = 1; i < rest.size() && i < 4; ++i) {
        if (!is_digit(rest[i])) return false;
    }
    if (rest.size() > 4 && rest[4] != ' ' && rest[4] != '\r') return false;
    for (size_t i = 5; i < rest.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(rest[i]);
        if (c < 0x20 && c != '\t' && c != '\r') return false;
    }
    return true;
}

}  // namespace

StartLine parse_start_line(std::string_view line) {
    StartLine out;
    line = trim(line);
    if (line.size() < 5) return out;

    if (line.substr(0, 6) == kVersionPrefix) {
        // SIP-C/d.d SP ddd [SP reason]
        if (line.size() < kVersionLength + 4 || !is_version(line.substr(0, kVersionLength)) ||
            line[kVersionLength] != ' ')
            return out;
        std::string_view code = line.substr(kVersionLength + 1, 3);
        if (!is_digit(code[0]) || !is_digit(code[1]) || !is_digit(code[2])) return out;
        std::string_view rest = line.substr(kVersionLength + 4);
        if (!rest.empty() && rest[0] != ' ') return out;
        for (char c : rest) {
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t') return out;
        }
        out.kind = LineKind::Status;
        out.version = line.substr(0, kVersionLength);
        out.status = static_cast<uint16_t>((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'));
        out.reason = trim(rest);
        return out;
    }

    size_t sp1 = line.find(' ');
    if (sp1 == std::string_view::npos || !is_method(line.substr(0, sp1))) return out;
    size_t sp2 = line.rfind(' ');
    if (sp2 == sp1) return out;
    std::string_view uri = trim(line.substr(sp1 + 1, sp2 - sp1 - 1));
    std::string_view version = line.substr(sp2 + 1);
    if (uri.empty() || !is_version(version)) return out;
    for (char c : uri) {
        if (!is_uri_char(c)) return out;
    }
    out.kind = LineKind::Request;
    out.method = line.substr(0, sp1);
    out.uri = uri;
    out.version = version;
    return out;
}

Verdict classify_prefix(std::string_view data) {
    Line first = line_at(data, 0);
    if (first.complete) return is_start_line(first.text) ? Verdict::Yes : Verdict::No;
    if (data.empty() || data.size() > kMaxStartLine) return Verdict::No;
    return (request_prefix_fits(data) || status_prefix_fits(data)) ? Verdict::Maybe : Verdict::No;
}

bool prefix_is_distinctive(std::string_view data) {
    if (classify_prefix(data) != Verdict::Maybe) return false;
    if (data.size() >= kVersionPrefix.size() && data.substr(0, kVersionPrefix.size()) == kVersionPrefix) return true;
    // A request prefix has no space inside its method or URI, so " SIP-C/"
    // can only be its version.
    return request_prefix_fits(data) && data.find(" SIP-C/") != std::string_view::npos;
}

}  // namespace sipc
