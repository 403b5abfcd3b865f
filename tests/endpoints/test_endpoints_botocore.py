#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""tinyaws's endpoint resolution compared with botocore's (Debian's python3-botocore), for
every region botocore knows, the three services and all four FIPS/dual-stack combinations.

Regions: every region of partitions.json and endpoints.json, every endpoint name of every
service in endpoints.json (FIPS pseudo-regions like "fips-us-gov-west-1" included), names only
a partition's regex matches, unknown and malformed names. botocore's answer for a case is what
its client does: validate_region_name(), ClientCreator._normalize_fips_region(), then the
service's EndpointProvider over the rule set and partitions botocore itself loaded (with
AWS_DATA_PATH=../shared/aws-models, the files tinyaws's tables come from). That path is checked
against real botocore clients, one request captured before sending for every region (URL and
SigV4 credential scope). tinyaws's answer comes from build/taws_resolve, which resolves through
taws_client_init() / taws_client_set_endpoint_variant() / a request, as a listing does, and
from the rule evaluator alone with the Endpoint parameter the client never passes.

Where tinyaws refuses on purpose what botocore accepts (an empty region, a region longer than
TAWS_REGION_MAX - 1, a FIPS pseudo-region that is empty or all digits once "fips-" is removed),
the expected answer is tinyaws's refusal, and those cases are counted apart.

Usage: test_endpoints_botocore.py <taws_resolve>
"""
import logging
import os
import subprocess
import sys
from urllib.parse import urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'aws-models'))
for k in list(os.environ):
    if k.startswith('AWS_'):
        del os.environ[k]
os.environ.update(AWS_DATA_PATH=MODELS, AWS_CONFIG_FILE='/dev/null',
                  AWS_SHARED_CREDENTIALS_FILE='/dev/null')

import botocore.session  # noqa: E402
from botocore.client import ClientCreator  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.endpoint_provider import EndpointProvider  # noqa: E402
from botocore.exceptions import EndpointResolutionError, InvalidRegionError  # noqa: E402
from botocore.utils import validate_region_name  # noqa: E402

logging.getLogger('botocore').addHandler(logging.NullHandler())  # the pseudo-region warning
logging.getLogger('botocore').propagate = False

# One listing per service for the real clients.
CALLS = {
    'bedrock': ('list_model_import_jobs', {}),
    'bedrock-runtime': ('list_async_invokes', {}),
    'ssm': ('describe_maintenance_window_execution_task_invocations',
            {'WindowExecutionId': '0' * 36, 'TaskId': '1' * 36}),
}
COMBOS = [(False, False), (True, False), (False, True), (True, True)]
SYNTHETIC = [
    # only a partition's regex knows these
    'us-west-9', 'eu-south-7', 'af-north-3', 'me-west-2', 'ca-west-1', 'sa-west-4',
    'ap-southeast-7', 'cn-south-5', 'us-gov-north-2', 'us-iso-south-9', 'us-isob-west-4',
    # nothing knows these (the default partition, aws)
    'mars-east-1', 'il-central-1', 'mx-central-1', 'local', 'us-east-1a', 'us-east', 'cn-north',
    'us-gov-west', 'us-isof-south-1', 'eusc-de-east-1', 'a', 'x1',
    # case: botocore's patterns are case-sensitive
    'US-EAST-1', 'Cn-North-1', 'us-GOV-west-1',
    # FIPS pseudo-region edge cases
    'fips-us-east-1-fips', 'fips-fips-us-east-1', 'us-east-1-fips-fips', 'fipsus-east-1',
    'us-fips-east-1', 'fips-cn-north-1', 'fips-us-iso-east-1', 'fips-1', 'fips--fips',
    'fips-123',
    # malformed names botocore refuses
    'a b', 'us_east_1', '-us-east-1', 'us-east-1-', '123', 'us-east-1.evil.com', 'x' * 64,
    'us-east-1/', 'us-east-1%', '\u00fcber-1', '-fipsus-east-1',
    # longer than tinyaws keeps (botocore allows 63)
    'x' * 31, 'x' * 32, 'ap-southeast-1-very-long-region-x',
    # empty
    '',
]
# Hand-written from the rule sets (independent of both implementations).
SPOT = [
    ('ssm', 'us-gov-west-1', True, False, 'https://ssm.us-gov-west-1.amazonaws.com'),
    ('ssm', 'us-gov-west-1', True, True, 'https://ssm-fips.us-gov-west-1.api.aws'),
    ('bedrock', 'us-east-1', True, True, 'https://bedrock-fips.us-east-1.api.aws'),
    ('bedrock', 'eu-central-1', False, False, 'https://bedrock.eu-central-1.amazonaws.com'),
    ('bedrock-runtime', 'cn-north-1', False, True,
     'https://bedrock-runtime.cn-north-1.api.amazonwebservices.com.cn'),
    ('bedrock-runtime', 'cn-northwest-1', True, False,
     'https://bedrock-runtime-fips.cn-northwest-1.amazonaws.com.cn'),
    ('ssm', 'us-iso-east-1', False, True,
     'error: DualStack is enabled but this partition does not support DualStack'),
    ('bedrock', 'us-isob-east-1', True, True,
     'error: FIPS and DualStack are enabled, but this partition does not support one or both'),
    ('ssm', 'fips-us-gov-east-1', False, False, 'https://ssm.us-gov-east-1.amazonaws.com'),
    ('bedrock', 'us-east-1-fips', False, False, 'https://bedrock-fips.us-east-1.amazonaws.com'),
    ('ssm', 'aws-us-gov-global', False, True, 'https://ssm.aws-us-gov-global.api.aws'),
]


class Captured(Exception):
    pass


def generator_refusals(report):
    """src/gen_endpoints.py must stop, not write tables, on a rule set it cannot express."""
    import copy
    import json
    import shutil
    import tempfile
    gen = os.path.join(HERE, '..', '..', 'src', 'gen_endpoints.py')
    partitions = '/usr/lib/python3/dist-packages/botocore/data/partitions.json'
    with open(os.path.join(MODELS, 'ssm', '2014-11-06', 'endpoint-rule-set-1.json')) as f:
        ruleset = json.load(f)
    with open(partitions) as f:
        parts = json.load(f)

    def with_fn(rs):  # a condition calling a function the evaluator lacks
        rs['rules'][0]['conditions'][0]['fn'] = 'parseURL'
    def with_auth(rs):  # an endpoint with authSchemes (a signing region tinyaws would ignore)
        rs['rules'][0]['rules'][-1]['endpoint']['properties'] = {'authSchemes': [{'name': 'sigv4'}]}
    def with_regex(rs):
        parts['partitions'][1]['regionRegex'] = '^cn\\-.*$'
    def with_assign(rs):  # an assignment shadowing a parameter (botocore raises)
        rs['rules'][1]['rules'][0]['conditions'][0]['assign'] = 'Region'
    for name, mutate in (('unknown function', with_fn), ('endpoint properties', with_auth),
                         ('regex operator', with_regex), ('shadowing assignment', with_assign)):
        tmp = tempfile.mkdtemp(prefix='taws-gen-endpoints-')
        try:
            rs = copy.deepcopy(ruleset)
            saved = copy.deepcopy(parts)
            mutate(rs)
            d = os.path.join(tmp, 'models', 'ssm', '2014-11-06')
            os.makedirs(d)
            shutil.copy(os.path.join(MODELS, 'ssm', '2014-11-06', 'service-2.json'), d)
            with open(os.path.join(d, 'endpoint-rule-set-1.json'), 'w') as f:
                json.dump(rs, f)
            with open(os.path.join(tmp, 'partitions.json'), 'w') as f:
                json.dump(parts, f)
            parts.clear()
            parts.update(saved)
            out = os.path.join(tmp, 'out.c')
            r = subprocess.run([sys.executable, gen, os.path.join(tmp, 'models'),
                                os.path.join(tmp, 'partitions.json'), out],
                               capture_output=True, text=True)
            report(r.returncode != 0 and 'extend src/endpoint_rules.c' in r.stderr and
                   not os.path.exists(out),
                   'generator on a rule set with %s: exit %d, %r' % (name, r.returncode,
                                                                      r.stderr[-200:]))
        finally:
            shutil.rmtree(tmp)


def main():
    tool = sys.argv[1]
    global REGION_MAX  # TAWS_REGION_MAX (config.h) of the build, NUL included
    REGION_MAX = int(subprocess.run([tool], input='config\n', capture_output=True, text=True,
                                    check=True).stdout.split()[1])
    session = botocore.session.get_session()
    loader = session.get_component('data_loader')
    partitions = loader.load_data('partitions')
    services = {}
    for svc in CALLS:
        model = loader.load_service_model(svc, 'service-2')
        ruleset = loader.load_service_model(svc, 'endpoint-rule-set-1')
        services[svc] = (model['metadata']['endpointPrefix'], EndpointProvider(ruleset, partitions))

    known = set()
    for p in partitions['partitions']:
        known |= set(p['regions'])
    for p in loader.load_data('endpoints')['partitions']:
        known |= set(p['regions'])
        for s in p['services'].values():
            known |= set(s.get('endpoints', {}))
    regions = sorted(known) + [r for r in SYNTHETIC if r not in known]

    def botocore_answer(svc, region, fips, ds):
        """('url', url, signing region) | ('error', message) | ('invalid-region', message)"""
        try:
            validate_region_name(region)
        except InvalidRegionError as e:
            return ('invalid-region', str(e))
        norm, cfg = ClientCreator._normalize_fips_region(
            None, region, Config(use_fips_endpoint=fips, use_dualstack_endpoint=ds))
        try:
            ep = services[svc][1].resolve_endpoint(
                Region=norm, UseFIPS=bool(cfg.use_fips_endpoint),
                UseDualStack=bool(cfg.use_dualstack_endpoint))
        except EndpointResolutionError as e:
            return ('error', e.kwargs['msg'])
        return ('url', ep.url, norm)

    def real_answer(svc, region, fips, ds):
        """The same through a real client: the URL and credential scope of a captured request."""
        seen = {}

        def capture(request, **kwargs):
            seen['url'] = request.url
            seen['auth'] = request.headers.get('Authorization', b'')
            raise Captured()
        try:
            c = session.create_client(svc, region_name=region, aws_access_key_id='AKIDEXAMPLE',
                                      aws_secret_access_key='secret',
                                      config=Config(use_fips_endpoint=fips,
                                                    use_dualstack_endpoint=ds,
                                                    retries={'max_attempts': 0}))
        except InvalidRegionError as e:
            return ('invalid-region', str(e))
        except ValueError as e:  # "Invalid endpoint: https://ssm..amazonaws.com"
            return ('invalid-endpoint', str(e))
        c.meta.events.register('before-send', capture)
        op, params = CALLS[svc]
        try:
            getattr(c, op)(**params)
        except Captured:
            u = urlsplit(seen['url'])
            auth = seen['auth'].decode() if isinstance(seen['auth'], bytes) else seen['auth']
            scope = auth.split('Credential=')[1].split('/')[2]
            return ('url', '%s://%s' % (u.scheme, u.netloc), scope)
        except EndpointResolutionError as e:
            return ('error', e.kwargs['msg'])
        raise AssertionError('no request captured')

    def deliberate(region):
        """tinyaws's answer where it refuses on purpose what botocore accepts, else None."""
        if region == '':
            return 'TAWS_ERR_NO_REGION'
        if len(region.encode()) >= REGION_MAX:
            return 'TAWS_ERR_TOO_LONG'
        try:
            validate_region_name(region)
        except InvalidRegionError:
            return None
        norm = region.replace('fips-', '').replace('-fips', '')
        if norm == '':
            return 'TAWS_ERR_NO_REGION'
        if norm.isdigit():
            return 'TAWS_ERR_REGION'
        return None

    passed = failed = 0
    shown = [0]

    def group(text):
        """A summary line for the checks since the last one."""
        nonlocal group_failed
        print('%s - %s' % ('ok' if failed == group_failed else 'not ok', text))
        group_failed = failed

    group_failed = 0

    def report(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            if shown[0] < 20:
                print('not ok - ' + what)
                shown[0] += 1

    # ---- 1. botocore's resolution path agrees with real botocore clients ------------------
    sample = []
    svcs = sorted(CALLS)
    for i, region in enumerate(regions):
        svc = svcs[i % 3]
        fips, ds = COMBOS[(i // 3) % 4]
        sample.append((svc, region, fips, ds))
    agree = 0
    for svc, region, fips, ds in sample + [(s, r, f, d) for s, r, f, d, _ in SPOT]:
        a, b = botocore_answer(svc, region, fips, ds), real_answer(svc, region, fips, ds)
        # botocore's client refuses at creation an endpoint with an empty host label ("" and
        # "fips--fips" as regions): tinyaws refuses those too (deliberate() below)
        ok = a == b or (b[0] == 'invalid-endpoint' and a[0] == 'url' and
                        b[1] == 'Invalid endpoint: ' + a[1] and deliberate(region) is not None)
        agree += ok
        report(ok, 'botocore client vs its resolver: %s %r fips=%s ds=%s: %r vs %r'
               % (svc, region, fips, ds, b, a))
    group('%d real botocore clients (every region once, services and combinations in turn) '
          'resolve as the resolver path used below' % agree)

    # ---- 2. tinyaws's client against botocore, every region x service x combination -------
    cases, lines = [], []
    for svc in svcs:
        prefix = services[svc][0]
        for region in regions:
            if any(c.isspace() for c in region):
                continue  # the tool reads blank-separated fields; "a b" is tested in C
            for fips, ds in COMBOS:
                cases.append((svc, region, fips, ds))
                lines.append('client %s %s %d %d' % (prefix, region if region else "''",
                                                     fips, ds))
    out = subprocess.run([tool], input='\n'.join(lines) + '\n', capture_output=True,
                         text=True, check=True).stdout.splitlines()
    report(len(out) == len(cases), 'the tool answered %d of %d cases' % (len(out), len(cases)))
    kinds = {'url': 0, 'error': 0, 'invalid-region': 0, 'deliberate': 0}
    refused = set()
    by_partition_url = set()
    for (svc, region, fips, ds), line in zip(cases, out):
        f = line.split('\t')
        st, tls, host, port, host_header, signing, msg = (f + [''] * 7)[:7]
        want_st = deliberate(region)
        what = '%s %r fips=%s ds=%s: tinyaws %r' % (svc, region, fips, ds, line)
        if want_st:
            kinds['deliberate'] += 1
            refused.add(region)
            report(st == want_st, what + ', want %s' % want_st)
            continue
        b = botocore_answer(svc, region, fips, ds)
        kinds[b[0]] += 1
        if b[0] == 'invalid-region':
            report(st == 'TAWS_ERR_REGION', what + ', botocore: ' + b[1])
        elif b[0] == 'error':
            report(st == 'TAWS_ERR_ENDPOINT_RULE' and msg == b[1], what + ', botocore: ' + b[1])
        else:
            u = urlsplit(b[1])
            want_port = u.port or (443 if u.scheme == 'https' else 80)
            want_host = u.netloc.rsplit(':', 1)[0] if u.port else u.netloc
            ok = (st == 'OK' and tls == ('1' if u.scheme == 'https' else '0') and
                  host == want_host and port == str(want_port) and host_header == u.netloc and
                  signing == b[2])
            report(ok, what + ', botocore: %s signed for %s' % (b[1], b[2]))
            by_partition_url.add(u.netloc.split('.', 2)[-1])
    report(kinds['url'] > 2000 and kinds['error'] > 50 and kinds['invalid-region'] > 20 and
           {'amazonaws.com', 'api.aws', 'amazonaws.com.cn', 'api.amazonwebservices.com.cn',
            'c2s.ic.gov', 'sc2s.sgov.gov'} <= by_partition_url,
           'the sweep covers every partition, URL, error and malformed-name kind: %r' % kinds)
    group('tinyaws client: %d regions x %d services x 4 FIPS/dual-stack combinations = %d '
          'cases: %d URLs, %d rule-set errors, %d malformed regions as botocore; %d refused on '
          'purpose' % (len(regions), len(svcs), len(cases), kinds['url'], kinds['error'],
                       kinds['invalid-region'], kinds['deliberate']))
    print('     DNS suffixes seen: %s' % ', '.join(sorted(by_partition_url)))
    print('     refused on purpose: %s' % ', '.join(repr(r) for r in sorted(refused)))

    # ---- 3. the rule evaluator alone, with the Endpoint parameter --------------------------
    rule_regions = ['us-east-1', 'cn-north-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1',
                    'aws-global', 'mars-east-1', 'US-EAST-1', '-']
    endpoints = ['-', 'https://example.com', 'http://localhost:8080/', 'https://[::1]:8443']
    cases, lines = [], []
    for svc in svcs:
        for region in rule_regions:
            for fips, ds in COMBOS:
                for ep in endpoints:
                    cases.append((svc, region, fips, ds, ep))
                    lines.append('rules %s %s %d %d %s' % (services[svc][0], region, fips, ds, ep))
    out = subprocess.run([tool], input='\n'.join(lines) + '\n', capture_output=True,
                         text=True, check=True).stdout.splitlines()
    report(len(out) == len(cases), 'the tool answered %d of %d rule cases' % (len(out), len(cases)))
    errors = 0
    for (svc, region, fips, ds, ep), line in zip(cases, out):
        args = {'UseFIPS': fips, 'UseDualStack': ds}
        if region != '-':
            args['Region'] = region
        if ep != '-':
            args['Endpoint'] = ep
        try:
            want = 'TAWS_OK\t' + services[svc][1].resolve_endpoint(**args).url
        except EndpointResolutionError as e:
            want = 'TAWS_ERR_ENDPOINT_RULE\t' + e.kwargs['msg']
            errors += 1
        report(line == want, 'rules %s %s fips=%s ds=%s endpoint=%s: %r, botocore %r'
               % (svc, region, fips, ds, ep, line, want))
    group('rule evaluator: %d cases with and without Endpoint and Region (%d errors) as '
          "botocore's EndpointProvider" % (len(cases), errors))

    # ---- 4. spot checks written from the rule sets -------------------------------------------
    lines = ['client %s %s %d %d' % (services[s][0], r, f, d) for s, r, f, d, _ in SPOT]
    out = subprocess.run([tool], input='\n'.join(lines) + '\n', capture_output=True,
                         text=True, check=True).stdout.splitlines()
    for (svc, region, fips, ds, want), line in zip(SPOT, out):
        f = line.split('\t')
        got = 'error: ' + f[6] if f[0] == 'TAWS_ERR_ENDPOINT_RULE' else \
            'https://' + f[4] if f[0] == 'OK' else f[0]
        report(got == want, 'spot %s %s fips=%s ds=%s: %s, want %s' % (svc, region, fips, ds,
                                                                        got, want))
    group('%d spot checks written from the rule sets' % len(SPOT))
    generator_refusals(report)
    group('the generator refuses what the evaluator does not implement')
    print('%d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
