/* SPDX-License-Identifier: MIT */
/* botocore-compatible resume tokens: base64 of a small JSON object. */
#include <string.h>
#include "json.h"
#include "json_tok.h"
#include "resume_token.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

taws_status_t taws_base64_encode(taws_sink_t *out, const void *p, size_t n)
{
    const uint8_t *s = p;
    size_t i;
    for (i = 0; i + 2 < n; i += 3) {
        char q[4] = { b64[s[i] >> 2], b64[((s[i] & 3) << 4) | (s[i + 1] >> 4)],
                      b64[((s[i + 1] & 15) << 2) | (s[i + 2] >> 6)], b64[s[i + 2] & 63] };
        TAWS_TRY(taws_sink_put(out, q, 4));
    }
    if (n - i == 1) {
        char q[4] = { b64[s[i] >> 2], b64[(s[i] & 3) << 4], '=', '=' };
        TAWS_TRY(taws_sink_put(out, q, 4));
    } else if (n - i == 2) {
        char q[4] = { b64[s[i] >> 2], b64[((s[i] & 3) << 4) | (s[i + 1] >> 4)],
                      b64[(s[i + 1] & 15) << 2], '=' };
        TAWS_TRY(taws_sink_put(out, q, 4));
    }
    return TAWS_OK;
}

static int b64val(char c)
{
    const char *p = c ? strchr(b64, c) : NULL;
    return p ? (int)(p - b64) : -1;
}

long taws_base64_decode(const char *in, size_t n, uint8_t *out, size_t cap)
{
    size_t i, o = 0;
    if (n == 0 || n % 4 != 0)
        return -1;
    for (i = 0; i < n; i += 4) {
        int a = b64val(in[i]), b = b64val(in[i + 1]), c, d;
        int last = i + 4 == n;
        int pad2 = last && in[i + 2] == '=' && in[i + 3] == '=';
        int pad1 = last && !pad2 && in[i + 3] == '=';
        c = pad2 ? 0 : b64val(in[i + 2]);
        d = (pad1 || pad2) ? 0 : b64val(in[i + 3]);
        if (a < 0 || b < 0 || c < 0 || d < 0)
            return -1;
        if (o + 3 - (size_t)pad1 - 2u * (size_t)pad2 > cap)
            return -1;
        out[o++] = (uint8_t)(a << 2 | b >> 4);
        if (!pad2)
            out[o++] = (uint8_t)((b & 15) << 4 | c >> 2);
        if (!pad1 && !pad2)
            out[o++] = (uint8_t)((c & 3) << 6 | d);
    }
    return (long)o;
}

/* Base64 encoding as a sink: buffers up to 2 bytes between writes. */
typedef struct {
    taws_sink_t sink;
    taws_sink_t *out;
    uint8_t pend[3];
    size_t npend;
} b64_sink_t;

static taws_status_t b64_write(taws_sink_t *s, const void *p, size_t n)
{
    b64_sink_t *b = (b64_sink_t *)s;
    const uint8_t *d = p;
    while (n > 0) {
        b->pend[b->npend++] = *d++;
        n--;
        if (b->npend == 3) {
            TAWS_TRY(taws_base64_encode(b->out, b->pend, 3));
            b->npend = 0;
        }
    }
    return TAWS_OK;
}

taws_status_t taws_resume_token_encode(taws_sink_t *out, const char *input_token, taws_str_t token,
                                       int has_truncate, uint32_t truncate)
{
    /* Byte-for-byte what Python's json.dumps writes: ", " and ": " separators, ASCII only. */
    b64_sink_t b;
    taws_str_t key = { input_token, strlen(input_token) };
    b.sink.write = b64_write;
    b.out = out; /* cppcheck-suppress unreadVariable ; read through &b.sink */
    b.npend = 0;
    TAWS_TRY(taws_sink_put(&b.sink, "{\"", 2));
    TAWS_TRY(taws_json_escape(&b.sink, key, 1));
    TAWS_TRY(taws_sink_put(&b.sink, "\": ", 3));
    if (token.p == NULL) {
        TAWS_TRY(taws_sink_put(&b.sink, "null", 4));
    } else {
        TAWS_TRY(taws_sink_put(&b.sink, "\"", 1));
        TAWS_TRY(taws_json_escape(&b.sink, token, 1));
        TAWS_TRY(taws_sink_put(&b.sink, "\"", 1));
    }
    if (has_truncate) {
        TAWS_TRY(taws_sink_str(&b.sink, ", \"boto_truncate_amount\": "));
        TAWS_TRY(taws_sink_u64(&b.sink, truncate));
    }
    TAWS_TRY(taws_sink_put(&b.sink, "}", 1));
    return taws_base64_encode(out, b.pend, b.npend);
}

static int tok_eq(const char *js, const jsmntok_t *t, const char *z)
{
    size_t n = strlen(z);
    return (size_t)(t->end - t->start) == n && memcmp(js + t->start, z, n) == 0;
}

/* Standard base64 with padding only at the end? (Without decoding it.) */
static int base64_valid(taws_str_t in)
{
    size_t i, pad = 0;
    if (in.n == 0 || in.n % 4 != 0)
        return 0;
    while (pad < 2 && in.p[in.n - 1 - pad] == '=')
        pad++;
    for (i = 0; i < in.n - pad; i++)
        if (b64val(in.p[i]) < 0)
            return 0;
    return 1;
}

/* botocore's fallback for tokens that are not base64 JSON: "<token>" or "<token>___<N>". */
static taws_status_t decode_plain(taws_str_t in, char *tok_buf, size_t tok_cap, size_t *tok_len,
                                  int *has_token, uint32_t *truncate)
{
    size_t i, end = in.n;
    *truncate = 0;
    for (i = 0; i + 3 <= in.n; i++) {
        if (memcmp(in.p + i, "___", 3) == 0) {
            size_t j = i + 3;
            uint64_t v = 0;
            if (j == in.n || memchr(in.p + j, '_', in.n - j) != NULL)
                break; /* not exactly one "___N" part: the whole string is the token */
            for (; j < in.n && in.p[j] >= '0' && in.p[j] <= '9' && v < 0xffffffffu; j++)
                v = v * 10u + (uint64_t)(in.p[j] - '0');
            if (j == in.n && v <= 0xffffffffu) {
                end = i;
                *truncate = (uint32_t)v;
            }
            break;
        }
    }
    if (end == 4 && memcmp(in.p, "None", 4) == 0) {
        *has_token = 0;
        *tok_len = 0;
        return TAWS_OK;
    }
    if (end > tok_cap)
        return TAWS_ERR_TOO_LONG;
    memcpy(tok_buf, in.p, end);
    *tok_len = end;
    *has_token = 1;
    return TAWS_OK;
}

taws_status_t taws_resume_token_decode(taws_str_t in, const char *input_token, char *scratch,
                                       size_t scratch_cap, char *tok_buf, size_t tok_cap,
                                       size_t *tok_len, int *has_token, uint32_t *truncate)
{
    jsmntok_t t[8]; /* {"<input token>": ..., "boto_truncate_amount": N} and no more */
    long n = taws_base64_decode(in.p, in.n, (uint8_t *)scratch, scratch_cap);
    int nt, i, seen_token = 0;

    *has_token = 0;
    *tok_len = 0;
    *truncate = 0;
    if (n < 0 && in.n / 4 * 3 > scratch_cap && base64_valid(in))
        return TAWS_ERR_TOO_LONG; /* base64 that does not fit: never mistake it for a plain token */
    if (n <= 0)
        return decode_plain(in, tok_buf, tok_cap, tok_len, has_token, truncate);
    nt = taws_json_tokenize(scratch, (size_t)n, t, 8);
    if (nt < 1 || t[0].type != JSMN_OBJECT || t[0].end != n)
        return decode_plain(in, tok_buf, tok_cap, tok_len, has_token, truncate);
    for (i = 1; i + 1 < nt; i += 2) {
        const jsmntok_t *k = &t[i], *v = &t[i + 1];
        if (k->type != JSMN_STRING)
            return TAWS_ERR_BAD_TOKEN;
        if (tok_eq(scratch, k, input_token)) {
            seen_token = 1;
            if (v->type == JSMN_STRING) {
                long w = taws_json_unescape_inplace(scratch + v->start, (size_t)(v->end - v->start));
                if (w < 0)
                    return TAWS_ERR_BAD_TOKEN;
                if ((size_t)w > tok_cap)
                    return TAWS_ERR_TOO_LONG;
                memcpy(tok_buf, scratch + v->start, (size_t)w);
                *tok_len = (size_t)w;
                *has_token = 1;
            } else if (!tok_eq(scratch, v, "null")) {
                return TAWS_ERR_BAD_TOKEN;
            }
        } else if (tok_eq(scratch, k, "boto_truncate_amount")) {
            uint64_t a = 0;
            int j;
            if (v->type != JSMN_PRIMITIVE || v->end == v->start || v->end - v->start > 10)
                return TAWS_ERR_BAD_TOKEN;
            for (j = v->start; j < v->end; j++) {
                if (scratch[j] < '0' || scratch[j] > '9')
                    return TAWS_ERR_BAD_TOKEN;
                a = a * 10u + (uint64_t)(scratch[j] - '0');
            }
            if (a > 0xffffffffu)
                return TAWS_ERR_BAD_TOKEN;
            *truncate = (uint32_t)a;
        } else {
            return TAWS_ERR_BAD_TOKEN; /* a key that is neither ours nor botocore's */
        }
    }
    return seen_token ? TAWS_OK : TAWS_ERR_BAD_TOKEN;
}
