// SPDX-License-Identifier: GPL-2.0-or-later
// One reader of L (parse_length) for framing and for the tree: on every form
// of the header they give the same body, and the odd forms are recognised.
#include <gtest/gtest.h>

#include <string>

#include "framing.h"
#include "headers.h"
#include "values.h"

using namespace sipc;

namespace {

const std::string kBody = "hello, world";  // 12 bytes; bodies here are at most that long

// The message "SIP-C/4.0 200 OK" with the given header lines and kBody.
std::string message(const std::string& header_lines) {
    return "SIP-C/4.0 200 OK\r\nI: 3\r\nQ: 2 S\r\n" + header_lines + "\r\n" + kBody;
}

// What the tree shows of the message's L headers: the first one's value, as
// the header cursor and parse_length read it.
struct TreeView {
    bool has_length = false;
    bool valid = false;
    uint32_t length = 0;
    LengthValue first;
};

TreeView tree_view(const std::string& msg) {
    TreeView v;
    size_t start = msg.find("\r\n") + 2;
    size_t end = msg.find("\r\n\r\n") + 2;
    HeaderCursor cursor(std::string_view(msg).substr(start, end - start));
    HeaderLine h;
    while (cursor.next(h)) {
        if (h.id != HeaderId::ContentLength || v.has_length) continue;
        v.has_length = true;
        v.valid = parse_length(h.value, v.first);
        v.length = v.first.length;
    }
    return v;
}

struct Case {
    const char* lines;
    bool frames_body;   // the body of kBody's first `body` bytes is read
    uint32_t body;      // its length
    bool odd;           // leading zero, space before the colon, unknown parameter
};

const Case kCases[] = {
    {"L: 5\r\n", true, 5, false},
    {"L:5\r\n", true, 5, false},
    {"L : 5\r\n", true, 5, true},
    {"L: 5;p=0\r\n", true, 5, false},
    {"L: 05\r\n", true, 5, true},
    {"L: 5;x=1\r\n", true, 5, true},
    {"L: -1\r\n", false, 0, false},
    {"L: 5x\r\n", false, 0, false},
    {"L: 99999999999\r\n", false, 0, false},
    {"L: 4\r\nL: 9\r\n", true, 4, false},
};

}  // namespace

TEST(LengthHeader, FramingAndTreeAgree) {
    FrameLimits limits;
    for (const Case& c : kCases) {
        std::string msg = message(c.lines);
        FrameInfo f = frame_message(msg, limits);
        TreeView t = tree_view(msg);
        SCOPED_TRACE(c.lines);
        ASSERT_EQ(f.status, FrameStatus::Complete);
        EXPECT_TRUE(f.has_length);
        EXPECT_TRUE(t.has_length);
        EXPECT_EQ(f.body_len, c.frames_body ? c.body : 0u);
        if (c.frames_body) {
            EXPECT_TRUE(t.valid);
            EXPECT_EQ(t.length, f.body_len);
        } else {
            EXPECT_FALSE(t.valid);
        }
        bool written_odd = std::string(c.lines).rfind("L :", 0) == 0;
        EXPECT_EQ(t.first.leading_zero || t.first.bad_parameter || written_odd, c.odd);
    }
}

TEST(LengthHeader, NotANumberAndTooLargeAreTold) {
    FrameLimits limits;
    FrameInfo minus = frame_message(message("L: -1\r\n"), limits);
    EXPECT_TRUE(minus.length_invalid);
    EXPECT_FALSE(minus.length_too_large);
    FrameInfo junk = frame_message(message("L: 5x\r\n"), limits);
    EXPECT_TRUE(junk.length_invalid);
    FrameInfo huge = frame_message(message("L: 99999999999\r\n"), limits);
    EXPECT_TRUE(huge.length_too_large);
    EXPECT_FALSE(huge.length_invalid);
    LengthValue lv;
    EXPECT_FALSE(parse_length("99999999999", lv));
    EXPECT_TRUE(lv.too_many_digits);
    EXPECT_FALSE(parse_length("-1", lv));
    EXPECT_TRUE(lv.not_a_number);
}

TEST(LengthHeader, TheFirstOfTwoFrames) {
    FrameInfo f = frame_message(message("L: 4\r\nL: 9\r\n"), FrameLimits{});
    EXPECT_TRUE(f.length_repeated);
    EXPECT_EQ(f.body_len, 4u);
}

TEST(LengthHeader, SliceOffset) {
    LengthValue lv;
    ASSERT_TRUE(parse_length("5;p=4096", lv));
    EXPECT_TRUE(lv.has_offset);
    EXPECT_EQ(lv.offset, 4096u);
    EXPECT_FALSE(lv.bad_parameter);
}
