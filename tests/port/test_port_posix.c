/* SPDX-License-Identifier: MIT */
/*
 * The port contract (port_contract.c) over port/posix, against tests/port/port_servers.py
 * on 127.0.0.1 (test_port_posix.py runs both):
 *
 *   test_port_posix ECHO SILENT RST BULK CLOSED BLACKHOLE
 */
#include <stdio.h>
#include <stdlib.h>
#include "port_contract.h"
#include "tinyaws/port_posix.h"

static void line(const char *text)
{
    printf("%s\n", text);
    fflush(stdout);
}

static uint16_t port_arg(const char *s)
{
    long v = strtol(s, NULL, 10);
    return (uint16_t)(v > 0 && v < 65536 ? v : 0);
}

int main(int argc, char **argv)
{
    static taws_posix_t posix;
    taws_port_t p;
    taws_contract_t c;
    int passed = 0, failed = 0;

    if (argc != 7) {
        fprintf(stderr, "usage: %s ECHO SILENT RST BULK CLOSED BLACKHOLE (ports on 127.0.0.1)\n", argv[0]);
        return 2;
    }
    c.host = "localhost"; /* the system resolver: ::1 (refused, nobody there) then 127.0.0.1 */
    c.numeric = "127.0.0.1";
    c.echo = port_arg(argv[1]);
    c.silent = port_arg(argv[2]);
    c.rst = port_arg(argv[3]);
    c.bulk = port_arg(argv[4]);
    c.closed = port_arg(argv[5]);
    c.blackhole = "127.0.0.1";
    c.blackhole_port = port_arg(argv[6]);
    c.partial_numeric_is_name = 0; /* getaddrinfo takes "10.1" for 10.0.0.1 */
    c.expect_short_sends = 0;
    c.unknown_name = "nosuch.invalid";
    c.line = line;
    taws_port_posix_init(&p, &posix);
    taws_port_contract(&p, &c, &passed, &failed);
    taws_contract_summary(&c, passed, failed);
    return failed ? 1 : 0;
}
