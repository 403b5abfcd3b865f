/* SPDX-License-Identifier: MIT */
/* Where a run's settings come from: options, then the environment, as the AWS CLI resolves
 * them (resolve.c). */
#ifndef TINYAWS_CLI_RESOLVE_H
#define TINYAWS_CLI_RESOLVE_H

#include "cli.h"

typedef struct {
    const char *region;       /* --region > AWS_REGION > AWS_DEFAULT_REGION ("" is unset) */
    const char *url;          /* --endpoint-url > AWS_ENDPOINT_URL_<SVC> > AWS_ENDPOINT_URL */
    const char *ca;           /* --ca-bundle > AWS_CA_BUNDLE > the system bundle */
    uint32_t read_ms, connect_ms;
    uint32_t call_ms;         /* TINYAWS_CALL_TIMEOUT */
    uint8_t call_set;
    uint8_t max_attempts;     /* AWS_MAX_ATTEMPTS, 0: the default */
    size_t window_bytes;      /* TINYAWS_WINDOW_BYTES, 0: the whole static window */
    size_t string_cap;        /* TINYAWS_STRING_CAP, 0: off */
    taws_credentials_t cred;  /* views of the environment's strings */
} cli_resolved_t;

/* Reads the shared config and credentials files for the run's profile (profile.h). 0 or an
 * exit code (printed): a named profile that is in neither file, a file botocore would refuse. */
int cli_settings_load(cli_t *cli);
/* --output's fallback: AWS_DEFAULT_OUTPUT, else the profile's output, or NULL. */
const char *cli_setting_output(const cli_t *cli);
/* Region, endpoint URL, timeouts and the TINYAWS_* knobs. 0 or an exit code (printed). */
int cli_resolve(cli_t *cli, cli_resolved_t *r);
/* The client for the operation: region, endpoint, timeouts, retries, debug. */
int cli_client_setup(cli_t *cli, const cli_resolved_t *r, const taws_port_t *port, taws_tls_t *tls,
                     taws_client_t *c);
/* Credentials in botocore's order (or none with --no-sign-request): the environment's keys
 * (not when --profile is given), the AWS IoT provider (TINYAWS_IOT_*), the profile's keys in the
 * credentials file, then in the config file, container credentials, instance metadata; 253
 * when none. Providers are set up here and first asked by cli_provider_first_fetch(). */
int cli_credentials(cli_t *cli, cli_resolved_t *r, const taws_port_t *port, taws_client_t *c);
/* TLS for an https endpoint: the CA bundle, or verification off with --no-verify-ssl. */
int cli_tls_setup(cli_t *cli, const cli_resolved_t *r, const taws_port_t *port, taws_tls_t *tls,
                  taws_client_t *c);
/* "mbedTLS 3.6.6": the TLS library linked. */
const char *cli_tls_version(void);
/* Forgets what the run resolved. */
void cli_resolve_wipe(void);

#endif
