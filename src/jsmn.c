/* SPDX-License-Identifier: MIT */
/* The one translation unit that compiles jsmn (Debian's header-only libjsmn-dev): strict mode,
 * because without JSMN_STRICT a number split across reads would parse as two tokens, and
 * static, because an exported jsmn_parse could be replaced by an application's own (a
 * non-strict jsmn would make the decoder accept {"modelArn":abc}). See json_tok.h. */
#define JSMN_STATIC
#define JSMN_STRICT
#include <jsmn.h>
#include "json_tok.h"

/* The public taws_json_token_t is storage for one jsmntok_t. */
TAWS_STATIC_ASSERT(sizeof(taws_json_token_t) == sizeof(jsmntok_t), json_token_size);

int taws_json_tokenize(const char *js, size_t len, jsmntok_t *tok, unsigned n)
{
    jsmn_parser p;
    jsmn_init(&p);
    return jsmn_parse(&p, js, len, tok, n);
}
