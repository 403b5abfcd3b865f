/* SPDX-License-Identifier: MIT */
/*
 * The device side of examples/iot_device (device.h): temporary credentials from the AWS IoT
 * credentials provider, then a listing signed with them. Portable C99 on tinyaws's public
 * headers: no OS call, no file, no heap, not even printf (a C library's printf may bring its
 * heap along: messages go through a memory sink); every context is static, sized by config.h.
 */
#include <string.h>

#include "device.h"

/*
 * What the listing needs. One item at a time is copied into the window, whatever the page
 * size (3 KiB by default): memory does not grow with the listing. Batch job messages may be
 * 2,048 characters; the string cap below cuts long strings so that every job fits.
 */
static char window[TAWS_WINDOW_SIZE];
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];
static taws_tls_t tls;
static taws_client_t client;
static taws_pager_t pager;

/*
 * The credentials: the provider's context (the parsed certificate and key) and the
 * storage it fills (key id, secret, session token, expiration; about 4.4 KB). Wiped when
 * replaced, when a fetch fails and by taws_client_close().
 */
static taws_cred_iot_t iot;
static taws_cred_t cred;

/* why = a + b + c + d (NULLs skipped), cut to fit: a memory sink keeps what fits, and the
 * NUL always has room (cap > 0). */
static void say(char *why, size_t cap, const char *a, const char *b, const char *c, const char *d)
{
    const char *part[4];
    taws_memsink_t m;
    size_t i;
    part[0] = a;
    part[1] = b;
    part[2] = c;
    part[3] = d;
    taws_memsink_init(&m, why, cap - 1);
    for (i = 0; i < 4; i++)
        if (part[i] != NULL)
            (void)taws_sink_str(&m.sink, part[i]);
    why[m.len] = '\0';
}

taws_status_t device_list_jobs(taws_port_t *port, const device_identity_t *id,
                               device_on_job_t on_job, void *ctx, char *why, size_t why_cap,
                               unsigned *fetches)
{
    taws_cred_provider_t prov;
    taws_list_model_invocation_jobs_params_t params;
    taws_paginate_t paging;
    taws_model_invocation_job_summary_t job;
    taws_status_t st;

    if (why_cap == 0)
        return TAWS_ERR_ARG;
    why[0] = '\0';
    /* Safe on zeroed contexts: the cleanup below can always run them. */
    memset(&tls, 0, sizeof tls);
    memset(&iot, 0, sizeof iot);
    memset(&client, 0, sizeof client);

    /* One TLS context for both servers: its CAs verify the credentials endpoint and the AWS
     * endpoint, and the device certificate, configured on it by the provider, is sent only to
     * a server that asks for one (the credentials endpoint; AWS service endpoints never do).
     * A second context would cost its RAM for nothing. */
    st = taws_tls_init(&tls, port);
    if (st != TAWS_OK) {
        say(why, why_cap, "TLS setup: ", taws_strerror(st), NULL, NULL);
        goto cleanup;
    }
    st = taws_tls_add_ca(&tls, id->ca, id->ca_len);
    if (st != TAWS_OK) {
        say(why, why_cap, "CA certificates: ", taws_strerror(st), NULL, NULL);
        goto cleanup;
    }

    /* The provider parses the certificate and key now and checks that they belong together,
     * so a bad identity fails here, before any connection, with its own status. */
    st = taws_cred_iot_init(&iot, &prov, &tls, id->iot_endpoint, id->role_alias, id->thing_name,
                            id->cert, id->cert_len, id->key, id->key_len);
    if (st != TAWS_OK) {
        say(why, why_cap, "device identity: ", taws_cred_iot_message(&iot), NULL, NULL);
        goto cleanup;
    }

    /* No keys for the client: it asks the provider before its first request, again before the
     * credentials expire (TAWS_CRED_REFRESH_S), and once if the service finds them expired. */
    st = taws_client_init(&client, port, &tls, NULL, id->region);
    if (st != TAWS_OK) {
        say(why, why_cap, "client: ", taws_strerror(st), NULL, NULL);
        if (st == TAWS_ERR_CONFIG_MISMATCH)
            say(why, why_cap,
                "client: configuration mismatch between headers and library, first difference: ",
                taws_config_mismatch(taws_config_app()), NULL, NULL);
        goto cleanup;
    }
    if (id->endpoint_url != NULL &&
        (st = taws_client_set_endpoint(&client, id->endpoint_url)) != TAWS_OK) {
        say(why, why_cap, "endpoint ", id->endpoint_url, ": ", taws_strerror(st));
        goto cleanup;
    }
    st = taws_client_set_provider(&client, &prov, &cred);
    if (st != TAWS_OK) {
        say(why, why_cap, "credentials provider: ", taws_strerror(st), NULL, NULL);
        goto cleanup;
    }

    /* Every job, 50 per request. */
    memset(&params, 0, sizeof params);
    memset(&paging, 0, sizeof paging);
    paging.page_size.v = 50;
    paging.page_size.set = 1;
    st = taws_list_model_invocation_jobs_begin(&pager, &client, &params, &paging, window,
                                               sizeof window, tokens, TAWS_JSON_MAX_TOKENS);
    if (st != TAWS_OK) {
        say(why, why_cap, "parameters: ", taws_strerror(st), " ", taws_pager_msg(&pager));
        goto cleanup;
    }
    taws_pager_set_string_cap(&pager, 256);
    while ((st = taws_list_model_invocation_jobs_next(&pager, &job)) == TAWS_OK)
        on_job(ctx, &job);
    if (st == TAWS_DONE)
        goto cleanup;

    /* What failed: getting credentials (the provider's words, as botocore prints them), or
     * the listing itself (the service's error code and message, or the status). */
    if (taws_client_credential_status(&client) != TAWS_OK)
        say(why, why_cap, "Error when retrieving credentials from ", taws_cred_provider_name(&prov),
            ": ", taws_cred_provider_message(&prov));
    else if (st == TAWS_ERR_SERVICE) {
        taws_memsink_t m; /* "<code> (HTTP <status>): <message>" */
        taws_memsink_init(&m, why, why_cap - 1);
        (void)taws_sink_str(&m.sink, taws_client_error_code(&client));
        (void)taws_sink_str(&m.sink, " (HTTP ");
        (void)taws_sink_u64(&m.sink, taws_client_http_status(&client));
        (void)taws_sink_str(&m.sink, "): ");
        (void)taws_sink_str(&m.sink, taws_client_error_message(&client));
        why[m.len] = '\0';
    } else
        say(why, why_cap, taws_strerror(st), NULL, NULL, NULL);

cleanup:
    if (fetches != NULL)
        *fetches = (unsigned)taws_client_credential_fetches(&client);
    /* The connection closed, the credentials and the cached signing key wiped; then the
     * parsed key (mbedTLS zeroes it) and TLS. */
    taws_client_close(&client);
    taws_cred_iot_free(&iot);
    taws_tls_free(&tls);
    return st;
}
