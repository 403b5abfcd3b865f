/* SPDX-License-Identifier: MIT */
/*
 * HTTP/1.1 response push parser (RFC 9112): status line, headers, Content-Length, chunked
 * (extensions and trailers), keep-alive vs close, body until close. One line buffer; the
 * body is never copied. HTTP only: every header line goes to the on_header hook, where the
 * client picks the AWS headers it needs.
 */
#include <string.h>
#include "http.h"

enum {
    S_STATUS,     /* status line */
    S_HEADERS,    /* header lines until an empty one */
    S_BODY_LEN,   /* Content-Length body */
    S_CHUNK_SIZE, /* chunk-size [; ext] line */
    S_CHUNK_DATA,
    S_CHUNK_END,  /* the CRLF after chunk data */
    S_TRAILERS,   /* trailer lines after the last chunk */
    S_BODY_EOF,   /* body delimited by connection close */
    S_DONE
};

void taws_http_response_init(taws_http_response_t *r)
{
    taws_http_header_cb cb = r->on_header;
    void *ctx = r->on_header_ctx;
    memset(r, 0, sizeof *r);
    r->on_header = cb;
    r->on_header_ctx = ctx;
    r->state = S_STATUS;
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int taws_http_name_is(taws_str_t a, const char *z)
{
    size_t i, n = strlen(z);
    if (a.n != n)
        return 0;
    for (i = 0; i < n; i++)
        if (lower(a.p[i]) != z[i])
            return 0;
    return 1;
}

static int is_tchar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static taws_str_t trim(const char *p, size_t n)
{
    taws_str_t s;
    while (n > 0 && (*p == ' ' || *p == '\t')) {
        p++;
        n--;
    }
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    s.p = p;
    s.n = n;
    return s;
}

/* Is token one of the comma-separated elements of a header value? */
static int list_has(taws_str_t v, const char *token)
{
    size_t i = 0;
    while (i <= v.n) {
        size_t j = i;
        while (j < v.n && v.p[j] != ',')
            j++;
        if (taws_http_name_is(trim(v.p + i, j - i), token))
            return 1;
        i = j + 1;
    }
    return 0;
}

static int last_coding_is_chunked(taws_str_t v)
{
    size_t j = v.n;
    while (j > 0 && v.p[j - 1] != ',')
        j--;
    return taws_http_name_is(trim(v.p + j, v.n - j), "chunked");
}

int taws_http_parse_u64(taws_str_t v, uint64_t *out)
{
    uint64_t x = 0;
    size_t i;
    if (v.n == 0 || v.n > 19)
        return 0;
    for (i = 0; i < v.n; i++) {
        if (v.p[i] < '0' || v.p[i] > '9')
            return 0;
        x = x * 10u + (uint64_t)(v.p[i] - '0');
    }
    *out = x;
    return 1;
}

static taws_status_t status_line(taws_http_response_t *r, const char *l, size_t n)
{
    /* HTTP/1.x SP 3DIGIT [SP reason] */
    if (n < 12 || memcmp(l, "HTTP/1.", 7) != 0 || (l[7] != '0' && l[7] != '1') || l[8] != ' ' ||
        l[9] < '1' || l[9] > '5' || l[10] < '0' || l[10] > '9' || l[11] < '0' || l[11] > '9' ||
        (n > 12 && l[12] != ' '))
        return TAWS_ERR_HTTP_SYNTAX;
    r->version_minor = (uint8_t)(l[7] - '0');
    r->status = (uint16_t)((l[9] - '0') * 100 + (l[10] - '0') * 10 + (l[11] - '0'));
    return TAWS_OK;
}

static taws_status_t header_line(taws_http_response_t *r, const char *l, size_t n, int trailer)
{
    size_t c = 0, j;
    taws_str_t name, value;
    while (c < n && l[c] != ':') {
        if (!is_tchar(l[c]))
            return TAWS_ERR_HTTP_SYNTAX; /* also refuses obs-fold and space before ':' */
        c++;
    }
    if (c == 0 || c == n)
        return TAWS_ERR_HTTP_SYNTAX;
    /* field-value is VCHAR, obs-text, SP and HTAB (RFC 9110 5.5): no other control character
     * reaches a caller or a --debug log. (CR and NUL were refused with the line.) */
    for (j = c + 1; j < n; j++)
        if (((unsigned char)l[j] < 0x20 && l[j] != '\t') || l[j] == 0x7f)
            return TAWS_ERR_HTTP_HEADER_CTL;
    name.p = l;
    name.n = c;
    value = trim(l + c + 1, n - c - 1);
    if (r->on_header)
        r->on_header(r->on_header_ctx, name, value);
    if (trailer)
        return TAWS_OK; /* framing headers in trailers are ignored (RFC 9112 7.1.2) */

    if (taws_http_name_is(name, "content-length")) {
        uint64_t cl;
        if (!taws_http_parse_u64(value, &cl) || (r->has_length && cl != r->content_length))
            return TAWS_ERR_HTTP_CONTENT_LENGTH;
        r->content_length = cl;
        r->has_length = 1;
    } else if (taws_http_name_is(name, "transfer-encoding")) {
        if (!last_coding_is_chunked(value))
            return TAWS_ERR_HTTP_SYNTAX; /* we never ask for other codings */
        r->chunked = 1;
    } else if (taws_http_name_is(name, "connection")) {
        r->conn_close |= (uint8_t)list_has(value, "close");
        r->conn_keep_alive |= (uint8_t)list_has(value, "keep-alive");
    }
    return TAWS_OK;
}

/* Decides how the body is delimited once the header block has ended. */
static void start_body(taws_http_response_t *r)
{
    r->headers_done = 1;
    r->keep_alive = (uint8_t)(r->version_minor >= 1 ? !r->conn_close : r->conn_keep_alive);
    if (r->status == 204 || r->status == 304) {
        r->state = S_DONE;
    } else if (r->chunked) {
        r->has_length = 0; /* chunked wins over Content-Length (RFC 9112 6.3) */
        r->state = S_CHUNK_SIZE;
    } else if (r->has_length) {
        r->remaining = r->content_length;
        r->state = r->remaining ? S_BODY_LEN : S_DONE;
    } else {
        r->keep_alive = 0;
        r->state = S_BODY_EOF;
    }
    r->done = r->state == S_DONE;
}

static taws_status_t chunk_size_line(taws_http_response_t *r, const char *l, size_t n)
{
    uint64_t v = 0;
    size_t i = 0, digits = 0;
    while (i < n && ((l[i] >= '0' && l[i] <= '9') || (lower(l[i]) >= 'a' && lower(l[i]) <= 'f'))) {
        char c = lower(l[i]);
        if (digits == 0 && c == '0') {
            i++;
            digits = 1; /* leading zeros do not count towards overflow */
            continue;
        }
        if (v >> 60)
            return TAWS_ERR_HTTP_CHUNK; /* would overflow 64 bits */
        v = v * 16u + (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
        digits++;
        i++;
    }
    if (digits == 0)
        return TAWS_ERR_HTTP_CHUNK;
    while (i < n && (l[i] == ' ' || l[i] == '\t'))
        i++;
    if (i < n && l[i] != ';')
        return TAWS_ERR_HTTP_CHUNK; /* anything but an extension after the size */
    r->remaining = v;
    r->state = v ? S_CHUNK_DATA : S_TRAILERS;
    return TAWS_OK;
}

/* A complete line (CR/LF stripped) in the current line-oriented state. */
static taws_status_t on_line(taws_http_response_t *r, const char *l, size_t n)
{
    if (memchr(l, '\r', n) != NULL)
        return r->state == S_CHUNK_SIZE || r->state == S_CHUNK_END ? TAWS_ERR_HTTP_CHUNK
                                                                   : TAWS_ERR_HTTP_SYNTAX; /* bare CR */
    switch (r->state) {
    case S_STATUS:
        if (n == 0 && !r->blank_seen) {
            /* One empty line before the status line is ignored (RFC 9112 2.2): a server's
             * stray CRLF after the previous body on a kept-alive connection. */
            r->blank_seen = 1;
            return TAWS_OK;
        }
        TAWS_TRY(status_line(r, l, n));
        r->state = S_HEADERS;
        return TAWS_OK;
    case S_HEADERS:
        if (n > 0)
            return header_line(r, l, n, 0);
        if (r->status < 200) { /* 1xx interim response: the real one follows */
            uint16_t lines = r->n_lines;
            taws_http_response_init(r);
            r->n_lines = lines;
            return TAWS_OK;
        }
        start_body(r);
        return TAWS_OK;
    case S_CHUNK_SIZE:
        return chunk_size_line(r, l, n);
    case S_CHUNK_END:
        if (n != 0)
            return TAWS_ERR_HTTP_CHUNK;
        r->state = S_CHUNK_SIZE;
        return TAWS_OK;
    case S_TRAILERS:
        if (n > 0)
            return header_line(r, l, n, 1);
        r->state = S_DONE;
        r->done = 1;
        return TAWS_OK;
    default:
        return TAWS_ERR_STATE;
    }
}

static taws_status_t too_long(const taws_http_response_t *r)
{
    return (r->state == S_CHUNK_SIZE || r->state == S_CHUNK_END) ? TAWS_ERR_HTTP_CHUNK
                                                                 : TAWS_ERR_HTTP_LINE_TOO_LONG;
}

taws_status_t taws_http_response_feed(taws_http_response_t *r, const uint8_t *in, size_t n,
                                      size_t *used, taws_str_t *body)
{
    size_t i = 0;
    *used = 0;
    body->p = NULL;
    body->n = 0;
    while (i < n && r->state != S_DONE) {
        if (r->state == S_BODY_LEN || r->state == S_CHUNK_DATA || r->state == S_BODY_EOF) {
            size_t take = n - i;
            if (r->state != S_BODY_EOF && take > r->remaining)
                take = (size_t)r->remaining;
            body->p = (const char *)in + i;
            body->n = take;
            i += take;
            r->body_bytes += take;
            if (r->state != S_BODY_EOF) {
                r->remaining -= take;
                if (r->remaining == 0) {
                    r->state = r->state == S_BODY_LEN ? S_DONE : S_CHUNK_END;
                    r->done = r->state == S_DONE;
                }
            }
            break; /* hand this piece to the caller before parsing on */
        }
        /* Line-oriented states: gather up to LF. */
        {
            const uint8_t *lf = memchr(in + i, '\n', n - i);
            size_t take = lf ? (size_t)(lf - (in + i)) : n - i;
            size_t room = sizeof r->line - r->line_len, j;
            /* The first bad byte decides, whatever the split: a NUL, or one byte too many. */
            for (j = 0; j < take && j < room; j++)
                if (in[i + j] == '\0')
                    return TAWS_ERR_HTTP_SYNTAX;
            if (take > room)
                return too_long(r);
            memcpy(r->line + r->line_len, in + i, take);
            r->line_len = (uint16_t)(r->line_len + take);
            i += take;
            if (!lf)
                break;
            i++; /* the LF */
            {
                size_t ln = r->line_len;
                if (ln > 0 && r->line[ln - 1] == '\r')
                    ln--;
                r->line_len = 0;
                /* Header and trailer lines are bounded in number; chunk lines are not. */
                if ((r->state == S_STATUS || r->state == S_HEADERS || r->state == S_TRAILERS) &&
                    ++r->n_lines > TAWS_HTTP_MAX_HEADERS + 1)
                    return TAWS_ERR_HTTP_TOO_MANY_HEADERS;
                {
                    uint8_t had_headers = r->headers_done;
                    TAWS_TRY(on_line(r, r->line, ln));
                    if (!had_headers && r->headers_done)
                        break; /* let the caller look at the status before the body */
                }
            }
        }
    }
    *used = i;
    return TAWS_OK;
}

taws_status_t taws_http_response_eof(taws_http_response_t *r)
{
    if (r->state == S_BODY_EOF) {
        r->state = S_DONE;
        r->done = 1;
        return TAWS_OK;
    }
    return r->state == S_DONE ? TAWS_OK : TAWS_ERR_HTTP_TRUNCATED;
}
