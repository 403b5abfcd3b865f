#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Generates src/endpoint_rules_tables.gen.c from the models' endpoint rule sets and botocore's
partitions.json.

    gen_endpoints.py <aws-models dir> <partitions.json> <out.c>

Every service directory under <aws-models dir> with an endpoint-rule-set-1.json becomes one
rule set, keyed by the service's endpointPrefix (service-2.json metadata). The rule tree is
laid out in depth-first order (each rule knows where its subtree ends), conditions become small
postfix programs, templates and literals go into one string pool; src/endpoint_rules.c walks
them as botocore's EndpointProvider walks the JSON.

Only what the evaluator implements is accepted: the functions isSet, not, booleanEquals,
stringEquals, aws.partition and getAttr (a literal attribute name on a partition), templates
over string values and partition attributes, endpoints without properties or headers, region
regexes built from literals, one alternation of literals, \\w+ and \\d+ that match without
backtracking. Anything else stops the generator with the reason, so a model update that needs
more from src/endpoint_rules.c cannot turn into wrong tables.
"""
import json
import os
import re
import string
import sys

# botocore.endpoint_provider: a string is a template only when this matches.
TEMPLATE_STRING_RE = re.compile(r"\{[a-zA-Z#]+\}")

OPS = ["END", "TRUE", "FALSE", "STR", "REF", "ISSET", "NOT", "BOOLEQ", "STREQ", "PARTITION",
       "GETATTR"]
OP = {name: i for i, name in enumerate(OPS)}
NO_ASSIGN = 0xFF
SLOT = {name: i for i, name in enumerate(
    ["UNSET", "REGION", "ENDPOINT", "FIPS", "DUALSTACK", "TRUE", "FALSE", "VAR", "PREFIX"])}
PREFIX_SLOT = "@endpointPrefix"  # not a name a rule set can use
BUILTINS = {"AWS::Region": ("REGION", "string"), "SDK::Endpoint": ("ENDPOINT", "string"),
            "AWS::UseFIPS": ("FIPS", "boolean"), "AWS::UseDualStack": ("DUALSTACK", "boolean")}
RULE = {"tree": 0, "endpoint": 1, "error": 2}
TPL_REF = 1
PAT_WORDS, PAT_DIGITS, PAT_ALT, PAT_OR, PAT_END_ALT, PAT_EOL = 1, 2, 3, 4, 5, 6
ATTR_TRUE, ATTR_FALSE = 0xFFFF, 0xFFFE
# Types the generator tracks, so that the C evaluator never meets a surprise.
T_BOOL, T_STR, T_PART = "bool", "string", "partition"


class Refused(Exception):
    pass


def refuse(where, why):
    raise Refused("%s: %s (extend src/endpoint_rules.c and this generator)" % (where, why))


class Pool:
    """One string pool for every table: NUL-terminated entries, deduplicated."""

    def __init__(self):
        self.data = bytearray()
        self.index = {}

    def add(self, b):
        if isinstance(b, str):
            b = b.encode("ascii")
        if b not in self.index:
            self.index[b] = len(self.data)
            self.data += b + b"\0"
        return self.index[b]


def printable(where, s):
    if any(not (0x20 <= ord(c) < 0x7F) for c in s):
        refuse(where, "non-printable or non-ASCII text %r" % s)
    return s


# ---- partitions ------------------------------------------------------------------------------

def compile_pattern(rx):
    """A region regex -> the C matcher's program. The matcher never backtracks, so only
    patterns where greedy matching is exact are accepted (checked here)."""
    where = "regionRegex %r" % rx
    s = rx[1:] if rx.startswith("^") else rx  # re.match anchors at the start anyway
    items = []  # ("lit", c) ("cls", "w"/"d") ("alt", [..]) ("eol",)
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            n = s[i + 1:i + 2]
            if n in ("w", "d"):
                if s[i + 2:i + 3] != "+":
                    refuse(where, "\\%s without +" % n)
                items.append(("cls", n))
                i += 3
                continue
            if n and not n.isalnum():
                items.append(("lit", n))
                i += 2
            else:
                refuse(where, "escape \\%s" % n)
        elif c == "(":
            j = s.find(")", i)
            if j < 0 or s[i + 1:i + 2] == "?":
                refuse(where, "group")
            alts = [a.replace("\\-", "-") for a in s[i + 1:j].split("|")]
            for a in alts:
                if not a or not re.fullmatch(r"[A-Za-z0-9-]+", a):
                    refuse(where, "alternative %r is not a literal" % a)
            for a in alts:
                for b in alts:
                    if a != b and b.startswith(a):
                        refuse(where, "alternative %r is a prefix of %r" % (a, b))
            items.append(("alt", alts))
            i = j + 1
        elif c == "$":
            if i != len(s) - 1:
                refuse(where, "$ before the end")
            items.append(("eol",))
            i += 1
        elif re.fullmatch(r"[A-Za-z0-9-]", c):
            items.append(("lit", c))
            i += 1
        else:
            refuse(where, "operator %r" % c)
        if i < len(s) and s[i] in "*+?{":
            refuse(where, "quantifier %r on a literal or group" % s[i])

    def in_class(cls, ch):
        return (ch.isalnum() or ch == "_") if cls == "w" else ch.isdigit()

    for k, it in enumerate(items):
        if it[0] != "cls":
            continue
        nxt = items[k + 1] if k + 1 < len(items) else None
        firsts = [] if nxt is None or nxt[0] == "eol" else \
            [nxt[1]] if nxt[0] == "lit" else [a[0] for a in nxt[1]] if nxt[0] == "alt" else None
        if firsts is None or any(in_class(it[1], ch) for ch in firsts):
            refuse(where, "\\%s+ followed by something it could also match" % it[1])
    out = bytearray()
    for it in items:
        if it[0] == "lit":
            out += it[1].encode()
        elif it[0] == "cls":
            out.append(PAT_WORDS if it[1] == "w" else PAT_DIGITS)
        elif it[0] == "alt":
            out.append(PAT_ALT)
            out += bytes([PAT_OR]).join(a.encode() for a in it[1])
            out.append(PAT_END_ALT)
        else:
            out.append(PAT_EOL)
    return bytes(out)


def pattern_match(prog, s):
    """The C matcher (src/endpoint_rules.c), in Python: checked against re.match below."""
    i = k = 0
    while k < len(prog):
        op = prog[k]
        if op in (PAT_WORDS, PAT_DIGITS):
            j = i
            while j < len(s) and (s[j].isascii() and (s[j].isalnum() or s[j] == "_")
                                  if op == PAT_WORDS else "0" <= s[j] <= "9"):
                j += 1
            if j == i:
                return False
            i, k = j, k + 1
        elif op == PAT_ALT:
            end = prog.index(PAT_END_ALT, k)
            alts = prog[k + 1:end].split(bytes([PAT_OR]))
            hit = [a for a in alts if s.startswith(a.decode(), i)]
            if not hit:
                return False
            i, k = i + len(hit[0]), end + 1
        elif op == PAT_EOL:
            if i != len(s):
                return False
            k += 1
        else:
            if i >= len(s) or s[i] != chr(op):
                return False
            i, k = i + 1, k + 1
    return True


def probes(regions):
    """Strings to check the compiled patterns against Python's re on (ASCII host labels)."""
    out = set(regions)
    for r in list(regions) + ["us-east-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1",
                              "us-isob-east-1", "eu-west-3", "mars-east-1"]:
        out |= {r.upper(), r + "x", r[:-1], r + "-1", "x" + r, r.replace("-", "_"),
                r.replace("-", "--"), r.replace("1", "a"), r + "_"}
    return sorted(out)


def gen_partitions(pdata, pool, used_attrs, known_regions):
    parts = pdata["partitions"]
    outputs = [dict(p["outputs"], name=p["id"]) for p in parts]  # format_partition_output
    attr_names = sorted(used_attrs)
    types = {}
    for a in attr_names:
        for p, o in zip(parts, outputs):
            if a not in o:
                refuse("partition %s" % p["id"], "no attribute %r" % a)
            t = T_BOOL if isinstance(o[a], bool) else T_STR if isinstance(o[a], str) else None
            if t is None or types.setdefault(a, t) != t:
                refuse("partition %s" % p["id"], "attribute %r is %r" % (a, o[a]))
    rows, attrs = [], []
    every = probes(known_regions | {r for p in parts for r in p["regions"]})
    for p, o in zip(parts, outputs):
        prog = compile_pattern(p["regionRegex"])
        for r in every:
            want = re.match(p["regionRegex"], r) is not None
            if pattern_match(prog, r) != want:
                refuse("regionRegex %r" % p["regionRegex"], "compiled matcher disagrees on %r" % r)
        # botocore: region in partition["regions"] or re.match(regionRegex, region); a listed
        # region that the pattern matches anyway needs no entry.
        extra = [printable("region", r) for r in p["regions"]
                 if re.match(p["regionRegex"], r) is None]
        rows.append((pool.add(printable("partition id", p["id"])), pool.add(prog),
                     pool.add(b"".join(r.encode() + b"\0" for r in extra)), p["id"], extra))
        for a in attr_names:
            v = o[a]
            attrs.append(ATTR_TRUE if v is True else ATTR_FALSE if v is False else
                         pool.add(printable("attribute", v)))
    return rows, attrs, attr_names, types


# ---- rule sets -------------------------------------------------------------------------------

class RuleSet:
    def __init__(self, name, prefix, data, pool, attr_index, attr_types):
        self.name, self.prefix, self.pool = name, prefix, pool
        self.attr_index, self.attr_types = attr_index, attr_types
        self.code = bytearray()
        self.rules = []
        self.slots = []       # source per slot
        self.slot_of = {}     # name -> (slot, type)
        self.max_stack = 0
        if data.get("version") != "1.0":
            refuse(name, "rule set version %r" % data.get("version"))
        scope = {}
        for pname, spec in data["parameters"].items():
            builtin = spec.get("builtIn")
            ptype = spec["type"].lower()
            default = spec.get("default")
            if builtin in BUILTINS:
                src, want = BUILTINS[builtin]
                if ptype != want:
                    refuse(name, "parameter %s is %s" % (pname, spec["type"]))
                if default is not None and ptype == "string":
                    refuse(name, "default for %s" % pname)
            elif default is not None:
                if ptype != "boolean":
                    refuse(name, "non-boolean default for %s" % pname)
                src = "TRUE" if default else "FALSE"
            elif spec.get("required"):
                refuse(name, "required parameter %s has no built-in tinyaws sets" % pname)
            else:
                src = "UNSET"
            scope[pname] = self.new_slot(pname, SLOT[src], T_BOOL if ptype == "boolean" else T_STR)
        # The service's own name in a URL ("https://bedrock-fips.{Region}...") is written as a
        # reference to the rule set's endpoint prefix, so that services whose rules differ only
        # in their name share one copy of rules and templates. Rendering gives the same text.
        self.prefix_slot = self.new_slot(PREFIX_SLOT, SLOT["PREFIX"], T_STR)[0]
        for r in transparent(data["rules"]):
            self.rule(r, scope, "rules")

    def new_slot(self, name, src, typ):
        if name in self.slot_of:
            slot, t = self.slot_of[name]
            if t != typ:
                refuse(self.name, "%s assigned values of two types" % name)
            return slot, typ
        if len(self.slots) >= NO_ASSIGN:
            refuse(self.name, "too many slots")
        self.slots.append(src)
        self.slot_of[name] = (len(self.slots) - 1, typ)
        return self.slot_of[name]

    def str_operand(self, s):
        off = self.pool.add(s)
        return [off & 0xFF, off >> 8]

    def expr(self, v, scope, where):
        """Postfix code for a value: (code, type, stack depth)."""
        if isinstance(v, bool):
            return [OP["TRUE" if v else "FALSE"]], T_BOOL, 1
        if isinstance(v, str):
            if TEMPLATE_STRING_RE.search(v):
                refuse(where, "template %r as an argument" % v)
            return [OP["STR"]] + self.str_operand(printable(where, v)), T_STR, 1
        if isinstance(v, dict) and "ref" in v:
            if v["ref"] not in scope:
                refuse(where, "reference to %r outside its scope" % v["ref"])
            slot, typ = scope[v["ref"]]
            return [OP["REF"], slot], typ, 1
        if not (isinstance(v, dict) and "fn" in v):
            refuse(where, "value %r" % (v,))
        fn, argv = v["fn"], v["argv"]
        arity = {"isSet": 1, "not": 1, "booleanEquals": 2, "stringEquals": 2, "aws.partition": 1,
                 "getAttr": 2}
        if fn not in arity:
            refuse(where, "function %s" % fn)
        if len(argv) != arity[fn]:
            refuse(where, "%s with %d arguments" % (fn, len(argv)))
        if fn == "getAttr":
            code, typ, depth = self.expr(argv[0], scope, where)
            path = argv[1]
            if typ != T_PART or not isinstance(path, str) or path not in self.attr_index:
                refuse(where, "getAttr(%r, %r)" % (argv[0], path))
            return code + [OP["GETATTR"], self.attr_index[path]], self.attr_types[path], depth
        code, depth, types = [], 0, []
        for k, a in enumerate(argv):
            c, t, d = self.expr(a, scope, where)
            depth = max(depth, k + d)
            code += c
            types.append(t)
        want = {"isSet": [None], "not": [T_BOOL], "booleanEquals": [T_BOOL, T_BOOL],
                "stringEquals": [T_STR, T_STR], "aws.partition": [T_STR]}[fn]
        for w, t in zip(want, types):
            if w is not None and w != t:
                refuse(where, "%s of a %s" % (fn, t))
        op = {"isSet": "ISSET", "not": "NOT", "booleanEquals": "BOOLEQ",
              "stringEquals": "STREQ", "aws.partition": "PARTITION"}[fn]
        return code + [OP[op]], T_PART if fn == "aws.partition" else T_BOOL, depth

    def template(self, v, scope, where):
        """A URL or error message -> a pool template (literal text and slot references)."""
        if isinstance(v, dict) and "ref" in v:
            v = "{%s}" % v["ref"]
            if not TEMPLATE_STRING_RE.search(v):
                refuse(where, "reference %r" % v)
        if not isinstance(v, str):
            refuse(where, "computed %r" % (v,))
        out = bytearray()
        if not TEMPLATE_STRING_RE.search(v):
            self.literal(out, printable(where, v))
            return self.pool.add(bytes(out))
        for literal, field, spec, conv in string.Formatter().parse(v):
            self.literal(out, printable(where, literal))
            if field is None:
                continue
            if spec or conv:
                refuse(where, "format spec in %r" % v)
            parts = field.split("#")
            if parts[0] not in scope or len(parts) > 2:
                refuse(where, "template field %r" % field)
            slot, typ = scope[parts[0]]
            if len(parts) == 1:
                if typ != T_STR:
                    refuse(where, "template field %r is a %s" % (field, typ))
                out += bytes([TPL_REF, slot + 1, 1])
            else:
                if typ != T_PART or parts[1] not in self.attr_index or \
                        self.attr_types[parts[1]] != T_STR:
                    refuse(where, "template field %r" % field)
                out += bytes([TPL_REF, slot + 1, self.attr_index[parts[1]] + 2])
        return self.pool.add(bytes(out))

    def literal(self, out, text):
        """Template text, the endpoint prefix in it as a reference to the prefix slot."""
        parts = text.split(self.prefix)
        for k, part in enumerate(parts):
            if k:
                out += bytes([TPL_REF, self.prefix_slot + 1, 1])
            out += part.encode()

    def rule(self, r, scope, where):
        index = len(self.rules)
        self.rules.append(None)
        where = "%s %s[%d]" % (self.name, where, index)
        known = {"conditions", "type", "documentation", {"tree": "rules", "endpoint": "endpoint",
                                                         "error": "error"}.get(r.get("type"))}
        if set(r) - known:
            refuse(where, "rule fields %s" % sorted(set(r) - known))
        scope = dict(scope)  # botocore evaluates every rule on a copy of its parent's scope
        cond = len(self.code)
        for c in r.get("conditions", []):
            if not (isinstance(c, dict) and "fn" in c) or set(c) - {"fn", "argv", "assign"}:
                refuse(where, "condition %r" % (c,))
            code, typ, depth = self.expr(c, scope, where)
            self.max_stack = max(self.max_stack, depth)
            assign = NO_ASSIGN
            if "assign" in c:
                if c["assign"] in scope:
                    refuse(where, "assignment to %s, already in scope" % c["assign"])
                slot, _ = self.new_slot(c["assign"], SLOT["VAR"], typ)
                scope[c["assign"]] = (slot, typ)
                assign = slot
            self.code += bytes(code + [OP["END"], assign])
        kind = r["type"]
        text = 0
        if kind == "tree":
            for child in transparent(r["rules"]):
                self.rule(child, scope, "%s.rules" % where.split(" ", 1)[1])
        elif kind == "endpoint":
            ep = r["endpoint"]
            if ep.get("properties") or ep.get("headers"):
                refuse(where, "endpoint properties or headers")
            text = self.template(ep["url"], scope, where)
        elif kind == "error":
            text = self.template(r["error"], scope, where)
        else:
            refuse(where, "rule type %r" % kind)
        if len(self.rules) > 255 or len(self.code) > 0xFFFF or len(r.get("conditions", [])) > 63:
            refuse(where, "rule set too large for the table's fields")
        self.rules[index] = (cond, text, len(r.get("conditions", [])), RULE[kind], len(self.rules))


def transparent(rules):
    """A tree without conditions is transparent: its children, in its scope, then the rules
    after it, are what botocore evaluates either way; so its children take its place."""
    out = []
    for r in rules:
        if r["type"] == "tree" and not r.get("conditions"):
            out += transparent(r["rules"])
        else:
            out.append(r)
    return out


def used_attributes(node, acc):
    """Partition attributes the rule sets read (getAttr literals and template fields)."""
    if isinstance(node, dict):
        if node.get("fn") == "getAttr" and isinstance(node["argv"][1], str):
            acc.add(node["argv"][1])
        for v in node.values():
            used_attributes(v, acc)
    elif isinstance(node, list):
        for v in node:
            used_attributes(v, acc)
    elif isinstance(node, str) and TEMPLATE_STRING_RE.search(node):
        for _, field, _, _ in string.Formatter().parse(node):
            if field and "#" in field:
                acc.add(field.split("#", 1)[1])
    return acc


def c_string(b):
    out = []
    for ch in b:
        c = chr(ch)
        if c in '"\\?':
            out.append("\\" + c)
        elif 0x20 <= ch < 0x7F:
            out.append(c)
        else:
            out.append("\\%03o" % ch)
    return "".join(out)


def c_pool(data):
    """The pool as a C string literal, one entry per line."""
    lines, cur = [], bytearray()
    for ch in data[:-1]:  # the literal's own NUL ends the last entry
        cur.append(ch)
        if ch == 0:
            lines.append(cur)
            cur = bytearray()
    lines.append(cur)
    return "\n".join('    "%s"' % c_string(l) for l in lines)


def main():
    models, partitions_json, out_c = sys.argv[1:4]
    sets = []
    for svc in sorted(os.listdir(models)):
        d = os.path.join(models, svc)
        if not os.path.isdir(d):
            continue
        for ver in sorted(os.listdir(d)):
            f = os.path.join(d, ver, "endpoint-rule-set-1.json")
            if os.path.exists(f):
                with open(os.path.join(d, ver, "service-2.json")) as m:
                    prefix = json.load(m)["metadata"]["endpointPrefix"]
                with open(f) as r:
                    sets.append((svc, prefix, json.load(r)))
    if len({p for _, p, _ in sets}) != len(sets):
        raise SystemExit("two rule sets share an endpoint prefix")
    with open(partitions_json) as f:
        pdata = json.load(f)
    pool = Pool()
    used = set()
    for _, _, data in sets:
        used_attributes(data["rules"], used)
    known = set()
    for p in pdata["partitions"]:
        known |= set(p["regions"])
    parts, attrs, attr_names, attr_types = gen_partitions(pdata, pool, used, known)
    attr_index = {a: i for i, a in enumerate(attr_names)}
    rulesets = [RuleSet(svc, prefix, data, pool, attr_index, attr_types)
                for svc, prefix, data in sets]
    if len(pool.data) >= 0xFFF0:
        raise SystemExit("string pool too large for 16-bit offsets")
    if len(pool.data) > 4095:
        raise SystemExit("string pool longer than C99's 4095-character literal limit")

    o = []
    w = o.append
    w("/* SPDX-License-Identifier: MIT */")
    w("/* Generated by src/gen_endpoints.py from the endpoint-rule-set-1.json of each model in")
    w(" * ../shared/aws-models and from botocore's data/partitions.json (version %s)." %
      pdata.get("version"))
    w(" * Do not edit: `make check-tables` regenerates it and fails when this copy differs. */")
    w('#include "endpoint_rules.h"')
    w("")
    max_stack = max(rs.max_stack for rs in rulesets)
    max_slots = max(len(rs.slots) for rs in rulesets)
    w("/* The evaluator's fixed scratch (config.h) must hold what these tables need. */")
    w("typedef char taws_rules_stack_fits[TAWS_RULES_STACK >= %d ? 1 : -1];" % max_stack)
    w("typedef char taws_rules_slots_fit[TAWS_RULES_SLOTS >= %d ? 1 : -1];" % max_slots)
    w("")
    w("/* Strings: partition data, literals, templates (\"\\001\" slot+1 attr+2|1), patterns. */")
    w("const char taws_rules_pool[%d] =\n%s;" % (len(pool.data), c_pool(pool.data)))
    w("")
    w("/* Partition attributes, per partition: %s. */" % ", ".join(attr_names))
    w("static const uint16_t partition_attrs[] = {")
    for k, row in enumerate(parts):
        vals = attrs[k * len(attr_names):(k + 1) * len(attr_names)]
        w("    %s, /* %s */" % (", ".join("0x%04x" % v for v in vals), row[3]))
    w("};")
    w("static const taws_partition_t partition_list[] = {")
    for row in parts:
        w("    { %d, %d, %d }, /* %s; listed besides its pattern: %s */" %
          (row[0], row[1], row[2], row[3], ", ".join(row[4]) or "none"))
    w("};")
    w("const taws_partitions_t taws_partitions = { partition_list, partition_attrs, %d, %d };" %
      (len(parts), len(attr_names)))
    arrays = {}  # identical code or slot arrays are emitted once (bedrock and bedrock-runtime)
    for rs in rulesets:
        cid = re.sub(r"[^a-z0-9]", "_", rs.name)
        w("")
        w("/* %s (endpointPrefix %s): slots %s. */" % (
            rs.name, rs.prefix, ", ".join(n for n, _ in sorted(rs.slot_of.items(),
                                                                key=lambda kv: kv[1][0]))))
        for kind, data in (("slots", bytes(rs.slots)), ("code", bytes(rs.code))):
            if (kind, data) in arrays:
                w("#define %s_%s %s /* the same */" % (cid, kind, arrays[(kind, data)]))
                continue
            arrays[(kind, data)] = "%s_%s" % (cid, kind)
            w("static const uint8_t %s_%s[] = {" % (cid, kind))
            for k in range(0, len(data), 16):
                w("    %s," % ", ".join(str(b) for b in data[k:k + 16]))
            w("};")
        rules = bytes(repr(rs.rules), "ascii")
        if ("rules", rules) in arrays:
            w("#define %s_rules %s /* the same */" % (cid, arrays[("rules", rules)]))
        else:
            arrays[("rules", rules)] = "%s_rules" % cid
            w("static const taws_rule_t %s_rules[] = {" % cid)
            w("    /* cond, text, kind | n_cond << 2, next */")
            for k, (cond, text, n, kind, nxt) in enumerate(rs.rules):
                w("    { %d, %d, %d, %d }, /* %d: %s */" % (cond, text, kind | n << 2, nxt, k,
                                                         ["tree", "endpoint", "error"][kind]))
            w("};")
        w("static const taws_rules_t %s_rule_set = { \"%s\", %s_code, %s_rules, %s_slots, %d, %d, %d };"
          % (cid, rs.prefix, cid, cid, cid, len(rs.rules), len(rs.slots), rs.max_stack))
    w("")
    w("const taws_rules_t *const taws_rule_sets[] = { %s, NULL };" %
      ", ".join("&%s_rule_set" % re.sub(r"[^a-z0-9]", "_", rs.name) for rs in rulesets))
    with open(out_c, "w") as f:
        f.write("\n".join(o) + "\n")


if __name__ == "__main__":
    try:
        main()
    except Refused as e:
        raise SystemExit("gen_endpoints.py: %s" % e)
