#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""tinyaws over Debian's lwIP (build/tinyaws-lwip) against the local AWS endpoint over HTTPS,
compared byte for byte with the POSIX build (build/tinyaws).

The test creates a network namespace of its own with a TAP device tap0 (10.77.0.1/24, MTU 576:
the packaged lwIP mis-sizes its buffers for larger frames, see ../shared/NOTES.md). lwIP in
tinyaws-lwip is 10.77.0.2 on the other end of tap0 and maps `localhost` to 10.77.0.1, where
endpoint A listens. The POSIX build runs in the same namespace against endpoint B on
127.0.0.1; both endpoints have the same seed, so the same datasets and page tokens, and every
command must give the same stdout, stderr and exit code through both ports. Before that,
build/test_port_lwip checks the port's contract call by call over the same stack.

Needs root (/dev/net/tun, ip netns); otherwise prints SKIP and "0 passed, 0 failed", exit 0.
See tests/lwip/README.md.

Usage: test_lwip.py [TINYAWS_LWIP [TINYAWS_POSIX [TEST_PORT_LWIP]]]
       (default build/tinyaws-lwip build/tinyaws build/test_port_lwip)
Environment: TINYAWS_LWIP_VALGRIND=0 runs nothing under valgrind.
"""
import ctypes
import http.client
import json
import os
import secrets
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
from port_servers import PortServers, relay  # noqa: E402  (the contract's servers)
sys.path.insert(0, os.path.join(ROOT, 'tests'))
from tap import ok, finish  # noqa: E402  (the report: ok - / not ok - / N passed, M failed)
PY = '/usr/bin/python3'
ENDPOINT = os.path.join(ROOT, 'tests', 'endpoint', 'aws_endpoint.py')
TAP, LINUX_IP, LWIP_IP, MTU = 'tap0', '10.77.0.1', '10.77.0.2', '576'
SEED = '7'
AK, SK = 'AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
# The lwIP threads still run at exit: their stacks are "possibly lost", not errors.
VALGRIND = ['valgrind', '-q', '--error-exitcode=99', '--leak-check=full',
            '--show-leak-kinds=definite,indirect', '--errors-for-leak-kinds=definite,indirect']

LIBC = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000


def skip(reason):
    print(reason)
    print('SKIP: ' + reason)
    print('0 passed, 0 failed')
    sys.exit(0)


def sh(*cmd, check=True):
    p = subprocess.run(list(cmd), capture_output=True, text=True, timeout=60)
    if check and p.returncode != 0:
        raise RuntimeError('%s: exit %d: %s' % (' '.join(cmd), p.returncode, p.stderr.strip()))
    return p


def first_diff(a, b):
    """Where two byte strings first differ, with a little context from each."""
    n = min(len(a), len(b))
    i = next((k for k in range(n) if a[k] != b[k]), n)
    lo = max(0, i - 60)
    return ('lengths %d and %d, first difference at byte %d\n  lwip : %r\n  posix: %r'
            % (len(a), len(b), i, a[lo:i + 60], b[lo:i + 60]))


class Namespace:
    """A uniquely named network namespace with tap0 configured; everything started in it is
    stopped, and the namespace deleted, by close()."""

    def __init__(self):
        self.name = 'tinyaws-lwip-%d-%s' % (os.getpid(), secrets.token_hex(3))
        self.procs = []
        self.created = False
        self.home = None  # our own namespace while this thread is inside the test's

    def enter(self):
        """Moves this thread into the namespace, so control calls need no subprocess."""
        self.home = os.open('/proc/self/ns/net', os.O_RDONLY)
        fd = os.open('/run/netns/' + self.name, os.O_RDONLY)
        try:
            if LIBC.setns(fd, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), 'setns ' + self.name)
        finally:
            os.close(fd)

    def leave(self):
        if self.home is not None:
            LIBC.setns(self.home, CLONE_NEWNET)
            os.close(self.home)
            self.home = None

    def create(self):
        sh('ip', 'netns', 'add', self.name)
        self.created = True
        sh('ip', '-n', self.name, 'link', 'set', 'lo', 'up')
        sh('ip', '-n', self.name, 'tuntap', 'add', 'dev', TAP, 'mode', 'tap')
        sh('ip', '-n', self.name, 'addr', 'add', LINUX_IP + '/24', 'dev', TAP)
        sh('ip', '-n', self.name, 'link', 'set', TAP, 'mtu', MTU, 'up')

    def cmd(self, *args):
        return ['ip', 'netns', 'exec', self.name] + list(args)

    def tap_bytes(self):
        """(rx, tx) byte counters of the Linux side of tap0."""
        p = sh('ip', '-n', self.name, '-s', '-j', 'link', 'show', 'dev', TAP)
        st = json.loads(p.stdout)[0]['stats64']
        return st['rx']['bytes'], st['tx']['bytes']

    def close(self):
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
        for p in self.procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            if p.stdout:
                p.stdout.close()
        self.leave()
        if not self.created:
            return
        # Anything else still running in our namespace was started by this test.
        p = sh('ip', 'netns', 'pids', self.name, check=False)
        for pid in p.stdout.split():
            try:
                if int(pid) != os.getpid():
                    os.kill(int(pid), signal.SIGKILL)
            except (ProcessLookupError, ValueError):
                pass
        sh('ip', 'netns', 'del', self.name, check=False)
        self.created = False


class Endpoint:
    """tests/endpoint/aws_endpoint.py inside the namespace, bound to one address."""

    def __init__(self, ns, bind, state_dir, https_port=0, http_port=0):
        self.ns, self.bind = ns, bind
        self.log = open(os.path.join(state_dir, 'endpoint.stderr'), 'wb')
        self.proc = subprocess.Popen(
            ns.cmd(PY, ENDPOINT, '--https-port', str(https_port), '--http-port', str(http_port),
                   '--bind', bind, '--seed', SEED, '--state-dir', state_dir),
            stdout=subprocess.PIPE, stderr=self.log)
        ns.procs.append(self.proc)
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        line = self.proc.stdout.readline() if sel.select(30) else b''
        sel.close()
        if not line:
            raise RuntimeError('endpoint on %s did not start: %s' % (bind, self.stderr_tail()))
        ready = json.loads(line)
        self.https, self.http, self.ca = ready['https_port'], ready['http_port'], ready['ca']

    def stderr_tail(self):
        self.log.flush()
        with open(self.log.name, 'rb') as f:
            return f.read()[-2000:].decode(errors='replace')

    def control(self, method, path, body=None):
        """The parsed JSON answer of a control call (this thread is in the namespace)."""
        conn = http.client.HTTPConnection(self.bind, self.http, timeout=30)
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


def use_valgrind():
    return os.environ.get('TINYAWS_LWIP_VALGRIND', '1') != '0' and shutil.which('valgrind')


def port_contract(ns, port_bin):
    """test_port_lwip (under valgrind when there is one): the port contract over lwIP
    (tests/port/port_contract.c); its ok/not ok lines count here, and valgrind's findings
    make its exit code non-zero."""
    srv = PortServers(LINUX_IP)  # this thread is in the namespace
    wrapper = VALGRIND if use_valgrind() else []
    try:
        p = subprocess.run(ns.cmd(*wrapper, port_bin, *srv.args()), capture_output=True,
                           env={'PATH': os.environ.get('PATH', '/usr/bin:/bin'),
                                'PRECONFIGURED_TAPIF': TAP}, timeout=180)
    finally:
        srv.close()
    lines = p.stdout.decode(errors='replace').splitlines()
    n = relay(lines, ok)
    ok(p.returncode == 0 and lines and lines[-1] == '%d passed, 0 failed' % n,
       'test_port_lwip ran to its end%s (exit %s)' % (' under valgrind' if wrapper else '', p.returncode),
       p.stderr.decode(errors='replace')[-2000:])


class Runner:
    def __init__(self, ns, lwip_bin, posix_bin, ep_lwip, ep_posix):
        self.ns, self.lwip_bin, self.posix_bin = ns, lwip_bin, posix_bin
        self.ep = {'lwip': ep_lwip, 'posix': ep_posix}
        base = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'LC_ALL': 'C',
                'AWS_ACCESS_KEY_ID': AK, 'AWS_SECRET_ACCESS_KEY': SK, 'AWS_REGION': 'us-east-1'}
        self.env = {'lwip': dict(base, PRECONFIGURED_TAPIF=TAP), 'posix': base}

    def run(self, side, args, env=None, wrapper=(), timeout=300):
        """(exit code, stdout, stderr, seconds) of one tinyaws run inside the namespace."""
        ep = self.ep[side]
        e = dict(self.env[side])
        e.update(env or {})
        prog = self.lwip_bin if side == 'lwip' else self.posix_bin
        full = self.ns.cmd(*wrapper, prog, *args)
        if not any(a == '--endpoint-url' for a in args):
            full += ['--endpoint-url', 'https://localhost:%d' % ep.https, '--ca-bundle', ep.ca]
        t0 = time.monotonic()
        try:
            p = subprocess.run(full, capture_output=True, env=e, timeout=timeout)
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired:
            rc, out, err = None, b'', b'(killed after %d s)' % timeout
        return rc, out, err, time.monotonic() - t0

    def both(self, name, args, expect_rc=0, env=None, setup=None):
        """Runs args through lwIP and POSIX; checks exit codes and that stdout and stderr are
        byte-identical. setup(endpoint) runs before each side (e.g. to queue a fault)."""
        res, wire = {}, {}
        for side in ('lwip', 'posix'):
            ep = self.ep[side]
            if setup:
                setup(ep)
            s0 = ep.control('GET', '/__tinyaws/stats')
            res[side] = self.run(side, args, env=env)
            s1 = ep.control('GET', '/__tinyaws/stats')
            wire[side] = tuple(s1[k] - s0[k] for k in ('requests', 'tls_handshakes'))
        (lrc, lout, lerr, lt), (prc, pout, perr, pt) = res['lwip'], res['posix']
        detail = ('tinyaws %s\nexit lwip %s posix %s (expected %d); %.1f s / %.1f s\n'
                  'lwip stderr: %s\nposix stderr: %s'
                  % (' '.join(args), lrc, prc, expect_rc, lt, pt,
                     lerr[-600:].decode(errors='replace'), perr[-600:].decode(errors='replace')))
        good = lrc == expect_rc and prc == expect_rc
        ok(good, '%s: exit %d through both ports (lwIP %.2f s, POSIX %.2f s)'
           % (name, expect_rc, lt, pt), detail)
        ok(good and lout == pout and (expect_rc != 0 or lout), '%s: stdout identical (%d bytes)'
           % (name, len(lout)), detail + '\n' + first_diff(lout, pout))
        ok(lerr == perr, '%s: stderr identical' % name, detail + '\n' + first_diff(lerr, perr))
        # The same client over either port: as many requests and TLS handshakes.
        ok(wire['lwip'] == wire['posix'], '%s: %d requests, %d TLS handshakes on each endpoint'
           % ((name,) + wire['posix']), 'lwip %r, posix %r' % (wire['lwip'], wire['posix']))
        return res


def main(argv):
    lwip_bin = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(ROOT, 'build', 'tinyaws-lwip'))
    posix_bin = os.path.abspath(argv[2] if len(argv) > 2 else os.path.join(ROOT, 'build', 'tinyaws'))
    port_bin = os.path.abspath(argv[3] if len(argv) > 3 else os.path.join(ROOT, 'build', 'test_port_lwip'))
    if os.geteuid() != 0:
        skip('not root: the lwIP test needs /dev/net/tun and ip netns')
    if not os.path.exists('/dev/net/tun'):
        skip('no /dev/net/tun: the lwIP test needs a TAP device')
    if shutil.which('ip') is None:
        skip('no ip command (Debian package iproute2)')
    for b in (lwip_bin, posix_bin, port_bin):
        if not os.access(b, os.X_OK):
            ok(False, 'binary %s exists' % b, 'build it first: make lwip-test builds all three')
            return
    ns = Namespace()
    tmp = tempfile.mkdtemp(prefix='taws-lwip-')
    try:
        try:
            ns.create()
        except RuntimeError as e:
            ns.close()
            skip('cannot create a network namespace with a TAP device here: %s' % e)
        os.makedirs(os.path.join(tmp, 'a'))
        os.makedirs(os.path.join(tmp, 'b'))
        ns.enter()
        port_contract(ns, port_bin)
        ep_lwip = Endpoint(ns, LINUX_IP, os.path.join(tmp, 'a'))
        # The same port numbers on 127.0.0.1, so that URLs in messages are identical too.
        ep_posix = Endpoint(ns, '127.0.0.1', os.path.join(tmp, 'b'), ep_lwip.https, ep_lwip.http)
        checks(Runner(ns, lwip_bin, posix_bin, ep_lwip, ep_posix), ns, ep_lwip, ep_posix)
    finally:
        ns.close()
        shutil.rmtree(tmp, ignore_errors=True)


def checks(r, ns, ep_lwip, ep_posix):
    # The two endpoints serve the same data (the comparison is only fair if they do).
    targets = ep_lwip.control('GET', '/__tinyaws/ssm-targets')
    same = all(ep_lwip.control('GET', '/__tinyaws/dataset/' + op) ==
               ep_posix.control('GET', '/__tinyaws/dataset/' + op)
               for op in ('ListAsyncInvokes', 'ListModelCopyJobs', 'ListModelInvocationJobs'))
    ok(same and targets == ep_posix.control('GET', '/__tinyaws/ssm-targets'),
       'endpoints A (10.77.0.1) and B (127.0.0.1) serve the same datasets')
    big = max(targets, key=lambda t: t['count'])

    # 1. 2,500 items in 25 pages over one TLS connection; the bytes cross tap0.
    rx0, tx0 = ns.tap_bytes()
    res = r.both('list-async-invokes --page-size 100',
                 ['bedrock-runtime', 'list-async-invokes', '--page-size', '100'])
    rx1, tx1 = ns.tap_bytes()
    try:
        items = json.loads(res['lwip'][1])['asyncInvokeSummaries']
    except ValueError:
        items = []
    ok(len(items) == 2500, 'list-async-invokes: 2,500 items through lwIP (got %d)' % len(items))
    # The items as compact JSON: less than what came over the wire (TLS, headers, page tokens).
    compact = len(json.dumps(items, separators=(',', ':')))
    ok(tx1 - tx0 > compact and rx1 - rx0 > 25 * 300,
       'the lwIP run crossed tap0: %d bytes to lwIP (items: %d bytes), %d from it'
       % (tx1 - tx0, compact, rx1 - rx0))

    # 2. --max-items across pages of 7.
    r.both('list-model-copy-jobs --max-items 30 --page-size 7',
           ['bedrock', 'list-model-copy-jobs', '--max-items', '30', '--page-size', '7'])

    # 3. SSM (awsJson1_1, POST bodies) on the largest target.
    res = r.both('ssm task invocations (%d items)' % big['count'],
                 ['ssm', 'describe-maintenance-window-execution-task-invocations',
                  '--window-execution-id', big['WindowExecutionId'], '--task-id', big['TaskId']])
    try:
        n = len(json.loads(res['lwip'][1])['WindowExecutionTaskInvocationIdentities'])
    except ValueError:
        n = -1
    ok(n == big['count'], 'ssm: %d invocations through lwIP (got %d)' % (big['count'], n))

    # 4. A --max-items/--starting-token chain, each step through both ports; the lwIP chain
    #    concatenates to the full list.
    base = ['bedrock', 'list-model-invocation-jobs', '--page-size', '40', '--max-items', '150']
    token, items, step = None, [], 0
    while step < 10:
        step += 1
        args = base + (['--starting-token', token] if token else [])
        res = r.both('invocation jobs chain step %d' % step, args)
        try:
            doc = json.loads(res['lwip'][1])
        except ValueError:
            break
        items += doc.get('invocationJobSummaries', [])
        token = doc.get('NextToken')
        if not token:
            break
    full = r.run('lwip', ['bedrock', 'list-model-invocation-jobs'])
    try:
        want = json.loads(full[1])['invocationJobSummaries']
    except ValueError:
        want = None
    ok(step == 3 and items == want and len(items) == 400,
       'chain of %d steps through lwIP equals the full list (%d items)' % (step, len(items)))

    # 5. jsonl output with a filter and a sort.
    r.both('list-model-import-jobs jsonl, filter, ascending',
           ['bedrock', 'list-model-import-jobs', '--status-equals', 'Completed',
            '--sort-order', 'Ascending', '--output', 'jsonl'])

    # 6. Wire variations: a new connection per page (Connection: close) and 7-byte chunks.
    knobs = {'close': True, 'chunked': 7}
    r.both('Connection: close, 7-byte chunks', ['bedrock', 'list-model-copy-jobs', '--page-size', '50'],
           setup=lambda ep: ep.control('POST', '/__tinyaws/config', knobs))
    for ep in (ep_lwip, ep_posix):
        ep.control('POST', '/__tinyaws/reset')

    # 7. Errors: the service's (wrong secret), a refused connection, a stalled response with a
    #    read timeout, a reset mid-body, and a throttle that the client retries (sleep, random).
    r.both('wrong secret', ['bedrock', 'list-model-copy-jobs'], expect_rc=254,
           env={'AWS_SECRET_ACCESS_KEY': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ'})
    r.both('connection refused', ['bedrock', 'list-model-copy-jobs', '--endpoint-url',
                                  'https://localhost:1', '--ca-bundle', ep_lwip.ca], expect_rc=255)
    one_try = {'AWS_MAX_ATTEMPTS': '1'}
    r.both('unknown host (no DNS in the lwIP build, not in the host table)',
           ['bedrock', 'list-model-copy-jobs', '--endpoint-url', 'https://nosuch.invalid',
            '--ca-bundle', ep_lwip.ca], expect_rc=255, env=one_try)
    # A numeric address goes straight to lwIP (no host table): endpoint A answers, and its
    # certificate does not name 10.77.0.1 for mbedTLS, through either port.
    r.both('numeric address 10.77.0.1 (certificate names localhost)',
           ['bedrock', 'list-model-copy-jobs', '--endpoint-url',
            'https://%s:%d' % (LINUX_IP, ep_lwip.https), '--ca-bundle', ep_lwip.ca],
           expect_rc=255, env=one_try)
    res = r.both('read timeout (server stalls 4 s, --cli-read-timeout 1)',
                 ['bedrock', 'list-model-copy-jobs', '--cli-read-timeout', '1'], expect_rc=255,
                 env=one_try,
                 setup=lambda ep: ep.control('POST', '/__tinyaws/faults', [{'stall_seconds': 4}]))
    ok(res['lwip'][3] < 1.8, 'lwIP read timeout after %.2f s (limit 1 s)' % res['lwip'][3])
    r.both('reset after 100 body bytes', ['bedrock', 'list-model-copy-jobs'], expect_rc=255,
           env=one_try,
           setup=lambda ep: ep.control('POST', '/__tinyaws/faults',
                                       [{'drop_after_bytes': 100, 'rst': True}]))
    r.both('throttled once, then retried', ['bedrock', 'list-model-copy-jobs', '--max-items', '5'],
           setup=lambda ep: ep.control('POST', '/__tinyaws/faults', [{'throttle': True}]))

    # 8. A connect timeout: 10.77.0.99 never answers ARP.
    res = r.both('connect timeout (--cli-connect-timeout 1)',
                 ['bedrock', 'list-model-copy-jobs', '--cli-connect-timeout', '1',
                  '--endpoint-url', 'https://10.77.0.99:443', '--ca-bundle', ep_lwip.ca],
                 expect_rc=255, env=one_try)
    ok(res['lwip'][3] < 1.8, 'lwIP connect timeout after %.2f s (limit 1 s)' % res['lwip'][3])

    # 9. Once under valgrind: mbedTLS over lwIP, no invalid access and no leak.
    if use_valgrind():
        args = ['bedrock', 'list-model-copy-jobs', '--max-items', '30', '--page-size', '7']
        v = r.run('lwip', args, wrapper=VALGRIND, timeout=600)
        p = r.run('posix', args)
        ok(v[0] == 0 and v[2] == b'' and v[1] == p[1] and v[1],
           'valgrind: lwIP run clean, output identical (%.1f s)' % v[3],
           'exit %s\n%s' % (v[0], v[2][-3000:].decode(errors='replace')))


class Interrupted(BaseException):
    pass


def on_signal(sig, frame):
    for s in SIGNALS:  # a second signal must not cut the cleanup short
        signal.signal(s, signal.SIG_IGN)
    raise Interrupted(sig)


SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

if __name__ == '__main__':
    for sig in SIGNALS:
        signal.signal(sig, on_signal)
    try:
        main(sys.argv)  # cleans up the namespace and its processes on every way out
    except Interrupted as e:
        ok(False, 'lwIP test interrupted by signal %d' % e.args[0])
    except Exception as e:  # a setup failure is a failure, reported, after cleanup
        ok(False, 'lwIP test ran to completion', '%s: %s' % (type(e).__name__, e))
    finish()
