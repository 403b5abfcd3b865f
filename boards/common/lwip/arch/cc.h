/* SPDX-License-Identifier: MIT */
/*
 * lwIP architecture header for tinyaws' bare-metal/RTOS targets (newlib or picolibc, GCC,
 * little-endian 32-bit: Cortex-M4, RV32IMAC). Only declarations: what the board provides at
 * link time is listed in boards/cross/README.md (sys_arch.c of the RTOS, tinyaws_board_rand).
 */
#ifndef TINYAWS_LWIP_ARCH_CC_H
#define TINYAWS_LWIP_ARCH_CC_H

#include <stdint.h>
#include <sys/types.h> /* ssize_t from the C library ... */
#include <sys/time.h>  /* ... and struct timeval (see LWIP_TIMEVAL_PRIVATE) */
#include <limits.h>

/* The C library's ssize_t, not lwIP's "typedef int ssize_t" (a duplicate typedef is not C99). */
#ifndef SSIZE_MAX
#define SSIZE_MAX INT_MAX
#endif
#define LWIP_NO_UNISTD_H 1

#define LWIP_TIMEVAL_PRIVATE 0  /* struct timeval is the C library's */
#define LWIP_ERRNO_STDINCLUDE 1 /* errno and E* values are the C library's */

/* Random numbers for DNS transaction ids, source ports and TCP ISNs: the board's TRNG. */
uint32_t tinyaws_board_rand(void);
#define LWIP_RAND() ((u32_t)tinyaws_board_rand())

/* No printf on the target: diagnostics compiled out, assertions go to the board. */
#define LWIP_PLATFORM_DIAG(x) do { } while (0)
void tinyaws_board_lwip_assert(const char *msg, const char *file, int line);
#define LWIP_PLATFORM_ASSERT(x) tinyaws_board_lwip_assert((x), __FILE__, __LINE__)

/* SYS_ARCH_PROTECT's saved state (e.g. PRIMASK on Cortex-M, mstatus.MIE on RISC-V). */
typedef uint32_t sys_prot_t;

#endif
