# SPDX-License-Identifier: MIT
"""Shared live state of one endpoint process: knobs, pending faults, request log, counters.

Every listener (HTTP and HTTPS) and every connection thread uses the one State, under one lock.
"""
import collections
import copy
import json
import threading

DEFAULTS = {
    "chunked": 0,              # 0 = Content-Length; N > 0 = Transfer-Encoding: chunked, N-byte chunks
    "chunk_ext": False,        # chunk extensions ";foo=bar" and a trailer header
    "close": False,            # Connection: close after every response
    "pretty": False,           # indented JSON with newlines
    "token_first": False,      # page token written before the result array
    "unknown_fields": False,   # unknown members in items, nested structures and the top level
    "null_fields": False,      # absent optional members written as null
    "unicode_escape": False,   # all non-ASCII as \uXXXX (surrogate pairs beyond the BMP)
    "escape_slash": False,     # '/' written as '\/'
    "long_strings": False,     # free-text members filled to their model maximum length
    "token_len": 160,          # page token length in characters (36..2048 bedrock, ..16384 ssm)
    "empty_token": False,      # SSM last page carries "NextToken": ""
    "ssm_time_style": "java",  # java 1.700000000123E9 | plain 1700000000.123 | int 1700000000
    "clock_offset_seconds": 0,  # server clock shift for Date and signature expiry
    "repeat_token": False,     # echo the request's token back as the next token
    "json_error_message_key": "message",  # awsJson error message key: message | Message
}
_CHOICES = {"ssm_time_style": ("java", "plain", "int"), "json_error_message_key": ("message", "Message")}
FAULT_KEYS = {"op", "status", "code", "message", "headers", "retry_after", "throttle", "drop_after_bytes",
              "rst", "stall_seconds", "raw_body"}


class ConfigError(ValueError):
    pass


class State:
    def __init__(self, log_path=None):
        self.lock = threading.Lock()
        self.cfg = dict(DEFAULTS)
        self.faults = collections.deque()
        self.log = []
        self.stats = {"requests": 0, "tls_handshakes": 0, "tls_handshake_failures": 0,
                      "connections": 0, "control_requests": 0,
                      "tls12_handshakes": 0, "tls13_handshakes": 0}
        self.next_conn = 0
        self.log_file = open(log_path, "a", encoding="utf-8") if log_path else None

    def snapshot(self):
        with self.lock:
            return dict(self.cfg)

    def update(self, changes):
        if not isinstance(changes, dict):
            raise ConfigError("config body must be a JSON object")
        for k, v in changes.items():
            if k not in DEFAULTS:
                raise ConfigError("unknown knob %r" % k)
            want = type(DEFAULTS[k])
            if want is int and (isinstance(v, bool) or not isinstance(v, int)):
                raise ConfigError("knob %r needs an integer" % k)
            if want is not int and not isinstance(v, want):
                raise ConfigError("knob %r needs a %s" % (k, want.__name__))
            if k in _CHOICES and v not in _CHOICES[k]:
                raise ConfigError("knob %r must be one of %s" % (k, ", ".join(_CHOICES[k])))
            if k in ("chunked", "token_len") and v < 0:
                raise ConfigError("knob %r must be >= 0" % k)
        with self.lock:
            self.cfg.update(changes)
            return dict(self.cfg)

    def reset(self):
        with self.lock:
            self.cfg = dict(DEFAULTS)
            self.faults.clear()
            self.log = []
            for k in self.stats:
                self.stats[k] = 0

    def add_faults(self, faults):
        if isinstance(faults, dict):
            faults = [faults]
        if not isinstance(faults, list) or not all(isinstance(f, dict) for f in faults):
            raise ConfigError("faults body must be a JSON object or a list of objects")
        for f in faults:
            bad = set(f) - FAULT_KEYS
            if bad:
                raise ConfigError("unknown fault fields: %s" % ", ".join(sorted(bad)))
        with self.lock:
            self.faults.extend(copy.deepcopy(faults))
            return len(self.faults)

    def take_fault(self, op):
        """The oldest pending fault that matches op (or names no op); consumed once."""
        with self.lock:
            for i, f in enumerate(self.faults):
                if f.get("op") in (None, op):
                    del self.faults[i]
                    return f
        return None

    def count(self, key, n=1):
        with self.lock:
            self.stats[key] += n

    def new_connection(self):
        with self.lock:
            self.next_conn += 1
            self.stats["connections"] += 1
            return self.next_conn

    def record(self, entry):
        """entry must already be redacted (no secret key, token or Authorization value)."""
        line = json.dumps(entry, ensure_ascii=True)
        with self.lock:
            self.log.append(entry)
            if self.log_file:
                self.log_file.write(line + "\n")
                self.log_file.flush()

    def get_log(self):
        with self.lock:
            return list(self.log)

    def get_stats(self):
        with self.lock:
            return dict(self.stats)

    def pending_faults(self):
        with self.lock:
            return list(self.faults)
