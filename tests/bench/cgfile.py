# SPDX-License-Identifier: MIT
"""Reads callgrind-format files (callgrind's own output and memcheck's --xtree-memory=full
files) into self costs per (object, file, function) and call arcs with their inclusive
costs. Only the standard library; follows the format of valgrind's callgrind docs: name
compression "(id) name", cost lines "<position> <cost>..." with relative positions, and a
cost line after "calls=" that is the call's inclusive cost, not the caller's self cost."""
import collections
import re

_NAME = re.compile(r'\((\d+)\)(?:\s+(.*))?$')


class Profile:
    def __init__(self, path, event=None):
        self.events = []
        self.totals = None
        self.cmd = ''
        self.self_cost = collections.Counter()   # (ob, fl, fn) -> cost
        self.arcs = collections.Counter()        # ((ob, fl, fn), (cob, cfl, cfn)) -> inclusive cost
        self.calls = collections.Counter()       # the same arcs -> number of calls
        names = {}

        def name(kind, v):
            m = _NAME.match(v)
            if not m:
                return v
            key = (kind, m.group(1))
            if m.group(2) is not None:
                names[key] = m.group(2)
            return names.get(key, '?')

        ob = fl = fn = ''
        cob = cfl = cfn = None
        idx = 0
        in_call = False
        ncalls = 0
        positions = 1
        with open(path, errors='replace') as f:
            for line in f:
                line = line.rstrip('\n')
                if not line or line[0] == '#':
                    continue
                c = line[0]
                if c.isdigit() or c in '+-*':
                    parts = line.split()
                    costs = parts[positions:]
                    v = int(costs[idx]) if len(costs) > idx else 0
                    if in_call:
                        callee = (cob if cob is not None else ob, cfl if cfl is not None else fl, cfn)
                        self.arcs[((ob, fl, fn), callee)] += v
                        self.calls[((ob, fl, fn), callee)] += ncalls
                        in_call = False
                        cob = cfl = cfn = None
                    else:
                        self.self_cost[(ob, fl, fn)] += v
                    continue
                key, _, val = line.partition('=')
                if key == 'ob':
                    ob = name('ob', val)
                elif key == 'fl':
                    fl = name('fl', val)
                elif key in ('fi', 'fe'):
                    name('fl', val)     # inlined code: cost stays with the function's file
                elif key == 'fn':
                    fn = name('fn', val)
                elif key == 'cob':
                    cob = name('ob', val)
                elif key in ('cfi', 'cfl'):
                    cfl = name('fl', val)
                elif key == 'cfn':
                    cfn = name('fn', val)
                elif key == 'calls':
                    in_call = True
                    ncalls = int(val.split()[0])
                elif line.startswith('events:'):
                    self.events = line.split()[1:]
                    idx = self.events.index(event) if event else 0
                elif line.startswith('positions:'):
                    positions = len(line.split()[1:])
                elif line.startswith('totals:') or line.startswith('summary:'):
                    self.totals = [int(x) for x in line.split()[1:]]
                elif line.startswith('cmd:'):
                    self.cmd = line[4:].strip()

    def total(self):
        return sum(self.self_cost.values())

    def inclusive(self, fn_name):
        """Self cost of every function called fn_name plus what its calls cost (callers that
        are not recursive: the entry points asked about here)."""
        s = sum(v for k, v in self.self_cost.items() if k[2] == fn_name)
        s += sum(v for (a, b), v in self.arcs.items() if a[2] == fn_name and b[2] != fn_name)
        return s

    def calls_to(self, fn_name):
        """How many times fn_name was called, from anywhere."""
        return sum(v for (a, b), v in self.calls.items() if b[2] == fn_name and a[2] != fn_name)

    def hottest(self, n):
        """The n functions with the largest self cost: (function, object, file, cost)."""
        top = sorted(self.self_cost.items(), key=lambda kv: -kv[1])[:n]
        return [(fn, ob, fl, v) for (ob, fl, fn), v in top]
