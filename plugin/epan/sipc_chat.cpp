// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_chat.h"

#include <unordered_set>

#include "sipc_conversation.h"
#include "sipc_fields.h"
#include "values.h"

extern "C" {
#include <epan/addr_resolv.h>
}

extern "C" {
#include <wsutil/inet_addr.h>
}

namespace sipc::epan {

struct Credential {
    guint32 issued_frame = 0;  // 0: presented but never seen issued
    guint32 used_frame = 0;    // first frame that presented it
    guint32 session = 0;
    address client;              // who received the ticket
    const char* servers = nullptr;  // the ticket's address list
    Credential* issued_before = nullptr;  // the ticket issued before this one
    bool adopted = false;  // a chat connection whose registration was not captured took it
};

namespace {

// File-scope key of a message's kept ChatRecord: this plus its ordinal.
constexpr guint32 kChatRecordKey = 0x43480000;

// Per-file state; the maps empty themselves when a new file is read.
wmem_map_t* credentials;   // credential value -> Credential*
wmem_map_t* xi_sessions;   // XI of a chat -> session number
guint32 session_count;
Credential* last_issued;   // newest ticket; older ones follow issued_before
std::unordered_set<guint64>* routed_servers;  // chat servers with a template: IPv4 << 16 | port
dissector_handle_t chat_connection_handle;    // what their connections are handed to

void init_chat_tracking() {
    session_count = 0;
    last_issued = nullptr;
}

void forget_routed_servers() { std::unordered_set<guint64>().swap(*routed_servers); }

guint32 new_session() { return ++session_count; }

const char* file_string(std::string_view v) { return wmem_strndup(wmem_file_scope(), v.data(), v.size()); }

guint32 session_of_xi(packet_info* pinfo, std::string_view xi) {
    if (xi.empty()) return 0;
    return GPOINTER_TO_UINT(wmem_map_lookup(xi_sessions, pool_str(pinfo, xi)));
}

void remember_xi(packet_info* pinfo, std::string_view xi, guint32 session) {
    if (xi.empty() || !session || session_of_xi(pinfo, xi)) return;
    wmem_map_insert(xi_sessions, file_string(xi), GUINT_TO_POINTER(session));
}

// Expects the chat connections a ticket announces: to each host:port, from
// any client and client port.  A template conversation bound to SIP-C
// catches them however the capture begins, even on a port that belongs to
// another dissector (SDP does this for RTP).  One template per chat server
// and file, whoever the ticket was issued to: a server announced as a
// Fetion chat server speaks SIP-C to every client, and one template per
// client would cost a conversation for every chat of the file.
void route_chat_servers(packet_info* pinfo, std::string_view addresses) {
    AddressCursor cursor(addresses);
    std::string_view item;
    while (cursor.next(item)) {
        std::string_view host;
        uint16_t port = 0;
        if (!split_host_port(item, host, port) || port == 0) continue;
        ws_in4_addr ip4;
        if (!ws_inet_pton4(pool_str(pinfo, host), &ip4)) continue;  // IPv4 is all Fetion announces
        address server;
        set_address(&server, AT_IPv4, 4, &ip4);
        // Known from an earlier announcement?  (Not find_conversation(): a
        // look-up that matches a template makes a conversation from it.)
        if (!routed_servers->insert(static_cast<guint64>(ip4) << 16 | port).second) continue;
        conversation_t* conv = conversation_new(pinfo->num, &server, nullptr, CONVERSATION_TCP, port, 0,
                                                NO_ADDR2 | NO_PORT2 | CONVERSATION_TEMPLATE);
        conversation_set_dissector(conv, chat_connection_handle);
    }
}

// Whether `list` ("host:port;host:port") names this packet's server end.
bool announces(packet_info* pinfo, const char* list) {
    if (!list) return false;
    const char* server = wmem_strdup_printf(pinfo->pool, "%s:%u", address_to_str(pinfo->pool, &pinfo->dst),
                                            pinfo->destport);
    const char* client = wmem_strdup_printf(pinfo->pool, "%s:%u", address_to_str(pinfo->pool, &pinfo->src),
                                            pinfo->srcport);
    AddressCursor c{std::string_view(list)};
    std::string_view item;
    while (c.next(item)) {
        if (item == server || item == client) return true;
    }
    return false;
}

// A chat connection whose registration (R with TICKS) the capture missed:
// its chat is the newest ticket not yet presented that was issued to this
// client for this server.  Seen from the 200 OK, the client is the
// destination and the server the source.
Credential* unused_ticket_for(packet_info* pinfo) {
    for (Credential* c = last_issued; c; c = c->issued_before) {
        if (c->used_frame || c->adopted || !addresses_equal(&c->client, &pinfo->dst)) continue;
        if (announces(pinfo, c->servers)) return c;
    }
    return nullptr;
}

}  // namespace

void register_chat_tracking(dissector_handle_t chat_handle) {
    chat_connection_handle = chat_handle;
    credentials = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    xi_sessions = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    routed_servers = new std::unordered_set<guint64>();
    register_init_routine(init_chat_tracking);
    register_cleanup_routine(forget_routed_servers);
}

namespace {

void keep_chat_record(packet_info* pinfo, guint32 ordinal, const ChatRecord& chat) {
    if (!chat.issued && !chat.presented) return;  // the connection holds the session
    auto* kept = wmem_construct<ChatRecord>(wmem_file_scope());
    *kept = chat;
    p_add_proto_data(wmem_file_scope(), pinfo, proto_sipc, kChatRecordKey + ordinal, kept);
}

// The connection becomes a chat's from this message on.
void begin_chat(ConversationData* conv, packet_info* pinfo, guint32 ordinal, guint32 session) {
    conv->chat_session = session;
    conv->chat_since_frame = pinfo->num;
    conv->chat_since_ordinal = ordinal;
}

void find_chat(ConversationData* conv, packet_info* pinfo, const MessageSummary& msg, guint32 ordinal,
               ChatRecord* chat) {
    if (msg.auth_scheme == "CS" && !msg.credential.empty()) {
        // A ticket: the 200 OK to StartChat (a new chat) or a server INVITE
        // (a chat the XI may already name).
        auto* cred = static_cast<Credential*>(wmem_map_lookup(credentials, pool_str(pinfo, msg.credential)));
        if (!cred) {
            cred = wmem_construct<Credential>(wmem_file_scope());
            cred->issued_frame = pinfo->num;
            copy_address_wmem(wmem_file_scope(), &cred->client, &pinfo->dst);
            cred->servers = file_string(msg.chat_addresses);
            cred->issued_before = last_issued;
            last_issued = cred;
            wmem_map_insert(credentials, file_string(msg.credential), cred);
        }
        if (!cred->session) {
            guint32 s = session_of_xi(pinfo, msg.message_id);
            cred->session = s ? s : new_session();
        }
        remember_xi(pinfo, msg.message_id, cred->session);
        chat->issued = cred;
        chat->session = cred->session;
        route_chat_servers(pinfo, msg.chat_addresses);
        return;
    }

    if (msg.auth_scheme == "TICKS" && !msg.credential.empty() && msg.is_request) {
        auto* cred = static_cast<Credential*>(wmem_map_lookup(credentials, pool_str(pinfo, msg.credential)));
        if (!cred) {
            // Presented, but its ticket is not in the capture: one party's
            // side, or a capture that starts late.  Still a chat of its own.
            cred = wmem_construct<Credential>(wmem_file_scope());
            cred->session = conv->chat_session ? conv->chat_session : new_session();
            wmem_map_insert(credentials, file_string(msg.credential), cred);
        }
        if (!cred->used_frame) cred->used_frame = pinfo->num;
        chat->presented = cred;
        if (!conv->chat_session) begin_chat(conv, pinfo, ordinal, cred->session);
    }

    // The answer to a chat-server registration names the chat with its XI
    // (a main server's answer to R has none): an INVITE to another party
    // with the same XI joins the same session.
    bool registered = !msg.is_request && msg.has_cseq && msg.cseq.method == "R" && !msg.message_id.empty();
    if (registered && !conv->chat_session) {
        // The registration itself is not in the capture.
        guint32 s = session_of_xi(pinfo, msg.message_id);
        if (!s) {
            Credential* ticket = unused_ticket_for(pinfo);
            if (ticket) {
                ticket->adopted = true;
                s = ticket->session;
            }
        }
        begin_chat(conv, pinfo, ordinal, s ? s : new_session());
    }
    if (!conv->chat_session) return;
    chat->session = conv->chat_session;
    if (registered) remember_xi(pinfo, msg.message_id, chat->session);
}

}  // namespace

void track_chat(ConversationData* conv, packet_info* pinfo, const MessageSummary& msg, guint32 ordinal,
                ChatRecord* chat) {
    find_chat(conv, pinfo, msg, ordinal, chat);
    keep_chat_record(pinfo, ordinal, *chat);
}

void recall_chat(const ConversationData* conv, packet_info* pinfo, guint32 ordinal, ChatRecord* chat) {
    auto* kept = static_cast<const ChatRecord*>(
        p_get_proto_data(wmem_file_scope(), pinfo, proto_sipc, kChatRecordKey + ordinal));
    if (kept) {
        *chat = *kept;
        return;
    }
    bool since = conv->chat_session && (pinfo->num > conv->chat_since_frame ||
                                        (pinfo->num == conv->chat_since_frame && ordinal >= conv->chat_since_ordinal));
    if (since) chat->session = conv->chat_session;
}

void add_chat_items(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg,
                    const ChatRecord* chat) {
    if (chat->session) {
        proto_item* it = proto_tree_add_uint(tree, hf.chat_session, tvb, 0, 0, chat->session);
        proto_item_set_generated(it);
    }
    if (chat->issued && chat->issued->used_frame) {
        proto_item* it = proto_tree_add_uint(tree, hf.handoff_used_in, tvb, 0, 0, chat->issued->used_frame);
        proto_item_set_generated(it);
    }
    if (chat->presented) {
        if (chat->presented->issued_frame) {
            proto_item* it = proto_tree_add_uint(tree, hf.handoff_issued_in, tvb, 0, 0,
                                                 chat->presented->issued_frame);
            proto_item_set_generated(it);
        } else {
            proto_tree_add_expert(tree, pinfo, &ei.unknown_credential, tvb,
                                  msg.credential_offset >= 0 ? msg.credential_offset : 0,
                                  msg.credential_offset >= 0 ? msg.credential_length : 0);
        }
    }
}

}  // namespace sipc::epan
