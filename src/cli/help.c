/* SPDX-License-Identifier: MIT */
/* The CLI's help: finds the text generated from the models (help_tables.gen.c) and prints it. */
#include <errno.h>
#include <string.h>
#include "help.h"

static int put(FILE *f, const char *const *text)
{
    for (; *text != NULL; text++)
        if (fputs(*text, f) == EOF)
            return -1;
    return 0;
}

/* Output is buffered: a write failure may show only when it is flushed. */
static int finish(FILE *f, int rc)
{
    if (fflush(f) != 0 || ferror(f))
        return -1;
    return rc;
}

int help_top(FILE *f)
{
    int rc = put(f, help_text_top);
    if (rc == 0)
        rc = put(f, help_text_globals);
    return finish(f, rc);
}

int help_service(FILE *f, const char *cli_service)
{
    const help_service_t *s;
    for (s = help_services; s->cli_service != NULL; s++)
        if (strcmp(s->cli_service, cli_service) == 0)
            return finish(f, put(f, s->text));
    return 1;
}

int help_operation(FILE *f, const taws_op_t *op)
{
    const help_op_t *h;
    int rc;
    for (h = help_ops; h->op != NULL && h->op != op; h++)
        ;
    if (h->op == NULL)
        return 1;
    rc = put(f, h->head);
    if (rc == 0)
        rc = put(f, help_text_synopsis_globals);
    if (rc == 0)
        rc = put(f, h->options);
    if (rc == 0)
        rc = put(f, help_text_op_common);
    if (rc == 0)
        rc = put(f, help_text_globals);
    return finish(f, rc);
}
