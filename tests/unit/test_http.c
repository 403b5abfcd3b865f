/* SPDX-License-Identifier: MIT */
/* HTTP/1.1 response parser: framing, splits at every byte, limits and distinct errors. */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "http.h"

typedef struct {
    char body[8192];
    size_t body_len;
    size_t used_total;
} collected_t;

/* Feeds `in` in pieces: split 0 = all at once, 1 = byte by byte, 2 = random sizes. Stops at
 * done; at the end of input with eof set, signals a close. */
static taws_status_t feed_all(taws_http_response_t *r, const char *in, size_t n, int split,
                              int eof, collected_t *c)
{
    size_t pos = 0;
    memset(c, 0, sizeof *c);
    while (!r->done) {
        size_t piece, off = 0;
        if (pos >= n)
            return eof ? taws_http_response_eof(r) : TAWS_OK;
        piece = split == 0 ? n - pos : split == 1 ? 1 : 1 + (size_t)(check_rand() % 23);
        if (piece > n - pos)
            piece = n - pos;
        while (off < piece && !r->done) {
            size_t used;
            taws_str_t body;
            taws_status_t st =
                taws_http_response_feed(r, (const uint8_t *)in + pos + off, piece - off, &used, &body);
            if (st != TAWS_OK)
                return st;
            if (body.n) {
                if (body.p < in + pos + off || body.p + body.n > in + pos + piece)
                    return TAWS_ERR_STATE; /* body views must point into the input */
                memcpy(c->body + c->body_len, body.p, body.n);
                c->body_len += body.n;
            }
            if (used == 0 && !r->done)
                return TAWS_ERR_STATE; /* no progress: would hang */
            off += used;
        }
        pos += off;
    }
    c->used_total = pos;
    return TAWS_OK;
}

/* Every header line the parser hands to on_header, as "name: value\n". */
typedef struct {
    char text[1024];
    size_t len;
} header_log_t;

static void log_header(void *ctx, taws_str_t name, taws_str_t value)
{
    header_log_t *h = ctx;
    if (h->len + name.n + value.n + 3 > sizeof h->text)
        return;
    memcpy(h->text + h->len, name.p, name.n);
    h->len += name.n;
    memcpy(h->text + h->len, ": ", 2);
    h->len += 2;
    memcpy(h->text + h->len, value.p, value.n);
    h->len += value.n;
    h->text[h->len++] = '\n';
}

static const char chunked_resp[] =
    "HTTP/1.1 200 OK\r\n"
    "x-amzn-RequestId: 1234\r\n"
    "Content-Type: application/json\r\n"
    "Transfer-Encoding: chunked\r\n"
    "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
    "\r\n"
    "5;name=value\r\n{\"a\":\r\n"
    "1\r\n1\r\n"
    "0000000A ; x=\"y;z\"\r\n,\"b\":[1,2]\r\n"
    "1\r\n}\r\n"
    "0\r\n"
    "X-Trailer: yes\r\n"
    "\r\n";

static void test_chunked_every_split(void)
{
    int split, round;
    for (split = 0; split < 3; split++) {
        for (round = 0; round < (split == 2 ? 50 : 1); round++) {
            static const char want[] = "x-amzn-RequestId: 1234\nContent-Type: application/json\n"
                                       "Transfer-Encoding: chunked\nDate: Sun, 06 Nov 1994 08:49:37 GMT\n"
                                       "X-Trailer: yes\n";
            taws_http_response_t r;
            collected_t c;
            header_log_t h;
            memset(&r, 0, sizeof r);
            memset(&h, 0, sizeof h);
            r.on_header = log_header;
            r.on_header_ctx = &h;
            taws_http_response_init(&r);
            CHECK_ST(feed_all(&r, chunked_resp, sizeof chunked_resp - 1, split, 0, &c), TAWS_OK);
            CHECK(r.done);
            CHECK_INT(r.status, 200);
            CHECK(r.chunked);
            CHECK(r.keep_alive);
            /* Every header and the trailer reach the hook, as sent: the Date is the client's. */
            CHECK_MEM(h.text, h.len, want, sizeof want - 1);
            CHECK_MEM(c.body, c.body_len, "{\"a\":1,\"b\":[1,2]}", 17);
            CHECK_INT(c.used_total, sizeof chunked_resp - 1);
        }
    }
}

static void test_content_length_and_pipelining(void)
{
    static const char two[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
                              "HTTP/1.1 404 Not Found\r\ncontent-length:0\r\n\r\n";
    taws_http_response_t r;
    collected_t c;
    size_t first;
    memset(&r, 0, sizeof r);
    taws_http_response_init(&r);
    CHECK_ST(feed_all(&r, two, sizeof two - 1, 0, 0, &c), TAWS_OK);
    CHECK(r.done);
    CHECK_MEM(c.body, c.body_len, "hello", 5);
    first = c.used_total;
    CHECK_INT(first, 43); /* stopped exactly at the end of the first message */
    taws_http_response_init(&r);
    CHECK_ST(feed_all(&r, two + first, sizeof two - 1 - first, 1, 0, &c), TAWS_OK);
    CHECK(r.done);
    CHECK_INT(r.status, 404);
    CHECK_INT(c.body_len, 0);
}

static void test_connection_semantics(void)
{
    taws_http_response_t r;
    collected_t c;
    static const char close11[] = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok";
    static const char ka10[] = "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok";
    static const char plain10[] = "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok";
    static const char eofbody[] = "HTTP/1.1 200 OK\r\nServer: x\r\n\r\nuntil the end";
    memset(&r, 0, sizeof r);
    taws_http_response_init(&r);
    CHECK_ST(feed_all(&r, close11, sizeof close11 - 1, 1, 0, &c), TAWS_OK);
    CHECK(r.done && !r.keep_alive);
    taws_http_response_init(&r);
    CHECK_ST(feed_all(&r, ka10, sizeof ka10 - 1, 0, 0, &c), TAWS_OK);
    CHECK(r.done && r.keep_alive);
    taws_http_response_init(&r);
    CHECK_ST(feed_all(&r, plain10, sizeof plain10 - 1, 0, 0, &c), TAWS_OK);
    CHECK(r.done && !r.keep_alive);
    /* No length, not chunked: the body runs to the close. */
    taws_http_response_init(&r);
    CHECK_ST(feed_all(&r, eofbody, sizeof eofbody - 1, 2, 1, &c), TAWS_OK);
    CHECK(r.done && !r.keep_alive);
    CHECK_MEM(c.body, c.body_len, "until the end", 13);
}

static void test_interim_and_no_body(void)
{
    static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n";
    taws_http_response_t r;
    collected_t c;
    memset(&r, 0, sizeof r);
    taws_http_response_init(&r);
    CHECK_ST(feed_all(&r, cont, sizeof cont - 1, 1, 0, &c), TAWS_OK);
    CHECK(r.done);
    CHECK_INT(r.status, 204);
}

/* The HTTP layer knows HTTP only: AWS headers are not interpreted here but handed, as sent, to
 * the on_header hook (the client takes x-amzn-ErrorType, Retry-After, x-amz-retry-after and
 * Date from it: test_pager.c). */
static void test_aws_headers_reach_the_hook(void)
{
    static const char resp[] =
        "HTTP/1.1 429 Too Many Requests\r\n"
        "x-amzn-ErrorType: ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/\r\n"
        "Retry-After: 2\r\n"
        "Content-Length: 0\r\n\r\n";
    static const char want[] =
        "x-amzn-ErrorType: ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/\n"
        "Retry-After: 2\nContent-Length: 0\n";
    int split;
    for (split = 0; split < 2; split++) {
        taws_http_response_t r;
        collected_t c;
        header_log_t h;
        memset(&r, 0, sizeof r);
        memset(&h, 0, sizeof h);
        r.on_header = log_header;
        r.on_header_ctx = &h;
        taws_http_response_init(&r);
        CHECK_ST(feed_all(&r, resp, sizeof resp - 1, split, 0, &c), TAWS_OK);
        CHECK_INT(r.status, 429);
        CHECK_MEM(h.text, h.len, want, sizeof want - 1);
    }
}

static taws_status_t parse_one(const char *in, int eof)
{
    taws_http_response_t r;
    collected_t c;
    memset(&r, 0, sizeof r);
    taws_http_response_init(&r);
    return feed_all(&r, in, strlen(in), 2, eof, &c);
}

static void test_distinct_errors(void)
{
    static char long_line[TAWS_HTTP_LINE_MAX + 64];
    static char many[TAWS_HTTP_MAX_HEADERS * 8 + 64];
    size_t i;
    CHECK_ST(parse_one("garbage\r\n\r\n", 0), TAWS_ERR_HTTP_SYNTAX);
    CHECK_ST(parse_one("HTTP/2 200 OK\r\n\r\n", 0), TAWS_ERR_HTTP_SYNTAX);
    CHECK_ST(parse_one("HTTP/1.1 2000 OK\r\n\r\n", 0), TAWS_ERR_HTTP_SYNTAX);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n", 0), TAWS_ERR_HTTP_SYNTAX);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\n folded\r\n\r\n", 0), TAWS_ERR_HTTP_SYNTAX);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", 0), TAWS_ERR_HTTP_SYNTAX);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n", 0), TAWS_ERR_HTTP_SYNTAX); /* bare CR */
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n", 0),
             TAWS_ERR_HTTP_CONTENT_LENGTH);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", 0),
             TAWS_ERR_HTTP_CONTENT_LENGTH);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 0),
             TAWS_ERR_HTTP_CONTENT_LENGTH);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 0),
             TAWS_ERR_HTTP_CHUNK);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n", 0),
             TAWS_ERR_HTTP_CHUNK);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n", 0),
             TAWS_ERR_HTTP_CHUNK);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2 x\r\nab\r\n", 0),
             TAWS_ERR_HTTP_CHUNK);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", 1), TAWS_ERR_HTTP_TRUNCATED);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", 1),
             TAWS_ERR_HTTP_TRUNCATED);
    CHECK_ST(parse_one("HTTP/1.1 200 OK\r\nContent-", 1), TAWS_ERR_HTTP_TRUNCATED);
    {
        static const char nul[] = "HTTP/1.1 200 OK\r\nX: a\0b\r\n\r\n";
        taws_http_response_t r;
        collected_t c;
        memset(&r, 0, sizeof r);
        taws_http_response_init(&r);
        CHECK_ST(feed_all(&r, nul, sizeof nul - 1, 0, 0, &c), TAWS_ERR_HTTP_SYNTAX);
    }
    /* An oversized header line is refused, not truncated. */
    strcpy(long_line, "HTTP/1.1 200 OK\r\nX-Long: ");
    for (i = strlen(long_line); i < sizeof long_line - 8; i++)
        long_line[i] = 'a';
    strcpy(long_line + i, "\r\n\r\n");
    CHECK_ST(parse_one(long_line, 0), TAWS_ERR_HTTP_LINE_TOO_LONG);
    /* Endless headers stop at TAWS_HTTP_MAX_HEADERS. */
    strcpy(many, "HTTP/1.1 200 OK\r\n");
    for (i = 0; i < TAWS_HTTP_MAX_HEADERS + 1; i++)
        strcat(many, "X: 1\r\n");
    CHECK_ST(parse_one(many, 0), TAWS_ERR_HTTP_TOO_MANY_HEADERS);
}

static void test_many_chunks_are_not_headers(void)
{
    /* Thousands of one-byte chunks: chunk lines must not count as header lines. */
    static char big[40000];
    taws_http_response_t r;
    collected_t c;
    size_t i, n;
    strcpy(big, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    n = strlen(big);
    for (i = 0; i < 3000; i++) {
        memcpy(big + n, "1\r\nx\r\n", 6);
        n += 6;
    }
    memcpy(big + n, "0\r\n\r\n", 5);
    n += 5;
    memset(&r, 0, sizeof r);
    taws_http_response_init(&r);
    CHECK_ST(feed_all(&r, big, n, 2, 0, &c), TAWS_OK);
    CHECK(r.done);
    CHECK_INT(c.body_len, 3000);
}

static void test_request_header_injection(void)
{
    char buf[128];
    taws_memsink_t m;
    taws_memsink_init(&m, buf, sizeof buf);
    CHECK_ST(taws_http_write_header(&m.sink, TAWS_LIT("X-A"), TAWS_LIT("ok value")), TAWS_OK);
    CHECK_MEM(buf, m.len, "X-A: ok value\r\n", 15);
    CHECK_ST(taws_http_write_header(&m.sink, TAWS_LIT("X-A"), TAWS_LIT("a\r\nX-Evil: 1")),
             TAWS_ERR_HEADER_VALUE);
    CHECK_ST(taws_http_write_header(&m.sink, TAWS_LIT("X-A"), TAWS_LIT("a\nb")), TAWS_ERR_HEADER_VALUE);
    {
        taws_str_t nul = { "a\0b", 3 };
        CHECK_ST(taws_http_write_header(&m.sink, TAWS_LIT("X-A"), nul), TAWS_ERR_HEADER_VALUE);
    }
    CHECK_ST(taws_http_write_header(&m.sink, TAWS_LIT("X-A: b"), TAWS_LIT("v")), TAWS_ERR_HEADER_VALUE);
    CHECK_INT(m.len, 15); /* nothing of the refused headers was written */
}

/* Found by fuzzing: the verdict on a long line holding a NUL must not depend on the split. */
static void test_nul_versus_long_line_split_invariant(void)
{
    static char resp[TAWS_HTTP_LINE_MAX + 200];
    size_t nul_at[2] = { 100, TAWS_HTTP_LINE_MAX + 50 }, k;
    taws_status_t want[2] = { TAWS_ERR_HTTP_SYNTAX, TAWS_ERR_HTTP_LINE_TOO_LONG };
    for (k = 0; k < 2; k++) {
        int split;
        size_t n = (size_t)sprintf(resp, "HTTP/1.1 200 OK\r\nx-pad: "), i;
        for (i = 0; i < TAWS_HTTP_LINE_MAX + 100; i++)
            resp[n + i] = i + 9 == nul_at[k] ? '\0' : 'a';
        n += i;
        for (split = 0; split < 2; split++) {
            taws_http_response_t r;
            collected_t c;
            memset(&r, 0, sizeof r);
            taws_http_response_init(&r);
            CHECK_ST(feed_all(&r, resp, n, split, 0, &c), want[k]);
        }
    }
}

/* Feeds in whole, byte by byte and in two pieces cut at every offset; every run must end with
 * `want` and (when want is TAWS_OK) the body `body` and `headers` header lines observed. */
typedef struct {
    int lines;
    char last_value[64];
    size_t last_len;
} observed_t;

static void observe(void *ctx, taws_str_t name, taws_str_t value)
{
    observed_t *o = ctx;
    (void)name;
    o->lines++;
    o->last_len = value.n < sizeof o->last_value ? value.n : sizeof o->last_value;
    memcpy(o->last_value, value.p, o->last_len);
}

static taws_status_t feed_cut(taws_http_response_t *r, const char *in, size_t n, size_t cut,
                              int bytewise, collected_t *c)
{
    size_t pos = 0;
    memset(c, 0, sizeof *c);
    while (!r->done && pos < n) {
        size_t end = bytewise ? pos + 1 : cut > pos ? cut : n, used;
        taws_str_t body;
        taws_status_t st = taws_http_response_feed(r, (const uint8_t *)in + pos, end - pos, &used, &body);
        if (st != TAWS_OK)
            return st;
        memcpy(c->body + c->body_len, body.p ? body.p : "", body.n);
        c->body_len += body.n;
        if (used == 0 && !r->done)
            return TAWS_ERR_STATE;
        pos += used;
    }
    c->used_total = pos;
    return r->done ? TAWS_OK : TAWS_ERR_HTTP_TRUNCATED;
}

static int every_split(const char *in, size_t n, taws_status_t want, const char *body, int headers)
{
    size_t cut;
    for (cut = 0; cut <= n; cut++) {
        taws_http_response_t r;
        observed_t o;
        collected_t c;
        taws_status_t st;
        memset(&r, 0, sizeof r);
        memset(&o, 0, sizeof o);
        r.on_header = observe;
        r.on_header_ctx = &o;
        taws_http_response_init(&r);
        /* cut == n: byte by byte */
        st = feed_cut(&r, in, n, cut, cut == n, &c);
        if (st != want) {
            printf("    cut %u: %s, want %s\n", (unsigned)cut, taws_status_name(st), taws_status_name(want));
            return 0;
        }
        if (want == TAWS_OK && (c.body_len != strlen(body) || memcmp(c.body, body, c.body_len) != 0 ||
                                o.lines != headers || c.used_total != n))
            return 0;
        if (want != TAWS_OK && o.lines > headers)
            return 0; /* the refused line never reached the observer */
    }
    return 1;
}

/* RFC 9110 5.5: a field value is VCHAR, obs-text, SP and HTAB. Any other control character
 * (here 0x01..0x1F but HT, LF, CR, and DEL) is refused with its own status; the line never
 * reaches on_header (the CLI's --debug output). */
static void test_control_characters_in_header_values(void)
{
    static char resp[128];
    unsigned c;
    for (c = 1; c < 0x80; c++) {
        size_t n;
        if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f))
            continue;
        n = (size_t)sprintf(resp, "HTTP/1.1 200 OK\r\nX-A: 1\r\nFoo: F%cailure\r\nContent-Length: 0\r\n\r\n", (int)c);
        CHECK_MSG(every_split(resp, n, TAWS_ERR_HTTP_HEADER_CTL, NULL, 1), "byte 0x%02x", c);
        /* In a trailer too. */
        n = (size_t)sprintf(resp, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n"
                                  "X-T: a%cb\r\n\r\n", (int)c);
        CHECK_MSG(every_split(resp, n, TAWS_ERR_HTTP_HEADER_CTL, NULL, 1), "trailer byte 0x%02x", c);
    }
    /* HTAB, SP and obs-text stay; the value is trimmed of SP and HTAB at both ends only. */
    {
        static const char ok[] = "HTTP/1.1 200 OK\r\nFoo: \ta\tb \xe9\xff \t\r\nContent-Length: 2\r\n\r\nhi";
        taws_http_response_t r;
        observed_t o;
        collected_t col;
        CHECK(every_split(ok, sizeof ok - 1, TAWS_OK, "hi", 2));
        memset(&r, 0, sizeof r);
        memset(&o, 0, sizeof o);
        r.on_header = observe;
        r.on_header_ctx = &o;
        taws_http_response_init(&r);
        CHECK_ST(feed_cut(&r, ok, sizeof ok - 1, 0, 0, &col), TAWS_OK);
        CHECK_INT(o.lines, 2);
    }
    /* CR and NUL stay malformed lines, LF ends one. */
    {
        static const char cr[] = "HTTP/1.1 200 OK\r\nFoo: F\railure\r\n\r\n";
        static const char nul[] = "HTTP/1.1 200 OK\r\nFoo: F\0ailure\r\n\r\n";
        CHECK(every_split(cr, sizeof cr - 1, TAWS_ERR_HTTP_SYNTAX, NULL, 0));
        CHECK(every_split(nul, sizeof nul - 1, TAWS_ERR_HTTP_SYNTAX, NULL, 0));
    }
}

/* RFC 9112 2.2: one empty line before the status line is ignored -- a stray CRLF after the
 * previous body on a kept-alive connection must not fail the next response. Two are an
 * error, and so is anything else before the status line. */
static void test_one_empty_line_before_the_status_line(void)
{
    static const char crlf[] = "\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    static const char lf[] = "\nHTTP/1.1 204 No Content\r\n\r\n";
    static const char two[] = "\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    static const char space[] = " \r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    static const char interim[] = "HTTP/1.1 100 Continue\r\n\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    /* Two responses on one connection, a stray CRLF after the first body. */
    static const char kept[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok\r\n"
                               "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nyes";
    size_t cut;
    CHECK(every_split(crlf, sizeof crlf - 1, TAWS_OK, "ok", 1));
    CHECK(every_split(lf, sizeof lf - 1, TAWS_OK, "", 0));
    CHECK(every_split(two, sizeof two - 1, TAWS_ERR_HTTP_SYNTAX, NULL, 0));
    CHECK(every_split(space, sizeof space - 1, TAWS_ERR_HTTP_SYNTAX, NULL, 0));
    CHECK(every_split(interim, sizeof interim - 1, TAWS_OK, "ok", 1));
    for (cut = 0; cut <= sizeof kept - 1; cut++) {
        taws_http_response_t r;
        collected_t c;
        size_t first;
        memset(&r, 0, sizeof r);
        taws_http_response_init(&r);
        CHECK_ST(feed_cut(&r, kept, sizeof kept - 1, cut, 0, &c), TAWS_OK);
        CHECK_MEM(c.body, c.body_len, "ok", 2);
        first = c.used_total;
        CHECK_INT(first, 40); /* the first message ends with its body; the CRLF is the next's */
        taws_http_response_init(&r);
        CHECK_ST(feed_cut(&r, kept + first, sizeof kept - 1 - first, cut > first ? cut - first : 0,
                          cut == sizeof kept - 1, &c),
                 TAWS_OK);
        CHECK_INT(r.status, 200);
        CHECK_MEM(c.body, c.body_len, "yes", 3);
    }
}

CHECK_SUITE(http_suite, CHECK_CASE(test_chunked_every_split),
            CHECK_CASE(test_content_length_and_pipelining), CHECK_CASE(test_connection_semantics),
            CHECK_CASE(test_interim_and_no_body), CHECK_CASE(test_aws_headers_reach_the_hook),
            CHECK_CASE(test_distinct_errors), CHECK_CASE(test_many_chunks_are_not_headers),
            CHECK_CASE(test_request_header_injection), CHECK_CASE(test_nul_versus_long_line_split_invariant),
            CHECK_CASE(test_control_characters_in_header_values),
            CHECK_CASE(test_one_empty_line_before_the_status_line));
