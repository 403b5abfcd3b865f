/*
 * sizeof on the target, read back from the object file: each array below is as large as what
 * it names, and `nm -S` prints that size (boards/cross/size_report.py ram). Never linked.
 */
#include "tinyaws/pager.h"
#include <mbedtls/ssl_internal.h>
#include "tinyaws/tls.h"

char ram_taws_client_t[sizeof(taws_client_t)];
char ram_taws_pager_t[sizeof(taws_pager_t)];
char ram_taws_tls_t[sizeof(taws_tls_t)];
char ram_taws_conn_t[sizeof(taws_conn_t)];
char ram_taws_http_response_t[sizeof(taws_http_response_t)];
char ram_mbedtls_ssl_context[sizeof(mbedtls_ssl_context)];
char ram_mbedtls_ssl_config[sizeof(mbedtls_ssl_config)];
char ram_mbedtls_ctr_drbg_context[sizeof(mbedtls_ctr_drbg_context)];
char ram_mbedtls_x509_crt[sizeof(mbedtls_x509_crt)];
char ram_window[TAWS_WINDOW_SIZE];
char ram_tokens[TAWS_JSON_MAX_TOKENS * sizeof(jsmntok_t)];
char ram_page_tokens[sizeof(((taws_pager_t *)0)->tok)];
/* The list operations' item structs (ops.h); the largest is what a listing needs. */
char item_taws_async_invoke_summary_t[sizeof(taws_async_invoke_summary_t)];
char item_taws_model_copy_job_summary_t[sizeof(taws_model_copy_job_summary_t)];
char item_taws_model_invocation_job_summary_t[sizeof(taws_model_invocation_job_summary_t)];
char item_taws_model_import_job_summary_t[sizeof(taws_model_import_job_summary_t)];
char item_taws_maintenance_window_execution_task_invocation_identity_t
    [sizeof(taws_maintenance_window_execution_task_invocation_identity_t)];
/* mbedTLS record buffers from the config: allocated from the pool by mbedtls_ssl_setup(). */
char mbedtls_in_buf[MBEDTLS_SSL_IN_BUFFER_LEN];
char mbedtls_out_buf[MBEDTLS_SSL_OUT_BUFFER_LEN];
