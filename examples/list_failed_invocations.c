/* SPDX-License-Identifier: MIT */
/*
 * list_failed_invocations: the failed Amazon Bedrock async invocations of one region, one
 * line per invocation ("<invocationArn> <TAB> <failureMessage>", the message's newlines, tabs,
 * carriage returns and backslashes written \n, \t, \r, \\ so that it stays one line), over
 * HTTPS with the POSIX port. A complete program on tinyaws's public headers only.
 *
 *   list_failed_invocations [REGION [ENDPOINT_URL]]
 *
 * From the environment, as the AWS CLI reads them:
 *   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   required
 *   AWS_SESSION_TOKEN                          temporary credentials only
 *   AWS_REGION                                 when REGION is not given
 *   AWS_ENDPOINT_URL                           when ENDPOINT_URL is not given (else AWS's own)
 *   AWS_CA_BUNDLE                              PEM bundle to trust (else the system's)
 *
 * Exit status: 0 listed (perhaps nothing), 1 the listing failed, 2 usage or configuration.
 *
 *   cc list_failed_invocations.c $(pkg-config --cflags --libs --static tinyaws)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tinyaws/tinyaws.h"
#include "tinyaws/port_posix.h"

#define SYSTEM_CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

/*
 * The pager copies one item at a time into this window, whatever the page size: memory does
 * not grow with the listing. A device uses TAWS_WINDOW_SIZE (3 KiB); a host can afford room
 * for long failure messages. The tokens are the JSON tokenizer's scratch for one item.
 */
static char window[16384];
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];

/* Our copy of the secret access key: wiped before exit, whatever happened. */
static char secret[TAWS_SECRET_MAX + 1];

/* memset() that the compiler may not drop although the buffer is dead afterwards. */
static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

/* A string view (not NUL-terminated; p == NULL when the member was absent). */
static void print_str(taws_str_t s)
{
    if (s.p != NULL)
        fwrite(s.p, 1, s.n, stdout);
}

/* The same on one line: free text may hold line breaks. */
static void print_one_line(taws_str_t s)
{
    size_t i;
    for (i = 0; s.p != NULL && i < s.n; i++) {
        switch (s.p[i]) {
        case '\n': fputs("\\n", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        default: fputc(s.p[i], stdout);
        }
    }
}

static int usage(const char *why)
{
    fprintf(stderr, "list_failed_invocations: %s\n"
                    "usage: list_failed_invocations [REGION [ENDPOINT_URL]]\n"
                    "  with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN,\n"
                    "  AWS_REGION, AWS_ENDPOINT_URL, AWS_CA_BUNDLE) in the environment\n",
            why);
    return 2;
}

int main(int argc, char **argv)
{
    /* Every context is the caller's: static or on the stack, nothing is allocated. */
    static taws_client_t client;
    static taws_pager_t pager;
    taws_port_t port;
    taws_posix_t posix;
    taws_tls_t tls;
    taws_credentials_t cred;
    taws_list_async_invokes_params_t params;
    taws_paginate_t paging;
    taws_async_invoke_summary_t item;
    taws_status_t st;
    const char *key_id = getenv("AWS_ACCESS_KEY_ID");
    const char *secret_env = getenv("AWS_SECRET_ACCESS_KEY");
    const char *token = getenv("AWS_SESSION_TOKEN");
    const char *region = argc > 1 ? argv[1] : getenv("AWS_REGION");
    const char *url = argc > 2 ? argv[2] : getenv("AWS_ENDPOINT_URL");
    const char *ca = getenv("AWS_CA_BUNDLE");
    char why[128];
    int rc = 1;

    if (argc > 3 || (argc > 1 && argv[1][0] == '-'))
        return usage("bad arguments");
    if (region == NULL || region[0] == '\0')
        return usage("no region (REGION or AWS_REGION)");
    if (key_id == NULL || secret_env == NULL)
        return usage("no credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)");
    if (strlen(secret_env) > TAWS_SECRET_MAX)
        return usage("AWS_SECRET_ACCESS_KEY is too long");

    /* taws_tls_free() is safe on a zeroed context, so cleanup can always run it. */
    memset(&tls, 0, sizeof tls);
    memcpy(secret, secret_env, strlen(secret_env) + 1);
    cred.access_key_id.p = key_id;
    cred.access_key_id.n = strlen(key_id);
    cred.secret_access_key.p = secret;
    cred.secret_access_key.n = strlen(secret);
    cred.session_token.p = token; /* NULL: none */
    cred.session_token.n = token ? strlen(token) : 0;

    /* The port: sockets, clocks and randomness of the platform. */
    taws_port_posix_init(&port, &posix);

    /* TLS: certificates are always verified, against the bundle we trust. */
    st = taws_tls_init(&tls, &port);
    if (st != TAWS_OK) {
        fprintf(stderr, "TLS setup: %s\n", taws_strerror(st));
        goto cleanup;
    }
    if (ca == NULL)
        ca = SYSTEM_CA_BUNDLE;
    st = taws_tls_add_ca_file(&tls, ca);
    if (st != TAWS_OK) {
        fprintf(stderr, "CA bundle %s: %s\n", ca, taws_tls_ca_reason(&tls, why, sizeof why));
        goto cleanup;
    }

    /* The client: credentials, region, endpoint (AWS's, resolved per operation, unless one
     * is given). TAWS_ERR_CONFIG_MISMATCH here means headers and library disagree. */
    st = taws_client_init(&client, &port, &tls, &cred, region);
    if (st != TAWS_OK) {
        fprintf(stderr, "client: %s\n", taws_strerror(st));
        if (st == TAWS_ERR_CONFIG_MISMATCH)
            fprintf(stderr, "  first difference: %s\n", taws_config_mismatch(taws_config_app()));
        goto cleanup;
    }
    if (url != NULL && url[0] != '\0') {
        st = taws_client_set_endpoint(&client, url);
        if (st != TAWS_OK) {
            fprintf(stderr, "endpoint %s: %s\n", url, taws_strerror(st));
            goto cleanup;
        }
    }

    /* What to list: statusEquals=Failed, 100 per request; all of them (max_items unset). */
    memset(&params, 0, sizeof params);
    memset(&paging, 0, sizeof paging);
    params.status_equals = "Failed";
    paging.page_size.v = 100;
    paging.page_size.set = 1;

    /* The typed iterator: another operation's params or item struct would not compile. */
    st = taws_list_async_invokes_begin(&pager, &client, &params, &paging, window, sizeof window,
                                       tokens, TAWS_JSON_MAX_TOKENS);
    if (st != TAWS_OK) {
        fprintf(stderr, "parameters: %s %s\n", taws_strerror(st), taws_pager_msg(&pager));
        goto cleanup;
    }
    while ((st = taws_list_async_invokes_next(&pager, &item)) == TAWS_OK) {
        /* The item's strings are views into the window, valid until the next call. */
        print_str(item.invocation_arn);
        fputc('\t', stdout);
        print_one_line(item.failure_message);
        fputc('\n', stdout);
    }
    if (st != TAWS_DONE) {
        fprintf(stderr, "listing: %s", taws_strerror(st));
        if (st == TAWS_ERR_SERVICE)
            fprintf(stderr, ": %s (HTTP %u): %s", taws_client_error_code(&client),
                    taws_client_http_status(&client), taws_client_error_message(&client));
        else if (st == TAWS_ERR_ITEM_TOO_BIG)
            fprintf(stderr, " (needs a window of %zu bytes)", taws_pager_item_needed(&pager));
        fputc('\n', stderr);
        goto cleanup;
    }
    if (fflush(stdout) != 0) {
        perror("stdout");
        goto cleanup;
    }
    rc = 0;

cleanup:
    /* Closes the connection and wipes the cached signing key; then TLS, then our secret. */
    taws_client_close(&client);
    taws_tls_free(&tls);
    wipe(secret, sizeof secret);
    return rc;
}
