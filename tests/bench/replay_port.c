/* SPDX-License-Identifier: MIT */
/* Record and replay ports (see replay_port.h). Adapted from tests/unit/script_port.c. */
#include <stdio.h>
#include <string.h>
#include "replay_port.h"

/* ---- recording ------------------------------------------------------------------------- */

static void rec_mark(rec_t *r)
{
    recording_t *rec = r->rec;
    size_t last = rec->n ? rec->ends[rec->n - 1] : 0;
    if (rec->len > last) {
        if (rec->n < REC_MAX_RESPONSES)
            rec->ends[rec->n++] = rec->len;
        else
            r->overflow = 1;
    }
}

static taws_status_t rp_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms)
{
    rec_t *r = ctx;
    return r->inner->connect(r->inner->ctx, host, port, timeout_ms);
}

static taws_status_t rp_send(void *ctx, const uint8_t *buf, size_t len, size_t *sent,
                             uint32_t timeout_ms)
{
    rec_t *r = ctx;
    rec_mark(r); /* a new request: the previous response is complete */
    return r->inner->send(r->inner->ctx, buf, len, sent, timeout_ms);
}

static taws_status_t rp_recv(void *ctx, uint8_t *buf, size_t len, size_t *got, uint32_t timeout_ms)
{
    rec_t *r = ctx;
    taws_status_t st = r->inner->recv(r->inner->ctx, buf, len, got, timeout_ms);
    if (st == TAWS_OK) {
        if (r->rec->len + *got > r->cap) {
            r->overflow = 1;
        } else {
            memcpy(r->rec->data + r->rec->len, buf, *got);
            r->rec->len += *got;
        }
    }
    return st;
}

static void rp_close(void *ctx)
{
    rec_t *r = ctx;
    r->inner->close(r->inner->ctx);
}

static uint32_t rp_now_ms(void *ctx)
{
    rec_t *r = ctx;
    return r->inner->now_ms(r->inner->ctx);
}

static int64_t rp_wall(void *ctx)
{
    rec_t *r = ctx;
    return r->inner->wall_time(r->inner->ctx);
}

static taws_status_t rp_random(void *ctx, uint8_t *buf, size_t len)
{
    rec_t *r = ctx;
    return r->inner->random(r->inner->ctx, buf, len);
}

static void rp_sleep(void *ctx, uint32_t ms)
{
    rec_t *r = ctx;
    r->inner->sleep_ms(r->inner->ctx, ms);
}

void rec_port_init(taws_port_t *port, rec_t *r, const taws_port_t *inner, recording_t *rec,
                   char *buf, size_t cap)
{
    memset(r, 0, sizeof *r);
    memset(rec, 0, sizeof *rec);
    rec->data = buf;
    r->inner = inner;
    r->rec = rec;
    r->cap = cap;
    port->ctx = r;
    port->connect = rp_connect;
    port->send = rp_send;
    port->recv = rp_recv;
    port->close = rp_close;
    port->now_ms = rp_now_ms;
    port->wall_time = rp_wall;
    port->random = rp_random;
    port->sleep_ms = rp_sleep;
}

void rec_finish(rec_t *r)
{
    rec_mark(r);
}

/* File: "tawsrec <n>\n", n end offsets one per line, then the bytes. */
int rec_save(const recording_t *rec, const char *path)
{
    FILE *f = fopen(path, "wb");
    size_t i;
    int bad;
    if (!f)
        return -1;
    fprintf(f, "tawsrec %lu\n", (unsigned long)rec->n);
    for (i = 0; i < rec->n; i++)
        fprintf(f, "%lu\n", (unsigned long)rec->ends[i]);
    bad = fwrite(rec->data, 1, rec->len, f) != rec->len;
    return (fclose(f) != 0 || bad) ? -1 : 0;
}

int rec_load(recording_t *rec, char *buf, size_t cap, const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned long n, e, i;
    size_t got;
    memset(rec, 0, sizeof *rec);
    rec->data = buf;
    if (!f)
        return -1;
    if (fscanf(f, "tawsrec %lu", &n) != 1 || n == 0 || n > REC_MAX_RESPONSES)
        goto bad;
    for (i = 0; i < n; i++) {
        if (fscanf(f, "%lu", &e) != 1 || (i && e <= rec->ends[i - 1]) || e > cap)
            goto bad;
        rec->ends[i] = e;
    }
    if (fgetc(f) != '\n')
        goto bad;
    rec->n = n;
    got = fread(buf, 1, cap, f);
    if (got != rec->ends[n - 1] || fgetc(f) != EOF)
        goto bad;
    rec->len = got;
    fclose(f);
    return 0;
bad:
    fclose(f);
    return -1;
}

/* ---- replay ---------------------------------------------------------------------------- */

static taws_status_t pl_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms)
{
    replay_t *r = ctx;
    (void)host;
    (void)port;
    (void)timeout_ms;
    r->open = 1;
    r->waiting = 0;
    r->head = 0;
    r->connects++;
    return TAWS_OK;
}

static taws_status_t pl_send(void *ctx, const uint8_t *buf, size_t len, size_t *sent,
                             uint32_t timeout_ms)
{
    static const char end[4] = { '\r', '\n', '\r', '\n' };
    replay_t *r = ctx;
    size_t i;
    (void)timeout_ms;
    if (!r->open)
        return TAWS_ERR_SEND;
    for (i = 0; i < len; i++) { /* a request head ends with a blank line */
        if (buf[i] == (uint8_t)end[r->head]) {
            if (++r->head == 4) {
                r->head = 0;
                r->waiting = 1;
                r->requests++;
            }
        } else {
            r->head = buf[i] == '\r' ? 1 : 0;
        }
    }
    *sent = len;
    return TAWS_OK;
}

static taws_status_t pl_recv(void *ctx, uint8_t *buf, size_t len, size_t *got, uint32_t timeout_ms)
{
    replay_t *r = ctx;
    size_t end, n;
    (void)timeout_ms;
    *got = 0;
    if (!r->open)
        return TAWS_ERR_RECV;
    if (!r->waiting)
        return TAWS_ERR_TIMEOUT; /* a server answers only requests */
    end = r->rec->ends[r->cur];
    n = end - r->off < len ? end - r->off : len;
    memcpy(buf, r->rec->data + r->off, n);
    r->off += n;
    if (r->off == end) {
        r->waiting = 0;
        if (++r->cur == r->rec->n) {
            r->cur = 0;
            r->off = 0;
        }
    }
    *got = n;
    return TAWS_OK;
}

static void pl_close(void *ctx)
{
    ((replay_t *)ctx)->open = 0;
}

static uint32_t pl_now_ms(void *ctx)
{
    (void)ctx;
    return 0;
}

static int64_t pl_wall(void *ctx)
{
    (void)ctx;
    return 1704164645; /* 2024-01-02T03:04:05Z: one signing key for the whole run */
}

static taws_status_t pl_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    memset(buf, 0x5a, len);
    return TAWS_OK;
}

static void pl_sleep(void *ctx, uint32_t ms)
{
    (void)ctx;
    (void)ms;
}

void replay_port_init(taws_port_t *port, replay_t *r, const recording_t *rec)
{
    memset(r, 0, sizeof *r);
    r->rec = rec;
    port->ctx = r;
    port->connect = pl_connect;
    port->send = pl_send;
    port->recv = pl_recv;
    port->close = pl_close;
    port->now_ms = pl_now_ms;
    port->wall_time = pl_wall;
    port->random = pl_random;
    port->sleep_ms = pl_sleep;
}
