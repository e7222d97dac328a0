// SPDX-License-Identifier: GPL-2.0-or-later
// What to say is decided by the core (plugin/core/summary.h); this puts it
// into pinfo->pool memory, packet text made printable.
#include "sipc_summary.h"

#include <cstdio>
#include <cstring>

#include "summary.h"

namespace sipc::epan {
namespace {

// write_summary()'s output.  The summary runs for every message, tree or
// not, so its words gather on the stack and go to pinfo->pool in one copy;
// only a summary longer than the buffer (many long member names) goes on in
// a wmem string buffer.  Trivially destructible (doc/design.md "Exceptions
// are longjmp").
struct PoolWords {
    explicit PoolWords(packet_info* p) : pinfo(p) {}

    packet_info* pinfo;
    char buf[128];
    size_t used = 0;
    wmem_strbuf_t* more = nullptr;

    void append(const char* s, size_t n) {
        if (!more && used + n < sizeof buf) {
            memcpy(buf + used, s, n);
            used += n;
            return;
        }
        if (!more) {
            more = wmem_strbuf_new(pinfo->pool, "");
            wmem_strbuf_append_len(more, buf, used);
        }
        wmem_strbuf_append_len(more, s, n);
    }
    void words(std::string_view w) { append(w.data(), w.size()); }
    void number(uint32_t n) {
        char digits[16];
        int k = snprintf(digits, sizeof digits, "%u", n);
        append(digits, static_cast<size_t>(k));
    }
    void text(std::string_view t) {
        const char* shown = shown_text(pinfo->pool, t);
        append(shown, strlen(shown));
    }
    const char* str() const { return more ? wmem_strbuf_get_str(more) : wmem_strndup(pinfo->pool, buf, used); }
};
static_assert(std::is_trivially_destructible_v<PoolWords>);

}  // namespace

const char* message_summary(packet_info* pinfo, const MessageSummary& msg) {
    Summary s = summarize(msg, msg.body);
    switch (s.kind) {
        case Summary::Kind::None: return nullptr;
        case Summary::Kind::Phrase: return s.phrase;
        case Summary::Kind::Text: return shown_text(pinfo->pool, s.text);
        default: break;
    }
    PoolWords out(pinfo);
    write_summary(s, msg.body, out);
    return out.str();
}

}  // namespace sipc::epan
