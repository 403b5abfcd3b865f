/* SPDX-License-Identifier: MIT */
/*
 * lwIP 2.1 options for a tinyaws device: an RTOS (NO_SYS=0) with the BSD-style socket API
 * that port/lwip uses (lwip_socket/connect/send/recv/poll/fcntl, lwip_getaddrinfo), DNS,
 * IPv4, DHCP, and no heap: every lwIP object comes from static pools (memp) and the small
 * lwIP heap (MEM_SIZE) is a static array, never the C library's malloc.
 *
 * Sizing is for one TLS connection at a time (tinyaws keeps one) plus DNS and DHCP; raise
 * the MEMP_NUM_* counts for an application with more sockets.
 */
#ifndef TINYAWS_LWIPOPTS_H
#define TINYAWS_LWIPOPTS_H

/* ---- OS ------------------------------------------------------------------------------ */
#define NO_SYS 0
#define SYS_LIGHTWEIGHT_PROT 1
#define LWIP_TCPIP_CORE_LOCKING 1
#define LWIP_NETCONN_SEM_PER_THREAD 0
#define TCPIP_THREAD_NAME "tcpip"
#define TCPIP_THREAD_STACKSIZE 1536
#define TCPIP_THREAD_PRIO 3
#define TCPIP_MBOX_SIZE 8
#define DEFAULT_THREAD_STACKSIZE 1024
#define DEFAULT_TCP_RECVMBOX_SIZE 8
#define DEFAULT_UDP_RECVMBOX_SIZE 4
#define DEFAULT_ACCEPTMBOX_SIZE 2

/* ---- Memory: static pools, no malloc --------------------------------------------------- */
#define MEM_LIBC_MALLOC 0
#define MEMP_MEM_MALLOC 0
#define MEM_ALIGNMENT 4
#define MEM_SIZE (8 * 1024) /* lwIP's own heap (a static array): PBUF_RAM for TX */
#define MEMP_NUM_PBUF 8
#define MEMP_NUM_UDP_PCB 3     /* DNS, DHCP, one spare */
#define MEMP_NUM_TCP_PCB 2
#define MEMP_NUM_TCP_PCB_LISTEN 1
#define MEMP_NUM_TCP_SEG 16
#define MEMP_NUM_NETBUF 4
#define MEMP_NUM_NETCONN 4
#define MEMP_NUM_TCPIP_MSG_API 4
#define MEMP_NUM_TCPIP_MSG_INPKT 8
#define PBUF_POOL_SIZE 12
#define PBUF_POOL_BUFSIZE 1536

/* ---- Protocols ------------------------------------------------------------------------- */
#define LWIP_IPV4 1
#define LWIP_IPV6 0   /* the port handles both; IPv4 keeps the image small */
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 0
#define LWIP_IGMP 0
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DHCP 1
#define LWIP_DNS 1    /* lwip_getaddrinfo for *.amazonaws.com */
#define DNS_TABLE_SIZE 4
#define DNS_MAX_NAME_LENGTH 128

#define TCP_MSS 1460
#define TCP_WND (4 * TCP_MSS)     /* enough for one 16 KiB TLS record in ~3 windows */
#define TCP_SND_BUF (2 * TCP_MSS) /* requests are small */
#define TCP_SND_QUEUELEN ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS))
#define LWIP_TCP_KEEPALIVE 1

/* ---- Sequential and socket APIs --------------------------------------------------------- */
#define LWIP_NETCONN 1
#define LWIP_SOCKET 1
#define LWIP_COMPAT_SOCKETS 0          /* the port calls lwip_* names; no close/read macros */
#define LWIP_POSIX_SOCKETS_IO_NAMES 0
#define LWIP_SOCKET_SELECT 1
#define LWIP_SOCKET_POLL 1             /* port/lwip waits with lwip_poll */
#define LWIP_SO_RCVTIMEO 0             /* not needed: every wait is a poll with a timeout */
#define LWIP_SO_SNDTIMEO 0
#define LWIP_NETIF_API 0

/* Debian's lwip source package patches src/api/sockets.c (debian/patches/port) to call these
 * three macros, which only its POSIX port's headers (LWIP_SOCKET_EXTERNAL_HEADERS) define.
 * With lwIP's own socket headers struct sockaddr has sa_len, as in upstream lwIP. */
#define IP4ADDR_SOCKADDR_SET_LEN(sin) ((sin)->sin_len = (u8_t)sizeof(struct sockaddr_in))
#define IP6ADDR_SOCKADDR_SET_LEN(sin6) ((sin6)->sin6_len = (u8_t)sizeof(struct sockaddr_in6))
#define IPADDR_SOCKADDR_GET_LEN(addr) ((addr)->sa.sa_len)

/* ---- Misc ------------------------------------------------------------------------------ */
#define LWIP_STATS 0
#define LWIP_NETIF_LOOPBACK 0
#define LWIP_HAVE_LOOPIF 0
#define LWIP_NETIF_HOSTNAME 1
#ifdef NDEBUG
#define LWIP_NOASSERT 1
#endif

#endif
