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

/* Region, endpoint URL, timeouts and the TINYAWS_* knobs. 0 or an exit code (printed). */
int cli_resolve(cli_t *cli, cli_resolved_t *r);
/* The client for the operation: region, endpoint, timeouts, retries, debug. */
int cli_client_setup(cli_t *cli, const cli_resolved_t *r, const taws_port_t *port, taws_tls_t *tls,
                     taws_client_t *c);
/* Credentials from the environment (or none with --no-sign-request); 253 when missing. */
int cli_credentials(cli_t *cli, cli_resolved_t *r, taws_client_t *c);
/* TLS for an https endpoint: the CA bundle, or verification off with --no-verify-ssl. */
int cli_tls_setup(cli_t *cli, const cli_resolved_t *r, const taws_port_t *port, taws_tls_t *tls,
                  taws_client_t *c);
/* "mbedTLS 3.6.6": the TLS library linked. */
const char *cli_tls_version(void);
/* Forgets what the run resolved. */
void cli_resolve_wipe(void);

#endif
