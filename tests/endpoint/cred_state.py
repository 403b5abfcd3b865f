# SPDX-License-Identifier: MIT
"""Temporary credentials: what the three credential servers (AWS IoT credentials provider,
container credentials, IMDSv2) issue and the AWS endpoint then accepts until they expire.

One CredState per endpoint process, shared by every listener under one lock: the knobs of the
credential servers, their pending faults, counters, a request log without secrets, and the
store of issued credentials (access key id -> secret, session token, expiry, provider).
Its control API lives under /__tinyaws/credentials on the AWS endpoint's own ports.
"""
import base64
import collections
import copy
import datetime
import json
import os
import secrets
import string
import threading

PROVIDERS = ("iot", "container", "imds")
DEFAULTS = {
    "iot_lifetime": 3600,        # seconds the issued credentials live (AWS IoT's default role alias)
    "container_lifetime": 3600,
    "imds_lifetime": 21600,      # EC2 hands out six-hour instance profile credentials
    "token_len": 1000,           # session token length in characters (AWS's are ~800-1100)
    "expiration_style": "z",     # z 2024-01-01T00:00:00Z | millis ...00.000Z | offset ...00+00:00
    "container_token": "",       # the Authorization value the container endpoint accepts
    "container_style": "ecs",    # ecs (ECS agent JSON errors, RoleArn) | greengrass (TES: bare 403s)
    "iot_revoked_things": [],    # things whose certificate attachment was revoked (403)
    "iot_policy_denied": False,  # the certificate's policy lacks iot:AssumeRoleWithCertificate (403)
    "iot_require_sni": False,    # refuse handshakes without SNI, as AWS IoT does
    "imds_role": "",             # the instance profile role; "" = no instance profile (404)
    "imds_v1_allowed": False,    # IMDSv1 GETs without a token (False: IMDSv2 required, 401)
}
_CHOICES = {"expiration_style": ("z", "millis", "offset"), "container_style": ("ecs", "greengrass")}
FAULT_KEYS = {"provider", "status", "code", "message", "raw_body", "stall_seconds", "drop_after_bytes", "headers"}
STATS = {"iot": ("requests", "issued", "errors", "tls_handshakes", "tls_handshake_failures"),
         "container": ("requests", "issued", "errors"),
         "imds": ("token_requests", "requests", "issued", "errors"),
         "aws": ("temporary_accepted", "expired_refused", "bad_token_refused")}
EXPIRED_MESSAGE = "The security token included in the request is expired"
_KEY_CHARS = string.ascii_uppercase + "234567"


class CredConfigError(ValueError):
    pass


def iso(epoch, style="z"):
    text = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    return text + {"z": "Z", "millis": ".000Z", "offset": "+00:00"}[style]


class CredState:
    def __init__(self, clock, **overrides):
        """clock(): the server's time in epoch seconds (the AWS endpoint's, clock offset included)."""
        self.clock = clock
        self.lock = threading.Lock()
        self.base = dict(DEFAULTS, **overrides)
        self.things = {}        # thing name -> set of certificate fingerprints attached to it
        self.certs = {}         # fingerprint -> certificate name (the IoT registry)
        self.role_aliases = {}  # alias -> role ARN
        self._fresh()

    def _fresh(self):
        self.cfg = copy.deepcopy(self.base)
        self.faults = collections.deque()
        self.issued = {}
        self.log = []
        self.stats = {p: dict.fromkeys(keys, 0) for p, keys in STATS.items()}

    # ---- knobs
    def snapshot(self):
        with self.lock:
            return copy.deepcopy(self.cfg)

    def update(self, changes):
        if not isinstance(changes, dict):
            raise CredConfigError("config body must be a JSON object")
        for k, v in changes.items():
            if k not in DEFAULTS:
                raise CredConfigError("unknown credentials knob %r" % k)
            want = type(DEFAULTS[k])
            if want is int and (isinstance(v, bool) or not isinstance(v, int)):
                raise CredConfigError("knob %r needs an integer" % k)
            if want is not int and not isinstance(v, want):
                raise CredConfigError("knob %r needs a %s" % (k, want.__name__))
            if k in _CHOICES and v not in _CHOICES[k]:
                raise CredConfigError("knob %r must be one of %s" % (k, ", ".join(_CHOICES[k])))
            if want is int and v < 0:
                raise CredConfigError("knob %r must be >= 0" % k)
            if k == "token_len" and not 16 <= v <= 65536:
                raise CredConfigError("knob 'token_len' must be 16..65536")
            if want is list and not all(isinstance(x, str) for x in v):
                raise CredConfigError("knob %r needs a list of strings" % k)
            if k == "container_token" and any(c in v for c in "\r\n\0"):
                raise CredConfigError("knob 'container_token' cannot hold CR, LF or NUL")
        with self.lock:
            self.cfg.update(copy.deepcopy(changes))
            return copy.deepcopy(self.cfg)

    def reset(self):
        with self.lock:
            self._fresh()

    # ---- faults: FIFO per provider, consumed by its next request
    def add_faults(self, faults):
        if isinstance(faults, dict):
            faults = [faults]
        if not isinstance(faults, list) or not all(isinstance(f, dict) for f in faults):
            raise CredConfigError("faults body must be a JSON object or a list of objects")
        for f in faults:
            bad = set(f) - FAULT_KEYS
            if bad:
                raise CredConfigError("unknown fault fields: %s" % ", ".join(sorted(bad)))
            if f.get("provider") not in PROVIDERS:
                raise CredConfigError("a credentials fault needs provider: %s" % ", ".join(PROVIDERS))
        with self.lock:
            self.faults.extend(copy.deepcopy(faults))
            return len(self.faults)

    def take_fault(self, provider):
        with self.lock:
            for i, f in enumerate(self.faults):
                if f["provider"] == provider:
                    del self.faults[i]
                    return f
        return None

    # ---- counters and log (never a secret, a session token or an Authorization value)
    def count(self, provider, key, n=1):
        with self.lock:
            self.stats[provider][key] += n

    def record(self, entry):
        with self.lock:
            self.log.append(entry)

    # ---- issued credentials
    def issue(self, provider, **about):
        """New temporary credentials for provider; about (thing, cert, role) goes to the listing."""
        cfg = self.snapshot()
        now = int(self.clock())
        lifetime = cfg[provider + "_lifetime"]
        ak = "ASIA" + "".join(secrets.choice(_KEY_CHARS) for _ in range(16))
        sk = base64.b64encode(os.urandom(30)).decode()  # 40 characters, + and / included
        # Shaped like AWS's: base64 of a binary blob whose first bytes spell "origin_ec".
        raw = b"!\n\torigin_ec" + os.urandom(cfg["token_len"])
        token = base64.b64encode(raw).decode()[:cfg["token_len"]]
        cred = {"provider": provider, "access_key_id": ak, "secret": sk, "token": token,
                "issued_at": now, "expires_at": now + lifetime, "about": dict(about)}
        with self.lock:
            self.issued[ak] = cred
            self.stats[provider]["issued"] += 1
        return dict(cred, expiration=iso(now + lifetime, cfg["expiration_style"]),
                    last_updated=iso(now, cfg["expiration_style"]))

    def lookup(self, access_key_id):
        with self.lock:
            cred = self.issued.get(access_key_id)
            return dict(cred) if cred else None

    def expired(self, cred, now):
        with self.lock:
            current = self.issued.get(cred["access_key_id"], cred)
            return now >= current["expires_at"]

    def expire(self, provider=None, access_key_id=None):
        """Makes matching credentials expired now (the client still believes its Expiration)."""
        now = int(self.clock())
        n = 0
        with self.lock:
            for cred in self.issued.values():
                if provider not in (None, cred["provider"]) or access_key_id not in (None, cred["access_key_id"]):
                    continue
                cred["expires_at"] = min(cred["expires_at"], now)
                n += 1
        return n

    def listing(self):
        now = self.clock()
        with self.lock:
            return [{"provider": c["provider"], "access_key_id": c["access_key_id"], "issued_at": c["issued_at"],
                     "expires_at": c["expires_at"], "expired": now >= c["expires_at"], **c["about"]}
                    for c in self.issued.values()]

    # ---- control API: /__tinyaws/credentials[/...] on the AWS endpoint's ports
    def handle(self, method, path, doc):
        """(status, JSON-able document) for a control request."""
        sub = path[len("/__tinyaws/credentials"):]
        try:
            if (method, sub) in (("GET", ""), ("GET", "/")):
                return 200, {"config": self.snapshot(), "stats": self._stats(), "pending_faults": len(self.faults)}
            if (method, sub) == ("POST", "/config"):
                return 200, {"config": self.update(doc or {})}
            if (method, sub) == ("POST", "/reset"):
                self.reset()
                return 200, {"config": self.snapshot()}
            if (method, sub) == ("POST", "/faults"):
                return 200, {"pending": self.add_faults(doc)}
            if (method, sub) == ("GET", "/faults"):
                with self.lock:
                    return 200, list(self.faults)
            if (method, sub) == ("GET", "/stats"):
                return 200, self._stats()
            if (method, sub) == ("GET", "/log"):
                with self.lock:
                    return 200, list(self.log)
            if (method, sub) == ("GET", "/issued"):
                return 200, self.listing()
            if (method, sub) == ("POST", "/expire"):
                doc = doc or {}
                if not isinstance(doc, dict) or set(doc) - {"provider", "access_key_id"}:
                    raise CredConfigError("expire takes {\"provider\": ..., \"access_key_id\": ...}")
                return 200, {"expired": self.expire(doc.get("provider"), doc.get("access_key_id"))}
            if (method, sub) == ("GET", "/registry"):
                with self.lock:
                    return 200, {"things": {t: sorted(self.certs[f] for f in fps) for t, fps in self.things.items()},
                                 "role_aliases": dict(self.role_aliases)}
        except CredConfigError as e:
            return 400, {"error": str(e)}
        return 404, {"error": "unknown credentials control request %s %s" % (method, path)}

    def _stats(self):
        with self.lock:
            return json.loads(json.dumps(self.stats))
