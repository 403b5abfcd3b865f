#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""make firmware-test: the Cortex-M4 firmware (build/fw/fw-list.elf) lists from the local AWS
endpoint through QEMU's LAN9118 and user network, and its output is compared byte for byte
with the host CLI's (build/tinyaws --output jsonl) against the same endpoint.

The endpoint (tests/endpoint/aws_endpoint.py) listens on the host's 127.0.0.1, which the
guest reaches as 10.0.2.2; the firmware maps the name `localhost` there, so both programs
use the same URL (https://localhost:PORT), Host header and TLS name. Then:

  - every operation, over HTTPS with TLS 1.2 and TLS 1.3 (the endpoint counts handshakes by
    version) and over plain HTTP, with page sizes that make many pages, filters, SSM's POST;
  - --max-items with resume tokens, step by step, and the chain equal to the full list;
  - faults: a reset in the middle of a body, then a throttle on the retry: every item
    exactly once, the output identical to a clean run;
  - a wrong CA: refused, nothing listed;
  - the IoT device (fw-iot.elf, examples/iot_device/device.c): credentials from the endpoint's
    AWS IoT credentials provider over mutual TLS (EC/PEM and RSA/DER identities), the listing
    equal to the CLI's; another CA's certificate and a mismatched key refused;
  - the port contract (tests/port/port_contract.c) over port/lwip-raw (fw-contract.elf);
  - the images contain no heap function (the link check, asserted again here).

Each QEMU run has a time limit. Ends with "N passed, M failed"; exit 1 on a failure. Skips
(exit 0, "SKIP: ...") only when qemu-system-arm is not installed.

Usage: test_firmware.py [--fw-dir build/fw] [--cli build/tinyaws]
"""
import argparse
import http.client
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'port'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'endpoint'))
from port_servers import PortServers, relay  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, 'tests'))
from tap import ok, finish  # noqa: E402  (the report: ok - / not ok - / N passed, M failed)

PY = '/usr/bin/python3'
ENDPOINT = os.path.join(ROOT, 'tests', 'endpoint', 'aws_endpoint.py')
AK, SK = 'AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
QEMU = ['qemu-system-arm', '-M', 'mps2-an386', '-cpu', 'cortex-m4', '-nographic', '-monitor', 'none',
        '-semihosting-config', 'enable=on,target=native',
        '-netdev', 'user,id=n0', '-net', 'nic,netdev=n0,model=lan9118']
QEMU_LIMIT = 120  # seconds per run
HEAP_SYMBOLS = {'malloc', '_malloc_r', 'calloc', '_calloc_r', 'realloc', '_realloc_r', 'free', '_free_r',
                '_sbrk', '_sbrk_r'}


def first_diff(a, b):
    n = min(len(a), len(b))
    i = next((k for k in range(n) if a[k] != b[k]), n)
    lo = max(0, i - 80)
    return ('lengths %d and %d, first difference at byte %d\n  firmware: %r\n  cli     : %r'
            % (len(a), len(b), i, a[lo:i + 80], b[lo:i + 80]))


class Endpoint:
    """tests/endpoint/aws_endpoint.py on 127.0.0.1, ephemeral ports (extra: its options)."""

    def __init__(self, state_dir, extra=()):
        self.log = open(os.path.join(state_dir, 'endpoint.stderr'), 'wb')
        self.proc = subprocess.Popen([PY, ENDPOINT, '--https-port', '0', '--http-port', '0',
                                      '--seed', '7', '--state-dir', state_dir] + list(extra),
                                     stdout=subprocess.PIPE, stderr=self.log)
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        line = self.proc.stdout.readline() if sel.select(30) else b''
        sel.close()
        if not line:
            raise RuntimeError('the endpoint did not start')
        self.ready = ready = json.loads(line)
        self.https, self.http, self.ca = ready['https_port'], ready['http_port'], ready['ca']

    def control(self, method, path, body=None):
        conn = http.client.HTTPConnection('127.0.0.1', self.http, timeout=30)
        try:
            conn.request(method, path, body=json.dumps(body).encode() if body is not None else None,
                         headers={'X-Tinyaws-Control': '1'})
            resp = conn.getresponse()
            data = resp.read()
        finally:
            conn.close()
        if resp.status != 200:
            raise RuntimeError('control %s %s: HTTP %d %r' % (method, path, resp.status, data[:200]))
        return json.loads(data)

    def url(self, scheme):
        return '%s://localhost:%d' % (scheme, self.https if scheme == 'https' else self.http)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.log.close()


class Runner:
    def __init__(self, fw_dir, cli, ep):
        self.list_elf = os.path.join(fw_dir, 'fw-list.elf')
        self.contract_elf = os.path.join(fw_dir, 'fw-contract.elf')
        self.iot_elf = os.path.join(fw_dir, 'fw-iot.elf')
        self.cli, self.ep = cli, ep

    def qemu(self, elf, args):
        """(exit code, stdout, stderr, seconds) of one firmware run."""
        t0 = time.monotonic()
        try:
            p = subprocess.run(QEMU + ['-kernel', elf, '-append', ' '.join(args)], capture_output=True,
                               timeout=QEMU_LIMIT, stdin=subprocess.DEVNULL)
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired:
            rc, out, err = None, b'', b'(QEMU killed after %d s)' % QEMU_LIMIT
        return rc, out, err, time.monotonic() - t0

    def firmware(self, scheme, service, op, params=(), paging=(), tls=None, ca=None, extra=()):
        args = ['--endpoint-url', self.ep.url(scheme), '--access-key', AK, '--secret-key', SK,
                '--report'] + list(extra)
        if scheme == 'https':
            args += ['--ca', ca or self.ep.ca]
        if tls:
            args += ['--tls', tls]
        for k, v in paging:
            args += ['--' + k, v]
        args += [service, op] + ['%s=%s' % (wire, v) for wire, _, v in params]
        return self.qemu(self.list_elf, args)

    def host_cli(self, scheme, service, op, params=(), paging=()):
        args = [self.cli, '--endpoint-url', self.ep.url(scheme), '--output', 'jsonl', service, op]
        if scheme == 'https':
            args += ['--ca-bundle', self.ep.ca]
        for k, v in paging:
            args += ['--' + k, v]
        for _, opt, v in params:
            args += [opt, v]
        env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'LC_ALL': 'C', 'AWS_ACCESS_KEY_ID': AK,
               'AWS_SECRET_ACCESS_KEY': SK, 'AWS_REGION': 'us-east-1'}
        p = subprocess.run(args, capture_output=True, env=env, timeout=120)
        return p.returncode, p.stdout, p.stderr

    def stats(self):
        return self.ep.control('GET', '/__tinyaws/stats')

    def compare(self, name, scheme, service, op, params=(), paging=(), tls=None, extra=()):
        """The firmware's and the CLI's output for one listing, byte for byte; for HTTPS, the
        negotiated version as the firmware reports it and as the endpoint counted it."""
        s0 = self.stats()
        rc, out, err, secs = self.firmware(scheme, service, op, params, paging, tls, extra=extra)
        s1 = self.stats()
        crc, cout, cerr = self.host_cli(scheme, service, op, params, paging)
        detail = 'firmware exit %s, %.1f s; stderr:\n%s\ncli exit %s; stderr:\n%s' % (
            rc, secs, err.decode(errors='replace')[-1500:], crc, cerr.decode(errors='replace')[-600:])
        lines = out.count(b'\n')
        ok(rc == 0 and crc == 0, '%s: firmware and CLI exit 0 (%d lines, %.1f s in QEMU)' % (name, lines, secs),
           detail)
        ok(rc == 0 and out == cout and lines > 0, '%s: output identical to the CLI\'s --output jsonl' % name,
           detail + '\n' + first_diff(out, cout))
        if scheme == 'https' and tls:
            key = {'1.2': 'tls12_handshakes', '1.3': 'tls13_handshakes'}[tls]
            shown = ('version=TLSv%s' % tls).encode()
            ok(s1[key] - s0[key] == 1 and s1['tls_handshakes'] - s0['tls_handshakes'] == 1 and shown in err,
               '%s: one TLS %s handshake (the endpoint counted it, the firmware reports it)' % (name, tls),
               'endpoint: %r -> %r\n%s' % (s0, s1, err.decode(errors='replace')[:300]))
        return out, err


def link_check(fw_dir):
    for name in ('fw-list.elf', 'fw-contract.elf', 'fw-iot.elf'):
        elf = os.path.join(fw_dir, name)
        p = subprocess.run(['arm-none-eabi-nm', elf], capture_output=True, text=True)
        syms = {line.split()[-1] for line in p.stdout.splitlines() if line.strip()}
        heap = sorted(syms & HEAP_SYMBOLS)
        ok(p.returncode == 0 and 'main' in syms and not heap,
           '%s: no heap function in the image (nm)' % name, 'found: %s' % ', '.join(heap))


def contract(r):
    srv = PortServers('127.0.0.1')
    try:
        rc, out, err, secs = r.qemu(r.contract_elf, srv.args())
    finally:
        srv.close()
    lines = out.decode(errors='replace').splitlines()
    n = relay(lines, ok)
    ok(rc == 0 and lines and lines[-1] == '%d passed, 0 failed' % n,
       'port/lwip-raw contract ran to its end in QEMU (exit %s, %.1f s)' % (rc, secs),
       err.decode(errors='replace')[-1500:])


def chain(r):
    """--max-items 150 --page-size 40 with resume tokens: each step identical to the CLI's
    step, and the firmware's chain concatenates to the full list."""
    base = [('page-size', '40'), ('max-items', '150')]
    tok_fw = tok_cli = None
    items, step = [], 0
    while step < 6:
        step += 1
        rc, out, err, secs = r.firmware('https', 'bedrock', 'list-model-invocation-jobs',
                                        paging=base + ([('starting-token', tok_fw)] if tok_fw else []), tls='1.3')
        crc, cout, cerr = r.host_cli('https', 'bedrock', 'list-model-invocation-jobs',
                                     paging=base + ([('starting-token', tok_cli)] if tok_cli else []))
        ok(rc == 0 and out == cout, 'resume chain step %d: identical to the CLI\'s step (%.1f s)' % (step, secs),
           'exit %s / %s\n%s\n%s' % (rc, crc, err.decode(errors='replace')[-800:], first_diff(out, cout)))
        tok_fw = tok_cli = None
        for line in out.decode(errors='replace').splitlines():
            doc = json.loads(line)
            if list(doc) == ['NextToken']:
                tok_fw = doc['NextToken']
            else:
                items.append(doc)
        for line in cout.decode(errors='replace').splitlines():
            doc = json.loads(line)
            if list(doc) == ['NextToken']:
                tok_cli = doc['NextToken']
        if not tok_fw:
            break
    crc, full, _ = r.host_cli('https', 'bedrock', 'list-model-invocation-jobs')
    want = [json.loads(x) for x in full.decode().splitlines()]
    ok(step == 3 and items == want and len(items) == 400,
       'resume chain: %d steps, %d items, equal to the full list' % (step, len(items)))


def faults(r):
    """A reset 20,000 bytes into the first page's body, then a throttle on its retry: the
    listing still completes with every item exactly once (identical to a clean run)."""
    args = ('https', 'bedrock-runtime', 'list-async-invokes', (), [('page-size', '100')], '1.3')
    crc, clean, _ = r.host_cli(*args[:5])
    r.ep.control('POST', '/__tinyaws/reset')
    r.ep.control('POST', '/__tinyaws/faults', [{'drop_after_bytes': 20000, 'rst': True}, {'throttle': True}])
    rc, out, err, secs = r.firmware(*args)
    st = r.stats()
    pending = r.ep.control('GET', '/__tinyaws/faults')
    log = r.ep.control('GET', '/__tinyaws/log')
    faulted = [e.get('fault') for e in log if e.get('fault')]
    lines = out.decode(errors='replace').splitlines()
    arns = [json.loads(x)['invocationArn'] for x in lines]
    ok(rc == 0 and out == clean and len(arns) == 2500 and len(set(arns)) == 2500,
       'faults: reset mid-body, then throttled: all 2,500 items exactly once, output as a clean run (%.1f s)'
       % secs, 'exit %s\n%s\n%s' % (rc, err.decode(errors='replace')[-1500:], first_diff(out, clean)))
    ok(not pending and len(faulted) == 2 and st['requests'] == 27,
       'faults: both consumed, 27 requests for 25 pages (%d handshakes)' % st['tls_handshakes'],
       'pending %r, faulted %r, stats %r' % (pending, faulted, st))


def wrong_ca(r, tmp):
    import certs  # tests/endpoint/certs.py: a CA that did not sign the endpoint's certificate
    other = os.path.join(tmp, 'other-ca')
    certs.generate(other)
    s0 = r.stats()
    rc, out, err, secs = r.firmware('https', 'bedrock', 'list-model-copy-jobs', tls='1.3',
                                    ca=os.path.join(other, 'ca.pem'))
    s1 = r.stats()
    ok(rc == 255 and out == b'' and b'not trusted by the CA bundle' in err and s1['requests'] == s0['requests'],
       'a wrong CA is refused: exit 255, nothing listed, no request sent (%.1f s)' % secs,
       'exit %s\nstdout %r\nstderr %s' % (rc, out[:200], err.decode(errors='replace')[-800:]))


def iot_device(r):
    """fw-iot.elf (examples/iot_device/device.c on the board): no AWS keys, credentials from
    the endpoint's AWS IoT credentials provider over mutual TLS, then every invocation job as
    "<jobName>\\t<status>", the lines the CLI's listing (with static keys) gives; the pool
    handed back whole. Another CA's certificate and a key of another certificate are refused."""
    d = r.ep.ready['iot_dir']
    crc, full, cerr = r.host_cli('https', 'bedrock', 'list-model-invocation-jobs')
    want = b''.join(b'%s\t%s\n' % (j['jobName'].encode(), j['status'].encode())
                    for j in map(json.loads, full.decode().splitlines()))

    def run(cert, key, thing='tinyaws-thing'):
        r.ep.control('POST', '/__tinyaws/credentials/reset')
        args = ['--iot-endpoint', 'localhost:%d' % r.ep.ready['iot_port'], '--role-alias', 'tinyaws-role-alias',
                '--thing', thing, '--cert', os.path.join(d, cert), '--key', os.path.join(d, key),
                '--ca', r.ep.ca, '--endpoint-url', r.ep.url('https'), '--report']
        rc, out, err, secs = r.qemu(r.iot_elf, args)
        return rc, out, err.decode(errors='replace'), secs, r.ep.control('GET', '/__tinyaws/credentials/stats')

    for cert, key in (('thing-ec.pem', 'thing-ec-key.pem'), ('thing-rsa.der', 'thing-rsa-key.der')):
        rc, out, err, secs, st = run(cert, key)
        ok(crc == 0 and want.count(b'\n') == 400 and rc == 0 and out == want,
           'iot device (%s, %s): 400 jobs with IoT credentials, the CLI\'s listing (%.1f s in QEMU)'
           % (cert, key, secs), 'exit %s\n%s\n%s' % (rc, err[-1500:], first_diff(out, want)))
        ok(st['iot']['issued'] == 1 and st['aws']['temporary_accepted'] == 8 and
           'provider asked 1 time(s)' in err,
           'iot device (%s): one credential over mutual TLS signed all 8 pages' % cert, '%r\n%s' % (st, err))
        ok(' pool_in_use=0' in err and ' pool_max=' in err,
           'iot device (%s): mbedTLS\'s pool handed back whole (%s)'
           % (cert, ' '.join(w for w in err.split() if w.startswith(('pool_max=', 'stack_peak=')))), err)
    rc, out, err, secs, st = run('other-ca-ec.pem', 'other-ca-ec-key.pem')
    ok(rc == 255 and out == b'' and 'Error when retrieving credentials from iot: The AWS IoT credentials provider '
       'refused the TLS connection' in err and st['iot']['issued'] == 0 and st['aws']['temporary_accepted'] == 0,
       'iot device: another CA\'s certificate is refused in the handshake, nothing listed', err[-800:])
    rc, out, err, secs, st = run('thing-ec.pem', 'thing-rsa-key.pem')
    ok(rc == 255 and out == b'' and 'device identity: ' in err and st['iot']['tls_handshakes'] == 0,
       'iot device: a key of another certificate is refused before connecting', err[-800:])


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument('--fw-dir', default=os.path.join(ROOT, 'build', 'fw'))
    ap.add_argument('--cli', default=os.path.join(ROOT, 'build', 'tinyaws'))
    a = ap.parse_args(argv[1:])
    if shutil.which('qemu-system-arm') is None:
        print('SKIP: qemu-system-arm is not installed (Debian package qemu-system-arm)')
        return
    link_check(a.fw_dir)
    tmp = tempfile.mkdtemp(prefix='taws-fw-')
    ep = None
    try:
        ep = Endpoint(tmp, ['--iot-port', '0'])
        r = Runner(a.fw_dir, a.cli, ep)
        contract(r)
        target = max(ep.control('GET', '/__tinyaws/ssm-targets'), key=lambda t: t['count'])
        r.compare('async invokes, 25 pages of 100, TLS 1.3', 'https', 'bedrock-runtime', 'list-async-invokes',
                  paging=[('page-size', '100')], tls='1.3')
        r.compare('copy jobs, pages of 7, --max-items 30 (a resume token), TLS 1.2', 'https', 'bedrock',
                  'list-model-copy-jobs', paging=[('page-size', '7'), ('max-items', '30')], tls='1.2')
        r.compare('import jobs, statusEquals=Completed, ascending, pages of 20, TLS 1.3', 'https', 'bedrock',
                  'list-model-import-jobs', params=[('statusEquals', '--status-equals', 'Completed'),
                                                    ('sortOrder', '--sort-order', 'Ascending')],
                  paging=[('page-size', '20')], tls='1.3')
        r.compare('invocation jobs, pages of 50, plain HTTP, static 10.0.2.15 (no DHCP)', 'http', 'bedrock',
                  'list-model-invocation-jobs', paging=[('page-size', '50')], extra=['--static'])
        r.compare('ssm task invocations (POST, %d items, pages of 40), TLS 1.2' % target['count'], 'https',
                  'ssm', 'describe-maintenance-window-execution-task-invocations',
                  params=[('WindowExecutionId', '--window-execution-id', target['WindowExecutionId']),
                          ('TaskId', '--task-id', target['TaskId'])], paging=[('page-size', '40')], tls='1.2')
        chain(r)
        faults(r)
        wrong_ca(r, tmp)
        iot_device(r)
    finally:
        if ep:
            ep.stop()
        shutil.rmtree(tmp, ignore_errors=True)


class Interrupted(BaseException):
    pass


def on_signal(sig, frame):
    for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):  # cleanup must not be cut short
        signal.signal(s, signal.SIG_IGN)
    raise Interrupted(sig)


if __name__ == '__main__':
    for sig_ in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig_, on_signal)
    try:
        main(sys.argv)  # stops the endpoint and removes its directory on every way out
    except Interrupted as e:
        ok(False, 'firmware test interrupted by signal %d' % e.args[0])
    except Exception as e:  # a setup failure is a failure, reported
        ok(False, 'firmware test ran to completion', '%s: %s' % (type(e).__name__, e))
    finish()
