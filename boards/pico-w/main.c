/* SPDX-License-Identifier: MIT */
/*
 * tinyaws on a Pico W: join Wi-Fi, get the time by SNTP, then list Bedrock batch inference
 * jobs one at a time from a 3 KiB window over TLS (the SDK's mbedTLS on a static pool) through
 * the lwIP sockets port. Credentials come from the build environment (see README).
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
#include "tinyaws/pager.h"
#include "tinyaws/port_lwip.h"

/* Amazon Root CA 1 as PEM, generated at build time from the host's CA store (README). */
#include "amazon_root_ca1.h"

static volatile int64_t epoch_at_boot; /* set by SNTP */
/* mbedTLS's heap. make size: the smallest pool that completes a listing with TLS 1.3 and an
 * RSA-2048 chain of three is ~34 KB on a 32-bit target (boards/cross/README.md); the rest is
 * headroom for longer chains and servers' larger tickets. */
static unsigned char tls_pool[56 * 1024];
static char window[TAWS_WINDOW_SIZE];
static taws_json_token_t tokens[TAWS_JSON_MAX_TOKENS];
static taws_lwip_t net;
static taws_port_t port;
static taws_tls_t tls;
static taws_client_t client;
static taws_pager_t pager;

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

static taws_str_t view(const char *z)
{
    taws_str_t s = { z, strlen(z) };
    return s;
}

static void list_jobs(void *arg)
{
    taws_credentials_t cred = { view(AWS_ACCESS_KEY_ID), view(AWS_SECRET_ACCESS_KEY), TAWS_STR_NULL };
    taws_list_model_invocation_jobs_params_t params;
    taws_paginate_t pg;
    taws_model_invocation_job_summary_t job;
    taws_status_t st;
    (void)arg;

    if (cyw43_arch_init() != 0 ||
        cyw43_arch_wifi_connect_timeout_ms(WIFI_SSID, WIFI_PASSWORD, CYW43_AUTH_WPA2_AES_PSK, 30000) != 0) {
        printf("wifi failed\n");
        vTaskDelete(NULL);
    }
    sntp_setoperatingmode(SNTP_OPMODE_POLL);
    sntp_setservername(0, "pool.ntp.org");
    sntp_init();
    while (epoch_at_boot == 0)
        vTaskDelay(pdMS_TO_TICKS(100));

    mbedtls_memory_buffer_alloc_init(tls_pool, sizeof tls_pool);
    mbedtls_platform_set_time(tls_time);
    net.wall_time = wall_time;
    net.random = trng;
    taws_port_lwip_init(&port, &net);
    if (taws_tls_init(&tls, &port) != TAWS_OK ||
        taws_tls_add_ca(&tls, (const uint8_t *)amazon_root_ca1_pem, sizeof amazon_root_ca1_pem) != TAWS_OK ||
        taws_client_init(&client, &port, &tls, &cred, AWS_REGION) != TAWS_OK) {
        printf("set-up failed\n");
        vTaskDelete(NULL);
    }
    memset(&params, 0, sizeof params);
    memset(&pg, 0, sizeof pg);
    pg.page_size = (taws_int_t){ 50, 1 };
    if (taws_pager_begin(&pager, &client, &taws_op_list_model_invocation_jobs, &params, &pg, window, sizeof window,
                         tokens, TAWS_JSON_MAX_TOKENS) != TAWS_OK) {
        printf("parameters: %s\n", taws_pager_msg(&pager));
        vTaskDelete(NULL);
    }
    taws_pager_set_string_cap(&pager, 256); /* 2,048-character messages still fit 3 KiB */
    while ((st = taws_pager_next(&pager, &job)) == TAWS_OK)
        printf("%.*s  %.*s\n", (int)job.job_name.n, job.job_name.p, (int)job.status.n, job.status.p);
    if (st != TAWS_DONE)
        printf("listing failed: %s (%s: %s)\n", taws_strerror(st), taws_client_error_code(&client), taws_client_error_message(&client));
    taws_client_close(&client);
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
