/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness for the CLI's command line and environment: the input is split at NUL
 * bytes into words; a word "=NAME=VALUE" is an environment variable, every other word an
 * argument. cli_main() runs with them over a port that never connects (so a run ends at the
 * first connection attempt, without waiting: sleeps return at once), stdout and stderr to
 * /dev/null. Invariants: no crash, hang or sanitizer report; the exit code is one of the AWS
 * CLI's (0, 252, 253, 254, 255, 130); a run that got as far as connecting ended in 255 (or 253:
 * instance metadata, the credential chain's last link, unreachable).
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "cli_port.h"
#include "fuzz_util.h"

#define MAX_WORDS 64
#define MAX_ENV 16

static char buf[8192];
static char *words[MAX_WORDS + 2];
static const char *env_names[MAX_ENV];
static size_t env_name_len[MAX_ENV];
static const char *env_values[MAX_ENV];
static size_t n_env;
static unsigned connects;

static const char *fuzz_getenv(const char *name)
{
    size_t i, n = strlen(name);
    for (i = n_env; i > 0; i--) /* the last definition wins, as in a shell */
        if (env_name_len[i - 1] == n && memcmp(env_names[i - 1], name, n) == 0)
            return env_values[i - 1];
    return NULL;
}

static taws_status_t f_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms)
{
    (void)ctx;
    (void)host;
    (void)port;
    (void)timeout_ms;
    connects++;
    return TAWS_ERR_CONNECT;
}
static taws_status_t f_send(void *ctx, const uint8_t *b, size_t n, size_t *sent, uint32_t t)
{
    (void)ctx;
    (void)b;
    (void)n;
    (void)t;
    *sent = 0;
    return TAWS_ERR_SEND;
}
static taws_status_t f_recv(void *ctx, uint8_t *b, size_t n, size_t *got, uint32_t t)
{
    (void)ctx;
    (void)b;
    (void)n;
    (void)t;
    *got = 0;
    return TAWS_ERR_RECV;
}
static void f_close(void *ctx)
{
    (void)ctx;
}
static uint32_t f_now(void *ctx)
{
    static uint32_t t;
    (void)ctx;
    return t += 7;
}
static int64_t f_wall(void *ctx)
{
    (void)ctx;
    return 1733011200; /* 2024-12-01 */
}
static taws_status_t f_random(void *ctx, uint8_t *b, size_t n)
{
    (void)ctx;
    memset(b, 0x5a, n);
    return TAWS_OK;
}
static void f_sleep(void *ctx, uint32_t ms)
{
    (void)ctx;
    (void)ms;
}

int cli_port(taws_port_t *port)
{
    port->ctx = NULL;
    port->connect = f_connect;
    port->send = f_send;
    port->recv = f_recv;
    port->close = f_close;
    port->now_ms = f_now;
    port->wall_time = f_wall;
    port->random = f_random;
    port->sleep_ms = f_sleep;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *null_out;
    static cli_t cli;
    size_t i, start = 0;
    int argc = 1, rc;
    if (!null_out) {
        int fd = open("/dev/null", O_RDONLY);
        null_out = fopen("/dev/null", "w");
        if (fd >= 0) {
            dup2(fd, 0); /* file:///dev/stdin must not wait for a terminal */
            close(fd);
        }
    }
    if (size >= sizeof buf)
        size = sizeof buf - 1;
    memcpy(buf, data, size);
    buf[size] = '\0';
    n_env = 0;
    words[0] = (char *)"tinyaws";
    for (i = 0; i <= size; i++) {
        if (i < size && buf[i] != '\0')
            continue;
        buf[i] = '\0';
        if (buf[start] == '=' && n_env < MAX_ENV) {
            char *eq = strchr(buf + start + 1, '=');
            if (eq) {
                env_names[n_env] = buf + start + 1;
                env_name_len[n_env] = (size_t)(eq - (buf + start + 1));
                env_values[n_env++] = eq + 1;
            }
        } else if (argc < MAX_WORDS) {
            words[argc++] = buf + start;
        }
        start = i + 1;
    }
    words[argc] = NULL;
    memset(&cli, 0, sizeof cli);
    cli.out = null_out;
    cli.err = null_out;
    cli.getenv = fuzz_getenv;
    cli.argc = argc;
    cli.argv = words;
    connects = 0;
    rc = cli_main(&cli);
    FUZZ_CHECK(rc == 0 || rc == 130 || (rc >= 252 && rc <= 255));
    /* A port that never connects: never a success. 253 after connecting is instance metadata
     * that could not be reached: botocore's chain then ends in "Unable to locate credentials". */
    FUZZ_CHECK(connects == 0 || rc == 255 || rc == 253);
    return 0;
}
