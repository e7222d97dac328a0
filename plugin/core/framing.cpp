// SPDX-License-Identifier: GPL-2.0-or-later
#include "framing.h"

#include "headers.h"
#include "start_line.h"
#include "text.h"
#include "values.h"

namespace sipc {

size_t count_line_ends(std::string_view data) {
    size_t n = 0;
    while (n < data.size() && (data[n] == '\r' || data[n] == '\n')) ++n;
    return n;
}

namespace {

// Takes the L header into the frame: the first L frames the message.
void read_length(std::string_view value, const FrameLimits& limits, FrameInfo& info) {
    if (info.has_length) {
        info.length_repeated = true;
        return;
    }
    info.has_length = true;
    LengthValue lv;
    if (!parse_length(value, lv)) {
        info.length_too_large = lv.too_many_digits;
        info.declared_len = lv.too_many_digits ? UINT64_MAX : 0;
        info.length_invalid = lv.not_a_number;
        return;
    }
    info.declared_len = lv.length;
    if (lv.length > limits.max_body) info.length_too_large = true;
}

}  // namespace

FrameInfo frame_message(std::string_view data, const FrameLimits& limits) {
    FrameInfo info;
    info.skipped = count_line_ends(data);
    std::string_view msg = data.substr(info.skipped);

    Line line = line_at(msg, 0);  // the start line
    size_t pos = line.next;
    bool ended = false;
    while (line.complete) {
        line = line_at(msg, pos);
        if (!line.complete) break;
        if (line.text.empty()) {  // the empty line ends the headers
            pos = line.next;
            ended = true;
            break;
        }
        if (is_start_line(line.text)) {
            // A sloppy sender left out the empty line: the headers end here
            // and the next message starts on this line.
            info.no_empty_line = true;
            ended = true;
            break;
        }
        HeaderLine h = split_header_line(line.text);
        if (h.id == HeaderId::ContentLength) read_length(h.value, limits, info);
        pos = line.next;
    }

    if (!ended) {
        if (msg.size() < limits.max_header_block) {
            info.status = FrameStatus::NeedMore;
            info.need = 0;
            return info;
        }
        // No empty line in a header block of absurd size: take what is here
        // as one message rather than wait for ever.
        info.header_block_too_long = true;
        pos = msg.size();
    }

    info.header_len = pos;
    uint64_t body = 0;
    if (info.has_length && !info.length_invalid && !info.length_too_large && !info.no_empty_line)
        body = info.declared_len;
    size_t have = msg.size() - pos;
    if (body > have) {
        info.status = FrameStatus::NeedMore;
        info.body_len = have;
        info.need = info.skipped + pos + static_cast<size_t>(body);
        info.total_len = info.skipped + pos + have;
        return info;
    }
    info.status = FrameStatus::Complete;
    info.body_len = static_cast<size_t>(body);
    info.total_len = info.skipped + pos + info.body_len;
    return info;
}

FrameInfo accept_truncated(std::string_view data, FrameInfo info) {
    if (info.status == FrameStatus::Complete) return info;
    info.status = FrameStatus::Complete;
    info.truncated = true;
    if (info.header_len == 0) {  // the headers themselves are cut off
        info.headers_truncated = true;
        info.header_len = data.size() - info.skipped;
        info.body_len = 0;
    } else {
        info.body_len = data.size() - info.skipped - info.header_len;
    }
    info.total_len = data.size();
    info.need = 0;
    return info;
}

size_t find_complete_start_line(std::string_view data, bool starts_a_line) {
    size_t pos = 0;
    if (!starts_a_line) {
        size_t lf = data.find('\n');
        if (lf == std::string_view::npos) return std::string_view::npos;
        pos = lf + 1;
    }
    while (pos < data.size()) {
        Line line = line_at(data, pos);
        if (!line.complete) break;
        if (is_start_line(line.text)) return pos;
        pos = line.next;
    }
    return std::string_view::npos;
}

size_t find_resync_point(std::string_view data) {
    size_t pos = 0;
    while (true) {
        size_t lf = data.find('\n', pos);
        if (lf == std::string_view::npos) return std::string_view::npos;
        pos = lf + 1;
        if (pos >= data.size()) return std::string_view::npos;
        Verdict v = classify_prefix(data.substr(pos));
        if (v != Verdict::No) return pos;
    }
}

}  // namespace sipc
