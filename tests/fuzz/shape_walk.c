/* SPDX-License-Identifier: MIT */
/* Field-table walks over decoded items (see shape_walk.h). Recursion follows the generated
 * shapes, which nest a few levels at most; WALK_MAX_DEPTH guards against a broken table. */
#include <string.h>
#include "fuzz_util.h"
#include "shape_walk.h"

#define WALK_MAX_DEPTH 8

/* List elements are decoded into these (one pair per nesting level; no heap). Only b is
 * used; the other members give it the alignment of any struct. */
typedef union {
    long double ld;
    void *p;
    uint64_t u;
    unsigned char b[WALK_MAX_STRUCT];
} elem_buf_t;
static elem_buf_t elem_bufs[WALK_MAX_DEPTH][2];

static int all_zero(const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static size_t field_size(uint8_t type)
{
    switch (type) {
    case TAWS_T_STRING:
        return sizeof(taws_str_t);
    case TAWS_T_TIMESTAMP:
        return sizeof(taws_time_t);
    case TAWS_T_INTEGER:
    case TAWS_T_LONG:
        return sizeof(taws_int_t);
    case TAWS_T_LIST:
        return sizeof(taws_list_t);
    default:
        return 1; /* structs: at least their `set` byte; their own size is checked below */
    }
}

/* The errors decoding a list element may end iteration with (field-level problems only:
 * the element types themselves were checked when the item was decoded). */
static int elem_error_ok(taws_status_t st)
{
    return st == TAWS_ERR_JSON_TYPE || st == TAWS_ERR_BAD_TIMESTAMP ||
           st == TAWS_ERR_BAD_NUMBER || st == TAWS_ERR_JSON_SYNTAX || st == TAWS_ERR_JSON_DEPTH;
}

static void check_list(const taws_field_t *f, const taws_list_t *orig, const char *js, size_t len,
                       int depth);

static void check_struct(const taws_shape_t *sh, const uint8_t *s, const char *js, size_t len,
                         int depth)
{
    unsigned i;
    FUZZ_CHECK(depth < WALK_MAX_DEPTH);
    FUZZ_CHECK(sh->size <= WALK_MAX_STRUCT);
    for (i = 0; i < sh->n_fields; i++) {
        const taws_field_t *f = &sh->fields[i];
        const uint8_t *dst = s + f->offset;
        FUZZ_CHECK(f->offset + field_size(f->type) <= sh->size);
        switch (f->type) {
        case TAWS_T_STRING: {
            taws_str_t v;
            memcpy(&v, dst, sizeof v);
            if (v.p == NULL)
                FUZZ_CHECK(v.n == 0);
            else
                FUZZ_CHECK(fuzz_inside(v.p, v.n, js, len));
            break;
        }
        case TAWS_T_TIMESTAMP: {
            taws_time_t t;
            memcpy(&t, dst, sizeof t);
            if (t.set)
                FUZZ_CHECK(t.set == 1 && t.usec < 1000000u);
            else
                FUZZ_CHECK(t.sec == 0 && t.usec == 0);
            break;
        }
        case TAWS_T_INTEGER:
        case TAWS_T_LONG: {
            taws_int_t v;
            memcpy(&v, dst, sizeof v);
            if (!v.set)
                FUZZ_CHECK(v.v == 0);
            else if (f->type == TAWS_T_INTEGER)
                FUZZ_CHECK(v.set == 1 && v.v >= INT32_MIN && v.v <= INT32_MAX);
            break;
        }
        case TAWS_T_STRUCT:
            FUZZ_CHECK(f->shape != NULL && f->offset + f->shape->size <= sh->size);
            FUZZ_CHECK(dst[0] == 0 || dst[0] == 1);
            if (dst[0])
                check_struct(f->shape, dst, js, len, depth + 1);
            else
                FUZZ_CHECK(all_zero(dst, f->shape->size)); /* absent: untouched */
            break;
        case TAWS_T_LIST: {
            taws_list_t l;
            memcpy(&l, dst, sizeof l);
            check_list(f, &l, js, len, depth);
            break;
        }
        default:
            FUZZ_CHECK(!"unknown field type in a generated table");
        }
    }
}

static void check_list(const taws_field_t *f, const taws_list_t *orig, const char *js, size_t len,
                       int depth)
{
    taws_list_t it = *orig, probe = *orig;
    unsigned k;
    uint8_t *eb = elem_bufs[depth][0].b;
    taws_str_t v;
    if (orig->tok == NULL) { /* absent or null */
        FUZZ_CHECK(orig->count == 0 && orig->left == 0);
        return;
    }
    FUZZ_CHECK(orig->js == js);
    FUZZ_CHECK(orig->left == orig->count);
    FUZZ_CHECK(orig->next + (size_t)orig->count <= orig->ntok);
    FUZZ_CHECK(orig->elem == (f->elem_type == TAWS_T_STRUCT ? f->shape : NULL));
    if (orig->count > 0) {
        /* Asking for the wrong element kind is refused without consuming anything. */
        if (orig->elem == NULL)
            FUZZ_CHECK(taws_list_next(&probe, eb) == TAWS_ERR_JSON_TYPE);
        else
            FUZZ_CHECK(taws_list_next_str(&probe, &v) == TAWS_ERR_JSON_TYPE);
        FUZZ_CHECK(probe.left == orig->left && probe.next == orig->next);
    }
    for (k = 0; k < orig->count; k++) {
        taws_status_t st;
        if (orig->elem == NULL) {
            v.p = NULL;
            st = taws_list_next_str(&it, &v);
            FUZZ_CHECK(st == TAWS_OK); /* element types were checked at decode time */
            FUZZ_CHECK(v.p != NULL && fuzz_inside(v.p, v.n, js, len));
        } else {
            FUZZ_CHECK(orig->elem->size <= WALK_MAX_STRUCT);
            memset(eb, 0xA5, orig->elem->size); /* decode must overwrite all of it */
            st = taws_list_next(&it, eb);
            FUZZ_CHECK_STATUS(st);
            if (st != TAWS_OK) {
                FUZZ_CHECK(elem_error_ok(st));
                return; /* the rest of the list is not reachable through this iterator */
            }
            FUZZ_CHECK(eb[0] == 1);
            check_struct(orig->elem, eb, js, len, depth + 1);
        }
        FUZZ_CHECK(it.left == orig->count - k - 1);
    }
    FUZZ_CHECK(taws_list_next_str(&it, &v) == TAWS_DONE);
    FUZZ_CHECK(taws_list_next(&it, eb) == TAWS_DONE);
}

void walk_check(const taws_shape_t *sh, const void *s, const char *js, size_t len)
{
    check_struct(sh, s, js, len, 0);
}

/* ---- capped vs whole ------------------------------------------------------------------- */

static void cmp_str(taws_str_t a, taws_str_t b)
{
    FUZZ_CHECK((a.p == NULL) == (b.p == NULL));
    FUZZ_CHECK(b.n <= a.n);
    FUZZ_CHECK(b.n == 0 || (a.p != NULL && b.p != NULL && memcmp(a.p, b.p, b.n) == 0));
}

static void cmp_struct(const taws_shape_t *sh, const uint8_t *a, const uint8_t *b, int depth);

static void cmp_list(const taws_list_t *la, const taws_list_t *lb, int depth)
{
    taws_list_t ia = *la, ib = *lb;
    unsigned k;
    FUZZ_CHECK((la->tok == NULL) == (lb->tok == NULL));
    FUZZ_CHECK(la->count == lb->count);
    for (k = 0; k < la->count; k++) {
        if (la->elem == NULL) {
            taws_str_t va, vb;
            FUZZ_CHECK(taws_list_next_str(&ia, &va) == TAWS_OK);
            FUZZ_CHECK(taws_list_next_str(&ib, &vb) == TAWS_OK);
            cmp_str(va, vb);
        } else {
            uint8_t *ea = elem_bufs[depth][0].b, *eb = elem_bufs[depth][1].b;
            taws_status_t sa = taws_list_next(&ia, ea), sb = taws_list_next(&ib, eb);
            if (sa != TAWS_OK)
                return;
            /* Cutting strings can only break a timestamp. */
            if (sb != TAWS_OK) {
                FUZZ_CHECK(sb == TAWS_ERR_BAD_TIMESTAMP);
                return;
            }
            cmp_struct(la->elem, ea, eb, depth + 1);
        }
    }
}

static void cmp_struct(const taws_shape_t *sh, const uint8_t *a, const uint8_t *b, int depth)
{
    unsigned i;
    FUZZ_CHECK(depth < WALK_MAX_DEPTH);
    for (i = 0; i < sh->n_fields; i++) {
        const taws_field_t *f = &sh->fields[i];
        const uint8_t *fa = a + f->offset, *fb = b + f->offset;
        switch (f->type) {
        case TAWS_T_STRING: {
            taws_str_t va, vb;
            memcpy(&va, fa, sizeof va);
            memcpy(&vb, fb, sizeof vb);
            cmp_str(va, vb);
            break;
        }
        case TAWS_T_INTEGER:
        case TAWS_T_LONG: {
            taws_int_t va, vb;
            memcpy(&va, fa, sizeof va);
            memcpy(&vb, fb, sizeof vb);
            FUZZ_CHECK(va.set == vb.set && va.v == vb.v);
            break;
        }
        case TAWS_T_STRUCT:
            FUZZ_CHECK(fa[0] == fb[0]);
            if (fa[0])
                cmp_struct(f->shape, fa, fb, depth + 1);
            break;
        case TAWS_T_LIST: {
            taws_list_t la, lb;
            memcpy(&la, fa, sizeof la);
            memcpy(&lb, fb, sizeof lb);
            cmp_list(&la, &lb, depth);
            break;
        }
        default: /* timestamps: a cut string may parse differently or not at all */
            break;
        }
    }
}

void walk_compare_cut(const taws_shape_t *sh, const void *a, const void *b)
{
    cmp_struct(sh, a, b, 0);
}
