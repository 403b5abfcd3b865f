/*
 * HTTP/1.1 without a heap.
 *
 * Requests are written through a sink (usually a small buffer that flushes to the socket),
 * so their size is not limited by any buffer. Responses are parsed by a push parser: feed it
 * whatever bytes arrived; it keeps at most one header line (TAWS_HTTP_LINE_MAX) and hands
 * the body back as views into your own input, in whatever pieces arrive, with chunked
 * framing removed.
 */
#ifndef TINYAWS_HTTP_H
#define TINYAWS_HTTP_H

#include "tinyaws/types.h"

/* ---- requests ------------------------------------------------------------------------- */

/* TAWS_ERR_HEADER_VALUE if v holds CR, LF or NUL (header and query injection). */
taws_status_t taws_http_check_value(taws_str_t v);
/* "Name: value\r\n", refusing CR/LF/NUL in either part. */
taws_status_t taws_http_write_header(taws_sink_t *out, taws_str_t name, taws_str_t value);

/* ---- responses ------------------------------------------------------------------------ */

typedef void (*taws_http_header_cb)(void *ctx, taws_str_t name, taws_str_t value);

typedef struct {
    /* Filled in as the response is parsed. */
    uint16_t status;              /* e.g. 200; valid once headers_done */
    uint8_t headers_done;         /* the header block (of the final response) is complete */
    uint8_t done;                 /* the whole message has been parsed */
    uint8_t chunked;
    uint8_t has_length;
    uint8_t keep_alive;           /* the connection may carry another request afterwards */
    uint64_t content_length;
    uint64_t body_bytes;          /* body bytes handed out so far */
    char error_type[TAWS_ERR_CODE_MAX]; /* x-amzn-ErrorType up to its first ':' */
    int64_t date;                 /* Date header, epoch seconds */
    uint8_t has_date;
    uint8_t has_retry_after;
    uint32_t retry_after_ms;      /* Retry-After (seconds) or x-amz-retry-after (ms) */

    /* Optional observer of every header line (the CLI's --debug). */
    taws_http_header_cb on_header;
    void *on_header_ctx;

    /* Parser state. */
    uint8_t state;
    uint8_t version_minor;
    uint8_t conn_close;
    uint8_t conn_keep_alive;
    uint8_t blank_seen;           /* the one empty line allowed before the status line */
    uint16_t n_lines;
    uint16_t line_len;
    uint64_t remaining;
    char line[TAWS_HTTP_LINE_MAX];
} taws_http_response_t;

/* Prepares r for a new response; keeps on_header/on_header_ctx. */
void taws_http_response_init(taws_http_response_t *r);

/* Consumes bytes from in[0..n). Stops at the end of the header block (r->headers_done), after
 * handing out a body piece (body->p points into in, body->n > 0), at the end of the message
 * (r->done), or when in is used up. *used is how many
 * bytes of in were consumed. One empty line before the status line is skipped (RFC 9112
 * section 2.2's robustness rule; a second one is an error). Errors: TAWS_ERR_HTTP_SYNTAX (also
 * for a NUL or a bare CR anywhere in the head), _LINE_TOO_LONG, _TOO_MANY_HEADERS,
 * _CONTENT_LENGTH, _CHUNK, _HEADER_CTL (a header or trailer value holding a control character
 * other than HTAB, DEL included). */
taws_status_t taws_http_response_feed(taws_http_response_t *r, const uint8_t *in, size_t n,
                                      size_t *used, taws_str_t *body);

/* The peer closed the connection: completes a read-until-close body, else
 * TAWS_ERR_HTTP_TRUNCATED. */
taws_status_t taws_http_response_eof(taws_http_response_t *r);

#endif
