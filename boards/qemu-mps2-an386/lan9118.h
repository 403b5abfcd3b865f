/* SPDX-License-Identifier: MIT */
/*
 * SMSC LAN9118 Ethernet controller as an lwIP netif (NO_SYS, polled). mps2-an386 has one at
 * 0x40200000 (QEMU's only NIC model for this board).
 *
 *   static lan9118_t nic = { LAN9118_MPS2_BASE };
 *   netif_add(&netif, &ip, &mask, &gw, &nic, lan9118_netif_init, netif_input);
 *   ... in the main loop (port/lwip-raw's pump does it while tinyaws runs):
 *   lan9118_poll(&netif);
 *
 * lan9118_netif_init resets the chip, checks its identity, reads the MAC address the chip
 * loaded from its EEPROM, resets the PHY and starts auto-negotiation, and enables the MAC's
 * transmitter and receiver. Frames move through the chip's FIFOs by programmed I/O (32-bit
 * words); the chip's interrupt line is not used.
 */
#ifndef TINYAWS_FW_LAN9118_H
#define TINYAWS_FW_LAN9118_H

#include <stdint.h>
#include "lwip/err.h"
#include "lwip/netif.h"

#define LAN9118_MPS2_BASE 0x40200000u

typedef struct {
    uintptr_t base;         /* register base address (set by the caller) */
    /* Counters (read them, never write them). */
    uint32_t rx_frames, tx_frames;
    uint32_t rx_errors;     /* frames the chip flagged (CRC, length, ...), discarded */
    uint32_t rx_no_pbuf;    /* frames dropped because PBUF_POOL was empty */
    uint32_t tx_errors;     /* TX status words with the error bit */
    uint32_t tx_fifo_full;  /* frames dropped: no room in the TX FIFO within the wait */
    uint32_t link_checks;
    uint32_t next_link_check_ms;
} lan9118_t;

/* netif_add()'s init function: netif->state must point at a lan9118_t with base set.
 * ERR_IF when the chip does not answer as a LAN9118 (or never leaves reset). */
err_t lan9118_netif_init(struct netif *netif);

/* Hands up to max_frames received frames to netif->input; returns how many it handed.
 * Also follows the PHY's link status (netif_set_link_up/down) every 500 ms. */
int lan9118_poll(struct netif *netif, int max_frames);

/* 1 when a received frame waits in the chip's FIFO (a cheap register read). */
int lan9118_rx_pending(const lan9118_t *nic);

/* 1 when the PHY reports a link. */
int lan9118_link_up(struct netif *netif);

#endif
