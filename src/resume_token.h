/* SPDX-License-Identifier: MIT */
/*
 * botocore's pagination resume token, so a token from the AWS CLI resumes in tinyaws and the
 * other way round: base64(json.dumps({"<input token>": "<service token>" | null
 * [, "boto_truncate_amount": N]})). Tokens that are not of this form are taken whole as a
 * service token, with an optional "___N" suffix (botocore's older format).
 */
#ifndef TINYAWS_SRC_RESUME_TOKEN_H
#define TINYAWS_SRC_RESUME_TOKEN_H

#include "common.h"

/* Standard base64 with padding, streamed to a sink. */
taws_status_t taws_base64_encode(taws_sink_t *out, const void *p, size_t n);
/* Strict decode (standard alphabet, padding required); returns the length or -1. */
long taws_base64_decode(const char *in, size_t n, uint8_t *out, size_t cap);

/* Writes the resume token. token.p == NULL writes null; has_truncate adds the amount. */
taws_status_t taws_resume_token_encode(taws_sink_t *out, const char *input_token, taws_str_t token,
                                       int has_truncate, uint32_t truncate);

/* Decodes a starting token. The service token (JSON-unescaped, or the raw fallback) is
 * written to tok_buf; *has_token is 0 for null. scratch holds the decoded base64 (needs
 * about 3/4 of in.n). TAWS_ERR_BAD_TOKEN for a token of the JSON form with other keys or
 * types; TAWS_ERR_TOO_LONG if the service token does not fit tok_buf. */
taws_status_t taws_resume_token_decode(taws_str_t in, const char *input_token, char *scratch,
                                       size_t scratch_cap, char *tok_buf, size_t tok_cap,
                                       size_t *tok_len, int *has_token, uint32_t *truncate);

#endif
