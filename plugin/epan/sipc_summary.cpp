// SPDX-License-Identifier: GPL-2.0-or-later
// What to say is decided by the core (plugin/core/summary.h); this puts it
// into pinfo->pool memory, packet text made printable.
#include "sipc_summary.h"

#include "summary.h"

namespace sipc::epan {
namespace {

// write_summary()'s output: a wmem string buffer.
struct PoolWords {
    packet_info* pinfo;
    wmem_strbuf_t* out;

    void words(std::string_view w) { wmem_strbuf_append_len(out, w.data(), w.size()); }
    void number(uint32_t n) { wmem_strbuf_append_printf(out, "%u", n); }
    void text(std::string_view t) { wmem_strbuf_append(out, shown_text(pinfo->pool, t)); }
};

}  // namespace

const char* message_summary(packet_info* pinfo, const MessageSummary& msg) {
    Summary s = summarize(msg, msg.body);
    switch (s.kind) {
        case Summary::Kind::None: return nullptr;
        case Summary::Kind::Phrase: return s.phrase;
        case Summary::Kind::Text: return shown_text(pinfo->pool, s.text);
        default: break;
    }
    PoolWords out{pinfo, wmem_strbuf_new(pinfo->pool, "")};
    write_summary(s, msg.body, out);
    return wmem_strbuf_get_str(out.out);
}

}  // namespace sipc::epan
