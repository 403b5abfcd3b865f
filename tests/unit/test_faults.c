/* SPDX-License-Identifier: MIT */
/* Property tests through the fault-injecting port: for every split of every response in the
 * test set the items are identical; for every fault point (error, reset, stall, refused
 * connection, once or on every attempt) the outcome is the complete list or a clean error,
 * never a partial list reported as success; short writes send the same bytes. */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "fault_port.h"
#include "script_port.h"
#include "tinyaws/pager.h"

#ifndef FAULT_STEP
#define FAULT_STEP 1 /* every byte offset; the Cortex-M build samples */
#endif

#define MAX_ITEMS 32
#define FP_LEN 64

typedef struct {
    const char *name;
    const taws_op_t *op;
    const void *params;
    script_route_t routes[4];
    int n_routes;
    int page_size;
} listing_t;

typedef struct {
    char fp[MAX_ITEMS][FP_LEN]; /* one fingerprint per item */
    int n;
    taws_status_t st;
    size_t rx_all;
    int requests;
    char sent[16384];
    size_t sent_len;
} outcome_t;

static char resp[8][4096];

static const char *with_length(int slot, const char *head, const char *body)
{
    sprintf(resp[slot], "%sContent-Length: %u\r\n\r\n%s", head, (unsigned)strlen(body), body);
    return resp[slot];
}

/* Chunked with 3-byte chunks, an extension on every chunk, and a trailer. */
static const char *chunked(int slot, const char *body)
{
    size_t n = (size_t)sprintf(resp[slot], "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), i, len = strlen(body);
    for (i = 0; i < len; i += 3) {
        size_t k = len - i < 3 ? len - i : 3;
        n += (size_t)sprintf(resp[slot] + n, "%x;ext=%u\r\n%.*s\r\n", (unsigned)k, (unsigned)i, (int)k, body + i);
    }
    sprintf(resp[slot] + n, "0\r\nX-Trailer: done\r\n\r\n");
    return resp[slot];
}

static void fingerprint(const taws_op_t *op, const void *item, char *out)
{
    if (op == &taws_op_list_model_import_jobs) {
        const taws_model_import_job_summary_t *s = item;
        snprintf(out, FP_LEN, "%.*s|%.*s|%lld", (int)s->job_name.n, s->job_name.p, (int)s->status.n,
                 s->status.p, (long long)s->creation_time.sec);
    } else {
        const taws_maintenance_window_execution_task_invocation_identity_t *s = item;
        snprintf(out, FP_LEN, "%.*s|%lld.%06u|%.*s", (int)s->invocation_id.n, s->invocation_id.p,
                 (long long)s->start_time.sec, (unsigned)s->start_time.usec, (int)s->status.n, s->status.p);
    }
}

static void run(const listing_t *L, const fault_t *cfg, outcome_t *o)
{
    static script_t script;
    static fault_t fault;
    static taws_port_t inner, port;
    static taws_client_t client;
    static taws_pager_t pager;
    static char window[512];
    static taws_json_token_t tokens[48];
    static uint64_t item[64];
    taws_credentials_t cred = { TAWS_LIT("AKIDEXAMPLE"), TAWS_LIT("secret"), TAWS_STR_NULL };
    taws_paginate_t pg;
    int i;

    memset(&script, 0, sizeof script);
    for (i = 0; i < L->n_routes; i++)
        script.routes[i] = L->routes[i];
    script.n_routes = L->n_routes;
    script_port_init(&inner, &script);
    fault = *cfg;
    fault_port_init(&port, &fault, &inner);
    memset(&pg, 0, sizeof pg);
    pg.page_size = (taws_int_t){ L->page_size, 1 };
    memset(o, 0, sizeof *o);
    o->st = taws_client_init(&client, &port, NULL, &cred, "us-east-1");
    if (o->st == TAWS_OK)
        o->st = taws_client_set_endpoint(&client, "http://localhost:8080");
    if (o->st == TAWS_OK)
        o->st = taws_pager_begin(&pager, &client, L->op, L->params, &pg, window, sizeof window, tokens, 48);
    while (o->st == TAWS_OK && (o->st = taws_pager_next(&pager, item)) == TAWS_OK && o->n < MAX_ITEMS)
        fingerprint(L->op, item, o->fp[o->n++]);
    taws_client_close(&client);
    o->rx_all = fault.rx_all;
    o->requests = script.requests;
    memcpy(o->sent, script.sent, script.sent_len);
    o->sent_len = script.sent_len;
}

static int same_items(const outcome_t *a, const outcome_t *b)
{
    int i;
    if (a->n != b->n)
        return 0;
    for (i = 0; i < a->n; i++)
        if (strcmp(a->fp[i], b->fp[i]) != 0)
            return 0;
    return 1;
}

/* ---- the test set ------------------------------------------------------------------------ */

static listing_t sets[3];
static int n_sets;
static taws_list_model_import_jobs_params_t import_params;
static taws_describe_maintenance_window_execution_task_invocations_params_t ssm_params;

static void build_sets(void)
{
    static char b[6][1200];
    static const char *ids[] = { "aaaaaaaa-0000-0000-0000-000000000001", "aaaaaaaa-0000-0000-0000-000000000002",
                                 "aaaaaaaa-0000-0000-0000-000000000003", "aaaaaaaa-0000-0000-0000-000000000004" };
    if (n_sets)
        return;
    /* 1: restJson1, Content-Length, 3 pages, tokens that need percent-encoding */
    sprintf(b[0], "{\"modelImportJobSummaries\":[{\"jobName\":\"j0\",\"status\":\"Completed\",\"creationTime\":"
                  "\"2024-01-01T00:00:00Z\"},{\"jobName\":\"j1\",\"status\":\"Failed\",\"creationTime\":"
                  "\"2024-01-01T00:00:01.5Z\",\"x\":{\"y\":[1,2]}}],\"nextToken\":\"t+/=1\"}");
    sprintf(b[1], "{\"nextToken\":\"t+/=2\",\"modelImportJobSummaries\":[{\"jobName\":\"j\\u00e92\",\"status\":"
                  "\"InProgress\",\"creationTime\":\"2024-01-01T00:00:02Z\"},{\"jobName\":\"j3\",\"status\":null,"
                  "\"creationTime\":\"2024-01-01T00:00:03Z\"}]}");
    sprintf(b[2], "{\"modelImportJobSummaries\":[{\"jobName\":\"j4\",\"status\":\"Completed\",\"creationTime\":"
                  "\"2024-01-01T00:00:04Z\"}]}");
    sets[0].name = "restjson-content-length";
    sets[0].op = &taws_op_list_model_import_jobs;
    sets[0].params = &import_params;
    sets[0].page_size = 2;
    sets[0].routes[0].match = "nextToken=t%2B%2F%3D1";
    sets[0].routes[0].response = with_length(0, "HTTP/1.1 200 OK\r\n", b[1]);
    sets[0].routes[1].match = "nextToken=t%2B%2F%3D2";
    sets[0].routes[1].response = with_length(1, "HTTP/1.1 200 OK\r\nConnection: close\r\n", b[2]);
    sets[0].routes[2].match = "/model-import-jobs";
    sets[0].routes[2].response = with_length(2, "HTTP/1.1 200 OK\r\n", b[0]);
    sets[0].n_routes = 3;
    /* 2: the same pages chunked in 3-byte chunks with extensions and a trailer */
    sets[1] = sets[0];
    sets[1].name = "restjson-chunked";
    sets[1].routes[0].response = chunked(3, b[1]);
    sets[1].routes[1].response = chunked(4, b[2]);
    sets[1].routes[2].response = chunked(5, b[0]);
    /* 3: awsJson1_1 (POST), pretty JSON, epoch numbers, token first; a single route serves
     * both pages by token (the body is not in the request line, so route on Content-Length). */
    ssm_params.window_execution_id = ids[0];
    ssm_params.task_id = ids[1];
    sprintf(b[3], "{\n  \"NextToken\" : \"n/2\",\n  \"WindowExecutionTaskInvocationIdentities\" : [\n"
                  "    { \"InvocationId\" : \"%s\", \"StartTime\" : 1.700000000123E9, \"Status\" : \"SUCCESS\" },\n"
                  "    { \"InvocationId\" : \"%s\", \"StartTime\" : 1700000001, \"Status\" : \"FAILED\" }\n  ]\n}\n",
            ids[2], ids[3]);
    sets[2].name = "awsjson-pretty";
    sets[2].op = &taws_op_describe_maintenance_window_execution_task_invocations;
    sets[2].params = &ssm_params;
    sets[2].page_size = 10;
    sets[2].routes[0].match = "POST /";
    sets[2].routes[0].response = with_length(6, "HTTP/1.1 200 OK\r\n", b[3]);
    sets[2].n_routes = 1;
    n_sets = 3;
}

/* The SSM set repeats its token forever; cap it by max_items instead: botocore would report
 * the repeated token, so for the property tests the single page is made final. */
static void make_ssm_single_page(void)
{
    static char body[1200];
    const char *p = strstr(resp[6], "\r\n\r\n") + 4;
    size_t n = 0;
    const char *t = strstr(p, "\"NextToken\" : \"n/2\",");
    memcpy(body, p, (size_t)(t - p));
    n = (size_t)(t - p);
    strcpy(body + n, t + strlen("\"NextToken\" : \"n/2\","));
    sets[2].routes[0].response = with_length(7, "HTTP/1.1 200 OK\r\n", body);
}

static void test_reference_listings(void)
{
    fault_t none;
    outcome_t o;
    build_sets();
    make_ssm_single_page();
    memset(&none, 0, sizeof none);
    run(&sets[0], &none, &o);
    CHECK_ST(o.st, TAWS_DONE);
    CHECK_INT(o.n, 5);
    CHECK_STR(o.fp[2], "j\xc3\xa9" "2|InProgress|1704067202");
    CHECK_STR(o.fp[3], "j3||1704067203");
    CHECK_INT(o.requests, 3);
    run(&sets[1], &none, &o);
    CHECK_ST(o.st, TAWS_DONE);
    CHECK_INT(o.n, 5);
    run(&sets[2], &none, &o);
    CHECK_ST(o.st, TAWS_DONE);
    CHECK_INT(o.n, 2);
    CHECK_STR(o.fp[0], "aaaaaaaa-0000-0000-0000-000000000003|1700000000.123000|SUCCESS");
}

static void test_every_split_gives_identical_items(void)
{
    int s;
    build_sets();
    make_ssm_single_page();
    for (s = 0; s < n_sets; s++) {
        fault_t f;
        outcome_t ref, o;
        size_t split;
        int seed;
        memset(&f, 0, sizeof f);
        run(&sets[s], &f, &ref);
        CHECK_ST(ref.st, TAWS_DONE);
        for (split = 1; split <= 40; split++) { /* 1: every byte boundary */
            f.split = split;
            run(&sets[s], &f, &o);
            CHECK_MSG(o.st == TAWS_DONE && same_items(&o, &ref), "%s split %u: %s, %d items", sets[s].name,
                      (unsigned)split, taws_status_name(o.st), o.n);
        }
        for (seed = 1; seed <= 60; seed++) {
            f.split = 97;
            f.random_split = 1;
            f.rng = (uint64_t)seed * 0x9e3779b97f4a7c15ull;
            run(&sets[s], &f, &o);
            CHECK_MSG(o.st == TAWS_DONE && same_items(&o, &ref), "%s random split seed %d", sets[s].name, seed);
        }
    }
}

static void test_every_fault_point_complete_or_clean_error(void)
{
    static const fault_kind_t kinds[] = { FAULT_ERROR, FAULT_RESET, FAULT_STALL };
    int s, k, runs = 0, recovered = 0, clean_errors = 0;
    build_sets();
    make_ssm_single_page();
    for (s = 0; s < n_sets; s++) {
        fault_t f;
        outcome_t ref, o;
        memset(&f, 0, sizeof f);
        run(&sets[s], &f, &ref);
        for (k = 0; k < 3; k++) {
            int repeat;
            for (repeat = 0; repeat < 2; repeat++) {
                size_t at;
                for (at = 0; at < ref.rx_all; at += FAULT_STEP) {
                    memset(&f, 0, sizeof f);
                    f.kind = kinds[k];
                    f.fail_at = at;
                    f.repeat = repeat;
                    f.split = 1 + at % 7;
                    run(&sets[s], &f, &o);
                    runs++;
                    if (o.st == TAWS_DONE) {
                        /* success must mean the whole list, each item once */
                        CHECK_MSG(same_items(&o, &ref), "%s kind %d at %u repeat %d: partial list as success",
                                  sets[s].name, k, (unsigned)at, repeat);
                        recovered++;
                    } else {
                        CHECK_MSG(o.st != TAWS_OK, "bad status");
                        /* a single fault is always absorbed by the retries */
                        CHECK_MSG(repeat, "%s kind %d at %u: a single fault not absorbed: %s", sets[s].name, k,
                                  (unsigned)at, taws_status_name(o.st));
                        clean_errors++;
                    }
                }
            }
        }
    }
    CHECK(runs > 1000 / FAULT_STEP);
    CHECK(recovered > 0 && clean_errors > 0);
}

static void test_refused_connections_and_short_writes(void)
{
    fault_t f;
    outcome_t ref, o;
    int s;
    build_sets();
    make_ssm_single_page();
    for (s = 0; s < n_sets; s++) {
        memset(&f, 0, sizeof f);
        run(&sets[s], &f, &ref);
        f.kind = FAULT_REFUSE;
        run(&sets[s], &f, &o); /* refused once: retried */
        CHECK(o.st == TAWS_DONE && same_items(&o, &ref));
        f.repeat = 1;
        run(&sets[s], &f, &o); /* refused always: a clean error, nothing listed */
        CHECK_ST(o.st, TAWS_ERR_CONNECT);
        CHECK_INT(o.n, 0);
        memset(&f, 0, sizeof f);
        f.short_writes = 3;
        run(&sets[s], &f, &o);
        CHECK(o.st == TAWS_DONE && same_items(&o, &ref));
        CHECK_MEM(o.sent, o.sent_len, ref.sent, ref.sent_len); /* the same request bytes */
    }
}

CHECK_SUITE(faults_suite, CHECK_CASE(test_reference_listings), CHECK_CASE(test_every_split_gives_identical_items),
            CHECK_CASE(test_every_fault_point_complete_or_clean_error),
            CHECK_CASE(test_refused_connections_and_short_writes));
