/* SPDX-License-Identifier: MIT */
/* The firmware's network (see fw_net.h). */
#include <string.h>
#include <mbedtls/memory_buffer_alloc.h>
#include "board_fw.h"
#include "fw_net.h"
#include "semihost.h"
#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/init.h"
#include "lwip/memp.h"
#include "lwip/netif.h"
#include "lwip/stats.h"
#include "lwip/sys.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

struct netif fw_netif;
lan9118_t fw_nic = { LAN9118_MPS2_BASE, 0, 0, 0, 0, 0, 0, 0, 0 };
taws_lwip_raw_t fw_raw;
static uint64_t idle_ticks;

static int poll_nic(void *cb_ctx)
{
    (void)cb_ctx;
    return lan9118_poll(&fw_netif, 4);
}

/* Test board: the host's clock (semihosting). A real board: its RTC, set by SNTP. */
static int64_t wall_time(void *cb_ctx)
{
    (void)cb_ctx;
    return board_wall_time();
}

/* Test board: the host's /dev/urandom (semihosting). A real board: its TRNG. */
static int random_bytes(void *cb_ctx, uint8_t *buf, size_t len)
{
    (void)cb_ctx;
    return board_entropy(buf, len);
}

static int host_table(void *cb_ctx, const char *host, ip_addr_t *out)
{
    (void)cb_ctx;
    if (strcmp(host, "localhost") != 0)
        return -1;
    IP_ADDR4(out, 10, 0, 2, 2);
    return 0;
}

/* Waits for a frame, at most 1 ms, and counts the time as idle. A real board would sleep
 * here (WFI until the NIC's interrupt). */
static void idle(void *cb_ctx)
{
    uint64_t t0 = board_ticks(), t;
    (void)cb_ctx;
    do
        t = board_ticks();
    while (!lan9118_rx_pending(&fw_nic) && t - t0 < BOARD_TICK_HZ / 1000u);
    idle_ticks += t - t0;
}

uint64_t fw_idle_ticks(void)
{
    return idle_ticks;
}

void fw_port_init(taws_port_t *port)
{
    memset(&fw_raw, 0, sizeof fw_raw);
    fw_raw.poll = poll_nic;
    fw_raw.wall_time = wall_time;
    fw_raw.random = random_bytes;
    fw_raw.resolve = host_table;
    fw_raw.idle = idle;
    taws_port_lwip_raw_init(port, &fw_raw);
}

int fw_net_up(int use_static, uint32_t timeout_ms)
{
    ip4_addr_t ip, mask, gw;
    uint32_t start;

    lwip_init();
    if (use_static) {
        IP4_ADDR(&ip, 10, 0, 2, 15);
        IP4_ADDR(&mask, 255, 255, 255, 0);
        IP4_ADDR(&gw, 10, 0, 2, 2);
    } else {
        ip4_addr_set_zero(&ip);
        ip4_addr_set_zero(&mask);
        ip4_addr_set_zero(&gw);
    }
    if (netif_add(&fw_netif, &ip, &mask, &gw, &fw_nic, lan9118_netif_init, netif_input) == NULL) {
        err_str("fw: the LAN9118 did not initialise (not found, or no MAC address)\n");
        return -1;
    }
    netif_set_default(&fw_netif);
    netif_set_up(&fw_netif);
    if (use_static) {
        ip_addr_t dns;
        IP_ADDR4(&dns, 10, 0, 2, 3);
        dns_setserver(0, &dns);
        return 0;
    }
    if (dhcp_start(&fw_netif) != ERR_OK) {
        err_str("fw: dhcp_start failed\n");
        return -1;
    }
    start = sys_now();
    while (!dhcp_supplied_address(&fw_netif)) {
        if ((uint32_t)(sys_now() - start) >= timeout_ms) {
            err_str("fw: no DHCP lease\n");
            return -1;
        }
        (void)lan9118_poll(&fw_netif, 4);
        sys_check_timeouts();
    }
    return 0;
}

static const char *const pool_names[] = {
#define LWIP_MEMPOOL(name, num, size, desc) #name,
#include "lwip/priv/memp_std.h"
};

void fw_lwip_report(void)
{
    unsigned i;
    err_str("fw-report lwip-heap size=");
    err_u64(MEM_SIZE);
    err_str(" max=");
    err_u64(lwip_stats.mem.max);
    err_str(" err=");
    err_u64(lwip_stats.mem.err);
    err_str("\n");
    for (i = 0; i < MEMP_MAX; i++) {
        const struct memp_desc *d = memp_pools[i];
        err_str("fw-report lwip-pool name=");
        err_str(pool_names[i]);
        err_str(" num=");
        err_u64(d->num);
        err_str(" size=");
        err_u64(d->size);
        err_str(" max=");
        err_u64(d->stats->max);
        err_str(" err=");
        err_u64(d->stats->err);
        err_str("\n");
    }
    err_str("fw-report nic rx=");
    err_u64(fw_nic.rx_frames);
    err_str(" tx=");
    err_u64(fw_nic.tx_frames);
    err_str(" rx_errors=");
    err_u64(fw_nic.rx_errors);
    err_str(" rx_no_pbuf=");
    err_u64(fw_nic.rx_no_pbuf);
    err_str(" tx_errors=");
    err_u64(fw_nic.tx_errors);
    err_str(" tx_fifo_full=");
    err_u64(fw_nic.tx_fifo_full);
    err_str(" rx_queued_max=");
    err_u64(fw_raw.rx_queued_max);
    err_str("\n");
}

int fw_tls_net_up(unsigned char *pool, size_t pool_size, int use_static, taws_port_t *port)
{
    mbedtls_memory_buffer_alloc_init(pool, pool_size);
    board_tls_time();
    if (fw_net_up(use_static, 10000) != 0)
        return -1;
    fw_port_init(port);
    return 0;
}
