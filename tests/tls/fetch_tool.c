/* SPDX-License-Identifier: MIT */
/*
 * taws_fetch: GET URLs through tinyaws's port -> TLS -> HTTP/1.1 layers and print the result.
 *
 *   taws_fetch [--ca FILE] [--timeout MS] [--no-verify] [--path P] STEP...
 *   STEP:  URL | --repeat N URL | --verify | --no-verify
 *   taws_fetch --version
 *
 * One taws_tls_t serves every step (so sessions carry over), and a connection is kept while
 * the URL stays the same and the server keeps it alive. --verify / --no-verify switch
 * certificate verification for the steps after them (taws_tls_set_verify). The CA bundle is
 * loaded with taws_tls_add_ca_file() (default: the system bundle) unless verification is off
 * from the start and no --ca is given.
 *
 * Prints one line per request:
 *   <STATUS_NAME> <http status> <body bytes> <connects> <tls version> <ciphersuite>
 *   <handshake bytes sent> <handshake bytes received>
 * (the last four "-" and 0 without a new handshake) and the body on the next line (for small
 * bodies). A CA bundle that does not load prints "<STATUS_NAME> 0 0 0 - - 0 0" and
 * taws_tls_ca_reason() on the next line. --version prints the mbedTLS version and whether it
 * has TLS 1.3. Exit 0 when every request succeeded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mbedtls/version.h>
#include "conn.h"
#include "endpoint.h"
#include "http.h"
#include "tinyaws/port_posix.h"

/* A port that counts the bytes it moves (handshake sizes), over the POSIX port. */
typedef struct {
    taws_port_t inner;
    unsigned long sent, received;
} count_port_t;

static taws_status_t cp_connect(void *ctx, const char *host, uint16_t port, uint32_t t)
{
    count_port_t *c = ctx;
    return c->inner.connect(c->inner.ctx, host, port, t);
}
static taws_status_t cp_send(void *ctx, const uint8_t *b, size_t n, size_t *sent, uint32_t t)
{
    count_port_t *c = ctx;
    taws_status_t st = c->inner.send(c->inner.ctx, b, n, sent, t);
    if (st == TAWS_OK)
        c->sent += *sent;
    return st;
}
static taws_status_t cp_recv(void *ctx, uint8_t *b, size_t n, size_t *got, uint32_t t)
{
    count_port_t *c = ctx;
    taws_status_t st = c->inner.recv(c->inner.ctx, b, n, got, t);
    if (st == TAWS_OK)
        c->received += *got;
    return st;
}
static void cp_close(void *ctx) { count_port_t *c = ctx; c->inner.close(c->inner.ctx); }
static uint32_t cp_now(void *ctx) { count_port_t *c = ctx; return c->inner.now_ms(c->inner.ctx); }
static int64_t cp_wall(void *ctx) { count_port_t *c = ctx; return c->inner.wall_time(c->inner.ctx); }
static taws_status_t cp_random(void *ctx, uint8_t *b, size_t n)
{
    count_port_t *c = ctx;
    return c->inner.random(c->inner.ctx, b, n);
}
static void cp_sleep(void *ctx, uint32_t ms) { count_port_t *c = ctx; c->inner.sleep_ms(c->inner.ctx, ms); }

static count_port_t counter;
static unsigned long opened_sent, opened_received; /* counter right after taws_conn_open */
static const char *opened_version = "-", *opened_suite = "-"; /* ... and the connection's TLS */

static taws_status_t fetch(taws_conn_t *c, const char *path, taws_http_response_t *r,
                           char *body, size_t cap, size_t *blen)
{
    taws_status_t st;
    *blen = 0;
    st = taws_conn_open(c);
    opened_sent = counter.sent;
    opened_received = counter.received;
    if (st != TAWS_OK)
        return st;
    if (c->tls) {
        const char *suite = mbedtls_ssl_get_ciphersuite(&c->tls->ssl);
        opened_version = mbedtls_ssl_get_version(&c->tls->ssl);
        opened_suite = suite ? suite : "-";
    }
    TAWS_TRY(taws_sink_str(&c->sink, "GET "));
    TAWS_TRY(taws_sink_str(&c->sink, path));
    TAWS_TRY(taws_sink_str(&c->sink, " HTTP/1.1\r\n"));
    {
        taws_str_t host = { c->ep->host_header, strlen(c->ep->host_header) };
        TAWS_TRY(taws_http_write_header(&c->sink, TAWS_LIT("Host"), host));
    }
    TAWS_TRY(taws_sink_str(&c->sink, "\r\n"));
    TAWS_TRY(taws_conn_flush(c));
    taws_http_response_init(r);
    while (!r->done) {
        size_t used;
        taws_str_t piece;
        if (c->rx_pos == c->rx_len) {
            st = taws_conn_fill(c);
            if (st == TAWS_ERR_CLOSED)
                return taws_http_response_eof(r);
            if (st != TAWS_OK)
                return st;
        }
        st = taws_http_response_feed(r, c->rx + c->rx_pos, c->rx_len - c->rx_pos, &used, &piece);
        if (st != TAWS_OK)
            return st;
        c->rx_pos += used;
        if (piece.n && *blen + piece.n < cap) {
            memcpy(body + *blen, piece.p, piece.n);
            *blen += piece.n;
        }
    }
    if (!r->keep_alive)
        taws_conn_close(c);
    return TAWS_OK;
}

int main(int argc, char **argv)
{
    static taws_posix_t ps;
    static taws_port_t posix, port;
    static taws_tls_t tls;
    static taws_conn_t conn;
    static taws_endpoint_t ep;
    static taws_http_response_t resp;
    static char body[65536], url_now[512];
    const char *ca = NULL, *path = "/";
    unsigned long timeout = 5000, repeat = 1;
    int rc = 0, a, verify = 1, tls_ready = 0, conn_ready = 0;

    if (argc == 2 && !strcmp(argv[1], "--version")) {
#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
        printf("%s tls13=1\n", MBEDTLS_VERSION_STRING);
#else
        printf("%s tls13=0\n", MBEDTLS_VERSION_STRING);
#endif
        return 0;
    }
    taws_port_posix_init(&posix, &ps);
    counter.inner = posix;
    port.ctx = &counter;
    port.connect = cp_connect;
    port.send = cp_send;
    port.recv = cp_recv;
    port.close = cp_close;
    port.now_ms = cp_now;
    port.wall_time = cp_wall;
    port.random = cp_random;
    port.sleep_ms = cp_sleep;

    for (a = 1; a < argc; a++) {
        const char *arg = argv[a];
        unsigned long i;
        taws_status_t st;
        if (!strcmp(arg, "--ca") && a + 1 < argc) {
            ca = argv[++a];
            continue;
        }
        if (!strcmp(arg, "--timeout") && a + 1 < argc) {
            timeout = strtoul(argv[++a], NULL, 10);
            continue;
        }
        if (!strcmp(arg, "--path") && a + 1 < argc) {
            path = argv[++a];
            continue;
        }
        if (!strcmp(arg, "--repeat") && a + 1 < argc) {
            repeat = strtoul(argv[++a], NULL, 10);
            continue;
        }
        if (!strcmp(arg, "--verify") || !strcmp(arg, "--no-verify")) {
            verify = !strcmp(arg, "--verify");
            if (tls_ready)
                taws_tls_set_verify(&tls, verify);
            continue;
        }
        /* A URL: a new endpoint closes the connection to the previous one. */
        if (strcmp(arg, url_now) != 0) {
            taws_str_t url = { arg, strlen(arg) };
            if (conn_ready)
                taws_conn_close(&conn);
            snprintf(url_now, sizeof url_now, "%s", arg);
            if ((st = taws_endpoint_parse(&ep, url)) != TAWS_OK) {
                printf("%s 0 0 0 - - 0 0\n\n", taws_status_name(st));
                return 1;
            }
            if (ep.tls && !tls_ready) {
                char why[128];
                if ((st = taws_tls_init(&tls, &port)) != TAWS_OK) {
                    printf("%s 0 0 0 - - 0 0\n\n", taws_status_name(st));
                    return 1;
                }
                taws_tls_set_verify(&tls, verify);
                if ((verify || ca) &&
                    (st = taws_tls_add_ca_file(&tls, ca ? ca : "/etc/ssl/certs/ca-certificates.crt")) != TAWS_OK) {
                    printf("%s 0 0 0 - - 0 0\n%s\n", taws_status_name(st),
                           taws_tls_ca_reason(&tls, why, sizeof why));
                    return 1;
                }
                if (verify || ca)
                    fprintf(stderr, "ca: loaded %lu skipped %lu\n", (unsigned long)taws_tls_ca_loaded(&tls),
                            (unsigned long)taws_tls_ca_skipped(&tls));
                tls_ready = 1;
            }
            taws_conn_init(&conn, &port, ep.tls ? &tls : NULL, &ep);
            conn.connect_timeout_ms = conn.read_timeout_ms = (uint32_t)timeout;
            conn_ready = 1;
        }
        for (i = 0; i < repeat; i++) {
            size_t blen;
            uint32_t before = conn.connects;
            unsigned long s0 = counter.sent, r0 = counter.received;
            const char *version = "-", *suite = "-";
            unsigned long hs_out = 0, hs_in = 0;
            st = fetch(&conn, path, &resp, body, sizeof body, &blen);
            if (conn.connects != before && ep.tls) { /* a new connection: its handshake */
                version = opened_version;
                suite = opened_suite;
                hs_out = opened_sent - s0;
                hs_in = opened_received - r0;
            }
            {
                size_t k;
                for (k = 0; k < blen && k < 200; k++) /* one line: the output is line-based */
                    if (body[k] == '\n' || body[k] == '\r')
                        body[k] = ' ';
            }
            printf("%s %u %lu %lu %s %s %lu %lu\n%.*s\n", taws_status_name(st), (unsigned)resp.status,
                   (unsigned long)blen, (unsigned long)conn.connects, version, suite,
                   hs_out, hs_in, (int)(blen < 200 ? blen : 200), body);
            opened_version = opened_suite = "-";
            if (st != TAWS_OK) {
                rc = 1;
                taws_conn_close(&conn);
            }
        }
        repeat = 1;
    }
    if (conn_ready)
        taws_conn_close(&conn);
    if (tls_ready)
        taws_tls_free(&tls);
    return rc;
}
