/* SPDX-License-Identifier: MIT */
/* The reference validator of list responses (see json_valid_ref.h). */
#include <string.h>
#include "json_valid_ref.h"
#include "tinyaws/status.h"
#include "timeutil.h"

/* What the model wants of a value inside an element. */
enum { W_ANY, W_STRING, W_TIME, W_INT32, W_INT64, W_STRUCT, W_STR_LIST, W_STRUCT_LIST, W_LIST_STR,
       W_LIST_STRUCT };

typedef struct {
    const jsv_cfg_t *cfg;
    const unsigned char *s;
    size_t n, i;
    jsv_result_t *r;
    int failed;        /* an error or the end of the input was met: unwind */
    unsigned depth;
    int verdict;       /* the current element's first model verdict */
    unsigned result_members; /* times the result key was seen at the top level */
    char str[JSV_MAX_DOC]; /* the last string read, decoded */
    size_t str_len;
} jsv_t;

static int fail(jsv_t *v, int st, size_t at)
{
    if (!v->failed) {
        v->failed = 1;
        v->r->status = st;
        v->r->at = at;
    }
    return 0;
}

static int ended(jsv_t *v)
{
    return fail(v, TAWS_ERR_JSON_TRUNCATED, v->n);
}

static void ws(jsv_t *v)
{
    while (v->i < v->n && (v->s[v->i] == 0x20 || v->s[v->i] == 0x09 || v->s[v->i] == 0x0A ||
                           v->s[v->i] == 0x0D))
        v->i++;
}

static int begins_value(unsigned char c)
{
    return strchr("{[\"-0123456789tfn", c) != NULL && c != 0;
}

static void model(jsv_t *v, int st)
{
    if (v->verdict == TAWS_OK)
        v->verdict = st;
}

/* ---- strings ---------------------------------------------------------------------------- */

static void put(jsv_t *v, unsigned long cp)
{
    char *o = v->str + v->str_len;
    if (cp < 0x80) {
        o[0] = (char)cp;
        v->str_len += 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        v->str_len += 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        v->str_len += 3;
    } else {
        o[0] = (char)(0xF0 | cp >> 18);
        o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[3] = (char)(0x80 | (cp & 0x3F));
        v->str_len += 4;
    }
}

/* Can a UTF-8 sequence of `len` bytes whose code point lies in [lo, hi] still be valid?
 * (Shortest form, not a surrogate, at most U+10FFFF.) */
static int utf8_viable(unsigned long lo, unsigned long hi, int len)
{
    static const unsigned long min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    static const unsigned long max[5] = { 0, 0, 0x7FF, 0xFFFF, 0x10FFFF };
    unsigned long a = lo > min[len] ? lo : min[len], b = hi < max[len] ? hi : max[len];
    return a <= b && !(a >= 0xD800 && b <= 0xDFFF);
}

static int utf8_sequence(jsv_t *v)
{
    unsigned char c = v->s[v->i];
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0, k;
    unsigned long cp;
    if (len == 0)
        return fail(v, TAWS_ERR_JSON_UNICODE, v->i);
    cp = c & (0x7Fu >> len);
    for (k = 1;; k++) {
        int rest = len - k;
        unsigned long lo = cp << (6 * rest), hi = lo | ((1ul << (6 * rest)) - 1);
        if (!utf8_viable(lo, hi, len))
            return fail(v, TAWS_ERR_JSON_UNICODE, v->i + (size_t)k - 1);
        if (rest == 0)
            break;
        if (v->i + (size_t)k >= v->n)
            return ended(v);
        c = v->s[v->i + (size_t)k];
        if ((c & 0xC0) != 0x80)
            return fail(v, TAWS_ERR_JSON_UNICODE, v->i + (size_t)k);
        cp = cp << 6 | (c & 0x3Fu);
    }
    put(v, cp);
    v->i += (size_t)len;
    return 1;
}

static int hex(unsigned char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The escape at s[i] == '\'. *high is the pending high surrogate (0 if none). */
static int escape(jsv_t *v, unsigned long *high)
{
    static const char simple[] = "\"\\/bfnrt", value[] = "\"\\/\b\f\n\r\t";
    unsigned char c;
    unsigned long u = 0;
    int k;
    v->i++;
    if (v->i >= v->n)
        return ended(v);
    c = v->s[v->i];
    if (*high && c != 'u')
        return fail(v, TAWS_ERR_JSON_UNICODE, v->i);
    if (c != 'u') {
        const char *p = c ? strchr(simple, c) : NULL;
        if (p == NULL)
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
        put(v, (unsigned char)value[p - simple]);
        v->i++;
        return 1;
    }
    for (k = 0; k < 4; k++) {
        unsigned long lo, hi;
        int h;
        v->i++;
        if (v->i >= v->n)
            return ended(v);
        h = hex(v->s[v->i]);
        if (h < 0)
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
        u = u << 4 | (unsigned long)h;
        lo = u << (4 * (3 - k));
        hi = lo | ((1ul << (4 * (3 - k))) - 1);
        /* After a high surrogate only a low one; never a low one alone. */
        if (*high ? (hi < 0xDC00 || lo > 0xDFFF) : (lo >= 0xDC00 && hi <= 0xDFFF))
            return fail(v, TAWS_ERR_JSON_UNICODE, v->i);
    }
    v->i++;
    if (*high) {
        put(v, 0x10000 + ((*high - 0xD800) << 10) + (u - 0xDC00));
        *high = 0;
    } else if (u >= 0xD800 && u <= 0xDBFF) {
        *high = u;
    } else {
        put(v, u);
    }
    return 1;
}

/* A string at s[i] == '"', decoded into v->str. */
static int string(jsv_t *v)
{
    unsigned long high = 0;
    v->i++;
    v->str_len = 0;
    for (;;) {
        unsigned char c;
        if (v->i >= v->n)
            return ended(v);
        c = v->s[v->i];
        if (high && c != '\\')
            return fail(v, TAWS_ERR_JSON_UNICODE, v->i);
        if (c == '"') {
            v->i++;
            return 1;
        }
        if (c < 0x20)
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
        if (c == '\\') {
            if (!escape(v, &high))
                return 0;
        } else if (c < 0x80) {
            put(v, c);
            v->i++;
        } else if (!utf8_sequence(v)) {
            return 0;
        }
    }
}

/* ---- numbers and literals --------------------------------------------------------------- */

static int digit(jsv_t *v)
{
    return v->i < v->n && v->s[v->i] >= '0' && v->s[v->i] <= '9';
}

/* One or more digits are due at s[i]. */
static int digits(jsv_t *v)
{
    if (v->i >= v->n)
        return ended(v);
    if (!digit(v))
        return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
    while (digit(v))
        v->i++;
    return 1;
}

static int number(jsv_t *v)
{
    if (v->s[v->i] == '-')
        v->i++;
    if (v->i >= v->n)
        return ended(v);
    if (v->s[v->i] == '0')
        v->i++;
    else if (!digits(v))
        return 0;
    if (v->i < v->n && v->s[v->i] == '.') {
        v->i++;
        if (!digits(v))
            return 0;
    }
    if (v->i < v->n && (v->s[v->i] == 'e' || v->s[v->i] == 'E')) {
        v->i++;
        if (v->i < v->n && (v->s[v->i] == '+' || v->s[v->i] == '-'))
            v->i++;
        if (!digits(v))
            return 0;
    }
    return 1;
}

/* Is the number text an integer of the model's range? Compared as digit strings. */
static int integer_ok(const unsigned char *p, size_t n, int bits)
{
    const char *bound;
    size_t i = 0, len;
    int neg = p[0] == '-';
    if (memchr(p, '.', n) || memchr(p, 'e', n) || memchr(p, 'E', n))
        return 0;
    if (neg)
        i = 1;
    bound = bits == 32 ? (neg ? "2147483648" : "2147483647")
                       : (neg ? "9223372036854775808" : "9223372036854775807");
    len = strlen(bound);
    if (n - i != len)
        return n - i < len;
    return memcmp(p + i, bound, len) <= 0;
}

static int literal(jsv_t *v)
{
    const char *lit = v->s[v->i] == 't' ? "true" : v->s[v->i] == 'f' ? "false" : "null";
    for (; *lit; lit++, v->i++) {
        if (v->i >= v->n)
            return ended(v);
        if (v->s[v->i] != (unsigned char)*lit)
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
    }
    return 1;
}

/* ---- values ----------------------------------------------------------------------------- */

static int value(jsv_t *v, int want, const taws_shape_t *shape);

static int open_one(jsv_t *v)
{
    if (v->depth >= v->cfg->max_depth)
        return fail(v, TAWS_ERR_JSON_DEPTH, v->i);
    v->depth++;
    v->i++;
    return 1;
}

static const taws_field_t *field(const taws_shape_t *sh, const char *k, size_t n)
{
    unsigned i;
    for (i = 0; sh && i < sh->n_fields; i++)
        if (sh->fields[i].name_len == n && memcmp(sh->fields[i].name, k, n) == 0)
            return &sh->fields[i];
    return NULL;
}

static int want_of(const taws_field_t *f)
{
    switch (f->type) {
    case TAWS_T_STRING:
        return W_STRING;
    case TAWS_T_TIMESTAMP:
        return W_TIME;
    case TAWS_T_INTEGER:
        return W_INT32;
    case TAWS_T_LONG:
        return W_INT64;
    case TAWS_T_STRUCT:
        return W_STRUCT;
    default:
        return f->elem_type == TAWS_T_STRING ? W_STR_LIST : W_STRUCT_LIST;
    }
}

/* An object at s[i] == '{'; members are checked against shape (NULL: anything goes). */
static int object(jsv_t *v, const taws_shape_t *shape)
{
    /* A union (the model's "union": true) holds exactly one member, "__type" not counted, as
     * botocore's parser requires; the decoder checks this before the members' types, so the
     * union's verdict wins over any found inside it. */
    int union_ok_before = shape && shape->is_union && v->verdict == TAWS_OK;
    int keys = 0;
    if (!open_one(v))
        return 0;
    ws(v);
    if (v->i >= v->n)
        return ended(v);
    if (v->s[v->i] == '}') {
        v->i++;
        v->depth--;
        if (union_ok_before)
            v->verdict = TAWS_ERR_JSON_UNION;
        return 1;
    }
    for (;;) {
        const taws_field_t *f;
        if (v->i >= v->n)
            return ended(v);
        if (v->s[v->i] != '"')
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
        if (!string(v))
            return 0;
        f = field(shape, v->str, v->str_len);
        keys += !(v->str_len == 6 && memcmp(v->str, "__type", 6) == 0);
        ws(v);
        if (v->i >= v->n)
            return ended(v);
        if (v->s[v->i] != ':')
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
        v->i++;
        ws(v);
        if (!value(v, f ? want_of(f) : W_ANY, f ? f->shape : NULL))
            return 0;
        ws(v);
        if (v->i >= v->n)
            return ended(v);
        if (v->s[v->i] == '}') {
            v->i++;
            v->depth--;
            if (union_ok_before && keys != 1)
                v->verdict = TAWS_ERR_JSON_UNION;
            return 1;
        }
        if (v->s[v->i] != ',')
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
        v->i++;
        ws(v);
    }
}

/* An array at s[i] == '['; each element as `want` says. */
static int array(jsv_t *v, int want, const taws_shape_t *shape)
{
    if (!open_one(v))
        return 0;
    ws(v);
    if (v->i >= v->n)
        return ended(v);
    if (v->s[v->i] == ']') {
        v->i++;
        v->depth--;
        return 1;
    }
    for (;;) {
        if (!value(v, want, shape))
            return 0;
        ws(v);
        if (v->i >= v->n)
            return ended(v);
        if (v->s[v->i] == ']') {
            v->i++;
            v->depth--;
            return 1;
        }
        if (v->s[v->i] != ',')
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
        v->i++;
        ws(v);
    }
}

/* A value at s[i] (whitespace skipped); `want` is what the model says it must be. */
static int value(jsv_t *v, int want, const taws_shape_t *shape)
{
    unsigned char c;
    size_t start = v->i;
    if (v->i >= v->n)
        return ended(v);
    c = v->s[v->i];
    if (c == '{') {
        if (want != W_ANY && want != W_STRUCT && want != W_LIST_STRUCT)
            model(v, TAWS_ERR_JSON_TYPE);
        return object(v, want == W_STRUCT || want == W_LIST_STRUCT ? shape : NULL);
    }
    if (c == '[') {
        int elems = want == W_STR_LIST ? W_LIST_STR : want == W_STRUCT_LIST ? W_LIST_STRUCT : W_ANY;
        if (want != W_ANY && elems == W_ANY)
            model(v, TAWS_ERR_JSON_TYPE);
        return array(v, elems, elems == W_LIST_STRUCT ? shape : NULL);
    }
    if (c == '"') {
        if (!string(v))
            return 0;
        if (want == W_TIME) {
            taws_str_t s;
            taws_time_t t;
            s.p = v->str;
            s.n = v->str_len;
            model(v, taws_time_parse_iso8601(s, &t));
        } else if (want != W_ANY && want != W_STRING && want != W_LIST_STR) {
            model(v, TAWS_ERR_JSON_TYPE);
        }
        return 1;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        if (!number(v))
            return 0;
        if (want == W_TIME) {
            taws_str_t s;
            taws_time_t t;
            s.p = (const char *)v->s + start;
            s.n = v->i - start;
            model(v, taws_time_parse_epoch(s, &t));
        } else if (want == W_INT32 || want == W_INT64) {
            if (!integer_ok(v->s + start, v->i - start, want == W_INT32 ? 32 : 64))
                model(v, TAWS_ERR_BAD_NUMBER);
        } else if (want != W_ANY) {
            model(v, TAWS_ERR_JSON_TYPE);
        }
        return 1;
    }
    if (c == 't' || c == 'f' || c == 'n') {
        if (!literal(v))
            return 0;
        /* null is an absent member, but never an element of a list */
        if (want != W_ANY && (c != 'n' || want == W_LIST_STR || want == W_LIST_STRUCT))
            model(v, TAWS_ERR_JSON_TYPE);
        return 1;
    }
    return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
}

/* ---- the response's outline ------------------------------------------------------------- */

static void minify_into(jsv_t *v, size_t from, size_t to)
{
    jsv_result_t *r = v->r;
    jsv_item_t *it = &r->items[r->n_items++];
    int in_str = 0, esc = 0;
    size_t i;
    it->off = r->bytes_len;
    for (i = from; i < to; i++) {
        unsigned char c = v->s[i];
        if (!in_str && (c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D))
            continue;
        if (in_str) {
            if (esc)
                esc = 0;
            else if (c == '\\')
                esc = 1;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        }
        r->bytes[r->bytes_len++] = (char)c;
    }
    it->len = r->bytes_len - it->off;
    it->verdict = v->verdict;
}

/* The result array's elements: objects of the item shape. */
static int result_array(jsv_t *v)
{
    if (!open_one(v))
        return 0;
    ws(v);
    if (v->i >= v->n)
        return ended(v);
    if (v->s[v->i] == ']') {
        v->i++;
        v->depth--;
        return 1;
    }
    for (;;) {
        size_t start = v->i;
        if (v->i >= v->n)
            return ended(v);
        if (v->s[v->i] != '{')
            return fail(v, begins_value(v->s[v->i]) ? TAWS_ERR_JSON_TYPE : TAWS_ERR_JSON_SYNTAX, v->i);
        v->verdict = TAWS_OK;
        if (!object(v, v->cfg->item))
            return 0;
        minify_into(v, start, v->i);
        ws(v);
        if (v->i >= v->n)
            return ended(v);
        if (v->s[v->i] == ']') {
            v->i++;
            v->depth--;
            return 1;
        }
        if (v->s[v->i] != ',')
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
        v->i++;
        ws(v);
    }
}

static int top_member_value(jsv_t *v, int is_result, int is_token)
{
    unsigned char c;
    if (v->i >= v->n)
        return ended(v);
    /* The result member a second time (whatever either value is) makes the page ambiguous:
     * botocore keeps the last array after the first was streamed. Found at the value. */
    if (is_result && v->result_members++ > 0)
        return fail(v, TAWS_ERR_JSON_DUPLICATE, v->i);
    c = v->s[v->i];
    if (!is_result && !is_token)
        return value(v, W_ANY, NULL);
    if (c == 'n') {
        if (!literal(v))
            return 0;
        if (is_token)
            v->r->has_token = 0, v->r->token_len = 0;
        return 1;
    }
    if (is_result && c == '[')
        return result_array(v);
    if (is_token && c == '"') {
        if (!string(v))
            return 0;
        memcpy(v->r->token, v->str, v->str_len);
        v->r->token_len = v->str_len;
        v->r->has_token = v->str_len > 0;
        return 1;
    }
    return fail(v, begins_value(c) ? TAWS_ERR_JSON_TYPE : TAWS_ERR_JSON_SYNTAX, v->i);
}

static int top_object(jsv_t *v)
{
    if (!open_one(v))
        return 0;
    ws(v);
    if (v->i >= v->n)
        return ended(v);
    if (v->s[v->i] == '}') {
        v->i++;
        return 1;
    }
    for (;;) {
        int is_result, is_token;
        if (v->i >= v->n)
            return ended(v);
        if (v->s[v->i] != '"')
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
        if (!string(v))
            return 0;
        is_result = v->str_len == strlen(v->cfg->result_key) &&
                    memcmp(v->str, v->cfg->result_key, v->str_len) == 0;
        is_token = v->str_len == strlen(v->cfg->token_key) &&
                   memcmp(v->str, v->cfg->token_key, v->str_len) == 0;
        ws(v);
        if (v->i >= v->n)
            return ended(v);
        if (v->s[v->i] != ':')
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
        v->i++;
        ws(v);
        if (!top_member_value(v, is_result, is_token))
            return 0;
        ws(v);
        if (v->i >= v->n)
            return ended(v);
        if (v->s[v->i] == '}') {
            v->i++;
            return 1;
        }
        if (v->s[v->i] != ',')
            return fail(v, TAWS_ERR_JSON_SYNTAX, v->i);
        v->i++;
        ws(v);
    }
}

static jsv_t jsv; /* large: static, as the harness is single-threaded */

void jsv_check(const jsv_cfg_t *cfg, const char *doc, size_t n, jsv_result_t *r)
{
    jsv_t *v = &jsv;
    v->failed = 0;
    v->depth = 0;
    v->verdict = TAWS_OK;
    v->result_members = 0;
    v->i = 0;
    v->str_len = 0;
    v->cfg = cfg;
    v->s = (const unsigned char *)doc;
    v->n = n;
    v->r = r;
    r->status = TAWS_OK;
    r->at = n;
    r->n_items = 0;
    r->bytes_len = 0;
    r->has_token = 0;
    r->token_len = 0;
    ws(v);
    if (v->i >= n) {
        (void)ended(v);
        return;
    }
    if (v->s[v->i] != '{') {
        (void)fail(v, begins_value(v->s[v->i]) ? TAWS_ERR_JSON_TYPE : TAWS_ERR_JSON_SYNTAX, v->i);
        return;
    }
    if (!top_object(v))
        return;
    ws(v);
    if (v->i < n)
        (void)fail(v, TAWS_ERR_JSON_SYNTAX, v->i); /* only whitespace after the value */
}
