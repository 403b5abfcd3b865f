/* SPDX-License-Identifier: MIT */
/*
 * tinyaws: the AWS CLI v2's list commands for bedrock, bedrock-runtime and ssm, streamed.
 *
 *   tinyaws [options] <service> <operation> [parameters]
 *
 * Same option names, environment variables, output and exit codes as the AWS CLI: 0 ok, 252
 * bad command line or parameter, 253 no credentials or region, 254 the service answered with
 * an error, 255 anything else (network, TLS, malformed response, output not written), 130
 * interrupted. This file sets up the process; cli_main() (cli_main.c) does the run.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

volatile sig_atomic_t cli_sigint; /* read by the POSIX port's waits (cli_port_posix.c) */
static char outbuf[1 << 16];

static void on_sigint(int sig)
{
    (void)sig;
    cli_sigint = 1;
}

/* A program that opens sockets must first make sure fds 0, 1 and 2 are open: else the first
 * socket becomes "stdout" and the listing is written into the TLS connection. A closed one
 * gets /dev/null opened read-only, so that it is taken but a write to it still fails (EBADF,
 * as on the closed descriptor); a closed stdout is also remembered, to fail before sending. */
static int std_fds(cli_t *cli)
{
    int fd;
    for (fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        if (open("/dev/null", O_RDONLY) != fd)
            return -1;
        if (fd == 1)
            cli->stdout_closed = 1;
    }
    return 0;
}

static const char *env_get(const char *name)
{
    return getenv(name);
}

int main(int argc, char **argv)
{
    static cli_t cli;
    struct sigaction sa;
    memset(&cli, 0, sizeof cli);
    if (std_fds(&cli) != 0)
        return CLI_EXIT_OTHER;
    /* A closed pipe is a write error (EPIPE), reported and exit 255, not a silent death. */
    signal(SIGPIPE, SIG_IGN);
    /* No SA_RESTART: a blocking wait returns EINTR, and the port ends it (TAWS_ERR_CANCELLED). */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    cli.out = stdout;
    cli.err = stderr;
    cli.getenv = env_get;
    cli.argc = argc < CLI_MAX_ARGS ? argc : CLI_MAX_ARGS;
    cli.argv = argv;
    cli.interrupted = &cli_sigint;
    return cli_main(&cli);
}
