/* SPDX-License-Identifier: MIT */
/*
 * The library's JSON tokenizer: Debian's header-only jsmn, compiled JSMN_STATIC and
 * JSMN_STRICT inside src/jsmn.c alone. No jsmn_* symbol is defined or referenced by any
 * library object (tests/api/check_symbols.py checks it), so an application that carries its
 * own jsmn, strict or not, can neither replace the library's nor clash with it. Library code
 * calls taws_json_tokenize(), never jsmn_parse().
 *
 * The public token array (taws_json_token_t, caller-owned) is jsmn's token array inside the
 * library: the same size (checked in jsmn.c), converted with taws_jsmn_tok().
 */
#ifndef TINYAWS_SRC_JSON_TOK_H
#define TINYAWS_SRC_JSON_TOK_H

#include "common.h"
#ifndef JSMN_H /* src/jsmn.c has included the whole of jsmn already */
#ifndef JSMN_HEADER
#define JSMN_HEADER /* types only: jsmn's functions exist in src/jsmn.c alone */
#endif
#include <jsmn.h>
#endif

/* The caller's tokens as jsmn's (their storage is the caller's; only the library writes and
 * reads them, always as jsmntok_t). */
static inline jsmntok_t *taws_jsmn_tok(taws_json_token_t *t)
{
    return (jsmntok_t *)(void *)t;
}
static inline const jsmntok_t *taws_jsmn_ctok(const taws_json_token_t *t)
{
    return (const jsmntok_t *)(const void *)t;
}
/* ... and back, for the iterators left in items (taws_list_t). */
static inline const taws_json_token_t *taws_jsmn_public(const jsmntok_t *t)
{
    return (const taws_json_token_t *)(const void *)t;
}

/* jsmn_parse() in strict mode over js[0..len) with a fresh parser: the number of tokens, or
 * JSMN_ERROR_NOMEM (more than n tokens), _INVAL, _PART. tok == NULL counts the tokens. */
int taws_json_tokenize(const char *js, size_t len, jsmntok_t *tok, unsigned n);

#endif
