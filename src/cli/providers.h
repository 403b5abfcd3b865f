/* SPDX-License-Identifier: MIT */
/* The CLI's credentials providers from the environment (providers.c). Each returns 0 with
 * *set 1 when it is configured and now the client's provider, 0 with *set 0 when it is not
 * configured, or an exit code (printed). */
#ifndef TINYAWS_CLI_PROVIDERS_H
#define TINYAWS_CLI_PROVIDERS_H

#include "cli.h"

/* TINYAWS_IOT_CREDENTIALS_ENDPOINT, _ROLE_ALIAS, _THING_NAME, _CERT_FILE, _KEY_FILE: all five
 * or none (some: 253 naming the missing ones). ca: the CA bundle the endpoint is verified with. */
int cli_iot_provider(cli_t *cli, const char *ca, const taws_port_t *port, taws_client_t *c, int *set);
/* AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI; AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
 * (read at every fetch) else AWS_CONTAINER_AUTHORIZATION_TOKEN. */
int cli_container_provider(cli_t *cli, taws_client_t *c, int *set);
/* IMDSv2 unless AWS_EC2_METADATA_DISABLED=true; AWS_EC2_METADATA_SERVICE_ENDPOINT. */
int cli_imds_provider(cli_t *cli, taws_client_t *c, int *set);
/* Asks the provider set (if any) once, before the listing: botocore's words on failure (255),
 * or 253 when instance metadata has nothing. */
int cli_provider_first_fetch(cli_t *cli, taws_client_t *c);
/* Frees and wipes every provider's state and the credentials (after taws_client_close()). */
void cli_providers_wipe(void);

#endif
