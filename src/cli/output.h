/* SPDX-License-Identifier: MIT */
/* tinyaws CLI output: items as the AWS CLI v2 prints them (Python's json.dump with indent=4,
 * ensure_ascii=False, timestamps in isoformat()), written as they arrive. */
#ifndef TINYAWS_CLI_OUTPUT_H
#define TINYAWS_CLI_OUTPUT_H

#include <stdio.h>
#include "tinyaws/types.h"

typedef struct {
    FILE *f;
    int jsonl;      /* one compact item per line instead of the AWS CLI document */
    int opened;     /* the document and its result list have been started */
    long items;
    const char *result_key;
} cli_out_t;

void out_init(cli_out_t *o, FILE *f, int jsonl, const char *result_key);
/* Writes one item (a struct described by shape). */
void out_item(cli_out_t *o, const taws_shape_t *shape, const void *item);
/* Ends the document. token_key/token: "NextToken" (or the service's key) and its value, or
 * token.p == NULL. any_result: the result key appeared in a response. */
void out_end(cli_out_t *o, int any_result, const char *token_key, taws_str_t token);
/* A JSON string as Python's json.dumps writes it (ensure_ascii=False). */
void out_json_string(FILE *f, taws_str_t s);

#endif
