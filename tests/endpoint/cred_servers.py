# SPDX-License-Identifier: MIT
"""The three credential servers, each on a port of its own, all issuing from one CredState:

- AWS IoT credentials provider: GET /role-aliases/<alias>/credentials over TLS that requires a
  client certificate from the test client CA (iot_pki.py), x-amzn-iot-thingname optional.
- Container credentials (ECS agent / Greengrass token exchange service): GET <path> with an
  Authorization header equal to the configured token, plain HTTP on loopback.
- IMDSv2: PUT /latest/api/token, then GETs under /latest/meta-data/iam/security-credentials/
  with X-aws-ec2-metadata-token.

Answers and error bodies are the services' own (see README.md). TLS handshakes run in the
connection's thread, never in the accept loop.
"""
import email.utils
import hashlib
import http
import json
import re
import secrets
import socket
import ssl
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import TCPServer

HANDSHAKE_TIMEOUT = 10
ROLE_ALIAS_RE = re.compile(r"[\w=,@-]{1,128}", re.ASCII)   # CreateRoleAlias's pattern
THING_RE = re.compile(r"[a-zA-Z0-9:_-]{1,128}")            # CreateThing's pattern
IMDS_MAX_TTL = 21600
IMDS_CREDS = "/latest/meta-data/iam/security-credentials/"


class CredListener(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 64

    def __init__(self, addr, handler, creds, provider, tls_ctx=None, verbose=False):
        self.creds, self.provider, self.tls_ctx, self.verbose = creds, provider, tls_ctx, verbose
        self.imds_tokens = {}  # IMDS session token -> expiry (epoch seconds)
        self.imds_lock = threading.Lock()
        if ":" in addr[0]:
            self.address_family = socket.AF_INET6
        super().__init__(addr, handler)

    def server_bind(self):
        TCPServer.server_bind(self)  # no getfqdn(): reverse DNS can stall start-up
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request, client_address):
        if self.verbose:
            traceback.print_exc()

    def finish_request(self, request, client_address):
        try:
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        if not self.tls_ctx:
            return super().finish_request(request, client_address)
        try:
            request.settimeout(HANDSHAKE_TIMEOUT)
            tls = self.tls_ctx.wrap_socket(request, server_side=True)
            # TLS 1.3 sends the client's certificate after the server's Finished: read it now,
            # so a refused certificate is a refused handshake whatever the version.
            der = tls.getpeercert(binary_form=True)
        except (ssl.SSLError, OSError):
            self.creds.count(self.provider, "tls_handshake_failures")
            return
        if der is None:  # cannot happen with CERT_REQUIRED; counted as a refusal all the same
            self.creds.count(self.provider, "tls_handshake_failures")
            tls.close()
            return
        self.creds.count(self.provider, "tls_handshakes")
        try:
            super().finish_request(tls, client_address)
        finally:
            try:
                tls.close()
            except OSError:
                pass


def iot_tls_context(cert, key, client_ca, creds):
    """The endpoint's server certificate (from the AWS endpoint's CA) and a client certificate
    required, verified against the client CA: none, another CA's, expired or not yet valid fail."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_ciphers("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                    "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384")
    ctx.load_cert_chain(cert, key)
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(client_ca)

    def sni(sock, name, _ctx):
        sock.tinyaws_sni = name
        if name is None and creds.snapshot()["iot_require_sni"]:
            return ssl.ALERT_DESCRIPTION_HANDSHAKE_FAILURE
        return None
    ctx.sni_callback = sni
    return ctx


class _Base(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30

    def log_message(self, fmt, *args):
        pass

    def _reply(self, status, body=b"", ctype="application/json", headers=(), entry=None, fault=None):
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif not isinstance(body, bytes):
            body = json.dumps(body, separators=(",", ":")).encode("utf-8")
        head = ["HTTP/1.1 %d %s" % (status, http.HTTPStatus(status).phrase),
                "Date: " + email.utils.formatdate(usegmt=True)]
        head += ["%s: %s" % h for h in headers]
        if body or ctype:
            head.append("Content-Type: " + ctype)
        head.append("Content-Length: %d" % len(body))
        head.append("Connection: keep-alive")
        drop = fault.get("drop_after_bytes") if fault else None
        data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (body[:int(drop)] if drop is not None else body)
        if entry is not None:
            entry["status"] = status
            self.server.creds.record(entry)
        if status >= 400:
            self.server.creds.count(self.server.provider, "errors")
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            self.close_connection = True
            return
        if drop is not None:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _drain(self):
        n = int(self.headers.get("Content-Length") or 0)
        if 0 < n <= 1 << 16:
            self.rfile.read(n)

    def _entry(self):
        return {"t": round(time.time(), 3), "provider": self.server.provider, "method": self.command,
                "path": self.path}

    def _fault(self, entry):
        fault = self.server.creds.take_fault(self.server.provider)
        if fault:
            entry["fault"] = {k: v for k, v in fault.items() if k != "raw_body"}
            if fault.get("stall_seconds"):
                time.sleep(float(fault["stall_seconds"]))
        return fault

    def _dispatch(self):
        self._drain()
        self.server.creds.count(self.server.provider, "token_requests" if self._is_imds_token() else "requests")
        entry = self._entry()
        try:
            self.answer(entry)
        except Exception:  # an endpoint bug shows as a 500, never a dead socket
            if self.server.verbose:
                traceback.print_exc()
            self._reply(500, {"message": "Internal error"}, entry=entry)

    def _is_imds_token(self):
        return False

    do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _dispatch


# ---------------------------------------------------------------- AWS IoT credentials provider
IOT_ERRORS = {400: "InvalidRequestException", 401: "UnauthorizedException", 403: "AccessDeniedException",
              404: "ResourceNotFoundException", 429: "ThrottlingException", 500: "InternalFailureException",
              503: "ServiceUnavailableException"}
IOT_MESSAGES = {400: "Bad request", 401: "Unauthorized", 403: "Access Denied", 404: "Not Found",
                429: "Rate exceeded", 500: "Internal failure", 503: "Service unavailable"}


class IotHandler(_Base):
    def _iot_error(self, status, message, entry, code=None, fault=None, extra=()):
        entry["code"] = code or IOT_ERRORS.get(status, "InternalFailureException")
        self._reply(status, {"message": message}, headers=[("x-amzn-RequestId", str(uuid.uuid4())),
                                                          ("x-amzn-ErrorType", entry["code"])] + list(extra),
                    entry=entry, fault=fault)

    def answer(self, entry):
        creds = self.server.creds
        der = self.connection.getpeercert(binary_form=True)
        fp = hashlib.sha256(der).hexdigest()
        with creds.lock:
            cert_name = creds.certs.get(fp)
        thing = self.headers.get("x-amzn-iot-thingname")
        entry.update(cert=cert_name, thing=thing, sni=getattr(self.connection, "tinyaws_sni", None))
        fault = self._fault(entry)
        if fault and fault.get("raw_body") is not None:
            return self._reply(int(fault.get("status", 200)), fault["raw_body"], entry=entry, fault=fault)
        if fault and fault.get("status"):
            st = int(fault["status"])
            return self._iot_error(st, fault.get("message", IOT_MESSAGES.get(st, "Injected fault")), entry,
                                   fault.get("code"), fault, list((fault.get("headers") or {}).items()))
        m = re.fullmatch(r"/role-aliases/([^/?]*)/credentials", self.path.split("?")[0])
        if self.command != "GET" or not m:
            return self._iot_error(404, "Not Found", entry)
        alias = m.group(1)
        cfg = creds.snapshot()
        if cert_name is None:  # a certificate of the CA that AWS IoT never registered
            return self._iot_error(403, "Certificate is invalid on this endpoint", entry)
        if thing is not None:
            with creds.lock:
                attached = fp in creds.things.get(thing, ())
            if not THING_RE.fullmatch(thing) or not attached or thing in cfg["iot_revoked_things"]:
                return self._iot_error(403, "Invalid thing name passed", entry)
        if cfg["iot_policy_denied"]:
            return self._iot_error(403, "Access Denied", entry)
        with creds.lock:
            role = creds.role_aliases.get(alias) if ROLE_ALIAS_RE.fullmatch(alias) else None
        if role is None:
            return self._iot_error(404, "Role alias does not exist", entry)
        c = creds.issue("iot", thing=thing, cert=cert_name, role_alias=alias)
        entry["access_key_id"] = c["access_key_id"]
        body = {"credentials": {"accessKeyId": c["access_key_id"], "secretAccessKey": c["secret"],
                                "sessionToken": c["token"], "expiration": c["expiration"]}}
        self._reply(200, body, headers=[("x-amzn-RequestId", str(uuid.uuid4()))], entry=entry, fault=fault)


# ---------------------------------------------------------------- container credentials
class ContainerHandler(_Base):
    def _ecs_error(self, status, code, message, entry, fault=None):
        entry["code"] = code
        self._reply(status, {"code": code, "message": message, "HTTPErrorCode": status}, entry=entry, fault=fault)

    def answer(self, entry):
        creds = self.server.creds
        cfg = creds.snapshot()
        greengrass = cfg["container_style"] == "greengrass"
        auth = self.headers.get("Authorization")
        entry["auth"] = None if auth is None else ("ok" if auth == cfg["container_token"] else "wrong")
        fault = self._fault(entry)
        if fault and fault.get("raw_body") is not None:
            return self._reply(int(fault.get("status", 200)), fault["raw_body"], entry=entry, fault=fault)
        if fault and fault.get("status"):
            st = int(fault["status"])
            if greengrass:
                return self._reply(st, b"", ctype=None, entry=entry, fault=fault)
            code = fault.get("code", {503: "CredentialsUninitialized"}.get(st, "InternalServerError"))
            return self._ecs_error(st, code, fault.get("message", "CredentialsV2Request: Injected fault"),
                                   entry, fault)
        path = self.path.split("?")[0]
        if greengrass:
            # The token exchange service answers errors with a bare status and no body.
            if self.command != "GET":
                return self._reply(405, b"", ctype=None, entry=entry)
            if path != self.server.container_path:
                return self._reply(400, b"", ctype=None, entry=entry)
            if auth != cfg["container_token"]:
                return self._reply(403, b"", ctype=None, entry=entry)
        else:
            # The ECS agent's router: an unknown route is Go's plain-text 404.
            if self.command != "GET" or path != self.server.container_path:
                entry["code"] = "NotFound"
                return self._reply(404, "404 page not found\n", ctype="text/plain; charset=utf-8", entry=entry)
            if auth is None:
                return self._ecs_error(400, "NoIdInRequest", "CredentialsV2Request: No Authorization token in "
                                       "the request", entry)
            if auth != cfg["container_token"]:
                return self._ecs_error(400, "InvalidIdInRequest", "CredentialsV2Request: ID not found", entry)
        c = creds.issue("container", role=self.server.role_arn)
        entry["access_key_id"] = c["access_key_id"]
        body = {"AccessKeyId": c["access_key_id"], "SecretAccessKey": c["secret"], "Token": c["token"],
                "Expiration": c["expiration"]}
        if not greengrass:
            body = dict({"RoleArn": self.server.role_arn}, **body)  # the ECS agent's member order
        self._reply(200, body, entry=entry, fault=fault)


# ---------------------------------------------------------------- IMDSv2
def imds_error_page(status):
    """The XHTML document EC2's metadata service answers errors with."""
    title = "%d - %s" % (status, http.HTTPStatus(status).phrase)
    return ('<?xml version="1.0" encoding="iso-8859-1"?>\n'
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n'
            '\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n'
            ' <head>\n  <title>%s</title>\n </head>\n <body>\n  <h1>%s</h1>\n </body>\n</html>\n' % (title, title))


class ImdsHandler(_Base):
    def _is_imds_token(self):
        return self.command == "PUT" and self.path.split("?")[0] == "/latest/api/token"

    def _imds_error(self, status, entry, fault=None):
        entry["code"] = str(status)
        self._reply(status, imds_error_page(status), ctype="text/html", entry=entry, fault=fault)

    def _token_ok(self, now):
        token = self.headers.get("X-aws-ec2-metadata-token")
        if token is None:
            return None
        with self.server.imds_lock:
            exp = self.server.imds_tokens.get(token)
        return exp is not None and now < exp

    def answer(self, entry):
        creds = self.server.creds
        cfg = creds.snapshot()
        now = creds.clock()
        path = self.path.split("?")[0]
        fault = self._fault(entry)
        if fault and fault.get("raw_body") is not None:
            return self._reply(int(fault.get("status", 200)), fault["raw_body"], ctype="text/plain",
                               entry=entry, fault=fault)
        if fault and fault.get("status"):
            return self._imds_error(int(fault["status"]), entry, fault)
        if path == "/latest/api/token":
            if self.command != "PUT":
                return self._imds_error(405, entry)
            if self.headers.get("X-Forwarded-For") is not None:  # IMDS refuses proxied token requests
                return self._imds_error(403, entry)
            ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds")
            if ttl is None or not ttl.isdigit() or not 1 <= int(ttl) <= IMDS_MAX_TTL:
                return self._imds_error(400, entry)
            token = "AQAEA" + secrets.token_urlsafe(42)
            with self.server.imds_lock:
                self.server.imds_tokens[token] = now + int(ttl)
            entry["ttl"] = int(ttl)
            return self._reply(200, token, ctype="text/plain",
                               headers=[("X-Aws-Ec2-Metadata-Token-Ttl-Seconds", ttl)], entry=entry, fault=fault)
        if self.command != "GET":
            return self._imds_error(405, entry)
        ok = self._token_ok(now)
        entry["token"] = {None: "none", True: "ok", False: "invalid"}[ok]
        if ok is False or (ok is None and not cfg["imds_v1_allowed"]):
            return self._imds_error(401, entry)
        role = cfg["imds_role"]
        if path in (IMDS_CREDS, IMDS_CREDS[:-1]):
            if not role:
                return self._imds_error(404, entry)
            return self._reply(200, role, ctype="text/plain", entry=entry, fault=fault)
        if path.startswith(IMDS_CREDS) and role and path[len(IMDS_CREDS):].rstrip("/") == role:
            c = creds.issue("imds", role=role)
            entry["access_key_id"] = c["access_key_id"]
            doc = [("Code", "Success"), ("LastUpdated", c["last_updated"]), ("Type", "AWS-HMAC"),
                   ("AccessKeyId", c["access_key_id"]), ("SecretAccessKey", c["secret"]),
                   ("Token", c["token"]), ("Expiration", c["expiration"])]
            # IMDS pretty-prints with a space on both sides of every colon.
            body = "{\n" + ",\n".join('  "%s" : %s' % (k, json.dumps(v)) for k, v in doc) + "\n}"
            return self._reply(200, body, ctype="text/plain", entry=entry, fault=fault)
        return self._imds_error(404, entry)


def start(kind, addr, creds, tls_ctx=None, verbose=False, **attrs):
    handler = {"iot": IotHandler, "container": ContainerHandler, "imds": ImdsHandler}[kind]
    server = CredListener(addr, handler, creds, kind, tls_ctx, verbose)
    for k, v in attrs.items():
        setattr(server, k, v)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
