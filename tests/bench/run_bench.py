#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""make bench: measures tinyaws and writes BENCHMARKS.md and bench.png.

  run_bench.py --cli build/tinyaws --bin build/bench [--rounds 5] [--out BENCHMARKS.md]
               [--plot bench.png] [--models ../shared/aws-models]

1. End to end: the local AWS endpoint over HTTPS with 10,000 async invocations (10 pages of
   1,000) and 10,000 SSM task invocations (100 pages of 100). tinyaws, the AWS CLI v2
   (/usr/bin/aws) and a boto3 paginator run alternately; wall time, user+sys CPU and peak RSS
   from GNU time; requests and TLS handshakes from the endpoint's /__tinyaws/stats; every run's
   items checked against the endpoint's dataset and against each other.
2. Instruction counts with callgrind: SigV4 signing, framing and decoding a saved page, the
   bare-jsmn floor, the pager over an in-memory replay, and build/tinyaws fetching one page
   over HTTPS, split by object.
3. Memory: heap calls (--wrap counter, memcheck and its xtree), the window-size sweep and the
   page-size sweep.
Every figure in the report is computed here from these runs; the commands are printed with it.
"""
import argparse
import copy
import datetime
import hashlib
import http.client
import json
import math
import os
import platform
import re
import select
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ in tests/bench
import cgfile  # noqa: E402

PY = '/usr/bin/python3'
AWS = '/usr/bin/aws'
TIME = '/usr/bin/time'
AK, SK = 'AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
REGION = 'us-east-1'
N_ITEMS = 10000
ASYNC_PAGE_SIZES = [10, 20, 50, 100, 200, 500, 1000]
WINDOWS = [512, 1024, 2048, 3072, 4096, 8192, 16384]
DEFAULT_WINDOW = 3072        # TAWS_WINDOW_SIZE in include/tinyaws/config.h (checked below)
T0 = time.time()


def log(msg):
    sys.stderr.write('[bench %5.0fs] %s\n' % (time.time() - T0, msg))
    sys.stderr.flush()


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')


def quote(argv, env=None):
    pre = ' '.join('%s=%s' % (k, shlex.quote(v)) for k, v in (env or {}).items())
    return (pre + ' ' if pre else '') + ' '.join(shlex.quote(a) for a in argv)


def die(msg):
    log('FAILED: ' + msg)
    sys.exit(1)


# ---- the local endpoint ---------------------------------------------------------------------

class Endpoint:
    def __init__(self, state_dir, args):
        os.makedirs(state_dir, exist_ok=True)
        self.argv = [PY, 'tests/endpoint/aws_endpoint.py', '--https-port', '0', '--http-port', '0',
                     '--state-dir', state_dir] + args
        self.err = open(os.path.join(state_dir, 'endpoint.stderr'), 'wb')
        self.proc = subprocess.Popen(self.argv, stdout=subprocess.PIPE, stderr=self.err)
        ready, _, _ = select.select([self.proc.stdout], [], [], 120)
        line = self.proc.stdout.readline() if ready else b''
        if not line:
            self.err.flush()
            with open(self.err.name, 'rb') as f:
                tail = f.read()[-1500:].decode(errors='replace')
            die('the endpoint did not start: %s\n%s' % (quote(self.argv), tail))
        info = json.loads(line)
        self.https, self.http, self.ca = info['https_port'], info['http_port'], os.path.relpath(info['ca'], REPO)
        self.url = 'https://localhost:%d' % self.https
        self.plain_url = 'http://localhost:%d' % self.http

    def control(self, method, path):
        conn = http.client.HTTPConnection('127.0.0.1', self.http, timeout=60)
        conn.request(method, path, headers={'X-Tinyaws-Control': '1'})
        r = conn.getresponse()
        body = r.read()
        conn.close()
        if r.status != 200:
            die('control %s %s: %d' % (method, path, r.status))
        return json.loads(body) if body else None

    def reset(self):
        self.control('POST', '/__tinyaws/reset')

    def stats(self):
        s = self.control('GET', '/__tinyaws/stats')
        # every control call opens its own plain connection; the GET itself is counted
        s['client_connections'] = s['connections'] - s['control_requests']
        return s

    def cpu_seconds(self):
        with open('/proc/%d/stat' % self.proc.pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.err.close()


# ---- comparing items ------------------------------------------------------------------------

class Normalizer:
    """Timestamps become integer microseconds since 1970 (whatever their wire or printed form),
    driven by the service model's timestamp members; everything else is compared as is."""

    def __init__(self, service, operation, key):
        import botocore.session
        model = botocore.session.get_session().get_service_model(service)
        self.shape = model.operation_model(operation).output_shape.members[key].member

    @staticmethod
    def micros(v):
        if isinstance(v, bool):
            raise ValueError('not a timestamp: %r' % v)
        if isinstance(v, (int, float)):
            return round(v * 1000000)
        dt = datetime.datetime.fromisoformat(v.replace('Z', '+00:00'))
        if dt.tzinfo is None:
            raise ValueError('timestamp without a zone: %r' % v)
        epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        return (dt - epoch) // datetime.timedelta(microseconds=1)

    def norm(self, v, shape=None):
        shape = shape or self.shape
        t = shape.type_name
        if t == 'structure' and isinstance(v, dict):
            return {k: self.norm(x, shape.members[k]) if k in shape.members else ('unknown member', x)
                    for k, x in v.items()}
        if t == 'list' and isinstance(v, list):
            return [self.norm(x, shape.member) for x in v]
        if t == 'timestamp':
            return ('ts', self.micros(v))
        return v


def first_difference(a, b):
    if len(a) != len(b):
        return 'item counts differ: %d vs %d' % (len(a), len(b))
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return 'item %d differs: %r vs %r' % (i, x, y)
    return None


def comparator_can_fail(items):
    """The comparison really compares: a changed timestamp, a changed string and a dropped item
    are each reported. Returns the number of perturbations caught (must be 3)."""
    caught = 0
    mid = len(items) // 2
    changed_ts = copy.deepcopy(items)
    ts_keys = [k for k, v in changed_ts[mid].items() if isinstance(v, tuple) and v[0] == 'ts']
    if ts_keys:
        changed_ts[mid][ts_keys[0]] = ('ts', changed_ts[mid][ts_keys[0]][1] + 1000)
        caught += first_difference(items, changed_ts) is not None
    changed_str = copy.deepcopy(items)
    str_keys = [k for k, v in changed_str[-1].items() if isinstance(v, str)]
    if str_keys:
        changed_str[-1][str_keys[0]] += 'x'
        caught += first_difference(items, changed_str) is not None
    caught += first_difference(items, items[:-1]) is not None
    return caught


# ---- running things -------------------------------------------------------------------------

def run(argv, env=None, stdout=subprocess.PIPE, timeout=900, check=True):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, env=e, timeout=timeout, cwd=REPO)
    if check and p.returncode != 0:
        die('exit %d: %s\n%s' % (p.returncode, quote(argv), p.stderr.decode(errors='replace')[-3000:]))
    return p


def last_json(out):
    return json.loads(out.decode().strip().splitlines()[-1])


class Callgrind:
    def __init__(self, work):
        self.work = work
        self.n = 0

    def run(self, argv, toggle=True, env=None, env_shown=None):
        """Runs argv under callgrind; returns (instructions, profile, program's stdout, command)."""
        self.n += 1
        out = os.path.join(self.work, 'callgrind.%d.out' % self.n)
        vg = ['valgrind', '--tool=callgrind', '--callgrind-out-file=' + out]
        if toggle:
            vg.append('--toggle-collect=bench_measured_*')
        p = run(vg + argv, env=env)
        prof = cgfile.Profile(out)
        total = prof.totals[0] if prof.totals else prof.total()
        if total != prof.total():
            die('callgrind totals disagree in %s' % out)
        shown = vg[:2] + vg[3:] + argv   # the output file name left out: callgrind's default
        return total, prof, p.stdout, quote(shown, env_shown)


def by_object(prof, cli_path):
    """Self cost (each instruction counted once, where it executed) grouped by ELF object and,
    inside tinyaws, by source file."""
    groups = {'tinyaws library': 0, 'jsmn (compiled into libtinyaws)': 0, 'tinyaws CLI front end': 0,
              'mbedTLS': 0, 'libc': 0, 'dynamic loader': 0, 'other': 0}
    cli_abs = os.path.abspath(os.path.join(REPO, cli_path))
    for (ob, fl, fn), v in prof.self_cost.items():
        if 'libmbed' in ob:
            groups['mbedTLS'] += v
        elif os.path.abspath(ob) == cli_abs or ob.startswith(os.path.join(REPO, 'build')):
            if fl.endswith('jsmn.h'):
                groups['jsmn (compiled into libtinyaws)'] += v
            elif '/src/cli/' in fl:
                groups['tinyaws CLI front end'] += v
            else:
                groups['tinyaws library'] += v
        elif '/libc.so' in ob:
            groups['libc'] += v
        elif '/ld-linux' in ob:
            groups['dynamic loader'] += v
        else:
            groups['other'] += v
    return groups


def loadavg():
    with open('/proc/loadavg') as f:
        return f.read().split()[0]


def pct(a, b):
    return 100.0 * a / b if b else 0.0


def fmt_i(v):
    return '{:,}'.format(int(round(v)))


def fmt_s(v):
    return '%.2f' % v


def median_range(vals, f=fmt_s):
    return '%s (%s–%s)' % (f(statistics.median(vals)), f(min(vals)), f(max(vals)))


def body_of_first_response(rec_path, body_path):
    """The body of the first recorded response (Content-Length framed)."""
    with open(rec_path, 'rb') as f:
        data = f.read()
    head = data.index(b'\nHTTP/1.1 ') + 1
    data = data[head:]
    end = data.index(b'\r\n\r\n')
    m = re.search(rb'(?i)\r\ncontent-length: *(\d+)', data[:end])
    if not m:
        die('no Content-Length in ' + rec_path)
    body = data[end + 4:end + 4 + int(m.group(1))]
    with open(body_path, 'wb') as f:
        f.write(body)
    return len(body)


def linear_fit(xs, ys):
    """Least squares y = a + b x; returns a, b and the largest relative residual."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    a = my - b * mx
    worst = max(abs(y - (a + b * x)) / y for x, y in zip(xs, ys))
    return a, b, worst


# ---- the benchmark --------------------------------------------------------------------------

class Bench:
    def __init__(self, opts):
        self.o = opts
        self.bin = opts.bin
        self.work = os.path.join(opts.bin, 'run')
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(os.path.join(self.work, 'out'))
        self.cg = Callgrind(self.work)
        self.r = {'started': now_utc()}
        self.models = os.path.relpath(os.path.normpath(os.path.join(REPO, opts.models)), REPO)
        os.environ['AWS_DATA_PATH'] = os.path.join(REPO, self.models)

    # -- machine --
    def machine(self):
        model = '?'
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    model = line.split(':', 1)[1].strip()
                    break
        mem = '?'
        with open('/proc/meminfo') as f:
            for line in f:
                if line.startswith('MemTotal'):
                    mem = '%.1f GiB' % (int(line.split()[1]) / 1048576)
        osname = '?'
        if os.path.exists('/etc/os-release'):
            with open('/etc/os-release') as f:
                for line in f:
                    if line.startswith('PRETTY_NAME='):
                        osname = line.split('=', 1)[1].strip().strip('"')

        def ver(argv):
            p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=REPO)
            return p.stdout.decode().strip().splitlines()[0] if p.stdout else '?'

        def pkg(name):
            p = subprocess.run(['dpkg-query', '-W', '-f=${Version}', name], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
            return p.stdout.decode() or '?'
        self.r['machine'] = {
            'cpu': model, 'nproc': os.cpu_count(), 'nproc_cmd': ver(['nproc']), 'mem': mem,
            'os': osname, 'kernel': platform.release(),
            'tinyaws': ver([self.o.cli, '--version']), 'aws': ver([AWS, '--version']),
            'boto3': ver([PY, '-c', 'import boto3, botocore; print("boto3", boto3.__version__, '
                                    '"botocore", botocore.__version__)']),
            'python': ver([PY, '--version']), 'mbedtls': pkg('libmbedtls-dev'), 'jsmn': pkg('libjsmn-dev'),
            'valgrind': ver(['valgrind', '--version']), 'gcc': ver(['cc', '--version']),
            'cflags': '-O2 -g (the Makefile\'s OPT)'}
        with open(os.path.join(REPO, 'include/tinyaws/config.h')) as f:
            m = re.search(r'#define TAWS_WINDOW_SIZE (\d+)', f.read())
        if not m or int(m.group(1)) != DEFAULT_WINDOW:
            die('TAWS_WINDOW_SIZE is no longer %d; update DEFAULT_WINDOW' % DEFAULT_WINDOW)

    # -- 1. end to end --
    def workloads(self, ep):
        targets = ep.control('GET', '/__tinyaws/ssm-targets')
        big = max(targets, key=lambda t: t['count'])
        if big['count'] != N_ITEMS:
            die('no SSM target with %d invocations: %r' % (N_ITEMS, targets))
        self.ssm_target = (big['WindowExecutionId'], big['TaskId'])
        async_ds = ep.control('GET', '/__tinyaws/dataset/ListAsyncInvokes')
        ssm_ds = [x for x in ep.control('GET', '/__tinyaws/dataset/DescribeMaintenanceWindowExecutionTaskInvocations')
                  if x['WindowExecutionId'] == big['WindowExecutionId'] and x['TaskExecutionId'] == big['TaskId']]
        w, t = self.ssm_target
        return [
            {'name': 'async', 'title': 'bedrock-runtime list-async-invokes: 10,000 items, --page-size 1000 (10 pages)',
             'short': 'list-async-invokes (10 × 1,000)',
             'cli': ['bedrock-runtime', 'list-async-invokes', '--page-size', '1000'],
             'boto3': ['bedrock-runtime', 'list_async_invokes', '1000'], 'boto3_params': [],
             'service': 'bedrock-runtime', 'op': 'ListAsyncInvokes', 'key': 'asyncInvokeSummaries',
             'dataset': async_ds, 'pages': 10},
            {'name': 'ssm', 'title': 'ssm describe-maintenance-window-execution-task-invocations: 10,000 items, '
                                     '--page-size 100 (100 pages, the operation\'s limit)',
             'short': 'SSM task invocations (100 × 100)',
             'cli': ['ssm', 'describe-maintenance-window-execution-task-invocations', '--window-execution-id', w,
                     '--task-id', t, '--page-size', '100'],
             'boto3': ['ssm', 'describe_maintenance_window_execution_task_invocations', '100'],
             'boto3_params': ['WindowExecutionId=' + w, 'TaskId=' + t],
             'service': 'ssm', 'op': 'DescribeMaintenanceWindowExecutionTaskInvocations',
             'key': 'WindowExecutionTaskInvocationIdentities', 'dataset': ssm_ds, 'pages': 100},
        ]

    def tool_env(self):
        shown = {'AWS_ACCESS_KEY_ID': AK, 'AWS_SECRET_ACCESS_KEY': SK, 'AWS_REGION': REGION,
                 'AWS_DATA_PATH': self.models, 'AWS_PAGER': '', 'TZ': 'UTC',
                 'AWS_CONFIG_FILE': '/nonexistent', 'AWS_SHARED_CREDENTIALS_FILE': '/nonexistent'}
        env = {k: v for k, v in os.environ.items() if not k.startswith('AWS_')}
        env.update(shown)
        env['AWS_DATA_PATH'] = os.path.join(REPO, self.models)
        return env, shown

    def tool_argv(self, tool, w, ep):
        if tool == 'tinyaws':
            return [self.o.cli] + w['cli'] + ['--endpoint-url', ep.url, '--ca-bundle', ep.ca]
        if tool == 'aws':
            return [AWS] + w['cli'] + ['--endpoint-url', ep.url, '--ca-bundle', ep.ca]
        return [PY, 'tests/bench/boto3_list.py'] + w['boto3'] + [ep.url, ep.ca] + w['boto3_params']

    def items_of(self, tool, path, w):
        with open(path, 'rb') as f:
            data = f.read()
        if tool == 'boto3':
            return [json.loads(line) for line in data.decode().splitlines() if line]
        return json.loads(data)[w['key']]

    def end_to_end(self, ep):
        env, shown = self.tool_env()
        tools = ['tinyaws', 'aws', 'boto3']
        wls = self.workloads(ep)
        e2e = {'date': now_utc(), 'rounds': self.o.rounds, 'workloads': []}
        for w in wls:
            norm = Normalizer(w['service'], w['op'], w['key'])
            w['expected'] = [norm.norm(x) for x in w['dataset']]
            w['norm'] = norm
            if len(w['expected']) != N_ITEMS:
                die('%s: dataset has %d items' % (w['name'], len(w['expected'])))
            caught = comparator_can_fail(w['expected'])
            if caught != 3:
                die('the item comparison missed %d of 3 perturbations' % (3 - caught))
            w['runs'] = {t: [] for t in tools}
            w['checked'] = {}      # sha256 of an output -> verdict
            w['sha'] = {t: set() for t in tools}
            w['commands'] = {t: quote([TIME, '-f', '%e %U %S %M'] + self.tool_argv(t, w, ep), shown)
                             for t in tools}
        e2e['loadavg_before'] = loadavg()
        # Round 0 warms the page cache and Python's byte-code caches; it is not reported.
        for rnd in range(self.o.rounds + 1):
            for w in wls:
                order = tools[rnd % 3:] + tools[:rnd % 3]
                for tool in order:
                    res = self.e2e_once(ep, tool, w, env)
                    if rnd > 0:
                        w['runs'][tool].append(res)
            log('end to end: round %d of %d done' % (rnd, self.o.rounds))
        e2e['loadavg_after'] = loadavg()
        for w in wls:
            ta, aw = w['sha']['tinyaws'], w['sha']['aws']
            if len(ta) != 1 or ta != aw:
                die('%s: tinyaws and the AWS CLI did not print the same bytes (%r vs %r)' % (w['name'], ta, aw))
            w['identical_bytes'] = True
            e2e['workloads'].append({k: w[k] for k in ('name', 'title', 'short', 'runs', 'commands', 'pages')})
            e2e['workloads'][-1]['output_bytes'] = w['output_bytes']
            e2e['workloads'][-1]['checks'] = w['verdicts']
        self.r['e2e'] = e2e

    def e2e_once(self, ep, tool, w, env):
        argv = self.tool_argv(tool, w, ep)
        out = os.path.join(self.work, 'out', '%s-%s.out' % (tool, w['name']))
        tfile = os.path.join(self.work, 'time.txt')
        ep.reset()
        cpu0 = ep.cpu_seconds()
        with open(out, 'wb') as f:
            p = run([TIME, '-f', '%e %U %S %M', '-o', tfile] + argv, env=env, stdout=f, check=False)
        cpu1 = ep.cpu_seconds()
        stats = ep.stats()
        if p.returncode != 0:
            die('%s exited %d: %s\n%s' % (tool, p.returncode, quote(argv), p.stderr.decode(errors='replace')[-2000:]))
        with open(tfile) as f:
            e, u, s, m = f.read().split()[-4:]
        with open(out, 'rb') as f:
            data = f.read()
        sha = hashlib.sha256(data).hexdigest()
        w['sha'][tool].add(sha)
        key = (tool == 'boto3', sha)
        if key not in w['checked']:
            # parsed and compared item by item, timestamps normalised from the model
            items = [w['norm'].norm(x) for x in self.items_of(tool, out, w)]
            diff = first_difference(w['expected'], items)
            if diff:
                die('%s, %s: the items are not the dataset\'s: %s' % (tool, w['name'], diff))
            w['checked'][key] = len(items)
        w.setdefault('verdicts', {})[tool] = w['checked'][key]
        if tool == 'tinyaws':
            w['output_bytes'] = len(data)
        if stats['requests'] != w['pages']:
            die('%s made %d requests for %d pages' % (tool, stats['requests'], w['pages']))
        return {'wall': float(e), 'user': float(u), 'sys': float(s), 'cpu': float(u) + float(s),
                'rss_kb': int(m), 'requests': stats['requests'], 'tls': stats['tls_handshakes'],
                'tcp': stats['client_connections'], 'endpoint_cpu': cpu1 - cpu0}

    # -- recordings for the in-memory runs --
    def record(self, ep):
        self.recs = {}
        rec = {'date': now_utc(), 'runs': []}
        w, t = self.ssm_target
        jobs = [('async', ps, []) for ps in ASYNC_PAGE_SIZES] + [('ssm', 100, [w, t])]
        for op, ps, extra in jobs:
            path = os.path.join(self.bin, 'data', '%s-%d.rec' % (op, ps))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            argv = [os.path.join(self.bin, 'bench_pager'), 'record', ep.plain_url, path, op, str(ps)] + extra
            ep.reset()
            p = run(argv)
            got = last_json(p.stdout)
            stats = ep.stats()
            if got['items'] != N_ITEMS or got['responses'] != stats['requests'] or \
                    stats['requests'] != math.ceil(N_ITEMS / ps):
                die('recording %s: %r, endpoint saw %r' % (path, got, stats))
            body = path[:-4] + '.page.json'
            body_len = body_of_first_response(path, body)
            self.recs[(op, ps)] = {'path': path, 'body': body, 'requests': stats['requests'],
                                   'bytes': got['bytes'], 'body_bytes': body_len, 'extra': extra}
            rec['runs'].append(quote(argv))
        self.r['recordings'] = rec
        log('recorded %d listings over plain HTTP' % len(jobs))

    # -- 2. instruction counts --
    def instructions(self):
        b = self.bin
        ins = {'date': now_utc()}
        # SigV4
        sig = {}
        for mode, n in (('cached', 1000), ('derive', 200)):
            total, prof, out, cmd = self.cg.run([os.path.join(b, 'bench_sigv4'), str(n), mode])
            res = last_json(out)
            if res['signed'] != n or res['status'] != 'TAWS_OK':
                die('bench_sigv4: %r' % res)
            objs = by_object(prof, self.o.cli)
            sig[mode] = {'per_request': total / n, 'n': n, 'cmd': cmd,
                         'mbedtls_share': pct(objs['mbedTLS'], total)}
        ins['sigv4'] = sig
        # a saved page through the framer and the decoder, and the jsmn floor
        pages = {}
        for op, ps, reps, key in (('async', 1000, 1, 'asyncInvokeSummaries'),
                                  ('ssm', 100, 10, 'WindowExecutionTaskInvocationIdentities')):
            rec = self.recs[(op, ps)]
            items = ps * reps
            d = {'page_items': ps, 'reps': reps, 'body_bytes': rec['body_bytes'], 'body': rec['body']}
            for mode in ('frame', 'decode'):
                total, prof, out, cmd = self.cg.run([os.path.join(b, 'bench_page'), rec['body'], op, str(reps), mode])
                res = last_json(out)
                if res['items'] != items or res['status'] != 'TAWS_OK' or res['token_len'] == 0:
                    die('bench_page: %r' % res)
                d[mode] = {'per_item': total / items, 'per_byte': total / (rec['body_bytes'] * reps), 'cmd': cmd}
                if mode == 'decode':
                    d['decode_split'] = {
                        'framer (taws_json_feed)': prof.inclusive('taws_json_feed') / items,
                        'typed decode (taws_decode, jsmn on the item included)': prof.inclusive('taws_decode') / items,
                        'jsmn inside taws_decode': sum(v for k, v in prof.self_cost.items() if k[1].endswith('jsmn.h')) / items}
            for variant in ('bench_jsmn', 'bench_jsmn_parent'):
                total, prof, out, cmd = self.cg.run([os.path.join(b, variant), rec['body'], key, str(reps)])
                res = last_json(out)
                if res['elements'] != ps:
                    die('%s: %r' % (variant, res))
                d[variant] = {'per_item': total / items, 'per_byte': total / (rec['body_bytes'] * reps),
                              'tokens': res['tokens'], 'cmd': cmd}
            pages[op] = d
        ins['pages'] = pages
        log('instruction counts: signing, framing, decoding, jsmn floor')
        self.r['instructions'] = ins

    def replay(self, op, ps, window, reps=1):
        rec = self.recs[(op, ps)]
        argv = [os.path.join(self.bin, 'bench_pager'), 'replay', rec['path'], op, str(ps), str(window),
                str(reps)] + rec['extra']
        total, prof, out, cmd = self.cg.run(argv)
        res = last_json(out)
        if res['status'] != 'TAWS_DONE' or res['items'] + res['too_big'] != N_ITEMS * reps or \
                res['requests'] != rec['requests'] * reps or res['heap_probe'] != 2:
            die('bench_pager replay: %r' % res)
        res['instructions'] = total
        res['per_item'] = total / (N_ITEMS * reps)
        res['cmd'] = cmd
        return res

    def sweeps(self):
        sw = {'date': now_utc()}
        rows = []
        for ps in ASYNC_PAGE_SIZES:
            res = self.replay('async', ps, DEFAULT_WINDOW)
            rec = self.recs[('async', ps)]
            # the floor at this page size: a whole page tokenized by jsmn
            floor = {}
            for variant in ('bench_jsmn', 'bench_jsmn_parent'):
                total, _, out, cmd = self.cg.run([os.path.join(self.bin, variant), rec['body'],
                                                  'asyncInvokeSummaries', '1'])
                if last_json(out)['elements'] != ps:
                    die('%s on %s' % (variant, rec['body']))
                floor[variant] = {'per_item': total / ps, 'cmd': cmd}
            res['floor'] = floor
            res['page_size'] = ps
            res['wire_bytes'] = rec['bytes']
            rows.append(res)
        a, b, worst = linear_fit([r['requests'] for r in rows], [r['instructions'] for r in rows])
        sw['page_size'] = {'rows': rows, 'fit': {'per_request': b, 'fixed': a, 'per_item': a / N_ITEMS,
                                                  'worst_residual': worst}}
        log('page-size sweep (in memory) done')
        wrows = []
        for win in WINDOWS:
            res = self.replay('async', 1000, win)
            res['window'] = win
            wrows.append(res)
        sw['window'] = {'rows': wrows}
        again = self.replay('async', 1000, DEFAULT_WINDOW)
        sw['repeat'] = {'replay': [[x for x in wrows if x['window'] == DEFAULT_WINDOW][0]['instructions'],
                                   again['instructions']],
                        'https': self.r['cli']['repeat_https']}
        # the heap counter during the largest replay
        sw['ssm'] = self.replay('ssm', 100, DEFAULT_WINDOW)
        log('window sweep (in memory) done')
        self.r['sweeps'] = sw

    # -- build/tinyaws over HTTPS under valgrind --
    def cli_env(self):
        env, shown = self.tool_env()
        return env, {k: shown[k] for k in ('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'TZ')}

    def cli_valgrind(self, ep):
        env, shown = self.cli_env()
        cli = {'date': now_utc()}
        # one page over HTTPS: where the instructions go (twice: how repeatable a TLS run is)
        cli['repeat_https'] = []
        for _ in range(2):
            ep.reset()
            argv = [self.o.cli, 'bedrock-runtime', 'list-async-invokes', '--max-results', '1000',
                    '--endpoint-url', ep.url, '--ca-bundle', ep.ca]
            total, prof, out, cmd = self.cg.run(argv, toggle=False, env=env, env_shown=shown)
            stats = ep.stats()
            if stats['requests'] != 1 or len(json.loads(out)['asyncInvokeSummaries']) != 1000:
                die('one-page fetch: %r' % stats)
            cli['repeat_https'].append(total)
        phases = {}
        for fn, label in (('taws_tls_init', 'TLS set-up: DRBG seeding, configuration (taws_tls_init)'),
                          ('taws_tls_add_ca_path', 'CA bundle parsing (taws_tls_add_ca_path)'),
                          ('taws_tls_handshake', 'TLS handshake (taws_tls_handshake)'),
                          ('taws_tls_send', 'sending the request through TLS (taws_tls_send)'),
                          ('taws_tls_recv', 'receiving and decrypting the response (taws_tls_recv)'),
                          ('taws_sigv4_sign', 'SigV4 signing (taws_sigv4_sign)'),
                          ('taws_json_feed', 'framing the body (taws_json_feed)'),
                          ('taws_decode', 'decoding items (taws_decode)'),
                          ('out_item', 'writing the AWS CLI\'s JSON (out_item, stdio included)')):
            phases[label] = prof.inclusive(fn)
        cli['one_page'] = {'total': total, 'objects': by_object(prof, self.o.cli), 'phases': phases,
                           'cmd': cmd, 'stats': stats, 'items': 1000,
                           'hottest': [(fn, os.path.basename(ob), os.path.relpath(fl, REPO) if fl.startswith(REPO) else fl, v)
                                       for fn, ob, fl, v in prof.hottest(15)],
                           'fputc_calls': prof.calls_to('fputc'), 'fwrite_calls': prof.calls_to('fwrite'),
                           'fputc_by_caller': {a[2]: v for (a, b), v in prof.calls.items() if b[2] == 'fputc'}}
        log('one page over HTTPS under callgrind')
        rows = []
        for ps in ASYNC_PAGE_SIZES:
            ep.reset()
            argv = [self.o.cli, 'bedrock-runtime', 'list-async-invokes', '--page-size', str(ps),
                    '--endpoint-url', ep.url, '--ca-bundle', ep.ca]
            total, prof, out, cmd = self.cg.run(argv, toggle=False, env=env, env_shown=shown)
            stats = ep.stats()
            n = len(json.loads(out)['asyncInvokeSummaries'])
            if n != N_ITEMS or stats['requests'] != math.ceil(N_ITEMS / ps):
                die('CLI sweep %d: %d items, %r' % (ps, n, stats))
            objs = by_object(prof, self.o.cli)
            rows.append({'page_size': ps, 'instructions': total, 'per_item': total / N_ITEMS,
                         'mbedtls_share': pct(objs['mbedTLS'], total), 'objects': objs,
                         'requests': stats['requests'], 'tls': stats['tls_handshakes'],
                         'tcp': stats['client_connections'], 'cmd': cmd})
        a, b, worst = linear_fit([r['requests'] for r in rows], [r['instructions'] for r in rows])
        cli['sweep'] = {'rows': rows, 'fit': {'per_request': b, 'fixed': a, 'worst_residual': worst}}
        log('page-size sweep of build/tinyaws over HTTPS under callgrind')
        # memcheck: heap calls of a whole listing, and who made them
        mem = []
        for ps in (1000, 100):
            ep.reset()
            xt = os.path.join(self.work, 'xtree.%d.out' % ps)
            vg = ['valgrind', '--tool=memcheck', '--num-callers=64', '--xtree-memory=full',
                  '--xtree-memory-file=' + xt]
            argv = [self.o.cli, 'bedrock-runtime', 'list-async-invokes', '--page-size', str(ps),
                    '--endpoint-url', ep.url, '--ca-bundle', ep.ca]
            p = run(vg + argv, env=env)
            stats = ep.stats()
            m = re.search(rb'total heap usage: ([\d,]+) allocs, ([\d,]+) frees, ([\d,]+) bytes allocated', p.stderr)
            if not m or len(json.loads(p.stdout)['asyncInvokeSummaries']) != N_ITEMS:
                die('memcheck run: ' + p.stderr.decode()[-2000:])
            allocs, frees, nbytes = (int(x.replace(b',', b'')) for x in m.groups())
            row = {'page_size': ps, 'allocs': allocs, 'frees': frees, 'bytes': nbytes,
                   'requests': stats['requests'], 'tls': stats['tls_handshakes'],
                   'cmd': quote([vg[0], vg[1], vg[2], vg[3], '--xtree-memory-file=xtree.out'] + argv, shown)}
            row.update(self.xtree(xt, allocs))
            mem.append(row)
        cli['memcheck'] = mem
        cli['massif'] = self.massif(ep, env, shown)
        log('memcheck heap counts, massif peak heap')
        self.r['cli'] = cli

    def massif(self, ep, env, shown):
        """Peak heap of the CLI's listing (massif, exact peak), split at the peak by the code that
        called the allocator: mbedTLS, libc or tinyaws."""
        out = os.path.join(self.work, 'massif.out')
        vg = ['valgrind', '--tool=massif', '--peak-inaccuracy=0', '--threshold=0']
        argv = [self.o.cli, 'bedrock-runtime', 'list-async-invokes', '--page-size', '1000',
                '--endpoint-url', ep.url, '--ca-bundle', ep.ca]
        ep.reset()
        p = run(vg + ['--massif-out-file=' + out] + argv, env=env)
        if len(json.loads(p.stdout)['asyncInvokeSummaries']) != N_ITEMS:
            die('massif run')
        with open(out) as f:
            text = f.read()
        snaps = text.split('snapshot=')[1:]
        peak = [x for x in snaps if 'heap_tree=peak' in x]
        if len(peak) != 1:
            die('no peak snapshot in ' + out)
        snap = peak[0]
        heap = int(re.search(r'mem_heap_B=(\d+)', snap).group(1))
        extra = int(re.search(r'mem_heap_extra_B=(\d+)', snap).group(1))
        split = {'mbedTLS': 0, 'libc (stdio, resolver, NSS)': 0, 'tinyaws (library and CLI)': 0, 'other': 0}
        ours = set()
        for d in ('src', 'src/cli', 'port/posix', 'include/tinyaws'):
            ours.update(os.listdir(os.path.join(REPO, d)))
        for line in snap.split('heap_tree=peak', 1)[1].splitlines():
            m = re.match(r'^ n\d+: (\d+) (.*)$', line)   # one space: the allocator's direct callers
            if not m:
                continue
            n, where = int(m.group(1)), m.group(2)
            if 'libmbed' in where:
                split['mbedTLS'] += n
            elif (re.search(r'\(([\w.]+):\d+\)$', where) or [None, None])[1] in ours:
                split['tinyaws (library and CLI)'] += n
            elif re.search(r'\([\w.]+\.[ch]:\d+\)', where) or 'libc.so' in where:
                split['libc (stdio, resolver, NSS)'] += n
            else:
                split['other'] += n
        if sum(split.values()) != heap:
            die('massif peak tree does not add up: %r vs %d' % (split, heap))
        return {'peak_heap': heap, 'peak_extra': extra, 'split': split,
                'cmd': quote(vg + argv, shown)}

    def xtree(self, path, allocs):
        """Who allocated: by the code that called malloc/calloc/realloc (libc, mbedTLS or
        tinyaws), and by the tinyaws call that led there (the arc from tinyaws code into
        other code)."""
        res = {}
        for ev, name in (('totBk', 'by_blocks'), ('totB', 'by_bytes')):
            prof = cgfile.Profile(path, event=ev)
            direct = {'mbedTLS': 0, 'libc (stdio, resolver, NSS)': 0, 'tinyaws (library and CLI)': 0}
            unknown_callers = set()
            for (ob, fl, fn), v in prof.self_cost.items():
                if fl.startswith(REPO + '/'):
                    direct['tinyaws (library and CLI)'] += v
                elif fl.startswith('./'):
                    direct['libc (stdio, resolver, NSS)'] += v
                else:
                    direct['mbedTLS'] += v
                    if not fn.startswith('mbedtls_') and v:
                        unknown_callers.add(fn)
            entry = {}
            for (a, b), v in prof.arcs.items():
                if a[1].startswith(REPO + '/') and not b[1].startswith(REPO + '/') and v:
                    k = '%s → %s' % (a[2], b[2])
                    entry[k] = entry.get(k, 0) + v
            outside = prof.total() - sum(entry.values()) - direct['tinyaws (library and CLI)']
            res[name] = {'direct': direct, 'entry': entry, 'outside_tinyaws_calls': outside,
                         'total': prof.total(),
                         'bignum': sum(v for k, v in prof.self_cost.items() if k[2].startswith('mbedtls_mpi_'))}
            if ev == 'totBk':
                res['unknown_fns'] = sorted(unknown_callers)
                if prof.total() != allocs:
                    die('xtree counts %d allocations, memcheck %d' % (prof.total(), allocs))
        return res

    # -- output --
    def write(self):
        with open(os.path.join(self.bin, 'results.json'), 'w') as f:
            json.dump(self.r, f, indent=1, default=str)
        import report
        report.write_markdown(self.r, self.o, os.path.join(REPO, self.o.out))
        report.plot(self.r, os.path.join(REPO, self.o.plot))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cli', default='build/tinyaws')
    ap.add_argument('--bin', default='build/bench')
    ap.add_argument('--rounds', type=int, default=5)
    ap.add_argument('--out', default='BENCHMARKS.md')
    ap.add_argument('--plot', default='bench.png')
    ap.add_argument('--models', default='../shared/aws-models')
    ap.add_argument('--report-only', action='store_true',
                    help='write the report again from <bin>/results.json, measuring nothing')
    opts = ap.parse_args()
    if opts.report_only:
        import report
        with open(os.path.join(opts.bin, 'results.json')) as f:
            r = json.load(f)
        report.write_markdown(r, opts, os.path.join(REPO, opts.out))
        report.plot(r, os.path.join(REPO, opts.plot))
        return 0
    if opts.rounds < 5:
        log('note: fewer than 5 rounds (%d)' % opts.rounds)
    os.chdir(REPO)
    for tool in (AWS, TIME, PY, '/usr/bin/valgrind', '/usr/bin/callgrind_annotate'):
        if not os.path.exists(tool):
            die('missing %s (make bench installs it with apt-get)' % tool)
    b = Bench(opts)
    b.machine()
    ep = Endpoint(os.path.join(b.work, 'ep'), ['--async-invokes', str(N_ITEMS),
                                                '--ssm-invocations', '%d,25' % N_ITEMS, '--seed', '1',
                                                '--models-dir', b.models])
    b.r['endpoint_cmd'] = quote(ep.argv)
    try:
        log('endpoint on %s (plain %s)' % (ep.url, ep.plain_url))
        b.end_to_end(ep)
        b.record(ep)
        b.cli_valgrind(ep)
    finally:
        ep.stop()
    b.instructions()
    b.sweeps()
    b.r['finished'] = now_utc()
    b.r['runtime_s'] = time.time() - T0
    b.write()
    log('wrote %s and %s in %.0f s' % (opts.out, opts.plot, time.time() - T0))
    return 0


if __name__ == '__main__':
    sys.exit(main())
