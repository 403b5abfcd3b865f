/* SPDX-License-Identifier: MIT */
/*
 * tinyaws on ESP-IDF: join Wi-Fi, set the clock (certificates and SigV4 need it), exchange
 * the thing's X.509 certificate for temporary credentials at the AWS IoT credentials provider,
 * then list Bedrock batch inference jobs one item at a time from a 3 KiB window, over TLS
 * through the lwIP sockets port. No AWS keys on the device: the listing is
 * examples/iot_device/device.c, the one the host tests run; this file is the board's half.
 * Region and the IoT settings come from menuconfig ("tinyaws example"), the certificate and
 * key from main/certs/ (embedded in flash).
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
#include "tinyaws/port_lwip.h"
#include "device.h"

static const char *TAG = "tinyaws";

/* EMBED_TXTFILES adds a terminating NUL to each, counted here: mbedTLS wants it for PEM. */
extern const uint8_t ca_pem_start[] asm("_binary_amazon_root_ca1_pem_start");
extern const uint8_t ca_pem_end[] asm("_binary_amazon_root_ca1_pem_end");
extern const uint8_t cert_pem_start[] asm("_binary_device_pem_crt_start");
extern const uint8_t cert_pem_end[] asm("_binary_device_pem_crt_end");
extern const uint8_t key_pem_start[] asm("_binary_private_pem_key_start");
extern const uint8_t key_pem_end[] asm("_binary_private_pem_key_end");

/* The port's state; device.c keeps the rest (static, sized by Kconfig; nothing allocated). */
static taws_lwip_t net;
static taws_port_t port;
static char why[320];

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

static void log_job(void *ctx, const taws_model_invocation_job_summary_t *job)
{
    (void)ctx;
    ESP_LOGI(TAG, "%.*s  %.*s  %.*s", (int)job->job_name.n, job->job_name.p, (int)job->status.n, job->status.p,
             (int)job->model_id.n, job->model_id.p);
}

void app_main(void)
{
    esp_sntp_config_t sntp = ESP_NETIF_SNTP_DEFAULT_CONFIG(CONFIG_LWIP_SNTP_SERVER_0);
    device_identity_t id;
    taws_status_t st;
    unsigned fetches = 0;

    ESP_ERROR_CHECK(nvs_flash_init());
    ESP_ERROR_CHECK(esp_netif_init());
    ESP_ERROR_CHECK(esp_event_loop_create_default());
    ESP_ERROR_CHECK(example_connect());
    esp_netif_sntp_init(&sntp);
    if (esp_netif_sntp_sync_wait(pdMS_TO_TICKS(15000)) != ESP_OK)
        ESP_LOGW(TAG, "no SNTP time yet: certificates cannot be checked against a clock that is wrong");

    net.wall_time = wall_time;
    net.random = trng;
    taws_port_lwip_init(&port, &net);

    memset(&id, 0, sizeof id);
    id.region = CONFIG_EXAMPLE_AWS_REGION;
    id.iot_endpoint = CONFIG_EXAMPLE_IOT_CREDENTIALS_ENDPOINT;
    id.role_alias = CONFIG_EXAMPLE_IOT_ROLE_ALIAS;
    id.thing_name = CONFIG_EXAMPLE_IOT_THING_NAME;
    id.ca = ca_pem_start;
    id.ca_len = (size_t)(ca_pem_end - ca_pem_start);
    id.cert = cert_pem_start;
    id.cert_len = (size_t)(cert_pem_end - cert_pem_start);
    id.key = key_pem_start;
    id.key_len = (size_t)(key_pem_end - key_pem_start);
    st = device_list_jobs(&port, &id, log_job, NULL, why, sizeof why, &fetches);
    if (st != TAWS_DONE)
        ESP_LOGE(TAG, "listing failed: %s", why);
    ESP_LOGI(TAG, "credentials: AWS IoT, thing %s, provider asked %u time(s)", CONFIG_EXAMPLE_IOT_THING_NAME,
             fetches);
}
