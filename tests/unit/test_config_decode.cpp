// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include <zlib.h>

#include <string>

#include "config_decode.h"

using namespace sipc;

namespace {

std::string gzip(const std::string& data) {
    z_stream zs{};
    deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, data.size()) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

}  // namespace

TEST(Base64, Decodes) {
    std::string out;
    ASSERT_TRUE(decode_base64("SGVsbG8=", out));
    EXPECT_EQ(out, "Hello");
    ASSERT_TRUE(decode_base64("SGVs\r\nbG8", out));
    EXPECT_EQ(out, "Hello");
    ASSERT_TRUE(decode_base64("", out));
    EXPECT_EQ(out, "");
}

TEST(Base64, RejectsWhatIsNotBase64) {
    std::string out;
    EXPECT_FALSE(decode_base64("SGVs!G8=", out));
    EXPECT_FALSE(decode_base64("SGVsbG8=A", out));
    EXPECT_FALSE(decode_base64("S", out));
    EXPECT_FALSE(decode_base64("SGVsbG8===", out));
}

TEST(Gunzip, RoundTrip) {
    std::string text = "<ConversationSetting><ShowLatestMessages>False</ShowLatestMessages></ConversationSetting>";
    std::string out;
    EXPECT_EQ(gunzip_capped(gzip(text), 1 << 20, out), GunzipStatus::Ok);
    EXPECT_EQ(out, text);
    EXPECT_TRUE(looks_like_gzip_base64("H4sIAAAAAAAEAO29"));
    EXPECT_FALSE(looks_like_gzip_base64("PGFyZ3M+"));
}

TEST(Gunzip, BombStopsAtTheCap) {
    std::string bomb = gzip(std::string(50 * 1024 * 1024, 'A'));  // 50 MiB of 'A' in ~50 KiB
    ASSERT_LT(bomb.size(), 100u * 1024);
    std::string out;
    EXPECT_EQ(gunzip_capped(bomb, 4 * 1024 * 1024, out), GunzipStatus::TooLarge);
    EXPECT_EQ(out.size(), 4u * 1024 * 1024);
}

TEST(Gunzip, CorruptAndTruncated) {
    std::string out;
    EXPECT_EQ(gunzip_capped("not gzip at all", 1024, out), GunzipStatus::Invalid);
    std::string good = gzip(std::string(1000, 'x') + "tail");
    EXPECT_EQ(gunzip_capped(good.substr(0, good.size() / 2), 1 << 20, out), GunzipStatus::Truncated);
    std::string bad = good;
    bad[bad.size() - 6] ^= 0x55;  // the CRC
    EXPECT_EQ(gunzip_capped(bad, 1 << 20, out), GunzipStatus::Invalid);
}

// One Gunzipper for stream after stream, whatever became of the one before:
// each result is what a fresh state gives.
TEST(Gunzip, OneStateForManyStreams) {
    std::string first = "<config><a>1</a></config>";
    std::string second = std::string(70000, 'y') + "end";  // more than one output chunk
    std::string good = gzip(second);
    std::string bad = good;
    bad[bad.size() - 6] ^= 0x55;  // the CRC
    std::string bomb = gzip(std::string(1 << 20, 'A'));
    Gunzipper g;
    std::string out;
    EXPECT_EQ(g.run(gzip(first), 1 << 20, out), GunzipStatus::Ok);
    EXPECT_EQ(out, first);
    EXPECT_EQ(g.run(good.substr(0, good.size() / 2), 1 << 20, out), GunzipStatus::Truncated);
    EXPECT_EQ(g.run(good, 1 << 20, out), GunzipStatus::Ok);
    EXPECT_EQ(out, second);
    EXPECT_EQ(g.run("not gzip at all", 1024, out), GunzipStatus::Invalid);
    EXPECT_EQ(g.run(bad, 1 << 20, out), GunzipStatus::Invalid);
    EXPECT_EQ(g.run(bomb, 4096, out), GunzipStatus::TooLarge);
    EXPECT_EQ(out.size(), 4096u);
    EXPECT_EQ(g.run(gzip(first), 1 << 20, out), GunzipStatus::Ok);
    EXPECT_EQ(out, first);
    // A zlib stream (no gzip header) after gzip ones: the header is still
    // detected per stream.
    std::string zlib_stream(256, '\0');
    uLongf zlen = zlib_stream.size();
    ASSERT_EQ(compress(reinterpret_cast<Bytef*>(zlib_stream.data()), &zlen,
                       reinterpret_cast<const Bytef*>(first.data()), first.size()), Z_OK);
    zlib_stream.resize(zlen);
    EXPECT_EQ(g.run(zlib_stream, 1 << 20, out), GunzipStatus::Ok);
    EXPECT_EQ(out, first);
}
