// SPDX-License-Identifier: GPL-2.0-or-later
// The client configuration Fetion ships inside bodies: base64 text of a gzip
// stream (<custom-config ...>H4sI...</custom-config>, doc/protocol.md "Compressed custom-config").  Strict
// decoding, so that invalid data is reported rather than guessed at, and a
// cap on the output, so that a decompression bomb costs no more than the cap.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace sipc {

// True when `text` (trimmed) starts like base64 of a gzip stream (1f 8b 08).
bool looks_like_gzip_base64(std::string_view text);

// Decodes base64 (whitespace allowed, '=' padding optional at the end).
// False on any other character or a length that cannot be base64.
bool decode_base64(std::string_view text, std::string& out);

enum class GunzipStatus {
    Ok,         // the whole stream decompressed within the cap
    TooLarge,   // stopped at the cap: out holds the first `cap` bytes
    Invalid,    // not gzip, or corrupt: out holds what came before the error
    Truncated,  // the stream ends early: out holds what was there
};

// Decompresses a gzip (or zlib) stream, writing at most `cap` bytes.
GunzipStatus gunzip_capped(std::string_view in, size_t cap, std::string& out);

// The same, one stream after another with one zlib state.  Setting a state
// up allocates some 40 KiB (zlib's state and its 32 KiB window) and taking
// it down frees them: once for every config of every tree, those large
// blocks churned the C heap of the whole process.  A reset reuses them.
class Gunzipper {
public:
    Gunzipper();
    ~Gunzipper();
    Gunzipper(const Gunzipper&) = delete;
    Gunzipper& operator=(const Gunzipper&) = delete;

    GunzipStatus run(std::string_view in, size_t cap, std::string& out);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace sipc
