#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Flash, stack and RAM of tinyaws on Cortex-M4, for `make size` (boards/cross/cross.mk).

  size_report.py --build build/cross --core OBJ... [--port OBJ...]
                 --variant NAME=DESCRIPTION... --endpoint PY

Each variant NAME is a Cortex-M4 build under build/cross/NAME (link_check.elf and .map,
obj/boards/cross/ram_sizes.o) with its host programs build/cross/host-NAME/pool_peak and
build/cross/host-i386-NAME/pool_peak; the last variant is the default, reported in detail.

1. text/data/bss of every tinyaws object (arm-none-eabi-size), library core and lwIP port.
2. What the link check (one listing, --gc-sections) keeps of tinyaws, mbedTLS and the C
   library, from the linker map, for every variant.
3. Worst-case stack depth over tinyaws' call graph, from GCC's -fstack-usage and
   -fcallgraph-info=su (.ci VCG files): indirect calls are resolved to the implementations
   the library (and port/lwip) assigns to that member; what cannot be resolved (application
   callbacks) becomes an explicit zero-byte node; calls into mbedTLS, lwIP and the C library
   are leaves whose own stack is not counted. Recursion is reported as strongly connected
   components.
4. RAM of a listing: sizeof on the target (ram_sizes.o), and mbedTLS's pool in real TLS
   listings against tests/endpoint (pool_peak on the host, x86-64 and i386) with an ECDSA
   P-256 and an RSA-2048 chain of three, for every variant.
5. What a resumed handshake saves: instructions (callgrind, the i386 build) and bytes on
   the wire, full vs resumed, for every variant and both chains.

Exit status 1 if a check fails: a dynamic or unbounded stack frame, a cycle that is not an
adapter chain of sinks, an indirect call that cannot be attributed, a failed listing, or a
resumed handshake that is not smaller than a full one.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

SIZE = "arm-none-eabi-size"
NM = "arm-none-eabi-nm"
failures = []


def fail(msg):
    failures.append(msg)
    print(f"**FAILED**: {msg}\n")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def kib(n):
    return f"{n:,} B ({n / 1024:.1f} KiB)"


# ---- 1. per-object sizes ---------------------------------------------------------------
def object_sizes(objs):
    rows = []
    if not objs:
        return rows
    for line in run([SIZE, "-B"] + objs).splitlines()[1:]:
        f = line.split()
        rows.append((os.path.basename(f[5]), int(f[0]), int(f[1]), int(f[2])))
    return rows


def print_object_table(title, rows):
    print(f"| {title} | text | data | bss |")
    print("|---|---:|---:|---:|")
    for name, t, d, b in rows:
        print(f"| `{name}` | {t:,} | {d:,} | {b:,} |")
    tt = sum(r[1] for r in rows)
    td = sum(r[2] for r in rows)
    tb = sum(r[3] for r in rows)
    print(f"| **total** | **{tt:,}** | **{td:,}** | **{tb:,}** |\n")
    return tt, td, tb


# ---- 2. what the link keeps ------------------------------------------------------------
DATA_OUT = {".data", ".init_array", ".fini_array", ".preinit_array", ".persistent", ".tdata"}
BSS_OUT = {".bss", ".noinit", ".tbss", ".heap", ".stack"}
NONALLOC = re.compile(r"^\.(comment|ARM\.attributes|debug|stab|symtab|strtab|shstrtab|gnu\.attributes|riscv\.attributes)")


def map_usage(path):
    """{(archive or object, member): [text, data, bss]} of input sections kept in the image."""
    use = {}
    out = None
    pending = None
    started = False
    with open(path) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not started:
                started = line.startswith("Linker script and memory map")
                continue
            m = re.match(r"^(\.[^\s]+)", line)
            if m:
                out = m.group(1)
                continue
            m = re.match(r"^ (\.[^\s]+|COMMON)\s*$", line)
            if m:
                pending = m.group(1)
                continue
            m = re.match(r"^ (\.[^\s]+|COMMON)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
            if m:
                sec, size, origin = m.group(1), int(m.group(3), 16), m.group(4)
            else:
                m = re.match(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
                if not (m and pending):
                    pending = None
                    continue
                sec, size, origin = pending, int(m.group(2), 16), m.group(3)
            pending = None
            if out is None or NONALLOC.match(out) or size == 0:
                continue
            kind = 1 if out in DATA_OUT else 2 if out in BSS_OUT else 0
            key = origin.strip()
            use.setdefault(key, [0, 0, 0])[kind] += size
    return use


def group_of(origin):
    if "libtinyaws" in origin:
        return "tinyaws"
    for lib in ("libmbedcrypto", "libmbedx509", "libmbedtls"):
        if lib + ".a" in origin:
            return "mbedTLS (" + lib[3:] + ")"
    if "link_check.o" in origin:
        return "application (link_check.c: pool, window, tokens, structs)"
    if "libgcc" in origin or "crt" in os.path.basename(origin.split("(")[0]):
        return "libgcc, crt0"
    return "C library (newlib-nano, nosys)"


# ---- 3. stack depth ----------------------------------------------------------------------
NODE = re.compile(r'^node: \{ title: "([^"]+)" label: "([^"]*)"')
EDGE = re.compile(r'^edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"(?: label: "([^"]+)")?')
# Cycles the code bounds itself, with the most times a function can be on the stack at once
# and why. A cycle through any other function fails the report.
RECURSION_BOUND = {
    # params.c: one level of nesting, guarded by an argument (elem_of == NULL / !nested).
    "validate_shape": (2, "recurses only for a top-level struct list (`elem_of == NULL`), so twice at most"),
    "body_shape": (2, "recurses only when `!nested`, so twice at most"),
    # Sink adapters write into another sink through taws_sink_put: tee_write (sigv4.c, into
    # the hash and the tap) and b64_write (resume_token.c, into the caller's sink). Neither
    # wraps itself, so each is on the stack once and taws_sink_put once per adapter plus once.
    "taws_sink_put": (3, "dispatch of the adapter chain tee_write/b64_write: once per adapter plus once"),
    "tee_write": (1, "wraps the hash and the caller's tap, never another tee"),
    "b64_write": (1, "wraps the caller's sink, never another base64 sink"),
    "taws_base64_encode": (1, "called by b64_write"),
}
CALLEE = re.compile(r"\s*([A-Za-z_]\w*(?:\s*(?:->|\.)\s*[A-Za-z_]\w*|\s*\[[^\]]*\])*)\s*\(")


class Graph:
    def __init__(self):
        self.frame = {}      # title -> bytes (defined functions)
        self.kind = {}       # title -> static / dynamic / dynamic,bounded
        self.loc = {}        # title -> file:line
        self.name = {}       # title -> plain function name
        self.edges = {}      # title -> set of titles
        self.indirect = []   # (caller title, file, line, col)

    def load(self, ci):
        with open(ci) as fh:
            for line in fh:
                m = NODE.match(line)
                if m:
                    title, label = m.group(1), m.group(2).split("\\n")
                    self.name.setdefault(title, label[0])
                    if len(label) >= 3 and "bytes" in label[2]:
                        b = re.match(r"(\d+) bytes \(([^)]*)\)", label[2])
                        self.frame[title] = int(b.group(1))
                        self.kind[title] = b.group(2)
                        self.loc[title] = label[1]
                    continue
                m = EDGE.match(line)
                if m:
                    src, dst, lab = m.groups()
                    if dst == "__indirect_call":
                        f, ln, col = lab.rsplit(":", 2)
                        self.indirect.append((src, f, int(ln), int(col)))
                    else:
                        self.edges.setdefault(src, set()).add(dst)


def callee_member(path, line, col):
    with open(path) as fh:
        text = fh.read().splitlines()
    m = CALLEE.match(text[line - 1][col - 1:])
    if not m:
        return None, text[line - 1].strip()
    expr = re.sub(r"\s+", "", m.group(1))
    return re.split(r"->|\.", expr)[-1], expr


def assignments(sources, member, functions):
    """Functions the given sources assign to `<x>.member` / `<x>->member`."""
    found = set()
    pat = re.compile(r"(?:->|\.)\s*" + re.escape(member) + r"\s*=\s*([^;]+);")
    for src in sources:
        with open(src) as fh:
            body = fh.read()
        for m in pat.finditer(body):
            for ident in re.findall(r"[A-Za-z_]\w*", m.group(1)):
                for title, name in functions.items():
                    if name == ident and (title == ident or title.startswith(src + ":")):
                        found.add(title)
    return found


def sccs(nodes, edges):
    index, low, onstack, stack, out = {}, {}, set(), [], []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        onstack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in onstack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                onstack.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    for v in nodes:
        if v not in index:
            visit(v)
    return out


def stack_analysis(core, port):
    g = Graph()
    objs = core + port
    for o in objs:
        ci = os.path.splitext(o)[0] + ".ci"
        if not os.path.exists(ci):
            fail(f"{ci} missing (compile with -fcallgraph-info=su)")
            return None
        g.load(ci)
    sources = sorted({g.loc[t].rsplit(":", 2)[0] for t in g.frame})
    core_src = [s for s in sources if not s.startswith("port/")]
    port_src = [s for s in sources if s.startswith("port/")]
    functions = {t: g.name[t] for t in g.frame}

    # Indirect calls: member called -> implementations assigned to that member.
    port_members = {"connect", "send", "recv", "close", "now_ms", "wall_time", "random", "sleep_ms"}
    resolved = []   # (caller, site, member, [targets] or extra node)
    for caller, f, ln, col in g.indirect:
        member, expr = callee_member(f, ln, col)
        site = f"{f}:{ln}"
        if member is None:
            fail(f"indirect call at {site} not understood: {expr}")
            continue
        if f.startswith("port/"):
            # port/lwip calls the application's callbacks in taws_lwip_t.
            targets = set()
            extra = f"application callback `taws_lwip_t.{member}`"
        elif member in port_members:
            # The library's only function pointers with these names are taws_port_t's.
            targets = assignments(port_src, member, functions) if port_src else set()
            extra = None if targets else f"port `taws_port_t.{member}` (no port analysed)"
        else:
            targets = assignments(core_src, member, functions)
            extra = None
            if member == "write":
                extra = "application `taws_sink_t.write` (e.g. the resume-token sink)"
            elif member == "on_request":
                extra = "application hook `taws_client_set_request_hook()`"
            elif member == "token_fn":
                extra = "application callback `taws_cred_token_fn` (container authorization token)"
            elif member == "fetch" and not targets:
                extra = "application provider `taws_cred_provider_t.fetch`"
            elif member == "cb" and f == "src/ini.c":
                extra = "application callback of the INI reader (its events)"
        if not targets and not extra:
            fail(f"indirect call {expr}() at {site}: no implementation found")
        node_targets = set(targets)
        if extra:
            g.frame.setdefault(extra, 0)
            g.kind.setdefault(extra, "not counted")
            g.name.setdefault(extra, extra)
            node_targets.add(extra)
        g.edges.setdefault(caller, set()).update(node_targets)
        resolved.append((g.name.get(caller, caller), site, expr, sorted(g.name.get(t, t) for t in targets), extra))

    for t, k in g.kind.items():
        if k not in ("static", "not counted"):
            fail(f"{g.name[t]} ({g.loc.get(t)}) has a {k} stack frame")

    nodes = set(g.frame) | set(g.edges)
    for v in list(g.edges):
        nodes |= g.edges[v]
    comps = sccs(sorted(nodes), g.edges)
    cyc = [c for c in comps if len(c) > 1 or (c[0] in g.edges.get(c[0], ()))]
    comp_of = {v: i for i, c in enumerate(comps) for v in c}

    # Longest path. Outside cycles: plain DP. Inside a cycle a function may appear on one
    # path at most RECURSION_BOUND times (default once). With `goal`, only paths that end
    # in a node of goal count (None if there is none).
    def bound(v):
        return RECURSION_BOUND.get(g.name.get(v, v), (1, ""))[0]

    def longest(goal):
        memo = {}

        def step(w, seen, comp):
            if goal is not None and w in goal:
                return 0, [w]
            if comp is not None and w in comp:
                n = seen.count(w)
                return None if n >= bound(w) else pick(w, seen + (w,), comp)
            return best(w)

        def pick(v, seen, comp):
            d, path = None, None
            for w in sorted(g.edges.get(v, ())):
                r = step(w, seen, comp)
                if r is not None and (d is None or r[0] > d):
                    d, path = r
            if d is None:
                if goal is not None:
                    return None
                d, path = 0, []
            return g.frame.get(v, 0) + d, [v] + path

        def best(v):
            if v not in memo:
                comp = comps[comp_of[v]]
                if len(comp) > 1 or v in g.edges.get(v, ()):
                    memo[v] = pick(v, (v,), set(comp))
                else:
                    memo[v] = pick(v, (), None)
            return memo[v]

        return best

    called = set()
    for v, ws in g.edges.items():
        called |= ws
    defined_public = [t for t in g.frame if t in g.loc and ":" not in t]
    roots = sorted(t for t in defined_public if t not in called)
    return g, resolved, cyc, longest, roots


def frame_str(g, v):
    if v in g.frame and v in g.loc:
        return f"{g.name[v]} {g.frame[v]}"
    if v in g.frame:
        return f"[{g.name[v]}]"
    return f"{g.name.get(v, v)} (external)"


def print_stack(core, port):
    r = stack_analysis(core, port)
    if r is None:
        return None
    g, resolved, cyc, longest, roots = r
    best = longest(None)
    print("Frames from GCC 12 `-fstack-usage` (every tinyaws frame is static: no VLA, no alloca); "
          "calls from `-fcallgraph-info=su`. Calls into mbedTLS, lwIP and the C library are leaves "
          "whose own stack is **not** counted. Tail calls are counted as ordinary calls "
          "(conservative).\n")
    print("Indirect calls and what they were resolved to (from the `member = function` "
          "assignments in the analysed sources):\n")
    print("| caller | call site | call | resolved to |")
    print("|---|---|---|---|")
    for caller, site, expr, targets, extra in resolved:
        t = ", ".join(f"`{x}`" for x in targets)
        if extra:
            t = (t + "; " if t else "") + f"extra node: {extra}, 0 B"
        print(f"| `{caller}` | {site} | `{expr}()` | {t} |")
    print()
    if cyc:
        print("Cycles (strongly connected components) in the resolved graph, and the bound "
              "used for each function in them:\n")
        for c in cyc:
            names = sorted(g.name.get(v, v) for v in c)
            print("- " + ", ".join(f"`{n}`" for n in names))
            for n in names:
                if n in RECURSION_BOUND:
                    b, why = RECURSION_BOUND[n]
                    print(f"  - `{n}` at most {b}× on the stack: {why}")
                else:
                    fail(f"call cycle through {n} (in {', '.join(names)}) with no known bound")
        print()
    else:
        print("No cycles: no recursion, direct or through function pointers.\n")

    want = ["taws_pager_next", "taws_pager_begin", "taws_pager_resume_token", "taws_tls_init",
            "taws_tls_add_ca", "taws_client_init", "taws_client_set_endpoint", "taws_client_close",
            "taws_tls_free", "taws_port_lwip_init"]
    cb = [t for t in g.frame if g.name.get(t) in ("bio_send", "bio_recv", "port_entropy")]
    rows = [t for t in want if t in g.frame] + cb
    worst = max(roots + cb, key=lambda t: best(t)[0])
    print("| entry point | worst-case stack (B) | deepest path (function frame in bytes) |")
    print("|---|---:|---|")
    for t in rows:
        d, path = best(t)
        note = " (called by mbedTLS)" if t in cb else ""
        print(f"| `{g.name[t]}`{note} | {d:,} | " + " → ".join(frame_str(g, v) for v in path) + " |")
    print()
    d, path = best(worst)
    print(f"Worst case over every entry point: **{d:,} B** from `{g.name[worst]}`.\n")
    # tinyaws frames on the stack when mbedTLS is entered (mbedTLS then adds its own, and may
    # call back into bio_send/bio_recv/port_entropy).
    mbed_nodes = sorted({v for ws in g.edges.values() for v in ws
                         if g.name.get(v, v).startswith("mbedtls_")})
    per = []
    for m in mbed_nodes:
        f = longest({m})
        reach = [r for r in (f(t) for t in roots) if r]
        if reach:
            per.append(max(reach, key=lambda x: x[0]) + (m,))
    per.sort(key=lambda x: -x[0])
    into_mbed = {g.name.get(m, m): dd for dd, _, m in per}
    cbd = max((best(t)[0] for t in cb), default=0)
    print("tinyaws frames already on the stack when it calls into mbedTLS (mbedTLS's own frames "
          f"come on top and are not measured here; inside `mbedtls_ssl_*` a BIO or entropy "
          f"callback adds up to {cbd:,} B of tinyaws and port frames):\n")
    print("| mbedTLS function | tinyaws frames below it (B) | path |\n|---|---:|---|")
    shown = set()
    for dd, path, m in per:
        key = m
        if key in shown:
            continue
        shown.add(key)
        if len(shown) > 12:
            break
        print(f"| `{m}` | {dd:,} | " + " → ".join(frame_str(g, v) for v in path[:-1]) + " |")
    print()
    return d, into_mbed, cbd


# ---- 4. RAM ------------------------------------------------------------------------------
def ram_sizes(obj):
    sizes = {}
    for line in run([NM, "-S", obj]).splitlines():
        f = line.split()
        if len(f) == 4:
            sizes[f[3]] = int(f[1], 16)
    return sizes


CHAINS = {"ec": ("p256", "ECDSA P-256 chain of three"), "rsa": ("rsa2048", "RSA-2048 chain of three")}


class Endpoint:
    """tests/endpoint/aws_endpoint.py with a chain of three of one key type; 500 items."""

    def __init__(self, script, key):
        self.state = tempfile.TemporaryDirectory()
        self.proc = subprocess.Popen([sys.executable, script, "--https-port", "0", "--state-dir", self.state.name,
                                      "--cert-key", key, "--cert-intermediate", "--async-invokes", "500"],
                                     stdout=subprocess.PIPE, text=True)
        ready = json.loads(self.proc.stdout.readline())
        self.url = f"https://localhost:{ready['https_port']}"
        self.ca = ready["ca"]

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.state.cleanup()


def pool_peak(prog, ep):
    out = subprocess.run([prog, ep.url, ep.ca], capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        fail(f"{prog}: exit {out.returncode}: {out.stderr.strip()} {out.stdout.strip()}")
        return None
    return json.loads(out.stdout)


def handshake_instructions(prog, ep, kind):
    """Instructions of one full or resumed handshake (callgrind, inclusive of everything
    taws_conn_open() runs: tinyaws, mbedTLS, the C library; the port's system calls count as
    the instructions of their user-space wrappers only)."""
    with tempfile.NamedTemporaryFile(suffix=".cg") as cg:
        out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={cg.name}",
                              "--collect-atstart=no", "--toggle-collect=handshake", prog, ep.url, ep.ca, kind],
                             capture_output=True, text=True, timeout=300)
        if out.returncode != 0:
            fail(f"callgrind {prog} {kind}: exit {out.returncode}: {out.stdout.strip()} {out.stderr.strip()[-300:]}")
            return None
        for line in open(cg.name):
            if (line.startswith("summary:") or line.startswith("totals:")) and int(line.split()[1]) > 0:
                return int(line.split()[1])
    fail(f"callgrind {prog} {kind}: no instructions counted in handshake()")
    return None


def link_figures(build, v):
    use = map_usage(os.path.join(build, v, "link_check.map"))
    groups = {}
    per_obj = {}
    for origin, (t, d, b) in use.items():
        grp = group_of(origin)
        s = groups.setdefault(grp, [0, 0, 0])
        s[0] += t; s[1] += d; s[2] += b
        if grp == "tinyaws":
            m = re.search(r"\(([^)]+)\)", origin)
            po = per_obj.setdefault(m.group(1) if m else origin, [0, 0, 0])
            po[0] += t; po[1] += d; po[2] += b
    elf = [int(x) for x in run([SIZE, "-B", os.path.join(build, v, "link_check.elf")]).splitlines()[1].split()[:3]]
    return groups, per_obj, elf


MBED_GROUPS = ["mbedTLS (mbedtls)", "mbedTLS (mbedx509)", "mbedTLS (mbedcrypto)"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--core", nargs="+", required=True)
    ap.add_argument("--port", nargs="*", default=[])
    ap.add_argument("--variant", action="append", required=True, help="NAME=description")
    ap.add_argument("--endpoint", required=True)
    a = ap.parse_args()
    variants = [tuple(x.split("=", 1)) for x in a.variant]
    default = variants[-1][0]

    gcc = run(["arm-none-eabi-gcc", "--version"]).splitlines()[0]
    m2 = os.path.basename(os.path.realpath(os.path.join(a.build, "src", "mbedtls")))
    m3 = os.path.basename(os.path.realpath(os.path.join(a.build, "src", "mbedtls3")))
    print("## tinyaws on Cortex-M4: flash, stack, RAM\n")
    print(f"Produced by `make size` ({gcc}; `-mcpu=cortex-m4 -mthumb -mfloat-abi=hard "
          f"-mfpu=fpv4-sp-d16 -Os -DNDEBUG -ffunction-sections -fdata-sections`; {m2} and {m3} "
          "from Debian's source packages with `boards/common/tinyaws_mbedtls_config.h`). "
          "Variants: " + "; ".join(f"`{n}`: {d}" for n, d in variants) + f". `{default}` is the default.\n")

    print("### Flash per object (before --gc-sections)\n")
    core = object_sizes(a.core)
    ct, cd, cb = print_object_table("library core (`src/*.c`)", core)
    pt = pd = pb = 0
    if a.port:
        pt, pd, pb = print_object_table("lwIP port (`port/lwip/*.c`)", object_sizes(a.port))
    else:
        print("lwIP port: `port/lwip/*.c` not present, not measured.\n")

    print("### One listing, linked (`boards/cross/link_check.c`, `--gc-sections`, newlib-nano)\n")
    links = {v: link_figures(a.build, v) for v, _ in variants}
    print("| variant | tinyaws text | mbedTLS text | C library, crt | image text / data / bss |")
    print("|---|---:|---:|---:|---:|")
    for v, d in variants:
        groups, _, elf = links[v]
        t = groups.get("tinyaws", [0, 0, 0])[0]
        mt = sum(groups.get(k, [0, 0, 0])[0] for k in MBED_GROUPS)
        rest = sum(x[0] for k, x in groups.items() if k not in MBED_GROUPS + ["tinyaws"] and not k.startswith("application"))
        print(f"| {d} (`{v}`) | {t:,} | {mt:,} | {rest:,} | {elf[0]:,} / {elf[1]:,} / {elf[2]:,} |")
    print()
    groups, per_obj, elf = links[default]
    print(f"`{default}` in detail:\n")
    print("| part | text | data | bss |")
    print("|---|---:|---:|---:|")
    order = ["tinyaws"] + MBED_GROUPS
    for grp in order + sorted(k for k in groups if k not in order):
        if grp in groups:
            t, d, b = groups[grp]
            print(f"| {grp} | {t:,} | {d:,} | {b:,} |")
    tt = sum(v[0] for v in groups.values())
    print(f"| **image** (`{SIZE}`: text {elf[0]:,}, data {elf[1]:,}, bss {elf[2]:,}) "
          f"| {tt:,} | {sum(v[1] for v in groups.values()):,} | {sum(v[2] for v in groups.values()):,} |\n")
    taws_linked = groups.get("tinyaws", [0, 0, 0])
    mbed_linked = [sum(groups.get(k, [0, 0, 0])[i] for k in MBED_GROUPS) for i in range(3)]
    print("<details><summary>tinyaws objects kept by the link</summary>\n")
    print("| object | text | data | bss |\n|---|---:|---:|---:|")
    for o, (t, d, b) in sorted(per_obj.items(), key=lambda x: -x[1][0]):
        print(f"| `{o}` | {t:,} | {d:,} | {b:,} |")
    print("\n</details>\n")

    print("### Stack\n")
    st = print_stack(a.core, a.port)

    print("### RAM for one listing\n")
    sz = {v: ram_sizes(os.path.join(a.build, v, "obj", "boards", "cross", "ram_sizes.o")) for v, _ in variants}
    s0 = sz[default]
    items = {k[len("item_"):]: v for k, v in s0.items() if k.startswith("item_")}
    big_item = max(items, key=items.get)
    rows = [
        ("`taws_pager_t`", s0["ram_taws_pager_t"], f"of which page tokens {s0['ram_page_tokens']:,} B (2 × `TAWS_PAGE_TOKEN_MAX`)"),
        ("`taws_client_t`", s0["ram_taws_client_t"], f"incl. `taws_conn_t` {s0['ram_taws_conn_t']:,} B (TX/RX buffers) and `taws_http_response_t` {s0['ram_taws_http_response_t']:,} B"),
        ("`taws_tls_t`", s0["ram_taws_tls_t"], f"mbedTLS contexts: ssl {s0['ram_mbedtls_ssl_context']:,}, config {s0['ram_mbedtls_ssl_config']:,}, ctr_drbg {s0.get('ram_mbedtls_ctr_drbg_context', 0):,}, saved session {s0.get('ram_mbedtls_ssl_session', 0):,} (+ its server name, `TAWS_HOST_MAX`), x509_crt {s0['ram_mbedtls_x509_crt']:,}; other variants: " + ", ".join(f"{d} {sz[v]['ram_taws_tls_t']:,}" for v, d in variants if v != default)),
        ("window `TAWS_WINDOW_SIZE`", s0["ram_window"], ""),
        ("`TAWS_JSON_MAX_TOKENS * sizeof(taws_json_token_t)`", s0["ram_tokens"], ""),
        (f"largest item struct `{big_item}`", items[big_item], "others: " + ", ".join(f"{v:,}" for k, v in sorted(items.items(), key=lambda x: -x[1]) if k != big_item)),
    ]
    fixed = sum(r[1] for r in rows)
    print("| what | bytes | notes |\n|---|---:|---|")
    for what, n, note in rows:
        print(f"| {what} | {n:,} | {note} |")
    print(f"| **tinyaws, static** | **{fixed:,}** | sizeof on Cortex-M4 (`boards/cross/ram_sizes.c`), `{default}` |\n")

    # mbedTLS's pool and the handshakes, per variant and chain.
    eps = {}
    try:
        for c, (key, _) in CHAINS.items():
            eps[c] = Endpoint(a.endpoint, key)
        pools, cost = {}, {}
        for v, _ in variants:
            for c in CHAINS:
                for arch, prog in (("x86-64", f"host-{v}"), ("i386", f"host-i386-{v}")):
                    pools[(v, c, arch)] = pool_peak(os.path.join(a.build, prog, "pool_peak"), eps[c])
                prog = os.path.join(a.build, f"host-i386-{v}", "pool_peak")
                cost[(v, c)] = (handshake_instructions(prog, eps[c], "full"),
                                handshake_instructions(prog, eps[c], "resumed"))
    finally:
        for e in eps.values():
            e.close()

    print("mbedTLS's static pool, measured on the host with the boards configuration of each "
          "variant (`boards/cross/pool_peak.c`): all 500 async invocations of the local endpoint "
          "listed in pages of 100 on one keep-alive connection, the connection closed, and the "
          "same listing again on a new connection, which resumes the session (the saved "
          "session and the second handshake share the pool). *Smallest pool*: the two listings "
          "complete from a pool of this size and not from 64 B less (allocator headers and "
          "fragmentation included), x86-64 / i386 (32-bit pointers and bignum limbs, as on "
          "Cortex-M4). *Peak*: `mbedtls_memory_buffer_alloc_max_get()`, i386. *At init*: what "
          "`taws_tls_init()` takes (the record buffers; with TLS 1.3 also PSA's state); "
          "*between connections*: what stays allocated while no connection is open (record "
          "buffers, CA, the saved session), i386.\n")
    print("| variant | chain | negotiated | smallest pool, x86-64 / i386 | peak, i386 | at init | CA | between connections |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for v, d in variants:
        for c, (_, cname) in CHAINS.items():
            p64, p32 = pools[(v, c, "x86-64")], pools[(v, c, "i386")]
            if not (p64 and p32):
                print(f"| {d} | {cname} | failed | | | | | |")
                continue
            print(f"| {d} | {cname} | {p32['version']} {p32['ciphersuite']} | **{p64['min_pool']:,} / {p32['min_pool']:,}** "
                  f"| {p32['max_used']:,} | {p32['init_bytes']:,} | {p32['ca_bytes']:,} | {p32['between_connections']:,} |")
            for p_ in (p64, p32):
                if p_.get("leaked_after_free"):
                    fail(f"{v} {c}: {p_['leaked_after_free']} pool bytes still allocated after taws_tls_free()")
    print()
    below = sorted({p["below_min_status"] for p in pools.values() if p})
    print("After `taws_client_close()`, `taws_tls_free()` and `mbedtls_psa_crypto_free()` the pool "
          "is empty again (`mbedtls_memory_buffer_alloc_cur_get()` = 0). From 64 B less than "
          "the smallest pool the listings fail cleanly (" + ", ".join(f"`{b}`" for b in below) +
          "; no crash), and so does every too-small pool the bisection tried. The endpoint makes "
          "new certificates at every start: figures move by a few hundred bytes from run to run. "
          "Leave headroom and measure on the device with `mbedtls_memory_buffer_alloc_max_get()`.\n")

    print("### What a resumed handshake saves\n")
    print("One handshake of each kind (`pool_peak URL CA full|resumed`): instructions counted by "
          "callgrind over `taws_conn_open()` (tinyaws, mbedTLS and the C library; the i386 build "
          "of the boards configuration, the closest the host gets to a 32-bit device: expect a "
          "similar count on Cortex-M4, and more cycles), and the bytes it moves on the wire. TLS "
          "1.2 resumes with a session ticket (RFC 5077; session IDs when the server has no "
          "tickets) and skips the certificate chain, its verification and the ECDHE exchange; "
          "TLS 1.3 resumes with a ticket as a PSK and still runs ECDHE (psk_dhe_ke, forward "
          "secrecy), so it skips the chain and the signature checks only.\n")
    print("| variant | chain | instructions, full → resumed | bytes sent / received, full → resumed |")
    print("|---|---|---:|---:|")
    savings = {}
    for v, d in variants:
        for c, (_, cname) in CHAINS.items():
            (fi, ri), p = cost[(v, c)], pools[(v, c, "i386")]
            if not (fi and ri and p):
                print(f"| {d} | {cname} | failed | |")
                continue
            (fo, fin), (ro, rin) = p["hs_full"], p["hs_resumed"]
            if not (ri < fi and rin < fin):
                fail(f"{v} {c}: a resumed handshake is not smaller ({ri} vs {fi} instructions, {rin} vs {fin} bytes in)")
            savings[(v, c)] = (fi, ri, fo + fin, ro + rin)
            print(f"| {d} | {cname} | {fi / 1e6:.1f} M → {ri / 1e6:.2f} M ({100 * (1 - ri / fi):.1f}% less) "
                  f"| {fo:,} / {fin:,} → {ro:,} / {rin:,} ({100 * (1 - (ro + rin) / (fo + fin)):.0f}% fewer) |")
    print()

    print("### Summary for README (from `make size`)\n")
    print("| Cortex-M4, `-Os -DNDEBUG` | " + " | ".join(d for _, d in variants) + " |")
    print("|---|" + "---:|" * len(variants))

    def row(label, f):
        print(f"| {label} | " + " | ".join(f(v) for v, _ in variants) + " |")

    row("mbedTLS linked, text", lambda v: f"{sum(links[v][0].get(k, [0])[0] for k in MBED_GROUPS):,} B")
    row("tinyaws linked, text", lambda v: f"{links[v][0].get('tinyaws', [0])[0]:,} B")
    row("whole listing image, text", lambda v: f"{links[v][2][0]:,} B")
    row("`taws_tls_t`", lambda v: f"{sz[v]['ram_taws_tls_t']:,} B")
    for c, (_, cname) in CHAINS.items():
        row(f"mbedTLS pool, smallest that works, {cname} (x86-64 / i386)",
            lambda v, c=c: (f"{pools[(v, c, 'x86-64')]['min_pool']:,} / {pools[(v, c, 'i386')]['min_pool']:,} B"
                            if pools[(v, c, 'x86-64')] and pools[(v, c, 'i386')] else "failed"))
    for c, (_, cname) in CHAINS.items():
        row(f"handshake instructions, full → resumed, {cname}",
            lambda v, c=c: f"{savings[(v, c)][0] / 1e6:.1f} M → {savings[(v, c)][1] / 1e6:.2f} M" if (v, c) in savings else "failed")
        row(f"handshake bytes on the wire, full → resumed, {cname}",
            lambda v, c=c: f"{savings[(v, c)][2]:,} → {savings[(v, c)][3]:,}" if (v, c) in savings else "failed")
    print()
    print(f"`{default}`: tinyaws library core {ct:,} B of text before `--gc-sections`"
          + (f", lwIP port {pt:,} B" if a.port else "") + f"; linked for one listing {taws_linked[0]:,} / "
          f"{taws_linked[1]:,} / {taws_linked[2]:,} B (text / data / bss); mbedTLS linked {mbed_linked[0]:,} B; "
          f"RAM: tinyaws structs + window + tokens + item {fixed:,} B.")
    if st:
        below = st[1]
        print(f"Worst-case stack, tinyaws frames (mbedTLS excluded): {st[0]:,} B; tinyaws frames below "
              + ", ".join(f"`{fn}` {below[fn]:,} B" for fn in ("mbedtls_ssl_handshake", "mbedtls_ssl_write", "mbedtls_ssl_read") if fn in below)
              + f"; tinyaws + port frames in a BIO callback {st[2]:,} B.")
    print("\nFor comparison, AWS's embedded pieces (SigV4 library + coreHTTP with llhttp + "
          "coreJSON) are 29,861 B (29.2 KiB) of text at -Os on Cortex-M4 without any operation.\n")
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
