// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_transactions.h"

#include "sipc_conversation.h"
#include "sipc_fields.h"

namespace sipc::epan {
namespace {

// The open file's transactions; emptied when the file is closed.
TransactionTable* transactions;

void forget_transactions() { transactions->clear(); }

int64_t nanoseconds(const nstime_t& t) { return static_cast<int64_t>(t.secs) * 1000000000 + t.nsecs; }

}  // namespace

guint transaction_key_hash(gconstpointer p) {
    return static_cast<guint>(hash_key(*static_cast<const TransactionKey*>(p)));
}

gboolean transaction_key_equal(gconstpointer a, gconstpointer b) {
    return *static_cast<const TransactionKey*>(a) == *static_cast<const TransactionKey*>(b);
}

bool transaction_key(packet_info* pinfo, const MessageSummary& msg, TransactionKey& key) {
    return msg.has_call_id && msg.has_cseq && transaction_key(conversation_data(pinfo), pinfo, msg, key);
}

bool transaction_key(const ConversationData* conv, packet_info* pinfo, const MessageSummary& msg,
                     TransactionKey& key) {
    if (!msg.has_call_id || !msg.has_cseq) return false;
    int dir = direction(conv, pinfo);
    key = TransactionKey{};
    key.conversation = conv->conversation;
    key.direction = static_cast<guint32>(msg.is_request ? dir : 1 - dir);
    key.call_id = static_cast<guint32>(msg.call_id);
    key.seq = msg.cseq.seq;
    key.method = method_bits(msg.cseq.method);
    return true;
}

void register_transaction_tracking() {
    transactions = new TransactionTable();
    register_cleanup_routine(forget_transactions);
}

void track_transaction(const ConversationData* conv, packet_info* pinfo, const MessageSummary& msg) {
    TransactionKey key;
    if (!transaction_key(conv, pinfo, msg, key)) return;
    if (msg.is_request)
        transactions->on_request(key, pinfo->num, nanoseconds(pinfo->abs_ts), msg.event);
    else
        transactions->on_response(key, pinfo->num, msg.parts.start.status);
}

void link_transaction(const ConversationData* conv, packet_info* pinfo, const MessageSummary& msg,
                      MessageRecord* record) {
    record->is_request = msg.is_request;
    TransactionKey key;
    if (!transaction_key(conv, pinfo, msg, key)) return;
    const Transaction* t = transactions->find(key, pinfo->num, msg.is_request);
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
    int64_t ns = nanoseconds(pinfo->abs_ts) - t->request_time_ns;
    nstime_t delta;
    delta.secs = static_cast<time_t>(ns / 1000000000);
    delta.nsecs = static_cast<int>(ns % 1000000000);
    it = proto_tree_add_time(tree, hf.response_time, tvb, 0, 0, &delta);
    proto_item_set_generated(it);
}

const char* request_event(const MessageRecord* record) {
    return record->transaction ? transactions->event(*record->transaction) : nullptr;
}

size_t transaction_bytes() { return transactions->bytes(); }

}  // namespace sipc::epan
