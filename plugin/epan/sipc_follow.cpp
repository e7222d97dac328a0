// SPDX-License-Identifier: GPL-2.0-or-later
//
// Follow a SIP-C chat: the chat's transcript across all its connections (the
// signaling connection that asked for it and every party's chat-server
// connection), a line per event in time order: time, sender, receiver,
// text, delivery (ChatFollow).
//
// The stream number is the chat number, sipc.chat.session: tshark -z
// follow,sipc,ascii,2 follows chat 2, and the GUI starts from the chat of the
// selected message.  A filter by address and port follows the chats of that
// one connection, as far as that connection shows them.
//
// Each line is one follow record: the GUI colours the lines of the chat's
// first participant as "client" and everyone else's as "server", and goes to
// a line's frame when it is clicked.  The follow UIs own the records; the tap
// handler rewrites them as lines change (a message is delivered, a party
// joins), so they are the transcript whenever tapping stops.  Tap handlers
// run outside dissection: C++ containers are safe here, and no C++
// exception may leave them.
#include "sipc_follow.h"

#include <cmath>
#include <string_view>
#include <unordered_map>

#include "chat_follow.h"
#include "sipc_chats_stats.h"
#include "sipc_conversation_filter.h"
#include "sipc_fields.h"
#include "sipc_tap.h"

extern "C" {
#include <epan/addr_resolv.h>
#include <epan/follow.h>
}

namespace sipc::epan {
namespace {

// What one follow (one follow_info_t of a UI) has seen.
struct FollowState {
    ChatFollow follow;
    GList* payload = nullptr;  // the payload as the handler left it
    guint32 last_frame = 0;
};

// Per follow_info_t; emptied when the file closes.  A UI that starts over
// (a retap, a new follow that reuses the address) frees the records, or
// taps from an earlier frame again: the state starts over with it.
std::unordered_map<const follow_info_t*, FollowState> states;

void forget_states() { states.clear(); }

void free_record(gpointer data) {
    auto* record = static_cast<follow_record_t*>(data);
    if (record->data) g_byte_array_free(record->data, TRUE);
    g_free(record);
}

void set_record_data(follow_info_t* info, follow_record_t* record, const ChatFollow::Line& line) {
    if (record->data) {
        info->bytes_written[record->is_server ? 1 : 0] -= record->data->len;
        g_byte_array_free(record->data, TRUE);
    }
    record->is_server = line.other_party;
    record->packet_num = line.frame;
    // A double holds the time to about a tenth of a microsecond: the
    // microsecond is the finest digit that is true.
    long long us = std::llround(line.time * 1e6);
    record->abs_ts.secs = static_cast<time_t>(us / 1000000);
    record->abs_ts.nsecs = static_cast<int>(us % 1000000) * 1000;
    record->data = g_byte_array_new();
    g_byte_array_append(record->data, reinterpret_cast<const guint8*>(line.text.data()),
                        static_cast<guint>(line.text.size()));
    info->bytes_written[record->is_server ? 1 : 0] += record->data->len;
}

// The payload lists the records newest first; the UIs read it from its end.
void append_line(follow_info_t* info, const ChatFollow::Line& line) {
    auto* record = g_new0(follow_record_t, 1);
    set_record_data(info, record, line);
    info->payload = g_list_prepend(info->payload, record);
}

void apply(follow_info_t* info, const ChatFollow& follow, ChatFollow::Change change) {
    const std::vector<ChatFollow::Line>& lines = follow.lines();
    switch (change.kind) {
        case ChatFollow::Change::None: return;
        case ChatFollow::Change::Appended: append_line(info, lines.back()); return;
        case ChatFollow::Change::Replaced: {
            GList* node = g_list_nth(info->payload, static_cast<guint>(lines.size() - 1 - change.index));
            if (node) set_record_data(info, static_cast<follow_record_t*>(node->data), lines[change.index]);
            return;
        }
        case ChatFollow::Change::All:
            g_list_free_full(info->payload, free_record);
            info->payload = nullptr;
            info->bytes_written[0] = info->bytes_written[1] = 0;
            for (const ChatFollow::Line& line : lines) append_line(info, line);
            return;
    }
}

// Node 0 of the follow is the client end of the first message in a chat,
// node 1 its server.  Clients send the requests whose URI names the domain;
// servers send the answers to them and the requests that name a user.
void set_nodes(follow_info_t* info, packet_info* pinfo, const SipcTapInfo* t) {
    if (info->client_port != 0 || !t->chat_session) return;
    std::string_view uri = t->request_uri ? t->request_uri : "";
    bool from_client = t->is_request && uri.find('.') != std::string_view::npos;
    const address* client = from_client ? &pinfo->src : &pinfo->dst;
    const address* server = from_client ? &pinfo->dst : &pinfo->src;
    copy_address(&info->client_ip, client);
    copy_address(&info->server_ip, server);
    info->client_port = from_client ? pinfo->srcport : pinfo->destport;
    info->server_port = from_client ? pinfo->destport : pinfo->srcport;
}

tap_packet_status follow_packet(void* tapdata, packet_info* pinfo, epan_dissect_t*, const void* data, tap_flags_t) {
    try {
        auto* info = static_cast<follow_info_t*>(tapdata);
        const auto* t = static_cast<const SipcTapInfo*>(data);
        FollowState& state = states[info];
        if (info->payload != state.payload || pinfo->num < state.last_frame) state = FollowState();
        state.last_frame = pinfo->num;
        set_nodes(info, pinfo, t);
        apply(info, state.follow, state.follow.message(pinfo->num, t->chat_session));
        for_each_chat_event(t, [&](const ChatEvent& e) { apply(info, state.follow, state.follow.event(e)); });
        state.payload = info->payload;
        return TAP_PACKET_DONT_REDRAW;
    } catch (...) {
        return TAP_PACKET_FAILED;
    }
}

// The chat of the selected message (the GUI), or of a frame (sharkd).
char* follow_conv_filter(epan_dissect_t*, packet_info* pinfo, guint* stream, guint* sub_stream) {
    guint32 chat = frame_chat(pinfo);
    if (!chat) return nullptr;
    *stream = chat;
    *sub_stream = 0;
    return chat_filter(chat);
}

char* follow_index_filter(guint stream, guint) { return chat_filter(stream); }

// The chat messages of one TCP connection.
char* follow_address_filter(address* src, address* dst, int src_port, int dst_port) {
    const char* ip = src->type == AT_IPv6 ? "ipv6" : "ip";
    char* a = address_to_str(nullptr, src);
    char* b = address_to_str(nullptr, dst);
    char* filter = g_strdup_printf(
        "sipc.chat.session && ((%s.src == %s && tcp.srcport == %d && %s.dst == %s && tcp.dstport == %d) || "
        "(%s.src == %s && tcp.srcport == %d && %s.dst == %s && tcp.dstport == %d))",
        ip, a, src_port, ip, b, dst_port, ip, b, dst_port, ip, a, src_port);
    wmem_free(nullptr, a);
    wmem_free(nullptr, b);
    return filter;
}

}  // namespace

void register_sipc_follow() {
    follow_register(register_follow_stream, proto_sipc, "sipc", follow_conv_filter, follow_index_filter,
                    follow_address_filter, tcp_port_to_display, follow_packet);
    register_cleanup_routine(forget_states);
}

}  // namespace sipc::epan
