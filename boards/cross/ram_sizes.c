/* SPDX-License-Identifier: MIT */
/*
 * sizeof on the target, read back from the object file: each array below is as large as what
 * it names, and `nm -S` prints that size (boards/cross/size_report.py ram). Never linked.
 * Public headers only (mbedTLS 2.28 and 3.6 alike).
 */
#include "tinyaws/pager.h"

char ram_taws_client_t[sizeof(taws_client_t)];
char ram_taws_pager_t[sizeof(taws_pager_t)];
char ram_taws_tls_t[sizeof(taws_tls_t)];
char ram_taws_conn_t[sizeof(taws_conn_t)];
char ram_taws_http_response_t[sizeof(taws_http_response_t)];
char ram_mbedtls_ssl_context[sizeof(mbedtls_ssl_context)];
char ram_mbedtls_ssl_config[sizeof(mbedtls_ssl_config)];
#if !TAWS_TLS_PSA_RNG
char ram_mbedtls_ctr_drbg_context[sizeof(mbedtls_ctr_drbg_context)];
#endif
#if TAWS_TLS_RESUME
char ram_mbedtls_ssl_session[sizeof(mbedtls_ssl_session)];
#endif
char ram_mbedtls_x509_crt[sizeof(mbedtls_x509_crt)];
char ram_window[TAWS_WINDOW_SIZE];
char ram_tokens[TAWS_JSON_MAX_TOKENS * sizeof(taws_json_token_t)];
char ram_page_tokens[sizeof(((taws_pager_t *)0)->TAWS_PRIVATE(tok))]; /* measured, not touched */
/* The list operations' item structs (every operation of src/operations.json, through the
 * generated TAWS_OPS_FOR_EACH); the largest is what a listing needs. */
#define ITEM_SIZE(name, params_t, item_t, service, command) char item_##item_t[sizeof(item_t)];
TAWS_OPS_FOR_EACH(ITEM_SIZE)
#undef ITEM_SIZE
/* The record buffers are not here: their exact sizes (content length plus header, IV, MAC
 * and padding room) are private to mbedTLS; boards/cross/pool_peak.c measures what
 * taws_tls_init() takes from the pool instead. */
