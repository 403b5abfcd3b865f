# SPDX-License-Identifier: MIT
"""Helpers for test_endpoint_boto3.py: start/stop an endpoint, control calls, boto3 clients,
SigV4-signed raw requests over a bare socket (to see the bytes on the wire), and
model-driven normalisation of items for comparison. Shares no code with the endpoint."""
import datetime
import http.client
import json
import os
import sys
import selectors
import signal
import socket
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "aws-models"))
os.environ["AWS_DATA_PATH"] = MODELS  # Debian's botocore does not know bedrock without it

import boto3  # noqa: E402
import botocore.session  # noqa: E402
from botocore import xform_name  # noqa: E402,F401  (the AWS CLI's member -> option rule)
from botocore.auth import SigV4Auth  # noqa: E402
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402

AK, SK = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
REGION = "us-east-1"
# The operations tinyaws knows: the list its generators read (src/operations.json).
DATA_FILE = os.path.normpath(os.path.join(HERE, "..", "..", "src", "operations.json"))
with open(DATA_FILE, encoding="utf-8") as _f:
    OPERATIONS = json.load(_f)["operations"]
_session = botocore.session.get_session()
SERVICE_MODELS = {e["service"]: _session.get_service_model(e["service"]) for e in OPERATIONS}
SIGNING = {s: m.signing_name for s, m in SERVICE_MODELS.items()}  # bedrock-runtime signs as bedrock


def paginator(service, op):
    """botocore's paginator entry of an operation (result_key, input_token, limit_key ...)."""
    return _session.get_paginator_model(service).get_paginator(op)


class Endpoint:
    def __init__(self, *args, state_dir=None):
        cmd = ["/usr/bin/python3", os.path.join(HERE, "aws_endpoint.py")] + list(args)
        if state_dir:
            cmd += ["--state-dir", state_dir]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def wait_ready(self, timeout=20):
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            raise RuntimeError("endpoint not ready: " + self.proc.stderr.read1(4096).decode())
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("endpoint died: " + self.proc.stderr.read().decode())
        self.ready = json.loads(line)
        self.https, self.http, self.ca = self.ready["https_port"], self.ready["http_port"], self.ready["ca"]
        return self

    def stop(self):
        """SIGTERM, and the exit status (0 means a clean shutdown)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None
        finally:
            self.proc.stdout.close()
            self.proc.stderr.close()

    def control(self, method, path, body=None, header=True):
        """(status, parsed JSON) of a control call over plain HTTP."""
        conn = http.client.HTTPConnection("127.0.0.1", self.http, timeout=10)
        headers = {"X-Tinyaws-Control": "1"} if header else {}
        data = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=data, headers=headers)
        r = conn.getresponse()
        out = r.read()
        conn.close()
        return r.status, json.loads(out) if out else None

    def config(self, **knobs):
        status, out = self.control("POST", "/__tinyaws/config", knobs)
        assert status == 200, out
        return out

    def client(self, service, scheme="https", ak=AK, sk=SK, token=None, retries=1, read_timeout=20):
        port = self.https if scheme == "https" else self.http
        return boto3.client(
            service, region_name=REGION, endpoint_url="%s://localhost:%d" % (scheme, port),
            verify=self.ca if scheme == "https" else None,
            aws_access_key_id=ak, aws_secret_access_key=sk, aws_session_token=token,
            config=Config(retries={"mode": "standard", "total_max_attempts": retries},
                          read_timeout=read_timeout, connect_timeout=5))


def sign(method, url, service, body=b"", headers=None, ak=AK, sk=SK, amz_date=None):
    """Headers (list) of a SigV4-signed request; amz_date lets a test pick the signing time."""
    req = AWSRequest(method=method, url=url, data=body, headers=dict(headers or {}))
    amz_date = amz_date or datetime.datetime.utcnow().strftime("%Y%m%dT%H%M%SZ")
    req.context["timestamp"] = amz_date
    req.headers["X-Amz-Date"] = amz_date
    signer = SigV4Auth(Credentials(ak, sk), SIGNING[service], REGION)
    cr = signer.canonical_request(req)
    sig = signer.signature(signer.string_to_sign(req, cr), req)
    scope = "%s/%s/%s/%s/aws4_request" % (ak, amz_date[:8], REGION, SIGNING[service])
    signed = ";".join(sorted(signer.headers_to_sign(req)))
    req.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=%s, SignedHeaders=%s, Signature=%s" % (
        scope, signed, sig)
    return list(req.headers.items())


class Raw:
    """One response as it was on the wire."""

    def __init__(self, f):
        self.status_line = f.readline().decode("latin-1").rstrip("\r\n")
        self.status = int(self.status_line.split()[1])
        self.headers = []
        while True:
            line = f.readline().decode("latin-1")
            if line in ("\r\n", "\n", ""):
                break
            k, _, v = line.partition(":")
            self.headers.append((k.strip(), v.strip()))
        self.wire, self.chunk_sizes, self.chunk_lines, self.trailers = b"", [], [], []
        if "chunked" in self.header("Transfer-Encoding", "").lower():
            body = b""
            while True:
                line = f.readline()
                self.wire += line
                self.chunk_lines.append(line)
                size = int(line.split(b";")[0].strip(), 16)
                self.chunk_sizes.append(size)
                if size == 0:
                    while True:
                        t = f.readline()
                        self.wire += t
                        if t in (b"\r\n", b"\n", b""):
                            break
                        self.trailers.append(t.decode().strip())
                    break
                data = f.read(size)
                body += data
                self.wire += data + f.readline()
            self.body = body
        else:
            self.body = f.read(int(self.header("Content-Length", "0")))
            self.wire = self.body

    def header(self, name, default=None):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return default

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class RawConn:
    """Plain-HTTP keep-alive connection that signs requests and returns Raw responses."""

    def __init__(self, port):
        self.port = port
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.f = self.sock.makefile("rb")

    def send(self, method, target, service, body=b"", headers=None, sign_it=True, **kw):
        host = "127.0.0.1:%d" % self.port
        hdrs = dict(headers or {})
        hdrs["Host"] = host
        if sign_it:
            items = sign(method, "http://%s%s" % (host, target), service, body, hdrs, **kw)
        else:
            items = list(hdrs.items())
        if body:
            items.append(("Content-Length", str(len(body))))
        head = "%s %s HTTP/1.1\r\n" % (method, target) + "".join("%s: %s\r\n" % kv for kv in items) + "\r\n"
        self.sock.sendall(head.encode("latin-1") + body)
        return Raw(self.f)

    def at_eof(self):
        return self.f.read(1) == b""

    def close(self):
        self.f.close()
        self.sock.close()


def ssm_body(**members):
    return json.dumps(members).encode()


SSM_HEADERS = {"X-Amz-Target": "AmazonSSM.DescribeMaintenanceWindowExecutionTaskInvocations",
               "Content-Type": "application/x-amz-json-1.1"}


def to_ms(value):
    """A timestamp as boto3 (datetime) or the wire (ISO string / epoch number) gives it -> ms."""
    if isinstance(value, datetime.datetime):
        return round(value.timestamp() * 1000)
    if isinstance(value, str):
        dt = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
        return round(dt.timestamp() * 1000)
    return round(value * 1000)


def normalize(shape, value):
    """Same structure, timestamps as integer ms, so boto3 output and wire items compare exactly."""
    if shape.type_name == "structure":
        return {k: normalize(shape.members[k], v) if k in shape.members else ("UNKNOWN", v)
                for k, v in value.items()}
    if shape.type_name == "list":
        return [normalize(shape.member, v) for v in value]
    if shape.type_name == "timestamp":
        return to_ms(value)
    return value


def item_shape(service, op):
    """The summary item shape of an operation's result list (first list member of the output)."""
    out = SERVICE_MODELS[service].operation_model(op).output_shape
    for m in out.members.values():
        if m.type_name == "list":
            return m.member
    raise KeyError(op)


def run_module_tests(module_name, names=(), verbosity=1, stream=None):
    """Runs a test module's unittest cases (only those named, "Class" or "Class.test", when
    names are given); the last line is "N passed, M failed" (make test), skipped cases in
    neither. stream: where unittest reports (stderr by default)."""
    import unittest
    loader, module = unittest.defaultTestLoader, sys.modules[module_name]
    suite = loader.loadTestsFromNames(names, module) if names else loader.loadTestsFromModule(module)
    result = unittest.TextTestRunner(verbosity=verbosity, stream=stream or sys.stderr).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    print("%d passed, %d failed" % (result.testsRun - failed - len(result.skipped), failed))
    return 1 if failed or result.testsRun == 0 else 0
