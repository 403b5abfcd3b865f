/* SPDX-License-Identifier: MIT */
/*
 * taws_resolve: prints the endpoint tinyaws resolves, one line per input line (stdin), for
 * tests/endpoints/test_endpoints_botocore.py to compare with botocore.
 *
 *   client <endpoint_prefix> <region> <fips 0|1> <dualstack 0|1>
 *       Through the client, as a listing would go: taws_client_init() (FIPS pseudo-regions),
 *       taws_client_set_endpoint_variant(), then a request, whose connect the port refuses
 *       after recording where it was asked to connect.
 *       -> <STATUS_NAME>\t<tls>\t<connect host>\t<port>\t<Host header>\t<signing region>\t<err_msg>
 *   rules <endpoint_prefix> <region|-> <fips 0|1> <dualstack 0|1> <endpoint|->
 *       The rule set alone (taws_rules_eval), with the Endpoint parameter the client never
 *       passes.  -> <STATUS_NAME>\t<URL or message>
 *
 *   config
 *       -> TAWS_REGION_MAX <n>
 *
 * "-" stands for an unset value, '' for an empty region; a region may not contain blanks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tinyaws/client.h"
#include "endpoint_rules.h"
#include "tinyaws/ops.h"

typedef struct {
    char host[TAWS_HOST_MAX];
    unsigned port;
    int connects;
} stub_t;

static taws_status_t stub_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms)
{
    stub_t *s = ctx;
    (void)timeout_ms;
    snprintf(s->host, sizeof s->host, "%s", host);
    s->port = port;
    s->connects++;
    return TAWS_ERR_CONNECT;
}
static taws_status_t stub_send(void *ctx, const uint8_t *b, size_t n, size_t *sent, uint32_t t)
{
    (void)ctx, (void)b, (void)n, (void)sent, (void)t;
    return TAWS_ERR_SEND;
}
static taws_status_t stub_recv(void *ctx, uint8_t *b, size_t n, size_t *got, uint32_t t)
{
    (void)ctx, (void)b, (void)n, (void)got, (void)t;
    return TAWS_ERR_RECV;
}
static void stub_close(void *ctx) { (void)ctx; }
static uint32_t stub_now(void *ctx) { (void)ctx; return 0; }
static int64_t stub_wall(void *ctx) { (void)ctx; return 1700000000; }
static taws_status_t stub_random(void *ctx, uint8_t *b, size_t n)
{
    (void)ctx;
    memset(b, 0x5a, n);
    return TAWS_OK;
}
static void stub_sleep(void *ctx, uint32_t ms) { (void)ctx, (void)ms; }

/* The first operation of a service: the client resolves per operation's endpoint prefix. */
static const taws_op_t *op_for(const char *prefix)
{
    const taws_op_t *const *op;
    for (op = taws_ops; *op; op++)
        if (strcmp((*op)->endpoint_prefix, prefix) == 0)
            return *op;
    return NULL;
}

static void via_client(const char *prefix, const char *region, int fips, int ds)
{
    static taws_client_t c;
    static taws_tls_t tls; /* never touched: the port refuses every connect */
    stub_t stub;
    taws_port_t port = { &stub, stub_connect, stub_send, stub_recv, stub_close,
                         stub_now, stub_wall, stub_random, stub_sleep };
    taws_credentials_t cred = { TAWS_LIT("AKIDEXAMPLE"), TAWS_LIT("secret"), TAWS_STR_NULL };
    const taws_op_t *op = op_for(prefix);
    taws_status_t st;

    memset(&stub, 0, sizeof stub);
    if (!op) {
        printf("NO_OPERATION\n");
        return;
    }
    st = taws_client_init(&c, &port, &tls, &cred, region);
    if (st == TAWS_OK) {
        taws_client_set_endpoint_variant(&c, (fips ? TAWS_ENDPOINT_FIPS : 0u) |
                                                 (ds ? TAWS_ENDPOINT_DUALSTACK : 0u));
        st = taws_client_connect(&c, op); /* the stub port refuses: nothing is sent */
    }
    if (st == TAWS_ERR_CONNECT && stub.connects == 1)
        printf("OK\t%d\t%s\t%u\t%s\t%s\t\n", taws_client_endpoint_tls(&c), stub.host, stub.port,
               taws_client_endpoint_host_header(&c), taws_client_region(&c));
    else
        printf("%s\t\t\t\t\t%s\t%s\n", taws_status_name(st), st == TAWS_OK ? "" : taws_client_region(&c),
               st == TAWS_ERR_ENDPOINT_RULE ? taws_client_error_message(&c) : "");
    taws_client_close(&c);
}

static void via_rules(const char *prefix, const char *region, int fips, int ds, const char *endpoint)
{
    char out[TAWS_ERR_MSG_MAX];
    const taws_rules_t *rs = taws_rules_find(prefix);
    taws_rules_input_t in;
    taws_status_t st;
    in.region = strcmp(region, "-") ? region : NULL;
    in.endpoint = strcmp(endpoint, "-") ? endpoint : NULL;
    in.use_fips = (uint8_t)fips;
    in.use_dualstack = (uint8_t)ds;
    st = rs ? taws_rules_eval(rs, &in, out, sizeof out) : TAWS_ERR_ENDPOINT_RULES;
    printf("%s\t%s\n", taws_status_name(st), st == TAWS_OK || st == TAWS_ERR_ENDPOINT_RULE ? out : "");
}

int main(void)
{
    char line[1024];
    while (fgets(line, sizeof line, stdin)) {
        char mode[16], prefix[64], region[256], endpoint[512];
        int fips, ds, n;
        line[strcspn(line, "\n")] = '\0';
        n = sscanf(line, "%15s %63s %255s %d %d %511s", mode, prefix, region, &fips, &ds, endpoint);
        if (n == 1 && strcmp(mode, "config") == 0)
            printf("TAWS_REGION_MAX %d\n", TAWS_REGION_MAX);
        else if (n == 5 && strcmp(mode, "client") == 0)
            via_client(prefix, strcmp(region, "''") ? region : "", fips, ds);
        else if (n == 6 && strcmp(mode, "rules") == 0)
            via_rules(prefix, region, fips, ds, endpoint);
        else
            printf("BAD_INPUT\n");
        fflush(stdout);
    }
    return 0;
}
