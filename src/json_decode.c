/* SPDX-License-Identifier: MIT */
/*
 * Decoding one framed element into a typed struct: the tokenizer (json_tok.h) tokenizes it
 * into the caller's token array, every string token is unescaped in place, then the shape's field table drives the
 * walk. Nested structures use a small explicit stack bounded by the shapes' static depth; a
 * deeper or unknown value in the input is skipped by token counting, never recursion.
 */
#include <string.h>
#include "json.h"
#include "shape.h"

#define MAX_SHAPE_DEPTH 8 /* generated shapes nest at most 3 deep */

/* Index of the token after the value starting at i (a key's value included). */
static int skip_value(const jsmntok_t *t, int i, int n)
{
    int pending = 1;
    while (pending > 0 && i < n) {
        pending += t[i].size;
        pending--;
        i++;
    }
    return i;
}

static taws_str_t tok_str(const char *js, const jsmntok_t *t)
{
    taws_str_t s;
    s.p = js + t->start;
    s.n = (size_t)(t->end - t->start);
    return s;
}

static int is_null(const char *js, const jsmntok_t *t)
{
    return t->type == JSMN_PRIMITIVE && t->end - t->start == 4 && memcmp(js + t->start, "null", 4) == 0;
}

static taws_status_t parse_int(taws_str_t s, int64_t lo, int64_t hi, int64_t *out)
{
    uint64_t v = 0;
    size_t i = 0;
    int neg = 0;
    if (s.n > 0 && s.p[0] == '-') {
        neg = 1;
        i = 1;
    }
    if (i == s.n || s.n - i > 19)
        return TAWS_ERR_BAD_NUMBER;
    for (; i < s.n; i++) {
        if (s.p[i] < '0' || s.p[i] > '9')
            return TAWS_ERR_BAD_NUMBER; /* fractions and exponents are not integers */
        v = v * 10u + (uint64_t)(s.p[i] - '0');
    }
    if (v > (uint64_t)INT64_MAX + (unsigned)neg)
        return TAWS_ERR_BAD_NUMBER; /* -9223372036854775808 is an int64 too */
    *out = !neg ? (int64_t)v : v > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)v;
    if (*out < lo || *out > hi)
        return TAWS_ERR_BAD_NUMBER;
    return TAWS_OK;
}

static const taws_field_t *find_field(const taws_shape_t *sh, taws_str_t key)
{
    unsigned i;
    for (i = 0; i < sh->n_fields; i++)
        if (sh->fields[i].name_len == key.n && memcmp(sh->fields[i].name, key.p, key.n) == 0)
            return &sh->fields[i];
    return NULL;
}

/* A member that is a JSON number (true and false are primitives too, but of another type). */
static int is_number(const char *js, const jsmntok_t *t)
{
    return t->type == JSMN_PRIMITIVE && js[t->start] != 't' && js[t->start] != 'f';
}

typedef struct {
    const taws_shape_t *shape;
    uint8_t *base; /* NULL: types and values are checked, nothing is stored */
    int next;      /* token index of the next key, or of the next element of a list */
    int left;      /* keys (or elements) left */
    uint8_t list;  /* the frame walks the elements of a list of structures */
} frame_t;

/* Decodes the object at token `at` into out (NULL: checks it only). Every known member is
 * checked against its model type, the elements of lists of structures included, so a
 * decoded item holds no member of the wrong type anywhere and iterating its lists later
 * cannot fail on one. Lists only record where their tokens are. */
static taws_status_t decode_object(const taws_shape_t *shape, void *out, const char *js,
                                   const jsmntok_t *tok, int ntok, int at)
{
    frame_t st[MAX_SHAPE_DEPTH];
    int sp = 0;
    if (at >= ntok || tok[at].type != JSMN_OBJECT)
        return TAWS_ERR_JSON_TYPE;
    st[0].shape = shape;
    st[0].base = out;
    st[0].next = at + 1;
    st[0].left = tok[at].size;
    st[0].list = 0;
    sp = 1;
    while (sp > 0) {
        frame_t *f = &st[sp - 1];
        const taws_field_t *fd;
        const jsmntok_t *k, *v;
        int vi;
        uint8_t *dst;
        if (f->left == 0) {
            sp--;
            continue;
        }
        if (f->list) { /* the next element of a list of structures: check its members */
            int e = f->next;
            if (e >= ntok)
                return TAWS_ERR_JSON_SYNTAX;
            if (sp == MAX_SHAPE_DEPTH)
                return TAWS_ERR_JSON_DEPTH;
            f->next = skip_value(tok, e, ntok);
            f->left--;
            st[sp].shape = f->shape;
            st[sp].base = NULL;
            st[sp].next = e + 1;
            st[sp].left = tok[e].size;
            st[sp].list = 0;
            sp++;
            continue;
        }
        if (f->next + 1 >= ntok)
            return TAWS_ERR_JSON_SYNTAX;
        k = &tok[f->next];
        vi = f->next + 1;
        v = &tok[vi];
        f->left--;
        f->next = skip_value(tok, vi, ntok);
        if (k->type != JSMN_STRING || k->size != 1)
            return TAWS_ERR_JSON_SYNTAX;
        fd = find_field(f->shape, tok_str(js, k));
        if (fd == NULL || is_null(js, v))
            continue; /* unknown members and nulls are skipped: services add fields */
        dst = f->base ? f->base + fd->offset : NULL;
        switch (fd->type) {
        case TAWS_T_STRING:
            if (v->type != JSMN_STRING)
                return TAWS_ERR_JSON_TYPE;
            if (dst)
                *(taws_str_t *)(void *)dst = tok_str(js, v);
            break;
        case TAWS_T_TIMESTAMP: {
            taws_time_t t;
            if (v->type == JSMN_STRING)
                TAWS_TRY(taws_time_parse_iso8601(tok_str(js, v), &t));
            else if (is_number(js, v))
                TAWS_TRY(taws_time_parse_epoch(tok_str(js, v), &t));
            else
                return TAWS_ERR_JSON_TYPE;
            if (dst)
                *(taws_time_t *)(void *)dst = t;
            break;
        }
        case TAWS_T_INTEGER:
        case TAWS_T_LONG: {
            int64_t iv;
            if (!is_number(js, v))
                return TAWS_ERR_JSON_TYPE;
            TAWS_TRY(parse_int(tok_str(js, v), fd->type == TAWS_T_INTEGER ? INT32_MIN : INT64_MIN,
                               fd->type == TAWS_T_INTEGER ? INT32_MAX : INT64_MAX, &iv));
            if (dst) {
                ((taws_int_t *)(void *)dst)->v = iv;
                ((taws_int_t *)(void *)dst)->set = 1;
            }
            break;
        }
        case TAWS_T_STRUCT:
            if (v->type != JSMN_OBJECT)
                return TAWS_ERR_JSON_TYPE;
            if (fd->shape->is_union) {
                /* As botocore: one and only one key, "__type" not counted (nulls are). */
                int i, e = vi + 1, keys = v->size;
                for (i = 0; i < v->size && e + 1 < ntok; i++, e = skip_value(tok, e + 1, ntok))
                    if (tok_str(js, &tok[e]).n == 6 && memcmp(js + tok[e].start, "__type", 6) == 0)
                        keys--;
                if (keys != 1)
                    return TAWS_ERR_JSON_UNION;
            }
            if (sp == MAX_SHAPE_DEPTH)
                return TAWS_ERR_JSON_DEPTH;
            if (dst)
                *dst = 1; /* nested structs start with `uint8_t set` */
            st[sp].shape = fd->shape;
            st[sp].base = dst;
            st[sp].next = vi + 1;
            st[sp].left = v->size;
            st[sp].list = 0;
            sp++;
            break;
        case TAWS_T_LIST: {
            int i, e;
            if (v->type != JSMN_ARRAY)
                return TAWS_ERR_JSON_TYPE;
            for (i = 0, e = vi + 1; i < v->size; i++, e = skip_value(tok, e, ntok)) {
                if (e >= ntok)
                    return TAWS_ERR_JSON_SYNTAX;
                if (tok[e].type != (fd->elem_type == TAWS_T_STRING ? JSMN_STRING : JSMN_OBJECT))
                    return TAWS_ERR_JSON_TYPE; /* a null element is of the wrong type too */
            }
            if (dst) {
                taws_list_t *l = (taws_list_t *)(void *)dst;
                l->tok = taws_jsmn_public(tok);
                l->js = js;
                l->elem = fd->elem_type == TAWS_T_STRUCT ? fd->shape : NULL;
                l->next = (uint16_t)(vi + 1);
                l->left = l->count = (uint16_t)v->size;
                l->ntok = (uint16_t)ntok;
            }
            if (fd->elem_type == TAWS_T_STRUCT && v->size > 0) {
                /* The elements' members are checked now, in document order. */
                if (sp == MAX_SHAPE_DEPTH)
                    return TAWS_ERR_JSON_DEPTH;
                st[sp].shape = fd->shape;
                st[sp].base = NULL;
                st[sp].next = vi + 1;
                st[sp].left = v->size;
                st[sp].list = 1;
                sp++;
            }
            break;
        }
        default:
            return TAWS_ERR_STATE;
        }
    }
    return TAWS_OK;
}

taws_status_t taws_decode(const taws_shape_t *shape, void *out, char *js, size_t len,
                          taws_json_token_t *tokens, unsigned ntok, unsigned *tokens_needed)
{
    jsmntok_t *tok = taws_jsmn_tok(tokens);
    int n, i;
    memset(out, 0, shape->size);
    if (len > 0x7fffffffu || ntok > 0xffffu)
        return TAWS_ERR_TOO_LONG;
    n = taws_json_tokenize(js, len, tok, ntok);
    if (n == JSMN_ERROR_NOMEM) {
        if (tokens_needed) {
            n = taws_json_tokenize(js, len, NULL, 0); /* count only */
            *tokens_needed = n > 0 ? (unsigned)n : 0;
        }
        return TAWS_ERR_JSON_TOKENS;
    }
    if (n <= 0 || (size_t)tok[0].end != len)
        return TAWS_ERR_JSON_SYNTAX; /* malformed, incomplete, or more than one value */
    if (tok[0].type != JSMN_OBJECT)
        return TAWS_ERR_JSON_TYPE;
    /* Unescape every string once, in place, so views and list iteration are stable. */
    for (i = 0; i < n; i++) {
        if (tok[i].type == JSMN_STRING && memchr(js + tok[i].start, '\\', (size_t)(tok[i].end - tok[i].start))) {
            long w = taws_json_unescape_inplace(js + tok[i].start, (size_t)(tok[i].end - tok[i].start));
            if (w < 0)
                return TAWS_ERR_JSON_SYNTAX;
            tok[i].end = tok[i].start + (int)w;
        }
    }
    return decode_object(shape, out, js, tok, n, 0);
}

int taws_list_present(const taws_list_t *l)
{
    return l->tok != NULL;
}

unsigned taws_list_count(const taws_list_t *l)
{
    return l->count;
}

taws_status_t taws_list_next_str(taws_list_t *l, taws_str_t *out)
{
    const jsmntok_t *t;
    if (l->left == 0)
        return TAWS_DONE;
    if (l->elem != NULL)
        return TAWS_ERR_JSON_TYPE;
    t = &taws_jsmn_ctok(l->tok)[l->next];
    *out = tok_str(l->js, t);
    l->next++;
    l->left--;
    return TAWS_OK;
}

taws_status_t taws_list_next(taws_list_t *l, void *out)
{
    int at, end;
    if (l->left == 0)
        return TAWS_DONE;
    if (l->elem == NULL)
        return TAWS_ERR_JSON_TYPE;
    at = l->next;
    end = skip_value(taws_jsmn_ctok(l->tok), at, l->ntok);
    memset(out, 0, l->elem->size);
    TAWS_TRY(decode_object(l->elem, out, l->js, taws_jsmn_ctok(l->tok), end, at));
    *(uint8_t *)out = 1; /* `set` */
    l->next = (uint16_t)end;
    l->left--;
    return TAWS_OK;
}
