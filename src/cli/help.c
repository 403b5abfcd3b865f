/* The CLI's help: finds the text generated from the models (help_tables.c) and prints it. */
#include <errno.h>
#include <string.h>
#include "args.h"
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

/* ---- the command line ------------------------------------------------------------------- */

static int is_help_flag(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

/* How many of the following arguments --name (n bytes) takes: 1, or -1 for every one up to the
 * next option (a list). Unknown options take none: they are the caller's error to report. */
static int arity(const taws_op_t *op, const char *name, size_t n)
{
    const char *const *v;
    const taws_param_t *p;
    for (v = help_valued_options; *v != NULL; v++)
        if (strlen(*v) == n && memcmp(*v, name, n) == 0)
            return 1;
    if (op != NULL && (p = args_find(op->input, name, n)) != NULL)
        return p->type == TAWS_P_STRING_LIST || p->type == TAWS_P_STRUCT_LIST ? -1 : 1;
    return 0;
}

static int known_service(const char *s)
{
    size_t i;
    for (i = 0; taws_ops[i] != NULL; i++)
        if (strcmp(taws_ops[i]->cli_service, s) == 0)
            return 1;
    return 0;
}

static int printed(int rc)
{
    if (rc == 0)
        return 0;
    fprintf(stderr, "\n[Errno %d] %s\n", errno, strerror(errno));
    return 1;
}

int help_main(int argc, char **argv)
{
    const char *svc = NULL, *opw = NULL;
    const taws_op_t *op = NULL;
    int i, flag = 0, word = 0;

    /* The words as the command line parser sees them: option values are not words. */
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (is_help_flag(a)) {
            flag = 1;
        } else if (strncmp(a, "--", 2) == 0 && a[2] != '\0') {
            /* a value is never an option nor -h (argparse's rule) */
            int k = strchr(a, '=') ? 0 : arity(op, a + 2, strlen(a + 2));
            for (; k != 0 && i + 1 < argc && argv[i + 1][0] != '-'; k--)
                i++;
        } else if (svc == NULL) {
            svc = a;
        } else if (opw == NULL) {
            opw = a;
            op = taws_op_find(svc, opw);
        } else if (strcmp(a, "help") == 0) {
            word = 1;
        }
    }
    if (svc == NULL || strcmp(svc, "help") == 0) {
        if (!flag && (svc == NULL || opw != NULL))
            return -1; /* no help asked for, or "help <topic>", which tinyaws does not have */
        return printed(help_top(stdout));
    }
    if (!known_service(svc))
        return flag ? printed(help_top(stdout)) : -1;
    if (opw == NULL || strcmp(opw, "help") == 0)
        return opw != NULL || flag ? printed(help_service(stdout, svc)) : -1;
    if (op == NULL)
        return flag ? printed(help_service(stdout, svc)) : -1;
    return word || flag ? printed(help_operation(stdout, op)) : -1;
}
