/* SPDX-License-Identifier: MIT */
/* Credentials providers over the scripted port: refresh before expiry, refresh after
 * ExpiredTokenException with every item exactly once, wipes, the container and IMDS
 * providers' requests and messages, the container host allow-list. */
#include <stdio.h>
#include <string.h>
#include "cred_http.h" /* first: private access (white-box) */
#include "check.h"
#include "script_port.h"
#include "tinyaws/pager.h"

static char bodies[8][8192];

static const char *page(int slot, int first, int n, const char *token)
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
    sprintf(bodies[slot], "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %u\r\n\r\n%s",
            (unsigned)len, json);
    return bodies[slot];
}

static const char *response(int slot, const char *head, const char *body)
{
    sprintf(bodies[slot], "%sContent-Length: %u\r\n\r\n%s", head, (unsigned)strlen(body), body);
    return bodies[slot];
}

#define EXPIRED_BODY "{\"message\":\"The security token included in the request is expired\"}"
static const char *expired_403 =
    "HTTP/1.1 403 Forbidden\r\nx-amzn-ErrorType: ExpiredTokenException:http://internal.amazon.com/coral/\r\n"
    "Content-Type: application/json\r\nContent-Length: 67\r\n\r\n" EXPIRED_BODY;

/* An application's provider: key ids AKID1, AKID2, ... each with its own secret and token. */
typedef struct {
    int calls;
    int64_t lifetime;     /* seconds from the scripted clock; 0: never expires */
    int fixed;            /* every call: the first call's expiration (a cache) */
    int64_t first_exp;
    const script_t *clock;
    taws_status_t fail;   /* returned instead when not TAWS_OK */
} app_provider_t;

static taws_status_t app_fetch(void *ctx, taws_client_t *client, taws_cred_t *out)
{
    app_provider_t *a = ctx;
    char id[16], secret[32], token[32];
    (void)client;
    a->calls++;
    if (a->fail != TAWS_OK)
        return a->fail;
    sprintf(id, "AKID%d", a->calls);
    sprintf(secret, "secret-number-%d", a->calls);
    sprintf(token, "session-token-%d", a->calls);
    return taws_cred_set(out, (taws_str_t){ id, strlen(id) }, (taws_str_t){ secret, strlen(secret) },
                         (taws_str_t){ token, strlen(token) },
                         a->lifetime ? (a->fixed && a->first_exp ? a->first_exp
                                                                  : (a->first_exp = a->clock->now + a->lifetime))
                                     : 0);
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
    taws_cred_t cred;
    taws_cred_provider_t prov;
    app_provider_t app;
} rig_t;

static rig_t rig;

static void reset(void)
{
    memset(&rig, 0, sizeof rig);
    script_port_init(&rig.port, &rig.script);
    rig.app.clock = &rig.script;
    rig.prov.fetch = app_fetch;
    rig.prov.ctx = &rig.app;
    rig.prov.name = "app";
}

static taws_status_t start(void)
{
    TAWS_TRY(taws_client_init(&rig.client, &rig.port, NULL, NULL, "us-east-1"));
    TAWS_TRY(taws_client_set_endpoint(&rig.client, "http://localhost:8080"));
    TAWS_TRY(taws_client_set_provider(&rig.client, &rig.prov, &rig.cred));
    return taws_list_model_import_jobs_begin(&rig.pager, &rig.client, &rig.params, &rig.pg, rig.window,
                                             sizeof rig.window, rig.tokens, 64);
}

/* Items until the end; advances the scripted clock by step seconds after each item. */
static taws_status_t collect(int *jobs, int max, int *n, int64_t step)
{
    taws_model_import_job_summary_t item;
    taws_status_t st;
    *n = 0;
    while ((st = taws_list_model_import_jobs_next(&rig.pager, &item)) == TAWS_OK && *n < max) {
        int v = -1;
        sscanf(item.job_name.p, "job-%d", &v);
        jobs[(*n)++] = v;
        rig.script.now += step;
    }
    return st;
}

static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

static int count(const char *hay, const char *needle)
{
    int k = 0;
    const char *s = hay;
    while ((s = strstr(s, needle)) != NULL) {
        k++;
        s += strlen(needle);
    }
    return k;
}

/* One connection serving n pages of 2 items each (items 0 .. 2n-1), linked by tokens. */
static void pages(int n)
{
    static const char *const next_tokens[] = { "t1", "t2", "t3", "t4", "t5", "t6", "t7" };
    int i;
    rig.script.n_conns = 1;
    rig.script.conns[0].n = n;
    for (i = 0; i < n; i++)
        rig.script.conns[0].responses[i] = page(i, 2 * i, 2, i < n - 1 ? next_tokens[i] : NULL);
}

static void test_refresh_before_expiry(void)
{
    int jobs[16], n, i;
    reset();
    rig.app.lifetime = 1000;
    pages(3);
    CHECK_ST(start(), TAWS_OK);
    /* 200 s per item: page 2 is asked for at +400 s (600 left: no refresh), page 3 at +800 s
     * (200 left, within the 300 s window: refresh). */
    CHECK_ST(collect(jobs, 16, &n, 200), TAWS_DONE);
    CHECK_INT(n, 6);
    for (i = 0; i < 6; i++)
        CHECK_INT(jobs[i], i);
    CHECK_INT(rig.app.calls, 2);
    CHECK_INT(taws_client_credential_fetches(&rig.client), 2);
    CHECK_INT(count(rig.script.sent, "Credential=AKID1/"), 2);
    CHECK_INT(count(rig.script.sent, "Credential=AKID2/"), 1);
    CHECK_INT(count(rig.script.sent, "X-Amz-Security-Token: session-token-1\r\n"), 2);
    CHECK_INT(count(rig.script.sent, "X-Amz-Security-Token: session-token-2\r\n"), 1);
    /* The window is the application's: 0 asks only once they have expired. */
    reset();
    rig.app.lifetime = 1000;
    pages(3);
    CHECK_ST(start(), TAWS_OK);
    taws_client_set_cred_refresh(&rig.client, 0);
    CHECK_ST(collect(jobs, 16, &n, 200), TAWS_DONE);
    CHECK_INT(n, 6);
    CHECK_INT(rig.app.calls, 1);
    /* A provider whose credentials live 200 s, less than the 300 s window: asked again at
     * half time. 30 s per item, a page per 60 s: asked at 0 (200 left), not at +60 s (140),
     * at +120 s (80 <= 100), not at +180 s (140 of the new ones), at +240 s (80). */
    reset();
    rig.app.lifetime = 200;
    pages(5);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(collect(jobs, 16, &n, 30), TAWS_DONE);
    CHECK_INT(n, 10);
    for (i = 0; i < 10; i++)
        CHECK_INT(jobs[i], i);
    CHECK_INT(rig.app.calls, 3);
    CHECK_INT(count(rig.script.sent, "Credential=AKID1/"), 2);
    CHECK_INT(count(rig.script.sent, "Credential=AKID2/"), 2);
    CHECK_INT(count(rig.script.sent, "Credential=AKID3/"), 1);
    /* A cache that hands out the same expiry, 200 s away, whenever asked: 10 s per item, a page
     * per 20 s: asked at 0 and, at half time, at +100 s (100 left) only; not for the pages at
     * 20, 40, 60, 80 s, nor at +120 s (80 left of the 100 it had at +100 s). */
    reset();
    rig.app.lifetime = 200;
    rig.app.fixed = 1;
    pages(7);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(collect(jobs, 16, &n, 10), TAWS_DONE);
    CHECK_INT(n, 14);
    CHECK_INT(rig.app.calls, 2);
    /* Credentials that never expire are asked for once. */
    reset();
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 2;
    rig.script.conns[0].responses[0] = page(0, 0, 2, "t1");
    rig.script.conns[0].responses[1] = page(1, 2, 2, NULL);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(collect(jobs, 16, &n, 100000), TAWS_DONE);
    CHECK_INT(rig.app.calls, 1);
}

static void test_failed_provider_not_asked_again_by_retries(void)
{
    int jobs[4], n;
    /* A provider that fails with a transient status (its own attempts spent) is not asked
     * again by the page's retries: one call, the provider's status, nothing sent. */
    reset();
    rig.app.fail = TAWS_ERR_CONNECT;
    pages(1);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(collect(jobs, 16, &n, 0), TAWS_ERR_CONNECT);
    CHECK_INT(n, 0);
    CHECK_INT(rig.app.calls, 1);
    CHECK_ST(taws_client_credential_status(&rig.client), TAWS_ERR_CONNECT);
    CHECK_INT((int)rig.script.sent_len, 0);
}

static void test_refresh_on_expired_token_exactly_once(void)
{
    int jobs[16], n, i;
    reset();
    rig.app.lifetime = 3600; /* the client believes them good: only the service knows */
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 4;
    rig.script.conns[0].responses[0] = page(0, 0, 3, "t1");
    rig.script.conns[0].responses[1] = expired_403;
    rig.script.conns[0].responses[2] = page(1, 3, 3, "t2");
    rig.script.conns[0].responses[3] = page(2, 6, 1, NULL);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(collect(jobs, 16, &n, 0), TAWS_DONE);
    CHECK_INT(n, 7);
    for (i = 0; i < 7; i++)
        CHECK_INT(jobs[i], i); /* every item once, in order */
    CHECK_INT(rig.app.calls, 2);
    CHECK_INT(rig.script.requests, 4);
    CHECK_INT(count(rig.script.sent, "nextToken=t1 "), 2); /* page 2 asked for twice */
    CHECK_INT(count(rig.script.sent, "Credential=AKID2/"), 2);
    CHECK_INT(rig.script.sleeps, 0);
    /* Refused again right after the refresh: once only, then the error is the caller's. */
    reset();
    rig.app.lifetime = 3600;
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 3;
    rig.script.conns[0].responses[0] = expired_403;
    rig.script.conns[0].responses[1] = expired_403;
    rig.script.conns[0].responses[2] = page(0, 0, 1, NULL);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(collect(jobs, 16, &n, 0), TAWS_ERR_SERVICE);
    CHECK_STR(taws_client_error_code(&rig.client), "ExpiredTokenException");
    CHECK_INT(rig.app.calls, 2);
    CHECK_INT(rig.script.requests, 2);
    /* SSM's awsJson form (400 with __type) is recognised too: the code is what counts. */
    reset();
    rig.app.lifetime = 3600;
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 2;
    rig.script.conns[0].responses[0] = response(3, "HTTP/1.1 403 Forbidden\r\nx-amzn-ErrorType: ExpiredToken\r\n",
                                                "{\"message\":\"expired\"}");
    rig.script.conns[0].responses[1] = page(0, 0, 2, NULL);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(collect(jobs, 16, &n, 0), TAWS_DONE);
    CHECK_INT(n, 2);
    CHECK_INT(rig.app.calls, 2);
    /* Keys the application set itself are never "refreshed": no provider, no retry. */
    reset();
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 2;
    rig.script.conns[0].responses[0] = expired_403;
    rig.script.conns[0].responses[1] = page(0, 0, 1, NULL);
    {
        taws_credentials_t cred = { TAWS_LIT("AKIDEXAMPLE"), TAWS_LIT("secret"), TAWS_LIT("tok") };
        CHECK_ST(taws_client_init(&rig.client, &rig.port, NULL, &cred, "us-east-1"), TAWS_OK);
        CHECK_ST(taws_client_set_endpoint(&rig.client, "http://localhost:8080"), TAWS_OK);
        CHECK_ST(taws_list_model_import_jobs_begin(&rig.pager, &rig.client, &rig.params, &rig.pg, rig.window,
                                                   sizeof rig.window, rig.tokens, 64),
                 TAWS_OK);
    }
    CHECK_ST(collect(jobs, 16, &n, 0), TAWS_ERR_SERVICE);
    CHECK_INT(rig.script.requests, 1);
}

static void test_wipes(void)
{
    int jobs[4], n;
    reset();
    rig.app.lifetime = 1000;
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 1;
    rig.script.conns[0].responses[0] = page(0, 0, 1, NULL);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(taws_client_refresh_credentials(&rig.client), TAWS_OK);
    CHECK_STR(taws_cred_access_key_id(&rig.cred), "AKID1");
    /* Replaced: nothing of the first set is left in the storage. */
    CHECK_ST(taws_client_refresh_credentials(&rig.client), TAWS_OK);
    CHECK_STR(taws_cred_access_key_id(&rig.cred), "AKID2");
    CHECK(strstr(rig.cred.secret, "secret-number-1") == NULL);
    CHECK(all_zero(rig.cred.secret + 15, sizeof rig.cred.secret - 15));
    CHECK(all_zero(rig.cred.token + 15, sizeof rig.cred.token - 15));
    CHECK_ST(collect(jobs, 4, &n, 0), TAWS_DONE);
    /* Closed: the storage and the client's views are cleared; the next request asks again. */
    taws_client_close(&rig.client);
    CHECK(all_zero(&rig.cred, sizeof rig.cred));
    CHECK(rig.client.cred.access_key_id.p == NULL && rig.client.cred.secret_access_key.p == NULL);
    CHECK(all_zero(&rig.client.key, sizeof rig.client.key));
    /* A failed fetch leaves nothing and is reported as the provider's status. */
    rig.app.fail = TAWS_ERR_CRED_PROVIDER;
    CHECK_ST(taws_client_refresh_credentials(&rig.client), TAWS_ERR_CRED_PROVIDER);
    CHECK_ST(taws_client_credential_status(&rig.client), TAWS_ERR_CRED_PROVIDER);
    CHECK(all_zero(&rig.cred, sizeof rig.cred));
    /* Credentials already expired when they arrive are refused (botocore: "still expired"). */
    rig.app.fail = TAWS_OK;
    rig.app.lifetime = -5;
    CHECK_ST(taws_client_refresh_credentials(&rig.client), TAWS_ERR_CRED_EXPIRED);
    CHECK(all_zero(&rig.cred, sizeof rig.cred));
    /* taws_cred_set refuses what could not be a header value, and wipes. */
    CHECK_ST(taws_cred_set(&rig.cred, TAWS_LIT("AKID"), TAWS_LIT("se\r\ncret"), TAWS_STR_NULL, 0),
             TAWS_ERR_CRED_VALUE);
    CHECK(all_zero(&rig.cred, sizeof rig.cred));
    CHECK_ST(taws_cred_set(&rig.cred, TAWS_LIT(""), TAWS_LIT("secret"), TAWS_STR_NULL, 0),
             TAWS_ERR_NO_CREDENTIALS);
}

#define CONTAINER_BODY \
    "{\"RoleArn\":\"arn:aws:iam::1:role/r\",\"AccessKeyId\":\"ASIACONTAINER1\",\"SecretAccessKey\":\"csecret\"," \
    "\"Token\":\"ctoken-1\",\"Expiration\":\"2030-01-01T00:00:00Z\"}"
static char container_ok[512];

static void test_container_provider(void)
{
    taws_cred_container_t cc;
    int jobs[4], n;
    reset();
    CHECK_INT(strlen(EXPIRED_BODY), 67);
    sprintf(container_ok, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %u\r\n\r\n%s",
            (unsigned)strlen(CONTAINER_BODY), CONTAINER_BODY);
    rig.script.n_conns = 2;
    rig.script.conns[0].n = 1;
    rig.script.conns[0].responses[0] = container_ok;
    rig.script.conns[1].n = 1;
    rig.script.conns[1].responses[0] = page(0, 0, 2, NULL);
    CHECK_ST(taws_cred_container_init(&cc, &rig.prov, "http://localhost:51234/2016-11-01/credentialprovider/",
                                      NULL, "the-token", NULL, NULL),
             TAWS_OK);
    CHECK_STR(rig.prov.name, "container-role");
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(collect(jobs, 4, &n, 0), TAWS_DONE);
    CHECK_INT(n, 2);
    CHECK(strncmp(rig.script.sent, "GET /2016-11-01/credentialprovider/ HTTP/1.1\r\nHost: localhost:51234\r\n", 69) == 0);
    CHECK(strstr(rig.script.sent, "\r\nAuthorization: the-token\r\n") != NULL);
    CHECK(strstr(rig.script.sent, "Credential=ASIACONTAINER1/") != NULL);
    CHECK(strstr(rig.script.sent, "X-Amz-Security-Token: ctoken-1\r\n") != NULL);
    CHECK(all_zero(cc.auth, sizeof cc.auth));
    CHECK_INT(taws_cred_expiration(&rig.cred), 1893456000);

    /* A token with CR or LF is refused before anything is sent. */
    reset();
    CHECK_ST(taws_cred_container_init(&cc, &rig.prov, "http://127.0.0.1:1/x", NULL, "evil\r\nX-A: b", NULL, NULL),
             TAWS_OK);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(taws_client_refresh_credentials(&rig.client), TAWS_ERR_HEADER_VALUE);
    CHECK_STR(taws_cred_provider_message(&rig.prov), "Auth token value is not a legal header value");
    CHECK_INT(rig.script.connects, 0);
    CHECK_INT((int)rig.script.sent_len, 0);

    /* A non-200 answer, tried three times 1 s apart, in the AWS CLI's words. */
    reset();
    rig.script.n_conns = 3;
    rig.script.conns[0].n = rig.script.conns[1].n = rig.script.conns[2].n = 1;
    rig.script.conns[0].responses[0] = rig.script.conns[1].responses[0] = rig.script.conns[2].responses[0] =
        response(4, "HTTP/1.1 400 Bad Request\r\n", "{\"code\":\"InvalidIdInRequest\"}");
    CHECK_ST(taws_cred_container_init(&cc, &rig.prov, NULL, "/v2/credentials/abc", "t", NULL, NULL), TAWS_OK);
    CHECK_STR(cc.ep.host, "169.254.170.2");
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(taws_client_refresh_credentials(&rig.client), TAWS_ERR_CRED_PROVIDER);
    CHECK_INT(rig.script.requests, 3);
    CHECK_INT(rig.script.sleeps, 2);
    CHECK_STR(taws_cred_provider_message(&rig.prov),
              "Error retrieving metadata: Received non 200 response (400) from ECS metadata: "
              "{\"code\":\"InvalidIdInRequest\"}");

    /* Hosts: current botocore's allow-list. */
    CHECK_ST(taws_cred_container_init(&cc, &rig.prov, "http://169.254.169.254/creds", NULL, NULL, NULL, NULL),
             TAWS_ERR_CRED_HOST);
    CHECK_STR(taws_cred_container_message(&cc),
              "Unsupported host '169.254.169.254'.  Can only retrieve metadata from a loopback address or "
              "one of these hosts: 169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost");
    CHECK_ST(taws_cred_container_init(&cc, &rig.prov, "http://[fd00:ec2::23]/c", NULL, NULL, NULL, NULL), TAWS_OK);
    CHECK_ST(taws_cred_container_init(&cc, &rig.prov, "http://[::1]:8080/c", NULL, NULL, NULL, NULL), TAWS_OK);
    CHECK_ST(taws_cred_container_init(&cc, &rig.prov, NULL, NULL, NULL, NULL, NULL), TAWS_ERR_ARG);
    CHECK(taws_cred_container_host_allowed("127.0.0.1"));
    CHECK(taws_cred_container_host_allowed("127.255.3.4"));
    CHECK(taws_cred_container_host_allowed("::1"));
    CHECK(taws_cred_container_host_allowed("0:0:0:0:0:0:0:1"));
    CHECK(taws_cred_container_host_allowed("::0001"));
    CHECK(taws_cred_container_host_allowed("LOCALHOST"));
    CHECK(taws_cred_container_host_allowed("169.254.170.23"));
    CHECK(!taws_cred_container_host_allowed("128.0.0.1"));
    CHECK(!taws_cred_container_host_allowed("127.0.0.1.example.com"));
    CHECK(!taws_cred_container_host_allowed("localhost.example.com"));
    CHECK(!taws_cred_container_host_allowed("::2"));
    CHECK(!taws_cred_container_host_allowed("1::1"));
    CHECK(!taws_cred_container_host_allowed("169.254.170.3"));
    CHECK(!taws_cred_container_host_allowed("127.1"));
}

static taws_status_t token_from_fn(void *ctx, char *buf, size_t cap, size_t *len)
{
    int *calls = ctx;
    (*calls)++;
    *len = (size_t)snprintf(buf, cap, "file-token-%d", *calls);
    return TAWS_OK;
}

static void test_container_token_callback_each_fetch(void)
{
    taws_cred_container_t cc;
    int calls = 0;
    reset();
    rig.script.n_conns = 2;
    rig.script.conns[0].n = rig.script.conns[1].n = 1;
    rig.script.conns[0].responses[0] = rig.script.conns[1].responses[0] = container_ok;
    CHECK_ST(taws_cred_container_init(&cc, &rig.prov, "http://localhost:9/c", NULL, "ignored", token_from_fn,
                                      &calls),
             TAWS_OK);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(taws_client_refresh_credentials(&rig.client), TAWS_OK);
    CHECK_ST(taws_client_refresh_credentials(&rig.client), TAWS_OK);
    CHECK_INT(calls, 2);
    CHECK(strstr(rig.script.sent, "Authorization: file-token-1\r\n") != NULL);
    CHECK(strstr(rig.script.sent, "Authorization: file-token-2\r\n") != NULL);
    CHECK(strstr(rig.script.sent, "ignored") == NULL);
}

static void test_imds_provider(void)
{
    taws_cred_imds_t im;
    int jobs[4], n;
    reset();
    rig.script.n_conns = 4;
    rig.script.conns[0].n = rig.script.conns[1].n = rig.script.conns[2].n = rig.script.conns[3].n = 1;
    rig.script.conns[0].responses[0] = response(0, "HTTP/1.1 200 OK\r\nX-aws-ec2-metadata-token-ttl-seconds: 21600\r\n",
                                                "AQAEAIMDS-TOKEN==");
    rig.script.conns[1].responses[0] = response(1, "HTTP/1.1 200 OK\r\n", "my-role");
    rig.script.conns[2].responses[0] = response(2, "HTTP/1.1 200 OK\r\n",
                                                "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2024-01-02T03:00:00Z\",\n"
                                                "  \"Type\" : \"AWS-HMAC\",\n  \"AccessKeyId\" : \"ASIAIMDS1\",\n"
                                                "  \"SecretAccessKey\" : \"isecret\",\n  \"Token\" : \"itoken\",\n"
                                                "  \"Expiration\" : \"2030-01-01T00:00:00Z\"\n}");
    rig.script.conns[3].responses[0] = page(3, 0, 1, NULL);
    CHECK_ST(taws_cred_imds_init(&im, &rig.prov, "http://127.0.0.1:8111/", 0), TAWS_OK);
    CHECK_STR(rig.prov.name, "iam-role");
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(collect(jobs, 4, &n, 0), TAWS_DONE);
    CHECK_INT(n, 1);
    CHECK(strncmp(rig.script.sent, "PUT /latest/api/token HTTP/1.1\r\n", 32) == 0);
    CHECK(strstr(rig.script.sent, "X-aws-ec2-metadata-token-ttl-seconds: 21600\r\n") != NULL);
    CHECK(strstr(rig.script.sent, "GET /latest/meta-data/iam/security-credentials/ HTTP/1.1\r\n") != NULL);
    CHECK(strstr(rig.script.sent, "GET /latest/meta-data/iam/security-credentials/my-role HTTP/1.1\r\n") != NULL);
    CHECK_INT(count(rig.script.sent, "X-aws-ec2-metadata-token: AQAEAIMDS-TOKEN==\r\n"), 2);
    CHECK(strstr(rig.script.sent, "Credential=ASIAIMDS1/") != NULL);
    /* Disabled: nothing is sent. */
    reset();
    CHECK_ST(taws_cred_imds_init(&im, &rig.prov, NULL, 1), TAWS_OK);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(taws_client_refresh_credentials(&rig.client), TAWS_ERR_CRED_DISABLED);
    CHECK_INT(rig.script.connects, 0);
    /* No instance profile: 404 for the role name. */
    reset();
    rig.script.n_conns = 2;
    rig.script.conns[0].n = rig.script.conns[1].n = 1;
    rig.script.conns[0].responses[0] = response(0, "HTTP/1.1 200 OK\r\n", "TOKEN");
    rig.script.conns[1].responses[0] = response(1, "HTTP/1.1 404 Not Found\r\n", "<html>not found</html>");
    CHECK_ST(taws_cred_imds_init(&im, &rig.prov, NULL, 0), TAWS_OK);
    CHECK_STR(im.ep.host, "169.254.169.254");
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(taws_client_refresh_credentials(&rig.client), TAWS_ERR_CRED_PROVIDER);
    CHECK_STR(taws_cred_imds_message(&im), "No instance profile is attached to the instance (HTTP 404)");
}

static void test_static_provider(void)
{
    taws_cred_static_t sp;
    int jobs[4], n;
    reset();
    rig.script.n_conns = 1;
    rig.script.conns[0].n = 1;
    rig.script.conns[0].responses[0] = page(0, 0, 1, NULL);
    CHECK_ST(taws_cred_static_init(&sp, &rig.prov, "AKIDSTATIC", "s3cret", NULL), TAWS_OK);
    CHECK_ST(start(), TAWS_OK);
    CHECK_ST(collect(jobs, 4, &n, 100000), TAWS_DONE);
    CHECK(strstr(rig.script.sent, "Credential=AKIDSTATIC/") != NULL);
    CHECK(strstr(rig.script.sent, "X-Amz-Security-Token") == NULL);
    CHECK_INT(taws_cred_expiration(&rig.cred), 0);
    CHECK_ST(taws_cred_static_init(&sp, &rig.prov, "", "s", NULL), TAWS_ERR_NO_CREDENTIALS);
}

CHECK_SUITE(cred_suite, CHECK_CASE(test_refresh_before_expiry),
            CHECK_CASE(test_failed_provider_not_asked_again_by_retries),
            CHECK_CASE(test_refresh_on_expired_token_exactly_once),
            CHECK_CASE(test_wipes), CHECK_CASE(test_container_provider),
            CHECK_CASE(test_container_token_callback_each_fetch), CHECK_CASE(test_imds_provider),
            CHECK_CASE(test_static_provider));
