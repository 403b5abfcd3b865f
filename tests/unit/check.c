/* SPDX-License-Identifier: MIT */
/* Runner for check.h suites: runs every case (or those whose name contains argv[1]) and
 * prints "N passed, M failed" last. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static int failed_now;
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

int check_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    failed_now = 1;
    fprintf(stdout, "  FAIL %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    return 0;
}

int check_failed_now(void)
{
    return failed_now;
}

static void show(const char *label, const unsigned char *p, size_t n)
{
    size_t i;
    fprintf(stdout, "    %s (%lu bytes): \"", label, (unsigned long)n);
    for (i = 0; i < n && i < 400; i++) {
        if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\')
            fputc(p[i], stdout);
        else if (p[i] == '\n')
            fputs("\\n", stdout);
        else
            fprintf(stdout, "\\x%02x", p[i]);
    }
    fputs(i < n ? "...\"\n" : "\"\n", stdout);
}

int check_mem_eq(const char *file, int line, const char *what, const void *a, size_t an,
                 const void *b, size_t bn)
{
    size_t i;
    if (an == bn && (an == 0 || memcmp(a, b, an) == 0))
        return 1;
    for (i = 0; i < an && i < bn && ((const unsigned char *)a)[i] == ((const unsigned char *)b)[i];
         i++)
        ;
    check_fail(file, line, "%s differs at byte %lu", what, (unsigned long)i);
    show("got ", a, an);
    show("want", b, bn);
    return 0;
}

uint64_t check_rand(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

void check_seed(uint64_t s)
{
    rng_state = s ? s : 1;
}

int check_run(const check_suite_t *const *suites, size_t nsuites, const char *filter)
{
    size_t s, c;
    unsigned passed = 0, failed = 0;
    for (s = 0; s < nsuites; s++) {
        for (c = 0; c < suites[s]->n; c++) {
            const check_case_t *k = &suites[s]->cases[c];
            if (filter && !strstr(k->name, filter) && !strstr(suites[s]->name, filter))
                continue;
            failed_now = 0;
            check_seed(0x5eed0000u + c);
            k->fn();
            if (failed_now) {
                failed++;
                fprintf(stdout, "not ok - %s.%s\n", suites[s]->name, k->name);
            } else {
                passed++;
                fprintf(stdout, "ok - %s.%s\n", suites[s]->name, k->name);
            }
        }
    }
    fprintf(stdout, "%u passed, %u failed\n", passed, failed);
    fflush(stdout);
    return failed == 0 ? 0 : 1;
}
