/* SPDX-License-Identifier: MIT */
/*
 * The shared files as the AWS CLI v2 reads them (botocore's Session.full_config): the config
 * file (AWS_CONFIG_FILE, default ~/.aws/config; [default] and [profile NAME]) and the
 * credentials file (AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials; [NAME]), parsed by
 * src/ini.c. A profile's settings are its section's keys, then the file's [DEFAULT] keys
 * (configparser's defaults), the credentials file's winning over the config file's. A missing
 * file is no error; an unreadable one is, as botocore's "Unable to parse config file".
 */
#ifndef TINYAWS_CLI_PROFILE_H
#define TINYAWS_CLI_PROFILE_H

#include "cli.h"

/* The settings tinyaws reads from a profile, in table order (profile.c). */
typedef enum {
    CLI_P_REGION,
    CLI_P_OUTPUT,
    CLI_P_CA_BUNDLE,
    CLI_P_MAX_ATTEMPTS,
    CLI_P_RETRY_MODE,
    CLI_P_ENDPOINT_URL,
    CLI_P_IGNORE_ENDPOINTS, /* ignore_configured_endpoint_urls */
    CLI_P_SERVICES,         /* the [services NAME] section this profile uses */
    CLI_P_ACCESS_KEY_ID,
    CLI_P_SECRET_ACCESS_KEY,
    CLI_P_SESSION_TOKEN,
    CLI_P_SECURITY_TOKEN,   /* aws_security_token: botocore's older name of the session token */
    CLI_P_COUNT
} cli_pkey_t;

#define CLI_PROFILE_URL_MAX 1024
#define CLI_PROFILE_READ_CHUNK 4096

/* One scope's values: NUL-terminated, set[k] when the file gave key k. */
typedef struct {
    char region[64];
    char output[32];
    char ca_bundle[CLI_PROFILE_URL_MAX];
    char max_attempts[32];
    char retry_mode[32];
    char endpoint_url[CLI_PROFILE_URL_MAX];
    char ignore_endpoints[16];
    char services[TAWS_INI_NAME_MAX];
    char access_key_id[TAWS_CRED_KEY_ID_MAX + 1];
    char secret_access_key[TAWS_CRED_SECRET_MAX + 1];
    char session_token[TAWS_CRED_TOKEN_MAX + 1];
    char security_token[TAWS_CRED_TOKEN_MAX + 1];
    uint8_t set[CLI_P_COUNT];
} cli_psettings_t;

typedef struct {
    const char *name;        /* the profile: --profile > AWS_PROFILE > AWS_DEFAULT_PROFILE > "default" */
    int explicit_option;     /* named by --profile: environment keys are skipped */
    int named;               /* named at all: a missing one is an error */
    int exists;              /* a section of it in either file */
    char config_path[CLI_PROFILE_URL_MAX], cred_path[CLI_PROFILE_URL_MAX];
    cli_psettings_t config;  /* the config file's section, with its [DEFAULT] merged */
    cli_psettings_t cred;    /* the credentials file's */
    char service_endpoint_url[CLI_PROFILE_URL_MAX]; /* [services NAME] <service> = endpoint_url */
    int service_endpoint_set;
} cli_profile_t;

/* Reads both files for cli's profile and operation. 0 or an exit code (printed). */
int cli_profile_load(cli_t *cli, cli_profile_t *p);
/* A setting as the merged profile has it (credentials file first), or NULL. */
const char *cli_profile_get(const cli_profile_t *p, cli_pkey_t k);
/* A settings scope's value of k, or NULL when unset. */
const char *cli_psettings_get(const cli_psettings_t *s, cli_pkey_t k);
/* Wipes every value (keys, secrets, tokens included). */
void cli_profile_wipe(cli_profile_t *p);

#endif
