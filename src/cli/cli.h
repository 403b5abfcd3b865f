/* SPDX-License-Identifier: MIT */
/*
 * The tinyaws CLI's shared state and the pieces main() is made of, one concern per file:
 *
 *   main.c        process set-up (fds 0-2, signals) and cli_main()
 *   cli_main.c    one run: parse, resolve, list, report
 *   globals.c     the AWS CLI's global options, anywhere on the line
 *   args.c        operation options into the params struct (shorthand.c, paramfile.c,
 *                 input_json.c, cli_time.c do the value syntaxes)
 *   resolve.c     region, endpoint, credentials, CA bundle, timeouts from options and env
 *   report.c      a failure as the AWS CLI words it, and its exit code
 *   out.c         checked output: a failed write is an error, never a silent success
 *   suggest.c     "Invalid choice ..., maybe you meant" (difflib's close matches)
 *
 * The CLI allocates nothing: every buffer is static, sized here. cli_main() never exits the
 * process, so the fuzz harness (tests/fuzz/fuzz_cli.c) can run it again and again.
 */
#ifndef TINYAWS_CLI_H
#define TINYAWS_CLI_H

#include <signal.h>
#include <stdio.h>
#include "tinyaws/pager.h"

/* The AWS CLI v2's exit codes. */
#define CLI_EXIT_OK 0
#define CLI_EXIT_USAGE 252   /* command line or parameter */
#define CLI_EXIT_CONFIG 253  /* no region, no credentials */
#define CLI_EXIT_SERVICE 254 /* the service answered with an error */
#define CLI_EXIT_OTHER 255   /* network, TLS, malformed response, output could not be written */
#define CLI_EXIT_SIGINT 130  /* 128 + SIGINT, as the AWS CLI */

#define CLI_SYSTEM_CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"
#define CLI_MAX_ARGS 512     /* argv entries one run looks at */

/* Where the environment comes from: getenv() in the CLI, a list in the fuzz harness. */
typedef const char *(*cli_getenv_fn)(const char *name);

/* The global options, as parsed (NULL / 0: not given). */
typedef struct {
    const char *region, *profile, *endpoint_url, *ca_bundle, *output, *color, *binary_format, *query;
    const char *read_timeout, *connect_timeout;
    const char *max_items, *page_size, *starting_token;
    const char *cli_input_json, *skeleton; /* skeleton: "" for the bare flag */
    int debug, no_paginate, no_verify_ssl, no_sign_request, no_cli_pager;
    int cli_auto_prompt, no_cli_auto_prompt, version;
    int help;                              /* help, --help or -h */
    int help_word;                         /* the word "help" (not --help or -h) */
    int skeleton_given;
    const char *service, *operation;
    int n_words;                           /* positional words seen (service, operation, ...) */
    const char *extra_word;                /* a third positional word */
} cli_opts_t;

typedef struct {
    FILE *out, *err;
    cli_getenv_fn getenv;
    int argc;
    char **argv;
    cli_opts_t o;
    const taws_op_t *op;
    uint8_t stdout_closed;                 /* fd 1 was closed at start (now /dev/null) */
    volatile const sig_atomic_t *interrupted; /* set by the SIGINT handler, or NULL */
} cli_t;

/* ---- cli_main.c ----------------------------------------------------------------------- */
int cli_main(cli_t *cli);
/* An environment variable, "" treated as unset (the AWS CLI ignores empty settings). */
const char *cli_env(const cli_t *cli, const char *name);

/* ---- globals.c ------------------------------------------------------------------------ */
typedef struct {
    const char *name;
    const char **value;  /* NULL for a flag */
    int *flag;
    const char *const *choices; /* NULL-terminated, or NULL */
} cli_global_t;
/* Finds a global option by its name without "--" (n bytes). */
const cli_global_t *cli_find_global(cli_opts_t *o, const char *name, size_t n);
/* Pass 1 over argv: global options anywhere, the positional words. Returns 0 or an exit
 * code (a usage error already printed). */
int cli_parse_globals(cli_t *cli);

/* ---- suggest.c ------------------------------------------------------------------------ */
/* argparse's "argument <what>: Invalid choice, valid choices are: ..." with difflib's close
 * matches ("maybe you meant"), and 252. what: "command", "operation" or an option name. */
int cli_invalid_choice(cli_t *cli, const char *what, const char *value, const char *const *choices);
/* difflib.SequenceMatcher(None, a, b).ratio() scaled by 2^20, for strings up to 255 bytes
 * (0 for longer ones). */
uint32_t cli_similarity(const char *a, const char *b);

/* ---- report.c ------------------------------------------------------------------------- */
/* The usage lines argparse prints before an error. */
void cli_usage_begin(cli_t *cli);
/* "Unknown options: a, b" after the usage, and 252. */
int cli_unknown_options(cli_t *cli, const char *list);
/* "usage: ...\n<prog>: error: <msg>" and 252, as argparse prints it. */
int cli_usage_error(cli_t *cli, const char *fmt, ...);
/* "\n<msg>\n" on stderr and code. */
int cli_fail(cli_t *cli, int code, const char *fmt, ...);
/* A listing failure with the AWS CLI's wording; returns its exit code. */
int cli_report(cli_t *cli, taws_status_t st, const taws_client_t *c, const taws_pager_t *p);
/* "[Errno N] <strerror>" for an output failure; returns 255. */
int cli_report_errno(cli_t *cli, int err);

#endif
