// SPDX-License-Identifier: GPL-2.0-or-later
// The messages of the transcripts in pcaps/transcripts, framed by the
// plugin's stream step and read by the core, for tests that check what a
// message means against what its transcript says.  The bytes come from
// transcript_streams.py (one stream per connection and direction).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "meaning.h"

namespace sipc::test {

struct TranscriptMessage {
    std::string stream;  // "00-main-a-c2s"
    std::string_view raw;
    MessageMeaning meaning;
};

// Every transcript by name ("seed000-chat"), sorted.
std::vector<std::string> transcript_names();

// The framed messages of transcript `name`, stream by stream.
// (name by value: GCC 14 would warn of a dangling reference when a caller
// passes a temporary string.)
const std::vector<TranscriptMessage>& transcript_messages(std::string_view name);

// The first message of transcript `name` whose bytes contain every one of
// `needles`; fails the test when there is none.
const TranscriptMessage& find_message(std::string_view name, std::initializer_list<std::string_view> needles);

// The summary as the plugin words it, packet text as is.
std::string summary_text(const MessageMeaning& m);

// The text of an M, HTML fragments reduced to text.
std::string message_text(const MessageMeaning& m);

}  // namespace sipc::test
