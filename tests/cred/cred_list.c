/* SPDX-License-Identifier: MIT */
/* A library program for tests/cred/test_cred_library.py: lists bedrock ListModelImportJobs
 * through the public API with credentials from one provider, printing each item's jobArn.
 *
 *   cred_list <endpoint-url> <ca.pem> iot <host:port> <role-alias> <thing> <cert> <key>
 *   cred_list <endpoint-url> <ca.pem> container <full-uri> <token|-> [token-file]
 *   cred_list <endpoint-url> <ca.pem> imds <endpoint>
 *   cred_list <endpoint-url> <ca.pem> static <key-id> <secret>
 *
 * Environment: CRED_REFRESH=<s> (the refresh window), PAGE_SIZE=<n>, ITEM_SLEEP_MS=<ms> (a
 * pause after each item: a listing longer than the credentials' lifetime), EXPIRE_AT=<n>:<port>
 * (after n items, POST /__tinyaws/credentials/expire to the endpoint's control port: the
 * service refuses them while the client still believes them good), DEBUG=1 (the wire
 * exchange on stderr). Ends with "fetches N" on stderr; a failure prints
 * "error TAWS_ERR_...: Error when retrieving credentials from <provider>: <message>" and exits 2. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "tinyaws/tinyaws.h"
#include "tinyaws/port_posix.h"

static char window[TAWS_WINDOW_SIZE];
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];
static taws_cred_t cred;
static taws_client_t client;
static taws_pager_t pager;
static taws_tls_t tls, iot_tls;
static taws_cred_iot_t iot;
static taws_cred_container_t container;
static taws_cred_imds_t imds;
static taws_cred_static_t fixed;
static uint8_t cert_buf[16384], key_buf[16384];

static size_t read_file(const char *path, uint8_t *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    if (!f) {
        perror(path);
        exit(3);
    }
    n = fread(buf, 1, cap - 1, f);
    fclose(f);
    buf[n] = 0;
    /* PEM: mbedTLS wants the terminating NUL counted */
    return memcmp(buf, "-----", 5) == 0 ? n + 1 : n;
}

static taws_status_t token_file(void *ctx, char *buf, size_t cap, size_t *len)
{
    FILE *f = fopen((const char *)ctx, "rb");
    size_t n;
    if (!f)
        return TAWS_ERR_ARG;
    n = fread(buf, 1, cap, f);
    fclose(f);
    *len = n;
    return n >= cap ? TAWS_ERR_TOO_LONG : TAWS_OK;
}

static taws_status_t dbg_write(taws_sink_t *s, const void *p, size_t n)
{
    (void)s;
    fwrite(p, 1, n, stderr);
    return TAWS_OK;
}

/* POST /__tinyaws/credentials/expire {} to the endpoint's control port (plain HTTP). */
static void expire_now(int port)
{
    static const char req[] = "POST /__tinyaws/credentials/expire HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "X-Tinyaws-Control: 1\r\nContent-Type: application/json\r\n"
                              "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
    struct sockaddr_in a;
    char buf[512];
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
        write(fd, req, sizeof req - 1) != (ssize_t)(sizeof req - 1)) {
        fprintf(stderr, "control connection failed\n");
        exit(3);
    }
    while (read(fd, buf, sizeof buf) > 0) {
    }
    close(fd);
    fprintf(stderr, "expired the credentials\n");
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
    taws_port_t port;
    taws_posix_t ps;
    taws_cred_provider_t prov;
    taws_list_model_import_jobs_params_t params;
    taws_paginate_t pg;
    taws_model_import_job_summary_t item;
    taws_sink_t dbg = { dbg_write };
    taws_status_t st;
    const char *kind;
    long items = 0, sleep_each = getenv("ITEM_SLEEP_MS") ? atol(getenv("ITEM_SLEEP_MS")) : 0;
    long expire_at = -1;
    int control_port = 0;

    if (argc < 5) {
        fprintf(stderr, "usage: see tests/cred/cred_list.c\n");
        return 64;
    }
    if (getenv("EXPIRE_AT"))
        sscanf(getenv("EXPIRE_AT"), "%ld:%d", &expire_at, &control_port);
    kind = argv[3];
    taws_port_posix_init(&port, &ps);
    if (taws_tls_init(&tls, &port) != TAWS_OK || taws_tls_add_ca_file(&tls, argv[2]) != TAWS_OK)
        return 3;
    memset(&prov, 0, sizeof prov);
    if (strcmp(kind, "iot") == 0 && argc >= 9) {
        size_t cl = read_file(argv[7], cert_buf, sizeof cert_buf), kl = read_file(argv[8], key_buf, sizeof key_buf);
        /* its own TLS context: the client certificate goes to the credentials endpoint only */
        if (taws_tls_init(&iot_tls, &port) != TAWS_OK || taws_tls_add_ca_file(&iot_tls, argv[2]) != TAWS_OK)
            return 3;
        st = taws_cred_iot_init(&iot, &prov, &iot_tls, argv[4], argv[5], argv[6], cert_buf, cl, key_buf, kl);
        memset(key_buf, 0, sizeof key_buf);
    } else if (strcmp(kind, "container") == 0 && argc >= 6) {
        const char *tok = strcmp(argv[5], "-") == 0 ? NULL : argv[5];
        st = taws_cred_container_init(&container, &prov, argv[4], NULL, tok, argc >= 7 ? token_file : NULL,
                                      argc >= 7 ? argv[6] : NULL);
    } else if (strcmp(kind, "imds") == 0) {
        st = taws_cred_imds_init(&imds, &prov, argv[4], 0);
    } else if (strcmp(kind, "static") == 0 && argc >= 6) {
        st = taws_cred_static_init(&fixed, &prov, argv[4], argv[5], NULL);
    } else {
        fprintf(stderr, "unknown provider %s\n", kind);
        return 64;
    }
    if (st != TAWS_OK) {
        fprintf(stderr, "error %s: %s\n", taws_status_name(st), taws_cred_provider_message(&prov));
        taws_cred_iot_free(&iot);
        return 2;
    }
    if ((st = taws_client_init(&client, &port, &tls, NULL, "us-east-1")) != TAWS_OK ||
        (st = taws_client_set_endpoint(&client, argv[1])) != TAWS_OK ||
        (st = taws_client_set_provider(&client, &prov, &cred)) != TAWS_OK) {
        fprintf(stderr, "error %s\n", taws_status_name(st));
        return 2;
    }
    if (getenv("CRED_REFRESH"))
        taws_client_set_cred_refresh(&client, (uint32_t)atol(getenv("CRED_REFRESH")));
    if (getenv("DEBUG"))
        taws_client_set_debug(&client, &dbg);
    memset(&params, 0, sizeof params);
    memset(&pg, 0, sizeof pg);
    if (getenv("PAGE_SIZE")) {
        pg.page_size.v = atol(getenv("PAGE_SIZE"));
        pg.page_size.set = 1;
    }
    st = taws_list_model_import_jobs_begin(&pager, &client, &params, &pg, window, sizeof window, tokens,
                                           TAWS_JSON_MAX_TOKENS);
    while (st == TAWS_OK && (st = taws_list_model_import_jobs_next(&pager, &item)) == TAWS_OK) {
        printf("%.*s\n", (int)item.job_arn.n, item.job_arn.p);
        items++;
        if (items == expire_at)
            expire_now(control_port);
        if (sleep_each)
            sleep_ms(sleep_each);
    }
    fflush(stdout);
    fprintf(stderr, "fetches %u\n", (unsigned)taws_client_credential_fetches(&client));
    if (st != TAWS_DONE) {
        taws_status_t cs = taws_client_credential_status(&client);
        if (cs != TAWS_OK)
            fprintf(stderr, "error %s: Error when retrieving credentials from %s: %s\n", taws_status_name(cs),
                    taws_cred_provider_name(&prov), taws_cred_provider_message(&prov));
        else
            fprintf(stderr, "error %s: %s %s\n", taws_status_name(st), taws_client_error_code(&client),
                    taws_client_error_message(&client));
    }
    taws_client_close(&client);
    taws_cred_iot_free(&iot);
    taws_tls_free(&iot_tls);
    taws_tls_free(&tls);
    return st == TAWS_DONE ? 0 : 2;
}
