# SPDX-License-Identifier: MIT
"""HTTP/1.1 listeners (plain and TLS) and the per-request pipeline:
control API, fault injection, SigV4 check, operation, wire framing, request log.

TLS handshakes run in the connection's own thread (finish_request), never in the accept
loop, so a client that stalls mid-handshake blocks nobody else.
"""
import datetime
import email.utils
import http
import json
import socket
import ssl
import struct
import threading
import time
import traceback
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import TCPServer

import control
import cred_state
import sigv4_check
import wire
from operations import AwsError

HANDSHAKE_TIMEOUT = 10
CORAL = ":http://internal.amazon.com/coral/%s/"
AUTH_NS = "com.amazon.coral.service"
WRITE_BLOCK = 16384


class Listener(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # shutting down must not wait for stalled connections
    request_queue_size = 128

    def __init__(self, addr, app, tls_ctx=None):
        self.app, self.tls_ctx = app, tls_ctx
        self.scheme = "https" if tls_ctx else "http"
        self.local = threading.local()
        if ":" in addr[0]:
            self.address_family = socket.AF_INET6
        super().__init__(addr, Handler)

    def server_bind(self):
        TCPServer.server_bind(self)  # skip HTTPServer's getfqdn(): reverse DNS can stall start-up
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request, client_address):
        # Peers vanishing mid-request are normal in fault tests: tracebacks only with --verbose.
        if self.app.verbose:
            traceback.print_exc()

    def finish_request(self, request, client_address):
        self.local.conn_id = self.app.state.new_connection()
        try:  # responses go out in several writes: without this, Nagle + delayed ACK add ~40 ms
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        if not self.tls_ctx:
            return super().finish_request(request, client_address)
        try:
            request.settimeout(HANDSHAKE_TIMEOUT)
            tls = self.tls_ctx.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            self.app.state.count("tls_handshake_failures")
            return
        self.app.state.count("tls_handshakes")
        version = {"TLSv1.2": "tls12_handshakes", "TLSv1.3": "tls13_handshakes"}.get(tls.version())
        if version:
            self.app.state.count(version)
        try:
            super().finish_request(tls, client_address)
        finally:
            try:
                tls.close()
            except OSError:
                pass


class App:
    """What the handlers share: state, operations, credentials, region."""

    def __init__(self, state, ops, keys, region, verbose=False):
        self.state, self.ops, self.keys, self.region, self.verbose = state, ops, keys, region, verbose

    def now(self, cfg):
        return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=cfg["clock_offset_seconds"])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 60  # idle keep-alive connections are dropped so threads do not pile up

    def log_message(self, fmt, *args):  # the JSON request log replaces stderr chatter
        pass

    def _dispatch(self):
        app = self.server.app
        self.conn_id = self.server.local.conn_id
        try:
            body = self._read_body()
        except (ValueError, OSError):
            self.send_error(400, "Bad request body")
            self.close_connection = True
            return
        parts = urllib.parse.urlsplit(self.path)
        if parts.path.startswith("/__tinyaws/") and self.headers.get("X-Tinyaws-Control") == "1":
            app.state.count("control_requests")
            status, out = control.handle(app.state, app.ops, self.command, parts.path, body,
                                         getattr(app, "creds", None))
            data, close = self._frame(status, [("Content-Type", "application/json")], out, app.state.snapshot(),
                                      plain=True)
            self._send(data, close, None)
            return
        app.state.count("requests")
        self._aws(app, parts, body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _dispatch

    def do_HEAD(self):
        self.close_connection = True  # a HEAD answer has no body; do not reuse the connection
        self._dispatch()

    def _read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            out = bytearray()
            while True:
                size = int(self.rfile.readline(1024).split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline(8192) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline(8)
        n = int(self.headers.get("Content-Length") or 0)
        if n < 0 or n > 1 << 20:
            raise ValueError("bad Content-Length")
        return self.rfile.read(n) if n else b""

    # ---- an AWS request: route, fault, auth, operation
    def _aws(self, app, parts, body):
        cfg = app.state.snapshot()
        target = self.headers.get("X-Amz-Target")
        if parts.path == "/" and self.command == "POST":
            protocol = "json"
            spec = app.ops.json_targets.get(target)
        else:
            protocol = "rest"
            spec = app.ops.rest_routes.get((self.command, parts.path))
        # the models' signing name (bedrock-runtime signs as 'bedrock' too)
        service = spec.signing if spec else app.ops.signing_name(protocol)
        entry = {"t": round(time.time(), 3), "conn": self.conn_id, "tls": self.server.scheme == "https",
                 "method": self.command, "path": parts.path, "query": sigv4_check.redact_query(parts.query),
                 "target": target,
                 "op": spec.name if spec else None, "auth": sigv4_check.redact(self.headers.get("Authorization")),
                 "sig_ok": None, "fault": None}
        fault = app.state.take_fault(spec.name) if spec else None
        if fault:
            entry["fault"] = {k: v for k, v in fault.items() if k != "raw_body"}
            if fault.get("stall_seconds"):
                time.sleep(float(fault["stall_seconds"]))
        try:
            status, headers, out, code = self._answer(app, cfg, spec, protocol, service, parts, body, fault, entry)
        except Exception:  # an endpoint bug must show up as a 500, like a service fault, not a dead socket
            if app.verbose:
                traceback.print_exc()
            internal = "InternalServerException" if protocol == "rest" else "InternalServerError"
            status, headers, out, code = self._error(cfg, protocol, AwsError(internal, "Internal error", 500, 500))
        extra = list((fault or {}).get("headers", {}).items())
        if fault and fault.get("retry_after") is not None:
            extra.append(("Retry-After", str(fault["retry_after"])))
        entry.update(status=status, code=code)
        data, close = self._frame(status, headers + extra, out, cfg, fault=fault)
        entry["bytes"] = len(data)
        app.state.record(entry)  # before sending: a client that saw the answer finds it in the log
        self._send(data, close, fault)

    def _answer(self, app, cfg, spec, protocol, service, parts, body, fault, entry):
        ctype = "application/json" if protocol == "rest" else "application/x-amz-json-1.1"
        if fault and fault.get("raw_body") is not None:
            return int(fault.get("status", 200)), [("Content-Type", ctype)], fault["raw_body"].encode(), None
        if fault and (fault.get("status") or fault.get("throttle")):
            return self._error(cfg, protocol, _fault_error(fault, protocol))
        keys, temp, check = app.keys, None, None
        creds = getattr(app, "creds", None)  # temporary credentials the credential servers issued
        if creds is not None:
            temp = creds.lookup(sigv4_check.access_key_of(self.headers.get("Authorization")))
        if temp:
            keys = {"ak": temp["access_key_id"], "sk": temp["secret"], "token": temp["token"]}
            entry["temp_credentials"] = temp["provider"]

            def check():
                if creds.expired(temp, app.now(cfg).timestamp()):
                    creds.count("aws", "expired_refused")
                    raise sigv4_check.AuthError("ExpiredTokenException", cred_state.EXPIRED_MESSAGE)
        try:
            required = ("host", "x-amz-date", "x-amz-target") if protocol == "json" else ("host", "x-amz-date")
            url = "%s://%s%s" % (self.server.scheme, self.headers.get("Host", ""), self.path)
            try:
                sigv4_check.verify(self.command, url, list(self.headers.items()), body, service, app.region,
                                   keys, app.now(cfg), required, token_check=check)
            except sigv4_check.AuthError as e:
                if temp and e.code == "UnrecognizedClientException":
                    creds.count("aws", "bad_token_refused")
                raise
            if temp:
                creds.count("aws", "temporary_accepted")
            entry["sig_ok"] = True
        except sigv4_check.AuthError as e:
            entry["sig_ok"] = False
            return self._error(cfg, protocol, AwsError(e.code, e.message, 403, 400), AUTH_NS)
        try:
            if spec is None:
                raise AwsError("UnknownOperationException", "Unknown operation %s %s" % (
                    self.command, self.headers.get("X-Amz-Target") or parts.path), 404, 400)
            if protocol == "json" and not self.headers.get("Content-Type", "").startswith("application/x-amz-json-1.1"):
                raise AwsError("UnknownOperationException", "Content-Type must be application/x-amz-json-1.1")
            doc = app.ops.call(spec, parts.query, body, cfg)
        except AwsError as e:
            return self._error(cfg, protocol, e)
        return 200, [("Content-Type", ctype)], wire.encode_json(wire.to_wire(doc, protocol, cfg), cfg), None

    def _error(self, cfg, protocol, err, ns="com.amazon.bedrock"):
        if protocol == "rest":
            headers = [("Content-Type", "application/json"), ("x-amzn-ErrorType", err.code + CORAL % ns)]
            out = json.dumps({"message": err.message}, ensure_ascii=False).encode()
            status = err.rest_status
        else:
            headers = [("Content-Type", "application/x-amz-json-1.1")]
            out = json.dumps({"__type": err.code, cfg["json_error_message_key"]: err.message},
                             ensure_ascii=False).encode()
            status = err.json_status
        return status, headers + err.headers, out, err.code

    # ---- framing: Content-Length or chunked, keep-alive or close, optional truncation
    def _frame(self, status, headers, out, cfg, plain=False, fault=None):
        """(bytes to send, close afterwards); a drop_after_bytes fault cuts the body part."""
        now = self.server.app.now(cfg)
        close = self.close_connection or (cfg["close"] and not plain)
        head = ["HTTP/1.1 %d %s" % (status, http.HTTPStatus(status).phrase),
                "Date: " + email.utils.format_datetime(now, usegmt=True),
                "x-amzn-RequestId: " + str(uuid.uuid4())]
        head += ["%s: %s" % h for h in headers]
        if cfg["chunked"] and not plain:
            if cfg["chunk_ext"]:
                head.append("Trailer: x-tinyaws-trailer")
            head.append("Transfer-Encoding: chunked")
            payload = wire.chunk(out, cfg["chunked"], cfg["chunk_ext"])
        else:
            head.append("Content-Length: %d" % len(out))
            payload = out
        head.append("Connection: " + ("close" if close else "keep-alive"))
        drop = fault.get("drop_after_bytes") if fault else None
        if drop is not None:
            payload = payload[:int(drop)]
        return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + payload, close

    def _send(self, data, close, fault):
        try:
            for i in range(0, len(data), WRITE_BLOCK):
                self.wfile.write(data[i:i + WRITE_BLOCK])
        except OSError:
            self.close_connection = True
            return
        if fault and fault.get("drop_after_bytes") is not None:
            self._abort(bool(fault.get("rst")))
        elif close:
            self.close_connection = True

    def _abort(self, rst):
        """Close mid-response: TCP FIN (or RST), no TLS close_notify."""
        self.close_connection = True
        sock = self.connection
        try:
            if rst:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _fault_error(fault, protocol):
    if fault.get("throttle"):
        msg = "Too many requests, please wait before trying again." if protocol == "rest" else "Rate exceeded"
        return AwsError(fault.get("code", "ThrottlingException"), fault.get("message", msg),
                        int(fault.get("status", 429)), int(fault.get("status", 400)))
    status = int(fault["status"])
    default = {500: "InternalServerException" if protocol == "rest" else "InternalServerError",
               503: "ServiceUnavailableException", 429: "ThrottlingException",
               403: "AccessDeniedException", 404: "ResourceNotFoundException"}.get(status, "ValidationException")
    return AwsError(fault.get("code", default), fault.get("message", "Injected fault"), status, status)


def tls_context(cert, key):
    """TLS 1.2 (what mbedTLS 2.28 speaks) with ECDHE + AES-GCM, TLS 1.3 for modern clients."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_ciphers("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                    "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384")
    ctx.load_cert_chain(cert, key)
    return ctx
