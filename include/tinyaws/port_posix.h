/* SPDX-License-Identifier: MIT */
/* POSIX sockets port (Linux, macOS, BSDs): getaddrinfo, non-blocking connect, poll. */
#ifndef TINYAWS_PORT_POSIX_H
#define TINYAWS_PORT_POSIX_H

#include <signal.h>
#include "tinyaws/port.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    int TAWS_PRIVATE(fd); /* the connection, -1 when closed: the port's own */
    /* When set (after taws_port_posix_init), a wait interrupted by a signal (EINTR) while
     * *cancel is non-zero ends with TAWS_ERR_CANCELLED instead of waiting on: a SIGINT handler
     * that sets the flag stops a listing at once. Install the handler without SA_RESTART. */
    volatile const sig_atomic_t *cancel;
} taws_posix_t;

/* Fills port with the POSIX functions over state (caller-owned, lives as long as port);
 * state->cancel starts NULL. */
TAWS_API void taws_port_posix_init(taws_port_t *port, taws_posix_t *state);

#ifdef __cplusplus
}
#endif

#endif
