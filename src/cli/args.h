/* SPDX-License-Identifier: MIT */
/* Operation options of the tinyaws CLI, parsed into a params struct through the tables. */
#ifndef TINYAWS_CLI_ARGS_H
#define TINYAWS_CLI_ARGS_H

#include "cli.h"

/* Forgets every value of the previous run (pools, loaded files). */
void cli_args_reset(void);
/* --cli-input-json, then every operation option, into params; *manual_paging is set when
 * the operation's own limit or token member was given (the AWS CLI then asks for one page).
 * Returns 0 or an exit code (the message printed). */
int cli_args_apply(cli_t *cli, void *params, int *manual_paging);
/* The parameter whose option is --<cli> (cli not NUL-terminated, n bytes), or NULL. */
const taws_param_t *args_find(const taws_pshape_t *sh, const char *cli, size_t n);
/* The parameter an option names: --<cli>, or --no-<cli> for a boolean member (*negated = 1). */
const taws_param_t *args_find_option(const taws_pshape_t *sh, const char *name, size_t n, int *negated);
/* An integer as Python's int() takes it from the command line (spaces around allowed). */
int args_parse_int(const char *s, int64_t *out);

#endif
