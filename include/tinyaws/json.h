/*
 * Streaming JSON for list responses, on jsmn.
 *
 * The framer walks the whole response body byte by byte as pieces arrive, validating every
 * byte against RFC 8259 in the same pass (structure, numbers, literals, strings, UTF-8,
 * whitespace, nothing after the top-level value). It copies one element of the result array
 * at a time into a caller-owned window (whitespace outside strings dropped), captures the
 * page token wherever it stands, and validates and drops everything else. Each framed element
 * is then tokenized by jsmn (JSMN_STRICT) into a small fixed token array and decoded, which
 * checks the model types of its known members. Memory does not depend on page size or item
 * count.
 *
 * Strings must be Unicode: invalid UTF-8 (overlong forms, encoded surrogates, code points
 * past U+10FFFF, stray or missing continuation bytes) and a \u surrogate escape that is not
 * half of a high-low pair are TAWS_ERR_JSON_UNICODE, wherever they stand (skipped members and
 * the part of a string past the string cap included): no UTF-8 text can hold them, so they
 * are never replaced by U+FFFD in a response. (taws_unesc_byte() and
 * taws_json_unescape_inplace(), used on other inputs too, still write U+FFFD for a lone
 * surrogate.) A byte order mark is not whitespace: TAWS_ERR_JSON_SYNTAX.
 */
#ifndef TINYAWS_JSON_H
#define TINYAWS_JSON_H

#ifndef JSMN_HEADER
#define JSMN_HEADER
#endif
#include <jsmn.h>
#include "tinyaws/types.h"

#if TAWS_JSON_MAX_DEPTH > 32
#error "TAWS_JSON_MAX_DEPTH is at most 32 (one bit per level in a uint32_t)"
#endif

/* ---- strings -------------------------------------------------------------------------- */

/* Streaming JSON string unescaper: feed the bytes between the quotes one at a time. */
typedef struct {
    uint8_t esc;    /* 0: plain; 1: after '\'; 2..5: reading \u hex digits */
    uint16_t u;     /* \u value being read */
    uint16_t high;  /* pending high surrogate, 0 if none */
} taws_unesc_t;

/* Writes 0..7 bytes of UTF-8 for byte c into out; returns the count or -1 for a bad escape. */
int taws_unesc_byte(taws_unesc_t *u, unsigned char c, char out[8]);
/* End of string: a dangling high surrogate becomes U+FFFD. Returns bytes written (0 or 3). */
int taws_unesc_end(taws_unesc_t *u, char out[8]);
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

typedef struct {
    /* Configuration (set by taws_json_stream_init). */
    taws_str_t result_key;  /* e.g. "asyncInvokeSummaries" */
    taws_str_t token_key;   /* e.g. "nextToken" */
    char *window;
    size_t window_cap;
    size_t string_cap;      /* 0: off; else strings are cut to this many raw bytes */
    char *token;            /* where the page token is decoded */
    size_t token_cap;

    /* Results. */
    size_t item_len;        /* TAWS_JSON_ITEM: bytes of the element in window */
    size_t item_needed;     /* TAWS_JSON_ITEM_TOO_BIG: window bytes the element needs */
    uint8_t item_truncated; /* a string of this element was cut to string_cap */
    uint8_t has_token;      /* a non-empty, non-null page token was seen */
    uint8_t token_string;   /* the token was a string, perhaps "" (not null, not absent) */
    uint8_t result_members; /* times the result key appeared (a second one is an error) */
    uint8_t saw_result;     /* the result key held an array */
    size_t token_len;
    uint32_t items;         /* elements framed so far (including too-big ones) */

    /* State (json_stream.c's own). */
    uint8_t st;             /* grammar state */
    uint8_t err;            /* the error returned, which every later call returns again */
    uint8_t mode;           /* the outline, an element, or a skipped value */
    uint8_t sink;           /* where the current string's bytes go */
    uint8_t key_kind;       /* 0 other, 1 result, 2 token */
    uint8_t key_len;
    uint8_t key_overflow;
    uint8_t str_key;        /* the current string is a member name */
    uint8_t esc;            /* string: 0, 1 after '\', 2..5 hex digits of \u */
    uint8_t low_wanted;     /* string: a high surrogate escape needs its low one next */
    uint8_t u8_need;        /* string: UTF-8 continuation bytes still due */
    uint8_t u8_lo, u8_hi;   /* string: the range of the next continuation byte */
    uint8_t num;            /* number: where in the number grammar */
    uint8_t lit, lit_pos;   /* literal: which one, bytes matched */
    uint8_t cut;            /* framing: current string is being cut */
    uint8_t too_big;        /* framing: the element overflowed the window */
    uint8_t depth;
    uint32_t arrays;        /* bit d set: the container at depth d+1 is an array */
    uint16_t u;             /* string: \u value */
    size_t str_raw;         /* framing: raw bytes copied of the current string */
    size_t safe_len;        /* framing: window length at the last character boundary */
    size_t needed;          /* framing: minified size of the element so far */
    taws_unesc_t unesc;
    char key[48];
} taws_json_stream_t;

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
