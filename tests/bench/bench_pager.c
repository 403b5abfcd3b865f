/* SPDX-License-Identifier: MIT */
/*
 * The pager end to end in memory: record a listing once from the local endpoint over plain
 * HTTP, then replay it (signing, HTTP parsing, framing, decoding: everything but sockets and
 * TLS) as often as asked.
 *
 *   bench_pager record <http-url> <file> async|ssm <page-size> [<window-execution-id> <task-id>]
 *   bench_pager replay <file> async|ssm <page-size> <window-bytes> <reps> [<wid> <tid>]
 *
 * replay prints one JSON line: items, items too big for the window, requests, and the heap
 * calls made by statically linked code (libtinyaws.a and this program) during the listings,
 * counted through -Wl,--wrap=malloc,calloc,realloc,free. callgrind counts
 * bench_measured_listings only.
 */
#include "bench_common.h"
#include "replay_port.h"
#include "tinyaws/pager.h"
#include "tinyaws/port_posix.h"

/* ---- heap calls from statically linked code ------------------------------------------------ */
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
static volatile unsigned long heap_calls;
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);
void *__wrap_malloc(size_t n) { heap_calls++; return __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { heap_calls++; return __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { heap_calls++; return __real_realloc(p, n); }
void __wrap_free(void *p) { heap_calls++; __real_free(p); }

static char rec_buf[REC_MAX_BYTES];
static recording_t rec;
static char window[16384];
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];
static uint64_t item[256];
static taws_pager_t pager;
static taws_client_t client;
static taws_port_t port;

static taws_list_async_invokes_params_t async_params;
static taws_describe_maintenance_window_execution_task_invocations_params_t ssm_params;

typedef struct {
    unsigned long items, too_big;
} counts_t;

static const taws_credentials_t cred = {
    { "AKIDEXAMPLE", 11 }, { "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", 40 }, { NULL, 0 }
};

static const void *params_for(const taws_op_t *op, int argc, char **argv, int at)
{
    if (op == &taws_op_list_async_invokes)
        return &async_params;
    if (argc < at + 2) {
        fprintf(stderr, "ssm needs <window-execution-id> <task-id>\n");
        exit(2);
    }
    ssm_params.window_execution_id = argv[at];
    ssm_params.task_id = argv[at + 1];
    return &ssm_params;
}

/* One whole listing through the pager; returns the final status. */
static taws_status_t listing(const taws_op_t *op, const void *params, long page_size,
                             size_t win, counts_t *c)
{
    taws_paginate_t pg;
    taws_status_t st;
    memset(&pg, 0, sizeof pg);
    pg.page_size.v = page_size;
    pg.page_size.set = 1;
    st = taws_pager_begin(&pager, &client, op, params, &pg, window, win, tokens,
                          TAWS_JSON_MAX_TOKENS);
    if (st != TAWS_OK)
        return st;
    for (;;) {
        st = taws_pager_next(&pager, item);
        if (st == TAWS_OK)
            c->items++;
        else if (st == TAWS_ERR_ITEM_TOO_BIG)
            c->too_big++;
        else
            return st;
    }
}

BENCH_MEASURED static taws_status_t bench_measured_listings(const taws_op_t *op, const void *params,
                                                            long page_size, size_t win, long reps,
                                                            counts_t *c)
{
    taws_status_t st = TAWS_DONE;
    long r;
    for (r = 0; r < reps && st == TAWS_DONE; r++)
        st = listing(op, params, page_size, win, c);
    return st;
}

static int record(int argc, char **argv)
{
    static taws_posix_t posix;
    static rec_t r;
    taws_port_t inner;
    const taws_op_t *op;
    const void *params;
    counts_t c = { 0, 0 };
    taws_status_t st;
    if (argc < 6)
        return 2;
    op = bench_op(argv[4]);
    params = params_for(op, argc, argv, 6);
    taws_port_posix_init(&inner, &posix);
    rec_port_init(&port, &r, &inner, &rec, rec_buf, sizeof rec_buf);
    if (taws_client_init(&client, &port, NULL, &cred, "us-east-1") != TAWS_OK ||
        taws_client_set_endpoint(&client, argv[2]) != TAWS_OK || taws_client_endpoint_tls(&client)) {
        fprintf(stderr, "record: bad endpoint %s (plain http:// only)\n", argv[2]);
        return 2;
    }
    st = listing(op, params, bench_arg(argv[5], 1), sizeof window, &c);
    rec_finish(&r);
    taws_client_close(&client);
    if (st != TAWS_DONE || r.overflow || c.too_big) {
        fprintf(stderr, "record: %s, overflow %d, too big %lu\n", taws_status_name(st), r.overflow,
                c.too_big);
        return 1;
    }
    if (rec_save(&rec, argv[3]) != 0) {
        perror(argv[3]);
        return 1;
    }
    printf("{\"items\": %lu, \"responses\": %lu, \"bytes\": %lu}\n", c.items,
           (unsigned long)rec.n, (unsigned long)rec.len);
    return 0;
}

static int replay(int argc, char **argv)
{
    static replay_t rp;
    const taws_op_t *op;
    const void *params;
    long page_size, win, reps;
    unsigned long before, armed;
    counts_t c = { 0, 0 };
    taws_status_t st;
    void *probe;
    void *(*volatile alloc)(size_t) = malloc; /* volatile: the compiler may not drop the pair */
    void (*volatile release)(void *) = free;
    if (argc < 7)
        return 2;
    if (rec_load(&rec, rec_buf, sizeof rec_buf, argv[2]) != 0) {
        fprintf(stderr, "replay: cannot load recording %s\n", argv[2]);
        return 2;
    }
    op = bench_op(argv[3]);
    params = params_for(op, argc, argv, 7);
    page_size = bench_arg(argv[4], 1);
    win = bench_arg(argv[5], 16);
    reps = bench_arg(argv[6], 1);
    if ((size_t)win > sizeof window) {
        fprintf(stderr, "replay: window at most %lu\n", (unsigned long)sizeof window);
        return 2;
    }
    /* The counter is live: a heap call from this (statically linked) file reaches it. */
    before = heap_calls;
    probe = alloc(16);
    release(probe);
    armed = heap_calls - before;

    replay_port_init(&port, &rp, &rec);
    if (taws_client_init(&client, &port, NULL, &cred, "us-east-1") != TAWS_OK ||
        taws_client_set_endpoint(&client, "http://localhost:1") != TAWS_OK)
        return 1;
    before = heap_calls;
    st = bench_measured_listings(op, params, page_size, (size_t)win, reps, &c);
    before = heap_calls - before;
    taws_client_close(&client);
    printf("{\"status\": \"%s\", \"items\": %lu, \"too_big\": %lu, \"requests\": %lu, "
           "\"responses_recorded\": %lu, \"reps\": %ld, \"window\": %ld, \"heap_calls\": %lu, "
           "\"heap_probe\": %lu}\n",
           taws_status_name(st), c.items, c.too_big, rp.requests, (unsigned long)rec.n, reps, win,
           before, armed);
    return st == TAWS_DONE && armed == 2 && rp.requests == rec.n * (unsigned long)reps ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "record") == 0)
        return record(argc, argv);
    if (argc > 1 && strcmp(argv[1], "replay") == 0)
        return replay(argc, argv);
    fprintf(stderr, "usage: bench_pager record <http-url> <file> async|ssm <page-size> [wid tid]\n"
                    "       bench_pager replay <file> async|ssm <page-size> <window> <reps> [wid tid]\n");
    return 2;
}
