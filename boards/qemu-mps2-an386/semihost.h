/* SPDX-License-Identifier: MIT */
/*
 * Arm semihosting (bkpt 0xAB): the test board's console, host files, clock and exit code.
 * QEMU implements it with -semihosting-config enable=on,target=native. This stands in for a
 * real board's UART, flash file system and RTC; nothing here is needed on a device.
 *
 * No C library stdio: newlib's stdio allocates its buffers with malloc, and the firmware
 * links no malloc at all (the link check in firmware.mk).
 */
#ifndef TINYAWS_FW_SEMIHOST_H
#define TINYAWS_FW_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

/* SYS_OPEN modes (ISO C fopen modes in semihosting's order). */
#define SH_MODE_RB 1
#define SH_MODE_WB 5
#define SH_MODE_AB 9

/* A host file handle, or -1. ":tt" opens the console (mode < 4 stdin, < 8 stdout, else
 * stderr). */
int sh_open(const char *path, int mode);
void sh_close(int fd);
/* Bytes read (0 at end of file), or -1. */
long sh_read(int fd, void *buf, size_t n);
/* 0 when all n bytes were written, else -1. */
int sh_write(int fd, const void *buf, size_t n);
/* Length of an open file, or -1. */
long sh_flen(int fd);
/* A host file's bytes into buf, NUL-terminated (the NUL not counted): the length, or -1 when
 * it cannot be opened, is empty or does not fit in cap - 1 bytes. */
long sh_load(const char *path, unsigned char *buf, size_t cap);
/* Seconds since 1970 (the host's clock). */
int64_t sh_time(void);
/* The command line QEMU was given (-append, after the image name): NUL-terminated in buf.
 * Returns its length, or -1 when it does not fit. */
long sh_cmdline(char *buf, size_t cap);
/* Ends the run: QEMU exits with code. */
void sh_exit(int code) __attribute__((noreturn));

/* Console output, buffered (stdout) and unbuffered (stderr). */
void out_bytes(const void *p, size_t n);
void out_str(const char *s);
void out_flush(void);
void err_str(const char *s);
void err_u64(uint64_t v);

/* Decimal text of v into buf (at least 21 bytes); returns the length. */
size_t fmt_u64(char *buf, uint64_t v);

#endif
