// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer harness for the parsing core: the input is a TCP byte stream,
// cut by the same loop step as the plugin's (next_stream_step); each message
// is read by the same meaning code as the plugin's (read_message: headers,
// body, summary; plugin/core/meaning.h), its chat events worked out, and
// every part goes through every decoder.
// Built with clang -fsanitize=fuzzer,address,undefined by run_fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "chat_book.h"
#include "chat_events.h"
#include "config_decode.h"
#include "framing.h"
#include "headers.h"
#include "meaning.h"
#include "message.h"
#include "start_line.h"
#include "stream.h"
#include "transaction_table.h"
#include "values.h"
#include "xml_scan.h"
#include "xml_layout.h"

using namespace sipc;

namespace {

void decode_values(std::string_view block) {
    HeaderCursor cursor(block);
    HeaderLine h;
    while (cursor.next(h)) {
        CSeq q;
        parse_cseq(h.value, q);
        LengthValue l;
        parse_length(h.value, l);
        int32_t i = 0;
        parse_i32(h.value, i);
        ParamCursor pc = ParamCursor::with_scheme(h.value);
        Param p;
        while (pc.next(p)) {
            AddressCursor ac(p.value);
            std::string_view a, host;
            uint16_t port = 0;
            while (ac.next(a)) split_host_port(a, host, port);
        }
        ParamCursor po = ParamCursor::params_only(h.value);
        while (po.next(p)) {
        }
        user_of(h.value);
    }
}

// The XML the plugin draws itself: every step inside the document, an end
// tag only with an element open, an attribute inside its start tag.
void lay_out_checked(std::string_view body) {
    static XmlVocabulary vocabulary;
    if (vocabulary.nodes().empty())
        vocabulary.add_dtd("<? wireshark:protocol proto_name=\"presence\" hierarchy=\"yes\" ?>"
                           "<!ELEMENT presence (tuple)*><!ATTLIST presence entity CDATA #REQUIRED>"
                           "<!ELEMENT tuple (status|basic)*><!ELEMENT status (basic)><!ELEMENT basic (#PCDATA)>");
    static std::vector<XmlStep> steps;
    XmlVocabulary from_body;  // any text read as a DTD
    from_body.add_dtd(body);
    if (!lay_out_xml(body, vocabulary, steps)) return;
    size_t depth = 0, open_end = 0;
    for (const XmlStep& s : steps) {
        if (size_t(s.offset) + s.length > body.size()) __builtin_trap();
        switch (s.kind) {
            case XmlStep::Open:
                if (s.label < 2 || s.label > s.length || body[s.offset] != '<') __builtin_trap();
                open_end = s.offset + s.length;
                break;
            case XmlStep::Attribute:
                if (s.offset + s.length > open_end || s.label <= s.offset || s.label >= s.offset + s.length)
                    __builtin_trap();
                if (s.as >= 0 && size_t(s.as) >= vocabulary.attribute_fields().size()) __builtin_trap();
                break;
            case XmlStep::EndOpen: ++depth; break;
            case XmlStep::EndEmpty: break;
            case XmlStep::Close:
                if (depth-- == 0) __builtin_trap();
                break;
            case XmlStep::Text:
                if (s.length == 0 || body[s.offset] == '<') __builtin_trap();
                break;
        }
    }
}

void decode_body(std::string_view body) {
    XmlScanner scan(body);
    XmlToken t;
    while (scan.next(t)) {
        XmlAttrCursor attrs(t.attrs);
        XmlAttr a;
        while (attrs.next(a)) {
            std::string out(a.value.size(), '\0');
            out.resize(xml_decode(a.value, out.data()));
        }
        if (t.kind == XmlToken::Text && looks_like_gzip_base64(t.text)) {
            std::string gz, plain;
            if (decode_base64(t.text, gz)) gunzip_capped(gz, 1 << 16, plain);
        }
    }
    std::string text(body.size(), '\0');
    text.resize(html_to_text(body, text.data()));
    lay_out_checked(body);
}

// The request/response table the plugin keeps for a file: what the first
// pass notes, then what every pass looks up (the connection and direction
// come from the input, so that keys meet).
void track(const MessageFacts& facts, uint32_t frame, TransactionTable& transactions) {
    if (!facts.has_call_id || !facts.has_cseq) return;
    TransactionKey key;
    key.conversation = static_cast<uint32_t>(facts.parts.raw.size() % 3);
    key.direction = facts.is_request ? 0 : 1;
    key.call_id = static_cast<uint32_t>(facts.call_id);
    key.seq = facts.cseq.seq;
    key.method = method_bits(facts.cseq.method);
    if (facts.is_request)
        transactions.on_request(key, frame, frame, facts.event);
    else
        transactions.on_response(key, frame, facts.parts.start.status);
    const Transaction* t = transactions.find(key, frame, facts.is_request);
    if (t && (t->request_frame > frame || (facts.is_request && t->request_frame == 0))) __builtin_trap();
    if (t) transactions.event(*t);
}

// What the plugin makes of a message: its summary in words, and the chat
// events the tap would hand the chat reports.
void read_meaning(std::string_view rest, const FrameInfo& f, ChatBook& book, TransactionTable& transactions,
                  uint32_t frame) {
    MessageMeaning m;
    read_message(rest, f, m);
    track(m.message, frame, transactions);
    summary_string(m.summary, m.body);
    const MessageFacts& facts = m.message;
    ChatMessage c;
    c.session = 1 + static_cast<uint32_t>(facts.parts.raw.size() % 2);
    c.is_request = facts.is_request;
    c.method = facts.is_request ? facts.parts.start.method : facts.cseq.method;
    c.request_uri = facts.parts.start.uri;
    c.from = facts.from;
    c.to = facts.to;
    c.event = facts.event;
    c.chat_addresses = facts.chat_addresses;
    c.issues_ticket = facts.auth_scheme == "CS";
    c.presents_ticket = facts.auth_scheme == "TICKS";
    c.has_text = m.body.is_message_text;
    c.text = facts.parts.body;
    c.composing = m.body.composing;
    c.member_count = m.body.member_count;
    for (int i = 0; i < m.body.member_count; ++i) c.members[i] = m.body.members[i];
    ChatEvent events[kMaxChatEvents];
    int n = chat_events(c, events);
    if (n < 0 || n > kMaxChatEvents) __builtin_trap();
    for (int i = 0; i < n; ++i) book.add(events[i]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view stream(reinterpret_cast<const char*>(data), size);
    FrameLimits limits;
    limits.max_body = 4096;
    limits.max_header_block = 2048;
    ChatBook book;
    TransactionTable transactions;
    uint32_t frame = 0;
    size_t offset = 0;
    while (offset < stream.size()) {
        std::string_view rest = stream.substr(offset);
        // The plugin's own loop step; the data never grows here.
        StreamStep step = next_stream_step(rest, limits, false);
        if (step.kind == StreamStep::Kind::NeedMore) __builtin_trap();  // cannot be asked for without growth
        if (step.length == 0 || step.length > rest.size()) __builtin_trap();  // no progress, or past the data
        if (step.kind != StreamStep::Kind::Message) {
            offset += step.length;
            continue;
        }
        const FrameInfo& f = step.frame;
        if (f.total_len != step.length) __builtin_trap();
        MessageParts m = split_message(rest, f);
        decode_values(m.header_block);
        decode_body(m.body);
        read_meaning(rest, f, book, transactions, ++frame);
        ChatEvent e;
        e.kind = static_cast<ChatEvent::Kind>(m.raw.size() % 10);
        e.session = static_cast<uint32_t>(m.body.size() % 3);
        e.from = m.start.method;
        e.to = m.start.uri;
        e.text = m.body.substr(0, 64);
        e.server = m.start.reason;
        e.delivered = m.raw.size() & 1;
        book.add(e);
        offset += step.length;
    }
    if (!book.sessions().empty()) book.report();
    return 0;
}
