/* SPDX-License-Identifier: MIT */
/* The tinyaws CLI's help: `help`, `--help` or `-h` at the top, after a service or after an
 * operation (globals.c finds them; cli_main.c calls these). The text is generated from the models (src/gen_help.py -> help_tables.gen.c, HTML
 * stripped and wrapped there); this side finds it and prints it. Not part of libtinyaws.a. */
#ifndef TINYAWS_CLI_HELP_H
#define TINYAWS_CLI_HELP_H

#include <stdio.h>
#include "tinyaws/ops.h"

/* Each prints to f and returns 0, or nonzero when f could not take it all (a write or flush
 * failed; errno says why) or, for help_service, when tinyaws knows no such service. */
int help_top(FILE *f);
int help_service(FILE *f, const char *cli_service);
int help_operation(FILE *f, const taws_op_t *op);

/* ---- the generated tables (help_tables.gen.c) ----------------------------------------------- */

/* A text is an array of string chunks (each within C99's literal length), NULL-terminated. */
typedef struct {
    const char *cli_service;
    const char *const *text;
} help_service_t;

typedef struct {
    const taws_op_t *op;
    const char *const *head;    /* name, description, synopsis before the global options */
    const char *const *options; /* the operation's own options */
} help_op_t;

/* what tinyaws is, services and operations */
extern const char *const help_text_top[];
/* global options, environment, exit status */
extern const char *const help_text_globals[];
/* the global options in an operation's synopsis */
extern const char *const help_text_synopsis_globals[];
/* an operation's --cli-input-json, paging options and --generate-cli-skeleton */
extern const char *const help_text_op_common[];
extern const help_service_t help_services[]; /* { NULL } at the end */
extern const help_op_t help_ops[];           /* { NULL } at the end */

#endif
