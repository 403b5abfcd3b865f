/* SPDX-License-Identifier: MIT */
/*
 * Operation options of the tinyaws CLI, driven by the operation tables: every model member is
 * `--<kebab-case name>` (botocore's xform_name, in the tables). Values as the AWS CLI takes
 * them: one for a scalar, one or more for a list; file:// and fileb:// contents; JSON for a
 * list or structure (a JSON object for a list of structures is its one element); the
 * shorthand syntax otherwise; --cli-input-json first, the command line over it. Type errors
 * and unknown members are reported as botocore's "Parameter validation failed:".
 * Everything lives in static pools: the CLI, like the library, allocates nothing.
 */
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "cli_time.h"
#include "paramfile.h"
#include "shorthand.h"
#include "utf8.h"
#include "value.h"

#define MSG_CAP 4096

static char msg[MSG_CAP];
static const char *vals[CLI_MAX_ARGS];
static char unknown[2048];

void cli_args_reset(void)
{
    cli_value_reset();
    cli_value_reset_params();
    cli_paramfile_reset();
    msg[0] = '\0';
    unknown[0] = '\0';
}

const taws_param_t *args_find(const taws_pshape_t *sh, const char *cli, size_t n)
{
    unsigned k;
    for (k = 0; k < sh->n_params; k++)
        if (sh->params[k].cli && strlen(sh->params[k].cli) == n && memcmp(sh->params[k].cli, cli, n) == 0)
            return &sh->params[k];
    return NULL;
}

const taws_param_t *args_find_option(const taws_pshape_t *sh, const char *name, size_t n, int *negated)
{
    const taws_param_t *p = args_find(sh, name, n);
    *negated = 0;
    if (p == NULL && n > 3 && memcmp(name, "no-", 3) == 0 && (p = args_find(sh, name + 3, n - 3)) != NULL) {
        if (p->type != TAWS_P_BOOLEAN)
            return NULL; /* only a boolean member has a --no- option */
        *negated = 1;
    }
    return p;
}

int args_parse_int(const char *s, int64_t *out)
{
    char *end;
    long long v;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '\0')
        return -1;
    v = strtoll(s, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end != '\0')
        return -1;
    *out = (int64_t)v;
    return 0;
}

static void note_unknown(const char *a)
{
    size_t len = strlen(unknown);
    snprintf(unknown + len, sizeof unknown - len, "%s%s", len ? ", " : "", a);
}

/* A string value's UTF-8, or the AWS CLI's UnicodeEncodeError text (exit 255). */
static int utf8_ok(cli_t *cli, const char *s, size_t n)
{
    char m[256];
    if (cli_utf8_check(s, n, m, sizeof m) == 0)
        return 1;
    (void)cli_fail(cli, CLI_EXIT_OTHER, "%s", m);
    return 0;
}

/* Every string in a value tree checked (JSON escapes can make lone surrogates). */
static int tree_utf8_ok(cli_t *cli, uint16_t v)
{
    uint16_t stack[64], top = 0;
    stack[top++] = v;
    while (top) {
        cli_value_t *x = cli_value_at(stack[--top]);
        uint16_t c;
        if (x->kind == CLI_V_STR && !utf8_ok(cli, x->s, x->n))
            return 0;
        if (x->key && !utf8_ok(cli, x->key, strlen(x->key)))
            return 0;
        for (c = x->child; c != CLI_V_NONE && top < 64; c = cli_value_at(c)->next)
            stack[top++] = c;
    }
    return 1;
}

/* The value after file:// expansion; -1 with the AWS CLI's message printed. */
static int expand_file(cli_t *cli, const char *opt, const char **v, size_t *n)
{
    char err[1024];
    const char *data;
    size_t len;
    int r = cli_paramfile(cli, *v, &data, &len, err, sizeof err);
    if (r < 0) {
        (void)cli_fail(cli, CLI_EXIT_USAGE, "Error parsing parameter '%s': %s", opt, err);
        return -1;
    }
    if (r > 0) {
        *v = data;
        *n = len;
    } else {
        *n = strlen(*v);
    }
    return 0;
}

static int starts_json(const char *v, char c1, char c2)
{
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
        v++;
    return *v == c1 || (c2 && *v == c2);
}

/* JSON text of an option into a tree, or -1 with the AWS CLI's message printed. */
static uint16_t option_json(cli_t *cli, const char *opt, const char *v, size_t n)
{
    char m[256];
    uint16_t t = cli_json_parse(v, n, m, sizeof m);
    if (t == CLI_V_NONE)
        (void)cli_fail(cli, CLI_EXIT_USAGE, "Error parsing parameter '%s': Invalid JSON: %s\nJSON received: %s",
                       opt, m, v);
    return t;
}

static int validation_failed(cli_t *cli)
{
    return cli_fail(cli, CLI_EXIT_USAGE, "Parameter validation failed:\n%s", msg);
}

/* One option's values into its member. Returns 0 or an exit code. */
static int set_option(cli_t *cli, const taws_param_t *p, void *params, int nv)
{
    char opt[96];
    uint8_t *dst = (uint8_t *)params + p->offset;
    const char *v = vals[0];
    size_t n = 0;
    uint16_t t;
    snprintf(opt, sizeof opt, "--%s", p->cli);
    if (p->type == TAWS_P_STRING || p->type == TAWS_P_INTEGER || p->type == TAWS_P_TIMESTAMP) {
        if (nv > 1) {
            int i;
            for (i = 1; i < nv; i++)
                note_unknown(vals[i]);
        }
        if (p->type == TAWS_P_INTEGER) {
            taws_int_t *iv = (taws_int_t *)dst;
            if (args_parse_int(v, &iv->v) != 0)
                return cli_usage_error(cli, "argument %s: invalid int value: '%s'", opt, v);
            iv->set = 1;
            return 0;
        }
        if (expand_file(cli, opt, &v, &n) != 0)
            return CLI_EXIT_USAGE;
        if (v != vals[0] && strncmp(vals[0], "fileb://", 8) == 0) {
            /* fileb:// gives bytes, which no string member takes (as botocore says). */
            size_t k, len;
            snprintf(msg, sizeof msg, "Invalid type for parameter %s, value: b'", p->member);
            for (k = 0; k < n && (len = strlen(msg)) + 8 < sizeof msg; k++) {
                unsigned char c = (unsigned char)v[k];
                if (c == '\\' || c == '\'')
                    snprintf(msg + len, sizeof msg - len, "\\%c", c);
                else if (c >= 0x20 && c < 0x7f)
                    snprintf(msg + len, sizeof msg - len, "%c", c);
                else
                    snprintf(msg + len, sizeof msg - len, "\\x%02x", c);
            }
            len = strlen(msg);
            snprintf(msg + len, sizeof msg - len, "', type: <class 'bytes'>, valid types: <class 'str'>");
            return validation_failed(cli);
        }
        if (!utf8_ok(cli, v, n))
            return CLI_EXIT_OTHER;
        if (p->type == TAWS_P_STRING) {
            *(const char **)dst = v;
            return 0;
        }
        if (cli_time_parse(v, (taws_time_t *)dst) != 0) {
            snprintf(msg, sizeof msg, "Invalid type for parameter %s, value: %s, type: <class 'str'>, valid "
                                      "types: <class 'datetime.datetime'>, timestamp-string", p->member, v);
            return validation_failed(cli);
        }
        return 0;
    }
    /* Lists: a single value may be a file, and JSON. */
    if (nv == 1) {
        const char *before = v;
        if (expand_file(cli, opt, &v, &n) != 0)
            return CLI_EXIT_USAGE;
        vals[0] = v;
        if (v != before && p->type == TAWS_P_STRUCT_LIST && !starts_json(v, '[', '{')) {
            /* Shorthand from a file is one structure, not a list of them, and is not
             * adjusted to the model: the AWS CLI then reports the type (as here). */
            char m[1536];
            uint16_t d = cli_shorthand_parse(v, m, sizeof m);
            if (d == CLI_V_NONE)
                return cli_fail(cli, CLI_EXIT_USAGE, "Error parsing parameter '%s': %s", opt, m);
            if (!tree_utf8_ok(cli, d))
                return CLI_EXIT_OTHER;
            msg[0] = '\0';
            (void)cli_value_apply_member(p, params, d, p->member, msg, sizeof msg);
            return validation_failed(cli);
        }
    }
    if (p->type == TAWS_P_STRING_LIST) {
        int i;
        if (nv == 1 && starts_json(v, '[', 0)) {
            if ((t = option_json(cli, opt, v, n)) == CLI_V_NONE)
                return CLI_EXIT_USAGE;
        } else {
            uint16_t last = CLI_V_NONE;
            if ((t = cli_value_new(CLI_V_LIST)) == CLI_V_NONE)
                return cli_fail(cli, CLI_EXIT_USAGE, "Too many values for %s", opt);
            for (i = 0; i < nv; i++) {
                uint16_t e = cli_value_new(CLI_V_STR);
                if (e == CLI_V_NONE)
                    return cli_fail(cli, CLI_EXIT_USAGE, "Too many values for %s", opt);
                cli_value_at(e)->s = vals[i];
                cli_value_at(e)->n = strlen(vals[i]);
                cli_value_append(t, e, &last);
            }
        }
    } else if (starts_json(v, '[', '{')) {
        int i;
        for (i = 1; i < nv; i++)
            note_unknown(vals[i]);
        if ((t = option_json(cli, opt, v, n)) == CLI_V_NONE)
            return CLI_EXIT_USAGE;
        if (cli_value_at(t)->kind == CLI_V_DICT) {
            uint16_t l = cli_value_new(CLI_V_LIST), last = CLI_V_NONE;
            if (l == CLI_V_NONE)
                return cli_fail(cli, CLI_EXIT_USAGE, "Too many values for %s", opt);
            cli_value_append(l, t, &last);
            t = l;
        }
    } else {
        uint16_t last = CLI_V_NONE;
        int i;
        if ((t = cli_value_new(CLI_V_LIST)) == CLI_V_NONE)
            return cli_fail(cli, CLI_EXIT_USAGE, "Too many values for %s", opt);
        for (i = 0; i < nv; i++) {
            char m[1536];
            uint16_t d = cli_shorthand_parse(vals[i], m, sizeof m);
            if (d == CLI_V_NONE)
                return cli_fail(cli, CLI_EXIT_USAGE, "Error parsing parameter '%s': %s", opt, m);
            cli_shorthand_backcompat(p->elem, d);
            cli_value_append(t, d, &last);
        }
    }
    if (!tree_utf8_ok(cli, t))
        return CLI_EXIT_OTHER;
    msg[0] = '\0';
    if (cli_value_apply_member(p, params, t, p->member, msg, sizeof msg) != 0)
        return validation_failed(cli);
    return 0;
}

static int is_help_word(const char *a)
{
    return strcmp(a, "-h") == 0;
}

/* --cli-input-json: the whole input as JSON, applied before the options. */
static int input_json(cli_t *cli, void *params)
{
    const char *v = cli->o.cli_input_json;
    size_t n;
    char m[256];
    uint16_t t;
    if (expand_file(cli, "--cli-input-json", &v, &n) != 0)
        return CLI_EXIT_USAGE;
    t = cli_json_parse(v, n, m, sizeof m);
    if (t == CLI_V_NONE)
        return cli_fail(cli, CLI_EXIT_USAGE, "Error parsing parameter 'cli-input-json': Invalid JSON received.");
    if (cli_value_at(t)->kind != CLI_V_DICT) {
        static const char *const types[] = { "str", "float", "bool", "bool", "NoneType", "list", "dict" };
        const cli_value_t *x = cli_value_at(t);
        const char *ty = types[x->kind];
        if (x->kind == CLI_V_NUM && !memchr(x->s, '.', x->n) && !memchr(x->s, 'e', x->n) && !memchr(x->s, 'E', x->n))
            ty = "int";
        return cli_fail(cli, CLI_EXIT_USAGE,
                        "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class '%s'>",
                        ty);
    }
    if (!tree_utf8_ok(cli, t))
        return CLI_EXIT_OTHER;
    msg[0] = '\0';
    if (cli_value_apply(cli->op->input, params, t, "input", msg, sizeof msg) != 0) {
        /* botocore lists the required members missing from the input first, then the
         * input's problems (a member present with a wrong type is not missing). */
        char missing[1024] = "";
        unsigned k;
        for (k = 0; k < cli->op->input->n_params; k++) {
            const taws_param_t *p = &cli->op->input->params[k];
            uint16_t c;
            for (c = cli_value_at(t)->child; c != CLI_V_NONE; c = cli_value_at(c)->next)
                if (strcmp(cli_value_at(c)->key, p->member) == 0)
                    break;
            if ((p->flags & TAWS_PF_REQUIRED) && c == CLI_V_NONE) {
                size_t len = strlen(missing);
                snprintf(missing + len, sizeof missing - len, "Missing required parameter in input: \"%s\"\n",
                         p->member);
            }
        }
        return cli_fail(cli, CLI_EXIT_USAGE, "Parameter validation failed:\n%s%s", missing, msg);
    }
    return 0;
}

int cli_args_apply(cli_t *cli, void *params, int *manual_paging)
{
    const taws_op_t *op = cli->op;
    int i, rc, words = 0;
    *manual_paging = 0;
    if (cli->o.cli_input_json && (rc = input_json(cli, params)) != 0)
        return rc;
    for (i = 1; i < cli->argc; i++) {
        const char *a = cli->argv[i], *name, *eq;
        const cli_global_t *go;
        const taws_param_t *p;
        size_t n;
        int nv = 0, negated;
        if (is_help_word(a))
            continue;
        if (strncmp(a, "--", 2) != 0 || !a[2]) {
            /* service, operation; anything after them is unknown (a "help" was handled) */
            if (++words > 2)
                note_unknown(a);
            continue;
        }
        name = a + 2;
        eq = strchr(name, '=');
        n = eq ? (size_t)(eq - name) : strlen(name);
        if (n == 21 && memcmp(name, "generate-cli-skeleton", 21) == 0) {
            if (!eq && i + 1 < cli->argc && cli->argv[i + 1][0] != '-')
                i++; /* its optional value (globals.c checked it) */
            continue;
        }
        if ((go = cli_find_global(&cli->o, name, n)) != NULL) {
            if (!eq && !go->flag)
                i++;
            continue;
        }
        p = args_find_option(op->input, name, n, &negated);
        if (p && p->type == TAWS_P_BOOLEAN) {
            /* --is-owned / --no-is-owned: argparse's store_true/store_false on one destination,
             * so the last one counts; no value, and the words after it are not its values. */
            taws_bool_t *b = (taws_bool_t *)((uint8_t *)params + p->offset);
            if (eq)
                return cli_usage_error(cli, "argument --%.*s: ignored explicit argument '%s'", (int)n, name,
                                       eq + 1);
            b->v = negated ? 0 : 1;
            b->set = 1;
            continue;
        }
        if (!p) {
            /* Before the operation the main parser sees it, and the words after it are the
             * command; after it the operation's parser takes its values along. */
            note_unknown(a);
            while (words >= 2 && !eq && i + 1 < cli->argc && strncmp(cli->argv[i + 1], "--", 2) != 0)
                note_unknown(cli->argv[++i]);
            continue;
        }
        if (eq) {
            vals[nv++] = eq + 1;
        } else {
            while (i + 1 < cli->argc && strncmp(cli->argv[i + 1], "--", 2) != 0 && nv < CLI_MAX_ARGS &&
                   !is_help_word(cli->argv[i + 1]))
                vals[nv++] = cli->argv[++i];
        }
        if (nv == 0)
            return cli_usage_error(cli, "argument --%s: expected %s argument", p->cli,
                                   p->type == TAWS_P_STRING_LIST || p->type == TAWS_P_STRUCT_LIST ? "at least one" : "one");
        if ((rc = set_option(cli, p, params, nv)) != 0)
            return rc;
        if (p->flags & (TAWS_PF_LIMIT | TAWS_PF_TOKEN))
            *manual_paging = 1; /* --max-results/--next-token: the AWS CLI stops paginating */
    }
    if (unknown[0])
        return cli_unknown_options(cli, unknown);
    /* Required members are required options, as in the AWS CLI's argument parser (unless the
     * input comes from --cli-input-json, where botocore checks them). */
    if (!cli->o.cli_input_json) {
        char req[1024] = "";
        size_t k;
        for (k = 0; k < op->input->n_params; k++) {
            const taws_param_t *p = &op->input->params[k];
            const uint8_t *v = (const uint8_t *)params + p->offset;
            int present = p->type == TAWS_P_STRING ? *(const char *const *)v != NULL
                        : p->type == TAWS_P_INTEGER ? ((const taws_int_t *)v)->set
                        : p->type == TAWS_P_TIMESTAMP ? ((const taws_time_t *)v)->set
                        : p->type == TAWS_P_BOOLEAN ? ((const taws_bool_t *)v)->set
                        : *(const void *const *)v != NULL;
            if ((p->flags & TAWS_PF_REQUIRED) && !present) {
                size_t len = strlen(req);
                snprintf(req + len, sizeof req - len, "%s--%s", len ? ", " : "", p->cli);
            }
        }
        if (req[0])
            return cli_usage_error(cli, "the following arguments are required: %s", req);
    }
    return 0;
}
