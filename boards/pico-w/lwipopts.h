/* SPDX-License-Identifier: MIT */
/* lwIP for tinyaws on the Pico W: sockets over FreeRTOS (NO_SYS=0), lwip_poll, DNS, SNTP. */
#ifndef TINYAWS_PICO_LWIPOPTS_H
#define TINYAWS_PICO_LWIPOPTS_H

#define NO_SYS 0
#define LWIP_SOCKET 1
#define LWIP_SOCKET_POLL 1            /* port_lwip waits with lwip_poll */
#define LWIP_NETCONN 1
#define LWIP_TCPIP_CORE_LOCKING 1
#define LWIP_SO_RCVTIMEO 1
#define LWIP_DNS 1                    /* lwip_getaddrinfo for bedrock.<region>.amazonaws.com */
#define LWIP_IPV4 1
#define LWIP_TCP 1
#define LWIP_UDP 1                    /* DNS and SNTP */
#define LWIP_DHCP 1
#define LWIP_NETIF_HOSTNAME 1
#define MEM_LIBC_MALLOC 0             /* lwIP's own pools, no libc heap */
#define MEM_ALIGNMENT 4
#define MEM_SIZE 16000
#define MEMP_NUM_TCP_SEG 32
#define PBUF_POOL_SIZE 24
#define TCP_MSS 1460
#define TCP_WND (8 * TCP_MSS)         /* a 16 KiB TLS record arrives in few round trips */
#define TCP_SND_BUF (4 * TCP_MSS)
#define TCP_SND_QUEUELEN ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS))
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK 1
#define TCPIP_THREAD_STACKSIZE 2048
#define TCPIP_THREAD_PRIO 8
#define TCPIP_MBOX_SIZE 8
#define DEFAULT_TCP_RECVMBOX_SIZE 8
#define DEFAULT_UDP_RECVMBOX_SIZE 8
#define DEFAULT_ACCEPTMBOX_SIZE 8
#define DEFAULT_THREAD_STACKSIZE 1024
#define LWIP_TIMEVAL_PRIVATE 0
#define SNTP_SERVER_DNS 1
/* SNTP sets the clock tinyaws signs with and mbedTLS checks certificates against. */
void tinyaws_pico_set_time(unsigned long sec);
#define SNTP_SET_SYSTEM_TIME(sec) tinyaws_pico_set_time(sec)

#endif
