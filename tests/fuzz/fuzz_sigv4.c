/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: SigV4 signing (src/sigv4.c, src/uri.c) against a reference written from
 * botocore's algorithm (sigv4_ref.c).
 *
 * Input: [0] flags (bit 0 normalize_path, bit 1 use the fuzzed X-Amz-Date, bit 2 use the
 * fuzzed payload hash, bits 3-5 the method), [1] query pairs (0..36), [2] headers (0..19),
 * [3] Authorization buffer (0: 512, else 4 * [3]), then length-prefixed fields (one length
 * byte; 0xF0..0xFF take a second byte for up to 4095): method, path, region, service,
 * access key id, secret, date, payload hash, then each query name and value, then each header
 * name and value. Missing fields are empty.
 *
 * Checked: the status is TAWS_OK exactly when no documented precondition fails, else
 * TAWS_ERR_ARG or TAWS_ERR_TOO_LONG for a reason that holds; on TAWS_OK the canonical request
 * seen through the tap, the string to sign, the signature and the Authorization value equal
 * the reference byte for byte; taws_query_sort + taws_query_write give the canonical query;
 * signing again (cold cache, warm cache, no cache) gives the same, and a cached key is never
 * used for another region or service.
 */
#include <string.h>
#include "sigv4.h"
#include "fuzz_util.h"
#include "sigv4_ref.h"

#define HDR 4
#define MAX_IN 16384
#define MAX_Q 36
#define MAX_H 19
#define BIG 262144
#define AUTH_BUF 1024

typedef struct {
    const uint8_t *p;
    size_t n;
} rd_t;

static taws_str_t field(rd_t *r)
{
    taws_str_t s = { "", 0 };
    size_t len;
    if (r->n == 0)
        return s;
    len = r->p[0];
    r->p++;
    r->n--;
    if (len >= 0xF0 && r->n > 0) {
        len = (len - 0xF0) << 8 | r->p[0];
        r->p++;
        r->n--;
    }
    if (len > r->n)
        len = r->n;
    s.p = (const char *)r->p;
    s.n = len;
    r->p += len;
    r->n -= len;
    return s;
}

static char tap_buf[BIG], ref_buf[BIG], sh_buf[BIG], cq_buf[BIG], qw_buf[BIG];
static char auth[AUTH_BUF], ref_auth[BIG], ref_sts[1024];
static taws_kv_t query[MAX_Q], query_sorted[MAX_Q], hdrs[MAX_H];

/* Scope parts are plain names: no NUL (the key cache keeps C strings) and no '/'. */
static int scope_name(taws_str_t s)
{
    return memchr(s.p, '\0', s.n) == NULL && memchr(s.p, '/', s.n) == NULL;
}

/* With a key for (region, service) in the cache, signing for (region2, service2) must give
 * what an uncached signer gives: the cache may never hand out a key for another scope. */
static void check_cache_switch(taws_sigv4_key_t *cache, const taws_credentials_t *cred,
                               taws_str_t region2, taws_str_t service2, const char *date,
                               const taws_sigv4_request_t *req);

/* Signs; checks the status is in the documented set and a tap overflow cannot happen. */
static taws_status_t sign(taws_sigv4_key_t *cache, const taws_credentials_t *cred,
                          taws_str_t region, taws_str_t service, const char *date,
                          const taws_sigv4_request_t *req, size_t auth_cap,
                          taws_memsink_t *tap, taws_sigv4_result_t *res)
{
    taws_status_t st;
    taws_memsink_init(tap, tap_buf, sizeof tap_buf);
    fuzz_fence(auth, auth_cap, AUTH_BUF);
    st = taws_sigv4_sign(cache, cred, region, service, date, req, &tap->sink, auth, auth_cap,
                         res);
    fuzz_unfence(auth, AUTH_BUF);
    FUZZ_CHECK_STATUS(st);
    FUZZ_CHECK(st == TAWS_OK || st == TAWS_ERR_ARG || st == TAWS_ERR_TOO_LONG);
    FUZZ_CHECK(tap->len < sizeof tap_buf);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const methods[] = { "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH" };
    rd_t rd;
    taws_str_t method, region, service, date_f, hash_f;
    taws_credentials_t cred;
    taws_sigv4_request_t req;
    taws_sigv4_result_t res, res2;
    taws_sigv4_key_t cache;
    taws_memsink_t tap, qw;
    ref_req_t rr;
    char date[64], sig1[65];
    size_t i, auth_cap, ref_len, sh_len, cq_len, sts_len, expect_auth;
    int flags, arg_err, long_err;
    taws_status_t st;

    if (size < HDR || size - HDR > MAX_IN)
        return 0;
    flags = data[0];
    rd.p = data + HDR;
    rd.n = size - HDR;
    memset(&req, 0, sizeof req);
    req.normalize_path = flags & 1;
    req.n_query = data[1] % (MAX_Q + 1);
    req.n_headers = data[2] % (MAX_H + 1);
    auth_cap = data[3] ? 4u * data[3] : TAWS_AUTH_HEADER_MAX;

    method = field(&rd);
    if (((flags >> 3) & 7) < 6)
        method = (taws_str_t){ methods[(flags >> 3) & 7], strlen(methods[(flags >> 3) & 7]) };
    req.method = method;
    req.path = field(&rd);
    region = field(&rd);
    service = field(&rd);
    cred.access_key_id = field(&rd);
    cred.secret_access_key = field(&rd);
    cred.session_token = TAWS_STR_NULL;
    date_f = field(&rd);
    hash_f = field(&rd);
    if (flags & 2) {
        size_t n = date_f.n < sizeof date - 1 ? date_f.n : sizeof date - 1;
        memcpy(date, date_f.p, n);
        date[n] = '\0';
    } else {
        memcpy(date, "20150830T123600Z", 17);
    }
    req.payload_hash = (flags & 4) ? hash_f : (taws_str_t){ taws_empty_sha256_hex, 64 };
    for (i = 0; i < req.n_query; i++) {
        query[i].name = field(&rd);
        query[i].value = field(&rd);
    }
    for (i = 0; i < req.n_headers; i++) {
        hdrs[i].name = field(&rd);
        hdrs[i].value = field(&rd);
    }
    req.query = query;
    req.headers = hdrs;

    memset(&res, 0, sizeof res);
    st = sign(NULL, &cred, region, service, date, &req, auth_cap, &tap, &res);

    /* Which documented failures apply? (Their order is the library's business.) */
    arg_err = cred.access_key_id.n == 0 || region.n == 0 || service.n == 0 ||
              req.payload_hash.n != 64 || strlen(date) != TAWS_AMZ_DATE_LEN ||
              !scope_name(region) || !scope_name(service) || !scope_name(cred.access_key_id);
    for (i = 0; i < req.n_headers && i < TAWS_SIGV4_MAX_HEADERS; i++)
        arg_err |= hdrs[i].name.n == 0;
    long_err = req.n_headers > TAWS_SIGV4_MAX_HEADERS || req.n_query > TAWS_SIGV4_MAX_QUERY ||
               region.n >= TAWS_REGION_MAX || service.n >= TAWS_SERVICE_MAX ||
               cred.access_key_id.n >= TAWS_ACCESS_KEY_MAX ||
               cred.secret_access_key.n > TAWS_SECRET_MAX ||
               17 + 17 + 24 + region.n + service.n + 64 > sizeof res.string_to_sign;

    rr.method = req.method;
    rr.path = req.path;
    rr.query = query;
    rr.n_query = req.n_query;
    rr.headers = hdrs;
    rr.n_headers = req.n_headers;
    rr.payload_hash = req.payload_hash;
    rr.normalize_path = req.normalize_path;
    ref_len = ref_canonical(&rr, ref_buf, sizeof ref_buf, sh_buf, sizeof sh_buf, &sh_len,
                            cq_buf, sizeof cq_buf, &cq_len);
    FUZZ_CHECK(ref_len != (size_t)-1);
    expect_auth = 28 + cred.access_key_id.n + 1 + 8 + 1 + region.n + 1 + service.n + 29 +
                  sh_len + 12 + 64 + 1;
    if (!arg_err && !long_err && expect_auth > auth_cap)
        long_err = 1;

    if (st == TAWS_ERR_ARG)
        FUZZ_CHECK(arg_err);
    if (st == TAWS_ERR_TOO_LONG)
        FUZZ_CHECK(long_err);
    if (!arg_err && !long_err)
        FUZZ_CHECK(st == TAWS_OK);
    if (st != TAWS_OK)
        return 0;
    FUZZ_CHECK(!arg_err && !long_err);

    /* The canonical request, byte for byte; its first line is the method. */
    if (tap.len != ref_len || memcmp(tap_buf, ref_buf, ref_len) != 0) {
        fuzz_dump("tinyaws canonical", tap_buf, tap.len);
        fuzz_dump("reference canonical", ref_buf, ref_len);
    }
    FUZZ_CHECK(tap.len == ref_len && memcmp(tap_buf, ref_buf, ref_len) == 0);
    FUZZ_CHECK(tap.len > method.n && memcmp(tap_buf, method.p, method.n) == 0 &&
               tap_buf[method.n] == '\n');

    /* The string to sign and the signature. */
    sts_len = ref_sign(ref_buf, ref_len, cred.secret_access_key, date, region, service, ref_sts,
                       sizeof ref_sts, sig1);
    FUZZ_CHECK(sts_len != (size_t)-1);
    FUZZ_CHECK(res.sts_len == sts_len && memcmp(res.string_to_sign, ref_sts, sts_len) == 0);
    for (i = 0; i < 64; i++)
        FUZZ_CHECK((res.signature[i] >= '0' && res.signature[i] <= '9') ||
                   (res.signature[i] >= 'a' && res.signature[i] <= 'f'));
    FUZZ_CHECK(res.signature[64] == '\0' && memcmp(res.signature, sig1, 65) == 0);

    /* The Authorization value, NUL-terminated within its buffer. */
    {
        taws_memsink_t m;
        taws_memsink_init(&m, ref_auth, sizeof ref_auth);
        taws_sink_str(&m.sink, "AWS4-HMAC-SHA256 Credential=");
        taws_sink_view(&m.sink, cred.access_key_id);
        taws_sink_put(&m.sink, "/", 1);
        taws_sink_put(&m.sink, date, 8);
        taws_sink_put(&m.sink, "/", 1);
        taws_sink_view(&m.sink, region);
        taws_sink_put(&m.sink, "/", 1);
        taws_sink_view(&m.sink, service);
        taws_sink_str(&m.sink, "/aws4_request, SignedHeaders=");
        taws_sink_put(&m.sink, sh_buf, sh_len);
        taws_sink_str(&m.sink, ", Signature=");
        taws_sink_put(&m.sink, sig1, 65);
        FUZZ_CHECK(m.len == expect_auth && memcmp(auth, ref_auth, m.len) == 0);
        FUZZ_CHECK(memcmp(auth, "AWS4-HMAC-SHA256 Credential=", 28) == 0);
    }

    /* The wire query (sort, then write) is the canonical query. */
    memcpy(query_sorted, query, req.n_query * sizeof query[0]);
    taws_query_sort(query_sorted, req.n_query);
    taws_memsink_init(&qw, qw_buf, sizeof qw_buf);
    FUZZ_CHECK(taws_query_write(&qw.sink, query_sorted, req.n_query) == TAWS_OK);
    FUZZ_CHECK(qw.len == cq_len && memcmp(qw_buf, cq_buf, cq_len) == 0);

    /* Determinism and the key cache: cold, warm, and after a key for another region. */
    memset(&cache, 0, sizeof cache);
    FUZZ_CHECK(sign(&cache, &cred, region, service, date, &req, auth_cap, &tap, &res2) == TAWS_OK);
    FUZZ_CHECK(cache.valid && memcmp(res2.signature, sig1, 65) == 0);
    FUZZ_CHECK(sign(&cache, &cred, region, service, date, &req, auth_cap, &tap, &res2) == TAWS_OK);
    FUZZ_CHECK(memcmp(res2.signature, sig1, 65) == 0);
    /* Scopes that differ by a last character (a prefix) must not share the cached key. */
    check_cache_switch(&cache, &cred, (taws_str_t){ region.p, region.n - 1 }, service, date, &req);
    check_cache_switch(&cache, &cred, region, (taws_str_t){ service.p, service.n - 1 }, date, &req);
    taws_sigv4_key_wipe(&cache);
    return 0;
}

static void check_cache_switch(taws_sigv4_key_t *cache, const taws_credentials_t *cred,
                               taws_str_t region2, taws_str_t service2, const char *date,
                               const taws_sigv4_request_t *req)
{
    static taws_sigv4_result_t r1, r2;
    taws_memsink_t tap;
    taws_status_t st = sign(NULL, cred, region2, service2, date, req, TAWS_AUTH_HEADER_MAX, &tap,
                            &r1);
    if (st != TAWS_OK)
        return;
    FUZZ_CHECK(sign(cache, cred, region2, service2, date, req, TAWS_AUTH_HEADER_MAX, &tap, &r2) ==
               TAWS_OK);
    FUZZ_CHECK(memcmp(r1.signature, r2.signature, 65) == 0);
}
