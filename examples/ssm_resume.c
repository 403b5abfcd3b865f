/* SPDX-License-Identifier: MIT */
/*
 * ssm_resume: pages through the invocations of one task of an SSM maintenance window
 * execution (DescribeMaintenanceWindowExecutionTaskInvocations), at most MAX_ITEMS per run,
 * and keeps the resume token in TOKEN_FILE so that the next run continues where this one
 * stopped: a job that lists a little at a time (a device that wakes up, lists, sleeps).
 *
 *   ssm_resume WINDOW_EXECUTION_ID TASK_ID MAX_ITEMS TOKEN_FILE
 *
 * One line per invocation on stdout: "<InvocationId> <TAB> <Status> <TAB> <ExecutionId>".
 * When TOKEN_FILE exists, the listing starts from the token in it. When the run stops before
 * the end, the token to resume with is written to TOKEN_FILE and "more" is printed on stderr;
 * at the end of the listing TOKEN_FILE is removed and "end" is printed. Credentials, region,
 * endpoint and CA bundle come from the environment, as in list_failed_invocations.c
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_ENDPOINT_URL,
 * AWS_CA_BUNDLE).
 *
 * Exit status: 0 listed, 1 the listing failed, 2 usage or configuration.
 *
 *   cc ssm_resume.c $(pkg-config --cflags --libs --static tinyaws)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tinyaws/tinyaws.h"
#include "tinyaws/port_posix.h"

#define SYSTEM_CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

static char window[16384];                  /* one item at a time (see list_failed_invocations.c) */
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];
/* A resume token: botocore's format, base64 of a small JSON document around the service's
 * page token (at most TAWS_PAGE_TOKEN_MAX bytes). */
static char token_in[4 * TAWS_PAGE_TOKEN_MAX + 256];
static char token_out[4 * TAWS_PAGE_TOKEN_MAX + 256];
static char secret[TAWS_SECRET_MAX + 1];

static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

static void print_str(taws_str_t s)
{
    if (s.p != NULL)
        fwrite(s.p, 1, s.n, stdout);
}

static int usage(const char *why)
{
    fprintf(stderr, "ssm_resume: %s\n"
                    "usage: ssm_resume WINDOW_EXECUTION_ID TASK_ID MAX_ITEMS TOKEN_FILE\n"
                    "  with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION (and\n"
                    "  AWS_SESSION_TOKEN, AWS_ENDPOINT_URL, AWS_CA_BUNDLE) in the environment\n",
            why);
    return 2;
}

/* The token saved by the last run into token_in: 1, none: 0 (no file), error: -1. */
static int load_token(const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    if (f == NULL)
        return errno == ENOENT ? 0 : -1;
    n = fread(token_in, 1, sizeof token_in - 1, f);
    if (ferror(f) || !feof(f) || n == sizeof token_in - 1) { /* unreadable or too long */
        fclose(f);
        return -1;
    }
    fclose(f);
    while (n > 0 && (token_in[n - 1] == '\n' || token_in[n - 1] == '\r'))
        n--;
    token_in[n] = '\0';
    return n > 0 ? 1 : -1;
}

/* Writes the token to path through a temporary file and a rename, so that a run stopped
 * half-way never leaves a cut token behind. */
static int save_token(const char *path, const char *tok, size_t n)
{
    char tmp[4096];
    FILE *f;
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
        return -1;
    f = fopen(tmp, "wb");
    if (f == NULL)
        return -1;
    if (fwrite(tok, 1, n, f) != n || fputc('\n', f) == EOF) {
        fclose(f);
        remove(tmp);
        return -1;
    }
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        remove(tmp);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static taws_client_t client;
    static taws_pager_t pager;
    taws_port_t port;
    taws_posix_t posix;
    taws_tls_t tls;
    taws_credentials_t cred;
    taws_describe_maintenance_window_execution_task_invocations_params_t params;
    taws_paginate_t paging;
    taws_maintenance_window_execution_task_invocation_identity_t item;
    taws_memsink_t out;
    taws_status_t st;
    const char *key_id = getenv("AWS_ACCESS_KEY_ID");
    const char *secret_env = getenv("AWS_SECRET_ACCESS_KEY");
    const char *token = getenv("AWS_SESSION_TOKEN");
    const char *region = getenv("AWS_REGION");
    const char *url = getenv("AWS_ENDPOINT_URL");
    const char *ca = getenv("AWS_CA_BUNDLE");
    const char *token_file;
    char *end;
    long max_items;
    int have_token;
    char why[128];
    int rc = 1;

    if (argc != 5)
        return usage("bad arguments");
    errno = 0;
    max_items = strtol(argv[3], &end, 10);
    if (errno != 0 || end == argv[3] || *end != '\0' || max_items < 1)
        return usage("MAX_ITEMS must be a positive number");
    token_file = argv[4];
    if (region == NULL || region[0] == '\0')
        return usage("no region (AWS_REGION)");
    if (key_id == NULL || secret_env == NULL)
        return usage("no credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)");
    if (strlen(secret_env) > TAWS_SECRET_MAX)
        return usage("AWS_SECRET_ACCESS_KEY is too long");
    have_token = load_token(token_file);
    if (have_token < 0) {
        fprintf(stderr, "ssm_resume: cannot read a token from %s\n", token_file);
        return 2;
    }

    memset(&tls, 0, sizeof tls);
    memcpy(secret, secret_env, strlen(secret_env) + 1);
    cred.access_key_id.p = key_id;
    cred.access_key_id.n = strlen(key_id);
    cred.secret_access_key.p = secret;
    cred.secret_access_key.n = strlen(secret);
    cred.session_token.p = token;
    cred.session_token.n = token ? strlen(token) : 0;

    taws_port_posix_init(&port, &posix);
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
    st = taws_client_init(&client, &port, &tls, &cred, region);
    if (st != TAWS_OK) {
        fprintf(stderr, "client: %s\n", taws_strerror(st));
        goto cleanup;
    }
    if (url != NULL && url[0] != '\0' && (st = taws_client_set_endpoint(&client, url)) != TAWS_OK) {
        fprintf(stderr, "endpoint %s: %s\n", url, taws_strerror(st));
        goto cleanup;
    }

    /* The two required members; no filter. max_items bounds this run; the page size is the
     * service's default. The starting token is the one the last run saved. */
    memset(&params, 0, sizeof params);
    memset(&paging, 0, sizeof paging);
    params.window_execution_id = argv[1];
    params.task_id = argv[2];
    paging.max_items.v = max_items;
    paging.max_items.set = 1;
    paging.starting_token = have_token ? token_in : NULL;

    st = taws_describe_maintenance_window_execution_task_invocations_begin(
        &pager, &client, &params, &paging, window, sizeof window, tokens, TAWS_JSON_MAX_TOKENS);
    if (st != TAWS_OK) {
        /* TAWS_ERR_BAD_TOKEN: TOKEN_FILE holds no token of ours or botocore's. */
        fprintf(stderr, "parameters: %s %s\n", taws_strerror(st), taws_pager_msg(&pager));
        goto cleanup;
    }
    while ((st = taws_describe_maintenance_window_execution_task_invocations_next(&pager, &item)) ==
           TAWS_OK) {
        print_str(item.invocation_id);
        fputc('\t', stdout);
        print_str(item.status);
        fputc('\t', stdout);
        print_str(item.execution_id);
        fputc('\n', stdout);
    }
    if (st != TAWS_DONE) {
        /* TOKEN_FILE is left as it was: the next run lists this run's items again. */
        fprintf(stderr, "listing: %s", taws_strerror(st));
        if (st == TAWS_ERR_SERVICE)
            fprintf(stderr, ": %s: %s", taws_client_error_code(&client),
                    taws_client_error_message(&client));
        fputc('\n', stderr);
        goto cleanup;
    }
    /* The items are out before the token moves on: a crash between the two repeats items
     * in the next run but never skips any. */
    if (fflush(stdout) != 0) {
        perror("stdout");
        goto cleanup;
    }
    if (taws_pager_truncated(&pager)) {
        taws_memsink_init(&out, token_out, sizeof token_out);
        st = taws_pager_resume_token(&pager, &out.sink);
        if (st != TAWS_OK) {
            fprintf(stderr, "resume token: %s\n", taws_strerror(st));
            goto cleanup;
        }
        if (save_token(token_file, out.buf, out.len) != 0) {
            fprintf(stderr, "ssm_resume: cannot write %s\n", token_file);
            goto cleanup;
        }
        fprintf(stderr, "more\n");
    } else {
        if (have_token && remove(token_file) != 0) {
            fprintf(stderr, "ssm_resume: cannot remove %s\n", token_file);
            goto cleanup;
        }
        fprintf(stderr, "end\n");
    }
    rc = 0;

cleanup:
    taws_client_close(&client);
    taws_tls_free(&tls);
    wipe(secret, sizeof secret);
    return rc;
}
