/* SPDX-License-Identifier: MIT */
/* Scripted in-memory port (see script_port.h). */
#include <string.h>
#include "script_port.h"

static taws_status_t sp_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms)
{
    script_t *s = ctx;
    (void)host;
    (void)port;
    (void)timeout_ms;
    s->conn++;
    s->connects++;
    if (s->n_routes) {
        s->open = 1;
        s->routed = NULL;
        s->off = 0;
        s->waiting = 0;
        return TAWS_OK;
    }
    if (s->conn >= s->n_conns)
        return TAWS_ERR_CONNECT;
    if (s->conns[s->conn].refuse)
        return TAWS_ERR_CONNECT;
    s->open = 1;
    s->resp = 0;
    s->off = 0;
    s->waiting = 0;
    return TAWS_OK;
}

static taws_status_t sp_send(void *ctx, const uint8_t *buf, size_t len, size_t *sent,
                             uint32_t timeout_ms)
{
    script_t *s = ctx;
    size_t i, k = len < sizeof s->sent - s->sent_len ? len : sizeof s->sent - s->sent_len;
    (void)timeout_ms;
    if (!s->open)
        return TAWS_ERR_SEND;
    memcpy(s->sent + s->sent_len, buf, k);
    for (i = 0; i < k; i++) { /* a request head ends with a blank line */
        size_t at = s->sent_len + i;
        if (at >= 3 && memcmp(s->sent + at - 3, "\r\n\r\n", 4) == 0) {
            s->requests++;
            s->waiting = 1;
            if (s->n_routes) {
                /* the request line starts after the previous blank line */
                size_t st = at - 3, j;
                int r;
                while (st > 0 && !(st >= 4 && memcmp(s->sent + st - 4, "\r\n\r\n", 4) == 0))
                    st--;
                s->routed = NULL;
                for (r = 0; r < s->n_routes && !s->routed; r++) {
                    size_t ml = strlen(s->routes[r].match);
                    for (j = st; j + ml <= at && s->sent[j] != '\r'; j++)
                        if (memcmp(s->sent + j, s->routes[r].match, ml) == 0) {
                            s->routed = s->routes[r].response;
                            break;
                        }
                }
                s->off = 0;
            }
        }
    }
    s->sent_len += k;
    *sent = len;
    return TAWS_OK;
}

static taws_status_t sp_recv(void *ctx, uint8_t *buf, size_t len, size_t *got, uint32_t timeout_ms)
{
    script_t *s = ctx;
    script_conn_t *c;
    const char *r;
    size_t left, n;
    (void)timeout_ms;
    *got = 0;
    if (!s->open)
        return TAWS_ERR_RECV;
    if (s->n_routes) {
        if (!s->waiting || !s->routed)
            return s->waiting ? TAWS_ERR_CLOSED : TAWS_ERR_TIMEOUT;
        left = strlen(s->routed) - s->off;
        n = len < left ? len : left;
        if (s->piece && n > s->piece)
            n = s->piece;
        memcpy(buf, s->routed + s->off, n);
        s->off += n;
        if (s->off == strlen(s->routed))
            s->waiting = 0;
        *got = n;
        return TAWS_OK;
    }
    c = &s->conns[s->conn];
    if (s->resp >= c->n || (c->close_after && s->resp >= c->close_after))
        return TAWS_ERR_CLOSED;
    if (!s->waiting)
        return TAWS_ERR_TIMEOUT; /* the server answers only requests */
    r = c->responses[s->resp];
    left = strlen(r) - s->off;
    n = len < left ? len : left;
    if (s->piece && n > s->piece)
        n = s->piece;
    memcpy(buf, r + s->off, n);
    s->off += n;
    if (s->off == strlen(r)) {
        s->resp++;
        s->off = 0;
        s->waiting = 0;
    }
    *got = n;
    return TAWS_OK;
}

static void sp_close(void *ctx)
{
    ((script_t *)ctx)->open = 0;
}

static uint32_t sp_now_ms(void *ctx)
{
    return ((script_t *)ctx)->ms;
}

static int64_t sp_wall(void *ctx)
{
    return ((script_t *)ctx)->now;
}

static taws_status_t sp_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    memset(buf, 0x5a, len);
    return TAWS_OK;
}

static void sp_sleep(void *ctx, uint32_t ms)
{
    script_t *s = ctx;
    s->ms += ms;
    s->slept_ms += ms;
    s->sleeps++;
}

void script_port_init(taws_port_t *port, script_t *s)
{
    s->conn = -1;
    s->open = 0;
    s->now = 1704164645; /* 2024-01-02T03:04:05Z */
    port->ctx = s;
    port->connect = sp_connect;
    port->send = sp_send;
    port->recv = sp_recv;
    port->close = sp_close;
    port->now_ms = sp_now_ms;
    port->wall_time = sp_wall;
    port->random = sp_random;
    port->sleep_ms = sp_sleep;
}
