/* SPDX-License-Identifier: MIT */
/* A buffered connection over the port, with TLS for https endpoints. */
#include <string.h>
#include "conn.h"
#include "crypto.h"
#include "tls.h"

void taws_conn_set_deadline(taws_conn_t *c, uint32_t budget_ms)
{
    c->has_deadline = budget_ms != 0;
    c->deadline_start = c->port->now_ms(c->port->ctx);
    c->deadline_budget = budget_ms;
}

uint32_t taws_conn_time_left(const taws_conn_t *c, uint32_t cap)
{
    uint32_t spent, left;
    if (!c->has_deadline)
        return cap;
    spent = c->port->now_ms(c->port->ctx) - c->deadline_start;
    left = spent >= c->deadline_budget ? 0 : c->deadline_budget - spent;
    return left < cap ? left : cap;
}

static taws_status_t send_all(taws_conn_t *c, const uint8_t *p, size_t n)
{
    while (n > 0) {
        size_t sent = 0;
        uint32_t t = taws_conn_time_left(c, c->read_timeout_ms);
        taws_status_t st = t == 0 ? TAWS_ERR_TIMEOUT
                         : c->ep->tls ? taws_tls_send(c->tls, p, n, &sent, t)
                                      : c->port->send(c->port->ctx, p, n, &sent, t);
        if (st != TAWS_OK)
            return st;
        p += sent;
        n -= sent;
    }
    return TAWS_OK;
}

taws_status_t taws_conn_flush(taws_conn_t *c)
{
    taws_status_t st;
    if (c->tx_len == 0)
        return TAWS_OK;
    st = send_all(c, c->tx, c->tx_len);
    taws_wipe(c->tx, c->tx_len); /* it held the Authorization and security-token headers */
    c->tx_len = 0;
    return st;
}

static taws_status_t conn_write(taws_sink_t *s, const void *p, size_t n)
{
    taws_conn_t *c = (taws_conn_t *)s;
    const uint8_t *b = p;
    while (n > 0) {
        size_t room = sizeof c->tx - c->tx_len, k = n < room ? n : room;
        memcpy(c->tx + c->tx_len, b, k);
        c->tx_len += k;
        b += k;
        n -= k;
        if (c->tx_len == sizeof c->tx)
            TAWS_TRY(taws_conn_flush(c));
    }
    return TAWS_OK;
}

void taws_conn_init(taws_conn_t *c, const taws_port_t *port, taws_tls_t *tls,
                    const taws_endpoint_t *ep)
{
    memset(c, 0, sizeof *c);
    c->sink.write = conn_write;
    c->port = port;
    c->tls = tls;
    c->ep = ep;
    c->connect_timeout_ms = TAWS_CONNECT_TIMEOUT_MS;
    c->read_timeout_ms = TAWS_READ_TIMEOUT_MS;
}

taws_status_t taws_conn_open(taws_conn_t *c)
{
    taws_status_t st;
    uint32_t t;
    if (c->open)
        return TAWS_OK;
    taws_wipe(c->tx, c->tx_len);
    c->tx_len = c->rx_pos = c->rx_len = 0;
    if (c->ep->tls && c->tls == NULL)
        return TAWS_ERR_TLS_SETUP;
    c->connect_failed = 1;
    t = taws_conn_time_left(c, c->connect_timeout_ms);
    if (t == 0)
        return TAWS_ERR_TIMEOUT;
    st = c->port->connect(c->port->ctx, c->ep->host, c->ep->port, t);
    if (st != TAWS_OK)
        return st;
    if (c->ep->tls) {
        /* The handshake shares the connect timeout, as the AWS CLI's connect timeout does. */
        t = taws_conn_time_left(c, c->connect_timeout_ms);
        st = t ? taws_tls_handshake(c->tls, c->ep->host, t) : TAWS_ERR_TIMEOUT;
        if (st != TAWS_OK) {
            c->port->close(c->port->ctx);
            return st;
        }
    }
    c->connect_failed = 0;
    c->open = 1;
    c->connects++;
    return TAWS_OK;
}

taws_status_t taws_conn_fill(taws_conn_t *c)
{
    size_t got = 0;
    taws_status_t st;
    uint32_t t = taws_conn_time_left(c, c->read_timeout_ms);
    if (!c->open)
        return TAWS_ERR_STATE;
    st = t == 0 ? TAWS_ERR_TIMEOUT
       : c->ep->tls ? taws_tls_recv(c->tls, c->rx, sizeof c->rx, &got, t)
                    : c->port->recv(c->port->ctx, c->rx, sizeof c->rx, &got, t);
    c->rx_pos = 0;
    c->rx_len = got;
    return st;
}

void taws_conn_close(taws_conn_t *c)
{
    taws_wipe(c->tx, c->tx_len); /* a request that was not sent whole: its Authorization */
    c->tx_len = 0;
    if (!c->open)
        return;
    if (c->ep->tls)
        taws_tls_close(c->tls);
    c->port->close(c->port->ctx);
    c->open = 0;
    c->rx_pos = c->rx_len = 0;
}
