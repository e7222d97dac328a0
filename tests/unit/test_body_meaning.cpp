// SPDX-License-Identifier: GPL-2.0-or-later
// What the bodies of every SIP-C transcript in pcaps/transcripts say, read
// off the transcript text: the attributes of fields/body_attributes.def,
// BN events and members, presence, contacts, reasons, custom-configs, the
// composing state of an IN and the text of an M.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "body_meaning.h"
#include "transcript_messages.h"

using namespace sipc;
using sipc::test::find_message;
using sipc::test::message_text;
using sipc::test::transcript_messages;

namespace {

// Every value read_body() hands a visitor, by field.
struct Recorder final : BodyVisitor {
    std::multimap<BodyField, BodyValue> values;
    std::vector<std::string_view> composing_texts;
    std::vector<std::pair<std::string_view, std::string_view>> configs;

    void value(const BodyValue& v) override { values.emplace(v.field, v); }
    void composing(std::string_view text) override { composing_texts.push_back(text); }
    void config(std::string_view element, std::string_view text) override { configs.emplace_back(element, text); }

    std::vector<std::string_view> all(BodyField f) const {
        std::vector<std::string_view> out;
        for (auto [it, end] = values.equal_range(f); it != end; ++it) out.push_back(it->second.value);
        return out;
    }
};

struct Read {
    BodyMeaning body;
    Recorder seen;
};

Read read(const test::TranscriptMessage& m) {
    Read r;
    read_body(body_context(m.meaning.message), r.body, r.seen);
    return r;
}

Read read(const std::string& transcript, std::initializer_list<std::string_view> needles) {
    return read(find_message(transcript, needles));
}

using Views = std::vector<std::string_view>;

}  // namespace

TEST(BodyMeaning, Seed000Chat) {
    const std::string t = "seed000-chat";
    Read invite = read(t, {"N: InviteBuddy"});
    EXPECT_EQ(invite.body.contact_count, 1);
    ASSERT_EQ(invite.body.member_count, 1);
    EXPECT_EQ(invite.body.members[0].type, "Invited");
    EXPECT_EQ(invite.body.members[0].uri, "sip:818332893@fetion.com.cn;p=196");

    Read entered = read(t, {"BN 818332893"});
    EXPECT_EQ(entered.body.event_type, "UserEntered");
    EXPECT_EQ(entered.body.event_count, 1);
    ASSERT_EQ(entered.body.member_count, 1);
    EXPECT_EQ(entered.body.members[0].type, "UserEntered");
    EXPECT_EQ(entered.body.members[0].uri, "sip:815389316@fetion.com.cn;p=72");
    EXPECT_EQ(entered.seen.all(BodyField::MemberUri), Views{"sip:815389316@fetion.com.cn;p=72"});

    // The relayed copy of the chat message: an HTML fragment whose text is 767.
    const auto& m = find_message(t, {"M 818332893"});
    EXPECT_TRUE(m.meaning.body.is_message_text);
    EXPECT_TRUE(m.meaning.body.message_html);
    EXPECT_EQ(message_text(m.meaning), "767");
    // The INVITE's body is SDP, not XML: nothing to read.
    Read sdp = read(t, {"I 818332893", "m=message"});
    EXPECT_TRUE(sdp.seen.values.empty());
    EXPECT_FALSE(sdp.body.is_message_text);
}

TEST(BodyMeaning, Seed004Presence) {
    const std::string t = "seed004-presence";
    Read away = read(t, {"<args><presence><basic value=\"100\" desc=\"聊天中\" />"});
    EXPECT_TRUE(away.body.has_presence);
    EXPECT_EQ(away.body.presence, 100);
    EXPECT_EQ(away.body.presence_desc, "聊天中");
    ASSERT_EQ(away.seen.values.count(BodyField::PresenceValue), 1u);
    const BodyValue& v = away.seen.values.find(BodyField::PresenceValue)->second;
    EXPECT_TRUE(v.is_number);
    EXPECT_TRUE(v.number_ok);
    EXPECT_EQ(v.number, 100u);

    Read changed = read(t, {"BN 442673010", "PresenceChanged"});
    EXPECT_EQ(changed.body.event_type, "PresenceChanged");
    EXPECT_EQ(changed.body.member_count, 0);
    EXPECT_EQ(changed.body.presence, 0);
    EXPECT_TRUE(changed.body.has_presence);
    EXPECT_EQ(changed.seen.all(BodyField::PresenceUri), Views{"sip:568556369@fetion.com.cn;p=3223"});
    EXPECT_EQ(changed.seen.all(BodyField::DeviceId), Views{"PCCL1410029704"});

    Read config = read(t, {"N: SetPersonalConfig"});
    EXPECT_TRUE(config.body.has_config);
    ASSERT_EQ(config.seen.configs.size(), 1u);
    EXPECT_EQ(config.seen.configs[0].first, "custom-config");
    EXPECT_EQ(config.seen.configs[0].second.substr(0, 8), "H4sIAAAA");

    Read subscribe = read(t, {"SUB fetion.com.cn"});
    EXPECT_EQ(subscribe.body.contact_count, 5);
    EXPECT_EQ(subscribe.seen.all(BodyField::ContactUri).front(), "sip:440993969@fetion.com.cn;p=5733");
}

TEST(BodyMeaning, V4Login) {
    const std::string t = "v4-login";
    Read captcha = read(t, {"421 Extension Required"});
    EXPECT_EQ(captcha.body.reason_text,
              "飞信发现您本次变更了登录地点。为保证您的帐号安全，需要您输入验证码，这可以防止恶意程序的自动登录。");

    Read result = read(t, {"Q: 3 R", "X: 600"});
    EXPECT_EQ(result.seen.all(BodyField::PublicIp), Views{"218.104.71.170"});

    Read sync = read(t, {"N: SyncUserInfoV4"});
    EXPECT_EQ(sync.body.event_type, "SyncUserInfo");
    EXPECT_EQ(sync.seen.all(BodyField::Action), Views{"update"});
    EXPECT_EQ(sync.seen.all(BodyField::ContactUri), Views{"sip:638993408@fetion.com.cn;p=2242"});
    auto relation = sync.seen.values.find(BodyField::Relation);
    ASSERT_NE(relation, sync.seen.values.end());
    EXPECT_TRUE(relation->second.number_ok);
    EXPECT_EQ(relation->second.number, 1u);
}

TEST(BodyMeaning, TwoChats) {
    const std::string t = "two-chats";
    Read nudge = read(t, {"IN fetion.com.cn"});
    EXPECT_EQ(nudge.body.composing, "nudge");
    EXPECT_EQ(nudge.seen.composing_texts, Views{"nudge"});

    const auto& plain = find_message(t, {"hello one"});
    EXPECT_FALSE(plain.meaning.body.message_html);
    EXPECT_EQ(message_text(plain.meaning), "hello one");
    EXPECT_EQ(message_text(find_message(t, {"hello &amp; two"}).meaning), "hello & two");

    Read left = read(t, {"UserLeft"});
    ASSERT_EQ(left.body.member_count, 1);
    EXPECT_EQ(left.body.members[0].type, "UserLeft");
    EXPECT_EQ(left.body.members[0].uri, "sip:813300001@fetion.com.cn;p=12");
}

TEST(BodyMeaning, Examples) {
    const std::string t = "examples";
    Read group = read(t, {"N: PGGroup"});
    EXPECT_EQ(group.seen.all(BodyField::GroupUri), Views{"sip:PG5709625@fetion.com.cn;p=1414"});
    EXPECT_TRUE(group.body.has_presence);
    EXPECT_EQ(group.body.presence, 400);
    ASSERT_EQ(group.body.member_count, 1);
    EXPECT_EQ(group.body.members[0].type, "PresenceChanged");

    EXPECT_EQ(message_text(find_message(t, {"M 756444636", "C: text/plain"}).meaning), "B");
    EXPECT_EQ(message_text(find_message(t, {"<Font Face='Arial'"}).meaning), "b");
    EXPECT_EQ(read(t, {"IN fetion.com.cn SIP-C/4.0"}).body.composing, "nudge");
    // A BN's events are counted past the ones kept.
    Read presence = read(t, {"BN 678345136", "PCCL030437183712"});
    EXPECT_EQ(presence.body.event_count, 1);
    EXPECT_EQ(presence.seen.all(BodyField::DeviceType), Views{"PC"});
}

TEST(BodyMeaning, Catalog) {
    const std::string t = "catalog";
    Read failed = read(t, {"UserFailed"});
    ASSERT_EQ(failed.body.member_count, 1);
    EXPECT_EQ(failed.body.members[0].type, "UserFailed");
    Read application = read(t, {"AddBuddyApplication"});
    EXPECT_EQ(application.seen.all(BodyField::UserId), Views{"295098062"});
    // Every message of the catalog is read, each BN with one event.
    int bn = 0;
    for (const auto& m : transcript_messages(t)) {
        if (m.meaning.message.parts.start.method != "BN") continue;
        ++bn;
        EXPECT_EQ(read(m).body.event_count, 1) << m.raw;
    }
    EXPECT_GT(bn, 0);
}

TEST(BodyMeaning, ConfigCases) {
    const std::string t = "config-cases";
    Read broken = read(t, {"**not base64**"});
    EXPECT_TRUE(broken.body.has_config);
    ASSERT_EQ(broken.seen.configs.size(), 1u);
    EXPECT_EQ(broken.seen.configs[0].second, "H4sI**not base64**");
    Read blob = read(t, {"<other-blob>"});
    ASSERT_EQ(blob.seen.configs.size(), 1u);
    EXPECT_EQ(blob.seen.configs[0].first, "other-blob");
}

TEST(BodyMeaning, HttpTunnel) {
    const std::string t = "http-tunnel";
    EXPECT_EQ(read(t, {"<group-list version=\"1\">"}).seen.all(BodyField::GroupUri),
              Views{"sip:PG5709625@fetion.com.cn;p=1414"});
    Read v4 = read(t, {"BN 730020377"});
    EXPECT_EQ(v4.body.presence, 100);
    EXPECT_EQ(v4.body.presence_desc, "");
    EXPECT_EQ(v4.seen.all(BodyField::DeviceId), Views{"PCCL1"});
    EXPECT_EQ(v4.seen.all(BodyField::UserId), Views{"229415466"});
}

TEST(BodyMeaning, Limits) {
    Read deep = read("limits", {"<a><a><a>"});
    EXPECT_EQ(deep.body.event_type, "PresenceChanged");
    Read small = read("limits", {"L: 236"});
    EXPECT_EQ(small.seen.all(BodyField::PresenceUri), Views{"sip:200000000@fetion.com.cn;p=0"});
}

TEST(BodyMeaning, Malformed) {
    const std::string t = "malformed";
    // L: 1x frames no body: the M has no text to read.
    const auto& bad = find_message(t, {"L: 1x"});
    EXPECT_TRUE(bad.meaning.message.parts.body.empty());
    EXPECT_FALSE(bad.meaning.body.is_message_text);
    // Two L: the first (4) frames "abcd", which is not XML.
    const auto& two = find_message(t, {"L: 4\r\nL: 9"});
    EXPECT_EQ(two.meaning.message.parts.body, "abcd");
    EXPECT_TRUE(read(two).seen.values.empty());
}

// The plugin reads a sliced body whole, once (doc/protocol.md "Sliced
// responses"): the first list of sliced-contacts has 40 buddies and 2 chat
// friends, all contacts.
TEST(BodyMeaning, SlicedContactsWhole) {
    std::string whole;
    const test::TranscriptMessage* final_response = nullptr;
    for (const auto& m : transcript_messages("sliced-contacts")) {
        const auto& parts = m.meaning.message.parts;
        if (parts.start.kind != LineKind::Status) continue;
        whole.append(parts.body);
        if (parts.start.status == 200) {
            final_response = &m;
            break;
        }
    }
    ASSERT_NE(final_response, nullptr);
    MessageFacts facts = final_response->meaning.message;
    facts.parts.body = whole;
    Read r;
    read_body(body_context(facts), r.body, r.seen);
    EXPECT_EQ(r.body.contact_count, 42);
    EXPECT_EQ(r.seen.all(BodyField::BuddyListName), (Views{"我的好友", "同事", "大学同学"}));
    EXPECT_EQ(summarize(facts, r.body).number, 42u);
}

TEST(BodyMeaning, SlicedBrokenSliceAlone) {
    Read first = read("sliced-broken", {"188 Partial", "L: 500;p=0"});
    EXPECT_EQ(first.seen.all(BodyField::BuddyListName), (Views{"我的好友", "同事", "大学同学"}));
}

TEST(BodyMeaning, TrafficThatIsNotSipcHasNoMeaning) {
    for (const char* t : {"guests", "noise", "sip-standard", "typed"}) {
        for (const auto& m : transcript_messages(t)) {
            Read r = read(m);
            EXPECT_TRUE(r.seen.values.empty()) << t << ": " << m.raw;
            EXPECT_FALSE(r.body.is_message_text) << t;
        }
    }
}
