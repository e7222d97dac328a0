// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include <string>

#include "text.h"

using namespace sipc;

TEST(PlainAscii, PrintableAndControlBytesAreAscii) {
    EXPECT_TRUE(is_plain_ascii(""));
    EXPECT_TRUE(is_plain_ascii("R fetion.com.cn SIP-C/2.0"));
    EXPECT_TRUE(is_plain_ascii("Digest algorithm=\"SHA1-sess\",nonce=\"5A7F\"\r\n\t"));
    EXPECT_TRUE(is_plain_ascii(std::string("\x01\x7f", 2)));
}

TEST(PlainAscii, ChineseTextIsNot) {
    EXPECT_FALSE(is_plain_ascii("\xe5\xae\x8b\xe4\xbd\x93"));  // 宋体 in UTF-8
    EXPECT_FALSE(is_plain_ascii("nick=\"\xe5\xb0\x8f\xe6\x98\x8e\""));
}

// Every position of a word and of the tail: one byte that is NUL or has its
// high bit set makes the whole text not plain, wherever it is.
TEST(PlainAscii, OneBadByteAnywhere) {
    for (size_t size = 1; size <= 40; ++size) {
        for (size_t at = 0; at < size; ++at) {
            for (unsigned char bad : {0x00, 0x80, 0xa0, 0xff}) {
                std::string s(size, 'a');
                s[at] = static_cast<char>(bad);
                EXPECT_FALSE(is_plain_ascii(s)) << size << " " << at << " " << int(bad);
            }
            std::string ok(size, '~');
            ok[at] = '\x01';
            EXPECT_TRUE(is_plain_ascii(ok)) << size << " " << at;
        }
    }
}
