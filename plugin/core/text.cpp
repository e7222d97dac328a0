// SPDX-License-Identifier: GPL-2.0-or-later
#include "text.h"

#include <limits>

namespace sipc {

bool parse_u64(std::string_view s, uint64_t& out, uint64_t max) {
    if (s.empty()) return false;
    uint64_t v = 0;
    for (char c : s) {
        if (!is_digit(c)) return false;
        uint64_t d = static_cast<uint64_t>(c - '0');
        if (v > (max - d) / 10) return false;
        v = v * 10 + d;
    }
    out = v;
    return true;
}

bool parse_u32(std::string_view s, uint32_t& out) {
    uint64_t v = 0;
    if (!parse_u64(s, v, std::numeric_limits<uint32_t>::max())) return false;
    out = static_cast<uint32_t>(v);
    return true;
}

bool parse_i32(std::string_view s, int32_t& out) {
    bool negative = !s.empty() && s.front() == '-';
    if (negative || (!s.empty() && s.front() == '+')) s.remove_prefix(1);
    uint64_t limit = negative ? uint64_t{1} << 31 : (uint64_t{1} << 31) - 1;
    uint64_t v = 0;
    if (!parse_u64(s, v, limit)) return false;
    out = negative ? static_cast<int32_t>(-static_cast<int64_t>(v)) : static_cast<int32_t>(v);
    return true;
}

}  // namespace sipc
