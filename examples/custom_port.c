/* SPDX-License-Identifier: MIT */
/*
 * custom_port: the skeleton of a port of your own. tinyaws reaches the platform only through
 * a taws_port_t (include/tinyaws/port.h): eight functions over an opaque context. A port for
 * an RTOS, a modem's AT socket or a test harness fills the same eight; this one wraps POSIX
 * sockets as plainly as possible so that it runs, and lists the Amazon Bedrock model import
 * jobs once over plain HTTP to prove the skeleton complete ("<jobArn> <TAB> <status>").
 *
 *   custom_port http://HOST:PORT
 *
 * Credentials and region from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN, AWS_REGION). Plain HTTP needs no TLS context: a port is only bytes, and
 * for https the client runs TLS (mbedTLS) over the same port (see list_failed_invocations.c).
 * Never send real credentials over plain HTTP: this is for a local endpoint.
 *
 * Exit status: 0 listed, 1 the listing failed, 2 usage or configuration.
 *
 *   cc custom_port.c $(pkg-config --cflags --libs --static tinyaws)
 */
#define _POSIX_C_SOURCE 200809L /* NOLINT(cert-dcl37-c,cert-dcl51-cpp): the feature-test macro */

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "tinyaws/tinyaws.h" /* port.h comes with it; no port_posix.h: this is the port */

/* ---- the port ---------------------------------------------------------------------------- */

/* The port's own state, which tinyaws sees only as the void *ctx of every call. */
typedef struct {
    int fd;        /* the connection, -1 when closed */
    int urandom;   /* the random source */
} my_port_t;

/* Waits until fd is ready for events, at most timeout_ms; fail is the status of an error. */
static taws_status_t wait_fd(int fd, short events, uint32_t timeout_ms, taws_status_t fail)
{
    struct pollfd p;
    int n;
    p.fd = fd;
    p.events = events;
    p.revents = 0;
    do
        n = poll(&p, 1, timeout_ms > 0x7fffffffu ? -1 : (int)timeout_ms);
    while (n < 0 && errno == EINTR); /* a real port also bounds the wait after a signal */
    if (n == 0)
        return TAWS_ERR_TIMEOUT;
    return n < 0 ? fail : TAWS_OK;
}

/* One TCP connection to host:port, every address the name resolves to tried in turn. */
static taws_status_t my_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms)
{
    my_port_t *m = ctx;
    struct addrinfo hints, *res = NULL, *ai;
    char service[6];
    taws_status_t st = TAWS_ERR_CONNECT;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    snprintf(service, sizeof service, "%u", (unsigned)port);
    if (getaddrinfo(host, service, &hints, &res) != 0)
        return TAWS_ERR_DNS;
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        int err = 0;
        socklen_t len = sizeof err;
        if (fd < 0)
            continue;
        /* Non-blocking, so that connect() honours the timeout; every wait below polls. */
        if (fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
            close(fd);
            continue;
        }
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 ||
            (errno == EINPROGRESS && (st = wait_fd(fd, POLLOUT, timeout_ms, TAWS_ERR_CONNECT)) == TAWS_OK &&
             getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)) {
            m->fd = fd;
            st = TAWS_OK;
            break;
        }
        if (st != TAWS_ERR_TIMEOUT)
            st = TAWS_ERR_CONNECT;
        close(fd);
    }
    freeaddrinfo(res);
    return st;
}

/* Sends up to len bytes; at least one on TAWS_OK. */
static taws_status_t my_send(void *ctx, const uint8_t *buf, size_t len, size_t *sent,
                             uint32_t timeout_ms)
{
    my_port_t *m = ctx;
    ssize_t n;
    taws_status_t st = wait_fd(m->fd, POLLOUT, timeout_ms, TAWS_ERR_SEND);
    if (st != TAWS_OK)
        return st;
    n = send(m->fd, buf, len, MSG_NOSIGNAL); /* a closed peer is an error, not a SIGPIPE */
    if (n <= 0)
        return TAWS_ERR_SEND;
    *sent = (size_t)n;
    return TAWS_OK;
}

/* Receives up to len bytes; at least one on TAWS_OK, TAWS_ERR_CLOSED at the peer's close. */
static taws_status_t my_recv(void *ctx, uint8_t *buf, size_t len, size_t *got, uint32_t timeout_ms)
{
    my_port_t *m = ctx;
    ssize_t n;
    taws_status_t st = wait_fd(m->fd, POLLIN, timeout_ms, TAWS_ERR_RECV);
    if (st != TAWS_OK)
        return st;
    n = recv(m->fd, buf, len, 0);
    if (n == 0)
        return TAWS_ERR_CLOSED;
    if (n < 0)
        return TAWS_ERR_RECV;
    *got = (size_t)n;
    return TAWS_OK;
}

/* Closing twice must be harmless: the client closes on errors and at the end. */
static void my_close(void *ctx)
{
    my_port_t *m = ctx;
    if (m->fd >= 0)
        close(m->fd);
    m->fd = -1;
}

/* Monotonic milliseconds: timeouts and back-off, only differences are used (it may wrap). */
static uint32_t my_now_ms(void *ctx)
{
    struct timespec ts;
    (void)ctx;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

/* Wall-clock seconds since 1970 UTC, for X-Amz-Date. A device without a clock may start
 * anywhere: the client adopts the server's Date after a clock-skew error. */
static int64_t my_wall_time(void *ctx)
{
    (void)ctx;
    return (int64_t)time(NULL);
}

/* Cryptographically strong bytes (TLS's random generator, retry jitter): a device's TRNG. */
static taws_status_t my_random(void *ctx, uint8_t *buf, size_t len)
{
    my_port_t *m = ctx;
    while (len > 0) {
        ssize_t n = read(m->urandom, buf, len);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            return TAWS_ERR_RANDOM;
        }
        buf += n;
        len -= (size_t)n;
    }
    return TAWS_OK;
}

/* Retry back-off: an RTOS yields to other tasks here. */
static void my_sleep_ms(void *ctx, uint32_t ms)
{
    struct timespec ts;
    (void)ctx;
    ts.tv_sec = (time_t)(ms / 1000u);
    ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* Fills port with our functions over m (both the caller's; m lives as long as port). */
static int my_port_init(taws_port_t *port, my_port_t *m)
{
    m->fd = -1;
    m->urandom = open("/dev/urandom", O_RDONLY);
    if (m->urandom < 0)
        return -1;
    port->ctx = m;
    port->connect = my_connect;
    port->send = my_send;
    port->recv = my_recv;
    port->close = my_close;
    port->now_ms = my_now_ms;
    port->wall_time = my_wall_time;
    port->random = my_random;
    port->sleep_ms = my_sleep_ms;
    return 0;
}

static void my_port_free(my_port_t *m)
{
    my_close(m);
    if (m->urandom >= 0)
        close(m->urandom);
    m->urandom = -1;
}

/* ---- one listing over it ------------------------------------------------------------------ */

static char window[16384];
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];
static char secret[TAWS_SECRET_MAX + 1];

static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

static void print_str(taws_str_t s)
{
    if (s.p != NULL)
        fwrite(s.p, 1, s.n, stdout);
}

int main(int argc, char **argv)
{
    static taws_client_t client;
    static taws_pager_t pager;
    taws_port_t port;
    my_port_t mine;
    taws_credentials_t cred;
    taws_list_model_import_jobs_params_t params;
    taws_paginate_t paging;
    taws_model_import_job_summary_t item;
    taws_status_t st;
    const char *key_id = getenv("AWS_ACCESS_KEY_ID");
    const char *secret_env = getenv("AWS_SECRET_ACCESS_KEY");
    const char *token = getenv("AWS_SESSION_TOKEN");
    const char *region = getenv("AWS_REGION");
    int rc = 1;

    if (argc != 2 || strncmp(argv[1], "http://", 7) != 0 || region == NULL || key_id == NULL ||
        secret_env == NULL || strlen(secret_env) > TAWS_SECRET_MAX) {
        fprintf(stderr, "usage: custom_port http://HOST:PORT\n"
                        "  with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION (and\n"
                        "  AWS_SESSION_TOKEN) in the environment\n");
        return 2;
    }
    if (my_port_init(&port, &mine) != 0) {
        perror("/dev/urandom");
        return 1;
    }
    memcpy(secret, secret_env, strlen(secret_env) + 1);
    cred.access_key_id.p = key_id;
    cred.access_key_id.n = strlen(key_id);
    cred.secret_access_key.p = secret;
    cred.secret_access_key.n = strlen(secret);
    cred.session_token.p = token;
    cred.session_token.n = token ? strlen(token) : 0;

    /* No TLS context (NULL): an https endpoint would then fail, not fall back to plain. */
    st = taws_client_init(&client, &port, NULL, &cred, region);
    if (st == TAWS_OK)
        st = taws_client_set_endpoint(&client, argv[1]);
    if (st != TAWS_OK) {
        fprintf(stderr, "client: %s\n", taws_strerror(st));
        goto cleanup;
    }

    memset(&params, 0, sizeof params);
    memset(&paging, 0, sizeof paging);
    paging.page_size.v = 50;
    paging.page_size.set = 1;
    st = taws_list_model_import_jobs_begin(&pager, &client, &params, &paging, window, sizeof window,
                                           tokens, TAWS_JSON_MAX_TOKENS);
    if (st != TAWS_OK) {
        fprintf(stderr, "parameters: %s %s\n", taws_strerror(st), taws_pager_msg(&pager));
        goto cleanup;
    }
    while ((st = taws_list_model_import_jobs_next(&pager, &item)) == TAWS_OK) {
        print_str(item.job_arn);
        fputc('\t', stdout);
        print_str(item.status);
        fputc('\n', stdout);
    }
    if (st != TAWS_DONE) {
        fprintf(stderr, "listing: %s", taws_strerror(st));
        if (st == TAWS_ERR_SERVICE)
            fprintf(stderr, ": %s: %s", taws_client_error_code(&client),
                    taws_client_error_message(&client));
        fputc('\n', stderr);
        goto cleanup;
    }
    if (fflush(stdout) != 0) {
        perror("stdout");
        goto cleanup;
    }
    rc = 0;

cleanup:
    taws_client_close(&client); /* calls my_close() when a connection is open */
    my_port_free(&mine);
    wipe(secret, sizeof secret);
    return rc;
}
