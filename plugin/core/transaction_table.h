// SPDX-License-Identifier: GPL-2.0-or-later
// Request/response tracking state for a whole capture file, kept compact:
// it lives as long as the file, one entry per request (doc/design.md
// "What is kept per message").  A response finds its request by the
// connection, who sent the request, I (Call-ID) and Q (CSeq number and
// method).  The same key may name several transactions over a file
// (openfetion reuses I and Q for every login): each entry remembers the one
// the key named before it, and every pass finds the transaction a message
// met by walking back from the newest to the newest that began no later
// than the message, so nothing is stored per message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <deque>
#include <unordered_map>
#include <vector>

namespace sipc {

struct TransactionKey {
    uint32_t conversation = 0;  // the connection's number in the file
    uint32_t direction = 0;     // who sent the request: 0 or 1
    uint32_t call_id = 0;
    uint32_t seq = 0;
    uint64_t method = 0;        // the CSeq method's first 8 bytes (method_bits)
};

// The first 8 bytes of a CSeq method as one number, for keys.
uint64_t method_bits(std::string_view method);

// For hash tables keyed by TransactionKey.
size_t hash_key(const TransactionKey& key);
bool operator==(const TransactionKey& a, const TransactionKey& b);

// 40 bytes, in the order that needs no padding.
struct Transaction {
    int64_t request_time_ns = 0;        // capture time of the request
    uint32_t request_frame = 0;
    uint32_t first_response_frame = 0;  // a provisional (1xx) or the final response
    uint32_t final_response_frame = 0;  // the first response with a code >= 200
    uint16_t event = 0;                 // N: of the request, interned; 0 if none
    uint16_t method = 0;                // the key's method, interned
    uint32_t conversation_direction = 0;  // conversation << 1 | direction
    uint32_t call_id = 0;
    uint32_t seq = 0;
    uint32_t older = 0;  // entry number + 1 of the transaction the same key named before
};

static_assert(sizeof(Transaction) == 40, "kept per request: keep it small");

class TransactionTable {
public:
    TransactionTable();
    ~TransactionTable();
    TransactionTable(const TransactionTable&) = delete;
    TransactionTable& operator=(const TransactionTable&) = delete;

    // First pass, in frame order.  A request opens a transaction, unless it
    // repeats one that has no final answer yet (a resend).
    void on_request(const TransactionKey& key, uint32_t frame, int64_t time_ns, std::string_view event);
    void on_response(const TransactionKey& key, uint32_t frame, unsigned status);

    // Every pass: the transaction a message of `frame` met, or nullptr.  A
    // request met the one it began or the one it repeats; a response the
    // newest that began before its frame.  The pointer stays valid until
    // clear().
    const Transaction* find(const TransactionKey& key, uint32_t frame, bool is_request) const;

    // The N: event of a transaction's request, NUL-terminated; nullptr if none.
    const char* event(const Transaction& t) const;

    // Forgets everything and gives the memory back (a new file).
    void clear();

    size_t size() const { return count_; }
    // Bytes held: entries, index and interned names (estimated for the maps).
    size_t bytes() const;

private:
    // Entries per chunk (40 KiB): chunks never move, so pointers stay valid,
    // and a small file does not pay for a large one.
    static constexpr size_t kChunk = 1024;
    uint16_t intern_event(std::string_view name);
    uint16_t intern_method(uint64_t method);
    uint16_t find_method(uint64_t method) const;
    // Where a key is, or would go, in the index, and its hash's low half.
    struct Probe {
        size_t slot;
        uint32_t tag;
    };
    const Transaction* newest(const TransactionKey& key, uint16_t method) const;
    Probe slot_of(const TransactionKey& key, uint16_t method) const;
    Transaction& entry(uint32_t number) const { return chunks_[number / kChunk][number % kChunk]; }
    void grow_index();

    std::vector<std::unique_ptr<Transaction[]>> chunks_;
    size_t count_ = 0;
    // Open addressing, a slot per key: the newest entry's number + 1 in the
    // low half (0: empty), the low half of the key's hash in the high half.
    // A probe compares the hashes and reads an entry only when they match:
    // the entries are spread over memory, and in a large file each read is
    // a cache miss (doc/design.md "What is kept per message").
    std::vector<uint64_t> index_;
    size_t keys_ = 0;
    // Interned events; 0 is "".  A deque: its strings never move, so the
    // map's views into them stay valid.
    std::deque<std::string> events_;
    std::unordered_map<std::string_view, uint16_t> event_ids_;
    std::unordered_map<uint64_t, uint16_t> method_ids_;  // interned methods, from 1
};

}  // namespace sipc
