/*
 * The pager: a pull iterator over one list operation that returns the next item across page
 * boundaries, as botocore's paginator does (MaxItems, PageSize, StartingToken, resume tokens
 * in botocore's format), from a fixed window whatever the page size.
 *
 * Failures are retried as the AWS SDKs' standard mode does (client->retry). A page that fails
 * after some of its items were handed out is asked for again and those items are skipped, so
 * no item is lost or repeated. A signature error with a server Date 5 minutes or more off our
 * clock makes the client adopt the server's time and sign again, once.
 *
 *   taws_pager_begin(&p, &client, &taws_op_list_async_invokes, &params, &cfg,
 *                    window, sizeof window, tokens, TAWS_JSON_MAX_TOKENS);
 *   while ((st = taws_pager_next(&p, &item)) == TAWS_OK) { ... item's views are valid here ... }
 *   if (st == TAWS_DONE && taws_pager_truncated(&p)) taws_pager_resume_token(&p, sink);
 */
#ifndef TINYAWS_PAGER_H
#define TINYAWS_PAGER_H

#include "tinyaws/client.h"
#include "tinyaws/ops.h"

typedef struct {
    taws_int_t max_items;       /* unset: every item; 0: none (a resume token for where we are) */
    taws_int_t page_size;       /* sent as the operation's limit key on every request */
    const char *starting_token; /* a resume token (botocore's or ours), or NULL */
    uint8_t no_paginate;        /* one request with params as given (maxResults, nextToken) */
} taws_paginate_t;

typedef struct {
    taws_client_t *client;
    const taws_op_t *op;
    const void *params;
    taws_paginate_t cfg;
    char *window;
    size_t window_cap;
    jsmntok_t *tokens;
    unsigned n_tokens;
    size_t string_cap;
    taws_json_stream_t js;
    taws_str_t pending;        /* body bytes not yet framed */

    uint8_t state;
    uint8_t limit_hit;         /* max_items returned; looking at what follows */
    uint8_t has_in;            /* the current page was asked for with a token */
    uint8_t cur;               /* which of tok[] holds the current page's token */
    uint8_t truncated;         /* stopped early: a resume token exists */
    uint8_t any_result;        /* some response held the result list (even empty) */
    uint8_t resume_has_token;
    uint8_t resume_has_amount;
    uint32_t resume_amount;
    uint32_t skip;             /* first-page items to skip (boto_truncate_amount) */
    uint32_t page_items;       /* items of the current page consumed, skipped ones included */
    uint32_t pages;            /* responses read */
    uint8_t attempt;           /* retries made for the current page request */
    uint8_t skew_fixed;        /* the clock offset was adopted once already */
    int64_t returned;          /* items handed out */
    size_t item_needed;        /* TAWS_ERR_ITEM_TOO_BIG: window bytes the item needs */
    unsigned tokens_needed;    /* TAWS_ERR_JSON_TOKENS: tokens the item needs */
    taws_status_t error;       /* a fatal error, repeated by later calls */
    char msg[TAWS_ERR_MSG_MAX];/* parameter validation messages */
    uint32_t pages_with_result;/* responses read that held the result key, even empty (the
                                  AWS CLI's text output shows a page without it as "None") */
    size_t tok_len[2];
    /* Page tokens; the slack also fits the JSON around a TAWS_PAGE_TOKEN_MAX token when a
     * starting token is decoded here (a window smaller than that is not used for it). */
    char tok[2][TAWS_PAGE_TOKEN_MAX + 64];
} taws_pager_t;

/* Validates the parameters (TAWS_ERR_PARAM, with p->msg) and decodes the starting token
 * (TAWS_ERR_BAD_TOKEN). Nothing is sent until the first taws_pager_next(). */
taws_status_t taws_pager_begin(taws_pager_t *p, taws_client_t *c, const taws_op_t *op,
                               const void *params, const taws_paginate_t *cfg, char *window,
                               size_t window_cap, jsmntok_t *tokens, unsigned n_tokens);
/* Cuts strings longer than cap raw bytes while framing (item->truncated records it), so big
 * items fit a small window. 0 (the default) keeps strings whole. */
void taws_pager_set_string_cap(taws_pager_t *p, size_t cap);

/* TAWS_OK with *item filled (views valid until the next call), TAWS_DONE at the end, or an
 * error. After TAWS_ERR_ITEM_TOO_BIG (p->item_needed), TAWS_ERR_JSON_TOKENS
 * (p->tokens_needed) or an item decode error the iterator stays usable. */
taws_status_t taws_pager_next(taws_pager_t *p, void *item);

/* After TAWS_DONE: whether max_items stopped before the end, and the token to resume with. */
int taws_pager_truncated(const taws_pager_t *p);
taws_status_t taws_pager_resume_token(const taws_pager_t *p, taws_sink_t *out);
/* With no_paginate: the service's page token of the response as sent, "" included (p == NULL
 * when it was null or absent). */
taws_str_t taws_pager_page_token(const taws_pager_t *p);

/* Typed begin/next per operation (generated): taws_list_async_invokes_next(&p, &item). */
#include "tinyaws/ops_iter.gen.h"

#endif
