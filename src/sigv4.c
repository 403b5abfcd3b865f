/* SPDX-License-Identifier: MIT */
/* SigV4 header signing: canonical request streamed into SHA-256, key derived once per scope. */
#include <string.h>
#include "sigv4.h"
#include "uri.h"

const char taws_empty_sha256_hex[65] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/* Both the hash and an optional observer see every canonical byte. */
typedef struct {
    taws_sink_t sink;
    taws_sha256_t *hash;
    taws_sink_t *tap;
} tee_t;

static taws_status_t tee_write(taws_sink_t *s, const void *p, size_t n)
{
    tee_t *t = (tee_t *)s;
    TAWS_TRY(taws_sha256_update(t->hash, p, n));
    return t->tap ? taws_sink_put(t->tap, p, n) : TAWS_OK;
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int name_cmp_ci(taws_str_t a, taws_str_t b)
{
    size_t i, n = a.n < b.n ? a.n : b.n;
    for (i = 0; i < n; i++) {
        char x = lower(a.p[i]), y = lower(b.p[i]);
        if (x != y)
            return (unsigned char)x < (unsigned char)y ? -1 : 1;
    }
    return a.n == b.n ? 0 : (a.n < b.n ? -1 : 1);
}

/* ---- query ---------------------------------------------------------------------------- */

static int query_cmp(const taws_kv_t *a, const taws_kv_t *b)
{
    int c = taws_uri_encoded_cmp(a->name, b->name);
    return c != 0 ? c : taws_uri_encoded_cmp(a->value, b->value);
}

void taws_query_sort(taws_kv_t *q, size_t n)
{
    size_t i, j;
    for (i = 1; i < n; i++) { /* insertion sort: n is small and often already sorted */
        taws_kv_t x = q[i];
        for (j = i; j > 0 && query_cmp(&q[j - 1], &x) > 0; j--)
            q[j] = q[j - 1];
        q[j] = x;
    }
}

taws_status_t taws_query_write(taws_sink_t *out, const taws_kv_t *q, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (i > 0)
            TAWS_TRY(taws_sink_put(out, "&", 1));
        TAWS_TRY(taws_uri_encode(out, q[i].name, 0));
        TAWS_TRY(taws_sink_put(out, "=", 1));
        TAWS_TRY(taws_uri_encode(out, q[i].value, 0));
    }
    return TAWS_OK;
}

static taws_status_t write_canonical_query(taws_sink_t *out, const taws_kv_t *q, size_t n)
{
    unsigned char order[TAWS_SIGV4_MAX_QUERY];
    size_t i, j;
    if (n > TAWS_SIGV4_MAX_QUERY)
        return TAWS_ERR_TOO_LONG;
    for (i = 0; i < n; i++) {
        unsigned char x = (unsigned char)i;
        for (j = i; j > 0 && query_cmp(&q[order[j - 1]], &q[x]) > 0; j--)
            order[j] = order[j - 1];
        order[j] = x;
    }
    for (i = 0; i < n; i++) {
        if (i > 0)
            TAWS_TRY(taws_sink_put(out, "&", 1));
        TAWS_TRY(taws_uri_encode(out, q[order[i]].name, 0));
        TAWS_TRY(taws_sink_put(out, "=", 1));
        TAWS_TRY(taws_uri_encode(out, q[order[i]].value, 0));
    }
    return TAWS_OK;
}

/* ---- path ----------------------------------------------------------------------------- */

static int seg_is(const char *p, size_t n, const char *z)
{
    return n == strlen(z) && memcmp(p, z, n) == 0;
}

/* Is the segment ending at `pos` popped by a later ".."? Scans forward with a balance
 * counter instead of keeping a segment stack: no buffer, O(n^2) on absurd paths only. */
static int popped_later(taws_str_t path, size_t pos)
{
    unsigned long depth = 0;
    while (pos < path.n) {
        size_t s = pos + 1, e = s;
        while (e < path.n && path.p[e] != '/')
            e++;
        if (seg_is(path.p + s, e - s, "..")) {
            if (depth == 0)
                return 1;
            depth--;
        } else if (e > s && !seg_is(path.p + s, e - s, ".")) {
            depth++;
        }
        pos = e;
    }
    return 0;
}

static taws_status_t write_canonical_uri(taws_sink_t *out, taws_str_t path, int normalize)
{
    size_t pos = 0;
    int emitted = 0;
    if (path.n == 0)
        return taws_sink_put(out, "/", 1);
    if (!normalize)
        return taws_uri_encode(out, path, 1);
    /* Remove dot segments (RFC 3986 5.2.4) and empty segments, as botocore and aws-c-auth
     * do for every service but S3. */
    if (path.p[0] != '/')
        pos = (size_t)-1; /* a virtual leading '/' */
    for (;;) {
        size_t s = pos + 1, e = s;
        taws_str_t seg;
        if (s > path.n)
            break;
        while (e < path.n && path.p[e] != '/')
            e++;
        seg.p = path.p + s;
        seg.n = e - s;
        if (seg.n != 0 && !seg_is(seg.p, seg.n, ".") && !seg_is(seg.p, seg.n, "..") &&
            !popped_later(path, e)) {
            TAWS_TRY(taws_sink_put(out, "/", 1));
            TAWS_TRY(taws_uri_encode(out, seg, 0));
            emitted = 1;
        }
        if (e >= path.n)
            break;
        pos = e;
    }
    /* A trailing '/' survives when a segment did (botocore's rule: "/a/b/.." is "/a");
     * an empty result is "/". */
    if (!emitted || path.p[path.n - 1] == '/')
        TAWS_TRY(taws_sink_put(out, "/", 1));
    return TAWS_OK;
}

/* ---- headers -------------------------------------------------------------------------- */

/* Header value with leading/trailing whitespace removed and inner runs folded to one space. */
static taws_status_t write_trimmed(taws_sink_t *out, taws_str_t v)
{
    size_t i = 0, n = v.n;
    while (i < n && is_ws(v.p[i]))
        i++;
    while (n > i && is_ws(v.p[n - 1]))
        n--;
    while (i < n) {
        size_t j = i;
        while (j < n && !is_ws(v.p[j]))
            j++;
        TAWS_TRY(taws_sink_put(out, v.p + i, j - i));
        if (j < n) {
            TAWS_TRY(taws_sink_put(out, " ", 1));
            while (j < n && is_ws(v.p[j]))
                j++;
        }
        i = j;
    }
    return TAWS_OK;
}

static taws_status_t write_lower(taws_sink_t *out, taws_str_t s)
{
    size_t i;
    for (i = 0; i < s.n; i++) {
        char c = lower(s.p[i]);
        TAWS_TRY(taws_sink_put(out, &c, 1));
    }
    return TAWS_OK;
}

/* Stable sort of header indices by lower-cased name (duplicates keep their order). */
static taws_status_t sort_headers(const taws_kv_t *h, size_t n, unsigned char *order)
{
    size_t i, j;
    if (n > TAWS_SIGV4_MAX_HEADERS)
        return TAWS_ERR_TOO_LONG;
    for (i = 0; i < n; i++) {
        unsigned char x = (unsigned char)i;
        if (h[i].name.n == 0)
            return TAWS_ERR_ARG;
        for (j = i; j > 0 && name_cmp_ci(h[order[j - 1]].name, h[x].name) > 0; j--)
            order[j] = order[j - 1];
        order[j] = x;
    }
    return TAWS_OK;
}

static taws_status_t write_signed_headers(taws_sink_t *out, const taws_kv_t *h,
                                          const unsigned char *order, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (i > 0 && name_cmp_ci(h[order[i - 1]].name, h[order[i]].name) == 0)
            continue;
        if (i > 0)
            TAWS_TRY(taws_sink_put(out, ";", 1));
        TAWS_TRY(write_lower(out, h[order[i]].name));
    }
    return TAWS_OK;
}

static taws_status_t write_canonical_headers(taws_sink_t *out, const taws_kv_t *h,
                                             const unsigned char *order, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        int same = i > 0 && name_cmp_ci(h[order[i - 1]].name, h[order[i]].name) == 0;
        if (same) {
            TAWS_TRY(taws_sink_put(out, ",", 1)); /* repeated name: values joined by ',' */
        } else {
            if (i > 0)
                TAWS_TRY(taws_sink_put(out, "\n", 1));
            TAWS_TRY(write_lower(out, h[order[i]].name));
            TAWS_TRY(taws_sink_put(out, ":", 1));
        }
        TAWS_TRY(write_trimmed(out, h[order[i]].value));
    }
    return taws_sink_put(out, "\n", 1);
}

/* ---- signing key ---------------------------------------------------------------------- */

void taws_sigv4_key_wipe(taws_sigv4_key_t *k)
{
    taws_wipe(k, sizeof *k);
}

static int copy_z(char *dst, size_t cap, taws_str_t s)
{
    if (s.n >= cap)
        return 0;
    memcpy(dst, s.p, s.n);
    dst[s.n] = '\0';
    return 1;
}

static int key_matches(const taws_sigv4_key_t *k, const char *date, taws_str_t region,
                       taws_str_t service, taws_str_t akid)
{
    return k->valid && memcmp(k->date, date, 8) == 0 && strlen(k->region) == region.n &&
           memcmp(k->region, region.p, region.n) == 0 && strlen(k->service) == service.n &&
           memcmp(k->service, service.p, service.n) == 0 && strlen(k->access_key) == akid.n &&
           memcmp(k->access_key, akid.p, akid.n) == 0;
}

/* The signing key for (date, region, service) into k; on failure k is wiped. */
static taws_status_t derive_key(taws_sigv4_key_t *k, const taws_credentials_t *cred,
                                const char *date, taws_str_t region, taws_str_t service)
{
    uint8_t ksecret[4 + TAWS_SECRET_MAX];
    uint8_t a[TAWS_SHA256_LEN], b[TAWS_SHA256_LEN];
    taws_status_t st = TAWS_ERR_TOO_LONG;

    k->valid = 0;
    if (cred->secret_access_key.n > TAWS_SECRET_MAX ||
        !copy_z(k->region, sizeof k->region, region) ||
        !copy_z(k->service, sizeof k->service, service) ||
        !copy_z(k->access_key, sizeof k->access_key, cred->access_key_id))
        goto cleanup;
    memcpy(ksecret, "AWS4", 4);
    memcpy(ksecret + 4, cred->secret_access_key.p, cred->secret_access_key.n);
    TAWS_CHK(taws_hmac_sha256(ksecret, 4 + cred->secret_access_key.n, date, 8, a));
    TAWS_CHK(taws_hmac_sha256(a, sizeof a, region.p, region.n, b));
    TAWS_CHK(taws_hmac_sha256(b, sizeof b, service.p, service.n, a));
    TAWS_CHK(taws_hmac_sha256(a, sizeof a, "aws4_request", 12, k->key));
    memcpy(k->date, date, 8);
    k->date[8] = '\0';
    k->valid = 1;
cleanup:
    taws_wipe(ksecret, sizeof ksecret);
    taws_wipe(a, sizeof a);
    taws_wipe(b, sizeof b);
    if (st != TAWS_OK)
        taws_sigv4_key_wipe(k);
    return st;
}

/* ---- signing -------------------------------------------------------------------------- */

static taws_status_t hash_canonical(const taws_sigv4_request_t *req, const unsigned char *order,
                                    taws_sink_t *tap, uint8_t digest[TAWS_SHA256_LEN])
{
    taws_sha256_t h;
    tee_t tee;
    taws_status_t st;

    TAWS_TRY(taws_sha256_start(&h));
    tee.sink.write = tee_write;
    tee.hash = &h; /* cppcheck-suppress unreadVariable ; read through &tee.sink */
    tee.tap = tap; /* cppcheck-suppress unreadVariable */
    TAWS_CHK(taws_sink_view(&tee.sink, req->method));
    TAWS_CHK(taws_sink_put(&tee.sink, "\n", 1));
    TAWS_CHK(write_canonical_uri(&tee.sink, req->path, req->normalize_path));
    TAWS_CHK(taws_sink_put(&tee.sink, "\n", 1));
    TAWS_CHK(write_canonical_query(&tee.sink, req->query, req->n_query));
    TAWS_CHK(taws_sink_put(&tee.sink, "\n", 1));
    TAWS_CHK(write_canonical_headers(&tee.sink, req->headers, order, req->n_headers));
    TAWS_CHK(taws_sink_put(&tee.sink, "\n", 1));
    TAWS_CHK(write_signed_headers(&tee.sink, req->headers, order, req->n_headers));
    TAWS_CHK(taws_sink_put(&tee.sink, "\n", 1));
    TAWS_CHK(taws_sink_view(&tee.sink, req->payload_hash));
    return taws_sha256_finish(&h, digest); /* frees (and zeroizes) the context */
cleanup:
    taws_sha256_abort(&h);
    return st;
}

/* Everything secret this function makes (the signing key when it derives one without a
 * cache, the signature, the caller's result when it passes none) is wiped at cleanup, on
 * every path. */
taws_status_t taws_sigv4_sign(taws_sigv4_key_t *cache, const taws_credentials_t *cred,
                              taws_str_t region, taws_str_t service,
                              const char *amz_date,
                              const taws_sigv4_request_t *req, taws_sink_t *tap, char *auth,
                              size_t auth_cap, taws_sigv4_result_t *res)
{
    unsigned char order[TAWS_SIGV4_MAX_HEADERS];
    uint8_t digest[TAWS_SHA256_LEN], sig[TAWS_SHA256_LEN];
    taws_sigv4_result_t local;
    taws_sigv4_key_t tmp_key; /* used when the caller keeps no cache */
    taws_sigv4_key_t *key;
    taws_memsink_t m;
    char hex[2 * TAWS_SHA256_LEN];
    taws_status_t st = TAWS_ERR_ARG;

    if (res == NULL)
        res = &local;
    memset(&tmp_key, 0, sizeof tmp_key);
    key = cache ? cache : &tmp_key;
    if (cred == NULL || cred->access_key_id.n == 0 || cred->secret_access_key.p == NULL ||
        region.n == 0 || service.n == 0 || req->payload_hash.n != 64 ||
        strlen(amz_date) != TAWS_AMZ_DATE_LEN)
        goto cleanup;
    /* Scope parts are plain names: a NUL or a '/' would make two scopes look alike (in the
     * key cache, which keeps C strings, and in the credential scope itself). */
    if (memchr(region.p, '\0', region.n) || memchr(service.p, '\0', service.n) ||
        memchr(cred->access_key_id.p, '\0', cred->access_key_id.n) || memchr(region.p, '/', region.n) ||
        memchr(service.p, '/', service.n) || memchr(cred->access_key_id.p, '/', cred->access_key_id.n))
        goto cleanup;
    TAWS_CHK(sort_headers(req->headers, req->n_headers, order));
    TAWS_CHK(hash_canonical(req, order, tap, digest));

    /* String to sign: algorithm, date, scope, hex(hash(canonical request)). */
    taws_hex(digest, sizeof digest, hex);
    {
        const taws_str_t sts[] = { TAWS_LIT("AWS4-HMAC-SHA256\n"), { amz_date, TAWS_AMZ_DATE_LEN },
                                   TAWS_LIT("\n"), { amz_date, 8 }, TAWS_LIT("/"), region, TAWS_LIT("/"),
                                   service, TAWS_LIT("/aws4_request\n"), { hex, sizeof hex } };
        taws_memsink_init(&m, res->string_to_sign, sizeof res->string_to_sign);
        TAWS_CHK(taws_sink_putv(&m.sink, sts, sizeof sts / sizeof sts[0]));
        res->sts_len = m.len;
    }

    if (key == &tmp_key || !key_matches(key, amz_date, region, service, cred->access_key_id))
        TAWS_CHK(derive_key(key, cred, amz_date, region, service));
    TAWS_CHK(taws_hmac_sha256(key->key, sizeof key->key, res->string_to_sign, res->sts_len, sig));
    taws_hex(sig, sizeof sig, res->signature);
    res->signature[64] = '\0';

    /* Authorization: AWS4-HMAC-SHA256 Credential=AK/scope, SignedHeaders=..., Signature=... */
    {
        const taws_str_t head[] = { TAWS_LIT("AWS4-HMAC-SHA256 Credential="), cred->access_key_id,
                                    TAWS_LIT("/"), { amz_date, 8 }, TAWS_LIT("/"), region, TAWS_LIT("/"),
                                    service, TAWS_LIT("/aws4_request, SignedHeaders=") };
        const taws_str_t tail[] = { TAWS_LIT(", Signature="), { res->signature, 64 }, { "", 1 } };
        taws_memsink_init(&m, auth, auth_cap);
        TAWS_CHK(taws_sink_putv(&m.sink, head, sizeof head / sizeof head[0]));
        TAWS_CHK(write_signed_headers(&m.sink, req->headers, order, req->n_headers));
        st = taws_sink_putv(&m.sink, tail, sizeof tail / sizeof tail[0]);
    }
cleanup:
    taws_sigv4_key_wipe(&tmp_key);
    taws_wipe(sig, sizeof sig);
    taws_wipe(&local, sizeof local);
    if (st != TAWS_OK && auth != NULL && auth_cap > 0)
        taws_wipe(auth, auth_cap); /* a signature cut short is a signature all the same */
    return st;
}
