/* The CLI's port on a host: POSIX sockets. */
#include "cli_port.h"
#include "tinyaws/port_posix.h"

int cli_port(taws_port_t *port)
{
    static taws_posix_t posix;
    taws_port_posix_init(port, &posix);
    return 0;
}
