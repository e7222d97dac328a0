// SPDX-License-Identifier: GPL-2.0-or-later
#include "values.h"

#include "text.h"

namespace sipc {

bool parse_cseq(std::string_view value, CSeq& out) {
    value = trim(value);
    size_t sp = value.find_first_of(" \t");
    if (sp == std::string_view::npos) return false;
    if (!parse_u32(value.substr(0, sp), out.seq)) return false;
    out.method = trim(value.substr(sp + 1));
    return !out.method.empty();
}

bool parse_length(std::string_view value, LengthValue& out) {
    out = LengthValue{};
    value = trim(value);
    size_t semi = value.find(';');
    std::string_view digits = trim(value.substr(0, semi));
    if (!parse_u32(digits, out.length)) {
        bool all_digits = !digits.empty();
        for (char c : digits) all_digits = all_digits && is_digit(c);
        // Too many digits to hold is as absurd as a huge value, not "not a number".
        (all_digits ? out.too_many_digits : out.not_a_number) = true;
        out.length = 0;
        return false;
    }
    out.leading_zero = digits.size() > 1 && digits[0] == '0';
    if (semi == std::string_view::npos) return true;
    std::string_view param = trim(value.substr(semi + 1));
    out.has_offset = param.size() > 2 && param[0] == 'p' && param[1] == '=' && parse_u32(trim(param.substr(2)), out.offset);
    out.bad_parameter = !out.has_offset;
    return true;
}

namespace {

// Schemes that doc/protocol.md "The A and W headers" names; used to split "TICKSauth=..." when the
// space after the scheme is missing.
constexpr std::string_view kSchemes[] = {"Digest", "Verify", "TICKS", "CS"};

bool is_token_char(char c) {
    return c > ' ' && c != '=' && c != ',' && c != '"' && c != ';' && c < 0x7f;
}

}  // namespace

ParamCursor ParamCursor::with_scheme(std::string_view value) {
    ParamCursor c;
    value = trim(value);
    size_t end = 0;
    while (end < value.size() && is_token_char(value[end])) ++end;
    if (end < value.size() && value[end] == '=') {
        // No space between scheme and first parameter name.
        for (std::string_view s : kSchemes) {
            if (value.substr(0, s.size()) == s && end > s.size()) {
                c.scheme_ = value.substr(0, s.size());
                c.rest_ = value.substr(s.size());
                c.glued_ = true;
                return c;
            }
        }
        c.rest_ = value;  // parameters without a scheme
        return c;
    }
    c.scheme_ = value.substr(0, end);
    c.rest_ = trim(value.substr(end));
    return c;
}

ParamCursor ParamCursor::params_only(std::string_view value) {
    ParamCursor c;
    c.rest_ = trim(value);
    return c;
}

bool ParamCursor::next(Param& out) {
    std::string_view& s = rest_;
    while (!s.empty() && (s.front() == ',' || is_space(s.front()))) s.remove_prefix(1);
    if (s.empty()) return false;
    const char* start = s.data();
    size_t i = 0;
    while (i < s.size() && is_token_char(s[i])) ++i;
    out.name = s.substr(0, i);
    out.value = {};
    size_t j = i;
    while (j < s.size() && is_space(s[j])) ++j;
    if (j < s.size() && s[j] == '=') {
        ++j;
        while (j < s.size() && is_space(s[j])) ++j;
        if (j < s.size() && s[j] == '"') {
            size_t close = s.find('"', j + 1);
            if (close == std::string_view::npos) {
                out.value = s.substr(j + 1);
                j = s.size();
            } else {
                out.value = s.substr(j + 1, close - j - 1);
                j = close + 1;
            }
        } else {
            size_t k = j;
            while (k < s.size() && s[k] != ',') ++k;
            out.value = trim(s.substr(j, k - j));
            j = k;
        }
    } else if (i == 0) {
        // A stray character that starts no parameter: skip it.
        j = 1;
    }
    out.text = std::string_view(start, j);
    while (!out.text.empty() && is_space(out.text.back())) out.text.remove_suffix(1);
    s.remove_prefix(j);
    return true;
}

bool AddressCursor::next(std::string_view& out) {
    while (true) {
        if (rest_.empty()) return false;
        size_t semi = rest_.find(';');
        std::string_view item = trim(rest_.substr(0, semi));
        rest_ = semi == std::string_view::npos ? std::string_view{} : rest_.substr(semi + 1);
        if (!item.empty()) {
            out = item;
            return true;
        }
    }
}

bool split_host_port(std::string_view addr, std::string_view& host, uint16_t& port) {
    size_t colon = addr.rfind(':');
    port = 0;
    if (colon == std::string_view::npos) {
        host = addr;
        return false;
    }
    host = addr.substr(0, colon);
    uint32_t p = 0;
    if (!parse_u32(addr.substr(colon + 1), p) || p > 65535) return false;
    port = static_cast<uint16_t>(p);
    return !host.empty();
}

}  // namespace sipc
