#!/usr/bin/python3
"""Flash, stack and RAM of tinyaws on Cortex-M4, for `make size` (boards/cross/cross.mk).

  size_report.py --build build/cross --core OBJ... [--port OBJ...] --elf link_check.elf
                 --map link_check.map --ram-obj ram_sizes.o --pool-peak PROG --endpoint PY

1. text/data/bss of every tinyaws object (arm-none-eabi-size), library core and lwIP port.
2. What the link check (one listing, --gc-sections) keeps of tinyaws, mbedTLS and the C
   library, from the linker map.
3. Worst-case stack depth over tinyaws' call graph, from GCC's -fstack-usage and
   -fcallgraph-info=su (.ci VCG files): indirect calls are resolved to the implementations
   the library (and port/lwip) assigns to that member; what cannot be resolved (application
   callbacks) becomes an explicit zero-byte node; calls into mbedTLS, lwIP and the C library
   are leaves whose own stack is not counted. Recursion is reported as strongly connected
   components.
4. RAM of a listing: sizeof on the target (ram_sizes.o), the mbedTLS record buffers, and the
   peak of mbedTLS's pool in a real TLS listing against tests/endpoint (pool_peak, host).

Exit status 1 if a check fails: a dynamic or unbounded stack frame, a cycle that is not an
adapter chain of sinks, an indirect call that cannot be attributed, or a failed listing.
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


def pool_peak(prog, endpoint):
    with tempfile.TemporaryDirectory() as state:
        ep = subprocess.Popen([sys.executable, endpoint, "--https-port", "0", "--http-port", "0",
                               "--state-dir", state], stdout=subprocess.PIPE, text=True)
        try:
            ready = json.loads(ep.stdout.readline())
            url = f"https://localhost:{ready['https_port']}"
            out = subprocess.run([prog, url, ready["ca"]], capture_output=True, text=True,
                                 timeout=600)
            if out.returncode != 0:
                fail(f"pool_peak: exit {out.returncode}: {out.stderr.strip()} {out.stdout.strip()}")
                return None
            return json.loads(out.stdout)
        finally:
            ep.terminate()
            ep.wait(timeout=30)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--core", nargs="+", required=True)
    ap.add_argument("--port", nargs="*", default=[])
    ap.add_argument("--elf", required=True)
    ap.add_argument("--map", required=True)
    ap.add_argument("--ram-obj", required=True)
    ap.add_argument("--pool-peak", nargs="+", required=True,
                    help="pool_peak built for x86-64, then optionally for i386")
    ap.add_argument("--endpoint", required=True)
    a = ap.parse_args()

    gcc = run(["arm-none-eabi-gcc", "--version"]).splitlines()[0]
    mbed = os.path.basename(os.path.realpath(os.path.join(a.build, "src", "mbedtls3")))
    print("## tinyaws on Cortex-M4: flash, stack, RAM\n")
    print(f"Produced by `make size` ({gcc}; `-mcpu=cortex-m4 -mthumb -mfloat-abi=hard "
          f"-mfpu=fpv4-sp-d16 -Os -DNDEBUG -ffunction-sections -fdata-sections`; {mbed} from "
          "Debian's source package with `boards/common/tinyaws_mbedtls_config.h`).\n")

    print("### Flash per object (before --gc-sections)\n")
    core = object_sizes(a.core)
    ct, cd, cb = print_object_table("library core (`src/*.c`)", core)
    pt = pd = pb = 0
    if a.port:
        pt, pd, pb = print_object_table("lwIP port (`port/lwip/*.c`)", object_sizes(a.port))
    else:
        print("lwIP port: `port/lwip/*.c` not present, not measured.\n")

    print("### One listing, linked (`boards/cross/link_check.c`, `--gc-sections`, newlib-nano)\n")
    use = map_usage(a.map)
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
    elf = run([SIZE, "-B", a.elf]).splitlines()[1].split()
    print("| part | text | data | bss |")
    print("|---|---:|---:|---:|")
    order = ["tinyaws", "mbedTLS (mbedtls)", "mbedTLS (mbedx509)", "mbedTLS (mbedcrypto)"]
    for grp in order + sorted(k for k in groups if k not in order):
        if grp in groups:
            t, d, b = groups[grp]
            print(f"| {grp} | {t:,} | {d:,} | {b:,} |")
    tt = sum(v[0] for v in groups.values())
    print(f"| **image** (`{SIZE}`: text {int(elf[0]):,}, data {int(elf[1]):,}, bss {int(elf[2]):,}) "
          f"| {tt:,} | {sum(v[1] for v in groups.values()):,} | {sum(v[2] for v in groups.values()):,} |\n")
    taws_linked = groups.get("tinyaws", [0, 0, 0])
    mbed_linked = [sum(groups.get(k, [0, 0, 0])[i] for k in order[1:]) for i in range(3)]
    print("<details><summary>tinyaws objects kept by the link</summary>\n")
    print("| object | text | data | bss |\n|---|---:|---:|---:|")
    for o, (t, d, b) in sorted(per_obj.items(), key=lambda x: -x[1][0]):
        print(f"| `{o}` | {t:,} | {d:,} | {b:,} |")
    print("\n</details>\n")

    print("### Stack\n")
    st = print_stack(a.core, a.port)

    print("### RAM for one listing\n")
    sz = ram_sizes(a.ram_obj)
    items = {k[len("item_"):]: v for k, v in sz.items() if k.startswith("item_")}
    big_item = max(items, key=items.get)
    peak = pool_peak(a.pool_peak[0], a.endpoint)
    peak32 = pool_peak(a.pool_peak[1], a.endpoint) if len(a.pool_peak) > 1 else None
    rows = [
        ("`taws_pager_t`", sz["ram_taws_pager_t"], f"of which page tokens {sz['ram_page_tokens']:,} B (2 × `TAWS_PAGE_TOKEN_MAX`)"),
        ("`taws_client_t`", sz["ram_taws_client_t"], f"incl. `taws_conn_t` {sz['ram_taws_conn_t']:,} B (TX/RX buffers) and `taws_http_response_t` {sz['ram_taws_http_response_t']:,} B"),
        ("`taws_tls_t`", sz["ram_taws_tls_t"], f"mbedTLS contexts: ssl {sz['ram_mbedtls_ssl_context']:,}, config {sz['ram_mbedtls_ssl_config']:,}, ctr_drbg {sz.get('ram_mbedtls_ctr_drbg_context', 0):,}, session {sz.get('ram_mbedtls_ssl_session', 0):,}, x509_crt {sz['ram_mbedtls_x509_crt']:,}"),
        ("window `TAWS_WINDOW_SIZE`", sz["ram_window"], ""),
        ("`TAWS_JSON_MAX_TOKENS * sizeof(jsmntok_t)`", sz["ram_tokens"], ""),
        (f"largest item struct `{big_item}`", items[big_item], "others: " + ", ".join(f"{v:,}" for k, v in sorted(items.items(), key=lambda x: -x[1]) if k != big_item)),
    ]
    fixed = sum(r[1] for r in rows)
    print("| what | bytes | notes |\n|---|---:|---|")
    for what, n, note in rows:
        print(f"| {what} | {n:,} | {note} |")
    print(f"| **tinyaws, static** | **{fixed:,}** | sizeof on Cortex-M4 (`boards/cross/ram_sizes.c`) |")
    if peak:
        desc = (f"a TLS listing of {peak['items']:,} items (page size 100, one keep-alive "
                f"connection, {peak['ciphersuite']}, P-256 certificates)")
        print(f"| mbedTLS pool, peak in use | {peak['max_used']:,} | "
              f"`mbedtls_memory_buffer_alloc_max_get()` over {desc}, x86-64 host; "
              f"{peak['max_blocks']} blocks at the peak |")
        if peak32:
            print(f"| mbedTLS pool, peak in use, i386 | {peak32['max_used']:,} | the same "
                  "program built `-m32`: 32-bit pointers and bignum limbs, as on Cortex-M4; "
                  f"{peak32['max_blocks']} blocks |")
        print(f"| **mbedTLS pool, smallest that works** | **{peak['min_pool']:,}** | x86-64: "
              "the same listing completes from a pool of this size and not from 64 B less "
              f"(allocator headers and fragmentation included; {peak['runs']} listings)"
              + (f"; i386: **{peak32['min_pool']:,}**" if peak32 else "") + " |")
        total = fixed + peak["min_pool"]
        print(f"| **total for one listing** | **{total:,}** | {kib(total)}: tinyaws static + "
              "the x86-64 pool (an upper bound)"
              + (f"; with the i386 pool {kib(fixed + peak32['min_pool'])}" if peak32 else "")
              + "; plus the stack and lwIP's own memory |")
    print()
    for p_ in (peak, peak32):
        if p_ and p_.get("leaked_after_free"):
            fail(f"{p_['leaked_after_free']} pool bytes still allocated after taws_tls_free()")
    if peak:
        print("After `taws_client_close()` and `taws_tls_free()` the pool is empty again "
              "(`mbedtls_memory_buffer_alloc_cur_get()` = 0). From 64 B less than the "
              "smallest pool the listing fails cleanly with "
              f"`{peak['below_min_status']}` (no crash), and so does every too-small pool "
              "the bisection tried.\n")
        print("The endpoint makes a new CA and server certificate at every start, so the pool "
              "figures move by a few hundred bytes from run to run (DER lengths of keys and "
              "signatures). Its chain is a P-256 CA and server certificate. A real AWS endpoint sends a longer RSA-2048 chain (and may choose "
              "ECDHE-RSA), which costs more pool during the handshake: leave headroom or "
              "measure on the device with `mbedtls_memory_buffer_alloc_max_get()`.\n")

    print("### Summary for README (from `make size`)\n")
    print("| Cortex-M4, `-Os -DNDEBUG` | |\n|---|---:|")
    print(f"| tinyaws library core, text (all objects, before `--gc-sections`) | {ct:,} B |")
    if a.port:
        print(f"| lwIP port, text | {pt:,} B |")
    print(f"| tinyaws linked for one listing, text / data / bss | {taws_linked[0]:,} / {taws_linked[1]:,} / {taws_linked[2]:,} B |")
    print(f"| mbedTLS linked (boards config), text | {mbed_linked[0]:,} B |")
    if st:
        print(f"| worst-case stack, tinyaws frames (mbedTLS excluded) | {st[0]:,} B |")
        below = st[1]
        for fn in ("mbedtls_ssl_handshake", "mbedtls_ssl_write", "mbedtls_ssl_read"):
            if fn in below:
                print(f"| tinyaws frames below `{fn}` (mbedTLS's own on top) | {below[fn]:,} B |")
        print(f"| tinyaws + port frames in a BIO callback (inside mbedTLS) | {st[2]:,} B |")
    print(f"| RAM: tinyaws structs + window + tokens + item | {fixed:,} B |")
    if peak:
        print(f"| RAM: mbedTLS pool, smallest that completes a listing (x86-64"
              + (" / i386" if peak32 else "") + f") | {peak['min_pool']:,}"
              + (f" / {peak32['min_pool']:,}" if peak32 else "") + " B |")
    print("\nFor comparison, AWS's embedded pieces (SigV4 library + coreHTTP with llhttp + "
          "coreJSON) are 29,861 B (29.2 KiB) of text at -Os on Cortex-M4 without any operation.\n")
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
