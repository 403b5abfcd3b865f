/* SPDX-License-Identifier: MIT */
/*
 * The AWS CLI's shorthand syntax (awscli/shorthand.py), rewritten as a small C parser that
 * builds a value tree (value.h):
 *
 *   parameter = keyval *("," keyval)      keyval = key "=" [values]
 *   values    = csv-list / explicit-list / hash-literal
 *   Key=STATUS,Values=SUCCESS,FAILED  ->  {"Key": "STATUS", "Values": ["SUCCESS", "FAILED"]}
 *
 * with its character classes, its backtracking ("a=b,c=d": the csv list ends before "c="),
 * quoting, escaped commas, and its error messages ("Expected: '=', received: 'EOF' for
 * input:" with a caret; "Second instance of key ..."). Then, as its BackCompatVisitor, a
 * scalar given for a list member becomes a one-element list and integers become numbers.
 * Nesting depth is bounded (explicit lists and hashes inside values).
 */
#include <stdio.h>
#include <string.h>
#include "shorthand.h"

#define MAX_NEST 8

typedef struct {
    const char *s;
    size_t n, i;
    char *msg;
    size_t cap;
    int failed;
    int depth;
} sp_t;

/* "...for input:\n<consumed>\n<spaces>^<remaining>" as ShorthandParseError lays it out. */
static void location(sp_t *p, size_t index, char *out, size_t cap)
{
    size_t k, line_start = 0, next_nl = p->n, spaces;
    for (k = 0; k < index && k < p->n; k++)
        if (p->s[k] == '\n')
            line_start = k + 1;
    for (k = index; k < p->n; k++)
        if (p->s[k] == '\n') {
            next_nl = k;
            break;
        }
    spaces = index - line_start;
    snprintf(out, cap, "%.*s\n%*s^%.*s", (int)next_nl, p->s, (int)spaces, "", (int)(p->n - next_nl),
             p->s + next_nl);
}

static int syntax(sp_t *p, const char *expected, const char *actual)
{
    char loc[1024];
    if (!p->failed) {
        location(p, p->i, loc, sizeof loc);
        snprintf(p->msg, p->cap, "Expected: '%s', received: '%s' for input:\n%s", expected, actual, loc);
    }
    p->failed = 1;
    return -1;
}

static int at_eof(const sp_t *p)
{
    return p->i >= p->n;
}

static void ws(sp_t *p)
{
    while (!at_eof(p) && strchr(" \t\n\r\v\f", p->s[p->i]))
        p->i++;
}

static int expect(sp_t *p, char c, int consume_ws)
{
    char actual[8];
    if (consume_ws)
        ws(p);
    if (at_eof(p))
        return syntax(p, (char[]){ c, 0 }, "EOF");
    if (p->s[p->i] != c) {
        actual[0] = p->s[p->i];
        actual[1] = '\0';
        return syntax(p, (char[]){ c, 0 }, actual);
    }
    p->i++;
    if (consume_ws)
        ws(p);
    return 0;
}

/* The regex character classes; bytes >= 0x80 (UTF-8 of non-ASCII) are in every class, as
 * \u007c-\uffff and ~-\uffff put every non-ASCII character there. */
static int start_word(unsigned char c)
{
    return c >= 0x80 || c == '!' || (c >= '#' && c <= '&') || (c >= '(' && c <= '+') ||
           (c >= '-' && c <= '<') || (c >= '>' && c <= 'Z') || (c >= '\\' && c <= 'z') || c >= '|';
}

static int first_follow(unsigned char c)
{
    return c >= 0x80 || strchr(" \t\n\r\v\f", c) || c == '!' || (c >= '#' && c <= '&') ||
           (c >= '(' && c <= '+') || (c >= '-' && c <= '\\') || (c >= '^' && c <= '|') || c >= '~';
}

static int second_follow(unsigned char c)
{
    return c >= 0x80 || strchr(" \t\n\r\v\f", c) || c == '!' || (c >= '#' && c <= '&') ||
           (c >= '(' && c <= '+') || (c >= '-' && c <= '<') || c >= '>';
}

/* A new STR node for s[a..b) with "\," unescaped and trailing whitespace stripped. */
static uint16_t str_node(sp_t *p, size_t a, size_t b, int unescape_comma, int strip)
{
    char buf[4096];
    size_t k = 0, i;
    uint16_t v;
    for (i = a; i < b && k + 1 < sizeof buf; i++) {
        if (unescape_comma && p->s[i] == '\\' && i + 1 < b && p->s[i + 1] == ',') {
            buf[k++] = ',';
            i++;
        } else {
            buf[k++] = p->s[i];
        }
    }
    while (strip && k > 0 && strchr(" \t\n\r\v\f", buf[k - 1]))
        k--;
    v = cli_value_new(CLI_V_STR);
    if (v == CLI_V_NONE || !(cli_value_at(v)->s = cli_value_keep(buf, k))) {
        p->failed = 1;
        snprintf(p->msg, p->cap, "Shorthand value too large");
        return CLI_V_NONE;
    }
    cli_value_at(v)->n = k;
    return v;
}

/* (escaped_comma | [start]) (escaped_comma | [follow])* ; returns the end, or a == end. */
static size_t word(sp_t *p, int (*follow)(unsigned char))
{
    size_t i = p->i;
    if (i + 1 < p->n && p->s[i] == '\\' && p->s[i + 1] == ',')
        i += 2;
    else if (i < p->n && start_word((unsigned char)p->s[i]))
        i++;
    else
        return p->i;
    for (;;) {
        if (i + 1 < p->n && p->s[i] == '\\' && p->s[i + 1] == ',')
            i += 2;
        else if (i < p->n && follow((unsigned char)p->s[i]))
            i++;
        else
            return i;
    }
}

/* 'single' or "double" quoted: \\ and \<quote> unescaped. */
static uint16_t quoted(sp_t *p)
{
    char q = p->s[p->i], buf[4096];
    size_t i = p->i + 1, k = 0;
    uint16_t v;
    for (;;) {
        if (i >= p->n)
            return (uint16_t)syntax(p, q == '"' ? "<double quoted>" : "<singled quoted>", "<none>");
        if (p->s[i] == '\\' && i + 1 < p->n && (p->s[i + 1] == '\\' || p->s[i + 1] == q)) {
            if (k + 1 < sizeof buf)
                buf[k++] = p->s[i + 1];
            i += 2;
            continue;
        }
        if (p->s[i] == q)
            break;
        if (k + 1 < sizeof buf)
            buf[k++] = p->s[i];
        i++;
    }
    p->i = i + 1;
    v = cli_value_new(CLI_V_STR);
    if (v == CLI_V_NONE || !(cli_value_at(v)->s = cli_value_keep(buf, k))) {
        p->failed = 1;
        return CLI_V_NONE;
    }
    cli_value_at(v)->n = k;
    return v;
}

static uint16_t first_value(sp_t *p)
{
    size_t a = p->i, b;
    if (!at_eof(p) && (p->s[p->i] == '\'' || p->s[p->i] == '"'))
        return quoted(p);
    b = word(p, first_follow);
    p->i = b;
    return str_node(p, a, b, 1, 1);
}

static uint16_t second_value(sp_t *p)
{
    size_t a = p->i, b;
    if (!at_eof(p) && (p->s[p->i] == '\'' || p->s[p->i] == '"'))
        return quoted(p);
    b = word(p, second_follow);
    if (b == a) {
        syntax(p, "<second>", "<none>");
        return CLI_V_NONE;
    }
    p->i = b;
    return str_node(p, a, b, 1, 1);
}

static uint16_t explicit_values(sp_t *p);

static uint16_t explicit_list(sp_t *p)
{
    uint16_t l, last = CLI_V_NONE;
    if (++p->depth > MAX_NEST) {
        syntax(p, "<shallower nesting>", "[");
        return CLI_V_NONE;
    }
    if (expect(p, '[', 1) != 0 || (l = cli_value_new(CLI_V_LIST)) == CLI_V_NONE)
        return CLI_V_NONE;
    while (at_eof(p) || p->s[p->i] != ']') {
        uint16_t v = explicit_values(p);
        if (v == CLI_V_NONE)
            return CLI_V_NONE;
        cli_value_append(l, v, &last);
        ws(p);
        if (at_eof(p) || p->s[p->i] != ']') {
            if (expect(p, ',', 0) != 0)
                return CLI_V_NONE;
            ws(p);
        }
    }
    if (expect(p, ']', 0) != 0)
        return CLI_V_NONE;
    p->depth--;
    return l;
}

static size_t key_end(const sp_t *p)
{
    size_t i = p->i;
    while (i < p->n && (((p->s[i] | 0x20) >= 'a' && (p->s[i] | 0x20) <= 'z') ||
                        (p->s[i] >= '0' && p->s[i] <= '9') || strchr("-_.#/:", p->s[i])))
        i++;
    return i;
}

static uint16_t hash_literal(sp_t *p)
{
    uint16_t h, last = CLI_V_NONE;
    if (++p->depth > MAX_NEST) {
        syntax(p, "<shallower nesting>", "{");
        return CLI_V_NONE;
    }
    if (expect(p, '{', 1) != 0 || (h = cli_value_new(CLI_V_DICT)) == CLI_V_NONE)
        return CLI_V_NONE;
    while (at_eof(p) || p->s[p->i] != '}') {
        size_t a = p->i, b = key_end(p);
        uint16_t v;
        const char *key;
        p->i = b;
        if (!(key = cli_value_keep(p->s + a, b - a)) || expect(p, '=', 1) != 0)
            return CLI_V_NONE;
        if ((v = explicit_values(p)) == CLI_V_NONE)
            return CLI_V_NONE;
        ws(p);
        if (at_eof(p) || p->s[p->i] != '}') {
            if (expect(p, ',', 0) != 0)
                return CLI_V_NONE;
            ws(p);
        }
        cli_value_at(v)->key = key;
        cli_value_append(h, v, &last);
    }
    if (expect(p, '}', 0) != 0)
        return CLI_V_NONE;
    p->depth--;
    return h;
}

static uint16_t explicit_values(sp_t *p)
{
    if (!at_eof(p) && p->s[p->i] == '[')
        return explicit_list(p);
    if (!at_eof(p) && p->s[p->i] == '{')
        return hash_literal(p);
    return first_value(p);
}

static uint16_t csv_value(sp_t *p)
{
    uint16_t first = first_value(p), list, last = CLI_V_NONE;
    if (first == CLI_V_NONE)
        return CLI_V_NONE;
    ws(p);
    if (at_eof(p) || p->s[p->i] != ',')
        return first;
    if (expect(p, ',', 1) != 0)
        return CLI_V_NONE;
    if ((list = cli_value_new(CLI_V_LIST)) == CLI_V_NONE)
        return CLI_V_NONE;
    cli_value_append(list, first, &last);
    for (;;) {
        uint16_t cur;
        size_t save_i = p->i;
        int save_failed = p->failed;
        cur = second_value(p);
        if (cur != CLI_V_NONE) {
            ws(p);
            if (at_eof(p)) {
                cli_value_append(list, cur, &last);
                break;
            }
            if (p->s[p->i] == ',') {
                p->i++;
                ws(p);
                cli_value_append(list, cur, &last);
                continue;
            }
            (void)expect(p, ',', 1); /* records the error, backtracked below */
        }
        /* A syntax error: at the end it stands; else back to the previous comma, where the
         * next key=value starts ("a=b,c=d"). */
        if (at_eof(p))
            return CLI_V_NONE;
        p->failed = save_failed;
        (void)save_i;
        while (p->i > 0 && p->s[p->i] != ',') /* from where it failed, as _backtrack_to */
            p->i--;
        break;
    }
    if (cli_value_at(list)->count == 1)
        return first;
    return list;
}

static uint16_t values(sp_t *p)
{
    if (at_eof(p))
        return str_node(p, p->i, p->i, 0, 0);
    if (p->s[p->i] == '[')
        return explicit_list(p);
    if (p->s[p->i] == '{')
        return hash_literal(p);
    return csv_value(p);
}

uint16_t cli_shorthand_parse(const char *s, char *msg, size_t cap)
{
    sp_t p;
    uint16_t dict, last = CLI_V_NONE;
    size_t last_index = 0;
    memset(&p, 0, sizeof p);
    p.s = s;
    p.n = strlen(s);
    p.msg = msg;
    p.cap = cap;
    if ((dict = cli_value_new(CLI_V_DICT)) == CLI_V_NONE)
        return CLI_V_NONE;
    for (;;) {
        size_t a, b;
        const char *key;
        uint16_t v, c;
        if (cli_value_at(dict)->count > 0 && expect(&p, ',', 1) != 0)
            return CLI_V_NONE;
        a = p.i;
        b = key_end(&p);
        p.i = b;
        if (!(key = cli_value_keep(s + a, b - a)) || expect(&p, '=', 1) != 0)
            return CLI_V_NONE;
        if ((v = values(&p)) == CLI_V_NONE)
            return CLI_V_NONE;
        for (c = cli_value_at(dict)->child; c != CLI_V_NONE; c = cli_value_at(c)->next) {
            if (strcmp(cli_value_at(c)->key, key) == 0) {
                char loc[1024];
                sp_t q = p;
                q.i = last_index + 1;
                location(&q, last_index + 1, loc, sizeof loc);
                snprintf(msg, cap, "Second instance of key \"%s\" encountered for input:\n%s\n"
                                   "This is often because there is a preceding \",\" instead of a space.",
                         key, loc);
                return CLI_V_NONE;
            }
        }
        cli_value_at(v)->key = key;
        cli_value_append(dict, v, &last);
        last_index = p.i;
        if (at_eof(&p))
            break;
    }
    return dict;
}

void cli_shorthand_backcompat(const taws_pshape_t *sh, uint16_t dict)
{
    uint16_t c;
    for (c = cli_value_at(dict)->child; c != CLI_V_NONE; c = cli_value_at(c)->next) {
        cli_value_t *v = cli_value_at(c);
        unsigned k;
        for (k = 0; k < sh->n_params; k++) {
            const taws_param_t *m = &sh->params[k];
            if (strcmp(m->member, v->key) != 0)
                continue;
            if (m->type == TAWS_P_STRING_LIST && v->kind == CLI_V_STR) {
                /* "Values=A" means ["A"]: the node becomes a list holding a copy of itself. */
                uint16_t e = cli_value_new(CLI_V_STR), last = CLI_V_NONE;
                if (e == CLI_V_NONE)
                    return;
                v = cli_value_at(c);
                cli_value_at(e)->s = v->s;
                cli_value_at(e)->n = v->n;
                v->kind = CLI_V_LIST;
                v->child = CLI_V_NONE;
                v->count = 0;
                cli_value_append(c, e, &last);
            } else if (m->type == TAWS_P_INTEGER && v->kind == CLI_V_STR && v->n > 0) {
                size_t i = v->s[0] == '-' ? 1 : 0;
                while (i < v->n && v->s[i] >= '0' && v->s[i] <= '9')
                    i++;
                if (i == v->n && v->n > (v->s[0] == '-' ? 1u : 0u))
                    v->kind = CLI_V_NUM;
            }
        }
    }
}
