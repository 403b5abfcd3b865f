/* SPDX-License-Identifier: MIT */
/*
 * Settings as the AWS CLI v2 resolves them: an option, else its environment variable, else
 * the default; an empty value counts as not set. Region before parameters before
 * credentials, so errors come in the AWS CLI's order.
 */
#include <string.h>
#include <mbedtls/version.h>
#include "args.h"
#include "resolve.h"

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

static const char *endpoint_from_env(const cli_t *cli)
{
    char name[64];
    const char *v = cli_env(cli, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
    if (v && (strcmp(v, "true") == 0 || strcmp(v, "True") == 0))
        return NULL;
    snprintf(name, sizeof name, "AWS_ENDPOINT_URL_%s", cli->op->env_name);
    if ((v = cli_env(cli, name)) != NULL)
        return v;
    return cli_env(cli, "AWS_ENDPOINT_URL");
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
        return cli_fail(cli, CLI_EXIT_CONFIG, "You must specify a region. You can also configure your region "
                                              "by running \"aws configure\".");
    if (!region_format_ok(r->region))
        return cli_fail(cli, CLI_EXIT_OTHER, "Provided region_name '%s' doesn't match a supported format.",
                        r->region);
    if (strlen(r->region) >= TAWS_REGION_MAX)
        return cli_fail(cli, CLI_EXIT_OTHER, "Provided region_name '%s' is longer than tinyaws's limit of %d "
                                             "characters.", r->region, TAWS_REGION_MAX - 1);
    r->url = o->endpoint_url ? o->endpoint_url : endpoint_from_env(cli);
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

/* botocore's boolean settings: true when the lower-cased value is "true". */
static int env_true(const cli_t *cli, const char *name)
{
    const char *v = cli_env(cli, name);
    const char *t = "true";
    if (!v)
        return 0;
    for (; *v && *t; v++, t++)
        if ((*v | 0x20) != *t)
            return 0;
    return *v == '\0' && *t == '\0';
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

int cli_credentials(cli_t *cli, cli_resolved_t *r, taws_client_t *c)
{
    taws_credentials_t *cred = &r->cred;
    if (cli->o.no_sign_request) {
        taws_client_set_unsigned(c, 1);
        return 0;
    }
    cred->access_key_id.p = cli_env(cli, "AWS_ACCESS_KEY_ID");
    cred->secret_access_key.p = cli_env(cli, "AWS_SECRET_ACCESS_KEY");
    cred->session_token.p = cli_env(cli, "AWS_SESSION_TOKEN");
    cred->access_key_id.n = cred->access_key_id.p ? strlen(cred->access_key_id.p) : 0;
    cred->secret_access_key.n = cred->secret_access_key.p ? strlen(cred->secret_access_key.p) : 0;
    cred->session_token.n = cred->session_token.p ? strlen(cred->session_token.p) : 0;
    if (!cred->access_key_id.p || !cred->secret_access_key.p ||
        taws_client_set_credentials(c, cred) != TAWS_OK)
        return cli_fail(cli, CLI_EXIT_CONFIG, "Unable to locate credentials. You can configure credentials by "
                                              "running \"aws configure\".");
    return 0;
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
    const char *ca = cli->o.ca_bundle ? cli->o.ca_bundle : cli_env(cli, "AWS_CA_BUNDLE");
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
    ca = ca ? ca : CLI_SYSTEM_CA_BUNDLE;
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
}
