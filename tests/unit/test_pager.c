/* SPDX-License-Identifier: MIT */
/* The pager and client over a scripted in-memory transport: paging, MaxItems and resume
 * tokens as botocore makes them, starting tokens, keep-alive and reconnects, service errors,
 * items too big for the window, repeated tokens. */
#include <stdio.h>
#include <string.h>
#include "retry.h"  /* first: private access, for the retry quota (white-box) */
#include "resume_token.h"
#include "check.h"
#include "script_port.h"
#include "tinyaws/pager.h"

static char bodies[8][8192];

/* A restJson1 ListModelImportJobs page with jobs first..first+n-1 and an optional token. */
static const char *page(int slot, int first, int n, const char *token, const char *extra_header)
{
    char json[7000];
    size_t len = 0;
    int i;
    len += (size_t)sprintf(json + len, "{\"modelImportJobSummaries\":[");
    for (i = 0; i < n; i++)
        len += (size_t)sprintf(json + len, "%s{\"jobArn\":\"arn:%d\",\"jobName\":\"job-%d\",\"status\":\"Completed\","
                               "\"creationTime\":\"2024-01-01T00:00:00Z\"}", i ? "," : "", first + i, first + i);
    len += (size_t)sprintf(json + len, "]%s%s%s}", token ? ",\"nextToken\":\"" : "", token ? token : "",
                           token ? "\"" : "");
    sprintf(bodies[slot], "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n%sContent-Length: %u\r\n\r\n%s",
            extra_header ? extra_header : "", (unsigned)len, json);
    return bodies[slot];
}

/* A response with the given status line and headers (CRLF-terminated) and a computed
 * Content-Length. */
static const char *response(int slot, const char *head, const char *body)
{
    sprintf(bodies[slot], "%sContent-Length: %u\r\n\r\n%s", head, (unsigned)strlen(body), body);
    return bodies[slot];
}

typedef struct {
    script_t script;
    taws_port_t port;
    taws_client_t client;
    taws_pager_t pager;
    char window[1024];
    taws_json_token_t tokens[64];
    taws_list_model_import_jobs_params_t params;
    taws_paginate_t pg;
} rig_t;

static rig_t rig;

static taws_status_t start(rig_t *r)
{
    taws_credentials_t cred = { TAWS_LIT("AKIDEXAMPLE"), TAWS_LIT("secret"), TAWS_STR_NULL };
    taws_status_t st;
    script_port_init(&r->port, &r->script);
    st = taws_client_init(&r->client, &r->port, NULL, &cred, "us-east-1");
    if (st == TAWS_OK)
        st = taws_client_set_endpoint(&r->client, "http://localhost:8080");
    if (st == TAWS_OK)
        st = taws_list_model_import_jobs_begin(&r->pager, &r->client, &r->params, &r->pg, r->window,
                                               sizeof r->window, r->tokens, 64); /* typed (ops_iter.gen.h) */
    return st;
}

static void reset(void)
{
    memset(&rig, 0, sizeof rig);
}

/* A fresh rig whose single connection answers with one response. */
static void one_response(const char *resp)
{
    reset();
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 1;
    rig.script.conns[0].responses[0] = resp;
}

/* Collects job numbers ("job-N") until the end; returns the final status. */
static taws_status_t collect(int *jobs, int max, int *n)
{
    taws_model_import_job_summary_t item;
    taws_status_t st;
    *n = 0;
    while ((st = taws_list_model_import_jobs_next(&rig.pager, &item)) == TAWS_OK && *n < max) {
        int v = -1;
        sscanf(item.job_name.p, "job-%d", &v);
        jobs[(*n)++] = v;
    }
    return st;
}

static void resume_token(char *out, size_t cap)
{
    taws_memsink_t m;
    taws_memsink_init(&m, out, cap - 1);
    if (taws_pager_resume_token(&rig.pager, &m.sink) != TAWS_OK)
        m.len = 0;
    out[m.len] = '\0';
}

/* Decodes a resume token back to its JSON text. */
static void token_json(const char *tok, char *json, size_t cap)
{
    long n = taws_base64_decode(tok, strlen(tok), (uint8_t *)json, cap - 1);
    json[n < 0 ? 0 : n] = '\0';
}

static void test_pages_on_one_connection(void)
{
    int jobs[64], n, i;
    reset();
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 3;
    rig.script.conns[0].responses[0] = page(0, 0, 3, "tok+/1=", NULL);
    rig.script.conns[0].responses[1] = page(1, 3, 3, "tok2", NULL);
    rig.script.conns[0].responses[2] = page(2, 6, 2, NULL, NULL);
    rig.script.piece = 7; /* responses arrive in 7-byte pieces */
    rig.pg.page_size = (taws_int_t){ 3, 1 };
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_DONE);
    CHECK_INT(n, 8);
    for (i = 0; i < 8; i++)
        CHECK_INT(jobs[i], i);
    CHECK_INT(rig.script.connects, 1);
    CHECK_INT(rig.script.requests, 3);
    CHECK(!taws_pager_truncated(&rig.pager));
    /* The second request carried the first token, percent-encoded, and the page size. */
    CHECK(strstr(rig.script.sent, "GET /model-import-jobs?maxResults=3&nextToken=tok%2B%2F1%3D HTTP/1.1") != NULL);
    CHECK(strstr(rig.script.sent, "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/us-east-1/bedrock/") != NULL);
}

static void test_max_items_mid_page_and_at_boundary(void)
{
    int jobs[64], n;
    char tok[256], json[256];
    /* mid-page: 4 items from pages of 3 -> stop after job-3, resume = page 2's token + 1 */
    reset();
    rig.script.n_conns = 2;
    rig.script.conns[0].n = 2;
    rig.script.conns[0].responses[0] = page(0, 0, 3, "T1", NULL);
    rig.script.conns[0].responses[1] = page(1, 3, 3, "T2", NULL);
    rig.pg.max_items = (taws_int_t){ 4, 1 };
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_DONE);
    CHECK_INT(n, 4);
    CHECK(taws_pager_truncated(&rig.pager));
    resume_token(tok, sizeof tok);
    token_json(tok, json, sizeof json);
    CHECK_STR(json, "{\"nextToken\": \"T1\", \"boto_truncate_amount\": 1}");
    /* at a boundary: 3 items, the page ends with T1: resume = {"nextToken": "T1"} */
    one_response(page(0, 0, 3, "T1", NULL));
    rig.pg.max_items = (taws_int_t){ 3, 1 };
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_DONE);
    CHECK_INT(n, 3);
    resume_token(tok, sizeof tok);
    token_json(tok, json, sizeof json);
    CHECK_STR(json, "{\"nextToken\": \"T1\"}");
    CHECK_INT(rig.script.requests, 1);
    /* first page, mid-page: the token is null */
    one_response(page(0, 0, 3, "T1", NULL));
    rig.pg.max_items = (taws_int_t){ 2, 1 };
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_DONE);
    resume_token(tok, sizeof tok);
    token_json(tok, json, sizeof json);
    CHECK_STR(json, "{\"nextToken\": null, \"boto_truncate_amount\": 2}");
    /* the list ends exactly at max_items: no resume token */
    one_response(page(0, 0, 3, NULL, NULL));
    rig.pg.max_items = (taws_int_t){ 3, 1 };
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_DONE);
    CHECK(!taws_pager_truncated(&rig.pager));
}

static void test_starting_token_skips_and_chains(void)
{
    int jobs[64], n;
    char tok[256], json[256];
    static char start_tok[128];
    taws_memsink_t m;
    taws_memsink_init(&m, start_tok, sizeof start_tok - 1);
    CHECK_ST(taws_resume_token_encode(&m.sink, "nextToken", TAWS_LIT("T1"), 1, 2), TAWS_OK);
    start_tok[m.len] = '\0';
    one_response(page(0, 3, 4, "T2", NULL));
    rig.pg.starting_token = start_tok;
    rig.pg.max_items = (taws_int_t){ 1, 1 };
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_DONE);
    CHECK_INT(n, 1);
    CHECK_INT(jobs[0], 5); /* 3 and 4 were skipped */
    CHECK(strstr(rig.script.sent, "nextToken=T1 ") != NULL);
    resume_token(tok, sizeof tok);
    token_json(tok, json, sizeof json);
    CHECK_STR(json, "{\"nextToken\": \"T1\", \"boto_truncate_amount\": 3}"); /* botocore adds the skip */
    /* A plain service token (botocore's fallback) and garbage JSON keys. */
    one_response(page(0, 0, 1, NULL, NULL));
    rig.pg.starting_token = "raw-token___0";
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_DONE);
    CHECK(strstr(rig.script.sent, "nextToken=raw-token ") != NULL);
    reset();
    rig.pg.starting_token = "eyJmb28iOiAxfQ=="; /* {"foo": 1} */
    CHECK_ST(start(&rig), TAWS_ERR_BAD_TOKEN);
    CHECK_INT(rig.script.connects, 0);
}

static void test_item_too_big_keeps_iterating(void)
{
    static char big[4096];
    static char resp[6000];
    taws_model_import_job_summary_t item;
    char name[1200];
    memset(name, 'x', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    sprintf(big, "{\"modelImportJobSummaries\":[{\"jobName\":\"job-0\"},{\"jobName\":\"%s\"},{\"jobName\":\"job-2\"}]}", name);
    sprintf(resp, "HTTP/1.1 200 OK\r\nContent-Length: %u\r\n\r\n%s", (unsigned)strlen(big), big);
    one_response(resp);
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_OK);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_ERR_ITEM_TOO_BIG);
    CHECK_INT(taws_pager_item_needed(&rig.pager), 1199 + 14);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_OK);
    CHECK_MEM(item.job_name.p, item.job_name.n, "job-2", 5);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_DONE);
    /* With a string cap the same item fits and says it was cut. */
    one_response(resp);
    CHECK_ST(start(&rig), TAWS_OK);
    taws_pager_set_string_cap(&rig.pager, 100);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_OK);
    CHECK(!item.truncated);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_OK);
    CHECK(item.truncated);
    CHECK_INT(item.job_name.n, 100);
}

static void test_reconnects_after_close_and_stale_keepalive(void)
{
    int jobs[64], n;
    /* The server says Connection: close: the next page goes on a new connection. */
    reset();
    rig.script.n_conns = 2;
    rig.script.conns[0].n = 1;
    rig.script.conns[0].responses[0] = page(0, 0, 2, "T1", "Connection: close\r\n");
    rig.script.conns[1].n = 1;
    rig.script.conns[1].responses[0] = page(1, 2, 2, NULL, NULL);
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_DONE);
    CHECK_INT(n, 4);
    CHECK_INT(rig.script.connects, 2);
    /* A kept-alive connection the server dropped while idle: reconnect once, resend. */
    reset();
    rig.script.n_conns = 2;
    rig.script.conns[0].n = 2;
    rig.script.conns[0].close_after = 1;
    rig.script.conns[0].responses[0] = page(0, 0, 2, "T1", NULL);
    rig.script.conns[1].n = 1;
    rig.script.conns[1].responses[0] = page(1, 2, 2, NULL, NULL);
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_DONE);
    CHECK_INT(n, 4);
    CHECK_INT(jobs[3], 3);
    CHECK_INT(rig.script.connects, 2);
    CHECK_INT(rig.script.requests, 3); /* page 2 was sent twice */
}

static void test_service_errors_as_botocore_parses_them(void)
{
    taws_model_import_job_summary_t item;
    static const char rest[] =
        "HTTP/1.1 400 Bad Request\r\nx-amzn-ErrorType: ValidationException:http://internal.amazon.com/coral/x/\r\n"
        "Content-Length: 60\r\n\r\n{\"message\":\"1 validation error detected\",\"__type\":\"Other\"}  ";
    static const char html[] = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 20\r\n\r\n<html>busy</html>   ";
    static const char body_code[] = "HTTP/1.1 403 Forbidden\r\nContent-Length: 38\r\n\r\n{\"Code\":\"AccessDenied\",\"Message\":\"no\"}";
    one_response(rest);
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_ERR_SERVICE);
    CHECK_STR(taws_client_error_code(&rig.client), "ValidationException");
    CHECK_STR(taws_client_error_message(&rig.client), "1 validation error detected");
    CHECK_INT(taws_client_http_status(&rig.client), 400);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_ERR_SERVICE); /* fatal: repeated */
    reset();
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 3;
    rig.script.conns[0].responses[0] = rig.script.conns[0].responses[1] = rig.script.conns[0].responses[2] = html;
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_ERR_SERVICE);
    CHECK_STR(taws_client_error_code(&rig.client), "503");
    CHECK_STR(taws_client_error_message(&rig.client), "Service Unavailable");
    CHECK_INT(taws_client_retries(&rig.client), 2); /* 503 is retried, on the same kept-alive connection */
    CHECK_INT(rig.script.connects, 1);
    one_response(body_code);
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_ERR_SERVICE);
    CHECK_STR(taws_client_error_code(&rig.client), "AccessDenied");
    CHECK_STR(taws_client_error_message(&rig.client), "no");
}

static void test_ssm_body_and_error_type(void)
{
    static taws_describe_maintenance_window_execution_task_invocations_params_t p;
    static const char *values[] = { "SUCCESS", "FAILED" };
    static taws_maintenance_window_filter_t f;
    static const char err[] =
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 79\r\n\r\n"
        "{\"__type\":\"com.amazonaws.ssm#DoesNotExistException\",\"message\":\"no such window\"}";
    taws_credentials_t cred = { TAWS_LIT("AKID"), TAWS_LIT("secret"), TAWS_LIT("tok") };
    taws_maintenance_window_execution_task_invocation_identity_t item;
    reset();
    f.key = "STATUS";
    f.values = values;
    f.n_values = 2;
    p.window_execution_id = "11111111-2222-3333-4444-555555555555";
    p.task_id = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    p.filters = &f;
    p.n_filters = 1;
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 1;
    rig.script.conns[0].responses[0] = err;
    script_port_init(&rig.port, &rig.script);
    CHECK_ST(taws_client_init(&rig.client, &rig.port, NULL, &cred, "us-east-1"), TAWS_OK);
    CHECK_ST(taws_client_set_endpoint(&rig.client, "http://localhost:8080"), TAWS_OK);
    rig.pg.page_size = (taws_int_t){ 10, 1 };
    CHECK_ST(taws_pager_begin(&rig.pager, &rig.client,
                              &taws_op_describe_maintenance_window_execution_task_invocations, &p, &rig.pg,
                              rig.window, sizeof rig.window, rig.tokens, 64),
             TAWS_OK);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_ERR_SERVICE);
    CHECK_STR(taws_client_error_code(&rig.client), "DoesNotExistException");
    CHECK(strstr(rig.script.sent, "POST / HTTP/1.1\r\n") != NULL);
    CHECK(strstr(rig.script.sent, "X-Amz-Target: AmazonSSM.DescribeMaintenanceWindowExecutionTaskInvocations\r\n"));
    CHECK(strstr(rig.script.sent, "Content-Type: application/x-amz-json-1.1\r\n"));
    CHECK(strstr(rig.script.sent, "X-Amz-Security-Token: tok\r\n"));
    CHECK(strstr(rig.script.sent, "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,"));
    CHECK(strstr(rig.script.sent,
                 "{\"WindowExecutionId\": \"11111111-2222-3333-4444-555555555555\", \"TaskId\": \"aaaaaaaa-bbbb-cccc-dddd-"
                 "eeeeeeeeeeee\", \"Filters\": [{\"Key\": \"STATUS\", \"Values\": [\"SUCCESS\", \"FAILED\"]}], "
                 "\"MaxResults\": 10}")); /* botocore's bytes (json.dumps) */
}

static void test_validation_before_sending(void)
{
    reset();
    rig.params.name_contains = "";
    rig.params.sort_order = "Sideways";
    rig.pg.page_size = (taws_int_t){ 0, 1 };
    CHECK_ST(start(&rig), TAWS_ERR_PARAM);
    CHECK(strstr(taws_pager_msg(&rig.pager), "Invalid length for parameter nameContains, value: 0, valid min length: 1") != NULL);
    CHECK(strstr(taws_pager_msg(&rig.pager), "Invalid value for parameter maxResults, value: 0, valid min value: 1") != NULL);
    CHECK(strstr(taws_pager_msg(&rig.pager), "Invalid value for parameter sortOrder, value: Sideways, valid values: Ascending, Descending") != NULL);
    CHECK_INT(rig.script.connects, 0);
    reset();
    rig.params.name_contains = "a\r\nX-Injected: 1";
    CHECK_ST(start(&rig), TAWS_ERR_HEADER_VALUE);
}

static void test_repeated_token_and_truncated_body(void)
{
    int jobs[64], n;
    static const char cut[] = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"modelImportJobSummaries\":[{\"jobName\":\"job-0\"}";
    static const char short_json[] = "HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n{\"modelImportJobSummaries\":[  ";
    reset();
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 2;
    rig.script.conns[0].responses[0] = page(0, 0, 1, "SAME", NULL);
    rig.script.conns[0].responses[1] = page(1, 1, 1, "SAME", NULL);
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_ERR_TOKEN_REPEATED);
    CHECK_INT(n, 2);
    reset();
    rig.script.n_conns = 3;
    for (n = 0; n < 3; n++) {
        rig.script.conns[n].n = 1;
        rig.script.conns[n].close_after = 1;
        rig.script.conns[n].responses[0] = cut;
    }
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_ERR_HTTP_TRUNCATED); /* after 3 attempts */
    CHECK_INT(n, 1);                                          /* job-0 once, not three times */
    CHECK_INT(rig.script.connects, 3);
    CHECK(taws_client_max_attempts_reached(&rig.client));
    one_response(short_json);
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_ERR_JSON_TRUNCATED);
}

static void test_retry_transient_then_success_exactly_once(void)
{
    int jobs[64], n, i;
    static char cut[512];
    const char *full = page(1, 0, 3, "T1", NULL);
    /* Page 1 drops after its first two items; the retry's copy of them is skipped. */
    memcpy(cut, full, strstr(full, "job-2") - full);
    reset();
    rig.script.n_conns = 3;
    rig.script.conns[0].n = 1;
    rig.script.conns[0].close_after = 1;
    rig.script.conns[0].responses[0] = cut;
    rig.script.conns[1].n = 3;
    rig.script.conns[1].responses[0] = full;
    rig.script.conns[1].responses[1] = "HTTP/1.1 503 Slow Down\r\nContent-Length: 0\r\n\r\n";
    rig.script.conns[1].responses[2] = page(2, 3, 2, NULL, NULL);
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 64, &n), TAWS_DONE);
    CHECK_INT(n, 5);
    for (i = 0; i < 5; i++)
        CHECK_INT(jobs[i], i);
    CHECK_INT(rig.script.requests, 4);
    CHECK_INT(rig.script.connects, 2);
    CHECK_INT(rig.script.sleeps, 2);
    CHECK_INT(rig.client.retry.quota, TAWS_RETRY_QUOTA); /* refunded on success */
}

static void test_retry_throttling_retry_after_and_limits(void)
{
    taws_model_import_job_summary_t item;
    static const char throttled[] =
        "HTTP/1.1 429 Too Many Requests\r\nx-amzn-ErrorType: ThrottlingException\r\nRetry-After: 2\r\n"
        "Content-Length: 27\r\n\r\n{\"message\":\"Rate exceeded\"}";
    static const char invalid[] = "HTTP/1.1 400 Bad Request\r\nx-amzn-ErrorType: ValidationException\r\n"
                                  "Content-Length: 2\r\n\r\n{}";
    reset();
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 3;
    rig.script.conns[0].responses[0] = rig.script.conns[0].responses[1] = rig.script.conns[0].responses[2] = throttled;
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_ERR_SERVICE);
    CHECK_STR(taws_client_error_code(&rig.client), "ThrottlingException");
    CHECK_INT(rig.script.requests, 3);        /* at most 3 attempts, on one connection */
    CHECK_INT(rig.script.connects, 1);
    CHECK_INT(rig.script.slept_ms, 4000);     /* Retry-After: 2 honoured, twice */
    CHECK_INT(taws_client_retries(&rig.client), 2);
    CHECK(taws_client_max_attempts_reached(&rig.client));
    CHECK_INT(rig.client.retry.quota, TAWS_RETRY_QUOTA - 10);
    /* Validation errors are never retried. */
    reset();
    rig.script.n_conns = 2;
    rig.script.conns[0].n = rig.script.conns[1].n = 1;
    rig.script.conns[0].responses[0] = rig.script.conns[1].responses[0] = invalid;
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_ERR_SERVICE);
    CHECK_INT(rig.script.requests, 1);
    /* An empty quota fails fast. */
    reset();
    rig.script.n_conns = 2;
    rig.script.conns[0].n = rig.script.conns[1].n = 1;
    rig.script.conns[0].responses[0] = rig.script.conns[1].responses[0] = throttled;
    CHECK_ST(start(&rig), TAWS_OK);
    rig.client.retry.quota = 4;
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_ERR_SERVICE);
    CHECK_INT(rig.script.requests, 1);
    /* A Retry-After longer than the call's deadline is not waited for. */
    reset();
    rig.script.n_conns = 2;
    rig.script.conns[0].n = rig.script.conns[1].n = 1;
    rig.script.conns[0].responses[0] = rig.script.conns[1].responses[0] = throttled;
    CHECK_ST(start(&rig), TAWS_OK);
    taws_client_set_call_timeout(&rig.client, 1500);
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_ERR_TIMEOUT);
    CHECK_INT(rig.script.sleeps, 0);
}

static void test_clock_skew_adopts_server_time_once(void)
{
    int jobs[8], n;
    const char *skewed;
    /* Our clock says 2024-01-02T03:04:05Z; the server's Date is an hour later. */
    reset();
    skewed = response(5, "HTTP/1.1 403 Forbidden\r\nx-amzn-ErrorType: InvalidSignatureException\r\n"
                         "Date: Tue, 02 Jan 2024 04:04:05 GMT\r\n",
                      "{\"message\":\"Signature expired: 20240102T030405Z is now earlier than ...\"}");
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 2;
    rig.script.conns[0].responses[0] = skewed;
    rig.script.conns[0].responses[1] = page(0, 0, 2, NULL, NULL);
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 8, &n), TAWS_DONE);
    CHECK_INT(n, 2);
    CHECK_INT(taws_client_clock_offset(&rig.client), 3600);
    CHECK(strstr(rig.script.sent, "X-Amz-Date: 20240102T030405Z") != NULL);
    CHECK(strstr(rig.script.sent, "X-Amz-Date: 20240102T040405Z") != NULL); /* re-signed */
    CHECK_INT(rig.script.sleeps, 0);
    /* The same error with a Date close to ours is a real signature error: no retry. */
    reset();
    skewed = response(5, "HTTP/1.1 403 Forbidden\r\nx-amzn-ErrorType: InvalidSignatureException\r\n"
                         "Date: Tue, 02 Jan 2024 03:06:05 GMT\r\n",
                      "{\"message\":\"The request signature we calculated does not match\"}");
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 2;
    rig.script.conns[0].responses[0] = rig.script.conns[0].responses[1] = skewed;
    CHECK_ST(start(&rig), TAWS_OK);
    CHECK_ST(collect(jobs, 8, &n), TAWS_ERR_SERVICE);
    CHECK_INT(rig.script.requests, 1);
    CHECK_INT(taws_client_clock_offset(&rig.client), 0);
}

/* Found by fuzzing: amounts up to 2^32-1 round-trip; invalid UTF-8 is refused, not garbled. */
static void test_resume_token_edges(void)
{
    char out[256], scratch[256], tok[64];
    size_t len;
    int has;
    uint32_t amount;
    taws_memsink_t m;
    taws_str_t in;
    taws_memsink_init(&m, out, sizeof out);
    CHECK_ST(taws_resume_token_encode(&m.sink, "nextToken", TAWS_LIT("abc"), 1, 4294967295u), TAWS_OK);
    in.p = out;
    in.n = m.len;
    CHECK_ST(taws_resume_token_decode(in, "nextToken", scratch, sizeof scratch, tok, sizeof tok, &len, &has,
                                      &amount),
             TAWS_OK);
    CHECK_INT(amount, 4294967295u);
    in.p = "eyJuZXh0VG9rZW4iOiAiYSIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDQyOTQ5NjcyOTZ9"; /* ...: 4294967296 */
    in.n = strlen(in.p);
    CHECK_ST(taws_resume_token_decode(in, "nextToken", scratch, sizeof scratch, tok, sizeof tok, &len, &has,
                                      &amount),
             TAWS_ERR_BAD_TOKEN);
    taws_memsink_init(&m, out, sizeof out);
    CHECK_ST(taws_resume_token_encode(&m.sink, "nextToken", TAWS_LIT("\xc1\xae"), 0, 0), TAWS_ERR_ARG);
    CHECK_ST(taws_resume_token_encode(&m.sink, "nextToken", TAWS_LIT("\xed\xa0\x80"), 0, 0), TAWS_ERR_ARG);
    CHECK_ST(taws_resume_token_encode(&m.sink, "nextToken", TAWS_LIT("\xf4\x90\x80\x80"), 0, 0), TAWS_ERR_ARG);
}

/* Found in review of the fuzzing: a starting token too big for the decoding space must fail,
 * not be sent as if it were a plain service token; a 1 KiB window still resumes a maximal token. */
static void test_starting_token_with_small_window(void)
{
    static char big[TAWS_PAGE_TOKEN_MAX + 1], start_tok[4 * TAWS_PAGE_TOKEN_MAX];
    static char req[TAWS_PAGE_TOKEN_MAX + 64];
    taws_memsink_t m;
    taws_model_import_job_summary_t item;
    memset(big, 'T', TAWS_PAGE_TOKEN_MAX);
    taws_memsink_init(&m, start_tok, sizeof start_tok - 1);
    CHECK_ST(taws_resume_token_encode(&m.sink, "nextToken", (taws_str_t){ big, TAWS_PAGE_TOKEN_MAX }, 1, 1),
             TAWS_OK);
    start_tok[m.len] = '\0';
    one_response(page(0, 0, 3, NULL, NULL));
    rig.pg.starting_token = start_tok;
    CHECK_ST(start(&rig), TAWS_OK); /* rig.window is 1 KiB */
    CHECK_ST(taws_pager_next(&rig.pager, &item), TAWS_OK);
    CHECK_MEM(item.job_name.p, item.job_name.n, "job-1", 5); /* one skipped */
    sprintf(req, "nextToken=%.*s HTTP/1.1", TAWS_PAGE_TOKEN_MAX, big);
    CHECK(strstr(rig.script.sent, req) != NULL);
    {
        /* Too small a scratch for well-formed base64: TAWS_ERR_TOO_LONG, not a plain token. */
        char scratch[64], tok[64];
        size_t len;
        int has;
        uint32_t amount;
        taws_str_t in = { start_tok, strlen(start_tok) };
        CHECK_ST(taws_resume_token_decode(in, "nextToken", scratch, sizeof scratch, tok, sizeof tok, &len, &has,
                                          &amount),
                 TAWS_ERR_TOO_LONG);
    }
}

CHECK_SUITE(pager_suite, CHECK_CASE(test_pages_on_one_connection),
            CHECK_CASE(test_max_items_mid_page_and_at_boundary), CHECK_CASE(test_starting_token_skips_and_chains),
            CHECK_CASE(test_item_too_big_keeps_iterating), CHECK_CASE(test_reconnects_after_close_and_stale_keepalive),
            CHECK_CASE(test_service_errors_as_botocore_parses_them), CHECK_CASE(test_ssm_body_and_error_type),
            CHECK_CASE(test_validation_before_sending), CHECK_CASE(test_repeated_token_and_truncated_body),
            CHECK_CASE(test_retry_transient_then_success_exactly_once),
            CHECK_CASE(test_retry_throttling_retry_after_and_limits),
            CHECK_CASE(test_clock_skew_adopts_server_time_once), CHECK_CASE(test_resume_token_edges),
            CHECK_CASE(test_starting_token_with_small_window));
