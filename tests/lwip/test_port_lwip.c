/*
 * The lwIP port's contract, call by call, over Debian's lwIP and tap0 (run by test_lwip.py,
 * which serves the ports named on the command line from 10.77.0.1 in its namespace):
 *
 *   test_port_lwip ECHO SILENT RST BULK CLOSED
 *
 *   ECHO    reads "hello", answers "world" and shuts its side down (orderly close)
 *   SILENT  accepts and says nothing
 *   RST     reads one byte, then resets the connection
 *   BULK    reads 256 KiB, answers their count in decimal and closes
 *   CLOSED  nothing listens there
 *
 * Prints "ok - ..." / "not ok - ..." lines and "N passed, M failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_port.h"
#include "tinyaws/port.h"
#include "tinyaws/status.h"

#define BULK_LEN 262144u /* 256 KiB */
#define HOST "localhost" /* the host table of cli_port_lwip.c maps it to 10.77.0.1 */

static int passed, failed;
static uint8_t bulk[BULK_LEN];

static void check(int cond, const char *what, taws_status_t st)
{
    printf("%s - port: %s (%s)\n", cond ? "ok" : "not ok", what, taws_status_name(st));
    if (cond)
        passed++;
    else
        failed++;
}

/* Sends all of buf; *calls counts the send calls it took. */
static taws_status_t send_all(taws_port_t *p, const uint8_t *buf, size_t len, uint32_t timeout_ms,
                              unsigned *calls, int *sizes_ok)
{
    *calls = 0;
    *sizes_ok = 1;
    while (len > 0) {
        size_t sent = 0;
        taws_status_t st = p->send(p->ctx, buf, len, &sent, timeout_ms);
        (*calls)++;
        if (st != TAWS_OK)
            return st;
        if (sent < 1 || sent > len)
            *sizes_ok = 0;
        buf += sent;
        len -= sent;
    }
    return TAWS_OK;
}

/* Receives until the connection ends; returns the status that ended it. */
static taws_status_t recv_to_end(taws_port_t *p, char *buf, size_t cap, size_t *n,
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
        *n += got;
    }
}

static uint16_t port_arg(const char *s)
{
    long v = strtol(s, NULL, 10);
    return (uint16_t)(v > 0 && v < 65536 ? v : 0);
}

int main(int argc, char **argv)
{
    taws_port_t p;
    uint16_t echo, silent, rst, bulk_port, closed;
    char buf[64], want[16];
    uint8_t r1[16] = { 0 }, r2[16] = { 0 };
    size_t n = 0, sent = 0;
    unsigned calls = 0;
    int sizes_ok = 0;
    uint32_t t0, dt;
    taws_status_t st;
    int64_t now;

    if (argc != 6) {
        fprintf(stderr, "usage: %s ECHO SILENT RST BULK CLOSED (ports on 10.77.0.1)\n", argv[0]);
        return 2;
    }
    echo = port_arg(argv[1]);
    silent = port_arg(argv[2]);
    rst = port_arg(argv[3]);
    bulk_port = port_arg(argv[4]);
    closed = port_arg(argv[5]);
    if (cli_port(&p) != 0)
        return 2;

    /* An exchange, then the server's orderly close: the data, then TAWS_ERR_CLOSED. */
    st = p.connect(p.ctx, HOST, echo, 5000);
    check(st == TAWS_OK, "connect to localhost through the host table", st);
    st = send_all(&p, (const uint8_t *)"hello", 5, 5000, &calls, &sizes_ok);
    check(st == TAWS_OK && sizes_ok, "send 5 bytes", st);
    st = recv_to_end(&p, buf, sizeof buf, &n, 5000);
    check(st == TAWS_ERR_CLOSED && n == 5 && memcmp(buf, "world", 5) == 0,
          "recv gives the answer, then TAWS_ERR_CLOSED on orderly close", st);
    p.close(p.ctx);
    p.close(p.ctx);
    check(1, "close twice", TAWS_OK);
    st = p.send(p.ctx, (const uint8_t *)"x", 1, &sent, 100);
    check(st == TAWS_ERR_SEND && sent == 0, "send after close fails", st);
    st = p.recv(p.ctx, (uint8_t *)buf, sizeof buf, &n, 100);
    check(st == TAWS_ERR_RECV && n == 0, "recv after close fails", st);

    /* A numeric address needs no host table. */
    st = p.connect(p.ctx, "10.77.0.1", echo, 5000);
    check(st == TAWS_OK, "connect to numeric 10.77.0.1", st);
    p.close(p.ctx);

    /* A silent server: recv times out on time. */
    st = p.connect(p.ctx, HOST, silent, 5000);
    check(st == TAWS_OK, "connect to the silent server", st);
    t0 = p.now_ms(p.ctx);
    st = p.recv(p.ctx, (uint8_t *)buf, sizeof buf, &n, 300);
    dt = p.now_ms(p.ctx) - t0;
    check(st == TAWS_ERR_TIMEOUT && dt >= 295 && dt < 1000, "recv times out after 300 ms", st);
    printf("# recv timeout took %u ms\n", (unsigned)dt);
    p.close(p.ctx);

    /* A reset: the same status as the POSIX port (TAWS_ERR_CLOSED). */
    st = p.connect(p.ctx, HOST, rst, 5000);
    check(st == TAWS_OK, "connect to the resetting server", st);
    st = send_all(&p, (const uint8_t *)"x", 1, 5000, &calls, &sizes_ok); /* its cue to reset */
    check(st == TAWS_OK && sizes_ok, "send 1 byte", st);
    st = recv_to_end(&p, buf, sizeof buf, &n, 5000);
    check(st == TAWS_ERR_CLOSED && n == 0, "recv after a reset gives TAWS_ERR_CLOSED", st);
    p.close(p.ctx);

    /* 256 KiB, more than lwIP's send buffer: sends are short and the loop completes. */
    for (n = 0; n < BULK_LEN; n++)
        bulk[n] = (uint8_t)(n * 7u + 3u);
    st = p.connect(p.ctx, HOST, bulk_port, 5000);
    check(st == TAWS_OK, "connect to the bulk server", st);
    st = send_all(&p, bulk, BULK_LEN, 10000, &calls, &sizes_ok);
    check(st == TAWS_OK && sizes_ok && calls > 1, "send 256 KiB in short sends", st);
    printf("# 256 KiB took %u send calls\n", calls);
    st = recv_to_end(&p, buf, sizeof buf - 1, &n, 10000);
    buf[n] = '\0';
    snprintf(want, sizeof want, "%u", BULK_LEN);
    check(st == TAWS_ERR_CLOSED && strcmp(buf, want) == 0, "the server got all 256 KiB", st);
    p.close(p.ctx);

    /* Failures to connect, each with its own status. */
    st = p.connect(p.ctx, HOST, closed, 5000);
    check(st == TAWS_ERR_CONNECT, "a closed port is TAWS_ERR_CONNECT", st);
    st = p.connect(p.ctx, "nosuch.invalid", 443, 5000);
    check(st == TAWS_ERR_DNS, "a name outside the host table is TAWS_ERR_DNS (no LWIP_DNS)", st);
    st = p.connect(p.ctx, "10.1", 443, 5000);
    check(st == TAWS_ERR_DNS, "\"10.1\" is a name, not an address", st);
    st = p.connect(p.ctx, "", 443, 5000);
    check(st == TAWS_ERR_DNS, "an empty name is TAWS_ERR_DNS", st);
    t0 = p.now_ms(p.ctx);
    st = p.connect(p.ctx, "10.77.0.99", 443, 300);
    dt = p.now_ms(p.ctx) - t0;
    check(st == TAWS_ERR_TIMEOUT && dt >= 295 && dt < 1000,
          "connect to a silent address times out after 300 ms", st);
    printf("# connect timeout took %u ms\n", (unsigned)dt);
    p.close(p.ctx);

    /* Clock, sleep, wall time and random bytes. */
    t0 = p.now_ms(p.ctx);
    p.sleep_ms(p.ctx, 200);
    dt = p.now_ms(p.ctx) - t0;
    check(dt >= 195 && dt < 600, "sleep_ms(200) sleeps 200 ms on now_ms's clock", TAWS_OK);
    now = p.wall_time(p.ctx);
    check(now > 1700000000 && now < 4102444800, "wall_time is the caller's clock", TAWS_OK);
    st = p.random(p.ctx, r1, sizeof r1);
    if (st == TAWS_OK)
        st = p.random(p.ctx, r2, sizeof r2);
    check(st == TAWS_OK && memcmp(r1, r2, sizeof r1) != 0, "random gives fresh bytes", st);

    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
