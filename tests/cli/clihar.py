# SPDX-License-Identifier: MIT
"""The CLI tests' harness: one local endpoint for the whole run, tinyaws and Debian's AWS CLI v2
(/usr/bin/aws) run side by side against it with the same environment, and the runner that
prints "N passed, M failed". Used by every tests/cli/test_*.py.

    /usr/bin/python3 tests/cli/test_<x>.py <tinyaws binary>

TINYAWS_WRAPPER runs tinyaws under a tool, e.g. "valgrind --error-exitcode=99 ...": any error
it finds changes the exit code, which every test checks.
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'endpoint'))
sys.path.insert(0, HERE)
import testlib  # noqa: E402  (sets AWS_DATA_PATH, starts endpoints, boto3 clients)

TINYAWS = None
AWS = '/usr/bin/aws'
AK, SK = testlib.AK, testlib.SK
EP = None        # the endpoint, started once
BIG = None       # (WindowExecutionId, TaskId) with the most SSM invocations
BASE_ENV = None

# command -> result key, for every operation of src/operations.json (the list tinyaws's generators
# read), the key from botocore's paginator models.
OPS = {'%s %s' % (e['service'], testlib.xform_name(e['operation'], '-')):
       testlib.paginator(e['service'], e['operation'])['result_key'] for e in testlib.OPERATIONS}


def ssm_args(target=None):
    w, t = target or BIG
    return ['--window-execution-id', w, '--task-id', t]


def cmd_args(cmd):
    args = cmd.split()
    return args + ssm_args() if args[0] == 'ssm' else args


WRAPPER = os.environ.get('TINYAWS_WRAPPER', '').split()


def run(prog, args, env=None, scheme='https', endpoint=True, timeout=600):
    e = dict(BASE_ENV)
    e.update(env or {})
    for k in [k for k, v in e.items() if v is None]:
        del e[k]
    full = (WRAPPER if prog == TINYAWS else []) + [prog] + list(args)
    if endpoint:
        port = EP.https if scheme == 'https' else EP.http
        full += ['--endpoint-url', '%s://localhost:%d' % (scheme, port)]
        if scheme == 'https' and '--ca-bundle' not in args:
            full += ['--ca-bundle', EP.ca]
    p = subprocess.run(full, capture_output=True, env=e, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def tinyaws(args, **kw):
    return run(TINYAWS, args, **kw)


def aws(args, **kw):
    return run(AWS, args, **kw)


_POOL = None


def both(jobs):
    """Runs [(prog, args, kwargs), ...] two at a time (tinyaws beside the AWS CLI, whose
    Python start-up dominates); returns their (rc, stdout, stderr) in order."""
    global _POOL
    import concurrent.futures
    if _POOL is None:
        _POOL = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    futures = [_POOL.submit(run, prog, args, **kw) for prog, args, kw in jobs]
    return [f.result() for f in futures]


def items_of(out, key):
    return json.loads(out)[key] if out.strip() else []


class CliTest(unittest.TestCase):
    maxDiff = 2000

    def setUp(self):
        status, _ = EP.control('POST', '/__tinyaws/reset')
        self.assertEqual(status, 200)

    def same_as_aws(self, args, env=None):
        """tinyaws and the AWS CLI print the same bytes and exit alike; returns the output."""
        rc_t, out_t, err_t = tinyaws(args, env=env)
        rc_a, out_a, err_a = aws(args, env=env)
        self.assertEqual(rc_t, 0, err_t.decode())
        self.assertEqual(rc_a, 0, err_a.decode())
        self.assertEqual(out_t.decode(), out_a.decode())
        return out_t

    def stats(self):
        return EP.control('GET', '/__tinyaws/stats')[1]


class _TimedResult(unittest.TextTestResult):
    """Prints how long each test took, so a slow one is seen (make test has a budget)."""

    def startTest(self, test):
        self._t0 = time.time()
        super().startTest(test)

    def stopTest(self, test):
        super().stopTest(test)
        self.stream.write('  (%.1f s)\n' % (time.time() - self._t0))


def main(module, endpoint_args=()):
    """Starts the endpoint (with endpoint_args added, e.g. the credential servers' ports), runs
    the tests of `module` (a test file's sys.modules entry), prints the summary; the file's EP,
    TINYAWS, BIG and BASE_ENV are set for its tests."""
    global TINYAWS, EP, BIG, BASE_ENV
    TINYAWS = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix='taws-cli-')
    EP = testlib.Endpoint('--https-port', '0', '--http-port', '0', *endpoint_args, state_dir=tmp).wait_ready()
    try:
        targets = EP.control('GET', '/__tinyaws/ssm-targets')[1]
        big = max(targets, key=lambda t: t['count'])
        BIG = (big['WindowExecutionId'], big['TaskId'])
        BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith('AWS_')}
        BASE_ENV.update({'AWS_ACCESS_KEY_ID': AK, 'AWS_SECRET_ACCESS_KEY': SK, 'AWS_REGION': 'us-east-1',
                         'AWS_DATA_PATH': testlib.MODELS, 'TZ': 'UTC', 'AWS_CONFIG_FILE': '/nonexistent',
                         'AWS_SHARED_CREDENTIALS_FILE': '/nonexistent', 'AWS_PAGER': '',
                         'AWS_EC2_METADATA_DISABLED': 'true'})
        for name in ('TINYAWS', 'EP', 'BIG', 'BASE_ENV'):
            setattr(module, name, globals()[name])
        # Test names after the binary (e.g. Defects.test_sigint_closes_and_exits_130) run alone.
        names = sys.argv[2:]
        suite = (unittest.defaultTestLoader.loadTestsFromNames(names, module) if names
                 else unittest.defaultTestLoader.loadTestsFromModule(module))
        result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout, resultclass=_TimedResult).run(suite)
    finally:
        EP.stop()
    failed = len(result.failures) + len(result.errors)
    print('%d passed, %d failed' % (result.testsRun - failed, failed))
    return 0 if failed == 0 else 1
