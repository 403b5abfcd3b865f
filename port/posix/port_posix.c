/* SPDX-License-Identifier: MIT */
/*
 * POSIX port: getaddrinfo (IPv4 and IPv6, every address tried in order), a non-blocking
 * connect bounded by the timeout, poll()-bounded send/recv, EINTR retried with the remaining
 * time. No heap of our own (getaddrinfo's list is libc's, freed at once).
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#define TAWS_ALLOW_PRIVATE_ACCESS /* the state's connection members are the port's own */
#include "tinyaws/port_posix.h"

static uint32_t posix_now_ms(void *ctx)
{
    struct timespec ts;
    (void)ctx;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

static int64_t posix_wall_time(void *ctx)
{
    struct timespec ts;
    (void)ctx;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec;
}

static int cancelled(const taws_posix_t *s)
{
    return s && s->cancel && *s->cancel;
}

static void posix_sleep_ms(void *ctx, uint32_t ms)
{
    struct timespec ts, rem;
    ts.tv_sec = (time_t)(ms / 1000u);
    ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
    while (nanosleep(&ts, &rem) != 0 && errno == EINTR && !cancelled(ctx))
        ts = rem;
}

static taws_status_t posix_random(void *ctx, uint8_t *buf, size_t len)
{
    int fd;
    (void)ctx;
    fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return TAWS_ERR_RANDOM;
    while (len > 0) {
        ssize_t r = read(fd, buf, len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            close(fd);
            return TAWS_ERR_RANDOM;
        }
        buf += r;
        len -= (size_t)r;
    }
    close(fd);
    return TAWS_OK;
}

/* Waits for `events` on fd until deadline; EINTR restarts with the time left, unless the
 * application's cancel flag was set (by the signal handler that interrupted us). */
static taws_status_t wait_fd(const taws_posix_t *s, int fd, short events, uint32_t start,
                             uint32_t timeout_ms)
{
    for (;;) {
        struct pollfd p;
        uint32_t spent = posix_now_ms(NULL) - start;
        int r;
        if (spent >= timeout_ms)
            return TAWS_ERR_TIMEOUT;
        p.fd = fd;
        p.events = events;
        p.revents = 0;
        r = poll(&p, 1, (int)(timeout_ms - spent > 0x7fffffffu ? 0x7fffffff : timeout_ms - spent));
        if (r > 0)
            return TAWS_OK; /* readable, writable, or an error/hang-up the next call reports */
        if (r == 0)
            return TAWS_ERR_TIMEOUT;
        if (errno != EINTR)
            return TAWS_ERR_RECV;
        if (cancelled(s))
            return TAWS_ERR_CANCELLED;
    }
}

static void posix_close(void *ctx)
{
    taws_posix_t *s = ctx;
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
}

static taws_status_t try_address(taws_posix_t *s, const struct addrinfo *ai, uint32_t start,
                                 uint32_t timeout_ms)
{
    int fd, err = 0, one = 1;
    socklen_t len = sizeof err;
    taws_status_t st;

    fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0)
        return TAWS_ERR_CONNECT;
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
        close(fd);
        return TAWS_ERR_CONNECT;
    }
    /* Requests go out in a few writes; without this Nagle + delayed ACK cost ~40 ms each. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#ifdef SO_NOSIGPIPE
    (void)setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
    while (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        if (errno == EINTR)
            continue;
        if (errno != EINPROGRESS) {
            close(fd);
            return TAWS_ERR_CONNECT;
        }
        st = wait_fd(s, fd, POLLOUT, start, timeout_ms);
        if (st != TAWS_OK) {
            close(fd);
            return st == TAWS_ERR_TIMEOUT || st == TAWS_ERR_CANCELLED ? st : TAWS_ERR_CONNECT;
        }
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
            close(fd);
            return TAWS_ERR_CONNECT;
        }
        break;
    }
    s->fd = fd;
    return TAWS_OK;
}

static taws_status_t posix_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms)
{
    taws_posix_t *s = ctx;
    struct addrinfo hints, *res = NULL, *ai;
    char portstr[8];
    uint32_t start = posix_now_ms(NULL);
    taws_status_t st = TAWS_ERR_CONNECT;
    int rc;

    posix_close(s);
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC; /* IPv4 and IPv6 */
    hints.ai_socktype = SOCK_STREAM;
    /* No AI_ADDRCONFIG: it hides ::1 and 127.0.0.1 on hosts without other addresses; an
     * unreachable family fails fast and the next address is tried. */
    snprintf(portstr, sizeof portstr, "%u", (unsigned)port);
    rc = getaddrinfo(host, portstr, &hints, &res);
    if (rc != 0)
        return TAWS_ERR_DNS;
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        st = try_address(s, ai, start, timeout_ms);
        if (st == TAWS_OK || st == TAWS_ERR_TIMEOUT || st == TAWS_ERR_CANCELLED)
            break;
    }
    freeaddrinfo(res);
    return st;
}

static taws_status_t posix_send(void *ctx, const uint8_t *buf, size_t len, size_t *sent,
                                uint32_t timeout_ms)
{
    taws_posix_t *s = ctx;
    uint32_t start = posix_now_ms(NULL);
    int flags = 0;
#ifdef MSG_NOSIGNAL
    flags = MSG_NOSIGNAL; /* a peer reset must be an error, not SIGPIPE */
#endif
    *sent = 0;
    if (s->fd < 0)
        return TAWS_ERR_SEND;
    for (;;) {
        ssize_t r = send(s->fd, buf, len, flags);
        if (r > 0) {
            *sent = (size_t)r;
            return TAWS_OK;
        }
        if (r < 0 && errno == EINTR && cancelled(s))
            return TAWS_ERR_CANCELLED;
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            taws_status_t st = wait_fd(s, s->fd, POLLOUT, start, timeout_ms);
            if (st != TAWS_OK)
                return st == TAWS_ERR_TIMEOUT || st == TAWS_ERR_CANCELLED ? st : TAWS_ERR_SEND;
            continue;
        }
        return TAWS_ERR_SEND;
    }
}

static taws_status_t posix_recv(void *ctx, uint8_t *buf, size_t len, size_t *got,
                                uint32_t timeout_ms)
{
    taws_posix_t *s = ctx;
    uint32_t start = posix_now_ms(NULL);
    *got = 0;
    if (s->fd < 0)
        return TAWS_ERR_RECV;
    for (;;) {
        ssize_t r = recv(s->fd, buf, len, 0);
        if (r > 0) {
            *got = (size_t)r;
            return TAWS_OK;
        }
        if (r == 0)
            return TAWS_ERR_CLOSED;
        if (errno == EINTR && cancelled(s))
            return TAWS_ERR_CANCELLED;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            taws_status_t st = wait_fd(s, s->fd, POLLIN, start, timeout_ms);
            if (st != TAWS_OK)
                return st;
            continue;
        }
        return errno == ECONNRESET ? TAWS_ERR_CLOSED : TAWS_ERR_RECV;
    }
}

void taws_port_posix_init(taws_port_t *port, taws_posix_t *state)
{
    state->fd = -1;
    state->cancel = NULL;
    port->ctx = state;
    port->connect = posix_connect;
    port->send = posix_send;
    port->recv = posix_recv;
    port->close = posix_close;
    port->now_ms = posix_now_ms;
    port->wall_time = posix_wall_time;
    port->random = posix_random;
    port->sleep_ms = posix_sleep_ms;
}
