/* SPDX-License-Identifier: MIT */
/*
 * Linkability check (never run): a firmware-style main that lists async invocations through
 * a taws_pager_t over a stub port, with mbedTLS on a static pool and the time hook set. Linked
 * for Cortex-M4 with --specs=nano.specs --specs=nosys.specs -Wl,--gc-sections by
 * boards/cross/cross.mk, it proves that libtinyaws.a and the boards mbedTLS build leave no
 * undefined symbol; the map file then tells what one listing costs in flash and RAM.
 *
 * The stub port is not a port: it fails every connection and its "random" bytes are not
 * random. A device uses port/lwip (or its own) with a TRNG.
 */
#include <string.h>
#include <mbedtls/memory_buffer_alloc.h>
#include <mbedtls/platform.h>
#include "tinyaws/pager.h"

/* The mbedTLS pool: size it from `make size` (peak of a real listing plus headroom). */
#ifndef LINK_CHECK_POOL
#define LINK_CHECK_POOL (40 * 1024)
#endif
static unsigned char mbedtls_pool[LINK_CHECK_POOL];

static char window[TAWS_WINDOW_SIZE];
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];
static taws_port_t port;
static taws_tls_t tls;
static taws_client_t client;
static taws_pager_t pager;
static uint32_t ticks;

#ifdef LINK_CHECK_IOT
/* make size links this program a second time with the AWS IoT credentials provider (its
 * context, the credentials storage, mutual TLS on the client's own TLS context): the
 * difference of the two images is what the provider adds. */
static taws_cred_iot_t iot;
static taws_cred_t cred_store;
static const char cert_pem[] = "-----BEGIN CERTIFICATE-----\n(the device certificate)\n"
                               "-----END CERTIFICATE-----\n";
static const char key_pem[] = "-----BEGIN EC PRIVATE KEY-----\n(the device key)\n"
                              "-----END EC PRIVATE KEY-----\n";
#endif

static const char ca_pem[] = "-----BEGIN CERTIFICATE-----\n(the device's trust anchor)\n"
                             "-----END CERTIFICATE-----\n";

static taws_status_t stub_connect(void *ctx, const char *host, uint16_t p, uint32_t t)
{
    (void)ctx, (void)host, (void)p, (void)t;
    return TAWS_ERR_CONNECT;
}
static taws_status_t stub_send(void *ctx, const uint8_t *b, size_t n, size_t *sent, uint32_t t)
{
    (void)ctx, (void)b, (void)t;
    *sent = n;
    return TAWS_OK;
}
static taws_status_t stub_recv(void *ctx, uint8_t *b, size_t n, size_t *got, uint32_t t)
{
    (void)ctx, (void)b, (void)n, (void)t;
    *got = 0;
    return TAWS_ERR_CLOSED;
}
static void stub_close(void *ctx) { (void)ctx; }
static uint32_t stub_now_ms(void *ctx) { (void)ctx; return ticks++; }
static int64_t stub_wall_time(void *ctx) { (void)ctx; return 1735689600; /* 2025-01-01 */ }
static taws_status_t stub_random(void *ctx, uint8_t *b, size_t n)
{
    (void)ctx;
    memset(b, (int)(ticks & 0xff), n); /* NOT random: link check only */
    return TAWS_OK;
}
static void stub_sleep_ms(void *ctx, uint32_t ms) { (void)ctx; ticks += ms; }

static mbedtls_time_t board_time(mbedtls_time_t *t)
{
    mbedtls_time_t now = (mbedtls_time_t)stub_wall_time(NULL);
    if (t)
        *t = now;
    return now;
}

static volatile size_t sink_bytes;
static taws_status_t count_token(taws_sink_t *s, const void *p, size_t n)
{
    (void)s, (void)p;
    sink_bytes += n;
    return TAWS_OK;
}

int main(void)
{
    taws_credentials_t cred = { TAWS_LIT("AKIDEXAMPLE"), TAWS_LIT("secret"), TAWS_STR_NULL };
    taws_list_async_invokes_params_t params;
    taws_paginate_t pg;
    taws_async_invoke_summary_t item;
    taws_sink_t token_out = { count_token };
    taws_status_t st;
    size_t seen = 0;

    mbedtls_memory_buffer_alloc_init(mbedtls_pool, sizeof mbedtls_pool);
    mbedtls_platform_set_time(board_time);

    port.connect = stub_connect;
    port.send = stub_send;
    port.recv = stub_recv;
    port.close = stub_close;
    port.now_ms = stub_now_ms;
    port.wall_time = stub_wall_time;
    port.random = stub_random;
    port.sleep_ms = stub_sleep_ms;

    memset(&params, 0, sizeof params);
    memset(&pg, 0, sizeof pg);
    params.status_equals = "Failed";
    pg.page_size = (taws_int_t){ 100, 1 };
    pg.max_items = (taws_int_t){ 50, 1 };

    if (taws_tls_init(&tls, &port) != TAWS_OK ||
        taws_tls_add_ca(&tls, (const uint8_t *)ca_pem, sizeof ca_pem) != TAWS_OK)
        return 1;
#ifdef LINK_CHECK_IOT
    {
        taws_cred_provider_t prov;
        (void)cred;
        if (taws_cred_iot_init(&iot, &prov, &tls, "c1234.credentials.iot.eu-central-1.amazonaws.com",
                               "role-alias", "thing", (const uint8_t *)cert_pem, sizeof cert_pem,
                               (const uint8_t *)key_pem, sizeof key_pem) != TAWS_OK)
            return 3;
        if (taws_client_init(&client, &port, &tls, NULL, "eu-central-1") != TAWS_OK ||
            taws_client_set_provider(&client, &prov, &cred_store) != TAWS_OK)
            return 2;
    }
#else
    if (taws_client_init(&client, &port, &tls, &cred, "eu-central-1") != TAWS_OK)
        return 2;
#endif
    st = taws_pager_begin(&pager, &client, &taws_op_list_async_invokes, &params, &pg, window,
                          sizeof window, tokens, TAWS_JSON_MAX_TOKENS);
    while (st == TAWS_OK && (st = taws_pager_next(&pager, &item)) == TAWS_OK)
        seen += item.invocation_arn.n + item.status.n;
    if (st == TAWS_DONE && taws_pager_truncated(&pager))
        (void)taws_pager_resume_token(&pager, &token_out);
    taws_client_close(&client);
#ifdef LINK_CHECK_IOT
    taws_cred_iot_free(&iot);
#endif
    taws_tls_free(&tls);
    return seen > 0 ? 0 : (int)st;
}
