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
};

const MessageRecord* keep_record(packet_info* pinfo, guint32 ordinal, const MessageRecord& found) {
    if (found.empty()) return &found;
    auto* rec = wmem_construct<MessageRecord>(wmem_file_scope());
    *rec = found;
    p_add_proto_data(wmem_file_scope(), pinfo, proto_sipc, ordinal, rec);
    return rec;
}

const MessageRecord* kept_record(packet_info* pinfo, guint32 ordinal) {
    return static_cast<const MessageRecord*>(p_get_proto_data(wmem_file_scope(), pinfo, proto_sipc, ordinal));
}

namespace {

// One map for the whole file, keyed by connection, who sent the request, I
// and Q: a server's BN "I: 1, Q: 2 BN" must not meet the client's
// "I: 1, Q: 0 R".  Plain numbers, no strings: a transaction costs a key, a
// Transaction and a map node.
struct TransactionKey {
    guint32 conversation;
    guint32 direction;
    guint32 call_id;
    guint32 seq;
    guint64 method;  // the CSeq method's first 8 bytes
};

guint key_hash(gconstpointer p) {
    const auto* k = static_cast<const TransactionKey*>(p);
    guint64 h = k->conversation;
    h = h * 1000003u ^ k->direction;
    h = h * 1000003u ^ k->call_id;
    h = h * 1000003u ^ k->seq;
    h = h * 1000003u ^ k->method;
    return static_cast<guint>(h ^ (h >> 32));
}

gboolean key_equal(gconstpointer a, gconstpointer b) {
    const auto* x = static_cast<const TransactionKey*>(a);
    const auto* y = static_cast<const TransactionKey*>(b);
    return x->conversation == y->conversation && x->direction == y->direction && x->call_id == y->call_id &&
           x->seq == y->seq && x->method == y->method;
}

wmem_map_t* transactions;

TransactionKey key_of(const conversation_t* conv, int request_direction, const MessageSummary& msg) {
    TransactionKey k{};
    k.conversation = conv->conv_index;
    k.direction = static_cast<guint32>(request_direction);
    k.call_id = static_cast<guint32>(msg.call_id);
    k.seq = msg.cseq.seq;
    for (size_t i = 0; i < msg.cseq.method.size() && i < 8; ++i)
        k.method |= static_cast<guint64>(static_cast<unsigned char>(msg.cseq.method[i])) << (8 * i);
    return k;
}

}  // namespace

void register_transaction_tracking() {
    transactions = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), key_hash, key_equal);
}

void track_transaction(packet_info* pinfo, const MessageSummary& msg, MessageRecord* record) {
    record->is_request = msg.is_request;
    if (!msg.has_call_id || !msg.has_cseq) return;
    ConversationData* data = conversation_data(pinfo);
    const conversation_t* conv = find_or_create_conversation(pinfo);
    int dir = direction(data, pinfo);

    if (msg.is_request) {
        TransactionKey key = key_of(conv, dir, msg);
        auto* t = static_cast<Transaction*>(wmem_map_lookup(transactions, &key));
        if (t && t->final_response_frame == 0 && t->request_frame != pinfo->num) {
            // Same request again before any final answer: a resend.
            record->transaction = t;
            record->resend_of = t->request_frame;
            return;
        }
        t = wmem_construct<Transaction>(wmem_file_scope());
        t->request_frame = pinfo->num;
        t->request_time = pinfo->abs_ts;
        if (!msg.event.empty())
            t->event = wmem_strndup(wmem_file_scope(), msg.event.data(), msg.event.size());
        auto* stored = wmem_new(wmem_file_scope(), TransactionKey);
        *stored = key;
        wmem_map_insert(transactions, stored, t);
        record->transaction = t;
        return;
    }

    TransactionKey key = key_of(conv, 1 - dir, msg);
    auto* t = static_cast<Transaction*>(wmem_map_lookup(transactions, &key));
    if (!t) return;
    record->transaction = t;
    if (t->first_response_frame == 0) t->first_response_frame = pinfo->num;
    if (msg.parts.start.status >= 200 && t->final_response_frame == 0) t->final_response_frame = pinfo->num;
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
