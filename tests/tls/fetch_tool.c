/*
 * taws_fetch: GET a URL through tinyaws's port -> TLS -> HTTP/1.1 layers and print the result.
 *   taws_fetch URL [--ca FILE] [--timeout MS] [--repeat N] [--path P]
 * Prints one line per request: "<STATUS_NAME> <http status> <body bytes> <connects>" and the
 * body on the next line (for small bodies). Exit 0 when every request succeeded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tinyaws/conn.h"
#include "tinyaws/http.h"
#include "tinyaws/port_posix.h"

static taws_status_t fetch(taws_conn_t *c, const char *path, taws_http_response_t *r,
                           char *body, size_t cap, size_t *blen)
{
    taws_status_t st;
    *blen = 0;
    TAWS_TRY(taws_conn_open(c));
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
    static taws_port_t port;
    static taws_tls_t tls;
    static taws_conn_t conn;
    static taws_endpoint_t ep;
    static taws_http_response_t resp;
    static char body[65536];
    const char *ca = NULL, *path = "/";
    unsigned long timeout = 5000, repeat = 1, i;
    taws_status_t st;
    taws_str_t url;
    int rc = 0, a;

    if (argc < 2)
        return 2;
    for (a = 2; a + 1 < argc; a += 2) {
        if (!strcmp(argv[a], "--ca"))
            ca = argv[a + 1];
        else if (!strcmp(argv[a], "--timeout"))
            timeout = strtoul(argv[a + 1], NULL, 10);
        else if (!strcmp(argv[a], "--repeat"))
            repeat = strtoul(argv[a + 1], NULL, 10);
        else if (!strcmp(argv[a], "--path"))
            path = argv[a + 1];
    }
    url.p = argv[1];
    url.n = strlen(argv[1]);
    if ((st = taws_endpoint_parse(&ep, url)) != TAWS_OK) {
        printf("%s 0 0 0\n\n", taws_status_name(st));
        return 1;
    }
    taws_port_posix_init(&port, &ps);
    if (ep.tls) {
        if ((st = taws_tls_init(&tls, &port)) != TAWS_OK ||
            (st = taws_tls_add_ca_path(&tls, ca ? ca : "/etc/ssl/certs/ca-certificates.crt")) !=
                TAWS_OK) {
            printf("%s 0 0 0\n\n", taws_status_name(st));
            return 1;
        }
    }
    taws_conn_init(&conn, &port, ep.tls ? &tls : NULL, &ep);
    conn.connect_timeout_ms = conn.read_timeout_ms = (uint32_t)timeout;
    for (i = 0; i < repeat; i++) {
        size_t blen;
        st = fetch(&conn, path, &resp, body, sizeof body, &blen);
        printf("%s %u %lu %lu\n%.*s\n", taws_status_name(st), (unsigned)resp.status,
               (unsigned long)blen, (unsigned long)conn.connects, (int)(blen < 200 ? blen : 200),
               body);
        if (st != TAWS_OK) {
            rc = 1;
            taws_conn_close(&conn);
        }
    }
    taws_conn_close(&conn);
    if (ep.tls)
        taws_tls_free(&tls);
    return rc;
}
