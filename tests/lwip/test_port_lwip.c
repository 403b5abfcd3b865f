/* SPDX-License-Identifier: MIT */
/*
 * The port contract (tests/port/port_contract.c) over port/lwip, on Debian's lwIP and tap0,
 * set up as the CLI's lwIP build does (cli_port()). test_lwip.py runs it against
 * tests/port/port_servers.py on 10.77.0.1 in its namespace:
 *
 *   test_port_lwip ECHO SILENT RST BULK CLOSED BLACKHOLE
 *
 * Prints "ok - ..." / "not ok - ..." lines and "N passed, M failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include "cli_port.h"
#include "port_contract.h"

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
    taws_port_t p;
    taws_contract_t c;
    int passed = 0, failed = 0;

    if (argc != 7) {
        fprintf(stderr, "usage: %s ECHO SILENT RST BULK CLOSED BLACKHOLE (ports on 10.77.0.1)\n", argv[0]);
        return 2;
    }
    c.host = "localhost"; /* the host table of cli_port_lwip.c maps it to 10.77.0.1 */
    c.numeric = "10.77.0.1";
    c.echo = port_arg(argv[1]);
    c.silent = port_arg(argv[2]);
    c.rst = port_arg(argv[3]);
    c.bulk = port_arg(argv[4]);
    c.closed = port_arg(argv[5]);
    c.blackhole = "10.77.0.1";
    c.blackhole_port = port_arg(argv[6]);
    c.partial_numeric_is_name = 1;
    c.expect_short_sends = 1;
    c.unknown_name = "nosuch.invalid"; /* not in the host table; the stack has no DNS */
    c.line = line;
    if (cli_port(&p) != 0)
        return 2;
    taws_port_contract(&p, &c, &passed, &failed);
    taws_contract_summary(&c, passed, failed);
    return failed ? 1 : 0;
}
