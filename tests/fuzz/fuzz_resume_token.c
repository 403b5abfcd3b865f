/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: botocore resume tokens and base64 (src/resume_token.c).
 *
 * Input: [0] flags (bit 0: "NextToken" instead of "nextToken"; bit 1: encode a truncate
 * amount; bit 2: encode a null token), [1] token buffer size (0..191, else 2048),
 * [2..5] truncate amount (big-endian), then the payload, used three ways:
 *   1. as a starting token given to taws_resume_token_decode(): the result is one of the
 *      documented statuses; the same with any scratch of at least the documented 3/4 of
 *      in.n; changed by a bigger tok_buf only from TOO_LONG to something else; equal to a
 *      plain reimplementation of botocore's "<token>___<N>" fallback whenever the input
 *      cannot be base64 JSON; and it re-encodes to a token that decodes back to the same
 *      values;
 *   2. as the service token of taws_resume_token_encode(): the base64 decodes to exactly
 *      what Python's json.dumps() writes (checked against a reference escaper for UTF-8
 *      input), exactly the valid UTF-8 tokens are accepted, and decoding gives back token
 *      and amount;
 *   3. as bytes for taws_base64_encode()/taws_base64_decode(): round trips, exact lengths,
 *      the output cap honoured to the byte, strict alphabet and padding.
 */
#include <string.h>
#include "resume_token.h"
#include "fuzz_util.h"
#include "json_ref.h"

#define HDR 6
#define MAX_IN 4096
#define TOK_BIG 2048
#define ENC_MAX (8 * MAX_IN + 256) /* base64 of json.dumps: 6 bytes per input byte, * 4/3 */

static char scratch[MAX_IN], scratch_big[ENC_MAX];
static char tok_a[TOK_BIG + 64], tok_b[TOK_BIG + 64];
static char enc[ENC_MAX], json[ENC_MAX], ref[ENC_MAX];
static uint8_t bin[ENC_MAX], bin2[ENC_MAX];

typedef struct {
    taws_status_t st;
    size_t len;
    int has;
    uint32_t trunc;
    const char *tok;
} dec_t;

static void decode(taws_str_t in, const char *key, char *scr, size_t scap, char *tok,
                   size_t tcap, dec_t *d)
{
    d->len = 999999;
    d->has = 7;
    d->trunc = 12345;
    d->tok = tok;
    fuzz_fence(scr, scap, scr == scratch ? sizeof scratch : sizeof scratch_big);
    fuzz_fence(tok, tcap, TOK_BIG + 64);
    d->st = taws_resume_token_decode(in, key, scr, scap, tok, tcap, &d->len, &d->has, &d->trunc);
    fuzz_unfence(scr, scr == scratch ? sizeof scratch : sizeof scratch_big);
    fuzz_unfence(tok, TOK_BIG + 64);
    FUZZ_CHECK_STATUS(d->st);
    FUZZ_CHECK(d->st == TAWS_OK || d->st == TAWS_ERR_BAD_TOKEN || d->st == TAWS_ERR_TOO_LONG);
    if (d->st == TAWS_OK) {
        FUZZ_CHECK(d->len <= tcap);
        FUZZ_CHECK(d->has == 0 || d->has == 1);
        if (!d->has)
            FUZZ_CHECK(d->len == 0);
    }
}

static int same_dec(const dec_t *a, const dec_t *b)
{
    if (a->st != b->st)
        return 0;
    if (a->st != TAWS_OK)
        return 1;
    return a->has == b->has && a->trunc == b->trunc && a->len == b->len &&
           memcmp(a->tok, b->tok, a->len) == 0;
}

/* ---- references ------------------------------------------------------------------------ */

static int b64_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/';
}

/* Could taws_base64_decode() accept s at all (alphabet, padding only at the very end)? */
static int maybe_base64(const char *s, size_t n)
{
    size_t i, pad = 0;
    if (n == 0 || n % 4 != 0)
        return 0;
    while (pad < 2 && s[n - 1 - pad] == '=')
        pad++;
    for (i = 0; i < n - pad; i++)
        if (!b64_char(s[i]))
            return 0;
    return 1;
}

/* botocore's fallback for a token that is not base64 JSON, for one input token: split on
 * "___"; exactly two parts with an all-digit, 32-bit second part give (token, amount). */
static void ref_plain(const char *p, size_t n, size_t *end, uint32_t *trunc)
{
    size_t i, j;
    uint64_t v = 0;
    *end = n;
    *trunc = 0;
    for (i = 0; i + 3 <= n && memcmp(p + i, "___", 3) != 0; i++)
        ;
    if (i + 3 > n || i + 3 == n)
        return;
    for (j = i + 3; j < n; j++) {
        if (p[j] < '0' || p[j] > '9')
            return; /* also a second "___" */
        v = v * 10u + (uint64_t)(p[j] - '0');
        if (v > 0xffffffffu)
            return;
    }
    *end = i;
    *trunc = (uint32_t)v;
}

/* Appends what Python's json.dumps (ensure_ascii) writes for the string s: s is valid UTF-8. */
static size_t ref_escape(char *out, size_t o, const char *s, size_t n)
{
    static const char hx[] = "0123456789abcdef";
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, k;
        cp = len == 1 ? c : c & (0x3Fu >> (len - 1));
        for (k = 1; k < len; k++)
            cp = cp << 6 | ((unsigned char)s[i + k] & 0x3Fu);
        i += len;
        if (cp == '"' || cp == '\\') {
            out[o++] = '\\';
            out[o++] = (char)cp;
        } else if (cp == '\n' || cp == '\r' || cp == '\t' || cp == '\b' || cp == '\f') {
            out[o++] = '\\';
            out[o++] = cp == '\n' ? 'n' : cp == '\r' ? 'r' : cp == '\t' ? 't'
                     : cp == '\b' ? 'b' : 'f';
        } else if (cp >= 0x20 && cp < 0x7f) {
            out[o++] = (char)cp;
        } else {
            uint32_t units[2];
            int nu = 1, u;
            units[0] = cp;
            if (cp >= 0x10000) {
                units[0] = 0xD800u + ((cp - 0x10000u) >> 10);
                units[1] = 0xDC00u + ((cp - 0x10000u) & 0x3FFu);
                nu = 2;
            }
            for (u = 0; u < nu; u++) {
                out[o++] = '\\';
                out[o++] = 'u';
                out[o++] = hx[units[u] >> 12 & 15];
                out[o++] = hx[units[u] >> 8 & 15];
                out[o++] = hx[units[u] >> 4 & 15];
                out[o++] = hx[units[u] & 15];
            }
        }
    }
    return o;
}

/* json.dumps({key: token-or-None[, "boto_truncate_amount": N]}) for ASCII key, UTF-8 token. */
static size_t ref_dumps(const char *key, taws_str_t tok, int has_trunc, uint32_t trunc)
{
    size_t o = 0;
    char num[16];
    int k = 0;
    ref[o++] = '{';
    ref[o++] = '"';
    o = ref_escape(ref, o, key, strlen(key));
    memcpy(ref + o, "\": ", 3);
    o += 3;
    if (tok.p == NULL) {
        memcpy(ref + o, "null", 4);
        o += 4;
    } else {
        ref[o++] = '"';
        o = ref_escape(ref, o, tok.p, tok.n);
        ref[o++] = '"';
    }
    if (has_trunc) {
        const char *t = ", \"boto_truncate_amount\": ";
        memcpy(ref + o, t, strlen(t));
        o += strlen(t);
        do {
            num[k++] = (char)('0' + trunc % 10u);
            trunc /= 10u;
        } while (trunc);
        while (k > 0)
            ref[o++] = num[--k];
    }
    ref[o++] = '}';
    return o;
}

/* ---- 3. base64 --------------------------------------------------------------------------- */

static size_t b64_encode(const void *p, size_t n)
{
    taws_memsink_t m;
    size_t i;
    taws_memsink_init(&m, enc, sizeof enc);
    FUZZ_CHECK(taws_base64_encode(&m.sink, p, n) == TAWS_OK);
    FUZZ_CHECK(m.len == (n + 2) / 3 * 4);
    for (i = 0; i < m.len; i++)
        FUZZ_CHECK(b64_char(enc[i]) || (enc[i] == '=' && i + 2 >= m.len));
    return m.len;
}

static void check_base64(const uint8_t *p, size_t n)
{
    size_t e = b64_encode(p, n);
    long r;
    if (n > 0) {
        /* The output cap is honoured to the byte. */
        fuzz_fence(bin, n, sizeof bin);
        r = taws_base64_decode(enc, e, bin, n);
        fuzz_unfence(bin, sizeof bin);
        FUZZ_CHECK(r == (long)n && memcmp(bin, p, n) == 0);
        FUZZ_CHECK(taws_base64_decode(enc, e, bin, n - 1) == -1);
    }
    /* The payload itself as base64 text. */
    fuzz_fence(bin2, n, sizeof bin2);
    r = taws_base64_decode((const char *)p, n, bin2, n);
    fuzz_unfence(bin2, sizeof bin2);
    FUZZ_CHECK(r >= -1);
    if (!maybe_base64((const char *)p, n))
        FUZZ_CHECK(r == -1);
    if (r >= 0) {
        size_t pad = (n >= 1 && p[n - 1] == '=') + (n >= 2 && p[n - 2] == '=');
        size_t e2;
        FUZZ_CHECK(n > 0 && (size_t)r == n / 4 * 3 - pad);
        /* Re-encoding gives the input back, except for non-zero unused bits before '='. */
        e2 = b64_encode(bin2, (size_t)r);
        FUZZ_CHECK(e2 == n);
        if (pad == 0)
            FUZZ_CHECK(memcmp(enc, p, n) == 0);
        else
            FUZZ_CHECK(memcmp(enc, p, n - pad - 1) == 0 &&
                       memcmp(enc + n - pad, p + n - pad, pad) == 0);
    }
}

/* ---- 1 and 2. resume tokens ------------------------------------------------------------- */

static size_t encode(const char *key, taws_str_t tok, int has_trunc, uint32_t trunc,
                     taws_status_t *st)
{
    taws_memsink_t m;
    taws_memsink_init(&m, enc, sizeof enc);
    *st = taws_resume_token_encode(&m.sink, key, tok, has_trunc, trunc);
    FUZZ_CHECK_STATUS(*st);
    FUZZ_CHECK(*st == TAWS_OK || *st == TAWS_ERR_ARG);
    return m.len;
}

/* Encodes (tok, amount), checks the text, decodes it and compares. */
static void round_trip(const char *key, taws_str_t tok, int has_trunc, uint32_t trunc)
{
    taws_status_t st;
    size_t e = encode(key, tok, has_trunc, trunc, &st);
    int utf8 = tok.p == NULL || jr_utf8_valid(tok.p, tok.n);
    long jl;
    dec_t d;
    taws_str_t in;
    /* Exactly the UTF-8 tokens can be written (as Python, which holds text, not bytes). */
    FUZZ_CHECK(st == (utf8 ? TAWS_OK : TAWS_ERR_ARG));
    if (st != TAWS_OK)
        return;
    jl = taws_base64_decode(enc, e, (uint8_t *)json, sizeof json);
    FUZZ_CHECK(jl > 0 && (size_t)e == ((size_t)jl + 2) / 3 * 4);
    if (utf8) {
        size_t rl = ref_dumps(key, tok, has_trunc, trunc);
        if ((size_t)jl != rl || memcmp(json, ref, rl) != 0) {
            fuzz_dump("json.dumps", ref, rl);
            fuzz_dump("tinyaws", json, (size_t)jl);
        }
        FUZZ_CHECK((size_t)jl == rl && memcmp(json, ref, rl) == 0);
    }
    in.p = enc;
    in.n = e;
    decode(in, key, scratch_big, sizeof scratch_big, tok_b, TOK_BIG, &d);
    if (d.st != TAWS_OK || d.has != (tok.p != NULL) || d.trunc != (has_trunc ? trunc : 0) ||
        (d.has && (d.len != tok.n || memcmp(d.tok, tok.p, tok.n) != 0))) {
        fprintf(stderr, "round trip: decode %s, has %d, truncate %u -> %u\n",
                taws_status_name(d.st), d.has, (unsigned)(has_trunc ? trunc : 0),
                (unsigned)d.trunc);
        fuzz_dump("token", tok.p, tok.n);
        fuzz_dump("decoded", d.tok, d.st == TAWS_OK ? d.len : 0);
    }
    FUZZ_CHECK(d.st == TAWS_OK);
    FUZZ_CHECK(d.has == (tok.p != NULL));
    FUZZ_CHECK(d.trunc == (has_trunc ? trunc : 0));
    if (d.has)
        FUZZ_CHECK(d.len == tok.n && memcmp(d.tok, tok.p, tok.n) == 0);
}

static void check_decode(const char *key, const char *p, size_t n, size_t tcap)
{
    taws_str_t in = { p, n };
    size_t scap = n / 4 * 3; /* exactly what the base64 of n bytes can decode to */
    dec_t a, big, roomy;
    long jl;
    decode(in, key, scratch, scap, tok_a, tcap, &a);

    /* More scratch changes nothing; a bigger token buffer only turns TOO_LONG into OK (or
     * into BAD_TOKEN: the token is checked key by key, and a later key may be foreign). */
    decode(in, key, scratch_big, sizeof scratch_big, tok_b, tcap, &roomy);
    FUZZ_CHECK(same_dec(&a, &roomy));
    decode(in, key, scratch_big, sizeof scratch_big, tok_b, TOK_BIG, &big);
    if (a.st == TAWS_ERR_TOO_LONG)
        FUZZ_CHECK(big.st == TAWS_ERR_TOO_LONG || big.st == TAWS_ERR_BAD_TOKEN ||
                   (big.st == TAWS_OK && big.len > tcap));
    else
        FUZZ_CHECK(same_dec(&a, &big));

    /* Input that cannot be base64 JSON is botocore's plain form. */
    jl = maybe_base64(p, n) ? taws_base64_decode(p, n, bin, sizeof bin) : -1;
    if (jl <= 0 || !memchr(bin, '{', (size_t)jl)) {
        size_t end;
        uint32_t trunc;
        ref_plain(p, n, &end, &trunc);
        if (end == 4 && memcmp(p, "None", 4) == 0) {
            FUZZ_CHECK(big.st == TAWS_OK && !big.has && big.trunc == trunc);
        } else if (end > TOK_BIG) {
            FUZZ_CHECK(big.st == TAWS_ERR_TOO_LONG);
        } else {
            FUZZ_CHECK(big.st == TAWS_OK && big.has && big.trunc == trunc && big.len == end &&
                       memcmp(big.tok, p, end) == 0);
        }
    }

    if (big.st == TAWS_OK) {
        taws_str_t tok = { big.has ? tok_a : NULL, big.has ? big.len : 0 };
        memcpy(tok_a, big.tok, big.len); /* round_trip decodes into tok_b */
        round_trip(key, tok, big.trunc != 0, big.trunc);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *key;
    const char *p = (const char *)data + HDR;
    size_t n, tcap;
    uint32_t trunc;
    taws_str_t tok;
    if (size < HDR || size - HDR > MAX_IN)
        return 0;
    n = size - HDR;
    key = (data[0] & 1) ? "NextToken" : "nextToken"; /* the input tokens of taws_ops[] */
    tcap = data[1] < 192 ? data[1] : TOK_BIG;
    trunc = (uint32_t)data[2] << 24 | (uint32_t)data[3] << 16 | (uint32_t)data[4] << 8 | data[5];

    check_decode(key, p, n, tcap);

    if (n <= TOK_BIG) {
        tok.p = (data[0] & 4) ? NULL : p;
        tok.n = tok.p ? n : 0;
        round_trip(key, tok, (data[0] & 2) != 0, trunc);
    }

    check_base64(data + HDR, n);
    return 0;
}
