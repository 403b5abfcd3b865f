/* SPDX-License-Identifier: MIT */
/*
 * The firmware's network: lwIP (NO_SYS) on the LAN9118, DHCP from QEMU's user network or
 * the static address QEMU expects (10.0.2.15/24, gateway 10.0.2.2, DNS 10.0.2.3), and
 * port/lwip-raw with the board's callbacks. Shared by the listing and the contract images.
 *
 * QEMU's user network shows the host's 127.0.0.1 as 10.0.2.2; the host table maps the name
 * `localhost` there, so that URLs, Host headers and the TLS name are the host CLI's.
 */
#ifndef TINYAWS_FW_NET_H
#define TINYAWS_FW_NET_H

#include <stdint.h>
#include "lan9118.h"
#include "tinyaws/port_lwip_raw.h"

extern struct netif fw_netif;
extern lan9118_t fw_nic;
extern taws_lwip_raw_t fw_raw;

/* Starts lwIP and the netif, then DHCP (or the static address), and waits up to timeout_ms
 * for an address. 0, or -1 with a message on stderr. */
int fw_net_up(int use_static, uint32_t timeout_ms);

/* Fills port with port/lwip-raw over fw_raw: the LAN9118 poll, semihosting wall time and
 * entropy (test board only), the `localhost` host table, and the idle accounting below. */
void fw_port_init(taws_port_t *port);

/* What the TLS firmware images do before their first connection: mbedTLS's heap on pool,
 * its clock (board_tls_time()), the network (fw_net_up()) and the port (fw_port_init()).
 * 0, or -1 when the network did not come up (said on stderr). */
int fw_tls_net_up(unsigned char *pool, size_t pool_size, int use_static, taws_port_t *port);

/* Ticks spent waiting for the network inside the port (its idle hook: spinning until a
 * frame arrives, at most 1 ms a round). Subtracted from -icount figures. */
uint64_t fw_idle_ticks(void);

/* Prints lwIP's pool high-water marks ("fw-report lwip ..." lines) on stderr. */
void fw_lwip_report(void);

#endif
