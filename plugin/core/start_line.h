// SPDX-License-Identifier: GPL-2.0-or-later
// SIP-C start lines (doc/protocol.md "Start lines"):
//   request:  METHOD SP request-uri SP SIP-C/d.d     (METHOD: 1-3 upper-case letters)
//   status:   SIP-C/d.d SP 3DIGIT SP reason-phrase
#pragma once

#include <cstdint>
#include <string_view>

namespace sipc {

enum class LineKind { Other, Request, Status };

struct StartLine {
    LineKind kind = LineKind::Other;
    std::string_view method;   // request
    std::string_view uri;      // request
    std::string_view version;  // both: "SIP-C/2.0"
    uint16_t status = 0;       // status line
    std::string_view reason;   // status line, may be empty
};

// Classifies one complete line (without its line end).
StartLine parse_start_line(std::string_view line);

inline bool is_start_line(std::string_view line) {
    return parse_start_line(line).kind != LineKind::Other;
}

// Verdict on the first bytes of a stream, for the heuristic and for
// re-synchronisation.  Yes: the first line is complete and is a start line.
// Maybe: no line end yet, and every byte so far fits a start line.  No: it
// cannot be a start line (SIP/2.0, HTTP, TLS, binary all end up here).
enum class Verdict { No, Maybe, Yes };
Verdict classify_prefix(std::string_view data);

// Whether a Maybe prefix already carries the version marker "SIP-C/" where a
// start line has it (first on a status line, third on a request line).  Only
// then may a heuristic hold the bytes back to wait for the rest of the line:
// no other protocol's stream begins that way, so a wrong guess costs nothing.
// Shorter prefixes ("S", "R fetion.com") are ordinary in other traffic, and
// holding them would glue them to the next segment of a stream that is not
// SIP-C (doc/design.md "Detection").
bool prefix_is_distinctive(std::string_view data);

// Longest first line the heuristic waits for before giving up.
constexpr size_t kMaxStartLine = 1024;

}  // namespace sipc
