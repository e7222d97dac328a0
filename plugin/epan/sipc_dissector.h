// SPDX-License-Identifier: GPL-2.0-or-later
// Registration and entry points of the SIP-C dissector.
#pragma once

#include "wireshark_includes.h"

extern "C" {
void proto_register_sipc(void);
void proto_reg_handoff_sipc(void);
}

namespace sipc::epan {

// The handle bound to TCP connections known to carry SIP-C.
extern dissector_handle_t sipc_tcp_handle;

}  // namespace sipc::epan
