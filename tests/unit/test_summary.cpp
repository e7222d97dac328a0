// SPDX-License-Identifier: GPL-2.0-or-later
// The summary of messages of every transcript in pcaps/transcripts, as its
// text says it: a presence value by its name in fields/presence.def, the
// users a BN names, the contacts a body lists, the login steps of
// doc/protocol.md "Login".
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "summary.h"
#include "transcript_messages.h"

using namespace sipc;
using sipc::test::find_message;
using sipc::test::summary_text;
using sipc::test::transcript_messages;
using sipc::test::transcript_names;

namespace {

std::string summary_of(const std::string& transcript, std::initializer_list<std::string_view> needles) {
    return summary_text(find_message(transcript, needles).meaning);
}

// Transcripts of traffic that is not SIP-C (their header comments say so).
const std::set<std::string> kNotSipc = {"guests", "noise", "sip-standard", "typed"};

}  // namespace

TEST(Summary, Seed000Chat) {
    const std::string t = "seed000-chat";
    EXPECT_EQ(summary_of(t, {"N: StartChat"}), "");
    EXPECT_EQ(summary_of(t, {"N: InviteBuddy"}), "invites 818332893");
    EXPECT_EQ(summary_of(t, {"BN 815389316", "UserEntered"}), "818332893");
    EXPECT_EQ(summary_of(t, {"BN 818332893", "UserEntered"}), "815389316");
    // R with TICKS registers on the chat server: not a login step.
    EXPECT_EQ(summary_of(t, {"A: TICKS auth=\"1279087023.1583835504\""}), "");
    EXPECT_EQ(summary_of(t, {"SIP-C/2.0 200 OK", "X: 1200"}), "registered for 1200 s");
    EXPECT_EQ(summary_of(t, {"M fetion.com.cn", "767"}), "");
}

TEST(Summary, Seed004Presence) {
    const std::string t = "seed004-presence";
    EXPECT_EQ(summary_of(t, {"<args><presence><basic value=\"600\" />"}), "Busy");
    EXPECT_EQ(summary_of(t, {"<results><presence><basic value=\"600\" desc=\"\" />"}), "Busy");
    EXPECT_EQ(summary_of(t, {"<basic value=\"300\" />"}), "Be right back");
    EXPECT_EQ(summary_of(t, {"<basic value=\"850\" />"}), "In a meeting");
    EXPECT_EQ(summary_of(t, {"<basic value=\"500\" />"}), "On the phone");
    EXPECT_EQ(summary_of(t, {"<basic value=\"150\" />"}), "Out to lunch");
    EXPECT_EQ(summary_of(t, {"<args><presence><basic value=\"0\" />"}), "Hidden");
    EXPECT_EQ(summary_of(t, {"<args><presence><basic value=\"100\" desc=\"聊天中\" />"}), "Away \"聊天中\"");
    EXPECT_EQ(summary_of(t, {"<basic value=\"400\" />"}), "Online");
    EXPECT_EQ(summary_of(t, {"N: SetPersonalConfig"}), "custom config");
    EXPECT_EQ(summary_of(t, {"BN 442673010", "PresenceChanged"}), "Hidden");
    EXPECT_EQ(summary_of(t, {"SUB fetion.com.cn"}), "5 contacts");
    EXPECT_EQ(summary_of(t, {"SubscribeResult"}), "11 contacts");
    EXPECT_EQ(summary_of(t, {"R fetion.com.cn", "X: 0"}), "logout");
}

TEST(Summary, V4Login) {
    const std::string t = "v4-login";
    EXPECT_EQ(summary_of(t, {"R fetion.com.cn", "CN: 1CF1B2D44F6E1B6A1B2C3D4E5F607182"}), "login, step 1");
    EXPECT_EQ(summary_of(t, {"401 Unauthoried"}), "login challenge");
    EXPECT_EQ(summary_of(t, {"Q: 2 R", "A: Digest response="}), "login, step 2");
    EXPECT_EQ(summary_of(t, {"421 Extension Required"}), "CAPTCHA required");
    // The CAPTCHA answer rides as a second A after the Digest one.
    EXPECT_EQ(summary_of(t, {"A: Verify response=\"x7kq\""}), "login, step 2");
    EXPECT_EQ(summary_of(t, {"Q: 3 R", "X: 600"}), "registered for 600 s");
    EXPECT_EQ(summary_of(t, {"N: SetPresenceV4"}), "Busy");
    EXPECT_EQ(summary_of(t, {"N: KeepAlive"}), "");
    EXPECT_EQ(summary_of(t, {"Q: 2 R", "X: 600", "kernel="}), "registered for 600 s");
    EXPECT_EQ(summary_of(t, {"R fetion.com.cn", "X: 0"}), "logout");
    EXPECT_EQ(summary_of(t, {"SIP-C/4.0 200 OK", "X: 0"}), "logged out");
}

TEST(Summary, TwoChats) {
    const std::string t = "two-chats";
    EXPECT_EQ(summary_of(t, {"N: InviteBuddy", "813300001"}), "invites 813300001");
    EXPECT_EQ(summary_of(t, {"UserEntered", "813300001"}), "813300001");
    EXPECT_EQ(summary_of(t, {"UserLeft", "813300001"}), "813300001");
    EXPECT_EQ(summary_of(t, {"IN fetion.com.cn"}), "nudge");
    EXPECT_EQ(summary_of(t, {"hello one"}), "");
}

TEST(Summary, Examples) {
    const std::string t = "examples";
    // A group member's state (400) is a presence, but the member it names comes first.
    EXPECT_EQ(summary_of(t, {"N: PGGroup"}), "756444636");
    EXPECT_EQ(summary_of(t, {"BN 678345136", "PCCL030437183712"}), "Hidden");
    EXPECT_EQ(summary_of(t, {"SIP-C/2.0 401 Unauthorized"}), "login challenge");
    EXPECT_EQ(summary_of(t, {"A: Digest algorithm=\"SHA1-sess\""}), "login, step 2");
    EXPECT_EQ(summary_of(t, {"SIP-C/4.0 421 Extension Required"}), "CAPTCHA required");
    EXPECT_EQ(summary_of(t, {"custom-config version=\"293207994\""}), "custom config");
    EXPECT_EQ(summary_of(t, {"IN fetion.com.cn SIP-C/4.0"}), "nudge");
    EXPECT_EQ(summary_of(t, {"N: InviteBuddy"}), "invites 547306298");
    EXPECT_EQ(summary_of(t, {"BN 547264589", "UserEntered"}), "547306298");
    EXPECT_EQ(summary_of(t, {"R fetion.com.cn SIP-C/4.0", "X: 0"}), "logout");
}

TEST(Summary, Catalog) {
    const std::string t = "catalog";
    EXPECT_EQ(summary_of(t, {"N: GetPersonalInfo"}), "");
    EXPECT_EQ(summary_of(t, {"N: AddBuddy\r\n"}), "1 contact");
    EXPECT_EQ(summary_of(t, {"AddBuddyApplication"}), "1 contact");
    EXPECT_EQ(summary_of(t, {"UserLeft"}), "638993408");
    EXPECT_EQ(summary_of(t, {"UserFailed"}), "638993408");
}

TEST(Summary, ConfigCases) {
    const std::string t = "config-cases";
    // Any text of a <custom-config>, base64 or not, and gzip in base64 anywhere.
    EXPECT_EQ(summary_of(t, {"H4sIAAAAAAACA+zBgQ"}), "custom config");
    EXPECT_EQ(summary_of(t, {"**not base64**"}), "custom config");
    EXPECT_EQ(summary_of(t, {"<other-blob>"}), "custom config");
    EXPECT_EQ(summary_of(t, {"N: GetPersonalInfo"}), "");
}

TEST(Summary, HttpTunnel) {
    const std::string t = "http-tunnel";
    EXPECT_EQ(summary_of(t, {"R fetion.com.cn SIP-C/4.0", "CN: "}), "login, step 1");
    EXPECT_EQ(summary_of(t, {"BN 730020377", "<pr di=\"PCCL1\" b=\"100\""}), "Away");
    EXPECT_EQ(summary_of(t, {"N: PGGetGroupList"}), "");
}

TEST(Summary, Limits) {
    const std::string t = "limits";
    // The login result says how long it holds before its custom-config.
    EXPECT_EQ(summary_of(t, {"L: 1684"}), "registered for 600 s");
    EXPECT_EQ(summary_of(t, {"N: KeepAlive"}), "");
}

TEST(Summary, Malformed) {
    const std::string t = "malformed";
    // "this line has no colon" does not hide X: 600 from the answer to an R.
    EXPECT_EQ(summary_of(t, {"this line has no colon"}), "registered for 600 s");
    EXPECT_EQ(summary_of(t, {"ZZ fetion.com.cn"}), "");
}

TEST(Summary, SlicedBodies) {
    // A slice alone is a piece of XML; only its <buddy-list>s are whole.
    EXPECT_EQ(summary_of("sliced-contacts", {"N: GetContactList"}), "");
    EXPECT_EQ(summary_of("sliced-broken", {"N: GetContactList"}), "");
}

TEST(Summary, TrafficThatIsNotSipcSaysNothing) {
    for (const std::string& t : kNotSipc) {
        for (const auto& m : transcript_messages(t))
            EXPECT_EQ(m.meaning.summary.kind, Summary::Kind::None) << t << ": " << m.raw;
    }
}

// Every transcript is covered by a test above: a new one needs its own.
TEST(Summary, EveryTranscriptIsCovered) {
    std::set<std::string> covered = {"seed000-chat", "seed004-presence", "v4-login", "two-chats",
                                     "examples", "catalog", "config-cases", "http-tunnel",
                                     "limits", "malformed", "sliced-contacts", "sliced-broken"};
    covered.insert(kNotSipc.begin(), kNotSipc.end());
    for (const std::string& t : transcript_names()) EXPECT_TRUE(covered.count(t)) << t;
    EXPECT_EQ(transcript_names().size(), covered.size());
}
