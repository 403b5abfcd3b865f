#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""tinyaws as a drop-in for the AWS CLI v2 (Debian's /usr/bin/aws): the defects a script on a
gateway would meet, the flags and inputs scripts use, and the messages of what goes wrong.
Every case runs both programs against the same local endpoint and compares exit codes,
stdout and stderr (the AWS CLI's program name "aws" in usage lines read as "tinyaws"); where
tinyaws deliberately differs the test says so and asserts tinyaws's behaviour instead.

Usage: test_cli_compat.py <tinyaws binary>
"""
import base64
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clihar import *  # noqa: E402,F401,F403  (run, tinyaws, aws, CliTest, ...)
import clihar  # noqa: E402

W = '11111111-2222-3333-4444-555555555555'  # a window execution that does not exist
SSM = ['ssm', 'describe-maintenance-window-execution-task-invocations']


def as_tinyaws(err):
    """The AWS CLI's stderr with its program name where tinyaws prints its own."""
    err = re.sub(rb'(?m)^usage: aws ', b'usage: tinyaws ', err)
    err = re.sub(rb'(?m)^  aws ', b'  tinyaws ', err)
    return re.sub(rb'(?m)^aws: error: ', b'tinyaws: error: ', err)


def shell(cmd, env=None, timeout=120):
    """A shell line with $T (tinyaws, under the wrapper) and $A (the AWS CLI) and $EP (the
    endpoint options), for redirections Python's subprocess cannot express (>&-)."""
    e = dict(BASE_ENV)
    e.update(env or {})
    e['T'] = ' '.join(clihar.WRAPPER + [TINYAWS])
    e['A'] = AWS
    e['EP'] = '--endpoint-url https://localhost:%d --ca-bundle %s' % (EP.https, EP.ca)
    p = subprocess.run(['bash', '-c', cmd], capture_output=True, env=e, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


class Compat(CliTest):
    def same(self, args, env=None, rc=None, endpoint=True):
        """Same exit code, stdout and stderr from tinyaws and the AWS CLI (run side by side);
        returns tinyaws's."""
        kw = {'env': env, 'endpoint': endpoint}
        (rc_t, out_t, err_t), (rc_a, out_a, err_a) = both([(TINYAWS, args, kw), (AWS, args, kw)])
        self.assertEqual((rc_t, out_t.decode(errors='replace'), err_t.decode(errors='replace')),
                         (rc_a, out_a.decode(errors='replace'), as_tinyaws(err_a).decode(errors='replace')))
        if rc is not None:
            self.assertEqual(rc_t, rc)
        return rc_t, out_t, err_t

    def requests(self):
        return self.stats()['requests']


class Defects(Compat):
    """Issue 9's data-losing defects; each test failed before its fix."""

    def test_empty_region_is_no_region(self):
        for env, args in [({'AWS_REGION': None}, ['--region', '']),
                          ({'AWS_REGION': ''}, []),
                          ({'AWS_REGION': '', 'AWS_DEFAULT_REGION': ''}, ['--region', ''])]:
            with self.subTest(env=env, args=args):
                EP.control('POST', '/__tinyaws/reset')
                rc, out, err = tinyaws(['bedrock', 'list-model-import-jobs'] + args, env=env)
                self.assertEqual(rc, 253, err)  # was SIGSEGV (-11)
                self.assertEqual(out, b'')
                self.assertIn(b'You must specify a region.', err)
                self.assertEqual(self.requests(), 0)  # nothing sent (the AWS CLI signs for '')
        # Empty counts as unset at each level: the next setting in the chain applies.
        rc, out, _ = tinyaws(['bedrock', 'list-model-import-jobs', '--region', '', '--max-items', '1'],
                             env={'AWS_REGION': None, 'AWS_DEFAULT_REGION': 'us-east-1'})
        self.assertEqual(rc, 0)

    def test_closed_stdout_fails_before_sending(self):
        rc, out, err = shell('$T bedrock list-model-import-jobs $EP >&-')
        self.assertEqual(rc, 255, err)  # was exit 0, the JSON written into the TLS connection
        self.assertEqual(err, b'\n[Errno 9] Bad file descriptor\n')
        st = self.stats()
        self.assertEqual((st['requests'], st['tls_handshakes']), (0, 0))
        rc_a, _, _ = shell('$A bedrock list-model-import-jobs $EP >&-')
        self.assertEqual(rc_a, 255)  # the AWS CLI fails too (after listing everything)

    def test_full_disk_stops_at_the_first_failed_write(self):
        cmd = 'bedrock-runtime list-async-invokes $EP --page-size 10'
        rc, out, err = shell('$T %s > /dev/full' % cmd)
        self.assertEqual(rc, 255, err)  # was exit 0 after 27 failed writes
        sent = self.requests()
        self.assertLess(sent, 250)  # 2,500 items in 250 pages: it stopped early
        rc_a, _, err_a = shell('$A %s --output text > /dev/full' % cmd)
        self.assertEqual((rc, err), (rc_a, err_a))  # as the AWS CLI's text output (json: exit 0)
        self.assertEqual(err, b'\n[Errno 28] No space left on device\n')

    def test_closed_pipe_is_a_write_error_not_sigpipe(self):
        cmd = 'bedrock-runtime list-async-invokes $EP --page-size 10'
        rc, out, err = shell('set -o pipefail; $T %s | head -c 10; exit ${PIPESTATUS[0]}' % cmd)
        self.assertEqual(rc, 255, err)  # was 141 (killed by SIGPIPE)
        self.assertEqual(out, b'{\n    "asy')
        self.assertEqual(err, b'\n[Errno 32] Broken pipe\n')
        self.assertLess(self.requests(), 250)
        rc_a, _, err_a = shell('$A %s --output text | head -c 10 >/dev/null; exit ${PIPESTATUS[0]}' % cmd)
        self.assertEqual((rc_a, err_a), (rc, err))  # the AWS CLI's text output; its json exits 0

    def interrupted(self, prog):
        """(rc, stdout, seconds from SIGINT to exit) of a listing interrupted while its third
        page is stalled by the endpoint."""
        EP.control('POST', '/__tinyaws/reset')
        EP.control('POST', '/__tinyaws/faults', [{'op': 'ListAsyncInvokes'}, {'op': 'ListAsyncInvokes'},
                                                 {'op': 'ListAsyncInvokes', 'stall_seconds': 30}])
        args = (clihar.WRAPPER if prog == TINYAWS else []) + [
            prog, 'bedrock-runtime', 'list-async-invokes', '--page-size', '10',
            '--endpoint-url', 'https://localhost:%d' % EP.https, '--ca-bundle', EP.ca]
        p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(BASE_ENV))
        deadline = time.time() + 60
        while self.requests() < 3 and time.time() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # the third request is being stalled by the endpoint
        t0 = time.time()
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=20)
        return p.returncode, out, time.time() - t0

    def test_sigint_closes_and_exits_130(self):
        rc, out, secs = self.interrupted(TINYAWS)
        self.assertLess(secs, 10)  # not after the 30 s stall or a timeout
        self.assertEqual(rc, 130)
        self.assertTrue(out.endswith(b'\n'))
        self.assertEqual(out.count(b'"invocationArn"'), 20)  # the two pages that arrived stay
        rc_a, out_a, _ = self.interrupted(AWS)
        self.assertEqual(rc_a, 130)  # as the AWS CLI (whose JSON waits for the end: only "\n")
        self.assertTrue(out_a.endswith(b'\n'))

    def test_max_items_zero_and_friends_as_the_aws_cli(self):
        import_jobs = ['bedrock', 'list-model-import-jobs']
        _, out, _ = self.same(import_jobs + ['--max-items', '0'], rc=0)
        self.assertEqual(json.loads(out), {'modelImportJobSummaries': [], 'NextToken': base64.b64encode(
            b'{"nextToken": null, "boto_truncate_amount": 0}').decode()})
        # From a starting token: a token for the same place (what was skipped stays skipped).
        for k in ('7', '5'):
            _, out, _ = self.same(import_jobs + ['--max-items', k, '--page-size', '5'], rc=0)
            token = json.loads(out)['NextToken']
            self.same(import_jobs + ['--max-items', '0', '--page-size', '5', '--starting-token', token], rc=0)
        # With --no-paginate the AWS CLI misses that --max-items 0 is given (0 is falsy in
        # Python) and fails on an internal PaginationConfig: tinyaws names the conflict.
        rc, out, err = tinyaws(import_jobs + ['--max-items', '0', '--no-paginate'])
        self.assertEqual((rc, out), (252, b''))
        self.assertIn(b'Cannot specify --no-paginate along with pagination arguments: --max-items', err)
        for args in (['--page-size', '0'], ['--page-size', '-1'], ['--max-results', '0'],
                     ['--max-results', '-5'], ['--page-size', 'abc'], ['--max-items', '1.5'],
                     ['--max-items', '2', '--max-items', '3']):
            with self.subTest(args=args):
                self.same(import_jobs + args)
        self.same(SSM + ['--window-execution-id', W, '--task-id', W, '--max-results', '5'], rc=252)

    def test_max_items_negative_is_refused(self):
        # The AWS CLI prints the first page minus one item (a Python slice): tinyaws refuses.
        EP.control('POST', '/__tinyaws/reset')
        rc, out, err = tinyaws(['bedrock', 'list-model-import-jobs', '--max-items', '-1'])
        self.assertEqual((rc, out), (252, b''))
        self.assertIn(b"argument --max-items: must be 0 or more, not '-1'", err)
        self.assertEqual(self.requests(), 0)

    def test_shorthand_duplicate_key_and_invalid_utf8_refused_before_sending(self):
        base = SSM + ['--window-execution-id', W, '--task-id', W]
        EP.control('POST', '/__tinyaws/reset')
        self.same(base + ['--filters', 'Key=STATUS,Values=SUCCESS,Values=FAILED'], rc=252)
        # Invalid UTF-8: the AWS CLI refuses it for a query (255) but sends it in a JSON body;
        # tinyaws refuses both, with the same message, before sending anything.
        _, _, err = self.same(['bedrock', 'list-model-import-jobs', '--name-contains', b'ab\xff\xfe'],
                              rc=255)
        self.assertIn(b"position 2-3: surrogates not allowed", err)
        EP.control('POST', '/__tinyaws/reset')
        for arg in [b'Key=STATUS,Values=\xff', b'[{"Key": "STATUS", "Values": ["\\udcff"]}]']:
            with self.subTest(arg=arg):
                rc, out, err = tinyaws(base + ['--filters', arg])
                self.assertEqual(rc, 255, err)
                self.assertIn(b"can't encode character '\\udcff' in position", err)
        self.assertEqual(self.requests(), 0)


    def test_an_empty_union_is_a_malformed_response(self):
        body = json.dumps({'asyncInvokeSummaries': [{
            'invocationArn': 'arn:aws:bedrock:us-east-1:123456789012:async-invoke/abcdefghij12',
            'modelArn': 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-reel-v1:0',
            'status': 'Failed', 'submitTime': '2024-10-19T02:01:51Z', 'outputDataConfig': {}}]})
        for prog in (TINYAWS, AWS):
            EP.control('POST', '/__tinyaws/faults', [{'op': 'ListAsyncInvokes', 'raw_body': body}])
            rc, out, err = run(prog, ['bedrock-runtime', 'list-async-invokes'])
            self.assertEqual(rc, 255, (prog, err))  # botocore: "must have one and only one member set"
            self.assertNotIn(b']', out)


class Inputs(Compat):
    """Shorthand, JSON, file://, --cli-input-json, skeletons, timestamps."""

    def test_filters_shorthand_and_json_errors_as_the_aws_cli(self):
        base = SSM + ['--window-execution-id', W, '--task-id', W, '--filters']
        for f in ['Key=STATUS,Foo=1', 'Key=[a,b],Values=x', 'Key=STATUS,Values=', 'Key',
                  'Key=STATUS,Values=a,b,c=d', '[{"Key":"STATUS","Values":["A"]',
                  '{"Key":"STATUS","Values":"A"}', '[{"Key":1,"Values":["A"]}]', '[{"Key":"STATUS","Foo":["A"]}]',
                  'Key={a=b},Values=x', '=x', 'Key=STATUS,Values=[A,B', 'Key="STA', 'Key=a,b=,Values=x']:
            with self.subTest(filters=f):
                rc, _, _ = self.same(base + [f])
                self.assertIn(rc, (252, 254))

    def test_filters_that_list(self):
        base = ssm_args()
        for f in (['Key=STATUS,Values=SUCCESS,FAILED'], ['Key=STATUS,Values=[SUCCESS,FAILED]'],
                  ['Key=STATUS,Values="SUCCESS"'], ['Key = STATUS , Values = SUCCESS'],
                  ['{"Key": "STATUS", "Values": ["SUCCESS", "FAILED"]}'],
                  ['Key=STATUS,Values=IN_PROGRESS', 'Key=STATUS,Values=IN_PROGRESS,PENDING']):
            with self.subTest(filters=f):
                rc, out, _ = self.same(SSM + base + ['--filters'] + f, rc=0)

    def test_file_values(self):
        d = tempfile.mkdtemp(prefix='taws-files-')
        with open(os.path.join(d, 'f.json'), 'w') as fh:
            fh.write('[{"Key": "STATUS", "Values": ["SUCCESS", "FAILED"]}]\n')
        with open(os.path.join(d, 'f.txt'), 'w') as fh:
            fh.write('Key=STATUS,Values=SUCCESS')
        with open(os.path.join(d, 'name.txt'), 'w') as fh:
            fh.write('ft')
        with open(os.path.join(d, 'bad.txt'), 'wb') as fh:
            fh.write(b'\xff\xfe')
        self.same(SSM + ssm_args() + ['--filters', 'file://' + d + '/f.json'], rc=0)
        # Shorthand from a file is one structure, not a list: the AWS CLI refuses its type.
        self.same(SSM + ssm_args() + ['--filters', 'file://' + d + '/f.txt'], rc=252)
        self.same(['bedrock', 'list-model-import-jobs', '--name-contains', 'file://' + d + '/name.txt'], rc=0)
        self.same(['bedrock', 'list-model-import-jobs', '--name-contains', 'fileb://' + d + '/name.txt'], rc=252)
        self.same(SSM + ssm_args() + ['--filters', 'file://' + d + '/missing.json'], rc=252)
        self.same(SSM + ssm_args() + ['--filters', 'file://' + d], rc=252)
        self.same(['bedrock', 'list-model-import-jobs', '--name-contains', 'file://' + d + '/bad.txt'], rc=252)
        self.same(['bedrock', 'list-model-import-jobs', '--name-contains', 'file://~/nonexistent-taws'],
                  env={'HOME': d}, rc=252)

    def test_cli_input_json(self):
        w, t = BIG
        d = tempfile.mkdtemp(prefix='taws-input-')
        path = os.path.join(d, 'in.json')
        with open(path, 'w') as fh:
            json.dump({'WindowExecutionId': w, 'TaskId': t, 'Filters': [{'Key': 'STATUS', 'Values': ['SUCCESS']}]}, fh)
        cases = [
            ['--cli-input-json', 'file://' + path],
            ['--cli-input-json', json.dumps({'WindowExecutionId': w, 'TaskId': t})],
            ['--cli-input-json', json.dumps({'WindowExecutionId': w, 'TaskId': 'x' * 36}), '--task-id', t],
            ['--cli-input-json', '{bad'],
            ['--cli-input-json', '[1]'],
            ['--cli-input-json', '"s"'],
            ['--cli-input-json', '{"Foo": 1}'],
            ['--cli-input-json', json.dumps({'WindowExecutionId': w, 'TaskId': 5})],
            ['--cli-input-json', 'file://' + d + '/missing.json'],
        ]
        for args in cases:
            with self.subTest(args=args):
                self.same(SSM + args)
        self.same(['bedrock', 'list-model-import-jobs', '--cli-input-json',
                   '{"statusEquals": "Completed", "sortOrder": "Ascending"}'], rc=0)

    def test_generate_cli_skeleton(self):
        for cmd in OPS:
            for kind in ([], ['input'], ['output']):
                with self.subTest(cmd=cmd, kind=kind):
                    self.same(cmd.split() + ['--generate-cli-skeleton'] + kind, endpoint=False)
            with self.subTest(cmd=cmd, kind='output with parameters'):
                self.same(cmd_args(cmd) + ['--generate-cli-skeleton', 'output'], endpoint=False)
        self.same(['bedrock', 'list-model-import-jobs', '--generate-cli-skeleton', 'bogus'])

    def test_timestamp_forms_send_what_the_aws_cli_sends(self):
        forms = ['2024-10-28', '2024-10-28T10:20', '2024-10-28T10:20:30', '2024-10-28T10:20:30Z',
                 '2024-10-28T10:20:30.123456Z', '2024-10-28T10:20:30.5+02:00', '2024-10-28 10:20:30',
                 '2024-10-28T10:20:30-0130', '20241028', '20241028T102030Z', '1730073600',
                 '1730073600.25', '1.73e9', '0', ' 2024-10-28 ', 'Mon, 28 Oct 2024 10:20:30 GMT',
                 '28 Oct 2024 10:20:30 +0100', 'Mon Oct 28 10:20:30 2024', 'Oct 28 2024',
                 'October 28, 2024 10:20 PM', '28 October 2024', '28-Oct-2024', '2024/10/28',
                 '10/28/2024', '28.10.2024', '10.11.2024', '2024-10-28T10:20:30 UTC',
                 'Oct 28, 2024 12:05 AM', 'Sunday, October 27, 2024 11:59:59 PM']
        # What each sends, from its --debug lines: tinyaws's request line, the AWS CLI's URL.
        jobs = []
        for form in forms:
            args = ['bedrock', 'list-model-import-jobs', '--max-items', '1', '--debug',
                    '--creation-time-after', form]
            jobs += [(TINYAWS, args, {}), (AWS, args, {})]
        results = both(jobs)
        for i, form in enumerate(forms):
            with self.subTest(form=form):
                (rc_t, _, err_t), (rc_a, _, err_a) = results[2 * i], results[2 * i + 1]
                self.assertEqual((rc_t, rc_a), (0, 0), err_t[-500:])
                t = re.search(rb'> GET /model-import-jobs\?(\S*) HTTP/1.1', err_t).group(1)
                a = re.search(rb"url=https://localhost:\d+/model-import-jobs\?([^,\s]*)", err_a).group(1)
                self.assertEqual(t, a)
        for bad in ['garbage', '2024-13-01', 'nan', '2024-02-30']:
            with self.subTest(bad=bad):
                self.same(['bedrock', 'list-model-import-jobs', '--creation-time-after', bad], rc=252)


class Booleans(Compat):
    """A boolean member (bedrock list-custom-models isOwned) as the AWS CLI takes it: --is-owned
    and --no-is-owned (argparse's store_true/store_false on one destination), no value."""
    CMD = ['bedrock', 'list-custom-models']

    def test_flags_send_what_the_aws_cli_sends(self):
        T, F = [b'isOwned=true'], [b'isOwned=false']
        cases = [([], []), (['--is-owned'], T), (['--no-is-owned'], F), (['--is-owned', '--no-is-owned'], F),
                 (['--no-is-owned', '--is-owned'], T), (['--is-owned', '--is-owned'], T),
                 (['--no-is-owned', '--model-status', 'Active', '--page-size', '5'], F),
                 (['--cli-input-json', '{"isOwned": false}'], F), (['--cli-input-json', '{"isOwned": true}'], T),
                 (['--cli-input-json', '{"isOwned": false}', '--is-owned'], T),
                 (['--is-owned', '--cli-input-json', '{"isOwned": false}'], T),  # the command line wins
                 (['--cli-input-json', '{"isOwned": true}', '--no-is-owned'], F)]
        jobs = []
        for extra, _ in cases:
            args = self.CMD + extra + ['--max-items', '1', '--debug']
            jobs += [(TINYAWS, args, {}), (AWS, args, {})]
        results = both(jobs)
        for i, (extra, owned) in enumerate(cases):
            with self.subTest(args=extra):
                (rc_t, _, err_t), (rc_a, _, err_a) = results[2 * i], results[2 * i + 1]
                self.assertEqual((rc_t, rc_a), (0, 0), err_t[-500:])
                # tinyaws's request line (sorted for SigV4), the AWS CLI's URL (model order)
                t = re.search(rb'> GET /custom-models\??(\S*) HTTP/1.1', err_t).group(1)
                a = re.search(rb"url=https://localhost:\d+/custom-models\??([^,\s]*)", err_a).group(1)
                self.assertEqual(sorted(t.split(b'&')), sorted(a.split(b'&')))
                self.assertEqual([x for x in t.split(b'&') if x.startswith(b'isOwned=')], owned)

    def test_values_and_wrong_types_refused_as_the_aws_cli_refuses_them(self):
        cases = [['--is-owned=true'], ['--no-is-owned=false'], ['--is-owned='], ['--is-owned', 'true'],
                 ['--no-is-owned', 'yes', '--model-status', 'Active'],
                 ['--cli-input-json', '{"isOwned": "true"}'], ['--cli-input-json', '{"isOwned": 1}'],
                 ['--cli-input-json', '{"isOwned": [true]}'], ['--no-is-owned', '--is-owned', 'false']]
        for extra in cases:
            with self.subTest(args=extra):
                before = self.requests()
                self.same(self.CMD + extra, rc=252)
                self.assertEqual(self.requests(), before)  # nothing was sent

    def test_listings_with_booleans_identical(self):
        for extra in (['--is-owned', '--output', 'json'], ['--no-is-owned', '--output', 'text'],
                      ['--is-owned', '--output', 'text', '--max-items', '7']):
            with self.subTest(args=extra):
                rc, out, _ = self.same(self.CMD + extra, rc=0)
                self.assertGreater(len(out), 100)


class Flags(Compat):
    def test_accepted_flags_change_nothing(self):
        cmd = ['bedrock', 'list-model-import-jobs', '--max-items', '3']
        for extra in (['--no-cli-pager'], ['--color', 'on'], ['--color', 'off'], ['--color', 'auto'],
                      ['--cli-binary-format', 'base64'], ['--cli-binary-format', 'raw-in-base64-out'],
                      ['--no-cli-auto-prompt'], ['--output', 'json']):
            with self.subTest(extra=extra):
                self.same(cmd + extra, rc=0)
        for extra in (['--color', 'x'], ['--cli-binary-format', 'hex'], ['--output', 'yaml2'],
                      ['--debug=1'], ['--no-paginate=1']):
            with self.subTest(extra=extra):
                rc, _, err = tinyaws(cmd + extra)
                rc_a, _, _ = aws(cmd + extra)
                self.assertEqual((rc, rc_a), (252, 252), err)

    def test_empty_page_token_is_printed_as_sent(self):
        targets = EP.control('GET', '/__tinyaws/ssm-targets')[1]
        small = next(t for t in targets if 0 < t['count'] < 10)
        EP.config(empty_token=True)
        for out in ('json', 'text'):
            with self.subTest(output=out):
                self.same(SSM + ssm_args((small['WindowExecutionId'], small['TaskId'])) +
                          ['--no-paginate', '--output', out], rc=0)

    def test_fips_and_dualstack_endpoints_as_the_aws_cli(self):
        # No route to AWS here: both name the endpoint they resolved when they cannot reach it.
        cases = [(['bedrock', 'list-model-import-jobs', '--region', 'us-east-1'], {'AWS_USE_FIPS_ENDPOINT': 'true'}),
                 (['bedrock-runtime', 'list-async-invokes', '--region', 'us-gov-west-1'],
                  {'AWS_USE_FIPS_ENDPOINT': 'TRUE', 'AWS_USE_DUALSTACK_ENDPOINT': 'true'}),
                 (SSM + ['--window-execution-id', W, '--task-id', W, '--region', 'cn-north-1'],
                  {'AWS_USE_DUALSTACK_ENDPOINT': 'true'}),
                 (['bedrock', 'list-model-import-jobs', '--region', 'us-iso-east-1'],
                  {'AWS_USE_DUALSTACK_ENDPOINT': 'true'}),
                 (['bedrock', 'list-model-import-jobs', '--region', 'eu-west-1'], {'AWS_USE_FIPS_ENDPOINT': '1'})]
        jobs = []
        for args, env in cases:
            env = dict(env, AWS_MAX_ATTEMPTS='1')
            jobs += [(TINYAWS, args, {'env': env, 'endpoint': False}), (AWS, args, {'env': env, 'endpoint': False})]
        res = both(jobs)
        for i, (args, env) in enumerate(cases):
            with self.subTest(args=args, env=env):
                self.assertEqual(res[2 * i], res[2 * i + 1])
                self.assertEqual(res[2 * i][0], 255)

    def test_no_verify_ssl_warns_for_every_request(self):
        # A server no CA here vouches for: refused, then listed with verification off, warned.
        ep = testlib.Endpoint('--https-port', '0', '--cert-mode', 'selfsigned',
                              state_dir=tempfile.mkdtemp(prefix='taws-noverify-')).wait_ready()
        try:
            args = ['bedrock', 'list-model-import-jobs', '--page-size', '100', '--max-items', '150',
                    '--endpoint-url', 'https://localhost:%d' % ep.https]
            rc, _, err = tinyaws(args + ['--ca-bundle', ep.ca], endpoint=False)
            self.assertEqual(rc, 255, err)
            kw = {'endpoint': False}
            (rc_t, out_t, err_t), (rc_a, out_a, err_a) = both([(TINYAWS, args + ['--no-verify-ssl'], kw),
                                                               (AWS, args + ['--no-verify-ssl'], kw)])
        finally:
            ep.stop()
        self.assertEqual((rc_t, out_t), (rc_a, out_a))
        self.assertEqual(rc_t, 0)
        warning = (b"InsecureRequestWarning: Unverified HTTPS request is being made to host 'localhost'. "
                   b"Adding certificate verification is strongly advised.")
        self.assertEqual(err_t.count(warning), 2)  # two requests, as the AWS CLI
        self.assertEqual(err_a.count(warning), 2)

    def test_ca_bundle_that_cannot_be_loaded_says_why(self):
        d = tempfile.mkdtemp(prefix='taws-ca-')
        with open(os.path.join(d, 'empty.pem'), 'w'):
            pass
        with open(os.path.join(d, 'text.pem'), 'w') as fh:
            fh.write('not a certificate\n')
        with open(EP.ca) as fh:
            good = fh.read()
        with open(os.path.join(d, 'bad.pem'), 'w') as fh:
            fh.write(good + '\n' + good.replace('M', '*', 3))
        line = good.count('\n') + 2
        for path, why in ((d + '/missing.pem', 'no such file'), (d, 'is a directory'),
                          (d + '/empty.pem', 'the file is empty'), (d + '/text.pem', 'no PEM certificate in it'),
                          (d + '/bad.pem', 'bad certificate at line %d' % line)):
            with self.subTest(why=why):
                EP.control('POST', '/__tinyaws/reset')
                rc, out, err = tinyaws(['bedrock', 'list-model-import-jobs', '--ca-bundle', path])
                self.assertEqual((rc, out), (255, b''))
                self.assertEqual(err.decode(), '\nCould not load the CA bundle %s: %s\n' % (path, why))
                self.assertEqual(self.requests(), 0)

    def test_default_output_from_the_environment(self):
        cmd = ['bedrock', 'list-model-import-jobs', '--max-items', '2']
        self.same(cmd, env={'AWS_DEFAULT_OUTPUT': 'json'}, rc=0)
        self.same(cmd, env={'AWS_DEFAULT_OUTPUT': 'bogus'}, rc=255)

    def test_no_sign_request(self):
        # The endpoint, as AWS, refuses an anonymous request: both CLIs say so alike.
        EP.control('POST', '/__tinyaws/reset')
        _, _, err = self.same(['bedrock', 'list-model-import-jobs', '--no-sign-request'],
                              env={'AWS_ACCESS_KEY_ID': None, 'AWS_SECRET_ACCESS_KEY': None}, rc=254)
        self.assertIn(b'MissingAuthenticationTokenException', err)
        log = EP.control('GET', '/__tinyaws/log')[1]
        self.assertEqual([r['auth'] for r in log][:1], [None])

    def test_command_line_errors_as_the_aws_cli(self):
        b = ['bedrock', 'list-model-import-jobs']
        for args in (b + ['foo'], b + ['--foo', '1'], ['--foo'] + b, b + ['--name-contains'],
                     b + ['--region'], ['bedrock'], [], b + ['--name-contains', 'a', 'b'],
                     SSM, SSM + ['--window-execution-id', W], b + ['--color', 'x']):
            with self.subTest(args=args):
                self.same(args, endpoint=bool(args) and args[0] != '--foo', rc=252)
        # The AWS CLI converts timeouts with int() after parsing: a Python ValueError, 255.
        rc, _, err = tinyaws(b + ['--cli-read-timeout', 'x'])
        self.assertEqual(rc, 252)
        self.assertIn(b"argument --cli-read-timeout: invalid int value: 'x'", err)
        # --output: tinyaws also offers jsonl, so its list of choices has one more.
        rc, _, err = tinyaws(b + ['--output', 'table2'])
        rc_a, _, err_a = aws(b + ['--output', 'table2'])
        self.assertEqual((rc, rc_a), (252, 252))
        self.assertIn(b'tinyaws: error: argument --output: Invalid choice, valid choices are:', err)
        self.assertTrue(err.endswith(err_a[err_a.index(b'\n\n\nInvalid choice:'):]))

    def test_invalid_choices_suggest_the_closest(self):
        for args, what, guess in ((['bedrok', 'list-model-import-jobs'], 'command', 'bedrock'),
                                  (['bedrock', 'list-model-import-job'], 'operation', 'list-model-import-jobs'),
                                  (['bedrock-runtim', 'list-async-invokes'], 'command', 'bedrock-runtime')):
            with self.subTest(args=args):
                rc, out, err = tinyaws(args, endpoint=False)
                rc_a, _, err_a = aws(args, endpoint=False)
                self.assertEqual((rc, rc_a), (252, 252))
                self.assertIn(('tinyaws: error: argument %s: Invalid choice, valid choices are:' % what).encode(), err)
                # The AWS CLI knows every service and operation (so it may suggest more); the
                # best suggestion is the same.
                first = err_a[err_a.index(b'\n\n\nInvalid choice:'):].split(b'\n  * ')[:2]
                self.assertIn(b'\n  * '.join(first), err)
                self.assertIn(('  * %s' % guess).encode(), err)


class Differences(Compat):
    """README's "Known differences from the AWS CLI": tinyaws's side of each."""

    def test_not_there_yet_is_refused_with_a_message(self):
        b = ['bedrock', 'list-model-import-jobs']
        for args, says in ((b + ['--query', 'x'], b'does not support --query'),
                           (b + ['--output', 'table'], b'does not support --output table'),
                           (b + ['--output', 'yaml'], b'does not support --output yaml'),
                           (b + ['--output', 'yaml-stream'], b'does not support --output yaml-stream'),
                           (b + ['--generate-cli-skeleton', 'yaml-input'], b'does not support YAML'),
                           (b + ['--cli-auto-prompt'], b'does not prompt')):
            with self.subTest(args=args):
                rc, out, err = tinyaws(args)
                self.assertEqual((rc, out), (252, b''), err)
                self.assertIn(says, err)
        self.assertEqual(self.requests(), 0)

    def test_max_items_zero_sends_nothing(self):
        rc, out, _ = tinyaws(['bedrock', 'list-model-import-jobs', '--max-items', '0'])
        self.assertEqual(rc, 0)
        self.assertEqual(self.requests(), 0)

    def test_partial_dates_are_refused(self):
        for form in ('Oct 2024', '10:20', 'October', '28 Oct'):
            with self.subTest(form=form):
                rc, _, err = tinyaws(['bedrock', 'list-model-import-jobs', '--creation-time-after', form])
                self.assertEqual(rc, 252, err)
                self.assertIn(b'Invalid type for parameter creationTimeAfter', err)

    def test_endpoint_urls(self):
        url = 'https://localhost:%d' % EP.https
        for bad, says in (('/path', b'URL path is not supported'), ('?q=1', b'URL query (?) is not supported'),
                          ('#f', b'URL fragment (#) is not supported')):
            with self.subTest(url=url + bad):
                rc, _, err = tinyaws(['bedrock', 'list-model-import-jobs', '--endpoint-url', url + bad,
                                      '--ca-bundle', EP.ca], endpoint=False)
                self.assertEqual(rc, 255)
                self.assertIn(says, err)
        for var in ('AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_BEDROCK'):
            with self.subTest(var=var):
                rc, out, err = tinyaws(['bedrock', 'list-model-import-jobs', '--max-items', '1',
                                        '--ca-bundle', EP.ca], env={var: url}, endpoint=False)
                self.assertEqual(rc, 0, err)


if __name__ == '__main__':
    sys.exit(clihar.main(sys.modules[__name__]))
