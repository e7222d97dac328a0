// SPDX-License-Identifier: GPL-2.0-or-later
#include "transaction_table.h"

namespace sipc {
namespace {

// Hostile input could name more methods and events than 16 bits number;
// past that they all share this id (their transactions then match on I and
// Q alone, and lose their event).
constexpr uint16_t kNameOverflow = 0xFFFF;

uint32_t packed(const TransactionKey& k) { return k.conversation << 1 | (k.direction & 1); }

bool same_key(const Transaction& t, const TransactionKey& k, uint16_t method) {
    return t.conversation_direction == packed(k) && t.call_id == k.call_id && t.seq == k.seq && t.method == method;
}

size_t mix(uint32_t conversation_direction, uint32_t call_id, uint32_t seq, uint64_t method) {
    constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ull;
    uint64_t h = conversation_direction;
    h = h * kGolden ^ call_id;
    h = h * kGolden ^ seq;
    h = h * kGolden ^ method;
    h *= kGolden;
    return static_cast<size_t>(h ^ (h >> 29));
}

size_t hash_entry(const TransactionKey& k, uint16_t method) { return mix(packed(k), k.call_id, k.seq, method); }

}  // namespace

uint64_t method_bits(std::string_view method) {
    uint64_t bits = 0;
    for (size_t i = 0; i < method.size() && i < 8; ++i)
        bits |= static_cast<uint64_t>(static_cast<unsigned char>(method[i])) << (8 * i);
    return bits;
}

size_t hash_key(const TransactionKey& k) { return mix(packed(k), k.call_id, k.seq, k.method); }

bool operator==(const TransactionKey& a, const TransactionKey& b) {
    return a.conversation == b.conversation && a.direction == b.direction && a.call_id == b.call_id &&
           a.seq == b.seq && a.method == b.method;
}

TransactionTable::TransactionTable() { clear(); }
TransactionTable::~TransactionTable() = default;

void TransactionTable::clear() {
    std::vector<std::unique_ptr<Transaction[]>>().swap(chunks_);
    count_ = 0;
    std::vector<uint64_t>(16, 0).swap(index_);
    keys_ = 0;
    event_ids_ = {};
    events_ = {};
    events_.emplace_back();
    method_ids_ = {};
}

uint16_t TransactionTable::intern_event(std::string_view name) {
    if (name.empty()) return 0;
    auto it = event_ids_.find(name);
    if (it != event_ids_.end()) return it->second;
    if (events_.size() >= kNameOverflow) return 0;
    auto id = static_cast<uint16_t>(events_.size());
    events_.emplace_back(name);
    event_ids_.emplace(std::string_view(events_.back()), id);
    return id;
}

uint16_t TransactionTable::intern_method(uint64_t method) {
    auto it = method_ids_.find(method);
    if (it != method_ids_.end()) return it->second;
    if (method_ids_.size() + 1 >= kNameOverflow) return kNameOverflow;
    auto id = static_cast<uint16_t>(method_ids_.size() + 1);
    method_ids_.emplace(method, id);
    return id;
}

// 0: no request ever had this method.
uint16_t TransactionTable::find_method(uint64_t method) const {
    auto it = method_ids_.find(method);
    if (it != method_ids_.end()) return it->second;
    return method_ids_.size() + 1 >= kNameOverflow ? kNameOverflow : 0;
}

const char* TransactionTable::event(const Transaction& t) const {
    return t.event && t.event < events_.size() ? events_[t.event].c_str() : nullptr;
}

// The index slot of a key: the one holding its newest entry, or the empty
// slot where it would go.  The slot's position comes from the hash's low
// bits, which the tag keeps, so growing the index reads no entry either.
TransactionTable::Probe TransactionTable::slot_of(const TransactionKey& key, uint16_t method) const {
    auto tag = static_cast<uint32_t>(hash_entry(key, method));
    size_t mask = index_.size() - 1;
    for (size_t i = tag & mask;; i = (i + 1) & mask) {
        uint64_t s = index_[i];
        auto n = static_cast<uint32_t>(s);
        if (n == 0 || (static_cast<uint32_t>(s >> 32) == tag && same_key(entry(n - 1), key, method)))
            return {i, tag};
    }
}

const Transaction* TransactionTable::newest(const TransactionKey& key, uint16_t method) const {
    auto n = static_cast<uint32_t>(index_[slot_of(key, method).slot]);
    return n ? &entry(n - 1) : nullptr;
}

void TransactionTable::grow_index() {
    std::vector<uint64_t> old(index_.size() * 2, 0);
    old.swap(index_);
    size_t mask = index_.size() - 1;
    for (uint64_t s : old) {
        if (!static_cast<uint32_t>(s)) continue;
        size_t i = static_cast<uint32_t>(s >> 32) & mask;
        while (index_[i]) i = (i + 1) & mask;
        index_[i] = s;
    }
}

void TransactionTable::on_request(const TransactionKey& key, uint32_t frame, int64_t time_ns,
                                  std::string_view event) {
    uint16_t method = intern_method(key.method);
    Probe probe = slot_of(key, method);
    auto older = static_cast<uint32_t>(index_[probe.slot]);
    if (older) {
        const Transaction& t = entry(older - 1);
        // The same request again before any final answer is a resend, not a
        // transaction of its own.
        if (t.final_response_frame == 0 && t.request_frame != frame) return;
    }
    if (count_ % kChunk == 0) chunks_.emplace_back(new Transaction[kChunk]);
    Transaction& t = entry(static_cast<uint32_t>(count_));
    t = Transaction{};
    t.request_frame = frame;
    t.request_time_ns = time_ns;
    t.event = intern_event(event);
    t.method = method;
    t.conversation_direction = packed(key);
    t.call_id = key.call_id;
    t.seq = key.seq;
    t.older = older;
    ++count_;
    index_[probe.slot] = static_cast<uint64_t>(probe.tag) << 32 | static_cast<uint32_t>(count_);
    if (!older && ++keys_ * 4 > index_.size() * 3) grow_index();
}

void TransactionTable::on_response(const TransactionKey& key, uint32_t frame, unsigned status) {
    uint16_t method = find_method(key.method);
    if (!method) return;
    auto* t = const_cast<Transaction*>(newest(key, method));
    if (!t) return;
    if (t->first_response_frame == 0) t->first_response_frame = frame;
    if (status >= 200 && t->final_response_frame == 0) t->final_response_frame = frame;
}

const Transaction* TransactionTable::find(const TransactionKey& key, uint32_t frame, bool is_request) const {
    uint16_t method = find_method(key.method);
    if (!method) return nullptr;
    const Transaction* t = newest(key, method);
    while (t && (t->request_frame > frame || (!is_request && t->request_frame == frame)))
        t = t->older ? &entry(t->older - 1) : nullptr;
    return t;
}

size_t TransactionTable::bytes() const {
    size_t b = chunks_.capacity() * sizeof(chunks_[0]) + chunks_.size() * kChunk * sizeof(Transaction) +
               index_.capacity() * sizeof(uint64_t);
    for (const std::string& s : events_) b += sizeof(s) + (s.capacity() > 15 ? s.capacity() + 1 : 0);
    // A node of an unordered_map: the pair, the next pointer and the cached hash.
    b += event_ids_.size() * 48 + event_ids_.bucket_count() * sizeof(void*);
    return b + method_ids_.size() * 32 + method_ids_.bucket_count() * sizeof(void*);
}

}  // namespace sipc
