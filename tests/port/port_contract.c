/* SPDX-License-Identifier: MIT */
/*
 * The port contract, call by call, for every port (see port_contract.h). What each check
 * asserts is what include/tinyaws/port.h promises and what the client relies on:
 * an orderly close and a reset both read as TAWS_ERR_CLOSED after the data before them,
 * send/recv after close fail, timeouts end on time, short sends add up, and each failure to
 * connect has its own status.
 */
#include <string.h>
#include "port_contract.h"
#include "tinyaws/status.h"

static uint8_t bulk[TAWS_CONTRACT_BULK];

/* ---- output without stdio --------------------------------------------------------------- */

typedef struct {
    char buf[200];
    size_t n;
} line_t;

static void put(line_t *l, const char *s)
{
    while (*s && l->n < sizeof l->buf - 1)
        l->buf[l->n++] = *s++;
    l->buf[l->n] = '\0';
}

static void put_u32(line_t *l, uint32_t v)
{
    char tmp[11];
    int i = 0;
    do {
        tmp[i++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0);
    while (i > 0 && l->n < sizeof l->buf - 1)
        l->buf[l->n++] = tmp[--i];
    l->buf[l->n] = '\0';
}

typedef struct {
    const taws_contract_t *c;
    int passed, failed;
} run_t;

static void check(run_t *r, int cond, const char *what, taws_status_t st)
{
    line_t l = { "", 0 };
    put(&l, cond ? "ok - port: " : "not ok - port: ");
    put(&l, what);
    put(&l, " (");
    put(&l, taws_status_name(st));
    put(&l, ")");
    r->c->line(l.buf);
    if (cond)
        r->passed++;
    else
        r->failed++;
}

static void note_ms(run_t *r, const char *what, uint32_t v, const char *unit)
{
    line_t l = { "", 0 };
    put(&l, "# ");
    put(&l, what);
    put(&l, " ");
    put_u32(&l, v);
    put(&l, unit);
    r->c->line(l.buf);
}

/* ---- helpers ------------------------------------------------------------------------------ */

/* Sends all of buf; *calls counts the send calls it took, *sizes_ok that each moved 1..left. */
static taws_status_t send_all(const taws_port_t *p, const uint8_t *buf, size_t len,
                              uint32_t timeout_ms, unsigned *calls, int *sizes_ok)
{
    *calls = 0;
    *sizes_ok = 1;
    while (len > 0) {
        size_t sent = 0;
        taws_status_t st = p->send(p->ctx, buf, len, &sent, timeout_ms);
        (*calls)++;
        if (st != TAWS_OK)
            return st;
        if (sent < 1 || sent > len) {
            *sizes_ok = 0;
            return TAWS_ERR_SEND;
        }
        buf += sent;
        len -= sent;
    }
    return TAWS_OK;
}

/* Receives until the connection ends; returns the status that ended it. */
static taws_status_t recv_to_end(const taws_port_t *p, char *buf, size_t cap, size_t *n,
                                 uint32_t timeout_ms)
{
    *n = 0;
    for (;;) {
        size_t got = 0;
        taws_status_t st;
        if (*n >= cap)
            return TAWS_ERR_TOO_LONG;
        st = p->recv(p->ctx, (uint8_t *)buf + *n, cap - *n, &got, timeout_ms);
        if (st != TAWS_OK)
            return st;
        if (got < 1 || got > cap - *n)
            return TAWS_ERR_RECV;
        *n += got;
    }
}

static void u32_text(char *out, uint32_t v)
{
    line_t l = { "", 0 };
    put_u32(&l, v);
    memcpy(out, l.buf, l.n + 1);
}

/* ---- the contract ------------------------------------------------------------------------- */

static void exchange(run_t *r, const taws_port_t *p)
{
    const taws_contract_t *c = r->c;
    char buf[64];
    size_t n = 0, sent = 0;
    unsigned calls = 0;
    int sizes_ok = 0;
    taws_status_t st;

    /* An exchange, then the server's orderly close: the data, then TAWS_ERR_CLOSED. */
    st = p->connect(p->ctx, c->host, c->echo, 5000);
    check(r, st == TAWS_OK, "connect by name", st);
    st = send_all(p, (const uint8_t *)"hello", 5, 5000, &calls, &sizes_ok);
    check(r, st == TAWS_OK && sizes_ok, "send 5 bytes", st);
    st = recv_to_end(p, buf, sizeof buf, &n, 5000);
    check(r, st == TAWS_ERR_CLOSED && n == 5 && memcmp(buf, "world", 5) == 0,
          "recv gives the answer, then TAWS_ERR_CLOSED on orderly close", st);
    st = p->recv(p->ctx, (uint8_t *)buf, sizeof buf, &n, 100);
    check(r, st == TAWS_ERR_CLOSED && n == 0, "recv after the close still says TAWS_ERR_CLOSED", st);
    p->close(p->ctx);
    p->close(p->ctx);
    check(r, 1, "close twice", TAWS_OK);
    st = p->send(p->ctx, (const uint8_t *)"x", 1, &sent, 100);
    check(r, st == TAWS_ERR_SEND && sent == 0, "send after close fails", st);
    st = p->recv(p->ctx, (uint8_t *)buf, sizeof buf, &n, 100);
    check(r, st == TAWS_ERR_RECV && n == 0, "recv after close fails", st);

    /* A numeric address needs no resolver. */
    st = p->connect(p->ctx, c->numeric, c->echo, 5000);
    check(r, st == TAWS_OK, "connect to the numeric address", st);
    /* connect() on an open connection closes it first and opens a new one. */
    st = p->connect(p->ctx, c->numeric, c->echo, 5000);
    check(r, st == TAWS_OK, "connect again while connected (the old one is closed)", st);
    st = send_all(p, (const uint8_t *)"hello", 5, 5000, &calls, &sizes_ok);
    if (st == TAWS_OK)
        st = recv_to_end(p, buf, sizeof buf, &n, 5000);
    check(r, st == TAWS_ERR_CLOSED && n == 5 && memcmp(buf, "world", 5) == 0,
          "the new connection works", st);
    p->close(p->ctx);
}

static void timeouts_and_reset(run_t *r, const taws_port_t *p)
{
    const taws_contract_t *c = r->c;
    char buf[64];
    size_t n = 0;
    unsigned calls = 0;
    int sizes_ok = 0;
    uint32_t t0, dt;
    taws_status_t st;

    /* A silent server: recv times out on time. */
    st = p->connect(p->ctx, c->host, c->silent, 5000);
    check(r, st == TAWS_OK, "connect to the silent server", st);
    t0 = p->now_ms(p->ctx);
    st = p->recv(p->ctx, (uint8_t *)buf, sizeof buf, &n, 300);
    dt = p->now_ms(p->ctx) - t0;
    check(r, st == TAWS_ERR_TIMEOUT && n == 0 && dt >= 295 && dt < 1000,
          "recv times out after 300 ms", st);
    note_ms(r, "recv timeout took", dt, " ms");
    p->close(p->ctx);

    /* A reset: TAWS_ERR_CLOSED, as an orderly close (the client retries either). */
    st = p->connect(p->ctx, c->host, c->rst, 5000);
    check(r, st == TAWS_OK, "connect to the resetting server", st);
    st = send_all(p, (const uint8_t *)"x", 1, 5000, &calls, &sizes_ok); /* its cue to reset */
    check(r, st == TAWS_OK && sizes_ok, "send 1 byte", st);
    st = recv_to_end(p, buf, sizeof buf, &n, 5000);
    check(r, st == TAWS_ERR_CLOSED && n == 0, "recv after a reset gives TAWS_ERR_CLOSED", st);
    p->close(p->ctx);
}

static void bulk_transfer(run_t *r, const taws_port_t *p)
{
    const taws_contract_t *c = r->c;
    char buf[64], want[16];
    size_t n;
    unsigned calls = 0;
    int sizes_ok = 0;
    taws_status_t st;

    /* 256 KiB, more than any stack's send buffer: sends are short and the loop completes. */
    for (n = 0; n < TAWS_CONTRACT_BULK; n++)
        bulk[n] = (uint8_t)(n * 7u + 3u);
    st = p->connect(p->ctx, c->host, c->bulk, 5000);
    check(r, st == TAWS_OK, "connect to the bulk server", st);
    st = send_all(p, bulk, TAWS_CONTRACT_BULK, 20000, &calls, &sizes_ok);
    check(r, st == TAWS_OK && sizes_ok && (calls > 1 || !c->expect_short_sends),
          c->expect_short_sends ? "send 256 KiB in short sends (flow control)" : "send 256 KiB", st);
    note_ms(r, "256 KiB took send calls:", calls, "");
    st = recv_to_end(p, buf, sizeof buf - 1, &n, 20000);
    buf[n] = '\0';
    u32_text(want, TAWS_CONTRACT_BULK);
    check(r, st == TAWS_ERR_CLOSED && strcmp(buf, want) == 0, "the server got all 256 KiB intact", st);
    p->close(p->ctx);
}

static void connect_failures(run_t *r, const taws_port_t *p)
{
    const taws_contract_t *c = r->c;
    uint32_t t0, dt;
    taws_status_t st;

    st = p->connect(p->ctx, c->host, c->closed, 5000);
    check(r, st == TAWS_ERR_CONNECT, "a closed port is TAWS_ERR_CONNECT", st);
    st = p->connect(p->ctx, c->unknown_name, 443, 5000);
    check(r, st == TAWS_ERR_DNS, "a name nobody resolves is TAWS_ERR_DNS", st);
    if (c->partial_numeric_is_name) {
        st = p->connect(p->ctx, "10.1", 443, 5000);
        check(r, st == TAWS_ERR_DNS, "\"10.1\" is a name, not an address", st);
    }
    st = p->connect(p->ctx, "", 443, 5000);
    check(r, st == TAWS_ERR_DNS, "an empty name is TAWS_ERR_DNS", st);
    t0 = p->now_ms(p->ctx);
    st = p->connect(p->ctx, c->blackhole, c->blackhole_port, 300);
    dt = p->now_ms(p->ctx) - t0;
    check(r, st == TAWS_ERR_TIMEOUT && dt >= 295 && dt < 1000,
          "connect to the black hole times out after 300 ms", st);
    note_ms(r, "connect timeout took", dt, " ms");
    p->close(p->ctx);
}

static void clock_and_random(run_t *r, const taws_port_t *p)
{
    uint8_t r1[16] = { 0 }, r2[16] = { 0 };
    uint32_t t0, dt;
    int64_t now;
    taws_status_t st;

    t0 = p->now_ms(p->ctx);
    p->sleep_ms(p->ctx, 200);
    dt = p->now_ms(p->ctx) - t0;
    check(r, dt >= 195 && dt < 600, "sleep_ms(200) sleeps 200 ms on now_ms's clock", TAWS_OK);
    now = p->wall_time(p->ctx);
    check(r, now > 1700000000 && now < 4102444800, "wall_time is the caller's clock", TAWS_OK);
    st = p->random(p->ctx, r1, sizeof r1);
    if (st == TAWS_OK)
        st = p->random(p->ctx, r2, sizeof r2);
    check(r, st == TAWS_OK && memcmp(r1, r2, sizeof r1) != 0, "random gives fresh bytes", st);
}

void taws_port_contract(const taws_port_t *p, const taws_contract_t *c, int *passed, int *failed)
{
    run_t r;
    r.c = c;
    r.passed = r.failed = 0;
    exchange(&r, p);
    timeouts_and_reset(&r, p);
    bulk_transfer(&r, p);
    connect_failures(&r, p);
    clock_and_random(&r, p);
    *passed += r.passed;
    *failed += r.failed;
}

void taws_contract_summary(const taws_contract_t *c, int passed, int failed)
{
    line_t l = { "", 0 };
    put_u32(&l, (uint32_t)passed);
    put(&l, " passed, ");
    put_u32(&l, (uint32_t)failed);
    put(&l, " failed");
    c->line(l.buf);
}
