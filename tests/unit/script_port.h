/* SPDX-License-Identifier: MIT */
/* A scripted in-memory port for unit tests: each connect() starts the next scripted
 * connection, whose responses are served in order, one per request, split into pieces of a
 * chosen size. What the client sends is recorded. No sockets: runs on the host and on the
 * Cortex-M target alike. */
#ifndef TINYAWS_SCRIPT_PORT_H
#define TINYAWS_SCRIPT_PORT_H

#include "tinyaws/port.h"

#define SCRIPT_MAX_CONNS 8
#define SCRIPT_MAX_RESPONSES 8

typedef struct {
    const char *responses[SCRIPT_MAX_RESPONSES]; /* NUL-terminated raw HTTP responses */
    int n;
    int refuse;          /* connect() fails with TAWS_ERR_CONNECT */
    int close_after;     /* after this many responses, recv() reports a close (0: never) */
} script_conn_t;

/* Routed mode (n_routes > 0): any number of connections; each request is answered with the
 * first route whose `match` occurs in its request line, as a real server would. */
typedef struct {
    const char *match;
    const char *response;
} script_route_t;

#define SCRIPT_MAX_ROUTES 8

typedef struct {
    script_conn_t conns[SCRIPT_MAX_CONNS];
    int n_conns;
    script_route_t routes[SCRIPT_MAX_ROUTES];
    int n_routes;
    const char *routed;  /* routed mode: the response being served */
    size_t piece;        /* bytes per recv (0: as much as asked) */
    /* state */
    int conn;            /* current connection index, -1 before the first connect */
    int open;
    int resp;            /* response being served on this connection */
    size_t off;          /* offset in it */
    int waiting;         /* a request has been sent and not yet answered */
    int connects;
    char sent[16384];    /* everything the client sent, all connections */
    size_t sent_len;
    int requests;        /* request heads seen ("\r\n\r\n" count) */
    int64_t now;         /* wall clock, seconds */
    uint32_t ms;         /* monotonic clock: advanced only by sleep_ms */
    uint32_t slept_ms;   /* total sleep asked for */
    int sleeps;
} script_t;

void script_port_init(taws_port_t *port, script_t *s);

#endif
