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

}  // namespace

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

std::string ChatBook::receiver(const Session& s, const Entry& e) {
    if (!e.to.empty()) return e.to;
    std::vector<std::string> others;
    for (const std::string& p : s.participants) {
        if (p != e.from) others.push_back(p);
    }
    return join(others, ", ");
}

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
        std::vector<std::string> servers = s.connected;
        for (const std::string& a : s.announced) add_unique(servers, a);
        std::string list;
        for (const std::string& sv : servers) {
            if (!list.empty()) list += ", ";
            bool used = std::find(s.connected.begin(), s.connected.end(), sv) != s.connected.end();
            list += sv + (used ? " (connected)" : "");
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

}  // namespace sipc
