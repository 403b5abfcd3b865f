/*
 * Operation options for the tinyaws CLI, driven by the operation tables: every model
 * parameter is `--<kebab-case name>`. Lists take the following arguments up to the next
 * option; a list of structures takes the AWS CLI's shorthand (Key=STATUS,Values=A,B) or JSON.
 * Everything is stored in static pools: the CLI, like the library, allocates nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"

#define MAX_ELEMS 16      /* structures in one list option */
#define MAX_STRINGS 256   /* strings referenced by list options */
#define STR_POOL 16384    /* bytes copied out of shorthand/JSON arguments */

static uint64_t elem_pool[MAX_ELEMS * 16]; /* list elements (each <= 128 bytes) */
static const char *ptr_pool[MAX_STRINGS];
static size_t ptr_used;
static char str_pool[STR_POOL];
static size_t str_used;

static const char *keep(const char *p, size_t n)
{
    char *d;
    if (str_used + n + 1 > sizeof str_pool)
        return NULL;
    d = str_pool + str_used;
    memcpy(d, p, n);
    d[n] = '\0';
    str_used += n + 1;
    return d;
}

static int err(char *msg, size_t cap, const char *a, const char *b, const char *c)
{
    snprintf(msg, cap, "%s%s%s", a, b ? b : "", c ? c : "");
    return -1;
}

const taws_param_t *args_find(const taws_pshape_t *sh, const char *cli, size_t n)
{
    unsigned k;
    for (k = 0; k < sh->n_params; k++)
        if (strlen(sh->params[k].cli) == n && memcmp(sh->params[k].cli, cli, n) == 0)
            return &sh->params[k];
    return NULL;
}

static const taws_param_t *find_member(const taws_pshape_t *sh, const char *name, size_t n)
{
    unsigned k;
    for (k = 0; k < sh->n_params; k++)
        if (strlen(sh->params[k].member) == n && memcmp(sh->params[k].member, name, n) == 0)
            return &sh->params[k];
    return NULL;
}

int args_parse_int(const char *s, int64_t *out)
{
    char *end;
    long long v;
    if (*s == '\0')
        return -1;
    v = strtoll(s, &end, 10);
    if (*end != '\0')
        return -1;
    *out = (int64_t)v;
    return 0;
}

/* ---- one scalar value into a struct member ------------------------------------------------ */

static int set_scalar(const taws_param_t *p, void *base, const char *v, size_t n, char *msg,
                      size_t cap)
{
    uint8_t *dst = (uint8_t *)base + p->offset;
    char tmp[64];
    if (p->type == TAWS_P_STRING) {
        const char *z = (v[n] == '\0') ? v : keep(v, n);
        if (!z)
            return err(msg, cap, "argument --", p->cli, ": value too long");
        *(const char **)dst = z;
        return 0;
    }
    if (n >= sizeof tmp)
        return err(msg, cap, "argument --", p->cli, ": value too long");
    memcpy(tmp, v, n);
    tmp[n] = '\0';
    if (p->type == TAWS_P_INTEGER) {
        taws_int_t *iv = (taws_int_t *)dst;
        if (args_parse_int(tmp, &iv->v) != 0) {
            snprintf(msg, cap, "argument --%s: invalid int value: '%s'", p->cli, tmp);
            return -1;
        }
        iv->set = 1;
        return 0;
    }
    if (p->type == TAWS_P_TIMESTAMP) {
        taws_str_t s = { tmp, n };
        if (taws_time_parse_any(s, (taws_time_t *)dst) != TAWS_OK) {
            snprintf(msg, cap, "Invalid timestamp value: %s", tmp);
            return -1;
        }
        return 0;
    }
    return err(msg, cap, "argument --", p->cli, ": unsupported type");
}

/* ---- shorthand: Key=STATUS,Values=SUCCESS,FAILED ---------------------------------------------- */

static int shorthand(const taws_pshape_t *sh, void *elem, const char *s, char *msg, size_t cap)
{
    const char *p = s, *end = s + strlen(s);
    while (p < end) {
        const char *eq = strchr(p, '='), *v, *ve;
        const taws_param_t *m;
        if (!eq)
            return err(msg, cap, "Error parsing parameter: expected '=' in: ", s, NULL);
        m = find_member(sh, p, (size_t)(eq - p));
        if (!m)
            return err(msg, cap, "Unknown key in shorthand: ", keep(p, (size_t)(eq - p)), NULL);
        v = eq + 1;
        if (m->type == TAWS_P_STRING_LIST) {
            /* A list takes values up to the next "Name=" (or the bracketed [a,b] form). */
            const char **first = ptr_pool + ptr_used, *next;
            size_t count = 0;
            int bracket = *v == '[';
            if (bracket)
                v++;
            for (;;) {
                ve = v;
                while (ve < end && *ve != ',' && !(bracket && *ve == ']'))
                    ve++;
                if (!bracket && count > 0 && memchr(v, '=', (size_t)(ve - v))) {
                    next = v; /* "Name=..." starts the next member */
                    break;
                }
                if (ptr_used == MAX_STRINGS || !(ptr_pool[ptr_used] = keep(v, (size_t)(ve - v))))
                    return err(msg, cap, "too many values in: ", s, NULL);
                ptr_used++;
                count++;
                if (bracket && ve < end && *ve == ']') {
                    ve++;
                    next = ve < end && *ve == ',' ? ve + 1 : ve;
                    break;
                }
                if (ve >= end) {
                    next = end;
                    break;
                }
                v = ve + 1;
            }
            *(const char *const **)((uint8_t *)elem + m->offset) = first;
            *(size_t *)((uint8_t *)elem + m->count_offset) = count;
            p = next;
        } else {
            ve = v;
            while (ve < end && *ve != ',')
                ve++;
            if (set_scalar(m, elem, v, (size_t)(ve - v), msg, cap) != 0)
                return -1;
            p = ve < end ? ve + 1 : ve;
        }
    }
    return 0;
}

/* ---- JSON: [{"Key": "STATUS", "Values": ["SUCCESS"]}] --------------------------------------- */

static int json_elems(const taws_param_t *p, const char *s, size_t *n_out, char *msg, size_t cap)
{
    static jsmntok_t t[512];
    static char buf[8192];
    jsmn_parser jp;
    size_t len = strlen(s), n = 0;
    int nt, i;
    if (len >= sizeof buf)
        return err(msg, cap, "argument --", p->cli, ": JSON too long");
    memcpy(buf, s, len + 1);
    jsmn_init(&jp);
    nt = jsmn_parse(&jp, buf, len, t, 512);
    if (nt < 1 || (t[0].type != JSMN_ARRAY && t[0].type != JSMN_OBJECT))
        return err(msg, cap, "Error parsing parameter '--", p->cli, "': Invalid JSON");
    i = t[0].type == JSMN_ARRAY ? 1 : 0;
    while (i < nt) {
        uint8_t *elem;
        int keys, k;
        if (t[i].type != JSMN_OBJECT || n == MAX_ELEMS)
            return err(msg, cap, "Error parsing parameter '--", p->cli, "': expected objects");
        elem = (uint8_t *)elem_pool + n * p->elem_size;
        memset(elem, 0, p->elem_size);
        keys = t[i].size;
        i++;
        for (k = 0; k < keys; k++) {
            const taws_param_t *m;
            long w;
            if (i + 1 >= nt || t[i].type != JSMN_STRING)
                return err(msg, cap, "Error parsing parameter '--", p->cli, "': Invalid JSON");
            m = find_member(p->elem, buf + t[i].start, (size_t)(t[i].end - t[i].start));
            if (!m)
                return err(msg, cap, "Unknown parameter in ", p->member, NULL);
            i++;
            if (m->type == TAWS_P_STRING_LIST) {
                int j, cnt = t[i].size;
                const char **first = ptr_pool + ptr_used;
                if (t[i].type != JSMN_ARRAY)
                    return err(msg, cap, "Invalid type for parameter ", m->member, ": expected a list");
                i++;
                for (j = 0; j < cnt; j++, i++) {
                    if (t[i].type != JSMN_STRING || ptr_used == MAX_STRINGS)
                        return err(msg, cap, "Invalid type for parameter ", m->member, ": expected strings");
                    w = taws_json_unescape_inplace(buf + t[i].start, (size_t)(t[i].end - t[i].start));
                    if (w < 0 || !(ptr_pool[ptr_used] = keep(buf + t[i].start, (size_t)w)))
                        return err(msg, cap, "Invalid JSON string in ", m->member, NULL);
                    ptr_used++;
                }
                *(const char *const **)(elem + m->offset) = first;
                *(size_t *)(elem + m->count_offset) = (size_t)cnt;
            } else {
                if (t[i].type != JSMN_STRING && t[i].type != JSMN_PRIMITIVE)
                    return err(msg, cap, "Invalid type for parameter ", m->member, NULL);
                w = taws_json_unescape_inplace(buf + t[i].start, (size_t)(t[i].end - t[i].start));
                if (w < 0 || set_scalar(m, elem, keep(buf + t[i].start, (size_t)w), (size_t)w, msg, cap) != 0)
                    return -1;
                i++;
            }
        }
        n++;
    }
    *n_out = n;
    return 0;
}

int args_set(const taws_param_t *p, void *params, char **vals, int nvals, char *msg, size_t cap)
{
    uint8_t *base = params;
    int i;
    if (nvals < 1)
        return err(msg, cap, "argument --", p->cli, ": expected one argument");
    if (p->type == TAWS_P_STRING || p->type == TAWS_P_INTEGER || p->type == TAWS_P_TIMESTAMP) {
        if (nvals != 1)
            return err(msg, cap, "Unknown options: ", vals[1], NULL);
        return set_scalar(p, params, vals[0], strlen(vals[0]), msg, cap);
    }
    if (p->type == TAWS_P_STRING_LIST) {
        const char **first = ptr_pool + ptr_used;
        for (i = 0; i < nvals; i++) {
            if (ptr_used == MAX_STRINGS)
                return err(msg, cap, "too many values for --", p->cli, NULL);
            ptr_pool[ptr_used++] = vals[i];
        }
        *(const char *const **)(base + p->offset) = first;
        *(size_t *)(base + p->count_offset) = (size_t)nvals;
        return 0;
    }
    /* A list of structures: shorthand arguments, or JSON. */
    if ((size_t)p->elem_size * MAX_ELEMS > sizeof elem_pool)
        return err(msg, cap, "argument --", p->cli, ": element too large");
    if (vals[0][0] == '[' || vals[0][0] == '{') {
        size_t n;
        if (nvals != 1 || json_elems(p, vals[0], &n, msg, cap) != 0)
            return nvals != 1 ? err(msg, cap, "Unknown options: ", vals[1], NULL) : -1;
        *(const void **)(base + p->offset) = elem_pool;
        *(size_t *)(base + p->count_offset) = n;
        return 0;
    }
    if (nvals > MAX_ELEMS)
        return err(msg, cap, "too many values for --", p->cli, NULL);
    for (i = 0; i < nvals; i++) {
        uint8_t *elem = (uint8_t *)elem_pool + (size_t)i * p->elem_size;
        memset(elem, 0, p->elem_size);
        if (shorthand(p->elem, elem, vals[i], msg, cap) != 0)
            return -1;
    }
    *(const void **)(base + p->offset) = elem_pool;
    *(size_t *)(base + p->count_offset) = (size_t)nvals;
    return 0;
}
