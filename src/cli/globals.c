/* SPDX-License-Identifier: MIT */
/*
 * The AWS CLI's global options. As its argument parser, they may stand anywhere on the command
 * line, `--name value` or `--name=value`; a repeated option keeps its last value; flags take no
 * value. The pagination options (--max-items, --page-size, --starting-token) and the input
 * options (--cli-input-json, --generate-cli-skeleton) belong to the operation in the AWS CLI
 * but are handled here, as they apply to every operation alike.
 */
#include <stdio.h>
#include <string.h>
#include "args.h"
#include "cli.h"

static const char *const output_choices[] = { "json", "text", "table", "yaml", "yaml-stream",
                                              "jsonl", NULL };
static const char *const color_choices[] = { "on", "off", "auto", NULL };
static const char *const binary_choices[] = { "base64", "raw-in-base64-out", NULL };

/* The table is built per call over the caller's cli_opts_t, so the parser keeps no state. */
#define OPT(n, v, c) { n, &o->v, NULL, c }
#define FLAG(n, f) { n, NULL, &o->f, NULL }
static size_t globals_of(cli_opts_t *o, cli_global_t *t)
{
    const cli_global_t all[] = {
        OPT("region", region, NULL),
        OPT("profile", profile, NULL),
        OPT("endpoint-url", endpoint_url, NULL),
        OPT("ca-bundle", ca_bundle, NULL),
        OPT("output", output, output_choices),
        OPT("color", color, color_choices),
        OPT("cli-binary-format", binary_format, binary_choices),
        OPT("query", query, NULL),
        OPT("cli-read-timeout", read_timeout, NULL),
        OPT("cli-connect-timeout", connect_timeout, NULL),
        OPT("max-items", max_items, NULL),
        OPT("page-size", page_size, NULL),
        OPT("starting-token", starting_token, NULL),
        OPT("cli-input-json", cli_input_json, NULL),
        FLAG("debug", debug),
        FLAG("no-paginate", no_paginate),
        FLAG("no-verify-ssl", no_verify_ssl),
        FLAG("no-sign-request", no_sign_request),
        FLAG("no-cli-pager", no_cli_pager),
        FLAG("cli-auto-prompt", cli_auto_prompt),
        FLAG("no-cli-auto-prompt", no_cli_auto_prompt),
        FLAG("version", version),
        FLAG("help", help),
    };
    memcpy(t, all, sizeof all);
    return sizeof all / sizeof all[0];
}
#undef OPT
#undef FLAG

#define MAX_GLOBALS 32

const cli_global_t *cli_find_global(cli_opts_t *o, const char *name, size_t n)
{
    static cli_global_t t[MAX_GLOBALS];
    size_t i, count = globals_of(o, t);
    for (i = 0; i < count; i++)
        if (strlen(t[i].name) == n && memcmp(t[i].name, name, n) == 0)
            return &t[i];
    return NULL;
}

static int choice_ok(const char *const *choices, const char *v)
{
    size_t i;
    for (i = 0; choices[i]; i++)
        if (strcmp(choices[i], v) == 0)
            return 1;
    return 0;
}

/* --generate-cli-skeleton takes an optional value (argparse's nargs='?': the next word that
 * is not an option): input (the default), output or yaml-input. */
static int skeleton(cli_t *cli, int *i, const char *eq)
{
    static const char *const kinds[] = { "input", "output", "yaml-input", NULL };
    cli_opts_t *o = &cli->o;
    const char *v = eq ? eq + 1 : NULL;
    if (!eq && *i + 1 < cli->argc && cli->argv[*i + 1][0] != '-')
        v = cli->argv[++*i];
    if (v && !choice_ok(kinds, v))
        return cli_invalid_choice(cli, "--generate-cli-skeleton", v, kinds);
    if (v && strcmp(v, "yaml-input") == 0)
        return cli_fail(cli, CLI_EXIT_USAGE, "tinyaws does not support YAML input yet: use "
                                             "--generate-cli-skeleton input (JSON)");
    o->skeleton = v ? v : "input";
    o->skeleton_given = 1;
    return 0;
}

/* How many values an operation option takes in argparse terms: 1 for a scalar, none for a
 * boolean's --x / --no-x, every word up to the next option for a list (-1); an option tinyaws
 * does not know takes the words after it along (they are reported with it as unknown). */
static int op_arity(const cli_opts_t *o, const char *name, size_t n)
{
    const taws_op_t *op = o->service && o->operation ? taws_op_find(o->service, o->operation) : NULL;
    int negated;
    const taws_param_t *p = op ? args_find_option(op->input, name, n, &negated) : NULL;
    if (p == NULL)
        return -1;
    if (p->type == TAWS_P_BOOLEAN)
        return 0;
    return p->type == TAWS_P_STRING_LIST || p->type == TAWS_P_STRUCT_LIST ? -1 : 1;
}

int cli_parse_globals(cli_t *cli)
{
    cli_opts_t *o = &cli->o;
    const char *w[4] = { NULL, NULL, NULL, NULL };
    int i, nw = 0;
    for (i = 1; i < cli->argc; i++) {
        const char *a = cli->argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            o->help = 1; /* the full help, whatever level (the AWS CLI prints a usage line) */
            continue;
        }
        if (strncmp(a, "--", 2) == 0 && a[2]) {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            const cli_global_t *go = cli_find_global(o, name, n);
            int k;
            if (n == 21 && memcmp(name, "generate-cli-skeleton", 21) == 0) {
                int rc = skeleton(cli, &i, eq);
                if (rc)
                    return rc;
                continue;
            }
            if (go) {
                const char *v;
                if (go->flag) {
                    if (eq)
                        return cli_usage_error(cli, "argument --%s: ignored explicit argument '%s'",
                                               go->name, eq + 1);
                    *go->flag = 1;
                    continue;
                }
                if (eq)
                    v = eq + 1;
                else if (i + 1 < cli->argc && strncmp(cli->argv[i + 1], "--", 2) != 0)
                    v = cli->argv[++i];
                else
                    return cli_usage_error(cli, "argument --%s: expected one argument", go->name);
                if (go->choices && !choice_ok(go->choices, v)) {
                    char opt[48];
                    snprintf(opt, sizeof opt, "--%s", go->name);
                    return cli_invalid_choice(cli, opt, v, go->choices);
                }
                *go->value = v;
                continue;
            }
            if (!o->operation)
                continue; /* reported after the command is known, as the AWS CLI does */
            /* An operation option: its values are read later (args.c); they are no words. */
            for (k = eq ? 0 : op_arity(o, name, n); k != 0 && i + 1 < cli->argc &&
                 strncmp(cli->argv[i + 1], "--", 2) != 0 && strcmp(cli->argv[i + 1], "-h") != 0; k--)
                i++;
            continue;
        }
        if (nw < 4)
            w[nw] = a;
        nw++;
        if (nw == 1)
            o->service = a;
        else if (nw == 2)
            o->operation = a;
    }
    o->n_words = nw;
    /* "help" after the service or after the operation asks for that level's help, whatever
     * follows it, as the AWS CLI; alone it is the top help; "help X" asks for a topic. */
    if (nw >= 2 && strcmp(w[1], "help") == 0) {
        o->help = o->help_word = 1;
        o->operation = NULL;
        nw = 1;
    } else if (nw >= 3 && strcmp(w[2], "help") == 0) {
        o->help = o->help_word = 1;
        nw = 2;
    } else if (nw >= 1 && strcmp(w[0], "help") == 0) {
        static const char *const none[] = { NULL };
        if (nw > 1)
            return cli_invalid_choice(cli, "topic", w[1], none); /* tinyaws has no help topics */
        o->help = o->help_word = 1;
        o->service = NULL;
        nw = 0;
    }
    o->n_words = nw;
    o->extra_word = nw > 2 ? w[2] : NULL;
    return 0;
}
