/* SPDX-License-Identifier: MIT */
/* Parameter validation and serialisation, driven by the generated taws_param_t tables. */
#include <string.h>
#include "http.h"
#include "json.h"
#include "params.h"
#include "sigv4.h"

/* ---- reading members --------------------------------------------------------------------- */

static const void *at(const void *base, uint16_t off)
{
    return (const uint8_t *)base + off;
}

static const char *get_str(const void *base, const taws_param_t *p)
{
    return *(const char *const *)at(base, p->offset);
}

static size_t get_count(const void *base, const taws_param_t *p)
{
    return *(const size_t *)at(base, p->count_offset);
}

/* The effective value of a string or integer member, page overrides applied. */
static taws_str_t eff_str(const void *base, const taws_param_t *p, const taws_page_args_t *pg)
{
    taws_str_t s = TAWS_STR_NULL;
    const char *z;
    if (pg && pg->active && (p->flags & TAWS_PF_TOKEN))
        return pg->token;
    z = get_str(base, p);
    if (z) {
        s.p = z;
        s.n = strlen(z);
    }
    return s;
}

static taws_int_t eff_int(const void *base, const taws_param_t *p, const taws_page_args_t *pg)
{
    if (pg && pg->active && (p->flags & TAWS_PF_LIMIT))
        return pg->limit;
    return *(const taws_int_t *)at(base, p->offset);
}

/* ---- validation ---------------------------------------------------------------------------- */

typedef struct {
    taws_memsink_t m;
    int problems;
    taws_status_t st;
} report_t;

/* Starts a new line of the report and returns where to write it. */
static taws_sink_t *problem(report_t *r, taws_status_t st)
{
    if (r->problems++)
        (void)taws_sink_put(&r->m.sink, "\n", 1);
    /* Values that must never be sent (bad UTF-8, CR/LF/NUL in a query) name the status. */
    if (r->st == TAWS_OK || st == TAWS_ERR_PARAM_UTF8 ||
        (st == TAWS_ERR_HEADER_VALUE && r->st != TAWS_ERR_PARAM_UTF8))
        r->st = st;
    return &r->m.sink;
}

static void put_i64(taws_sink_t *s, int64_t v)
{
    if (v < 0)
        (void)taws_sink_put(s, "-", 1);
    (void)taws_sink_u64(s, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
}

/* "<what> for parameter <name>, value: <v>, valid <limit> <lim>" as botocore words it. */
static void say(report_t *r, const char *what, const char *name, int64_t v, const char *limit,
                int64_t lim)
{
    taws_sink_t *s = problem(r, TAWS_ERR_PARAM);
    (void)taws_sink_str(s, what);
    (void)taws_sink_str(s, " for parameter ");
    (void)taws_sink_str(s, name);
    (void)taws_sink_str(s, ", value: ");
    put_i64(s, v);
    (void)taws_sink_str(s, ", valid ");
    (void)taws_sink_str(s, limit);
    (void)taws_sink_put(s, " ", 1);
    put_i64(s, lim);
}

static size_t utf8_chars(taws_str_t s)
{
    size_t i, n = 0;
    for (i = 0; i < s.n; i++)
        n += ((unsigned char)s.p[i] & 0xC0) != 0x80;
    return n;
}

static void check_len(report_t *r, const char *name, size_t n, uint8_t flags, int64_t lo, int64_t hi,
                      int lo_flag, int hi_flag)
{
    if ((flags & lo_flag) && (int64_t)n < lo)
        say(r, "Invalid length", name, (int64_t)n, "min length:", lo);
    else if ((flags & hi_flag) && (int64_t)n > hi)
        say(r, "Invalid length", name, (int64_t)n, "max length:", hi);
}

static void check_string(report_t *r, const char *name, taws_str_t s, const taws_param_t *p)
{
    size_t i;
    if (taws_utf8_check(s, &i) != TAWS_OK) {
        taws_sink_t *o = problem(r, TAWS_ERR_PARAM_UTF8);
        (void)taws_sink_str(o, "Invalid UTF-8 in parameter ");
        (void)taws_sink_str(o, name);
        (void)taws_sink_str(o, " at byte ");
        (void)taws_sink_u64(o, i);
        return;
    }
    check_len(r, name, utf8_chars(s), p->flags, p->min, p->max, TAWS_PF_HAS_MIN, TAWS_PF_HAS_MAX);
    if (p->location == TAWS_LOC_QUERY && taws_http_check_value(s) != TAWS_OK) {
        taws_sink_t *o = problem(r, TAWS_ERR_HEADER_VALUE);
        (void)taws_sink_str(o, "Invalid value for parameter ");
        (void)taws_sink_str(o, name);
        (void)taws_sink_str(o, ": CR, LF and NUL are not allowed");
        return;
    }
    if (p->enums) {
        taws_sink_t *o;
        for (i = 0; p->enums[i]; i++)
            if (strlen(p->enums[i]) == s.n && memcmp(p->enums[i], s.p, s.n) == 0)
                return;
        o = problem(r, TAWS_ERR_PARAM);
        (void)taws_sink_str(o, "Invalid value for parameter ");
        (void)taws_sink_str(o, name);
        (void)taws_sink_str(o, ", value: ");
        (void)taws_sink_view(o, s);
        (void)taws_sink_str(o, ", valid values: ");
        for (i = 0; p->enums[i]; i++) {
            (void)taws_sink_str(o, i ? ", " : "");
            (void)taws_sink_str(o, p->enums[i]);
        }
    }
}

/* botocore's wording: the structure is "input" at the top, "Filters[0]" for an element. */
static void missing(report_t *r, const char *container, const char *member)
{
    taws_sink_t *o = problem(r, TAWS_ERR_PARAM);
    (void)taws_sink_str(o, "Missing required parameter in ");
    (void)taws_sink_str(o, container);
    (void)taws_sink_str(o, ": \"");
    (void)taws_sink_str(o, member);
    (void)taws_sink_str(o, "\"");
}

/* "Filters[2]" or "Filters[2].Key" into buf. */
static const char *indexed(char *buf, size_t cap, const char *list, size_t i, const char *member)
{
    taws_memsink_t m;
    taws_memsink_init(&m, buf, cap - 1);
    (void)taws_sink_str(&m.sink, list);
    (void)taws_sink_put(&m.sink, "[", 1);
    (void)taws_sink_u64(&m.sink, i);
    (void)taws_sink_put(&m.sink, "]", 1);
    if (member) {
        (void)taws_sink_put(&m.sink, ".", 1);
        (void)taws_sink_str(&m.sink, member);
    }
    buf[m.len] = '\0';
    return buf;
}

/* Whether a member is given (page overrides applied). */
static int present(const taws_param_t *p, const void *base, const taws_page_args_t *pg)
{
    switch (p->type) {
    case TAWS_P_STRING: return eff_str(base, p, pg).p != NULL;
    case TAWS_P_INTEGER: return eff_int(base, p, pg).set;
    case TAWS_P_TIMESTAMP: return ((const taws_time_t *)at(base, p->offset))->set;
    case TAWS_P_BOOLEAN: return ((const taws_bool_t *)at(base, p->offset))->set;
    default: return *(const void *const *)at(base, p->offset) != NULL; /* lists */
    }
}

/* Validates one given member: a scalar, a string list with its elements, or the length of a
 * struct list, whose array and count it returns (NULL otherwise) for the caller to validate
 * the elements. nm is the member's name in messages ("Filters[0].Key"). Timestamps and
 * booleans have nothing to check once given (any v is a boolean; non-zero is true). */
static const void *validate_param(report_t *r, const taws_param_t *p, const void *base,
                                  const taws_page_args_t *pg, const char *nm, size_t *count)
{
    *count = 0;
    switch (p->type) {
    case TAWS_P_STRING:
        check_string(r, nm, eff_str(base, p, pg), p);
        break;
    case TAWS_P_INTEGER: {
        taws_int_t v = eff_int(base, p, pg);
        if ((p->flags & TAWS_PF_HAS_MIN) && v.v < p->min)
            say(r, "Invalid value", nm, v.v, "min value:", p->min);
        else if ((p->flags & TAWS_PF_HAS_MAX) && v.v > p->max)
            say(r, "Invalid value", nm, v.v, "max value:", p->max);
        break;
    }
    case TAWS_P_STRING_LIST:
    case TAWS_P_STRUCT_LIST: {
        const void *arr = *(const void *const *)at(base, p->offset);
        size_t n = get_count(base, p), i;
        check_len(r, nm, n, p->flags, p->min, p->max, TAWS_PF_HAS_MIN, TAWS_PF_HAS_MAX);
        if (p->type == TAWS_P_STRUCT_LIST) {
            *count = n;
            return arr;
        }
        for (i = 0; i < n; i++) {
            const char *z = ((const char *const *)arr)[i];
            char en[96];
            taws_param_t member = *p; /* the member's own constraints */
            taws_str_t s;
            if (z == NULL) { /* botocore's words for a None in a list */
                taws_sink_t *o = problem(r, TAWS_ERR_PARAM);
                (void)taws_sink_str(o, "Invalid type for parameter ");
                (void)taws_sink_str(o, indexed(en, sizeof en, nm, i, NULL));
                (void)taws_sink_str(o, ", value: None, type: <class 'NoneType'>, valid types: <class 'str'>");
                continue;
            }
            s.p = z;
            s.n = strlen(z);
            member.flags = (uint8_t)(((p->flags & TAWS_PF_MEMBER_HAS_MIN) ? TAWS_PF_HAS_MIN : 0) |
                                     ((p->flags & TAWS_PF_MEMBER_HAS_MAX) ? TAWS_PF_HAS_MAX : 0));
            member.min = p->member_min;
            member.max = p->member_max;
            member.enums = NULL;
            check_string(r, indexed(en, sizeof en, nm, i, NULL), s, &member);
        }
        break;
    }
    default:
        break;
    }
    return NULL;
}

/* botocore checks a structure's required members before the ones given: each missing one,
 * in model order. prefix names the structure: NULL at the top ("input"), else "Filters[0]". */
static void validate_missing(report_t *r, const taws_pshape_t *sh, const void *base,
                             const taws_page_args_t *pg, const char *prefix)
{
    unsigned k;
    for (k = 0; k < sh->n_params; k++)
        if ((sh->params[k].flags & TAWS_PF_REQUIRED) && !present(&sh->params[k], base, pg))
            missing(r, prefix ? prefix : "input", sh->params[k].member);
}

/* Validates the input shape. Struct lists are only allowed at the top level (their elements
 * are flat), so their elements are validated here, without recursion. */
static void validate_shape(report_t *r, const taws_pshape_t *sh, const void *base,
                           const taws_page_args_t *pg)
{
    unsigned k, j;
    char name[96], elem_name[96];
    validate_missing(r, sh, base, pg, NULL);
    for (k = 0; k < sh->n_params; k++) {
        const taws_param_t *p = &sh->params[k];
        size_t n, i, unused;
        const void *arr;
        if (!present(p, base, pg))
            continue;
        arr = validate_param(r, p, base, pg, p->member, &n);
        for (i = 0; arr != NULL && i < n; i++) {
            const void *elem = (const uint8_t *)arr + i * p->elem_size;
            (void)indexed(elem_name, sizeof elem_name, p->member, i, NULL);
            validate_missing(r, p->elem, elem, NULL, elem_name);
            for (j = 0; j < p->elem->n_params; j++) {
                const taws_param_t *q = &p->elem->params[j];
                if (present(q, elem, NULL))
                    (void)validate_param(r, q, elem, NULL,
                                         indexed(name, sizeof name, p->member, i, q->member), &unused);
            }
        }
    }
}

taws_status_t taws_params_validate(const taws_op_t *op, const void *params,
                                   const taws_page_args_t *page, char *msg, size_t msg_cap)
{
    report_t r;
    if (msg_cap == 0)
        return TAWS_ERR_ARG;
    taws_memsink_init(&r.m, msg, msg_cap - 1);
    r.problems = 0;
    r.st = TAWS_OK;
    validate_shape(&r, op->input, params, page);
    msg[r.m.len] = '\0';
    return r.st;
}

/* ---- query string (restJson1) --------------------------------------------------------------- */

static size_t fmt_i64(char *out, int64_t v)
{
    taws_memsink_t m;
    taws_memsink_init(&m, out, TAWS_ISO_OUT_MAX - 1);
    if (v < 0) {
        (void)taws_sink_put(&m.sink, "-", 1);
        (void)taws_sink_u64(&m.sink, (uint64_t)0 - (uint64_t)v);
    } else {
        (void)taws_sink_u64(&m.sink, (uint64_t)v);
    }
    out[m.len] = '\0';
    return m.len;
}

taws_status_t taws_params_query(const taws_op_t *op, const void *params, const taws_page_args_t *page,
                                taws_kv_t *q, size_t cap, size_t *n, taws_query_scratch_t *scratch)
{
    const taws_pshape_t *sh = op->input;
    unsigned k;
    size_t used = 0, sc = 0;
    if (scratch == NULL || q == NULL)
        return TAWS_ERR_ARG;
    for (k = 0; k < sh->n_params; k++) {
        const taws_param_t *p = &sh->params[k];
        taws_str_t v = TAWS_STR_NULL;
        if (p->location != TAWS_LOC_QUERY)
            continue;
        if (p->type == TAWS_P_STRING) {
            v = eff_str(params, p, page); /* p == NULL: absent */
        } else if (p->type == TAWS_P_INTEGER) {
            taws_int_t iv = eff_int(params, p, page);
            if (iv.set) {
                if (sc == TAWS_QUERY_SCRATCH)
                    return TAWS_ERR_TOO_LONG;
                v.n = fmt_i64(scratch->buf[sc], iv.v);
                v.p = scratch->buf[sc++];
            }
        } else if (p->type == TAWS_P_TIMESTAMP) {
            const taws_time_t *t = at(params, p->offset);
            if (t->set) {
                if (sc == TAWS_QUERY_SCRATCH)
                    return TAWS_ERR_TOO_LONG;
                v.n = taws_time_format_query(t, scratch->buf[sc]);
                v.p = scratch->buf[sc++];
            }
        } else if (p->type == TAWS_P_BOOLEAN) {
            const taws_bool_t *b = at(params, p->offset);
            if (b->set) { /* botocore: str(value).lower() */
                v.p = b->v ? "true" : "false";
                v.n = b->v ? 4u : 5u;
            }
        } else if (p->type == TAWS_P_STRING_LIST) {
            const char *const *arr = *(const char *const *const *)at(params, p->offset);
            size_t i, cnt = arr ? get_count(params, p) : 0;
            for (i = 0; i < cnt; i++) { /* a list repeats its query name */
                if (used == cap)
                    return TAWS_ERR_TOO_LONG;
                q[used].name.p = p->wire;
                q[used].name.n = strlen(p->wire);
                q[used].value.p = arr[i];
                q[used++].value.n = strlen(arr[i]);
            }
            continue;
        } else {
            return TAWS_ERR_ARG; /* structures do not go in a query string */
        }
        if (v.p == NULL)
            continue;
        if (used == cap)
            return TAWS_ERR_TOO_LONG;
        q[used].name.p = p->wire;
        q[used].name.n = strlen(p->wire);
        q[used++].value = v;
    }
    taws_query_sort(q, used);
    *n = used;
    return TAWS_OK;
}

/* ---- JSON body (awsJson1_1) ----------------------------------------------------------------- */

/* The body is written byte for byte as botocore writes it (json.dumps with its defaults):
 * members in model order, absent ones left out, ", " and ": " between them, non-ASCII as
 * \uXXXX escapes, timestamps as whole epoch seconds (its unixtimestamp format). */

static taws_status_t json_str(taws_sink_t *out, taws_str_t s)
{
    TAWS_TRY(taws_sink_put(out, "\"", 1));
    TAWS_TRY(taws_json_escape(out, s, 1));
    return taws_sink_put(out, "\"", 1);
}

/* ", " unless *first, then "wire": . */
static taws_status_t json_key(taws_sink_t *out, const char *wire, int *first)
{
    taws_str_t key;
    key.p = wire;
    key.n = strlen(wire);
    TAWS_TRY(taws_sink_str(out, *first ? "" : ", "));
    *first = 0;
    TAWS_TRY(json_str(out, key));
    return taws_sink_put(out, ": ", 2);
}

/* One member that is not a struct list; absent members are left out. */
static taws_status_t body_param(taws_sink_t *out, const taws_param_t *p, const void *base,
                                const taws_page_args_t *pg, int *first)
{
    char buf[TAWS_ISO_OUT_MAX];
    if (p->type == TAWS_P_STRING) {
        taws_str_t v = eff_str(base, p, pg);
        if (v.p == NULL)
            return TAWS_OK;
        TAWS_TRY(json_key(out, p->wire, first));
        return json_str(out, v);
    }
    if (p->type == TAWS_P_INTEGER) {
        taws_int_t v = eff_int(base, p, pg);
        if (!v.set)
            return TAWS_OK;
        TAWS_TRY(json_key(out, p->wire, first));
        return taws_sink_put(out, buf, fmt_i64(buf, v.v));
    }
    if (p->type == TAWS_P_TIMESTAMP) {
        const taws_time_t *t = at(base, p->offset);
        if (!t->set)
            return TAWS_OK;
        TAWS_TRY(json_key(out, p->wire, first));
        return taws_sink_put(out, buf, fmt_i64(buf, t->sec)); /* botocore: int(timegm(...)) */
    }
    if (p->type == TAWS_P_BOOLEAN) {
        const taws_bool_t *b = at(base, p->offset);
        if (!b->set)
            return TAWS_OK;
        TAWS_TRY(json_key(out, p->wire, first));
        return taws_sink_str(out, b->v ? "true" : "false");
    }
    if (p->type == TAWS_P_STRING_LIST) {
        const char *const *arr = *(const char *const *const *)at(base, p->offset);
        size_t i, cnt;
        if (arr == NULL)
            return TAWS_OK;
        cnt = get_count(base, p);
        TAWS_TRY(json_key(out, p->wire, first));
        TAWS_TRY(taws_sink_put(out, "[", 1));
        for (i = 0; i < cnt; i++) {
            taws_str_t s;
            if (i)
                TAWS_TRY(taws_sink_put(out, ", ", 2));
            s.p = arr[i];
            s.n = strlen(arr[i]);
            TAWS_TRY(json_str(out, s));
        }
        return taws_sink_put(out, "]", 1);
    }
    return TAWS_ERR_ARG; /* a struct list inside a struct-list element */
}

/* The input shape as a JSON object. Struct-list elements are flat objects (checked at
 * generation), written here without recursion. */
static taws_status_t body_shape(taws_sink_t *out, const taws_pshape_t *sh, const void *base,
                                const taws_page_args_t *pg)
{
    unsigned k, j;
    int first = 1;
    TAWS_TRY(taws_sink_put(out, "{", 1));
    for (k = 0; k < sh->n_params; k++) {
        const taws_param_t *p = &sh->params[k];
        const void *arr;
        size_t i, cnt;
        if (p->type != TAWS_P_STRUCT_LIST) {
            TAWS_TRY(body_param(out, p, base, pg, &first));
            continue;
        }
        arr = *(const void *const *)at(base, p->offset);
        if (arr == NULL)
            continue;
        cnt = get_count(base, p);
        TAWS_TRY(json_key(out, p->wire, &first));
        TAWS_TRY(taws_sink_put(out, "[", 1));
        for (i = 0; i < cnt; i++) {
            const void *elem = (const uint8_t *)arr + i * p->elem_size;
            int efirst = 1;
            if (i)
                TAWS_TRY(taws_sink_put(out, ", ", 2));
            TAWS_TRY(taws_sink_put(out, "{", 1));
            for (j = 0; j < p->elem->n_params; j++)
                TAWS_TRY(body_param(out, &p->elem->params[j], elem, NULL, &efirst));
            TAWS_TRY(taws_sink_put(out, "}", 1));
        }
        TAWS_TRY(taws_sink_put(out, "]", 1));
    }
    return taws_sink_put(out, "}", 1);
}

taws_status_t taws_params_body(taws_sink_t *out, const taws_op_t *op, const void *params,
                               const taws_page_args_t *page)
{
    return body_shape(out, op->input, params, page);
}
