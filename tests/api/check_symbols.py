#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""What libtinyaws.a's objects export, against what the public headers declare.

    tests/api/check_symbols.py <libtinyaws.a> <include dir>

Checks, each an "ok"/"not ok" line, then "N passed, M failed":
  - every global symbol the objects define carries the prefix taws_ (the one exception is
    mbedtls_psa_external_get_random, a name mbedTLS chooses and calls);
  - no object defines or references a jsmn_* symbol (jsmn is compiled static, src/jsmn.c);
  - the symbols of default visibility are exactly the public API: the TAWS_API declarations
    and the generated tables (ops.h) of include/tinyaws/; everything else is hidden
    (-fvisibility=hidden), so a shared object built from these objects exports nothing more;
  - every public declaration is defined by some object.
readelf (binutils) reads the symbol tables.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tap import ok as check, finish  # noqa: E402  (ok - / not ok - / N passed, M failed)

ALLOWED_UNPREFIXED = {
    # MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG: mbedTLS calls this name (src/tls.c implements it).
    'mbedtls_psa_external_get_random',
}

def symbols(archive):
    """(object, name, bind, visibility, defined) for every named symbol (not files, sections)."""
    out = subprocess.run(['readelf', '-sW', archive], check=True, capture_output=True,
                         text=True).stdout
    obj, rows = None, []
    for line in out.splitlines():
        m = re.match(r'^File: .*\((.*)\)$', line)
        if m:
            obj = m.group(1)
            continue
        f = line.split()
        # Num: Value Size Type Bind Vis Ndx Name
        if len(f) >= 8 and f[0].endswith(':') and f[0][:-1].isdigit() and \
                f[3] not in ('FILE', 'SECTION'):
            rows.append((obj, f[7], f[4], f[5], f[6] != 'UND'))
    return rows


# Ports built outside libtinyaws.a (with the platform's lwIP): declared, not in the archive.
OUTSIDE = ('port_lwip.h', 'port_lwip_raw.h')


def public_api(include_dir, outside=False):
    """Names the public headers declare: TAWS_API functions and data, and ops.h's tables (or,
    with outside, those of the ports that are not in the archive)."""
    names = set()
    for fn in sorted(os.listdir(include_dir)):
        if not fn.endswith('.h') or (fn in OUTSIDE) != outside:
            continue
        text = open(os.path.join(include_dir, fn)).read()
        text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
        text = re.sub(r'^\s*#.*?(?<!\\)$', ' ', text, flags=re.M | re.S)
        for decl in re.findall(r'\bTAWS_API\b([^;{]*)[;{]', text):
            m = re.search(r'(\w+)\s*(\(|\[)', decl)
            if m:
                names.add(m.group(1))
        if fn == 'ops.h':
            names.update(re.findall(r'\bextern\s+const\s+taws_op_t\s+(\w+)\s*;', text))
    names.discard('taws_client_init')  # a macro; taws_client_init_checked is the function
    return names


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    archive, include_dir = sys.argv[1], sys.argv[2]
    rows = symbols(archive)
    defined = [(o, n, b, v) for o, n, b, v, d in rows if d and b in ('GLOBAL', 'WEAK')]
    check(len(defined) > 20, 'the archive defines global symbols (%d)' % len(defined))

    bad = sorted({'%s (%s)' % (n, o) for o, n, b, v in defined
                  if not n.startswith('taws_') and n not in ALLOWED_UNPREFIXED})
    check(not bad, 'every exported symbol is prefixed taws_', ', '.join(bad))

    jsmn = sorted({'%s (%s, %s)' % (n, o, 'defined' if d else 'referenced')
                   for o, n, b, v, d in rows if n.startswith('jsmn')})
    check(not jsmn, 'no jsmn_* symbol is defined or referenced by the library', ', '.join(jsmn))

    api = public_api(include_dir)
    check(len(api) > 20, 'the public headers declare an API (%d names)' % len(api))
    default = {n for o, n, b, v in defined if v == 'DEFAULT'}
    hidden = {n for o, n, b, v in defined if v != 'DEFAULT'}
    check(len(public_api(include_dir, outside=True)) >= 3,
          'the lwIP ports declare theirs (built outside the archive)')
    extra = sorted(default - api - ALLOWED_UNPREFIXED)
    check(not extra, 'only the public API has default visibility',
          'exported but not in include/tinyaws: ' + ', '.join(extra))
    leaked = sorted(api & hidden)
    check(not leaked, 'no public name is hidden', ', '.join(leaked))
    missing = sorted(api - default)
    check(not missing, 'every public declaration is defined and exported', ', '.join(missing))
    check('taws_version' in api and 'taws_version' in default,
          'taws_version (tinyaws.h, src/version.c) is declared and exported')
    print('  %d public symbols, %d hidden library symbols' % (len(default), len(hidden)))
    finish()


if __name__ == '__main__':
    main()
