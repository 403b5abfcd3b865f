/* SPDX-License-Identifier: MIT */
/*
 * Streaming JSON for list responses.
 *
 * The framer walks the whole response body byte by byte as pieces arrive, validating every
 * byte against RFC 8259 in the same pass (structure, numbers, literals, strings, UTF-8,
 * whitespace, nothing after the top-level value). It copies one element of the result array
 * at a time into a caller-owned window (whitespace outside strings dropped), captures the
 * page token wherever it stands, and validates and drops everything else. Each framed element
 * is then tokenized (json_tok.h: jsmn, strict, private to the library) into a small fixed
 * token array and decoded, which checks the model types of its known members. Memory does not
 * depend on page size or item count.
 *
 * Strings must be Unicode: invalid UTF-8 (overlong forms, encoded surrogates, code points
 * past U+10FFFF, stray or missing continuation bytes) and a \u surrogate escape that is not
 * half of a high-low pair are TAWS_ERR_JSON_UNICODE, wherever they stand (skipped members and
 * the part of a string past the string cap included): no UTF-8 text can hold them, so they
 * are never replaced by U+FFFD in a response. (taws_unesc_byte() and
 * taws_json_unescape_inplace(), used on other inputs too, still write U+FFFD for a lone
 * surrogate.) A byte order mark is not whitespace: TAWS_ERR_JSON_SYNTAX.
 */
#ifndef TINYAWS_SRC_JSON_H
#define TINYAWS_SRC_JSON_H

#include "common.h"
#include "tinyaws/pager.h" /* taws_json_stream_t, taws_unesc_t (for their sizes) */

/* ---- strings -------------------------------------------------------------------------- */

/* A hex digit's value (either case), or -1. */
int taws_json_hexval(unsigned char c);

/* Streaming JSON string unescaper (taws_unesc_t): feed the bytes between the quotes one at a
 * time. Writes 0..7 bytes of UTF-8 for byte c into out; returns the count or -1 for a bad escape. */
int taws_unesc_byte(taws_unesc_t *u, unsigned char c, char out[8]);
/* Unescapes s[0..n) in place (never grows); returns the new length or -1 for a bad escape. */
long taws_json_unescape_inplace(char *s, size_t n);
/* Writes a JSON string body (no quotes) escaping '"', '\' and control characters; with
 * ascii_only, non-ASCII UTF-8 becomes \uXXXX (surrogate pairs), as Python's json.dumps. */
taws_status_t taws_json_escape(taws_sink_t *out, taws_str_t s, int ascii_only);

/* ---- the framer ----------------------------------------------------------------------- */

typedef enum {
    TAWS_JSON_MORE = 0,     /* feed more bytes */
    TAWS_JSON_ITEM,         /* window[0..item_len) holds one element, minified */
    TAWS_JSON_ITEM_TOO_BIG, /* an element did not fit; item_needed tells its size */
    TAWS_JSON_END           /* the top-level object is complete */
} taws_json_event_t;

/* The framer's state is taws_json_stream_t (tinyaws/pager.h, for its size). */

void taws_json_stream_init(taws_json_stream_t *js, taws_str_t result_key, taws_str_t token_key,
                           char *window, size_t window_cap, char *token, size_t token_cap,
                           size_t string_cap);

/* Consumes bytes until an event or the end of in. On an error *used is the offset in `in` of
 * the first byte no valid response could have there (the same byte however the body is
 * split). Errors: TAWS_ERR_JSON_SYNTAX (not RFC 8259 JSON), _JSON_UNICODE (a string that is not
 * UTF-8 or holds an unpaired surrogate escape), _JSON_DEPTH (nested deeper than
 * TAWS_JSON_MAX_DEPTH), _JSON_TYPE (the top level is not an object, the result not an array
 * of objects or null, the token not a string or null; reported at the value's first byte),
 * TAWS_ERR_TOO_LONG (page token longer than token_cap). */
taws_status_t taws_json_feed(taws_json_stream_t *js, const char *in, size_t n, size_t *used,
                             taws_json_event_t *ev);
/* The body ended: TAWS_OK if the document was complete, the error taws_json_feed() returned
 * if it returned one (errors stick: a later feed returns it again, reading nothing), else
 * TAWS_ERR_JSON_TRUNCATED. */
taws_status_t taws_json_finish(const taws_json_stream_t *js);

#endif
