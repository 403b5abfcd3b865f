/* SPDX-License-Identifier: MIT */
/*
 * Zero-malloc proof: the unit tests link with -Wl,--wrap=malloc,calloc,realloc,free. --wrap
 * redirects only references from the objects linked statically (libtinyaws.a, the tests, and
 * a static mbedTLS); libc and a shared mbedTLS (Debian's 2.28) keep the real functions.
 *
 * mbedTLS may allocate (it has its own allocator; a device gives it a static pool), tinyaws
 * may not. A static mbedTLS 3.6 (the default, built with MBEDTLS_PLATFORM_MEMORY) is kept out
 * of the trap by pointing its allocator at the real calloc/free before anything runs. So any
 * call that reaches these wrappers came from our own code and fails the run.
 */
#include <stdio.h>
#include <stddef.h>
#include <mbedtls/platform.h>
#include "check.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

#if defined(MBEDTLS_PLATFORM_MEMORY) && !defined(MBEDTLS_PLATFORM_CALLOC_MACRO) && \
    !defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
/* Before main(): the first allocation of mbedTLS must already go to the real calloc, whichever
 * suite runs first (argv[1] may select any). */
__attribute__((constructor)) static void mbedtls_outside_the_trap(void)
{
    (void)mbedtls_platform_set_calloc_free(__real_calloc, __real_free);
}
#endif

static volatile int heap_calls; /* volatile: GCC assumes malloc leaves our globals alone */
static const char *heap_last;

static void hit(const char *what)
{
    heap_calls++;
    heap_last = what;
}

void *__wrap_malloc(size_t n)
{
    hit("malloc");
    return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
    hit("calloc");
    return __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
    hit("realloc");
    return __real_realloc(p, n);
}

void __wrap_free(void *p)
{
    hit("free");
    __real_free(p);
}

/* The trap works: a malloc from a statically linked object lands here. */
static void test_trap_is_armed(void)
{
    extern void *malloc(size_t);
    extern void free(void *);
    int before = heap_calls;
    void *volatile p = malloc(8); /* volatile: the pair must not be optimised away */
    free(p);
    CHECK_INT(heap_calls - before, 2);
    heap_calls = before;
}

/* Runs last: every suite before it went through the library without one heap call. */
static void test_library_made_no_heap_call(void)
{
    CHECK_MSG(heap_calls == 0, "%d heap call(s), the last to %s", heap_calls, heap_last ? heap_last : "?");
}

CHECK_SUITE(heap_first_suite, CHECK_CASE(test_trap_is_armed));
CHECK_SUITE(heap_last_suite, CHECK_CASE(test_library_made_no_heap_call));
