#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""TLS and transport tests for tinyaws (taws_fetch) against real servers on loopback.

Every CA is made at test time (tests/endpoint/certs.py). Servers are Python's ssl (OpenSSL
3.0) and `openssl s_server`; each records what it saw (SNI, version, resumed or not) and the
SNI-checking ones refuse a handshake whose SNI is not the expected one.

  - certificate checks: good; wrong CA, wrong host, expired, not yet valid, self-signed each
    refused with their own status; plain http only when the URL says so; timeouts, refused
    connections, DNS failures
  - one server per kind: TLS 1.2-only and TLS 1.3-only, each with an RSA-2048 chain of three
    (root, intermediate, leaf), an ECDSA P-256 chain and an ECDSA P-384 chain
  - the SigAlg workaround: a TLS 1.2-only RSA `openssl s_server` (fails with alert 47 on
    mbedTLS 3.6.6 with TLS 1.3 on, without the workaround)
  - IP-address endpoints: https://127.0.0.1 and https://[::1] against iPAddress SANs, no SNI
    sent; DNS-only certificate for an IP URL, IP-only certificate for a DNS URL, a DNS SAN
    spelling the address, another address: all refused
  - the local AWS endpoint (tests/endpoint) serves TLS 1.3 and its IP-SAN certificate
  - session resumption on reconnect: TLS 1.2 tickets, TLS 1.2 session IDs, TLS 1.3 tickets,
    counted as full and abbreviated handshakes by the server; never across names or from an
    unverified session to a verified one
  - verification off (taws_tls_set_verify): an untrusted server accepted only with it off
  - CA bundles that do not load name why (taws_tls_ca_reason)

With mbedTLS 2.28 (make MBEDTLS=system) the same suite runs; what 2.28 cannot do (TLS 1.3) is
asserted to fail cleanly instead.
Usage: test_tls.py <taws_fetch>
"""
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'endpoint'))
import certs  # noqa: E402  (the endpoint's test PKI: a fresh CA per call, any cert mode)

BODY = b'{"hello":"tls"}'
ANY = object()  # a server that does not check SNI


class Server:
    """A tiny HTTP/1.1 server on an ephemeral loopback port, TLS or plain.

    sni: the server name the client must send (None: none at all; ANY: not checked); a
    handshake with another one is refused (unrecognized_name). close: answer with
    "Connection: close" and close after each response (the client must reconnect).
    Records one dict per connection: sni, version, reused, cipher, or error.
    """

    def __init__(self, ctx=None, silent=False, host='127.0.0.1', sni=ANY, close=False):
        self.ctx, self.silent, self.close_each = ctx, silent, close
        self.expect_sni = sni
        self.sock = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.conns = []
        if ctx is not None:
            ctx.sni_callback = self._sni
        threading.Thread(target=self._accept, daemon=True).start()

    def _sni(self, sslobj, name, ctx):
        sslobj.tinyaws_sni = name
        if self.expect_sni is not ANY and name != self.expect_sni:
            return ssl.ALERT_DESCRIPTION_UNRECOGNIZED_NAME
        return None

    @property
    def connections(self):
        return len(self.conns)

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            rec = {}
            self.conns.append(rec)
            threading.Thread(target=self._serve, args=(conn, rec), daemon=True).start()

    def _serve(self, conn, rec):
        try:
            if self.silent:
                time.sleep(10)
                return
            if self.ctx:
                try:
                    conn = self.ctx.wrap_socket(conn, server_side=True)
                except (OSError, ssl.SSLError) as e:
                    rec['error'] = str(e)
                    return
                rec.update(sni=getattr(conn, 'tinyaws_sni', None), version=conn.version(),
                           reused=conn.session_reused, cipher=conn.cipher()[0])
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
                conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n%s'
                             b'Content-Length: %d\r\n\r\n%s'
                             % (b'Connection: close\r\n' if self.close_each else b'', len(BODY), BODY))
                if self.close_each:
                    if self.ctx:  # close_notify: OpenSSL forgets the session ID otherwise
                        conn = conn.unwrap()
                    return
        except (OSError, ssl.SSLError):
            pass
        finally:
            conn.close()

    def settle(self, n=1):
        """Waits (up to 2 s) until the first n connections are recorded (the server thread may
        still be finishing when the client has exited)."""
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline and (len(self.conns) < n or not all(self.conns[:n])):
            time.sleep(0.01)
        return self.conns

    def reused(self):
        self.settle(len(self.conns))
        return [c.get('reused') for c in self.conns]

    def close(self):
        self.sock.close()


def tls_ctx(paths, lo=ssl.TLSVersion.TLSv1_2, hi=ssl.TLSVersion.MAXIMUM_SUPPORTED, tickets=True,
            server_order=False):
    """A server context. Python's default is to impose the server's order of suites and
    signature algorithms (OP_CIPHER_SERVER_PREFERENCE); nginx, Apache and openssl s_server
    follow the client's by default, and so do these servers unless server_order=True."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version, ctx.maximum_version = lo, hi
    if not server_order:
        ctx.options &= ~ssl.OP_CIPHER_SERVER_PREFERENCE
    if not tickets:
        ctx.options |= ssl.OP_NO_TICKET  # TLS 1.2: session IDs only
    ctx.load_cert_chain(paths['cert'], paths['key'])
    return ctx


class Result:
    """One request's line of taws_fetch output."""

    def __init__(self, line, body):
        f = line.split()
        self.status, self.http = f[0], int(f[1])
        self.connects = int(f[3])
        self.version, self.suite = f[4], f[5]
        self.hs_out, self.hs_in = int(f[6]), int(f[7])
        self.body = body


def fetch(tool, *args, ca=None, timeout=3000):
    """Runs taws_fetch; returns (results, elapsed seconds, stderr)."""
    cmd = [tool, '--timeout', str(timeout)] + (['--ca', ca] if ca else []) + list(args)
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, timeout=60)
    lines = p.stdout.decode().splitlines()
    res = [Result(lines[i], lines[i + 1] if i + 1 < len(lines) else '') for i in range(0, len(lines), 2)]
    return res, time.monotonic() - t0, p.stderr.decode()


def main():
    tool = sys.argv[1]
    version = subprocess.run([tool, '--version'], capture_output=True, text=True).stdout.split()
    mbed, tls13 = version[0], version[1] == 'tls13=1'
    tmp = tempfile.mkdtemp(prefix='taws-tls-')
    servers = []

    def pki(name, *a, **kw):
        return certs.generate(os.path.join(tmp, name), *a, **kw)

    def server(*a, **kw):
        s = Server(*a, **kw)
        servers.append(s)
        return s

    cases = []

    def check(name, cond, got=''):
        cases.append((name, bool(cond), got))

    def case(name, want, r, cond=True):
        res = r[0]
        got = res[0].status if res else 'no output'
        check(name, res and got == want and cond, got)

    # ---- certificate checks ------------------------------------------------------------
    pk = {m: pki(m, m) for m in certs.MODES}
    sv = {m: server(tls_ctx(pk[m])) for m in certs.MODES}
    ca_of = {m: pk[m]['ca'] for m in certs.MODES}
    ca_path, other_ca_path = ca_of['good'], ca_of['expired']  # the latter is some other CA
    plain = server()
    silent = server(silent=True)
    closed = socket.socket()
    closed.bind(('127.0.0.1', 0))
    closed_port = closed.getsockname()[1]
    closed.close()  # nothing listens here now

    def url(s, scheme='https', host='localhost'):
        return '%s://%s:%d' % (scheme, host, s.port)

    r = fetch(tool, '--repeat', '3', url(sv['good']), ca=ca_path)
    case('good certificate passes, three requests on one connection', 'TAWS_OK', r,
         len(r[0]) == 3 and all(x.status == 'TAWS_OK' and x.http == 200 and x.connects == 1 for x in r[0])
         and r[0][0].body == BODY.decode() and sv['good'].connections == 1)
    case('wrong CA refused', 'TAWS_ERR_TLS_UNTRUSTED', fetch(tool, url(sv['good']), ca=other_ca_path))
    case('wrong host name refused', 'TAWS_ERR_TLS_HOSTNAME', fetch(tool, url(sv['wronghost']), ca=ca_of['wronghost']))
    case('expired certificate refused', 'TAWS_ERR_TLS_EXPIRED', fetch(tool, url(sv['expired']), ca=ca_of['expired']))
    case('not-yet-valid certificate refused', 'TAWS_ERR_TLS_NOT_YET_VALID',
         fetch(tool, url(sv['notyet']), ca=ca_of['notyet']))
    case('self-signed certificate refused', 'TAWS_ERR_TLS_UNTRUSTED',
         fetch(tool, url(sv['selfsigned']), ca=ca_of['selfsigned']))
    r = fetch(tool, url(sv['good']))
    blocks = open('/etc/ssl/certs/ca-certificates.crt').read().count('-----BEGIN CERTIFICATE-----')
    m = re.search(r'ca: loaded (\d+) skipped (\d+)', r[2])
    case('system bundle loads (%s of %d certificates) and does not trust the test CA'
         % (m.group(1) if m else '?', blocks), 'TAWS_ERR_TLS_UNTRUSTED', r,
         m and int(m.group(1)) + int(m.group(2)) == blocks and int(m.group(1)) > 0)
    r = fetch(tool, url(sv['good'], 'http'), ca=ca_path)
    case('http:// to a TLS port is not silently upgraded', 'TAWS_ERR_HTTP_TRUNCATED', r)
    case('https:// to a plain-text server fails the handshake', 'TAWS_ERR_TLS_HANDSHAKE',
         fetch(tool, url(plain), ca=ca_path))
    r = fetch(tool, url(plain, 'http'))
    case('plain http only when the URL says so', 'TAWS_OK', r, r[0] and r[0][0].body == BODY.decode())
    r = fetch(tool, url(silent), ca=ca_path, timeout=400)
    case('silent server: handshake times out on time', 'TAWS_ERR_TIMEOUT', r, r[1] < 3.0)
    case('connection refused', 'TAWS_ERR_CONNECT', fetch(tool, 'https://127.0.0.1:%d' % closed_port, ca=ca_path))
    case('unresolvable host', 'TAWS_ERR_DNS', fetch(tool, 'https://nonexistent.invalid', ca=ca_path))
    case('IPv6 literal URL parses and connects (refused)', 'TAWS_ERR_CONNECT',
         fetch(tool, 'https://[::1]:%d' % closed_port, ca=ca_path))
    case('bad URL scheme', 'TAWS_ERR_URL_SCHEME', fetch(tool, 'ftp://localhost'))

    # ---- one server per kind: version x chain; the server insists on SNI "localhost" ----
    chains = {'RSA-2048 chain of three': 'rsa2048', 'ECDSA P-256 chain of three': 'p256',
              'ECDSA P-384 chain of three': 'p384'}
    kinds = {'TLS 1.2-only': (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_2, 'TLSv1.2'),
             'TLS 1.3-only': (ssl.TLSVersion.TLSv1_3, ssl.TLSVersion.TLSv1_3, 'TLSv1.3')}
    for cname, key in chains.items():
        p = pki('chain-' + key, key=key, intermediate=True)
        for kname, (lo, hi, want) in kinds.items():
            s = server(tls_ctx(p, lo, hi), sni='localhost')
            r = fetch(tool, url(s), ca=p['ca'])
            name = '%s server, %s: ' % (kname, cname)
            if want == 'TLSv1.3' and not tls13:
                case(name + 'refused cleanly by %s (no TLS 1.3)' % mbed, 'TAWS_ERR_TLS_HANDSHAKE', r)
                continue
            case(name + 'verified, %s, SNI "localhost" checked by the server' % want, 'TAWS_OK', r,
                 r[0] and r[0][0].version == want and r[0][0].body == BODY.decode() and
                 s.settle()[0].get('sni') == 'localhost' and s.conns[0].get('version') == want)

    # ---- the SigAlg workaround: a TLS 1.2-only RSA openssl s_server ----------------------
    # Its default certificate is for another host; the one for "localhost" is served only
    # when the SNI says localhost (-servername_fatal refuses any other name), so success
    # proves both the handshake and the SNI.
    good_rsa, wrong_rsa = pki('ss-good', key='rsa2048'), pki('ss-wrong', 'wronghost', key='rsa2048')
    probe = socket.socket()
    probe.bind(('127.0.0.1', 0))
    ss_port = probe.getsockname()[1]
    probe.close()
    ss = subprocess.Popen(['openssl', 's_server', '-accept', '127.0.0.1:%d' % ss_port, '-tls1_2',
                           '-cert', wrong_rsa['cert'], '-key', wrong_rsa['key'],
                           '-cert2', good_rsa['cert'], '-key2', good_rsa['key'],
                           '-servername', 'localhost', '-servername_fatal', '-www'],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ss_out = ''
    for _ in range(20):  # s_server prints ACCEPT once it listens
        line = ss.stdout.readline().decode(errors='replace')
        ss_out += line
        if not line or line.startswith('ACCEPT'):
            break
    r = fetch(tool, 'https://localhost:%d' % ss_port, ca=good_rsa['ca'])
    ss.terminate()
    ss_out += ss.communicate(timeout=10)[0].decode(errors='replace')
    case('TLS 1.2-only RSA openssl s_server (SigAlg workaround, SNI checked): %s' %
         (r[0][0].suite if r[0] else '?'), 'TAWS_OK', r,
         r[0] and r[0][0].http == 200 and r[0][0].version == 'TLSv1.2' and 'ECDHE-RSA' in r[0][0].suite
         and 'alert' not in ss_out)

    # A TLS 1.2-only RSA server that imposes its own order picks RSA-PSS for its
    # ServerKeyExchange, which the TLS 1.2 code of mbedTLS 3.6.6 refuses although the
    # ClientHello offered it (for TLS 1.3): no order of the client's list helps. Fixed upstream
    # after 3.6.6 (Mbed-TLS/mbedtls#10672, #10674 on mbedtls-3.6); until Debian ships that, the
    # failure is clean. 2.28 and later 3.6 releases pass.
    s = server(tls_ctx(good_rsa, ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_2, server_order=True))
    r = fetch(tool, url(s), ca=good_rsa['ca'])
    if mbed == '3.6.6':
        case('TLS 1.2-only RSA server imposing RSA-PSS: refused cleanly by 3.6.6 (upstream #10672)',
             'TAWS_ERR_TLS_HANDSHAKE', r, 'ILLEGAL_PARAMETER' in s.settle()[0].get('error', ''))
    else:
        case('TLS 1.2-only RSA server imposing RSA-PSS: verified (%s)' % mbed, 'TAWS_OK', r)

    # ---- IP-address endpoints ---------------------------------------------------------------
    ip_pki = pki('ip', san=['DNS:localhost', 'IP:127.0.0.1', 'IP:::1'])
    ip4 = server(tls_ctx(ip_pki), sni=None)
    ip6 = server(tls_ctx(ip_pki), host='::1', sni=None)
    r = fetch(tool, 'https://127.0.0.1:%d' % ip4.port, ca=ip_pki['ca'])
    case('https://127.0.0.1 verified against the iPAddress SAN, no SNI sent', 'TAWS_OK', r,
         ip4.settle()[0].get('sni') is None and 'error' not in ip4.conns[0])
    r = fetch(tool, 'https://[::1]:%d' % ip6.port, ca=ip_pki['ca'])
    case('https://[::1] verified against the iPAddress SAN, no SNI sent', 'TAWS_OK', r,
         ip6.settle()[0].get('sni') is None and 'error' not in ip6.conns[0])
    r = fetch(tool, 'https://[0:0:0:0:0:0:0:1]:%d' % ip6.port, ca=ip_pki['ca'])
    case('https://[0:0:0:0:0:0:0:1]: the same address spelt out matches', 'TAWS_OK', r)
    mapped = pki('mapped', san=['IP:::ffff:127.0.0.1'])
    s = server(tls_ctx(mapped), sni=None)
    r = fetch(tool, 'https://[::ffff:127.0.0.1]:%d' % s.port, ca=mapped['ca'])
    case('https://[::ffff:127.0.0.1] (a dotted quad inside IPv6) matches its 16-byte iPAddress SAN',
         'TAWS_OK', r)
    case('... and 127.0.0.1 (4 bytes) does not match that 16-byte SAN', 'TAWS_ERR_TLS_HOSTNAME',
         fetch(tool, 'https://127.0.0.1:%d' % s.port, ca=mapped['ca']))
    dns_only = pki('dns-only', san=['DNS:localhost'])
    ip_only = pki('ip-only', san=['IP:127.0.0.1', 'IP:::1'])
    dns_spelt = pki('dns-spelt', san=['DNS:127.0.0.1', 'DNS:localhost'])
    other_ip = pki('other-ip', san=['IP:127.0.0.2', 'DNS:localhost'])
    s = server(tls_ctx(dns_only))
    case('DNS-only certificate refused for https://127.0.0.1', 'TAWS_ERR_TLS_HOSTNAME',
         fetch(tool, 'https://127.0.0.1:%d' % s.port, ca=dns_only['ca']))
    s6 = server(tls_ctx(dns_only), host='::1')
    case('DNS-only certificate refused for https://[::1]', 'TAWS_ERR_TLS_HOSTNAME',
         fetch(tool, 'https://[::1]:%d' % s6.port, ca=dns_only['ca']))
    s = server(tls_ctx(ip_only))
    case('IP-only certificate refused for https://localhost', 'TAWS_ERR_TLS_HOSTNAME',
         fetch(tool, 'https://localhost:%d' % s.port, ca=ip_only['ca']))
    r = fetch(tool, 'https://127.0.0.1:%d' % s.port, ca=ip_only['ca'])
    case('IP-only certificate accepted for https://127.0.0.1', 'TAWS_OK', r)
    s = server(tls_ctx(dns_spelt))
    case('a DNS SAN spelling "127.0.0.1" does not match the address', 'TAWS_ERR_TLS_HOSTNAME',
         fetch(tool, 'https://127.0.0.1:%d' % s.port, ca=dns_spelt['ca']))
    s = server(tls_ctx(other_ip))
    case('an iPAddress SAN of another address (127.0.0.2) does not match', 'TAWS_ERR_TLS_HOSTNAME',
         fetch(tool, 'https://127.0.0.1:%d' % s.port, ca=other_ip['ca']))
    s = server(tls_ctx(ip_pki))
    case('127.000.000.001 is no IP literal: a host name, refused by the certificate', 'TAWS_ERR_TLS_HOSTNAME',
         fetch(tool, 'https://127.000.000.001:%d' % s.port, ca=ip_pki['ca']))

    # ---- the local AWS endpoint: TLS 1.3 and its IP-SAN certificate -------------------------
    ep_dir = os.path.join(tmp, 'endpoint')
    ep = subprocess.Popen([sys.executable, os.path.join(HERE, '..', 'endpoint', 'aws_endpoint.py'),
                           '--https-port', '0', '--state-dir', ep_dir, '--async-invokes', '10'],
                          stdout=subprocess.PIPE, text=True)
    try:
        import json
        ready = json.loads(ep.stdout.readline())
        r = fetch(tool, 'https://127.0.0.1:%d' % ready['https_port'], ca=ready['ca'])
        want = 'TLSv1.3' if tls13 else 'TLSv1.2'
        case('local AWS endpoint at https://127.0.0.1: %s, IP SAN verified (HTTP %s)'
             % (want, r[0][0].http if r[0] else '?'), 'TAWS_OK', r,
             r[0] and r[0][0].version == want and r[0][0].http >= 200)
    finally:
        ep.terminate()
        ep.wait(timeout=30)

    # ---- session resumption on reconnect ---------------------------------------------------
    res_pki = pki('resume', key='rsa2048', intermediate=True)
    resumption = [('TLS 1.2, session tickets', ssl.TLSVersion.TLSv1_2, True, 'TLSv1.2'),
                  ('TLS 1.2, session IDs (no tickets)', ssl.TLSVersion.TLSv1_2, False, 'TLSv1.2')]
    if tls13:
        resumption.append(('TLS 1.3, session tickets', ssl.TLSVersion.TLSv1_3, True, 'TLSv1.3'))
    for name, v, tickets, want in resumption:
        s = server(tls_ctx(res_pki, v, v, tickets), sni='localhost', close=True)
        r = fetch(tool, '--repeat', '4', url(s), ca=res_pki['ca'])
        res = r[0]
        full, abbreviated = s.reused().count(False), s.reused().count(True)
        ok = (len(res) == 4 and all(x.status == 'TAWS_OK' and x.version == want for x in res) and
              [x.connects for x in res] == [1, 2, 3, 4] and full == 1 and abbreviated == 3 and
              all(x.hs_in * 2 < res[0].hs_in for x in res[1:]))
        check('%s: 4 connections, the server counts %d full and %d abbreviated handshakes '
              '(handshake bytes sent/received: full %s, resumed %s)' %
              (name, full, abbreviated, '%d/%d' % (res[0].hs_out, res[0].hs_in) if res else '?',
               '%d/%d' % (res[1].hs_out, res[1].hs_in) if len(res) > 1 else '?'), ok,
              ' '.join(x.status for x in res) + ' server %s' % s.reused())
    s = server(tls_ctx(res_pki), close=True)
    fetch(tool, url(s), 'https://127.0.0.1:%d' % s.port, ca=res_pki['ca'])
    check('no resumption across names (localhost, then 127.0.0.1): two full handshakes',
          s.reused() == [False, False], s.reused())
    s = server(tls_ctx(res_pki), close=True)
    r = fetch(tool, '--no-verify', url(s), '--verify', url(s), url(s), ca=res_pki['ca'])
    check('a session made without verification is not resumed with it on (full, full, resumed)',
          s.reused() == [False, False, True] and all(x.status == 'TAWS_OK' for x in r[0]), s.reused())

    # ---- verification off for one context ---------------------------------------------------
    case('untrusted (self-signed) server refused with verification on', 'TAWS_ERR_TLS_UNTRUSTED',
         fetch(tool, url(sv['selfsigned']), ca=ca_path))
    r = fetch(tool, '--no-verify', url(sv['selfsigned']))
    case('untrusted (self-signed) server accepted with verification off, no CA bundle', 'TAWS_OK', r,
         r[0] and r[0][0].body == BODY.decode())
    case('certificate for another host accepted with verification off', 'TAWS_OK',
         fetch(tool, '--no-verify', url(sv['wronghost'])))

    # ---- CA bundles that do not load say why -----------------------------------------------
    good_ca = open(ca_path).read()
    extra_ca = open(other_ca_path).read()

    def bundle(name, text, mode='w'):
        path = os.path.join(tmp, name)
        with open(path, mode) as f:
            f.write(text)
        return path

    def ca_case(name, path, want, reason):
        r = fetch(tool, url(sv['good']), ca=path)
        got = r[0][0].status if r[0] else 'no output'
        got_reason = r[0][0].body if r[0] else ''
        check('%s: "%s"' % (name, reason), got == want and got_reason == reason,
              '%s "%s"' % (got, got_reason))

    ca_case('no such file', os.path.join(tmp, 'nope.pem'), 'TAWS_ERR_CA_NO_FILE', 'no such file')
    ca_case('a directory', tmp, 'TAWS_ERR_CA_DIRECTORY', 'is a directory')
    ca_case('an empty file', bundle('empty.pem', ''), 'TAWS_ERR_CA_EMPTY', 'the file is empty')
    ca_case('text without a certificate', bundle('text.pem', 'not a certificate\n'),
            'TAWS_ERR_CA_NO_PEM', 'no PEM certificate in it')
    der = ssl.PEM_cert_to_DER_cert(good_ca)
    ca_case('a DER file', bundle('der.crt', der, 'wb'), 'TAWS_ERR_CA_NO_PEM', 'no PEM certificate in it')
    lines = ('# a bundle: comments, two good CAs, then a damaged one\n' + extra_ca + '\n' + good_ca).splitlines()
    bad_body = good_ca.splitlines()
    bad_body[2] = bad_body[2][:10] + '*' + bad_body[2][11:]  # not base64
    begin = len(lines) + 1
    ca_case('a character that is not base64', bundle('bad64.pem', '\n'.join(lines + bad_body) + '\n'),
            'TAWS_ERR_CA_BAD_CERT', 'bad certificate at line %d' % begin)
    cut = good_ca.splitlines()
    cut = cut[:2] + cut[4:]  # valid base64, broken DER
    ca_case('base64 that is no certificate', bundle('badder.pem', '\n'.join(lines + cut) + '\n'),
            'TAWS_ERR_CA_BAD_CERT', 'bad certificate at line %d' % begin)
    trunc = good_ca.splitlines()[:-1]
    ca_case('a certificate without its END line', bundle('trunc.pem', '\n'.join(lines + trunc) + '\n'),
            'TAWS_ERR_CA_BAD_CERT', 'bad certificate at line %d' % begin)
    r = fetch(tool, url(sv['good']), ca=bundle('crlf.pem', ('# ' + 'x' * 5000 + '\n' + extra_ca + good_ca)
                                               .replace('\n', '\r\n').rstrip('\r\n')))
    case('CRLF line ends, a 5,000-character comment, no final newline: loads and verifies', 'TAWS_OK', r)
    p521 = open(pki('p521', key='p521')['ca']).read()
    r = fetch(tool, url(sv['good']), ca=bundle('with521.pem', p521 + good_ca))
    m = re.search(r'ca: loaded (\d+) skipped (\d+)', r[2])
    case('a P-521 root beside the test CA: loaded or skipped, the rest verifies (loaded %s, skipped %s)'
         % (m.group(1) if m else '?', m.group(2) if m else '?'), 'TAWS_OK', r,
         m and int(m.group(1)) + int(m.group(2)) == 2 and int(m.group(1)) >= 1)
    r = fetch(tool, url(sv['good']), ca=bundle('only521.pem', p521))
    if m and m.group(2) == '1':
        check('only a P-521 root, which this build lacks: "no certificate in it that this build supports"',
              r[0] and r[0][0].status == 'TAWS_ERR_CA_NO_PEM' and
              r[0][0].body == 'no certificate in it that this build supports',
              r[0][0].status if r[0] else '')
    else:
        case('only a P-521 root (%s parses it): loads, does not trust the test CA' % mbed,
             'TAWS_ERR_TLS_UNTRUSTED', r)

    for s in servers:
        s.close()
    shutil.rmtree(tmp, ignore_errors=True)
    failed = 0
    print('# %s, TLS 1.3 %s' % (mbed, 'on' if tls13 else 'not available'))
    for name, ok, got in cases:
        print('%s - %s%s' % ('ok' if ok else 'not ok', name, '' if ok else ' (got %s)' % got))
        failed += not ok
    print('%d passed, %d failed' % (len(cases) - failed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
