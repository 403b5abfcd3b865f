/* Operation options of the tinyaws CLI, parsed into a params struct through the tables. */
#ifndef TINYAWS_CLI_ARGS_H
#define TINYAWS_CLI_ARGS_H

#include "tinyaws/shape.h"

/* The parameter whose option is --<cli> (cli not NUL-terminated, n bytes), or NULL. */
const taws_param_t *args_find(const taws_pshape_t *sh, const char *cli, size_t n);
/* Stores the option's values (one for scalars, any number for lists) into params. Returns 0,
 * or -1 with a message. */
int args_set(const taws_param_t *p, void *params, char **vals, int nvals, char *msg, size_t cap);
int args_parse_int(const char *s, int64_t *out);

#endif
