// SPDX-License-Identifier: GPL-2.0-or-later
// Preloaded into tshark by bench/heap_holes.py: every HOLES_EVERY blocks
// allocated (bench/interposer.h: malloc and its family) it walks glibc's main heap chunk by chunk and counts the free chunks
// that sit in glibc's bins ("holes": memory below the top of the heap that no
// live block uses), and for each hole notes who last allocated its address
// and which live block lies right above it and keeps it from going back to
// the top.  Holes slow malloc down: a request that its per-thread cache and
// fast lists cannot serve searches the bins, whose chunks lie all over the heap.
//
// glibc-specific (2.26 and later, x86-64): a chunk is an 8-byte previous
// size, an 8-byte size whose lowest bit says that the chunk *before* it is in
// use, then the user's bytes; the main heap is one contiguous area from the
// first chunk up to sbrk(0).  Chunks in the per-thread cache and the fast
// lists are marked in use and are not counted.  tshark dissects on one
// thread, so the main heap is the one that matters.
#define _GNU_SOURCE
#include <execinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void interposer_loaded(void);
static void allocated(void* p, size_t size);
static void releasing(void* p);
#include "interposer.h"  // the malloc family

// Call sites: a hash of the return addresses, and the addresses.
#define DEPTH 12
typedef struct {
    uint64_t hash;
    int depth;
    void* frames[DEPTH];
} Site;
#define SITES (1 << 16)
static Site sites[SITES];

// Address -> site of its last allocation; kept after free (the hole's owner).
#define SLOTS (1 << 23)
static uintptr_t slot_key[SLOTS];
static uint32_t slot_site[SLOTS];

static char* heap_start;
static unsigned long calls, every;

static uint32_t current_site(void) {
    void* bt[DEPTH + 2];
    int n = backtrace(bt, DEPTH + 2) - 2;  // without this file's two frames
    if (n <= 0) return 0;
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < n; i++) h = (h ^ (uintptr_t)bt[i + 2]) * 1099511628211ULL;
    uint32_t i = h & (SITES - 1);
    while (sites[i].hash && sites[i].hash != h) i = (i + 1) & (SITES - 1);
    if (!sites[i].hash) {
        sites[i].hash = h;
        sites[i].depth = n;
        memcpy(sites[i].frames, bt + 2, n * sizeof(void*));
    }
    return i;
}

static uint32_t slot_of(uintptr_t key) {
    uint32_t i = (uint32_t)((key >> 4) * 2654435761u) & (SLOTS - 1);
    while (slot_key[i] && slot_key[i] != key) i = (i + 1) & (SLOTS - 1);
    return i;
}

static void note(void* p) {
    uint32_t i = slot_of((uintptr_t)p);
    slot_key[i] = (uintptr_t)p;
    slot_site[i] = current_site();
}

static int owner(void* p) {
    uint32_t i = slot_of((uintptr_t)p);
    return slot_key[i] ? (int)slot_site[i] : -1;
}

static void print_site(FILE* out, int s) {
    if (s < 0) {
        fprintf(out, "    (not seen)\n");
        return;
    }
    char** names = backtrace_symbols(sites[s].frames, sites[s].depth);
    for (int i = 0; i < sites[s].depth; i++) fprintf(out, "    %s\n", names ? names[i] : "?");
    real_free(names);
}

typedef struct {
    int hole_owner, pinned_by;
    long holes, bytes;
} Pair;
#define PAIRS 4096
static Pair pairs[PAIRS];

static void walk(void) {
    FILE* out = fopen(getenv("HOLES_OUT"), "a");
    if (!out) return;
    char* end = sbrk(0);
    long holes = 0, bytes = 0;
    int npairs = 0;
    for (char* p = heap_start; p + 32 < end;) {
        size_t size = *(size_t*)(p + 8) & ~(size_t)7;
        char* next = p + size;
        if (size < 32 || next + 16 > end) break;  // the top chunk, or not a heap we understand
        if (!(*(size_t*)(next + 8) & 1)) {
            holes++;
            bytes += size;
            int a = owner(p + 16), b = owner(next + 16), k = 0;
            while (k < npairs && (pairs[k].hole_owner != a || pairs[k].pinned_by != b)) k++;
            if (k == npairs && npairs < PAIRS) pairs[npairs++] = (Pair){a, b, 0, 0};
            if (k < npairs) {
                pairs[k].holes++;
                pairs[k].bytes += size;
            }
        }
        p = next;
    }
    fprintf(out, "walk %lu %ld %ld %ld\n", calls, holes, bytes, (long)(end - heap_start));
    int top = atoi(getenv("HOLES_PAIRS") ? getenv("HOLES_PAIRS") : "0");
    for (int r = 0; r < top; r++) {
        int best = -1;
        for (int k = 0; k < npairs; k++)
            if (pairs[k].holes > 0 && (best < 0 || pairs[k].holes > pairs[best].holes)) best = k;
        if (best < 0) break;
        fprintf(out, "pair %ld %ld\n  hole last allocated at:\n", pairs[best].holes, pairs[best].bytes);
        print_site(out, pairs[best].hole_owner);
        fprintf(out, "  live block above it allocated at:\n");
        print_site(out, pairs[best].pinned_by);
        pairs[best].holes = -pairs[best].holes;
    }
    fclose(out);
}

static void interposer_loaded(void) {
    every = strtoul(getenv("HOLES_EVERY") ? getenv("HOLES_EVERY") : "1000000", NULL, 10);
}

// Every block handed out (malloc, calloc, realloc, posix_memalign).
static void allocated(void* p, size_t size) {
    (void)size;
    if (!heap_start) heap_start = (char*)p - 16;  // the process's first block: the heap's first chunk
    note(p);
    if (++calls % every == 0) walk();
}

static void releasing(void* p) { (void)p; }  // the owner of an address is kept after free
