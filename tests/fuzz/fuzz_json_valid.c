/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: every byte validated (issue 10). The framer (src/json_stream.c) and the
 * item decoder (src/json_decode.c) against an independent strict validator written for this
 * harness (json_valid_ref.c): they must agree on accept/reject, and on more -- the status, the
 * offset of the offending byte, the elements framed before it (minified, byte for byte), each
 * element's verdict from the model's types, and the page token.
 *
 * Input: 4 configuration bytes, then the data.
 *   [0] operation (taws_ops[])   [1] where the data goes   [2] which item member (place 6)
 *   [3] seed of the random split
 * Places, with R the operation's result key and T its token key:
 *   0 the whole body                       4 the result value:      {"T":"t","R":<data>}
 *   1 an unknown member of an item:        5 the token:             {"R":[],"T":<data>}
 *      {"R":[{"x":<data>}]}                6 a known member of an item (the model's type
 *   2 the elements: {"R":[<data>]}            applies): {"R":[{"<member>":<data>}]}
 *   3 an unknown top-level member:
 *      {"R":[{}],"x":<data>}
 * The body is framed whole and in random pieces (which must agree exactly), each framed item
 * decoded as the pager does.
 */
#include <string.h>
#include "json.h"
#include "tinyaws/ops.h"
#include "fuzz_util.h"
#include "json_valid_ref.h"

#define CFG_BYTES 4
#define MAX_DATA 8192
#define MAX_DOC JSV_MAX_DOC
#define MAX_TOK (MAX_DOC / 2 + 2)
#define MAX_ITEM_STRUCT 1024

typedef struct {
    taws_status_t st;
    size_t at;
    size_t n_items;
    size_t off[MAX_DOC / 2], len[MAX_DOC / 2];
    char bytes[MAX_DOC];
    size_t bytes_len;
    int has_token;
    char token[MAX_DOC];
    size_t token_len;
} run_t;

static char doc[MAX_DOC], window[MAX_DOC], token_buf[MAX_DOC];
static run_t whole, split;
static jsv_result_t ref;
static char item_js[MAX_DOC];
static taws_json_token_t tok[MAX_TOK];
static union {
    long double ld;
    void *p;
    uint64_t u;
    unsigned char b[MAX_ITEM_STRUCT];
} item;

static void frame(const taws_op_t *op, size_t n, fuzz_split_t *sp, run_t *r)
{
    taws_json_stream_t js;
    taws_str_t rk = { op->result_key, strlen(op->result_key) };
    taws_str_t tk = { op->output_token, strlen(op->output_token) };
    size_t off = 0;
    r->st = TAWS_OK;
    r->at = n;
    r->n_items = 0;
    r->bytes_len = 0;
    taws_json_stream_init(&js, rk, tk, window, sizeof window, token_buf, sizeof token_buf, 0);
    while (off < n) {
        size_t piece = fuzz_split_next(sp, n - off), poff = 0;
        while (poff < piece) {
            size_t used = (size_t)-1;
            taws_json_event_t ev;
            taws_status_t st = taws_json_feed(&js, doc + off + poff, piece - poff, &used, &ev);
            FUZZ_CHECK(used <= piece - poff);
            if (st != TAWS_OK) {
                r->st = st;
                r->at = off + poff + used;
                return;
            }
            FUZZ_CHECK(ev != TAWS_JSON_ITEM_TOO_BIG); /* the window holds the whole body */
            FUZZ_CHECK(ev != TAWS_JSON_MORE || used == piece - poff);
            if (ev == TAWS_JSON_ITEM) {
                r->off[r->n_items] = r->bytes_len;
                r->len[r->n_items] = js.item_len;
                memcpy(r->bytes + r->bytes_len, window, js.item_len);
                r->bytes_len += js.item_len;
                r->n_items++;
            }
            poff += used;
        }
        off += poff;
    }
    r->st = taws_json_finish(&js);
    r->has_token = js.has_token;
    r->token_len = js.token_len;
    memcpy(r->token, token_buf, js.token_len);
}

static int same_run(const run_t *a, const run_t *b)
{
    size_t i;
    if (a->st != b->st || a->at != b->at || a->n_items != b->n_items ||
        a->bytes_len != b->bytes_len || memcmp(a->bytes, b->bytes, a->bytes_len) != 0)
        return 0;
    for (i = 0; i < a->n_items; i++)
        if (a->len[i] != b->len[i])
            return 0;
    if (a->st == TAWS_OK && (a->has_token != b->has_token || a->token_len != b->token_len ||
                             memcmp(a->token, b->token, a->token_len) != 0))
        return 0;
    return 1;
}

static void disagree(const char *what, size_t n)
{
    fuzz_dump("body", doc, n);
    fprintf(stderr, "framer: %s at %zu, %zu items; reference: %s at %zu, %zu items\n",
            taws_status_name(whole.st), whole.at, whole.n_items,
            taws_status_name((taws_status_t)ref.status), ref.at, ref.n_items);
    fprintf(stderr, "invariant failed: %s\n", what);
    abort();
}

/* The models' lists of structures hold only strings: so checking a list's element types
 * before or while walking its elements (the decoder does the former) gives the same status. */
static void check_list_elements_are_strings(const taws_shape_t *sh, int depth)
{
    unsigned i;
    FUZZ_CHECK(depth < 8);
    for (i = 0; i < sh->n_fields; i++) {
        const taws_field_t *f = &sh->fields[i];
        if (f->type == TAWS_T_STRUCT)
            check_list_elements_are_strings(f->shape, depth + 1);
        if (f->type == TAWS_T_LIST && f->elem_type == TAWS_T_STRUCT) {
            unsigned k;
            for (k = 0; k < f->shape->n_fields; k++)
                FUZZ_CHECK(f->shape->fields[k].type == TAWS_T_STRING);
        }
    }
}

static size_t put(size_t n, const char *s)
{
    size_t k = strlen(s);
    memcpy(doc + n, s, k);
    return n + k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const taws_op_t *op;
    jsv_cfg_t cfg;
    fuzz_split_t sp;
    size_t n_ops = 0, n = 0, i, len;
    int place, accept, ref_accept;
    if (size < CFG_BYTES || size - CFG_BYTES > MAX_DATA)
        return 0;
    while (taws_ops[n_ops] != NULL)
        n_ops++;
    op = taws_ops[data[0] % n_ops];
    check_list_elements_are_strings(op->item, 0);
    place = data[1] % 7;
    len = size - CFG_BYTES;

    /* The body: the data in its place. */
    if (place == 0) {
        memcpy(doc, data + CFG_BYTES, len);
        n = len;
    } else {
        const char *R = op->result_key, *T = op->output_token;
        n = put(n, "{\"");
        if (place == 4) {
            n = put(n, T);
            n = put(n, "\":\"t\",\"");
        }
        n = put(n, R);
        n = put(n, "\":");
        if (place == 1)
            n = put(n, "[{\"x\":");
        else if (place == 2)
            n = put(n, "[");
        else if (place == 3)
            n = put(n, "[{}],\"x\":");
        else if (place == 5) {
            n = put(n, "[],\"");
            n = put(n, T);
            n = put(n, "\":");
        } else if (place == 6) {
            const taws_field_t *f = &op->item->fields[data[2] % op->item->n_fields];
            n = put(n, "[{\"");
            memcpy(doc + n, f->name, f->name_len);
            n += f->name_len;
            n = put(n, "\":");
        }
        memcpy(doc + n, data + CFG_BYTES, len);
        n += len;
        n = put(n, place == 1 || place == 6 ? "}]}" : place == 2 ? "]}" : "}");
    }
    FUZZ_CHECK(n <= MAX_DOC);

    cfg.result_key = op->result_key;
    cfg.token_key = op->output_token;
    cfg.item = op->item;
    cfg.max_depth = TAWS_JSON_MAX_DEPTH;
    jsv_check(&cfg, doc, n, &ref);

    fuzz_split_init(&sp, FUZZ_WHOLE, 0, 0);
    frame(op, n, &sp, &whole);
    if ((int)whole.st != ref.status || whole.at != ref.at)
        disagree("the framer and the reference disagree on the status or its offset", n);
    if (whole.n_items != ref.n_items)
        disagree("the framer and the reference disagree on the elements before it", n);
    for (i = 0; i < ref.n_items; i++)
        if (whole.len[i] != ref.items[i].len ||
            memcmp(whole.bytes + whole.off[i], ref.bytes + ref.items[i].off, ref.items[i].len) != 0) {
            fuzz_dump("framed", whole.bytes + whole.off[i], whole.len[i]);
            fuzz_dump("reference", ref.bytes + ref.items[i].off, ref.items[i].len);
            disagree("a framed element differs from the reference's", n);
        }
    if (whole.st == TAWS_OK &&
        (whole.has_token != ref.has_token || whole.token_len != ref.token_len ||
         memcmp(whole.token, ref.token, ref.token_len) != 0)) {
        fuzz_dump("token", whole.token, whole.token_len);
        fuzz_dump("reference token", ref.token, ref.token_len);
        disagree("the page token differs", n);
    }

    /* Any split gives the very same run. */
    fuzz_split_init(&sp, FUZZ_RANDOM, 1 + data[3] % 61u, data[3] | 0x100u);
    frame(op, n, &sp, &split);
    FUZZ_CHECK(same_run(&whole, &split));

    /* Each element decoded as the pager does: its verdict is the model's. */
    accept = whole.st == TAWS_OK;
    ref_accept = ref.status == TAWS_OK;
    FUZZ_CHECK(op->item->size <= sizeof item.b);
    for (i = 0; i < whole.n_items; i++) {
        unsigned needed = 0;
        taws_status_t st;
        memcpy(item_js, whole.bytes + whole.off[i], whole.len[i]);
        fuzz_fence(item_js, whole.len[i], sizeof item_js);
        st = taws_decode(op->item, item.b, item_js, whole.len[i], tok, MAX_TOK, &needed);
        fuzz_unfence(item_js, sizeof item_js);
        if ((int)st != ref.items[i].verdict) {
            fuzz_dump("item", whole.bytes + whole.off[i], whole.len[i]);
            fprintf(stderr, "decoded: %s, reference: %s\n", taws_status_name(st),
                    taws_status_name((taws_status_t)ref.items[i].verdict));
            disagree("the decoder and the reference disagree on an element's types", n);
        }
        accept &= st == TAWS_OK;
        ref_accept &= ref.items[i].verdict == TAWS_OK;
    }
    /* The point of it all: a listing succeeds exactly when the reference accepts the body. */
    if (accept != ref_accept)
        disagree("accept/reject differs", n);
    return 0;
}
