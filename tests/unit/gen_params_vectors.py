#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Test vectors for src/params.c, derived from the AWS service models and botocore, never from
tinyaws's own output (tests/unit/test_params.c runs them, on the host and on the target).

    tests/unit/gen_params_vectors.py <operations.json> <aws-models dir> <params_vectors.h out>

For every operation of src/operations.json, and for ssm DescribeParameters (booleans, required
members and enums inside lists of structures, list bounds in a JSON body: what the listed
operations do not have), the cases are made from the model's input shape: every member set
to a valid value, each bound at and past its limit (lengths in characters, ranges, list
sizes, list members), enums, required members left out, several problems at once, and the
pager's limit/token overrides. The expectations:

- validation messages: botocore's ParamValidator report where botocore checks (required
  members, minimums, and its order: missing members first, then the members as given);
  maximums and enums, which botocore leaves to the service and tinyaws checks before sending,
  in the same words with the model's limit ("valid max length: 63", "valid values: A, B");
  the botocore part of every expected report is checked here against botocore's own report;
- restJson1: the SigV4 canonical query string botocore's SigV4Auth makes of the request
  botocore's rest-json serializer builds (names from locationName, encoding, order);
- awsJson1_1: the body botocore's json serializer writes, byte for byte.

The operations' C tables are the library's (ops.gen.h); DescribeParameters' are made here by
src/gen_ops.py in standalone mode.
"""
import datetime
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'src'))
from gen_ops import Gen, load_operations, snake  # noqa: E402

EXTRA = [('ssm', '2014-11-06', 'DescribeParameters')]
UTC = datetime.timezone.utc
WHEN = datetime.datetime(2024, 10, 28, 1, 2, 3, 500000, tzinfo=UTC)  # 1730077323.5
# Text that needs every kind of care: query percent-encoding (space, / ~ + = & %), a JSON
# body's escapes (quote, backslash, tab, newline in the body only), non-ASCII (2, 3, 4 bytes).
QUERY_TEXT = 'a b/c~+=&%:é漢😀'
BODY_TEXT = 'q"\\\t\n/é漢😀\x7f'


def c_lit(b):
    """A C string literal of bytes: printable ASCII as is, the rest as 3-digit octal escapes
    (so a following digit is never taken into the escape), no trigraph left."""
    if len(b) > 4095:
        raise SystemExit('a literal of %d bytes: C99 compilers need only take 4095' % len(b))
    out, prev = ['"'], None
    for ch in b:
        if ch in (0x22, 0x5C):
            out.append('\\' + chr(ch))
        elif ch == 0x3F and prev == 0x3F:
            out.append('\\?')
        elif 0x20 <= ch < 0x7F:
            out.append(chr(ch))
        else:
            out.append('\\%03o' % ch)
        prev = ch
    return ''.join(out) + '"'


class Vectors:
    def __init__(self, data_path, models_dir):
        os.environ['AWS_DATA_PATH'] = models_dir  # before botocore loads: Debian's has no bedrock
        import botocore.session
        from botocore.validate import ParamValidator
        self.session = botocore.session.get_session()
        self.validator = ParamValidator()
        self.listed = [(s, v, o) for s, v, o, _ in load_operations(data_path)]
        self.data_path, self.models_dir = data_path, models_dir
        self.cases = []

    # ---- values the model accepts ------------------------------------------------------------
    def valid(self, shape, location, variant=0):
        t = shape.type_name
        md = shape.metadata
        if t == 'string':
            if getattr(shape, 'enum', None):
                return shape.enum[variant % len(shape.enum)]
            lo, hi = md.get('min', 1), md.get('max', 24)
            n = max(lo, min(hi, 12))
            base = QUERY_TEXT if location == 'querystring' else BODY_TEXT
            return (base * (1 + n // len(base)))[:n]
        if t in ('integer', 'long'):
            lo = md.get('min', 0)
            hi = md.get('max', lo + 100)
            return (lo + hi) // 2
        if t == 'timestamp':
            return WHEN
        if t == 'boolean':
            return variant % 2 == 0
        if t == 'list':
            lo, hi = md.get('min', 0), md.get('max', 2)
            n = max(lo, min(hi, 2))
            return [self.valid(shape.member, location, variant + i) for i in range(n)]
        if t == 'structure':
            return {k: self.valid(m, location, variant) for k, m in shape.members.items()}
        raise SystemExit('no value for %s' % t)

    # ---- expected reports --------------------------------------------------------------------
    def expected_report(self, shape, params):
        """tinyaws's report: botocore's, with maximums and enums in botocore's order and words."""
        lines = []
        self.walk(shape, params, '', lines)
        return lines

    def walk(self, shape, value, name, lines):
        t = shape.type_name
        md = shape.metadata
        if t == 'structure':
            for req in md.get('required', []):
                if req not in value:
                    lines.append((True, 'Missing required parameter in %s: "%s"' % (name or 'input', req)))
            for k, v in value.items():
                self.walk(shape.members[k], v, '%s.%s' % (name, k) if name else k, lines)
        elif t == 'list':
            self.bounds(len(value), md, name, 'Invalid length', 'length', lines)
            for i, v in enumerate(value):
                self.walk(shape.member, v, '%s[%d]' % (name, i), lines)
        elif t == 'string':
            self.bounds(len(value), md, name, 'Invalid length', 'length', lines)
            if getattr(shape, 'enum', None) and value not in shape.enum:
                lines.append((False, 'Invalid value for parameter %s, value: %s, valid values: %s'
                              % (name, value, ', '.join(shape.enum))))
        elif t in ('integer', 'long'):
            self.bounds(value, md, name, 'Invalid value', 'value', lines)

    @staticmethod
    def bounds(v, md, name, what, unit, lines):
        # botocore: only the minimum; tinyaws: the maximum too, unless the minimum failed
        if 'min' in md and v < md['min']:
            lines.append((True, '%s for parameter %s, value: %d, valid min %s: %d' % (what, name, v, unit, md['min'])))
        elif 'max' in md and v > md['max']:
            lines.append((False, '%s for parameter %s, value: %d, valid max %s: %d' % (what, name, v, unit, md['max'])))

    # ---- serialisation by botocore ---------------------------------------------------------
    def serialized(self, op_model, params):
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest, prepare_request_dict
        from botocore.credentials import Credentials
        from botocore.serialize import create_serializer
        proto = op_model.metadata['protocol']
        req = create_serializer(proto, include_validation=False).serialize_to_request(params, op_model)
        if proto == 'json':
            return None, req['body']
        prepare_request_dict(req, endpoint_url='https://example.amazonaws.com')
        aws = AWSRequest(method=req['method'], url=req['url'], data=req['body'], headers=req['headers'])
        q = SigV4Auth(Credentials('AKID', 'SECRET'), 'bedrock', 'us-east-1').canonical_query_string(aws)
        return q.encode(), None

    # ---- cases -------------------------------------------------------------------------------
    def add(self, name, svc, op, params, page=None):
        """One case; params in the model's member order (as the AWS CLI builds them)."""
        om = self.session.get_service_model(svc).operation_model(op)
        shape = om.input_shape
        eff = dict(params)
        if page is not None:  # the pager puts its page size and token in place of the members'
            pag = self.session.get_paginator_model(svc).get_paginator(op)
            eff.pop(pag['limit_key'], None)
            eff.pop(pag['input_token'], None)
            if page[0] is not None:
                eff[pag['limit_key']] = page[0]
            if page[1] is not None:
                eff[pag['input_token']] = page[1]
            eff = {k: eff[k] for k in shape.members if k in eff}
        expect = self.expected_report(shape, eff)
        report = self.validator.validate(eff, shape)
        botocore_lines = report.generate_report().split('\n') if report.has_errors() else []
        ours_botocore = [ln for b, ln in expect if b]
        if ours_botocore != botocore_lines:
            raise SystemExit('%s: the botocore part of the expected report is not botocore\'s:\n%r\n%r'
                             % (name, ours_botocore, botocore_lines))
        query = body = None
        if not expect:
            query, body = self.serialized(om, eff)
        self.cases.append((name, op, params, page, [ln for _, ln in expect], query, body))

    def op_cases(self, svc, op):
        om = self.session.get_service_model(svc).operation_model(op)
        shape = om.input_shape
        members = shape.members
        loc = {k: m.serialization.get('location') for k, m in members.items()}
        req = shape.metadata.get('required', [])

        def full(variant=0):
            return {k: self.valid(m, loc[k], variant) for k, m in members.items()}

        def only_required():
            return {k: self.valid(members[k], loc[k]) for k in members if k in req}

        def with_(k, v, base=None):
            p = dict(base if base is not None else only_required())
            p[k] = v
            return {m: p[m] for m in members if m in p}

        self.add('%s: every member' % op, svc, op, full())
        self.add('%s: every member, other values' % op, svc, op, full(1))
        self.add('%s: required members only' % op, svc, op, only_required())
        for k in req:
            p = only_required()
            del p[k]
            self.add('%s: %s missing' % (op, k), svc, op, p)
        if len(req) > 1:
            self.add('%s: nothing given' % op, svc, op, {})
        for k, m in members.items():
            md, t = m.metadata, m.type_name
            if t == 'string':
                if getattr(m, 'enum', None):
                    self.add('%s: %s not in the enum' % (op, k), svc, op, with_(k, 'NotAValue'))
                    for v in m.enum:
                        self.add('%s: %s = %s' % (op, k, v), svc, op, with_(k, v))
                    continue
                # lengths count characters, not bytes (ASCII where a literal would outgrow C99's
                # 4095 bytes: 6 bytes a character once percent-encoded)
                ch = 'x' if md.get('max', 0) > 600 else 'é' if loc[k] == 'querystring' else '漢'
                for n, what in ((md.get('min'), 'min'), (md.get('max'), 'max')):
                    if n is None:
                        continue
                    self.add('%s: %s at its %s length' % (op, k, what), svc, op, with_(k, ch * n))
                    if what == 'min' and n > 0:
                        self.add('%s: %s under its min length' % (op, k), svc, op, with_(k, ch * (n - 1)))
                    if what == 'max':
                        self.add('%s: %s over its max length' % (op, k), svc, op, with_(k, ch * (n + 1)))
            elif t in ('integer', 'long'):
                for n, d in ((md.get('min'), -1), (md.get('max'), 1)):
                    if n is not None:
                        self.add('%s: %s = %d' % (op, k, n), svc, op, with_(k, n))
                        self.add('%s: %s = %d' % (op, k, n + d), svc, op, with_(k, n + d))
                if 'min' not in md and 'max' not in md:
                    self.add('%s: %s negative' % (op, k), svc, op, with_(k, -5))
            elif t == 'boolean':
                self.add('%s: %s true' % (op, k), svc, op, with_(k, True))
                self.add('%s: %s false' % (op, k), svc, op, with_(k, False))
            elif t == 'timestamp':
                self.add('%s: %s before 1970' % (op, k), svc, op, with_(k, datetime.datetime(1969, 7, 20, 20, 17, 40, tzinfo=UTC)))
                self.add('%s: %s whole seconds' % (op, k), svc, op, with_(k, datetime.datetime(2024, 2, 29, tzinfo=UTC)))
            elif t == 'list':
                lo, hi = md.get('min'), md.get('max')
                one = self.valid(m.member, loc[k])
                if lo is not None and lo > 0:
                    self.add('%s: %s with %d elements' % (op, k, lo - 1), svc, op, with_(k, [one] * (lo - 1)))
                else:
                    self.add('%s: %s empty' % (op, k), svc, op, with_(k, []))
                if hi is not None:
                    self.add('%s: %s with %d elements' % (op, k, hi), svc, op, with_(k, [one] * hi))
                    self.add('%s: %s with %d elements' % (op, k, hi + 1), svc, op, with_(k, [one] * (hi + 1)))
                e = m.member
                if e.type_name == 'string':
                    self.element_bounds(op, svc, k, e, loc[k], with_)
                elif e.type_name == 'structure':
                    for sk, sm in e.members.items():
                        el = dict(one)
                        if sk in e.metadata.get('required', []):
                            del el[sk]
                            self.add('%s: %s[1].%s missing' % (op, k, sk), svc, op, with_(k, [one, el]))
                        if sm.type_name == 'string' and getattr(sm, 'enum', None):
                            el = dict(one, **{sk: 'NotAValue'})
                            self.add('%s: %s[0].%s not in the enum' % (op, k, sk), svc, op, with_(k, [el]))
                        elif sm.type_name == 'string' and 'min' in sm.metadata and sm.metadata['min'] > 0:
                            el = dict(one, **{sk: ''})
                            self.add('%s: %s[0].%s empty' % (op, k, sk), svc, op, with_(k, [el, one]))
                        if sm.type_name == 'list':
                            el = dict(one, **{sk: [''] + [self.valid(sm.member, None)] * (sm.metadata.get('max', 3) + 1)})
                            self.add('%s: %s[0].%s: an empty value, one too many' % (op, k, sk), svc, op,
                                     with_(k, [el]))
                            if 'max' in sm.member.metadata:
                                el = dict(one, **{sk: ['x' * (sm.member.metadata['max'] + 1)]})
                                self.add('%s: %s[0].%s[0] over its max length' % (op, k, sk), svc, op, with_(k, [el]))
                    el = {sk: self.valid(sm, None) for sk, sm in e.members.items() if sk in e.metadata.get('required', [])}
                    self.add('%s: %s element with its required members only' % (op, k), svc, op, with_(k, [el]))
        # several problems at once, in botocore's order: missing members first
        bad = dict(full())
        for k in req[1:]:
            bad.pop(k, None)
        for k, m in members.items():
            if m.type_name == 'string' and 'min' in m.metadata and m.metadata['min'] > 0 and k in bad:
                bad[k] = ''
            elif m.type_name in ('integer', 'long') and 'max' in m.metadata and k in bad:
                bad[k] = m.metadata['max'] + 7
            elif getattr(m, 'enum', None) and k in bad:
                bad[k] = 'Sideways'
        self.add('%s: several problems' % op, svc, op, bad)
        # the pager's page size and token in place of the members'
        pag = self.session.get_paginator_model(svc).get_paginator(op)
        lm = members[pag['limit_key']]
        page_size = lm.metadata.get('min', 1)
        self.add('%s: page size and token' % op, svc, op, full(), (page_size, 'tok+/=%~ en'))
        self.add('%s: page size only, members\' token dropped' % op, svc, op, full(), (page_size + 1, None))
        if 'min' in lm.metadata:
            self.add('%s: page size under the limit\'s minimum' % op, svc, op, only_required(),
                     (lm.metadata['min'] - 1, None))
        self.add('%s: empty page token' % op, svc, op, only_required(), (None, ''))

    def element_bounds(self, op, svc, k, e, location, with_):
        md = e.metadata
        if md.get('min', 0) > 0:
            self.add('%s: %s[1] under its min length' % (op, k), svc, op, with_(k, ['ok', 'x' * (md['min'] - 1)]))
        if 'max' in md:
            self.add('%s: %s[0] over its max length' % (op, k), svc, op, with_(k, ['x' * (md['max'] + 1)]))

    # ---- C -------------------------------------------------------------------------------------
    def c_value(self, shape, v):
        """(value literal bytes, n): n < 0 a scalar, else a list of n NUL-separated values."""
        t = shape.type_name
        if t == 'list':
            return b'\0'.join(self.c_value(shape.member, x)[0] for x in v), len(v)
        if t == 'timestamp':
            ts = v.timestamp()
            sec = int(ts // 1)
            return ('%d.%06d' % (sec, v.microsecond)).encode(), -1
        if t == 'boolean':
            return b'true' if v else b'false', -1
        return str(v).encode('utf-8'), -1

    def sets(self, shape, params):
        out = []
        for k, v in params.items():
            m = shape.members[k]
            if m.type_name == 'list' and m.member.type_name == 'structure':
                out.append((k.encode(), b'', len(v)))  # the list itself (its length)
                for i, el in enumerate(v):
                    for sk, sv in el.items():
                        val, n = self.c_value(m.member.members[sk], sv)
                        out.append((('%s[%d].%s' % (k, i, sk)).encode(), val, n))
            else:
                val, n = self.c_value(m, v)
                out.append((k.encode(), val, n))
        return out

    def write(self, out_path):
        extra = Gen(self.data_path, self.models_dir, ops=EXTRA, standalone=True)
        eops = extra.collect()
        lines = ['/* Generated by tests/unit/gen_params_vectors.py from src/operations.json, ../shared/aws-models',
                 ' * and botocore. Do not edit: the build regenerates it. */',
                 '#ifndef TINYAWS_PARAMS_VECTORS_H', '#define TINYAWS_PARAMS_VECTORS_H', '',
                 '#include <stddef.h>', '#include "tinyaws/ops.h"', '',
                 '/* ssm DescribeParameters, made by src/gen_ops.py for this test only. */']
        lines += extra.header(eops) + extra.tables(eops)
        lines += ['', '/* A member to set: path "nameContains" or "Filters[0].Key"; value text (a timestamp as',
                  ' * sec.usec, a boolean as true/false); n < 0 a scalar, else a list of n values, NUL-',
                  ' * separated (a list of structures: its length, the elements\' members follow). */',
                  'typedef struct {', '    const char *path;', '    const char *value;', '    int n;', '} pv_set_t;',
                  '', 'typedef struct {', '    const char *name;', '    const taws_op_t *op;',
                  '    const pv_set_t *set;', '    unsigned n_set;',
                  '    int page;                /* the pager\'s overrides apply */',
                  '    int page_limit_set;', '    long long page_limit;',
                  '    const char *page_token;  /* NULL: none */',
                  '    const char *msg;         /* the report, "" when valid */',
                  '    const char *query;       /* restJson1: the canonical query, when valid */',
                  '    const char *body;        /* awsJson1_1: the body, when valid */',
                  '    size_t body_len;', '} pv_case_t;', '']
        body = []
        for i, (name, op, params, page, msg, query, jbody) in enumerate(self.cases):
            svc = next(s for s, _, o in self.listed + EXTRA if o == op)
            shape = self.session.get_service_model(svc).operation_model(op).input_shape
            sets = self.sets(shape, params)
            if sets:
                lines.append('static const pv_set_t pv_set_%d[] = {' % i)
                lines += ['    { %s, %s, %d },' % (c_lit(p), c_lit(v), n) for p, v, n in sets]
                lines.append('};')
            body.append('    { %s, &taws_op_%s, %s, %d, %d, %d, %dLL, %s, %s, %s, %s, %d },' % (
                c_lit(name.encode('utf-8')), snake(op), 'pv_set_%d' % i if sets else 'NULL', len(sets),
                page is not None, page is not None and page[0] is not None,
                page[0] if page is not None and page[0] is not None else 0,
                c_lit(page[1].encode()) if page is not None and page[1] is not None else 'NULL',
                c_lit('\n'.join(msg).encode('utf-8')), c_lit(query) if query is not None else 'NULL',
                c_lit(jbody) if jbody is not None else 'NULL', len(jbody) if jbody is not None else 0))
        lines += ['', 'static const pv_case_t pv_cases[] = {'] + body + ['};', '', '#endif']
        with open(out_path, 'w') as f:
            f.write('\n'.join(lines) + '\n')

    def run(self, out_path):
        for svc, _, op in self.listed + EXTRA:
            self.op_cases(svc, op)
        self.write(out_path)


if __name__ == '__main__':
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    Vectors(sys.argv[1], sys.argv[2]).run(sys.argv[3])
