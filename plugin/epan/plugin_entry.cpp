// SPDX-License-Identifier: GPL-2.0-or-later
// The symbols Wireshark's plugin loader looks for: four in every version, and
// plugin_describe where the loader asks a plugin what it is.  In C++ a const at
// namespace scope has internal linkage, so each is declared extern first
// (WS_DLL_PUBLIC contains extern) or it is silently not exported (doc/design.md "Exported plugin symbols").
#include "sipc_dissector.h"

#include <ws_version.h>
#ifdef SIPC_HAVE_PLUGIN_DESCRIBE
#include <wsutil/plugins.h>
#endif

extern "C" {
WS_DLL_PUBLIC const char plugin_version[];
WS_DLL_PUBLIC const int plugin_want_major;
WS_DLL_PUBLIC const int plugin_want_minor;
WS_DLL_PUBLIC void plugin_register(void);

const char plugin_version[] = SIPC_PLUGIN_VERSION;
const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

#ifdef SIPC_HAVE_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);
uint32_t plugin_describe(void) { return WS_PLUGIN_DESC_DISSECTOR; }
#endif

void plugin_register(void) {
    static proto_plugin plugin;
    plugin.register_protoinfo = proto_register_sipc;
    plugin.register_handoff = proto_reg_handoff_sipc;
    proto_register_plugin(&plugin);
}
}
