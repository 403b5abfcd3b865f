/* SPDX-License-Identifier: MIT */
/*
 * Failures as the AWS CLI v2 words them, and its exit codes. Command-line errors follow
 * argparse's layout (awscli/argparser.py and errorhandler.py: a blank line, the usage, the
 * message, a blank line); everything else is "\n<message>\n" on stderr. No internal status
 * name ever reaches the user: what botocore would say, or plain English.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include "cli.h"

void cli_usage_begin(cli_t *cli)
{
    fputs("\nusage: tinyaws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n"
          "To see help text, you can run:\n\n"
          "  tinyaws help\n"
          "  tinyaws <command> help\n"
          "  tinyaws <command> <subcommand> help\n\n",
          cli->err);
}

int cli_usage_error(cli_t *cli, const char *fmt, ...)
{
    va_list ap;
    cli_usage_begin(cli);
    fputs("tinyaws: error: ", cli->err);
    va_start(ap, fmt);
    vfprintf(cli->err, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): va_start above */
    va_end(ap);
    fputs("\n\n", cli->err);
    return CLI_EXIT_USAGE;
}

int cli_unknown_options(cli_t *cli, const char *list)
{
    cli_usage_begin(cli);
    fprintf(cli->err, "Unknown options: %s\n\n", list);
    return CLI_EXIT_USAGE;
}

int cli_fail(cli_t *cli, int code, const char *fmt, ...)
{
    va_list ap;
    fputc('\n', cli->err);
    va_start(ap, fmt);
    vfprintf(cli->err, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): va_start above */
    va_end(ap);
    fputc('\n', cli->err);
    return code;
}

int cli_report_errno(cli_t *cli, int err)
{
    /* Python's OSError text, which is what the AWS CLI prints for a failed write. */
    return cli_fail(cli, CLI_EXIT_OTHER, "[Errno %d] %s", err, strerror(err));
}

/* The URL in messages, as botocore writes it: the endpoint plus the operation's path. */
static void endpoint_url(char *buf, size_t cap, const taws_client_t *c, const taws_op_t *op)
{
    snprintf(buf, cap, "%s://%s%s", taws_client_endpoint_tls(c) ? "https" : "http",
             taws_client_endpoint_host_header(c), op->path);
}

int cli_report(cli_t *cli, taws_status_t st, const taws_client_t *c, const taws_pager_t *p)
{
    const taws_op_t *op = cli->op;
    char url[TAWS_HOST_MAX + 64];
    endpoint_url(url, sizeof url, c, op);
    switch (st) {
    case TAWS_ERR_SERVICE: {
        char retry_info[48] = "";
        if (taws_client_max_attempts_reached(c) && taws_client_retries(c))
            snprintf(retry_info, sizeof retry_info, " (reached max retries: %u)", taws_client_retries(c));
        return cli_fail(cli, CLI_EXIT_SERVICE, "An error occurred (%s) when calling the %s operation%s: %s",
                        taws_client_error_code(c), op->name, retry_info, taws_client_error_message(c));
    }
    case TAWS_ERR_PARAM:
    case TAWS_ERR_HEADER_VALUE:
        return cli_fail(cli, CLI_EXIT_USAGE, "Parameter validation failed:\n%s", taws_pager_msg(p));
    case TAWS_ERR_PARAM_UTF8:
        return cli_fail(cli, CLI_EXIT_OTHER, "%s", taws_pager_msg(p));
    case TAWS_ERR_BAD_TOKEN:
        return cli_fail(cli, CLI_EXIT_USAGE, "Parameter validation failed:\nBad starting token: %s",
                        cli->o.starting_token);
    case TAWS_ERR_TOKEN_REPEATED:
        return cli_fail(cli, CLI_EXIT_OTHER, "The same next token was received twice: %s", "");
    case TAWS_ERR_DNS:
    case TAWS_ERR_CONNECT:
        return cli_fail(cli, CLI_EXIT_OTHER, "Could not connect to the endpoint URL: \"%s\"", url);
    case TAWS_ERR_TIMEOUT:
        return cli_fail(cli, CLI_EXIT_OTHER, taws_client_connect_failed(c) ? "Connect timeout on endpoint URL: \"%s\""
                                                                    : "Read timeout on endpoint URL: \"%s\"",
                        url);
    case TAWS_ERR_CLOSED:
    case TAWS_ERR_SEND:
    case TAWS_ERR_RECV:
    case TAWS_ERR_TLS_IO:
    case TAWS_ERR_HTTP_TRUNCATED:
        return cli_fail(cli, CLI_EXIT_OTHER,
                        "Connection was closed before we received a valid response from endpoint URL: \"%s\".",
                        url);
    case TAWS_ERR_TLS_UNTRUSTED:
    case TAWS_ERR_TLS_HOSTNAME:
    case TAWS_ERR_TLS_EXPIRED:
    case TAWS_ERR_TLS_NOT_YET_VALID:
    case TAWS_ERR_TLS_HANDSHAKE:
        return cli_fail(cli, CLI_EXIT_OTHER, "SSL validation failed for %s %s", url, taws_strerror(st));
    case TAWS_ERR_ITEM_TOO_BIG:
        return cli_fail(cli, CLI_EXIT_OTHER, "An item from %s needs %lu bytes (the window holds %lu)", url,
                        (unsigned long)taws_pager_item_needed(p), (unsigned long)taws_pager_window_size(p));
    case TAWS_ERR_JSON_TOKENS:
        return cli_fail(cli, CLI_EXIT_OTHER, "An item from %s has %u JSON tokens (the token array holds %u)",
                        url, taws_pager_tokens_needed(p), taws_pager_token_count(p));
    case TAWS_ERR_CANCELLED:
        return CLI_EXIT_SIGINT;
    case TAWS_ERR_ENDPOINT_RULE: /* the rule set's own words, as botocore prints them */
        return cli_fail(cli, CLI_EXIT_OTHER, "%s", taws_client_error_message(c));
    case TAWS_ERR_REGION:
        return cli_fail(cli, CLI_EXIT_OTHER, "Provided region_name '%s' doesn't match a supported format.",
                        taws_client_region(c));
    case TAWS_ERR_HTTP_SYNTAX:
    case TAWS_ERR_HTTP_LINE_TOO_LONG:
    case TAWS_ERR_HTTP_TOO_MANY_HEADERS:
    case TAWS_ERR_HTTP_CONTENT_LENGTH:
    case TAWS_ERR_HTTP_CHUNK:
    case TAWS_ERR_HTTP_STATUS:
    case TAWS_ERR_JSON_SYNTAX:
    case TAWS_ERR_JSON_DEPTH:
    case TAWS_ERR_JSON_TYPE:
    case TAWS_ERR_JSON_TRUNCATED:
    case TAWS_ERR_JSON_UNICODE:
    case TAWS_ERR_JSON_UNION:
    case TAWS_ERR_JSON_DUPLICATE:
    case TAWS_ERR_HTTP_HEADER_CTL:
    case TAWS_ERR_BAD_TIMESTAMP:
    case TAWS_ERR_BAD_NUMBER:
    case TAWS_ERR_TOO_LONG:
        return cli_fail(cli, CLI_EXIT_OTHER, "Invalid response from endpoint URL \"%s\": %s.", url,
                        taws_strerror(st));
    default:
        return cli_fail(cli, CLI_EXIT_OTHER, "Request to endpoint URL \"%s\" failed: %s.", url,
                        taws_strerror(st));
    }
}
