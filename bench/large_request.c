// SPDX-License-Identifier: GPL-2.0-or-later
// An experiment for bench/heap_holes.py --large-request N, not part of the
// plugin: preloaded into tshark, it asks glibc for one block of N bytes each
// time a dissector calls p_add_proto_data() (the SIP-C dissector does so a
// few times per message), freeing the one it asked for the time before.
// A block of up to 1,032 bytes comes back from the thread's cache (tcache)
// the moment it is freed and asked for again, and glibc's core allocator
// never sees the request.  A larger one goes to the core allocator as a
// large-bin request, and before serving it glibc merges every chunk waiting
// in its fast lists (malloc_consolidate).  Comparing the two shows whether
// the holes of bench/README.md "The allocator's free lists" are small chunks
// that nothing merges.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

typedef void (*add_proto_data_fn)(void*, void*, int, unsigned, void*);

void p_add_proto_data(void* scope, void* pinfo, int proto, unsigned key, void* data) {
    static add_proto_data_fn real;
    static void* held;
    static long size = -1;
    if (!real) real = (add_proto_data_fn)dlsym(RTLD_NEXT, "p_add_proto_data");
    if (size < 0) {
        const char* s = getenv("LARGE_REQUEST");
        size = s ? atol(s) : 0;
    }
    if (size > 0) {
        free(held);
        held = malloc((size_t)size);
        if (held) *(volatile char*)held = 1;  // a real request, not one the compiler may drop
    }
    real(scope, pinfo, proto, key, data);
}
