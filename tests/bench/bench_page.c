/* SPDX-License-Identifier: MIT */
/*
 * One saved response body (a 1,000-item page) through the framer and the typed decoder, as
 * the pager does it: fed in TAWS_RX_BUF_SIZE pieces, each framed item tokenized by jsmn and
 * decoded into the operation's item struct.
 *
 *   bench_page <body.json> async|ssm <reps> frame|decode [<window-bytes>]
 *
 * frame: taws_json_feed only; decode: taws_json_feed + taws_decode. Prints one JSON line
 * (items, bytes, the page token's length); callgrind counts bench_measured_pages only.
 */
#include "json.h" /* white-box: the framer and the decoder on their own */
#include "shape.h"
#include "bench_common.h"

static char body[8u * 1024u * 1024u];
static char window[16384];
static char token[TAWS_PAGE_TOKEN_MAX];
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];
static uint64_t item[256];

typedef struct {
    unsigned long items, pages;
    size_t token_len;
} result_t;

static taws_status_t one_page(const taws_op_t *op, const char *in, size_t n, size_t win,
                              int decode, result_t *r)
{
    taws_json_stream_t js;
    taws_str_t rk = { op->result_key, strlen(op->result_key) };
    taws_str_t tk = { op->output_token, strlen(op->output_token) };
    size_t off = 0;
    taws_json_stream_init(&js, rk, tk, window, win, token, sizeof token, 0);
    while (off < n) {
        size_t piece = n - off < TAWS_RX_BUF_SIZE ? n - off : TAWS_RX_BUF_SIZE;
        size_t at = 0;
        while (at < piece) {
            taws_json_event_t ev;
            size_t used;
            TAWS_TRY(taws_json_feed(&js, in + off + at, piece - at, &used, &ev));
            at += used;
            if (ev == TAWS_JSON_ITEM_TOO_BIG)
                return TAWS_ERR_ITEM_TOO_BIG;
            if (ev == TAWS_JSON_ITEM) {
                r->items++;
                if (decode)
                    TAWS_TRY(taws_decode(op->item, item, window, js.item_len, tokens,
                                         TAWS_JSON_MAX_TOKENS, NULL));
            }
        }
        off += piece;
    }
    TAWS_TRY(taws_json_finish(&js));
    r->pages++;
    r->token_len = js.has_token ? js.token_len : 0;
    return TAWS_OK;
}

BENCH_MEASURED static taws_status_t bench_measured_pages(const taws_op_t *op, const char *in,
                                                         size_t n, size_t win, int decode,
                                                         long reps, result_t *r)
{
    long i;
    for (i = 0; i < reps; i++)
        TAWS_TRY(one_page(op, in, n, win, decode, r));
    return TAWS_OK;
}

int main(int argc, char **argv)
{
    const taws_op_t *op;
    size_t n, win = sizeof window;
    long reps;
    int decode;
    result_t r = { 0, 0, 0 };
    taws_status_t st;
    if (argc < 5) {
        fprintf(stderr, "usage: bench_page <body.json> async|ssm <reps> frame|decode [window]\n");
        return 2;
    }
    n = bench_load(argv[1], body, sizeof body);
    op = bench_op(argv[2]);
    reps = bench_arg(argv[3], 1);
    decode = strcmp(argv[4], "decode") == 0;
    if (!decode && strcmp(argv[4], "frame") != 0)
        return 2;
    if (argc > 5)
        win = (size_t)bench_arg(argv[5], 16);
    if (win > sizeof window)
        return 2;
    st = bench_measured_pages(op, body, n, win, decode, reps, &r);
    printf("{\"status\": \"%s\", \"items\": %lu, \"pages\": %lu, \"bytes\": %lu, \"token_len\": %lu}\n",
           taws_status_name(st), r.items, r.pages, (unsigned long)n, (unsigned long)r.token_len);
    return st == TAWS_OK ? 0 : 1;
}
