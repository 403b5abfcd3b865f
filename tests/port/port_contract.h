/* SPDX-License-Identifier: MIT */
/*
 * The port contract (include/tinyaws/port.h), call by call: one suite for every port
 * (port/posix, port/lwip, port/lwip-raw). Each port's driver sets up its stack, fills a
 * taws_contract_t with where the test servers are (tests/port/port_servers.py runs them)
 * and calls taws_port_contract().
 *
 * The servers: ECHO reads "hello", answers "world" and shuts its side down; SILENT accepts
 * and says nothing; RST reads one byte, then resets; BULK reads 256 KiB and answers their
 * count in decimal; CLOSED has nobody listening; at the black hole a connection attempt is
 * never answered.
 *
 * Output goes through c->line (printf on a host, semihosting on a board): "ok - port: ..." /
 * "not ok - port: ..." and "# ..." lines. No heap, no stdio: it runs on bare metal too.
 */
#ifndef TINYAWS_TEST_PORT_CONTRACT_H
#define TINYAWS_TEST_PORT_CONTRACT_H

#include <stdint.h>
#include "tinyaws/port.h"

#define TAWS_CONTRACT_BULK 262144u /* 256 KiB */

typedef struct {
    const char *host;         /* a name the port resolves to the servers' address */
    const char *numeric;      /* the servers' address, numeric */
    uint16_t echo, silent, rst, bulk, closed;
    const char *blackhole;    /* where connection attempts go unanswered ... */
    uint16_t blackhole_port;  /* ... (a host and port) */
    /* 1 when "10.1" must be a name (TAWS_ERR_DNS), as for the lwIP ports; POSIX resolvers
     * take it for 10.0.0.1. */
    int partial_numeric_is_name;
    /* 1 when the stack's send buffer is smaller than 256 KiB (lwIP's TCP_SND_BUF), so that
     * the bulk send must take several calls: flow control is exercised. */
    int expect_short_sends;
    /* A name no resolver knows (expected: TAWS_ERR_DNS). */
    const char *unknown_name;
    /* Writes one line of output (no newline in it). */
    void (*line)(const char *text);
} taws_contract_t;

/* Runs every check over port p; adds to *passed and *failed. */
void taws_port_contract(const taws_port_t *p, const taws_contract_t *c, int *passed, int *failed);

/* The summary line "N passed, M failed" through c->line. */
void taws_contract_summary(const taws_contract_t *c, int passed, int failed);

#endif
