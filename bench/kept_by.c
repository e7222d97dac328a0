// SPDX-License-Identifier: GPL-2.0-or-later
// The memory a shared object causes a process to hold, counted exactly:
// an LD_PRELOAD library that interposes malloc and friends and charges each
// block to KEPT_BY_OBJECT (a path suffix such as "/sipc.so") when a frame of
// that object is on the call stack of the allocation.  Blocks allocated for
// the object by Wireshark's own code (a conversation it asks for, an entry
// of a wmem_map it inserts into) count too; what other dissectors allocate
// on their own behalf (TCP's reassembly of the segments the object asked
// for, HTTP trying a connection) does not.
//
// Run tshark with WIRESHARK_DEBUG_WMEM_OVERRIDE=strict, so that every wmem
// allocation is a malloc block of its own instead of a slice of a shared
// 8 MiB block.  The strict allocator adds 40 bytes to each block (a header
// and two canaries): blocks that carry its canaries are counted without
// them, i.e. as the bytes the code asked for.
//
// At exit it writes "peak_bytes peak_blocks" of the charged blocks to the
// file KEPT_BY_OUT.  What a dissector keeps for the life of the file is
// freed only at the end, so the peak is what it keeps (plus the few
// per-packet blocks live at that moment).
//
// Build: cc -O2 -shared -fPIC -o kept_by.so kept_by.c -ldl   (bench/run.py --kept does it)
#define _GNU_SOURCE
#include <execinfo.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void interposer_loaded(void);
static void allocated(void* p, size_t size);
static void releasing(void* p);
#include "interposer.h"  // the malloc family; busy is set inside our bookkeeping

static uintptr_t object_lo, object_hi;
static unsigned long lookups_left = 1;  // allocations until the next search for the object

static const char* object_suffix;
static size_t live_bytes, live_blocks, peak_bytes, peak_blocks;

enum { kStrictOverhead = 40, kStrictHeader = 24, kCanary = 8, kFrames = 32 };

// Charged blocks: open addressing, pointer -> size, in memory of its own.
typedef struct {
    uintptr_t ptr;  // 0 empty, 1 deleted
    size_t size;
    uint32_t site;  // index in sites[]
} Slot;

// With KEPT_BY_SITES set: the charged bytes by the innermost frame of the
// object that asked for them, as they were when the peak was last reached
// (within 1 %), written to KEPT_BY_OUT as "offset bytes blocks" lines for
// addr2line (bench/run.py --kept --sites reads them).
enum { kSites = 8192 };
typedef struct {
    uintptr_t offset;  // from the object's load address
    size_t bytes, blocks;
} Site;
static Site sites[kSites], sites_at_peak[kSites];
static int want_sites;
static uintptr_t object_base;
static size_t snapshot_bytes;
static uint32_t current_site;
static Slot* slots;
static size_t slot_count, slot_used;
static void* pending;  // the newest charged block, checked for strict canaries later
static size_t pending_asked;

static size_t hash_ptr(uintptr_t p) { return (size_t)((p >> 4) * 0x9E3779B97F4A7C15ull); }

static void table_put(uintptr_t p, size_t size, uint32_t site);

static void table_grow(void) {
    Slot* old = slots;
    size_t old_count = slot_count;
    slot_count = slot_count ? slot_count * 2 : (1u << 16);
    slots = mmap(NULL, slot_count * sizeof(Slot), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    slot_used = 0;
    for (size_t i = 0; i < old_count; ++i)
        if (old[i].ptr > 1) table_put(old[i].ptr, old[i].size, old[i].site);
    if (old) munmap(old, old_count * sizeof(Slot));
}

static void table_put(uintptr_t p, size_t size, uint32_t site) {
    if ((slot_used + 1) * 2 > slot_count) table_grow();
    size_t mask = slot_count - 1;
    size_t i = hash_ptr(p) & mask;
    while (slots[i].ptr > 1) i = (i + 1) & mask;
    slots[i].ptr = p;
    slots[i].size = size;
    slots[i].site = site;
    ++slot_used;
}

static Slot* table_find(uintptr_t p) {
    if (!slot_count) return NULL;
    size_t mask = slot_count - 1;
    for (size_t i = hash_ptr(p) & mask;; i = (i + 1) & mask) {
        if (slots[i].ptr == p) return &slots[i];
        if (slots[i].ptr == 0) return NULL;
    }
}

static int find_object(struct dl_phdr_info* info, size_t size, void* data) {
    (void)size;
    (void)data;
    size_t n = strlen(info->dlpi_name), k = strlen(object_suffix);
    if (n < k || strcmp(info->dlpi_name + n - k, object_suffix) != 0) return 0;
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)* ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X)) continue;
        object_base = info->dlpi_addr;
        object_lo = info->dlpi_addr + ph->p_vaddr;
        object_hi = object_lo + ph->p_memsz;
        return 1;
    }
    return 0;
}

static uint32_t site_of(uintptr_t offset) {
    uint32_t i = (uint32_t)((offset * 0x9E3779B97F4A7C15ull) >> 51) % kSites;
    while (sites[i].offset && sites[i].offset != offset) i = (i + 1) % kSites;
    sites[i].offset = offset;
    return i;
}

// Whether the allocation being made is on behalf of the object.
static int charged(void) {
    if (!object_suffix) return 0;
    if (!object_hi) {
        // Not loaded yet: look again now and then, not at every allocation.
        if (--lookups_left) return 0;
        lookups_left = 4096;
        dl_iterate_phdr(find_object, NULL);
        if (!object_hi) return 0;
    }
    void* frames[kFrames];
    int n = backtrace(frames, kFrames);
    for (int i = 2; i < n; ++i) {
        uintptr_t a = (uintptr_t)frames[i];
        if (a >= object_lo && a < object_hi) {
            if (want_sites) current_site = site_of(a - 1 - object_base);  // -1: inside the call
            return 1;
        }
    }
    return 0;
}

static void note_peak(void) {
    if (live_bytes > peak_bytes) {
        peak_bytes = live_bytes;
        peak_blocks = live_blocks;
        if (want_sites && peak_bytes > snapshot_bytes + snapshot_bytes / 100) {
            memcpy(sites_at_peak, sites, sizeof sites);
            snapshot_bytes = peak_bytes;
        }
    }
}

// The strict allocator writes its canaries right after malloc returns; by the
// next call into us they are there.
static void settle_pending(void) {
    if (!pending) return;
    const unsigned char* c = (const unsigned char*)pending + kStrictHeader;
    int strict = pending_asked >= kStrictOverhead;
    for (int i = 0; strict && i < kCanary; ++i) strict = c[i] == 0x9E;
    if (strict) {
        Slot* s = table_find((uintptr_t)pending);
        if (s) {
            s->size -= kStrictOverhead;
            live_bytes -= kStrictOverhead;
            sites[s->site].bytes -= kStrictOverhead;
        }
    }
    pending = NULL;
}

static void charge(void* p, size_t size) {
    table_put((uintptr_t)p, size, current_site);
    sites[current_site].bytes += size;
    ++sites[current_site].blocks;
    live_bytes += size;
    ++live_blocks;
    note_peak();
    pending = p;
    pending_asked = size;
}

static void release(void* p) {
    if (p == pending) pending = NULL;
    Slot* s = table_find((uintptr_t)p);
    if (!s) return;
    live_bytes -= s->size;
    --live_blocks;
    sites[s->site].bytes -= s->size;
    --sites[s->site].blocks;
    s->ptr = 1;
}

static void interposer_loaded(void) {
    object_suffix = getenv("KEPT_BY_OBJECT");
    want_sites = getenv("KEPT_BY_SITES") != NULL;
}

static void allocated(void* p, size_t size) {
    settle_pending();
    if (charged()) charge(p, size);
}

static void releasing(void* p) {
    settle_pending();
    release(p);
}

__attribute__((destructor)) static void report(void) {
    const char* out = getenv("KEPT_BY_OUT");
    // Only the process that loaded the object reports (not runuser or env
    // on the way to it).
    if (!out || !object_hi) return;
    busy = 1;
    FILE* f = fopen(out, "w");
    if (!f) return;
    fprintf(f, "%zu %zu\n", peak_bytes, peak_blocks);
    for (int i = 0; want_sites && i < kSites; ++i)
        if (sites_at_peak[i].blocks) fprintf(f, "%lx %zu %zu\n", (unsigned long)sites_at_peak[i].offset,
                                             sites_at_peak[i].bytes, sites_at_peak[i].blocks);
    fclose(f);
}
