/* SPDX-License-Identifier: MIT */
/*
 * HTTP/1.1 without a heap.
 *
 * Requests are written through a sink (usually a small buffer that flushes to the socket),
 * so their size is not limited by any buffer. Responses are parsed by a push parser: feed it
 * whatever bytes arrived; it keeps at most one header line (TAWS_HTTP_LINE_MAX) and hands
 * the body back as views into your own input, in whatever pieces arrive, with chunked
 * framing removed.
 */
#ifndef TINYAWS_SRC_HTTP_H
#define TINYAWS_SRC_HTTP_H

#include "common.h"
#include "tinyaws/client.h"

/* Whether header name a equals lower_name (written in lower case), ASCII case ignored. */
int taws_http_name_is(taws_str_t a, const char *lower_name);
/* A header value of decimal digits only (1..19 of them): 1 with *out set, else 0. */
int taws_http_parse_u64(taws_str_t v, uint64_t *out);

/* ---- requests ------------------------------------------------------------------------- */

/* TAWS_ERR_HEADER_VALUE if v holds CR, LF or NUL (header and query injection). */
taws_status_t taws_http_check_value(taws_str_t v);
/* "Name: value\r\n", refusing CR/LF/NUL in either part. */
taws_status_t taws_http_write_header(taws_sink_t *out, taws_str_t name, taws_str_t value);

/* ---- responses ------------------------------------------------------------------------ */

/* taws_http_response_t (tinyaws/client.h, for its size): status, framing, keep-alive. The
 * parser knows HTTP only; its on_header hook hands every header line to whoever needs more
 * (the client takes the AWS headers from it, the debug log prints it). */

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
