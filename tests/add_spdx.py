#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Adds the licence's SPDX line to every source file that lacks it (the files of
tests/source_files.sh; the check is tests/check_spdx.sh). Run from the repository's top:

    /usr/bin/python3 tests/add_spdx.py        prints the files it changed

The line goes first, or after a shebang (and a Python coding line), in the file's comment
syntax: /* */ for C, headers and linker scripts, // for C++, # for the rest. Generated *.gen.*
files are left to their generators (src/gen_*.py, src/cli/gen_skeletons.py).
"""
import subprocess
import sys

TAG = 'SPDX-License-Identifier: MIT'


def comment(path):
    if path.endswith(('.c', '.h', '.ld')):
        return '/* %s */\n' % TAG
    if path.endswith('.cpp'):
        return '// %s\n' % TAG
    return '# %s\n' % TAG


def main():
    files = subprocess.run(['bash', 'tests/source_files.sh'], check=True, capture_output=True,
                           text=True).stdout.split()
    changed = 0
    for path in files:
        with open(path, encoding='utf-8', newline='') as f:
            lines = f.readlines()
        if any(TAG in line for line in lines[:5]):
            continue
        if '.gen.' in path:
            print('%s: generated, left to its generator' % path, file=sys.stderr)
            continue
        at = 0
        if lines and lines[0].startswith('#!'):
            at = 1
            if len(lines) > 1 and path.endswith('.py') and 'coding' in lines[1]:
                at = 2
        lines.insert(at, comment(path))
        with open(path, 'w', encoding='utf-8', newline='') as f:
            f.writelines(lines)
        print(path)
        changed += 1
    print('%d files changed' % changed, file=sys.stderr)


if __name__ == '__main__':
    main()
