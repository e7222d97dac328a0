// SPDX-License-Identifier: GPL-2.0-or-later
#include "chat_book.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace sipc {
namespace {

void add_unique(std::vector<std::string>& list, std::string_view v) {
    if (v.empty()) return;
    if (std::find(list.begin(), list.end(), v) == list.end()) list.emplace_back(v);
}

std::string join(const std::vector<std::string>& list, const char* sep) {
    std::string out;
    for (const std::string& s : list) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

// The chat servers of a session: those clients registered on first, then
// the others its tickets announced.
struct ChatServer {
    std::string address;
    bool connected;
};

std::vector<ChatServer> chat_servers(const ChatBook::Session& s) {
    std::vector<ChatServer> out;
    for (const std::string& c : s.connected) out.push_back({c, true});
    for (const std::string& a : s.announced) {
        if (std::find(s.connected.begin(), s.connected.end(), a) == s.connected.end()) out.push_back({a, false});
    }
    return out;
}

// Length of the valid UTF-8 sequence at text[i], or 0 if the bytes there
// are not one (RFC 3629: no overlong forms, no surrogates, nothing above
// U+10FFFF).
size_t utf8_length(std::string_view text, size_t i) {
    auto byte = [&](size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
    unsigned lead = byte(i);
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;  // range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) n = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
        n = 3;
        if (lead == 0xE0) lo = 0xA0;
        if (lead == 0xED) hi = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        n = 4;
        if (lead == 0xF0) lo = 0x90;
        if (lead == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (size_t k = 2; k < n; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    }
    return n;
}

// A time as JSON members: "time" in ISO 8601 UTC (milliseconds, as the
// transcript shows it) and "epoch", the seconds since 1970 to the
// microsecond, for sorting and for joining with frame.time_epoch.
std::string json_time(const char* name_prefix, double t) {
    std::string iso = format_utc(t);
    iso[10] = 'T';
    // Whole numbers only: "%f" would follow the locale tshark runs in and
    // could write a decimal comma.
    long long us = std::llround(t * 1e6);
    long long whole = us / 1000000, frac = us % 1000000;
    if (frac < 0) {
        frac += 1000000;
        --whole;
    }
    char epoch[48];
    std::snprintf(epoch, sizeof epoch, "%lld.%06lld", whole, frac);
    std::string p(name_prefix);
    return "\"" + p + "time\": \"" + iso + "Z\", \"" + p + "epoch\": " + epoch;
}

std::string json_list(const std::vector<std::string>& list) {
    std::string out = "[";
    for (const std::string& s : list) {
        if (out.size() > 1) out += ", ";
        out += json_quote(s);
    }
    return out + "]";
}

// One member per line inside an indented array: `items` already rendered.
std::string json_array(const std::vector<std::string>& items, const char* indent) {
    if (items.empty()) return "[]";
    std::string out = "[\n";
    for (size_t i = 0; i < items.size(); ++i) {
        out += indent;
        out += "  " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
    }
    return out + indent + "]";
}

}  // namespace

std::string json_quote(std::string_view text) {
    std::string out = "\"";
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            size_t n = utf8_length(text, i);
            if (n) {
                out.append(text.substr(i, n));
                i += n;
            } else {
                out += "\xEF\xBF\xBD";
                ++i;
            }
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char esc[8];
                    std::snprintf(esc, sizeof esc, "\\u%04x", c);
                    out += esc;
                } else {
                    out += static_cast<char>(c);
                }
        }
        ++i;
    }
    return out + "\"";
}

std::string format_utc(double t) {
    double secs = std::floor(t);
    int ms = static_cast<int>(std::lround((t - secs) * 1000));
    std::time_t tt = static_cast<std::time_t>(secs);
    if (ms == 1000) {
        ms = 0;
        ++tt;
    }
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%03d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
    return buf;
}

ChatBook::Session& ChatBook::session(uint32_t id, size_t* index) {
    for (size_t i = 0; i < sessions_.size(); ++i) {
        if (sessions_[i].id == id) {
            if (index) *index = i;
            return sessions_[i];
        }
    }
    // Sessions are numbered in order of appearance; keep them sorted by id.
    auto it = std::lower_bound(sessions_.begin(), sessions_.end(), id,
                               [](const Session& s, uint32_t v) { return s.id < v; });
    it = sessions_.insert(it, Session{});
    it->id = id;
    if (index) *index = static_cast<size_t>(it - sessions_.begin());
    return *it;
}

size_t ChatBook::add(const ChatEvent& e, size_t* session_index) {
    Session& s = session(e.session, session_index);
    if (s.entries.empty() || e.time < s.start) s.start = e.time;
    if (s.entries.empty() || e.time > s.end) s.end = e.time;

    switch (e.kind) {
        case ChatEvent::Ticket: {
            std::string_view list = e.server;
            while (!list.empty()) {
                size_t semi = list.find(';');
                add_unique(s.announced, list.substr(0, semi));
                list = semi == std::string_view::npos ? std::string_view{} : list.substr(semi + 1);
            }
            break;
        }
        case ChatEvent::Registered: add_unique(s.connected, e.server); break;
        default: break;
    }
    add_unique(s.participants, e.from);
    if (e.kind != ChatEvent::Ticket) add_unique(s.participants, e.to);

    if (e.kind == ChatEvent::Message) {
        // The sender's copy and the copy relayed to a receiver are one
        // message: pair them by sender and text, whichever came first.
        for (size_t i = s.entries.size(); i-- > 0;) {
            Entry& x = s.entries[i];
            if (x.kind != ChatEvent::Message || x.from != e.from || x.text != e.text) continue;
            if (e.delivered && x.sent && !x.delivered_frame) {
                x.delivered_frame = e.frame;
                x.delivered_time = e.time;
                if (x.to.empty()) x.to = std::string(e.to);
                return i;
            }
            if (!e.delivered && !x.sent && x.delivered_frame) {
                // The sender's copy came later in the capture: the entry now
                // stands at the time it was sent.
                x.sent = true;
                x.frame = e.frame;
                x.time = e.time;
                Entry moved = std::move(x);
                s.entries.erase(s.entries.begin() + static_cast<std::ptrdiff_t>(i));
                auto pos = std::upper_bound(s.entries.begin(), s.entries.end(), moved.time,
                                            [](double t, const Entry& y) { return t < y.time; });
                size_t at = static_cast<size_t>(pos - s.entries.begin());
                s.entries.insert(pos, std::move(moved));
                return at;
            }
        }
    }
    Entry n{next_id_++, e.kind, e.frame, e.time, std::string(e.from), std::string(e.to), std::string(e.text),
            std::string(e.server)};
    if (e.kind == ChatEvent::Message) {
        n.sent = !e.delivered;
        if (e.delivered) {
            n.delivered_frame = e.frame;
            n.delivered_time = e.time;
        }
    }
    // Entries stay in time order (a merged copy may have moved one back).
    auto pos = std::upper_bound(s.entries.begin(), s.entries.end(), n.time,
                                [](double t, const Entry& x) { return t < x.time; });
    size_t at = static_cast<size_t>(pos - s.entries.begin());
    s.entries.insert(pos, std::move(n));
    return at;
}

std::vector<std::string> ChatBook::receivers(const Session& s, const Entry& e) {
    if (!e.to.empty()) return {e.to};
    std::vector<std::string> others;
    for (const std::string& p : s.participants) {
        if (p != e.from) others.push_back(p);
    }
    return others;
}

std::string ChatBook::receiver(const Session& s, const Entry& e) { return join(receivers(s, e), ", "); }

const char* ChatBook::kind_name(ChatEvent::Kind k) {
    switch (k) {
        case ChatEvent::Ticket: return "ticket";
        case ChatEvent::InvitedBy: return "invited";
        case ChatEvent::Registered: return "registered";
        case ChatEvent::Invited: return "invites";
        case ChatEvent::Joined: return "joined";
        case ChatEvent::Left: return "left";
        case ChatEvent::Failed: return "failed";
        case ChatEvent::Message: return "message";
        case ChatEvent::Nudge: return "nudge";
        case ChatEvent::Bye: return "bye";
    }
    return "";
}

std::string ChatBook::describe(const Session& s, const Entry& e) {
    switch (e.kind) {
        case ChatEvent::Ticket:
            return "chat-server ticket issued" + (e.to.empty() ? std::string() : " to " + e.to) + " (" +
                   e.server + ")";
        case ChatEvent::InvitedBy: return e.to + " invited by " + e.from;
        case ChatEvent::Registered: return e.from + " registered on " + e.server;
        case ChatEvent::Invited: return e.from + " invites " + e.to;
        case ChatEvent::Joined: return e.from + " entered";
        case ChatEvent::Left: return e.from + " left";
        case ChatEvent::Failed: return e.from + " could not be reached";
        case ChatEvent::Nudge: return e.from + " -> " + receiver(s, e) + ": (nudge)";
        case ChatEvent::Bye: return e.from + " says bye";
        case ChatEvent::Message: {
            std::string out = e.from + " -> " + receiver(s, e) + ": " + e.text;
            if (!e.sent) out += "  [relayed copy only]";
            return out;
        }
    }
    return "";
}

std::string ChatBook::report() const {
    std::string out;
    out += "================================================================================\n";
    out += "SIP-C chats: " + std::to_string(sessions_.size()) + " session" + (sessions_.size() == 1 ? "" : "s") +
           "\n";
    for (const Session& s : sessions_) {
        out += "--------------------------------------------------------------------------------\n";
        out += "Chat " + std::to_string(s.id) + "\n";
        out += "  Participants: " + join(s.participants, ", ") + "\n";
        std::string list;
        for (const ChatServer& sv : chat_servers(s)) {
            if (!list.empty()) list += ", ";
            list += sv.address + (sv.connected ? " (connected)" : "");
        }
        out += "  Chat servers: " + list + "\n";
        out += "  Start: " + format_utc(s.start) + " UTC   End: " + format_utc(s.end) + " UTC\n";
        for (const Entry& e : s.entries) {
            char head[64];
            std::snprintf(head, sizeof head, "  %s  frame %-6u ", format_utc(e.time).c_str(),
                          static_cast<unsigned>(e.frame));
            out += head + describe(s, e);
            if (e.kind == ChatEvent::Message && e.sent && e.delivered_frame)
                out += "  (delivered " + format_utc(e.delivered_time).substr(11) + ", frame " +
                       std::to_string(e.delivered_frame) + ")";
            out += "\n";
        }
    }
    out += "================================================================================\n";
    return out;
}

std::string ChatBook::json() const {
    std::string out = "{\n  \"chats\": [";
    for (size_t si = 0; si < sessions_.size(); ++si) {
        const Session& s = sessions_[si];
        std::vector<std::string> servers, connections, messages, events;
        for (const ChatServer& sv : chat_servers(s))
            servers.push_back("{\"address\": " + json_quote(sv.address) +
                              ", \"connected\": " + (sv.connected ? "true" : "false") + "}");
        for (const Entry& e : s.entries) {
            std::string head = "{" + json_time("", e.time) + ", \"frame\": " + std::to_string(e.frame);
            if (e.kind == ChatEvent::Message) {
                std::string m = head + ", \"from\": " + json_quote(e.from) + ", \"to\": " +
                                json_list(receivers(s, e)) + ", \"text\": " + json_quote(e.text) +
                                ", \"sent\": " + (e.sent ? "true" : "false") + ", \"delivered\": ";
                if (e.delivered_frame)
                    m += "{" + json_time("", e.delivered_time) +
                         ", \"frame\": " + std::to_string(e.delivered_frame) + "}";
                else
                    m += "null";
                messages.push_back(m + "}");
                continue;
            }
            if (e.kind == ChatEvent::Registered)
                connections.push_back(head + ", \"party\": " + json_quote(e.from) +
                                      ", \"server\": " + json_quote(e.server) + "}");
            std::string ev = head + ", \"event\": " + json_quote(kind_name(e.kind));
            if (!e.from.empty()) ev += ", \"from\": " + json_quote(e.from);
            if (!e.to.empty()) ev += ", \"to\": " + json_quote(e.to);
            if (!e.server.empty()) ev += ", \"server\": " + json_quote(e.server);
            events.push_back(ev + ", \"what\": " + json_quote(describe(s, e)) + "}");
        }
        out += si ? ",\n    {\n" : "\n    {\n";
        out += "      \"chat\": " + std::to_string(s.id) + ",\n";
        out += "      " + json_time("start_", s.start) + ",\n";
        out += "      " + json_time("end_", s.end) + ",\n";
        out += "      \"parties\": " + json_list(s.participants) + ",\n";
        out += "      \"servers\": " + json_array(servers, "      ") + ",\n";
        out += "      \"connections\": " + json_array(connections, "      ") + ",\n";
        out += "      \"messages\": " + json_array(messages, "      ") + ",\n";
        out += "      \"events\": " + json_array(events, "      ") + "\n";
        out += "    }";
    }
    out += sessions_.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

}  // namespace sipc
