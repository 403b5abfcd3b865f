/* SPDX-License-Identifier: MIT */
/*
 * JSON validation (issue 10): a table of valid and invalid JSON values, each run in five
 * places of a list response -- inside an item, as an unknown top-level member, as the result
 * value, as the page token, as the whole body -- fed whole, byte by byte and split in two at
 * every offset. An invalid value must fail with its status at its offending byte, whatever the
 * split; a valid one must list (or, where the model wants another type, fail with
 * TAWS_ERR_JSON_TYPE at the value). Then the limits, the model types of known members
 * through the decoder, and the page token's decoding.
 *
 * The tests are registered in test_json.c's suite (see the declarations there).
 */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "json.h"
#include "json_tok.h"
#include "shape.h"

void test_table_in_every_place_at_every_split(void);
void test_depth_limit_in_items_and_skipped_values(void);
void test_token_decoding_and_refusals(void);
void test_known_members_of_the_wrong_type(void);
void test_errors_stick(void);
void test_result_member_twice(void);

#define END (-1) /* the offending byte is the one after the value (here always a '}') */
#define SYN TAWS_ERR_JSON_SYNTAX
#define UNI TAWS_ERR_JSON_UNICODE

typedef struct {
    const char *text;
    size_t len;
    int status; /* TAWS_OK: a valid JSON value */
    int at;     /* offset in text of the first byte no valid value could have there, or END */
} frag_t;

#define GOOD(s) { s, sizeof s - 1, TAWS_OK, 0 }
#define BAD(s, at) { s, sizeof s - 1, SYN, at }
#define BADU(s, at) { s, sizeof s - 1, UNI, at }

/*
 * The offsets were worked out by hand from RFC 8259's grammar: the first byte at which the
 * text stops being the beginning of some valid value (in the value position of an object
 * member, followed by '}'). The table's rules, so that each verdict holds in every place:
 * no complete value followed by ',' or '}' (the enclosing object would take them), no
 * unclosed object or string at the end (the '}' after it would be taken), no member named
 * "items" or "nextToken". C's greedy \x escapes are split with "" where a hex digit follows.
 */
static const frag_t table[] = {
    /* ---- structure: commas, colons, member names, brackets ---- */
    BAD("[1,,2]", 3), BAD("[,1]", 1), BAD("[1,]", 3), BAD("{\"id\":0,}", 8),
    BAD("{\"a\":\"b\",,\"c\":\"d\"}", 9), BAD("[\"\": 1]", 3), BAD("{\"x\"::\"b\"}", 5),
    BAD("{:\"b\"}", 1), BAD("{\"a\" \"b\"}", 5), BAD("{\"a\":\"a\" 123}", 9), BAD("[3[4]]", 2),
    BAD("{\"a\":1,}", 7), BAD("[1 2]", 3), BAD("{\"a\":1 \"b\":2}", 7), BAD("{\"a\"}", 4),
    BAD("{\"a\":}", 5), BAD("{,}", 1), BAD("[}", 1), BAD("{]", 1), BAD("[1}", 2),
    BAD("{\"a\":1]", 6), BAD("]", 0), BAD("}", 0), BAD(",", 0), BAD(":", 0), BAD("[1,2", END),
    BAD("[", END), BAD("{\"a\"", END), BAD("{\"a\":", END), BAD("{\"a\":1,", END),
    BAD("[[[]]", END), BAD("{\"a\":{\"b\":1},}", 13), BAD("[1]]", 3), BAD("{\"a\":1}]", 7),
    BAD("{\"a\":1,,}", 7), BAD("{\"a\" : 1 , }", 11), BAD("[,]", 1), BAD("{\"a\":1}{", 7),
    BAD("[][]", 2), BAD("\"a\"\"b\"", 3), BAD("1 2", 2), BAD("{\"a\":1}x", 7),
    BAD("{'a':1}", 1), BAD("['a']", 1), BAD("[1,2,3,]", 7), BAD("{\"a\":[1,2,],\"b\":1}", 10),
    BAD("/* c */ 1", 0), BAD("1 // c", 2), BAD("[\"a\" \"b\"]", 5), BAD("{\"a\":1 ]", 7),
    BAD("[{\"a\":1}{\"b\":2}]", 8), BAD("{\"a\":[}", 6),
    GOOD("{}"), GOOD("[]"), GOOD("[[]]"), GOOD("[{}]"), GOOD("{\"a\":[]}"),
    GOOD("{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}"), GOOD("[1, 2 ,3]"),
    GOOD(" \t\n\r[ 1 ]\r\n\t "), GOOD("{\"\":\"\"}"), GOOD("{\"a\":1,\"a\":2}"),
    GOOD("{ \"a\" : 1 , \"b\" : [ ] }"), GOOD("[[[[[[[[[[]]]]]]]]]]"), GOOD("{\"a\":\"}]\\\"\"}"),
    GOOD("[\"\\\"\", \"]\", {}]"), GOOD("[{\"a\":1},{\"b\":[{}]}]"),
    /* ---- whitespace: only SP, HT, LF, CR ---- */
    BAD("[1,\f2]", 3), BAD("\v1", 0), BAD("\xc2\xa0" "1", 0), BAD("\xef\xbb\xbf{}", 0),
    BAD("[1,\x00" "2]", 3), BAD("", END), BAD("   ", END), BAD("[1,\x85" "2]", 3),
    BAD("{\"a\":\f1}", 5),
    /* ---- numbers: exactly -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? ---- */
    BAD("-01", 2), BAD("012", 1), BAD("1.", END), BAD("-2.", END), BAD("0.1.2", 3),
    BAD("1eE2", 2), BAD("0e+", END), BAD("0x1", 1), BAD("1+2", 1), BAD("-", END), BAD("- 1", 1),
    BAD("1 000.0", 2), BAD("+1", 0), BAD(".123", 0), BAD("1.2a-3", 3), BAD("00", 1),
    BAD("-00", 2), BAD("1e", END), BAD("1e-", END), BAD("1.e3", 2), BAD(".", 0),
    BAD("1.0e", END), BAD("--1", 1), BAD("-a", 1), BAD("1E+-2", 3), BAD("Infinity", 0),
    BAD("NaN", 0), BAD("-Infinity", 1), BAD("0.", END), BAD("1_000", 1), BAD("\xd9\xa1", 0),
    BAD("0e", END), BAD("1.5.", 3), BAD("01.5", 1), BAD("2.e", 2), BAD("1e1.5", 3),
    BAD("-.5", 1), BAD("1e5e5", 3), BAD("0.e1", 2), BAD("1ee", 2), BAD("[1.]", 3),
    BAD("[-]", 2), BAD("{\"a\":-}", 6), BAD("[01]", 2), BAD("0x", 1),
    GOOD("0"), GOOD("-0"), GOOD("1"), GOOD("-1"), GOOD("123456789012345678901234567890"),
    GOOD("1.5"), GOOD("-0.0"), GOOD("1e5"), GOOD("1E5"), GOOD("1e+5"), GOOD("1e-5"),
    GOOD("1.5E-10"), GOOD("0e0"), GOOD("-0.0e-0"), GOOD("20e1"), GOOD("[0,-0,0.0,1e9]"),
    GOOD("9007199254740993"), GOOD("1.7e308"), GOOD("[1e999]"),
    /* ---- literals and bare words ---- */
    BAD("tru", END), BAD("nul", END), BAD("fals", END), BAD("truth", 3), BAD("abc", 0),
    BAD("{a: \"b\"}", 1), BAD("{1:1}", 1), BAD("{null:null}", 1), BAD("True", 0),
    BAD("NULL", 0), BAD("nulll", 4), BAD("truefalse", 4), BAD("t", END), BAD("f", END),
    BAD("n", END), BAD("nan", 1), BAD("[true false]", 6), BAD("falsy", 4), BAD("nil", 1),
    BAD("undefined", 0), BAD("tRue", 1), BAD("[nul]", 4), BAD("nope", 1), BAD("nothing", 1),
    BAD("null1", 4),
    GOOD("true"), GOOD("false"), GOOD("null"), GOOD("[true,false,null]"),
    GOOD("{\"t\":true,\"f\":false,\"n\":null}"),
    /* ---- strings: no raw control characters, the nine escapes, \u with four hex digits ---- */
    BAD("\"a\x00" "b\"", 2), BAD("\"a\tb\"", 2), BAD("\"a\nb\"", 2), BAD("\"a\rb\"", 2),
    BAD("\"\x1f\"", 1), BAD("\"\x01\"", 1), BAD("\"\\x00\"", 2), BAD("\"\\a\"", 2),
    BAD("\"\\uqqqq\"", 3), BAD("\"\\u00A\"", 6), BAD("\"\\UA66D\"", 2), BAD("\"\\uD800\\u\"", 9),
    BAD("\"\\u\"", 3), BAD("\"\\'\"", 2), BAD("\"\\ \"", 2), BAD("\"\\0\"", 2),
    BAD("\"\\u12\"", 5), BAD("\"\\x41\"", 2), BAD("\"\\u00g0\"", 5), BAD("\"\\U0041\"", 2),
    BAD("{\"a\tb\":1}", 3), BAD("{\"\\q\":1}", 3),
    GOOD("\"\""), GOOD("\"a\""), GOOD("\"\\\"\""), GOOD("\"\\\\\""), GOOD("\"\\/\""),
    GOOD("\"\\b\\f\\n\\r\\t\""), GOOD("\"\\u0000\""), GOOD("\"\\u00e9\""), GOOD("\"\\u20AC\""),
    GOOD("\"\\uFFFF\""), GOOD("\"a\\u0041b\""), GOOD("\"x\x7fy\""), GOOD("\"}]\""),
    GOOD("\"\\\"}\""), GOOD("\"   \""), GOOD("{\"\\u0041\\n\":\"\\\\\"}"),
    /* ---- surrogates: a \u escape of a surrogate must be half of a high-low pair ---- */
    BADU("\"\\uD800\"", 7), BADU("\"\\uD800x\"", 7), BADU("\"\\uDC00\"", 4),
    BADU("\"\\uDFFF\"", 4), BADU("\"\\udc00\"", 4), BADU("\"\\uD800\\uD800\"", 10),
    BADU("\"\\uD800\\n\"", 8), BADU("\"\\uD800\\u0041\"", 9), BADU("\"\\uD800\\\\\"", 8),
    BADU("\"\\uDBFF\\uE000\"", 9), BADU("\"\\uD800\\uDBFF\"", 10), BADU("\"a\\uDE00b\"", 5),
    BADU("{\"\\uD800\":1}", 8), BADU("[\"\\uDC01\"]", 5),
    GOOD("\"\\uD83D\\uDE00\""), GOOD("\"\\udbff\\udfff\""), GOOD("\"\\uD834\\uDD1E x\""),
    GOOD("\"\\uD800\\uDC00\\uDBFF\\uDFFF\""),
    /* ---- UTF-8 (Unicode Table 3-7): shortest forms, no surrogates, at most U+10FFFF ---- */
    BADU("\"\x80\"", 1), BADU("\"\xbf\"", 1), BADU("\"\xc0\x80\"", 1), BADU("\"\xc1\xbf\"", 1),
    BADU("\"\xc2\"", 2), BADU("\"\xe0\x80\x80\"", 2), BADU("\"\xe0\x9f\xbf\"", 2),
    BADU("\"\xed\xa0\x80\"", 2), BADU("\"\xf0\x80\x80\x80\"", 2),
    BADU("\"\xf0\x8f\xbf\xbf\"", 2), BADU("\"\xf4\x90\x80\x80\"", 2),
    BADU("\"\xf5\x80\x80\x80\"", 1), BADU("\"\xff\"", 1), BADU("\"\xfe\"", 1),
    BADU("\"\xe2\x82\"", 3), BADU("\"\xf0\x9f\x98\"", 4), BADU("\"\xc3\xa9\xa9\"", 3),
    BADU("\"\xe2\x28\xa1\"", 2), BADU("\"\xf8\x88\x80\x80\x80\"", 1), BADU("\"ab\xc3" "c\"", 4),
    BADU("{\"\xc3\":1}", 3), BAD("\xc3\xa9", 0),
    GOOD("\"\xc2\x80\""), GOOD("\"\xdf\xbf\""), GOOD("\"\xe0\xa0\x80\""), GOOD("\"\xed\x9f\xbf\""),
    GOOD("\"\xee\x80\x80\""), GOOD("\"\xef\xbf\xbf\""), GOOD("\"\xf0\x90\x80\x80\""),
    GOOD("\"\xf4\x8f\xbf\xbf\""), GOOD("\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""),
    GOOD("{\"\xc3\xa9\":\"\xe2\x82\xac\"}"),
};

/* ---- running a document ------------------------------------------------------------------ */

typedef struct {
    taws_status_t st; /* the error, or taws_json_finish() */
    size_t at;        /* the error's offset in the document (the length when none) */
    int items;
    char bytes[2048]; /* every item, back to back */
    size_t bytes_len;
    int has_token;
    char token[256];
    size_t token_len;
} outcome_t;

/* Feeds doc whole (cut 0), byte by byte (bytewise) or in two pieces split at `cut`. */
static void run(const char *doc, size_t n, size_t cut, int bytewise, size_t cap, outcome_t *o)
{
    static char window[1024];
    taws_json_stream_t js;
    size_t pos = 0;
    o->st = TAWS_OK;
    o->at = n;
    o->items = 0;
    o->bytes_len = 0;
    taws_json_stream_init(&js, TAWS_LIT("items"), TAWS_LIT("nextToken"), window, sizeof window,
                          o->token, sizeof o->token, cap);
    while (pos < n) {
        size_t end = bytewise ? pos + 1 : (cut > pos ? cut : n);
        while (pos < end) {
            size_t used = 0;
            taws_json_event_t ev;
            taws_status_t st = taws_json_feed(&js, doc + pos, end - pos, &used, &ev);
            if (st != TAWS_OK) {
                o->st = st;
                o->at = pos + used;
                return;
            }
            pos += used;
            if (ev == TAWS_JSON_ITEM) {
                if (o->bytes_len + js.item_len <= sizeof o->bytes) {
                    memcpy(o->bytes + o->bytes_len, window, js.item_len);
                    o->bytes_len += js.item_len;
                }
                o->items++;
            } else if (ev == TAWS_JSON_ITEM_TOO_BIG || (ev == TAWS_JSON_MORE && used == 0)) {
                o->st = TAWS_ERR_STATE; /* the table's items are small; no progress would hang */
                return;
            }
        }
    }
    o->st = taws_json_finish(&js);
    o->has_token = js.has_token;
    o->token_len = js.token_len;
}

static int same_outcome(const outcome_t *a, const outcome_t *b)
{
    return a->st == b->st && a->at == b->at && a->items == b->items &&
           a->bytes_len == b->bytes_len && memcmp(a->bytes, b->bytes, a->bytes_len) == 0 &&
           a->has_token == b->has_token && a->token_len == b->token_len &&
           memcmp(a->token, b->token, a->token_len) == 0;
}

/* Runs doc whole, byte by byte and split at every offset: the same outcome every time. */
static int run_all_splits(const char *doc, size_t n, size_t cap, outcome_t *whole)
{
    static outcome_t other;
    size_t cut;
    run(doc, n, 0, 0, cap, whole);
    run(doc, n, 0, 1, cap, &other);
    if (!same_outcome(whole, &other))
        return 0;
    for (cut = 1; cut < n; cut++) {
        run(doc, n, cut, 0, cap, &other);
        if (!same_outcome(whole, &other))
            return -(int)cut;
    }
    return 1;
}

/* ---- what each place must give ------------------------------------------------------------ */

enum { IN_ITEM, AS_MEMBER, AS_RESULT, AS_TOKEN, AS_BODY, N_PLACES };
static const char *const place_name[N_PLACES] = { "inside an item", "as an unknown member",
                                                  "as the result", "as the token", "as the body" };
static const char *const place_pre[N_PLACES] = { "{\"items\":[{\"k\":", "{\"items\":[{}],\"x\":",
                                                 "{\"nextToken\":\"t\",\"items\":",
                                                 "{\"items\":[],\"nextToken\":", "" };
static const char *const place_post[N_PLACES] = { "}]}", "}", "}", "}", "" };

typedef struct {
    taws_status_t st;
    size_t at;  /* in the document */
    int weak;   /* only: an error, st or TAWS_ERR_JSON_TYPE, at or before `at` */
    int items;  /* TAWS_OK: how many */
} expect_t;

static int value_start(unsigned char c)
{
    return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' ||
           c == 'f' || c == 'n';
}

static size_t skip_tok(const jsmntok_t *t, size_t i, size_t n)
{
    int pending = 1;
    while (pending > 0 && i < n) {
        pending += t[i].size - 1;
        i++;
    }
    return i;
}

/* A valid value as the result: null, or an array whose elements are all objects (the type
 * error is at the first element that is not one). Told apart with the tokenizer (jsmn), not the framer. */
static void expect_result_of_valid(const frag_t *f, size_t pre, expect_t *e)
{
    static jsmntok_t t[128];
    int n, i;
    size_t k;
    n = taws_json_tokenize(f->text, f->len, t, 128);
    e->st = TAWS_OK;
    e->items = 0;
    if (n <= 0 || t[0].type != JSMN_ARRAY)
        return; /* null: the caller only comes here with '[' or 'n' */
    for (i = 0, k = 1; i < t[0].size; i++, k = skip_tok(t, k, (size_t)n)) {
        if (t[k].type != JSMN_OBJECT) {
            e->st = TAWS_ERR_JSON_TYPE;
            e->at = pre + (size_t)t[k].start - (t[k].type == JSMN_STRING);
            return;
        }
        e->items++;
    }
}

static void expect_for(int place, const frag_t *f, expect_t *e)
{
    size_t pre = strlen(place_pre[place]), p = 0;
    size_t own = pre + (f->at == END ? f->len : (size_t)f->at);
    unsigned char c0;
    while (p < f->len && (f->text[p] == ' ' || f->text[p] == '\t' || f->text[p] == '\n' ||
                          f->text[p] == '\r'))
        p++;
    c0 = p < f->len ? (unsigned char)f->text[p] : 0;
    /* By default the value's own verdict. */
    e->st = (taws_status_t)f->status;
    e->at = f->status == TAWS_OK ? pre + f->len + strlen(place_post[place]) : own;
    e->weak = 0;
    e->items = 0;
    switch (place) {
    case IN_ITEM:
        e->items = f->status == TAWS_OK;
        break;
    case AS_MEMBER:
        e->items = 1; /* the item before it */
        break;
    case AS_RESULT:
        if (p == f->len || c0 == 'n')
            break;
        if (c0 == '[') {
            if (f->status == TAWS_OK)
                expect_result_of_valid(f, pre, e);
            else
                e->weak = 1; /* a non-object element may fail first, as a type error */
            break;
        }
        if (value_start(c0) && (f->status == TAWS_OK || (size_t)f->at != p)) {
            e->st = TAWS_ERR_JSON_TYPE;
            e->at = pre + p;
        }
        break;
    case AS_TOKEN:
        if (p == f->len || c0 == 'n' || c0 == '"')
            break;
        if (value_start(c0)) {
            e->st = TAWS_ERR_JSON_TYPE;
            e->at = pre + p;
        }
        break;
    default: /* AS_BODY */
        if (p == f->len) {
            e->st = TAWS_ERR_JSON_TRUNCATED;
            e->at = f->len;
        } else if (c0 == '{') {
            if (f->status != TAWS_OK && f->at == END) {
                e->st = TAWS_ERR_JSON_TRUNCATED; /* the body ends where the '}' was */
                e->at = f->len;
            }
        } else if (value_start(c0)) {
            e->st = TAWS_ERR_JSON_TYPE;
            e->at = p;
        }
        break;
    }
}

/* The value without insignificant whitespace: what the framer must copy into the window. */
static size_t minify(const char *s, size_t n, char *out)
{
    size_t i, w = 0;
    int in_str = 0, esc = 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (esc)
                esc = 0;
            else if (c == '\\')
                esc = 1;
            else if (c == '"')
                in_str = 0;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            continue;
        } else if (c == '"') {
            in_str = 1;
        }
        out[w++] = c;
    }
    return w;
}

static void show(const char *what, const char *s, size_t n)
{
    size_t i;
    printf("    %s: ", what);
    for (i = 0; i < n; i++)
        printf((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f ? "%c" : "\\x%02x",
               (unsigned char)s[i]);
    printf("\n");
}

/* One table entry in one place, with string cap `cap` (only inside an item). */
static void check_place(const frag_t *f, int place, size_t cap)
{
    static char doc[512], want_item[512];
    static outcome_t o;
    expect_t e;
    size_t pre = strlen(place_pre[place]), post = strlen(place_post[place]), n;
    int split;
    memcpy(doc, place_pre[place], pre);
    memcpy(doc + pre, f->text, f->len);
    memcpy(doc + pre + f->len, place_post[place], post);
    n = pre + f->len + post;
    expect_for(place, f, &e);
    split = run_all_splits(doc, n, cap, &o);
    if (split != 1)
        show("document", doc, n);
    CHECK_MSG(split == 1, "%s: the outcome depends on the split (%s %d)", place_name[place],
              split == 0 ? "byte by byte" : "cut at", split < 0 ? -split : 0);
    if (e.weak ? (o.st != e.st && o.st != TAWS_ERR_JSON_TYPE) || o.at > e.at
               : o.st != e.st || o.at != e.at)
        show("document", doc, n);
    if (e.weak) {
        CHECK_MSG(o.st == e.st || o.st == TAWS_ERR_JSON_TYPE, "%s: got %s at %u, want %s or a type error",
                  place_name[place], taws_status_name(o.st), (unsigned)o.at, taws_status_name(e.st));
        CHECK_MSG(o.at <= e.at, "%s: %s at %u, after the offending byte %u", place_name[place],
                  taws_status_name(o.st), (unsigned)o.at, (unsigned)e.at);
        return;
    }
    CHECK_MSG(o.st == e.st && o.at == e.at, "%s (cap %u): got %s at %u, want %s at %u",
              place_name[place], (unsigned)cap, taws_status_name(o.st), (unsigned)o.at,
              taws_status_name(e.st), (unsigned)e.at);
    CHECK_INT(o.items, e.items);
    if (e.st == TAWS_OK) {
        if (place == IN_ITEM && cap == 0) {
            size_t w = 0;
            memcpy(want_item, "{\"k\":", 5);
            w = 5 + minify(f->text, f->len, want_item + 5);
            want_item[w++] = '}';
            CHECK_MEM(o.bytes, o.bytes_len, want_item, w);
        }
        if (place == AS_TOKEN)
            CHECK_INT(o.has_token, f->text[0] == '"' && f->len > 2);
    }
}

void test_table_in_every_place_at_every_split(void)
{
    size_t i;
    int place, bad = 0, good = 0;
    for (i = 0; i < sizeof table / sizeof table[0]; i++) {
        const frag_t *f = &table[i];
        for (place = 0; place < N_PLACES; place++) {
            check_place(f, place, 0);
            if (check_failed_now()) {
                show("value", f->text, f->len);
                return;
            }
        }
        /* A string cap changes what is kept, never what is refused or where. */
        check_place(f, IN_ITEM, 2);
        if (check_failed_now()) {
            show("value", f->text, f->len);
            return;
        }
        if (f->status == TAWS_OK)
            good++;
        else
            bad++;
    }
    CHECK(bad > 150 && good > 60); /* the table is what it claims to be */
}

/* ---- limits -------------------------------------------------------------------------------- */

/* TAWS_JSON_MAX_DEPTH counts every container from the top-level object down, skipped values
 * and the token's neighbours alike; the refusal is at the first bracket too many. */
void test_depth_limit_in_items_and_skipped_values(void)
{
    static char doc[256];
    static outcome_t o;
    int place, extra;
    for (place = 0; place < 2; place++) {
        /* Containers above the value: the top-level object, then the array and the element. */
        int above = place == IN_ITEM ? 3 : 1;
        for (extra = 0; extra < 2; extra++) {
            int k = TAWS_JSON_MAX_DEPTH - above + extra, j;
            size_t n = 0, pre = strlen(place_pre[place]);
            memcpy(doc, place_pre[place], pre);
            n = pre;
            for (j = 0; j < k; j++)
                doc[n++] = '[';
            for (j = 0; j < k; j++)
                doc[n++] = ']';
            memcpy(doc + n, place_post[place], strlen(place_post[place]));
            n += strlen(place_post[place]);
            CHECK(run_all_splits(doc, n, 0, &o) == 1);
            if (extra == 0) {
                CHECK_ST(o.st, TAWS_OK);
            } else {
                CHECK_ST(o.st, TAWS_ERR_JSON_DEPTH);
                CHECK_INT(o.at, pre + (size_t)k - 1);
            }
        }
    }
    /* Objects count the same as arrays. */
    {
        size_t n = (size_t)sprintf(doc, "{\"x\":"), j;
        for (j = 0; j + 1 < TAWS_JSON_MAX_DEPTH; j++)
            n += (size_t)sprintf(doc + n, "{\"a\":");
        n += (size_t)sprintf(doc + n, "{");
        CHECK(run_all_splits(doc, n, 0, &o) == 1);
        CHECK_ST(o.st, TAWS_ERR_JSON_DEPTH);
        CHECK_INT(o.at, n - 1);
    }
}

/* The token is decoded (escapes, pairs) and refused when it is no string of Unicode. */
void test_token_decoding_and_refusals(void)
{
    static const struct {
        const char *doc;
        const char *token; /* NULL: no token */
        size_t token_len;
        taws_status_t st;
        size_t at;
    } cases[] = {
        { "{\"nextToken\":\"a\\/b\\u00e9\\uD83D\\uDE00\\n\"}", "a/b\xc3\xa9\xf0\x9f\x98\x80\n", 10,
          TAWS_OK, 0 },
        { "{\"nextToken\":\"\\u0000\"}", "\0", 1, TAWS_OK, 0 },
        { "{\"nextToken\":\"t\",\"nextToken\":null}", NULL, 0, TAWS_OK, 0 },
        { "{\"nextToken\":null,\"nextToken\":\"u\"}", "u", 1, TAWS_OK, 0 },
        { "{\"nextToken\":\"\\uD800\"}", NULL, 0, TAWS_ERR_JSON_UNICODE, 20 },
        { "{\"nextToken\":\"\xed\xa0\x80\"}", NULL, 0, TAWS_ERR_JSON_UNICODE, 15 },
        { "{\"nextToken\":nothing}", NULL, 0, TAWS_ERR_JSON_SYNTAX, 14 },
        { "{\"nextToken\":5}", NULL, 0, TAWS_ERR_JSON_TYPE, 13 },
        { "{\"nextToken\":[\"t\"]}", NULL, 0, TAWS_ERR_JSON_TYPE, 13 },
        { "{\"nextToken\":{}}", NULL, 0, TAWS_ERR_JSON_TYPE, 13 },
        { "{\"nextToken\":true}", NULL, 0, TAWS_ERR_JSON_TYPE, 13 },
        { "{\"items\":nope}", NULL, 0, TAWS_ERR_JSON_SYNTAX, 10 },
        { "{\"items\":{}}", NULL, 0, TAWS_ERR_JSON_TYPE, 9 },
        { "{\"items\":\"\"}", NULL, 0, TAWS_ERR_JSON_TYPE, 9 },
        { "{\"items\":[null]}", NULL, 0, TAWS_ERR_JSON_TYPE, 10 },
        { "{\"items\":[{},[]]}", NULL, 0, TAWS_ERR_JSON_TYPE, 13 },
        { "{\"items\":[{}],}", NULL, 0, TAWS_ERR_JSON_SYNTAX, 14 },
        { "{\"items\":[{},]}", NULL, 0, TAWS_ERR_JSON_SYNTAX, 13 },
        { "{\"items\":null,\"nextToken\":null}", NULL, 0, TAWS_OK, 0 },
        { "{\"items\":[]} \r\n\t", NULL, 0, TAWS_OK, 0 },
        { "{\"items\":[]}\f", NULL, 0, TAWS_ERR_JSON_SYNTAX, 12 },
        { "{\"items\":[]}{}", NULL, 0, TAWS_ERR_JSON_SYNTAX, 12 },
        { "{\"items\":[]}\x00", NULL, 0, TAWS_ERR_JSON_SYNTAX, 12 },
    };
    static outcome_t o;
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = strlen(cases[i].doc);
        if (i == sizeof cases / sizeof cases[0] - 1)
            n = 13; /* the NUL */
        CHECK_MSG(run_all_splits(cases[i].doc, n, 0, &o) == 1, "case %u", (unsigned)i);
        CHECK_MSG(o.st == cases[i].st, "case %u: %s", (unsigned)i, taws_status_name(o.st));
        if (o.st != TAWS_OK) {
            CHECK_INT(o.at, cases[i].at);
            continue;
        }
        CHECK_INT(o.has_token, cases[i].token != NULL);
        if (cases[i].token)
            CHECK_MEM(o.token, o.token_len, cases[i].token, cases[i].token_len);
    }
}

/* An error sticks: feeding on after it reads nothing and returns it again, and finishing
 * returns it too, so no caller can resume past a refused byte into a "complete" document. */
void test_errors_stick(void)
{
    static const char doc[] = "{\"items\":[{\"a\":1,}]} ";
    static char window[64], token[8];
    taws_json_stream_t js;
    taws_json_event_t ev;
    size_t used;
    taws_json_stream_init(&js, TAWS_LIT("items"), TAWS_LIT("nextToken"), window, sizeof window, token,
                          sizeof token, 0);
    CHECK_ST(taws_json_feed(&js, doc, 18, &used, &ev), TAWS_ERR_JSON_SYNTAX);
    CHECK_INT(used, 17);
    CHECK_ST(taws_json_feed(&js, doc + 18, sizeof doc - 1 - 18, &used, &ev), TAWS_ERR_JSON_SYNTAX);
    CHECK_INT(used, 0);
    CHECK_ST(taws_json_feed(&js, doc, 0, &used, &ev), TAWS_ERR_JSON_SYNTAX);
    CHECK_ST(taws_json_finish(&js), TAWS_ERR_JSON_SYNTAX);
}

/* A second result member (botocore keeps the last array): refused at its value, every split;
 * the first one's items stand, the listing does not end. A second token is kept, as botocore. */
void test_result_member_twice(void)
{
    static const char *const docs[] = {
        "{\"items\":[{\"a\":1}],\"items\":[{\"b\":2}]}",
        "{\"items\":null,\"x\":1,\"items\":[]}",
        "{\"items\":[],\"nextToken\":\"t\",\"items\":null}",
    };
    static const size_t at[] = { 27, 28, 36 }; /* the second value's first byte */
    static outcome_t o;
    size_t i;
    for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        size_t n = strlen(docs[i]);
        CHECK(run_all_splits(docs[i], n, 0, &o) == 1);
        CHECK_ST(o.st, TAWS_ERR_JSON_DUPLICATE);
        CHECK_INT(o.at, at[i]);
        CHECK_INT(o.items, i == 0 ? 1 : 0);
    }
    {
        static const char two_tokens[] = "{\"nextToken\":\"a\",\"items\":[],\"nextToken\":\"bc\"}";
        CHECK(run_all_splits(two_tokens, sizeof two_tokens - 1, 0, &o) == 1);
    }
    CHECK_ST(o.st, TAWS_OK);
    CHECK_INT(o.token_len, 2);
}

/* ---- model types, as the pager meets them: framed, then decoded ----------------------------- */

typedef struct {
    const taws_op_t *op;
    const char *item;
    taws_status_t st;
} typed_case_t;

void test_known_members_of_the_wrong_type(void)
{
    static const typed_case_t cases[] = {
        /* a string member given a number, a literal, an object, an array */
        { &taws_op_list_async_invokes, "{\"invocationArn\":5}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_async_invokes, "{\"invocationArn\":true}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_async_invokes, "{\"status\":{}}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_async_invokes, "{\"status\":[\"Failed\"]}", TAWS_ERR_JSON_TYPE },
        { &taws_op_describe_maintenance_window_execution_task_invocations, "{\"Parameters\":{\"a\":1}}",
          TAWS_ERR_JSON_TYPE },
        /* an object member given a string, a number, an array, false; nested ones too */
        { &taws_op_list_async_invokes, "{\"outputDataConfig\":\"s3://x\"}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_async_invokes, "{\"outputDataConfig\":1}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_async_invokes, "{\"outputDataConfig\":[]}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_async_invokes, "{\"outputDataConfig\":false}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_async_invokes, "{\"outputDataConfig\":{\"s3OutputDataConfig\":\"x\"}}",
          TAWS_ERR_JSON_TYPE },
        { &taws_op_list_async_invokes, "{\"outputDataConfig\":{\"s3OutputDataConfig\":{\"s3Uri\":1}}}",
          TAWS_ERR_JSON_TYPE },
        /* a list member given a string, an object, a number; elements of the wrong type */
        { &taws_op_list_model_copy_jobs, "{\"targetModelTags\":\"x\"}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_copy_jobs, "{\"targetModelTags\":{\"key\":\"k\"}}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_copy_jobs, "{\"targetModelTags\":3}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_copy_jobs, "{\"targetModelTags\":[\"x\"]}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_copy_jobs, "{\"targetModelTags\":[null]}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_copy_jobs, "{\"targetModelTags\":[[]]}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_copy_jobs, "{\"targetModelTags\":[{\"key\":5}]}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_copy_jobs, "{\"targetModelTags\":[{\"key\":\"k\"},{\"value\":[]}]}",
          TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_invocation_jobs, "{\"vpcConfig\":{\"subnetIds\":[1]}}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_invocation_jobs, "{\"vpcConfig\":{\"subnetIds\":[null]}}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_invocation_jobs, "{\"vpcConfig\":{\"subnetIds\":\"subnet-1\"}}",
          TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_invocation_jobs, "{\"vpcConfig\":{\"securityGroupIds\":[{}]}}",
          TAWS_ERR_JSON_TYPE },
        /* integers and timestamps given strings, literals, containers */
        { &taws_op_list_model_invocation_jobs, "{\"timeoutDurationInHours\":\"72\"}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_invocation_jobs, "{\"timeoutDurationInHours\":true}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_invocation_jobs, "{\"totalRecordCount\":[]}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_invocation_jobs, "{\"totalRecordCount\":{}}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_invocation_jobs, "{\"timeoutDurationInHours\":1.5}", TAWS_ERR_BAD_NUMBER },
        { &taws_op_list_model_invocation_jobs, "{\"timeoutDurationInHours\":1e2}", TAWS_ERR_BAD_NUMBER },
        { &taws_op_list_model_invocation_jobs, "{\"totalRecordCount\":-9223372036854775808}", TAWS_OK },
        { &taws_op_list_model_invocation_jobs, "{\"totalRecordCount\":-9223372036854775809}",
          TAWS_ERR_BAD_NUMBER },
        { &taws_op_list_model_invocation_jobs, "{\"totalRecordCount\":9223372036854775808}",
          TAWS_ERR_BAD_NUMBER },
        { &taws_op_list_model_invocation_jobs, "{\"timeoutDurationInHours\":-2147483648}", TAWS_OK },
        { &taws_op_list_model_invocation_jobs, "{\"timeoutDurationInHours\":-2147483649}",
          TAWS_ERR_BAD_NUMBER },
        { &taws_op_list_model_import_jobs, "{\"creationTime\":true}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_import_jobs, "{\"creationTime\":false}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_import_jobs, "{\"creationTime\":{}}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_import_jobs, "{\"creationTime\":[1]}", TAWS_ERR_JSON_TYPE },
        { &taws_op_list_model_import_jobs, "{\"creationTime\":\"yesterday\"}", TAWS_ERR_BAD_TIMESTAMP },
        /* what is fine: nulls for any member, unknown members of any type, the right types */
        { &taws_op_list_model_copy_jobs, "{\"jobArn\":null,\"targetModelTags\":null,\"creationTime\":null}",
          TAWS_OK },
        { &taws_op_list_model_copy_jobs, "{\"targetModelTags\":[{\"key\":\"k\",\"value\":null,\"x\":[1]}]}",
          TAWS_OK },
        { &taws_op_list_model_import_jobs, "{\"jobarn\":5,\"x\":{\"jobArn\":5},\"y\":[true]}", TAWS_OK },
        { &taws_op_list_model_import_jobs, "{\"creationTime\":1700000000.5,\"endTime\":\"2024-01-01T00:00:00Z\"}",
          TAWS_OK },
        { &taws_op_list_model_invocation_jobs, "{\"vpcConfig\":{\"subnetIds\":[],\"securityGroupIds\":[\"sg\"]},"
          "\"totalRecordCount\":-0}", TAWS_OK },
    };
    static char doc[512], window[512], token[16];
    static taws_json_token_t tok[64];
    static uint64_t item[64]; /* any item struct, aligned */
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const taws_op_t *op = cases[i].op;
        taws_json_stream_t js;
        taws_str_t rk = { op->result_key, strlen(op->result_key) };
        taws_str_t tk = { op->output_token, strlen(op->output_token) };
        size_t n = (size_t)sprintf(doc, "{\"%s\":[%s]}", op->result_key, cases[i].item), used;
        taws_json_event_t ev;
        CHECK(op->item->size <= sizeof item);
        taws_json_stream_init(&js, rk, tk, window, sizeof window, token, sizeof token, 0);
        CHECK_ST(taws_json_feed(&js, doc, n, &used, &ev), TAWS_OK);
        CHECK_MSG(ev == TAWS_JSON_ITEM, "case %u: framed", (unsigned)i);
        CHECK_MSG(taws_decode(op->item, item, window, js.item_len, tok, 64, NULL) == cases[i].st,
                  "case %u: %s: want %s", (unsigned)i, cases[i].item, taws_status_name(cases[i].st));
    }
}
