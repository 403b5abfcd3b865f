/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: the HTTP/1.1 response push parser (src/http_response.c).
 *
 * Input: byte 0 picks how the second run splits the stream (byte by byte, fixed pieces of
 * 2 + [1] % 16 bytes, or random pieces of up to 1 + [1] % 64 seeded by [1..2]); the rest is
 * the response. It is parsed twice, whole and split, and everything observable must agree:
 * status, framing flags, headers seen, error, bytes consumed and the body bytes.
 * Each run also checks the feed contract on every call (used <= n; progress unless done;
 * body views non-empty and inside the bytes consumed; body_bytes == bytes handed out) and,
 * once done, the body against the input: without chunking exactly the bytes after the header
 * block, with chunking what a small reference de-chunker finds there; header lines reach
 * on_header as a valid field name and a trimmed value without control characters but HTAB.
 */
#include <string.h>
#include "http.h"
#include "fuzz_util.h"

#define MAX_INPUT 65536

typedef struct {
    taws_status_t st;      /* first error, or the eof() result, or TAWS_OK if done */
    size_t consumed;       /* bytes of the stream consumed when parsing stopped */
    int errored;
    uint16_t status;
    uint8_t headers_done, done, chunked, has_length, keep_alive;
    uint64_t content_length, body_bytes;
    uint32_t header_hash;  /* FNV-1a of every "name:value\n" handed to on_header, in order */
    size_t body_len;       /* bytes in body[] */
    size_t hdr_end;        /* stream offset just past the final header block */
    size_t headers;        /* header lines seen by on_header */
} run_t;

static uint8_t body_whole[MAX_INPUT], body_split[MAX_INPUT];

/* Header lines are views into the parser's line buffer: a valid field-name, a trimmed value. */
static void on_header(void *ctx, taws_str_t name, taws_str_t value)
{
    run_t *run = ctx;
    size_t i;
    FUZZ_CHECK(name.p != NULL && name.n > 0 && name.n < TAWS_HTTP_LINE_MAX);
    FUZZ_CHECK(value.p != NULL && value.n < TAWS_HTTP_LINE_MAX);
    for (i = 0; i < name.n; i++)
        FUZZ_CHECK(name.p[i] > 0x20 && name.p[i] < 0x7f && name.p[i] != ':');
    /* No control character but HTAB (RFC 9110 5.5) reaches the observer. */
    for (i = 0; i < value.n; i++)
        FUZZ_CHECK(((unsigned char)value.p[i] >= 0x20 || value.p[i] == '\t') && value.p[i] != 0x7f);
    if (value.n > 0) {
        FUZZ_CHECK(value.p[0] != ' ' && value.p[0] != '\t');
        FUZZ_CHECK(value.p[value.n - 1] != ' ' && value.p[value.n - 1] != '\t');
    }
    /* The value follows the name and its ':' within one line. */
    FUZZ_CHECK(value.p > name.p + name.n);
    run->headers++;
    /* What the hook sees (the client's AWS headers come from it) is the same for every split. */
    for (i = 0; i < name.n + 1 + value.n + 1; i++) {
        unsigned char ch = i < name.n ? (unsigned char)name.p[i] : i == name.n ? ':'
                         : i < name.n + 1 + value.n ? (unsigned char)value.p[i - name.n - 1] : '\n';
        run->header_hash = (run->header_hash ^ ch) * 16777619u;
    }
}

/* One line at s[*i]: its length without the LF and one CR before it; -1 if no LF. */
static long ref_line(const uint8_t *s, size_t n, size_t *i)
{
    const uint8_t *lf = memchr(s + *i, '\n', n - *i);
    size_t len;
    if (lf == NULL)
        return -1;
    len = (size_t)(lf - (s + *i));
    *i += len + 1;
    return (long)(len > 0 && lf[-1] == '\r' ? len - 1 : len);
}

/* Reference de-chunking of s[0..n) (chunk sizes and framing only; the parser under test has
 * already judged the syntax). Returns 1 if the last chunk and the trailers end exactly at n
 * and the data equals want[0..want_len). */
static int ref_dechunk(const uint8_t *s, size_t n, const uint8_t *want, size_t want_len)
{
    size_t i = 0, got = 0;
    for (;;) {
        size_t at = i, k;
        uint64_t size = 0;
        long len = ref_line(s, n, &i);
        if (len < 0)
            return 0;
        for (k = at; k < at + (size_t)len; k++) {
            int h = s[k] >= '0' && s[k] <= '9' ? s[k] - '0'
                  : (s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'f' ? (s[k] | 0x20) - 'a' + 10 : -1;
            if (h < 0)
                break;
            if (size > (UINT64_MAX >> 4))
                return 0;
            size = size << 4 | (uint64_t)h;
        }
        if (size == 0)
            break;
        if (size > n - i || got + size > want_len || memcmp(s + i, want + got, (size_t)size) != 0)
            return 0;
        got += (size_t)size;
        i += (size_t)size;
        if (ref_line(s, n, &i) != 0)
            return 0;
    }
    for (;;) { /* trailers up to an empty line */
        long len = ref_line(s, n, &i);
        if (len < 0)
            return 0;
        if (len == 0)
            break;
    }
    return i == n && got == want_len;
}

static void parse(const uint8_t *data, size_t size, fuzz_split_t *sp, run_t *run, uint8_t *body)
{
    taws_http_response_t r;
    size_t off = 0;
    int64_t last_end = -1; /* stream offset just past the previous body piece */

    memset(run, 0, sizeof *run);
    run->header_hash = 2166136261u;
    r.on_header = on_header;
    r.on_header_ctx = run;
    taws_http_response_init(&r);
    FUZZ_CHECK(r.on_header == on_header && r.on_header_ctx == run && !r.done && !r.headers_done);

    while (off < size && !r.done && !run->errored) {
        size_t piece = fuzz_split_next(sp, size - off), poff = 0;
        const uint8_t *p = data + off;
        while (poff < piece) {
            size_t used = 12345;
            taws_str_t b = { (const char *)1, 777 };
            uint8_t was_headers_done = r.headers_done;
            taws_status_t st = taws_http_response_feed(&r, p + poff, piece - poff, &used, &b);
            FUZZ_CHECK_STATUS(st);
            if (st != TAWS_OK) {
                FUZZ_CHECK(st == TAWS_ERR_HTTP_SYNTAX || st == TAWS_ERR_HTTP_LINE_TOO_LONG ||
                           st == TAWS_ERR_HTTP_TOO_MANY_HEADERS ||
                           st == TAWS_ERR_HTTP_CONTENT_LENGTH || st == TAWS_ERR_HTTP_CHUNK ||
                           st == TAWS_ERR_HTTP_HEADER_CTL);
                run->st = st;
                run->errored = 1;
                break;
            }
            FUZZ_CHECK(used <= piece - poff);
            if (!was_headers_done && r.headers_done) {
                /* The call that completes the header block stops right there. */
                FUZZ_CHECK(b.p == NULL);
                run->hdr_end = off + poff + used;
            }
            if (b.p != NULL) {
                size_t at = off + poff + (size_t)(b.p - (const char *)(p + poff));
                /* A body piece is a non-empty view inside what this call consumed. */
                FUZZ_CHECK(b.n > 0);
                FUZZ_CHECK(fuzz_inside(b.p, b.n, p + poff, used));
                FUZZ_CHECK(r.headers_done);
                FUZZ_CHECK(run->body_len + b.n <= MAX_INPUT);
                memcpy(body + run->body_len, b.p, b.n);
                run->body_len += b.n;
                /* Body pieces never overlap and move forward; without chunking (a length or
                 * read-until-close) they are one contiguous run of the input. */
                FUZZ_CHECK((int64_t)at >= last_end && at >= run->hdr_end);
                if (!r.chunked)
                    FUZZ_CHECK(at == (last_end >= 0 ? (size_t)last_end : run->hdr_end));
                last_end = (int64_t)(at + b.n);
            } else {
                FUZZ_CHECK(b.n == 0);
            }
            FUZZ_CHECK(r.body_bytes == run->body_len);
            /* Progress: a call that consumed nothing must have had a reason to stop. */
            if (used == 0)
                FUZZ_CHECK(r.done);
            /* headers_done never goes back to 0 (1xx responses reset before it is set). */
            FUZZ_CHECK(!was_headers_done || r.headers_done);
            if (r.headers_done)
                FUZZ_CHECK(r.status >= 200 && r.status <= 599);
            if (r.done)
                FUZZ_CHECK(r.headers_done);
            poff += used;
            if (r.done)
                break; /* the rest would belong to the next response */
        }
        off += poff;
    }
    run->consumed = off;
    if (!run->errored) {
        if (r.done) {
            run->st = TAWS_OK;
            FUZZ_CHECK(taws_http_response_eof(&r) == TAWS_OK); /* done stays done */
        } else {
            run->st = taws_http_response_eof(&r);
            FUZZ_CHECK_STATUS(run->st);
            FUZZ_CHECK(run->st == TAWS_OK || run->st == TAWS_ERR_HTTP_TRUNCATED);
            /* Only a body delimited by the close completes at EOF. */
            if (run->st == TAWS_OK)
                FUZZ_CHECK(r.done && r.headers_done && !r.chunked && !r.has_length &&
                           !r.keep_alive);
        }
    }
    if (r.done && !run->errored) {
        if (r.has_length && !r.chunked && r.status != 204 && r.status != 304)
            FUZZ_CHECK(r.body_bytes == r.content_length);
        /* The body is the input after the header block: as is, or de-chunked. */
        if (r.status == 204 || r.status == 304)
            FUZZ_CHECK(run->body_len == 0 && off == run->hdr_end); /* never a body */
        else if (r.chunked)
            FUZZ_CHECK(ref_dechunk(data + run->hdr_end, off - run->hdr_end, body, run->body_len));
        else
            FUZZ_CHECK(run->hdr_end + run->body_len == off &&
                       memcmp(data + run->hdr_end, body, run->body_len) == 0);
        if (r.status == 204 || r.status == 304)
            FUZZ_CHECK(r.body_bytes == 0);
    }
    /* A connection can only be reused when the body's end is known from the message. */
    if (r.headers_done && r.keep_alive)
        FUZZ_CHECK(r.chunked || r.has_length || r.status == 204 || r.status == 304);

    run->status = r.status;
    run->headers_done = r.headers_done;
    run->done = r.done;
    run->chunked = r.chunked;
    run->has_length = r.has_length;
    run->keep_alive = r.keep_alive;
    run->content_length = r.content_length;
    run->body_bytes = r.body_bytes;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static run_t whole, split;
    fuzz_split_t sp;
    int mode;
    if (size < 3 || size - 3 > MAX_INPUT)
        return 0;
    mode = data[0] % 3; /* byte by byte, fixed pieces, random pieces */

    fuzz_split_init(&sp, FUZZ_WHOLE, 0, 0);
    parse(data + 3, size - 3, &sp, &whole, body_whole);

    if (mode == 0)
        fuzz_split_init(&sp, FUZZ_BYTES, 1, 0);
    else if (mode == 1)
        fuzz_split_init(&sp, FUZZ_FIXED, 2 + data[1] % 16, 0);
    else
        fuzz_split_init(&sp, FUZZ_RANDOM, 1 + data[1] % 64, (uint32_t)data[1] << 8 | data[2]);
    parse(data + 3, size - 3, &sp, &split, body_split);

    /* Differential: how the bytes arrive must not change anything. */
    if (whole.st != split.st)
        fprintf(stderr, "whole: %s, split: %s\n", taws_status_name(whole.st),
                taws_status_name(split.st));
    FUZZ_CHECK(whole.errored == split.errored);
    FUZZ_CHECK(whole.st == split.st);
    FUZZ_CHECK(whole.status == split.status);
    FUZZ_CHECK(whole.headers_done == split.headers_done);
    FUZZ_CHECK(whole.done == split.done);
    FUZZ_CHECK(whole.chunked == split.chunked);
    FUZZ_CHECK(whole.has_length == split.has_length);
    FUZZ_CHECK(whole.keep_alive == split.keep_alive);
    FUZZ_CHECK(whole.content_length == split.content_length);
    FUZZ_CHECK(whole.body_bytes == split.body_bytes);
    FUZZ_CHECK(whole.headers == split.headers);
    FUZZ_CHECK(whole.header_hash == split.header_hash);
    if (!whole.errored)
        FUZZ_CHECK(whole.consumed == split.consumed);
    FUZZ_CHECK(whole.body_len == split.body_len);
    FUZZ_CHECK(memcmp(body_whole, body_split, whole.body_len) == 0);
    return 0;
}
