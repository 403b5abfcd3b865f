/* SPDX-License-Identifier: MIT */
/*
 * lwIP raw-API port for bare metal (NO_SYS=1, no RTOS): one TCP connection over lwIP's
 * tcp_* callbacks. Every blocking call pumps the stack itself (the NIC driver's poll, then
 * sys_check_timeouts()) until it can complete or its timeout passes, so the application's
 * main loop calls nothing while a tinyaws call runs. Between tinyaws calls the application
 * keeps lwIP alive with taws_lwip_raw_pump() (or its own poll + sys_check_timeouts()).
 * See port/lwip-raw/README.md.
 *
 * Received pbufs are queued as lwIP hands them over and copied once, into the caller's
 * buffer, as they are read; the TCP window opens (tcp_recved) only as data is read, so the
 * queue never holds more than TCP_WND. Sends copy into lwIP's send buffer (tcp_write with
 * TCP_WRITE_FLAG_COPY) and wait, pumping, while it is full (tcp_sndbuf, tcp_sent).
 *
 * Host names: numeric IPv4 addresses; then the optional resolve callback (a host table);
 * then dns_gethostbyname() when the stack has LWIP_DNS; else TAWS_ERR_DNS. No heap.
 *
 * Build with lwIP's include paths and a lwipopts.h with NO_SYS 1 and LWIP_TCP 1.
 */
#ifndef TINYAWS_PORT_LWIP_RAW_H
#define TINYAWS_PORT_LWIP_RAW_H

#include "lwip/opt.h"
#include "lwip/err.h"
#include "lwip/ip_addr.h"
#include "tinyaws/port.h"

#ifdef __cplusplus
extern "C" {
#endif

struct tcp_pcb;
struct pbuf;

typedef struct {
    /* Required: hands frames the NIC has received to lwIP (netif->input); returns how many
     * it handed over, 0 when none was waiting. E.g. a wrapper around lan9118_poll(). */
    int (*poll)(void *cb_ctx);
    /* Required: wall-clock seconds since 1970 UTC (an RTC, SNTP, ...). */
    int64_t (*wall_time)(void *cb_ctx);
    /* Required: fills buf with len cryptographically strong random bytes (a TRNG);
     * returns 0, or non-zero on failure (TAWS_ERR_RANDOM). */
    int (*random)(void *cb_ctx, uint8_t *buf, size_t len);
    /* Optional: maps a host name to an address (0 when found); tried before DNS. */
    int (*resolve)(void *cb_ctx, const char *host, ip_addr_t *out);
    /* Optional: called when a round of the pump found no frame while a call waits (e.g. to
     * sleep until the NIC's interrupt, or to account idle time). It should return within a
     * millisecond or so: lwIP's timers run between rounds. */
    void (*idle)(void *cb_ctx);
    /* Handed to the callbacks. */
    void *cb_ctx;

    /* The connection: the port's own. */
    struct tcp_pcb *TAWS_PRIVATE(pcb); /* NULL when there is none (closed, refused, reset, aborted) */
    struct pbuf *TAWS_PRIVATE(rx);     /* received bytes not yet read, in order (one pbuf chain) */
    uint8_t TAWS_PRIVATE(state);       /* TAWS_LWIP_RAW_* below */
    uint8_t TAWS_PRIVATE(remote_fin);  /* the peer closed its side (all its data is in rx) */
    err_t TAWS_PRIVATE(err);           /* what lwIP reported when it dropped the connection */
#if LWIP_DNS
    /* The DNS query being waited for. lwIP cannot cancel one, so an answer that comes after
     * its connect gave up is recognised by name and ignored. */
    uint8_t TAWS_PRIVATE(dns_wait);
    uint8_t TAWS_PRIVATE(dns_found);
    ip_addr_t TAWS_PRIVATE(dns_addr);
    char TAWS_PRIVATE(dns_name)[DNS_MAX_NAME_LENGTH + 1];
#endif
    /* Statistics, read-only for the application: pump rounds, rounds with no frame, bytes
     * queued at most. */
    uint32_t rounds, idle_rounds;
    uint16_t rx_queued_max;
} taws_lwip_raw_t;

#define TAWS_LWIP_RAW_CLOSED 0     /* no connection (never opened, or closed by us) */
#define TAWS_LWIP_RAW_CONNECTING 1
#define TAWS_LWIP_RAW_OPEN 2
#define TAWS_LWIP_RAW_DEAD 3       /* lwIP dropped it (reset, abort): reads as closed */

/* Fills port with the raw-API functions over state (caller-owned, lives as long as port).
 * Keeps the callbacks and cb_ctx the caller set in state; marks the connection closed.
 * lwip_init(), the netif and its address (DHCP or static) are the application's. */
TAWS_API void taws_port_lwip_raw_init(taws_port_t *port, taws_lwip_raw_t *state);

/* One round of the stack: the poll callback, then sys_check_timeouts(). Returns what poll
 * returned. For the application's main loop between tinyaws calls. */
TAWS_API int taws_lwip_raw_pump(taws_lwip_raw_t *state);

#ifdef __cplusplus
}
#endif

#endif
