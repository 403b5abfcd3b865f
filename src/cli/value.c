/* SPDX-License-Identifier: MIT */
/*
 * Value trees for the CLI: a JSON parser that reports errors as Python's json module does (the
 * AWS CLI's messages), and the mapping of a tree onto a params struct with botocore's type
 * checks ("Invalid type for parameter Filters[0].Key, value: 1, type: <class 'int'>, valid
 * types: <class 'str'>"). Iterative (an explicit stack), static pools: no heap, no recursion
 * that input can deepen.
 */
#include <stdio.h>
#include <string.h>
#include "cli_time.h"
#include "value.h"

#define POOL_NODES 4096
#define POOL_BYTES 65536
#define MAX_DEPTH 64

static cli_value_t nodes[POOL_NODES];
static uint16_t n_nodes;
static char bytes[POOL_BYTES];
static size_t n_bytes;

void cli_value_reset(void)
{
    n_nodes = 0;
    n_bytes = 0;
}

cli_value_t *cli_value_at(uint16_t i)
{
    return &nodes[i];
}

uint16_t cli_value_new(uint8_t kind)
{
    cli_value_t *v;
    if (n_nodes >= POOL_NODES - 1)
        return CLI_V_NONE;
    v = &nodes[n_nodes];
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->child = CLI_V_NONE;
    v->next = CLI_V_NONE;
    return n_nodes++;
}

void cli_value_append(uint16_t parent, uint16_t child, uint16_t *last)
{
    if (nodes[parent].child == CLI_V_NONE)
        nodes[parent].child = child;
    else
        nodes[*last].next = child;
    *last = child;
    nodes[parent].count++;
}

char *cli_value_keep(const char *p, size_t n)
{
    char *d;
    if (n_bytes + n + 1 > sizeof bytes)
        return NULL;
    d = bytes + n_bytes;
    memcpy(d, p, n);
    d[n] = '\0';
    n_bytes += n + 1;
    return d;
}

/* ---- JSON ---------------------------------------------------------------------------------- */

typedef struct {
    const char *t;
    size_t n, i;
    char *msg;
    size_t cap;
} jp_t;

/* "<what>: line L column C (char P)" as json.JSONDecodeError formats it. */
static uint16_t jerr(jp_t *j, const char *what, size_t pos)
{
    size_t k, line = 1, col = pos + 1;
    for (k = 0; k < pos && k < j->n; k++)
        if (j->t[k] == '\n') {
            line++;
            col = pos - k;
        }
    snprintf(j->msg, j->cap, "%s: line %lu column %lu (char %lu)", what, (unsigned long)line,
             (unsigned long)col, (unsigned long)pos);
    return CLI_V_NONE;
}

static void skip_ws(jp_t *j)
{
    while (j->i < j->n && (j->t[j->i] == ' ' || j->t[j->i] == '\t' || j->t[j->i] == '\n' ||
                           j->t[j->i] == '\r'))
        j->i++;
}

static int hex4(const char *p, unsigned *v)
{
    int k;
    *v = 0;
    for (k = 0; k < 4; k++) {
        char c = p[k];
        unsigned h = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (unsigned)((c | 0x20) - 'a' + 10) : 16u;
        if (h > 15)
            return 0;
        *v = *v << 4 | h;
    }
    return 1;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A string at j->i (the opening quote); its unescaped copy goes to the pool. */
static uint16_t jstring(jp_t *j, char **out, size_t *out_n)
{
    size_t start = j->i, i = j->i + 1;
    char *d = bytes + n_bytes, *o = d;
    for (;;) {
        unsigned char c;
        if (i >= j->n)
            return jerr(j, "Unterminated string starting at", start);
        if ((size_t)(o - bytes) + 8 >= sizeof bytes)
            return jerr(j, "String too long at", start);
        c = (unsigned char)j->t[i];
        if (c == '"')
            break;
        if (c < 0x20)
            return jerr(j, "Invalid control character at", i);
        if (c != '\\') {
            *o++ = (char)c;
            i++;
            continue;
        }
        if (i + 1 >= j->n)
            return jerr(j, "Unterminated string starting at", start);
        c = (unsigned char)j->t[i + 1];
        if (c == 'u') {
            unsigned cp, lo;
            if (i + 6 > j->n || !hex4(j->t + i + 2, &cp))
                return jerr(j, "Invalid \\uXXXX escape", i + 1);
            i += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= j->n && j->t[i] == '\\' && j->t[i + 1] == 'u' &&
                hex4(j->t + i + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            o += put_utf8(o, cp); /* a lone surrogate is kept as its 3 bytes, as Python keeps it */
            continue;
        }
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        default: return jerr(j, "Invalid \\escape", i);
        }
        i += 2;
    }
    *o = '\0';
    *out = d;
    *out_n = (size_t)(o - d);
    n_bytes += *out_n + 1;
    j->i = i + 1;
    return 0;
}

/* One scalar or the opening of a container at j->i; *node set. */
static uint16_t jvalue(jp_t *j, uint16_t *node)
{
    const char *t = j->t;
    size_t i = j->i;
    uint16_t v;
    char *s = NULL;
    size_t n = 0;
    if (i >= j->n)
        return jerr(j, "Expecting value", i);
    switch (t[i]) {
    case '{':
    case '[':
        v = cli_value_new(t[i] == '{' ? CLI_V_DICT : CLI_V_LIST);
        j->i++;
        break;
    case '"':
        if (jstring(j, &s, &n) == CLI_V_NONE)
            return CLI_V_NONE;
        v = cli_value_new(CLI_V_STR);
        if (v != CLI_V_NONE) {
            nodes[v].s = s;
            nodes[v].n = n;
        }
        break;
    case 't':
    case 'f':
    case 'n': {
        static const char *const lit[] = { "true", "false", "null" };
        int k = t[i] == 't' ? 0 : t[i] == 'f' ? 1 : 2;
        size_t ln = strlen(lit[k]);
        if (i + ln > j->n || memcmp(t + i, lit[k], ln) != 0)
            return jerr(j, "Expecting value", i);
        v = cli_value_new(k == 0 ? CLI_V_TRUE : k == 1 ? CLI_V_FALSE : CLI_V_NULL);
        j->i += ln;
        break;
    }
    default: {
        /* Python's NUMBER_RE: -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)? */
        size_t k = i, save;
        if (k < j->n && t[k] == '-')
            k++;
        if (k < j->n && t[k] == '0')
            k++;
        else if (k < j->n && t[k] >= '1' && t[k] <= '9')
            while (k < j->n && t[k] >= '0' && t[k] <= '9')
                k++;
        else
            return jerr(j, "Expecting value", i);
        if (k + 1 < j->n && t[k] == '.' && t[k + 1] >= '0' && t[k + 1] <= '9') {
            k += 2;
            while (k < j->n && t[k] >= '0' && t[k] <= '9')
                k++;
        }
        save = k;
        if (k < j->n && (t[k] == 'e' || t[k] == 'E')) {
            k++;
            if (k < j->n && (t[k] == '+' || t[k] == '-'))
                k++;
            if (k < j->n && t[k] >= '0' && t[k] <= '9')
                while (k < j->n && t[k] >= '0' && t[k] <= '9')
                    k++;
            else
                k = save;
        }
        v = cli_value_new(CLI_V_NUM);
        if (v != CLI_V_NONE) {
            nodes[v].s = cli_value_keep(t + i, k - i);
            nodes[v].n = k - i;
            if (!nodes[v].s)
                return jerr(j, "Value too long at", i);
        }
        j->i = k;
    }
    }
    if (v == CLI_V_NONE)
        return jerr(j, "Too many values at", i);
    *node = v;
    return 0;
}

uint16_t cli_json_parse(const char *text, size_t n, char *msg, size_t cap)
{
    jp_t j;
    uint16_t stack[MAX_DEPTH], last[MAX_DEPTH], root = CLI_V_NONE, v;
    int depth = 0, first = 0;
    j.t = text;
    j.n = n;
    j.i = 0;
    j.msg = msg;
    j.cap = cap;
    skip_ws(&j);
    if (jvalue(&j, &root) == CLI_V_NONE)
        return CLI_V_NONE;
    v = root;
    for (;;) {
        uint16_t top;
        char close;
        if (nodes[v].kind == CLI_V_LIST || nodes[v].kind == CLI_V_DICT) {
            if (first == 0 && (depth == 0 || stack[depth - 1] != v)) {
                if (depth == MAX_DEPTH)
                    return jerr(&j, "Nested too deeply at", j.i);
                stack[depth] = v;
                last[depth++] = CLI_V_NONE;
                first = 1; /* just opened: an element or the close */
            }
        }
        if (depth == 0)
            break;
        top = stack[depth - 1];
        close = nodes[top].kind == CLI_V_LIST ? ']' : '}';
        skip_ws(&j);
        if (j.i < j.n && j.t[j.i] == close) {
            j.i++;
            depth--;
            v = top;  /* a complete value: its parent continues */
            first = 2; /* not to be opened again */
            continue;
        }
        if (first != 1) {
            if (j.i >= j.n || j.t[j.i] != ',')
                return jerr(&j, "Expecting ',' delimiter", j.i);
            j.i++;
            skip_ws(&j);
        }
        {
            const char *key = NULL;
            if (nodes[top].kind == CLI_V_DICT) {
                char *ks = NULL;
                size_t kn = 0;
                if (j.i >= j.n || j.t[j.i] != '"')
                    return jerr(&j, "Expecting property name enclosed in double quotes", j.i);
                if (jstring(&j, &ks, &kn) == CLI_V_NONE)
                    return CLI_V_NONE;
                key = ks;
                skip_ws(&j);
                if (j.i >= j.n || j.t[j.i] != ':')
                    return jerr(&j, "Expecting ':' delimiter", j.i);
                j.i++;
                skip_ws(&j);
            }
            if (jvalue(&j, &v) == CLI_V_NONE)
                return CLI_V_NONE;
            nodes[v].key = key;
            cli_value_append(top, v, &last[depth - 1]);
            first = 0; /* a new container opens at the top of the loop; a scalar continues */
        }
    }
    skip_ws(&j);
    if (j.i != j.n)
        return jerr(&j, "Extra data", j.i);
    return root;
}

/* ---- onto the params struct ----------------------------------------------------------------- */

/* Python's str() of a value, as botocore's messages print it ("['a', 'b']", "{'a': 1}"). */
static void py_str(char *buf, size_t cap, uint16_t v, int nested)
{
    size_t len = strlen(buf);
    const cli_value_t *x = &nodes[v];
    if (len + 1 >= cap)
        return;
    switch (x->kind) {
    case CLI_V_STR:
        snprintf(buf + len, cap - len, nested ? "'%s'" : "%s", x->s);
        break;
    case CLI_V_NUM:
        snprintf(buf + len, cap - len, "%s", x->s);
        break;
    case CLI_V_TRUE:
        snprintf(buf + len, cap - len, "True");
        break;
    case CLI_V_FALSE:
        snprintf(buf + len, cap - len, "False");
        break;
    case CLI_V_NULL:
        snprintf(buf + len, cap - len, "None");
        break;
    default: {
        /* Containers are printed one level deep: enough to recognise the value. */
        uint16_t c;
        int first = 1;
        snprintf(buf + len, cap - len, x->kind == CLI_V_LIST ? "[" : "{");
        for (c = x->child; c != CLI_V_NONE; c = nodes[c].next) {
            len = strlen(buf);
            if (!first)
                snprintf(buf + len, cap - len, ", ");
            first = 0;
            len = strlen(buf);
            if (nodes[c].key)
                snprintf(buf + len, cap - len, "'%s': ", nodes[c].key);
            if (nested < 2)
                py_str(buf, cap, c, nested + 1);
            else {
                len = strlen(buf);
                snprintf(buf + len, cap - len, "...");
            }
        }
        len = strlen(buf);
        snprintf(buf + len, cap - len, x->kind == CLI_V_LIST ? "]" : "}");
    }
    }
}

static const char *py_type(const cli_value_t *x)
{
    switch (x->kind) {
    case CLI_V_STR: return "<class 'str'>";
    case CLI_V_NUM: return memchr(x->s, '.', x->n) || memchr(x->s, 'e', x->n) || memchr(x->s, 'E', x->n)
                               ? "<class 'float'>" : "<class 'int'>";
    case CLI_V_TRUE:
    case CLI_V_FALSE: return "<class 'bool'>";
    case CLI_V_NULL: return "<class 'NoneType'>";
    case CLI_V_LIST: return "<class 'list'>";
    default: return "<class 'dict'>";
    }
}

static int add_line(char *msg, size_t cap, const char *line)
{
    size_t len = strlen(msg);
    snprintf(msg + len, cap - len, "%s%s", len ? "\n" : "", line);
    return -1;
}

static int bad_type(uint16_t v, const char *path, const char *valid, char *msg, size_t cap)
{
    char val[256] = "", line[512];
    py_str(val, sizeof val, v, 0);
    snprintf(line, sizeof line, "Invalid type for parameter %s, value: %s, type: %s, valid types: %s",
             path, val, py_type(&nodes[v]), valid);
    return add_line(msg, cap, line);
}

#define MAX_ELEMS 64 /* structures in one list parameter */
static uint64_t elem_pool[MAX_ELEMS * 16];
static size_t elem_used; /* in uint64_t units */
static const char *ptr_pool[1024];
static size_t ptr_used;

void cli_value_reset_params(void)
{
    elem_used = 0;
    ptr_used = 0;
}

int cli_value_apply_member(const taws_param_t *p, void *base, uint16_t v, const char *path,
                           char *msg, size_t cap)
{
    uint8_t *dst = (uint8_t *)base + p->offset;
    const cli_value_t *x = &nodes[v];
    switch (p->type) {
    case TAWS_P_STRING:
        if (x->kind != CLI_V_STR)
            return bad_type(v, path, "<class 'str'>", msg, cap);
        *(const char **)dst = x->s;
        return 0;
    case TAWS_P_INTEGER: {
        taws_int_t *iv = (taws_int_t *)dst;
        const char *s = x->s;
        int64_t r = 0;
        int neg = 0;
        size_t k = 0;
        if (x->kind != CLI_V_NUM || strcmp(py_type(x), "<class 'int'>") != 0)
            return bad_type(v, path, "<class 'int'>", msg, cap);
        if (s[0] == '-') {
            neg = 1;
            k = 1;
        }
        for (; k < x->n; k++) {
            if (r > (INT64_MAX - 9) / 10)
                return bad_type(v, path, "<class 'int'>", msg, cap);
            r = r * 10 + (s[k] - '0');
        }
        iv->v = neg ? -r : r;
        iv->set = 1;
        return 0;
    }
    case TAWS_P_TIMESTAMP:
        if (x->kind != CLI_V_STR && x->kind != CLI_V_NUM)
            return bad_type(v, path, "<class 'datetime.datetime'>, <class 'str'>", msg, cap);
        if (cli_time_parse(x->s, (taws_time_t *)dst) != 0) {
            char line[512];
            snprintf(line, sizeof line, "Invalid timestamp value: %s", x->s);
            return add_line(msg, cap, line);
        }
        return 0;
    case TAWS_P_BOOLEAN: /* JSON true/false only, as botocore's validator */
        if (x->kind != CLI_V_TRUE && x->kind != CLI_V_FALSE)
            return bad_type(v, path, "<class 'bool'>", msg, cap);
        ((taws_bool_t *)dst)->v = x->kind == CLI_V_TRUE;
        ((taws_bool_t *)dst)->set = 1;
        return 0;
    case TAWS_P_STRING_LIST: {
        uint16_t c;
        size_t n = 0, first = ptr_used;
        if (x->kind != CLI_V_LIST)
            return bad_type(v, path, "<class 'list'>, <class 'tuple'>", msg, cap);
        for (c = x->child; c != CLI_V_NONE; c = nodes[c].next, n++) {
            char sub[160];
            snprintf(sub, sizeof sub, "%s[%lu]", path, (unsigned long)n);
            if (nodes[c].kind != CLI_V_STR)
                return bad_type(c, sub, "<class 'str'>", msg, cap);
            if (ptr_used == sizeof ptr_pool / sizeof ptr_pool[0])
                return add_line(msg, cap, "Too many list values");
            ptr_pool[ptr_used++] = nodes[c].s;
        }
        *(const char *const **)dst = ptr_pool + first;
        *(size_t *)((uint8_t *)base + p->count_offset) = n;
        return 0;
    }
    case TAWS_P_STRUCT_LIST: {
        uint16_t c;
        size_t n = 0, units = ((size_t)p->elem_size + 7u) / 8u, first = elem_used;
        int rc = 0;
        if (x->kind != CLI_V_LIST)
            return bad_type(v, path, "<class 'list'>, <class 'tuple'>", msg, cap);
        if (x->count * units > sizeof elem_pool / 8u - elem_used)
            return add_line(msg, cap, "Too many list elements");
        elem_used += x->count * units;
        for (c = x->child; c != CLI_V_NONE; c = nodes[c].next, n++) {
            char sub[160];
            uint8_t *elem = (uint8_t *)(elem_pool + first + n * units);
            memset(elem, 0, p->elem_size);
            snprintf(sub, sizeof sub, "%s[%lu]", path, (unsigned long)n);
            if (nodes[c].kind != CLI_V_DICT)
                rc = bad_type(c, sub, "<class 'dict'>", msg, cap);
            else if (cli_value_apply(p->elem, elem, c, sub, msg, cap) != 0)
                rc = -1;
        }
        *(const void **)dst = elem_pool + first;
        *(size_t *)((uint8_t *)base + p->count_offset) = n;
        return rc;
    }
    default:
        return add_line(msg, cap, "Unsupported parameter type");
    }
}

int cli_value_apply(const taws_pshape_t *sh, void *base, uint16_t dict, const char *path,
                    char *msg, size_t cap)
{
    uint16_t c;
    int rc = 0;
    if (nodes[dict].kind != CLI_V_DICT)
        return bad_type(dict, path, "<class 'dict'>", msg, cap);
    for (c = nodes[dict].child; c != CLI_V_NONE; c = nodes[c].next) {
        const taws_param_t *p = NULL;
        unsigned k;
        for (k = 0; k < sh->n_params; k++)
            if (strcmp(sh->params[k].member, nodes[c].key) == 0)
                p = &sh->params[k];
        if (p == NULL) {
            char line[512];
            size_t len;
            snprintf(line, sizeof line, "Unknown parameter in %s: \"%s\", must be one of: ", path, nodes[c].key);
            for (k = 0; k < sh->n_params; k++) {
                len = strlen(line);
                snprintf(line + len, sizeof line - len, "%s%s", k ? ", " : "", sh->params[k].member);
            }
            rc = add_line(msg, cap, line);
            continue;
        }
        {
            char sub[160];
            if (strcmp(path, "input") == 0)
                snprintf(sub, sizeof sub, "%s", p->member);
            else
                snprintf(sub, sizeof sub, "%s.%s", path, p->member);
            if (nodes[c].kind == CLI_V_NULL)
                continue; /* botocore drops None values */
            if (cli_value_apply_member(p, base, c, sub, msg, cap) != 0)
                rc = -1;
        }
    }
    return rc;
}
