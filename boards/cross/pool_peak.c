/*
 * The peak of mbedTLS's static pool during a real TLS listing, on the host, with the boards
 * mbedTLS configuration (boards/common/tinyaws_mbedtls_config.h, plus MBEDTLS_MEMORY_DEBUG for
 * the counters) and the POSIX port:
 *
 *   pool_peak https://localhost:PORT CA.pem
 *
 * Lists every async invocation of the local endpoint (tests/endpoint) with page size 100 from
 * a pool of POOL_MAX bytes and prints mbedtls_memory_buffer_alloc_max_get() (bytes in use and
 * blocks at their peaks), then finds by bisection the smallest pool with which the same
 * listing still succeeds (that one includes the allocator's block headers and
 * fragmentation). One JSON line on stdout.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <mbedtls/memory_buffer_alloc.h>
#include <mbedtls/platform.h>
#include <mbedtls/version.h>
#if defined(MBEDTLS_PSA_CRYPTO_C) && MBEDTLS_VERSION_NUMBER >= 0x03000000
#include <psa/crypto.h>
#endif
#include "tinyaws/pager.h"
#include "tinyaws/port_posix.h"
#include "tinyaws/tls.h"

#define POOL_MAX (256 * 1024)
#define CA_MAX (64 * 1024)

static unsigned char pool[POOL_MAX];
static unsigned char ca[CA_MAX];
static size_t ca_len;
static char window[TAWS_WINDOW_SIZE];
static jsmntok_t tokens[TAWS_JSON_MAX_TOKENS];
static taws_port_t port;
static taws_posix_t posix;
static taws_tls_t tls;
static taws_client_t client;
static taws_pager_t pager;
static const char *suite = "?"; /* negotiated in the last listing */

static mbedtls_time_t host_time(mbedtls_time_t *t)
{
    return time(t);
}

typedef struct {
    taws_status_t st;
    size_t max_used, max_blocks; /* mbedtls_memory_buffer_alloc_max_get() at the end */
    size_t leaked;               /* pool bytes still allocated after taws_tls_free() */
} run_t;

/* One complete listing from a pool of pool_len bytes: items listed, or -1 on failure. */
static long list_all(const char *url, size_t pool_len, run_t *r)
{
    taws_credentials_t cred = { TAWS_LIT("AKIDEXAMPLE"),
                                TAWS_LIT("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), TAWS_STR_NULL };
    taws_list_async_invokes_params_t params;
    taws_paginate_t pg;
    taws_async_invoke_summary_t item;
    taws_status_t st;
    long n = 0;
    size_t blocks = 0;

    mbedtls_memory_buffer_alloc_init(pool, pool_len);
    memset(&params, 0, sizeof params);
    memset(&pg, 0, sizeof pg);
    pg.page_size = (taws_int_t){ 100, 1 };
    taws_port_posix_init(&port, &posix);
    st = taws_tls_init(&tls, &port);
    if (st == TAWS_OK)
        st = taws_tls_add_ca(&tls, ca, ca_len);
    if (st == TAWS_OK)
        st = taws_client_init(&client, &port, &tls, &cred, "us-east-1");
    if (st == TAWS_OK)
        st = taws_client_set_endpoint(&client, url);
    if (st == TAWS_OK)
        st = taws_pager_begin(&pager, &client, &taws_op_list_async_invokes, &params, &pg,
                              window, sizeof window, tokens, TAWS_JSON_MAX_TOKENS);
    while (st == TAWS_OK && (st = taws_pager_next(&pager, &item)) == TAWS_OK) {
        if (n++ == 0)
            suite = mbedtls_ssl_get_ciphersuite(&tls.ssl);
    }
    taws_client_close(&client);
    taws_tls_free(&tls);
#if defined(MBEDTLS_PSA_CRYPTO_C) && MBEDTLS_VERSION_NUMBER >= 0x03000000
    mbedtls_psa_crypto_free(); /* PSA's global state lives in the pool too (tls.h) */
#endif
    mbedtls_memory_buffer_alloc_cur_get(&r->leaked, &blocks);
    mbedtls_memory_buffer_alloc_max_get(&r->max_used, &r->max_blocks);
    mbedtls_memory_buffer_alloc_free();
    r->st = st;
    return st == TAWS_DONE ? n : -1;
}

int main(int argc, char **argv)
{
    FILE *f;
    run_t full, r;
    size_t lo, hi;
    long items;
    unsigned runs = 1;
    const char *full_suite;

    if (argc != 3) {
        fprintf(stderr, "usage: %s https://localhost:PORT ca.pem\n", argv[0]);
        return 2;
    }
    f = fopen(argv[2], "rb");
    if (!f)
        return 2;
    ca_len = fread(ca, 1, sizeof ca - 1, f);
    fclose(f);
    ca[ca_len++] = '\0'; /* PEM: the length includes the NUL */
    mbedtls_platform_set_time(host_time);

    items = list_all(argv[1], sizeof pool, &full);
    full_suite = suite;
    if (items <= 0) {
        fprintf(stderr, "pool_peak: listing failed: %s\n", taws_strerror(full.st));
        return 1;
    }
    /* Smallest pool (to 64 bytes) with which the same listing still completes. */
    lo = full.max_used; /* below the payload peak it cannot work */
    hi = sizeof pool;
    while (hi - lo > 64) {
        size_t mid = lo + (hi - lo) / 2;
        mid -= mid % 64;
        if (mid <= lo)
            break;
        runs++;
        if (list_all(argv[1], mid, &r) == items)
            hi = mid;
        else
            lo = mid;
    }
    /* The boundary, checked both ways: hi completes, hi - 64 fails with an error status (a
     * crash would end this program and fail `make size`). */
    runs += 2;
    if (list_all(argv[1], hi, &r) != items || r.leaked != 0) {
        fprintf(stderr, "pool_peak: %zu bytes did not complete the listing again\n", hi);
        return 1;
    }
    if (list_all(argv[1], hi - 64, &r) == items) {
        fprintf(stderr, "pool_peak: %zu bytes completed the listing too\n", hi - 64);
        return 1;
    }
    printf("{\"items\": %ld, \"max_used\": %zu, \"max_blocks\": %zu, \"min_pool\": %zu, "
           "\"below_min_status\": \"%s\", \"ciphersuite\": \"%s\", \"leaked_after_free\": %zu, \"runs\": %u, "
           "\"in_content_len\": %d, \"out_content_len\": %d, \"pointer_bytes\": %zu}\n",
           items, full.max_used, full.max_blocks, hi, taws_strerror(r.st), full_suite, full.leaked, runs,
           MBEDTLS_SSL_IN_CONTENT_LEN, MBEDTLS_SSL_OUT_CONTENT_LEN, sizeof(void *));
    return full.leaked == 0 ? 0 : 1;
}
