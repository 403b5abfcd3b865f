#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""tinyaws CLI against the local AWS endpoint over HTTPS, with the AWS CLI v2 (Debian's
awscli) and boto3 as the references.

Every operation, filter and sort; --max-items/--page-size/--starting-token chains; resume-token
interop with the AWS CLI and boto3 both ways; wire variations (chunked, close, pretty, token
first, unknown fields, escapes, 4 KiB strings, long tokens); a 1,000-item page through a 1 KiB
window; --output jsonl; --no-paginate; --debug redaction; every exit code.
Usage: test_cli.py <tinyaws binary>
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clihar import *  # noqa: E402,F401,F403  (run, tinyaws, aws, CliTest, ...)
import clihar  # noqa: E402
from hostile import Hostile  # noqa: E402


class Operations(CliTest):
    def test_every_operation_full_listing_identical_to_aws_cli(self):
        for cmd, key in OPS.items():
            with self.subTest(cmd=cmd):
                out = self.same_as_aws(cmd_args(cmd))
                self.assertGreater(len(items_of(out, key)), 0)

    def test_every_filter_and_sort_identical_to_aws_cli(self):
        ds = {op: EP.control('GET', '/__tinyaws/dataset/' + op)[1]
              for op in ('ListAsyncInvokes', 'ListModelCopyJobs', 'ListModelInvocationJobs',
                         'ListModelImportJobs', 'ListCustomModels')}
        custom = ds['ListCustomModels'][len(ds['ListCustomModels']) // 3]
        foundation = next(it['baseModelArn'] for it in ds['ListCustomModels']
                          if ':foundation-model/' in it['baseModelArn'])
        copy = ds['ListModelCopyJobs'][len(ds['ListModelCopyJobs']) // 2]
        mid = lambda op, f: ds[op][len(ds[op]) // 2][f]  # noqa: E731
        cases = [
            ['bedrock-runtime', 'list-async-invokes', '--status-equals', 'Failed'],
            ['bedrock-runtime', 'list-async-invokes', '--submit-time-after', mid('ListAsyncInvokes', 'submitTime')],
            ['bedrock-runtime', 'list-async-invokes', '--submit-time-before', mid('ListAsyncInvokes', 'submitTime'),
             '--sort-by', 'SubmissionTime', '--sort-order', 'Ascending'],
            ['bedrock', 'list-model-copy-jobs', '--status-equals', 'Completed', '--sort-order', 'Ascending'],
            ['bedrock', 'list-model-copy-jobs', '--creation-time-after', mid('ListModelCopyJobs', 'creationTime'),
             '--creation-time-before', '2030-01-01T00:00:00Z', '--sort-by', 'CreationTime'],
            ['bedrock', 'list-model-copy-jobs', '--source-account-equals', copy['sourceAccountId']],
            ['bedrock', 'list-model-copy-jobs', '--source-model-arn-equals', copy['sourceModelArn']],
            ['bedrock', 'list-model-copy-jobs', '--target-model-name-contains',
             copy.get('targetModelName', 'x')[:3]],
            ['bedrock', 'list-model-invocation-jobs', '--status-equals', 'PartiallyCompleted'],
            ['bedrock', 'list-model-invocation-jobs', '--name-contains', mid('ListModelInvocationJobs', 'jobName')[:4],
             '--sort-order', 'Ascending', '--sort-by', 'CreationTime'],
            ['bedrock', 'list-model-invocation-jobs', '--submit-time-after', '2024-06-01T00:00:00Z',
             '--submit-time-before', mid('ListModelInvocationJobs', 'submitTime')],
            ['bedrock', 'list-model-import-jobs', '--status-equals', 'InProgress'],
            ['bedrock', 'list-model-import-jobs', '--name-contains', mid('ListModelImportJobs', 'jobName')[:3],
             '--creation-time-before', mid('ListModelImportJobs', 'creationTime'), '--sort-order', 'Ascending'],
            ['bedrock', 'list-model-import-jobs', '--creation-time-after', mid('ListModelImportJobs', 'creationTime')],
            # a boolean member: --is-owned / --no-is-owned, the last one given counts
            ['bedrock', 'list-custom-models', '--is-owned'],
            ['bedrock', 'list-custom-models', '--no-is-owned', '--sort-order', 'Ascending'],
            ['bedrock', 'list-custom-models', '--is-owned', '--no-is-owned', '--model-status', 'Active'],
            ['bedrock', 'list-custom-models', '--no-is-owned', '--is-owned', '--page-size', '9'],
            ['bedrock', 'list-custom-models', '--model-status', 'Creating', '--sort-by', 'CreationTime'],
            ['bedrock', 'list-custom-models', '--name-contains', custom['modelName'][:2]],
            ['bedrock', 'list-custom-models', '--base-model-arn-equals', custom['baseModelArn'], '--is-owned'],
            ['bedrock', 'list-custom-models', '--foundation-model-arn-equals', foundation],
            ['bedrock', 'list-custom-models', '--creation-time-after', mid('ListCustomModels', 'creationTime'),
             '--creation-time-before', '2030-01-01T00:00:00Z'],
            ['ssm', 'describe-maintenance-window-execution-task-invocations'] + ssm_args() +
            ['--filters', 'Key=STATUS,Values=SUCCESS,FAILED'],
            ['ssm', 'describe-maintenance-window-execution-task-invocations'] + ssm_args() +
            ['--filters', '[{"Key": "STATUS", "Values": ["TIMED_OUT", "CANCELLED"]}]'],
            ['ssm', 'describe-maintenance-window-execution-task-invocations'] + ssm_args() +
            ['--filters', 'Key=STATUS,Values=IN_PROGRESS', 'Key=STATUS,Values=IN_PROGRESS,PENDING'],
        ]
        nonempty = 0
        for args in cases:
            with self.subTest(args=' '.join(args)):
                out = self.same_as_aws(args)
                nonempty += out.count(b'{') > 1
        self.assertGreater(nonempty, len(cases) // 2)  # the filters select real items

    def test_small_target_and_empty_result(self):
        targets = EP.control('GET', '/__tinyaws/ssm-targets')[1]
        empty = next(t for t in targets if t['count'] == 0)
        out = self.same_as_aws(['ssm', 'describe-maintenance-window-execution-task-invocations'] +
                               ssm_args((empty['WindowExecutionId'], empty['TaskId'])))
        self.assertEqual(json.loads(out), {'WindowExecutionTaskInvocationIdentities': []})


class Paging(CliTest):
    def chain(self, cmd, max_items, page_size, key):
        """Follows NextToken with tinyaws until the end; returns all items and the calls."""
        items, token, calls = [], None, 0
        while True:
            args = cmd_args(cmd) + ['--max-items', str(max_items), '--page-size', str(page_size)]
            if token:
                args += ['--starting-token', token]
            rc, out, err = tinyaws(args)
            self.assertEqual(rc, 0, err.decode())
            doc = json.loads(out)
            items += doc.get(key, [])
            calls += 1
            token = doc.get('NextToken')
            if not token:
                return items, calls
            self.assertLessEqual(calls, 400)

    def test_chains_concatenate_to_the_full_list(self):
        for cmd, key, k, p in [
                ('bedrock list-model-import-jobs', 'modelImportJobSummaries', 7, 5),    # mid-page
                ('bedrock list-model-import-jobs', 'modelImportJobSummaries', 10, 5),   # page boundary
                ('bedrock list-model-import-jobs', 'modelImportJobSummaries', 3, 1000),
                ('bedrock list-model-copy-jobs', 'modelCopyJobSummaries', 45, 17),
                ('bedrock list-model-invocation-jobs', 'invocationJobSummaries', 60, 100),
                ('bedrock-runtime list-async-invokes', 'asyncInvokeSummaries', 700, 300),
                ('bedrock list-custom-models --no-is-owned', 'modelSummaries', 11, 4),  # a boolean filter
                ('ssm describe-maintenance-window-execution-task-invocations',
                 'WindowExecutionTaskInvocationIdentities', 130, 40)]:
            with self.subTest(cmd=cmd, max_items=k, page_size=p):
                full = items_of(tinyaws(cmd_args(cmd))[1], key)
                got, calls = self.chain(cmd, k, p, key)
                self.assertEqual(got, full)  # no gaps, no repeats, same order
                self.assertEqual(calls, -(-len(full) // k) + (len(full) % k == 0 and 0))

    def test_resume_tokens_interchange_with_aws_cli(self):
        cmd = cmd_args('bedrock-runtime list-async-invokes')
        for k, p in [(7, 5), (10, 5), (250, 100)]:
            with self.subTest(max_items=k, page_size=p):
                t_out = self.same_as_aws(cmd + ['--max-items', str(k), '--page-size', str(p)])
                token = json.loads(t_out)['NextToken']  # identical bytes: same token
                # A token made by either one resumes in the other to the same items.
                self.same_as_aws(cmd + ['--max-items', '9', '--page-size', str(p), '--starting-token', token])

    def test_resume_tokens_interchange_with_boto3(self):
        client = EP.client('bedrock')
        pag = client.get_paginator('list_model_copy_jobs')
        for k, p in [(7, 5), (20, 10)]:
            with self.subTest(max_items=k, page_size=p):
                res = pag.paginate(PaginationConfig={'MaxItems': k, 'PageSize': p}).build_full_result()
                rc, out, err = tinyaws(['bedrock', 'list-model-copy-jobs', '--max-items', str(k),
                                        '--page-size', str(p)])
                self.assertEqual(rc, 0, err)
                doc = json.loads(out)
                self.assertEqual(doc['NextToken'], res['NextToken'])
                self.assertEqual([i['jobArn'] for i in doc['modelCopyJobSummaries']],
                                 [i['jobArn'] for i in res['modelCopyJobSummaries']])
                # boto3 resumes from tinyaws's token, tinyaws from boto3's: same next items.
                b = pag.paginate(PaginationConfig={'MaxItems': 12, 'PageSize': p,
                                                   'StartingToken': doc['NextToken']}).build_full_result()
                rc, out, _ = tinyaws(['bedrock', 'list-model-copy-jobs', '--max-items', '12',
                                      '--page-size', str(p), '--starting-token', res['NextToken']])
                t = json.loads(out)
                self.assertEqual([i['jobArn'] for i in t['modelCopyJobSummaries']],
                                 [i['jobArn'] for i in b['modelCopyJobSummaries']])
                self.assertEqual(t.get('NextToken'), b.get('NextToken'))

    def test_token_is_botocore_format(self):
        rc, out, _ = tinyaws(['bedrock', 'list-model-import-jobs', '--max-items', '3', '--page-size', '2'])
        tok = json.loads(out)['NextToken']
        decoded = json.loads(base64.b64decode(tok))
        self.assertEqual(set(decoded), {'nextToken', 'boto_truncate_amount'})
        self.assertEqual(decoded['boto_truncate_amount'], 1)

    def test_same_token_twice_is_an_error(self):
        EP.config(repeat_token=True)
        rc, out, err = tinyaws(['bedrock', 'list-model-import-jobs', '--page-size', '5'])
        self.assertEqual(rc, 255)
        self.assertIn(b'same next token', err)
        self.assertEqual(self.stats()['requests'], 2)

    def conns(self):
        """(requests, distinct connections) of the AWS requests in the endpoint's log."""
        log = EP.control('GET', '/__tinyaws/log')[1]
        return len(log), len({r['conn'] for r in log})

    def test_one_connection_for_all_pages_and_reconnect_on_close(self):
        rc, out, _ = tinyaws(cmd_args('bedrock list-model-copy-jobs') + ['--page-size', '20'])
        self.assertEqual(rc, 0)
        self.assertEqual(self.conns(), (15, 1))
        self.assertEqual(self.stats()['tls_handshakes'], 1)
        EP.control('POST', '/__tinyaws/reset')
        EP.config(close=True)
        rc, out2, _ = tinyaws(cmd_args('bedrock list-model-copy-jobs') + ['--page-size', '20'])
        self.assertEqual(rc, 0)
        self.assertEqual(out2, out)
        self.assertEqual(self.conns(), (15, 15))
        self.assertEqual(self.stats()['tls_handshakes'], 15)

    def test_no_paginate_and_manual_paging(self):
        cmd = cmd_args('bedrock list-model-import-jobs')
        for extra in (['--no-paginate'], ['--max-results', '7'], ['--max-results', '7', '--next-token']):
            with self.subTest(extra=extra):
                if extra[-1] == '--next-token':
                    first = json.loads(tinyaws(cmd + ['--max-results', '7'])[1])
                    extra = extra + [first['nextToken']]
                EP.control('POST', '/__tinyaws/reset')
                rc_t, out_t, err = tinyaws(cmd + extra)
                self.assertEqual(rc_t, 0, err)
                self.assertEqual(self.stats()['requests'], 1)  # one page only
                rc_a, out_a, _ = aws(cmd + extra)
                # Same document; the AWS CLI writes nextToken first (model order), tinyaws
                # after the streamed list.
                self.assertEqual(json.loads(out_t), json.loads(out_a))

    def test_jsonl_output(self):
        cmd = cmd_args('ssm describe-maintenance-window-execution-task-invocations')
        full = items_of(tinyaws(cmd)[1], 'WindowExecutionTaskInvocationIdentities')
        rc, out, _ = tinyaws(cmd + ['--output', 'jsonl'])
        lines = out.decode().splitlines()
        self.assertEqual([json.loads(l) for l in lines], full)
        rc, out, _ = tinyaws(cmd + ['--output', 'jsonl', '--max-items', '5'])
        lines = [json.loads(l) for l in out.decode().splitlines()]
        self.assertEqual(lines[:5], full[:5])
        self.assertEqual(list(lines[5]), ['NextToken'])
        self.assertEqual(len(lines), 6)


class Wire(CliTest):
    KNOBS = [dict(chunked=1), dict(chunked=7, chunk_ext=True), dict(close=True), dict(pretty=True),
             dict(token_first=True), dict(unknown_fields=True), dict(null_fields=True),
             dict(unicode_escape=True), dict(escape_slash=True), dict(token_len=2048),
             dict(empty_token=True), dict(ssm_time_style='plain'), dict(ssm_time_style='int'),
             dict(chunked=3, pretty=True, token_first=True, unknown_fields=True, null_fields=True,
                  unicode_escape=True, escape_slash=True, close=True)]

    def test_wire_variations_same_items(self):
        for cmd in ('bedrock list-model-invocation-jobs',
                    'ssm describe-maintenance-window-execution-task-invocations'):
            args = cmd_args(cmd) + ['--page-size', '35']
            base = tinyaws(args)[1]
            for knobs in self.KNOBS:
                with self.subTest(cmd=cmd, knobs=knobs):
                    EP.control('POST', '/__tinyaws/reset')
                    EP.config(**knobs)
                    rc, out, err = tinyaws(args)
                    self.assertEqual(rc, 0, err.decode())
                    if knobs.get('ssm_time_style') == 'int' and cmd.startswith('ssm'):
                        # whole seconds on the wire: compare with the AWS CLI instead
                        self.assertEqual(out, aws(args)[1])
                    else:
                        self.assertEqual(out, base)

    def test_long_strings_and_token_len_identical_to_aws_cli(self):
        EP.config(long_strings=True, token_len=2048, unicode_escape=True)
        out = self.same_as_aws(cmd_args('bedrock-runtime list-async-invokes') + ['--page-size', '50',
                                                                                  '--max-items', '120'])
        msgs = [i.get('failureMessage', '') for i in json.loads(out)['asyncInvokeSummaries']]
        self.assertGreaterEqual(max(len(m.encode()) for m in msgs), 4096)

    def test_thousand_item_page_through_small_windows(self):
        args = cmd_args('bedrock-runtime list-async-invokes') + ['--page-size', '1000']
        rc, ref, _ = aws(args)
        self.assertEqual(rc, 0)
        self.assertGreaterEqual(ref.count(b'"invocationArn"'), 2000)
        for win in ('1024', '2048'):
            with self.subTest(window=win):
                EP.control('POST', '/__tinyaws/reset')
                rc, out, err = tinyaws(args, env={'TINYAWS_WINDOW_BYTES': win})
                self.assertEqual(rc, 0, err.decode())
                self.assertEqual(out, ref)
                self.assertEqual(self.stats()['requests'], 3)  # 2,500 items, 1,000 a page

    def test_item_too_big_and_string_cap(self):
        EP.config(long_strings=True)
        args = cmd_args('bedrock-runtime list-async-invokes') + ['--page-size', '100', '--status-equals', 'Failed']
        rc, out, err = tinyaws(args, env={'TINYAWS_WINDOW_BYTES': '1024'})
        self.assertEqual(rc, 255)
        self.assertRegex(err.decode(), r'needs \d{4,} bytes \(the window holds 1024\)')
        rc, out, err = tinyaws(args, env={'TINYAWS_WINDOW_BYTES': '1024', 'TINYAWS_STRING_CAP': '200'})
        self.assertEqual(rc, 0, err.decode())
        full = items_of(tinyaws(args)[1], 'asyncInvokeSummaries')
        cut = items_of(out, 'asyncInvokeSummaries')
        self.assertEqual(len(cut), len(full))
        for a, b in zip(cut, full):
            self.assertLessEqual(len(a['failureMessage'].encode()), 200)
            self.assertTrue(b['failureMessage'].startswith(a['failureMessage']))
            self.assertEqual(a['invocationArn'], b['invocationArn'])


class ExitCodes(CliTest):
    def both(self, args, env=None, code=None, **kw):
        rc_t, _, err_t = tinyaws(args, env=env, **kw)
        rc_a, _, err_a = aws(args, env=env, **kw)
        self.assertEqual(rc_t, rc_a, (err_t, err_a))
        if code is not None:
            self.assertEqual(rc_t, code)
        return err_t.decode(), err_a.decode()

    def test_252_bad_command_line_and_parameters(self):
        base = ['bedrock', 'list-model-import-jobs']
        self.both(base + ['--bogus', '1'], code=252)
        self.both(['bedrock', 'list-nothing'], code=252)
        self.both(base + ['--max-items', 'x'], code=252)
        t, a = self.both(base + ['--max-results', '0'], code=252)
        self.assertEqual(t, a)
        t, a = self.both(base + ['--name-contains', ''], code=252)
        self.assertEqual(t, a)
        t, a = self.both(base + ['--no-paginate', '--max-items', '5'], code=252)
        self.assertEqual(t, a)
        t, a = self.both(['ssm', 'describe-maintenance-window-execution-task-invocations'] + ssm_args() +
                         ['--page-size', '5'], code=252)
        self.assertEqual(t, a)
        t, a = self.both(['ssm', 'describe-maintenance-window-execution-task-invocations', '--task-id', 'x'],
                         code=252)
        self.assertIn('the following arguments are required: --window-execution-id', t)
        self.both(base + ['--creation-time-after', 'yesterday-ish'], code=252)
        self.both(base + ['--starting-token', base64.b64encode(b'{"foo": 1}').decode()], code=252)
        # tinyaws checks the model's maximum and enums before sending (exit 252); the AWS CLI
        # leaves them to the service (254). Both refuse.
        rc, _, err = tinyaws(base + ['--max-results', '1001'])
        self.assertEqual(rc, 252)
        self.assertIn(b'valid max value: 1000', err)
        rc, _, err = tinyaws(base + ['--status-equals', 'Done'])
        self.assertEqual(rc, 252)
        self.assertIn(b'valid values: InProgress, Completed, Failed', err)
        self.assertEqual(aws(base + ['--status-equals', 'Done'])[0], 254)

    def test_253_no_credentials_or_region(self):
        args = ['bedrock', 'list-model-import-jobs']
        t, a = self.both(args, env={'AWS_ACCESS_KEY_ID': None, 'AWS_SECRET_ACCESS_KEY': None}, code=253)
        self.assertEqual(t, a)
        t, a = self.both(args, env={'AWS_REGION': None, 'AWS_DEFAULT_REGION': None}, code=253)
        self.assertEqual(t, a)
        # AWS_DEFAULT_REGION is enough; --region wins over both variables.
        self.assertEqual(tinyaws(args, env={'AWS_REGION': None, 'AWS_DEFAULT_REGION': 'us-east-1'})[0], 0)
        rc, _, err = tinyaws(args + ['--region', 'eu-west-1'])
        self.assertEqual(rc, 254)  # signed for eu-west-1: the endpoint serves us-east-1

    def test_254_service_errors(self):
        t, a = self.both(['ssm', 'describe-maintenance-window-execution-task-invocations'] +
                         ssm_args(('00000000-0000-0000-0000-000000000000', BIG[1])), code=254)
        self.assertEqual(t, a)
        self.assertIn('DoesNotExistException', t)
        for cmd in ('bedrock list-model-import-jobs',
                    'ssm describe-maintenance-window-execution-task-invocations'):
            with self.subTest(cmd=cmd):
                t, a = self.both(cmd_args(cmd), env={'AWS_SECRET_ACCESS_KEY': 'wrong'}, code=254)
                self.assertEqual(t, a)
                self.assertIn('InvalidSignatureException', t)
                t, a = self.both(cmd_args(cmd), env={'AWS_ACCESS_KEY_ID': 'AKIDUNKNOWN'}, code=254)
                self.assertEqual(t, a)
        t, a = self.both(['bedrock', 'list-model-import-jobs', '--starting-token', 'garbage'], code=254)
        self.assertEqual(t, a)

    def test_255_network_tls_malformed(self):
        args = ['bedrock', 'list-model-import-jobs']
        rc, _, err = run(TINYAWS, args + ['--endpoint-url', 'https://localhost:1', '--ca-bundle', EP.ca],
                         endpoint=False)
        self.assertEqual(rc, 255)
        self.assertIn(b'Could not connect to the endpoint URL: "https://localhost:1/model-import-jobs"', err)
        other = tempfile.NamedTemporaryFile(suffix='.pem', delete=False)
        other.write(open('/etc/ssl/certs/ca-certificates.crt', 'rb').read())
        other.close()
        rc, out, err = tinyaws(args + ['--ca-bundle', other.name])
        self.assertEqual(rc, 255)
        self.assertEqual(out, b'')
        self.assertIn(b'SSL validation failed for https://localhost:', err)
        self.assertEqual(aws(args + ['--ca-bundle', other.name])[0], 255)
        os.unlink(other.name)
        EP.control('POST', '/__tinyaws/faults', [{'raw_body': '<html>not json</html>', 'status': 200}])
        rc, _, err = tinyaws(args)
        self.assertEqual(rc, 255)
        self.assertIn(b'malformed JSON', err)
        EP.control('POST', '/__tinyaws/faults', [{'drop_after_bytes': 100}] * 3)
        rc, out, err = tinyaws(args)
        self.assertEqual(rc, 255)  # three truncated bodies: retries exhausted
        self.assertEqual(out, b'')
        EP.control('POST', '/__tinyaws/faults', [{'stall_seconds': 3}] * 3)  # every attempt
        rc, _, err = tinyaws(args + ['--cli-read-timeout', '1'])
        self.assertEqual(rc, 255)
        self.assertIn(b'Read timeout on endpoint URL', err)
        self.assertFalse(EP.control('GET', '/__tinyaws/faults')[1])  # all three stalls were met

    def test_retries_as_the_aws_cli(self):
        """Throttling until max attempts: the same message as the AWS CLI, three requests each."""
        for cmd in ('bedrock list-model-import-jobs',
                    'ssm describe-maintenance-window-execution-task-invocations'):
            with self.subTest(cmd=cmd):
                EP.control('POST', '/__tinyaws/faults', [{'throttle': True, 'message': 'Rate exceeded'}] * 3)
                rc_t, _, err_t = tinyaws(cmd_args(cmd))
                log = EP.control('GET', '/__tinyaws/log')[1]
                self.assertEqual(sum(r['code'] == 'ThrottlingException' for r in log), 3)
                EP.control('POST', '/__tinyaws/reset')
                EP.control('POST', '/__tinyaws/faults', [{'throttle': True, 'message': 'Rate exceeded'}] * 3)
                rc_a, _, err_a = aws(cmd_args(cmd))
                self.assertEqual((rc_t, rc_a), (254, 254))
                self.assertEqual(err_t, err_a)
                self.assertIn(b'(reached max retries: 2): Rate exceeded', err_t)
                EP.control('POST', '/__tinyaws/reset')
        # AWS_MAX_ATTEMPTS=1: no retry at all.
        EP.control('POST', '/__tinyaws/faults', [{'status': 503, 'code': 'ServiceUnavailableException'}])
        rc, _, err = tinyaws(['bedrock', 'list-model-import-jobs'], env={'AWS_MAX_ATTEMPTS': '1'})
        self.assertEqual(rc, 254)
        self.assertNotIn(b'reached max retries', err)

    def test_failures_mid_list_are_absorbed_exactly_once(self):
        """A 503, a dropped body, a reset and a stall, each once, on the third page: the
        retries absorb them and the items are exactly those of a clean run."""
        args = cmd_args('bedrock list-model-copy-jobs') + ['--page-size', '40']
        clean = tinyaws(args)[1]
        for fault in ({'status': 503, 'code': 'ServiceUnavailableException'}, {'drop_after_bytes': 5000},
                      {'drop_after_bytes': 9000, 'rst': True}, {'stall_seconds': 3}):
            with self.subTest(fault=fault):
                EP.control('POST', '/__tinyaws/reset')
                for _ in range(2):  # two clean pages first: the fault hits the third
                    EP.control('POST', '/__tinyaws/faults', [{'op': 'ListModelCopyJobs', 'stall_seconds': 0}])
                EP.control('POST', '/__tinyaws/faults', [dict(fault, op='ListModelCopyJobs')])
                rc, out, err = tinyaws(args + ['--cli-read-timeout', '1'])
                self.assertEqual(rc, 0, err.decode())
                self.assertEqual(out, clean)
                if 'stall_seconds' in fault:
                    time.sleep(fault['stall_seconds'] + 0.5)  # a stalled request is logged when it ends
                log = [r for r in EP.control('GET', '/__tinyaws/log')[1] if r['op'] == 'ListModelCopyJobs']
                self.assertEqual(len(log), 9)  # 8 pages, plus the failed attempt

    def test_clock_skew_is_corrected(self):
        """The server's clock is 2 hours ahead: the AWS CLI fails, tinyaws adopts the server's
        Date and signs again (devices without an RTC)."""
        EP.config(clock_offset_seconds=7200)
        rc, out, err = tinyaws(['bedrock', 'list-model-import-jobs', '--max-items', '3'])
        self.assertEqual(rc, 0, err.decode())
        self.assertEqual(len(json.loads(out)['modelImportJobSummaries']), 3)
        # Only this run's connection: an earlier test's stalled handler may log late.
        log = EP.control('GET', '/__tinyaws/log')[1]
        skew = [r for r in log if r['code'] == 'InvalidSignatureException']
        self.assertEqual(len(skew), 1)
        mine = [r for r in log if r['conn'] == skew[0]['conn']]
        self.assertEqual([r['status'] for r in mine], [403, 200])  # rejected, re-signed, served
        self.assertEqual(aws(['bedrock', 'list-model-import-jobs', '--max-items', '3'])[0], 254)

    def test_debug_shows_wire_with_secrets_redacted(self):
        env = {'AWS_SESSION_TOKEN': 'SESSION-TOKEN-SECRET-123456'}
        rc, out, err = tinyaws(cmd_args('ssm describe-maintenance-window-execution-task-invocations') +
                               ['--debug', '--max-items', '3'], env=env)
        self.assertEqual(rc, 0, err)
        text = err.decode()
        for needle in ('> POST / HTTP/1.1', '> X-Amz-Target: AmazonSSM.', 'Authorization: [redacted]',
                       'X-Amz-Security-Token: [redacted]', '< status 200', '< Content-Length'):
            self.assertIn(needle, text)
        for secret in (SK, 'SESSION-TOKEN-SECRET-123456', 'Signature=', 'AWS4-HMAC-SHA256 Credential'):
            self.assertNotIn(secret, text)
        rc, _, err = tinyaws(['bedrock', 'list-model-import-jobs', '--debug'],
                             env={'AWS_SECRET_ACCESS_KEY': 'wrong-secret-value'})
        self.assertEqual(rc, 254)
        self.assertNotIn(b'wrong-secret-value', err)


def run_rss(args, env=None, timeout=120):
    """(rc, stdout, stderr, peak RSS in KiB) of one tinyaws run; a hang fails the test.
    GNU time measures: a child forked from this Python process would carry Python's RSS
    across exec into its own peak."""
    e = dict(BASE_ENV)
    e.update(env or {})
    with tempfile.NamedTemporaryFile() as rss:
        p = subprocess.run(['/usr/bin/time', '-f', '%M', '-o', rss.name] + WRAPPER + [TINYAWS] + list(args),
                           capture_output=True, env=e, timeout=timeout)
        return p.returncode, p.stdout, p.stderr, int(open(rss.name).read().split()[-1])


class Security(CliTest):
    def test_certificate_failures_exit_255_and_print_nothing(self):
        reasons = {'expired': 'server certificate expired', 'notyet': 'server certificate not yet valid',
                   'wronghost': 'server certificate does not match the host name',
                   'selfsigned': 'server certificate not trusted by the CA bundle'}
        for mode, reason in reasons.items():
            with self.subTest(mode=mode):
                ep = testlib.Endpoint('--https-port', '0', '--cert-mode', mode,
                                      state_dir=tempfile.mkdtemp(prefix='taws-cert-')).wait_ready()
                try:
                    rc, out, err = run(TINYAWS, ['bedrock', 'list-model-import-jobs', '--endpoint-url',
                                                 'https://localhost:%d' % ep.https, '--ca-bundle', ep.ca],
                                       endpoint=False)
                finally:
                    ep.stop()
                self.assertEqual(rc, 255)
                self.assertEqual(out, b'')
                self.assertIn(('SSL validation failed for https://localhost:%d/model-import-jobs %s'
                               % (ep.https, reason)).encode(), err)

    def test_hostile_responses_end_in_clean_errors(self):
        base = ['bedrock', 'list-model-import-jobs', '--cli-read-timeout', '2']
        cases = {  # mode: (exit code, message on stderr)
            'giant_length': (255, b'Read timeout on endpoint URL'),
            'endless_headers': (255, b'too many HTTP header lines'),
            'endless_chunk': (255, b'Read timeout on endpoint URL'),  # the call deadline
            'deep_json': (255, b'JSON nested too deeply'),
            'big_item_string': (255, b'needs 10485'),
            'big_skipped_string': (0, b''),
            'garbage': (255, b'malformed HTTP response'),
            'slowloris': (255, b'Read timeout on endpoint URL'),
        }
        for mode, (code, message) in cases.items():
            with self.subTest(mode=mode):
                h = Hostile(mode)
                try:
                    rc, out, err, rss = run_rss(base + ['--endpoint-url', h.url()],
                                                env={'TINYAWS_CALL_TIMEOUT': '4'})
                finally:
                    h.close()
                self.assertEqual(rc, code, err.decode(errors='replace')[-300:])
                self.assertIn(message, err)
                # 10 MB strings and endless streams: memory stays bounded (peak RSS, KiB)
                if not WRAPPER:
                    self.assertLess(rss, 8 * 1024)
                if code == 0:
                    self.assertEqual(json.loads(out)['modelImportJobSummaries'][0]['jobName'], 'j0')

    def test_no_secret_in_any_output(self):
        token = 'SESSION-TOKEN-0123456789abcdef'
        env = {'AWS_SESSION_TOKEN': token}
        runs = []
        runs.append(tinyaws(['bedrock', 'list-model-import-jobs', '--debug'],
                            env=dict(env, AWS_SECRET_ACCESS_KEY='wrong-secret-987')))
        EP.control('POST', '/__tinyaws/faults', [{'throttle': True}] * 3)
        runs.append(tinyaws(['bedrock', 'list-model-import-jobs', '--debug'], env=env))
        runs.append(tinyaws(['bedrock', 'list-model-import-jobs', '--debug',
                             '--ca-bundle', '/etc/ssl/certs/ca-certificates.crt'], env=env))
        EP.control('POST', '/__tinyaws/faults', [{'stall_seconds': 2}] * 3)
        runs.append(tinyaws(['bedrock', 'list-model-import-jobs', '--debug', '--cli-read-timeout', '1'], env=env))
        runs.append(tinyaws(['bedrock', 'list-model-import-jobs', '--debug', '--max-items', '2'], env=env))
        self.assertEqual([r[0] for r in runs], [254, 254, 255, 255, 0])
        for rc, out, err in runs:
            for secret in (SK.encode(), b'wrong-secret-987', token.encode(), b'Signature=',
                           b'AWS4-HMAC-SHA256 Credential'):
                self.assertNotIn(secret, out + err)


if __name__ == '__main__':
    sys.exit(clihar.main(sys.modules[__name__]))
