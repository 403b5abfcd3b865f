/* SPDX-License-Identifier: MIT */
/*
 * Streaming parsers for the three temporary-credential responses tinyaws's providers read:
 *
 *   AWS IoT credentials provider  {"credentials": {"accessKeyId": ..., "secretAccessKey": ...,
 *                                                  "sessionToken": ..., "expiration": ...}}
 *   container credentials         {"AccessKeyId": ..., "SecretAccessKey": ..., "Token": ...,
 *   (ECS agent, Greengrass TES)    "Expiration": ..., "RoleArn": ...}
 *   EC2 instance metadata (IMDS)  {"Code": "Success", "LastUpdated": ..., "Type": "AWS-HMAC",
 *                                  "AccessKeyId": ..., "SecretAccessKey": ..., "Token": ...,
 *                                  "Expiration": ...}
 *
 * Bytes go in in pieces of any size, split anywhere; the key id, secret and session token are
 * decoded straight into the caller's buffers (JSON escapes undone), the expiration into epoch
 * seconds. The parser itself is a few dozen bytes: no heap, no recursion, no token array.
 *
 * The whole document is checked (RFC 8259: structure, strings, escapes, surrogate pairs,
 * UTF-8, numbers, literals, nothing after it), and so are the values, each failure with its
 * status: malformed JSON (TAWS_ERR_JSON_SYNTAX, _UNICODE, _DEPTH past TAWS_CRED_JSON_MAX_DEPTH,
 * _TRUNCATED when it ends early, _TYPE for a top level that is not an object or a member of
 * the wrong type), a required member missing (TAWS_ERR_CRED_MISSING) or given twice
 * (_DUPLICATE), a value longer than its buffer (_TOO_LONG), an empty value or one with a
 * character a key id (A-Z a-z 0-9 _), secret or token (printable ASCII, no space) cannot have
 * (_VALUE), an expiration that is not "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM|+HHMM)"
 * (_TIMESTAMP), an IMDS Code other than "Success" (_CODE). Members are matched exactly (case
 * included); unknown ones are checked and skipped. `what` names the member an error is about,
 * `offset` is where in the stream it was found.
 *
 * On every error the caller's buffers are wiped (all of each buffer, not just what was
 * written) and their lengths and the expiration set to 0.
 */
#ifndef TINYAWS_CRED_JSON_H
#define TINYAWS_CRED_JSON_H

#include <stddef.h>
#include <stdint.h>
#include "tinyaws/types.h"

typedef enum {
    TAWS_CRED_FMT_IOT,       /* GET /role-aliases/<alias>/credentials */
    TAWS_CRED_FMT_CONTAINER, /* AWS_CONTAINER_CREDENTIALS_FULL_URI / _RELATIVE_URI */
    TAWS_CRED_FMT_IMDS       /* GET /latest/meta-data/iam/security-credentials/<role> */
} taws_cred_format_t;

/* A caller's buffer: a value may have cap - 1 bytes; a NUL follows it. */
typedef struct {
    char *p;
    size_t cap;
    size_t len;
} taws_cred_buf_t;

typedef struct {
    taws_cred_buf_t key_id, secret, token;
    int64_t expiration; /* epoch seconds (a fraction is dropped) */
} taws_cred_out_t;

/* Buffers of the sizes config.h gives, for callers that want them fixed. */
typedef struct {
    char key_id[TAWS_CRED_KEY_ID_MAX + 1];
    char secret[TAWS_CRED_SECRET_MAX + 1];
    char token[TAWS_CRED_TOKEN_MAX + 1];
} taws_cred_storage_t;

/* Points out at storage's three buffers. */
void taws_cred_out_bind(taws_cred_out_t *out, taws_cred_storage_t *storage);

typedef struct {
    taws_cred_format_t fmt;
    taws_cred_out_t *out;
    taws_status_t st;       /* sticky: the first error */
    const char *what;       /* the member an error is about, or NULL */
    size_t offset;          /* bytes consumed so far; where the error was found */
    uint8_t state, sub;     /* grammar state, and the string/number/literal state within it */
    uint8_t role;           /* what the current string is: a name, a value to keep, skipped */
    uint8_t member;         /* the known member whose value comes next (0: none) */
    uint8_t depth, creds_depth;
    uint32_t objects;       /* bit d: the container at depth d+1 is an object */
    uint32_t seen;          /* known members found (bit per member) */
    uint32_t u;             /* \u escape value being read; then a high surrogate waiting */
    uint8_t utf8_need, utf8_lo, utf8_hi;
    const char *literal;    /* "true", "false" or "null" being matched */
    size_t name_len, scratch_len;
    char name[16];          /* the member name being read (known names are shorter) */
    char scratch[40];       /* Code or the expiration text */
} taws_cred_json_t;

/* out's buffers must have cap >= 1 (else every call returns TAWS_ERR_ARG). */
void taws_cred_json_init(taws_cred_json_t *p, taws_cred_format_t fmt, taws_cred_out_t *out);
taws_status_t taws_cred_json_feed(taws_cred_json_t *p, const void *data, size_t n);
/* The end of the body: TAWS_OK when the document was whole and every member is there. */
taws_status_t taws_cred_json_finish(taws_cred_json_t *p);
/* A whole body in one call. */
taws_status_t taws_cred_json_parse(taws_cred_format_t fmt, const void *body, size_t n,
                                   taws_cred_out_t *out);

/* "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM|+HHMM|-HHMM)" ('t', 'z' too) to epoch seconds:
 * TAWS_OK or TAWS_ERR_CRED_TIMESTAMP. */
taws_status_t taws_cred_parse_time(const char *s, size_t n, int64_t *epoch);

#endif /* TINYAWS_CRED_JSON_H */
