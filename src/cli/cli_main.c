/* SPDX-License-Identifier: MIT */
/*
 * One run of the tinyaws CLI: parse the command line, resolve region, endpoint, credentials
 * and TLS, list through the pager, write the output, report. Never exits the process and keeps
 * no state between runs (every static is reset here), so the fuzz harness can call it again.
 */
#include <errno.h>
#include <string.h>
#include "args.h"
#include "cli.h"
#include "cli_port.h"
#include "help.h"
#include "output.h"
#include "output_text.h"
#include "providers.h"
#include "resolve.h"
#include "skeletons.h"

/* The window holds the largest item the models allow (escapes included), plus room for
 * members services add later; it is .bss, so untouched pages cost no memory. */
#define CLI_WINDOW (TAWS_ITEM_MAX_BYTES + 256u * 1024u)
#define CLI_TOKENS (TAWS_ITEM_MAX_TOKENS + 2048u)

static char window[CLI_WINDOW];
static taws_json_token_t tokens[CLI_TOKENS];
static uint64_t params_buf[64]; /* the operation's params struct (largest is ~100 bytes) */
static uint64_t item_buf[256];  /* the operation's item struct */
static taws_port_t port;
static taws_tls_t tls;
static taws_client_t client;
static taws_pager_t pager;
static char tokbuf[4 * TAWS_PAGE_TOKEN_MAX + 256];
static cli_text_t text; /* --output text: the page spool */

const char *cli_env(const cli_t *cli, const char *name)
{
    const char *v = cli->getenv(name);
    return v && *v ? v : NULL;
}

/* Text written to stdout before any request: a failed write is exit 255 as for a listing. */
static int flush_out(cli_t *cli)
{
    if (fflush(cli->out) != 0 || ferror(cli->out))
        return cli_report_errno(cli, errno ? errno : EIO);
    return CLI_EXIT_OK;
}

/* The services and the operations of one service, for "Invalid choice" messages. */
static const char *const *choices(const char *service)
{
    static const char *names[64];
    size_t i, n = 0, k;
    for (i = 0; taws_ops[i] && n + 2 < sizeof names / sizeof names[0]; i++) {
        const char *c = service ? taws_ops[i]->cli_name : taws_ops[i]->cli_service;
        if (service && strcmp(taws_ops[i]->cli_service, service) != 0)
            continue;
        for (k = 0; k < n && strcmp(names[k], c) != 0; k++)
            ;
        if (k == n) { /* sorted, as the AWS CLI's command tables */
            for (k = n++; k > 0 && strcmp(names[k - 1], c) > 0; k--)
                names[k] = names[k - 1];
            names[k] = c;
        }
    }
    names[n++] = "help";
    names[n] = NULL;
    return names;
}

static int known_service(const char *s)
{
    size_t i;
    for (i = 0; taws_ops[i]; i++)
        if (strcmp(taws_ops[i]->cli_service, s) == 0)
            return 1;
    return 0;
}

static int skeleton(cli_t *cli)
{
    size_t i;
    for (i = 0; cli_skeletons[i].op_name; i++) {
        const cli_skeleton_t *s = &cli_skeletons[i];
        if (strcmp(s->op_name, cli->op->name) != 0)
            continue;
        if (strcmp(cli->o.skeleton, "output") == 0 && s->output_error)
            return cli_fail(cli, CLI_EXIT_USAGE, "%s", s->output_error);
        fputs(strcmp(cli->o.skeleton, "output") == 0 ? s->output : s->input, cli->out);
        return flush_out(cli);
    }
    return cli_fail(cli, CLI_EXIT_OTHER, "No skeleton for %s", cli->op->name);
}

/* Pagination options, as the AWS CLI checks them. */
static int paging(cli_t *cli, taws_paginate_t *pg, int manual_paging)
{
    cli_opts_t *o = &cli->o;
    memset(pg, 0, sizeof *pg);
    if (manual_paging)
        o->no_paginate = 1;
    if (o->no_paginate && (o->starting_token || o->page_size || o->max_items)) {
        char m[96];
        snprintf(m, sizeof m, "%s%s%s", o->starting_token ? "--starting-token" : "",
                 o->page_size ? (o->starting_token ? ", --page-size" : "--page-size") : "",
                 o->max_items ? (o->starting_token || o->page_size ? ", --max-items" : "--max-items") : "");
        return cli_fail(cli, CLI_EXIT_USAGE, "Cannot specify --no-paginate along with pagination arguments: %s", m);
    }
    pg->no_paginate = (uint8_t)o->no_paginate;
    pg->starting_token = o->starting_token;
    if (o->max_items) {
        if (args_parse_int(o->max_items, &pg->max_items.v) != 0)
            return cli_usage_error(cli, "argument --max-items: invalid int value: '%s'", o->max_items);
        if (pg->max_items.v < 0) /* the AWS CLI drops items from the end of page one */
            return cli_usage_error(cli, "argument --max-items: must be 0 or more, not '%s'", o->max_items);
        pg->max_items.set = 1;
    }
    if (o->page_size) {
        if (args_parse_int(o->page_size, &pg->page_size.v) != 0)
            return cli_usage_error(cli, "argument --page-size: invalid int value: '%s'", o->page_size);
        pg->page_size.set = 1;
    }
    return CLI_EXIT_OK;
}

/* The output error: errno of the failed write (or of the text spool's I/O). */
static int write_failed(cli_t *cli)
{
    return cli_report_errno(cli, errno ? errno : EIO);
}

/* Lists every item to stdout: JSON as items arrive, text page by page (output_text.h). A
 * failed write stops the listing at once (exit 255, nothing more is asked for). */
static int list(cli_t *cli)
{
    cli_out_t out;
    taws_status_t st;
    int rc = CLI_EXIT_OK, text_mode = cli->o.output && strcmp(cli->o.output, "text") == 0;
    out_init(&out, cli->out, cli->o.output && strcmp(cli->o.output, "jsonl") == 0, cli->op->result_key);
    if (text_mode && text_init(&text, cli->out, cli->op, cli->o.no_paginate) != 0)
        return write_failed(cli);
    while ((st = taws_pager_next(&pager, item_buf)) == TAWS_OK) {
        if (text_mode ? text_item(&text, &pager, item_buf) != 0 : (out_item(&out, cli->op->item, item_buf),
                                                                   ferror(cli->out) != 0)) {
            rc = write_failed(cli);
            goto cleanup;
        }
        if (cli->interrupted && *cli->interrupted)
            break;
    }
    if (cli->interrupted && *cli->interrupted) {
        /* Ctrl-C: what was printed stays, then a newline, as the AWS CLI's handler does. */
        fputc('\n', cli->out);
        fflush(cli->out);
        rc = CLI_EXIT_SIGINT;
        goto cleanup;
    }
    if (st == TAWS_DONE) {
        /* NextToken: the resume token when --max-items stopped early; with --no-paginate the
         * service's own token under its own key. */
        taws_memsink_t m;
        taws_str_t tok = TAWS_STR_NULL;
        const char *key = "NextToken";
        if (cli->o.no_paginate) {
            tok = taws_pager_page_token(&pager);
            key = cli->op->output_token;
        } else if (taws_pager_truncated(&pager)) {
            taws_memsink_init(&m, tokbuf, sizeof tokbuf);
            if (taws_pager_resume_token(&pager, &m.sink) == TAWS_OK) {
                tok.p = tokbuf;
                tok.n = m.len;
            }
        }
        if (text_mode ? text_end(&text, &pager, tok) != 0 : (out_end(&out, taws_pager_any_result(&pager), key, tok), 0)) {
            rc = write_failed(cli);
            goto cleanup;
        }
    } else {
        /* The pages that ended before the error are printed (the AWS CLI printed them). */
        if (text_mode && text_error(&text, &pager) != 0) {
            rc = write_failed(cli);
            goto cleanup;
        }
        fflush(cli->out);
        rc = cli_report(cli, st, &client, &pager);
    }
    if (fflush(cli->out) != 0 || ferror(cli->out))
        rc = write_failed(cli);
cleanup:
    if (text_mode)
        text_close(&text);
    return rc;
}

static int run(cli_t *cli)
{
    cli_opts_t *o = &cli->o;
    taws_paginate_t pg;
    cli_resolved_t r;
    int rc, manual_paging;
    taws_status_t st;

    if ((rc = cli_parse_globals(cli)) != 0)
        return rc;
    if (o->version) {
        fprintf(cli->out, "tinyaws/0.1 (%s, jsmn)\n", cli_tls_version());
        return flush_out(cli);
    }
    /* help, --help, -h: the deepest level the words name (the AWS CLI's --help prints
     * only a usage line; tinyaws gives the whole help there too). */
    if (!o->service) {
        if (o->help)
            return help_top(cli->out) == 0 ? CLI_EXIT_OK : cli_report_errno(cli, errno ? errno : EIO);
        return cli_usage_error(cli, "the following arguments are required: command");
    }
    if (!known_service(o->service)) {
        if (o->help && !o->help_word) /* --help after a word tinyaws does not know */
            return help_top(cli->out) == 0 ? CLI_EXIT_OK : cli_report_errno(cli, errno ? errno : EIO);
        return cli_invalid_choice(cli, "command", o->service, choices(NULL));
    }
    if (!o->operation) {
        if (o->help)
            return help_service(cli->out, o->service) == 0 ? CLI_EXIT_OK
                                                           : cli_report_errno(cli, errno ? errno : EIO);
        return cli_usage_error(cli, "the following arguments are required: operation");
    }
    cli->op = taws_op_find(o->service, o->operation);
    if (!cli->op) {
        if (o->help && !o->help_word)
            return help_service(cli->out, o->service) == 0 ? CLI_EXIT_OK
                                                           : cli_report_errno(cli, errno ? errno : EIO);
        return cli_invalid_choice(cli, "operation", o->operation, choices(o->service));
    }
    if (o->help)
        return help_operation(cli->out, cli->op) == 0 ? CLI_EXIT_OK : cli_report_errno(cli, errno ? errno : EIO);
    if (cli->op->input->size > sizeof params_buf || cli->op->item->size > sizeof item_buf)
        return cli_fail(cli, CLI_EXIT_OTHER, "internal: %s params or item struct too large", cli->op->name);
    /* An input skeleton needs no parameters; an output one wants the required ones. */
    if (o->skeleton_given && !o->cli_input_json && strcmp(o->skeleton, "output") != 0)
        return skeleton(cli);
    if ((rc = cli_settings_load(cli)) != 0)
        return rc;
    if (!o->output && (o->output = cli_setting_output(cli)) != NULL &&
        strcmp(o->output, "json") != 0 && strcmp(o->output, "text") != 0 && strcmp(o->output, "table") != 0 &&
        strcmp(o->output, "yaml") != 0 && strcmp(o->output, "yaml-stream") != 0 && strcmp(o->output, "jsonl") != 0)
        return cli_fail(cli, CLI_EXIT_OTHER, "Unknown output type: %s", o->output);
    if (o->cli_auto_prompt)
        return cli_fail(cli, CLI_EXIT_USAGE, "tinyaws does not prompt (--cli-auto-prompt): give the parameters "
                                             "on the command line");
    if (o->query)
        return cli_fail(cli, CLI_EXIT_USAGE, "tinyaws does not support --query yet: the output is always the "
                                             "whole listing");
    if (o->output && strcmp(o->output, "json") != 0 && strcmp(o->output, "jsonl") != 0 &&
        strcmp(o->output, "text") != 0)
        return cli_fail(cli, CLI_EXIT_USAGE, "tinyaws does not support --output %s yet (json, jsonl, text)",
                        o->output);

    /* Operation options into the params struct, through the tables. */
    memset(params_buf, 0, sizeof params_buf);
    if ((rc = cli_args_apply(cli, params_buf, &manual_paging)) != 0)
        return rc;
    if (o->skeleton_given)
        return skeleton(cli);
    if ((rc = paging(cli, &pg, manual_paging)) != 0)
        return rc;

    /* Region, endpoint, timeouts, then parameters, then credentials: the AWS CLI's order. */
    if ((rc = cli_resolve(cli, &r)) != 0)
        return rc;
    if (cli_port(&port) != 0)
        return CLI_EXIT_OTHER;
    if ((rc = cli_client_setup(cli, &r, &port, &tls, &client)) != 0)
        return rc;
    {
        size_t win = r.window_bytes ? r.window_bytes : sizeof window;
        if (win > sizeof window)
            win = sizeof window;
        st = taws_pager_begin(&pager, &client, cli->op, params_buf, &pg, window, win, tokens, CLI_TOKENS);
        if (st != TAWS_OK)
            return cli_report(cli, st, &client, &pager);
        if (r.string_cap)
            taws_pager_set_string_cap(&pager, r.string_cap);
    }
    if ((rc = cli_credentials(cli, &r, &port, &client)) != 0)
        return rc;
    if ((rc = cli_tls_setup(cli, &r, &port, &tls, &client)) != 0)
        return rc;
    if ((rc = cli_provider_first_fetch(cli, &client)) != 0)
        return rc;
    if (cli->stdout_closed) /* nowhere to write the listing: fail before sending anything */
        return cli_report_errno(cli, EBADF);
    return list(cli);
}

int cli_main(cli_t *cli)
{
    int rc;
    memset(&cli->o, 0, sizeof cli->o);
    cli->op = NULL;
    cli_args_reset();
    memset(&client, 0, sizeof client);
    memset(&tls, 0, sizeof tls);
    rc = run(cli);
    taws_client_close(&client);
    taws_tls_free(&tls); /* nothing when TLS was never set up */
    cli_resolve_wipe();
    return rc;
}
