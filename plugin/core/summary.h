// SPDX-License-Identifier: GPL-2.0-or-later
// A few words on what a message does, for the tree (sipc.summary) and the
// Info column: "Busy", "9 contacts", "login, step 1", "registered for 600 s"
// (doc/protocol.md "Login", "Presence values", "Chat handoff").
// summarize() decides what to say without allocating; write_summary() puts
// it into words for whoever owns the memory (pinfo->pool, a std::string).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "body_meaning.h"
#include "header_meaning.h"
#include "vocabulary.h"
#include "xml_scan.h"

namespace sipc {

struct Summary {
    enum class Kind {
        None,           // nothing to say beyond the start line and N:
        Phrase,         // `phrase`: "login, step 1", "custom config", ...
        RegisteredFor,  // "registered for <number> s"
        Members,        // "invites 818332893", or the users a BN event names
        Presence,       // presence `number` by name, with its "text"
        Contacts,       // "<number> contact(s)"
        Text,           // `text` from the body as is: a <reason text>, a composing state
    };
    Kind kind = Kind::None;
    const char* phrase = nullptr;  // Phrase: a string literal
    uint32_t number = 0;
    std::string_view text;
};

Summary summarize(const MessageFacts& m, const BodyMeaning& b);

// Writes a summary as words.  Out has words(std::string_view) for the
// plugin's own words, number(uint32_t), and text(std::string_view) for text
// from the packet, which a display escapes.
template <typename Out>
void write_summary(const Summary& s, const BodyMeaning& b, Out& out);

// The words as one string, packet text as is (tests, the fuzzer).
std::string summary_string(const Summary& s, const BodyMeaning& b);

// ---- implementation ---------------------------------------------------------

template <typename Out>
void write_summary(const Summary& s, const BodyMeaning& b, Out& out) {
    switch (s.kind) {
        case Summary::Kind::None: return;
        case Summary::Kind::Phrase: out.words(s.phrase); return;
        case Summary::Kind::Text: out.text(s.text); return;
        case Summary::Kind::RegisteredFor:
            out.words("registered for ");
            out.number(s.number);
            out.words(" s");
            return;
        case Summary::Kind::Contacts:
            out.number(s.number);
            out.words(s.number == 1 ? " contact" : " contacts");
            return;
        case Summary::Kind::Presence: {
            std::string_view name = presence_name(s.number);
            if (name.empty()) {
                out.words("presence ");
                out.number(s.number);
            } else {
                out.words(name);
            }
            if (s.text.empty()) return;
            out.words(" \"");
            out.text(s.text);
            out.words("\"");
            return;
        }
        case Summary::Kind::Members:
            if (b.members[0].type == "Invited") out.words("invites ");
            for (int i = 0; i < b.member_count; ++i) {
                if (i) out.words(", ");
                out.text(user_of(b.members[i].uri));
            }
            return;
    }
}

}  // namespace sipc
