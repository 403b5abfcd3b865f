/* SPDX-License-Identifier: MIT */
/* file:// and fileb:// parameter values, as the AWS CLI loads them (paramfile.c). */
#ifndef TINYAWS_CLI_PARAMFILE_H
#define TINYAWS_CLI_PARAMFILE_H

#include "cli.h"

/* Forgets every loaded file (a new run). */
void cli_paramfile_reset(void);
/* When value starts with file:// or fileb://, loads the file: returns 1 with data and len (a
 * NUL-terminated copy in a static pool), or -1 with the AWS CLI's message in err ("Unable to
 * load paramfile file://x: [Errno 2] No such file or directory: 'x'"). Returns 0 for any other
 * value. */
int cli_paramfile(const cli_t *cli, const char *value, const char **data, size_t *len, char *err,
                  size_t cap);

#endif
