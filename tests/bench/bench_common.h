/* SPDX-License-Identifier: MIT */
/* Shared bits of the benchmark programs: static buffers, file loading, operation choice. */
#ifndef TINYAWS_BENCH_COMMON_H
#define TINYAWS_BENCH_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tinyaws/ops.h"

/* Functions named bench_measured_* are what callgrind counts (--toggle-collect); keep them out
 * of line so the name exists. */
#define BENCH_MEASURED __attribute__((noinline))
#define BENCH_HELPER __attribute__((unused))

BENCH_HELPER static const taws_op_t *bench_op(const char *name)
{
    if (strcmp(name, "async") == 0)
        return &taws_op_list_async_invokes;
    if (strcmp(name, "ssm") == 0)
        return &taws_op_describe_maintenance_window_execution_task_invocations;
    fprintf(stderr, "unknown operation %s (async or ssm)\n", name);
    exit(2);
}

/* Reads a whole file into buf; returns its length, exits on failure. */
BENCH_HELPER static size_t bench_load(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    if (!f) {
        perror(path);
        exit(2);
    }
    n = fread(buf, 1, cap, f);
    if (n == cap || ferror(f)) {
        fprintf(stderr, "%s: unreadable or larger than %lu bytes\n", path, (unsigned long)cap);
        exit(2);
    }
    fclose(f);
    return n;
}

BENCH_HELPER static long bench_arg(const char *s, long min)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < min) {
        fprintf(stderr, "bad number %s\n", s);
        exit(2);
    }
    return v;
}

#endif
