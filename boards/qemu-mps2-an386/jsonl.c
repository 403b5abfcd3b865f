/* SPDX-License-Identifier: MIT */
/* Items as JSON lines (see jsonl.h). Recursion follows the generated shapes (a structure
 * inside a structure inside an item at most), never the input. */
#include <string.h>
#include "jsonl.h"
#include "semihost.h"

static void put(const char *s, size_t n)
{
    out_bytes(s, n);
}

static void put_z(const char *s)
{
    out_bytes(s, strlen(s));
}

/* A JSON string as Python's json.dumps(ensure_ascii=False) writes it. */
static void put_string(taws_str_t s)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;
    put("\"", 1);
    for (i = 0; i < s.n; i++) {
        unsigned char c = (unsigned char)s.p[i];
        const char *e;
        char u[6];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        switch (c) {
        case '"': e = "\\\""; break;
        case '\\': e = "\\\\"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        default:
            u[0] = '\\';
            u[1] = 'u';
            u[2] = '0';
            u[3] = '0';
            u[4] = hex[c >> 4];
            u[5] = hex[c & 15u];
            e = NULL;
        }
        put(s.p + run, i - run);
        if (e)
            put_z(e);
        else
            put(u, sizeof u);
        run = i + 1;
    }
    put(s.p + run, s.n - run);
    put("\"", 1);
}

static void put_int(int64_t v)
{
    char b[22];
    size_t n;
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    if (v < 0)
        put("-", 1);
    n = fmt_u64(b, m);
    put(b, n);
}

static int present(const taws_field_t *fd, const void *v)
{
    switch (fd->type) {
    case TAWS_T_STRING: return ((const taws_str_t *)v)->p != NULL;
    case TAWS_T_TIMESTAMP: return ((const taws_time_t *)v)->set;
    case TAWS_T_INTEGER:
    case TAWS_T_LONG: return ((const taws_int_t *)v)->set;
    case TAWS_T_STRUCT: return *(const uint8_t *)v;
    case TAWS_T_LIST: return taws_list_present(v);
    default: return 0;
    }
}

static void put_struct(const taws_shape_t *sh, const void *base);

static void put_value(const taws_field_t *fd, const void *v)
{
    switch (fd->type) {
    case TAWS_T_STRING:
        put_string(*(const taws_str_t *)v);
        break;
    case TAWS_T_TIMESTAMP: {
        char buf[TAWS_ISO_OUT_MAX];
        taws_str_t s;
        s.p = buf;
        s.n = taws_time_format_cli(v, buf);
        put_string(s);
        break;
    }
    case TAWS_T_INTEGER:
    case TAWS_T_LONG:
        put_int(((const taws_int_t *)v)->v);
        break;
    case TAWS_T_STRUCT:
        put_struct(fd->shape, v);
        break;
    case TAWS_T_LIST: {
        taws_list_t l = *(const taws_list_t *)v; /* a copy: the item stays reusable */
        int first = 1;
        put("[", 1);
        if (fd->elem_type == TAWS_T_STRING) {
            taws_str_t s;
            while (taws_list_next_str(&l, &s) == TAWS_OK) {
                if (!first)
                    put(", ", 2);
                first = 0;
                put_string(s);
            }
        } else {
            static uint64_t elem[64]; /* list elements are small structures (a Tag: ~40 B) */
            if (fd->shape->size <= sizeof elem)
                while (taws_list_next(&l, elem) == TAWS_OK) {
                    if (!first)
                        put(", ", 2);
                    first = 0;
                    put_struct(fd->shape, elem);
                }
        }
        put("]", 1);
        break;
    }
    default:
        put("null", 4);
    }
}

static void put_struct(const taws_shape_t *sh, const void *base)
{
    unsigned k;
    int first = 1;
    put("{", 1);
    for (k = 0; k < sh->n_fields; k++) {
        const taws_field_t *fd = &sh->fields[k];
        const void *v = (const uint8_t *)base + fd->offset;
        if (!present(fd, v))
            continue;
        if (!first)
            put(", ", 2);
        first = 0;
        put("\"", 1);
        put(fd->name, fd->name_len);
        put("\": ", 3);
        put_value(fd, v);
    }
    put("}", 1);
}

void jsonl_item(const taws_shape_t *shape, const void *item)
{
    put_struct(shape, item);
    put("\n", 1);
}

void jsonl_token(const char *key, taws_str_t token)
{
    put("{\"", 2);
    put_z(key);
    put("\": ", 3);
    put_string(token);
    put("}\n", 2);
}
