/* SPDX-License-Identifier: MIT */
/* The AWS CLI's JSON output, streamed: header before the first item, items as they come. */
#include <string.h>
#include "output.h"

void out_init(cli_out_t *o, FILE *f, int jsonl, const char *result_key)
{
    memset(o, 0, sizeof *o);
    o->f = f;
    o->jsonl = jsonl;
    o->result_key = result_key;
}

void out_json_string(FILE *f, taws_str_t s)
{
    size_t i, run = 0;
    fputc('"', f);
    for (i = 0; i < s.n; i++) {
        unsigned char c = (unsigned char)s.p[i];
        const char *e = NULL;
        char u[8];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue; /* the common case: part of the current run */
        if (c == '"')
            e = "\\\"";
        else if (c == '\\')
            e = "\\\\";
        else if (c == '\n')
            e = "\\n";
        else if (c == '\r')
            e = "\\r";
        else if (c == '\t')
            e = "\\t";
        else if (c == '\b')
            e = "\\b";
        else if (c == '\f')
            e = "\\f";
        else if (c < 0x20) {
            snprintf(u, sizeof u, "\\u%04x", c);
            e = u;
        }
        if (e) {
            fwrite(s.p + run, 1, i - run, f);
            fputs(e, f);
            run = i + 1;
        }
    }
    fwrite(s.p + run, 1, s.n - run, f);
    fputc('"', f);
}

static void indent(FILE *f, int level)
{
    static const char spaces[] = "\n                                                ";
    size_t n = 1 + (size_t)level * 4;
    fwrite(spaces, 1, n < sizeof spaces - 1 ? n : sizeof spaces - 1, f); /* nesting <= 11 */
}

/* Separators: Python's indent=4 uses ",\n" + indent and ": "; compact output ", " and ": ". */
static void sep(cli_out_t *o, int first, int level)
{
    if (!first)
        fputc(',', o->f);
    if (o->jsonl) {
        if (!first)
            fputc(' ', o->f);
    } else {
        indent(o->f, level);
    }
}

static void close_brace(cli_out_t *o, char c, int empty, int level)
{
    if (!empty && !o->jsonl)
        indent(o->f, level);
    fputc(c, o->f);
}

static int field_present(const taws_field_t *fd, const void *v)
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

/* Recursion here follows the generated shapes (at most 3 deep), never the input. */
static void write_struct(cli_out_t *o, const taws_shape_t *sh, const void *base, int level);

static void write_value(cli_out_t *o, const taws_field_t *fd, const void *v, int level)
{
    FILE *f = o->f;
    switch (fd->type) {
    case TAWS_T_STRING:
        out_json_string(f, *(const taws_str_t *)v);
        break;
    case TAWS_T_TIMESTAMP: {
        char buf[TAWS_ISO_OUT_MAX];
        taws_str_t s;
        s.p = buf;
        s.n = taws_time_format_cli(v, buf);
        out_json_string(f, s);
        break;
    }
    case TAWS_T_INTEGER:
    case TAWS_T_LONG:
        fprintf(f, "%lld", (long long)((const taws_int_t *)v)->v);
        break;
    case TAWS_T_STRUCT:
        write_struct(o, fd->shape, v, level);
        break;
    case TAWS_T_LIST: {
        taws_list_t l = *(const taws_list_t *)v; /* iterate a copy: the item stays reusable */
        int first = 1;
        fputc('[', f);
        if (fd->elem_type == TAWS_T_STRING) {
            taws_str_t s;
            while (taws_list_next_str(&l, &s) == TAWS_OK) {
                sep(o, first, level + 1);
                first = 0;
                out_json_string(f, s);
            }
        } else {
            static uint64_t elem[64]; /* list element structs are small (a Tag is ~40 bytes) */
            if (fd->shape->size <= sizeof elem) {
                while (taws_list_next(&l, elem) == TAWS_OK) {
                    sep(o, first, level + 1);
                    first = 0;
                    write_struct(o, fd->shape, elem, level + 1);
                }
            }
        }
        close_brace(o, ']', first, level);
        break;
    }
    default:
        fputs("null", f);
    }
}

static void write_struct(cli_out_t *o, const taws_shape_t *sh, const void *base, int level)
{
    unsigned k;
    int first = 1;
    fputc('{', o->f);
    for (k = 0; k < sh->n_fields; k++) {
        const taws_field_t *fd = &sh->fields[k];
        const void *v = (const uint8_t *)base + fd->offset;
        taws_str_t name;
        if (!field_present(fd, v))
            continue;
        sep(o, first, level + 1);
        first = 0;
        name.p = fd->name;
        name.n = fd->name_len;
        out_json_string(o->f, name);
        fputs(": ", o->f);
        write_value(o, fd, v, level + 1);
    }
    close_brace(o, '}', first, level);
}

static void open_doc(cli_out_t *o)
{
    if (o->opened || o->jsonl)
        return;
    fputs("{\n    ", o->f);
    out_json_string(o->f, (taws_str_t){ o->result_key, strlen(o->result_key) });
    fputs(": [", o->f);
    o->opened = 1;
}

void out_item(cli_out_t *o, const taws_shape_t *shape, const void *item)
{
    if (o->jsonl) {
        write_struct(o, shape, item, 0);
        fputc('\n', o->f);
    } else {
        open_doc(o);
        fputs(o->items ? ",\n        " : "\n        ", o->f);
        write_struct(o, shape, item, 2);
    }
    o->items++;
}

void out_end(cli_out_t *o, int any_result, const char *token_key, taws_str_t token)
{
    if (o->jsonl) {
        if (token.p) {
            fputs("{", o->f);
            out_json_string(o->f, (taws_str_t){ token_key, strlen(token_key) });
            fputs(": ", o->f);
            out_json_string(o->f, token);
            fputs("}\n", o->f);
        }
        return;
    }
    if (!o->opened && !any_result && !token.p)
        return; /* the AWS CLI prints nothing for an empty response */
    if (!o->opened && !any_result) {
        fputs("{", o->f);
    } else {
        open_doc(o);
        fputs(o->items ? "\n    ]" : "]", o->f);
    }
    if (token.p) {
        fputs(o->items || any_result ? ",\n    " : "\n    ", o->f);
        out_json_string(o->f, (taws_str_t){ token_key, strlen(token_key) });
        fputs(": ", o->f);
        out_json_string(o->f, token);
    }
    fputs("\n}\n", o->f);
}
