// SPDX-License-Identifier: GPL-2.0-or-later
//
// The right-click filters of a SIP-C message (Analyze > Conversation
// Filter, View > Colorize Conversation, the packet list's Conversation
// Filter and Colorize Conversation menus):
//   SIP-C chat         every message of its chat, on every connection:
//                      sipc.chat.session == N
//   SIP-C transaction  the request and all its responses: the same TCP
//                      connection, I and Q, from the request to its answer
//                      (clients reuse I and Q, a login's every time):
//                      tcp.stream == S && sipc.call_id == I && sipc.cseq == "Q"
//                        && frame.number >= R [&& frame.number <= A]
// The transaction is the one the request/response tracker found: a request
// and its resends (R is the first), its responses (A is the final answer,
// known to a request once the whole file has been read, as in the GUI).  A
// response the tracker could not link to a request gets no transaction
// filter.  A frame that carries several messages gets the filter of each,
// or-ed.
//
// Wireshark asks for these with the selected packet's packet_info alone, so
// what they need of the messages is read from the frame's tree when it is
// built (a postdissector: the GUI builds the whole tree of the packet it
// selects) and kept with the packet while it is dissected.
//
// tshark has no right-click: "-z sipc,conversation_filters[,filter]" prints,
// for every SIP-C frame, what the registered filters build, called through
// the list the GUI reads.
#include "sipc_conversation_filter.h"

#include <cstdio>
#include <cstring>

#include "sipc_fields.h"
#include "vocabulary.h"

extern "C" {
#include <epan/conversation_filter.h>
}

namespace sipc::epan {
namespace {

// Packet-scope key of p_add_proto_data; the dissector's own keys are small
// numbers.
constexpr guint32 kFrameFiltersKey = 0x46494C54;

struct FrameFilters {
    guint32 first_chat;       // chat of the first message in a chat, 0 if none
    const char* chat;         // pinfo->pool; NULL: no message is in a chat
    const char* transaction;  // pinfo->pool; NULL: no message has I and Q, or no TCP stream
};

constexpr const char* kChatClause = "sipc.chat.session == %u";

int hf_tcp_stream = -1;

// What the tree says of one message.
struct MessageKeys {
    guint32 chat;
    gboolean has_call_id, has_cseq, is_response;
    gint32 call_id;
    const char* cseq;  // the tree's value: valid while the frame is dissected
    guint32 status;
    guint32 response_to, response_in, resend_of;  // frames, 0 if not shown
};

struct Walk {
    wmem_array_t* messages;  // MessageKeys
    int current;             // index of the message being walked, -1 outside one
    gboolean has_stream;
    guint32 stream;
};

MessageKeys* current_message(Walk* w) {
    return w->current < 0 ? nullptr : static_cast<MessageKeys*>(wmem_array_index(w->messages, w->current));
}

void visit(proto_node* node, gpointer data) {
    auto* w = static_cast<Walk*>(data);
    field_info* fi = PNODE_FINFO(node);
    int id = fi && fi->hfinfo ? fi->hfinfo->id : -1;
    int outer = w->current;
    MessageKeys* m = current_message(w);
    if (id == proto_sipc) {
        MessageKeys fresh{};
        wmem_array_append_one(w->messages, fresh);
        w->current = static_cast<int>(wmem_array_get_count(w->messages)) - 1;
    } else if (id == hf_tcp_stream && id >= 0 && !w->has_stream) {
        w->has_stream = TRUE;
        w->stream = fvalue_get_uinteger(field_value(fi));
    } else if (m && id == hf_header[static_cast<int>(HeaderId::CallId)] && !m->has_call_id) {
        m->has_call_id = TRUE;
        m->call_id = fvalue_get_sinteger(field_value(fi));
    } else if (m && id == hf_header[static_cast<int>(HeaderId::CSeq)] && !m->has_cseq) {
        m->has_cseq = TRUE;
        m->cseq = fvalue_get_string(field_value(fi));
    } else if (m && id == hf.chat_session && !m->chat) {
        m->chat = fvalue_get_uinteger(field_value(fi));
    } else if (m && id == hf.status_code && !m->is_response) {
        m->is_response = TRUE;
        m->status = fvalue_get_uinteger(field_value(fi));
    } else if (m && id == hf.response_to) {
        m->response_to = fvalue_get_uinteger(field_value(fi));
    } else if (m && id == hf.response_in) {
        m->response_in = fvalue_get_uinteger(field_value(fi));
    } else if (m && id == hf.resend_of) {
        m->resend_of = fvalue_get_uinteger(field_value(fi));
    }
    proto_tree_children_foreach(node, visit, w);
    w->current = outer;
}

// Clauses or-ed, each once: "a", or "(a) || (b)".
struct Clauses {
    wmem_array_t* list;  // const char*
};

void add_clause(Clauses& c, const char* clause) {
    for (guint i = 0; i < wmem_array_get_count(c.list); ++i) {
        if (strcmp(*static_cast<const char**>(wmem_array_index(c.list, i)), clause) == 0) return;
    }
    wmem_array_append_one(c.list, clause);
}

const char* joined(wmem_allocator_t* pool, const Clauses& c) {
    guint n = wmem_array_get_count(c.list);
    if (n == 0) return nullptr;
    if (n == 1) return *static_cast<const char**>(wmem_array_index(c.list, 0));
    wmem_strbuf_t* out = wmem_strbuf_new(pool, "");
    for (guint i = 0; i < n; ++i)
        wmem_strbuf_append_printf(out, "%s(%s)", i ? " || " : "",
                                  *static_cast<const char**>(wmem_array_index(c.list, i)));
    return wmem_strbuf_get_str(out);
}

// The transaction of one message of this frame, or NULL.
const char* transaction_clause(packet_info* pinfo, const Walk& w, const MessageKeys& m) {
    if (!w.has_stream || !m.has_call_id || !m.has_cseq || !m.cseq) return nullptr;
    guint32 first, last = 0;
    if (m.is_response) {
        if (!m.response_to) return nullptr;
        first = m.response_to;
        if (m.status >= 200) last = pinfo->num;
    } else {
        first = m.resend_of ? m.resend_of : pinfo->num;
        last = m.response_in;
    }
    char* q = g_strescape(m.cseq, nullptr);  // the value as a display-filter string
    const char* clause = wmem_strdup_printf(
        pinfo->pool, "tcp.stream == %u && sipc.call_id == %d && sipc.cseq == \"%s\" && frame.number >= %u%s",
        w.stream, m.call_id, q, first, last ? wmem_strdup_printf(pinfo->pool, " && frame.number <= %u", last) : "");
    g_free(q);
    return clause;
}

// Whether SIP-C dissected anything in the frame: a SIP-C layer before the
// last one, which is this postdissector's own while it runs.
bool carries_sipc(packet_info* pinfo) {
    wmem_list_frame_t* last = wmem_list_tail(pinfo->layers);
    for (wmem_list_frame_t* f = wmem_list_head(pinfo->layers); f && f != last; f = wmem_list_frame_next(f)) {
        if (GPOINTER_TO_INT(wmem_list_frame_data(f)) == proto_sipc) return true;
    }
    return false;
}

// The filter strings of a frame, from its tree, kept with the packet.
int collect_filters(tvbuff_t*, packet_info* pinfo, proto_tree* tree, void*) {
    if (!tree || !carries_sipc(pinfo)) return 0;
    // tcp.stream exists once every protocol is registered.
    if (hf_tcp_stream < 0) hf_tcp_stream = proto_registrar_get_id_byname("tcp.stream");
    Walk w{wmem_array_new(pinfo->pool, sizeof(MessageKeys)), -1, FALSE, 0};
    proto_tree_children_foreach(tree, visit, &w);
    guint count = wmem_array_get_count(w.messages);
    if (count == 0) return 0;

    auto* f = wmem_new0(pinfo->pool, FrameFilters);
    Clauses chats{wmem_array_new(pinfo->pool, sizeof(const char*))};
    Clauses transactions{wmem_array_new(pinfo->pool, sizeof(const char*))};
    for (guint i = 0; i < count; ++i) {
        const auto* m = static_cast<const MessageKeys*>(wmem_array_index(w.messages, i));
        if (m->chat) {
            if (!f->first_chat) f->first_chat = m->chat;
            add_clause(chats, wmem_strdup_printf(pinfo->pool, kChatClause, m->chat));
        }
        if (const char* clause = transaction_clause(pinfo, w, *m)) add_clause(transactions, clause);
    }
    f->chat = joined(pinfo->pool, chats);
    f->transaction = joined(pinfo->pool, transactions);
    p_remove_proto_data(pinfo->pool, pinfo, proto_sipc, kFrameFiltersKey);
    p_add_proto_data(pinfo->pool, pinfo, proto_sipc, kFrameFiltersKey, f);
    // Adds nothing to the tree and takes nothing: the frame's protocols stay
    // as they were.
    return 0;
}

const FrameFilters* frame_filters(packet_info* pinfo) {
    return static_cast<const FrameFilters*>(p_get_proto_data(pinfo->pool, pinfo, proto_sipc, kFrameFiltersKey));
}

// The callbacks of one filter: `Which` of the frame's strings.
template <const char* FrameFilters::*Which>
bool filter_valid(packet_info* pinfo) {
    const FrameFilters* f = frame_filters(pinfo);
    return f && f->*Which;
}

template <const char* FrameFilters::*Which>
char* filter_build(packet_info* pinfo) {
    const FrameFilters* f = frame_filters(pinfo);
    return f && f->*Which ? g_strdup(f->*Which) : nullptr;
}

// ---- tshark -z sipc,conversation_filters[,filter] -------------------------

// The fields the filters are made of: a tap filter that names them has them
// in the tree tshark builds for it.
constexpr const char* kNeededFields =
    "sipc || sipc.chat.session || sipc.call_id || sipc.cseq || sipc.status_code || sipc.response_to || "
    "sipc.response_in || sipc.resend_of || tcp.stream";

struct FilterReport {
    GString* lines;
    guint32 last_frame;
};

void report_reset(void* data) {
    auto* r = static_cast<FilterReport*>(data);
    g_string_truncate(r->lines, 0);
    r->last_frame = 0;
}

tap_packet_status report_packet(void* data, packet_info* pinfo, epan_dissect_t*, const void*, tap_flags_t) {
    auto* r = static_cast<FilterReport*>(data);
    if (pinfo->num == r->last_frame) return TAP_PACKET_DONT_REDRAW;  // one line set per frame
    r->last_frame = pinfo->num;
    for (GList* l = packet_conv_filter_list; l; l = l->next) {
        const auto* filter = static_cast<const conversation_filter_t*>(l->data);
        if (strcmp(filter->proto_name, "sipc") != 0 || !conversation_filter_valid(filter, pinfo)) continue;
        char* text = conversation_filter_build(filter, pinfo);
        if (!text) continue;
        g_string_append_printf(r->lines, "%u\t%s\t%s\n", pinfo->num, filter->display_name, text);
        g_free(text);
    }
    return TAP_PACKET_REDRAW;
}

void report_draw(void* data) {
    auto* r = static_cast<FilterReport*>(data);
    std::printf("================================================================================\n"
                "SIP-C conversation filters (frame, filter, display filter)\n"
                "%s"
                "================================================================================\n",
                r->lines->str);
}

void report_finish(void* data) {
    auto* r = static_cast<FilterReport*>(data);
    g_string_free(r->lines, TRUE);
    g_free(r);
}

bool report_init(const char* opt_arg, void*) {
    const char* prefix = "sipc,conversation_filters,";
    char* filter = opt_arg && g_str_has_prefix(opt_arg, prefix)
                       ? g_strdup_printf("(%s) && (%s)", kNeededFields, opt_arg + strlen(prefix))
                       : g_strdup(kNeededFields);
    auto* r = g_new0(FilterReport, 1);
    r->lines = g_string_new("");
    GString* err = register_tap_listener("sipc", r, filter, TL_REQUIRES_PROTO_TREE, report_reset, report_packet,
                                         report_draw, report_finish);
    g_free(filter);
    if (err) {
        std::fprintf(stderr, "tshark: couldn't register sipc,conversation_filters tap: %s\n", err->str);
        g_string_free(err, TRUE);
        report_finish(r);
        return false;
    }
    return true;
}

stat_tap_ui report_ui = {REGISTER_STAT_GROUP_GENERIC, nullptr, "sipc,conversation_filters",
                         stat_tap_ui_init<report_init>, 0, nullptr};

}  // namespace

char* chat_filter(guint32 chat) { return g_strdup_printf(kChatClause, chat); }

guint32 frame_chat(packet_info* pinfo) {
    const FrameFilters* f = frame_filters(pinfo);
    return f ? f->first_chat : 0;
}

void register_sipc_conversation_filters() {
    conversation_filter_register<filter_valid<&FrameFilters::chat>, filter_build<&FrameFilters::chat>>(
        register_conversation_filter, "sipc", "SIP-C chat");
    conversation_filter_register<filter_valid<&FrameFilters::transaction>, filter_build<&FrameFilters::transaction>>(
        register_conversation_filter, "sipc", "SIP-C transaction");
    register_postdissector(create_dissector_handle(collect_filters, proto_sipc));
    register_stat_tap_ui(&report_ui, nullptr);
}

}  // namespace sipc::epan
