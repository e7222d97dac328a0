// SPDX-License-Identifier: GPL-2.0-or-later
//
// Included by wireshark_includes.h, after the Wireshark headers.
//
// Everything that differs between the Wireshark versions the plugin builds
// against (4.0, 4.2, 4.4, 4.6), in one place.  Each shim is named after what
// changed.  Where the compiler can tell which form a version has (a
// function's parameter or return type), the shim asks the compiler; where it
// cannot (a renamed enumerator, a new header), CMake probes the installed
// headers and defines SIPC_HAVE_* (plugin/CMakeLists.txt).  No shim tests a
// version number, so a version in between is served by the same probes.
// doc/wireshark-versions.md lists the changes.
#pragma once

#include <string_view>
#include <type_traits>

namespace sipc::epan {

namespace compat_detail {
// The type of parameter N of a function type.
template <size_t N, typename F>
struct param;
template <size_t N, typename R, typename First, typename... Rest>
struct param<N, R(First, Rest...)> : param<N - 1, R(Rest...)> {};
template <typename R, typename First, typename... Rest>
struct param<0, R(First, Rest...)> {
    using type = First;
};
template <size_t N, typename F>
using param_t = typename param<N, F>::type;
}  // namespace compat_detail

// format_text() took `const guchar *` up to 4.0 and takes `const char *`
// since 4.2.
using format_text_char =
    std::remove_const_t<std::remove_pointer_t<compat_detail::param_t<1, decltype(format_text)>>>;

// Text from the packet made printable (non-printable bytes escaped), in pool
// memory: the one way the plugin shows protocol text.
inline char* shown_text(wmem_allocator_t* pool, std::string_view text) {
    return format_text(pool, reinterpret_cast<const format_text_char*>(text.data()), text.size());
}

// Heuristic dissectors returned gboolean up to 4.0 and return bool since 4.2.
using heur_result = std::invoke_result_t<heur_dissector_t, tvbuff_t*, packet_info*, proto_tree*, void*>;

// Boolean preferences were gboolean up to 4.0 and are bool since 4.2.
using pref_bool = std::remove_pointer_t<compat_detail::param_t<4, decltype(prefs_register_bool_preference)>>;

// A tshark statistic's init callback (-z) returned void up to 4.4, and had to
// exit on a bad argument; since 4.6 it returns whether it started.  Write
// the callback returning bool and register stat_tap_ui_init<callback>.
using stat_tap_ui_init_result = std::invoke_result_t<stat_tap_init_cb, const char*, void*>;
// (R is a parameter so that the branch not taken is never compiled.)
template <bool (*Init)(const char*, void*), typename R = stat_tap_ui_init_result>
R stat_tap_ui_init(const char* arg, void* data) {
    bool started = Init(arg, data);
    if constexpr (std::is_void_v<R>) {
        if (!started) exit(1);
    } else {
        return started;
    }
}

// The Telephony menu's group was REGISTER_STAT_GROUP_TELEPHONY up to 4.0 and
// is REGISTER_TELEPHONY_GROUP_UNSORTED since 4.2.
#ifdef SIPC_HAVE_TELEPHONY_GROUP_UNSORTED
constexpr register_stat_group_t kTelephonyGroup = REGISTER_TELEPHONY_GROUP_UNSORTED;
#else
constexpr register_stat_group_t kTelephonyGroup = REGISTER_STAT_GROUP_TELEPHONY;
#endif

}  // namespace sipc::epan
