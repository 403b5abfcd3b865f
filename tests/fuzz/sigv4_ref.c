/* SPDX-License-Identifier: MIT */
/* Reference SigV4 (see sigv4_ref.h). Plain code over static buffers: clarity over speed. */
#include <string.h>
#include <mbedtls/sha256.h>
#include <mbedtls/version.h>
#include "sigv4_ref.h"

#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#define REF_SHA_STARTS mbedtls_sha256_starts
#define REF_SHA_UPDATE mbedtls_sha256_update
#define REF_SHA_FINISH mbedtls_sha256_finish
#else
#define REF_SHA_STARTS mbedtls_sha256_starts_ret
#define REF_SHA_UPDATE mbedtls_sha256_update_ret
#define REF_SHA_FINISH mbedtls_sha256_finish_ret
#endif

#define REF_MAX_KV 64
#define REF_POOL 131072
#define REF_MAX_SEGS 8192

typedef struct {
    char *b;
    size_t cap, len;
    int overflow;
} out_t;

static void put(out_t *o, const void *p, size_t n)
{
    if (o->overflow || n > o->cap - o->len) {
        o->overflow = 1;
        return;
    }
    memcpy(o->b + o->len, p, n);
    o->len += n;
}

static void putc_(out_t *o, char c)
{
    put(o, &c, 1);
}

static void pct(out_t *o, const char *p, size_t n, int keep_slash)
{
    static const char hx[] = "0123456789ABCDEF";
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/')) {
            putc_(o, (char)c);
        } else {
            char e[3] = { '%', hx[c >> 4], hx[c & 15] };
            put(o, e, 3);
        }
    }
}

/* memcmp order, a proper prefix first. */
static int bytes_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c != 0)
        return c;
    return an == bn ? 0 : (an < bn ? -1 : 1);
}

/* ---- canonical URI: botocore's remove_dot_segments() with a stack ----------------------- */

static void canonical_uri(out_t *o, taws_str_t path, int normalize)
{
    static size_t seg_at[REF_MAX_SEGS], seg_len[REF_MAX_SEGS];
    size_t top = 0, i = 0, k;
    if (path.n == 0) {
        putc_(o, '/');
        return;
    }
    if (!normalize) {
        pct(o, path.p, path.n, 1);
        return;
    }
    while (i <= path.n) {
        size_t e = i;
        while (e < path.n && path.p[e] != '/')
            e++;
        if (e - i == 2 && path.p[i] == '.' && path.p[i + 1] == '.') {
            if (top > 0)
                top--;
        } else if (e > i && !(e - i == 1 && path.p[i] == '.')) {
            if (top == REF_MAX_SEGS) {
                o->overflow = 1;
                return;
            }
            seg_at[top] = i;
            seg_len[top] = e - i;
            top++;
        }
        i = e + 1;
    }
    putc_(o, '/'); /* a wire path always starts with '/' */
    for (k = 0; k < top; k++) {
        if (k > 0)
            putc_(o, '/');
        pct(o, path.p + seg_at[k], seg_len[k], 0);
    }
    if (top > 0 && path.p[path.n - 1] == '/')
        putc_(o, '/');
}

/* ---- canonical query: encode everything, then sort the encoded pairs ------------------- */

static char pool[REF_POOL];

typedef struct {
    size_t name_at, name_len, value_at, value_len;
} enc_kv_t;

static void canonical_query(out_t *o, const taws_kv_t *q, size_t n)
{
    static enc_kv_t e[REF_MAX_KV];
    out_t p = { pool, sizeof pool, 0, 0 };
    size_t i, j;
    if (n > REF_MAX_KV) {
        o->overflow = 1;
        return;
    }
    for (i = 0; i < n; i++) {
        e[i].name_at = p.len;
        pct(&p, q[i].name.p, q[i].name.n, 0);
        e[i].name_len = p.len - e[i].name_at;
        e[i].value_at = p.len;
        pct(&p, q[i].value.p, q[i].value.n, 0);
        e[i].value_len = p.len - e[i].value_at;
    }
    if (p.overflow) {
        o->overflow = 1;
        return;
    }
    for (i = 1; i < n; i++) { /* insertion sort by (name, value) */
        enc_kv_t x = e[i];
        for (j = i; j > 0; j--) {
            int c = bytes_cmp(pool + e[j - 1].name_at, e[j - 1].name_len, pool + x.name_at,
                              x.name_len);
            if (c == 0)
                c = bytes_cmp(pool + e[j - 1].value_at, e[j - 1].value_len, pool + x.value_at,
                              x.value_len);
            if (c <= 0)
                break;
            e[j] = e[j - 1];
        }
        e[j] = x;
    }
    for (i = 0; i < n; i++) {
        if (i > 0)
            putc_(o, '&');
        put(o, pool + e[i].name_at, e[i].name_len);
        putc_(o, '=');
        put(o, pool + e[i].value_at, e[i].value_len);
    }
}

/* ---- canonical headers --------------------------------------------------------------- */

static int ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* ' '.join(value.split()) over the same whitespace set as the library. */
static void trimall(out_t *o, taws_str_t v)
{
    size_t i = 0;
    int first = 1;
    while (i < v.n) {
        size_t j;
        while (i < v.n && ws(v.p[i]))
            i++;
        if (i == v.n)
            break;
        j = i;
        while (j < v.n && !ws(v.p[j]))
            j++;
        if (!first)
            putc_(o, ' ');
        put(o, v.p + i, j - i);
        first = 0;
        i = j;
    }
}

static void headers(out_t *o, out_t *sh, const taws_kv_t *h, size_t n)
{
    static size_t order[REF_MAX_KV], low_at[REF_MAX_KV];
    out_t p = { pool, sizeof pool, 0, 0 };
    size_t i, j;
    if (n > REF_MAX_KV) {
        o->overflow = 1;
        return;
    }
    for (i = 0; i < n; i++) { /* lower-cased names, materialised */
        size_t k;
        low_at[i] = p.len;
        for (k = 0; k < h[i].name.n; k++) {
            char c = h[i].name.p[k];
            putc_(&p, (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c);
        }
    }
    if (p.overflow) {
        o->overflow = 1;
        return;
    }
    for (i = 0; i < n; i++) { /* stable insertion sort of indices by lower-cased name */
        size_t x = i;
        for (j = i; j > 0; j--) {
            size_t y = order[j - 1];
            if (bytes_cmp(pool + low_at[y], h[y].name.n, pool + low_at[x], h[x].name.n) <= 0)
                break;
            order[j] = y;
        }
        order[j] = x;
    }
    for (i = 0; i < n; i++) {
        size_t x = order[i];
        int same = i > 0 && h[order[i - 1]].name.n == h[x].name.n &&
                   memcmp(pool + low_at[order[i - 1]], pool + low_at[x], h[x].name.n) == 0;
        if (same) {
            putc_(o, ',');
        } else {
            if (i > 0) {
                putc_(o, '\n');
                putc_(sh, ';');
            }
            put(o, pool + low_at[x], h[x].name.n);
            putc_(o, ':');
            put(sh, pool + low_at[x], h[x].name.n);
        }
        trimall(o, h[x].value);
    }
}

size_t ref_canonical(const ref_req_t *r, char *out, size_t cap, char *sh, size_t sh_cap,
                     size_t *sh_len, char *cq, size_t cq_cap, size_t *cq_len)
{
    out_t o = { out, cap, 0, 0 }, s = { sh, sh_cap, 0, 0 }, q = { cq, cq_cap, 0, 0 };
    size_t q_at;
    put(&o, r->method.p, r->method.n);
    putc_(&o, '\n');
    canonical_uri(&o, r->path, r->normalize_path);
    putc_(&o, '\n');
    q_at = o.len;
    canonical_query(&o, r->query, r->n_query);
    if (!o.overflow)
        put(&q, out + q_at, o.len - q_at);
    putc_(&o, '\n');
    headers(&o, &s, r->headers, r->n_headers);
    putc_(&o, '\n'); /* the canonical headers end with a newline... */
    putc_(&o, '\n'); /* ...and are followed by one */
    put(&o, sh, s.len);
    putc_(&o, '\n');
    put(&o, r->payload_hash.p, r->payload_hash.n);
    *sh_len = s.len;
    *cq_len = q.len;
    return o.overflow || s.overflow || q.overflow ? (size_t)-1 : o.len;
}

/* ---- signing --------------------------------------------------------------------------- */

static void sha256(const void *a, size_t an, const void *b, size_t bn, uint8_t out[32])
{
    mbedtls_sha256_context c;
    mbedtls_sha256_init(&c);
    REF_SHA_STARTS(&c, 0);
    REF_SHA_UPDATE(&c, a, an);
    REF_SHA_UPDATE(&c, b, bn);
    REF_SHA_FINISH(&c, out);
    mbedtls_sha256_free(&c);
}

/* RFC 2104 over SHA-256. */
static void hmac(const uint8_t *key, size_t kn, const void *msg, size_t mn, uint8_t out[32])
{
    uint8_t k[64], pad[64], inner[32];
    size_t i;
    memset(k, 0, sizeof k);
    if (kn > 64)
        sha256(key, kn, "", 0, k);
    else
        memcpy(k, key, kn);
    for (i = 0; i < 64; i++)
        pad[i] = (uint8_t)(k[i] ^ 0x36);
    sha256(pad, 64, msg, mn, inner);
    for (i = 0; i < 64; i++)
        pad[i] = (uint8_t)(k[i] ^ 0x5c);
    sha256(pad, 64, inner, 32, out);
}

static void hex(const uint8_t *p, size_t n, char *out)
{
    static const char hx[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = hx[p[i] >> 4];
        out[2 * i + 1] = hx[p[i] & 15];
    }
}

size_t ref_sign(const char *canonical, size_t len, taws_str_t secret, const char *amz_date,
                taws_str_t region, taws_str_t service, char *sts, size_t sts_cap,
                char signature[65])
{
    static uint8_t kbuf[4 + 4096];
    uint8_t a[32], b[32], digest[32];
    out_t o = { sts, sts_cap, 0, 0 };
    char h[64];

    sha256(canonical, len, "", 0, digest);
    hex(digest, 32, h);
    put(&o, "AWS4-HMAC-SHA256\n", 17);
    put(&o, amz_date, strlen(amz_date));
    putc_(&o, '\n');
    put(&o, amz_date, 8);
    putc_(&o, '/');
    put(&o, region.p, region.n);
    putc_(&o, '/');
    put(&o, service.p, service.n);
    put(&o, "/aws4_request\n", 14);
    put(&o, h, 64);
    if (o.overflow || secret.n > sizeof kbuf - 4)
        return (size_t)-1;

    memcpy(kbuf, "AWS4", 4);
    memcpy(kbuf + 4, secret.p, secret.n);
    hmac(kbuf, 4 + secret.n, amz_date, 8, a);
    hmac(a, 32, region.p, region.n, b);
    hmac(b, 32, service.p, service.n, a);
    hmac(a, 32, "aws4_request", 12, b);
    hmac(b, 32, sts, o.len, a);
    hex(a, 32, signature);
    signature[64] = '\0';
    return o.len;
}
