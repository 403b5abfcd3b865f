/* SPDX-License-Identifier: MIT */
/*
 * The device side of examples/iot_device: what a device registered with AWS IoT does to list
 * its Amazon Bedrock batch inference jobs with no long-term AWS keys on board. It exchanges
 * its X.509 certificate for temporary credentials at the AWS IoT credentials provider
 * (mutual TLS, a role alias, its thing name), signs with them, and has them refreshed by the
 * client before they expire. No operating system, file system or heap: the board hands over
 * a port (its network, clocks and random source) and its identity in memory (flash, a
 * secure element's export, a provisioning partition), and receives the jobs one at a time.
 *
 * The same file runs on the host (main_posix.c, tested by make test against the local
 * endpoint) and on the boards (boards/pico-w/main.c, boards/esp-idf/example/main/app_main.c).
 */
#ifndef IOT_DEVICE_H
#define IOT_DEVICE_H

#include "tinyaws/tinyaws.h"

typedef struct {
    const char *region;       /* where the jobs are: "eu-central-1" */
    const char *endpoint_url; /* NULL: AWS's own endpoint for the region */
    /* The account's credentials endpoint (aws iot describe-endpoint --endpoint-type
     * iot:CredentialProvider), "host" or "https://host[:port]"; the role alias that names the
     * IAM role; the thing the certificate is attached to. */
    const char *iot_endpoint;
    const char *role_alias;
    const char *thing_name;
    /* PEM (the length counting the terminating NUL) or DER. The CAs verify both the
     * credentials endpoint and the AWS endpoint (Amazon Root CA 1 for both on AWS). The
     * certificate and key are parsed once, then the board may wipe its copies. */
    const uint8_t *ca;
    size_t ca_len;
    const uint8_t *cert;
    size_t cert_len;
    const uint8_t *key;
    size_t key_len;
} device_identity_t;

/* Called for each job; the strings are views valid until the call returns. */
typedef void (*device_on_job_t)(void *ctx, const taws_model_invocation_job_summary_t *job);

/* Lists every model invocation job of the region, calling on_job for each. TAWS_DONE when
 * the listing ended; otherwise the status of what failed, with what to tell the user in why
 * (the credentials provider's or the service's words; never a secret; why_cap > 0, else
 * TAWS_ERR_ARG). fetches: how often the
 * credentials provider was asked (may be NULL). Uses static contexts: one call at a time. */
taws_status_t device_list_jobs(taws_port_t *port, const device_identity_t *id,
                               device_on_job_t on_job, void *ctx, char *why, size_t why_cap,
                               unsigned *fetches);

#endif
