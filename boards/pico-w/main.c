/* SPDX-License-Identifier: MIT */
/*
 * tinyaws on a Pico W: join Wi-Fi, get the time by SNTP, exchange the device's X.509
 * certificate for temporary credentials at the AWS IoT credentials provider, then list Bedrock
 * batch inference jobs one at a time from a 3 KiB window over TLS (the SDK's mbedTLS on a
 * static pool) through the lwIP sockets port. No AWS keys on the device: the listing is
 * examples/iot_device/device.c, the one the host tests run; this file is the board's half
 * (network, clocks, random source, the identity in flash). See README.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "FreeRTOS.h"
#include "task.h"
#include "lwip/apps/sntp.h"
#include "mbedtls/memory_buffer_alloc.h"
#include "mbedtls/platform_time.h"
#include "pico/cyw43_arch.h"
#include "pico/rand.h"
#include "pico/stdlib.h"
#include "tinyaws/port_lwip.h"
#include "device.h"

/* Amazon Root CA 1 (AWS's endpoints and the IoT credentials endpoint chain to it) and the
 * device's certificate and key, as C arrays made at configure time (CMakeLists.txt, README):
 * in flash, never in the repository. */
extern const unsigned char amazon_root_ca1_pem[], device_cert_pem[], device_key_pem[];
extern const unsigned int amazon_root_ca1_pem_len, device_cert_pem_len, device_key_pem_len;

static volatile int64_t epoch_at_boot; /* set by SNTP */
/* mbedTLS's heap. make size: the smallest pool that completes a listing with TLS 1.3 and an
 * RSA-2048 chain of three is ~34 KB on a 32-bit target (boards/cross/README.md); the rest is
 * headroom for longer chains and servers' larger tickets. */
static unsigned char tls_pool[56 * 1024];
static taws_lwip_t net;
static taws_port_t port;
static char why[320];

void tinyaws_pico_set_time(unsigned long sec)
{
    epoch_at_boot = (int64_t)sec - (int64_t)(time_us_64() / 1000000u);
}

static int64_t wall_time(void *ctx)
{
    (void)ctx;
    return epoch_at_boot + (int64_t)(time_us_64() / 1000000u);
}

static mbedtls_time_t tls_time(mbedtls_time_t *t)
{
    mbedtls_time_t now = (mbedtls_time_t)wall_time(NULL);
    if (t)
        *t = now;
    return now;
}

static int trng(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    while (len >= 8) { /* the RP2040's ring-oscillator based generator */
        uint64_t r = get_rand_64();
        memcpy(buf, &r, 8);
        buf += 8;
        len -= 8;
    }
    if (len) {
        uint64_t r = get_rand_64();
        memcpy(buf, &r, len);
    }
    return 0;
}

static void print_job(void *ctx, const taws_model_invocation_job_summary_t *job)
{
    (void)ctx;
    printf("%.*s  %.*s\n", (int)job->job_name.n, job->job_name.p, (int)job->status.n, job->status.p);
}

static void list_jobs(void *arg)
{
    device_identity_t id;
    taws_status_t st;
    unsigned fetches = 0;
    (void)arg;

    if (cyw43_arch_init() != 0 ||
        cyw43_arch_wifi_connect_timeout_ms(WIFI_SSID, WIFI_PASSWORD, CYW43_AUTH_WPA2_AES_PSK, 30000) != 0) {
        printf("wifi failed\n");
        vTaskDelete(NULL);
    }
    sntp_setoperatingmode(SNTP_OPMODE_POLL);
    sntp_setservername(0, "pool.ntp.org");
    sntp_init();
    while (epoch_at_boot == 0) /* certificates and SigV4 need the time */
        vTaskDelay(pdMS_TO_TICKS(100));

    mbedtls_memory_buffer_alloc_init(tls_pool, sizeof tls_pool);
    mbedtls_platform_set_time(tls_time);
    net.wall_time = wall_time;
    net.random = trng;
    taws_port_lwip_init(&port, &net);

    memset(&id, 0, sizeof id);
    id.region = AWS_REGION;
    id.iot_endpoint = TINYAWS_IOT_CREDENTIALS_ENDPOINT;
    id.role_alias = TINYAWS_IOT_ROLE_ALIAS;
    id.thing_name = TINYAWS_IOT_THING_NAME;
    id.ca = amazon_root_ca1_pem;
    id.ca_len = amazon_root_ca1_pem_len;
    id.cert = device_cert_pem;
    id.cert_len = device_cert_pem_len;
    id.key = device_key_pem;
    id.key_len = device_key_pem_len;
    st = device_list_jobs(&port, &id, print_job, NULL, why, sizeof why, &fetches);
    if (st != TAWS_DONE)
        printf("listing failed: %s\n", why);
    printf("credentials: AWS IoT, thing %s, provider asked %u time(s)\n", TINYAWS_IOT_THING_NAME, fetches);
    vTaskDelete(NULL);
}

/* configCHECK_FOR_STACK_OVERFLOW: a task overran its stack. Nothing can be trusted after
 * that; stop where a debugger sees it. */
void vApplicationStackOverflowHook(TaskHandle_t task, char *name)
{
    (void)task;
    (void)name;
    for (;;)
        __asm volatile("bkpt #0");
}

int main(void)
{
    stdio_init_all();
    /* SigV4 and the TLS handshake need ~4 KiB of stack besides lwIP's own tasks. */
    xTaskCreate(list_jobs, "tinyaws", 8192 / sizeof(StackType_t), NULL, tskIDLE_PRIORITY + 1, NULL);
    vTaskStartScheduler();
    return 0;
}
