// SPDX-License-Identifier: GPL-2.0-or-later
// Decoding of structured header values.
#pragma once

#include <cstdint>
#include <string_view>

namespace sipc {

// Q: "<seq> <METHOD>"
struct CSeq {
    uint32_t seq = 0;
    std::string_view method;
};
bool parse_cseq(std::string_view value, CSeq& out);

// L: "<length>[;p=<offset>]"  (p= marks a slice of a 188 Partial response;
// doc/protocol.md, "Framing").  The one reader of L: framing and the tree
// both use it, so they always agree on a message's body.
struct LengthValue {
    uint32_t length = 0;
    bool has_offset = false;
    uint32_t offset = 0;
    bool not_a_number = false;  // "-1", "5x", "": no body is read
    bool too_many_digits = false;  // all digits, but beyond 32 bits: no body is read
    bool leading_zero = false;     // "05": read as 5, but no client writes it
    bool bad_parameter = false;    // something after ';' that is not p=<offset>
};
// True when the value gives a length (odd forms included: see the flags).
bool parse_length(std::string_view value, LengthValue& out);

// One name="value" (or name=token) parameter.
struct Param {
    std::string_view name;
    std::string_view value;  // without the quotes
    std::string_view text;   // the whole parameter as written
};

// A: and W: "scheme SP name="value"(,name="value")*", and CL:, which has the
// parameters without a scheme.  Lenient about spaces around ',' and '=' and
// about a missing space after the scheme (seed 000 has A: TICKSauth="...").
class ParamCursor {
public:
    // With a scheme: the first token is the scheme.
    static ParamCursor with_scheme(std::string_view value);
    // Parameters only (CL:).
    static ParamCursor params_only(std::string_view value);

    std::string_view scheme() const { return scheme_; }
    // True when the scheme ran into its first parameter with no space.
    bool scheme_glued() const { return glued_; }
    bool next(Param& out);

private:
    std::string_view scheme_;
    std::string_view rest_;
    bool glued_ = false;
};

// Splits "host:port;host:port" (the address= of a CS ticket) one at a time.
class AddressCursor {
public:
    explicit AddressCursor(std::string_view list) : rest_(list) {}
    bool next(std::string_view& out);

private:
    std::string_view rest_;
};

// Splits "host:port" (port 0 when absent or not a number).
bool split_host_port(std::string_view addr, std::string_view& host, uint16_t& port);

}  // namespace sipc
