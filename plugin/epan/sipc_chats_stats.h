// Chat transcripts: "tshark -z sipc,chats" and Statistics > SIP-C Chats.
#pragma once

namespace sipc::epan {

void register_chats_stats();

}  // namespace sipc::epan
