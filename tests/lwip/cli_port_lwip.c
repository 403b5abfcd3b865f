/* SPDX-License-Identifier: MIT */
/*
 * The CLI's port for the lwIP test build (build/tinyaws-lwip): starts Debian's lwIP (the unix
 * port, a TAP interface) and hands the CLI the lwIP socket port instead of the POSIX one.
 *
 * lwIP is 10.77.0.2/24 on the TAP device named by PRECONFIGURED_TAPIF, gateway 10.77.0.1 (the
 * Linux side, where tests/lwip/test_lwip.py runs the local AWS endpoint). The endpoint's
 * certificate names `localhost` and mbedTLS 2.28 matches DNS names only, so the TLS name stays
 * `localhost` and this host table maps it to 10.77.0.1 (the stack has no DNS).
 *
 * Wall time and random bytes come from the host here (time(), /dev/urandom); a device would
 * hand the port its RTC and TRNG instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"
#include "netif/tapif.h"
#include "cli_port.h"
#include "tinyaws/port_lwip.h"

#define LWIP_HOST_IP "10.77.0.2"
#define LWIP_GW_IP "10.77.0.1"
#define LWIP_NETMASK "255.255.255.0"

static int64_t host_wall_time(void *cb_ctx)
{
    (void)cb_ctx;
    return (int64_t)time(NULL);
}

static int host_random(void *cb_ctx, uint8_t *buf, size_t len)
{
    int fd;
    (void)cb_ctx;
    fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    while (len > 0) {
        ssize_t r = read(fd, buf, len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            close(fd);
            return -1;
        }
        buf += r;
        len -= (size_t)r;
    }
    close(fd);
    return 0;
}

/* The device's host table: `localhost` is the gateway, where the endpoint listens. */
static int host_table(void *cb_ctx, const char *host, ip_addr_t *out)
{
    (void)cb_ctx;
    if (strcmp(host, "localhost") != 0)
        return -1;
    return ipaddr_aton(LWIP_GW_IP, out) ? 0 : -1;
}

/* Resolves the gateway's MAC address before the first connection, asking every 20 ms (up to
 * 2 s). A TAP device regains its carrier when lwIP opens it, and Linux sometimes drops the
 * first frame it sends then (the ARP reply); lwIP alone would ask again only a second later. */
static void arp_gateway(struct netif *nif, const ip4_addr_t *gw)
{
    int i;
    for (i = 0; i < 100; i++) {
        struct eth_addr *mac;
        const ip4_addr_t *ip;
        ssize_t idx;
        LOCK_TCPIP_CORE();
        idx = etharp_find_addr(nif, gw, &mac, &ip);
        if (idx < 0)
            (void)etharp_request(nif, gw);
        UNLOCK_TCPIP_CORE();
        if (idx >= 0)
            return;
        sys_msleep(20);
    }
}

static void tcpip_ready(void *arg)
{
    sys_sem_signal((sys_sem_t *)arg);
}

int cli_port(taws_port_t *port)
{
    static struct netif netif;
    static taws_lwip_t lw;
    static sys_sem_t ready;
    ip4_addr_t ip, mask, gw;
    struct netif *added;

    /* Without it lwIP's tapif runs ifconfig on a hard-coded tap0 of the caller's network. */
    if (getenv("PRECONFIGURED_TAPIF") == NULL) {
        fprintf(stderr, "tinyaws-lwip: set PRECONFIGURED_TAPIF to a TAP device configured as "
                        "%s/24 (see tests/lwip/README.md)\n", LWIP_GW_IP);
        return -1;
    }
    /* Debian's lwIP draws its first local port from LWIP_RAND(), which is rand(): unseeded,
     * every run would reuse the same port and meet the previous run's connection, still in
     * LAST-ACK on the Linux side (a device's LWIP_RAND must be its TRNG for the same reason). */
    {
        unsigned seed;
        if (host_random(NULL, (uint8_t *)&seed, sizeof seed) != 0) {
            fprintf(stderr, "tinyaws-lwip: /dev/urandom unreadable\n");
            return -1;
        }
        srand(seed);
    }
    if (sys_sem_new(&ready, 0) != ERR_OK) {
        fprintf(stderr, "tinyaws-lwip: sys_sem_new failed\n");
        return -1;
    }
    tcpip_init(tcpip_ready, &ready);
    sys_sem_wait(&ready);
    sys_sem_free(&ready);

    (void)ip4addr_aton(LWIP_HOST_IP, &ip);
    (void)ip4addr_aton(LWIP_NETMASK, &mask);
    (void)ip4addr_aton(LWIP_GW_IP, &gw);
    LOCK_TCPIP_CORE();
    added = netif_add(&netif, &ip, &mask, &gw, NULL, tapif_init, tcpip_input);
    if (added != NULL) {
        netif_set_default(&netif);
        netif_set_up(&netif);
    }
    UNLOCK_TCPIP_CORE();
    if (added == NULL) {
        fprintf(stderr, "tinyaws-lwip: netif_add failed\n");
        return -1;
    }

    arp_gateway(&netif, &gw);

    memset(&lw, 0, sizeof lw);
    lw.wall_time = host_wall_time;
    lw.random = host_random;
    lw.resolve = host_table;
    taws_port_lwip_init(port, &lw);
    return 0;
}
