// SPDX-License-Identifier: GPL-2.0-or-later
// Header lines: "Name: value".  Names are matched exactly (doc/protocol.md "Header syntax");
// values are trimmed (the official client writes "I: 17 ").
#pragma once

#include <string_view>

#include "text.h"
#include "vocabulary.h"

namespace sipc {

struct HeaderLine {
    std::string_view line;   // the whole line without its line end
    std::string_view name;   // empty when the line has no colon
    std::string_view value;  // trimmed
    HeaderId id = HeaderId::Unknown;
    bool has_colon = false;
};

// Splits one header line (without its line end) into name and value.  The
// one way lines are read as headers, by framing and by the tree alike.
HeaderLine split_header_line(std::string_view line);

// Iterates over the header lines of a header block (the lines after the
// start line, up to but not including the empty line).
class HeaderCursor {
public:
    explicit HeaderCursor(std::string_view block) : block_(block) {}
    bool next(HeaderLine& out);

private:
    std::string_view block_;
    size_t pos_ = 0;
};

}  // namespace sipc
