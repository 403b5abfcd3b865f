/*
 * Operations as data: descriptors for request parameters, response items and operations.
 * The tables themselves (src/ops_tables.c) and the typed structs (tinyaws/ops.h) are
 * generated from the AWS service models by src/gen_ops.py; nothing here is per operation.
 */
#ifndef TINYAWS_SHAPE_H
#define TINYAWS_SHAPE_H

#include "tinyaws/json.h"
#include "tinyaws/timeutil.h"
#include "tinyaws/types.h"

#if TAWS_CLI_NAMES
#define TAWS_CLI_NAME(s) s
#else
#define TAWS_CLI_NAME(s) NULL
#endif

/* An optional integer (request or response). */
typedef struct {
    int64_t v;
    uint8_t set;
} taws_int_t;

/* ---- response items --------------------------------------------------------------------- */

typedef enum {
    TAWS_T_STRING,    /* taws_str_t: a view into the window, unescaped */
    TAWS_T_TIMESTAMP, /* taws_time_t: from an ISO-8601 string or an epoch number */
    TAWS_T_INTEGER,   /* taws_int_t, 32-bit range */
    TAWS_T_LONG,      /* taws_int_t */
    TAWS_T_STRUCT,    /* a nested struct whose first member is `uint8_t set` */
    TAWS_T_LIST       /* taws_list_t */
} taws_type_t;

struct taws_shape;

typedef struct {
    const char *name;                /* JSON key on the wire */
    uint8_t name_len;
    uint8_t type;                    /* taws_type_t */
    uint8_t elem_type;               /* TAWS_T_LIST: TAWS_T_STRING or TAWS_T_STRUCT */
    uint16_t offset;                 /* offsetof() in the C struct */
    const struct taws_shape *shape;  /* TAWS_T_STRUCT, or a list's struct elements */
} taws_field_t;

typedef struct taws_shape {
    const taws_field_t *fields;
    uint8_t n_fields;
    uint16_t size;    /* sizeof the C struct */
    uint8_t is_union; /* exactly one member must be set (botocore refuses a response otherwise) */
} taws_shape_t;

/* A list inside an item: an iterator over the item's jsmn tokens (no copy, no fixed array that
 * could drop entries). Valid until the next call on the pager that produced the item. */
typedef struct {
    const jsmntok_t *tok;
    const char *js;
    const taws_shape_t *elem; /* NULL: string elements */
    uint16_t next;            /* token index of the next element */
    uint16_t left;            /* elements not yet returned */
    uint16_t count;           /* elements in the list */
    uint16_t ntok;            /* tokens in the item */
} taws_list_t;

/* The next string of a string list: TAWS_OK, TAWS_DONE at the end, TAWS_ERR_JSON_TYPE. */
taws_status_t taws_list_next_str(taws_list_t *l, taws_str_t *out);
/* The next element of a list of structures, decoded into *out (e.g. a taws_tag_t);
 * TAWS_ERR_JSON_TYPE for an element member of the wrong type. */
taws_status_t taws_list_next(taws_list_t *l, void *out);

/* Decodes one framed element js[0..len) into out (a struct described by shape), using tok as
 * scratch for jsmn. Strings are unescaped in place. *tokens_needed is set when the element
 * has more tokens than ntok (TAWS_ERR_JSON_TOKENS). */
taws_status_t taws_decode(const taws_shape_t *shape, void *out, char *js, size_t len,
                          jsmntok_t *tok, unsigned ntok, unsigned *tokens_needed);

/* ---- request parameters ----------------------------------------------------------------- */

typedef enum {
    TAWS_P_STRING,      /* const char * (NULL: absent) */
    TAWS_P_INTEGER,     /* taws_int_t */
    TAWS_P_TIMESTAMP,   /* taws_time_t */
    TAWS_P_STRING_LIST, /* const char *const *, then size_t count at count_offset */
    TAWS_P_STRUCT_LIST  /* const T *, then size_t count at count_offset */
} taws_ptype_t;

enum { TAWS_LOC_QUERY = 0, TAWS_LOC_BODY = 1 };
enum { TAWS_PF_REQUIRED = 1, TAWS_PF_HAS_MIN = 2, TAWS_PF_HAS_MAX = 4, TAWS_PF_LIMIT = 8,
       TAWS_PF_TOKEN = 16, TAWS_PF_MEMBER_HAS_MIN = 32, TAWS_PF_MEMBER_HAS_MAX = 64 };

struct taws_pshape;

typedef struct {
    const char *member;     /* model member name, used in error messages */
    const char *wire;       /* query name or JSON key (locationName) */
    const char *cli;        /* the AWS CLI option without "--"; NULL without TAWS_CLI_NAMES */
    uint8_t type;           /* taws_ptype_t */
    uint8_t location;
    uint8_t flags;
    uint16_t offset;
    uint16_t count_offset;  /* lists */
    int32_t min, max;       /* value range (integers), length (strings), count (lists) */
    int32_t member_min, member_max; /* string list members' length */
    const char *const *enums; /* NULL-terminated, or NULL */
    const struct taws_pshape *elem; /* TAWS_P_STRUCT_LIST element */
    uint16_t elem_size;
} taws_param_t;

typedef struct taws_pshape {
    const taws_param_t *params;
    uint8_t n_params;
    uint16_t size;
} taws_pshape_t;

/* ---- operations --------------------------------------------------------------------------- */

typedef enum { TAWS_PROTO_REST_JSON, TAWS_PROTO_AWS_JSON_1_1 } taws_protocol_t;

typedef struct taws_op {
    const char *name;            /* "ListAsyncInvokes" */
    const char *cli_service;     /* "bedrock-runtime" */
    const char *cli_name;        /* "list-async-invokes" */
    const char *endpoint_prefix; /* "bedrock-runtime": the regional host name */
    const char *signing_name;    /* "bedrock": the SigV4 service */
    const char *env_name;        /* "BEDROCK_RUNTIME": AWS_ENDPOINT_URL_<env_name> */
    uint8_t protocol;            /* taws_protocol_t */
    const char *method;
    const char *path;
    const char *target;          /* X-Amz-Target (awsJson) or NULL */
    const char *content_type;    /* request Content-Type (awsJson) or NULL */
    const taws_pshape_t *input;  /* the params struct */
    const char *result_key;      /* e.g. "asyncInvokeSummaries" */
    const char *input_token;     /* e.g. "nextToken" */
    const char *output_token;
    const char *limit_key;       /* e.g. "maxResults" */
    const taws_shape_t *item;
    uint32_t item_max_bytes;     /* largest minified item the model allows, escapes included */
    uint32_t item_max_tokens;    /* its jsmn token count */
} taws_op_t;

/* Every operation tinyaws knows, NULL-terminated. */
extern const taws_op_t *const taws_ops[];
/* Finds an operation by CLI service and command name, or NULL. */
const taws_op_t *taws_op_find(const char *cli_service, const char *cli_name);

#endif
