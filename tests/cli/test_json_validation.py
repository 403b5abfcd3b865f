#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Issue 10 end to end: every byte validated, a malformed response is never a successful listing.

The tinyaws CLI lists `bedrock list-model-import-jobs` from the local endpoint, whose `raw_body`
fault sends a page verbatim (whole, and again in 1-byte chunks). Every invalid document of the
issue (and more), placed inside an item, as an unknown top-level member, as the result, as the
token and as the whole body, must end in exit 255 with a JSON error on stderr and stdout never
holding a complete JSON document (items streamed before the bad byte may stand; the closing
never comes). Every valid JSON value placed where the model allows it must still list, chained
as the pages of one listing, and print what the AWS CLI (/usr/bin/aws) prints for the same
pages. A small raw HTTP server of this file's own covers what the endpoint cannot send: bytes
that are not UTF-8, control characters in a header value, and a stray empty line before the
status line on a kept-alive connection.

Usage: test_json_validation.py <tinyaws binary>     (last line: "N passed, M failed")
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'endpoint'))
import testlib  # noqa: E402  (sets AWS_DATA_PATH; starts the endpoint)

TINYAWS = None
AWS = '/usr/bin/aws'
EP = None
ENV = None
CMD = ['bedrock', 'list-model-import-jobs']
KEY = 'modelImportJobSummaries'
PASSED = FAILED = 0

# ---- the documents ------------------------------------------------------------------------

ISSUE_INVALID = [
    # commas and colons
    '[1,,2]', '[,1]', '[1,]', '{"id":0,}', '{"a":"b",,"c":"d"}', '["": 1]', '{"x"::"b"}', '{:"b"}',
    '{"a" "b"}', '{"a":"a" 123}', '[3[4]]',
    # numbers
    '-01', '012', '1.', '-2.', '0.1.2', '1eE2', '0e+', '0x1', '1+2', '-', '- 1', '1 000.0', '+1',
    '.123', '1.2a-3',
    # literals and bare words
    'tru', 'nul', 'fals', 'truth', 'abc', '{a: "b"}', '{1:1}', '{null:null}', 'nope', 'nothing',
    # strings: raw NUL, TAB, LF; bad escapes
    '"a\x00b"', '"a\tb"', '"a\nb"', '"\\x00"', '"\\a"', '"\\uqqqq"', '"\\u00A"', '"\\UA66D"',
    '"\\uD800\\u"',
]
MORE_INVALID = [
    '"\\uD800"', '"\\uDC00"', '"\\uD800\\n"', '"\\uD83D\\u0041"', '[1,\f2]', '\u00a01', '\ufeff{}',
    '[' * 40 + ']' * 40, '{"a":1}x', '"\x7f\x01"', 'NaN', 'Infinity', "'a'", '[1]]', '/* */1',
]
# Valid values for an unknown member (inside an item or at the top level): anything.
VALID = [
    '{}', '[]', '[[]]', '{"a":{"b":{"c":[1,{"d":null}]}}}', ' \t\r\n[ 1 , 2 ]\r\n', '{"":""}',
    '{"a":1,"a":2}', '0', '-0', '-0.0e-0', '1E+9', '123456789012345678901234567890', '1e999', 'true',
    'false', 'null', '""', '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '"\\u0000\\u001f"', '"\\uD83D\\uDE00\\udbff\\udfff"',
    '"\x7f \u00e9 \u20ac \U0001F600"', '"}]\\"}"', '[' * 28 + ']' * 28,
]
# Valid values of known members (the model's types), as jobArn / creationTime.
VALID_STRINGS = ['"\\u0000\\u001f\\u007f"', '"\\uD83D\\uDE00 \\u00e9"', '"\\/a\\/"', '"\u00e9\u20ac"', '""']
WRONG_TYPES = [('jobArn', '5'), ('jobArn', 'true'), ('jobArn', '{}'), ('jobArn', '["a"]'),
               ('creationTime', 'true'), ('creationTime', '{}'), ('creationTime', '[1]'),
               ('creationTime', '"yesterday"')]


def page(place, value, token=None, arn='v'):
    """A page with value in place; token (JSON text) chains it to the next page."""
    tok = '' if token is None else ',"nextToken":%s' % token
    if place == 'item':
        return '{"%s":[{"jobArn":"%s-1"},{"jobArn":"%s-2","x":%s}]%s}' % (KEY, arn, arn, value, tok)
    if place == 'member':
        return '{"%s":[{"jobArn":"%s-1"}],"x":%s%s}' % (KEY, arn, value, tok)
    if place == 'result':
        return '{"nextToken":%s,"%s":%s}' % (token or 'null', KEY, value)
    if place == 'token':
        return '{"%s":[{"jobArn":"%s-1"}],"nextToken":%s}' % (KEY, arn, value)
    if place == 'known':
        return '{"%s":[{"jobArn":"%s-1"},{"jobArn":"%s-2",%s}]%s}' % (KEY, arn, arn, value, tok)
    return value  # the whole body


# ---- running ------------------------------------------------------------------------------

def check(ok, what, detail=''):
    global PASSED, FAILED
    if ok:
        PASSED += 1
        print('ok - %s' % what)
    else:
        FAILED += 1
        print('not ok - %s%s' % (what, ('\n    ' + detail) if detail else ''))
    return ok


def run(prog, url, extra=()):
    p = subprocess.run([prog] + CMD + ['--endpoint-url', url] + list(extra), capture_output=True,
                       env=ENV, timeout=120)
    return p.returncode, p.stdout, p.stderr


def serve(bodies):
    """The next requests get these bodies verbatim, in order."""
    status, out = EP.control('POST', '/__tinyaws/faults', [{'raw_body': b} for b in bodies])
    assert status == 200, out


def pending():
    return EP.control('GET', '/__tinyaws/faults')[1]


def complete_json(out):
    try:
        json.loads(out.decode('utf-8'))
        return True
    except ValueError:
        return False


def expect_refused(what, bodies, chunked, must_not_print=(), says=b'JSON'):
    EP.control('POST', '/__tinyaws/reset')
    EP.config(chunked=chunked)
    serve(bodies)
    rc, out, err = run(TINYAWS, 'http://localhost:%d' % EP.http)
    left = pending()
    printed = [s for s in must_not_print if s.encode() in out]
    return check(rc == 255 and not complete_json(out) and says in err and not left and not printed,
                 '%s: exit 255, no complete document' % what,
                 'exit %d, stdout %r, stderr %r, unserved %d, printed %r' % (rc, out[-200:], err, len(left), printed))


AWS_SAW = {}  # what: the AWS CLI's output for the same pages, whole (the chunking is invisible to it)


def expect_listed(what, bodies, want_arns, chunked):
    EP.control('POST', '/__tinyaws/reset')
    EP.config(chunked=chunked)
    serve(bodies)
    rc, out, err = run(TINYAWS, 'http://localhost:%d' % EP.http)
    left = pending()
    try:
        got = [i.get('jobArn') for i in json.loads(out.decode('utf-8'))[KEY]]
    except (ValueError, KeyError, TypeError) as e:
        got = 'not a listing: %s' % e
    ok = check(rc == 0 and got == want_arns and not left,
               '%s (%s): lists %d items' % (what, '1-byte chunks' if chunked else 'whole', len(want_arns)),
               'exit %d, items %r, want %r, stderr %r, unserved %d' % (rc, got, want_arns, err, len(left)))
    if not ok:
        return
    if what not in AWS_SAW:
        serve(bodies)
        rc_a, out_a, err_a = run(AWS, 'http://localhost:%d' % EP.http)
        AWS_SAW[what] = out_a if rc_a == 0 else ('aws exit %d, stderr %r' % (rc_a, err_a[-300:])).encode()
    check(AWS_SAW[what] == out, '%s (%s): the same bytes as the AWS CLI' % (what, 'in 1-byte chunks' if chunked else 'whole'),
          'tinyaws %r\n    aws %r' % (out[-300:], AWS_SAW[what][-300:]))


# ---- the endpoint's documents ---------------------------------------------------------------

def invalid_everywhere(chunked):
    mode = '1-byte chunks' if chunked else 'whole'
    for i, v in enumerate(ISSUE_INVALID + MORE_INVALID):
        for place in ('item', 'member', 'result', 'token', 'body'):
            # A valid page first: its items are streamed, then the bad page stops the listing.
            bodies = [page('item', '1', '"p2"', 'first'), page(place, v, None, 'bad')]
            expect_refused('%s, %s, %s %r' % (mode, place, 'issue' if i < len(ISSUE_INVALID) else 'more', v),
                           bodies, chunked, must_not_print=['bad-2'])
    for member, v in WRONG_TYPES:
        expect_refused('%s, known member %s given %s' % (mode, member, v),
                       [page('known', '"%s":%s' % (member, v))], chunked, must_not_print=['v-2'],
                       says=b'timestamp' if v == '"yesterday"' else b'JSON')
    # The result and the token of the wrong type; nothing after the top-level object.
    for what, body in (('result nope', '{"%s":nope}' % KEY), ('token nothing', '{"%s":[],"nextToken":nothing}' % KEY),
                       ('result an object', '{"%s":{}}' % KEY), ('result a string', '{"%s":"[]"}' % KEY),
                       ('element null', '{"%s":[null]}' % KEY), ('token a number', '{"%s":[],"nextToken":5}' % KEY),
                       ('token a list', '{"%s":[],"nextToken":["t"]}' % KEY),
                       ('trailing comma after an item\'s last member', '{"%s":[{"jobArn":"a",}]}' % KEY),
                       ('second document', '{"%s":[]}{"%s":[]}' % (KEY, KEY)),
                       ('trailing garbage', '{"%s":[]} x' % KEY), ('empty body', ''),
                       ('truncated', '{"%s":[{"jobArn":"a"}' % KEY), ('an HTML error page', '<html>502</html>')):
        expect_refused('%s, %s' % (mode, what), [body], chunked)


def valid_everywhere(chunked):
    mode = 'valid'
    for place in ('item', 'member'):
        bodies = [page(place, v, '"p%d"' % (k + 2) if k + 1 < len(VALID) else None, 'v%d' % k)
                  for k, v in enumerate(VALID)]
        want = [a for k in range(len(VALID)) for a in (['v%d-1' % k, 'v%d-2' % k] if place == 'item' else ['v%d-1' % k])]
        expect_listed('%s, %d valid values as %s' % (mode, len(VALID), 'an unknown member of an item' if place == 'item'
                                                      else 'an unknown top-level member'), bodies, want, chunked)
    bodies = [page('known', '"creationTime":%s,"status":%s' % (t, s), '"p%d"' % (k + 2), 'k%d' % k)
              for k, (t, s) in enumerate(zip(['1.7e9', '1700000000', '"2024-01-01T00:00:00Z"', '-1.5e-3', 'null'],
                                             VALID_STRINGS))]
    bodies.append(page('known', '"jobArn":"\\u006b\\u0035-2"', None, 'k5'))
    want = [a for k in range(6) for a in ('k%d-1' % k, 'k%d-2' % k)]
    expect_listed('%s, valid known members' % mode, bodies, want, chunked)
    # The result: null or an array of objects; the token: a string or null (or "", the end).
    results = ['null', '[]', ' [ { "jobArn" : "r2" } , { } ] ', '[{"jobArn":"r3","x":[{}]}]']
    bodies = [page('result', v, '"p%d"' % (k + 2) if k + 1 < len(results) else 'null') for k, v in enumerate(results)]
    expect_listed('%s, the result null or an array of objects' % mode, bodies, ['r2', None, 'r3'], chunked)
    tokens = ['"a\\u00e9\\/"', '"\\uD83D\\uDE00"', '" "', '""']
    bodies = [page('token', t, None, 't%d' % k) for k, t in enumerate(tokens)]
    expect_listed('%s, escaped tokens, then ""' % mode, bodies, ['t0-1', 't1-1', 't2-1', 't3-1'], chunked)
    expect_listed('%s, a null token' % mode, [page('token', 'null', None, 'n')], ['n-1'], chunked)
    body = ' \r\n\t{ "nextToken" : null ,\n "%s" : [ { "jobArn" : "b1" } ] }\r\n\t ' % KEY
    expect_listed('%s, a whole body with every kind of whitespace' % mode, [body], ['b1'], chunked)


# ---- bytes the endpoint cannot send: a raw HTTP server ---------------------------------------

class RawServer:
    """Plain HTTP on 127.0.0.1: each request gets the next scripted response, byte for byte."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.script, self.connections, self.requests = [], 0, 0
        self.lock = threading.Lock()
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
            threading.Thread(target=self.serve, args=(c,), daemon=True).start()

    def serve(self, c):
        buf = b''
        with c:
            while True:
                while b'\r\n\r\n' not in buf:
                    data = c.recv(65536)
                    if not data:
                        return
                    buf += data
                head, _, buf = buf.partition(b'\r\n\r\n')
                length = 0
                for line in head.split(b'\r\n')[1:]:
                    k, _, v = line.partition(b':')
                    if k.strip().lower() == b'content-length':
                        length = int(v)
                while len(buf) < length:
                    buf += c.recv(65536)
                buf = buf[length:]
                with self.lock:
                    self.requests += 1
                    reply = self.script.pop(0) if self.script else None
                if reply is None:
                    return
                c.sendall(reply)

    def play(self, responses):
        with self.lock:
            self.script, self.connections, self.requests = list(responses), 0, 0

    def close(self):
        self.sock.close()


def response(body, headers=()):
    body = body if isinstance(body, bytes) else body.encode()
    head = ['HTTP/1.1 200 OK', 'Content-Type: application/json', 'Content-Length: %d' % len(body)] + list(headers)
    return ('\r\n'.join(head) + '\r\n\r\n').encode('latin-1') + body


def raw_cases(srv):
    url = 'http://127.0.0.1:%d' % srv.port
    p1 = '{"%s":[{"jobArn":"a"}],"nextToken":"p2"}' % KEY
    p2 = '{"%s":[{"jobArn":"b"}]}' % KEY
    # A stray CRLF after the first body, before the next status line, on the same connection.
    srv.play([response(p1), b'\r\n' + response(p2)])
    rc, out, err = run(TINYAWS, url)
    got = [i['jobArn'] for i in json.loads(out)[KEY]] if rc == 0 else None
    check(rc == 0 and got == ['a', 'b'] and srv.connections == 1 and srv.requests == 2,
          'an empty line before the second status line on a kept-alive connection is skipped',
          'exit %d, items %r, %d connections, %d requests, stderr %r' % (rc, got, srv.connections, srv.requests, err))
    srv.play([response(p1), b'\r\n\r\n' + response(p2)] + [response(p2)] * 3)
    rc, out, err = run(TINYAWS, url)
    check(rc == 255 and not complete_json(out) and b'malformed HTTP' in err,
          'two empty lines before a status line are refused', 'exit %d, stderr %r' % (rc, err))
    # Control characters in a header value.
    for ctl in (b'\x01', b'\x1b', b'\x7f', b'\x0b'):
        srv.play([response(p2, ['Foo: F' + ctl.decode('latin-1') + 'ailure'])] * 3)
        rc, out, err = run(TINYAWS, url, ['--debug'])
        check(rc == 255 and out == b'' and b'control character in an HTTP response header value' in err
              and b'F' + ctl + b'ailure' not in err,
              'header value with byte %r refused, never echoed by --debug' % ctl, 'exit %d, stderr %r' % (rc, err[-300:]))
    srv.play([response(p2, ['Foo: a\tb \xe9'])])
    rc, out, err = run(TINYAWS, url)
    check(rc == 0 and complete_json(out), 'HTAB and obs-text in a header value are fine', 'exit %d, stderr %r' % (rc, err))
    # Bodies that are not UTF-8 (the endpoint's raw_body is text).
    for bad in (b'\xc0\x80', b'\xed\xa0\x80', b'\xf4\x90\x80\x80', b'\xff', b'\x80', b'\xe2\x82'):
        body = b'{"' + KEY.encode() + b'":[{"jobArn":"a"},{"jobArn":"b' + bad + b'"}]}'
        for where, doc in (('in an item', body), ('in a skipped member', b'{"x":"' + bad + b'","' + KEY.encode() + b'":[]}'),
                           ('in the token', b'{"' + KEY.encode() + b'":[],"nextToken":"' + bad + b'"}')):
            srv.play([response(doc)] * 3)
            rc, out, err = run(TINYAWS, url)
            check(rc == 255 and not complete_json(out) and b'JSON string is not Unicode' in err and b'"b' not in out,
                  'bytes %r %s refused' % (bad, where), 'exit %d, stdout %r, stderr %r' % (rc, out[-100:], err))


def main():
    global TINYAWS, EP, ENV
    TINYAWS = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix='taws-json-valid-')
    ENV = {k: v for k, v in os.environ.items() if not k.startswith('AWS_')}
    ENV.update({'AWS_ACCESS_KEY_ID': testlib.AK, 'AWS_SECRET_ACCESS_KEY': testlib.SK, 'AWS_REGION': 'us-east-1',
                'AWS_DATA_PATH': testlib.MODELS, 'TZ': 'UTC', 'AWS_CONFIG_FILE': '/nonexistent',
                'AWS_SHARED_CREDENTIALS_FILE': '/nonexistent', 'AWS_PAGER': '', 'AWS_MAX_ATTEMPTS': '3'})
    EP = testlib.Endpoint('--http-port', '0', state_dir=tmp).wait_ready()
    srv = RawServer()
    try:
        for chunked in (0, 1):
            invalid_everywhere(chunked)
            valid_everywhere(chunked)
        raw_cases(srv)
    finally:
        srv.close()
        EP.stop()
    print('%d passed, %d failed' % (PASSED, FAILED))
    return 0 if FAILED == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
