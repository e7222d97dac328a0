// SPDX-License-Identifier: GPL-2.0-or-later
// The steps of Wireshark's XML dissector worked out by plugin/core/xml_layout.
// That the items drawn from them are the dissector's own is
// tests/dissection/test_xml_drawing.py's to show, under every version.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "transcript_messages.h"
#include "xml_layout.h"
#include "xml_scan.h"

using namespace sipc;

namespace {

// Each step as kind:text, the text being the bytes it covers (Open: its
// label, the "<name").
std::vector<std::string> steps_of(std::string_view doc, const XmlDeclinedNames& declined = {}) {
    std::vector<XmlStep> steps;
    if (!lay_out_xml(doc, declined, steps)) return {"declined"};
    std::vector<std::string> out;
    for (const XmlStep& s : steps) {
        std::string_view covered = doc.substr(s.offset, s.kind == XmlStep::Open ? s.label : s.length);
        const char* kind[] = {"open", "attr", "end", "empty", "close", "text"};
        out.push_back(std::string(kind[s.kind]) + ":" + std::string(covered));
    }
    return out;
}

XmlDeclinedNames presence_declined() {
    XmlDeclinedNames d;
    d.add("presence");
    return d;
}

}  // namespace

TEST(XmlLayout, ElementsAttributesAndText) {
    EXPECT_EQ(steps_of("<args><contact uri=\"sip:1@fetion.com.cn\" p='1' /><note>hi there</note></args>"),
              (std::vector<std::string>{"open:<args", "end:>", "open:<contact", "attr:uri=\"sip:1@fetion.com.cn\"",
                                        "attr:p='1'", "empty:/>", "open:<note", "end:>", "text:hi there",
                                        "close:</note>", "close:</args>"}));
}

TEST(XmlLayout, StartTagCoversAttributesAndItsEnd) {
    std::string doc = "<a x=\"1\"  ><b/></a>";
    std::vector<XmlStep> steps;
    ASSERT_TRUE(lay_out_xml(doc, {}, steps));
    EXPECT_EQ(steps[0].offset, 0u);
    EXPECT_EQ(steps[0].length, 11u);  // through '>', the blanks before it included
    EXPECT_EQ(steps[0].label, 2u);
    EXPECT_EQ(doc.substr(steps[3].offset, steps[3].length), "<b/>");
}

TEST(XmlLayout, TextKeepsTrailingBlanksAndSkipsLeadingOnes) {
    EXPECT_EQ(steps_of("\n<a>\r\n  one two \r\n</a>\r\n"),
              (std::vector<std::string>{"open:<a", "end:>", "text:one two \r\n", "close:</a>"}));
    // Text outside the elements is drawn too (the dissector's "xml.unknown").
    EXPECT_EQ(steps_of("<a/>tail"), (std::vector<std::string>{"open:<a", "empty:/>", "text:tail"}));
    EXPECT_EQ(steps_of("  \r\n"), (std::vector<std::string>{}));
}

TEST(XmlLayout, NamesAsTheDissectorReadsThem) {
    EXPECT_EQ(steps_of("<user-info.v_2 x:y=\"1\"/>"),
              (std::vector<std::string>{"open:<user-info.v_2", "attr:x:y=\"1\"", "empty:/>"}));
    // Values may hold '>' and '<'; the dissector ends them at the quote.
    EXPECT_EQ(steps_of("<a t=\"<b>\"/>"), (std::vector<std::string>{"open:<a", "attr:t=\"<b>\"", "empty:/>"}));
    // UTF-8 in values and text is carried as is.
    EXPECT_EQ(steps_of("<r t=\"聊天中\">好</r>"),
              (std::vector<std::string>{"open:<r", "attr:t=\"聊天中\"", "end:>", "text:好", "close:</r>"}));
}

TEST(XmlLayout, DeclinesWhatItDoesNotDraw) {
    for (const char* doc : {
             "<?xml version=\"1.0\"?><a/>",   // processing instruction
             "<!-- c --><a/>",                 // comment
             "<!DOCTYPE a><a/>",               // declaration
             "<a><![CDATA[x]]></a>",           // CDATA section
             "<p:a/>",                         // namespace prefix
             "<a:b></a:b>",                    //
             "<a x=1/>",                       // unquoted value
             "<a x = \"1\"/>",                 // blanks around '='
             "<a x=\"1\"y=\"2\"/>",            // attributes not apart
             "<a x=\"\\\"\"/>",                // an escaped quote
             "</a>",                           // closing what is not open
             "<a></a></a>",                    //
             "<a x=\"1\"",                     // cut short
             "<a",                             //
             "<a>]></a>",                      // "]>" ends a DTD for the dissector
             "< a/>",                          // blank after '<'
             "</ a>",                          //
             "<a></a >",                       //
             "<>",                             //
             "<a/ >",                          //
         }) {
        EXPECT_EQ(steps_of(doc), std::vector<std::string>{"declined"}) << doc;
    }
}

TEST(XmlLayout, DeclinesElementsOfTheDtds) {
    XmlDeclinedNames d = presence_declined();
    d.add("CipherValue");
    EXPECT_EQ(steps_of("<args><presence><basic value=\"400\"/></presence></args>", d),
              std::vector<std::string>{"declined"});
    EXPECT_EQ(steps_of("<Presence/>", d), std::vector<std::string>{"declined"});
    EXPECT_EQ(steps_of("<ciphervalue/>", d), std::vector<std::string>{"declined"});
    EXPECT_EQ(steps_of("<basic/>", d), (std::vector<std::string>{"open:<basic", "empty:/>"}));
}

TEST(XmlLayout, UnclosedElementsAreLeftOpen) {
    EXPECT_EQ(steps_of("<a><b>x"), (std::vector<std::string>{"open:<a", "end:>", "open:<b", "end:>", "text:x"}));
}

TEST(XmlLayout, DtdRoots) {
    XmlDeclinedNames d;
    EXPECT_TRUE(dtd_roots("<? wireshark:protocol proto_name=\"presence\" hierarchy=\"yes\" ?>\n"
                          "<!ELEMENT presence (tuple)* >\n<!ELEMENT tuple (status)>",
                          d));
    EXPECT_TRUE(d.contains("presence"));
    EXPECT_FALSE(d.contains("tuple"));

    XmlDeclinedNames r;
    EXPECT_TRUE(dtd_roots("<? wireshark:protocol proto_name=\"x\" root=\"Top\" ?>\n<!ELEMENT first EMPTY>", r));
    EXPECT_TRUE(r.contains("top"));
    EXPECT_TRUE(r.contains("first"));

    // A DOCTYPE names the root; an element in a comment may or may not count.
    XmlDeclinedNames t;
    EXPECT_TRUE(dtd_roots("<!-- <!ELEMENT old EMPTY> -->\n<!DOCTYPE it [ <!ELEMENT author (#PCDATA)> ]>", t));
    EXPECT_TRUE(t.contains("it"));
    EXPECT_TRUE(t.contains("author"));
    EXPECT_TRUE(t.contains("old"));

    // A first element hidden behind a parameter entity cannot be known.
    XmlDeclinedNames e;
    EXPECT_FALSE(dtd_roots("<!ENTITY % n \"smil\">\n<!ELEMENT %n; EMPTY>", e));
}

// Every XML body of the transcripts that names no element of Wireshark's
// stock DTDs is one the plugin draws: the drawing is the common case, not
// an exception.
TEST(XmlLayout, TranscriptBodiesAreDrawn) {
    XmlDeclinedNames stock = presence_declined();
    for (const char* root : {"reginfo", "list", "watcherinfo", "rss", "smil", "title", "itunes", "author",
                             "mediaservercontrol", "poc-settings", "xcap-caps", "xcap-error"})
        stock.add(root);
    size_t drawn = 0, bodies = 0;
    for (const std::string& name : test::transcript_names()) {
      for (const test::TranscriptMessage& m : test::transcript_messages(name)) {
        size_t end = m.raw.find("\r\n\r\n");
        if (end == std::string_view::npos) continue;
        std::string_view body = m.raw.substr(end + 4);
        // A slice of a sliced response (188) is a piece of a document; the
        // plugin shows it as text and draws the body put back together.
        if (m.raw.substr(0, m.raw.find('\r')).find(" 188 ") != std::string_view::npos) continue;
        if (!looks_like_xml(body) || body.find("<Font") != std::string_view::npos) continue;
        ++bodies;
        bool presence = body.find("<presence") != std::string_view::npos;
        std::vector<XmlStep> steps;
        bool laid_out = lay_out_xml(body, stock, steps);
        if (!presence && !laid_out && body.find("<?") == std::string_view::npos &&
            body.find("<!") == std::string_view::npos)
            ADD_FAILURE() << name << " " << m.stream << ": declined\n" << body.substr(0, 200);
        drawn += laid_out;
      }
    }
    EXPECT_GT(bodies, 50u);
    EXPECT_GT(drawn * 2, bodies);
}
