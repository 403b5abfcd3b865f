/* SPDX-License-Identifier: MIT */
/*
 * The IoT device firmware: examples/iot_device/device.c, the device program the host tests
 * run, on the Cortex-M4 board. It exchanges the device's X.509 certificate for temporary
 * credentials at the AWS IoT credentials provider (mutual TLS), then lists Bedrock model
 * invocation jobs, "<jobName> <TAB> <status>" per line on the console, over lwIP NO_SYS on the
 * LAN9118 (port/lwip-raw) and mbedTLS on a static pool. No RTOS, no heap, no AWS keys.
 *
 *   qemu-system-arm -M mps2-an386 ... -kernel fw-iot.elf -append "ARGS"
 *
 *   --iot-endpoint HOST[:PORT]   the credentials endpoint (required)
 *   --role-alias A --thing T     the role alias and the thing name (required)
 *   --cert FILE --key FILE       the device certificate and key, PEM or DER, host files (required)
 *   --ca FILE                    CAs for both endpoints, PEM, a host file (required)
 *   --endpoint-url URL           else AWS's own for the region
 *   --region R                   us-east-1 by default
 *   --static                     10.0.2.15/24 instead of DHCP
 *   --report                     measurements on stderr ("fw-report ..." lines)
 *
 * Test board only: the identity and the CAs come from host files (semihosting) into static
 * buffers, where a device has them in flash or a secure element. Exit codes: 0 listed, 252
 * bad arguments, 255 the listing failed (the reason on stderr).
 */
#include <string.h>
#include <mbedtls/memory_buffer_alloc.h>
#include <mbedtls/platform.h>
#include <mbedtls/platform_util.h>
#include "args_fw.h"
#include "board_fw.h"
#include "device.h"
#include "fw_net.h"
#include "semihost.h"

#define EXIT_USAGE FW_EXIT_USAGE
#define EXIT_OTHER 255

#ifndef FW_POOL_SIZE
#define FW_POOL_SIZE (64u * 1024u) /* mbedTLS's heap; --report gives the high-water mark */
#endif
#define FW_CA_MAX 16384u
#define FW_ID_MAX 4096u /* a certificate or key (an RSA-2048 key in PEM is ~1.7 KB) */

static unsigned char pool[FW_POOL_SIZE];
static uint8_t ca[FW_CA_MAX + 1], cert[FW_ID_MAX + 1], key[FW_ID_MAX + 1];
static char why[600];
static taws_port_t port;

static struct {
    const char *iot, *alias, *thing, *cert, *key, *ca, *url, *region;
    int use_static, report;
} g;


static int usage(const char *what, const char *arg)
{
    return fw_usage("fw-iot", what, arg);
}

/* A host file into buf (PEM: NUL-terminated and the NUL counted, as mbedTLS wants); 0 when
 * it cannot be read or does not fit. */
static size_t load(const char *path, uint8_t *buf, size_t cap)
{
    long n = sh_load(path, buf, cap);
    if (n <= 0)
        return 0;
    return n >= 10 && memcmp(buf, "-----BEGIN", 10) == 0 ? (size_t)n + 1 : (size_t)n;
}

static void print_job(void *ctx, const taws_model_invocation_job_summary_t *job)
{
    (void)ctx;
    out_bytes(job->job_name.p, job->job_name.n);
    out_str("\t");
    out_bytes(job->status.p, job->status.n);
    out_str("\n");
}

static int parse_args(int argc, char **argv)
{
    static const struct {
        const char *name;
        const char **value;
    } opts[] = {
        { "--iot-endpoint", &g.iot }, { "--role-alias", &g.alias },   { "--thing", &g.thing },
        { "--cert", &g.cert },        { "--key", &g.key },            { "--ca", &g.ca },
        { "--endpoint-url", &g.url }, { "--region", &g.region },
    };
    int i;
    size_t k;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--static") == 0) {
            g.use_static = 1;
            continue;
        }
        if (strcmp(argv[i], "--report") == 0) {
            g.report = 1;
            continue;
        }
        for (k = 0; k < sizeof opts / sizeof opts[0]; k++)
            if (strcmp(argv[i], opts[k].name) == 0)
                break;
        if (k == sizeof opts / sizeof opts[0])
            return usage("unknown argument", argv[i]);
        if (i + 1 >= argc)
            return usage("missing value", argv[i]);
        *opts[k].value = argv[++i];
    }
    if (!g.iot || !g.alias || !g.thing || !g.cert || !g.key || !g.ca)
        return usage("usage", "--iot-endpoint H --role-alias A --thing T --cert F --key F --ca F "
                              "[--endpoint-url URL] [--region R] [--static] [--report]");
    if (!g.region)
        g.region = "us-east-1";
    return 0;
}

int main(void)
{
    static char *argv[FW_ARGS_MAX];
    device_identity_t id;
    taws_status_t st;
    unsigned fetches = 0;
    int argc, rc;

    memset(&g, 0, sizeof g);
    argc = fw_args(argv, FW_ARGS_MAX);
    if (argc < 0)
        return usage("command line too long", NULL);
    rc = parse_args(argc, argv);
    if (rc != 0)
        goto cleanup;
    memset(&id, 0, sizeof id);
    id.iot_endpoint = g.iot;
    id.role_alias = g.alias;
    id.thing_name = g.thing;
    id.region = g.region;
    id.endpoint_url = g.url;
    if ((id.ca_len = load(g.ca, ca, sizeof ca)) == 0 || (id.cert_len = load(g.cert, cert, sizeof cert)) == 0 ||
        (id.key_len = load(g.key, key, sizeof key)) == 0) {
        rc = usage("cannot read (or too large)", id.ca_len == 0 ? g.ca : id.cert_len == 0 ? g.cert : g.key);
        goto cleanup;
    }
    id.ca = ca;
    id.cert = cert;
    id.key = key;

    board_init();
    board_stack_paint(); /* from here on, board_stack_peak() sees the deepest use */
    if (fw_tls_net_up(pool, sizeof pool, g.use_static, &port) != 0) {
        rc = EXIT_OTHER;
        goto cleanup;
    }

    st = device_list_jobs(&port, &id, print_job, NULL, why, sizeof why, &fetches);
    out_flush();
    rc = st == TAWS_DONE ? 0 : EXIT_OTHER;
    if (rc != 0) {
        err_str("fw-iot: ");
        err_str(why);
        err_str("\n");
    }
    err_str("credentials: AWS IoT, thing ");
    err_str(g.thing);
    err_str(", provider asked ");
    err_u64(fetches);
    err_str(" time(s)\n");
    if (g.report) {
        size_t max_used = 0, max_blocks = 0, cur_used = 0, cur_blocks = 0;
        mbedtls_memory_buffer_alloc_max_get(&max_used, &max_blocks);
        mbedtls_memory_buffer_alloc_cur_get(&cur_used, &cur_blocks);
        err_str("fw-report memory stack_peak=");
        err_u64(board_stack_peak());
        err_str(" pool_size=");
        err_u64(sizeof pool);
        err_str(" pool_max=");
        err_u64(max_used);
        err_str(" pool_in_use=");
        err_u64(cur_used);
        err_str("\n");
    }

cleanup:
    /* device.c wiped the credentials and freed the parsed key; the board's copy goes too. */
    mbedtls_platform_zeroize(key, sizeof key);
    fw_args_wipe();
    out_flush();
    return rc;
}
