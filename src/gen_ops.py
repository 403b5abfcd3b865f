#!/usr/bin/python3
"""Generates the operation tables from the AWS service models (the models are the truth).

    src/gen_ops.py <aws-models dir> <ops.h out> <ops_tables.c out>

Writes include/tinyaws/ops.h (typed params and item structs, bounds, typed wrappers) and
src/ops_tables.c (descriptors). Both are committed; `make test` regenerates them into build/
and fails if they differ, so the tables cannot drift from ../shared/aws-models.
"""
import json
import os
import re
import sys

from botocore import xform_name  # the AWS CLI's own member-name -> option rule

OPS = [  # (service dir, api version, operation)
    ('bedrock-runtime', '2023-09-30', 'ListAsyncInvokes'),
    ('bedrock', '2023-04-20', 'ListModelCopyJobs'),
    ('bedrock', '2023-04-20', 'ListModelInvocationJobs'),
    ('bedrock', '2023-04-20', 'ListModelImportJobs'),
    ('ssm', '2014-11-06', 'DescribeMaintenanceWindowExecutionTaskInvocations'),
]

# Bounds for strings the model leaves unbounded (no max length). Patterns are not anchored in
# Smithy, so they bound nothing; a fixed repetition such as [0-9]{12} is taken as the length.
UNBOUNDED_STRING_CHARS = 8192
# Worst case bytes per character on the wire: an astral character written as two \uXXXX.
ESCAPED_BYTES_PER_CHAR = 12
NUMBER_MAX_BYTES = 32      # a JSON number as long as anyone writes one
TIMESTAMP_MAX_BYTES = 64   # an ISO-8601 string or epoch number, quotes included


def snake(name):
    return re.sub(r'(?<=[a-z0-9])([A-Z])', r'_\1', name).lower()


def c_str(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


class Gen:
    def __init__(self, models_dir):
        self.models_dir = models_dir
        self.item_structs = {}   # shape name -> (model, shape) for response structures
        self.param_structs = {}  # shape name -> (model, shape) for request list elements
        self.order_items = []
        self.order_params = []
        self.enums = {}          # C name -> values
        self.top_items = set()   # the operations' item shapes

    def load(self, svc, ver):
        base = os.path.join(self.models_dir, svc, ver)
        return (json.load(open(os.path.join(base, 'service-2.json'))),
                json.load(open(os.path.join(base, 'paginators-1.json')))['pagination'])

    # ---- response items ----------------------------------------------------------------
    def collect_item(self, m, name):
        if name in self.item_structs:
            return
        s = m['shapes'][name]
        for mem in s['members'].values():
            t = m['shapes'][mem['shape']]
            if t['type'] == 'structure':
                self.collect_item(m, mem['shape'])
            elif t['type'] == 'list':
                e = m['shapes'][t['member']['shape']]
                if e['type'] == 'structure':
                    self.collect_item(m, t['member']['shape'])
                elif e['type'] != 'string':
                    raise SystemExit('unsupported list member type %s' % e['type'])
        self.item_structs[name] = (m, s)
        self.order_items.append(name)

    def string_chars(self, shape):
        if 'max' in shape:
            return shape['max']
        if 'enum' in shape:
            return max(len(e) for e in shape['enum'])
        mt = re.fullmatch(r'\^?\[[^\]]+\]\{(\d+)(?:,(\d+))?\}\$?', shape.get('pattern', ''))
        if mt:
            return int(mt.group(2) or mt.group(1))
        return UNBOUNDED_STRING_CHARS

    def bound(self, m, name):
        """(max minified bytes, max jsmn tokens) of a structure, every member present."""
        s = m['shapes'][name]
        nbytes, ntok = 2, 1  # {} and the object token
        for key, mem in s['members'].items():
            t = m['shapes'][mem['shape']]
            kb, kt = 2 + len(key) * 6 + 2, 1  # "key": (escaped) plus a comma
            if t['type'] == 'structure':
                vb, vt = self.bound(m, mem['shape'])
            elif t['type'] == 'list':
                e = m['shapes'][t['member']['shape']]
                n = t.get('max', 1000)
                if e['type'] == 'structure':
                    eb, et = self.bound(m, t['member']['shape'])
                else:
                    eb, et = 2 + self.string_chars(e) * ESCAPED_BYTES_PER_CHAR, 1
                vb, vt = 2 + n * (eb + 1), 1 + n * et
            elif t['type'] == 'string':
                vb, vt = 2 + self.string_chars(t) * ESCAPED_BYTES_PER_CHAR, 1
            elif t['type'] == 'timestamp':
                vb, vt = TIMESTAMP_MAX_BYTES, 1
            else:
                vb, vt = NUMBER_MAX_BYTES, 1
            nbytes += kb + vb
            ntok += kt + vt
        return nbytes, ntok

    # ---- request params ----------------------------------------------------------------
    def collect_param_struct(self, m, name):
        if name in self.param_structs:
            return
        s = m['shapes'][name]
        for mem in s['members'].values():
            t = m['shapes'][mem['shape']]
            if t['type'] == 'list' and m['shapes'][t['member']['shape']]['type'] == 'structure':
                self.collect_param_struct(m, t['member']['shape'])
        self.param_structs[name] = (m, s)
        self.order_params.append(name)

    def enum_ref(self, shape_name, shape):
        if 'enum' not in shape:
            return 'NULL'
        cname = 'enum_' + snake(shape_name)
        self.enums[cname] = shape['enum']
        return cname

    def param_entries(self, m, struct_name, sname, pag):
        """C initialisers for the params of a request structure."""
        s = m['shapes'][sname]
        out = []
        for key, mem in s['members'].items():
            t = m['shapes'][mem['shape']]
            field = snake(key)
            flags = []
            if key in s.get('required', []):
                flags.append('TAWS_PF_REQUIRED')
            if pag and key == pag.get('limit_key'):
                flags.append('TAWS_PF_LIMIT')
            if pag and key == pag.get('input_token'):
                flags.append('TAWS_PF_TOKEN')
            lo, hi = t.get('min'), t.get('max')
            if lo is not None:
                flags.append('TAWS_PF_HAS_MIN')
            if hi is not None:
                flags.append('TAWS_PF_HAS_MAX')
            mlo = mhi = None
            elem, esize, count_off = 'NULL', '0', '0'
            if t['type'] == 'string':
                ptype = 'TAWS_P_STRING'
            elif t['type'] in ('integer', 'long'):
                ptype = 'TAWS_P_INTEGER'
            elif t['type'] == 'timestamp':
                ptype = 'TAWS_P_TIMESTAMP'
            elif t['type'] == 'list':
                e = m['shapes'][t['member']['shape']]
                count_off = 'offsetof(%s, n_%s)' % (struct_name, field)
                if e['type'] == 'structure':
                    ptype = 'TAWS_P_STRUCT_LIST'
                    elem = '&pshape_' + snake(t['member']['shape'])
                    esize = 'sizeof(taws_%s_t)' % snake(t['member']['shape'])
                else:
                    ptype = 'TAWS_P_STRING_LIST'
                    mlo, mhi = e.get('min'), e.get('max')
                    if mlo is not None:
                        flags.append('TAWS_PF_MEMBER_HAS_MIN')
                    if mhi is not None:
                        flags.append('TAWS_PF_MEMBER_HAS_MAX')
            else:
                raise SystemExit('unsupported param type %s' % t['type'])
            loc = 'TAWS_LOC_QUERY' if mem.get('location') == 'querystring' else 'TAWS_LOC_BODY'
            for lim in (lo, hi, mlo, mhi):
                if lim is not None and not -2**31 <= lim < 2**31:
                    raise SystemExit('limit %s of %s does not fit 32 bits' % (lim, key))
            out.append('    { %s, %s, TAWS_CLI_NAME(%s), %s, %s, %s, offsetof(%s, %s), %s, %s, %s, %s, %s, %s, %s, %s },' % (
                c_str(key), c_str(mem.get('locationName', key)), c_str(xform_name(key, '-')),
                ptype, loc, ' | '.join(flags) or '0', struct_name, field, count_off,
                lo if lo is not None else 0, hi if hi is not None else 0,
                mlo if mlo is not None else 0, mhi if mhi is not None else 0,
                self.enum_ref(mem['shape'], t), elem, esize))
        return out

    def param_members(self, m, sname, indent='    '):
        s = m['shapes'][sname]
        out = []
        for key, mem in s['members'].items():
            t = m['shapes'][mem['shape']]
            f = snake(key)
            req = ' /* required */' if key in s.get('required', []) else ''
            if t['type'] == 'string':
                out.append('%sconst char *%s;%s' % (indent, f, req))
            elif t['type'] in ('integer', 'long'):
                out.append('%staws_int_t %s;%s' % (indent, f, req))
            elif t['type'] == 'timestamp':
                out.append('%staws_time_t %s;%s' % (indent, f, req))
            elif t['type'] == 'list':
                e = m['shapes'][t['member']['shape']]
                if e['type'] == 'structure':
                    out.append('%sconst taws_%s_t *%s;%s' % (indent, snake(t['member']['shape']), f, req))
                else:
                    out.append('%sconst char *const *%s;%s' % (indent, f, req))
                out.append('%ssize_t n_%s;' % (indent, f))
        return out

    # ---- emission ----------------------------------------------------------------------
    def run(self, h_out, c_out):
        ops = []
        for svc, ver, opname in OPS:
            m, pag_all = self.load(svc, ver)
            op = m['operations'][opname]
            pag = pag_all[opname]
            out_shape = m['shapes'][op['output']['shape']]
            lst = m['shapes'][out_shape['members'][pag['result_key']]['shape']]
            item = lst['member']['shape']
            self.collect_item(m, item)
            self.top_items.add(item)
            in_shape = op['input']['shape']
            for mem in m['shapes'][in_shape]['members'].values():
                t = m['shapes'][mem['shape']]
                if t['type'] == 'list' and m['shapes'][t['member']['shape']]['type'] == 'structure':
                    self.collect_param_struct(m, t['member']['shape'])
            ops.append((svc, m, op, pag, in_shape, item))

        h = ['/* Generated by src/gen_ops.py from ../shared/aws-models. Do not edit. */',
             '#ifndef TINYAWS_OPS_H', '#define TINYAWS_OPS_H', '',
             '#include "tinyaws/types.h"', '',
             '#ifdef __cplusplus', 'extern "C" {', '#endif', '']
        # Response structures, leaves first.
        for name in self.order_items:
            m, s = self.item_structs[name]
            h.append('/* %s */' % name)
            h.append('typedef struct {')
            if name not in self.top_items:  # nested or a list element
                h.append('    uint8_t set; /* present in the item */')
            else:
                h.append('    uint8_t truncated; /* a string was cut to the pager\'s string cap */')
            for key, mem in s['members'].items():
                t = m['shapes'][mem['shape']]
                ctype = {'string': 'taws_str_t', 'timestamp': 'taws_time_t', 'integer': 'taws_int_t',
                         'long': 'taws_int_t', 'list': 'taws_list_t'}.get(t['type'])
                if t['type'] == 'structure':
                    ctype = 'taws_%s_t' % snake(mem['shape'])
                note = ''
                if 'enum' in t:
                    note = ' /* %s */' % ' | '.join(t['enum'])
                elif t['type'] == 'list':
                    e = m['shapes'][t['member']['shape']]
                    note = ' /* of %s */' % ('taws_%s_t' % snake(t['member']['shape'])
                                            if e['type'] == 'structure' else 'strings')
                h.append('    %s %s;%s' % (ctype, snake(key), note))
            h.append('} taws_%s_t;' % snake(name))
            h.append('')
        # Request list-element structures.
        for name in self.order_params:
            m, s = self.param_structs[name]
            h.append('/* %s (request) */' % name)
            h.append('typedef struct {')
            h.extend(self.param_members(m, name))
            h.append('} taws_%s_t;' % snake(name))
            h.append('')
        # Params structs, bounds, op descriptors and typed wrappers.
        max_bytes = max_tokens = 0
        for svc, m, op, pag, in_shape, item in ops:
            base = snake(op['name'])
            h.append('/* %s %s (%s) */' % (svc, xform_name(op['name'], '-'), op['name']))
            h.append('typedef struct {')
            h.extend(self.param_members(m, in_shape))
            h.append('} taws_%s_params_t;' % base)
            nb, nt = self.bound(m, item)
            max_bytes, max_tokens = max(max_bytes, nb), max(max_tokens, nt)
            h.append('#define TAWS_%s_ITEM_MAX_BYTES %du' % (base.upper(), nb))
            h.append('#define TAWS_%s_ITEM_MAX_TOKENS %du' % (base.upper(), nt))
            h.append('extern const taws_op_t taws_op_%s;' % base)
            h.append('')
        h.append('/* The largest item any operation allows, and its token count. */')
        h.append('#define TAWS_ITEM_MAX_BYTES %du' % max_bytes)
        h.append('#define TAWS_ITEM_MAX_TOKENS %du' % max_tokens)
        h.append('')
        h.extend(['#ifdef __cplusplus', '}', '#endif', ''])
        h.append('#endif /* TINYAWS_OPS_H */')

        c = ['/* Generated by src/gen_ops.py from ../shared/aws-models. Do not edit. */',
             '#include <stddef.h>', '#include <string.h>', '#include "shape.h"',
             '#include "tinyaws/ops.h"', '']
        # Item shapes (leaves first, so references resolve).
        for name in self.order_items:
            m, s = self.item_structs[name]
            sn = snake(name)
            c.append('static const taws_field_t fields_%s[] = {' % sn)
            for key, mem in s['members'].items():
                t = m['shapes'][mem['shape']]
                ty = {'string': 'TAWS_T_STRING', 'timestamp': 'TAWS_T_TIMESTAMP',
                      'integer': 'TAWS_T_INTEGER', 'long': 'TAWS_T_LONG',
                      'structure': 'TAWS_T_STRUCT', 'list': 'TAWS_T_LIST'}[t['type']]
                elem_type, sub = '0', 'NULL'
                if t['type'] == 'structure':
                    sub = '&shape_' + snake(mem['shape'])
                elif t['type'] == 'list':
                    e = m['shapes'][t['member']['shape']]
                    if e['type'] == 'structure':
                        elem_type, sub = 'TAWS_T_STRUCT', '&shape_' + snake(t['member']['shape'])
                    else:
                        elem_type = 'TAWS_T_STRING'
                c.append('    { %s, %d, %s, %s, offsetof(taws_%s_t, %s), %s },' % (
                    c_str(key), len(key), ty, elem_type, sn, snake(key), sub))
            c.append('};')
            c.append('static const taws_shape_t shape_%s = { fields_%s, %d, sizeof(taws_%s_t), %d };' % (
                sn, sn, len(s['members']), sn, 1 if s.get('union') else 0))
            c.append('')
        # Request shapes: element structs first, then each operation's input.
        param_lines = []
        for name in self.order_params:
            m, s = self.param_structs[name]
            sn = snake(name)
            param_lines.append('static const taws_param_t params_%s[] = {' % sn)
            param_lines.extend(self.param_entries(m, 'taws_%s_t' % sn, name, None))
            param_lines.append('};')
            param_lines.append('static const taws_pshape_t pshape_%s = { params_%s, %d, sizeof(taws_%s_t) };' % (
                sn, sn, len(s['members']), sn))
        op_lines = []
        for svc, m, op, pag, in_shape, item in ops:
            base = snake(op['name'])
            md = m['metadata']
            proto = 'TAWS_PROTO_AWS_JSON_1_1' if md['protocol'] == 'json' else 'TAWS_PROTO_REST_JSON'
            if md['protocol'] not in ('json', 'rest-json'):
                raise SystemExit('unsupported protocol %s' % md['protocol'])
            param_lines.append('static const taws_param_t params_%s[] = {' % base)
            param_lines.extend(self.param_entries(m, 'taws_%s_params_t' % base, in_shape, pag))
            param_lines.append('};')
            param_lines.append('static const taws_pshape_t pshape_%s = { params_%s, %d, sizeof(taws_%s_params_t) };' % (
                base, base, len(m['shapes'][in_shape]['members']), base))
            target = content_type = 'NULL'
            if proto == 'TAWS_PROTO_AWS_JSON_1_1':
                target = c_str('%s.%s' % (md['targetPrefix'], op['name']))
                content_type = c_str('application/x-amz-json-%s' % md['jsonVersion'])
            nb, nt = self.bound(m, item)
            op_lines.append('const taws_op_t taws_op_%s = {' % base)
            op_lines.append('    %s, %s, %s,' % (c_str(op['name']), c_str(svc), c_str(xform_name(op['name'], '-'))))
            op_lines.append('    %s, %s, %s,' % (c_str(md['endpointPrefix']),
                                                c_str(md.get('signingName', md['endpointPrefix'])),
                                                c_str(md['serviceId'].upper().replace(' ', '_'))))
            op_lines.append('    %s, %s, %s, %s, %s,' % (proto, c_str(op['http']['method']),
                                                        c_str(op['http']['requestUri']), target, content_type))
            op_lines.append('    &pshape_%s, %s, %s, %s, %s,' % (base, c_str(pag['result_key']), c_str(pag['input_token']),
                                                                c_str(pag['output_token']), c_str(pag['limit_key'])))
            op_lines.append('    &shape_%s, %du, %du };' % (snake(item), nb, nt))
            op_lines.append('')
        for cname, values in sorted(self.enums.items()):
            c.append('static const char *const %s[] = { %s, NULL };' % (
                cname, ', '.join(c_str(v) for v in values)))
        c.append('')
        c.extend(param_lines)
        c.append('')
        c.extend(op_lines)
        c.append('const taws_op_t *const taws_ops[] = {')
        for svc, m, op, pag, in_shape, item in ops:
            c.append('    &taws_op_%s,' % snake(op['name']))
        c.append('    NULL,')
        c.append('};')
        c.append('')
        c.append('const taws_op_t *taws_op_find(const char *cli_service, const char *cli_name)')
        c.append('{')
        c.append('    size_t i;')
        c.append('    for (i = 0; taws_ops[i] != NULL; i++)')
        c.append('        if (strcmp(taws_ops[i]->cli_service, cli_service) == 0 &&')
        c.append('            strcmp(taws_ops[i]->cli_name, cli_name) == 0)')
        c.append('            return taws_ops[i];')
        c.append('    return NULL;')
        c.append('}')
        with open(h_out, 'w') as f:
            f.write('\n'.join(h) + '\n')
        with open(c_out, 'w') as f:
            f.write('\n'.join(c) + '\n')


if __name__ == '__main__':
    Gen(sys.argv[1]).run(sys.argv[2], sys.argv[3])
