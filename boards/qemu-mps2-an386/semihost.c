/* SPDX-License-Identifier: MIT */
/* Arm semihosting calls for the QEMU test board (see semihost.h). */
#include <string.h>
#include <stdio.h> /* FILE only (fw_mbedtls_fprintf) */
#include "semihost.h"

#define SYS_OPEN 0x01
#define SYS_CLOSE 0x02
#define SYS_WRITE 0x05
#define SYS_READ 0x06
#define SYS_FLEN 0x0C
#define SYS_TIME 0x11
#define SYS_GET_CMDLINE 0x15
#define SYS_EXIT 0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static long sh_call(uint32_t op, void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return (long)(int32_t)r0;
}

int sh_open(const char *path, int mode)
{
    uint32_t a[3];
    a[0] = (uint32_t)(uintptr_t)path;
    a[1] = (uint32_t)mode;
    a[2] = (uint32_t)strlen(path);
    return (int)sh_call(SYS_OPEN, a);
}

void sh_close(int fd)
{
    uint32_t a[1];
    a[0] = (uint32_t)fd;
    (void)sh_call(SYS_CLOSE, a);
}

long sh_read(int fd, void *buf, size_t n)
{
    uint32_t a[3];
    long left;
    a[0] = (uint32_t)fd;
    a[1] = (uint32_t)(uintptr_t)buf;
    a[2] = (uint32_t)n;
    left = sh_call(SYS_READ, a); /* bytes NOT read */
    if (left < 0 || (size_t)left > n)
        return -1;
    return (long)(n - (size_t)left);
}

int sh_write(int fd, const void *buf, size_t n)
{
    uint32_t a[3];
    a[0] = (uint32_t)fd;
    a[1] = (uint32_t)(uintptr_t)buf;
    a[2] = (uint32_t)n;
    return sh_call(SYS_WRITE, a) == 0 ? 0 : -1;
}

long sh_flen(int fd)
{
    uint32_t a[1];
    a[0] = (uint32_t)fd;
    return sh_call(SYS_FLEN, a);
}

long sh_load(const char *path, unsigned char *buf, size_t cap)
{
    long n;
    int fd = sh_open(path, SH_MODE_RB);
    if (fd < 0)
        return -1;
    n = sh_read(fd, buf, cap);
    sh_close(fd);
    if (n <= 0 || (unsigned long)n >= cap)
        return -1;
    buf[n] = '\0';
    return n;
}

int64_t sh_time(void)
{
    return (int64_t)(uint32_t)sh_call(SYS_TIME, NULL);
}

long sh_cmdline(char *buf, size_t cap)
{
    uint32_t a[2];
    a[0] = (uint32_t)(uintptr_t)buf;
    a[1] = (uint32_t)cap;
    if (cap == 0 || sh_call(SYS_GET_CMDLINE, a) != 0)
        return -1;
    buf[cap - 1] = '\0';
    return (long)a[1];
}

void sh_exit(int code)
{
    uint32_t a[2];
    out_flush();
    a[0] = ADP_STOPPED_APPLICATION_EXIT;
    a[1] = (uint32_t)code;
    (void)sh_call(SYS_EXIT_EXTENDED, a);
    /* Not reached under QEMU; an older host only knows SYS_EXIT (status 0 or 1). */
    (void)sh_call(SYS_EXIT, (void *)(uintptr_t)(code == 0 ? ADP_STOPPED_APPLICATION_EXIT : 0x20024));
    for (;;)
        __asm__ volatile("wfi");
}

/* ---- console --------------------------------------------------------------------------- */

static int out_fd = -1, err_fd = -1;
static char out_buf[2048];
static size_t out_len;

static int console(int *fd, int mode)
{
    if (*fd < 0)
        *fd = sh_open(":tt", mode);
    return *fd;
}

void out_flush(void)
{
    if (out_len > 0 && console(&out_fd, SH_MODE_WB) >= 0)
        (void)sh_write(out_fd, out_buf, out_len);
    out_len = 0;
}

void out_bytes(const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        size_t k = sizeof out_buf - out_len;
        if (k > n)
            k = n;
        memcpy(out_buf + out_len, c, k);
        out_len += k;
        c += k;
        n -= k;
        if (out_len == sizeof out_buf)
            out_flush();
    }
}

void out_str(const char *s)
{
    out_bytes(s, strlen(s));
}

void err_str(const char *s)
{
    if (console(&err_fd, SH_MODE_AB) >= 0)
        (void)sh_write(err_fd, s, strlen(s));
}

size_t fmt_u64(char *buf, uint64_t v)
{
    char tmp[21];
    size_t n = 0, i;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0);
    for (i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}

void err_u64(uint64_t v)
{
    char b[21];
    (void)fmt_u64(b, v);
    err_str(b);
}

/* mbedTLS's allocator diagnostics (fw_mbedtls_config.h): the format string, unformatted. */
int fw_mbedtls_fprintf(FILE *stream, const char *format, ...);
int fw_mbedtls_fprintf(FILE *stream, const char *format, ...)
{
    (void)stream;
    err_str("mbedTLS: ");
    err_str(format);
    return 0;
}
