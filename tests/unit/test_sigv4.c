/* SPDX-License-Identifier: MIT */
/* SigV4: the official aws-c-auth v4 suite (every header-signing case), key caching, limits. */
#include <string.h>
#include "check.h"
#include "sigv4.h"

typedef struct {
    const char *name, *method, *path;
    const taws_kv_t *query;
    size_t n_query;
    const taws_kv_t *headers;
    size_t n_headers;
    const char *body;
    size_t body_len;
    const char *akid, *secret, *token;
    size_t token_len;
    const char *region, *service, *timestamp;
    int normalize, sign_body, omit_token;
    const char *creq, *sts, *signature, *authorization;
} sigv4_vector_t;

#include "sigv4_vectors.h" /* generated into build/gen from ../shared/sigv4-testsuite */

static taws_str_t S(const char *z)
{
    taws_str_t s = { z, strlen(z) };
    return s;
}

/* Signs one suite case and compares canonical request, string to sign, signature and the
 * Authorization header with the suite's files. Returns 0 on the first mismatch. */
static int run_vector(const sigv4_vector_t *v)
{
    taws_kv_t headers[TAWS_SIGV4_MAX_HEADERS];
    size_t nh = 0, i;
    taws_time_t t;
    char amz[TAWS_AMZ_DATE_LEN + 1], body_hex[65], auth[TAWS_AUTH_HEADER_MAX];
    uint8_t body_hash[32];
    char creq[4096];
    taws_memsink_t tap;
    taws_sigv4_result_t res;
    taws_credentials_t cred;
    taws_sigv4_request_t req;
    taws_sigv4_key_t key;
    taws_status_t st;

    memset(&key, 0, sizeof key);
    if (taws_time_parse_iso8601(S(v->timestamp), &t) != TAWS_OK)
        return check_fail(__FILE__, __LINE__, "%s: timestamp", v->name);
    taws_time_amz_date(t.sec, amz);
    if (taws_sha256(v->body, v->body_len, body_hash) != TAWS_OK)
        return check_fail(__FILE__, __LINE__, "sha256");
    taws_hex(body_hash, 32, body_hex);
    body_hex[64] = '\0';

    for (i = 0; i < v->n_headers; i++)
        headers[nh++] = v->headers[i];
    headers[nh].name = TAWS_LIT("X-Amz-Date");
    headers[nh++].value = S(amz);
    if (v->token_len && !v->omit_token) {
        headers[nh].name = TAWS_LIT("X-Amz-Security-Token");
        headers[nh].value.p = v->token;
        headers[nh++].value.n = v->token_len;
    }
    if (v->sign_body) {
        headers[nh].name = TAWS_LIT("x-amz-content-sha256");
        headers[nh++].value = S(body_hex);
    }

    cred.access_key_id = S(v->akid);
    cred.secret_access_key = S(v->secret);
    cred.session_token.p = v->token_len ? v->token : NULL;
    cred.session_token.n = v->token_len;
    req.method = S(v->method);
    req.path = S(v->path);
    req.query = v->query;
    req.n_query = v->n_query;
    req.headers = headers;
    req.n_headers = nh;
    req.payload_hash = S(body_hex);
    req.normalize_path = v->normalize;

    taws_memsink_init(&tap, creq, sizeof creq);
    st = taws_sigv4_sign(&key, &cred, S(v->region), S(v->service), amz, &req, &tap.sink, auth,
                         sizeof auth, &res);
    if (st != TAWS_OK)
        return check_fail(__FILE__, __LINE__, "%s: sign: %s", v->name, taws_strerror(st));
    if (!check_mem_eq(__FILE__, __LINE__, v->name, creq, tap.len, v->creq, strlen(v->creq)) ||
        !check_mem_eq(__FILE__, __LINE__, v->name, res.string_to_sign, res.sts_len, v->sts,
                      strlen(v->sts)) ||
        !check_mem_eq(__FILE__, __LINE__, v->name, res.signature, 64, v->signature,
                      strlen(v->signature)) ||
        !check_mem_eq(__FILE__, __LINE__, v->name, auth, strlen(auth), v->authorization,
                      strlen(v->authorization)))
        return 0;
    taws_sigv4_key_wipe(&key);
    return 1;
}

static void test_suite_all_header_cases(void)
{
    size_t i;
    CHECK_INT(SIGV4_VECTOR_COUNT, 38); /* every case of ../shared/sigv4-testsuite aws-c-auth v4 */
    for (i = 0; i < SIGV4_VECTOR_COUNT; i++)
        CHECK_MSG(run_vector(sigv4_vectors[i]), "vector %s", sigv4_vectors[i]->name);
}

/* The cross-check vector from shared/NOTES.md: botocore and hashlib agree on it. */
static void sign_bedrock_example(taws_sigv4_key_t *key, const char *region, char *sig_out)
{
    taws_kv_t q[1] = { { TAWS_LIT("maxResults"), TAWS_LIT("5") } };
    taws_kv_t h[2] = { { TAWS_LIT("host"), TAWS_LIT("127.0.0.1:8443") },
                       { TAWS_LIT("x-amz-date"), TAWS_LIT("20240102T030405Z") } };
    taws_credentials_t cred = { TAWS_LIT("AKIDEXAMPLE"),
                                TAWS_LIT("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                TAWS_STR_NULL };
    taws_sigv4_request_t req;
    taws_sigv4_result_t res;
    char auth[TAWS_AUTH_HEADER_MAX];
    req.method = TAWS_LIT("GET");
    req.path = TAWS_LIT("/model-import-jobs");
    req.query = q;
    req.n_query = 1;
    req.headers = h;
    req.n_headers = 2;
    req.payload_hash = S(taws_empty_sha256_hex);
    req.normalize_path = 1;
    sig_out[0] = '\0';
    if (taws_sigv4_sign(key, &cred, S(region), TAWS_LIT("bedrock"), "20240102T030405Z", &req,
                        NULL, auth, sizeof auth, &res) == TAWS_OK)
        memcpy(sig_out, res.signature, 65);
}

static void test_notes_cross_check_vector(void)
{
    char sig[65];
    sign_bedrock_example(NULL, "us-east-1", sig);
    CHECK_STR(sig, "2696dbf3ec07d0b50c650f62ac6713f23c1fd4696fb89aba79d4db2f244a4586");
}

static void test_signing_key_cached_per_scope(void)
{
    taws_sigv4_key_t key;
    uint8_t first[32];
    char sig1[65], sig2[65], sig3[65];
    size_t i;
    int nonzero = 0;
    memset(&key, 0, sizeof key);
    sign_bedrock_example(&key, "us-east-1", sig1);
    CHECK(key.valid);
    CHECK_STR(key.region, "us-east-1");
    memcpy(first, key.key, 32);
    /* Poison the cached key: a cache hit must use it (and give a different signature). */
    key.key[0] ^= 0xff;
    sign_bedrock_example(&key, "us-east-1", sig2);
    CHECK(strcmp(sig1, sig2) != 0);
    /* A different region re-derives. */
    sign_bedrock_example(&key, "eu-west-1", sig3);
    CHECK_STR(key.region, "eu-west-1");
    CHECK(memcmp(key.key, first, 32) != 0);
    taws_sigv4_key_wipe(&key);
    for (i = 0; i < sizeof key; i++)
        nonzero |= ((uint8_t *)&key)[i];
    CHECK(!nonzero);
}

/* A 2,000-character token of characters that all need encoding: 6,000 canonical bytes. The
 * canonical request streams through the hash; we only observe its length through the tap. */
static void test_long_token_streams(void)
{
    static char token[2000];
    taws_kv_t q[2];
    taws_kv_t h[2] = { { TAWS_LIT("host"), TAWS_LIT("bedrock.us-east-1.amazonaws.com") },
                       { TAWS_LIT("x-amz-date"), TAWS_LIT("20240102T030405Z") } };
    taws_credentials_t cred = { TAWS_LIT("AKID"), TAWS_LIT("secret"), TAWS_STR_NULL };
    taws_sigv4_request_t req;
    static char creq[8192];
    taws_memsink_t tap;
    char auth[TAWS_AUTH_HEADER_MAX];
    memset(token, '+', sizeof token);
    q[0].name = TAWS_LIT("nextToken");
    q[0].value.p = token;
    q[0].value.n = sizeof token;
    q[1].name = TAWS_LIT("maxResults");
    q[1].value = TAWS_LIT("10");
    memset(&req, 0, sizeof req);
    req.method = TAWS_LIT("GET");
    req.path = TAWS_LIT("/async-invoke");
    req.query = q;
    req.n_query = 2;
    req.headers = h;
    req.n_headers = 2;
    req.payload_hash = S(taws_empty_sha256_hex);
    req.normalize_path = 1;
    taws_memsink_init(&tap, creq, sizeof creq);
    CHECK_ST(taws_sigv4_sign(NULL, &cred, TAWS_LIT("us-east-1"), TAWS_LIT("bedrock"),
                             "20240102T030405Z", &req, &tap.sink, auth, sizeof auth, NULL),
             TAWS_OK);
    /* The query line, streamed through the hash: 2,000 '+' percent-encoded. */
    CHECK(strstr(creq, "\nmaxResults=10&nextToken=%2B%2B%2B") != NULL);
    CHECK(tap.len > 6000 + 10);
    {
        static const char prefix[] = "AWS4-HMAC-SHA256 Credential=AKID/20240102/us-east-1/bedrock/"
                                     "aws4_request, SignedHeaders=host;x-amz-date, Signature=";
        CHECK(strncmp(auth, prefix, sizeof prefix - 1) == 0);
        CHECK_INT(strlen(auth), sizeof prefix - 1 + 64);
    }
}

static void test_limits_and_bad_input(void)
{
    taws_kv_t h[TAWS_SIGV4_MAX_HEADERS + 1];
    taws_credentials_t cred = { TAWS_LIT("AKID"), TAWS_LIT("secret"), TAWS_STR_NULL };
    taws_sigv4_request_t req;
    char auth[TAWS_AUTH_HEADER_MAX];
    static char long_secret[TAWS_SECRET_MAX + 1];
    size_t i;
    for (i = 0; i < TAWS_SIGV4_MAX_HEADERS + 1; i++) {
        h[i].name = TAWS_LIT("x-a");
        h[i].value = TAWS_LIT("v");
    }
    memset(&req, 0, sizeof req);
    req.method = TAWS_LIT("GET");
    req.path = TAWS_LIT("/");
    req.headers = h;
    req.n_headers = TAWS_SIGV4_MAX_HEADERS + 1;
    req.payload_hash = S(taws_empty_sha256_hex);
    CHECK_ST(taws_sigv4_sign(NULL, &cred, TAWS_LIT("r"), TAWS_LIT("s"), "20240102T030405Z", &req,
                             NULL, auth, sizeof auth, NULL),
             TAWS_ERR_TOO_LONG);
    req.n_headers = 1;
    /* Authorization buffer too small. */
    CHECK_ST(taws_sigv4_sign(NULL, &cred, TAWS_LIT("r"), TAWS_LIT("s"), "20240102T030405Z", &req,
                             NULL, auth, 40, NULL),
             TAWS_ERR_TOO_LONG);
    /* Secret longer than TAWS_SECRET_MAX. */
    memset(long_secret, 'k', sizeof long_secret);
    cred.secret_access_key.p = long_secret;
    cred.secret_access_key.n = sizeof long_secret;
    CHECK_ST(taws_sigv4_sign(NULL, &cred, TAWS_LIT("r"), TAWS_LIT("s"), "20240102T030405Z", &req,
                             NULL, auth, sizeof auth, NULL),
             TAWS_ERR_TOO_LONG);
    /* Found by fuzzing: a NUL in the region aliased "us\0x" with "us" in the key cache. */
    {
        taws_str_t nul_region = { "us\0x", 4 };
        CHECK_ST(taws_sigv4_sign(NULL, &cred, nul_region, TAWS_LIT("s"), "20240102T030405Z", &req, NULL,
                                 auth, sizeof auth, NULL),
                 TAWS_ERR_ARG);
        CHECK_ST(taws_sigv4_sign(NULL, &cred, TAWS_LIT("us/x"), TAWS_LIT("s"), "20240102T030405Z", &req, NULL,
                                 auth, sizeof auth, NULL),
                 TAWS_ERR_ARG);
    }
    /* Bad payload hash length and a bad date. */
    cred.secret_access_key = TAWS_LIT("secret");
    req.payload_hash = TAWS_LIT("abc");
    CHECK_ST(taws_sigv4_sign(NULL, &cred, TAWS_LIT("r"), TAWS_LIT("s"), "20240102T030405Z", &req,
                             NULL, auth, sizeof auth, NULL),
             TAWS_ERR_ARG);
    req.payload_hash = S(taws_empty_sha256_hex);
    CHECK_ST(taws_sigv4_sign(NULL, &cred, TAWS_LIT("r"), TAWS_LIT("s"), "2024", &req, NULL, auth,
                             sizeof auth, NULL),
             TAWS_ERR_ARG);
}

CHECK_SUITE(sigv4_suite, CHECK_CASE(test_suite_all_header_cases),
            CHECK_CASE(test_notes_cross_check_vector), CHECK_CASE(test_signing_key_cached_per_scope),
            CHECK_CASE(test_long_token_streams), CHECK_CASE(test_limits_and_bad_input));
