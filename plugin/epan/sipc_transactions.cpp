// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_transactions.h"

#include "sipc_conversation.h"
#include "sipc_fields.h"

namespace sipc::epan {

struct Transaction {
    guint32 request_frame = 0;
    guint32 first_response_frame = 0;  // a provisional (1xx) or the final response
    guint32 final_response_frame = 0;  // the first response with a code >= 200
    nstime_t request_time = NSTIME_INIT_ZERO;
    const char* event = nullptr;  // N: of the request, for the responses' summary
    const Transaction* older = nullptr;  // the transaction the same key named before this one
};

void keep_chat_record(packet_info* pinfo, guint32 ordinal, const ChatRecord& chat) {
    if (!chat.session && !chat.issued && !chat.presented) return;
    auto* kept = wmem_construct<ChatRecord>(wmem_file_scope());
    *kept = chat;
    p_add_proto_data(wmem_file_scope(), pinfo, proto_sipc, ordinal, kept);
}

const ChatRecord* kept_chat_record(packet_info* pinfo, guint32 ordinal) {
    return static_cast<const ChatRecord*>(p_get_proto_data(wmem_file_scope(), pinfo, proto_sipc, ordinal));
}

namespace {

// One map for the whole file, keyed by connection, who sent the request, I
// and Q (TransactionKey).  The map holds the newest
// transaction of each key; each transaction points to the one the key named
// before (openfetion reuses I and Q for every login).  Every pass finds the
// transaction a message met by walking back to the newest one that began no
// later than the message, so nothing is stored per message.
wmem_map_t* transactions;

}  // namespace

guint transaction_key_hash(gconstpointer p) {
    const auto* k = static_cast<const TransactionKey*>(p);
    guint64 h = k->conversation;
    h = h * 1000003u ^ k->direction;
    h = h * 1000003u ^ k->call_id;
    h = h * 1000003u ^ k->seq;
    h = h * 1000003u ^ k->method;
    return static_cast<guint>(h ^ (h >> 32));
}

gboolean transaction_key_equal(gconstpointer a, gconstpointer b) {
    const auto* x = static_cast<const TransactionKey*>(a);
    const auto* y = static_cast<const TransactionKey*>(b);
    return x->conversation == y->conversation && x->direction == y->direction && x->call_id == y->call_id &&
           x->seq == y->seq && x->method == y->method;
}

bool transaction_key(packet_info* pinfo, const MessageSummary& msg, TransactionKey& key) {
    if (!msg.has_call_id || !msg.has_cseq) return false;
    ConversationData* data = conversation_data(pinfo);
    const conversation_t* conv = find_or_create_conversation(pinfo);
    int dir = direction(data, pinfo);
    key = TransactionKey{};
    key.conversation = conv->conv_index;
    key.direction = static_cast<guint32>(msg.is_request ? dir : 1 - dir);
    key.call_id = static_cast<guint32>(msg.call_id);
    key.seq = msg.cseq.seq;
    for (size_t i = 0; i < msg.cseq.method.size() && i < 8; ++i)
        key.method |= static_cast<guint64>(static_cast<unsigned char>(msg.cseq.method[i])) << (8 * i);
    return true;
}

void register_transaction_tracking() {
    transactions = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), transaction_key_hash,
                                          transaction_key_equal);
}

void track_transaction(packet_info* pinfo, const MessageSummary& msg) {
    TransactionKey key;
    if (!transaction_key(pinfo, msg, key)) return;
    const void* stored_key = nullptr;
    void* value = nullptr;
    bool known = wmem_map_lookup_extended(transactions, &key, &stored_key, &value);
    auto* t = static_cast<Transaction*>(value);
    if (msg.is_request) {
        // The same request again before any final answer is a resend, not a
        // transaction of its own.
        if (t && t->final_response_frame == 0 && t->request_frame != pinfo->num) return;
        auto* n = wmem_construct<Transaction>(wmem_file_scope());
        n->request_frame = pinfo->num;
        n->request_time = pinfo->abs_ts;
        if (!msg.event.empty()) n->event = wmem_strndup(wmem_file_scope(), msg.event.data(), msg.event.size());
        n->older = t;
        if (!known) {
            auto* k = wmem_new(wmem_file_scope(), TransactionKey);
            *k = key;
            stored_key = k;
        }
        wmem_map_insert(transactions, const_cast<void*>(stored_key), n);
        return;
    }
    if (!t) return;
    if (t->first_response_frame == 0) t->first_response_frame = pinfo->num;
    if (msg.parts.start.status >= 200 && t->final_response_frame == 0) t->final_response_frame = pinfo->num;
}

void link_transaction(packet_info* pinfo, const MessageSummary& msg, MessageRecord* record) {
    record->is_request = msg.is_request;
    TransactionKey key;
    if (!transaction_key(pinfo, msg, key)) return;
    const auto* t = static_cast<const Transaction*>(wmem_map_lookup(transactions, &key));
    // A request met the transaction it began, or the one it repeats; a
    // response the newest that began before it.
    while (t && (t->request_frame > pinfo->num || (!msg.is_request && t->request_frame == pinfo->num)))
        t = t->older;
    if (!t) return;
    if (msg.is_request && t->request_frame != pinfo->num) record->resend_of = t->request_frame;
    record->transaction = t;
}

void add_transaction_items(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageRecord* record) {
    const Transaction* t = record->transaction;
    if (!t) return;
    if (record->is_request) {
        if (record->resend_of) {
            proto_item* it = proto_tree_add_uint(tree, hf.resend_of, tvb, 0, 0, record->resend_of);
            proto_item_set_generated(it);
            expert_add_info(pinfo, it, &ei.resend);
        }
        guint32 answer = t->final_response_frame ? t->final_response_frame : t->first_response_frame;
        if (answer) {
            proto_item* it = proto_tree_add_uint(tree, hf.response_in, tvb, 0, 0, answer);
            proto_item_set_generated(it);
        }
        return;
    }
    proto_item* it = proto_tree_add_uint(tree, hf.response_to, tvb, 0, 0, t->request_frame);
    proto_item_set_generated(it);
    nstime_t delta;
    nstime_delta(&delta, &pinfo->abs_ts, &t->request_time);
    it = proto_tree_add_time(tree, hf.response_time, tvb, 0, 0, &delta);
    proto_item_set_generated(it);
}

const char* request_event(const MessageRecord* record) {
    return record->transaction ? record->transaction->event : nullptr;
}

}  // namespace sipc::epan
