// The four symbols Wireshark's plugin loader looks for.  In C++ a const at
// namespace scope has internal linkage, so each is declared extern first
// (WS_DLL_PUBLIC contains extern) or it is silently not exported (GUIDE.md).
#include "sipc_dissector.h"

#include <ws_version.h>

extern "C" {
WS_DLL_PUBLIC const char plugin_version[];
WS_DLL_PUBLIC const int plugin_want_major;
WS_DLL_PUBLIC const int plugin_want_minor;
WS_DLL_PUBLIC void plugin_register(void);

const char plugin_version[] = SIPC_PLUGIN_VERSION;
const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

void plugin_register(void) {
    static proto_plugin plugin;
    plugin.register_protoinfo = proto_register_sipc;
    plugin.register_handoff = proto_reg_handoff_sipc;
    proto_register_plugin(&plugin);
}
}
