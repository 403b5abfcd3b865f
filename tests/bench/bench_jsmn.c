/* SPDX-License-Identifier: MIT */
/*
 * The floor: a bare jsmn tokenization of a whole response body held in memory, with enough
 * tokens for the whole page (what a non-streaming client needs at the least before it can
 * read a single item). Debian's /usr/include/jsmn.h in strict mode, as libtinyaws compiles it
 * (src/jsmn.c). Without JSMN_PARENT_LINKS (the header's default, and libtinyaws's setting) each
 * closing bracket searches back through the tokens for its parent, so the cost per item grows
 * with the page; -DBENCH_JSMN_PARENT builds the variant with parent links (bench_jsmn_parent).
 *
 *   bench_jsmn <body.json> <result-key> <reps>
 *
 * Prints one JSON line (tokens, the result array's element count); callgrind counts
 * bench_measured_tokenize only.
 */
#define JSMN_STRICT
#ifdef BENCH_JSMN_PARENT
#define JSMN_PARENT_LINKS
#endif
#define JSMN_STATIC
#include <jsmn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BENCH_MEASURED __attribute__((noinline))

static char body[8u * 1024u * 1024u];
static jsmntok_t tokens[1u << 19];

BENCH_MEASURED static int bench_measured_tokenize(const char *js, size_t n, long reps)
{
    jsmn_parser p;
    int r = 0;
    long i;
    for (i = 0; i < reps; i++) {
        jsmn_init(&p);
        r = jsmn_parse(&p, js, n, tokens, sizeof tokens / sizeof tokens[0]);
        if (r < 0)
            return r;
    }
    return r;
}

/* Index of the token after the value at t (a value and everything inside it). */
static int skip(int t, int ntok)
{
    int left = 1;
    while (left > 0 && t < ntok) {
        left += tokens[t].size;
        left--;
        t++;
    }
    return t;
}

int main(int argc, char **argv)
{
    FILE *f;
    size_t n;
    long reps;
    int ntok, t, elems = -1;
    if (argc < 4) {
        fprintf(stderr, "usage: bench_jsmn <body.json> <result-key> <reps>\n");
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    n = fread(body, 1, sizeof body, f);
    fclose(f);
    reps = strtol(argv[3], NULL, 10);
    if (n == 0 || n == sizeof body || reps < 1)
        return 2;
    ntok = bench_measured_tokenize(body, n, reps);
    if (ntok < 1 || tokens[0].type != JSMN_OBJECT)
        return 1;
    /* Find the result array among the top-level members: the tokens are really there. */
    for (t = 1; t < ntok;) {
        int v = t + 1;
        if (tokens[t].type == JSMN_STRING && (size_t)(tokens[t].end - tokens[t].start) == strlen(argv[2]) &&
            memcmp(body + tokens[t].start, argv[2], strlen(argv[2])) == 0 && tokens[v].type == JSMN_ARRAY)
            elems = tokens[v].size;
        t = skip(v, ntok);
    }
    printf("{\"tokens\": %d, \"elements\": %d, \"bytes\": %lu}\n", ntok, elems, (unsigned long)n);
    return elems >= 0 ? 0 : 1;
}
