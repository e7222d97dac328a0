// SPDX-License-Identifier: GPL-2.0-or-later
#include "transcript_messages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>

#include "stream.h"
#include "xml_scan.h"

namespace sipc::test {
namespace {

namespace fs = std::filesystem;

const fs::path kStreams = SIPC_TRANSCRIPT_STREAMS;

struct Loaded {
    std::vector<std::unique_ptr<std::string>> bytes;  // owns what the views point into
    std::vector<TranscriptMessage> messages;
};

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The plugin's loop over one stream that cannot grow (doc/design.md "The path of a segment").
void frame_stream(const std::string& stream, const std::string& data, std::vector<TranscriptMessage>& out) {
    FrameLimits limits;
    size_t offset = 0;
    while (offset < data.size()) {
        std::string_view rest = std::string_view(data).substr(offset);
        StreamStep step = next_stream_step(rest, limits, false);
        if (step.length == 0) break;
        if (step.kind == StreamStep::Kind::Message) {
            TranscriptMessage m;
            m.stream = stream;
            read_message(rest, step.frame, m.meaning);
            m.raw = m.meaning.message.parts.raw;
            out.push_back(m);
        }
        offset += step.length;
    }
}

}  // namespace

std::vector<std::string> transcript_names() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(kStreams)) {
        if (e.is_directory()) names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

const std::vector<TranscriptMessage>& transcript_messages(std::string_view name) {
    static std::map<std::string, Loaded, std::less<>> cache;
    auto found = cache.find(name);
    if (found != cache.end()) return found->second.messages;
    Loaded& l = cache[std::string(name)];
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(kStreams / std::string(name))) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
        l.bytes.push_back(std::make_unique<std::string>(read_file(f)));
        frame_stream(f.stem().string(), *l.bytes.back(), l.messages);
    }
    return l.messages;
}

const TranscriptMessage& find_message(std::string_view name, std::initializer_list<std::string_view> needles) {
    for (const TranscriptMessage& m : transcript_messages(name)) {
        bool all = std::all_of(needles.begin(), needles.end(),
                               [&](std::string_view n) { return m.raw.find(n) != std::string_view::npos; });
        if (all) return m;
    }
    std::ostringstream what;
    for (std::string_view n : needles) what << " \"" << n << "\"";
    ADD_FAILURE() << "no message of " << name << " has" << what.str();
    static const TranscriptMessage none;
    return none;
}

std::string summary_text(const MessageMeaning& m) { return summary_string(m.summary, m.body); }

std::string message_text(const MessageMeaning& m) {
    std::string_view body = m.message.parts.body;
    if (!m.body.is_message_text) return {};
    if (!m.body.message_html) return std::string(body);
    std::string text(body.size(), '\0');
    text.resize(html_to_text(body, text.data()));
    return text;
}

}  // namespace sipc::test
