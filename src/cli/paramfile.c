/* SPDX-License-Identifier: MIT */
/*
 * file:// and fileb:// parameter values (awscli/paramfile.py): a value that is one string
 * starting with the prefix is replaced by the file's contents; ~ and $VAR in the path are
 * expanded; file:// reads text (invalid UTF-8 refused, CR LF and CR read as LF, as Python's
 * text mode does), fileb:// bytes. Contents go to a static pool: the CLI allocates nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "paramfile.h"
#include "utf8.h"

#define POOL_BYTES (512u * 1024u)
static char pool[POOL_BYTES];
static size_t used;

void cli_paramfile_reset(void)
{
    used = 0;
}

/* os.path.expandvars(os.path.expanduser(p)) */
static int expand(const cli_t *cli, const char *p, char *out, size_t cap)
{
    size_t n = 0;
    if (p[0] == '~' && (p[1] == '/' || p[1] == '\0')) {
        const char *home = cli_env(cli, "HOME");
        if (home) {
            size_t h = strlen(home);
            if (h >= cap)
                return -1;
            memcpy(out, home, h);
            n = h;
            p++;
        }
    }
    while (*p) {
        if (*p == '$' && (p[1] == '{' || p[1] == '_' || ((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z'))) {
            char name[128];
            size_t k = 0;
            const char *q = p + 1, *v;
            int brace = *q == '{';
            if (brace)
                q++;
            while (*q && (*q == '_' || (*q >= '0' && *q <= '9') || ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z')) &&
                   k + 1 < sizeof name)
                name[k++] = *q++;
            name[k] = '\0';
            if (brace && *q != '}')
                goto literal; /* not a ${NAME}: kept as written, as Python does */
            v = k ? cli_env(cli, name) : NULL;
            if (v) {
                size_t l = strlen(v);
                if (n + l >= cap)
                    return -1;
                memcpy(out + n, v, l);
                n += l;
                p = q + brace;
                continue;
            }
        }
    literal:
        if (n + 1 >= cap)
            return -1;
        out[n++] = *p++;
    }
    out[n] = '\0';
    return 0;
}

int cli_paramfile(const cli_t *cli, const char *value, const char **data, size_t *len, char *err,
                  size_t cap)
{
    int binary;
    char path[4096];
    const char *rel;
    int fd;
    size_t n = 0;
    if (strncmp(value, "file://", 7) == 0) {
        binary = 0;
        rel = value + 7;
    } else if (strncmp(value, "fileb://", 8) == 0) {
        binary = 1;
        rel = value + 8;
    } else {
        return 0;
    }
    if (expand(cli, rel, path, sizeof path) != 0) {
        snprintf(err, cap, "Unable to load paramfile %s: [Errno %d] %s", value, ENAMETOOLONG,
                 strerror(ENAMETOOLONG));
        return -1;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        struct stat sb;
        if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            close(fd);
            fd = -1;
            errno = EISDIR;
        }
    }
    if (fd < 0) {
        int e = errno;
        snprintf(err, cap, "Unable to load paramfile %s: [Errno %d] %s: '%s'", value, e, strerror(e), path);
        return -1;
    }
    for (;;) {
        ssize_t r;
        if (used + n + 1 >= sizeof pool) {
            close(fd);
            snprintf(err, cap, "Unable to load paramfile %s: larger than tinyaws's %u-byte limit", value,
                     (unsigned)(sizeof pool - 1));
            return -1;
        }
        r = read(fd, pool + used + n, sizeof pool - used - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            snprintf(err, cap, "Unable to load paramfile %s: [Errno %d] %s: '%s'", value, e, strerror(e), path);
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (!binary) {
        char *p = pool + used;
        size_t i, k = 0;
        if (cli_utf8_check(p, n, NULL, 0) != 0) {
            snprintf(err, cap, "Unable to load paramfile (%s), text contents could not be decoded.  If this "
                               "is a binary file, please use the fileb:// prefix instead of the file:// prefix.",
                     path);
            return -1;
        }
        for (i = 0; i < n; i++) { /* universal newlines */
            if (p[i] == '\r') {
                p[k++] = '\n';
                if (i + 1 < n && p[i + 1] == '\n')
                    i++;
            } else {
                p[k++] = p[i];
            }
        }
        n = k;
    }
    pool[used + n] = '\0';
    *data = pool + used;
    *len = n;
    used += n + 1;
    return 1;
}
