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
std::vector<std::string> steps_of(std::string_view doc, const XmlVocabulary& declined = {}) {
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

XmlVocabulary presence_declined() {
    XmlVocabulary d;
    d.decline("presence");
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
    XmlVocabulary d = presence_declined();
    d.decline("CipherValue");
    EXPECT_EQ(steps_of("<args><presence><basic value=\"400\"/></presence></args>", d),
              std::vector<std::string>{"declined"});
    EXPECT_EQ(steps_of("<Presence/>", d), std::vector<std::string>{"declined"});
    EXPECT_EQ(steps_of("<ciphervalue/>", d), std::vector<std::string>{"declined"});
    EXPECT_EQ(steps_of("<basic/>", d), (std::vector<std::string>{"open:<basic", "empty:/>"}));
}

TEST(XmlLayout, UnclosedElementsAreLeftOpen) {
    EXPECT_EQ(steps_of("<a><b>x"), (std::vector<std::string>{"open:<a", "end:>", "open:<b", "end:>", "text:x"}));
}

TEST(XmlLayout, UndrawnDtdsDeclineTheirRoots) {
    XmlVocabulary r;
    EXPECT_TRUE(r.add_dtd("<? wireshark:protocol proto_name=\"x\" root=\"Top\" ?>\n<!ELEMENT first EMPTY>"));
    int32_t node;
    EXPECT_FALSE(r.root_of("top", node));
    EXPECT_FALSE(r.root_of("first", node));

    // A DOCTYPE names the root; an element in a comment may or may not count.
    XmlVocabulary t;
    EXPECT_TRUE(t.add_dtd("<!-- <!ELEMENT old EMPTY> -->\n<!DOCTYPE it [ <!ELEMENT author (#PCDATA)> ]>"));
    EXPECT_FALSE(t.root_of("it", node));
    EXPECT_FALSE(t.root_of("author", node));
    EXPECT_FALSE(t.root_of("old", node));
    EXPECT_TRUE(t.root_of("other", node));
    EXPECT_EQ(node, kXmlUnknown);

    // A first element hidden behind a parameter entity cannot be known.
    XmlVocabulary e;
    EXPECT_FALSE(e.add_dtd("<!ENTITY % n \"smil\">\n<!ELEMENT %n; EMPTY>"));

    // Without hierarchy="yes" the tree is another (flat) one: not drawn.
    XmlVocabulary f;
    EXPECT_TRUE(f.add_dtd("<? wireshark:protocol proto_name=\"flat\" ?>\n<!ELEMENT flat (a)>\n<!ELEMENT a EMPTY>"));
    EXPECT_FALSE(f.root_of("flat", node));
    EXPECT_TRUE(f.root_of("a", node));

    // #PCDATA first in a group is an error of the XML dissector's DTD
    // grammar, which then leaves the DTD out: not drawn either.
    XmlVocabulary m;
    EXPECT_TRUE(m.add_dtd("<? wireshark:protocol proto_name=\"m\" hierarchy=\"yes\" ?>\n"
                          "<!ELEMENT m (#PCDATA | b)*>\n<!ELEMENT b EMPTY>"));
    EXPECT_FALSE(m.root_of("m", node));
}

// The presence DTD of Wireshark (RFC 3863), as its XML dissector builds it.
const char* kPresenceDtd = R"dtd(<? wireshark:protocol
   proto_name="presence"
   description="presence XML doc (RFC 3863)"
   media="application/cpim-pidf+xml"
   hierarchy="yes" ?>

<!ELEMENT presence (tuple)* >
<!ATTLIST presence xmlns CDATA #IMPLIED entity CDATA #REQUIRED>

<!ELEMENT tuple (status? | contact? | note? | timestamp?)* >
<!ATTLIST tuple id CDATA #REQUIRED>

<!ELEMENT status (basic)>

<!ELEMENT basic (#PCDATA)>

<!ELEMENT contact (#PCDATA)>
<!ATTLIST contact priority CDATA #REQUIRED>

<!ELEMENT note (#PCDATA)>
<!ATTLIST note    lang CDATA #REQUIRED>

<!ELEMENT timestamp (#PCDATA)>
)dtd";

TEST(XmlLayout, DtdTreeAsTheDissectorBuildsIt) {
    XmlVocabulary v;
    ASSERT_TRUE(v.add_dtd(kPresenceDtd));
    int32_t root;
    ASSERT_TRUE(v.root_of("Presence", root));
    ASSERT_GE(root, 0);
    std::vector<std::string> fields;
    for (const DtdNode& n : v.nodes()) fields.push_back(n.field);
    // The root, then each element with the tree below it, then each element
    // again at the root's level.
    EXPECT_EQ(fields, (std::vector<std::string>{"presence", "presence.tuple", "presence.tuple.status",
                                                "presence.tuple.status.basic", "presence.tuple.contact",
                                                "presence.tuple.note", "presence.tuple.timestamp", "presence.status",
                                                "presence.status.basic", "presence.basic", "presence.contact",
                                                "presence.note", "presence.timestamp"}));
    EXPECT_EQ(v.attribute_fields(),
              (std::vector<std::string>{"presence.xmlns", "presence.entity", "presence.tuple.id",
                                        "presence.tuple.contact.priority", "presence.tuple.note.lang",
                                        "presence.contact.priority", "presence.note.lang"}));
    int32_t plain;
    EXPECT_TRUE(v.root_of("basic", plain));
    EXPECT_EQ(plain, kXmlUnknown);

    // Not to be drawn (a personal DTD folder): its root declined.
    XmlVocabulary n;
    EXPECT_TRUE(n.add_dtd(kPresenceDtd, false));
    EXPECT_TRUE(n.nodes().empty());
    EXPECT_FALSE(n.root_of("presence", root));
}

TEST(XmlLayout, DtdElementsAttributesAndText) {
    XmlVocabulary v;
    ASSERT_TRUE(v.add_dtd(kPresenceDtd));
    std::string doc =
        "<args><presence entity=\"e\"><basic value=\"400\">t</basic><tuple id='1'><status><basic>on</basic>"
        "</status></tuple></presence><basic/></args>";
    std::vector<XmlStep> steps;
    ASSERT_TRUE(lay_out_xml(doc, v, steps));
    std::vector<std::string> seen;
    for (const XmlStep& s : steps) {
        std::string as = s.as == kXmlUnknown    ? "-"
                         : s.as == kXmlDocument ? "doc"
                         : s.kind == XmlStep::Attribute ? v.attribute_fields()[s.as]
                                                        : v.nodes()[s.as].field;
        if (s.kind == XmlStep::Open) seen.push_back("open " + as);
        if (s.kind == XmlStep::Attribute)
            seen.push_back("attr " + as + " " + doc.substr(s.label, s.offset + s.length - 1 - s.label));
        if (s.kind == XmlStep::Text) seen.push_back("text " + as);
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"open -", "open presence", "attr presence.entity e",
                                              "open presence.basic", "attr - 400", "text presence.basic",
                                              "open presence.tuple", "attr presence.tuple.id 1",
                                              "open presence.tuple.status", "open presence.tuple.status.basic",
                                              "text presence.tuple.status.basic", "open -"}));
}

// Every XML body of the transcripts that names no element of Wireshark's
// stock DTDs is one the plugin draws: the drawing is the common case, not
// an exception.
TEST(XmlLayout, TranscriptBodiesAreDrawn) {
    XmlVocabulary stock = presence_declined();
    for (const char* root : {"reginfo", "list", "watcherinfo", "rss", "smil", "title", "itunes", "author",
                             "mediaservercontrol", "poc-settings", "xcap-caps", "xcap-error"})
        stock.decline(root);
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
