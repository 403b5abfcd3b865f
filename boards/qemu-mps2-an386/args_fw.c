/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "args_fw.h"
#include "semihost.h"
#include <mbedtls/platform_util.h>

static char cmdline[8192];

int fw_args(char **argv, int max)
{
    int argc = 0;
    char *p = cmdline;
    if (sh_cmdline(cmdline, sizeof cmdline) < 0)
        return -1;
    while (*p) {
        while (*p == ' ')
            *p++ = '\0';
        if (!*p)
            break;
        if (argc == max)
            return -1;
        argv[argc++] = p;
        while (*p && *p != ' ')
            p++;
    }
    return argc;
}

void fw_args_wipe(void)
{
    mbedtls_platform_zeroize(cmdline, sizeof cmdline);
}

int fw_parse_u32(const char *s, unsigned long *v)
{
    unsigned long x = 0;
    if (*s == '\0')
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || x > 429496729ul)
            return -1;
        x = x * 10u + (unsigned long)(*s - '0');
    }
    if (x > 0xFFFFFFFFul)
        return -1;
    *v = x;
    return 0;
}

int fw_usage(const char *prog, const char *what, const char *arg)
{
    err_str(prog);
    err_str(": ");
    err_str(what);
    if (arg) {
        err_str(": ");
        err_str(arg);
    }
    err_str("\n");
    return FW_EXIT_USAGE;
}
