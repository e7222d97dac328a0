// SPDX-License-Identifier: GPL-2.0-or-later
#include "vocabulary.h"

namespace sipc {
namespace {

constexpr HeaderInfo kHeaders[] = {
#define SIPC_HEADER(id, wire, long_name, filter, ftype, kind, desc) \
    {HeaderId::id, wire, long_name, ParseKind::kind},
#include "../../fields/headers.def"
#undef SIPC_HEADER
};
static_assert(sizeof(kHeaders) / sizeof(kHeaders[0]) == kHeaderCount);

constexpr HeaderInfo kUnknownHeader = {HeaderId::Unknown, "", "Unknown", ParseKind::TEXT};

struct MethodRow {
    std::string_view token;
    std::string_view name;
};
constexpr MethodRow kMethods[] = {
#define SIPC_METHOD(token, name, desc) {token, name},
#include "../../fields/methods.def"
#undef SIPC_METHOD
};

struct StatusRow {
    unsigned code;
    std::string_view reason;
};
constexpr StatusRow kStatuses[] = {
#define SIPC_STATUS(code, reason) {code, reason},
#include "../../fields/status_codes.def"
#undef SIPC_STATUS
};

struct NamedRow {
    std::string_view name;
    std::string_view description;
};
constexpr NamedRow kEvents[] = {
#define SIPC_EVENT(name, desc) {name, desc},
#include "../../fields/events.def"
#undef SIPC_EVENT
};
constexpr NamedRow kBnEvents[] = {
#define SIPC_BN_EVENT(type, desc) {type, desc},
#include "../../fields/bn_event_types.def"
#undef SIPC_BN_EVENT
};
struct PresenceRow {
    unsigned value;
    std::string_view name;
};
constexpr PresenceRow kPresence[] = {
#define SIPC_PRESENCE(value, name) {value, name},
#include "../../fields/presence.def"
#undef SIPC_PRESENCE
};

template <size_t N>
std::string_view describe(const NamedRow (&rows)[N], std::string_view name) {
    for (const NamedRow& r : rows) {
        if (r.name == name) return r.description;
    }
    return {};
}

}  // namespace

std::string_view event_description(std::string_view name) { return describe(kEvents, name); }
std::string_view bn_event_description(std::string_view type) { return describe(kBnEvents, type); }

std::string_view presence_name(unsigned value) {
    for (const PresenceRow& p : kPresence) {
        if (p.value == value) return p.name;
    }
    return {};
}

const HeaderInfo& header_info(HeaderId id) {
    size_t i = static_cast<size_t>(id);
    return i < kHeaderCount ? kHeaders[i] : kUnknownHeader;
}

HeaderId lookup_header(std::string_view name) {
    // Names are one to three letters and the table is short: a linear scan
    // over a first-letter test is as fast as a hash and needs no set-up.
    if (name.empty() || name.size() > 3) return HeaderId::Unknown;
    for (const HeaderInfo& h : kHeaders) {
        if (h.wire_name[0] == name[0] && h.wire_name == name) return h.id;
    }
    return HeaderId::Unknown;
}

std::string_view method_name(std::string_view token) {
    for (const MethodRow& m : kMethods) {
        if (m.token == token) return m.name;
    }
    return {};
}

std::string_view status_reason(unsigned code) {
    for (const StatusRow& s : kStatuses) {
        if (s.code == code) return s.reason;
    }
    return {};
}

}  // namespace sipc
