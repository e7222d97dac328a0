// SPDX-License-Identifier: GPL-2.0-or-later
#include "config_decode.h"

#include <zlib.h>

#include "text.h"

namespace sipc {

bool looks_like_gzip_base64(std::string_view text) {
    text = trim(text);
    while (!text.empty() && (text.front() == '\r' || text.front() == '\n')) text.remove_prefix(1);
    return text.substr(0, 4) == "H4sI";
}

namespace {

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

}  // namespace

bool decode_base64(std::string_view text, std::string& out) {
    out.clear();
    out.reserve(text.size() / 4 * 3 + 3);
    uint32_t acc = 0;
    int bits = 0;
    size_t symbols = 0;
    size_t padding = 0;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        if (padding) return false;  // data after padding
        int v = base64_value(c);
        if (v < 0) return false;
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        ++symbols;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    if (padding > 2 || symbols % 4 == 1) return false;
    if (padding && (symbols + padding) % 4 != 0) return false;
    return true;
}

GunzipStatus gunzip_capped(std::string_view in, size_t cap, std::string& out) {
    out.clear();
    z_stream zs{};
    // 15 + 32: a gzip or zlib header, detected automatically.
    if (inflateInit2(&zs, 15 + 32) != Z_OK) return GunzipStatus::Invalid;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    char chunk[16384];
    GunzipStatus status = GunzipStatus::Truncated;
    while (true) {
        size_t room = cap - out.size();
        zs.next_out = reinterpret_cast<Bytef*>(chunk);
        zs.avail_out = static_cast<uInt>(room < sizeof chunk ? room : sizeof chunk);
        if (zs.avail_out == 0) {
            status = GunzipStatus::TooLarge;
            break;
        }
        int rc = inflate(&zs, Z_NO_FLUSH);
        out.append(chunk, zs.next_out - reinterpret_cast<Bytef*>(chunk));
        if (rc == Z_STREAM_END) {
            status = GunzipStatus::Ok;
            break;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // input ended early
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            status = GunzipStatus::Invalid;
            break;
        }
    }
    inflateEnd(&zs);
    return status;
}

}  // namespace sipc
