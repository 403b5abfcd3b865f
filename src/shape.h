/* SPDX-License-Identifier: MIT */
/*
 * Operations as data, the library's side: the descriptor types themselves are public
 * (tinyaws/types.h), the tables generated from the AWS service models by src/gen_ops.py
 * (src/ops_tables.gen.c, typed structs in tinyaws/ops.gen.h). Nothing here is per operation.
 */
#ifndef TINYAWS_SRC_SHAPE_H
#define TINYAWS_SRC_SHAPE_H

#include "common.h"
#include "json_tok.h"
#include "timeutil.h"
#include "tinyaws/ops.h"

#if TAWS_CLI_NAMES
#define TAWS_CLI_NAME(s) s
#else
#define TAWS_CLI_NAME(s) NULL
#endif

/* Decodes one framed element js[0..len) into out (a struct described by shape), using
 * tok[0..ntok) as scratch for the tokenizer. Strings are unescaped in place. *tokens_needed
 * is set when the element has more tokens than ntok (TAWS_ERR_JSON_TOKENS). */
taws_status_t taws_decode(const taws_shape_t *shape, void *out, char *js, size_t len,
                          taws_json_token_t *tok, unsigned ntok, unsigned *tokens_needed);

#endif
