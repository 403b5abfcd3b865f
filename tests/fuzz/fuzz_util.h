/* SPDX-License-Identifier: MIT */
/*
 * Shared helpers for the libFuzzer harnesses: an invariant check that aborts (so libFuzzer
 * records the input), a tiny deterministic PRNG for choosing split points, and ASan poisoning
 * so a fixed-size static buffer behaves like an exactly-sized allocation (the harnesses never
 * malloc, and a write one byte past a 64-byte window inside a 4 KiB static array would
 * otherwise go unnoticed).
 */
#ifndef TAWS_FUZZ_UTIL_H
#define TAWS_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "tinyaws/status.h"

/* An invariant of the library was broken: say which, then abort so libFuzzer keeps the input. */
#define FUZZ_CHECK(cond)                                                                 \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                     \
        }                                                                                \
    } while (0)

/* Prints bytes for a failure report: printable ASCII as is, the rest as \xNN. */
static inline void fuzz_dump(const char *label, const void *p, size_t n)
{
    const unsigned char *s = p;
    size_t i;
    fprintf(stderr, "%s (%zu bytes): ", label, n);
    for (i = 0; i < n && i < 4096; i++)
        fprintf(stderr, s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\' ? "%c" : "\\x%02x", s[i]);
    fprintf(stderr, "%s\n", n > 4096 ? "..." : "");
}

/* Every status a function returns must be one of taws_status_t's values. */
#define FUZZ_CHECK_STATUS(st) FUZZ_CHECK((unsigned)(st) < (unsigned)TAWS_STATUS_COUNT)

/* xorshift32: the split plan is a pure function of the input, so crashes replay exactly. */
typedef struct {
    uint32_t s;
} fuzz_rng_t;

static inline void fuzz_rng_seed(fuzz_rng_t *r, uint32_t seed)
{
    r->s = seed ? seed : 0x9e3779b9u;
}

static inline uint32_t fuzz_rng_next(fuzz_rng_t *r)
{
    uint32_t x = r->s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    r->s = x;
    return x;
}

/* Piece sizes for feeding a stream: FUZZ_WHOLE, FUZZ_BYTES (one at a time), FUZZ_FIXED
 * (pieces of max bytes) or FUZZ_RANDOM (1..max bytes each). */
enum { FUZZ_WHOLE, FUZZ_BYTES, FUZZ_FIXED, FUZZ_RANDOM };
typedef struct {
    int mode;
    size_t max;
    fuzz_rng_t rng;
} fuzz_split_t;

static inline void fuzz_split_init(fuzz_split_t *sp, int mode, size_t max, uint32_t seed)
{
    sp->mode = mode;
    sp->max = max ? max : 1;
    fuzz_rng_seed(&sp->rng, seed);
}

static inline size_t fuzz_split_next(fuzz_split_t *sp, size_t left)
{
    size_t k;
    switch (sp->mode) {
    case FUZZ_WHOLE:
        return left;
    case FUZZ_BYTES:
        k = 1;
        break;
    case FUZZ_FIXED:
        k = sp->max;
        break;
    default:
        k = 1 + fuzz_rng_next(&sp->rng) % sp->max;
        break;
    }
    return k < left ? k : left;
}

/* Is [p, p+n) inside [base, base+cap)? (Compares as integers: the views may be anything.) */
static inline int fuzz_inside(const void *p, size_t n, const void *base, size_t cap)
{
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;
    return a >= b && a - b <= cap && n <= cap - (size_t)(a - b);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_HAVE_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_HAVE_ASAN 1
#endif

#ifdef FUZZ_HAVE_ASAN
#include <sanitizer/asan_interface.h>
/* Makes buf[used..cap) unaddressable: the library gets a buffer of exactly `used` bytes. */
static inline void fuzz_fence(void *buf, size_t used, size_t cap)
{
    ASAN_UNPOISON_MEMORY_REGION(buf, cap);
    if (used < cap)
        ASAN_POISON_MEMORY_REGION((char *)buf + used, cap - used);
}
static inline void fuzz_unfence(void *buf, size_t cap)
{
    ASAN_UNPOISON_MEMORY_REGION(buf, cap);
}
#else
static inline void fuzz_fence(void *buf, size_t used, size_t cap)
{
    (void)buf;
    (void)used;
    (void)cap;
}
static inline void fuzz_unfence(void *buf, size_t cap)
{
    (void)buf;
    (void)cap;
}
#endif

#endif /* TAWS_FUZZ_UTIL_H */
