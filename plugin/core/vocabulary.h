// SPDX-License-Identifier: GPL-2.0-or-later
// The protocol's vocabulary, built from the tables in fields/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sipc {

// How a header's value is decoded (column parse_kind of fields/headers.def).
enum class ParseKind { TEXT, INT32, UINT32, CSEQ, LENGTH, AUTH, PARAMS };

enum class HeaderId : uint8_t {
#define SIPC_HEADER(id, wire, long_name, filter, ftype, kind, desc) id,
#include "../../fields/headers.def"
#undef SIPC_HEADER
    Unknown
};

constexpr size_t kHeaderCount = static_cast<size_t>(HeaderId::Unknown);

struct HeaderInfo {
    HeaderId id;
    std::string_view wire_name;
    std::string_view long_name;
    ParseKind kind;
};

// Rows of fields/headers.def, indexed by HeaderId.
const HeaderInfo& header_info(HeaderId id);

// Exact, case-sensitive lookup of a header name; Unknown when not in the table.
HeaderId lookup_header(std::string_view name);

// Long name of a method token ("R" -> "REGISTER"), empty when unknown.
std::string_view method_name(std::string_view token);

// Reason phrase of a status code in fields/status_codes.def, empty when unknown.
std::string_view status_reason(unsigned code);

// Description of an N: value (fields/events.def), empty when unknown.
std::string_view event_description(std::string_view name);

// Description of a BN <event type> (fields/bn_event_types.def), empty when unknown.
std::string_view bn_event_description(std::string_view type);

// Name of a presence value (fields/presence.def), empty when unknown.
std::string_view presence_name(unsigned value);

}  // namespace sipc
