/* SPDX-License-Identifier: MIT */
/*
 * The port contract (tests/port/port_contract.c) over port/lwip-raw on the board: lwIP
 * NO_SYS on the LAN9118, through QEMU's user network, against tests/port/port_servers.py on
 * the host's 127.0.0.1 (10.0.2.2 from here). test_firmware.py runs it:
 *
 *   qemu-system-arm ... -kernel fw-contract.elf -append "ECHO SILENT RST BULK CLOSED BLACKHOLE"
 */
#include "args_fw.h"
#include "board_fw.h"
#include "fw_net.h"
#include "port_contract.h"
#include "semihost.h"

static void line(const char *text)
{
    out_str(text);
    out_str("\n");
    out_flush();
}

static uint16_t port_arg(const char *s)
{
    unsigned long v = 0;
    return (uint16_t)(fw_parse_u32(s, &v) == 0 && v > 0 && v < 65536 ? v : 0);
}

int main(void)
{
    static char *argv[FW_ARGS_MAX];
    taws_port_t p;
    taws_contract_t c;
    int argc, passed = 0, failed = 0;

    argc = fw_args(argv, FW_ARGS_MAX);
    if (argc != 7) {
        err_str("usage: fw-contract.elf ECHO SILENT RST BULK CLOSED BLACKHOLE (ports on the host)\n");
        return 2;
    }
    board_init();
    if (fw_net_up(0, 10000) != 0) {
        line("not ok - port: the network came up (DHCP)");
        line("0 passed, 1 failed");
        return 1;
    }
    c.host = "localhost"; /* the host table maps it to 10.0.2.2 */
    c.numeric = "10.0.2.2";
    c.echo = port_arg(argv[1]);
    c.silent = port_arg(argv[2]);
    c.rst = port_arg(argv[3]);
    c.bulk = port_arg(argv[4]);
    c.closed = port_arg(argv[5]);
    c.blackhole = "10.0.2.2"; /* QEMU's user network completes no connect the host does not */
    c.blackhole_port = port_arg(argv[6]);
    c.partial_numeric_is_name = 1;
    c.expect_short_sends = 1;        /* TCP_SND_BUF is 2,920 bytes */
    c.unknown_name = "nosuch.invalid"; /* not in the host table: asked of DNS (10.0.2.3) */
    c.line = line;
    fw_port_init(&p);
    taws_port_contract(&p, &c, &passed, &failed);
    fw_lwip_report();
    taws_contract_summary(&c, passed, failed);
    out_flush();
    return failed ? 1 : 0;
}
