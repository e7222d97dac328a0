// SPDX-License-Identifier: GPL-2.0-or-later
// Statistics > SIP-C and "tshark -z sipc,tree": message counts by method,
// status code, N: event, BN event type and presence state.
#pragma once

namespace sipc::epan {

void register_stats_tree();

}  // namespace sipc::epan
