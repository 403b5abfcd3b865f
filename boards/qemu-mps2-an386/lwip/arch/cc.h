/* SPDX-License-Identifier: MIT */
/*
 * lwIP architecture header for the mps2-an386 firmware (Cortex-M4, newlib-nano, GCC,
 * little-endian). Declarations only; the board implements them in board_fw.c.
 */
#ifndef TINYAWS_FW_LWIP_ARCH_CC_H
#define TINYAWS_FW_LWIP_ARCH_CC_H

#include <stdint.h>
#include <sys/types.h> /* ssize_t from the C library, not lwIP's own typedef */
#include <limits.h>

#ifndef SSIZE_MAX
#define SSIZE_MAX INT_MAX
#endif
#define LWIP_NO_UNISTD_H 1
#define LWIP_TIMEVAL_PRIVATE 0
#define LWIP_ERRNO_STDINCLUDE 1

/* DHCP transaction ids, DNS ids and source ports, TCP initial sequence numbers and local
 * ports: a real board's TRNG. Here a generator seeded from the host (board_fw.c). */
uint32_t tinyaws_board_rand(void);
#define LWIP_RAND() ((u32_t)tinyaws_board_rand())

/* No printf on the target: diagnostics compiled out, assertions reported by the board. */
#define LWIP_PLATFORM_DIAG(x) do { } while (0)
void tinyaws_board_lwip_assert(const char *msg, const char *file, int line);
#define LWIP_PLATFORM_ASSERT(x) tinyaws_board_lwip_assert((x), __FILE__, __LINE__)

typedef uint32_t sys_prot_t;

#endif
