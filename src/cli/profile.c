/* SPDX-License-Identifier: MIT */
/*
 * The shared config and credentials files for one profile (profile.h). Each file is read in
 * chunks through the bounded INI reader (src/ini.c): one pass for the profile's section and the
 * file's [DEFAULT], and for the config file a second one for the [services NAME] section the
 * profile names, when it names one. Values go into fixed buffers; a value longer than its
 * buffer is refused, never cut.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tinyaws/ini.h"
#include "profile.h"

static const struct {
    const char *key;
    size_t off, cap;
} pkeys[CLI_P_COUNT] = {
#define K(name, member) { name, offsetof(cli_psettings_t, member), sizeof(((cli_psettings_t *)0)->member) }
    K("region", region),
    K("output", output),
    K("ca_bundle", ca_bundle),
    K("max_attempts", max_attempts),
    K("retry_mode", retry_mode),
    K("endpoint_url", endpoint_url),
    K("ignore_configured_endpoint_urls", ignore_endpoints),
    K("services", services),
    K("aws_access_key_id", access_key_id),
    K("aws_secret_access_key", secret_access_key),
    K("aws_session_token", session_token),
    K("aws_security_token", security_token),
#undef K
};

static char *slot(cli_psettings_t *s, cli_pkey_t k)
{
    return (char *)s + pkeys[k].off;
}

const char *cli_psettings_get(const cli_psettings_t *s, cli_pkey_t k)
{
    return s->set[k] ? (const char *)s + pkeys[k].off : NULL;
}

const char *cli_profile_get(const cli_profile_t *p, cli_pkey_t k)
{
    const char *v = cli_psettings_get(&p->cred, k);
    return v ? v : cli_psettings_get(&p->config, k);
}

static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

/* One pass over one file. */
typedef struct {
    cli_t *cli;
    cli_profile_t *p;
    const char *path;
    int credentials;          /* the credentials file: every section is a profile */
    int services_pass;        /* looking for [services NAME] instead of the profile */
    const char *services;     /* NAME */
    char service_id[64];      /* the operation's service as the services sections name it */
    cli_psettings_t *section; /* the profile's values */
    cli_psettings_t *dflt;    /* [DEFAULT]'s */
    cli_psettings_t *cur;     /* where the current section's keys go, or NULL */
    int in_services;          /* the current section is [services NAME] */
    int found;                /* the profile's section was seen */
    int key;                  /* the key continuation lines extend, or -1 */
    int rc;                   /* an exit code set by the callback */
} pass_t;

static taws_ini_t ini;
static cli_psettings_t dflt; /* a file's [DEFAULT], merged into the profile, then wiped */
static unsigned char chunk[CLI_PROFILE_READ_CHUNK];

static taws_status_t too_long(pass_t *ps, const taws_ini_event_t *ev, const char *what, size_t cap)
{
    ps->rc = cli_fail(ps->cli, CLI_EXIT_OTHER, "Unable to parse config file: %s (line %lu: %s is longer than "
                      "tinyaws's limit of %lu bytes)", ps->path, (unsigned long)ev->line, what,
                      (unsigned long)(cap - 1));
    return TAWS_ERR_TOO_LONG;
}

static taws_status_t append(pass_t *ps, const taws_ini_event_t *ev, int k, const char *pre, size_t npre)
{
    char *dst = slot(ps->cur, (cli_pkey_t)k);
    size_t have = strlen(dst), cap = pkeys[k].cap;
    if (have + npre + ev->value.n + 1 > cap)
        return too_long(ps, ev, pkeys[k].key, cap);
    memcpy(dst + have, pre, npre);
    memcpy(dst + have + npre, ev->value.p, ev->value.n);
    dst[have + npre + ev->value.n] = '\0';
    return TAWS_OK;
}

static taws_status_t on_event(void *ctx, const taws_ini_event_t *ev)
{
    pass_t *ps = ctx;
    char name[TAWS_INI_NAME_MAX];
    size_t n;
    int k;
    switch (ev->type) {
    case TAWS_INI_SECTION: {
        taws_ini_kind_t kind;
        ps->cur = NULL;
        ps->in_services = 0;
        ps->key = -1;
        if (ev->is_default) {
            ps->cur = ps->services_pass ? NULL : ps->dflt;
            return TAWS_OK;
        }
        if (taws_ini_section_kind(ev->section, ps->credentials, &kind, name, sizeof name, &n) != TAWS_OK)
            return TAWS_OK; /* longer than any profile name tinyaws looks for */
        if (ps->services_pass) {
            ps->in_services = kind == TAWS_INI_SERVICES && strcmp(name, ps->services) == 0;
        } else if (kind == TAWS_INI_PROFILE && strcmp(name, ps->p->name) == 0) {
            ps->cur = ps->section;
            ps->found = 1;
        }
        return TAWS_OK;
    }
    case TAWS_INI_KEY:
        ps->key = -1;
        if (!ps->cur)
            return TAWS_OK;
        for (k = 0; k < CLI_P_COUNT; k++)
            if (strlen(pkeys[k].key) == ev->key.n && memcmp(pkeys[k].key, ev->key.p, ev->key.n) == 0)
                break;
        if (k == CLI_P_COUNT)
            return TAWS_OK;
        slot(ps->cur, (cli_pkey_t)k)[0] = '\0';
        ps->cur->set[k] = 1;
        ps->key = k;
        return append(ps, ev, k, "", 0);
    case TAWS_INI_CONT: {
        /* configparser joins a value's lines with "\n", one more per blank line between. */
        static const char nl[] = "\n\n\n\n\n\n\n\n";
        uint32_t b;
        taws_status_t st = TAWS_OK;
        if (!ps->cur || ps->key < 0)
            return TAWS_OK;
        for (b = ev->blank_lines; b >= sizeof nl - 1 && st == TAWS_OK; b -= (uint32_t)(sizeof nl - 1)) {
            taws_ini_event_t none = *ev;
            none.value.n = 0;
            st = append(ps, &none, ps->key, nl, sizeof nl - 1);
        }
        return st != TAWS_OK ? st : append(ps, ev, ps->key, nl, b + 1);
    }
    case TAWS_INI_SUBKEY:
        /* [services NAME] with `<service> =` and `endpoint_url = URL` below it. */
        if (ps->in_services && strlen(ps->service_id) == ev->key.n &&
            memcmp(ps->service_id, ev->key.p, ev->key.n) == 0 && ev->subkey.n == 12 &&
            memcmp(ev->subkey.p, "endpoint_url", 12) == 0) {
            if (ev->value.n >= sizeof ps->p->service_endpoint_url)
                return too_long(ps, ev, "endpoint_url", sizeof ps->p->service_endpoint_url);
            memcpy(ps->p->service_endpoint_url, ev->value.p, ev->value.n);
            ps->p->service_endpoint_url[ev->value.n] = '\0';
            ps->p->service_endpoint_set = 1;
        }
        return TAWS_OK;
    }
    return TAWS_OK;
}

/* The statuses for which botocore too refuses the file: its words exactly. The others are
 * tinyaws's own limits (or bytes Python would not decode): they say which line. */
static int botocore_refuses(taws_status_t st)
{
    return st == TAWS_ERR_INI_NO_SECTION || st == TAWS_ERR_INI_SYNTAX || st == TAWS_ERR_INI_DUP_SECTION ||
           st == TAWS_ERR_INI_DUP_KEY || st == TAWS_ERR_INI_NESTED;
}

/* One pass over the file at ps->path; a file that is not there (or no regular file, or not
 * readable) is empty, as botocore takes it. */
static int read_pass(pass_t *ps)
{
    struct stat sb;
    taws_status_t st = TAWS_OK;
    int fd = open(ps->path, O_RDONLY);
    uint32_t line;
    ps->rc = 0;
    ps->key = -1;
    ps->cur = NULL;
    ps->in_services = 0;
    if (fd < 0)
        return 0;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return 0;
    }
    taws_ini_init(&ini, on_event, ps);
    for (;;) {
        ssize_t got = read(fd, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            close(fd);
            return cli_fail(ps->cli, CLI_EXIT_OTHER, "Unable to parse config file: %s (%s)", ps->path,
                            strerror(errno));
        }
        if (got == 0)
            break;
        if ((st = taws_ini_feed(&ini, chunk, (size_t)got)) != TAWS_OK)
            break;
    }
    close(fd);
    if (st == TAWS_OK)
        st = taws_ini_finish(&ini);
    line = taws_ini_line(&ini);
    wipe(chunk, sizeof chunk);
    taws_ini_wipe(&ini);
    if (ps->rc)
        return ps->rc;
    if (st == TAWS_OK)
        return 0;
    if (botocore_refuses(st))
        return cli_fail(ps->cli, CLI_EXIT_OTHER, "Unable to parse config file: %s", ps->path);
    return cli_fail(ps->cli, CLI_EXIT_OTHER, "Unable to parse config file: %s (line %lu: %s)", ps->path,
                    (unsigned long)line, taws_strerror(st));
}

/* configparser's defaults: a key of [DEFAULT] that the section does not have. */
static void merge_default(cli_psettings_t *s)
{
    int k;
    for (k = 0; k < CLI_P_COUNT; k++)
        if (!s->set[k] && dflt.set[k]) {
            memcpy(slot(s, (cli_pkey_t)k), slot(&dflt, (cli_pkey_t)k), pkeys[k].cap);
            s->set[k] = 1;
        }
}

static int read_file(cli_t *cli, cli_profile_t *p, const char *path, int credentials, cli_psettings_t *into)
{
    pass_t ps;
    int rc;
    memset(&ps, 0, sizeof ps);
    ps.cli = cli;
    ps.p = p;
    ps.path = path;
    ps.credentials = credentials;
    ps.section = into;
    ps.dflt = &dflt;
    wipe(&dflt, sizeof dflt);
    rc = read_pass(&ps);
    if (rc == 0 && ps.found) {
        merge_default(into);
        p->exists = 1;
    }
    wipe(&dflt, sizeof dflt);
    if (rc != 0)
        wipe(into, sizeof *into);
    return rc;
}

/* "~" and "~/..." as os.path.expanduser: $HOME's. */
static int expand(cli_t *cli, const char *path, char *out, size_t cap)
{
    const char *home = cli_env(cli, "HOME");
    int n;
    if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && home)
        n = snprintf(out, cap, "%s%s", home, path + 1);
    else
        n = snprintf(out, cap, "%s", path);
    if (n < 0 || (size_t)n >= cap)
        return cli_fail(cli, CLI_EXIT_OTHER, "The path of the config file is longer than tinyaws's limit of %lu "
                        "bytes: %s", (unsigned long)(cap - 1), path);
    return 0;
}

int cli_profile_load(cli_t *cli, cli_profile_t *p)
{
    const char *v;
    int rc;
    size_t i;
    memset(p, 0, sizeof *p);
    if (cli->o.profile && *cli->o.profile) {
        p->name = cli->o.profile;
        p->explicit_option = p->named = 1;
    } else if ((p->name = cli_env(cli, "AWS_PROFILE")) != NULL ||
               (p->name = cli_env(cli, "AWS_DEFAULT_PROFILE")) != NULL) {
        p->named = 1;
    } else {
        p->name = "default";
    }
    v = cli_env(cli, "AWS_CONFIG_FILE");
    if ((rc = expand(cli, v ? v : "~/.aws/config", p->config_path, sizeof p->config_path)) != 0)
        return rc;
    v = cli_env(cli, "AWS_SHARED_CREDENTIALS_FILE");
    if ((rc = expand(cli, v ? v : "~/.aws/credentials", p->cred_path, sizeof p->cred_path)) != 0)
        return rc;
    if ((rc = read_file(cli, p, p->config_path, 0, &p->config)) != 0 ||
        (rc = read_file(cli, p, p->cred_path, 1, &p->cred)) != 0)
        goto fail;
    if (p->named && !p->exists) {
        rc = cli_fail(cli, CLI_EXIT_OTHER, "The config profile (%s) could not be found", p->name);
        goto fail;
    }
    /* The services section the profile names, for this operation's service: its id in
     * snake case (bedrock_runtime), as botocore's _get_snake_case_service_id. */
    if ((v = cli_profile_get(p, CLI_P_SERVICES)) != NULL && cli->op) {
        pass_t ps;
        memset(&ps, 0, sizeof ps);
        ps.cli = cli;
        ps.p = p;
        ps.path = p->config_path;
        ps.services_pass = 1;
        ps.services = v;
        for (i = 0; cli->op->env_name[i] && i + 1 < sizeof ps.service_id; i++) {
            char c = cli->op->env_name[i];
            ps.service_id[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        if ((rc = read_pass(&ps)) != 0)
            goto fail;
    }
    return 0;
fail:
    cli_profile_wipe(p);
    return rc;
}

void cli_profile_wipe(cli_profile_t *p)
{
    wipe(p, sizeof *p);
    wipe(&dflt, sizeof dflt);
    wipe(&ini, sizeof ini);
}
