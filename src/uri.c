/* SPDX-License-Identifier: MIT */
/* Percent-encoding for SigV4 canonical requests and the wire query string. */
#include "uri.h"

static int unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

static const char hexup[] = "0123456789ABCDEF";

taws_status_t taws_uri_encode(taws_sink_t *out, taws_str_t in, int keep_slash)
{
    size_t i = 0;
    while (i < in.n) {
        /* Pass runs of safe bytes through in one write. */
        size_t j = i;
        while (j < in.n && (unreserved((unsigned char)in.p[j]) || (keep_slash && in.p[j] == '/')))
            j++;
        TAWS_TRY(taws_sink_put(out, in.p + i, j - i));
        if (j < in.n) {
            unsigned char c = (unsigned char)in.p[j];
            char e[3] = { '%', hexup[c >> 4], hexup[c & 15] };
            TAWS_TRY(taws_sink_put(out, e, 3));
            j++;
        }
        i = j;
    }
    return TAWS_OK;
}

size_t taws_uri_encoded_len(taws_str_t in, int keep_slash)
{
    size_t i, n = 0;
    for (i = 0; i < in.n; i++) {
        unsigned char c = (unsigned char)in.p[i];
        n += (unreserved(c) || (keep_slash && c == '/')) ? 1u : 3u;
    }
    return n;
}

/* Cursor over the encoded form of a string, one output byte at a time. */
typedef struct {
    taws_str_t s;
    size_t i;      /* next input byte */
    unsigned part; /* 0: at a fresh byte; 1, 2: hex digits of a pending %XX */
} enc_cursor_t;

static int enc_next(enc_cursor_t *c)
{
    unsigned char b;
    if (c->part != 0) {
        b = (unsigned char)c->s.p[c->i - 1];
        int out = (unsigned char)hexup[c->part == 1 ? (b >> 4) : (b & 15)];
        c->part = c->part == 1 ? 2u : 0u;
        return out;
    }
    if (c->i >= c->s.n)
        return -1;
    b = (unsigned char)c->s.p[c->i++];
    if (unreserved(b))
        return b;
    c->part = 1;
    return '%';
}

int taws_uri_encoded_cmp(taws_str_t a, taws_str_t b)
{
    enc_cursor_t x = { a, 0, 0 }, y = { b, 0, 0 };
    for (;;) {
        int ca = enc_next(&x), cb = enc_next(&y);
        if (ca != cb)
            return ca < cb ? -1 : 1; /* -1 (end) sorts first, as memcmp of a prefix */
        if (ca < 0)
            return 0;
    }
}
