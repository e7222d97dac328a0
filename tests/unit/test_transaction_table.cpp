// SPDX-License-Identifier: GPL-2.0-or-later
// The request/response table kept for the life of a file: a response finds
// the request of its connection, direction, I and Q; a key reused later
// names a new transaction without losing the old one; resends are not new
// transactions; later passes find what the first pass found.
#include <gtest/gtest.h>

#include "transaction_table.h"

namespace sipc {
namespace {

TransactionKey key(uint32_t conversation, uint32_t direction, uint32_t call_id, uint32_t seq, const char* method) {
    TransactionKey k;
    k.conversation = conversation;
    k.direction = direction;
    k.call_id = call_id;
    k.seq = seq;
    k.method = method_bits(method);
    return k;
}

TEST(TransactionTable, ResponseFindsItsRequest) {
    TransactionTable t;
    t.on_request(key(1, 0, 1, 1, "R"), 10, 1000, "");
    t.on_response(key(1, 0, 1, 1, "R"), 12, 200);
    const Transaction* r = t.find(key(1, 0, 1, 1, "R"), 10, true);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->request_frame, 10u);
    EXPECT_EQ(r->final_response_frame, 12u);
    EXPECT_EQ(t.find(key(1, 0, 1, 1, "R"), 12, false), r);
    EXPECT_EQ(r->request_time_ns, 1000);
}

TEST(TransactionTable, KeysKeepConnectionsDirectionsAndMethodsApart) {
    TransactionTable t;
    t.on_request(key(1, 0, 1, 2, "S"), 5, 0, "StartChat");
    // The server's BN with the same I and Q numbers, the other direction.
    t.on_request(key(1, 1, 1, 2, "BN"), 6, 0, "");
    t.on_response(key(1, 0, 1, 2, "S"), 7, 200);
    EXPECT_EQ(t.find(key(1, 1, 1, 2, "BN"), 6, true)->final_response_frame, 0u);
    EXPECT_EQ(t.find(key(1, 0, 1, 2, "S"), 7, false)->request_frame, 5u);
    EXPECT_EQ(t.find(key(2, 0, 1, 2, "S"), 7, false), nullptr);
    EXPECT_EQ(t.find(key(1, 0, 1, 2, "M"), 7, false), nullptr);
    EXPECT_STREQ(t.event(*t.find(key(1, 0, 1, 2, "S"), 7, false)), "StartChat");
    EXPECT_EQ(t.event(*t.find(key(1, 1, 1, 2, "BN"), 6, true)), nullptr);
}

TEST(TransactionTable, ProvisionalThenFinal) {
    TransactionTable t;
    t.on_request(key(1, 0, 3, 1, "I"), 1, 0, "");
    t.on_response(key(1, 0, 3, 1, "I"), 2, 100);
    t.on_response(key(1, 0, 3, 1, "I"), 3, 200);
    const Transaction* r = t.find(key(1, 0, 3, 1, "I"), 1, true);
    EXPECT_EQ(r->first_response_frame, 2u);
    EXPECT_EQ(r->final_response_frame, 3u);
}

TEST(TransactionTable, ResendIsNotANewTransaction) {
    TransactionTable t;
    t.on_request(key(1, 0, 1, 1, "M"), 4, 0, "");
    t.on_request(key(1, 0, 1, 1, "M"), 9, 0, "");  // no answer yet: a resend
    EXPECT_EQ(t.size(), 1u);
    EXPECT_EQ(t.find(key(1, 0, 1, 1, "M"), 9, true)->request_frame, 4u);
}

TEST(TransactionTable, ReusedKeyKeepsHistoryForLaterPasses) {
    TransactionTable t;
    // openfetion logs in with I: 1, Q: 1 R every time.
    t.on_request(key(1, 0, 1, 1, "R"), 1, 0, "");
    t.on_response(key(1, 0, 1, 1, "R"), 2, 401);
    t.on_request(key(1, 0, 1, 1, "R"), 3, 0, "");
    t.on_response(key(1, 0, 1, 1, "R"), 4, 200);
    // What a second pass sees, frame by frame.
    EXPECT_EQ(t.find(key(1, 0, 1, 1, "R"), 1, true)->final_response_frame, 2u);
    EXPECT_EQ(t.find(key(1, 0, 1, 1, "R"), 2, false)->request_frame, 1u);
    EXPECT_EQ(t.find(key(1, 0, 1, 1, "R"), 3, true)->final_response_frame, 4u);
    EXPECT_EQ(t.find(key(1, 0, 1, 1, "R"), 4, false)->request_frame, 3u);
    EXPECT_EQ(t.find(key(1, 0, 1, 1, "R"), 0, true), nullptr);
}

TEST(TransactionTable, ResponseWithoutRequest) {
    TransactionTable t;
    t.on_response(key(1, 0, 1, 1, "R"), 2, 200);
    EXPECT_EQ(t.find(key(1, 0, 1, 1, "R"), 2, false), nullptr);
    EXPECT_EQ(t.size(), 0u);
}

TEST(TransactionTable, ManyTransactionsStayFindableAndSmall) {
    TransactionTable t;
    constexpr uint32_t kCount = 100000;
    for (uint32_t i = 0; i < kCount; ++i) {
        t.on_request(key(i / 10, 0, i % 10, 1, "M"), 2 * i + 1, i, i % 2 ? "x" : "");
        t.on_response(key(i / 10, 0, i % 10, 1, "M"), 2 * i + 2, 200);
    }
    EXPECT_EQ(t.size(), kCount);
    for (uint32_t i = 0; i < kCount; i += 997)
        EXPECT_EQ(t.find(key(i / 10, 0, i % 10, 1, "M"), 2 * i + 2, false)->request_frame, 2 * i + 1);
    // 40 bytes an entry, and an index of 8-byte slots at least 3/8 full
    // (it doubles when 3/4 full): at most 22 bytes of index per key.
    EXPECT_LT(t.bytes(), kCount * (40 + 22) + 200000);
    t.clear();
    EXPECT_EQ(t.size(), 0u);
    EXPECT_EQ(t.find(key(0, 0, 0, 1, "M"), 2, false), nullptr);
}

TEST(TransactionTable, OnlyTheFirstEightBytesOfTheMethodCount) {
    EXPECT_EQ(method_bits("ABCDEFGHxyz"), method_bits("ABCDEFGH"));
    EXPECT_NE(method_bits("R"), method_bits("M"));
    EXPECT_EQ(method_bits(""), 0u);
}

}  // namespace
}  // namespace sipc
