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

// Symbol values, 64 for the characters skipped between symbols (blanks and
// line ends), 65 for '=', 255 for everything else.  A table and one branch
// per character: a custom-config is some hundreds of symbols, decoded for
// every config in every tree.
constexpr unsigned char kSkip = 64, kPad = 65, kBad = 255;

struct Base64Table {
    unsigned char v[256];
    constexpr Base64Table() : v() {
        for (int i = 0; i < 256; ++i) v[i] = kBad;
        for (int i = 0; i < 26; ++i) {
            v['A' + i] = static_cast<unsigned char>(i);
            v['a' + i] = static_cast<unsigned char>(26 + i);
        }
        for (int i = 0; i < 10; ++i) v['0' + i] = static_cast<unsigned char>(52 + i);
        v[static_cast<unsigned char>('+')] = 62;
        v[static_cast<unsigned char>('/')] = 63;
        v[static_cast<unsigned char>(' ')] = v[static_cast<unsigned char>('\t')] = kSkip;
        v[static_cast<unsigned char>('\r')] = v[static_cast<unsigned char>('\n')] = kSkip;
        v[static_cast<unsigned char>('=')] = kPad;
    }
};

constexpr Base64Table kBase64{};

}  // namespace

bool decode_base64(std::string_view text, std::string& out) {
    out.resize(text.size() / 4 * 3 + 3);
    char* o = out.data();
    uint32_t acc = 0;
    int bits = 0;
    size_t symbols = 0;
    size_t padding = 0;
    bool ok = true;
    for (char c : text) {
        unsigned char v = kBase64.v[static_cast<unsigned char>(c)];
        if (v == kSkip) continue;
        if (v == kPad) {
            ++padding;
            continue;
        }
        if (v == kBad || padding) {  // not base64, or data after padding
            ok = false;
            break;
        }
        acc = (acc << 6) | v;
        bits += 6;
        ++symbols;
        if (bits >= 8) {
            bits -= 8;
            *o++ = static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    ok = ok && padding <= 2 && symbols % 4 != 1 && (!padding || (symbols + padding) % 4 == 0);
    out.resize(ok ? static_cast<size_t>(o - out.data()) : 0);
    return ok;
}

struct Gunzipper::State {
    z_stream zs{};
    bool ready = false;  // inflateInit2 succeeded: reset, and end in the destructor
};

Gunzipper::Gunzipper() : state_(new State) {}

Gunzipper::~Gunzipper() {
    if (state_->ready) inflateEnd(&state_->zs);
}

GunzipStatus Gunzipper::run(std::string_view in, size_t cap, std::string& out) {
    out.clear();
    z_stream& zs = state_->zs;
    // 15 + 32: a gzip or zlib header, detected automatically; a reset keeps
    // that setting and the memory.
    if (state_->ready) {
        if (inflateReset(&zs) != Z_OK) return GunzipStatus::Invalid;
    } else {
        if (inflateInit2(&zs, 15 + 32) != Z_OK) return GunzipStatus::Invalid;
        state_->ready = true;
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    char chunk[16384];
    while (true) {
        size_t room = cap - out.size();
        zs.next_out = reinterpret_cast<Bytef*>(chunk);
        zs.avail_out = static_cast<uInt>(room < sizeof chunk ? room : sizeof chunk);
        if (zs.avail_out == 0) return GunzipStatus::TooLarge;
        int rc = inflate(&zs, Z_NO_FLUSH);
        out.append(chunk, zs.next_out - reinterpret_cast<Bytef*>(chunk));
        if (rc == Z_STREAM_END) return GunzipStatus::Ok;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) return GunzipStatus::Truncated;  // input ended early
        if (rc != Z_OK && rc != Z_BUF_ERROR) return GunzipStatus::Invalid;
    }
}

GunzipStatus gunzip_capped(std::string_view in, size_t cap, std::string& out) {
    Gunzipper g;
    return g.run(in, cap, out);
}

}  // namespace sipc
