/* SPDX-License-Identifier: MIT */
/*
 * A deliberately plain, strict JSON reader for the fuzz harnesses: the reference the framer's
 * output is judged against. It knows nothing of tinyaws; it only answers "is this one RFC 8259
 * value?" and lists the lexical elements, telling object keys from other strings.
 */
#ifndef TAWS_FUZZ_JSON_REF_H
#define TAWS_FUZZ_JSON_REF_H

#include <stddef.h>
#include <stdint.h>

enum { JR_PUNCT, JR_KEY, JR_STR, JR_LIT };

typedef struct {
    uint8_t kind;  /* JR_* */
    size_t start;  /* strings: the first byte after the opening quote */
    size_t len;    /* strings: the raw (still escaped) bytes between the quotes */
} jr_tok_t;

/* Is s[0..n) exactly one JSON value (insignificant whitespace allowed)? Bytes >= 0x80 inside
 * strings are accepted as they are (jsmn does not check UTF-8 either). Nesting deeper than 64
 * counts as invalid. On success the elements are stored in toks (at most cap; more is a
 * failure) and their count is returned; -1 if the text is not valid. */
long jr_parse(const char *s, size_t n, jr_tok_t *toks, size_t cap);

/* Is s[0..n) well-formed UTF-8 (shortest forms, no surrogates, at most U+10FFFF)? */
int jr_utf8_valid(const char *s, size_t n);

/* Length of the unit of a raw JSON string body starting at s[i] that the framer never splits
 * when it cuts a string: a UTF-8 sequence, an escape, or a high-surrogate \u escape together
 * with the escape after it (repeatedly). 0 if s[i] cannot start a unit. */
size_t jr_unit_len(const char *s, size_t n, size_t i);

#endif
