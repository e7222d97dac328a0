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
// what they need of the messages is noted with the packet while its tree is
// built (note_filter_keys(), from the message's own record: no walk over
// the tree), and the strings are made only when a filter is asked for.
// tcp.stream comes from TCP's item at the top of the tree, read by a
// postdissector (the GUI builds the whole tree of the packet it selects).
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

// What the filters need of one message.
struct MessageKeys {
    guint32 chat;
    bool has_call_id, has_cseq, is_response;
    gint32 call_id;
    std::string_view cseq;  // the Q value as the tree shows it: valid while the frame is dissected
    guint32 status;
    guint32 response_to, response_in, resend_of;  // frames, 0 if not shown
};

struct FrameFilters {
    wmem_array_t* messages;  // MessageKeys, in the frame's order
    bool has_stream;
    guint32 stream;  // tcp.stream
};

constexpr const char* kChatClause = "sipc.chat.session == %u";

int hf_tcp_stream = -1;

FrameFilters* frame_filters(packet_info* pinfo) {
    return static_cast<FrameFilters*>(p_get_proto_data(pinfo->pool, pinfo, proto_sipc, kFrameFiltersKey));
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
const char* transaction_clause(packet_info* pinfo, const FrameFilters& f, const MessageKeys& m) {
    if (!f.has_stream || !m.has_call_id || !m.has_cseq) return nullptr;
    guint32 first, last = 0;
    if (m.is_response) {
        if (!m.response_to) return nullptr;
        first = m.response_to;
        if (m.status >= 200) last = pinfo->num;
    } else {
        first = m.resend_of ? m.resend_of : pinfo->num;
        last = m.response_in;
    }
    // The value as a display-filter string.
    char* q = g_strescape(pool_str(pinfo, m.cseq), nullptr);
    const char* clause = wmem_strdup_printf(
        pinfo->pool, "tcp.stream == %u && sipc.call_id == %d && sipc.cseq == \"%s\" && frame.number >= %u%s",
        f.stream, m.call_id, q, first, last ? wmem_strdup_printf(pinfo->pool, " && frame.number <= %u", last) : "");
    g_free(q);
    return clause;
}

const char* chat_clause(packet_info* pinfo, const FrameFilters&, const MessageKeys& m) {
    return m.chat ? wmem_strdup_printf(pinfo->pool, kChatClause, m.chat) : nullptr;
}

// The filter of the frame: the clauses of its messages, or-ed.
using ClauseOf = const char* (*)(packet_info*, const FrameFilters&, const MessageKeys&);

template <ClauseOf Clause>
const char* frame_filter(packet_info* pinfo) {
    const FrameFilters* f = frame_filters(pinfo);
    if (!f) return nullptr;
    Clauses clauses{wmem_array_new(pinfo->pool, sizeof(const char*))};
    for (guint i = 0; i < wmem_array_get_count(f->messages); ++i) {
        const auto* m = static_cast<const MessageKeys*>(wmem_array_index(f->messages, i));
        if (const char* clause = Clause(pinfo, *f, *m)) add_clause(clauses, clause);
    }
    return joined(pinfo->pool, clauses);
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

// tcp.stream is a child of an item at the top of the tree: TCP's, or, when
// TCP's item was not made (a tree built only for the fields a filter names),
// whichever real item Wireshark added it to instead.  Two levels are
// searched, never the protocols' deep subtrees (XML bodies, say); TCP's item
// first, where it is in a full tree, since the frame's, Ethernet's and IP's
// come before it with some forty items between them.
struct StreamSearch {
    FrameFilters* filters;
    bool top;       // visiting the top level
    int only_below;  // at the top level: descend into this protocol's item only (-1: any)
};

int proto_tcp = -1;

void find_stream(proto_node* node, gpointer data) {
    auto* search = static_cast<StreamSearch*>(data);
    FrameFilters* f = search->filters;
    if (f->has_stream) return;
    field_info* fi = PNODE_FINFO(node);
    int id = fi && fi->hfinfo ? fi->hfinfo->id : -1;
    if (id == hf_tcp_stream && id >= 0) {
        f->has_stream = true;
        f->stream = fvalue_get_uinteger(field_value(fi));
    } else if (search->top && (search->only_below < 0 || id == search->only_below)) {
        StreamSearch below{f, false, -1};
        proto_tree_children_foreach(node, find_stream, &below);
    }
}

int note_stream(tvbuff_t*, packet_info* pinfo, proto_tree* tree, void*) {
    FrameFilters* f = frame_filters(pinfo);
    if (!tree || !f || !carries_sipc(pinfo)) return 0;
    // TCP's ids exist once every protocol is registered.
    if (hf_tcp_stream < 0) {
        hf_tcp_stream = proto_registrar_get_id_byname("tcp.stream");
        proto_tcp = proto_get_id_by_filter_name("tcp");
    }
    StreamSearch under_tcp{f, true, proto_tcp};
    if (proto_tcp >= 0) proto_tree_children_foreach(tree, find_stream, &under_tcp);
    StreamSearch anywhere{f, true, -1};
    if (!f->has_stream) proto_tree_children_foreach(tree, find_stream, &anywhere);
    // Adds nothing to the tree and takes nothing: the frame's protocols stay
    // as they were.
    return 0;
}

// The callbacks of one filter.
template <ClauseOf Clause>
bool filter_valid(packet_info* pinfo) {
    return frame_filter<Clause>(pinfo) != nullptr;
}

template <ClauseOf Clause>
char* filter_build(packet_info* pinfo) {
    const char* f = frame_filter<Clause>(pinfo);
    return f ? g_strdup(f) : nullptr;
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
    for (guint i = 0; f && i < wmem_array_get_count(f->messages); ++i) {
        const auto* m = static_cast<const MessageKeys*>(wmem_array_index(f->messages, i));
        if (m->chat) return m->chat;
    }
    return 0;
}

void note_filter_keys(packet_info* pinfo, proto_tree* tree, const MessageSummary& msg, const MessageRecord& record) {
    if (!tree) return;
    FrameFilters* f = frame_filters(pinfo);
    if (!f) {
        f = wmem_new0(pinfo->pool, FrameFilters);
        f->messages = wmem_array_new(pinfo->pool, sizeof(MessageKeys));
        p_add_proto_data(pinfo->pool, pinfo, proto_sipc, kFrameFiltersKey, f);
    }
    MessageKeys m{};
    m.chat = record.chat.session;
    m.has_call_id = msg.has_call_id;
    m.call_id = msg.call_id;
    m.cseq = msg.has_cseq ? msg.cseq_value : std::string_view();
    m.has_cseq = !m.cseq.empty();
    m.is_response = !msg.is_request;
    m.status = msg.is_request ? 0 : msg.parts.start.status;
    if (const Transaction* t = record.transaction) {
        if (msg.is_request) {
            m.resend_of = record.resend_of;
            m.response_in = t->final_response_frame ? t->final_response_frame : t->first_response_frame;
        } else {
            m.response_to = t->request_frame;
        }
    }
    wmem_array_append_one(f->messages, m);
}

void register_sipc_conversation_filters() {
    conversation_filter_register<filter_valid<chat_clause>, filter_build<chat_clause>>(
        register_conversation_filter, "sipc", "SIP-C chat");
    conversation_filter_register<filter_valid<transaction_clause>, filter_build<transaction_clause>>(
        register_conversation_filter, "sipc", "SIP-C transaction");
    register_postdissector(create_dissector_handle(note_stream, proto_sipc));
    register_stat_tap_ui(&report_ui, nullptr);
}

}  // namespace sipc::epan
