# SPDX-License-Identifier: MIT
"""Opaque page tokens: standard base64 (so '+', '/', '=' need URL-encoding) of a MAC'd state.

The state binds the offset to a fingerprint of the operation and its filters: a token
replayed with other filters, or any altered byte, is rejected.
"""
import base64
import hashlib
import hmac
import json
import struct

# Leading bytes that base64-encode to "++//": every token needs percent-encoding in a query.
MARKER = b"\xfb\xef\xff"
HEAD = struct.Struct(">BI")  # version, offset
MIN_CHARS = 36


def fingerprint(op, params):
    blob = json.dumps([op, params], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).digest()[:8]


class Tokens:
    def __init__(self, seed):
        self.key = hashlib.sha256(b"tinyaws-token/%s" % str(seed).encode()).digest()

    def encode(self, offset, fp, chars, cap):
        chars = max(MIN_CHARS, min(int(chars), cap))
        n = 3 * (chars // 4) - 1  # -> exactly 4*(chars//4) base64 characters ending in one '='
        body = MARKER + HEAD.pack(1, offset) + fp
        pad_len = n - len(body) - 8
        pad = b""
        while len(pad) < pad_len:
            pad += hmac.new(self.key, body + pad, hashlib.sha256).digest()
        body += pad[:pad_len]
        return base64.b64encode(body + hmac.new(self.key, body, hashlib.sha256).digest()[:8]).decode()

    def decode(self, token, fp):
        """Offset, or ValueError if the token is malformed, forged, or for other filters."""
        try:
            raw = base64.b64decode(token.encode("ascii"), validate=True)
        except Exception:
            raise ValueError("not base64")
        body, mac = raw[:-8], raw[-8:]
        if len(raw) < len(MARKER) + HEAD.size + 16 or not body.startswith(MARKER):
            raise ValueError("bad format")
        if not hmac.compare_digest(mac, hmac.new(self.key, body, hashlib.sha256).digest()[:8]):
            raise ValueError("bad mac")
        version, offset = HEAD.unpack_from(body, len(MARKER))
        if version != 1 or body[len(MARKER) + HEAD.size:len(MARKER) + HEAD.size + 8] != fp:
            raise ValueError("token does not belong to this request")
        return offset
