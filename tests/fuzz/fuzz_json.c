/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: the list-response framer (src/json_stream.c) and the item decoder
 * (src/json_decode.c) for every generated operation.
 *
 * Input: 7 configuration bytes, then the response body.
 *   [0] operation (taws_ops[]), which gives the result key, the token key and the item shape
 *   [1] string cap (1..1009)            [2..3] small window (16..2048 bytes)
 *   [4] page-token buffer (0..127 bytes, or TAWS_PAGE_TOKEN_MAX when >= 128)
 *   [5] jsmn tokens for the first decode (2..65)   [6] seed of the random split
 *
 * The body is framed six ways and the runs are compared:
 *   ref      window >= the body, no cap, whole     the baseline
 *   small    small window, no cap, whole           == ref, but items > window are TOO_BIG
 *                                                  with item_needed == the ref item's size
 *   bytes    small window, no cap, byte by byte    == small, exactly
 *   random   small window, no cap, random pieces   == small, exactly
 *   cap_ref  window >= the body, cap, whole        the ref items with value strings cut: the
 *                                                  same JSON structure, each cut string a
 *                                                  prefix of <= cap raw bytes ending on a
 *                                                  character boundary, as long as possible
 *   cap      small window, cap, random pieces      == cap_ref, items > window TOO_BIG
 * Every item is decoded (with few tokens, then as many as asked for) and walked: views inside
 * the item, lists iterate their count; the capped decode must agree with the whole one.
 * Windows and the token buffer are ASan-fenced to their exact capacity.
 */
#include <string.h>
#include "json.h"
#include "tinyaws/ops.h"
#include "fuzz_util.h"
#include "json_ref.h"
#include "shape_walk.h"

#define CFG_BYTES 7
#define MAX_DOC 16384
#define SMALL_MAX 2048
#define TOKEN_BUF TAWS_PAGE_TOKEN_MAX
#define MAX_EVENTS (MAX_DOC / 2 + 2)
#define MAX_TOK (MAX_DOC / 2 + 2)

typedef struct {
    uint8_t ev;        /* taws_json_event_t */
    uint8_t truncated; /* item_truncated */
    size_t at;         /* stream offset just after the event */
    size_t len;        /* ITEM: item_len; TOO_BIG: item_needed */
    size_t off;        /* ITEM: where its bytes are in items[] */
} event_t;

typedef struct {
    event_t ev[MAX_EVENTS];
    size_t n_ev;
    char items[MAX_DOC]; /* framed items back to back */
    size_t items_len;
    taws_status_t st;    /* the error, or taws_json_finish() */
    int errored;
    size_t err_at;       /* stream offset of the byte that was refused */
    uint8_t has_token, saw_result;
    size_t token_len;
    char token[TOKEN_BUF];
} rec_t;

typedef struct {
    const taws_op_t *op;
    taws_str_t rk, tk;
    size_t small_cap, string_cap, token_cap;
    unsigned ntok;
    uint32_t seed;
} cfg_t;

static rec_t rec_ref, rec_small, rec_split, rec_cap_ref, rec_cap;
static jr_tok_t item_toks[MAX_DOC];
static char window_ref[MAX_DOC], window_small[SMALL_MAX], token_buf[TOKEN_BUF];

/* ---- framing ------------------------------------------------------------------------- */

static void record(rec_t *r, const taws_json_stream_t *js, taws_json_event_t ev, size_t at)
{
    event_t *e;
    FUZZ_CHECK(r->n_ev < MAX_EVENTS);
    e = &r->ev[r->n_ev++];
    memset(e, 0, sizeof *e);
    e->ev = (uint8_t)ev;
    e->at = at;
    e->truncated = js->item_truncated;
    if (ev == TAWS_JSON_ITEM) {
        FUZZ_CHECK(js->item_len <= js->window_cap);
        /* An element of the result array is an object, minified. */
        FUZZ_CHECK(js->item_len >= 2 && js->window[0] == '{' &&
                   js->window[js->item_len - 1] == '}');
        /* The framer validates every byte: whatever it hands out is one JSON value. */
        if (jr_parse(js->window, js->item_len, item_toks, MAX_DOC) < 0) {
            fuzz_dump("framed item", js->window, js->item_len);
            FUZZ_CHECK(!"a framed item is not valid JSON");
        }
        FUZZ_CHECK(r->items_len + js->item_len <= sizeof r->items);
        memcpy(r->items + r->items_len, js->window, js->item_len);
        e->off = r->items_len;
        e->len = js->item_len;
        r->items_len += js->item_len;
    } else if (ev == TAWS_JSON_ITEM_TOO_BIG) {
        FUZZ_CHECK(js->item_needed > js->window_cap);
        FUZZ_CHECK(js->item_len == 0);
        e->len = js->item_needed;
    }
}

static void frame(const cfg_t *c, const char *doc, size_t n, char *window, size_t wbuf,
                  size_t wcap, size_t string_cap, fuzz_split_t *sp, rec_t *r)
{
    taws_json_stream_t js;
    size_t off = 0;
    uint32_t items = 0;
    int ended = 0;

    r->n_ev = r->items_len = 0;
    r->errored = 0;
    r->err_at = 0;
    fuzz_fence(window, wcap, wbuf);
    fuzz_fence(token_buf, c->token_cap, TOKEN_BUF);
    taws_json_stream_init(&js, c->rk, c->tk, window, wcap, token_buf, c->token_cap, string_cap);

    while (off < n && !r->errored) {
        size_t piece = fuzz_split_next(sp, n - off), poff = 0;
        while (poff < piece) {
            size_t left = piece - poff, used = (size_t)-1;
            taws_json_event_t ev = (taws_json_event_t)77;
            taws_status_t st = taws_json_feed(&js, doc + off + poff, left, &used, &ev);
            FUZZ_CHECK_STATUS(st);
            FUZZ_CHECK(used <= left);
            if (st != TAWS_OK) {
                FUZZ_CHECK(st == TAWS_ERR_JSON_SYNTAX || st == TAWS_ERR_JSON_DEPTH ||
                           st == TAWS_ERR_JSON_TYPE || st == TAWS_ERR_JSON_UNICODE ||
                           st == TAWS_ERR_TOO_LONG);
                r->st = st;
                r->errored = 1;
                r->err_at = off + poff + used;
                break;
            }
            FUZZ_CHECK(ev == TAWS_JSON_MORE || ev == TAWS_JSON_ITEM ||
                       ev == TAWS_JSON_ITEM_TOO_BIG || ev == TAWS_JSON_END);
            if (ev == TAWS_JSON_MORE) {
                FUZZ_CHECK(used == left); /* MORE means everything was taken */
            } else {
                FUZZ_CHECK(used >= 1);
                record(r, &js, ev, off + poff + used);
            }
            if (ev == TAWS_JSON_ITEM || ev == TAWS_JSON_ITEM_TOO_BIG) {
                items++;
                if (string_cap == 0)
                    FUZZ_CHECK(!js.item_truncated);
            }
            if (ev == TAWS_JSON_END) {
                FUZZ_CHECK(!ended); /* reported once */
                ended = 1;
            }
            FUZZ_CHECK(js.items == items);
            FUZZ_CHECK(js.token_len <= c->token_cap);
            poff += used;
        }
        off += poff;
    }
    if (!r->errored) {
        r->st = taws_json_finish(&js);
        FUZZ_CHECK(r->st == (ended ? TAWS_OK : TAWS_ERR_JSON_TRUNCATED));
    }
    if (js.has_token)
        FUZZ_CHECK(js.token_len > 0);
    r->has_token = js.has_token;
    r->saw_result = js.saw_result;
    r->token_len = js.token_len;
    memcpy(r->token, token_buf, js.token_len);
    fuzz_unfence(window, wbuf);
    fuzz_unfence(token_buf, TOKEN_BUF);
}

/* Everything but the items themselves is independent of window, cap and split. */
static void same_outline(const rec_t *a, const rec_t *b)
{
    size_t i;
    FUZZ_CHECK(a->st == b->st && a->errored == b->errored && a->err_at == b->err_at);
    FUZZ_CHECK(a->has_token == b->has_token && a->saw_result == b->saw_result);
    FUZZ_CHECK(a->token_len == b->token_len && memcmp(a->token, b->token, a->token_len) == 0);
    FUZZ_CHECK(a->n_ev == b->n_ev);
    for (i = 0; i < a->n_ev; i++) {
        FUZZ_CHECK(a->ev[i].at == b->ev[i].at);
        FUZZ_CHECK((a->ev[i].ev == TAWS_JSON_END) == (b->ev[i].ev == TAWS_JSON_END));
    }
}

/* b framed with a window of `cap` what a framed with an unlimited one. */
static void same_but_window(const rec_t *a, const rec_t *b, size_t cap)
{
    size_t i;
    same_outline(a, b);
    for (i = 0; i < a->n_ev; i++) {
        const event_t *x = &a->ev[i], *y = &b->ev[i];
        FUZZ_CHECK(x->ev != TAWS_JSON_ITEM_TOO_BIG); /* a's window holds the whole body */
        if (x->ev != TAWS_JSON_ITEM)
            continue;
        FUZZ_CHECK(x->truncated == y->truncated);
        if (x->len <= cap) {
            FUZZ_CHECK(y->ev == TAWS_JSON_ITEM && y->len == x->len);
            FUZZ_CHECK(memcmp(a->items + x->off, b->items + y->off, x->len) == 0);
        } else {
            FUZZ_CHECK(y->ev == TAWS_JSON_ITEM_TOO_BIG && y->len == x->len);
        }
    }
}

static void same_exactly(const rec_t *a, const rec_t *b)
{
    size_t i;
    same_outline(a, b);
    for (i = 0; i < a->n_ev; i++) {
        const event_t *x = &a->ev[i], *y = &b->ev[i];
        FUZZ_CHECK(x->ev == y->ev && x->len == y->len && x->truncated == y->truncated);
        if (x->ev == TAWS_JSON_ITEM)
            FUZZ_CHECK(memcmp(a->items + x->off, b->items + y->off, x->len) == 0);
    }
}

/* ---- string cap ------------------------------------------------------------------------ */

static jr_tok_t toks_a[MAX_DOC], toks_b[MAX_DOC];

/* b is item a framed with value strings cut to `cap` raw bytes. Returns whether a is valid
 * JSON (always, now that the framer validates; kept as the guard for what is claimed). */
static int check_cut(const char *a, size_t la, const char *b, size_t lb, size_t cap,
                     int truncated)
{
    long na = jr_parse(a, la, toks_a, MAX_DOC), nb, i;
    int any_cut = 0;
    if (na < 0)
        return 0;
    nb = jr_parse(b, lb, toks_b, MAX_DOC);
    if (nb != na) {
        fuzz_dump("item", a, la);
        fuzz_dump("item cut", b, lb);
    }
    FUZZ_CHECK(nb == na); /* still JSON, with the same elements */
    for (i = 0; i < na; i++) {
        const jr_tok_t *x = &toks_a[i], *y = &toks_b[i];
        const char *sx = a + x->start, *sy = b + y->start;
        FUZZ_CHECK(x->kind == y->kind);
        if (x->kind != JR_STR || x->len <= cap) {
            /* Keys, numbers, literals, punctuation and short strings are kept as they are. */
            FUZZ_CHECK(x->len == y->len && memcmp(sx, sy, x->len) == 0);
            continue;
        }
        any_cut = 1;
        FUZZ_CHECK(y->len <= cap && memcmp(sx, sy, y->len) == 0);
        if (jr_utf8_valid(sx, x->len)) {
            /* Cut on a character boundary (never inside a UTF-8 sequence, an escape or a
             * surrogate pair), and no earlier than the cap forces. */
            size_t at = 0, u;
            while (at < y->len) {
                u = jr_unit_len(sx, x->len, at);
                FUZZ_CHECK(u > 0);
                at += u;
            }
            FUZZ_CHECK(at == y->len);
            u = jr_unit_len(sx, x->len, y->len);
            FUZZ_CHECK(u > 0 && y->len + u > cap);
        }
    }
    FUZZ_CHECK(truncated == any_cut);
    return 1;
}

static void same_but_cut(const rec_t *a, const rec_t *b, size_t cap, uint8_t *valid)
{
    size_t i;
    same_outline(a, b);
    for (i = 0; i < a->n_ev; i++) {
        const event_t *x = &a->ev[i], *y = &b->ev[i];
        valid[i] = 0;
        FUZZ_CHECK(x->ev == y->ev);
        if (x->ev != TAWS_JSON_ITEM)
            continue;
        FUZZ_CHECK(!x->truncated);
        FUZZ_CHECK(y->len <= x->len);
        valid[i] = (uint8_t)check_cut(a->items + x->off, x->len, b->items + y->off, y->len, cap,
                                      y->truncated);
    }
}

/* ---- decoding --------------------------------------------------------------------------- */

/* Decoded items live here; the other members are there only for the alignment. */
typedef union {
    long double ld;
    void *p;
    uint64_t u;
    unsigned char b[WALK_MAX_STRUCT];
} item_buf_t;

static char dec_js[2][MAX_DOC];
static taws_json_token_t dec_tok[2][MAX_TOK];
static item_buf_t dec_item[2];

/* Decodes item js[0..len) into slot k and checks the result; returns the status. */
static taws_status_t decode(const cfg_t *c, const char *js, size_t len, int k, int json_valid)
{
    const taws_shape_t *sh = c->op->item;
    unsigned needed = 0xdeadu;
    taws_status_t st;

    FUZZ_CHECK(sh->size <= sizeof dec_item[k].b);
    memcpy(dec_js[k], js, len);
    fuzz_fence(dec_js[k], len, MAX_DOC);
    memset(dec_item[k].b, 0xA5, sh->size);
    st = taws_decode(sh, dec_item[k].b, dec_js[k], len, dec_tok[k], c->ntok, &needed);
    FUZZ_CHECK_STATUS(st);
    if (st == TAWS_ERR_JSON_TOKENS) {
        unsigned again = 0xdeadu;
        FUZZ_CHECK(needed == 0 || (needed > c->ntok && needed <= MAX_TOK));
        memcpy(dec_js[k], js, len);
        memset(dec_item[k].b, 0xA5, sh->size);
        st = taws_decode(sh, dec_item[k].b, dec_js[k], len, dec_tok[k],
                         needed ? needed : MAX_TOK, &again);
        FUZZ_CHECK_STATUS(st);
        /* As many tokens as asked for are enough; "0 needed" only for a malformed item. */
        FUZZ_CHECK(st != TAWS_ERR_JSON_TOKENS);
        if (needed == 0)
            FUZZ_CHECK(st == TAWS_ERR_JSON_SYNTAX);
    }
    FUZZ_CHECK(st == TAWS_OK || st == TAWS_ERR_JSON_SYNTAX || st == TAWS_ERR_JSON_TYPE ||
               st == TAWS_ERR_JSON_DEPTH || st == TAWS_ERR_BAD_TIMESTAMP ||
               st == TAWS_ERR_BAD_NUMBER);
    /* Every framed item is valid JSON, so jsmn never finds it malformed. */
    (void)json_valid;
    FUZZ_CHECK(st != TAWS_ERR_JSON_SYNTAX);
    if (st == TAWS_OK)
        walk_check(sh, dec_item[k].b, dec_js[k], len);
    return st;
}

static uint8_t item_valid[MAX_EVENTS];

static void decode_all(const cfg_t *c, const rec_t *whole, const rec_t *capped)
{
    size_t i;
    for (i = 0; i < whole->n_ev; i++) {
        const event_t *x = &whole->ev[i], *y = &capped->ev[i];
        taws_status_t sa, sb;
        if (x->ev != TAWS_JSON_ITEM)
            continue;
        sa = decode(c, whole->items + x->off, x->len, 0, item_valid[i]);
        sb = decode(c, capped->items + y->off, y->len, 1, item_valid[i]);
        if (sa == TAWS_OK && item_valid[i]) {
            /* Cutting value strings can only break a timestamp. (Only for valid JSON: in
             * malformed items jsmn and the framer may disagree on what is a key.) */
            FUZZ_CHECK(sb == TAWS_OK || sb == TAWS_ERR_BAD_TIMESTAMP);
            if (sb == TAWS_OK)
                walk_compare_cut(c->op->item, dec_item[0].b, dec_item[1].b);
        }
        fuzz_unfence(dec_js[0], MAX_DOC);
        fuzz_unfence(dec_js[1], MAX_DOC);
    }
}

/* ---- entry ------------------------------------------------------------------------------ */

static size_t n_ops(void)
{
    size_t n = 0;
    while (taws_ops[n] != NULL)
        n++;
    FUZZ_CHECK(n > 0);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cfg_t c;
    fuzz_split_t sp;
    const char *doc = (const char *)data + CFG_BYTES;
    size_t n;
    if (size < CFG_BYTES || size - CFG_BYTES > MAX_DOC)
        return 0;
    n = size - CFG_BYTES;
    c.op = taws_ops[data[0] % n_ops()];
    c.rk.p = c.op->result_key;
    c.rk.n = strlen(c.op->result_key);
    c.tk.p = c.op->output_token;
    c.tk.n = strlen(c.op->output_token);
    c.string_cap = data[1] < 192 ? 1u + data[1] % 48u : 1u + (size_t)(data[1] - 192) * 16u;
    c.small_cap = 16u + (((size_t)data[2] << 8 | data[3]) % (SMALL_MAX - 15u));
    c.token_cap = data[4] < 128 ? data[4] : TOKEN_BUF;
    c.ntok = 2u + data[5] % 64u;
    c.seed = data[6] | 0x100u;

    /* Frame every way first (so a memory error shows as such), then compare. */
    fuzz_split_init(&sp, FUZZ_WHOLE, 0, 0);
    frame(&c, doc, n, window_ref, MAX_DOC, n, 0, &sp, &rec_ref);
    frame(&c, doc, n, window_ref, MAX_DOC, n, c.string_cap, &sp, &rec_cap_ref);
    frame(&c, doc, n, window_small, SMALL_MAX, c.small_cap, 0, &sp, &rec_small);
    fuzz_split_init(&sp, FUZZ_RANDOM, 1 + data[6] % 31u, c.seed * 7u);
    frame(&c, doc, n, window_small, SMALL_MAX, c.small_cap, c.string_cap, &sp, &rec_cap);

    same_but_window(&rec_ref, &rec_small, c.small_cap);
    same_but_cut(&rec_ref, &rec_cap_ref, c.string_cap, item_valid);
    same_but_window(&rec_cap_ref, &rec_cap, c.small_cap);

    /* Splitting the stream changes nothing at all. */
    fuzz_split_init(&sp, FUZZ_BYTES, 1, 0);
    frame(&c, doc, n, window_small, SMALL_MAX, c.small_cap, 0, &sp, &rec_split);
    same_exactly(&rec_small, &rec_split);
    fuzz_split_init(&sp, FUZZ_RANDOM, 1 + data[6] % 97u, c.seed);
    frame(&c, doc, n, window_small, SMALL_MAX, c.small_cap, 0, &sp, &rec_split);
    same_exactly(&rec_small, &rec_split);

    decode_all(&c, &rec_ref, &rec_cap_ref);
    return 0;
}
