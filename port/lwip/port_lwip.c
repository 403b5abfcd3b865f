/* SPDX-License-Identifier: MIT */
/*
 * lwIP sockets port: lwip_socket, a non-blocking lwip_connect bounded by the timeout,
 * lwip_poll-bounded lwip_send/lwip_recv, sys_now() and sys_msleep(). Wall time and random
 * bytes come from the caller's callbacks (a device's RTC and TRNG).
 *
 * Only lwIP and standard C headers: with LWIP_SOCKET_EXTERNAL_HEADERS (Debian's build) the
 * socket types are the C library's, otherwise lwIP's own; the names used here exist in both.
 * No heap of our own (lwip_getaddrinfo's result, with LWIP_DNS, comes from lwIP's pools and
 * is freed at once), no VLAs, no recursion.
 */
#include <limits.h>
#include <string.h>
#include "lwip/opt.h"
#include "lwip/errno.h"
#include "lwip/inet.h"
#include "lwip/ip_addr.h"
#include "lwip/sockets.h"
#include "lwip/sys.h"
#if LWIP_DNS
#include "lwip/netdb.h"
#endif
#define TAWS_ALLOW_PRIVATE_ACCESS /* the state's connection members are the port's own */
#include "tinyaws/port_lwip.h"

#if !LWIP_SOCKET || NO_SYS
#error "port_lwip needs lwIP's socket API (LWIP_SOCKET=1, NO_SYS=0)"
#endif
#if !LWIP_SOCKET_POLL
#error "port_lwip needs lwip_poll (LWIP_SOCKET_POLL=1)"
#endif

/* A sockaddr big enough for every family the stack has. */
typedef union {
    struct sockaddr sa;
#if LWIP_IPV4
    struct sockaddr_in sin;
#endif
#if LWIP_IPV6
    struct sockaddr_in6 sin6;
#endif
} sockaddr_any_t;

static uint32_t lwip_now_ms(void *ctx)
{
    (void)ctx;
    return (uint32_t)sys_now();
}

static int64_t lwip_wall_time(void *ctx)
{
    taws_lwip_t *s = ctx;
    return s->wall_time ? s->wall_time(s->cb_ctx) : 0;
}

static taws_status_t lwip_random(void *ctx, uint8_t *buf, size_t len)
{
    taws_lwip_t *s = ctx;
    if (!s->random || s->random(s->cb_ctx, buf, len) != 0)
        return TAWS_ERR_RANDOM;
    return TAWS_OK;
}

static void lwip_sleep_ms(void *ctx, uint32_t ms)
{
    (void)ctx;
    if (ms > 0)
        sys_msleep((u32_t)ms);
}

static int would_block(int e)
{
#if defined(EWOULDBLOCK) && EWOULDBLOCK != EAGAIN
    if (e == EWOULDBLOCK)
        return 1;
#endif
    return e == EAGAIN;
}

/* Waits for `events` on sock until start + timeout_ms. A wake-up with nothing ready, or an
 * interrupted poll, waits again for the time left. TAWS_OK when ready (or when an error or
 * hang-up is pending: the next call reports it), TAWS_ERR_TIMEOUT, or TAWS_ERR_RECV when
 * lwip_poll itself fails (the caller names the direction). */
static taws_status_t wait_sock(int sock, short events, uint32_t start, uint32_t timeout_ms)
{
    for (;;) {
        struct pollfd p;
        uint32_t spent = (uint32_t)sys_now() - start;
        uint32_t left;
        int r;
        if (spent >= timeout_ms)
            return TAWS_ERR_TIMEOUT;
        left = timeout_ms - spent;
        p.fd = sock;
        p.events = events;
        p.revents = 0;
        r = lwip_poll(&p, 1, left > (uint32_t)INT_MAX ? INT_MAX : (int)left);
        if (r > 0)
            return (p.revents & POLLNVAL) ? TAWS_ERR_RECV : TAWS_OK;
        if (r < 0 && errno != EINTR)
            return TAWS_ERR_RECV;
    }
}

static void lwip_port_close(void *ctx)
{
    taws_lwip_t *s = ctx;
    if (s->sock >= 0) {
        (void)lwip_close(s->sock);
        s->sock = -1;
    }
}

/* One TCP connection attempt to one address, within what is left of the timeout. */
static taws_status_t try_address(taws_lwip_t *s, const struct sockaddr *sa, socklen_t salen,
                                 uint32_t start, uint32_t timeout_ms)
{
    int sock, err = 0, one = 1;
    socklen_t len = (socklen_t)sizeof err;
    taws_status_t st;

    sock = lwip_socket(sa->sa_family, SOCK_STREAM, IPPROTO_TCP);
    if (sock < 0)
        return TAWS_ERR_CONNECT;
    if (lwip_fcntl(sock, F_SETFL, O_NONBLOCK) != 0) {
        (void)lwip_close(sock);
        return TAWS_ERR_CONNECT;
    }
    /* Requests go out in a few writes; without this Nagle + delayed ACK cost a round trip. */
    (void)lwip_setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, (socklen_t)sizeof one);
    if (lwip_connect(sock, sa, salen) != 0) {
        int e = errno;
        /* lwIP answers EINPROGRESS; the others mean the same on other stacks. */
        if (e != EINPROGRESS && e != EALREADY && e != EINTR && !would_block(e)) {
            (void)lwip_close(sock);
            return TAWS_ERR_CONNECT;
        }
        st = wait_sock(sock, POLLOUT, start, timeout_ms);
        if (st != TAWS_OK) {
            (void)lwip_close(sock);
            return st == TAWS_ERR_TIMEOUT ? TAWS_ERR_TIMEOUT : TAWS_ERR_CONNECT;
        }
        /* The connection's pending error: 0 once established, ECONNRESET when refused. */
        if (lwip_getsockopt(sock, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
            (void)lwip_close(sock);
            return TAWS_ERR_CONNECT;
        }
    }
    s->sock = sock;
    return TAWS_OK;
}

#if LWIP_IPV4
/* "a.b.c.d" with 1..3 decimal digits per part: the only IPv4 form taken as an address (lwIP's
 * inet_aton would also take "10.1" or "0x7f.1", which are host names here). */
static int is_dotted_quad(const char *h)
{
    int dots = 0, digits = 0;
    for (; *h; h++) {
        if (*h >= '0' && *h <= '9') {
            if (++digits > 3)
                return 0;
        } else if (*h == '.' && digits > 0) {
            dots++;
            digits = 0;
        } else {
            return 0;
        }
    }
    return dots == 3 && digits > 0;
}
#endif

/* A numeric IPv4 or IPv6 address (IPv6 without brackets, as the URL parser hands it over). */
static int parse_numeric(const char *host, ip_addr_t *out)
{
#if LWIP_IPV6
    if (strchr(host, ':') != NULL) {
        ip6_addr_t a6;
        if (!ip6addr_aton(host, &a6))
            return 0;
        ip_addr_copy_from_ip6(*out, a6);
        return 1;
    }
#endif
#if LWIP_IPV4
    if (is_dotted_quad(host)) {
        ip4_addr_t a4;
        if (!ip4addr_aton(host, &a4))
            return 0;
        ip_addr_copy_from_ip4(*out, a4);
        return 1;
    }
#endif
    return 0;
}

/* Fills *out for ip:port; returns its length, 0 for a family the stack lacks. */
static socklen_t to_sockaddr(const ip_addr_t *ip, uint16_t port, sockaddr_any_t *out)
{
    memset(out, 0, sizeof *out);
#if LWIP_IPV6
    if (IP_IS_V6(ip)) {
        out->sin6.sin6_family = AF_INET6;
        out->sin6.sin6_port = lwip_htons(port);
        inet6_addr_from_ip6addr(&out->sin6.sin6_addr, ip_2_ip6(ip));
        out->sin6.sin6_scope_id = ip6_addr_zone(ip_2_ip6(ip));
        return (socklen_t)sizeof out->sin6;
    }
#endif
#if LWIP_IPV4
    if (IP_IS_V4(ip)) {
        out->sin.sin_family = AF_INET;
        out->sin.sin_port = lwip_htons(port);
        inet_addr_from_ip4addr(&out->sin.sin_addr, ip_2_ip4(ip));
        return (socklen_t)sizeof out->sin;
    }
#endif
    (void)ip;
    (void)port;
    return 0;
}

#if LWIP_DNS
/* lwip_getaddrinfo: every address it returns, in order. lwIP's resolver has its own retry
 * timeout (DNS_MAX_RETRIES x DNS_TMR_INTERVAL), which the connect timeout does not bound. */
static taws_status_t connect_dns(taws_lwip_t *s, const char *host, uint16_t port, uint32_t start,
                                 uint32_t timeout_ms)
{
    struct addrinfo hints, *res = NULL, *ai;
    char portstr[6];
    char *p = portstr + sizeof portstr;
    unsigned v = port;
    taws_status_t st = TAWS_ERR_CONNECT;

    *--p = '\0';
    do {
        *--p = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (lwip_getaddrinfo(host, p, &hints, &res) != 0 || res == NULL)
        return TAWS_ERR_DNS;
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        st = try_address(s, ai->ai_addr, (socklen_t)ai->ai_addrlen, start, timeout_ms);
        if (st == TAWS_OK || st == TAWS_ERR_TIMEOUT)
            break;
    }
    lwip_freeaddrinfo(res);
    return st;
}
#endif

static taws_status_t lwip_port_connect(void *ctx, const char *host, uint16_t port,
                                       uint32_t timeout_ms)
{
    taws_lwip_t *s = ctx;
    uint32_t start = (uint32_t)sys_now();
    ip_addr_t ip;
    sockaddr_any_t sa;
    socklen_t salen;

    lwip_port_close(s);
    if (host == NULL || *host == '\0')
        return TAWS_ERR_DNS;
    memset(&ip, 0, sizeof ip);
    if (!parse_numeric(host, &ip) && (!s->resolve || s->resolve(s->cb_ctx, host, &ip) != 0)) {
#if LWIP_DNS
        return connect_dns(s, host, port, start, timeout_ms);
#else
        return TAWS_ERR_DNS;
#endif
    }
    salen = to_sockaddr(&ip, port, &sa);
    if (salen == 0)
        return TAWS_ERR_CONNECT;
    return try_address(s, &sa.sa, salen, start, timeout_ms);
}

static taws_status_t lwip_port_send(void *ctx, const uint8_t *buf, size_t len, size_t *sent,
                                    uint32_t timeout_ms)
{
    taws_lwip_t *s = ctx;
    uint32_t start = (uint32_t)sys_now();
    *sent = 0;
    if (s->sock < 0)
        return TAWS_ERR_SEND;
    if (len == 0)
        return TAWS_ERR_ARG;
    for (;;) {
        ssize_t r = lwip_send(s->sock, buf, len, 0);
        int e;
        if (r > 0) {
            *sent = (size_t)r;
            return TAWS_OK;
        }
        e = errno;
        if (r < 0 && e == EINTR)
            continue;
        if (r < 0 && would_block(e)) {
            taws_status_t st = wait_sock(s->sock, POLLOUT, start, timeout_ms);
            if (st != TAWS_OK)
                return st == TAWS_ERR_TIMEOUT ? st : TAWS_ERR_SEND;
            continue;
        }
        return TAWS_ERR_SEND;
    }
}

static taws_status_t lwip_port_recv(void *ctx, uint8_t *buf, size_t len, size_t *got,
                                    uint32_t timeout_ms)
{
    taws_lwip_t *s = ctx;
    uint32_t start = (uint32_t)sys_now();
    *got = 0;
    if (s->sock < 0)
        return TAWS_ERR_RECV;
    if (len == 0)
        return TAWS_ERR_ARG;
    for (;;) {
        ssize_t r = lwip_recv(s->sock, buf, len, 0);
        int e;
        if (r > 0) {
            *got = (size_t)r;
            return TAWS_OK;
        }
        if (r == 0)
            return TAWS_ERR_CLOSED;
        e = errno;
        if (e == EINTR)
            continue;
        if (would_block(e)) {
            taws_status_t st = wait_sock(s->sock, POLLIN, start, timeout_ms);
            if (st != TAWS_OK)
                return st;
            continue;
        }
        /* A reset; or ENOTCONN, lwIP's answer to every recv after the one that saw the
         * peer's FIN: the connection stays closed, as recv on a POSIX socket keeps saying. */
        return e == ECONNRESET || e == ENOTCONN ? TAWS_ERR_CLOSED : TAWS_ERR_RECV;
    }
}

void taws_port_lwip_init(taws_port_t *port, taws_lwip_t *state)
{
    state->sock = -1;
    port->ctx = state;
    port->connect = lwip_port_connect;
    port->send = lwip_port_send;
    port->recv = lwip_port_recv;
    port->close = lwip_port_close;
    port->now_ms = lwip_now_ms;
    port->wall_time = lwip_wall_time;
    port->random = lwip_random;
    port->sleep_ms = lwip_sleep_ms;
}
