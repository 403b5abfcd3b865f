/* SPDX-License-Identifier: MIT */
/*
 * The pager: a pull iterator over one list operation that returns the next item across page
 * boundaries, as botocore's paginator does (MaxItems, PageSize, StartingToken, resume tokens
 * in botocore's format), from a fixed window whatever the page size.
 *
 * Failures are retried as the AWS SDKs' standard mode does. A page that fails after some of
 * its items were handed out is asked for again and those items are skipped, so no item is
 * lost or repeated. A signature error with a server Date 5 minutes or more off our clock
 * makes the client adopt the server's time and sign again, once.
 *
 *   static char window[TAWS_WINDOW_SIZE];
 *   static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];
 *   taws_pager_begin(&p, &client, &taws_op_list_async_invokes, &params, &cfg,
 *                    window, sizeof window, tokens, TAWS_JSON_MAX_TOKENS);
 *   while ((st = taws_pager_next(&p, &item)) == TAWS_OK) { ... item's views are valid here ... }
 *   if (st == TAWS_DONE && taws_pager_truncated(&p)) taws_pager_resume_token(&p, sink);
 */
#ifndef TINYAWS_PAGER_H
#define TINYAWS_PAGER_H

#include "tinyaws/client.h"
#include "tinyaws/ops.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Paging as the AWS CLI's --max-items, --page-size, --starting-token, --no-paginate. */
typedef struct {
    taws_int_t max_items;       /* unset: every item; 0: none (a resume token for where we are) */
    taws_int_t page_size;       /* sent as the operation's limit key on every request */
    const char *starting_token; /* a resume token (botocore's or ours), or NULL */
    uint8_t no_paginate;        /* one request with params as given (maxResults, nextToken) */
} taws_paginate_t;

/* ---- the pager's parts: defined here only for sizeof(taws_pager_t) --------------------------- */

/* Streaming JSON string unescaper state. */
typedef struct {
    uint8_t esc;    /* 0: plain; 1: after '\'; 2..5: reading \u hex digits */
    uint16_t u;     /* \u value being read */
    uint16_t high;  /* pending high surrogate, 0 if none */
} taws_unesc_t;

/* The JSON framer: validates a list response byte by byte and copies one element at a time
 * into the window (src/json_stream.c). */
typedef struct {
    taws_str_t result_key;  /* e.g. "asyncInvokeSummaries" */
    taws_str_t token_key;   /* e.g. "nextToken" */
    char *window;
    size_t window_cap;
    size_t string_cap;      /* 0: off; else strings are cut to this many raw bytes */
    char *token;            /* where the page token is decoded */
    size_t token_cap;
    size_t item_len;        /* TAWS_JSON_ITEM: bytes of the element in window */
    size_t item_needed;     /* TAWS_JSON_ITEM_TOO_BIG: window bytes the element needs */
    uint8_t item_truncated; /* a string of this element was cut to string_cap */
    uint8_t has_token;      /* a non-empty, non-null page token was seen */
    uint8_t token_string;   /* the token was a string, perhaps "" (not null, not absent) */
    uint8_t result_members; /* times the result key appeared (a second one is an error) */
    uint8_t saw_result;     /* the result key held an array */
    size_t token_len;
    uint32_t items;         /* elements framed so far (including too-big ones) */
    uint8_t st;             /* grammar state */
    uint8_t err;            /* the error returned, which every later call returns again */
    uint8_t mode;           /* the outline, an element, or a skipped value */
    uint8_t sink;           /* where the current string's bytes go */
    uint8_t key_kind;       /* 0 other, 1 result, 2 token */
    uint8_t key_len;
    uint8_t key_overflow;
    uint8_t str_key;        /* the current string is a member name */
    uint8_t esc;            /* string: 0, 1 after '\', 2..5 hex digits of \u */
    uint8_t low_wanted;     /* string: a high surrogate escape needs its low one next */
    uint8_t u8_need;        /* string: UTF-8 continuation bytes still due */
    uint8_t u8_lo, u8_hi;   /* string: the range of the next continuation byte */
    uint8_t num;            /* number: where in the number grammar */
    uint8_t lit, lit_pos;   /* literal: which one, bytes matched */
    uint8_t cut;            /* framing: current string is being cut */
    uint8_t too_big;        /* framing: the element overflowed the window */
    uint8_t depth;
    uint32_t arrays;        /* bit d set: the container at depth d+1 is an array */
    uint16_t u;             /* string: \u value */
    size_t str_raw;         /* framing: raw bytes copied of the current string */
    size_t safe_len;        /* framing: window length at the last character boundary */
    size_t needed;          /* framing: minified size of the element so far */
    taws_unesc_t unesc;
    char key[TAWS_JSON_KEY_MAX];
} taws_json_stream_t;

/* ---- the pager ------------------------------------------------------------------------------ */

typedef struct taws_pager_s {
    taws_client_t *TAWS_PRIVATE(client);
    const taws_op_t *TAWS_PRIVATE(op);
    const void *TAWS_PRIVATE(params);
    taws_paginate_t TAWS_PRIVATE(cfg);
    char *TAWS_PRIVATE(window);
    size_t TAWS_PRIVATE(window_cap);
    taws_json_token_t *TAWS_PRIVATE(tokens);
    unsigned TAWS_PRIVATE(n_tokens);
    size_t TAWS_PRIVATE(string_cap);
    taws_json_stream_t TAWS_PRIVATE(js);
    taws_str_t TAWS_PRIVATE(pending);          /* body bytes not yet framed */
    uint8_t TAWS_PRIVATE(state);
    uint8_t TAWS_PRIVATE(limit_hit);           /* max_items returned; looking at what follows */
    uint8_t TAWS_PRIVATE(has_in);              /* the current page was asked for with a token */
    uint8_t TAWS_PRIVATE(cur);                 /* which of tok[] holds the current page's token */
    uint8_t TAWS_PRIVATE(truncated);           /* stopped early: a resume token exists */
    uint8_t TAWS_PRIVATE(any_result);          /* some response held the result list (even empty) */
    uint8_t TAWS_PRIVATE(resume_has_token);
    uint8_t TAWS_PRIVATE(resume_has_amount);
    uint32_t TAWS_PRIVATE(resume_amount);
    uint32_t TAWS_PRIVATE(skip);               /* first-page items to skip (boto_truncate_amount) */
    uint32_t TAWS_PRIVATE(page_items);         /* items of the current page consumed, skipped too */
    uint32_t TAWS_PRIVATE(pages);              /* responses read */
    uint8_t TAWS_PRIVATE(attempt);             /* retries made for the current page request */
    uint8_t TAWS_PRIVATE(skew_fixed);          /* the clock offset was adopted once already */
    uint8_t TAWS_PRIVATE(cred_refreshed);      /* this page was re-sent after ExpiredToken once */
    int64_t TAWS_PRIVATE(returned);            /* items handed out */
    size_t TAWS_PRIVATE(item_needed);          /* TAWS_ERR_ITEM_TOO_BIG: window bytes the item needs */
    unsigned TAWS_PRIVATE(tokens_needed);      /* TAWS_ERR_JSON_TOKENS: tokens the item needs */
    taws_status_t TAWS_PRIVATE(error);         /* a fatal error, repeated by later calls */
    char TAWS_PRIVATE(msg)[TAWS_ERR_MSG_MAX];  /* parameter validation messages */
    uint32_t TAWS_PRIVATE(pages_with_result);  /* responses that held the result key */
    size_t TAWS_PRIVATE(tok_len)[2];
    /* Page tokens; the slack also fits the JSON around a TAWS_PAGE_TOKEN_MAX token when a
     * starting token is decoded here (a window smaller than that is not used for it). */
    char TAWS_PRIVATE(tok)[2][TAWS_PAGE_TOKEN_MAX + 64];
} taws_pager_t;

/* Validates the parameters (TAWS_ERR_PARAM, with taws_pager_msg()) and decodes the starting
 * token (TAWS_ERR_BAD_TOKEN). Nothing is sent until the first taws_pager_next(). window holds
 * one item at a time (its size bounds the largest item, see TAWS_*_ITEM_MAX_BYTES in ops.h);
 * tokens[0..n_tokens) is the tokenizer's scratch for one item. Both are the caller's and must
 * live as long as the pager. */
TAWS_API taws_status_t taws_pager_begin(taws_pager_t *p, taws_client_t *c, const taws_op_t *op,
                                        const void *params, const taws_paginate_t *cfg,
                                        char *window, size_t window_cap,
                                        taws_json_token_t *tokens, unsigned n_tokens);
/* Cuts strings longer than cap raw bytes while framing (item->truncated records it), so big
 * items fit a small window. 0 (the default) keeps strings whole. */
TAWS_API void taws_pager_set_string_cap(taws_pager_t *p, size_t cap);

/* TAWS_OK with *item filled (views valid until the next call), TAWS_DONE at the end, or an
 * error. After TAWS_ERR_ITEM_TOO_BIG (taws_pager_item_needed()), TAWS_ERR_JSON_TOKENS
 * (taws_pager_tokens_needed()) or an item decode error the iterator stays usable. */
TAWS_API taws_status_t taws_pager_next(taws_pager_t *p, void *item);

/* After TAWS_DONE: whether max_items stopped before the end, and the token to resume with. */
TAWS_API int taws_pager_truncated(const taws_pager_t *p);
TAWS_API taws_status_t taws_pager_resume_token(const taws_pager_t *p, taws_sink_t *out);
/* With no_paginate: the service's page token of the response as sent, "" included (p == NULL
 * when it was null or absent). */
TAWS_API taws_str_t taws_pager_page_token(const taws_pager_t *p);

/* ---- what the application reads ------------------------------------------------------------ */

/* After TAWS_ERR_PARAM: botocore's ParamValidationError text, one line per problem; "" else. */
TAWS_API const char *taws_pager_msg(const taws_pager_t *p);
/* After TAWS_ERR_ITEM_TOO_BIG: the window bytes the item needs. */
TAWS_API size_t taws_pager_item_needed(const taws_pager_t *p);
/* After TAWS_ERR_JSON_TOKENS: the tokens the item needs. */
TAWS_API unsigned taws_pager_tokens_needed(const taws_pager_t *p);
/* The window and token count given to taws_pager_begin(). */
TAWS_API size_t taws_pager_window_size(const taws_pager_t *p);
TAWS_API unsigned taws_pager_token_count(const taws_pager_t *p);
/* Responses read so far, and of those the ones that held the result member (even an empty
 * list: the AWS CLI's text output prints a page without it as "None"). */
TAWS_API uint32_t taws_pager_pages(const taws_pager_t *p);
TAWS_API uint32_t taws_pager_pages_with_result(const taws_pager_t *p);
/* Whether any response held the result list, or the listing asked for no item (max_items 0):
 * the AWS CLI prints the result key then, even for an empty list. */
TAWS_API int taws_pager_any_result(const taws_pager_t *p);

/* ---- configuration check ------------------------------------------------------------------
 * BearSSL's br_get_config() idea: the sizes and limits of config.h and the sizes of the public
 * structs shape memory that the application allocates and the library fills, so the two must
 * agree. taws_client_init() hands the library the application's view (taws_config_app(), built
 * from this list in the application's translation unit); the library compares it with its own
 * and refuses a mismatch with TAWS_ERR_CONFIG_MISMATCH, before touching anything. Behaviour
 * defaults that size nothing (timeouts, retry settings, TAWS_CLI_NAMES, TAWS_STATUS_NAMES,
 * TAWS_TLS_CA_FILE, TAWS_USER_AGENT) are the library's own and are not compared. Append only. */
#define TAWS_CONFIG_LIST(X)                                                                  \
    X(TAWS_HTTP_LINE_MAX) X(TAWS_HTTP_MAX_HEADERS) X(TAWS_TX_BUF_SIZE) X(TAWS_RX_BUF_SIZE)     \
    X(TAWS_HOST_MAX) X(TAWS_REGION_MAX) X(TAWS_SERVICE_MAX) X(TAWS_SIGV4_MAX_HEADERS)          \
    X(TAWS_SIGV4_MAX_QUERY) X(TAWS_QUERY_SCRATCH) X(TAWS_AUTH_HEADER_MAX)                      \
    X(TAWS_ACCESS_KEY_MAX) X(TAWS_SECRET_MAX) X(TAWS_RULES_STACK) X(TAWS_RULES_SLOTS)          \
    X(TAWS_WINDOW_SIZE) X(TAWS_JSON_MAX_TOKENS) X(TAWS_JSON_MAX_DEPTH) X(TAWS_JSON_KEY_MAX)    \
    X(TAWS_PAGE_TOKEN_MAX) X(TAWS_ERR_CODE_MAX) X(TAWS_ERR_MSG_MAX) X(TAWS_ERR_BODY_TOKENS)    \
    X(TAWS_TLS_RESUME) X(TAWS_TLS_CA_CERT_MAX) X(TAWS_TLS_CA_LINE_MAX)                         \
    X(MBEDTLS_VERSION_NUMBER) X(TAWS_TLS_PSA_RNG)                                              \
    X(sizeof(taws_status_t)) X(sizeof(taws_str_t)) X(sizeof(taws_sink_t))                      \
    X(sizeof(taws_memsink_t)) X(sizeof(taws_int_t)) X(sizeof(taws_time_t))                     \
    X(sizeof(taws_json_token_t)) X(sizeof(taws_list_t)) X(sizeof(taws_port_t))                 \
    X(sizeof(taws_credentials_t)) X(sizeof(taws_tls_t)) X(sizeof(taws_client_t))               \
    X(sizeof(taws_paginate_t)) X(sizeof(taws_pager_t))                                      \
    X(TAWS_CRED_KEY_ID_MAX) X(TAWS_CRED_SECRET_MAX) X(TAWS_CRED_TOKEN_MAX)                     \
    X(TAWS_CRED_MSG_MAX) X(TAWS_CRED_AUTH_TOKEN_MAX)                                           \
    X(sizeof(taws_cred_t)) X(sizeof(taws_cred_provider_t)) X(sizeof(taws_cred_static_t))       \
    X(sizeof(taws_cred_iot_t)) X(sizeof(taws_cred_container_t)) X(sizeof(taws_cred_imds_t))

#define TAWS_X_CONFIG_COUNT_(x) +1
#define TAWS_X_CONFIG_VALUE_(x) (uint32_t)(x),
enum { TAWS_CONFIG_COUNT = 0 TAWS_CONFIG_LIST(TAWS_X_CONFIG_COUNT_) };

typedef struct taws_config_s {
    uint32_t count;                    /* TAWS_CONFIG_COUNT of the headers it was built with */
    uint32_t value[TAWS_CONFIG_COUNT]; /* in TAWS_CONFIG_LIST's order */
} taws_config_t;

/* This translation unit's view of the configuration (what taws_client_init() passes). */
static inline const taws_config_t *taws_config_app(void)
{
    static const taws_config_t cfg = { TAWS_CONFIG_COUNT, { TAWS_CONFIG_LIST(TAWS_X_CONFIG_VALUE_) } };
    return &cfg;
}

/* NULL when app agrees with the library, else the name of the first setting that differs,
 * e.g. "TAWS_TX_BUF_SIZE" or "sizeof(taws_pager_t)"; "TAWS_CONFIG_COUNT" for headers of
 * another tinyaws version. After TAWS_ERR_CONFIG_MISMATCH:
 *   taws_config_mismatch(taws_config_app()) */
TAWS_API const char *taws_config_mismatch(const taws_config_t *app);

#ifdef __cplusplus
}
#endif

/* Typed begin/next per operation (generated): taws_list_async_invokes_next(&p, &item). */
#include "tinyaws/ops_iter.gen.h"

#endif /* TINYAWS_PAGER_H */
