/* SPDX-License-Identifier: MIT */
/*
 * lwIP raw-API port (NO_SYS=1): see include/tinyaws/port_lwip_raw.h and README.md here.
 *
 * Each blocking call loops "pump, then look": one round runs the NIC driver's poll (frames
 * into lwIP, which calls our callbacks), then sys_check_timeouts() (retransmissions, ARP,
 * DHCP, DNS); the callbacks only record what happened in the state, and the call looks at
 * the state after each round. Nothing here allocates; pbufs are lwIP's (static pools).
 */
#include <string.h>
#include "lwip/opt.h"
#include "lwip/err.h"
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/sys.h"
#include "lwip/timeouts.h"
#if LWIP_DNS
#include "lwip/dns.h"
#endif
#define TAWS_ALLOW_PRIVATE_ACCESS /* the state's connection members are the port's own */
#include "tinyaws/port_lwip_raw.h"

#if !NO_SYS || !LWIP_TCP
/* cppcheck-suppress preprocessorErrorDirective ; cppcheck evaluates configurations lwipopts.h rules out */
#error "port_lwip_raw needs lwIP with NO_SYS=1 and LWIP_TCP=1"
#endif
#if LWIP_WND_SCALE || TCP_WND > 0xFFFF
#error "port_lwip_raw queues received data in one pbuf chain (u16 tot_len): TCP_WND <= 65535"
#endif

/* ---- the pump ------------------------------------------------------------------------- */

int taws_lwip_raw_pump(taws_lwip_raw_t *s)
{
    int frames = s->poll ? s->poll(s->cb_ctx) : 0;
    sys_check_timeouts();
    s->rounds++;
    return frames;
}

/* One round while a call waits: the pump, and the idle hook when nothing came in. */
static void wait_round(taws_lwip_raw_t *s)
{
    if (taws_lwip_raw_pump(s) == 0) {
        s->idle_rounds++;
        if (s->idle)
            s->idle(s->cb_ctx);
    }
}

static int timed_out(uint32_t start, uint32_t timeout_ms)
{
    return (uint32_t)(sys_now() - start) >= timeout_ms;
}

/* ---- lwIP callbacks: record, nothing else ------------------------------------------------ */

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    taws_lwip_raw_t *s = arg;
    (void)pcb;
    (void)err; /* always ERR_OK in lwIP 2.x; failures arrive through on_error */
    s->state = TAWS_LWIP_RAW_OPEN;
    return ERR_OK;
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    taws_lwip_raw_t *s = arg;
    (void)pcb;
    (void)err;
    if (p == NULL) {
        s->remote_fin = 1; /* FIN: everything the peer sent is queued already */
        return ERR_OK;
    }
    if (s->rx == NULL)
        s->rx = p;
    else
        pbuf_cat(s->rx, p); /* ownership passes to the queue; bounded by TCP_WND */
    if (s->rx->tot_len > s->rx_queued_max)
        s->rx_queued_max = s->rx->tot_len;
    return ERR_OK;
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
    /* Acknowledged bytes left lwIP's send buffer: a waiting send sees tcp_sndbuf() grow
     * after this round. Nothing to record. */
    (void)arg;
    (void)pcb;
    (void)len;
    return ERR_OK;
}

/* lwIP has freed the pcb (reset, abort, too many retransmissions). */
static void on_error(void *arg, err_t err)
{
    taws_lwip_raw_t *s = arg;
    if (s == NULL)
        return;
    s->pcb = NULL;
    s->err = err;
    s->state = TAWS_LWIP_RAW_DEAD;
}

/* Detaches our callbacks from the pcb and closes it gracefully (FIN after queued data), or
 * aborts it (RST) when asked or when lwIP cannot close it now. */
static void drop_pcb(taws_lwip_raw_t *s, int abort)
{
    struct tcp_pcb *pcb = s->pcb;
    s->pcb = NULL;
    if (pcb == NULL)
        return;
    tcp_arg(pcb, NULL);
    tcp_recv(pcb, NULL);
    tcp_sent(pcb, NULL);
    tcp_err(pcb, NULL);
    if (abort || tcp_close(pcb) != ERR_OK)
        tcp_abort(pcb);
}

static void lwip_raw_close(void *ctx)
{
    taws_lwip_raw_t *s = ctx;
    drop_pcb(s, 0);
    if (s->rx != NULL) {
        pbuf_free(s->rx);
        s->rx = NULL;
    }
    s->remote_fin = 0;
    s->state = TAWS_LWIP_RAW_CLOSED;
}

/* ---- names ------------------------------------------------------------------------------ */

/* "a.b.c.d" with 1..3 decimal digits per part: the only IPv4 form taken as an address, as
 * in port/lwip (lwIP's ip4addr_aton would also take "10.1" or "0x7f.1"). */
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

/* A name whose last label is numeric ("10.1", "0x7f.1") is no DNS name (top-level domains
 * are not numeric); lwIP's resolver would take it for an address, so it never gets there. */
static int numeric_looking(const char *h)
{
    const char *last = strrchr(h, '.');
    last = last ? last + 1 : h;
    return (*last >= '0' && *last <= '9');
}

#if LWIP_DNS
static void on_dns(const char *name, const ip_addr_t *addr, void *arg)
{
    taws_lwip_raw_t *s = arg;
    if (!s->dns_wait || strcmp(name, s->dns_name) != 0)
        return; /* an answer for a query that was given up */
    s->dns_wait = 0;
    s->dns_found = addr != NULL;
    if (addr != NULL)
        ip_addr_copy(s->dns_addr, *addr);
}

/* dns_gethostbyname(), pumping until it answers or the time is up. A query that times out
 * is TAWS_ERR_DNS (as a resolver timeout is for getaddrinfo). */
static taws_status_t resolve_dns(taws_lwip_raw_t *s, const char *host, ip_addr_t *out,
                                 uint32_t start, uint32_t timeout_ms)
{
    size_t n = strlen(host);
    err_t e;
    if (n >= sizeof s->dns_name)
        return TAWS_ERR_DNS;
    memcpy(s->dns_name, host, n + 1);
    s->dns_wait = 1;
    s->dns_found = 0;
    e = dns_gethostbyname(host, out, on_dns, s);
    if (e == ERR_OK) {
        s->dns_wait = 0; /* cached, or lwIP's local host list */
        return TAWS_OK;
    }
    if (e != ERR_INPROGRESS) {
        s->dns_wait = 0;
        return TAWS_ERR_DNS;
    }
    while (s->dns_wait) {
        if (timed_out(start, timeout_ms)) {
            s->dns_wait = 0;
            return TAWS_ERR_DNS;
        }
        wait_round(s);
    }
    if (!s->dns_found)
        return TAWS_ERR_DNS;
    ip_addr_copy(*out, s->dns_addr);
    return TAWS_OK;
}
#endif

static taws_status_t resolve(taws_lwip_raw_t *s, const char *host, ip_addr_t *out,
                             uint32_t start, uint32_t timeout_ms)
{
    ip4_addr_t a4;
#if LWIP_IPV6
    if (strchr(host, ':') != NULL) { /* a literal, without brackets as the URL parser hands it */
        ip6_addr_t a6;
        if (!ip6addr_aton(host, &a6))
            return TAWS_ERR_DNS;
        ip_addr_copy_from_ip6(*out, a6);
        return TAWS_OK;
    }
#endif
    if (is_dotted_quad(host)) {
        if (!ip4addr_aton(host, &a4))
            return TAWS_ERR_DNS;
        ip_addr_copy_from_ip4(*out, a4);
        return TAWS_OK;
    }
    if (s->resolve && s->resolve(s->cb_ctx, host, out) == 0)
        return TAWS_OK;
    if (numeric_looking(host) || strchr(host, ':') != NULL)
        return TAWS_ERR_DNS;
#if LWIP_DNS
    return resolve_dns(s, host, out, start, timeout_ms);
#else
    (void)start;
    (void)timeout_ms;
    return TAWS_ERR_DNS;
#endif
}

/* ---- the port --------------------------------------------------------------------------- */

static taws_status_t lwip_raw_connect(void *ctx, const char *host, uint16_t port,
                                      uint32_t timeout_ms)
{
    taws_lwip_raw_t *s = ctx;
    uint32_t start = sys_now();
    ip_addr_t ip;
    struct tcp_pcb *pcb;
    taws_status_t st;

    lwip_raw_close(s);
    if (host == NULL || *host == '\0')
        return TAWS_ERR_DNS;
    memset(&ip, 0, sizeof ip);
    st = resolve(s, host, &ip, start, timeout_ms);
    if (st != TAWS_OK)
        return st;

    pcb = tcp_new_ip_type(IP_GET_TYPE(&ip));
    if (pcb == NULL)
        return TAWS_ERR_CONNECT; /* MEMP_NUM_TCP_PCB exhausted */
    s->pcb = pcb;
    s->err = ERR_OK;
    s->state = TAWS_LWIP_RAW_CONNECTING;
    tcp_arg(pcb, s);
    tcp_recv(pcb, on_recv);
    tcp_sent(pcb, on_sent);
    tcp_err(pcb, on_error);
    /* Requests go out in a few writes; Nagle would hold each for an ACK (delayed: 200 ms). */
    tcp_nagle_disable(pcb);
    if (tcp_connect(pcb, &ip, port, on_connected) != ERR_OK) {
        drop_pcb(s, 1);
        s->state = TAWS_LWIP_RAW_CLOSED;
        return TAWS_ERR_CONNECT;
    }
    while (s->state == TAWS_LWIP_RAW_CONNECTING) {
        if (timed_out(start, timeout_ms)) {
            lwip_raw_close(s); /* aborts the pcb still in SYN_SENT */
            return TAWS_ERR_TIMEOUT;
        }
        wait_round(s);
    }
    if (s->state != TAWS_LWIP_RAW_OPEN) {
        lwip_raw_close(s); /* refused (RST) or given up by lwIP */
        return TAWS_ERR_CONNECT;
    }
    return TAWS_OK;
}

static taws_status_t lwip_raw_send(void *ctx, const uint8_t *buf, size_t len, size_t *sent,
                                   uint32_t timeout_ms)
{
    taws_lwip_raw_t *s = ctx;
    uint32_t start = sys_now();
    *sent = 0;
    if (len == 0)
        return TAWS_ERR_ARG;
    for (;;) {
        u16_t room;
        if (s->state != TAWS_LWIP_RAW_OPEN || s->pcb == NULL)
            return TAWS_ERR_SEND;
        room = tcp_sndbuf(s->pcb);
        /* Flow control: lwIP's send buffer (TCP_SND_BUF) and its segment queue
         * (TCP_SND_QUEUELEN) both have to have room; acknowledgements (on_sent) make it. */
        if (room > 0 && tcp_sndqueuelen(s->pcb) < TCP_SND_QUEUELEN) {
            u16_t n = len < room ? (u16_t)len : room;
            err_t e = tcp_write(s->pcb, buf, n, TCP_WRITE_FLAG_COPY);
            if (e == ERR_OK) {
                (void)tcp_output(s->pcb);
                *sent = n;
                return TAWS_OK;
            }
            if (e != ERR_MEM)
                return TAWS_ERR_SEND;
            /* ERR_MEM: lwIP's heap or segment pool is short for now; ACKs free them. */
        }
        (void)tcp_output(s->pcb);
        if (timed_out(start, timeout_ms))
            return TAWS_ERR_TIMEOUT;
        wait_round(s);
    }
}

static taws_status_t lwip_raw_recv(void *ctx, uint8_t *buf, size_t len, size_t *got,
                                   uint32_t timeout_ms)
{
    taws_lwip_raw_t *s = ctx;
    uint32_t start = sys_now();
    *got = 0;
    if (len == 0)
        return TAWS_ERR_ARG;
    if (s->state == TAWS_LWIP_RAW_CLOSED || s->state == TAWS_LWIP_RAW_CONNECTING)
        return TAWS_ERR_RECV;
    for (;;) {
        if (s->rx != NULL) {
            u16_t n = len < s->rx->tot_len ? (u16_t)len : s->rx->tot_len;
            n = pbuf_copy_partial(s->rx, buf, n, 0);
            /* Frees the pbufs read to their end, moves the first one's payload past the
             * rest; then the peer may send that much more. */
            s->rx = pbuf_free_header(s->rx, n);
            if (s->pcb != NULL)
                tcp_recved(s->pcb, n);
            *got = n;
            return TAWS_OK;
        }
        /* Nothing queued: an orderly close, and a reset (as the POSIX port reports one), are
         * TAWS_ERR_CLOSED once every byte before them has been read. */
        if (s->remote_fin || s->state == TAWS_LWIP_RAW_DEAD)
            return TAWS_ERR_CLOSED;
        if (timed_out(start, timeout_ms))
            return TAWS_ERR_TIMEOUT;
        wait_round(s);
    }
}

static uint32_t lwip_raw_now_ms(void *ctx)
{
    (void)ctx;
    return (uint32_t)sys_now();
}

static int64_t lwip_raw_wall_time(void *ctx)
{
    taws_lwip_raw_t *s = ctx;
    return s->wall_time ? s->wall_time(s->cb_ctx) : 0;
}

static taws_status_t lwip_raw_random(void *ctx, uint8_t *buf, size_t len)
{
    taws_lwip_raw_t *s = ctx;
    if (!s->random || s->random(s->cb_ctx, buf, len) != 0)
        return TAWS_ERR_RANDOM;
    return TAWS_OK;
}

/* A back-off keeps the stack running: ACKs, a peer's FIN and DHCP are handled meanwhile. */
static void lwip_raw_sleep_ms(void *ctx, uint32_t ms)
{
    taws_lwip_raw_t *s = ctx;
    uint32_t start = sys_now();
    while (!timed_out(start, ms))
        wait_round(s);
}

void taws_port_lwip_raw_init(taws_port_t *port, taws_lwip_raw_t *state)
{
    state->pcb = NULL;
    state->rx = NULL;
    state->state = TAWS_LWIP_RAW_CLOSED;
    state->remote_fin = 0;
    state->err = ERR_OK;
#if LWIP_DNS
    state->dns_wait = 0;
#endif
    port->ctx = state;
    port->connect = lwip_raw_connect;
    port->send = lwip_raw_send;
    port->recv = lwip_raw_recv;
    port->close = lwip_raw_close;
    port->now_ms = lwip_raw_now_ms;
    port->wall_time = lwip_raw_wall_time;
    port->random = lwip_raw_random;
    port->sleep_ms = lwip_raw_sleep_ms;
}
