/* SPDX-License-Identifier: MIT */
/*
 * Pull iterator across pages. One request at a time; items are framed from the body as it
 * arrives and decoded in the window; the next page is asked for on the same connection.
 * MaxItems/StartingToken follow botocore's PageIterator exactly, including where a resume
 * token points (the current page's token plus the items consumed from it).
 */
#include <string.h>
#include "client_internal.h"
#include "conn.h"
#include "json.h"
#include "params.h"
#include "resume_token.h"
#include "retry.h"
#include "shape.h"

enum { P_SEND, P_BODY, P_DRAIN, P_PAGE_END, P_DONE, P_ERROR };

#define IN_TOK(p) ((p)->tok[(p)->cur])
#define OUT_TOK(p) ((p)->tok[(p)->cur ^ 1])

static taws_status_t fail(taws_pager_t *p, taws_status_t st)
{
    p->state = P_ERROR;
    p->error = st;
    taws_conn_close(&p->client->conn);
    return st;
}

static void page_args(const taws_pager_t *p, taws_page_args_t *a)
{
    a->active = !p->cfg.no_paginate;
    a->limit = p->cfg.page_size;
    a->token.p = p->has_in ? IN_TOK(p) : NULL;
    a->token.n = p->has_in ? p->tok_len[p->cur] : 0;
}

taws_status_t taws_pager_begin(taws_pager_t *p, taws_client_t *c, const taws_op_t *op,
                               const void *params, const taws_paginate_t *cfg, char *window,
                               size_t window_cap, taws_json_token_t *tokens, unsigned n_tokens)
{
    taws_page_args_t a;
    memset(p, 0, sizeof *p - sizeof p->tok);
    p->client = c;
    p->op = op;
    p->params = params;
    p->cfg = *cfg;
    p->window = window;
    p->window_cap = window_cap;
    p->tokens = tokens;
    p->n_tokens = n_tokens;
    p->state = P_SEND;
    if (window_cap < 16 || n_tokens < 2 || (cfg->max_items.set && cfg->max_items.v < 0))
        return fail(p, TAWS_ERR_ARG);
    if (cfg->starting_token && !cfg->no_paginate) {
        taws_str_t in = { cfg->starting_token, strlen(cfg->starting_token) };
        int has;
        /* Scratch for the decoded base64: the window or the spare token buffer, the larger. */
        char *scratch = window_cap >= sizeof p->tok[0] ? window : OUT_TOK(p);
        size_t scratch_cap = window_cap >= sizeof p->tok[0] ? window_cap : sizeof p->tok[0];
        taws_status_t st = taws_resume_token_decode(in, op->input_token, scratch, scratch_cap,
                                                    IN_TOK(p), sizeof p->tok[0], &p->tok_len[p->cur],
                                                    &has, &p->skip);
        if (st != TAWS_OK)
            return fail(p, st == TAWS_ERR_TOO_LONG ? st : TAWS_ERR_BAD_TOKEN);
        p->has_in = (uint8_t)has;
    }
    page_args(p, &a);
    {
        taws_status_t st = taws_params_validate(op, params, &a, p->msg, sizeof p->msg);
        if (st != TAWS_OK) {
            p->state = P_ERROR;
            p->error = st;
            return st;
        }
    }
    return TAWS_OK;
}

void taws_pager_set_string_cap(taws_pager_t *p, size_t cap)
{
    p->string_cap = cap;
}

static taws_status_t send_page(taws_pager_t *p)
{
    taws_page_args_t a;
    taws_status_t st;
    p->page_items = 0; /* counts this attempt's items, whatever happens to it */
    p->pending.p = NULL;
    p->pending.n = 0;
    page_args(p, &a);
    st = taws_client_request(p->client, p->op, p->params, &a);
    if (st != TAWS_OK)
        return st;
    if (p->client->resp.status < 200 || p->client->resp.status > 299)
        return taws_client_read_error(p->client, p->op, p->window, p->window_cap);
    taws_retry_success(&p->client->retry, p->attempt > 0);
    {
        taws_str_t rk = { p->op->result_key, strlen(p->op->result_key) };
        taws_str_t tk = { p->op->output_token, strlen(p->op->output_token) };
        taws_json_stream_init(&p->js, rk, tk, p->window, p->window_cap, OUT_TOK(p),
                              sizeof p->tok[0], p->string_cap);
    }
    return TAWS_OK;
}

/* Stops early because max_items were handed out and another item follows on this page. */
static taws_status_t stop_mid_page(taws_pager_t *p)
{
    p->truncated = 1;
    p->resume_has_token = p->has_in;
    p->resume_has_amount = 1;
    p->resume_amount = p->page_items - 1;
    p->state = P_DONE;
    taws_conn_close(&p->client->conn); /* the rest of the body is not read */
    return TAWS_DONE;
}

static taws_status_t on_item(taws_pager_t *p, taws_json_event_t ev, void *item)
{
    taws_status_t st;
    p->page_items++;
    p->any_result = 1;
    if (p->limit_hit)
        return stop_mid_page(p);
    if (p->skip > 0) {
        p->skip--; /* already delivered before the starting token was made */
        return TAWS_DONE;
    }
    p->returned++;
    if (p->cfg.max_items.set && p->returned == p->cfg.max_items.v)
        p->limit_hit = 1;
    if (ev == TAWS_JSON_ITEM_TOO_BIG) {
        p->item_needed = p->js.item_needed;
        return TAWS_ERR_ITEM_TOO_BIG;
    }
    st = taws_decode(p->op->item, item, p->window, p->js.item_len, p->tokens, p->n_tokens,
                     &p->tokens_needed);
    if (st == TAWS_OK)
        *(uint8_t *)item = p->js.item_truncated; /* items start with `uint8_t truncated` */
    return st;
}

/* After a failed attempt at the current page: retry it when standard mode says so, skipping
 * the items of the page already consumed. TAWS_OK means "send the page again". */
static taws_status_t retry_or_fail(taws_pager_t *p, taws_status_t st)
{
    taws_client_t *c = p->client;
    int is_service = st == TAWS_ERR_SERVICE;
    taws_retry_kind_t kind = taws_retry_kind(st, is_service ? c->http_status : 0,
                                             is_service ? c->err_code : NULL);
    uint32_t delay = 0;

    c->retries = p->attempt;
    c->max_attempts_reached = 0;
    /* The credentials provider failed before the page was sent: it has made its own attempts
     * (as botocore's providers do; a failed credential lookup is not a retried request), and
     * sending the page again would only ask it again, multiplying its attempts. */
    if (c->provider != NULL && c->cred_status != TAWS_OK)
        return st;
    /* Credentials from the provider refused as expired (the clock said they were not, or the
     * service revoked them early): ask the provider again and re-send the page, once. */
    if (is_service && !p->cred_refreshed && taws_client_cred_expired_refusal(c, c->err_code)) {
        p->cred_refreshed = 1;
        if (c->debug)
            (void)taws_sink_str(c->debug, "* credentials refused as expired: asking the provider again\n");
        goto again;
    }
    if (is_service && !p->skew_fixed && taws_retry_is_skew_code(c->err_code) && c->aws.has_date) {
        int64_t ours = c->port->wall_time(c->port->ctx) + c->clock_offset_s;
        int64_t off = c->aws.date - ours;
        if (off >= TAWS_CLOCK_SKEW_S || off <= -TAWS_CLOCK_SKEW_S) {
            c->clock_offset_s += off; /* devices without an RTC live on this */
            p->skew_fixed = 1;
            if (c->debug)
                (void)taws_sink_str(c->debug, "* clock skew: adopting the server's Date, signing again\n");
            goto again;
        }
    }
    if (kind == TAWS_RETRY_NO)
        return st;
    if (p->attempt + 1 >= c->retry.max_attempts) {
        c->max_attempts_reached = 1;
        return st;
    }
    if (!taws_retry_acquire(&c->retry, kind))
        return st; /* the retry quota is spent: fail fast */
    {
        uint8_t r[4] = { 0, 0, 0, 0 };
        (void)c->port->random(c->port->ctx, r, sizeof r);
        delay = taws_retry_delay_ms(&c->retry, p->attempt + 1u,
                                    (uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 | (uint32_t)r[2] << 8 | r[3],
                                    is_service && c->aws.has_retry_after, c->aws.retry_after_ms);
    }
    if (taws_conn_time_left(&c->conn, delay + 1) <= delay)
        return TAWS_ERR_TIMEOUT; /* waiting would pass the call's deadline */
    if (c->debug)
        (void)taws_sink_str(c->debug, "* retrying after a retryable failure\n");
    if (delay)
        c->port->sleep_ms(c->port->ctx, delay);
    p->attempt++;
    c->retries = p->attempt;
again:
    if (!is_service)
        taws_conn_close(&c->conn); /* a service error left the connection usable */
    p->skip += p->page_items; /* exactly once: what was handed out is not handed out again */
    p->page_items = 0;
    p->state = P_SEND;
    return TAWS_OK;
}

static taws_status_t page_end(taws_pager_t *p)
{
    int has_out = p->js.has_token;
    size_t out_len = p->js.token_len;
    taws_client_end(p->client);
    p->pages++;
    p->pages_with_result += p->js.saw_result;
    p->attempt = 0;
    p->cred_refreshed = 0;
    p->any_result |= p->js.saw_result;
    p->skip = 0; /* a starting truncation applies to the first page only */
    if (p->cfg.no_paginate || !has_out) {
        p->state = P_DONE;
        return TAWS_DONE;
    }
    if (p->limit_hit) { /* max_items ended exactly at a page boundary */
        p->truncated = 1;
        p->resume_has_token = 1;
        p->resume_has_amount = 0;
        p->cur ^= 1;
        p->tok_len[p->cur] = out_len;
        p->has_in = 1;
        p->state = P_DONE;
        return TAWS_DONE;
    }
    if (p->has_in && out_len == p->tok_len[p->cur] && memcmp(OUT_TOK(p), IN_TOK(p), out_len) == 0)
        return fail(p, TAWS_ERR_TOKEN_REPEATED);
    p->cur ^= 1;
    p->tok_len[p->cur] = out_len;
    p->has_in = 1;
    p->state = P_SEND;
    return TAWS_OK;
}

taws_status_t taws_pager_next(taws_pager_t *p, void *item)
{
    taws_status_t st;
    if (p->state == P_SEND && p->pages == 0 && p->cfg.max_items.set && p->cfg.max_items.v == 0 &&
        !p->cfg.no_paginate) {
        /* MaxItems 0: nothing is asked for; the resume token points where we start (botocore
         * fetches a page and drops it, printing its empty result list: so does the CLI). */
        p->truncated = 1;
        p->resume_has_token = p->has_in;
        p->resume_has_amount = 1;
        p->resume_amount = p->skip;
        p->any_result = 1;
        p->state = P_DONE;
        return TAWS_DONE;
    }
    if (p->state != P_DONE && p->state != P_ERROR)
        taws_conn_set_deadline(&p->client->conn, p->client->call_timeout_ms);
    for (;;) {
        switch (p->state) {
        case P_SEND:
            st = send_page(p);
            if (st != TAWS_OK) {
                if ((st = retry_or_fail(p, st)) != TAWS_OK)
                    return fail(p, st);
                break;
            }
            p->state = P_BODY;
            break;
        case P_BODY:
        case P_DRAIN:
            if (p->pending.n == 0) {
                st = taws_client_body(p->client, &p->pending);
                if (st != TAWS_OK) {
                    if ((st = retry_or_fail(p, st)) != TAWS_OK)
                        return fail(p, st);
                    break;
                }
                if (p->pending.n == 0) { /* end of body */
                    st = taws_json_finish(&p->js);
                    if (st != TAWS_OK)
                        return fail(p, st);
                    p->state = P_PAGE_END;
                    break;
                }
            }
            {
                size_t used;
                taws_json_event_t ev;
                st = taws_json_feed(&p->js, p->pending.p, p->pending.n, &used, &ev);
                if (st != TAWS_OK)
                    return fail(p, st);
                p->pending.p += used;
                p->pending.n -= used;
                if (ev == TAWS_JSON_END) {
                    p->state = P_DRAIN; /* read the rest: trailing whitespace, last chunk */
                } else if (ev == TAWS_JSON_ITEM || ev == TAWS_JSON_ITEM_TOO_BIG) {
                    st = on_item(p, ev, item);
                    if (st != TAWS_DONE || p->state == P_DONE)
                        return st;
                }
            }
            break;
        case P_PAGE_END:
            st = page_end(p);
            if (st != TAWS_OK)
                return st;
            break;
        case P_DONE:
            return TAWS_DONE;
        default:
            return p->error;
        }
    }
}

TAWS_GETTER(int, taws_pager_truncated, taws_pager_t, truncated)

taws_status_t taws_pager_resume_token(const taws_pager_t *p, taws_sink_t *out)
{
    taws_str_t tok = TAWS_STR_NULL;
    if (!p->truncated)
        return TAWS_DONE;
    if (p->resume_has_token) {
        tok.p = IN_TOK(p);
        tok.n = p->tok_len[p->cur];
    }
    return taws_resume_token_encode(out, p->op->input_token, tok, p->resume_has_amount,
                                    p->resume_amount);
}

TAWS_GETTER(const char *, taws_pager_msg, taws_pager_t, msg)
TAWS_GETTER(size_t, taws_pager_item_needed, taws_pager_t, item_needed)
TAWS_GETTER(unsigned, taws_pager_tokens_needed, taws_pager_t, tokens_needed)
TAWS_GETTER(size_t, taws_pager_window_size, taws_pager_t, window_cap)
TAWS_GETTER(unsigned, taws_pager_token_count, taws_pager_t, n_tokens)
TAWS_GETTER(uint32_t, taws_pager_pages, taws_pager_t, pages)
TAWS_GETTER(uint32_t, taws_pager_pages_with_result, taws_pager_t, pages_with_result)
TAWS_GETTER(int, taws_pager_any_result, taws_pager_t, any_result)

taws_str_t taws_pager_page_token(const taws_pager_t *p)
{
    taws_str_t t = TAWS_STR_NULL;
    if (p->pages > 0 && p->js.token_string) { /* "" too: the service sent it */
        t.p = OUT_TOK(p);
        t.n = p->js.token_len;
    }
    return t;
}
