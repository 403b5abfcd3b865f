/* SPDX-License-Identifier: MIT */
/*
 * Invalid choices as the AWS CLI reports them (awscli/argparser.py): every valid choice, two
 * per line padded to 40 columns, then up to three close matches as Python's
 * difflib.get_close_matches(value, choices, n=3, cutoff=0.8) finds them. The similarity is
 * difflib's SequenceMatcher ratio, 2*M/T with M the characters of the matching blocks found
 * by repeatedly taking the longest common block (Ratcliff/Obershelp); without junk heuristics,
 * which difflib applies only to sequences of 200 or more, longer than any choice here.
 */
#include <string.h>
#include "cli.h"

#define SIM_MAX 255 /* longer strings are cut: only names and short values reach here */

/* difflib's find_longest_match: the longest block a[alo:ahi] == b[blo:bhi], the earliest in a
 * (then in b) among the longest. */
static void longest(const char *a, size_t alo, size_t ahi, const char *b, size_t blo, size_t bhi,
                    size_t *bi, size_t *bj, size_t *bk)
{
    static unsigned char len_prev[SIM_MAX + 1], len_cur[SIM_MAX + 1];
    size_t i, j;
    *bi = alo;
    *bj = blo;
    *bk = 0;
    memset(len_prev, 0, sizeof len_prev);
    for (i = alo; i < ahi; i++) {
        memset(len_cur, 0, sizeof len_cur);
        for (j = blo; j < bhi; j++) {
            if (a[i] != b[j])
                continue;
            len_cur[j + 1] = (unsigned char)(len_prev[j] + 1u);
            if (len_cur[j + 1] > *bk) {
                *bk = len_cur[j + 1];
                *bi = i + 1 - *bk;
                *bj = j + 1 - *bk;
            }
        }
        memcpy(len_prev, len_cur, sizeof len_prev);
    }
}

/* The characters of difflib's matching blocks of a and b (the M of ratio = 2*M/T). */
static size_t matching_chars(const char *a, const char *b)
{
    struct { size_t alo, ahi, blo, bhi; } stack[SIM_MAX + 1];
    size_t la = strlen(a), lb = strlen(b), top = 0, matched = 0;
    if (la > SIM_MAX)
        la = SIM_MAX;
    if (lb > SIM_MAX)
        lb = SIM_MAX;
    stack[top].alo = 0;
    stack[top].ahi = la;
    stack[top].blo = 0;
    stack[top++].bhi = lb;
    while (top > 0) {
        size_t alo, ahi, blo, bhi, i, j, k;
        top--;
        alo = stack[top].alo;
        ahi = stack[top].ahi;
        blo = stack[top].blo;
        bhi = stack[top].bhi;
        longest(a, alo, ahi, b, blo, bhi, &i, &j, &k);
        if (k == 0)
            continue;
        matched += k;
        /* Each push splits a range that held a block: at most one entry per character. */
        if (alo < i && blo < j && top < SIM_MAX) {
            stack[top].alo = alo;
            stack[top].ahi = i;
            stack[top].blo = blo;
            stack[top++].bhi = j;
        }
        if (i + k < ahi && j + k < bhi && top < SIM_MAX) {
            stack[top].alo = i + k;
            stack[top].ahi = ahi;
            stack[top].blo = j + k;
            stack[top++].bhi = bhi;
        }
    }
    return matched;
}

uint32_t cli_similarity(const char *a, const char *b)
{
    size_t t = strlen(a) + strlen(b);
    if (strlen(a) > SIM_MAX || strlen(b) > SIM_MAX)
        return 0;
    /* Scaled by 2^20: distinct ratios of strings this short stay distinct and ordered. */
    return t == 0 ? (uint32_t)1 << 20 : (uint32_t)((matching_chars(a, b) * 2u << 20) / t);
}

/* Python's repr() of a str, as %r prints it in the message. */
static void py_repr(FILE *f, const char *s)
{
    int dq = strchr(s, '\'') && !strchr(s, '"');
    char q = dq ? '"' : '\'';
    fputc(q, f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == (unsigned char)q)
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\x%02x", c);
        else
            fputc(c, f);
    }
    fputc(q, f);
}

int cli_invalid_choice(cli_t *cli, const char *what, const char *value, const char *const *choices)
{
    FILE *e = cli->err;
    struct { uint32_t score; const char *s; } best[3];
    size_t i, n = 0, nb = 0;
    while (choices[n])
        n++;
    /* get_close_matches: ratio >= 0.8, the three best by (score, string) descending. */
    for (i = 0; i < n; i++) {
        uint32_t sc = cli_similarity(choices[i], value);
        size_t k, t = strlen(choices[i]) + strlen(value);
        if (t == 0 || t > (size_t)2 * SIM_MAX || (size_t)matching_chars(choices[i], value) * 10u < 4u * t)
            continue; /* ratio < 0.8, compared exactly */
        for (k = nb; k > 0 && (best[k - 1].score < sc ||
                               (best[k - 1].score == sc && strcmp(best[k - 1].s, choices[i]) < 0));
             k--) {
            if (k < 3)
                best[k] = best[k - 1];
        }
        if (k < 3) {
            best[k].score = sc;
            best[k].s = choices[i];
            if (nb < 3)
                nb++;
        }
    }
    cli_usage_begin(cli);
    fprintf(e, "tinyaws: error: argument %s: Invalid choice, valid choices are:\n\n", what);
    for (i = 0; i < n; i += 2) {
        if (i + 1 < n)
            fprintf(e, "%-40s | %-40s\n", choices[i], choices[i + 1]);
        else
            fprintf(e, "%-40s\n", choices[i]);
    }
    if (nb) {
        fputs("\n\nInvalid choice: ", e);
        py_repr(e, value);
        fputs(", maybe you meant:\n\n", e);
        for (i = 0; i < nb; i++)
            fprintf(e, "  * %s%s", best[i].s, i + 1 < nb ? "\n" : "");
        fputc('\n', e);
    }
    fputc('\n', e);
    return CLI_EXIT_USAGE;
}
