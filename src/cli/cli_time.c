/* SPDX-License-Identifier: MIT */
/*
 * Command-line timestamps (see cli_time.h for the forms). botocore first tries float(value)
 * as epoch seconds, then dateutil.parser.parse(); this is the part of dateutil's grammar that
 * names a complete instant: tokens of digits, letters and punctuation, a date triple or a
 * month name with a day and a four-digit year, an optional HH:MM[:SS[.f]] with AM/PM, and a
 * zone. Anything else is refused, never guessed.
 */
#include <string.h>
#include "cli_time.h"

enum { T_NUM, T_WORD, T_PUNCT };

typedef struct {
    uint8_t kind;
    char c;          /* T_PUNCT */
    const char *p;   /* T_NUM, T_WORD */
    size_t n;
} tok_t;

#define MAX_TOKS 32

static int lex(const char *s, size_t n, tok_t *t, size_t *nt)
{
    size_t i = 0, k = 0;
    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            i++;
            continue;
        }
        if (k == MAX_TOKS)
            return -1;
        t[k].p = s + i;
        if (c >= '0' && c <= '9') {
            t[k].kind = T_NUM;
            while (i < n && s[i] >= '0' && s[i] <= '9')
                i++;
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            t[k].kind = T_WORD;
            while (i < n && (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')
                i++;
        } else if (strchr(",/-.:+", c)) {
            t[k].kind = T_PUNCT;
            t[k].c = c;
            i++;
        } else {
            return -1;
        }
        t[k].n = (size_t)(s + i - t[k].p);
        k++;
    }
    *nt = k;
    return 0;
}

static int word_is(const tok_t *t, const char *w)
{
    size_t i;
    if (t->kind != T_WORD || t->n != strlen(w))
        return 0;
    for (i = 0; i < t->n; i++)
        if ((t->p[i] | 0x20) != w[i])
            return 0;
    return 1;
}

static int month_of(const tok_t *t)
{
    static const char *const names[12][2] = {
        { "jan", "january" }, { "feb", "february" }, { "mar", "march" }, { "apr", "april" },
        { "may", "may" }, { "jun", "june" }, { "jul", "july" }, { "aug", "august" },
        { "sep", "september" }, { "oct", "october" }, { "nov", "november" }, { "dec", "december" }
    };
    int m;
    for (m = 0; m < 12; m++)
        if (word_is(t, names[m][0]) || word_is(t, names[m][1]))
            return m + 1;
    return word_is(t, "sept") ? 9 : 0;
}

static int is_weekday(const tok_t *t)
{
    static const char *const names[] = { "mon", "monday", "tue", "tues", "tuesday", "wed",
                                         "wednesday", "thu", "thur", "thurs", "thursday", "fri",
                                         "friday", "sat", "saturday", "sun", "sunday", NULL };
    size_t i;
    for (i = 0; names[i]; i++)
        if (word_is(t, names[i]))
            return 1;
    return 0;
}

static long num(const tok_t *t)
{
    long v = 0;
    size_t i;
    for (i = 0; i < t->n && i < 9; i++)
        v = v * 10 + (t->p[i] - '0');
    return t->n > 9 ? -1 : v;
}

static int days_in(long y, long m)
{
    static const unsigned char md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return md[m - 1] + (m == 2 && leap);
}

/* Python's float() syntax without inf/nan/underscores: [+-](d+[.d*]|.d+)([eE][+-]d+)? */
static int is_float(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        i++;
        digits++;
    }
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            i++;
            digits++;
        }
    }
    if (digits == 0)
        return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t d = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            i++;
            d++;
        }
        if (d == 0)
            return 0;
    }
    return i == n;
}

/* Years 1..9999: Python's datetime range. */
#define MIN_EPOCH (-62135596800LL)
#define MAX_EPOCH 253402300799LL

static int epoch(const char *s, size_t n, taws_time_t *out)
{
    char buf[64];
    size_t k = 0, i = 0;
    taws_str_t v;
    if (n + 2 >= sizeof buf)
        return -1;
    /* taws_time_parse_epoch takes JSON numbers: no '+', a digit before '.' and after it. */
    if (s[i] == '+')
        i++;
    if (s[i] == '-')
        buf[k++] = s[i++];
    if (s[i] == '.')
        buf[k++] = '0';
    for (; i < n; i++) {
        buf[k++] = s[i];
        if (s[i] == '.' && (i + 1 == n || s[i + 1] < '0' || s[i + 1] > '9'))
            buf[k++] = '0';
    }
    v.p = buf;
    v.n = k;
    if (taws_time_parse_epoch(v, out) != TAWS_OK || out->sec < MIN_EPOCH || out->sec > MAX_EPOCH)
        return -1;
    return 0;
}

/* 20241028 or 20241028T102030[.f][Z]: ISO 8601's basic format. */
static int iso_basic(const char *s, size_t n, taws_time_t *out)
{
    char buf[48];
    size_t i;
    if (n < 8 || n > 30)
        return -1;
    for (i = 0; i < 8; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    memcpy(buf, s, 4);
    buf[4] = '-';
    memcpy(buf + 5, s + 4, 2);
    buf[7] = '-';
    memcpy(buf + 8, s + 6, 2);
    if (n == 8)
        return taws_time_parse_iso8601((taws_str_t){ buf, 10 }, out) == TAWS_OK ? 0 : -1;
    if (n < 15 || s[8] != 'T')
        return -1;
    for (i = 9; i < 15; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    buf[10] = 'T';
    memcpy(buf + 11, s + 9, 2);
    buf[13] = ':';
    memcpy(buf + 14, s + 11, 2);
    buf[16] = ':';
    memcpy(buf + 17, s + 13, 2);
    memcpy(buf + 19, s + 15, n - 15);
    return taws_time_parse_iso8601((taws_str_t){ buf, 19 + n - 15 }, out) == TAWS_OK ? 0 : -1;
}

static int tokens(const tok_t *t, size_t nt, taws_time_t *out)
{
    long y = -1, mo = -1, d = -1, h = -1, mi = 0, sec = 0, off = 0;
    uint32_t usec = 0;
    int ampm = 0, tz = 0;
    size_t i;
    for (i = 0; i < nt; i++) {
        const tok_t *k = &t[i];
        int m;
        if (k->kind == T_WORD) {
            if (is_weekday(k) || word_is(k, "t") || word_is(k, "at") || word_is(k, "on") ||
                word_is(k, "of"))
                continue;
            if ((word_is(k, "st") || word_is(k, "nd") || word_is(k, "rd") || word_is(k, "th")) &&
                i > 0 && t[i - 1].kind == T_NUM)
                continue;
            if ((m = month_of(k)) != 0) {
                if (mo >= 0)
                    return -1;
                mo = m;
                continue;
            }
            if (word_is(k, "am") || word_is(k, "pm")) {
                if (h < 0 || ampm)
                    return -1;
                ampm = word_is(k, "am") ? 1 : 2;
                continue;
            }
            if (word_is(k, "utc") || word_is(k, "gmt") || word_is(k, "z") || word_is(k, "ut")) {
                if (tz)
                    return -1;
                tz = 1;
                continue;
            }
            return -1;
        }
        if (k->kind == T_PUNCT) {
            if ((k->c == '+' || k->c == '-') && h >= 0 && !tz && i + 1 < nt && t[i + 1].kind == T_NUM) {
                /* +HH, +HHMM or +HH:MM after a time */
                const tok_t *z = &t[i + 1];
                long oh, om = 0;
                if (z->n == 4) {
                    oh = num(z) / 100;
                    om = num(z) % 100;
                    i++;
                } else if (z->n == 2) {
                    oh = num(z);
                    i++;
                    if (i + 2 < nt && t[i + 1].kind == T_PUNCT && t[i + 1].c == ':' &&
                        t[i + 2].kind == T_NUM && t[i + 2].n == 2) {
                        om = num(&t[i + 2]);
                        i += 2;
                    }
                } else {
                    return -1;
                }
                if (oh > 23 || om > 59)
                    return -1;
                off = (oh * 3600 + om * 60) * (k->c == '-' ? -1 : 1);
                tz = 1;
                continue;
            }
            if (k->c == ',' || k->c == '-' || k->c == '/' || k->c == '.')
                continue;
            return -1;
        }
        /* A number: a time, a date triple, a year or a day. */
        if (i + 1 < nt && t[i + 1].kind == T_PUNCT && t[i + 1].c == ':') {
            if (h >= 0 || k->n > 2 || i + 2 >= nt || t[i + 2].kind != T_NUM || t[i + 2].n != 2)
                return -1;
            h = num(k);
            mi = num(&t[i + 2]);
            i += 2;
            if (i + 2 < nt && t[i + 1].kind == T_PUNCT && t[i + 1].c == ':' && t[i + 2].kind == T_NUM &&
                t[i + 2].n == 2) {
                sec = num(&t[i + 2]);
                i += 2;
                if (i + 2 < nt && t[i + 1].kind == T_PUNCT && t[i + 1].c == '.' && t[i + 2].kind == T_NUM) {
                    size_t f;
                    for (f = 0; f < 6; f++)
                        usec = usec * 10u + (f < t[i + 2].n ? (uint32_t)(t[i + 2].p[f] - '0') : 0u);
                    i += 2;
                }
            }
            continue;
        }
        if (i + 4 < nt && t[i + 1].kind == T_PUNCT && t[i + 3].kind == T_PUNCT &&
            t[i + 1].c == t[i + 3].c && strchr("/-.", t[i + 1].c) && t[i + 2].kind == T_NUM &&
            t[i + 4].kind == T_NUM && y < 0 && mo < 0 && d < 0) {
            /* a date triple: Y-M-D, or M/D/Y (D/M/Y when the first cannot be a month) */
            long a = num(k), b = num(&t[i + 2]), c = num(&t[i + 4]);
            if (k->n == 4 && t[i + 2].n <= 2 && t[i + 4].n <= 2) {
                y = a;
                mo = b;
                d = c;
            } else if (k->n <= 2 && t[i + 2].n <= 2 && t[i + 4].n == 4) {
                y = c;
                mo = a > 12 ? b : a;
                d = a > 12 ? a : b;
            } else {
                return -1;
            }
            i += 4;
            continue;
        }
        if (i + 2 < nt && t[i + 1].kind == T_PUNCT && t[i + 1].c == '-' && month_of(&t[i + 2]) &&
            k->n <= 2 && d < 0) {
            d = num(k); /* 28-Oct-2024 */
            continue;
        }
        if (k->n == 4 && y < 0) {
            y = num(k);
            continue;
        }
        if (k->n <= 2 && d < 0) {
            d = num(k);
            continue;
        }
        return -1;
    }
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in(y, mo))
        return -1;
    if (h < 0)
        h = 0;
    else if (ampm) {
        if (h < 1 || h > 12)
            return -1;
        h = h % 12 + (ampm == 2 ? 12 : 0);
    }
    if (h > 23 || mi > 59 || sec > 59)
        return -1;
    out->sec = taws_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec - off;
    out->usec = usec;
    out->set = 1;
    return 0;
}

int cli_time_parse(const char *s, taws_time_t *out)
{
    size_t n = strlen(s), nt;
    tok_t t[MAX_TOKS];
    taws_time_t v;
    while (n && (*s == ' ' || *s == '\t' || *s == '\n')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
        n--;
    if (n == 0)
        return -1;
    memset(&v, 0, sizeof v);
    if (is_float(s, n))
        return epoch(s, n, out);
    if (taws_time_parse_iso8601((taws_str_t){ s, n }, &v) == TAWS_OK || iso_basic(s, n, &v) == 0 ||
        (lex(s, n, t, &nt) == 0 && tokens(t, nt, &v) == 0)) {
        if (v.sec < MIN_EPOCH || v.sec > MAX_EPOCH)
            return -1;
        v.set = 1;
        *out = v;
        return 0;
    }
    return -1;
}
