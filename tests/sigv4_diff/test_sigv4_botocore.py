#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Differential SigV4 test: a few hundred random requests signed by tinyaws (sigv4_tool) and by
botocore's SigV4Auth; canonical request, string to sign and signature must be identical.

Random paths, query keys and values with spaces, '+ / = ~ %', UTF-8, 2,000-character tokens,
session tokens, POST bodies, mixed-case headers with folded whitespace.
Usage: test_sigv4_botocore.py <sigv4_tool> [count] [seed]
"""
import hashlib
import random
import subprocess
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

CHARS = ('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
         "-._~ +/=%!*'()&:;,@$" + 'éüßሴ中文😀')
SEG_CHARS = CHARS.replace('/', '').replace('?', '').replace('#', '')
B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='


def rand_text(rng, alphabet, lo, hi):
    return ''.join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def rand_path(rng):
    segs = []
    for _ in range(rng.randint(0, 5)):
        r = rng.random()
        segs.append('.' if r < 0.05 else '..' if r < 0.1 else '' if r < 0.15
                    else rand_text(rng, SEG_CHARS, 1, 12))
    path = '/' + '/'.join(segs)
    if rng.random() < 0.2:
        path += '/'
    return path


def rand_request(rng):
    method = rng.choice(['GET', 'POST'])
    query = []
    for _ in range(rng.randint(0, 8)):
        key = rand_text(rng, CHARS, 0 if rng.random() < 0.05 else 1, 10)
        if rng.random() < 0.1 and query:
            key = query[-1][0]  # repeated key: sorted by value
        if rng.random() < 0.15:
            value = rand_text(rng, B64, 2000, 2000)  # a bedrock-sized page token
        else:
            value = rand_text(rng, CHARS, 0, 30)
        query.append((key, value))
    host = rng.choice(['bedrock.us-east-1.amazonaws.com', '127.0.0.1:8443', 'localhost:4566',
                       'bedrock-runtime.eu-central-1.amazonaws.com', '[::1]:8443'])
    amz_date = '20%02d%02d%02dT%02d%02d%02dZ' % (rng.randint(15, 30), rng.randint(1, 12),
                                                  rng.randint(1, 28), rng.randint(0, 23),
                                                  rng.randint(0, 59), rng.randint(0, 59))
    headers = [('Host', host), ('X-Amz-Date', amz_date)]
    token = None
    if rng.random() < 0.4:
        token = rand_text(rng, B64, 100, 1200)
        headers.append(('X-Amz-Security-Token', token))
    body = b''
    if method == 'POST':
        body = ('{"WindowExecutionId":"%s","NextToken":"%s"}' %
                (rand_text(rng, 'abcdef0123456789-', 36, 36), rand_text(rng, B64, 0, 300))).encode()
        headers.append(('Content-Type', 'application/x-amz-json-1.1'))
        headers.append(('X-Amz-Target', 'AmazonSSM.DescribeMaintenanceWindowExecutionTaskInvocations'))
    for _ in range(rng.randint(0, 3)):
        name = 'X-' + rand_text(rng, 'abcdefghijKLMNOP-', 1, 10)
        if name.lower() in (h[0].lower() for h in headers):
            continue
        value = rand_text(rng, 'abc XYZ\t012  =;,', 0, 20)
        headers.append((name, value))
    return dict(method=method, path=rand_path(rng), query=query, headers=headers, body=body,
                token=token, amz_date=amz_date, host=host,
                region=rng.choice(['us-east-1', 'eu-west-3', 'ap-southeast-2', 'cn-north-1']),
                service=rng.choice(['bedrock', 'ssm', 'service']),
                akid=rand_text(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 20),
                secret=rand_text(rng, B64, 40, 40))


def botocore_sign(r):
    scheme = 'https://'
    req = AWSRequest(method=r['method'], url=scheme + r['host'] + r['path'], params=r['query'],
                     headers=dict(r['headers']), data=r['body'])
    req.context['timestamp'] = r['amz_date']
    auth = SigV4Auth(Credentials(r['akid'], r['secret'], r['token']), r['service'], r['region'])
    creq = auth.canonical_request(req)
    sts = auth.string_to_sign(req, creq)
    return creq.encode(), sts.encode(), auth.signature(sts, req)


def tool_line(r):
    def h(s):
        b = s.encode() if isinstance(s, str) else s
        return b.hex() if b else '-'
    fields = [r['method'], r['path'], r['region'], r['service'], r['akid'], r['secret'],
              r['token'] or '', r['amz_date'], hashlib.sha256(r['body']).hexdigest(),
              str(len(r['query']))]
    for k, v in r['query']:
        fields += [k, v]
    fields.append(str(len(r['headers'])))
    for k, v in r['headers']:
        fields += [k, v]
    return ' '.join(h(f) for f in fields)


def main():
    tool = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20241122
    rng = random.Random(seed)
    reqs = [rand_request(rng) for _ in range(count)]
    out = subprocess.run([tool], input='\n'.join(tool_line(r) for r in reqs) + '\n',
                         capture_output=True, text=True, check=True).stdout.splitlines()
    passed = failed = 0
    for r, line in zip(reqs, out):
        creq, sts, sig = botocore_sign(r)
        parts = line.split(' ')
        ok = len(parts) == 3 and bytes.fromhex(parts[0]) == creq and \
            bytes.fromhex(parts[1]) == sts and parts[2] == sig
        if ok:
            passed += 1
        else:
            failed += 1
            if failed <= 3:
                print('MISMATCH %s %r' % (r['method'], r['path']))
                print('  tinyaws :', bytes.fromhex(parts[0])[:600] if len(parts) == 3 else line)
                print('  botocore:', creq[:600])
    failed += count - len(out)  # the tool must answer every request
    long_tokens = sum(1 for r in reqs if any(len(v) >= 2000 for _, v in r['query']))
    print('sigv4 differential: %d requests (%d with 2,000-char tokens, %d with session tokens)'
          % (count, long_tokens, sum(1 for r in reqs if r['token'])))
    print('%d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 and passed == count else 1


if __name__ == '__main__':
    sys.exit(main())
