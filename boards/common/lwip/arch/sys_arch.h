/* SPDX-License-Identifier: MIT */
/*
 * lwIP OS types for an RTOS (NO_SYS=0): semaphores, mutexes, mailboxes and threads are opaque
 * RTOS handles, NULL when invalid (the shape of FreeRTOS's and Zephyr's lwIP ports). The
 * functions behind them (sys_sem_new, sys_arch_sem_wait, sys_mbox_*, sys_mutex_*,
 * sys_thread_new, sys_now, sys_arch_protect/unprotect, sys_init) are the RTOS port's
 * sys_arch.c, which is not part of tinyaws; boards/cross checks that they are the only OS
 * symbols the lwIP core and tinyaws' lwIP port leave undefined.
 */
#ifndef TINYAWS_LWIP_ARCH_SYS_ARCH_H
#define TINYAWS_LWIP_ARCH_SYS_ARCH_H

#include <stddef.h>

#define SYS_MBOX_NULL NULL
#define SYS_SEM_NULL NULL

typedef void *sys_sem_t;
typedef void *sys_mutex_t;
typedef void *sys_mbox_t;
typedef void *sys_thread_t;

#define sys_sem_valid(sem) (((sem) != NULL) && (*(sem) != NULL))
#define sys_sem_valid_val(sem) ((sem) != NULL)
#define sys_sem_set_invalid(sem) do { if ((sem) != NULL) *(sem) = NULL; } while (0)
#define sys_sem_set_invalid_val(sem) do { (sem) = NULL; } while (0)
#define sys_mutex_valid(mutex) sys_sem_valid(mutex)
#define sys_mutex_set_invalid(mutex) sys_sem_set_invalid(mutex)
#define sys_mbox_valid(mbox) sys_sem_valid(mbox)
#define sys_mbox_valid_val(mbox) sys_sem_valid_val(mbox)
#define sys_mbox_set_invalid(mbox) sys_sem_set_invalid(mbox)
#define sys_mbox_set_invalid_val(mbox) sys_sem_set_invalid_val(mbox)

#endif
