#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""tinyaws's help, checked against the models (through botocore, not the generator) and against
Debian's AWS CLI v2 (/usr/bin/aws).

- Every help form (`help`, `--help`, `-h` at the top, after a service, after an operation, with
  global options around) exits 0 with the help on stdout and nothing on stderr; the three
  spellings print the same text.
- Exit codes equal the AWS CLI's for the `help` forms and for look-alikes that are not help.
  Deliberate differences, checked here: `--help`/`-h` print the full help where the AWS CLI
  prints a usage line (both exit 0); a failed write exits 255 where the AWS CLI exits 0.
- Content, for every operation and every input member: its option name, type, required or not,
  enum values, min/max, pattern and the words of its documentation; nested members of lists of
  structures and their shorthand and JSON syntax (as the AWS CLI prints them); the paging and
  global options with the AWS CLI's descriptions; the environment variables; what is not
  supported. Every line at most 80 columns, no HTML tags or entities left.
Usage: test_help.py <tinyaws binary>
"""
import html
import json
import os
import re
import subprocess
import sys
import unittest
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'aws-models'))
os.environ['AWS_DATA_PATH'] = MODELS  # before botocore loads: Debian's does not know bedrock
import botocore.session  # noqa: E402
from botocore import xform_name  # noqa: E402  (the AWS CLI's member -> option rule)

TINYAWS = None
AWS = '/usr/bin/aws'
# What tinyaws lists, by CLI service -> operations: src/operations.json, the list its generators
# read (the help itself is checked against botocore's models, not against the generator).
with open(os.path.join(HERE, '..', '..', 'src', 'operations.json'), encoding='utf-8') as _f:
    OPS = {}
    for _e in json.load(_f)['operations']:
        OPS.setdefault(_e['service'], []).append(_e['operation'])
GLOBALS = ['debug', 'endpoint-url', 'no-verify-ssl', 'no-paginate', 'output', 'color',
           'no-sign-request', 'ca-bundle', 'cli-read-timeout', 'cli-connect-timeout',
           'cli-binary-format', 'no-cli-pager', 'no-cli-auto-prompt', 'region', 'profile', 'version']
PER_OP = ['cli-input-json', 'generate-cli-skeleton', 'starting-token', 'page-size', 'max-items']
ENVIRONMENT = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE',
               'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
               'AWS_EC2_METADATA_SERVICE_ENDPOINT', 'TINYAWS_IOT_CREDENTIALS_ENDPOINT', 'AWS_REGION',
               'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_<SERVICE>',
               'AWS_CA_BUNDLE', 'AWS_MAX_ATTEMPTS', 'AWS_USE_FIPS_ENDPOINT',
               'AWS_USE_DUALSTACK_ENDPOINT', 'TINYAWS_WINDOW_BYTES', 'TINYAWS_STRING_CAP',
               'TINYAWS_CALL_TIMEOUT']
# Sentences of the AWS CLI's option descriptions tinyaws leaves out, and why (by first words).
AWS_LEFT_OUT = {
    'cli-input-json': ['This may not be specified along with'],       # no YAML input
    'generate-cli-skeleton': ['Similarly, if provided yaml-input',    # no YAML input
                              'The generated JSON skeleton is not stable'],  # it is: the AWS CLI's
    'cli-binary-format': ['The base64 format expects', 'The raw-in-base64-out format preserves',
                          'When providing contents from a file', 'When using file://'],  # no blobs
}
# Choices the AWS CLI offers that tinyaws does not (yet), and the ones it adds.
CHOICES = {'output': ['json', 'jsonl', 'text'], 'color': ['on', 'off', 'auto'],
           'cli-binary-format': ['base64', 'raw-in-base64-out']}

SESSION = botocore.session.get_session()
ENV = {k: v for k, v in os.environ.items() if not k.startswith('AWS_')}
ENV.update({'AWS_DATA_PATH': MODELS, 'AWS_CONFIG_FILE': '/nonexistent', 'PAGER': 'cat',
            'MANPAGER': 'cat', 'AWS_SHARED_CREDENTIALS_FILE': '/nonexistent',
            'AWS_EC2_METADATA_DISABLED': 'true'})


def run(prog, args, **kw):
    p = subprocess.run([prog] + list(args), capture_output=True, env=ENV, timeout=120,
                       stdin=subprocess.DEVNULL, **kw)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


AWS_CACHE = {}


def aws_many(forms):
    """The AWS CLI on each form (two at a time: it takes about a second each)."""
    todo = [f for f in forms if tuple(f) not in AWS_CACHE]
    with ThreadPoolExecutor(2) as ex:
        for f, r in zip(todo, ex.map(lambda f: run(AWS, f), todo)):
            AWS_CACHE[tuple(f)] = r
    return [AWS_CACHE[tuple(f)] for f in forms]


def aws_text(form):
    rc, out, err = aws_many([form])[0]
    assert rc == 0, err
    return re.sub('.\x08', '', out)  # man's overstrike bold


def tinyaws_help(form):
    rc, out, err = run(TINYAWS, form)
    assert rc == 0 and err == '', (form, rc, err)
    return out


def op_form(svc, op):
    return [svc, xform_name(op, '-'), 'help']


# ---- text helpers ----------------------------------------------------------------------------

BLOCK_TAGS = r'p|div|br|ul|ol|li|note|important|dd|dt|h\d|pre|fullname|title'


def strip_html(doc):
    """The model's documentation as plain text: block tags are breaks, inline tags vanish."""
    doc = re.sub(r'</?(?:%s)\b[^>]*>' % BLOCK_TAGS, ' ', doc or '')
    return html.unescape(re.sub(r'<[^>]*>', '', doc))


def words(text):
    """Words in order: spacing, punctuation, bullets, line-end hyphenation (man) ignored."""
    text = re.sub(r'-[ \t]*\n\s*', '', text).replace('-', '')
    return re.findall(r'\w+', text)


def has_words(hay, needle):
    h, n = ' %s ' % ' '.join(words(hay)), ' %s ' % ' '.join(words(needle))
    return n in h


def flat(text):
    return re.sub(r'\s+([.,;:])', r'\1', ' '.join(text.split()))


def first_sentence(text):
    t = flat(text)
    end = t.find('. ')
    return t if end < 0 else t[:end + 1]


def block(text, head_re, indent):
    """The entry whose first line is head_re at this indent: up to the next line indented as
    little (the next entry or a heading)."""
    lines = text.split('\n')
    for i, ln in enumerate(lines):
        if re.match(r' {%d}%s' % (indent, head_re), ln):
            out = [ln]
            for nxt in lines[i + 1:]:
                if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent:
                    break
                out.append(nxt)
            return '\n'.join(out).rstrip('\n')
    return None


def section(text, heading):
    m = re.search(r'^%s\n(.*?)(?=^\S|\Z)' % re.escape(heading), text, re.S | re.M)
    return m.group(1) if m else None


def continued(blk, label):
    """A labelled value of an entry ("Pattern: ...", in the entry's own body, not a nested
    member's) with its continuation lines (deeper indent) joined."""
    lines = blk.split('\n')
    body = len(lines[0]) - len(lines[0].lstrip()) + 4
    for i, ln in enumerate(lines):
        if ln.startswith(' ' * body + label):
            parts = [ln[body + len(label):]]
            for nxt in lines[i + 1:]:
                if len(nxt) - len(nxt.lstrip()) > body and nxt.strip():
                    parts.append(nxt.strip())
                else:
                    break
            return parts
    return None


def aws_option(text, name):
    """An option's description in the AWS CLI's man page: (type, description text)."""
    lines = text.split('\n')
    for i, ln in enumerate(lines):
        m = re.match(r'\s+--%s(?:\s+\|\s+--\S+)?\s+\((\w+)\)(.*)$' % re.escape(name), ln)
        if m:
            body = [m.group(2)]
            for nxt in lines[i + 1:]:
                if re.match(r'\s+--[a-z-]+ .*\(\w+\)', nxt) or re.match(r'\S', nxt):
                    break
                if not re.match(r'\s+o \S+$', nxt):  # choices, compared on their own
                    body.append(nxt)
            return m.group(1), '\n'.join(body)
    return None, None


def sentences(text):
    t = flat(re.sub(r'-[ \t]*\n\s*', '', text))
    return [s for s in re.split(r'(?<=\.) (?=[A-Z])', t) if s]


# ---- the forms ------------------------------------------------------------------------------

TOP = [['help'], ['--help'], ['-h'], ['--region', 'us-east-1', 'help'], ['help', '--debug'],
       ['--output', 'json', '--help'], ['nosuch', '--help']]
SERVICE = {s: [[s, 'help'], [s, '--help'], [s, '-h'], ['--region', 'us-east-1', s, 'help'],
               [s, 'help', '--debug']] for s in OPS}
SERVICE['bedrock'] += [['bedrock', 'help', 'list-model-import-jobs'],
                       ['bedrock', 'nosuch', '--help']]


def op_forms(svc, op):
    c = xform_name(op, '-')
    forms = [[svc, c, 'help'], [svc, c, '--help'], [svc, c, '-h'], ['--debug', svc, c, 'help'],
             [svc, c, '--no-paginate', 'help'], [svc, c, '--max-items', '5', '-h'],
             [svc, c, 'help', 'extra']]
    if svc == 'ssm':  # a list option takes every value up to the next option
        forms.append([svc, c, '--filters', 'Key=STATUS,Values=SUCCESS', '--task-id', 'x', 'help'])
    return forms


# The forms run through the AWS CLI too (all at once, before the tests: about a second each).
AWS_HELP = [['help'], ['bedrock', 'help', 'list-model-import-jobs'],
            ['bedrock', 'list-model-import-jobs', '--sort-order', 'Ascending', 'help']]
AWS_HELP += [[s, 'help'] for s in OPS] + [op_form(s, o) for s, ops in OPS.items() for o in ops]
AWS_NOT_HELP = [['nosuch', 'help'], ['bedrock', 'nosuch', 'help'], ['help', 'bedrock'], [],
                # a value, not the help word: both then want a region (253), nothing is sent
                ['bedrock', 'list-model-import-jobs', '--name-contains', 'help'],
                ['bedrock', 'list-model-import-jobs', '--generate-cli-skeleton', 'help'],
                ['ssm', 'describe-maintenance-window-execution-task-invocations',
                 '--filters', 'Key=STATUS,Values=SUCCESS', 'help']]
AWS_DASH_HELP = [(['--help'], ['help']), (['bedrock', '-h'], ['bedrock', 'help']),
                 (['ssm', 'describe-maintenance-window-execution-task-invocations', '--help'],
                  ['ssm', 'describe-maintenance-window-execution-task-invocations', 'help'])]


class Forms(unittest.TestCase):
    def test_every_form_exits_0_with_help_on_stdout_only_and_spellings_agree(self):
        groups = [('top', TOP)] + [(s, f) for s, f in SERVICE.items()]
        groups += [('%s %s' % (s, o), op_forms(s, o)) for s, ops in OPS.items() for o in ops]
        for name, forms in groups:
            outs = set()
            for f in forms:
                with self.subTest(form=f):
                    rc, out, err = run(TINYAWS, f)
                    self.assertEqual((rc, err), (0, ''))
                    self.assertGreater(len(out), 300)
                    outs.add(out)
            self.assertEqual(len(outs), 1, '%s: the forms print different texts' % name)

    def test_exit_codes_as_the_aws_cli_for_help_and_look_alikes(self):
        for f, (rc_a, _, _) in zip(AWS_HELP + AWS_NOT_HELP, aws_many(AWS_HELP + AWS_NOT_HELP)):
            with self.subTest(form=f):
                rc_t, out_t, _ = run(TINYAWS, f)
                self.assertEqual(rc_t, rc_a)
                if f in AWS_NOT_HELP:
                    self.assertNotEqual(rc_t, 0)
                    self.assertEqual(out_t, '')

    def test_dash_dash_help_prints_the_full_help_where_the_aws_cli_prints_a_usage_line(self):
        # A deliberate difference: both exit 0, the AWS CLI with its argument parser's usage.
        for (f, same), (rc_a, out_a, _) in zip(AWS_DASH_HELP, aws_many([p[0] for p in AWS_DASH_HELP])):
            with self.subTest(form=f):
                self.assertEqual(rc_a, 0)
                self.assertTrue(out_a.startswith('usage: aws') and len(out_a) < 400, out_a)
                self.assertEqual(tinyaws_help(f), tinyaws_help(same))

    def test_a_failed_write_exits_255_with_the_reason(self):
        # The AWS CLI exits 0 here (its pager reports the error); a help not written is not a
        # success (issue 9, 1.3).
        for f in (['help'], ['ssm', 'help'], op_form('bedrock', 'ListModelImportJobs')):
            with self.subTest(form=f), open('/dev/full', 'w') as full:
                p = subprocess.run([TINYAWS] + f, stdout=full, stderr=subprocess.PIPE, env=ENV)
                self.assertEqual(p.returncode, 255)
                self.assertEqual(p.stderr.decode(), '\n[Errno 28] No space left on device\n')
        p = subprocess.run([TINYAWS, 'help'], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           env=ENV, preexec_fn=lambda: os.close(1))  # stdout closed
        self.assertEqual(p.returncode, 255)
        self.assertIn('[Errno 9] Bad file descriptor', p.stderr.decode())

    def test_valgrind_clean(self):
        vg = ['valgrind', '-q', '--error-exitcode=99', '--leak-check=full',
              '--errors-for-leak-kinds=definite,indirect']
        for f in (['--help'], ['ssm', '-h'], ['bedrock', 'list-model-copy-jobs', '--sort-order',
                                              'Ascending', '--status-equals', 'Failed', 'help']):
            with self.subTest(form=f):
                p = subprocess.run(vg + [TINYAWS] + f, capture_output=True, env=ENV)
                self.assertEqual((p.returncode, p.stderr.decode()), (0, ''))

    def test_help_is_not_in_the_library(self):
        lib = os.path.join(os.path.dirname(TINYAWS), 'libtinyaws.a')
        syms = subprocess.run(['nm', lib], capture_output=True, check=True).stdout.decode()
        self.assertNotIn('help_', syms)
        self.assertIn('taws_op_find', syms)


class Content(unittest.TestCase):
    maxDiff = 4000

    def every_text(self):
        yield 'top', tinyaws_help(['help'])
        for s, ops in OPS.items():
            yield s, tinyaws_help([s, 'help'])
            for o in ops:
                yield o, tinyaws_help(op_form(s, o))

    def test_lines_fit_80_columns_and_no_html_is_left(self):
        for name, text in self.every_text():
            for n, ln in enumerate(text.split('\n'), 1):
                with self.subTest(text=name, line=n):
                    self.assertLessEqual(len(ln), 80, ln)
                    self.assertNotIn('\t', ln)
                    self.assertEqual(ln, ln.rstrip())
                    self.assertIsNone(re.search(r'</?(?:%s|a|b|i|code|em|strong|span)\b[^>]*>'
                                                % BLOCK_TAGS, ln), ln)
                    self.assertIsNone(re.search(r'&(?:[A-Za-z]+|#\d+|#x[0-9a-fA-F]+);', ln), ln)
                    self.assertNotIn('``', ln)
            self.assertTrue(text.endswith('\n') and not text.endswith('\n\n'))

    def test_every_member_of_every_operation(self):
        for svc, ops in OPS.items():
            model = SESSION.get_service_model(svc)
            for opname in ops:
                text = tinyaws_help(op_form(svc, opname))
                opts = section(text, 'OPTIONS')
                synopsis = section(text, 'SYNOPSIS')
                om = model.operation_model(opname)
                self.assertTrue(has_words(section(text, 'DESCRIPTION'),
                                          strip_html(om.documentation)), opname)
                shape = om.input_shape
                for member, ms in shape.members.items():
                    opt = xform_name(member, '-')
                    with self.subTest(op=opname, option=opt):
                        req = member in shape.required_members
                        # a boolean is the pair --x | --no-x, as the AWS CLI writes it
                        entry = '--%s | --no-%s' % (opt, opt) if ms.type_name == 'boolean' else '--%s <value>' % opt
                        self.assertIn(('    %s' if req else '    [%s]') % entry, synopsis.split('\n'))
                        head = '--%s | --no-%s' % (opt, opt) if ms.type_name == 'boolean' else '--%s' % opt
                        blk = block(opts, r'%s \(' % re.escape(head), 2)
                        self.assertIsNotNone(blk, 'no entry for --%s' % opt)
                        self.check_member(blk, ms, req, opt)

    def check_member(self, blk, ms, required, name):
        head = blk.split('\n')[0]
        t = ms.type_name
        if t == 'list':
            t = 'list of structures' if ms.member.type_name == 'structure' else \
                'list of %ss' % ms.member.type_name
        self.assertEqual(head.split(' (', 1)[1], '%s, %s)' % (t, 'required' if required else 'optional'))
        doc = strip_html(ms.documentation)
        if doc.strip():
            self.assertTrue(has_words(blk, doc), 'documentation of %s' % name)
            self.assertIn(first_sentence(doc), flat(blk))
        enum = getattr(ms, 'enum', None) or []
        if enum:
            got = continued(blk, 'Possible values: ')
            self.assertEqual(' '.join(got).split(', '), list(enum))
        else:
            self.assertNotIn('Possible values', blk)
        lo, hi = ms.metadata.get('min'), ms.metadata.get('max')
        label, unit = {'string': ('Length: ', ' characters'), 'list': ('Items: ', ''),
                       'integer': ('Range: ', ''), 'long': ('Range: ', '')}.get(ms.type_name, (None, ''))
        got = continued(blk, label) if label else None
        if lo is None and hi is None:
            self.assertIsNone(got, 'no limits in the model for %s' % name)
        else:
            self.assertIsNotNone(got, 'the limits of %s' % name)
            expect = {(True, True): '%s to %s' % (lo, hi) if lo != hi else '%s' % lo,
                      (True, False): 'at least %s' % lo, (False, True): 'at most %s' % hi}
            self.assertEqual(' '.join(got), expect[(lo is not None, hi is not None)] + unit)
        pattern = ms.metadata.get('pattern')
        got = continued(blk, 'Pattern: ')
        self.assertEqual(''.join(got) if got else None, pattern)
        if ms.type_name == 'list' and ms.member.type_name == 'structure':
            for sub, ss in ms.member.members.items():
                with self.subTest(member=sub):
                    sb = block(blk, r'%s \(' % sub, 8)
                    self.assertIsNotNone(sb)
                    self.check_member(sb, ss, sub in ms.member.required_members, sub)
        elif ms.type_name == 'list':
            e = ms.member
            each = continued(blk, 'Each %s: ' % e.type_name)
            lo, hi = e.metadata.get('min'), e.metadata.get('max')
            if lo is not None and hi is not None:
                self.assertEqual(each, ['%s to %s%s' % (lo, hi, ' characters' if e.type_name == 'string' else '')])

    def test_boolean_members_as_the_aws_cli_writes_them(self):
        checked = 0
        for svc, ops in OPS.items():
            model = SESSION.get_service_model(svc)
            for op in ops:
                shape = model.operation_model(op).input_shape
                bools = [m for m, ms in shape.members.items() if ms.type_name == 'boolean']
                theirs, ours = (aws_text(op_form(svc, op)) if bools else ''), tinyaws_help(op_form(svc, op))
                for m in bools:
                    opt = xform_name(m, '-')
                    with self.subTest(op=op, option=opt):
                        pair = '[--%s | --no-%s]' % (opt, opt)
                        self.assertIn(pair, [ln.strip() for ln in section(theirs, 'SYNOPSIS').split('\n')])
                        self.assertIn('    ' + pair, section(ours, 'SYNOPSIS').split('\n'))
                        typ, desc = aws_option(theirs, opt)
                        blk = block(section(ours, 'OPTIONS'), r'--%s \| --no-%s \(' % (opt, opt), 2)
                        self.assertEqual(blk.split('\n')[0], '  --%s | --no-%s (%s, optional)' % (opt, opt, typ))
                        self.check_sentences(opt, desc, blk)
                        self.assertIn('--%s sends %s=true, --no-%s sends false' % (opt, m, opt), flat(blk))
                        checked += 1
        self.assertGreater(checked, 0)  # ListCustomModels' isOwned at least

    def test_list_of_structures_syntax_as_the_aws_cli_prints_it(self):
        svc, op = 'ssm', 'DescribeMaintenanceWindowExecutionTaskInvocations'
        ours = block(section(tinyaws_help(op_form(svc, op)), 'OPTIONS'), r'--filters \(', 2)
        theirs = aws_text(op_form(svc, op))
        for title in ('Shorthand Syntax:', 'JSON Syntax:'):
            with self.subTest(syntax=title):
                a = re.search(r'^\s+%s\n\n(.*?)\n\n(?=\s+\S)' % title, theirs, re.M | re.S).group(1)
                b = re.search(r'^\s+%s\n\n(.*?)(?:\n\n|\Z)' % title, ours, re.M | re.S).group(1)
                ind = lambda s: min(len(x) - len(x.lstrip()) for x in s.split('\n') if x.strip())  # noqa: E731
                self.assertEqual([x[ind(b):] for x in b.split('\n')], [x[ind(a):] for x in a.split('\n')])

    def test_paging_and_per_operation_options_with_the_aws_cli_descriptions(self):
        for svc, ops in OPS.items():
            for op in ops:
                theirs = aws_text(op_form(svc, op))
                text = tinyaws_help(op_form(svc, op))
                for opt in PER_OP:
                    with self.subTest(op=op, option=opt):
                        typ, desc = aws_option(theirs, opt)
                        self.assertIsNotNone(typ)
                        blk = block(text, r'--%s \(' % opt, 2)
                        self.assertEqual(blk.split('\n')[0], '  --%s (%s)' % (opt, typ))
                        self.check_sentences(opt, desc, blk)

    def test_global_options_with_the_aws_cli_descriptions_in_top_and_operation_help(self):
        theirs = aws_text(['help'])
        texts = [('top', tinyaws_help(['help'])),
                 ('op', tinyaws_help(op_form('bedrock', 'ListModelImportJobs')))]
        for where, text in texts:
            glob = section(text, 'GLOBAL OPTIONS')
            for opt in GLOBALS:
                with self.subTest(where=where, option=opt):
                    typ, desc = aws_option(theirs, opt)
                    blk = block(glob, r'--%s \(' % opt, 2)
                    self.assertIsNotNone(blk)
                    # --version takes no value in tinyaws nor in the AWS CLI, which calls it a string
                    self.assertEqual(blk.split('\n')[0], '  --%s (%s)' % (opt, 'boolean' if opt == 'version' else typ))
                    self.check_sentences(opt, desc, blk)
                    if opt in CHOICES:
                        self.assertEqual(continued(blk, 'Possible values: '), [', '.join(CHOICES[opt])])
            self.assertEqual(len(re.findall(r'^  --', glob, re.M)), len(GLOBALS))
            if where == 'op':
                synopsis = section(text, 'SYNOPSIS')
                for opt in GLOBALS + PER_OP:
                    self.assertIn('[--%s' % opt, synopsis)

    def check_sentences(self, opt, desc, blk):
        left = AWS_LEFT_OUT.get(opt, [])
        for s in sentences(desc):
            if any(s.startswith(x) for x in left):
                self.assertFalse(has_words(blk, s), s)
            else:
                self.assertTrue(has_words(blk, s), 'AWS CLI sentence missing: %s' % s)

    def test_environment_and_what_is_not_supported(self):
        for where, text in (('top', tinyaws_help(['help'])),
                            ('op', tinyaws_help(op_form('ssm', OPS['ssm'][0])))):
            env = section(text, 'ENVIRONMENT')
            listed = re.findall(r'^  (\S+)$', env, re.M)
            with self.subTest(where=where):
                self.assertEqual(sorted(set(ENVIRONMENT) - set(listed)), [])
                self.assertIn('BEDROCK, BEDROCK_RUNTIME, SSM', flat(env))
                ns = flat(section(text, 'NOT SUPPORTED'))
                for what in ('--output table', '--output yaml', '--query'):
                    self.assertIn(what, ns)
                self.assertIn('not supported yet', ns)

    def test_top_and_service_help_list_services_operations_and_descriptions(self):
        top = tinyaws_help(['help'])
        listing = section(top, 'AVAILABLE SERVICES AND OPERATIONS')
        for svc, ops in OPS.items():
            model = SESSION.get_service_model(svc)
            text = tinyaws_help([svc, 'help'])
            with self.subTest(service=svc):
                self.assertTrue(has_words(section(text, 'DESCRIPTION'), strip_html(model.documentation)))
                cmds = section(text, 'AVAILABLE COMMANDS')
                self.assertEqual(re.findall(r'^  (\S+)$', cmds, re.M),
                                 sorted(xform_name(o, '-') for o in ops))
                self.assertIn('%d of the service\'s %d operations' % (len(ops), len(model.operation_names)),
                              flat(cmds))
                self.assertIn('  %s (%s)' % (svc, model.metadata['serviceFullName']), listing.split('\n'))
                for o in ops:
                    self.assertIn('    ' + xform_name(o, '-'), listing.split('\n'))
                    self.assertIn(first_sentence(strip_html(model.operation_model(o).documentation)),
                                  flat(listing))
        self.assertEqual(len(re.findall(r'^    \S', listing, re.M)), sum(len(o) for o in OPS.values()))


def main():
    global TINYAWS
    TINYAWS = os.path.abspath(sys.argv[1])
    aws_many(AWS_HELP + AWS_NOT_HELP + [p[0] for p in AWS_DASH_HELP])
    loader = unittest.defaultTestLoader
    suite = (loader.loadTestsFromNames(sys.argv[2:], sys.modules[__name__]) if sys.argv[2:]
             else loader.loadTestsFromModule(sys.modules[__name__]))  # e.g. Content
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    # a test fails once, however many of its subtests fail
    failed = len({getattr(t, 'test_case', t).id() for t, _ in result.failures + result.errors})
    print('%d passed, %d failed' % (result.testsRun - failed, failed))
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
