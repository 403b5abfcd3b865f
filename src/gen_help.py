#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Generates the CLI's help text from the AWS service models, for the operations of
src/operations.json.

    src/gen_help.py <operations.json> <aws-models dir> <help_tables.gen.c out>

Writes src/cli/help_tables.gen.c: plain text, HTML stripped and wrapped at 80 columns here, so
the C side (src/cli/help.c) only prints. The CLI links it; libtinyaws.a does not (a device needs
no help). Committed; `make check-tables` regenerates it into build/ and fails if it differs.
"""
import json
import os
import re
import sys
import textwrap
from html.parser import HTMLParser

from botocore import xform_name  # the AWS CLI's own member-name -> option rule

from gen_ops import load_operations, snake  # the one list of operations; its C names

INCLUDES = ['<stddef.h>', '"help.h"']  # what the generated file includes, in one place

WIDTH = 80
CHUNK_MAX = 4000  # bytes per string literal: C99 compilers need only take 4095

# ---- text from HTML ------------------------------------------------------------------------


class _Blocks(HTMLParser):
    """The model's documentation HTML as blocks (list depth, bullet?, text)."""
    BLOCK = {'p', 'div', 'br', 'note', 'important', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5',
             'h6', 'pre', 'fullname', 'title'}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.buf, self.depth, self.bullet = [], [], 0, False

    def flush(self):
        text = ' '.join(''.join(self.buf).split())
        text = re.sub(r' (?=[.,;:](?: |$))', '', text)  # "<i>Guide</i> ." -> "Guide."
        self.buf = []
        if text:
            self.blocks.append((self.depth, self.bullet, text))
            self.bullet = False

    def handle_starttag(self, tag, attrs):
        if tag in ('ul', 'ol'):
            self.flush()
            self.depth += 1
        elif tag == 'li':
            self.flush()
            self.bullet = True
        elif tag in self.BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ('ul', 'ol'):
            self.flush()
            self.depth = max(0, self.depth - 1)
        elif tag == 'li' or tag in self.BLOCK:
            self.flush()

    def handle_data(self, data):
        self.buf.append(data)


def blocks_of(html):
    p = _Blocks()
    p.feed((html or '').replace('``', ''))  # the AWS CLI's own texts quote with ``...``
    p.close()
    p.flush()
    return p.blocks


def wrap(text, indent, hang=0):
    """Lines of text wrapped at WIDTH, the first at indent, the rest at indent + hang."""
    return textwrap.wrap(text, WIDTH, initial_indent=' ' * indent,
                         subsequent_indent=' ' * (indent + hang),
                         break_long_words=True, break_on_hyphens=False) or ['']


def doc_lines(html, indent):
    """Documentation HTML as wrapped plain text: paragraphs apart, list items tight."""
    out, prev = [], None
    for depth, bullet, text in blocks_of(html):
        if prev is not None and (depth == 0 or prev == 0):
            out.append('')
        ind = indent + 2 * max(0, depth - 1) + (2 if depth and not bullet else 0)
        out.extend(wrap('- ' + text, ind, 2) if bullet else wrap(text, ind))
        prev = depth
    return out


def first_sentence(html):
    b = blocks_of(html)
    if not b:
        return ''
    text = b[0][2]
    end = text.find('. ')
    return text if end < 0 else text[:end + 1]


def hard_wrap(prefix, s, indent):
    """A string that must not gain spaces (a pattern) cut into lines; continuation lines at
    indent + 2."""
    out, first = [], ' ' * indent + prefix
    room = WIDTH - len(first)
    out.append(first + s[:room])
    s = s[room:]
    while s:
        room = WIDTH - indent - 2
        out.append(' ' * (indent + 2) + s[:room])
        s = s[room:]
    return out


# ---- what tinyaws adds: global options, paging, environment -----------------------------

# (option, type, takes a value, description HTML (the AWS CLI's wording where tinyaws does the
# same), choices). The set the CLI accepts; --version keeps its line.
GLOBALS = [
    ('debug', 'boolean', 0, '<p>Turn on debug logging.</p><p>tinyaws prints the wire exchange on '
     'stderr; Authorization and X-Amz-Security-Token are printed as [redacted], the secret key '
     'never.</p>', None),
    ('endpoint-url', 'string', 1, "<p>Override command's default URL with the given URL.</p>", None),
    ('no-verify-ssl', 'boolean', 0, '<p>By default, the AWS CLI uses SSL when communicating with '
     'AWS services. For each SSL connection, the AWS CLI will verify SSL certificates. This option '
     'overrides the default behavior of verifying SSL certificates.</p><p>tinyaws turns '
     'verification off only for that run, with a warning on stderr.</p>', None),
    ('no-paginate', 'boolean', 0, '<p>Disable automatic pagination.</p><p>tinyaws makes one '
     "request and prints the service's page token, if any, under the service's own key after "
     'the list.</p>', None),
    ('output', 'string', 1, '<p>The formatting style for command output.</p><p>json (the default) '
     "is the AWS CLI's document, written as items arrive; jsonl is one item per line, then a "
     'NextToken line when --max-items stopped early; text is the AWS CLI\'s text format. '
     '--output table and --output yaml are not supported yet.</p>', ['json', 'jsonl', 'text']),
    ('region', 'string', 1, '<p>The region to use. Overrides config/env settings.</p>', None),
    ('profile', 'string', 1, '<p>Use a specific profile from your credential file.</p>', None),
    ('version', 'boolean', 0, '<p>Display the version of this tool.</p>', None),
    ('color', 'string', 1, '<p>Turn on/off color output.</p>', ['on', 'off', 'auto']),
    ('no-sign-request', 'boolean', 0, '<p>Do not sign requests. Credentials will not be loaded if '
     'this argument is provided.</p>', None),
    ('ca-bundle', 'string', 1, '<p>The CA certificate bundle to use when verifying SSL '
     'certificates. Overrides config/env settings.</p><p>Without it and AWS_CA_BUNDLE: '
     '/etc/ssl/certs/ca-certificates.crt.</p>', None),
    ('cli-read-timeout', 'int', 1, '<p>The maximum socket read time in seconds. If the value is set '
     'to 0, the socket read will be blocking and not timeout. The default value is 60 '
     'seconds.</p>', None),
    ('cli-connect-timeout', 'int', 1, '<p>The maximum socket connect time in seconds. If the value '
     'is set to 0, the socket connect will be blocking and not timeout. The default value is 60 '
     'seconds.</p><p>tinyaws counts the TLS handshake in it.</p>', None),
    ('cli-binary-format', 'string', 1, '<p>The formatting style to be used for binary blobs. The '
     'default format is base64.</p><p>These operations take no binary parameters; the option is '
     'accepted as the AWS CLI accepts it.</p>', ['base64', 'raw-in-base64-out']),
    ('no-cli-pager', 'boolean', 0, '<p>Disable cli pager for output.</p><p>tinyaws never runs a '
     'pager.</p>', None),
    ('no-cli-auto-prompt', 'boolean', 0, '<p>Disable automatically prompt for CLI input '
     'parameters.</p><p>tinyaws never prompts.</p>', None),
]

# Per operation, after its own options, as the AWS CLI orders them: (option, type, arity (0 flag,
# 1 value, 2 optional value), description HTML, choices).
PAGINATION_LINK = ('<p>For usage examples, see Pagination in the <i>AWS Command Line Interface '
                   'User Guide</i>.</p>')
OP_COMMON = [
    ('cli-input-json', 'string', 1, '<p>Reads arguments from the JSON string provided. The JSON '
     'string follows the format provided by --generate-cli-skeleton. If other arguments are '
     'provided on the command line, those values will override the JSON-provided values. It is '
     'not possible to pass arbitrary binary values using a JSON-provided value as the string will '
     'be taken literally.</p><p>The value is the JSON itself or file://path.</p>', None),
    ('starting-token', 'string', 1, '<p>A token to specify where to start paginating. This is the '
     '<code>NextToken</code> from a previously truncated response.</p>' + PAGINATION_LINK +
     '<p>Tokens are botocore\'s: a token from the AWS CLI or boto3 resumes in tinyaws and the '
     'other way round.</p>', None),
    ('page-size', 'integer', 1, "<p>The size of each page to get in the AWS service call. This "
     "does not affect the number of items returned in the command's output. Setting a smaller "
     "page size results in more calls to the AWS service, retrieving fewer items in each call. "
     "This can help prevent the AWS service calls from timing out.</p>" + PAGINATION_LINK, None),
    ('max-items', 'integer', 1, "<p>The total number of items to return in the command's output. "
     "If the total number of items available is more than the value specified, a "
     "<code>NextToken</code> is provided in the command's output. To resume pagination, provide "
     "the <code>NextToken</code> value in the <code>starting-token</code> argument of a "
     "subsequent command. <b>Do not</b> use the <code>NextToken</code> response element directly "
     "outside of the AWS CLI.</p>" + PAGINATION_LINK, None),
    ('generate-cli-skeleton', 'string', 2, '<p>Prints a JSON skeleton to standard output without '
     'sending an API request. If provided with no value or the value input, prints a sample '
     'input JSON that can be used as an argument for --cli-input-json. If provided with the value '
     'output, it validates the command inputs and returns a sample output JSON for that '
     'command.</p>', ['input', 'output']),
]

ENVIRONMENT = [  # (variable, what tinyaws reads it for); <SERVICE> names follow from the models
    ('AWS_ACCESS_KEY_ID', 'The access key id.'),
    ('AWS_SECRET_ACCESS_KEY', 'The secret access key.'),
    ('AWS_SESSION_TOKEN', 'The session token of temporary credentials.'),
    ('AWS_PROFILE', 'The profile, when --profile is not given (then AWS_DEFAULT_PROFILE).'),
    ('AWS_CONFIG_FILE', 'The config file (default ~/.aws/config).'),
    ('AWS_SHARED_CREDENTIALS_FILE', 'The credentials file (default ~/.aws/credentials).'),
    ('AWS_CONTAINER_CREDENTIALS_FULL_URI', 'Container credentials (ECS, Greengrass) from this URL; or '
     'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or '
     'AWS_CONTAINER_AUTHORIZATION_TOKEN.'),
    ('AWS_EC2_METADATA_SERVICE_ENDPOINT', 'Instance metadata (IMDSv2) endpoint; AWS_EC2_METADATA_DISABLED=true '
     'turns it off.'),
    ('TINYAWS_IOT_CREDENTIALS_ENDPOINT', 'With TINYAWS_IOT_ROLE_ALIAS, TINYAWS_IOT_THING_NAME, '
     'TINYAWS_IOT_CERT_FILE and TINYAWS_IOT_KEY_FILE: credentials from the AWS IoT credentials '
     'provider (mutual TLS).'),
    ('AWS_REGION', 'The region, when --region is not given.'),
    ('AWS_DEFAULT_REGION', 'The region, when neither --region nor AWS_REGION is given (then the '
     "profile's region)."),
    ('AWS_ENDPOINT_URL_<SERVICE>', 'The endpoint of one service, when --endpoint-url is not '
     'given (<SERVICE>: %s).'),
    ('AWS_ENDPOINT_URL', 'The endpoint, when neither --endpoint-url nor '
     'AWS_ENDPOINT_URL_<SERVICE> is given.'),
    ('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'true: the two above are ignored.'),
    ('AWS_CA_BUNDLE', 'The CA bundle, when --ca-bundle is not given.'),
    ('AWS_MAX_ATTEMPTS', 'Attempts per request, the first included (default 3).'),
    ('AWS_USE_FIPS_ENDPOINT', 'true: the FIPS endpoint (--endpoint-url still wins).'),
    ('AWS_USE_DUALSTACK_ENDPOINT', 'true: the dual-stack endpoint (--endpoint-url still wins).'),
    ('TINYAWS_WINDOW_BYTES', 'The item window in bytes, as a device would configure it.'),
    ('TINYAWS_STRING_CAP', 'Strings longer than this many bytes are cut while framing.'),
    ('TINYAWS_CALL_TIMEOUT', 'Seconds the wait for each item may take, retries and back-off '
     'included (0: no limit; default 120).'),
]

NOT_SUPPORTED = ('--output table, --output yaml and --query are not supported yet; neither '
                 'are --cli-auto-prompt, --cli-input-yaml, and in profiles SSO, assume-role, '
                 'web identity and credential_process.')

EXIT_STATUS = [('0', 'success'), ('252', 'bad command line or parameter'),
               ('253', 'no credentials or region'),
               ('254', 'the service answered with an error'),
               ('255', 'anything else (network, TLS, a malformed response, a failed write)')]


def option_block(name, typ, html, choices, indent=2):
    out = ['%s--%s (%s)' % (' ' * indent, name, typ)]
    out.extend(doc_lines(html, indent + 4))
    if choices:
        out.append('')
        out.extend(wrap('Possible values: ' + ', '.join(choices), indent + 4, 2))
    return out


def synopsis_entry(name, arity, required=False):
    """'[--name <value>]'; arity 0 a flag, 1 a value, 2 an optional value, 'boolean' the pair
    --name | --no-name, as the AWS CLI writes a boolean member."""
    if arity == 'boolean':
        s = '--%s | --no-%s' % (name, name)
    else:
        s = '--%s%s' % (name, {0: '', 1: ' <value>', 2: ' [<value>]'}[arity])
    return s if required else '[%s]' % s


# ---- from the models -----------------------------------------------------------------------

def type_label(m, shape):
    t = m['shapes'][shape]
    if t['type'] == 'list':
        e = m['shapes'][t['member']['shape']]
        return 'list of structures' if e['type'] == 'structure' else 'list of %ss' % e['type']
    return t['type']


def limits(t, unit=''):
    """'1 to 63' (plus unit) and friends, or None."""
    lo, hi = t.get('min'), t.get('max')
    if lo is not None and hi is not None:
        return ('%d' % lo if lo == hi else '%d to %d' % (lo, hi)) + unit
    if lo is not None:
        return 'at least %d%s' % (lo, unit)
    if hi is not None:
        return 'at most %d%s' % (hi, unit)
    return None


def constraint_lines(m, shape, indent):
    t = m['shapes'][shape]
    out = []
    what, unit = {'string': ('Length', ' characters'), 'list': ('Items', ''),
                  'integer': ('Range', ''), 'long': ('Range', '')}.get(t['type'], (None, ''))
    c = limits(t, unit) if what else None
    if c:
        out.extend(wrap('%s: %s' % (what, c), indent))
    if 'pattern' in t:
        lines = hard_wrap('Pattern: ', t['pattern'], indent)
        out.extend(lines)
        if len(lines) > 1:
            out.append(' ' * indent + '(one pattern, cut at 80 columns: join the lines)')
    if 'enum' in t:
        out.extend(wrap('Possible values: ' + ', '.join(t['enum']), indent, 2))
    if t['type'] == 'list':
        e = m['shapes'][t['member']['shape']]
        if e['type'] != 'structure':
            sub = limits(e, ' characters' if e['type'] == 'string' else '')
            if sub:
                out.extend(wrap('Each %s: %s' % (e['type'], sub), indent))
            if 'enum' in e:
                out.extend(wrap('Possible values: ' + ', '.join(e['enum']), indent, 2))
    return out


def shorthand(m, shape):
    """The AWS CLI's shorthand syntax of a structure (scalar and scalar-list members)."""
    parts = []
    for key, mem in m['shapes'][shape]['members'].items():
        t = m['shapes'][mem['shape']]
        if t['type'] == 'list' and m['shapes'][t['member']['shape']]['type'] != 'structure':
            e = m['shapes'][t['member']['shape']]['type']
            parts.append('%s=%s,%s' % (key, e, e))
        elif t['type'] in ('string', 'integer', 'long', 'timestamp', 'boolean'):
            parts.append('%s=%s' % (key, t['type']))
        else:
            raise SystemExit('no shorthand for member %s (%s)' % (key, t['type']))
    return ','.join(parts)


def json_value(m, shape):
    t = m['shapes'][shape]
    if 'enum' in t:
        return '|'.join('"%s"' % v for v in t['enum'])
    return '"string"' if t['type'] == 'string' else t['type']


def json_syntax(m, shape, indent):
    """The AWS CLI's JSON syntax of a list of structures."""
    sp = ' ' * indent
    mems = list(m['shapes'][shape]['members'].items())
    out = [sp + '[', sp + '  {']
    for i, (key, mem) in enumerate(mems):
        t = m['shapes'][mem['shape']]
        if t['type'] == 'list':
            v = '[%s, ...]' % json_value(m, t['member']['shape'])
        else:
            v = json_value(m, mem['shape'])
        out.append('%s    "%s": %s%s' % (sp, key, v, ',' if i + 1 < len(mems) else ''))
    out += [sp + '  }', sp + '  ...', sp + ']']
    return out


def member_block(m, key, mem, required, pag, indent):
    """One model member: option line, documentation, constraints, syntax."""
    t = m['shapes'][mem['shape']]
    top = indent == 2
    name = '--' + xform_name(key, '-') if top else key
    if top and t['type'] == 'boolean':
        name = '%s | --no-%s' % (name, xform_name(key, '-'))
    out = ['%s%s (%s, %s)' % (' ' * indent, name, type_label(m, mem['shape']),
                              'required' if required else 'optional')]
    body = indent + 4
    out.extend(doc_lines(mem.get('documentation'), body))
    if pag and key == pag.get('limit_key'):
        out.append('')
        out.extend(wrap('tinyaws sets it from --page-size while it pages; giving --%s asks for '
                        'one page, as --no-paginate does.' % xform_name(key, '-'), body))
    if pag and key == pag.get('input_token'):
        out.append('')
        out.extend(wrap('Giving --%s asks for one page, as --no-paginate does; --starting-token '
                        'resumes a listing instead.' % xform_name(key, '-'), body))
    if top and t['type'] == 'boolean':
        out.append('')
        out.extend(wrap('--%s sends %s=true, --no-%s sends false; given both, the last one counts. '
                        'They take no value.' % (xform_name(key, '-'), mem.get('locationName', key),
                                                 xform_name(key, '-')), body))
    c = constraint_lines(m, mem['shape'], body)
    if c:
        out.append('')
        out.extend(c)
    if t['type'] == 'list':
        e_name = t['member']['shape']
        e = m['shapes'][e_name]
        if e['type'] == 'structure':
            if not top:
                raise SystemExit('nested list of structures in %s' % key)
            out += ['', '%sEach item (%s):' % (' ' * body, e_name)]
            d = doc_lines(e.get('documentation'), body + 2)
            if d != ['']:
                out.extend(d + [''])
            for k2, m2 in e['members'].items():
                out.extend(member_block(m, k2, m2, k2 in e.get('required', []), None, body + 2))
                out.append('')
            out += ['%sShorthand Syntax:' % (' ' * body), '',
                    '%s%s ...' % (' ' * (body + 2), shorthand(m, e_name)), '',
                    '%sJSON Syntax:' % (' ' * body), '']
            out.extend(json_syntax(m, e_name, body + 2))
        elif top:
            out += ['', '%sSyntax:' % (' ' * body), '',
                    '%s"%s" "%s" ...' % (' ' * (body + 2), e['type'], e['type'])]
    return out


class Help:
    def __init__(self, data_path, models_dir):
        self.ops = [(s, v, o) for s, v, o, _ in load_operations(data_path)]
        self.models_dir = models_dir
        self.models = {}

    def model(self, svc, ver):
        if (svc, ver) not in self.models:
            base = os.path.join(self.models_dir, svc, ver)
            with open(os.path.join(base, 'service-2.json')) as f:
                m = json.load(f)
            with open(os.path.join(base, 'paginators-1.json')) as f:
                pag = json.load(f)['pagination']
            self.models[(svc, ver)] = (m, pag)
        return self.models[(svc, ver)]

    def services(self):
        """{cli service: (model, [(cli op, op name)])}, sorted as the AWS CLI lists them."""
        out = {}
        for svc, ver, opname in self.ops:
            m, _ = self.model(svc, ver)
            out.setdefault(svc, (m, []))[1].append((xform_name(opname, '-'), opname))
        return {s: (m, sorted(ops)) for s, (m, ops) in sorted(out.items())}

    def env_services(self):
        return ', '.join(sorted({self.model(s, v)[0]['metadata']['serviceId'].upper().replace(' ', '_')
                                 for s, v, _ in self.ops}))

    # ---- the texts -------------------------------------------------------------------------
    def top(self):
        out = ['tinyaws - the AWS CLI v2\'s list commands, streamed in bounded memory', '',
               'DESCRIPTION']
        out += doc_lines('<p>tinyaws is a zero-malloc, streaming AWS API client in C for firmware '
                         'and host programs. This is its command line: a drop-in for the AWS CLI '
                         'v2 for the list operations below, with the same command names, options, '
                         'environment variables, output and exit codes. Items are written as they '
                         'arrive; memory does not grow with page size or item count.</p>', 2)
        out += ['', 'SYNOPSIS', '  tinyaws [options] <command> <subcommand> [parameters]', '']
        out += doc_lines('<p>tinyaws help (or --help, -h) prints this text; tinyaws &lt;command&gt; '
                         'help lists a service\'s operations; tinyaws &lt;command&gt; '
                         '&lt;subcommand&gt; help documents an operation\'s options. --help and -h '
                         'work in each place.</p>', 2)
        out += ['', 'AVAILABLE SERVICES AND OPERATIONS']
        for svc, (m, ops) in self.services().items():
            out.append('  %s (%s)' % (svc, m['metadata']['serviceFullName']))
            for cli, opname in ops:
                out.append('    ' + cli)
                out.extend(wrap(first_sentence(m['operations'][opname].get('documentation')), 8))
        return out

    def globals(self):
        out = ['', 'GLOBAL OPTIONS']
        for name, typ, _, html, choices in GLOBALS:
            out += option_block(name, typ, html, choices) + ['']
        out += ['ENVIRONMENT']
        for var, what in ENVIRONMENT:
            out.append('  ' + var)
            out.extend(wrap(what % self.env_services() if '%s' in what else what, 6))
        out += ['', 'NOT SUPPORTED']
        out += wrap(NOT_SUPPORTED, 2)
        out += ['', 'EXIT STATUS']
        for code, what in EXIT_STATUS:
            out.extend(wrap('%-4s %s' % (code, what), 2, 5))
        return out

    def synopsis_globals(self):
        return ['    ' + synopsis_entry(n, a) for n, _, a, _, _ in GLOBALS]

    def op_common(self):
        out = []
        for name, typ, _, html, choices in OP_COMMON:
            out += option_block(name, typ, html, choices) + ['']
        return out[:-1]

    def service(self, svc, m, ops):
        out = [svc, '', 'DESCRIPTION']
        out += doc_lines(m.get('documentation'), 2)
        out += ['', 'AVAILABLE COMMANDS']
        for cli, opname in ops:
            out.append('  ' + cli)
            out.extend(wrap(first_sentence(m['operations'][opname].get('documentation')), 6))
        out += ['']
        out += wrap('tinyaws knows %d of the service\'s %d operations. tinyaws %s <command> help '
                    'documents a command; tinyaws help lists the global options.'
                    % (len(ops), len(m['operations']), svc), 2)
        return out

    def op_head(self, svc, m, pag, opname):
        op = m['operations'][opname]
        cli = xform_name(opname, '-')
        s = m['shapes'][op['input']['shape']]
        out = ['%s %s' % (svc, cli), '', 'NAME']
        out += wrap('%s - the %s operation of %s' % (cli, opname, m['metadata']['serviceFullName']),
                    2, 4)
        out += ['', 'DESCRIPTION']
        out += doc_lines(op.get('documentation'), 2)
        out += ['']
        out += wrap('%s is a paginated operation: tinyaws makes as many requests as it takes to '
                    'list every item of %s, and writes each item as it arrives. --no-paginate '
                    'asks for one page.' % (cli, pag['result_key']), 2)
        out += ['', 'SYNOPSIS', '  tinyaws %s %s' % (svc, cli)]
        for key, mem in s['members'].items():
            arity = 'boolean' if m['shapes'][mem['shape']]['type'] == 'boolean' else 1
            out.append('    ' + synopsis_entry(xform_name(key, '-'), arity, key in s.get('required', [])))
        out += ['    ' + synopsis_entry(n, a) for n, _, a, _, _ in OP_COMMON]
        return out

    def op_options(self, m, pag, opname):
        s = m['shapes'][m['operations'][opname]['input']['shape']]
        out = ['', 'OPTIONS']
        for key, mem in s['members'].items():
            out += member_block(m, key, mem, key in s.get('required', []), pag, 2) + ['']
        return out

    # ---- C ---------------------------------------------------------------------------------
    def run(self, c_out):
        texts = []   # (C name, lines)
        services = []
        ops = []
        texts.append(('text_top', self.top()))
        texts.append(('text_globals', self.globals()))
        texts.append(('text_synopsis_globals', self.synopsis_globals()))
        texts.append(('text_op_common', self.op_common()))
        for svc, (m, sops) in self.services().items():
            name = 'svc_' + svc.replace('-', '_')
            texts.append((name, self.service(svc, m, sops)))
            services.append((svc, name))
        for svc, ver, opname in self.ops:
            m, pag_all = self.model(svc, ver)
            base = snake(opname)
            texts.append(('head_' + base, self.op_head(svc, m, pag_all[opname], opname)))
            texts.append(('opts_' + base, self.op_options(m, pag_all[opname], opname)))
            ops.append(base)
        c = ['/* SPDX-License-Identifier: MIT */',
             '/* Generated by src/gen_help.py from src/operations.json and ../shared/aws-models. '
             'Do not edit. */']
        c += ['#include %s' % i for i in INCLUDES] + ['']
        total = 0
        for name, lines in texts:
            for ln in lines:
                if len(ln) > WIDTH or '\t' in ln or ln != ln.rstrip():
                    raise SystemExit('%s: bad line (%d columns): %r' % (name, len(ln), ln))
            chunks = chunk(lines)
            total += sum(len(ch) for ch in chunks)
            static = '' if name.startswith('text_') else 'static '
            c.append('%sconst char *const help_%s[] = {' % (static, name))
            for ch in chunks:
                parts = ch.split(b'\n')[:-1]
                c.extend('    %s' % c_lit(p + b'\n') for p in parts)
                c[-1] += ','
            c.append('    NULL };')
            c.append('')
        c.append('const help_service_t help_services[] = {')
        c.extend('    { "%s", help_%s },' % s for s in services)
        c.append('    { NULL, NULL } };')
        c.append('')
        c.append('const help_op_t help_ops[] = {')
        c.extend('    { &taws_op_%s, help_head_%s, help_opts_%s },' % (b, b, b) for b in ops)
        c.append('    { NULL, NULL, NULL } };')
        c.append('')
        c.append('/* %d bytes of text */' % total)
        with open(c_out, 'w') as f:
            f.write('\n'.join(c) + '\n')


def chunk(lines):
    """The text as UTF-8 chunks of whole lines, each at most CHUNK_MAX bytes."""
    out, cur = [], b''
    for ln in lines:
        b = ln.encode('utf-8') + b'\n'
        if cur and len(cur) + len(b) > CHUNK_MAX:
            out.append(cur)
            cur = b''
        cur += b
    return out + [cur]


def c_lit(b):
    """A C string literal of bytes b: ASCII as is, the rest as octal escapes (never ??x)."""
    s, prev = ['"'], 0
    for ch in b:
        if ch == 0x5c or ch == 0x22:
            s.append('\\' + chr(ch))
        elif ch == 0x0a:
            s.append('\\n')
        elif ch == 0x3f and prev == 0x3f:
            s.append('\\?')
        elif ch < 0x20 or ch >= 0x7f:
            s.append('\\%03o' % ch)
        else:
            s.append(chr(ch))
        prev = ch
    return ''.join(s) + '"'


if __name__ == '__main__':
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    Help(sys.argv[1], sys.argv[2]).run(sys.argv[3])
