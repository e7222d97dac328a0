// SPDX-License-Identifier: GPL-2.0-or-later
//
// Follow a SIP-C chat: Analyze > Follow > SIP-C Stream (in the versions whose
// GUI lists the registered followers) and tshark -z follow,sipc,<mode>,<chat>.
#pragma once

namespace sipc::epan {

// Called from proto_register_sipc().
void register_sipc_follow();

}  // namespace sipc::epan
