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

MessageRecord* message_record(packet_info* pinfo, guint32 ordinal) {
    auto* rec = static_cast<MessageRecord*>(p_get_proto_data(wmem_file_scope(), pinfo, proto_sipc, ordinal));
    if (!rec) {
        rec = wmem_construct<MessageRecord>(wmem_file_scope());
        p_add_proto_data(wmem_file_scope(), pinfo, proto_sipc, ordinal, rec);
    }
    return rec;
}

namespace {

// Transactions are keyed by who sent the request, I and Q: a server's BN
// "I: 1, Q: 2 BN" must not meet the client's "I: 1, Q: 0 R".
char* transaction_key(wmem_allocator_t* scope, int request_direction, const MessageSummary& msg) {
    return wmem_strdup_printf(scope, "%d|%d|%u|%.*s", request_direction, msg.call_id, msg.cseq.seq,
                              static_cast<int>(msg.cseq.method.size()), msg.cseq.method.data());
}

}  // namespace

void track_transaction(packet_info* pinfo, const MessageSummary& msg, MessageRecord* record) {
    record->is_request = msg.is_request;
    if (!msg.has_call_id || !msg.has_cseq) return;
    ConversationData* conv = conversation_data(pinfo);
    int dir = direction(conv, pinfo);

    if (msg.is_request) {
        char* key = transaction_key(pinfo->pool, dir, msg);
        auto* t = static_cast<Transaction*>(wmem_map_lookup(conv->transactions, key));
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
        wmem_map_insert(conv->transactions, wmem_strdup(wmem_file_scope(), key), t);
        record->transaction = t;
        return;
    }

    char* key = transaction_key(pinfo->pool, 1 - dir, msg);
    auto* t = static_cast<Transaction*>(wmem_map_lookup(conv->transactions, key));
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
