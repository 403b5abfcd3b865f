/*
 * tinyaws: the AWS CLI v2's list commands for bedrock, bedrock-runtime and ssm, streamed.
 *
 *   tinyaws [--region R] [--endpoint-url URL] [--ca-bundle FILE] [--output json|jsonl|text]
 *           [--cli-read-timeout S] [--cli-connect-timeout S] [--debug]
 *           <service> <operation> [options]
 *
 * Same option names, environment variables, output shape and exit codes as the AWS CLI:
 * 0 ok, 252 bad command line or parameter, 253 no credentials or region, 254 the service
 * answered with an error, 255 anything else (network, TLS, malformed response).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "cli_port.h"
#include "output.h"
#include "output_text.h"
#include "tinyaws/pager.h"

#define EXIT_OK 0
#define EXIT_USAGE 252
#define EXIT_CONFIG 253
#define EXIT_SERVICE 254
#define EXIT_OTHER 255

#define SYSTEM_CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

/* The window holds the largest item the models allow (escapes included), plus room for
 * members services add later; it is .bss, so untouched pages cost no memory. */
#define CLI_WINDOW (TAWS_ITEM_MAX_BYTES + 256u * 1024u)
#define CLI_TOKENS (TAWS_ITEM_MAX_TOKENS + 2048u)

static char window[CLI_WINDOW];
static jsmntok_t tokens[CLI_TOKENS];
static uint64_t params_buf[64];  /* the operation's params struct (largest is ~100 bytes) */
static uint64_t item_buf[256];   /* the operation's item struct */
static taws_port_t port;
static taws_tls_t tls;
static taws_client_t client;
static taws_pager_t pager;
static char outbuf[1 << 16];
static cli_text_t text; /* --output text: the page spool */

static const char *prog = "tinyaws";

static struct {
    const char *region, *endpoint_url, *ca_bundle, *output;
    const char *read_timeout, *connect_timeout;
    const char *max_items, *page_size, *starting_token;
    int debug, no_paginate;
    const char *service, *operation;
} g;

/* A failed write of --output text, as Python reports an OSError (errno kept by output_text.c). */
static int text_write_failed(void)
{
    int e = errno;
    fprintf(stderr, "\n[Errno %d] %s\n", e, strerror(e));
    return EXIT_OTHER;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr,
            "usage: %s [options] <command> <subcommand> [parameters]\n"
            "To see help text, you can run:\n\n  %s help\n  %s <command> help\n"
            "  %s <command> <subcommand> help\n\n%s: error: ",
            prog, prog, prog, prog, prog);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

static int fail(int code, const char *fmt, const char *a, const char *b)
{
    fputc('\n', stderr);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    return code;
}

static void help(const taws_op_t *op)
{
    size_t i;
    if (op == NULL) {
        printf("%s: the AWS CLI's list commands, streamed in bounded memory.\n\nCommands:\n", prog);
        for (i = 0; taws_ops[i]; i++)
            printf("  %s %s\n", taws_ops[i]->cli_service, taws_ops[i]->cli_name);
        printf("\nGlobal options: --region R, --endpoint-url URL, --ca-bundle FILE,\n"
               "  --output json|jsonl|text, --cli-read-timeout S, --cli-connect-timeout S, --debug,\n"
               "  --max-items N, --page-size N, --starting-token T, --no-paginate\n"
               "Environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,\n"
               "  AWS_REGION, AWS_DEFAULT_REGION, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>,\n"
               "  AWS_CA_BUNDLE\n");
        return;
    }
    printf("%s %s (%s)\n\nOptions:\n", op->cli_service, op->cli_name, op->name);
    for (i = 0; i < op->input->n_params; i++) {
        const taws_param_t *p = &op->input->params[i];
        printf("  --%s%s\n", p->cli, (p->flags & TAWS_PF_REQUIRED) ? " (required)" : "");
    }
}

/* ---- debug output to stderr -------------------------------------------------------------- */

static taws_status_t stderr_write(taws_sink_t *s, const void *p, size_t n)
{
    (void)s;
    fwrite(p, 1, n, stderr);
    return TAWS_OK;
}
static taws_sink_t debug_sink = { stderr_write };

static taws_status_t stdout_write(taws_sink_t *s, const void *p, size_t n)
{
    (void)s;
    fwrite(p, 1, n, stdout);
    return TAWS_OK;
}

/* ---- option parsing --------------------------------------------------------------------------- */

typedef struct {
    const char *name;
    const char **value; /* NULL: a flag */
    int *flag;
} global_opt_t;

static const global_opt_t globals[] = {
    { "region", &g.region, NULL },
    { "endpoint-url", &g.endpoint_url, NULL },
    { "ca-bundle", &g.ca_bundle, NULL },
    { "output", &g.output, NULL },
    { "cli-read-timeout", &g.read_timeout, NULL },
    { "cli-connect-timeout", &g.connect_timeout, NULL },
    { "max-items", &g.max_items, NULL },
    { "page-size", &g.page_size, NULL },
    { "starting-token", &g.starting_token, NULL },
    { "debug", NULL, &g.debug },
    { "no-paginate", NULL, &g.no_paginate },
};

static const global_opt_t *find_global(const char *name, size_t n)
{
    size_t i;
    for (i = 0; i < sizeof globals / sizeof globals[0]; i++)
        if (strlen(globals[i].name) == n && memcmp(globals[i].name, name, n) == 0)
            return &globals[i];
    return NULL;
}

/* Timeout seconds (0: none) to milliseconds. */
static int timeout_ms(const char *s, uint32_t *ms)
{
    int64_t v;
    if (s == NULL)
        return 0;
    if (args_parse_int(s, &v) != 0 || v < 0)
        return -1;
    *ms = v == 0 || v > 2000000 ? 0x7fffffffu : (uint32_t)(v * 1000);
    return 0;
}

static const char *env(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

static const char *endpoint_from_env(const taws_op_t *op)
{
    char name[64];
    const char *v = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
    if (v && (strcmp(v, "true") == 0 || strcmp(v, "True") == 0))
        return NULL;
    snprintf(name, sizeof name, "AWS_ENDPOINT_URL_%s", op->env_name);
    if ((v = env(name)) != NULL)
        return v;
    return env("AWS_ENDPOINT_URL");
}

/* The URL in messages, as botocore writes it: endpoint plus the operation's path. */
static void endpoint_url(char *buf, size_t cap, const taws_op_t *op)
{
    snprintf(buf, cap, "%s://%s%s", client.ep.tls ? "https" : "http", client.ep.host_header, op->path);
}

static int report(taws_status_t st, const taws_op_t *op)
{
    char url[TAWS_HOST_MAX + 64];
    endpoint_url(url, sizeof url, op);
    switch (st) {
    case TAWS_ERR_SERVICE: {
        char retry_info[48] = "";
        if (client.max_attempts_reached && client.retries)
            snprintf(retry_info, sizeof retry_info, " (reached max retries: %u)", (unsigned)client.retries);
        fprintf(stderr, "\nAn error occurred (%s) when calling the %s operation%s: %s\n",
                client.err_code, op->name, retry_info, client.err_msg);
        return EXIT_SERVICE;
    }
    case TAWS_ERR_PARAM:
    case TAWS_ERR_HEADER_VALUE:
        return fail(EXIT_USAGE, "Parameter validation failed:\n%s%s", pager.msg, "");
    case TAWS_ERR_BAD_TOKEN:
        return fail(EXIT_USAGE, "Parameter validation failed:\nBad starting token: %s%s",
                    g.starting_token, "");
    case TAWS_ERR_TOKEN_REPEATED:
        return fail(EXIT_OTHER, "The same next token was received twice%s%s", "", "");
    case TAWS_ERR_DNS:
    case TAWS_ERR_CONNECT:
        return fail(EXIT_OTHER, "Could not connect to the endpoint URL: \"%s\"%s", url, "");
    case TAWS_ERR_TIMEOUT:
        return fail(EXIT_OTHER, client.conn.connect_failed ? "Connect timeout on endpoint URL: \"%s\"%s"
                                                            : "Read timeout on endpoint URL: \"%s\"%s",
                    url, "");
    case TAWS_ERR_TLS_UNTRUSTED:
    case TAWS_ERR_TLS_HOSTNAME:
    case TAWS_ERR_TLS_EXPIRED:
    case TAWS_ERR_TLS_NOT_YET_VALID:
    case TAWS_ERR_TLS_HANDSHAKE:
        return fail(EXIT_OTHER, "SSL validation failed for %s %s", url, taws_strerror(st));
    case TAWS_ERR_ITEM_TOO_BIG: {
        char n[64];
        snprintf(n, sizeof n, "%lu bytes (the window holds %lu)", (unsigned long)pager.item_needed,
                 (unsigned long)pager.window_cap);
        return fail(EXIT_OTHER, "An item from %s needs %s", url, n);
    }
    default:
        return fail(EXIT_OTHER, "%s (%s)", taws_strerror(st), taws_status_name(st));
    }
}

int main(int argc, char **argv)
{
    static char *op_vals[256];
    const taws_op_t *op = NULL;
    taws_credentials_t cred;
    taws_paginate_t pg;
    cli_out_t out;
    char msg[512];
    uint32_t read_ms = TAWS_READ_TIMEOUT_MS, connect_ms = TAWS_CONNECT_TIMEOUT_MS;
    int i, rc = EXIT_OK, manual_paging = 0, text_mode;
    taws_status_t st;
    const char *url;

    memset(&g, 0, sizeof g);
    /* Pass 1: global options anywhere; the first two words are service and operation. */
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) == 0 && a[2]) {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            const global_opt_t *go = find_global(name, n);
            if (strcmp(a, "--version") == 0) {
                printf("%s/0.1 (mbedTLS, jsmn)\n", prog);
                return EXIT_OK;
            }
            if (go) {
                if (go->flag) {
                    if (eq)
                        return usage_error("argument --%s: ignored explicit argument", go->name);
                    *go->flag = 1;
                } else if (eq) {
                    *go->value = eq + 1;
                } else if (i + 1 < argc) {
                    *go->value = argv[++i];
                } else {
                    return usage_error("argument --%s: expected one argument", go->name);
                }
                continue;
            }
            if (!g.operation)
                return usage_error("unrecognized arguments: %s", a);
            /* an operation option: its values are read in pass 2 */
            while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0 && !eq)
                i++;
            continue;
        }
        if (!g.service)
            g.service = a;
        else if (!g.operation)
            g.operation = a;
        else if (strcmp(a, "help") != 0) /* "<svc> <op> help" is handled below */
            return usage_error("unrecognized arguments: %s", a);
    }
    if (!g.service || strcmp(g.service, "help") == 0) {
        if (g.service) {
            help(NULL);
            return EXIT_OK;
        }
        return usage_error("the following arguments are required: command%s", "");
    }
    if (!g.operation)
        return usage_error("the following arguments are required: operation%s", "");
    if (strcmp(g.operation, "help") == 0) {
        help(NULL);
        return EXIT_OK;
    }
    op = taws_op_find(g.service, g.operation);
    if (!op)
        return usage_error("argument operation: Invalid choice: '%s'", g.operation);
    if (strcmp(argv[argc - 1], "help") == 0) {
        help(op);
        return EXIT_OK;
    }
    if (g.output && strcmp(g.output, "json") != 0 && strcmp(g.output, "jsonl") != 0 && strcmp(g.output, "text") != 0)
        return usage_error("argument --output: Invalid choice: '%s' (choose from 'json', 'jsonl', 'text')", g.output);
    if (timeout_ms(g.read_timeout, &read_ms) != 0)
        return usage_error("argument --cli-read-timeout: invalid int value: '%s'", g.read_timeout);
    if (timeout_ms(g.connect_timeout, &connect_ms) != 0)
        return usage_error("argument --cli-connect-timeout: invalid int value: '%s'", g.connect_timeout);
    if (op->input->size > sizeof params_buf || op->item->size > sizeof item_buf)
        return fail(EXIT_OTHER, "internal: %s params or item struct too large%s", op->name, "");

    /* Pass 2: operation options into the params struct, through the tables. */
    memset(params_buf, 0, sizeof params_buf);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *name, *eq;
        const taws_param_t *p;
        size_t n;
        int nv = 0;
        if (strncmp(a, "--", 2) != 0 || !a[2])
            continue;
        name = a + 2;
        eq = strchr(name, '=');
        n = eq ? (size_t)(eq - name) : strlen(name);
        if (find_global(name, n)) {
            if (!eq && !find_global(name, n)->flag)
                i++;
            continue;
        }
        p = args_find(op->input, name, n);
        if (!p)
            return usage_error("Unknown options: %s", a);
        if (eq) {
            op_vals[nv++] = (char *)eq + 1;
        } else {
            while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0 && nv < 256)
                op_vals[nv++] = argv[++i];
        }
        if (args_set(p, params_buf, op_vals, nv, msg, sizeof msg) != 0)
            return fail(EXIT_USAGE, "%s%s", msg, "");
        if (p->flags & (TAWS_PF_LIMIT | TAWS_PF_TOKEN))
            manual_paging = 1; /* --max-results/--next-token: the AWS CLI stops paginating */
    }

    /* Required members are required options, as in the AWS CLI's argument parser. */
    {
        size_t k, used = 0;
        msg[0] = '\0';
        for (k = 0; k < op->input->n_params; k++) {
            const taws_param_t *p = &op->input->params[k];
            const void *v = (const uint8_t *)params_buf + p->offset;
            int present = p->type == TAWS_P_STRING ? *(const char *const *)v != NULL
                        : p->type == TAWS_P_INTEGER ? ((const taws_int_t *)v)->set
                        : p->type == TAWS_P_TIMESTAMP ? ((const taws_time_t *)v)->set
                        : *(const void *const *)v != NULL;
            if ((p->flags & TAWS_PF_REQUIRED) && !present)
                used += (size_t)snprintf(msg + used, sizeof msg - used, "%s--%s", used ? ", " : "", p->cli);
            if (used >= sizeof msg)
                break;
        }
        if (used)
            return usage_error("the following arguments are required: %s", msg);
    }

    /* Pagination options, as the AWS CLI checks them. */
    memset(&pg, 0, sizeof pg);
    if (manual_paging)
        g.no_paginate = 1;
    if (g.no_paginate && (g.starting_token || g.page_size || g.max_items)) {
        snprintf(msg, sizeof msg, "%s%s%s", g.starting_token ? "--starting-token" : "",
                 g.page_size ? (g.starting_token ? ", --page-size" : "--page-size") : "",
                 g.max_items ? (g.starting_token || g.page_size ? ", --max-items" : "--max-items") : "");
        return fail(EXIT_USAGE, "Cannot specify --no-paginate along with pagination arguments: %s%s", msg, "");
    }
    pg.no_paginate = (uint8_t)g.no_paginate;
    pg.starting_token = g.starting_token;
    if (g.max_items && (args_parse_int(g.max_items, &pg.max_items) != 0 || pg.max_items < 0))
        return usage_error("argument --max-items: invalid int value: '%s'", g.max_items);
    if (g.page_size) {
        if (args_parse_int(g.page_size, &pg.page_size.v) != 0)
            return usage_error("argument --page-size: invalid int value: '%s'", g.page_size);
        pg.page_size.set = 1;
    }

    /* Region, then parameters, then credentials: the AWS CLI's order. */
    memset(&cred, 0, sizeof cred);
    if (!g.region)
        g.region = env("AWS_REGION");
    if (!g.region)
        g.region = env("AWS_DEFAULT_REGION");
    if (!g.region)
        return fail(EXIT_CONFIG, "You must specify a region. You can also configure your region by "
                                 "running \"aws configure\".%s%s", "", "");
    url = g.endpoint_url ? g.endpoint_url : endpoint_from_env(op);
    cred.access_key_id.p = env("AWS_ACCESS_KEY_ID");
    cred.secret_access_key.p = env("AWS_SECRET_ACCESS_KEY");
    cred.session_token.p = env("AWS_SESSION_TOKEN");
    cred.access_key_id.n = cred.access_key_id.p ? strlen(cred.access_key_id.p) : 0;
    cred.secret_access_key.n = cred.secret_access_key.p ? strlen(cred.secret_access_key.p) : 0;
    cred.session_token.n = cred.session_token.p ? strlen(cred.session_token.p) : 0;

    if (cli_port(&port) != 0)
        return EXIT_OTHER;
    st = taws_client_init(&client, &port, &tls, &cred, g.region);
    if (st == TAWS_ERR_TOO_LONG)
        return fail(EXIT_CONFIG, "Invalid region: %s%s", g.region, "");
    if (st == TAWS_OK && url && (st = taws_client_set_endpoint(&client, url)) != TAWS_OK)
        return fail(EXIT_USAGE, "Bad value for --endpoint-url \"%s\": scheme is missing. Must be of "
                                "the form http://<hostname>/ or https://<hostname>/%s", url, "");
    if (st == TAWS_OK && !url)
        st = taws_endpoint_regional(&client.ep, op->endpoint_prefix, g.region) == TAWS_OK ? TAWS_OK : TAWS_ERR_URL;
    if (st == TAWS_ERR_URL)
        return fail(EXIT_OTHER, "Invalid endpoint: https://%s.%s.amazonaws.com", op->endpoint_prefix, g.region);
    taws_client_set_timeouts(&client, connect_ms, read_ms);
    {
        /* TINYAWS_CALL_TIMEOUT (seconds, 0: none) bounds each item's wait, retries included. */
        uint32_t call_ms;
        const char *v = env("TINYAWS_CALL_TIMEOUT");
        if (v && timeout_ms(v, &call_ms) != 0)
            return usage_error("TINYAWS_CALL_TIMEOUT: invalid value: '%s'", v);
        if (v)
            client.call_timeout_ms = call_ms == 0x7fffffffu ? 0 : call_ms;
    }
    {
        int64_t attempts;
        const char *v = env("AWS_MAX_ATTEMPTS");
        if (v && (args_parse_int(v, &attempts) != 0 || attempts < 1 || attempts > 255))
            return fail(EXIT_CONFIG, "Invalid value for AWS_MAX_ATTEMPTS: %s%s", v, "");
        if (v)
            client.retry.max_attempts = (uint8_t)attempts;
    }
    if (g.debug)
        client.debug = &debug_sink;

    /* TINYAWS_WINDOW_BYTES runs the host CLI with an embedded-sized window (e.g. 2048), and
     * TINYAWS_STRING_CAP cuts long strings while framing, as a device would configure. */
    {
        size_t win = sizeof window;
        int64_t v;
        const char *w = env("TINYAWS_WINDOW_BYTES");
        if (w && (args_parse_int(w, &v) != 0 || v < 16 || (uint64_t)v > sizeof window))
            return usage_error("TINYAWS_WINDOW_BYTES: invalid value: '%s'", w);
        if (w)
            win = (size_t)v;
        st = taws_pager_begin(&pager, &client, op, params_buf, &pg, window, win, tokens, CLI_TOKENS);
        if (st != TAWS_OK)
            return report(st, op);
        w = env("TINYAWS_STRING_CAP");
        if (w && (args_parse_int(w, &v) != 0 || v < 1))
            return usage_error("TINYAWS_STRING_CAP: invalid value: '%s'", w);
        if (w)
            taws_pager_set_string_cap(&pager, (size_t)v);
    }
    if (!cred.access_key_id.p || !cred.secret_access_key.p)
        return fail(EXIT_CONFIG, "Unable to locate credentials. You can configure credentials by "
                                 "running \"aws configure\".%s%s", "", "");
    if (st == TAWS_OK && (client.ep.tls || !url)) {
        const char *ca = g.ca_bundle ? g.ca_bundle : env("AWS_CA_BUNDLE");
        st = taws_tls_init(&tls, &port);
        if (st == TAWS_OK)
            st = taws_tls_add_ca_path(&tls, ca ? ca : SYSTEM_CA_BUNDLE);
        if (st != TAWS_OK) {
            taws_client_close(&client);
            return fail(EXIT_OTHER, "Could not load the CA bundle %s: %s", ca ? ca : SYSTEM_CA_BUNDLE,
                        taws_strerror(st));
        }
    }

    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    out_init(&out, stdout, g.output && strcmp(g.output, "jsonl") == 0, op->result_key);
    /* --output text: each page is spooled and printed when it ends (output_text.h) */
    text_mode = g.output && strcmp(g.output, "text") == 0;
    st = TAWS_OK; /* stays TAWS_OK only when a text write failed */
    if (!text_mode || text_init(&text, stdout, op, g.no_paginate) == 0)
        while ((st = taws_pager_next(&pager, item_buf)) == TAWS_OK) {
            if (!text_mode)
                out_item(&out, op->item, item_buf);
            else if (text_item(&text, &pager, item_buf) != 0)
                break;
        }
    if (st == TAWS_OK) {
        rc = text_write_failed();
    } else if (st == TAWS_DONE) {
        /* NextToken: the resume token when --max-items stopped early; with --no-paginate the
         * service's own token under its own key. */
        static char tokbuf[4 * TAWS_PAGE_TOKEN_MAX + 256];
        taws_memsink_t m;
        taws_str_t tok = TAWS_STR_NULL;
        const char *key = "NextToken";
        if (g.no_paginate) {
            tok = taws_pager_page_token(&pager);
            key = op->output_token;
        } else if (taws_pager_truncated(&pager)) {
            taws_memsink_init(&m, tokbuf, sizeof tokbuf);
            if (taws_pager_resume_token(&pager, &m.sink) == TAWS_OK) {
                tok.p = tokbuf;
                tok.n = m.len;
            }
        }
        if (!text_mode)
            out_end(&out, pager.any_result, key, tok);
        rc = text_mode && text_end(&text, &pager, tok) != 0 ? text_write_failed() : EXIT_OK;
    } else {
        if (text_mode)
            (void)text_error(&text, &pager); /* the error below is what the exit code reports */
        fflush(stdout);
        rc = report(st, op);
    }
    (void)stdout_write;
    fflush(stdout);
    if (text_mode)
        text_close(&text);
    taws_client_close(&client);
    if (tls.ready)
        taws_tls_free(&tls);
    return rc;
}
