#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""tinyaws --output text against Debian's AWS CLI v2 (/usr/bin/aws --output text), byte for
byte, on the local endpoint over HTTPS.

The AWS CLI formats each page on its own (awscli/formatter.py, awscli/text.py): an item line's
columns are the sorted union of the scalar keys of the page's items, so tinyaws spools a page
and prints it when the page ends. Covered: the five operations, full listings, pages that
outgrow the in-memory spool (file) and pages that do not, small pages (the column sets differ
page by page), --max-items chains with --starting-token (NEXTTOKEN lines), --no-paginate and
--max-results/--next-token (the service's token as the first line), filters with empty
results, wire knobs, crafted responses (tags, nested structures and string lists present,
empty and absent, integers, timestamps, unicode, tabs and newlines in values), pages without
the result key ("None"), an error after some pages, a retried page, stdout on /dev/full and spool
errors (a file-size limit, an unusable TMPDIR: non-zero exit, nothing printed).
Usage: test_output_text.py <tinyaws binary>   (TINYAWS_WRAPPER runs tinyaws under e.g. valgrind)
"""
import base64
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'endpoint'))
import testlib  # noqa: E402  (sets AWS_DATA_PATH, starts the endpoint)

TINYAWS = None
AWS = '/usr/bin/aws'
EP = None
BASE_ENV = None
TARGETS = None   # SSM (WindowExecutionId, TaskId, count), from the endpoint
DATASET_SIZE = {}  # command -> items in the endpoint's dataset (SSM: the largest target)
WRAPPER = os.environ.get('TINYAWS_WRAPPER', '').split()

# command -> operation, for every operation of src/operations.json (the generators' list)
OPERATION = {'%s %s' % (e['service'], testlib.xform_name(e['operation'], '-')): e['operation']
             for e in testlib.OPERATIONS}
IDENT = {  # command -> the first column of its item lines: the result key, upper-cased
    cmd: testlib.paginator(cmd.split()[0], op)['result_key'].upper().encode() for cmd, op in OPERATION.items()}
SSM = 'ssm describe-maintenance-window-execution-task-invocations'


def ssm_target(count):
    """(WindowExecutionId, TaskId) of the SSM pair with `count` invocations (largest: None)."""
    t = max(TARGETS, key=lambda t: t['count']) if count is None else next(t for t in TARGETS if t['count'] == count)
    return t['WindowExecutionId'], t['TaskId']


def cmd_args(cmd, ssm_count=None):
    args = cmd.split()
    if args[0] == 'ssm':
        w, t = ssm_target(ssm_count)
        args += ['--window-execution-id', w, '--task-id', t]
    return args


def command(prog, args):
    full = (WRAPPER if prog == TINYAWS else []) + [prog] + list(args) + ['--output', 'text']
    return full + ['--endpoint-url', 'https://localhost:%d' % EP.https, '--ca-bundle', EP.ca]


def environ(env):
    e = dict(BASE_ENV)
    e.update(env or {})
    return {k: v for k, v in e.items() if v is not None}


def run(prog, args, env=None, stdout=subprocess.PIPE, preexec_fn=None):
    p = subprocess.run(command(prog, args), stdout=stdout, stderr=subprocess.PIPE, env=environ(env),
                       timeout=600, preexec_fn=preexec_fn)
    return p.returncode, p.stdout, p.stderr


def small_files():
    """In the child: files may not grow past 32 KiB (EFBIG, SIGXFSZ ignored); pipes may."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (32 * 1024, 32 * 1024))


def run_both(args, env=None):
    """Both programs at once (2 cores): [(rc, out, err) of tinyaws, of the AWS CLI]."""
    procs = [subprocess.Popen(command(prog, args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=environ(env)) for prog in (TINYAWS, AWS)]
    res = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        res.append((p.returncode, out, err))
    return res


def first_difference(a, b):
    la, lb = a.split(b'\n'), b.split(b'\n')
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return 'line %d:\n tinyaws: %r\n aws:     %r' % (i + 1, x[:300], y[:300])
    return 'tinyaws %d lines, aws %d lines' % (len(la), len(lb))


def next_token(out):
    """The resume token of a NEXTTOKEN line (the last line), or None."""
    lines = out.rstrip(b'\n').split(b'\n')
    if lines and lines[-1].startswith(b'NEXTTOKEN\t'):
        return lines[-1].split(b'\t', 1)[1].decode()
    return None


def item_lines(out, ident):
    return [l for l in out.split(b'\n') if l.startswith(ident + b'\t')]


class TextTest(unittest.TestCase):
    def setUp(self):
        self.assertEqual(EP.control('POST', '/__tinyaws/reset')[0], 200)

    def check_same(self, t, a, code=0):
        rc_t, out_t, err_t = t
        rc_a, out_a, err_a = a
        self.assertEqual(rc_a, code, err_a.decode(errors='replace')[-500:])
        self.assertEqual(rc_t, code, err_t.decode(errors='replace')[-500:])
        if out_t != out_a:
            self.fail('output differs from the AWS CLI at ' + first_difference(out_t, out_a))
        return out_t

    def same(self, args, env=None, code=0):
        """tinyaws and the AWS CLI print the same bytes and exit alike; returns the output."""
        t, a = run_both(args, env)
        return self.check_same(t, a, code)

    def same_with_faults(self, args, faults, code=0):
        """The same faults (e.g. crafted bodies) served to each program in turn."""
        res = []
        for prog in (TINYAWS, AWS):
            self.assertEqual(EP.control('POST', '/__tinyaws/reset')[0], 200)
            self.assertEqual(EP.control('POST', '/__tinyaws/faults', faults)[0], 200)
            res.append(run(prog, args))
        return self.check_same(res[0], res[1], code)

    def requests(self):
        return EP.control('GET', '/__tinyaws/stats')[1]['requests']


class Listings(TextTest):
    NESTED = {  # members the dataset has in some items and not in others
        'bedrock list-model-copy-jobs': [b'TARGETMODELTAGS'],
        'bedrock list-model-invocation-jobs': [b'SUBNETIDS', b'SECURITYGROUPIDS'],
    }

    def test_full_listings_of_every_operation(self):
        for cmd, ident in IDENT.items():
            with self.subTest(cmd=cmd):
                # async invokes in pages of ~300 KB: they outgrow the in-memory spool (the file)
                extra = ['--page-size', '1000'] if cmd.startswith('bedrock-runtime') else []
                out = self.same(cmd_args(cmd) + extra)
                if extra:
                    self.assertGreater(len(out), 3 * 64 * 1024)
                self.assertEqual(len(item_lines(out, ident)), DATASET_SIZE[cmd])
                self.assertIsNone(next_token(out))
                # tags and nested lists, present in some items and absent in others
                lines = out.split(b'\n')
                for nested in self.NESTED.get(cmd, []):
                    followed = set()
                    for i, line in enumerate(lines):
                        if line.startswith(ident + b'\t'):
                            rest = lines[i + 1:]
                            end = next((k for k, l in enumerate(rest) if l.startswith(ident + b'\t')), len(rest))
                            followed.add(any(l.startswith(nested + b'\t') for l in rest[:end]))
                    self.assertEqual(followed, {True, False}, nested)

    def test_spool_errors_fail_cleanly_small_pages_need_no_file(self):
        # A big page that cannot be spooled fails and prints nothing of itself; small pages
        # never touch the file. (valgrind itself needs TMPDIR: the file-size limit then.)
        big = ['bedrock-runtime', 'list-async-invokes', '--page-size', '1000']
        small = ['bedrock', 'list-model-import-jobs', '--page-size', '20']
        cases = [({}, small_files, b'[Errno 27] File too large')]
        if not WRAPPER:
            cases.append(({'TMPDIR': '/nonexistent-tinyaws-spool-dir'}, None, b'[Errno 2] No such file'))
        reference = run(AWS, small)
        self.assertEqual(reference[0], 0)
        for env, preexec, message in cases:
            with self.subTest(message=message):
                rc, out, err = run(TINYAWS, big, env=env, preexec_fn=preexec)
                self.assertNotEqual(rc, 0)
                self.assertEqual(out, b'')
                self.assertIn(message, err)
                self.assertEqual(run(TINYAWS, small, env=env, preexec_fn=preexec)[:2], reference[:2])

    def test_small_pages_have_their_own_column_sets(self):
        cases = [('bedrock list-model-import-jobs', ['--page-size', '1', '--max-items', '40']),
                 ('bedrock list-model-copy-jobs', ['--page-size', '3']),
                 ('bedrock list-model-invocation-jobs', ['--page-size', '7', '--max-items', '150']),
                 ('bedrock-runtime list-async-invokes', ['--page-size', '3', '--max-items', '45']),
                 (SSM, ['--page-size', '10'])]
        for cmd, extra in cases:
            with self.subTest(cmd=cmd, extra=extra):
                args = cmd_args(cmd, 57 if cmd == SSM else None) + extra
                out = self.same(args)
                columns = {l.count(b'\t') for l in item_lines(out, IDENT[cmd])}
                self.assertGreater(len(columns), 1)  # the pages' unions differ

    def test_filters_and_empty_results(self):
        ds = EP.control('GET', '/__tinyaws/dataset/ListModelCopyJobs')[1]
        cases = [
            (['bedrock', 'list-model-import-jobs', '--name-contains', 'no-such-job-zz'], True),
            (cmd_args(SSM, 0), True),
            (cmd_args(SSM) + ['--filters', 'Key=STATUS,Values=SKIPPED_OVERLAPPING'], None),
            (['bedrock', 'list-model-invocation-jobs', '--submit-time-after', '2030-01-01T00:00:00Z'], True),
            (['bedrock-runtime', 'list-async-invokes', '--status-equals', 'Failed', '--sort-order', 'Ascending'], False),
            (['bedrock', 'list-model-copy-jobs', '--source-account-equals', ds[0]['sourceAccountId']], False),
            (cmd_args(SSM, 57) + ['--filters', 'Key=STATUS,Values=SUCCESS,FAILED'], False),
            (['bedrock', 'list-custom-models', '--is-owned', '--page-size', '7'], False),
            (['bedrock', 'list-custom-models', '--no-is-owned', '--model-status', 'Failed'], False),
            (['bedrock', 'list-custom-models', '--is-owned', '--no-is-owned', '--name-contains', 'no-such-zz'], True),
        ]
        for args, empty in cases:
            with self.subTest(args=' '.join(args)):
                out = self.same(args)
                if empty is not None:
                    self.assertEqual(out == b'', empty)


class Paging(TextTest):
    def test_max_items_chains_with_starting_tokens(self):
        for cmd, max_items, page_size in [('bedrock list-model-import-jobs', 100, 50),   # page boundary
                                          ('bedrock list-model-copy-jobs', 120, 17),     # mid-page
                                          (SSM, 500, 100)]:
            with self.subTest(cmd=cmd, max_items=max_items, page_size=page_size):
                token, steps, items = None, 0, 0
                while True:
                    args = cmd_args(cmd) + ['--max-items', str(max_items), '--page-size', str(page_size)]
                    if token:
                        args += ['--starting-token', token]
                    out = self.same(args)
                    items += len(item_lines(out, IDENT[cmd]))
                    steps += 1
                    token = next_token(out)
                    if token is None:
                        break
                    self.assertIn(cmd_args(cmd)[0] == 'ssm' and 'NextToken' or 'nextToken',
                                  json.loads(base64.b64decode(token)))  # botocore's resume token
                    self.assertLess(steps, 10)
                self.assertEqual(items, DATASET_SIZE[cmd])  # no gap, no repeat
                self.assertEqual(steps, -(-DATASET_SIZE[cmd] // max_items))

    def test_no_paginate_and_manual_paging(self):
        for cmd, limit in (('bedrock list-model-import-jobs', '7'), (SSM, '10')):
            for extra in (['--no-paginate'], ['--max-results', limit], ['--max-results', limit, '--next-token']):
                with self.subTest(cmd=cmd, extra=extra):
                    if extra[-1] == '--next-token':
                        first = run(TINYAWS, cmd_args(cmd) + ['--max-results', limit])[1]
                        extra = extra + [first.split(b'\n', 1)[0].decode()]  # the token's line
                    EP.control('POST', '/__tinyaws/reset')
                    out = self.same(cmd_args(cmd) + extra)
                    self.assertEqual(self.requests(), 2)  # one page each
                    # the whole response as one dict: its scalar, the token, is the first line
                    self.assertFalse(out.startswith(IDENT[cmd]))
                    self.assertIsNone(next_token(out))

    def test_pages_without_the_result_key_print_none(self):
        cmd = ['bedrock', 'list-model-import-jobs']
        for body in ('{}', '{"modelImportJobSummaries": null}'):
            with self.subTest(body=body):
                self.assertEqual(self.same_with_faults(cmd, [{'raw_body': body}]), b'None\n')
                self.assertEqual(self.same_with_faults(cmd + ['--no-paginate'], [{'raw_body': body}]), b'')
        # Middle pages without the key and with an empty list, between real pages (real
        # tokens from the endpoint: page n+1 is asked for with page n's token).
        tokens = []
        for _ in range(3):
            extra = ['--next-token', tokens[-1]] if tokens else []
            tokens.append(run(TINYAWS, cmd + ['--max-results', '2'] + extra)[1].split(b'\n', 1)[0].decode())
        faults = [{}, {'raw_body': json.dumps({'nextToken': tokens[1]})},
                  {'raw_body': json.dumps({'modelImportJobSummaries': [], 'nextToken': tokens[2]})}]
        out = self.same_with_faults(cmd + ['--page-size', '2', '--max-items', '5'], faults)
        self.assertEqual(out.count(b'None\n'), 1)
        self.assertEqual(len(item_lines(out, IDENT['bedrock list-model-import-jobs'])), 5)
        self.assertIsNotNone(next_token(out))

    def test_error_after_some_pages_keeps_the_pages_printed(self):
        faults = [{}, {}, {'status': 400, 'code': 'ValidationException', 'message': 'third page refused'}]
        out = self.same_with_faults(['bedrock', 'list-model-import-jobs', '--page-size', '5'], faults, code=254)
        self.assertEqual(len(item_lines(out, IDENT['bedrock list-model-import-jobs'])), 10)

    def test_retried_page_prints_as_a_clean_run(self):
        args = ['bedrock', 'list-model-copy-jobs', '--page-size', '40']
        clean = run(AWS, args)
        self.assertEqual(clean[0], 0)
        for fault in ({'drop_after_bytes': 3000}, {'status': 503, 'code': 'ServiceUnavailable', 'message': 'x'}):
            with self.subTest(fault=fault):
                EP.control('POST', '/__tinyaws/reset')
                EP.control('POST', '/__tinyaws/faults', [{}, fault])
                rc, out, err = run(TINYAWS, args)
                self.assertEqual(rc, 0, err)
                self.assertEqual(out, clean[1])
                self.assertEqual(self.requests(), 300 // 40 + 1 + 1)  # one request more


class Wire(TextTest):
    CASES = [  # knobs that change the bytes on the wire, never the items
        ('bedrock list-model-invocation-jobs', dict(chunked=7, chunk_ext=True, long_strings=True)),
        (SSM, dict(chunked=1, ssm_time_style='int')),
        ('bedrock list-model-copy-jobs', dict(pretty=True, token_first=True, null_fields=True)),
        ('bedrock-runtime list-async-invokes', dict(unicode_escape=True, escape_slash=True, token_len=2048)),
        ('bedrock list-model-import-jobs', dict(null_fields=True, unknown_fields=True, close=True)),
        (SSM, dict(long_strings=True, unicode_escape=True, unknown_fields=True)),
        (SSM, dict(empty_token=True, ssm_time_style='plain', null_fields=True)),
        ('bedrock list-model-invocation-jobs', dict(chunked=3, pretty=True, token_first=True, unknown_fields=True,
                                                    null_fields=True, unicode_escape=True, escape_slash=True,
                                                    long_strings=True)),
    ]

    def test_wire_variations(self):
        for cmd, knobs in self.CASES:
            with self.subTest(cmd=cmd, knobs=knobs):
                EP.control('POST', '/__tinyaws/reset')
                EP.config(**knobs)
                out = self.same(cmd_args(cmd, 57 if cmd == SSM else None) +
                                ['--page-size', '25', '--max-items', '55'])
                self.assertEqual(len(item_lines(out, IDENT[cmd])), 55)
                self.assertIsNotNone(next_token(out))


class Crafted(TextTest):
    """Responses written here, served verbatim (raw_body) to both programs."""

    def test_lists_of_structures_and_odd_values(self):
        tags = [{'key': 'k1'}, {}, {'key': '', 'value': ''}, {'key': 't\tab', 'value': 'new\nline \u00fc\u20ac\U0001F600'},
                {'value': 'v-only'}]
        items = [
            {'jobArn': 'arn:a', 'status': 'Completed', 'creationTime': '2024-01-02T03:04:05Z', 'targetModelArn': 't',
             'sourceAccountId': '1', 'sourceModelArn': 's', 'targetModelTags': []},
            {'jobArn': 'arn:b', 'status': 'Failed', 'creationTime': '2024-01-02T03:04:05.5Z', 'targetModelArn': 't',
             'sourceAccountId': '', 'sourceModelArn': 's', 'targetModelTags': tags,
             'failureMessage': 'tab\there\nnewline\r\ncrlf \\ back "q" \u00e9\u4e2d', 'unknownX': {'a': [1, 2]}},
            {'jobArn': 'arn:c'},
            {'jobArn': 'arn:d', 'targetModelTags': None, 'targetModelName': None, 'creationTime': 1704164645.25},
            {'targetModelTags': [{'key': 'only-tags'}]},
            {'jobArn': 'arn:e', 'targetModelTags': [{}, {}]},
        ]
        out = self.same_with_faults(['bedrock', 'list-model-copy-jobs'],
                                    [{'raw_body': json.dumps({'modelCopyJobSummaries': items})}])
        self.assertIn('new\nline \u00fc\u20ac\U0001F600'.encode(), out)
        self.assertIn(b'TARGETMODELTAGS\t\t\n', out)

    def test_nested_structures_string_lists_and_integers(self):
        items = [
            {'jobArn': 'j1', 'jobName': 'n', 'modelId': 'm', 'roleArn': 'r', 'submitTime': '2024-01-02T03:04:05Z',
             'inputDataConfig': {'s3InputDataConfig': {}}, 'outputDataConfig': {'s3OutputDataConfig': {}},
             'vpcConfig': {'subnetIds': [], 'securityGroupIds': ['sg-1', '', 'sg\t3']},
             'totalRecordCount': 0, 'processedRecordCount': -5, 'successRecordCount': 9007199254740993,
             'timeoutDurationInHours': 24},
            {'jobArn': 'j2', 'inputDataConfig': {'s3InputDataConfig': {'s3Uri': 's3://in', 's3InputFormat': 'JSONL',
                                                                       's3BucketOwner': ''}},
             'outputDataConfig': {'s3OutputDataConfig': {'s3Uri': 's3://out', 's3EncryptionKeyId': 'k'}},
             'vpcConfig': {'subnetIds': ['sn-1', 'sn-2'], 'securityGroupIds': []}},
            {'vpcConfig': {'subnetIds': ['x']}},
            {'vpcConfig': {}},
            {},
        ]
        args = ['bedrock', 'list-model-invocation-jobs']
        for extra, body in (([], {'invocationJobSummaries': items, 'nextToken': None}),
                            (['--no-paginate'], {'invocationJobSummaries': items, 'nextToken': 'tok\u00fc'}),
                            (['--no-paginate'], {'nextToken': 'only-a-token'})):
            with self.subTest(extra=extra, keys=sorted(body)):
                out = self.same_with_faults(args + extra, [{'raw_body': json.dumps(body)}])
                self.assertTrue(out)

    def test_items_without_scalars_and_empty_pages(self):
        args = ['bedrock-runtime', 'list-async-invokes']
        no_scalars = [{'outputDataConfig': {'s3OutputDataConfig': {'s3Uri': 's3://x', 'kmsKeyId': ''}}}, {},
                      {'outputDataConfig': {'s3OutputDataConfig': {}}}]
        for body, expect in ((no_scalars, b'S3OUTPUTDATACONFIG\t\ts3://x\n'), ([{}, {}], b''), ([], b'')):
            with self.subTest(items=body):
                out = self.same_with_faults(args, [{'raw_body': json.dumps({'asyncInvokeSummaries': body})}])
                self.assertEqual(out, expect)

    def test_spool_boundaries_and_values_larger_than_the_buffer(self):
        # A spool record of an import job with only a jobArn of L bytes is 16 + L bytes: with
        # L = 1 the 64 KiB buffer boundary falls inside an item's mask (65536 % 17 == 1), with
        # L = 2 inside its nested-lines length (65536 % 18 == 16); both when written and read.
        args = ['bedrock', 'list-model-import-jobs']
        for arn in ('x', 'xy'):
            with self.subTest(arn=arn):
                items = [{'jobArn': arn}] * 4500
                out = self.same_with_faults(args, [{'raw_body': json.dumps({'modelImportJobSummaries': items})}])
                self.assertEqual(out, (b'MODELIMPORTJOBSUMMARIES\t' + arn.encode() + b'\n') * 4500)
        huge = 'tab\there \u00e9\n' * 20000  # 300 KB: one value through several buffers
        items = [{'jobArn': 'a', 'jobName': huge}, {'jobArn': 'b', 'status': 'Failed'}]
        out = self.same_with_faults(args, [{'raw_body': json.dumps({'modelImportJobSummaries': items})}])
        self.assertIn(huge.encode(), out)

    def test_timestamps_and_ssm_values(self):
        forms = ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05.1Z', '2024-01-02T03:04:05.000Z',
                 '2024-01-02T03:04:05.123456789Z', 1704164645, 1704164645.5, 1.704164645123E9]
        items = [{'jobArn': 'a%d' % i, 'jobName': 'n', 'status': 'Failed', 'creationTime': ts}
                 for i, ts in enumerate(forms)]
        self.same_with_faults(['bedrock', 'list-model-import-jobs'],
                              [{'raw_body': json.dumps({'modelImportJobSummaries': items})}])
        ssm = [{'WindowExecutionId': 'w', 'TaskExecutionId': 't', 'InvocationId': 'i', 'StartTime': 1.717200000123E9,
                'EndTime': 1717200000, 'Parameters': '{"a":\n 1}\t', 'OwnerInformation': ''},
               {'WindowExecutionId': 'w', 'Status': 'SUCCESS', 'StatusDetails': '\u00fcber', 'StartTime': 1717200000.5}]
        for extra, body in (([], {'WindowExecutionTaskInvocationIdentities': ssm}),
                            (['--no-paginate'], {'WindowExecutionTaskInvocationIdentities': ssm, 'NextToken': 'x'})):
            with self.subTest(extra=extra):
                self.same_with_faults(cmd_args(SSM) + extra, [{'raw_body': json.dumps(body)}])


class Failures(TextTest):
    def test_stdout_on_dev_full_fails_at_the_first_page(self):
        args = ['bedrock-runtime', 'list-async-invokes', '--page-size', '100']  # 25 pages
        with open('/dev/full', 'wb') as full:
            rc, _, err = run(TINYAWS, args, stdout=full)
            self.assertNotEqual(rc, 0, err)
            # Page 1's flush fails when page 2's first item arrives: it stops there, not after
            # fetching all 25 pages.
            self.assertLessEqual(self.requests(), 2)
            rc_a, _, _ = run(AWS, args, stdout=full)
            self.assertNotEqual(rc_a, 0)  # the AWS CLI's text output fails here too

    def test_table_and_yaml_still_refused(self):
        for fmt in ('table', 'yaml'):
            with self.subTest(fmt=fmt):
                p = subprocess.run(WRAPPER + [TINYAWS, 'bedrock', 'list-model-import-jobs', '--output', fmt],
                                   capture_output=True, env=environ(None), timeout=60)
                self.assertEqual(p.returncode, 252)
                self.assertEqual(p.stdout, b'')

    def test_memory_bounded_by_the_spool_not_the_page(self):
        if WRAPPER:
            self.skipTest('peak RSS is measured without a wrapper')
        with tempfile.NamedTemporaryFile() as rss:
            p = subprocess.run(['/usr/bin/time', '-f', '%M', '-o', rss.name] +
                               command(TINYAWS, ['bedrock-runtime', 'list-async-invokes', '--page-size', '1000']),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ(None), timeout=120)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertGreater(len(p.stdout), 800 * 1024)
            self.assertLess(int(open(rss.name).read().split()[-1]), 8 * 1024)  # KiB


def main():
    global TINYAWS, EP, BASE_ENV, TARGETS
    TINYAWS = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix='taws-text-')
    EP = testlib.Endpoint('--https-port', '0', '--http-port', '0', state_dir=tmp).wait_ready()
    try:
        TARGETS = EP.control('GET', '/__tinyaws/ssm-targets')[1]
        for cmd, op in OPERATION.items():
            if cmd != SSM:
                DATASET_SIZE[cmd] = len(EP.control('GET', '/__tinyaws/dataset/' + op)[1])
        DATASET_SIZE[SSM] = max(t['count'] for t in TARGETS)
        BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith('AWS_')}
        BASE_ENV.update({'AWS_ACCESS_KEY_ID': testlib.AK, 'AWS_SECRET_ACCESS_KEY': testlib.SK,
                         'AWS_REGION': 'us-east-1', 'AWS_DATA_PATH': testlib.MODELS, 'TZ': 'UTC',
                         'AWS_CONFIG_FILE': '/nonexistent', 'AWS_SHARED_CREDENTIALS_FILE': '/nonexistent',
                         'AWS_PAGER': '', 'TMPDIR': tmp})
        return testlib.run_module_tests(__name__, (), 2, sys.stdout)
    finally:
        EP.stop()


if __name__ == '__main__':
    sys.exit(main())
