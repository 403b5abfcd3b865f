/* SPDX-License-Identifier: MIT */
/*
 * The CLI's credentials providers (the library's, include/tinyaws/credentials.h), configured
 * from the environment as botocore configures its own: the AWS IoT credentials provider
 * (tinyaws's TINYAWS_IOT_*; certificate and key from files), container credentials
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI / _RELATIVE_URI, the token file re-read at every fetch)
 * and instance metadata (IMDSv2). The client asks the provider before signing and again when
 * the credentials are about to expire or are refused as expired; cli_provider_first_fetch()
 * asks once before the listing so that a failing provider is reported as botocore reports it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "providers.h"
#include "tinyaws/credentials.h"

#define CLI_IOT_FILE_MAX 16384 /* a PEM certificate chain or key */

static taws_cred_t storage;          /* the credentials the client signs with */
static taws_cred_provider_t prov;
static taws_cred_iot_t iot;
static taws_tls_t iot_tls;
static taws_cred_container_t container;
static taws_cred_imds_t imds;
static unsigned char file_buf[CLI_IOT_FILE_MAX + 1];
static unsigned char key_buf[CLI_IOT_FILE_MAX + 1];
static const char *token_file;       /* AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE */
static int active;                   /* which provider is set: 1 IoT, 2 container, 3 IMDS */

static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

/* A whole file into buf (cap bytes, one more for a NUL after PEM text); -1 with errno. */
static int read_whole(const char *path, unsigned char *buf, size_t cap, size_t *len)
{
    size_t n = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    for (;;) {
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n == cap) {
            close(fd);
            errno = EFBIG;
            return -1;
        }
    }
    close(fd);
    *len = n;
    return 0;
}

/* PEM text gets its NUL (mbedTLS counts it in the length); DER is taken as it is. */
static size_t pem_or_der(unsigned char *buf, size_t n)
{
    if (n >= 10 && memcmp(buf, "-----BEGIN", 10) == 0) {
        buf[n] = '\0';
        return n + 1;
    }
    return n;
}

int cli_iot_provider(cli_t *cli, const char *ca, const taws_port_t *port, taws_client_t *c, int *set)
{
    static const char *const names[5] = { "TINYAWS_IOT_CREDENTIALS_ENDPOINT", "TINYAWS_IOT_ROLE_ALIAS",
                                          "TINYAWS_IOT_THING_NAME", "TINYAWS_IOT_CERT_FILE",
                                          "TINYAWS_IOT_KEY_FILE" };
    const char *v[5];
    char missing[160] = "";
    size_t i, nset = 0, cert_len, key_len;
    taws_status_t st;
    char why[128];
    *set = 0;
    for (i = 0; i < 5; i++)
        if ((v[i] = cli_env(cli, names[i])) != NULL)
            nset++;
    if (nset == 0)
        return 0;
    if (nset < 5) {
        for (i = 0; i < 5; i++)
            if (!v[i]) { /* five names of at most 32 bytes: missing[] holds them all */
                size_t used = strlen(missing);
                snprintf(missing + used, sizeof missing - used, "%s%s", used ? ", " : "", names[i]);
            }
        return cli_fail(cli, CLI_EXIT_CONFIG, "The AWS IoT credentials provider is partly configured: %s %s not set.",
                        missing, nset == 4 ? "is" : "are");
    }
    if (read_whole(v[3], file_buf, sizeof file_buf - 1, &cert_len) != 0)
        return cli_fail(cli, CLI_EXIT_OTHER, "Could not read TINYAWS_IOT_CERT_FILE %s: %s", v[3], strerror(errno));
    if (read_whole(v[4], key_buf, sizeof key_buf - 1, &key_len) != 0) {
        wipe(key_buf, sizeof key_buf);
        return cli_fail(cli, CLI_EXIT_OTHER, "Could not read TINYAWS_IOT_KEY_FILE %s: %s", v[4], strerror(errno));
    }
    cert_len = pem_or_der(file_buf, cert_len);
    key_len = pem_or_der(key_buf, key_len);
    /* Its own TLS context: the server verified against the run's CA bundle, always (the
     * certificate's key is the device's identity; --no-verify-ssl is for the AWS endpoint). */
    if ((st = taws_tls_init(&iot_tls, port)) != TAWS_OK) {
        wipe(key_buf, sizeof key_buf);
        return cli_fail(cli, CLI_EXIT_OTHER, "Could not set up TLS: %s", taws_strerror(st));
    }
    if (taws_tls_add_ca_file(&iot_tls, ca) != TAWS_OK) {
        wipe(key_buf, sizeof key_buf);
        return cli_fail(cli, CLI_EXIT_OTHER, "Could not load the CA bundle %s: %s", ca,
                        taws_tls_ca_reason(&iot_tls, why, sizeof why));
    }
    st = taws_cred_iot_init(&iot, &prov, &iot_tls, v[0], v[1], v[2], file_buf, cert_len, key_buf, key_len);
    wipe(key_buf, sizeof key_buf);
    wipe(file_buf, sizeof file_buf);
    active = 1;
    if (st != TAWS_OK) {
        const char *m = taws_cred_iot_message(&iot);
        return cli_fail(cli, CLI_EXIT_OTHER, "Error when retrieving credentials from iot: %s", *m ? m : taws_strerror(st));
    }
    taws_client_set_provider(c, &prov, &storage);
    *set = 1;
    return 0;
}

/* AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, read again at every fetch (the agent rotates it). */
static taws_status_t token_from_file(void *ctx, char *buf, size_t cap, size_t *len)
{
    (void)ctx;
    if (read_whole(token_file, (unsigned char *)buf, cap, len) != 0)
        return errno == EFBIG ? TAWS_ERR_TOO_LONG : TAWS_ERR_ARG;
    return TAWS_OK;
}

int cli_container_provider(cli_t *cli, taws_client_t *c, int *set)
{
    const char *full = cli_env(cli, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
    const char *rel = cli_env(cli, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    taws_status_t st;
    *set = 0;
    if (!full && !rel)
        return 0;
    token_file = cli_env(cli, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    /* botocore: the relative URI wins when both are set */
    st = taws_cred_container_init(&container, &prov, rel ? NULL : full, rel,
                                  cli_env(cli, "AWS_CONTAINER_AUTHORIZATION_TOKEN"),
                                  token_file ? token_from_file : NULL, NULL);
    active = 2;
    if (st != TAWS_OK) {
        const char *m = taws_cred_container_message(&container);
        return cli_fail(cli, CLI_EXIT_OTHER, "%s", *m ? m : taws_strerror(st));
    }
    taws_client_set_provider(c, &prov, &storage);
    *set = 1;
    return 0;
}

int cli_imds_provider(cli_t *cli, taws_client_t *c, int *set)
{
    const char *d = cli_env(cli, "AWS_EC2_METADATA_DISABLED");
    *set = 0;
    if (d && strlen(d) == 4 && (d[0] | 0x20) == 't' && (d[1] | 0x20) == 'r' && (d[2] | 0x20) == 'u' &&
        (d[3] | 0x20) == 'e')
        return 0;
    if (taws_cred_imds_init(&imds, &prov, cli_env(cli, "AWS_EC2_METADATA_SERVICE_ENDPOINT"), 0) != TAWS_OK)
        return cli_fail(cli, CLI_EXIT_OTHER, "Bad value for AWS_EC2_METADATA_SERVICE_ENDPOINT: %s",
                        cli_env(cli, "AWS_EC2_METADATA_SERVICE_ENDPOINT"));
    active = 3;
    taws_client_set_provider(c, &prov, &storage);
    *set = 1;
    return 0;
}

int cli_provider_first_fetch(cli_t *cli, taws_client_t *c)
{
    taws_status_t st;
    const char *m;
    if (!active)
        return 0;
    st = taws_client_refresh_credentials(c);
    if (st == TAWS_OK) {
        if (cli->o.debug)
            fprintf(cli->err, "tinyaws credentials: found credentials from %s (access key id %s)\n",
                    taws_cred_provider_name(&prov), taws_cred_access_key_id(&storage));
        return 0;
    }
    m = taws_cred_provider_message(&prov);
    if (active == 3) {
        /* botocore's InstanceMetadataProvider finds nothing rather than failing */
        if (cli->o.debug)
            fprintf(cli->err, "tinyaws credentials: instance metadata gave no credentials: %s\n",
                    *m ? m : taws_strerror(st));
        return cli_fail(cli, CLI_EXIT_CONFIG, "Unable to locate credentials. You can configure credentials by "
                                              "running \"aws configure\".");
    }
    if (st == TAWS_ERR_CANCELLED)
        return CLI_EXIT_SIGINT;
    return cli_fail(cli, CLI_EXIT_OTHER, "Error when retrieving credentials from %s: %s",
                    taws_cred_provider_name(&prov), *m ? m : taws_strerror(st));
}

void cli_providers_wipe(void)
{
    if (active == 1)
        taws_cred_iot_free(&iot);
    taws_tls_free(&iot_tls);
    taws_cred_wipe(&storage);
    wipe(&iot, sizeof iot);
    wipe(&iot_tls, sizeof iot_tls);
    wipe(&container, sizeof container);
    wipe(&imds, sizeof imds);
    wipe(&prov, sizeof prov);
    token_file = NULL;
    active = 0;
}
