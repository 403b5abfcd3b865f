/* SPDX-License-Identifier: MIT */
/*
 * Items as JSON lines on the console, byte for byte what the host CLI prints with
 * `--output jsonl`: members in model order, absent ones left out, ", " and ": " separators,
 * timestamps as the AWS CLI prints them (taws_time_format_cli), one item per line; and the
 * resume token as a last line {"NextToken": "..."} when max-items stopped a listing early.
 * Written for the firmware (no stdio: semihost.h's out_bytes).
 */
#ifndef TINYAWS_FW_JSONL_H
#define TINYAWS_FW_JSONL_H

#include "tinyaws/types.h"

void jsonl_item(const taws_shape_t *shape, const void *item);
void jsonl_token(const char *key, taws_str_t token);

#endif
