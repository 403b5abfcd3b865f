/* SPDX-License-Identifier: MIT */
/* A tiny test harness: portable to bare-metal targets (no fork, no heap), prints
 * "N passed, M failed" as its last line. A test fails on its first failed CHECK. */
#ifndef TINYAWS_CHECK_H
#define TINYAWS_CHECK_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *name;
    void (*fn)(void);
} check_case_t;

typedef struct {
    const char *name;
    const check_case_t *cases;
    size_t n;
} check_suite_t;

#define CHECK_SUITE(sym, ...)                                                            \
    static const check_case_t sym##_cases[] = { __VA_ARGS__ };                           \
    const check_suite_t sym = { #sym, sym##_cases, sizeof sym##_cases / sizeof sym##_cases[0] }
#define CHECK_CASE(fn) { #fn, fn }

/* Records a failure; returns 0 so CHECK can bail out of the test function. */
int check_fail(const char *file, int line, const char *fmt, ...);
int check_failed_now(void);

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            check_fail(__FILE__, __LINE__, "%s", #cond);                                 \
            return;                                                                      \
        }                                                                                \
    } while (0)

#define CHECK_MSG(cond, ...)                                                             \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            check_fail(__FILE__, __LINE__, __VA_ARGS__);                                 \
            return;                                                                      \
        }                                                                                \
    } while (0)

#define CHECK_INT(a, b)                                                                  \
    do {                                                                                 \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);                  \
        if (check_a_ != check_b_) {                                                      \
            check_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, check_a_,   \
                       check_b_);                                                        \
            return;                                                                      \
        }                                                                                \
    } while (0)

/* Status comparison with names in the message. */
#define CHECK_ST(a, b)                                                                   \
    do {                                                                                 \
        int check_a_ = (int)(a), check_b_ = (int)(b);                                    \
        if (check_a_ != check_b_) {                                                      \
            check_fail(__FILE__, __LINE__, "%s: got %s, want %s", #a,                    \
                       taws_status_name((taws_status_t)check_a_),                        \
                       taws_status_name((taws_status_t)check_b_));                       \
            return;                                                                      \
        }                                                                                \
    } while (0)

/* Byte-exact comparison of (pointer, length) pairs, with both shown on failure. */
int check_mem_eq(const char *file, int line, const char *what, const void *a, size_t an,
                 const void *b, size_t bn);
#define CHECK_MEM(a, an, b, bn)                                                          \
    do {                                                                                 \
        if (!check_mem_eq(__FILE__, __LINE__, #a, (a), (an), (b), (bn)))                 \
            return;                                                                      \
    } while (0)
#define CHECK_STR(a, b)                                                                  \
    do {                                                                                 \
        const char *check_sa_ = (a), *check_sb_ = (b);                                   \
        if (!check_mem_eq(__FILE__, __LINE__, #a, check_sa_, strlen(check_sa_),          \
                          check_sb_, strlen(check_sb_)))                                 \
            return;                                                                      \
    } while (0)

/* Deterministic PRNG for randomised tests (xorshift64*), seeded per test run. */
uint64_t check_rand(void);
void check_seed(uint64_t s);

#endif
