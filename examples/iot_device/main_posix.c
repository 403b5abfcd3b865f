/* SPDX-License-Identifier: MIT */
/*
 * iot_device: the Amazon Bedrock batch inference jobs of a region, one line per job
 * ("<jobName> <TAB> <status>"), with credentials from the AWS IoT credentials provider: the
 * device's X.509 certificate and key instead of long-term AWS keys. This file is the host's
 * board support (POSIX sockets and clocks, files); device.c is what runs on a device too.
 *
 *   iot_device
 *
 * From the environment (the tinyaws CLI's names for the same settings):
 *   TINYAWS_IOT_CREDENTIALS_ENDPOINT  the account's credentials endpoint, host or https://host[:port]
 *   TINYAWS_IOT_ROLE_ALIAS            the role alias naming the IAM role
 *   TINYAWS_IOT_THING_NAME            the thing the certificate is attached to
 *   TINYAWS_IOT_CERT_FILE             the device certificate, PEM or DER
 *   TINYAWS_IOT_KEY_FILE              its private key (RSA or EC, unencrypted), PEM or DER
 *   AWS_REGION                        where the jobs are
 *   AWS_ENDPOINT_URL                  else AWS's own endpoint for the region
 *   AWS_CA_BUNDLE                     PEM bundle to trust (else the system's)
 *
 * Exit status: 0 listed (perhaps nothing), 1 the listing failed, 2 usage or configuration.
 * Standard error ends with how often the credentials provider was asked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device.h"
#include "tinyaws/port_posix.h"

#define SYSTEM_CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

/* A device keeps these in flash; here they are read from files into static buffers. */
static uint8_t ca[256 * 1024];
static uint8_t cert[8192];
static uint8_t key[8192];

/* memset() that the compiler may not drop although the buffer is dead afterwards. */
static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

/* The whole file into buf; PEM gets a terminating NUL, counted in the length (mbedTLS wants
 * it). 0 when it cannot be read or does not fit. */
static size_t read_file(const char *path, uint8_t *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    int more;
    if (f == NULL)
        return 0;
    n = fread(buf, 1, cap - 1, f);
    more = fgetc(f) != EOF;
    if (ferror(f) || more || n == 0) {
        fclose(f);
        wipe(buf, cap);
        return 0;
    }
    fclose(f);
    buf[n] = 0;
    return strstr((const char *)buf, "-----BEGIN") != NULL ? n + 1 : n;
}

static void print_job(void *ctx, const taws_model_invocation_job_summary_t *job)
{
    (void)ctx;
    printf("%.*s\t%.*s\n", (int)job->job_name.n, job->job_name.p, (int)job->status.n,
           job->status.p);
}

static int usage(const char *why)
{
    fprintf(stderr,
            "iot_device: %s\n"
            "usage: iot_device, with TINYAWS_IOT_CREDENTIALS_ENDPOINT, TINYAWS_IOT_ROLE_ALIAS,\n"
            "  TINYAWS_IOT_THING_NAME, TINYAWS_IOT_CERT_FILE, TINYAWS_IOT_KEY_FILE and AWS_REGION\n"
            "  (and AWS_ENDPOINT_URL, AWS_CA_BUNDLE) in the environment\n",
            why);
    return 2;
}

int main(int argc, char **argv)
{
    static const char *const names[] = { "TINYAWS_IOT_CREDENTIALS_ENDPOINT",
                                         "TINYAWS_IOT_ROLE_ALIAS",
                                         "TINYAWS_IOT_THING_NAME",
                                         "TINYAWS_IOT_CERT_FILE",
                                         "TINYAWS_IOT_KEY_FILE",
                                         "AWS_REGION" };
    const char *v[6];
    const char *ca_file = getenv("AWS_CA_BUNDLE");
    const char *url = getenv("AWS_ENDPOINT_URL");
    device_identity_t id;
    taws_port_t port;
    taws_posix_t posix;
    taws_status_t st;
    char why[600];
    unsigned fetches = 0;
    size_t i;
    int rc = 1;

    (void)argv;
    if (argc != 1)
        return usage("no arguments: the settings come from the environment");
    for (i = 0; i < 6; i++) {
        v[i] = getenv(names[i]);
        if (v[i] == NULL || v[i][0] == '\0') {
            snprintf(why, sizeof why, "%s is not set", names[i]);
            return usage(why);
        }
    }
    if (ca_file == NULL || ca_file[0] == '\0')
        ca_file = SYSTEM_CA_BUNDLE;

    memset(&id, 0, sizeof id);
    id.iot_endpoint = v[0];
    id.role_alias = v[1];
    id.thing_name = v[2];
    id.region = v[5];
    id.endpoint_url = url != NULL && url[0] != '\0' ? url : NULL;
    if ((id.ca_len = read_file(ca_file, ca, sizeof ca)) == 0) {
        fprintf(stderr,
                "iot_device: cannot read the CA bundle %s (missing, empty or over %u bytes)\n",
                ca_file, (unsigned)sizeof ca - 1);
        return 2;
    }
    if ((id.cert_len = read_file(v[3], cert, sizeof cert)) == 0) {
        fprintf(stderr,
                "iot_device: cannot read the certificate %s (missing, empty or over %u bytes)\n",
                v[3], (unsigned)sizeof cert - 1);
        return 2;
    }
    if ((id.key_len = read_file(v[4], key, sizeof key)) == 0) {
        fprintf(stderr,
                "iot_device: cannot read the private key %s (missing, empty or over %u bytes)\n",
                v[4], (unsigned)sizeof key - 1);
        rc = 2;
        goto cleanup;
    }
    id.ca = ca;
    id.cert = cert;
    id.key = key;

    taws_port_posix_init(&port, &posix);
    st = device_list_jobs(&port, &id, print_job, NULL, why, sizeof why, &fetches);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("iot_device: stdout");
        goto cleanup;
    }
    if (st != TAWS_DONE) {
        fprintf(stderr, "iot_device: %s\n", why);
        goto cleanup;
    }
    rc = 0;

cleanup:
    /* The key never outlives the program in our memory either. */
    wipe(key, sizeof key);
    fprintf(stderr, "credentials: AWS IoT, thing %s, provider asked %u time(s)\n", v[2], fetches);
    return rc;
}
