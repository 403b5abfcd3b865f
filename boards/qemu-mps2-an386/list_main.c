/* SPDX-License-Identifier: MIT */
/*
 * The listing firmware: one AWS list operation from the command line, items as JSON lines on
 * the console (what the host CLI prints with --output jsonl), over lwIP NO_SYS on the
 * LAN9118 (port/lwip-raw) and mbedTLS on a static pool. No RTOS, no heap.
 *
 *   qemu-system-arm -M mps2-an386 ... -kernel fw-list.elf -append "ARGS"
 *
 *   --endpoint-url URL           http:// or https:// (required)
 *   --ca FILE                    trusted CA certificates, PEM, a host file (https)
 *   --access-key ID --secret-key KEY [--session-token T] [--region R (us-east-1)]
 *   --tls 1.2|1.3                the highest TLS version offered (default: the highest built)
 *   --max-items N --page-size N --starting-token T
 *   --connect-timeout S --read-timeout S --max-attempts N
 *   --static                     10.0.2.15/24 instead of DHCP
 *   --quiet                      count items, print none (for instruction counts)
 *   --report                     measurements on stderr ("fw-report ..." lines)
 *   <service> <operation> [Member=value ...]   parameters by their wire name (strings,
 *                                integers, timestamps), e.g. statusEquals=Completed
 *
 * Test board only: the CA, endpoint and credentials come from the host (semihosting), and
 * so do wall time and entropy; a real board keeps its CA in flash, its credentials in
 * secure storage, and has an RTC (SNTP) and a TRNG. See README.md here.
 *
 * Exit codes as the AWS CLI's: 0, 252 bad arguments, 254 the service's error, 255 others.
 */
#include <string.h>
#include <mbedtls/memory_buffer_alloc.h>
#include <mbedtls/platform.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/ssl.h>
#include <mbedtls/version.h>
#include "args_fw.h"
#include "board_fw.h"
#include "fw_net.h"
#include "jsonl.h"
#include "semihost.h"
#include "tinyaws/pager.h"

#define EXIT_USAGE FW_EXIT_USAGE
#define EXIT_SERVICE 254
#define EXIT_OTHER 255

/* ---- memory: every byte of it static ------------------------------------------------------ */
#ifndef FW_POOL_SIZE
#define FW_POOL_SIZE (64u * 1024u) /* mbedTLS's heap; make size reports the high-water mark */
#endif
/* The item window and JSON tokens: tinyaws's defaults (3 KiB, 128). The test datasets'
 * largest item is 1.7 KiB with 78 tokens (an invocation job). */
#define FW_WINDOW_SIZE TAWS_WINDOW_SIZE
#define FW_TOKENS TAWS_JSON_MAX_TOKENS
#define FW_CA_MAX 16384u           /* the CA file (test board: read from the host) */

static unsigned char pool[FW_POOL_SIZE];
static char window[FW_WINDOW_SIZE];
static taws_json_token_t tokens[FW_TOKENS];
static uint8_t ca_pem[FW_CA_MAX + 1];
static uint64_t params_buf[16]; /* the operation's params struct (largest ~100 bytes) */
static uint64_t item_buf[64];   /* the operation's item struct (largest ~330 bytes) */
static char token_buf[4 * TAWS_PAGE_TOKEN_MAX + 256];
static taws_port_t port;
static taws_tls_t tls;
static taws_client_t client;
static taws_pager_t pager;

static struct {
    const char *url, *ca, *region, *tls_max, *max_items, *page_size, *starting_token;
    const char *connect_timeout, *read_timeout, *max_attempts;
    int use_static, quiet, report;
    const char *service, *operation;
} g;
static taws_credentials_t cred;

/* ---- measurement: virtual time outside the port's network waits ----------------------- */
/* Under QEMU -icount every instruction advances virtual time by the same amount, so
 * board_ticks() minus the time the port spent waiting for frames counts instructions. */
static uint64_t busy_ticks(void)
{
    return board_ticks() - fw_idle_ticks();
}

static taws_status_t (*raw_connect)(void *, const char *, uint16_t, uint32_t);
static uint64_t tcp_connect_busy; /* TCP connects (and name lookups), summed */
static uint32_t tcp_connects;

static taws_status_t measured_connect(void *ctx, const char *host, uint16_t p, uint32_t timeout_ms)
{
    uint64_t t0 = busy_ticks();
    taws_status_t st = raw_connect(ctx, host, p, timeout_ms);
    tcp_connect_busy += busy_ticks() - t0;
    tcp_connects++;
    return st;
}

static void report_u64(const char *key, uint64_t v)
{
    err_str(" ");
    err_str(key);
    err_str("=");
    err_u64(v);
}

/* ---- arguments ----------------------------------------------------------------------------- */

static int usage(const char *what, const char *arg)
{
    return fw_usage("fw-list", what, arg);
}

static int set_param(const taws_op_t *op, char *arg)
{
    char *eq = strchr(arg, '=');
    size_t i;
    if (eq == NULL)
        return usage("expected Member=value", arg);
    *eq = '\0';
    for (i = 0; i < op->input->n_params; i++) {
        const taws_param_t *p = &op->input->params[i];
        void *v = (uint8_t *)params_buf + p->offset;
        if (strcmp(p->wire, arg) != 0)
            continue;
        if (p->type == TAWS_P_STRING) {
            *(const char **)v = eq + 1;
            return 0;
        }
        if (p->type == TAWS_P_INTEGER) {
            unsigned long n;
            if (fw_parse_u32(eq + 1, &n) != 0)
                return usage("not a number", eq + 1);
            ((taws_int_t *)v)->v = (int64_t)n;
            ((taws_int_t *)v)->set = 1;
            return 0;
        }
        if (p->type == TAWS_P_TIMESTAMP) {
            taws_str_t s = { eq + 1, strlen(eq + 1) };
            if (taws_time_parse_any(s, (taws_time_t *)v) != TAWS_OK)
                return usage("not a timestamp", eq + 1);
            return 0;
        }
        return usage("list parameters are not supported on this command line", arg);
    }
    return usage("no such parameter", arg);
}

static int parse_args(int argc, char **argv, const taws_op_t **op)
{
    static const struct {
        const char *name;
        const char **value;
    } opts[] = {
        { "--endpoint-url", &g.url },       { "--ca", &g.ca },
        { "--access-key", &cred.access_key_id.p }, { "--secret-key", &cred.secret_access_key.p },
        { "--session-token", &cred.session_token.p }, { "--region", &g.region },
        { "--tls", &g.tls_max },            { "--max-items", &g.max_items },
        { "--page-size", &g.page_size },    { "--starting-token", &g.starting_token },
        { "--connect-timeout", &g.connect_timeout }, { "--read-timeout", &g.read_timeout },
        { "--max-attempts", &g.max_attempts },
    };
    int i, rest = 0;
    size_t k;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--static") == 0) {
            g.use_static = 1;
            continue;
        }
        if (strcmp(a, "--quiet") == 0) {
            g.quiet = 1;
            continue;
        }
        if (strcmp(a, "--report") == 0) {
            g.report = 1;
            continue;
        }
        for (k = 0; k < sizeof opts / sizeof opts[0]; k++)
            if (strcmp(a, opts[k].name) == 0)
                break;
        if (k < sizeof opts / sizeof opts[0]) {
            if (i + 1 >= argc)
                return usage("missing value", a);
            *opts[k].value = argv[++i];
            continue;
        }
        if (strncmp(a, "--", 2) == 0)
            return usage("unknown option", a);
        if (!g.service) {
            g.service = a;
        } else if (!g.operation) {
            g.operation = a;
            *op = taws_op_find(g.service, g.operation);
            if (*op == NULL)
                return usage("unknown operation", a);
            if ((*op)->input->size > sizeof params_buf || (*op)->item->size > sizeof item_buf)
                return usage("params or item struct too large", a);
        } else {
            rest = i;
            break;
        }
    }
    if (!g.operation || !g.url)
        return usage("usage", "[options] --endpoint-url URL <service> <operation> [Member=value ...]");
    for (i = rest; rest && i < argc; i++)
        if (set_param(*op, argv[i]) != 0)
            return EXIT_USAGE;
    if (!cred.access_key_id.p || !cred.secret_access_key.p)
        return usage("no credentials", "--access-key and --secret-key");
    cred.access_key_id.n = strlen(cred.access_key_id.p);
    cred.secret_access_key.n = strlen(cred.secret_access_key.p);
    cred.session_token.n = cred.session_token.p ? strlen(cred.session_token.p) : 0;
    if (!g.region)
        g.region = "us-east-1";
    return 0;
}

static int seconds_ms(const char *s, uint32_t *ms)
{
    unsigned long v;
    if (s == NULL)
        return 0;
    if (fw_parse_u32(s, &v) != 0 || v > 2000000ul)
        return -1;
    *ms = (uint32_t)(v * 1000u);
    return 0;
}

/* ---- errors, as the CLI words them ------------------------------------------------------- */

static int report_error(taws_status_t st, const taws_op_t *op)
{
    if (st == TAWS_ERR_SERVICE) {
        err_str("\nAn error occurred (");
        err_str(taws_client_error_code(&client));
        err_str(") when calling the ");
        err_str(op->name);
        err_str(" operation: ");
        err_str(taws_client_error_message(&client));
        err_str("\n");
        return EXIT_SERVICE;
    }
    if (st == TAWS_ERR_PARAM) {
        err_str("\nParameter validation failed:\n");
        err_str(taws_pager_msg(&pager));
        err_str("\n");
        return EXIT_USAGE;
    }
    err_str("\nfw-list: ");
    err_str(op->name);
    err_str(" failed: ");
    err_str(taws_strerror(st));
    err_str(" (status ");
    err_u64((uint64_t)st);
    err_str(")\n");
    return EXIT_OTHER;
}

static int load_ca(void)
{
    long n = sh_load(g.ca, ca_pem, FW_CA_MAX + 1);
    return n > 0 && taws_tls_add_ca(&tls, ca_pem, (size_t)n + 1) == TAWS_OK ? 0 : -1;
}

static int setup_tls(void)
{
    taws_status_t st = taws_tls_init(&tls, &port);
    if (st != TAWS_OK) {
        err_str("fw-list: TLS setup failed: ");
        err_str(taws_strerror(st));
        err_str("\n");
        return -1;
    }
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
    if (g.tls_max && strcmp(g.tls_max, "1.2") == 0)
        mbedtls_ssl_conf_max_tls_version(taws_tls_ssl_config(&tls), MBEDTLS_SSL_VERSION_TLS1_2);
    else if (g.tls_max && strcmp(g.tls_max, "1.3") != 0)
        return usage("--tls: 1.2 or 1.3", g.tls_max), -1;
#else
    if (g.tls_max && strcmp(g.tls_max, "1.2") != 0)
        return usage("--tls: this mbedTLS has TLS 1.2 only", g.tls_max), -1;
#endif
    if (!g.ca || load_ca() != 0) {
        err_str("fw-list: could not load the CA certificates from ");
        err_str(g.ca ? g.ca : "(no --ca given)");
        err_str("\n");
        return -1;
    }
    return 0;
}

/* ---- the listing --------------------------------------------------------------------------- */

int main(void)
{
    static char *argv[FW_ARGS_MAX];
    const taws_op_t *op = NULL;
    taws_paginate_t pg;
    uint32_t ms, read_ms;
    uint64_t t_open = 0, t_list, items = 0;
    taws_status_t st;
    int argc, rc;
    unsigned long v;

    memset(&g, 0, sizeof g);
    memset(&cred, 0, sizeof cred);
    memset(&pg, 0, sizeof pg);
    argc = fw_args(argv, FW_ARGS_MAX);
    if (argc < 0)
        return usage("command line too long", NULL);
    rc = parse_args(argc, argv, &op);
    if (rc != 0)
        goto cleanup;
    if (g.max_items) {
        if (fw_parse_u32(g.max_items, &v) != 0) {
            rc = usage("--max-items", g.max_items);
            goto cleanup;
        }
        pg.max_items.v = (int64_t)v;
        pg.max_items.set = 1;
    }
    if (g.page_size) {
        if (fw_parse_u32(g.page_size, &v) != 0) {
            rc = usage("--page-size", g.page_size);
            goto cleanup;
        }
        pg.page_size.v = (int64_t)v;
        pg.page_size.set = 1;
    }
    pg.starting_token = g.starting_token;

    board_init();
    board_stack_paint(); /* from here on, board_stack_peak() sees the deepest use */
    if (fw_tls_net_up(pool, sizeof pool, g.use_static, &port) != 0) {
        rc = EXIT_OTHER;
        goto cleanup;
    }
    raw_connect = port.connect;
    port.connect = measured_connect;

    st = taws_client_init(&client, &port, &tls, &cred, g.region);
    if (st == TAWS_OK)
        st = taws_client_set_endpoint(&client, g.url);
    if (st != TAWS_OK) {
        rc = usage("bad region or --endpoint-url", g.url);
        goto cleanup;
    }
    ms = TAWS_CONNECT_TIMEOUT_MS;
    if (seconds_ms(g.connect_timeout, &ms) != 0) {
        rc = usage("--connect-timeout", g.connect_timeout);
        goto cleanup;
    }
    read_ms = TAWS_READ_TIMEOUT_MS;
    if (seconds_ms(g.read_timeout, &read_ms) != 0) {
        rc = usage("--read-timeout", g.read_timeout);
        goto cleanup;
    }
    taws_client_set_timeouts(&client, ms, read_ms);
    if (g.max_attempts) {
        if (fw_parse_u32(g.max_attempts, &v) != 0 || v < 1 || v > 255) {
            rc = usage("--max-attempts", g.max_attempts);
            goto cleanup;
        }
        taws_client_set_max_attempts(&client, (unsigned)v);
    }
    if (taws_client_endpoint_tls(&client) && setup_tls() != 0) {
        rc = EXIT_OTHER;
        goto cleanup;
    }
    st = taws_pager_begin(&pager, &client, op, params_buf, &pg, window, sizeof window, tokens, FW_TOKENS);
    if (st != TAWS_OK) {
        rc = st == TAWS_ERR_BAD_TOKEN ? usage("bad starting token", g.starting_token)
                                      : report_error(st, op);
        goto cleanup;
    }

    /* Connect (and handshake) before the first request, to time it on its own; the pager
     * then finds the connection open and keeps it. */
    t_open = busy_ticks();
    st = taws_client_connect(&client, op);
    t_open = busy_ticks() - t_open;
    if (st != TAWS_OK) {
        rc = report_error(st, op);
        goto cleanup;
    }
    if (g.report && taws_client_endpoint_tls(&client)) {
        err_str("fw-report tls version=");
        err_str(mbedtls_ssl_get_version(taws_tls_ssl_context(&tls)));
        err_str(" suite=");
        err_str(mbedtls_ssl_get_ciphersuite(taws_tls_ssl_context(&tls)));
        err_str("\n");
    }

    t_list = busy_ticks();
    while ((st = taws_pager_next(&pager, item_buf)) == TAWS_OK) {
        items++;
        if (!g.quiet)
            jsonl_item(op->item, item_buf);
    }
    t_list = busy_ticks() - t_list;
    if (st == TAWS_DONE) {
        if (taws_pager_truncated(&pager)) {
            taws_memsink_t m;
            taws_str_t tok;
            taws_memsink_init(&m, token_buf, sizeof token_buf);
            if (taws_pager_resume_token(&pager, &m.sink) == TAWS_OK) {
                tok.p = token_buf;
                tok.n = m.len;
                jsonl_token("NextToken", tok);
            }
        }
        rc = 0;
    } else {
        out_flush();
        rc = report_error(st, op);
    }
    out_flush();

    if (g.report) {
        err_str("fw-report listing");
        report_u64("items", items);
        report_u64("pages", taws_pager_pages(&pager));
        report_u64("requests", taws_client_requests(&client));
        report_u64("connects", taws_client_connects(&client));
        report_u64("open_ticks", t_open);
        report_u64("tcp_connect_ticks", tcp_connect_busy);
        report_u64("tcp_connects", tcp_connects);
        report_u64("list_ticks", t_list);
        report_u64("idle_ticks", fw_idle_ticks());
        report_u64("tick_hz", BOARD_TICK_HZ);
        err_str("\n");
        err_str("fw-report memory");
        report_u64("stack_peak", board_stack_peak());
        report_u64("stack_size", board_stack_size());
        report_u64("pool_size", sizeof pool);
#if defined(MBEDTLS_MEMORY_DEBUG)
        {
            size_t max_used = 0, max_blocks = 0, cur_used = 0, cur_blocks = 0;
            mbedtls_memory_buffer_alloc_max_get(&max_used, &max_blocks);
            mbedtls_memory_buffer_alloc_cur_get(&cur_used, &cur_blocks);
            report_u64("pool_max", max_used);
            report_u64("pool_max_blocks", max_blocks);
            report_u64("pool_in_use", cur_used);
        }
#endif
        report_u64("window", sizeof window);
        report_u64("tokens", sizeof tokens);
        report_u64("pager", sizeof pager);
        report_u64("client", sizeof client);
        report_u64("tls", sizeof tls);
        report_u64("port_state", sizeof fw_raw);
        err_str("\n");
        fw_lwip_report();
    }

cleanup:
    taws_client_close(&client); /* closes the connection, wipes the signing key */
    taws_tls_free(&tls); /* nothing when TLS was never set up */
    mbedtls_platform_zeroize(&cred, sizeof cred);
    fw_args_wipe(); /* the command line held the secret key */
    out_flush();
    return rc;
}
