// SPDX-License-Identifier: MIT
// The public headers from C++: every one of them compiles in a C++ translation unit (g++
// -Wall -Wextra -Werror -pedantic) and its functions link with C linkage (extern "C"; without
// it the mangled names would not resolve against libtinyaws.a). What it calls, it checks;
// last line "N passed, M failed".
#include <cstdio>
#include <cstring>
#include "tinyaws/tinyaws.h"
#include "tinyaws/port_posix.h"
#ifdef CXX_API_LWIP
#include "tinyaws/port_lwip.h"
#include "tinyaws/port_lwip_raw.h"
#endif

static int passed, failed;

static void check(bool ok, const char *what)
{
    std::printf("%s - %s\n", ok ? "ok" : "not ok", what);
    (ok ? passed : failed)++;
}

static taws_status_t to_buffer(taws_sink_t *s, const void *p, size_t n)
{
    taws_memsink_t *m = reinterpret_cast<taws_memsink_t *>(s);
    if (n > m->cap - m->len)
        return TAWS_ERR_TOO_LONG;
    std::memcpy(m->buf + m->len, p, n);
    m->len += n;
    return TAWS_OK;
}

// Large contexts are static, as on a device.
static taws_port_t port;
static taws_posix_t posix;
static taws_tls_t tls;
static taws_client_t client;
static taws_pager_t pager;
static char window[TAWS_WINDOW_SIZE];
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];

int main()
{
    taws_credentials_t cred;
    taws_list_model_import_jobs_params_t params;
    taws_paginate_t pg;
    taws_model_import_job_summary_t item;
    taws_time_t t;
    char iso[TAWS_ISO_OUT_MAX], buf[128];
    taws_memsink_t m;
    taws_str_t s;
    taws_status_t st;
    unsigned n_ops = 0;

    check(std::strcmp(taws_strerror(TAWS_ERR_CONFIG_MISMATCH), "unknown status") != 0,
          "status.h: taws_strerror() knows the newest status");
    check(taws_config_mismatch(taws_config_app()) == NULL,
          "pager.h: a C++ unit's view of the configuration is the library's");
    check(std::strcmp(taws_version(), TAWS_VERSION_STRING) == 0,
          "tinyaws.h: taws_version() is the headers' TAWS_VERSION_STRING");

    s.p = "2024-10-28T10:20:30.5Z";
    s.n = std::strlen(s.p);
    st = taws_time_parse_iso8601(s, &t);
    check(st == TAWS_OK && taws_time_format_cli(&t, iso) > 0 &&
              std::strcmp(iso, "2024-10-28T10:20:30.500000+00:00") == 0,
          "types.h: timestamps parse and format");
    for (const taws_op_t *const *op = taws_ops; *op; op++)
        n_ops++;
    check(n_ops >= 5 && taws_op_find("bedrock", "list-model-import-jobs") == &taws_op_list_model_import_jobs,
          "ops.h: the operation tables and their look-up");

    taws_port_posix_init(&port, &posix);
    check(taws_tls_init(&tls, &port) == TAWS_OK, "client.h: taws_tls_init");
    check(taws_tls_add_ca_file(&tls, "/nonexistent/ca.pem") == TAWS_ERR_CA_NO_FILE &&
              std::strcmp(taws_tls_ca_reason(&tls, buf, sizeof buf), "no such file") == 0,
          "client.h: a CA bundle's reason");
    taws_tls_set_verify(&tls, 1);
    check(taws_tls_ssl_config(&tls) != NULL && taws_tls_ssl_context(&tls) != NULL,
          "client.h: mbedTLS's contexts for what tinyaws does not wrap");

    std::memset(&cred, 0, sizeof cred);
    cred.access_key_id.p = "AKIDEXAMPLE";
    cred.access_key_id.n = 11;
    cred.secret_access_key.p = "secret";
    cred.secret_access_key.n = 6;
    check(taws_client_init(&client, &port, &tls, &cred, "us-east-1") == TAWS_OK,
          "client.h: taws_client_init (the configuration check included)");
    check(taws_client_set_endpoint(&client, "http://127.0.0.1:9") == TAWS_OK &&
              !taws_client_endpoint_tls(&client) &&
              std::strcmp(taws_client_endpoint_host(&client), "127.0.0.1") == 0 &&
              std::strcmp(taws_client_endpoint_host_header(&client), "127.0.0.1:9") == 0,
          "client.h: endpoint accessors");
    taws_client_set_max_attempts(&client, 1);
    taws_client_set_timeouts(&client, 2000, 2000);
    taws_client_set_call_timeout(&client, 4000);
    taws_client_set_debug(&client, NULL);

    // Parameter validation: nothing is sent, the message is botocore's.
    std::memset(&params, 0, sizeof params);
    std::memset(&pg, 0, sizeof pg);
    params.name_contains = "";
    st = taws_pager_begin(&pager, &client, &taws_op_list_model_import_jobs, &params, &pg, window,
                          sizeof window, tokens, TAWS_JSON_MAX_TOKENS);
    check(st == TAWS_ERR_PARAM && std::strstr(taws_pager_msg(&pager), "nameContains") != NULL &&
              taws_pager_window_size(&pager) == sizeof window &&
              taws_pager_token_count(&pager) == TAWS_JSON_MAX_TOKENS,
          "pager.h: validation before sending, taws_pager_msg() and the sizes given");

    // max_items 0 asks for nothing and gives a resume token.
    params.name_contains = NULL;
    pg.max_items.v = 0;
    pg.max_items.set = 1;
    st = taws_pager_begin(&pager, &client, &taws_op_list_model_import_jobs, &params, &pg, window,
                          sizeof window, tokens, TAWS_JSON_MAX_TOKENS);
    if (st == TAWS_OK)
        st = taws_pager_next(&pager, &item);
    taws_memsink_init(&m, buf, sizeof buf);
    m.sink.write = to_buffer; // an application's own sink
    check(st == TAWS_DONE && taws_pager_truncated(&pager) &&
              taws_pager_resume_token(&pager, &m.sink) == TAWS_OK && m.len > 8 &&
              taws_pager_pages(&pager) == 0 && taws_pager_any_result(&pager) &&
              taws_client_requests(&client) == 0,
          "pager.h: max_items 0 sends nothing and yields a resume token through a C++ sink");

    taws_client_close(&client);
    taws_tls_free(&tls);
    taws_tls_free(&tls); // a second free does nothing
    check(taws_client_error_code(&client) != NULL && taws_client_error_message(&client) != NULL &&
              taws_client_http_status(&client) == 0 && taws_client_retries(&client) == 0 &&
              !taws_client_max_attempts_reached(&client) && !taws_client_connect_failed(&client) &&
              taws_client_connects(&client) == 0 && taws_client_clock_offset(&client) == 0 &&
              std::strcmp(taws_client_region(&client), "us-east-1") == 0,
          "client.h: error and counter accessors");
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
