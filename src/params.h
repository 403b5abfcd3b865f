/* SPDX-License-Identifier: MIT */
/* Request parameters: validated against the model before anything is sent, then written as
 * a query string (restJson1) or a JSON body (awsJson1_1), all driven by the op's tables. */
#ifndef TINYAWS_SRC_PARAMS_H
#define TINYAWS_SRC_PARAMS_H

#include "shape.h"

/* What the pager puts in place of the params' limit and token members while paginating. */
typedef struct {
    uint8_t active;   /* 0: use the params struct as it is (--no-paginate) */
    taws_int_t limit; /* page size, or unset */
    taws_str_t token; /* service page token, or p == NULL */
} taws_page_args_t;

/* Checks required members, lengths (in characters), value ranges, list sizes, enums, and
 * control characters in query values. On failure returns TAWS_ERR_PARAM (or
 * TAWS_ERR_HEADER_VALUE) and writes one line per problem into msg, worded as botocore's
 * ParamValidationError ("Invalid length for parameter nameContains, value: 0, valid min
 * length: 1"). */
taws_status_t taws_params_validate(const taws_op_t *op, const void *params,
                                   const taws_page_args_t *page, char *msg, size_t msg_cap);

/* Scratch space for formatted query values (numbers, timestamps); strings need none. It
 * lives on the stack of the request writer, so it is kept small (TAWS_QUERY_SCRATCH). */
typedef struct {
    char buf[TAWS_QUERY_SCRATCH][TAWS_ISO_OUT_MAX];
} taws_query_scratch_t;

/* Fills q with the set query parameters, sorted for SigV4 (taws_query_write then gives the
 * canonical query): names from the model's locationName, integers in decimal, timestamps in
 * ISO-8601 as botocore writes them, booleans true/false, a string list as one pair per value.
 * Values are views (into params, scratch or static text); TAWS_ERR_TOO_LONG past cap pairs or
 * TAWS_QUERY_SCRATCH formatted values. */
taws_status_t taws_params_query(const taws_op_t *op, const void *params, const taws_page_args_t *page,
                                taws_kv_t *q, size_t cap, size_t *n, taws_query_scratch_t *scratch);
/* Writes the JSON body (awsJson1_1) byte for byte as botocore does (json.dumps' defaults):
 * members in model order, absent ones left out, ", " and ": " separators, non-ASCII as \u
 * escapes, timestamps as whole epoch seconds, booleans as true/false. */
taws_status_t taws_params_body(taws_sink_t *out, const taws_op_t *op, const void *params,
                               const taws_page_args_t *page);

#endif
