// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "xml_scan.h"

using namespace sipc;

namespace {
std::string decode(std::string_view s) {
    std::string out(s.size(), '\0');
    out.resize(xml_decode(s, out.data()));
    return out;
}
std::string text_of(std::string_view s) {
    std::string out(s.size(), '\0');
    out.resize(html_to_text(s, out.data()));
    return out;
}
}  // namespace

TEST(XmlScan, EventsBody) {
    XmlScanner s(
        "<events><event type=\"UserEntered\"><member uri=\"sip:818332893@fetion.com.cn;p=196\"/></event></events>");
    std::vector<std::string> seen;
    XmlToken t;
    while (s.next(t)) {
        std::string k = t.kind == XmlToken::StartTag ? "+" : t.kind == XmlToken::EndTag ? "-" : "#";
        seen.push_back(k + std::string(t.name));
        if (t.name == "event" && t.kind == XmlToken::StartTag) {
            EXPECT_EQ(xml_attr(t.attrs, "type"), "UserEntered");
        }
        if (t.name == "member") {
            EXPECT_TRUE(t.self_closing);
            EXPECT_EQ(xml_attr(t.attrs, "uri"), "sip:818332893@fetion.com.cn;p=196");
        }
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"+events", "+event", "+member", "-event", "-events"}));
}

TEST(XmlScan, SloppyServerAttributes) {
    XmlScanner s("<group-list  version =\"1\" >x</group-list><basic value='400' desc=\"\" />");
    XmlToken t;
    ASSERT_TRUE(s.next(t));
    EXPECT_EQ(xml_attr(t.attrs, "version"), "1");
    ASSERT_TRUE(s.next(t));
    EXPECT_EQ(t.text, "x");
    ASSERT_TRUE(s.next(t));
    ASSERT_TRUE(s.next(t));
    bool found = false;
    EXPECT_EQ(xml_attr(t.attrs, "value"), "400");
    EXPECT_EQ(xml_attr(t.attrs, "desc", &found), "");
    EXPECT_TRUE(found);
    xml_attr(t.attrs, "nope", &found);
    EXPECT_FALSE(found);
}

TEST(XmlScan, BrokenInputEnds) {
    for (const char* doc : {"<", "<<<", "<a b=\"unterminated", "<!-- no end", "</>", "<a =x/>", "<?x", "&&&"}) {
        XmlScanner s(doc);
        XmlToken t;
        int n = 0;
        while (s.next(t) && n < 100) ++n;
        EXPECT_LT(n, 100) << doc;
    }
}

TEST(XmlDecode, Entities) {
    EXPECT_EQ(decode("a&lt;b&gt;&amp;&quot;&apos;"), "a<b>&\"'");
    EXPECT_EQ(decode("&#x5B8B;&#20307;"), "宋体");
    EXPECT_EQ(decode("&#128512;"), "\xF0\x9F\x98\x80");
    EXPECT_EQ(decode("&bogus; & &#xD800; &#;"), "&bogus; & &#xD800; &#;");
}

TEST(HtmlToText, FetionFontFragment) {
    EXPECT_EQ(text_of("<Font Face='宋体' Color='-16777216' Size='10.5'>767</Font>"), "767");
    EXPECT_EQ(text_of("<Font Face='Arial'>a &lt;3 b<br>c</Font>"), "a <3 b\nc");
    EXPECT_EQ(text_of("plain"), "plain");
}

TEST(UserOf, Forms) {
    EXPECT_EQ(user_of("sip:815389316@fetion.com.cn;p=72"), "815389316");
    EXPECT_EQ(user_of("815389316"), "815389316");
    EXPECT_EQ(user_of("sip:PG5709625@fetion.com.cn;p=1414"), "PG5709625");
    EXPECT_EQ(user_of("sip:777777777"), "777777777");
    EXPECT_EQ(user_of("tel:13800138000"), "tel:13800138000");
}
