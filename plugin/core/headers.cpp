#include "headers.h"

namespace sipc {

bool HeaderCursor::next(HeaderLine& out) {
    if (pos_ >= block_.size()) return false;
    Line line = line_at(block_, pos_);
    last_ = pos_;
    pos_ = line.next;
    out = HeaderLine{};
    out.line = line.text;
    size_t colon = line.text.find(':');
    if (colon == std::string_view::npos) return true;
    out.has_colon = true;
    out.name = trim(line.text.substr(0, colon));
    out.value = trim(line.text.substr(colon + 1));
    out.id = lookup_header(out.name);
    return true;
}

}  // namespace sipc
