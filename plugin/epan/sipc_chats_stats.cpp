// SPDX-License-Identifier: GPL-2.0-or-later
// Chat transcripts from the "sipc" tap.  tshark's "-z sipc,chats" prints the
// ChatBook report; the GUI's table (Statistics > SIP-C Chats, also
// "-z sipc,chat_table") shows one row per chat event from the same book.
// Tap callbacks run outside dissection, so C++ containers are safe here; no
// C++ exception may leave them, hence the catch-alls at the boundary.
#include "sipc_chats_stats.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

#include "chat_book.h"
#include "chat_events.h"
#include "sipc_tap.h"

extern "C" {
#include <epan/stat_tap_ui.h>
}

namespace sipc::epan {
namespace {

std::string_view sv(const char* s) { return s ? std::string_view(s) : std::string_view(); }

// The chat events one message stands for (plugin/core/chat_events.h).
template <typename Sink>
void chat_events(const SipcTapInfo* t, Sink&& sink) {
    if (!t->chat_session) return;
    ChatMessage m;
    m.session = t->chat_session;
    m.frame = t->frame;
    m.time = t->time;
    m.is_request = t->is_request;
    m.method = sv(t->method);
    m.request_uri = sv(t->request_uri);
    m.from = sv(t->from);
    m.to = sv(t->to);
    m.event = sv(t->event);
    m.destination = sv(t->destination);
    m.chat_addresses = sv(t->chat_addresses);
    m.issues_ticket = t->issues_ticket;
    m.presents_ticket = t->presents_ticket;
    m.has_text = t->text != nullptr;
    m.text = sv(t->text);
    m.composing = sv(t->composing);
    m.member_count = t->member_count;
    for (int i = 0; i < t->member_count; ++i) m.members[i] = MemberEvent{sv(t->member_type[i]), sv(t->member_uri[i])};
    ChatEvent events[kMaxChatEvents];
    int n = sipc::chat_events(m, events);
    for (int i = 0; i < n; ++i) sink(events[i]);
}

// ---- tshark -z sipc,chats -------------------------------------------------

struct CliReport {
    ChatBook book;
    bool json = false;  // "-z sipc,chats,json": the JSON document instead of the text
};

void cli_reset(void* data) { static_cast<CliReport*>(data)->book.clear(); }

tap_packet_status cli_packet(void* data, packet_info*, epan_dissect_t*, const void* info, tap_flags_t) {
    try {
        auto* r = static_cast<CliReport*>(data);
        chat_events(static_cast<const SipcTapInfo*>(info), [&](const ChatEvent& e) { r->book.add(e); });
        return TAP_PACKET_REDRAW;
    } catch (...) {
        return TAP_PACKET_FAILED;
    }
}

void cli_draw(void* data) {
    try {
        auto* r = static_cast<CliReport*>(data);
        std::string report = r->json ? r->book.json() : r->book.report();
        std::fwrite(report.data(), 1, report.size(), stdout);
    } catch (...) {
    }
}

void cli_finish(void* data) { delete static_cast<CliReport*>(data); }

// -z sipc,chats[,json][,filter]: like -z expert's levels, the output format
// is a word before the filter.  A filter that is the bare word "json" (the
// JSON protocol, which never carries SIP-C) cannot be given.
bool cli_init(const char* opt_arg, void*) {
    const char* filter = nullptr;
    bool json = false;
    const char* prefix = "sipc,chats,";
    if (opt_arg && g_str_has_prefix(opt_arg, prefix)) {
        filter = opt_arg + strlen(prefix);
        std::string_view rest(filter);
        if (rest == "json" || rest.substr(0, 5) == "json,") {
            json = true;
            filter = rest.size() > 4 ? filter + 5 : nullptr;
        }
    }
    auto* r = new CliReport();
    r->json = json;
    GString* err = register_tap_listener("sipc", r, filter, TL_REQUIRES_NOTHING, cli_reset, cli_packet,
                                         cli_draw, cli_finish);
    if (err) {
        delete r;
        std::fprintf(stderr, "tshark: couldn't register sipc,chats tap: %s\n", err->str);
        g_string_free(err, TRUE);
        return false;
    }
    return true;
}

stat_tap_ui cli_ui = {kTelephonyGroup, "SIP-C Chats", "sipc,chats", stat_tap_ui_init<cli_init>, 0, nullptr};

// ---- Statistics > SIP-C Chats (and -z sipc,chat_table) --------------------

enum Column { kChat, kTime, kFrame, kEvent, kWhat, kDelivered, kColumns };

stat_tap_table_item table_columns[] = {
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Chat", "%u"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Time (UTC)", "%s"},
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Frame", "%u"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Event", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "What", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Delivered", "%s"},
};

const char* kTableName = "SIP-C chat events";

// The book behind each table, and which row shows which entry.
struct TableBook {
    ChatBook book;
    std::unordered_map<uint32_t, guint> rows;  // entry id -> row
};
std::unordered_map<stat_tap_table*, TableBook> table_books;

void set_string(stat_tap_table* table, guint row, int column, const std::string& value) {
    stat_tap_table_item_type* item = stat_tap_get_field_data(table, row, column);
    g_free(const_cast<char*>(item->value.string_value));
    item->value.string_value = g_strdup(value.c_str());
    stat_tap_set_field_data(table, row, column, item);
}

void show_entry(stat_tap_table* table, TableBook& tb, const ChatBook::Session& s, const ChatBook::Entry& e) {
    auto found = tb.rows.find(e.id);
    guint row;
    if (found == tb.rows.end()) {
        row = table->num_elements;
        stat_tap_table_item_type items[kColumns] = {};
        for (int c = 0; c < kColumns; ++c) items[c].type = table_columns[c].type;
        stat_tap_init_table_row(table, row, kColumns, items);
        tb.rows.emplace(e.id, row);
    } else {
        row = found->second;
    }
    stat_tap_table_item_type* item = stat_tap_get_field_data(table, row, kChat);
    item->value.uint_value = s.id;
    stat_tap_set_field_data(table, row, kChat, item);
    item = stat_tap_get_field_data(table, row, kFrame);
    item->value.uint_value = e.frame;
    stat_tap_set_field_data(table, row, kFrame, item);
    set_string(table, row, kTime, format_utc(e.time));
    set_string(table, row, kEvent, ChatBook::kind_name(e.kind));
    set_string(table, row, kWhat, ChatBook::describe(s, e));
    set_string(table, row, kDelivered,
               e.kind == ChatEvent::Message && e.delivered_frame
                   ? format_utc(e.delivered_time) + " (frame " + std::to_string(e.delivered_frame) + ")"
                   : std::string());
}

void table_init(stat_tap_table_ui* ui) {
    if (stat_tap_find_table(ui, kTableName)) return;
    stat_tap_table* table = stat_tap_init_table(kTableName, kColumns, 0, nullptr);
    stat_tap_add_table(ui, table);
}

tap_packet_status table_packet(void* data, packet_info*, epan_dissect_t*, const void* info, tap_flags_t) {
    try {
        auto* stat = static_cast<stat_data_t*>(data);
        stat_tap_table* table = g_array_index(stat->stat_tap_data->tables, stat_tap_table*, 0);
        TableBook& tb = table_books[table];
        chat_events(static_cast<const SipcTapInfo*>(info), [&](const ChatEvent& e) {
            size_t si = 0;
            size_t ei = tb.book.add(e, &si);
            const ChatBook::Session& s = tb.book.sessions()[si];
            show_entry(table, tb, s, s.entries[ei]);
        });
        return TAP_PACKET_REDRAW;
    } catch (...) {
        return TAP_PACKET_FAILED;
    }
}

void table_free_item(stat_tap_table*, guint, guint column, stat_tap_table_item_type* item) {
    if (table_columns[column].type == TABLE_ITEM_STRING) {
        g_free(const_cast<char*>(item->value.string_value));
        item->value.string_value = nullptr;
    }
}

void table_reset(stat_tap_table* table) {
    for (guint row = 0; row < table->num_elements; ++row) {
        for (guint c = 0; c < table->num_fields; ++c) table_free_item(table, row, c, &table->elements[row][c]);
        g_free(table->elements[row]);
    }
    g_free(table->elements);
    table->elements = nullptr;
    table->num_elements = 0;
    table_books.erase(table);
}

tap_param table_params[] = {{PARAM_FILTER, "filter", "Filter", nullptr, TRUE}};

stat_tap_table_ui table_ui = {
    kTelephonyGroup,
    "SIP-C Chats",
    "sipc",
    "sipc,chat_table",
    table_init,
    table_packet,
    table_reset,
    table_free_item,
    nullptr,
    G_N_ELEMENTS(table_columns),
    table_columns,
    G_N_ELEMENTS(table_params),
    table_params,
    nullptr,
    0,
};

}  // namespace

void register_chats_stats() {
    register_stat_tap_ui(&cli_ui, nullptr);
    register_stat_tap_table_ui(&table_ui);
}

void for_each_chat_event(const SipcTapInfo* info, const std::function<void(const ChatEvent&)>& sink) {
    chat_events(info, sink);
}

}  // namespace sipc::epan
