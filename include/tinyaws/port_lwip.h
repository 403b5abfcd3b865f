/* SPDX-License-Identifier: MIT */
/*
 * lwIP sockets port (NO_SYS=0, LWIP_SOCKET=1): lwip_socket, a non-blocking lwip_connect
 * bounded by the timeout, lwip_poll-bounded lwip_send/lwip_recv, sys_now() and sys_msleep().
 *
 * A device has its own clock and random source, so wall time and random bytes come from
 * callbacks in the state. Host names: numeric IPv4/IPv6 addresses always; then the optional
 * resolve callback (a fixed host table); then lwip_getaddrinfo when the stack has LWIP_DNS;
 * else TAWS_ERR_DNS.
 *
 * Build with lwIP's include paths (this header includes lwip/ip_addr.h). The socket numbers
 * are lwIP's, not POSIX file descriptors.
 */
#ifndef TINYAWS_PORT_LWIP_H
#define TINYAWS_PORT_LWIP_H

#include "lwip/ip_addr.h"
#include "tinyaws/port.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    /* Required: wall-clock seconds since 1970 UTC (an RTC, SNTP, ...). */
    int64_t (*wall_time)(void *cb_ctx);
    /* Required: fills buf with len cryptographically strong random bytes (a TRNG);
     * returns 0, or non-zero on failure (TAWS_ERR_RANDOM). */
    int (*random)(void *cb_ctx, uint8_t *buf, size_t len);
    /* Optional: maps a host name to one address (IP_ADDR4()/IP_ADDR6() fill *out); returns 0
     * when found, non-zero when unknown (then DNS is asked if the stack has it). */
    int (*resolve)(void *cb_ctx, const char *host, ip_addr_t *out);
    /* Handed to the three callbacks. */
    void *cb_ctx;
    /* The connection: an lwIP socket number, -1 when closed. Owned by the port. */
    int TAWS_PRIVATE(sock);
} taws_lwip_t;

/* Fills port with the lwIP functions over state (caller-owned, lives as long as port). Keeps
 * the callbacks and cb_ctx the caller set in state; marks the connection closed. */
TAWS_API void taws_port_lwip_init(taws_port_t *port, taws_lwip_t *state);

#ifdef __cplusplus
}
#endif

#endif
