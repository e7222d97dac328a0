// SPDX-License-Identifier: GPL-2.0-or-later
// The malloc family for an LD_PRELOAD library of bench/ (kept_by.c,
// heap_holes.c): each call goes to glibc's function and the including file
// hears of it through three functions it defines before including this one:
//
//   static void interposer_loaded(void);            once, glibc's functions now known
//   static void allocated(void* p, size_t size);    a block was handed out
//   static void releasing(void* p);                 a block is about to be freed or moved
//
// allocated() and releasing() never run inside one another, nor while the
// includer's own code allocates (busy is set around them), so they may call
// malloc and backtrace() freely.
// The includer defines _GNU_SOURCE before its first #include (RTLD_NEXT).
#pragma once
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

static void* (*real_malloc)(size_t);
static void* (*real_calloc)(size_t, size_t);
static void* (*real_realloc)(void*, size_t);
static void (*real_free)(void*);
static int (*real_posix_memalign)(void**, size_t, size_t);

// dlsym itself may allocate before real_calloc is known.
static char bootstrap[8192];
static size_t bootstrap_used;

static __thread int busy;  // inside the includer's bookkeeping

static void interposer_init(void) {
    if (real_malloc) return;
    busy = 1;
    real_calloc = dlsym(RTLD_NEXT, "calloc");
    real_malloc = dlsym(RTLD_NEXT, "malloc");
    real_realloc = dlsym(RTLD_NEXT, "realloc");
    real_free = dlsym(RTLD_NEXT, "free");
    real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
    interposer_loaded();
    busy = 0;
}

static void after_alloc(void* p, size_t size) {
    if (!p || busy) return;
    busy = 1;
    allocated(p, size);
    busy = 0;
}

static void before_release(void* p) {
    if (!p || busy) return;
    busy = 1;
    releasing(p);
    busy = 0;
}

static int from_bootstrap(void* p) { return (char*)p >= bootstrap && (char*)p < bootstrap + sizeof bootstrap; }

void* malloc(size_t size) {
    interposer_init();
    void* p = real_malloc(size);
    after_alloc(p, size);
    return p;
}

void* calloc(size_t n, size_t size) {
    if (!real_calloc) {
        // dlsym's own allocation, before calloc is known.
        size_t total = (n * size + 15) & ~(size_t)15;
        void* p = bootstrap + bootstrap_used;
        bootstrap_used += total;
        return p;
    }
    void* p = real_calloc(n, size);
    after_alloc(p, n * size);
    return p;
}

void free(void* p) {
    if (!p || from_bootstrap(p)) return;
    interposer_init();
    before_release(p);
    real_free(p);
}

void* realloc(void* p, size_t size) {
    interposer_init();
    if (p && from_bootstrap(p)) {
        void* q = malloc(size);
        memcpy(q, p, size);
        return q;
    }
    before_release(p);
    void* q = real_realloc(p, size);
    after_alloc(q, size);
    return q;
}

int posix_memalign(void** out, size_t align, size_t size) {
    interposer_init();
    int r = real_posix_memalign(out, align, size);
    if (r == 0) after_alloc(*out, size);
    return r;
}

void* memalign(size_t align, size_t size) {
    void* p = NULL;
    return posix_memalign(&p, align, size) == 0 ? p : NULL;
}

void* aligned_alloc(size_t align, size_t size) { return memalign(align, size); }
