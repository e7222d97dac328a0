// SPDX-License-Identifier: GPL-2.0-or-later
// Chat transcripts: "tshark -z sipc,chats" and Statistics > SIP-C Chats.
#pragma once

#include <functional>

namespace sipc {
struct ChatEvent;
}

namespace sipc::epan {

struct SipcTapInfo;

void register_chats_stats();

// The chat events one message of the "sipc" tap stands for, as the chat
// reports record them (the chat follower shows the same).
void for_each_chat_event(const SipcTapInfo* info, const std::function<void(const ChatEvent&)>& sink);

}  // namespace sipc::epan
