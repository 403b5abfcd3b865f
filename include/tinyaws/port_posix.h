/* POSIX sockets port (Linux, macOS, BSDs): getaddrinfo, non-blocking connect, poll. */
#ifndef TINYAWS_PORT_POSIX_H
#define TINYAWS_PORT_POSIX_H

#include "tinyaws/port.h"

typedef struct {
    int fd; /* -1 when closed */
} taws_posix_t;

/* Fills port with the POSIX functions over state (caller-owned, lives as long as port). */
void taws_port_posix_init(taws_port_t *port, taws_posix_t *state);

#endif
