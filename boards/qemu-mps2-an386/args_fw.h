/* SPDX-License-Identifier: MIT */
/* The firmware's command line: QEMU's -append string, read over semihosting, split at
 * spaces in place (no quoting: values never hold spaces here). */
#ifndef TINYAWS_FW_ARGS_H
#define TINYAWS_FW_ARGS_H

#include <stddef.h>

#define FW_ARGS_MAX 64

/* Splits the command line into argv (argv[0] is the image's name); returns argc, or -1. */
int fw_args(char **argv, int max);
/* Wipes the command line buffer (it held credentials). */
void fw_args_wipe(void);
/* Decimal, no sign, no overflow: 0 and *v set, or -1. */
int fw_parse_u32(const char *s, unsigned long *v);
/* Exit code for bad arguments (the AWS CLI's 252). */
#define FW_EXIT_USAGE 252
/* "<prog>: <what>[: <arg>]" on the console's stderr; returns FW_EXIT_USAGE. */
int fw_usage(const char *prog, const char *what, const char *arg);

#endif
