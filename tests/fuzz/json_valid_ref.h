/* SPDX-License-Identifier: MIT */
/*
 * An independent strict validator of list responses, the reference of fuzz_json_valid.c.
 *
 * Written for the harness from RFC 8259, Unicode Table 3-7 and the models' types, in another
 * style than the framer: recursive descent over the whole body held in memory (bounded by the
 * depth limit), "can this prefix still become valid?" range tests for UTF-8 and \u escapes,
 * digit-string comparison for integer ranges. It says where a body first goes wrong and how,
 * lists the result array's elements (minified) with the verdict the model's types give each,
 * and decodes the page token. Timestamp strings and numbers are judged by the library's
 * timeutil parsers: their formats are not what this reference checks.
 */
#ifndef TAWS_FUZZ_JSON_VALID_REF_H
#define TAWS_FUZZ_JSON_VALID_REF_H

#include <stddef.h>
#include "shape.h"

#define JSV_MAX_DOC 16384

typedef struct {
    const char *result_key;
    const char *token_key;
    const taws_shape_t *item; /* the model's shape of an element */
    unsigned max_depth;       /* containers open at once, the top-level object included */
} jsv_cfg_t;

typedef struct {
    size_t off, len; /* minified element bytes in jsv_result_t.bytes */
    int verdict;     /* taws_status_t the element's known members give: TAWS_OK, _JSON_TYPE,
                        _BAD_NUMBER, or what the timestamp parsers return */
} jsv_item_t;

typedef struct {
    int status;       /* TAWS_OK, TAWS_ERR_JSON_SYNTAX, _JSON_UNICODE, _JSON_DEPTH, _JSON_TYPE,
                         _JSON_TRUNCATED (a valid beginning that ends early) */
    size_t at;        /* offset of the first byte no valid response has there (n otherwise) */
    size_t n_items;   /* elements complete before `at` */
    jsv_item_t items[JSV_MAX_DOC / 2];
    char bytes[JSV_MAX_DOC];
    size_t bytes_len;
    int has_token;    /* the last token value is a non-empty string */
    char token[JSV_MAX_DOC];
    size_t token_len;
} jsv_result_t;

/* Judges doc[0..n) as a list response. */
void jsv_check(const jsv_cfg_t *cfg, const char *doc, size_t n, jsv_result_t *r);

#endif
