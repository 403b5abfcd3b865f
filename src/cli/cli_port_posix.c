/* SPDX-License-Identifier: MIT */
/* The CLI's port on a host: POSIX sockets, stopped by SIGINT (main.c's flag). */
#include "cli_port.h"
#include "tinyaws/port_posix.h"

extern volatile sig_atomic_t cli_sigint;

int cli_port(taws_port_t *port)
{
    static taws_posix_t posix;
    taws_port_posix_init(port, &posix);
    posix.cancel = &cli_sigint;
    return 0;
}
