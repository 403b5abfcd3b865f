# SPDX-License-Identifier: MIT
"""Wire encoding: timestamps, JSON text under the wire-variation knobs, chunked framing.

Items reach here as dicts with Ts timestamps; encode_json() writes them the way the
knobs ask while keeping the same meaning for any correct JSON reader.
"""
import datetime
import decimal
import json
import re

from datasets import Ts

_NUM = re.compile(r'"@@num:([-0-9.E]+)@@"')

# Unknown members for the unknown_fields knob: every JSON value kind, escapes, and
# brackets inside strings so a reader that counts braces naively gets caught.
UNKNOWN_TOP = {
    "tinyawsUnknownObject": {"nested": {"list": [1, -2, 3.25e-3, None, True, False, "q\"\\/\n\t\u00e9\U0001F600"]},
                             "empty": {}, "emptyList": []},
    "tinyawsUnknownNull": None,
    "tinyawsUnknownNumber": 1.5e300,
    "tinyawsUnknownString": "]}[{\",:",
}
UNKNOWN_ITEM = {
    "unknownMember": {"a": [{"b": None}, [], [[1, 2], {"c": "}"}]], "d": -0.0},
    "unknownFlag": False,
    "unknownCount": 18446744073709551615,
    "unknownText": "tab\there \"quoted\" back\\slash ✓",
}


def iso_ms(ms):
    """restJson1 timestamp: RFC 3339 with milliseconds and Z, e.g. 2024-10-19T02:01:51.650Z."""
    dt = datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=int(ms))
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (int(ms) % 1000)


def parse_iso(text):
    """ISO-8601 date-time as sent in query strings -> milliseconds (None if malformed)."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?([Zz]|[+-]\d\d:\d\d)", text)
    if not m:
        return None
    try:
        dt = datetime.datetime(*map(int, m.groups()[:6]), tzinfo=datetime.timezone.utc)
    except ValueError:
        return None
    frac = int((m.group(7) or "0")[:3].ljust(3, "0"))
    tz = m.group(8)
    if tz not in "Zz":
        off = (int(tz[1:3]) * 60 + int(tz[4:6])) * 60000
        frac -= off if tz[0] == "+" else -off
    return int(dt.timestamp()) * 1000 + frac


def java_double(x):
    """Java Double.toString for values >= 1e7: shortest digits, d.dddE<n> (1.700000000123E9)."""
    d = decimal.Decimal(repr(float(x))).normalize()
    sign, digits, exp = d.as_tuple()
    ds = "".join(map(str, digits))
    return ("-" if sign else "") + ds[0] + "." + (ds[1:] or "0") + "E" + str(len(ds) - 1 + exp)


def ssm_time(ms, style):
    if style == "int":
        return str(ms // 1000)
    if style == "plain":
        return repr(ms / 1000)
    return java_double(ms / 1000)


def to_wire(obj, protocol, cfg):
    """Replace Ts values: strings for restJson1, number placeholders for awsJson1_1."""
    if isinstance(obj, Ts):
        if protocol == "rest":
            return iso_ms(obj)
        return "@@num:%s@@" % ssm_time(int(obj), cfg.get("ssm_time_style", "java"))
    if isinstance(obj, dict):
        return {k: to_wire(v, protocol, cfg) for k, v in obj.items()}
    if isinstance(obj, list):
        return [to_wire(v, protocol, cfg) for v in obj]
    return obj


def encode_json(doc, cfg):
    text = json.dumps(doc, ensure_ascii=bool(cfg.get("unicode_escape")),
                      indent=2 if cfg.get("pretty") else None,
                      separators=None if cfg.get("pretty") else (",", ":"))
    text = _NUM.sub(r"\1", text)
    if cfg.get("escape_slash"):
        text = text.replace("/", "\\/")  # '/' occurs only inside JSON strings
    return text.encode("utf-8")


def chunk(body, size, ext):
    """Transfer-Encoding: chunked framing with size-byte chunks (optional extensions, trailer)."""
    out = bytearray()
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b"%x%s\r\n" % (len(part), b";foo=bar" if ext else b"") + part + b"\r\n"
    out += b"0;last=1\r\n" if ext else b"0\r\n"
    out += b"x-tinyaws-trailer: done\r\n\r\n" if ext else b"\r\n"
    return bytes(out)
