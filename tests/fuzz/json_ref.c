/* SPDX-License-Identifier: MIT */
/* The reference JSON reader (see json_ref.h): a lexer and a table-free pushdown checker. */
#include <string.h>
#include "json_ref.h"

#define JR_MAX_DEPTH 64

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A string starting at the quote s[i]; returns the index after the closing quote, or 0. */
static size_t lex_string(const char *s, size_t n, size_t i)
{
    i++;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"')
            return i + 1;
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            if (i + 1 >= n)
                return 0;
            c = (unsigned char)s[i + 1];
            if (c == 'u') {
                int k;
                if (i + 6 > n)
                    return 0;
                for (k = 2; k < 6; k++)
                    if (hexval(s[i + (size_t)k]) < 0)
                        return 0;
                i += 6;
                continue;
            }
            if (!strchr("\"\\/bfnrt", c) || c == '\0')
                return 0;
            i += 2;
            continue;
        }
        i++;
    }
    return 0;
}

/* A number or literal at s[i]; returns the index after it, or 0. */
static size_t lex_scalar(const char *s, size_t n, size_t i)
{
    static const char *const lits[] = { "true", "false", "null" };
    size_t k;
    for (k = 0; k < 3; k++) {
        size_t l = strlen(lits[k]);
        if (n - i >= l && memcmp(s + i, lits[k], l) == 0)
            return i + l;
    }
    /* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    if (i < n && s[i] == '-')
        i++;
    if (i >= n || !is_digit(s[i]))
        return 0;
    if (s[i] == '0')
        i++;
    else
        while (i < n && is_digit(s[i]))
            i++;
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || !is_digit(s[i]))
            return 0;
        while (i < n && is_digit(s[i]))
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || !is_digit(s[i]))
            return 0;
        while (i < n && is_digit(s[i]))
            i++;
    }
    return i;
}

enum { P_VALUE, P_VALUE_OR_CLOSE, P_KEY, P_KEY_OR_CLOSE, P_COLON, P_AFTER };

static int add(jr_tok_t *toks, size_t cap, size_t *nt, uint8_t kind, size_t start, size_t len)
{
    if (*nt >= cap)
        return 0;
    toks[*nt].kind = kind;
    toks[*nt].start = start;
    toks[*nt].len = len;
    (*nt)++;
    return 1;
}

long jr_parse(const char *s, size_t n, jr_tok_t *toks, size_t cap)
{
    char stack[JR_MAX_DEPTH]; /* '{' or '[' */
    size_t depth = 0, i = 0, nt = 0;
    int st = P_VALUE;
    for (;;) {
        char c;
        while (i < n && is_ws(s[i]))
            i++;
        if (i == n)
            return st == P_AFTER && depth == 0 ? (long)nt : -1;
        c = s[i];
        switch (st) {
        case P_AFTER:
            if (depth == 0)
                return -1; /* something after the value */
            if (c == ',') {
                st = stack[depth - 1] == '{' ? P_KEY : P_VALUE;
            } else if (c == (stack[depth - 1] == '{' ? '}' : ']')) {
                depth--;
            } else {
                return -1;
            }
            if (!add(toks, cap, &nt, JR_PUNCT, i, 1))
                return -1;
            i++;
            continue;
        case P_COLON:
            if (c != ':' || !add(toks, cap, &nt, JR_PUNCT, i, 1))
                return -1;
            i++;
            st = P_VALUE;
            continue;
        case P_KEY:
        case P_KEY_OR_CLOSE:
            if (c == '}' && st == P_KEY_OR_CLOSE) {
                depth--;
                st = P_AFTER;
                if (!add(toks, cap, &nt, JR_PUNCT, i, 1))
                    return -1;
                i++;
                continue;
            }
            if (c != '"') {
                return -1;
            } else {
                size_t e = lex_string(s, n, i);
                if (e == 0 || !add(toks, cap, &nt, JR_KEY, i + 1, e - i - 2))
                    return -1;
                i = e;
                st = P_COLON;
            }
            continue;
        default: /* P_VALUE, P_VALUE_OR_CLOSE */
            if (c == ']' && st == P_VALUE_OR_CLOSE) {
                depth--;
                st = P_AFTER;
                if (!add(toks, cap, &nt, JR_PUNCT, i, 1))
                    return -1;
                i++;
                continue;
            }
            if (c == '{' || c == '[') {
                if (depth == JR_MAX_DEPTH || !add(toks, cap, &nt, JR_PUNCT, i, 1))
                    return -1;
                stack[depth++] = c;
                st = c == '{' ? P_KEY_OR_CLOSE : P_VALUE_OR_CLOSE;
                i++;
            } else if (c == '"') {
                size_t e = lex_string(s, n, i);
                if (e == 0 || !add(toks, cap, &nt, JR_STR, i + 1, e - i - 2))
                    return -1;
                i = e;
                st = P_AFTER;
            } else {
                size_t e = lex_scalar(s, n, i);
                if (e == 0 || !add(toks, cap, &nt, JR_LIT, i, e - i))
                    return -1;
                i = e;
                st = P_AFTER;
            }
            continue;
        }
    }
}

int jr_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp, min;
        size_t len, k;
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1Fu;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0Fu;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07u;
            min = 0x10000;
        } else {
            return 0;
        }
        if (n - i < len)
            return 0;
        for (k = 1; k < len; k++) {
            unsigned char cc = (unsigned char)s[i + k];
            if ((cc & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (cc & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* The value of the \uXXXX escape at s[i] (s[i] == '\\', s[i+1] == 'u'). */
static unsigned u_escape(const char *s, size_t i)
{
    unsigned v = 0, k;
    for (k = 2; k < 6; k++)
        v = v << 4 | (unsigned)hexval(s[i + k]);
    return v;
}

size_t jr_unit_len(const char *s, size_t n, size_t i)
{
    size_t total = 0;
    for (;;) {
        unsigned char c;
        size_t len;
        if (i >= n)
            return 0;
        c = (unsigned char)s[i];
        if (c != '\\') {
            len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                : (c & 0xF8) == 0xF0 ? 4 : 0;
            return len && len <= n - i ? total + len : 0;
        }
        if (i + 1 >= n)
            return 0;
        if (s[i + 1] != 'u')
            return total + 2;
        if (i + 6 > n)
            return 0;
        /* A high surrogate binds whatever escape follows it (the framer's pending_high). */
        if (u_escape(s, i) >= 0xD800 && u_escape(s, i) <= 0xDBFF && i + 6 < n && s[i + 6] == '\\') {
            total += 6;
            i += 6;
            continue;
        }
        return total + 6;
    }
}
