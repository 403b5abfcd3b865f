/* SPDX-License-Identifier: MIT */
/*
 * lwIP 2.2 options for the mps2-an386 firmware: bare metal, no RTOS (NO_SYS=1, the raw API
 * that port/lwip-raw uses, one main loop), one Ethernet netif (the LAN9118), IPv4, DHCP, DNS,
 * and no heap: every lwIP object comes from static pools (memp) and lwIP's own small heap
 * (MEM_SIZE, used for PBUF_RAM: the copies tcp_write makes) is a static array.
 *
 * Sized for one TLS connection at a time (tinyaws keeps one) plus DHCP and DNS. The README
 * next to this file says how each number was chosen and how to size them for another board;
 * the firmware prints the high-water mark of every pool (LWIP_STATS) after a listing.
 */
#ifndef TINYAWS_FW_LWIPOPTS_H
#define TINYAWS_FW_LWIPOPTS_H

/* ---- OS: none ------------------------------------------------------------------------- */
#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0 /* lwIP runs in the main loop only, never from an interrupt */
#define LWIP_NETCONN 0
#define LWIP_SOCKET 0
#define LWIP_TIMERS 1          /* sys_check_timeouts(), driven by port/lwip-raw's pump */

/* ---- Memory: static pools, no malloc --------------------------------------------------- */
#define MEM_LIBC_MALLOC 0
#define MEMP_MEM_MALLOC 0
#define MEM_ALIGNMENT 4
/* lwIP's heap: TX segments (tcp_write copies; at most TCP_SND_BUF in flight) and the odd
 * DHCP/DNS/ARP packet. */
#define MEM_SIZE (6 * 1024)
#define MEMP_NUM_PBUF 4        /* PBUF_REF/ROM: lwIP uses them for ARP queueing only here */
#define MEMP_NUM_UDP_PCB 2     /* DHCP, DNS */
#define MEMP_NUM_TCP_PCB 3     /* one connection, and closed ones in TIME_WAIT (recycled) */
#define MEMP_NUM_TCP_PCB_LISTEN 1
#define MEMP_NUM_TCP_SEG TCP_SND_QUEUELEN
#define MEMP_NUM_ARP_QUEUE 4
/* Received frames: one pool buffer each, a whole frame per buffer (the driver's fast path).
 * TCP_WND bounds what a peer may have in flight, so it bounds what waits here too. */
#define PBUF_POOL_SIZE 8
#define PBUF_POOL_BUFSIZE LWIP_MEM_ALIGN_SIZE(1514)

/* ---- Protocols ------------------------------------------------------------------------- */
#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define ETH_PAD_SIZE 0
#define LWIP_ICMP 1
#define LWIP_RAW 0
#define LWIP_IGMP 0
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DHCP 1
#define LWIP_DHCP_DOES_ACD_CHECK 0 /* no ARP probing of the offered address: 1 s less boot */
#define LWIP_DNS 1                 /* dns_gethostbyname for *.amazonaws.com */
#define DNS_TABLE_SIZE 2
#define DNS_MAX_NAME_LENGTH 128    /* as TAWS_HOST_MAX */
#define LWIP_SINGLE_NETIF 1
#define LWIP_NETIF_LINK_CALLBACK 0
#define LWIP_NETIF_STATUS_CALLBACK 0
#define LWIP_NETIF_HOSTNAME 0
#define LWIP_NETIF_LOOPBACK 0
#define LWIP_HAVE_LOOPIF 0
#define IP_REASSEMBLY 0            /* TCP never sends fragments; DNS answers are small */
#define IP_FRAG 0

/* TCP: the LAN9118's receive FIFO holds 10 KiB of frames (QEMU's model drops a frame that
 * does not fit), so the window stays below that: 4 segments and their headers. */
#define TCP_MSS 1460
#define TCP_WND (4 * TCP_MSS)
#define TCP_SND_BUF (2 * TCP_MSS)  /* requests are small; TLS writes at most 2 KiB records */
#define TCP_SND_QUEUELEN ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS))
#define TCP_QUEUE_OOSEQ 0          /* slirp never reorders; out-of-order data would hold pool */
#define LWIP_TCP_KEEPALIVE 0
#define LWIP_WND_SCALE 0           /* port/lwip-raw's receive queue counts in u16 (tot_len) */

/* ---- Checks and statistics --------------------------------------------------------------- */
/* Pool high-water marks for the firmware's report (lwip_stats.memp[i]->max, .mem.max). */
#define LWIP_STATS 1
#define LWIP_STATS_DISPLAY 0
#define MEM_STATS 1
#define MEMP_STATS 1
#define LINK_STATS 0
#define ETHARP_STATS 0
#define IP_STATS 0
#define ICMP_STATS 0
#define UDP_STATS 0
#define TCP_STATS 0
#define SYS_STATS 0
#ifdef NDEBUG
#define LWIP_NOASSERT 1
#endif

#endif
