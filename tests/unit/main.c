/* SPDX-License-Identifier: MIT */
/* Unit-test entry point: every suite, host or target. argv[1] filters by name. */
#include <stddef.h>
#include "check.h"
#include "suites.h"
#ifdef TAWS_ON_TARGET
#include <mbedtls/memory_buffer_alloc.h>
#endif

int check_run(const check_suite_t *const *suites, size_t nsuites, const char *filter);

int main(int argc, char **argv)
{
#ifdef TAWS_ON_TARGET
    /* The target mbedTLS has no calloc: its heap is this static pool (tests use its md layer). */
    static unsigned char pool[32 * 1024];
    mbedtls_memory_buffer_alloc_init(pool, sizeof pool);
#endif
    return check_run(all_suites, sizeof all_suites / sizeof all_suites[0],
                     argc > 1 ? argv[1] : NULL);
}
