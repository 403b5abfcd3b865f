/* SPDX-License-Identifier: MIT */
/* Where the CLI's bytes go: the POSIX port on a host (cli_port_posix.c); the lwIP test build
 * links its own cli_port() instead (tests/lwip), to list over a real lwIP stack. */
#ifndef TINYAWS_CLI_PORT_H
#define TINYAWS_CLI_PORT_H

#include "tinyaws/port.h"

/* Fills port; returns 0, or -1 with a message on stderr. */
int cli_port(taws_port_t *port);

#endif
