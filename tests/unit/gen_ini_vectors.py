#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes the INI reader's differential vectors (tests/unit/test_ini.c) as a C header: a corpus
of shared config/credentials files, hand-written and generated from a seeded grammar, each with
what botocore makes of it, so the same expectations run on the host, under the sanitizers and
on the Cortex-M target.

The expected values come from Debian's botocore only: botocore.configloader.raw_config_parse()
on the file (configparser.RawConfigParser underneath) and build_profile_map() for section
names, never from tinyaws. Where tinyaws refuses on purpose what botocore accepts (a NUL byte)
the expectation says so explicitly. For a file botocore refuses, the expected line is the first
line L such that the file cut after line L is refused too (the reader streams, so it must stop
exactly there), and the status is what botocore's error for that cut maps to.

Usage: gen_ini_vectors.py OUT.h
"""
import os
import random
import shlex
import sys
import tempfile

if not sys.flags.utf8_mode:  # configparser reads with the locale's encoding: make it UTF-8
    os.execv(sys.executable, [sys.executable, "-X", "utf8"] + sys.argv)

import configparser  # noqa: E402

import botocore.configloader  # noqa: E402
import botocore.exceptions  # noqa: E402

PY_SPACE = [c for c in range(0x110000) if chr(c).isspace()]
# tinyaws/src/ini.c's whitespace set must be Python's: say so here, where Python is the judge.
assert PY_SPACE == [9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 0x85, 0xA0, 0x1680] + list(range(0x2000, 0x200B)) + \
    [0x2028, 0x2029, 0x202F, 0x205F, 0x3000], PY_SPACE

TMP = tempfile.mkdtemp(prefix="tinyaws-ini-gen-")
PATH = os.path.join(TMP, "config")


def lines_of(data):
    """Python's universal newlines on bytes: LF, CRLF and a lone CR end a line."""
    out, cur, i = [], bytearray(), 0
    while i < len(data):
        c = data[i]
        if c in (10, 13):
            out.append(bytes(cur))
            cur = bytearray()
            if c == 13 and i + 1 < len(data) and data[i + 1] == 10:
                i += 1
        else:
            cur.append(c)
        i += 1
    if cur:
        out.append(bytes(cur))
    return out


def botocore_parse(data):
    """('ok', dict) or ('err', status name) for a file's bytes."""
    with open(PATH, "wb") as f:
        f.write(data)
    try:
        return "ok", botocore.configloader.raw_config_parse(PATH)
    except botocore.exceptions.ConfigParseError as e:
        err = e.kwargs.get("error")
    except UnicodeDecodeError as e:  # pragma: no cover (botocore wraps it)
        err = e
    kinds = [(configparser.MissingSectionHeaderError, "TAWS_ERR_INI_NO_SECTION"),
             (configparser.DuplicateSectionError, "TAWS_ERR_INI_DUP_SECTION"),
             (configparser.DuplicateOptionError, "TAWS_ERR_INI_DUP_KEY"),
             (configparser.ParsingError, "TAWS_ERR_INI_SYNTAX"),
             (UnicodeDecodeError, "TAWS_ERR_INI_UTF8"),
             (ValueError, "TAWS_ERR_INI_NESTED")]  # _parse_nested(): a sub-line without '='
    for cls, name in kinds:
        if isinstance(err, cls):
            return "err", name
    raise RuntimeError("unexpected botocore error %r" % (err,))


def expect(data):
    """(status name, line, canonical result) as the streaming reader must report it."""
    lines = lines_of(data)
    for ln in lines:
        assert len(ln) < 1000, "corpus lines stay under TAWS_INI_LINE_MAX"
    verdict, result = botocore_parse(data)
    nul = next((i for i, ln in enumerate(lines, 1) if b"\0" in ln), None)
    if verdict == "ok" and nul is None:
        return "TAWS_OK", 0, canonical(result)
    for k in range(1, len(lines) + 1):
        if k == nul:
            return "TAWS_ERR_INI_NUL", k, b""  # deliberate: botocore would keep the NUL in a value
        v, r = botocore_parse(b"\n".join(lines[:k]))
        if v == "err":
            return r, k, b""
    raise RuntimeError("botocore refused %r but no cut of it" % data)


def rec(tag, b):
    return tag + str(len(b)).encode() + b":" + b


def canonical(result):
    """Sections in order; each key's value, or its nested block, in botocore's dict order."""
    out = []
    for section, options in result.items():
        out.append(rec(b"S", section.encode()))
        for key, value in options.items():
            out.append(rec(b"K", key.encode()))
            if isinstance(value, dict):
                out.append(b"N%d:" % len(value))
                for sub, v in value.items():
                    out.append(rec(b"k", sub.encode()) + rec(b"v", v.encode()))
            else:
                out.append(rec(b"V", value.encode()))
    return b"".join(out)


# ---------------------------------------------------------------- the corpus
HAND = [
    # what the AWS CLI writes, and what people write by hand
    b"[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n",
    b"[default]\nregion = eu-central-1\noutput = json\n\n[profile dev]\nregion=us-west-2\nca_bundle = ~/ca.pem\n",
    b"[profile dev]\nservices = my-services\n\n[services my-services]\nbedrock =\n  endpoint_url = https://localhost:8443\n"
    b"ssm =\n  endpoint_url = http://127.0.0.1:8080\n",
    b"[dev]\naws_access_key_id=AKID\naws_secret_access_key=SECRET\naws_session_token=IQoJb3JpZ2luX2Vj+/=\n",
    b"[default]\n# a comment\n; another\n  # indented comment\nregion = us-east-1 # not a comment\nx = a ; b\n",
    b"[default]\r\nregion = us-east-1\r\n\r\n[profile a]\r\noutput = text\r\n",
    b"[default]\rregion = us-east-1\r[profile a]\routput = text",
    b"[default]\nRegion = us-east-1\nAWS_Access_Key_ID = K\n",
    b"[Default]\nregion = a\n[default]\nregion = b\n",
    b"[default]\nregion = a\nregion = b\n",
    b"[default]\nregion = a\n[default]\n",
    b"region = us-east-1\n[default]\n",
    b"# comment first\n\n[default]\nregion: eu-west-1\nurl = https://x:1/y\nk:v=w\n",
    b"[default]\nnot a setting\n",
    b"[default]\n= value\n",
    b"[default]\n   = value\n",
    b"[default]\nkey =\n",
    b"[default]\nkey =\n\n\n",
    b"[default]\nlong = first\n  second\n\n  third\n\n\nnext = 1\n",
    b"[default]\nlong = first\n  # comment inside\n  second\n",
    b"[default]\ns3 =\n  addressing_style = path\n  signature_version = s3v4\n",
    b"[default]\ns3 =\n  Max_Concurrent = 2\n  max_concurrent = 3\n  a = 1\n  a = 2\n",
    b"[default]\ns3 =\n  no equals sign\n",
    b"[default]\ns3 =\n\n  after = blank\n",
    b"[default]\ns3 =\n  a = b = c\n  empty =\n  = empty key\n",
    b"[default]\ns3 =\n  a = 1\nb = 2\n  c = 3\n",
    b"[default]\n  indented = key\n    deeper = continuation\n  same = level\n",
    b"[default]\nk = v\n  [not a section]\n",
    b"  [default]\nk = v\n",
    b"[default] trailing\nk = v\n",
    b"[a]b]c]\nk = v\n",
    b"[]\n",
    b"[default]\n[]\n",
    b"[]]\nk = v\n",
    b"[ spaced ]\nk = v\n",
    b"[DEFAULT]\nregion = us-east-1\n[default]\noutput = json\n[profile a]\nregion = eu-west-1\n",
    b"[DEFAULT]\nregion = a\n[DEFAULT]\noutput = b\n[x]\n",
    b"[DEFAULT]\nregion = a\n[x]\n[DEFAULT]\nregion = b\n",
    b"[DEFAULT]\ns3 =\n  a = 1\n[x]\n[y]\ns3 = flat\n",
    b"[default]\nk = v\n[profile a]\n[profile b]\nk = v\n",
    b"\xef\xbb\xbf[default]\nk = v\n",
    b"[default]\nk = caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n",
    b"[default]\nk = \xc3\x28\n",
    b"[default]\nk = \xed\xa0\x80\n",
    b"[default]\nk = \xc0\xaf\n",
    b"[default]\nk = \xf4\x90\x80\x80\n",
    b"[default]\nk = v\xe2\x82",
    b"[default]\nk = a\0b\n",
    b"[default]\n\0\n",
    b"[default]\nbad line\nk = a\0b\n",
    b"[default]\nk = v\n\xa0\xa0k2\xe3\x80\x80=\xe2\x80\x83v2\xc2\xa0\n",
    b"[default]\nk = v\n\xe3\x80\x80continued\n",
    b"[default]\ns3 =\n  a = 1\x0bb = 2\x1cc = 3\xe2\x80\xa8d = 4\n",
    b"[default]\ns3 =\n  a = 1\x0bno equals\n",
    b"[default]\nk = a\x0bb\n",
    b"[default]\n\tk\t=\tv\t\n\t\tmore\n",
    b"[default]\nk = v\n\t\x0c\n  more\n",
    b"[profile a]\nk = 1\n[profile  a]\nk = 2\n",
    b"[default]\nK = 1\nk = 2\n",
    b"",
    b"\n\n# only comments\n;\n",
    b"[default]",
    b"[default]\nk = v",
    b"[default]\nk = v\n  cont",
    b"[default]\nk: \n  a = 1\n",
]

SECTION_NAMES = ["default", "Default", "DEFAULT", "profile dev", "profile  dev", "profile\tdev", "profile",
                 "profile ", "profile \"my dev\"", "profile 'my dev'", "profile my dev", "profilex y", "profiles y",
                 "profile \"unclosed", "profile a\\ b", "profile \"a\\\"b\"", "profile \"a\\b\"", "profile a\\",
                 "profile ''", "profile \"\"", "sso-session corp", "sso-session", "services my-services",
                 "services", "servicesx y", "services \"a b\"", "preview", "plugins", "profile caf\u00e9",
                 "profile a#b", "profile a;b", " profile a", "default ", "profile a b"]

SPACES = [" ", "\t", "  ", "\u00a0", "\u3000", "\u2003", "\x0c", " \t "]


def random_file(rng):
    """A plausible-to-hostile shared file from a small grammar (seeded, so reproducible)."""
    keys = ["region", "output", "aws_access_key_id", "Aws_Secret_Access_Key", "aws_session_token",
            "endpoint_url", "s3", "bedrock", "ca_bundle", "x", "k:y"]
    secs = ["default", "DEFAULT", "profile dev", "profile  dev", "services svc", "dev", "a]b", " x "]
    out = [] if rng.random() < 0.1 else ["[" + rng.choice(secs) + "]"]
    for _ in range(rng.randint(0, 14)):
        r = rng.random()
        ind = rng.choice(["", "", "", rng.choice(SPACES), rng.choice(SPACES) * 2])
        if r < 0.14:
            out.append(ind + "[" + rng.choice(secs) + "]" + rng.choice(["", "", " ;c", "x]"]))
        elif r < 0.45:
            delim = rng.choice(["=", " = ", ":", " : ", "=\t"])
            val = rng.choice(["", "v", "us-east-1", "a=b", "http://h:1", "caf\u00e9", "x # y", " spaced "])
            out.append(ind + rng.choice(keys) + delim + val)
        elif r < 0.62:
            deep = rng.choice(SPACES) * rng.randint(1, 3)
            out.append(deep + rng.choice(["endpoint_url = https://e", "a=1", "no-equals", "b = 2\x0bc = 3",
                                          "K = V", "more text"]))
        elif r < 0.72:
            out.append(ind + rng.choice(["# c", "; c", "#", ";;"]))
        elif r < 0.84:
            out.append(rng.choice(["", " ", "\t", "\u3000"]))
        elif r < 0.87:
            out.append(ind + rng.choice(["garbage", "[]", "[", "=x", "[ ]"]))
        else:
            out.append(ind + "k" + str(rng.randint(0, 3)) + "=" + rng.choice(["1", "2"]))
    text = "".join(line + rng.choice(["\n", "\n", "\n", "\r\n", "\r"]) for line in out)
    if out and rng.random() < 0.15:
        text = text.rstrip("\r\n")
    data = text.encode("utf-8")
    if rng.random() < 0.04 and data:
        i = rng.randrange(len(data))
        data = data[:i] + rng.choice([b"\0", b"\xff", b"\xc3", b"\xed\xa0\x80"]) + data[i:]
    return data


def c_str(b):
    out = ['"']
    for ch in b:
        if ch in (0x22, 0x5C):
            out.append("\\" + chr(ch))
        elif 0x20 <= ch < 0x7F:
            out.append(chr(ch))
        else:
            out.append('\\x%02x""' % ch)
    out.append('"')
    return "".join(out)


def kind_of(name):
    """build_profile_map()'s view of a config-file section (services as newer botocore reads it,
    with the same shlex rule as its profile and sso-session branches)."""
    m = botocore.configloader.build_profile_map({name: {}})
    if m["profiles"]:
        return "TAWS_INI_PROFILE", list(m["profiles"])[0]
    if m["sso_sessions"]:
        return "TAWS_INI_SSO_SESSION", list(m["sso_sessions"])[0]
    if name.startswith("services"):
        try:
            parts = shlex.split(name)
        except ValueError:
            return "TAWS_INI_OTHER", ""
        if len(parts) == 2:
            return "TAWS_INI_SERVICES", parts[1]
    return "TAWS_INI_OTHER", ""


def main():
    out_path = sys.argv[1]
    rng = random.Random(20261201)
    cases = [("hand %d" % i, d) for i, d in enumerate(HAND)]
    cases += [("random %d" % i, random_file(rng)) for i in range(400)]
    lines = ["/* Generated by tests/unit/gen_ini_vectors.py from Debian's botocore %s: do not edit. */"
             % botocore.__version__,
             "typedef struct { const char *name; const char *in; size_t in_len; taws_status_t st; unsigned line;",
             "                 const char *want; size_t want_len; } ini_vector_t;",
             "static const ini_vector_t ini_vectors[] = {"]
    seen, stats = set(), {}
    for name, data in cases:
        if data in seen:
            continue
        seen.add(data)
        st, line, want = expect(data)
        stats[st] = stats.get(st, 0) + 1
        lines.append("    { %s, %s, %d, %s, %d, %s, %d }," % (c_str(name.encode()), c_str(data), len(data), st, line,
                                                              c_str(want), len(want)))
    lines.append("};")
    lines.append("typedef struct { const char *section; taws_ini_kind_t kind; const char *name; } ini_kind_vector_t;")
    lines.append("static const ini_kind_vector_t ini_kind_vectors[] = {")
    for name in SECTION_NAMES:
        kind, got = kind_of(name)
        lines.append("    { %s, %s, %s }," % (c_str(name.encode()), kind, c_str(got.encode())))
    lines.append("};")
    lines.append("/* statuses: %s */" % ", ".join("%s %d" % kv for kv in sorted(stats.items())))
    with open(out_path, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")
    os.unlink(PATH) if os.path.exists(PATH) else None
    os.rmdir(TMP)


if __name__ == "__main__":
    main()
