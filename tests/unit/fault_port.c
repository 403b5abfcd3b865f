/* SPDX-License-Identifier: MIT */
/* Fault-injecting port wrapper (see fault_port.h). */
#include "fault_port.h"

static uint64_t next_rand(fault_t *f)
{
    f->rng ^= f->rng << 13;
    f->rng ^= f->rng >> 7;
    f->rng ^= f->rng << 17;
    return f->rng;
}

static int armed(const fault_t *f)
{
    return f->kind != FAULT_NONE && (f->repeat || !f->fired);
}

static taws_status_t fp_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms)
{
    fault_t *f = ctx;
    f->rx_total = 0;
    if (f->kind == FAULT_REFUSE && armed(f)) {
        f->fired = 1;
        return TAWS_ERR_CONNECT;
    }
    return f->inner->connect(f->inner->ctx, host, port, timeout_ms);
}

static taws_status_t fp_send(void *ctx, const uint8_t *buf, size_t len, size_t *sent,
                             uint32_t timeout_ms)
{
    fault_t *f = ctx;
    if (f->short_writes && len > f->short_writes)
        len = 1 + (size_t)(next_rand(f) % f->short_writes);
    return f->inner->send(f->inner->ctx, buf, len, sent, timeout_ms);
}

static taws_status_t fp_recv(void *ctx, uint8_t *buf, size_t len, size_t *got, uint32_t timeout_ms)
{
    fault_t *f = ctx;
    taws_status_t st;
    *got = 0;
    if (armed(f) && f->kind != FAULT_REFUSE && f->rx_total >= f->fail_at) {
        f->fired = 1;
        if (f->kind == FAULT_STALL) {
            f->inner->sleep_ms(f->inner->ctx, timeout_ms); /* nothing arrives in time */
            return TAWS_ERR_TIMEOUT;
        }
        return f->kind == FAULT_RESET ? TAWS_ERR_CLOSED : TAWS_ERR_RECV;
    }
    if (armed(f) && f->kind != FAULT_REFUSE && len > f->fail_at - f->rx_total)
        len = f->fail_at - f->rx_total; /* stop exactly at the fault point */
    if (f->split && len > f->split)
        len = f->random_split ? 1 + (size_t)(next_rand(f) % f->split) : f->split;
    st = f->inner->recv(f->inner->ctx, buf, len, got, timeout_ms);
    f->rx_total += *got;
    f->rx_all += *got;
    return st;
}

static void fp_close(void *ctx)
{
    fault_t *f = ctx;
    f->inner->close(f->inner->ctx);
}

static uint32_t fp_now_ms(void *ctx)
{
    fault_t *f = ctx;
    return f->inner->now_ms(f->inner->ctx);
}

static int64_t fp_wall(void *ctx)
{
    fault_t *f = ctx;
    return f->inner->wall_time(f->inner->ctx);
}

static taws_status_t fp_random(void *ctx, uint8_t *buf, size_t len)
{
    fault_t *f = ctx;
    return f->inner->random(f->inner->ctx, buf, len);
}

static void fp_sleep(void *ctx, uint32_t ms)
{
    fault_t *f = ctx;
    f->inner->sleep_ms(f->inner->ctx, ms);
}

void fault_port_init(taws_port_t *port, fault_t *f, const taws_port_t *inner)
{
    f->inner = inner;
    if (f->rng == 0)
        f->rng = 0x2545f4914f6cdd1dull;
    port->ctx = f;
    port->connect = fp_connect;
    port->send = fp_send;
    port->recv = fp_recv;
    port->close = fp_close;
    port->now_ms = fp_now_ms;
    port->wall_time = fp_wall;
    port->random = fp_random;
    port->sleep_ms = fp_sleep;
}
