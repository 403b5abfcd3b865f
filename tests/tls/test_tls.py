#!/usr/bin/python3
"""TLS and transport tests for tinyaws (taws_fetch) against real servers on loopback.

A CA is made at test time. A good certificate passes; a wrong CA, a wrong host name, an
expired, a not-yet-valid and a self-signed certificate are each refused with their own status;
a silent server times out on time; plain http works only when the URL says http.
Usage: test_tls.py <taws_fetch>
"""
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'endpoint'))
import certs  # noqa: E402  (the endpoint's test PKI: a fresh CA per call, any cert mode)

BODY = b'{"hello":"tls"}'


class Server:
    """A tiny HTTP/1.1 server (keep-alive) on an ephemeral loopback port, TLS or plain."""

    def __init__(self, ctx=None, silent=False):
        self.ctx, self.silent = ctx, silent
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        try:
            if self.silent:
                time.sleep(10)
                return
            if self.ctx:
                conn = self.ctx.wrap_socket(conn, server_side=True)
            buf = b''
            while True:
                while b'\r\n\r\n' not in buf:
                    if buf and not buf[:1].isalpha():  # not HTTP (a TLS ClientHello): like nginx
                        conn.sendall(b'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
                        return
                    data = conn.recv(4096)
                    if not data:
                        return
                    buf += data
                _, _, buf = buf.partition(b'\r\n\r\n')
                conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n'
                             b'Content-Length: %d\r\n\r\n%s' % (len(BODY), BODY))
        except (OSError, ssl.SSLError):
            pass
        finally:
            conn.close()

    def close(self):
        self.sock.close()


def tls_ctx(paths):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(paths['cert'], paths['key'])
    return ctx


def fetch(tool, url, ca=None, timeout=3000, repeat=1):
    args = [tool, url, '--timeout', str(timeout), '--repeat', str(repeat)]
    if ca:
        args += ['--ca', ca]
    t0 = time.monotonic()
    out = subprocess.run(args, capture_output=True, timeout=60).stdout.decode()
    lines = out.splitlines()
    results = [lines[i].split() for i in range(0, len(lines), 2)]
    bodies = [lines[i + 1] if i + 1 < len(lines) else '' for i in range(0, len(lines), 2)]
    return results, bodies, time.monotonic() - t0


def main():
    tool = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix='taws-tls-')
    pki = {m: certs.generate(os.path.join(tmp, m), m) for m in certs.MODES}
    servers = {m: Server(tls_ctx(pki[m])) for m in certs.MODES}
    ca_of = {m: pki[m]['ca'] for m in certs.MODES}   # each mode's own CA
    ca_path, other_ca_path = ca_of['good'], ca_of['expired']  # the latter is some other CA
    plain = Server()
    silent = Server(silent=True)
    closed = socket.socket()
    closed.bind(('127.0.0.1', 0))
    closed_port = closed.getsockname()[1]
    closed.close()  # nothing listens here now

    def url(mode, scheme='https', host='localhost'):
        port = plain.port if mode == 'plain' else servers[mode].port
        return '%s://%s:%d' % (scheme, host, port)

    cases = []

    def case(name, want, res, cond=True):
        ok = bool(res[0]) and res[0][0][0] == want and cond
        cases.append((name, ok, res[0][0][0] if res[0] else 'no output'))

    r = fetch(tool, url('good'), ca_path, repeat=3)
    case('good certificate passes, three requests on one connection', 'TAWS_OK', r,
         all(x[0] == 'TAWS_OK' and x[1] == '200' and x[3] == '1' for x in r[0]) and
         r[1][0] == BODY.decode() and servers['good'].connections == 1)
    case('wrong CA refused', 'TAWS_ERR_TLS_UNTRUSTED', fetch(tool, url('good'), other_ca_path))
    case('wrong host name refused', 'TAWS_ERR_TLS_HOSTNAME', fetch(tool, url('wronghost'), ca_of['wronghost']))
    case('expired certificate refused', 'TAWS_ERR_TLS_EXPIRED', fetch(tool, url('expired'), ca_of['expired']))
    case('not-yet-valid certificate refused', 'TAWS_ERR_TLS_NOT_YET_VALID',
         fetch(tool, url('notyet'), ca_of['notyet']))
    case('self-signed certificate refused', 'TAWS_ERR_TLS_UNTRUSTED',
         fetch(tool, url('selfsigned'), ca_of['selfsigned']))
    case('system bundle does not trust the test CA', 'TAWS_ERR_TLS_UNTRUSTED',
         fetch(tool, url('good')))
    case('unreadable CA file', 'TAWS_ERR_TLS_CA', fetch(tool, url('good'), os.path.join(tmp, 'nope.pem')))
    r = fetch(tool, url('good').replace('https', 'http'), ca_path)
    case('http:// to a TLS port is not silently upgraded', 'TAWS_ERR_HTTP_TRUNCATED', r)
    case('https:// to a plain-text server fails the handshake', 'TAWS_ERR_TLS_HANDSHAKE',
         fetch(tool, url('plain'), ca_path))
    r = fetch(tool, url('plain', 'http'))
    case('plain http only when the URL says so', 'TAWS_OK', r, r[1][0] == BODY.decode())
    r = fetch(tool, 'https://localhost:%d' % silent.port, ca_path, timeout=400)
    case('silent server: handshake times out on time', 'TAWS_ERR_TIMEOUT', r, r[2] < 3.0)
    case('connection refused', 'TAWS_ERR_CONNECT', fetch(tool, 'https://127.0.0.1:%d' % closed_port, ca_path))
    case('unresolvable host', 'TAWS_ERR_DNS', fetch(tool, 'https://nonexistent.invalid', ca_path))
    case('IPv6 literal URL parses and connects (refused or OK)', 'TAWS_ERR_CONNECT',
         fetch(tool, 'https://[::1]:%d' % closed_port, ca_path))
    case('bad URL scheme', 'TAWS_ERR_URL_SCHEME', fetch(tool, 'ftp://localhost'))

    failed = 0
    for name, ok, got in cases:
        print('%s - %s%s' % ('ok' if ok else 'not ok', name, '' if ok else ' (got %s)' % got))
        failed += not ok
    print('%d passed, %d failed' % (len(cases) - failed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
