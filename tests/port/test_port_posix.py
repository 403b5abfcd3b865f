#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The port contract over port/posix: build/test_port_posix against tests/port/port_servers.py
on 127.0.0.1. Ends with "N passed, M failed"; exit 1 on any failure.

Usage: test_port_posix.py [TEST_PORT_POSIX]   (default build/test_port_posix)
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from port_servers import PortServers, relay  # noqa: E402
sys.path.insert(0, os.path.dirname(HERE))
from tap import ok, finish  # noqa: E402  (the report: ok - / not ok - / N passed, M failed)


def main(argv):
    prog = argv[1] if len(argv) > 1 else os.path.join(HERE, '..', '..', 'build', 'test_port_posix')
    srv = PortServers('127.0.0.1')
    try:
        p = subprocess.run([prog] + srv.args(), capture_output=True, timeout=120)
    finally:
        srv.close()
    lines = p.stdout.decode(errors='replace').splitlines()
    n = relay(lines, ok)
    ok(p.returncode == 0 and lines and lines[-1] == '%d passed, 0 failed' % n,
       'test_port_posix ran to its end (exit %s)' % p.returncode, p.stderr.decode(errors='replace')[-2000:])


if __name__ == '__main__':
    try:
        main(sys.argv)
    except Exception as e:  # a setup failure is a failure
        ok(False, 'port contract (POSIX) ran to completion', '%s: %s' % (type(e).__name__, e))
    finish()
