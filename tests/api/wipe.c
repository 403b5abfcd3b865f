/* SPDX-License-Identifier: MIT */
/*
 * Secrets are wiped on every path: a port that fails the Nth write (send) of a signed request,
 * for every N from the first write to one past the last, under SigV4 with and without a
 * session token, for a GET whose request line alone fills the transmit buffer (so the first
 * write happens before the Authorization header is formatted into it) and for a POST with a
 * JSON body; writes taken whole or 7 bytes at a time; with one attempt, and with two (the
 * failed request retried). After each call no 8-byte run of the secret key, "AWS4"+secret,
 * the derived keys (kDate, kRegion, kService, kSigning) or their HMAC pads, no 8-byte run of
 * the signature and no 16 characters of its hex form may remain in the client (the signing
 * key cache aside: it lives until taws_client_close(), checked after that), its transmit
 * buffer, the pager, or the stack the call ran on: taws_pager_next() runs on a stack of its
 * own (ucontext), painted before the call and read after it.
 *
 * White-box (it reads TAWS_PRIVATE members): a host test, POSIX ucontext. The expected key
 * material is computed with mbedTLS's own HMAC (mbedtls_md_hmac), not tinyaws's. Last line
 * "N passed, M failed".
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <mbedtls/md.h>
#include "common.h" /* private access: the test reads the client's members */
#include "tinyaws/tinyaws.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define WALL 1704164645 /* 2024-01-02T03:04:05Z: every attempt signs the same request */
#define STACK_SIZE (64u * 1024u)
#define PAINT 0xA5
#define MAX_RUNS_REPORTED 5

static int passed, failed;

static void check(int ok, const char *what)
{
    printf("%s - %s\n", ok ? "ok" : "not ok", what);
    if (ok)
        passed++;
    else
        failed++;
}

/* ---- the port: fails the Nth send, answers once the request is whole ------------------- */

typedef struct {
    unsigned sends, fail_at;
    taws_status_t fail_with;
    size_t chunk;
    const char *resp;
    size_t resp_off;
    char req[16384]; /* what was sent (test memory, not the library's) */
    size_t req_len;
} wport_t;

static taws_status_t w_connect(void *ctx, const char *h, uint16_t p, uint32_t t)
{
    wport_t *w = ctx;
    (void)h, (void)p, (void)t;
    w->resp_off = 0;
    return TAWS_OK;
}

static taws_status_t w_send(void *ctx, const uint8_t *buf, size_t len, size_t *sent, uint32_t t)
{
    wport_t *w = ctx;
    size_t k = len < w->chunk ? len : w->chunk;
    (void)t;
    if (++w->sends == w->fail_at)
        return w->fail_with;
    if (w->req_len + k <= sizeof w->req) {
        memcpy(w->req + w->req_len, buf, k);
        w->req_len += k;
    }
    *sent = k;
    return TAWS_OK;
}

static taws_status_t w_recv(void *ctx, uint8_t *buf, size_t len, size_t *got, uint32_t t)
{
    wport_t *w = ctx;
    size_t left = strlen(w->resp) - w->resp_off;
    (void)t;
    if (left == 0)
        return TAWS_ERR_CLOSED;
    *got = len < left ? len : left;
    memcpy(buf, w->resp + w->resp_off, *got);
    w->resp_off += *got;
    return TAWS_OK;
}

static void w_close(void *ctx) { (void)ctx; }
static uint32_t ms_clock;
static uint32_t w_now(void *ctx) { (void)ctx; return ms_clock++; }
static int64_t w_wall(void *ctx) { (void)ctx; return WALL; }
static taws_status_t w_random(void *ctx, uint8_t *b, size_t n) { (void)ctx; memset(b, 7, n); return TAWS_OK; }
static void w_sleep(void *ctx, uint32_t ms) { (void)ctx, (void)ms; }

/* ---- what must not remain ------------------------------------------------------------------ */

typedef struct {
    uint64_t w;       /* an 8-byte run */
    const char *what; /* its source, for the report */
} win_t;

static win_t wins[4096];
static size_t n_wins;
static char sig_hex[65];

static void add_runs(const void *p, size_t n, const char *what)
{
    size_t i;
    for (i = 0; i + 8 <= n && n_wins < sizeof wins / sizeof wins[0]; i++) {
        memcpy(&wins[n_wins].w, (const uint8_t *)p + i, 8);
        wins[n_wins++].what = what;
    }
}

static int win_cmp(const void *a, const void *b)
{
    uint64_t x = ((const win_t *)a)->w, y = ((const win_t *)b)->w;
    return x < y ? -1 : x > y;
}

static void hmac(const uint8_t *key, size_t kn, const void *msg, size_t mn, uint8_t out[32])
{
    (void)mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), key, kn, msg, mn, out);
}

/* The key and the HMAC key blocks it becomes (its bytes XOR ipad, XOR opad). */
static void add_key(const uint8_t *k, size_t n, const char *what)
{
    uint8_t x[64];
    size_t i;
    add_runs(k, n, what);
    for (i = 0; i < n; i++)
        x[i] = (uint8_t)(k[i] ^ 0x36);
    add_runs(x, n, what);
    for (i = 0; i < n; i++)
        x[i] = (uint8_t)(k[i] ^ 0x5c);
    add_runs(x, n, what);
}

/* Every secret of a request signed for service on 20240102 in us-east-1; sig_hex from the
 * request as sent. */
static void secrets(const char *service, const char *signature_hex)
{
    uint8_t ks[4 + sizeof SECRET], kdate[32], kregion[32], kservice[32], ksigning[32], sig[32];
    size_t i;
    n_wins = 0;
    memcpy(ks, "AWS4", 4);
    memcpy(ks + 4, SECRET, sizeof SECRET - 1);
    add_runs(SECRET, sizeof SECRET - 1, "the secret key");
    add_key(ks, 4 + sizeof SECRET - 1, "AWS4+secret");
    hmac(ks, 4 + sizeof SECRET - 1, "20240102", 8, kdate);
    hmac(kdate, 32, "us-east-1", 9, kregion);
    hmac(kregion, 32, service, strlen(service), kservice);
    hmac(kservice, 32, "aws4_request", 12, ksigning);
    add_key(kdate, 32, "kDate");
    add_key(kregion, 32, "kRegion");
    add_key(kservice, 32, "kService");
    add_key(ksigning, 32, "kSigning");
    for (i = 0; i < 32; i++) {
        unsigned v;
        sscanf(signature_hex + 2 * i, "%2x", &v);
        sig[i] = (uint8_t)v;
    }
    add_runs(sig, 32, "the signature");
    memcpy(sig_hex, signature_hex, 64);
    sig_hex[64] = '\0';
    qsort(wins, n_wins, sizeof wins[0], win_cmp);
}

/* The first secret run in p[0..n), or NULL; 16 characters of the signature's hex too. */
static const char *find_secret(const void *p, size_t n, size_t *at)
{
    const uint8_t *b = p;
    size_t i, j;
    for (i = 0; i + 8 <= n; i++) {
        win_t key, *hit;
        memcpy(&key.w, b + i, 8);
        hit = bsearch(&key, wins, n_wins, sizeof wins[0], win_cmp);
        if (hit) {
            *at = i;
            return hit->what;
        }
    }
    for (i = 0; i + 16 <= n; i++)
        for (j = 0; j + 16 <= 64; j++)
            if (b[i] == (uint8_t)sig_hex[j] && memcmp(b + i, sig_hex + j, 16) == 0) {
                *at = i;
                return "the signature (hex)";
            }
    return NULL;
}

/* ---- one listing call on a painted stack of its own ---------------------------------------- */

static taws_port_t port;
static wport_t wp;
static taws_client_t client;
static taws_pager_t pager;
static char window[2048];
static taws_json_token_t tokens[64];
static uint64_t item[64];
static taws_status_t result;
static unsigned char lib_stack[STACK_SIZE] __attribute__((aligned(16)));
static ucontext_t main_uc, lib_uc;

static void on_lib_stack(void)
{
    result = taws_pager_next(&pager, item);
}

static taws_status_t next_on_painted_stack(void)
{
    memset(lib_stack, PAINT, sizeof lib_stack);
    if (getcontext(&lib_uc) != 0)
        return TAWS_ERR_STATE;
    lib_uc.uc_stack.ss_sp = lib_stack;
    lib_uc.uc_stack.ss_size = sizeof lib_stack;
    lib_uc.uc_link = &main_uc;
    makecontext(&lib_uc, on_lib_stack, 0);
    if (swapcontext(&main_uc, &lib_uc) != 0)
        return TAWS_ERR_STATE;
    return result;
}

/* The deepest byte of the library's stack the call wrote (the stack grows down). */
static size_t stack_used(void)
{
    size_t i = 0;
    while (i < sizeof lib_stack && lib_stack[i] == PAINT)
        i++;
    return sizeof lib_stack - i;
}

typedef struct {
    const char *name;
    const taws_op_t *op;
    const void *params;
    int no_paginate;
    const char *resp;
    const char *service;
} scenario_t;

static taws_status_t start(const scenario_t *sc, const char *token, unsigned attempts)
{
    static char tok_copy[2048];
    taws_credentials_t cred;
    taws_paginate_t pg;
    taws_status_t st;
    memset(&cred, 0, sizeof cred);
    cred.access_key_id = TAWS_LIT("AKIDEXAMPLE");
    cred.secret_access_key = TAWS_LIT(SECRET);
    if (token) {
        strcpy(tok_copy, token);
        cred.session_token.p = tok_copy;
        cred.session_token.n = strlen(tok_copy);
    }
    memset(&pg, 0, sizeof pg);
    pg.no_paginate = (uint8_t)sc->no_paginate;
    st = taws_client_init(&client, &port, NULL, &cred, "us-east-1");
    if (st == TAWS_OK)
        st = taws_client_set_endpoint(&client, "http://127.0.0.1:8080");
    taws_client_set_max_attempts(&client, attempts);
    if (st == TAWS_OK)
        st = taws_pager_begin(&pager, &client, sc->op, sc->params, &pg, window, sizeof window,
                              tokens, 64);
    return st;
}

/* Where a secret remains after the call, or NULL: the client without its key cache, the
 * transmit buffer (inside the client), the pager, the stack the call used. */
static const char *leftover(char *where, size_t cap)
{
    const uint8_t *c = (const uint8_t *)&client;
    size_t key_at = (size_t)((const uint8_t *)&client.key - c), at, used;
    const char *what;
    if ((what = find_secret(c, key_at, &at)) != NULL ||
        (what = find_secret(c + key_at + sizeof client.key, sizeof client - key_at - sizeof client.key,
                            &at)) != NULL) {
        size_t off = at < key_at ? at : at + key_at + sizeof client.key;
        size_t tx = (size_t)(client.conn.tx - c);
        snprintf(where, cap, "%s in the client at %zu%s", what, off,
                 off >= tx && off < tx + sizeof client.conn.tx ? " (the transmit buffer)" : "");
        return what;
    }
    if ((what = find_secret(&pager, sizeof pager, &at)) != NULL) {
        snprintf(where, cap, "%s in the pager at %zu", what, at);
        return what;
    }
    /* The part of the stack the call wrote (below it, the paint is intact). */
    used = stack_used();
    if ((what = find_secret(lib_stack + sizeof lib_stack - used, used, &at)) != NULL) {
        snprintf(where, cap, "%s on the stack, %zu bytes below its top", what, used - at);
        return what;
    }
    return NULL;
}

static void run_scenario(const scenario_t *sc, const char *token, size_t chunk, unsigned attempts)
{
    char what[200], where[160], sig[65];
    const char *s, *bad = NULL;
    unsigned n, total, runs = 0, reported = 0, failures = 0;
    size_t deepest = 0;
    taws_status_t st;

    /* A clean run: how many writes the request takes, and the signature it carries. */
    memset(&wp, 0, sizeof wp);
    wp.chunk = chunk;
    wp.resp = sc->resp;
    if (start(sc, token, attempts) != TAWS_OK) {
        snprintf(what, sizeof what, "%s: the listing starts", sc->name);
        check(0, what);
        return;
    }
    st = next_on_painted_stack();
    s = strstr(wp.req, "Signature=");
    if ((st != TAWS_DONE && st != TAWS_OK) || s == NULL || strlen(s) < 10 + 64) {
        snprintf(what, sizeof what, "%s: the request goes out whole and signed (%s)", sc->name,
                 taws_status_name(st));
        check(0, what);
        return;
    }
    memcpy(sig, s + 10, 64);
    sig[64] = '\0';
    secrets(sc->service, sig);
    total = wp.sends;
    {
        /* The scanner sees what it looks for: the signing key is in the cache now, until
         * taws_client_close() wipes it. */
        size_t at;
        int cached = find_secret(&client.key, sizeof client.key, &at) != NULL;
        taws_client_close(&client);
        snprintf(what, sizeof what, "%s, %s, writes of %zu, %u attempt(s): %u writes, the key cached "
                 "until close, wiped by it", sc->name, token ? "session token" : "no token", chunk,
                 attempts, total);
        check(cached && find_secret(&client, sizeof client, &at) == NULL && total > 1, what);
    }

    for (n = 1; n <= total + 1; n++) {
        static const taws_status_t kinds[] = { TAWS_ERR_SEND, TAWS_ERR_TIMEOUT, TAWS_ERR_CLOSED };
        memset(&wp, 0, sizeof wp);
        wp.chunk = chunk;
        wp.resp = sc->resp;
        wp.fail_at = n;
        wp.fail_with = kinds[n % 3];
        if (start(sc, token, attempts) != TAWS_OK)
            break;
        st = next_on_painted_stack();
        runs++;
        if (stack_used() > deepest)
            deepest = stack_used();
        if (attempts == 1 && n <= total && st == TAWS_OK) {
            bad = "a failed write ended in a success";
            failures++;
        } else if ((s = leftover(where, sizeof where)) != NULL) {
            failures++;
            if (reported++ < MAX_RUNS_REPORTED)
                printf("    write %u of %u failing (%s): %s\n", n, total, taws_status_name(wp.fail_with), where);
            bad = s;
        }
        taws_client_close(&client);
        {
            size_t at;
            if (find_secret(&client, sizeof client, &at) != NULL && !bad) {
                bad = "the signing key after taws_client_close()";
                failures++;
            }
        }
    }
    snprintf(what, sizeof what, "%s, %s, writes of %zu, %u attempt(s): %u runs (each write failing, "
             "then none), nothing secret left%s%s; stack used up to %zu bytes", sc->name,
             token ? "session token" : "no token", chunk, attempts, runs, bad ? ": " : "", bad ? bad : "",
             deepest);
    check(failures == 0 && runs == total + 1, what);
}

int main(void)
{
    static char long_token[901], next_token[701];
    static taws_list_model_import_jobs_params_t get_params;
    static taws_describe_maintenance_window_execution_task_invocations_params_t post_params;
    static const char get_resp[] = "HTTP/1.1 200 OK\r\nContent-Length: 31\r\n\r\n"
                                   "{\"modelImportJobSummaries\":[]}\n";
    static const char post_resp[] = "HTTP/1.1 200 OK\r\nContent-Length: 46\r\n\r\n"
                                    "{\"WindowExecutionTaskInvocationIdentities\":[]}";
    static const size_t chunks[] = { 4096, 7 };
    scenario_t sc[2];
    size_t i, c;

    port.ctx = &wp;
    port.connect = w_connect;
    port.send = w_send;
    port.recv = w_recv;
    port.close = w_close;
    port.now_ms = w_now;
    port.wall_time = w_wall;
    port.random = w_random;
    port.sleep_ms = w_sleep;
    memset(long_token, 'T', sizeof long_token - 1);
    memset(next_token, 'n', sizeof next_token - 1);
    get_params.next_token = next_token; /* a request line longer than the transmit buffer */
    post_params.window_execution_id = "0123abcd-0123-0123-0123-0123456789ab";
    post_params.task_id = "0123abcd-0123-0123-0123-0123456789ac";

    sc[0].name = "GET with a 700-character query";
    sc[0].op = &taws_op_list_model_import_jobs;
    sc[0].params = &get_params;
    sc[0].no_paginate = 1;
    sc[0].resp = get_resp;
    sc[0].service = "bedrock";
    sc[1].name = "POST with a JSON body";
    sc[1].op = &taws_op_describe_maintenance_window_execution_task_invocations;
    sc[1].params = &post_params;
    sc[1].no_paginate = 0;
    sc[1].resp = post_resp;
    sc[1].service = "ssm";
    for (i = 0; i < 2; i++)
        for (c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
            run_scenario(&sc[i], NULL, chunks[c], 1);
            run_scenario(&sc[i], long_token, chunks[c], 1);
        }
    run_scenario(&sc[0], long_token, 4096, 2);
    run_scenario(&sc[1], long_token, 4096, 2);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
