/* SPDX-License-Identifier: MIT */
/*
 * mbedTLS's static pool during real TLS listings, and what a resumed handshake saves, on the
 * host with the boards mbedTLS configuration (boards/common/tinyaws_mbedtls_config.h, plus
 * MBEDTLS_MEMORY_DEBUG for the counters) and the POSIX port:
 *
 *   pool_peak https://localhost:PORT CA.pem             pool figures (one JSON line)
 *   pool_peak https://localhost:PORT CA.pem full|resumed  one handshake of that kind, for
 *                                                       callgrind --toggle-collect=handshake
 *
 * Pool: lists every async invocation of the local endpoint (tests/endpoint) with page size
 * 100 on one keep-alive connection, closes the connection, and lists them again on a new one
 * (which resumes the session: the saved session and the new handshake share the pool), from a
 * pool of POOL_MAX bytes, and prints mbedtls_memory_buffer_alloc_max_get() (bytes in use and
 * blocks at their peaks); then it finds by bisection the smallest pool with which the same
 * two listings still succeed (that one includes the allocator's block headers and
 * fragmentation). It also prints what taws_tls_init() and the CA take from the pool, what
 * stays between connections (the saved session) and the handshake bytes on the wire, full
 * and resumed (counted by a port that wraps the POSIX one).
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
#include "conn.h" /* white-box: connections and the TLS context on their own (-Isrc) */
#include "endpoint.h"
#include "http.h"
#include "tls.h"
#include "tinyaws/pager.h"
#include "tinyaws/port_posix.h"

#define POOL_MAX (256 * 1024)
#define CA_MAX (64 * 1024)

static unsigned char pool[POOL_MAX];
static unsigned char ca[CA_MAX];
static size_t ca_len;
static char window[TAWS_WINDOW_SIZE];
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];
static taws_port_t posix_port, port;
static taws_posix_t posix;
static taws_tls_t tls;
static taws_client_t client;
static taws_pager_t pager;

/* A port that counts the bytes the POSIX port moves (handshake sizes). */
static unsigned long wire_out, wire_in;
static taws_status_t c_connect(void *c, const char *h, uint16_t p, uint32_t t)
{
    (void)c;
    return posix_port.connect(posix_port.ctx, h, p, t);
}
static taws_status_t c_send(void *c, const uint8_t *b, size_t n, size_t *s, uint32_t t)
{
    taws_status_t st = posix_port.send(posix_port.ctx, b, n, s, t);
    (void)c;
    if (st == TAWS_OK)
        wire_out += *s;
    return st;
}
static taws_status_t c_recv(void *c, uint8_t *b, size_t n, size_t *g, uint32_t t)
{
    taws_status_t st = posix_port.recv(posix_port.ctx, b, n, g, t);
    (void)c;
    if (st == TAWS_OK)
        wire_in += *g;
    return st;
}
static void c_close(void *c) { (void)c; posix_port.close(posix_port.ctx); }
static uint32_t c_now(void *c) { (void)c; return posix_port.now_ms(posix_port.ctx); }
static int64_t c_wall(void *c) { (void)c; return posix_port.wall_time(posix_port.ctx); }
static taws_status_t c_random(void *c, uint8_t *b, size_t n)
{
    (void)c;
    return posix_port.random(posix_port.ctx, b, n);
}
static void c_sleep(void *c, uint32_t ms) { (void)c; posix_port.sleep_ms(posix_port.ctx, ms); }

static void ports_init(void)
{
    taws_port_posix_init(&posix_port, &posix);
    port = posix_port;
    port.ctx = NULL;
    port.connect = c_connect;
    port.send = c_send;
    port.recv = c_recv;
    port.close = c_close;
    port.now_ms = c_now;
    port.wall_time = c_wall;
    port.random = c_random;
    port.sleep_ms = c_sleep;
}

static mbedtls_time_t host_time(mbedtls_time_t *t)
{
    return time(t);
}

static size_t pool_used(void)
{
    size_t used = 0, blocks = 0;
    mbedtls_memory_buffer_alloc_cur_get(&used, &blocks);
    return used;
}

typedef struct {
    taws_status_t st;
    size_t max_used, max_blocks; /* mbedtls_memory_buffer_alloc_max_get() at the end */
    size_t leaked;               /* pool bytes still allocated after taws_tls_free() */
    size_t init_bytes, ca_bytes; /* taken by taws_tls_init() and by the CA */
    size_t between;              /* in use between the two connections (CA, buffers, session) */
    unsigned long hs_out[2], hs_in[2]; /* each connection's handshake bytes */
    char version[16], suite[64]; /* of the first connection */
} run_t;

/* One listing on the client's connection; counts the handshake's bytes. */
static long list_once(const char *url, run_t *r, int k)
{
    taws_list_async_invokes_params_t params;
    taws_paginate_t pg;
    taws_async_invoke_summary_t item;
    taws_status_t st;
    long n = 0;
    unsigned long out0 = wire_out, in0 = wire_in;

    memset(&params, 0, sizeof params);
    memset(&pg, 0, sizeof pg);
    pg.page_size = (taws_int_t){ 100, 1 };
    st = taws_client_set_endpoint(&client, url);
    if (st == TAWS_OK)
        st = taws_conn_open(&client.conn); /* the handshake alone: its bytes, what it negotiated */
    r->hs_out[k] = wire_out - out0;
    r->hs_in[k] = wire_in - in0;
    if (st == TAWS_OK && k == 0) {
        const char *s = mbedtls_ssl_get_ciphersuite(&tls.ssl);
        snprintf(r->version, sizeof r->version, "%s", mbedtls_ssl_get_version(&tls.ssl));
        snprintf(r->suite, sizeof r->suite, "%s", s ? s : "?");
    }
    if (st == TAWS_OK)
        st = taws_pager_begin(&pager, &client, &taws_op_list_async_invokes, &params, &pg,
                              window, sizeof window, tokens, TAWS_JSON_MAX_TOKENS);
    while (st == TAWS_OK && (st = taws_pager_next(&pager, &item)) == TAWS_OK)
        n++;
    r->st = st;
    return st == TAWS_DONE ? n : -1;
}

/* Two complete listings from a pool of pool_len bytes, the second on a new (resumed)
 * connection: items listed each time, or -1 on failure. */
static long list_all(const char *url, size_t pool_len, run_t *r)
{
    taws_credentials_t cred = { TAWS_LIT("AKIDEXAMPLE"),
                                TAWS_LIT("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), TAWS_STR_NULL };
    taws_status_t st;
    long n = -1, n2 = -1;
    size_t blocks = 0;

    memset(r, 0, sizeof *r);
    mbedtls_memory_buffer_alloc_init(pool, pool_len);
    ports_init();
    st = taws_tls_init(&tls, &port);
    r->init_bytes = pool_used();
    if (st == TAWS_OK)
        st = taws_tls_add_ca(&tls, ca, ca_len);
    r->ca_bytes = pool_used() - r->init_bytes;
    if (st == TAWS_OK)
        st = taws_client_init(&client, &port, &tls, &cred, "us-east-1");
    r->st = st;
    if (st == TAWS_OK && (n = list_once(url, r, 0)) > 0) {
        taws_client_close(&client); /* the session stays for the next connection */
        r->between = pool_used();
        n2 = list_once(url, r, 1);
    }
    taws_client_close(&client);
    taws_tls_free(&tls);
#if defined(MBEDTLS_PSA_CRYPTO_C) && MBEDTLS_VERSION_NUMBER >= 0x03000000
    mbedtls_psa_crypto_free(); /* PSA's global state lives in the pool too (tls.h) */
#endif
    mbedtls_memory_buffer_alloc_cur_get(&r->leaked, &blocks);
    mbedtls_memory_buffer_alloc_max_get(&r->max_used, &r->max_blocks);
    mbedtls_memory_buffer_alloc_free();
    return n > 0 && n2 == n ? n : -1;
}

/* One handshake of the asked kind on its own, for callgrind (--toggle-collect=handshake):
 * the first connection (full handshake, a request to collect a TLS 1.3 ticket) is not
 * measured when "resumed" is asked. */
static taws_endpoint_t ep;
static taws_conn_t conn;
static taws_http_response_t resp;

__attribute__((noinline, noclone)) static taws_status_t handshake(taws_conn_t *c)
{
    return taws_conn_open(c);
}

static taws_status_t one_request(taws_conn_t *c, int measured)
{
    taws_status_t st = measured ? handshake(c) : taws_conn_open(c);
    if (st == TAWS_OK)
        st = taws_sink_str(&c->sink, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    if (st == TAWS_OK)
        st = taws_conn_flush(c);
    taws_http_response_init(&resp);
    while (st == TAWS_OK && !resp.done) {
        size_t used;
        taws_str_t piece;
        if (c->rx_pos == c->rx_len && (st = taws_conn_fill(c)) != TAWS_OK)
            break;
        st = taws_http_response_feed(&resp, c->rx + c->rx_pos, c->rx_len - c->rx_pos, &used, &piece);
        c->rx_pos += used;
    }
    taws_conn_close(c);
    return st == TAWS_ERR_CLOSED ? TAWS_OK : st;
}

static int handshakes(const char *url, int resumed)
{
    taws_str_t u = { url, strlen(url) };
    taws_status_t st;
    mbedtls_memory_buffer_alloc_init(pool, sizeof pool);
    ports_init();
    if (taws_endpoint_parse(&ep, u) != TAWS_OK || taws_tls_init(&tls, &port) != TAWS_OK ||
        taws_tls_add_ca(&tls, ca, ca_len) != TAWS_OK)
        return 1;
    taws_conn_init(&conn, &port, &tls, &ep);
    st = one_request(&conn, !resumed);
    if (st == TAWS_OK && resumed)
        st = one_request(&conn, 1);
    printf("{\"handshake\": \"%s\", \"status\": \"%s\", \"version\": \"%s\"}\n",
           resumed ? "resumed" : "full", taws_strerror(st), mbedtls_ssl_get_version(&tls.ssl));
    taws_tls_free(&tls);
    return st == TAWS_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    FILE *f;
    run_t full, r;
    size_t lo, hi;
    long items;
    unsigned runs = 1;

    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: %s https://localhost:PORT ca.pem [full|resumed]\n", argv[0]);
        return 2;
    }
    f = fopen(argv[2], "rb");
    if (!f)
        return 2;
    ca_len = fread(ca, 1, sizeof ca - 1, f);
    fclose(f);
    ca[ca_len++] = '\0'; /* PEM: the length includes the NUL */
    mbedtls_platform_set_time(host_time);
    if (argc == 4)
        return handshakes(argv[1], !strcmp(argv[3], "resumed"));

    items = list_all(argv[1], sizeof pool, &full);
    if (items <= 0) {
        fprintf(stderr, "pool_peak: listing failed: %s\n", taws_strerror(full.st));
        return 1;
    }
    /* Smallest pool (to 64 bytes) with which the same listings still complete. */
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
        fprintf(stderr, "pool_peak: %zu bytes did not complete the listings again\n", hi);
        return 1;
    }
    if (list_all(argv[1], hi - 64, &r) == items) {
        fprintf(stderr, "pool_peak: %zu bytes completed the listings too\n", hi - 64);
        return 1;
    }
    printf("{\"items\": %ld, \"max_used\": %zu, \"max_blocks\": %zu, \"min_pool\": %zu, "
           "\"below_min_status\": \"%s\", \"version\": \"%s\", \"ciphersuite\": \"%s\", "
           "\"leaked_after_free\": %zu, \"runs\": %u, \"init_bytes\": %zu, \"ca_bytes\": %zu, "
           "\"between_connections\": %zu, \"hs_full\": [%lu, %lu], \"hs_resumed\": [%lu, %lu], "
           "\"in_content_len\": %d, \"out_content_len\": %d, \"pointer_bytes\": %zu}\n",
           items, full.max_used, full.max_blocks, hi, taws_strerror(r.st), full.version, full.suite,
           full.leaked, runs, full.init_bytes, full.ca_bytes, full.between, full.hs_out[0],
           full.hs_in[0], full.hs_out[1], full.hs_in[1], MBEDTLS_SSL_IN_CONTENT_LEN,
           MBEDTLS_SSL_OUT_CONTENT_LEN, sizeof(void *));
    return full.leaked == 0 ? 0 : 1;
}
