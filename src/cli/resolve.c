/* SPDX-License-Identifier: MIT */
/*
 * Settings as the AWS CLI v2 resolves them: an option, else its environment variable, else
 * the default; an empty value counts as not set. Region before parameters before
 * credentials, so errors come in the AWS CLI's order.
 */
#include <string.h>
#include <mbedtls/version.h>
#include "args.h"
#include "profile.h"
#include "providers.h"
#include "resolve.h"

/* The shared files' view of the run's profile (large: static, wiped at the end of a run). */
static cli_profile_t profile;
static int profile_loaded;

/* The debug sink writes the wire exchange to stderr (secrets already redacted by the client). */
typedef struct {
    taws_sink_t sink;
    FILE *f;
} file_sink_t;

static taws_status_t file_write(taws_sink_t *s, const void *p, size_t n)
{
    file_sink_t *fs = (file_sink_t *)(void *)s;
    fwrite(p, 1, n, fs->f);
    return TAWS_OK;
}

static file_sink_t debug_sink = { { file_write }, NULL };

/* Timeout seconds (0: none) to milliseconds. */
static int timeout_ms(const char *s, uint32_t *ms)
{
    int64_t v;
    if (args_parse_int(s, &v) != 0 || v < 0)
        return -1;
    *ms = v == 0 || v > 2000000 ? 0x7fffffffu : (uint32_t)(v * 1000);
    return 0;
}

/* botocore's boolean settings: true when the lower-cased value is "true". */
static int is_true(const char *v)
{
    const char *t = "true";
    if (!v)
        return 0;
    for (; *v && *t; v++, t++)
        if ((*v | 0x20) != *t)
            return 0;
    return *v == '\0' && *t == '\0';
}

/* A profile setting, "" counting as unset (as an empty environment variable). */
static const char *psetting(cli_pkey_t k)
{
    const char *v = profile_loaded ? cli_profile_get(&profile, k) : NULL;
    return v && *v ? v : NULL;
}

/* botocore's EndpointConfigProvider (1.31, AWS CLI 2.13): the service's variable, the global
 * one, the profile's [services] section for the service, the profile's endpoint_url; none of
 * them when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or ignore_configured_endpoint_urls is true. */
static const char *endpoint_configured(const cli_t *cli)
{
    char name[64];
    const char *v = cli_env(cli, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
    if (v ? is_true(v) : is_true(psetting(CLI_P_IGNORE_ENDPOINTS)))
        return NULL;
    snprintf(name, sizeof name, "AWS_ENDPOINT_URL_%s", cli->op->env_name);
    if ((v = cli_env(cli, name)) != NULL)
        return v;
    if ((v = cli_env(cli, "AWS_ENDPOINT_URL")) != NULL)
        return v;
    if (profile_loaded && profile.service_endpoint_set && profile.service_endpoint_url[0])
        return profile.service_endpoint_url;
    return psetting(CLI_P_ENDPOINT_URL);
}

int cli_settings_load(cli_t *cli)
{
    int rc = cli_profile_load(cli, &profile);
    profile_loaded = rc == 0;
    return rc;
}

const char *cli_setting_output(const cli_t *cli)
{
    const char *v = cli_env(cli, "AWS_DEFAULT_OUTPUT");
    return v ? v : psetting(CLI_P_OUTPUT);
}

/* botocore's region check: ^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$ */
static int region_format_ok(const char *r)
{
    size_t i, n = strlen(r);
    if (n == 0 || n > 63)
        return 0;
    for (i = 0; i < n; i++) {
        char c = r[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !(c == '-' && i > 0 && i + 1 < n))
            return 0;
    }
    return 1;
}

int cli_resolve(cli_t *cli, cli_resolved_t *r)
{
    const cli_opts_t *o = &cli->o;
    const char *v;
    int64_t n;
    memset(r, 0, sizeof *r);
    r->read_ms = TAWS_READ_TIMEOUT_MS;
    r->connect_ms = TAWS_CONNECT_TIMEOUT_MS;
    r->region = o->region && *o->region ? o->region : NULL;
    if (!r->region)
        r->region = cli_env(cli, "AWS_REGION");
    if (!r->region)
        r->region = cli_env(cli, "AWS_DEFAULT_REGION");
    if (!r->region)
        r->region = psetting(CLI_P_REGION);
    if (!r->region)
        return cli_fail(cli, CLI_EXIT_CONFIG, "You must specify a region. You can also configure your region "
                                              "by running \"aws configure\".");
    if (!region_format_ok(r->region))
        return cli_fail(cli, CLI_EXIT_OTHER, "Provided region_name '%s' doesn't match a supported format.",
                        r->region);
    if (strlen(r->region) >= TAWS_REGION_MAX)
        return cli_fail(cli, CLI_EXIT_OTHER, "Provided region_name '%s' is longer than tinyaws's limit of %d "
                                             "characters.", r->region, TAWS_REGION_MAX - 1);
    r->url = o->endpoint_url ? o->endpoint_url : endpoint_configured(cli);
    if (o->read_timeout && timeout_ms(o->read_timeout, &r->read_ms) != 0)
        return cli_usage_error(cli, "argument --cli-read-timeout: invalid int value: '%s'", o->read_timeout);
    if (o->connect_timeout && timeout_ms(o->connect_timeout, &r->connect_ms) != 0)
        return cli_usage_error(cli, "argument --cli-connect-timeout: invalid int value: '%s'", o->connect_timeout);
    /* TINYAWS_CALL_TIMEOUT (seconds, 0: none) bounds each item's wait, retries included. */
    if ((v = cli_env(cli, "TINYAWS_CALL_TIMEOUT")) != NULL) {
        if (timeout_ms(v, &r->call_ms) != 0)
            return cli_usage_error(cli, "TINYAWS_CALL_TIMEOUT: invalid value: '%s'", v);
        r->call_set = 1;
    }
    if ((v = cli_env(cli, "AWS_MAX_ATTEMPTS")) != NULL) {
        if (args_parse_int(v, &n) != 0 || n < 1 || n > 255)
            return cli_fail(cli, CLI_EXIT_CONFIG, "Invalid value for AWS_MAX_ATTEMPTS: %s", v);
        r->max_attempts = (uint8_t)n;
    } else if ((v = psetting(CLI_P_MAX_ATTEMPTS)) != NULL) {
        /* int() of the config file's text, as botocore converts it */
        if (args_parse_int(v, &n) != 0)
            return cli_fail(cli, CLI_EXIT_OTHER, "invalid literal for int() with base 10: '%s'", v);
        if (n < 1 || n > 255)
            return cli_fail(cli, CLI_EXIT_CONFIG, "Invalid value for max_attempts: %s", v);
        r->max_attempts = (uint8_t)n;
    }
    /* Both of botocore's retry modes retry as tinyaws does (standard); adaptive's client-side
     * rate limiting is not done. */
    if ((v = cli_env(cli, "AWS_RETRY_MODE")) != NULL || (v = psetting(CLI_P_RETRY_MODE)) != NULL) {
        if (strcmp(v, "standard") != 0 && strcmp(v, "adaptive") != 0)
            return cli_fail(cli, CLI_EXIT_OTHER, "Invalid value provided to \"mode\": \"%s\" must be one of: "
                                                 "\"standard\" or \"adaptive\"", v);
    }
    /* TINYAWS_WINDOW_BYTES runs the host CLI with an embedded-sized window (e.g. 2048), and
     * TINYAWS_STRING_CAP cuts long strings while framing, as a device would configure. */
    if ((v = cli_env(cli, "TINYAWS_WINDOW_BYTES")) != NULL) {
        if (args_parse_int(v, &n) != 0 || n < 16 || n > (int64_t)1 << 30)
            return cli_usage_error(cli, "TINYAWS_WINDOW_BYTES: invalid value: '%s'", v);
        r->window_bytes = (size_t)n;
    }
    if ((v = cli_env(cli, "TINYAWS_STRING_CAP")) != NULL) {
        if (args_parse_int(v, &n) != 0 || n < 1)
            return cli_usage_error(cli, "TINYAWS_STRING_CAP: invalid value: '%s'", v);
        r->string_cap = (size_t)n;
    }
    return 0;
}

static int env_true(const cli_t *cli, const char *name)
{
    return is_true(cli_env(cli, name));
}

int cli_client_setup(cli_t *cli, const cli_resolved_t *r, const taws_port_t *port, taws_tls_t *tls,
                     taws_client_t *c)
{
    taws_status_t st = taws_client_init(c, port, tls, NULL, r->region);
    if (st == TAWS_ERR_NO_REGION) /* "fips--fips": nothing left once the FIPS marks are gone */
        return cli_fail(cli, CLI_EXIT_CONFIG, "You must specify a region. You can also configure your region "
                                              "by running \"aws configure\".");
    if (st != TAWS_OK)
        return cli_fail(cli, CLI_EXIT_OTHER, "Provided region_name '%s' doesn't match a supported format.",
                        r->region);
    /* Without an endpoint URL the client resolves each operation's endpoint from its service's
     * rule set (endpoint_rules.c), FIPS and dual-stack as the environment asks. */
    taws_client_set_endpoint_variant(c, (env_true(cli, "AWS_USE_FIPS_ENDPOINT") ? TAWS_ENDPOINT_FIPS : 0u) |
                                            (env_true(cli, "AWS_USE_DUALSTACK_ENDPOINT") ? TAWS_ENDPOINT_DUALSTACK : 0u));
    if (r->url && (st = taws_client_set_endpoint(c, r->url)) != TAWS_OK)
        return cli_fail(cli, CLI_EXIT_OTHER, "Bad value for --endpoint-url \"%s\": %s.", r->url, taws_strerror(st));
    taws_client_set_timeouts(c, r->connect_ms, r->read_ms);
    if (r->call_set)
        taws_client_set_call_timeout(c, r->call_ms == 0x7fffffffu ? 0 : r->call_ms);
    if (r->max_attempts)
        taws_client_set_max_attempts(c, r->max_attempts);
    if (cli->o.debug) {
        debug_sink.f = cli->err;
        taws_client_set_debug(c, &debug_sink.sink);
    }
    return 0;
}

/* One view of a NUL-terminated string (n 0 and p NULL for none). */
static taws_str_t view(const char *v)
{
    taws_str_t s = TAWS_STR_NULL;
    if (v) {
        s.p = v;
        s.n = strlen(v);
    }
    return s;
}

/* "Found credentials in ..." as botocore logs it, for --debug (never the values). */
static void debug_found(const cli_t *cli, const char *where)
{
    if (cli->o.debug)
        fprintf(cli->err, "tinyaws credentials: found credentials in %s\n", where);
}

/* A profile's keys in one file, as botocore's SharedCredentialProvider / ConfigProvider take
 * them: aws_access_key_id decides; then aws_secret_access_key must be there too. 1 when found,
 * 0 when not, or an exit code. */
static int profile_keys(cli_t *cli, const cli_psettings_t *s, const char *provider, taws_credentials_t *cred)
{
    const char *ak = cli_psettings_get(s, CLI_P_ACCESS_KEY_ID), *sk, *tok;
    if (!ak)
        return 0;
    if (!(sk = cli_psettings_get(s, CLI_P_SECRET_ACCESS_KEY)))
        return cli_fail(cli, CLI_EXIT_OTHER, "Partial credentials found in %s, missing: aws_secret_access_key",
                        provider);
    tok = cli_psettings_get(s, CLI_P_SESSION_TOKEN);
    if (!tok)
        tok = cli_psettings_get(s, CLI_P_SECURITY_TOKEN);
    cred->access_key_id = view(ak);
    cred->secret_access_key = view(sk);
    cred->session_token = view(tok);
    return 1;
}

static int use(cli_t *cli, taws_client_t *c, const taws_credentials_t *cred)
{
    if (taws_client_set_credentials(c, cred) != TAWS_OK)
        return cli_fail(cli, CLI_EXIT_CONFIG, "Unable to locate credentials. You can configure credentials by "
                                              "running \"aws configure\".");
    return 0;
}

/* --ca-bundle > AWS_CA_BUNDLE > the profile's ca_bundle > the system bundle. */
static const char *ca_bundle(const cli_t *cli)
{
    const char *ca = cli->o.ca_bundle ? cli->o.ca_bundle : cli_env(cli, "AWS_CA_BUNDLE");
    if (!ca)
        ca = psetting(CLI_P_CA_BUNDLE);
    return ca ? ca : CLI_SYSTEM_CA_BUNDLE;
}

int cli_credentials(cli_t *cli, cli_resolved_t *r, const taws_port_t *port, taws_client_t *c)
{
    taws_credentials_t *cred = &r->cred;
    const char *ak, *sk;
    int rc, set;
    if (cli->o.no_sign_request) {
        taws_client_set_unsigned(c, 1);
        return 0;
    }
    /* botocore's chain: env (skipped when --profile names the profile), the IoT provider
     * (tinyaws's own), shared-credentials-file, config-file, container-role, iam-role. */
    if (!profile.explicit_option && (ak = cli_env(cli, "AWS_ACCESS_KEY_ID")) != NULL) {
        if (!(sk = cli_env(cli, "AWS_SECRET_ACCESS_KEY")))
            return cli_fail(cli, CLI_EXIT_OTHER, "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY");
        cred->access_key_id = view(ak);
        cred->secret_access_key = view(sk);
        cred->session_token = view(cli_env(cli, "AWS_SESSION_TOKEN"));
        debug_found(cli, "environment variables");
        return use(cli, c, cred);
    }
    if ((rc = cli_iot_provider(cli, ca_bundle(cli), port, c, &set)) != 0 || set)
        return rc;
    if ((rc = profile_keys(cli, &profile.cred, "shared-credentials-file", cred)) != 0) {
        if (rc != 1)
            return rc;
        debug_found(cli, "shared credentials file");
        return use(cli, c, cred);
    }
    if ((rc = profile_keys(cli, &profile.config, "config-file", cred)) != 0) {
        if (rc != 1)
            return rc;
        debug_found(cli, "config file");
        return use(cli, c, cred);
    }
    if ((rc = cli_container_provider(cli, c, &set)) != 0 || set)
        return rc;
    if ((rc = cli_imds_provider(cli, c, &set)) != 0 || set)
        return rc;
    return cli_fail(cli, CLI_EXIT_CONFIG, "Unable to locate credentials. You can configure credentials by "
                                          "running \"aws configure\".");
}

/* urllib3's warning, which the AWS CLI prints for every request with --no-verify-ssl. */
static void insecure_warning(void *ctx, const taws_client_t *c)
{
    const cli_t *cli = ctx;
    if (taws_client_endpoint_tls(c))
        fprintf(cli->err, "InsecureRequestWarning: Unverified HTTPS request is being made to host '%s'. "
                          "Adding certificate verification is strongly advised. See: "
                          "https://urllib3.readthedocs.io/en/1.26.x/advanced-usage.html#ssl-warnings\n",
                taws_client_endpoint_host(c));
}

int cli_tls_setup(cli_t *cli, const cli_resolved_t *r, const taws_port_t *port, taws_tls_t *tls,
                  taws_client_t *c)
{
    const char *ca = ca_bundle(cli);
    taws_status_t st;
    char why[128];
    if (r->url && !taws_client_endpoint_tls(c))
        return 0; /* http:// as the URL says; every AWS endpoint the rules give is https */
    st = taws_tls_init(tls, port);
    if (st != TAWS_OK)
        return cli_fail(cli, CLI_EXIT_OTHER, "Could not set up TLS: %s", taws_strerror(st));
    if (cli->o.no_verify_ssl) {
        /* Encrypted but not authenticated, for this run only, and never silently. */
        taws_tls_set_verify(tls, 0);
        taws_client_set_request_hook(c, insecure_warning, cli);
        return 0;
    }
    if (taws_tls_add_ca_file(tls, ca) != TAWS_OK)
        return cli_fail(cli, CLI_EXIT_OTHER, "Could not load the CA bundle %s: %s", ca,
                        taws_tls_ca_reason(tls, why, sizeof why));
    return 0;
}

const char *cli_tls_version(void)
{
#if defined(MBEDTLS_VERSION_C)
    /* The library linked, which may differ from the headers compiled against. */
    static char v[32] = "mbedTLS ";
    mbedtls_version_get_string(v + 8);
    return v;
#else
    return "mbedTLS " MBEDTLS_VERSION_STRING;
#endif
}

void cli_resolve_wipe(void)
{
    debug_sink.f = NULL;
    cli_profile_wipe(&profile);
    cli_providers_wipe();
    profile_loaded = 0;
}
