// SPDX-License-Identifier: GPL-2.0-or-later
#include "headers.h"

namespace sipc {

bool HeaderCursor::next(HeaderLine& out) {
    if (pos_ >= block_.size()) return false;
    Line line = line_at(block_, pos_);
    pos_ = line.next;
    out = split_header_line(line.text);
    return true;
}

HeaderLine split_header_line(std::string_view text) {
    HeaderLine out;
    out.line = text;
    size_t colon = text.find(':');
    if (colon == std::string_view::npos) return out;
    out.has_colon = true;
    out.name = trim(text.substr(0, colon));
    out.value = trim(text.substr(colon + 1));
    out.id = lookup_header(out.name);
    return out;
}

}  // namespace sipc
