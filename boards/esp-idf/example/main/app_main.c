/* SPDX-License-Identifier: MIT */
/*
 * tinyaws on ESP-IDF: join Wi-Fi, set the clock (certificates and SigV4 need it), then list
 * Bedrock batch inference jobs one item at a time from a 3 KiB window, over TLS through the
 * lwIP sockets port. Credentials and region come from menuconfig ("tinyaws example").
 */
#include <string.h>
#include <time.h>
#include "esp_event.h"
#include "esp_log.h"
#include "esp_netif.h"
#include "esp_netif_sntp.h"
#include "esp_random.h"
#include "nvs_flash.h"
#include "protocol_examples_common.h"
#include "tinyaws/pager.h"
#include "tinyaws/port_lwip.h"

static const char *TAG = "tinyaws";

extern const uint8_t ca_pem_start[] asm("_binary_amazon_root_ca1_pem_start");
extern const uint8_t ca_pem_end[] asm("_binary_amazon_root_ca1_pem_end");

/* Everything tinyaws uses lives here, sized by Kconfig; nothing is allocated. */
static char window[TAWS_WINDOW_SIZE];
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];
static taws_lwip_t net;
static taws_port_t port;
static taws_tls_t tls;
static taws_client_t client;
static taws_pager_t pager;

static int64_t wall_time(void *ctx)
{
    (void)ctx;
    return (int64_t)time(NULL);
}

static int trng(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    esp_fill_random(buf, len); /* the hardware RNG (with RF on) */
    return 0;
}

static taws_str_t view(const char *z)
{
    taws_str_t s = { z, strlen(z) };
    return s;
}

void app_main(void)
{
    esp_sntp_config_t sntp = ESP_NETIF_SNTP_DEFAULT_CONFIG(CONFIG_LWIP_SNTP_SERVER_0);
    taws_credentials_t cred;
    taws_list_model_invocation_jobs_params_t params;
    taws_paginate_t pg;
    taws_model_invocation_job_summary_t job;
    taws_status_t st;

    ESP_ERROR_CHECK(nvs_flash_init());
    ESP_ERROR_CHECK(esp_netif_init());
    ESP_ERROR_CHECK(esp_event_loop_create_default());
    ESP_ERROR_CHECK(example_connect());
    esp_netif_sntp_init(&sntp);
    if (esp_netif_sntp_sync_wait(pdMS_TO_TICKS(15000)) != ESP_OK)
        ESP_LOGW(TAG, "no SNTP time yet; a skewed clock is corrected from AWS's Date header");

    net.wall_time = wall_time;
    net.random = trng;
    taws_port_lwip_init(&port, &net);
    ESP_ERROR_CHECK(taws_tls_init(&tls, &port) == TAWS_OK ? ESP_OK : ESP_FAIL);
    ESP_ERROR_CHECK(taws_tls_add_ca(&tls, ca_pem_start, (size_t)(ca_pem_end - ca_pem_start)) == TAWS_OK
                        ? ESP_OK : ESP_FAIL);

    cred.access_key_id = view(CONFIG_EXAMPLE_AWS_ACCESS_KEY_ID);
    cred.secret_access_key = view(CONFIG_EXAMPLE_AWS_SECRET_ACCESS_KEY);
    cred.session_token = TAWS_STR_NULL;
    st = taws_client_init(&client, &port, &tls, &cred, CONFIG_EXAMPLE_AWS_REGION);
    if (st != TAWS_OK) {
        ESP_LOGE(TAG, "client: %s", taws_strerror(st));
        return;
    }

    memset(&params, 0, sizeof params);
    memset(&pg, 0, sizeof pg);
    pg.page_size = (taws_int_t){ 50, 1 };
    st = taws_pager_begin(&pager, &client, &taws_op_list_model_invocation_jobs, &params, &pg, window,
                          sizeof window, tokens, TAWS_JSON_MAX_TOKENS);
    if (st != TAWS_OK) {
        ESP_LOGE(TAG, "parameters: %s", taws_pager_msg(&pager));
        return;
    }
    /* Job messages may be 2,048 characters: cut long strings so every job fits 3 KiB. */
    taws_pager_set_string_cap(&pager, 256);
    while ((st = taws_pager_next(&pager, &job)) == TAWS_OK)
        ESP_LOGI(TAG, "%.*s  %.*s  %.*s", (int)job.job_name.n, job.job_name.p, (int)job.status.n,
                 job.status.p, (int)job.model_id.n, job.model_id.p);
    if (st != TAWS_DONE)
        ESP_LOGE(TAG, "listing failed: %s (%s: %s)", taws_strerror(st), taws_client_error_code(&client), taws_client_error_message(&client));
    taws_client_close(&client);
    taws_tls_free(&tls);
}
