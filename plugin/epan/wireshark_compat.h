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

namespace compat_detail {
// T itself, in a parameter that must not take part in deducing T.
template <typename T>
struct same {
    using type = T;
};
}  // namespace compat_detail

// register_follow_stream() took seven arguments up to 4.0; later versions
// add two optional ones, a count of the streams (the GUI's stream number)
// and a sub-stream lookup.  follow_register(register_follow_stream, ...)
// takes the seven; the overload that matches the declared function is used.
template <typename Conv, typename Index, typename Addr, typename Port, typename Tap>
void follow_register(void (*reg)(int, const char*, Conv, Index, Addr, Port, Tap), int proto, const char* tap,
                     typename compat_detail::same<Conv>::type conv, typename compat_detail::same<Index>::type index,
                     typename compat_detail::same<Addr>::type addr, typename compat_detail::same<Port>::type port,
                     typename compat_detail::same<Tap>::type handler) {
    reg(proto, tap, conv, index, addr, port, handler);
}
template <typename Conv, typename Index, typename Addr, typename Port, typename Tap, typename Count, typename Sub>
void follow_register(void (*reg)(int, const char*, Conv, Index, Addr, Port, Tap, Count, Sub), int proto,
                     const char* tap, typename compat_detail::same<Conv>::type conv,
                     typename compat_detail::same<Index>::type index, typename compat_detail::same<Addr>::type addr,
                     typename compat_detail::same<Port>::type port, typename compat_detail::same<Tap>::type handler) {
    reg(proto, tap, conv, index, addr, port, handler, nullptr, nullptr);
}

// Conversation filter callbacks took the packet alone and returned gboolean
// up to 4.0; later versions also pass the user data given at registration
// and return bool.  Write the two callbacks on the packet alone and register
// them with conversation_filter_register<valid, build>(
// register_conversation_filter, proto, name); the overload that matches the
// declared function is used.
template <bool (*Valid)(packet_info*), char* (*Build)(packet_info*), typename V, typename B>
void conversation_filter_register(void (*reg)(const char*, const char*, V, B), const char* proto,
                                  const char* name) {
    reg(proto, name, [](packet_info* p) -> gboolean { return Valid(p); }, [](packet_info* p) { return Build(p); });
}
template <bool (*Valid)(packet_info*), char* (*Build)(packet_info*), typename V, typename B>
void conversation_filter_register(void (*reg)(const char*, const char*, V, B, void*), const char* proto,
                                  const char* name) {
    reg(
        proto, name, [](packet_info* p, void*) -> bool { return Valid(p); },
        [](packet_info* p, void*) { return Build(p); }, nullptr);
}

// Calling a registered conversation filter (conversation_filter_t) the way
// the GUI does, with the user data where the version has it.
template <typename Filter>
bool conversation_filter_valid(const Filter* f, packet_info* pinfo) {
    if constexpr (std::is_invocable_v<decltype(f->is_filter_valid), packet_info*>)
        return f->is_filter_valid(pinfo);
    else
        return f->is_filter_valid(pinfo, f->user_data);
}
template <typename Filter>
char* conversation_filter_build(const Filter* f, packet_info* pinfo) {
    if constexpr (std::is_invocable_v<decltype(f->build_filter_string), packet_info*>)
        return f->build_filter_string(pinfo);
    else
        return f->build_filter_string(pinfo, f->user_data);
}

// A tree item's value (field_info::value) was a member up to 4.0 and is a
// pointer since.
template <typename FieldInfo>
auto* field_value(FieldInfo* fi) {
    if constexpr (std::is_pointer_v<decltype(fi->value)>)
        return fi->value;
    else
        return &fi->value;
}

}  // namespace sipc::epan
