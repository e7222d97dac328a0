// SPDX-License-Identifier: GPL-2.0-or-later
#include "meaning.h"

namespace sipc {
namespace {

class NoHeaderVisitor final : public HeaderVisitor {};
class NoBodyVisitor final : public BodyVisitor {};

}  // namespace

BodyContext body_context(const MessageFacts& m) {
    BodyContext c;
    c.body = m.parts.body;
    c.content_type = m.content_type;
    if (m.is_request) {
        c.event = m.event;
        c.method = m.parts.start.method;
    }
    return c;
}

void read_message(std::string_view data, const FrameInfo& frame, MessageMeaning& out) {
    out = MessageMeaning{};
    MessageFacts& m = out.message;
    m.parts = split_message(data, frame);
    m.is_request = m.parts.start.kind == LineKind::Request;
    if (frame.body_skipped) m.parts.body = {};
    NoHeaderVisitor headers;
    read_headers(m.parts.header_block, m, headers);
    NoBodyVisitor body;
    read_body(body_context(m), out.body, body);
    out.summary = summarize(m, out.body);
}

}  // namespace sipc
