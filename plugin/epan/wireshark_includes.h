// SPDX-License-Identifier: GPL-2.0-or-later
// Wireshark headers, included the one safe way from C++: <wireshark.h> first
// (it brings GLib in with its own C++ guards), then the 4.0 headers that lack
// extern "C" guards inside an extern "C" block (doc/design.md "C++ and Wireshark's C headers").
#pragma once

#include <wireshark.h>

#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/strutil.h>
#include <epan/tap.h>
// packet-tcp.h includes reassemble.h, which has no guards in any version,
// before its own guard: reassemble.h must come first, in C linkage.
extern "C" {
#include <epan/reassemble.h>
}
#include <epan/dissectors/packet-tcp.h>

extern "C" {
#include <epan/exceptions.h>
#include <epan/packet_info.h>
#include <epan/show_exception.h>
#include <epan/stat_tap_ui.h>
}

#include "wireshark_compat.h"

#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>

namespace sipc::epan {

// Constructs a T in wmem memory.  wmem never runs destructors, so only
// trivially destructible types are allowed.
template <typename T>
T* wmem_construct(wmem_allocator_t* scope) {
    static_assert(std::is_trivially_destructible_v<T>, "wmem never runs destructors");
    return new (wmem_alloc(scope, sizeof(T))) T();
}

// The length of packet text for epan calls, which take int lengths.
inline int len(std::string_view v) { return static_cast<int>(v.size()); }

// Packet text as a NUL-terminated string in packet memory (freed with the
// packet), for epan calls that take C strings.  One block copy: not
// wmem_strndup, which copies byte by byte up to a NUL (a NUL inside still
// ends the C string, as it did).
inline const char* pool_str(packet_info* pinfo, std::string_view v) {
    auto* s = static_cast<char*>(wmem_alloc(pinfo->pool, v.size() + 1));
    if (!v.empty()) std::memcpy(s, v.data(), v.size());
    s[v.size()] = '\0';
    return s;
}

}  // namespace sipc::epan
