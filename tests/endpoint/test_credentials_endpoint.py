#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Proves the local endpoint's credential servers with clients that already speak their
protocols: Debian's botocore/boto3 (container credentials, IMDSv2), Debian's AWS CLI v2
(/usr/bin/aws, the same two) and a raw TLS client with and without client certificates (the
AWS IoT credentials provider, Python's ssl). The credentials each issues must list through the
AWS endpoint until they expire, and then be refused with ExpiredTokenException (bedrock 403,
SSM 400 with __type), while the static keys keep working.

Expected values come from the protocols (the botocore fetchers' own parsing, the AWS CLI's
exit codes and messages, AWS's documented error bodies), never from the endpoint's code.
Run: /usr/bin/python3 tests/endpoint/test_credentials_endpoint.py
"""
import contextlib
import datetime
import http.client
import json
import os
import re
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
from testlib import AK, MODELS, REGION, SK, Endpoint  # noqa: E402

import boto3  # noqa: E402  (after testlib: it sets AWS_DATA_PATH)
import botocore.utils  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError, MetadataRetrievalError, NoCredentialsError  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402

ALIAS, THING, THING2 = "tinyaws-role-alias", "tinyaws-thing", "tinyaws-thing-2"
TOKEN = "tinyaws-container-token"
CPATH = "/2016-11-01/credentialprovider/"
ROLE = "tinyaws-instance-role"
SSM_OP = "DescribeMaintenanceWindowExecutionTaskInvocations"
EXPIRED_MSG = "The security token included in the request is expired"
INVALID_MSG = "The security token included in the request is invalid."
TMP = tempfile.TemporaryDirectory(prefix="tinyaws-cred-test-")
NOFILE = os.path.join(TMP.name, "no-such-file")
EP = None
IMPORT_JOBS = []   # the dataset of ListModelImportJobs (wire items)
SSM_TARGET = None  # (WindowExecutionId, TaskId, count) of a pair with invocations


def setUpModule():
    global EP, SSM_TARGET
    EP = Endpoint("--https-port", "0", "--http-port", "0", "--iot-port", "0", "--container-port", "0",
                  "--imds-port", "0", "--async-invokes", "3", "--copy-jobs", "3", "--invocation-jobs", "3",
                  "--import-jobs", "7", "--ssm-invocations", "4", "--default-page-size", "3,10",
                  state_dir=os.path.join(TMP.name, "ep")).wait_ready()
    status, items = EP.control("GET", "/__tinyaws/dataset/ListModelImportJobs")
    assert status == 200 and len(items) == 7
    IMPORT_JOBS.extend(items)
    SSM_TARGET = [t for t in EP.control("GET", "/__tinyaws/ssm-targets")[1] if t["count"] > 0][0]


def tearDownModule():
    if EP and EP.proc.poll() is None:
        EP.stop()
    TMP.cleanup()


def port(kind):
    return EP.ready[kind + "_port"]


def iot_file(name):
    return os.path.join(EP.ready["iot_dir"], name)


@contextlib.contextmanager
def aws_env(**kv):
    """os.environ with no AWS settings but these (no keys, no profile files): botocore's own
    provider chain then finds only what the test points it at."""
    saved = dict(os.environ)
    for k in list(os.environ):
        if k.startswith("AWS_") and k != "AWS_DATA_PATH":
            del os.environ[k]
    os.environ.update(AWS_CONFIG_FILE=NOFILE, AWS_SHARED_CREDENTIALS_FILE=NOFILE, AWS_REGION=REGION, **kv)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def container_env(token=TOKEN):
    return {"AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:%d%s" % (port("container"), CPATH),
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": token, "AWS_EC2_METADATA_DISABLED": "true"}


def imds_env():
    return {"AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:%d/" % port("imds")}


def client(service, session=None, **keys):
    """A boto3 client of the HTTPS endpoint: with keys (static) or the session's provider chain."""
    session = session or boto3.Session(region_name=REGION)
    return session.client(service, region_name=REGION, endpoint_url="https://localhost:%d" % EP.https,
                          verify=EP.ca, config=Config(retries={"mode": "standard", "total_max_attempts": 1}),
                          **keys)


def static(frozen):
    return {"aws_access_key_id": frozen.access_key, "aws_secret_access_key": frozen.secret_key,
            "aws_session_token": frozen.token}


def list_imports(c):
    out = []
    for page in c.get_paginator("list_model_import_jobs").paginate():
        out.extend(page["modelImportJobSummaries"])
    return out


def list_ssm(c):
    out = []
    for page in c.get_paginator("describe_maintenance_window_execution_task_invocations").paginate(
            WindowExecutionId=SSM_TARGET["WindowExecutionId"], TaskId=SSM_TARGET["TaskId"]):
        out.extend(page["WindowExecutionTaskInvocationIdentities"])
    return out


def creds_control(method, sub="", body=None):
    return EP.control(method, "/__tinyaws/credentials" + sub, body)


def cred_stats():
    return creds_control("GET", "/stats")[1]


def raw(kind, method, path, headers=None):
    """(status, lower-cased headers, body bytes) of one plain-HTTP request to a credential server."""
    conn = http.client.HTTPConnection("127.0.0.1", port(kind), timeout=10)
    conn.request(method, path, headers=headers or {})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def iot_context(cert=None, key=None, tls=None):
    ctx = ssl.create_default_context(cafile=EP.ca)
    if tls:
        ctx.minimum_version = ctx.maximum_version = tls
    if cert:
        ctx.load_cert_chain(iot_file(cert), iot_file(key))
    return ctx


def iot_get(cert="thing-ec.pem", key="thing-ec-key.pem", thing=THING, alias=ALIAS, host="localhost", tls=None,
            path=None, conn=None):
    own = conn is None
    if own:
        conn = http.client.HTTPSConnection(host, port("iot"), context=iot_context(cert, key, tls), timeout=10)
    conn.request("GET", path or "/role-aliases/%s/credentials" % alias,
                 headers={"x-amzn-iot-thingname": thing} if thing else {})
    r = conn.getresponse()
    body = r.read()
    if own:
        conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def parse_iso_z(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp()


def run_aws(args, env):
    full = {"PATH": "/usr/bin:/bin", "HOME": TMP.name, "AWS_DATA_PATH": MODELS, "AWS_CA_BUNDLE": EP.ca,
            "AWS_REGION": REGION, "AWS_CONFIG_FILE": NOFILE, "AWS_SHARED_CREDENTIALS_FILE": NOFILE,
            "AWS_PAGER": ""}
    full.update(env)
    return subprocess.run(["/usr/bin/aws"] + args + ["--endpoint-url", "https://localhost:%d" % EP.https],
                          env=full, capture_output=True, text=True, timeout=60)


class Base(unittest.TestCase):
    maxDiff = 2000

    def setUp(self):
        self.assertEqual(creds_control("POST", "/reset")[0], 200)
        self.assertEqual(EP.control("POST", "/__tinyaws/reset")[0], 200)

    def config(self, **knobs):
        status, out = creds_control("POST", "/config", knobs)
        self.assertEqual(status, 200, out)

    def assertExpired(self, keys):
        """bedrock: 403 with the restJson1 error header and body; SSM: 400 with __type."""
        with self.assertRaises(ClientError) as cm:
            client("bedrock", **keys).list_model_import_jobs()
        r = cm.exception.response
        self.assertEqual((r["Error"]["Code"], r["Error"]["Message"], r["ResponseMetadata"]["HTTPStatusCode"]),
                         ("ExpiredTokenException", EXPIRED_MSG, 403))
        self.assertTrue(r["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"].startswith("ExpiredTokenException:"))
        with self.assertRaises(ClientError) as cm:
            list_ssm(client("ssm", **keys))
        r = cm.exception.response
        self.assertEqual((r["Error"]["Code"], r["Error"]["Message"], r["ResponseMetadata"]["HTTPStatusCode"]),
                         ("ExpiredTokenException", EXPIRED_MSG, 400))
        last = EP.control("GET", "/__tinyaws/log")[1][-1]
        self.assertEqual((last["op"], last["code"], last["status"]), (SSM_OP, "ExpiredTokenException", 400))


# ---------------------------------------------------------------- container credentials
class Container(Base):
    def test_boto3_lists_with_container_credentials(self):
        with aws_env(**container_env()):
            session = boto3.Session(region_name=REGION)
            frozen = session.get_credentials().get_frozen_credentials()
            self.assertEqual(len(list_imports(client("bedrock", session))), len(IMPORT_JOBS))
            self.assertEqual(len(list_ssm(client("ssm", session))), SSM_TARGET["count"])
        self.assertTrue(re.fullmatch(r"ASIA[A-Z2-7]{16}", frozen.access_key))
        self.assertEqual((len(frozen.secret_key), len(frozen.token)), (40, 1000))
        issued = creds_control("GET", "/issued")[1]
        self.assertEqual([(c["provider"], c["access_key_id"], c["expired"]) for c in issued],
                         [("container", frozen.access_key, False)])
        log = EP.control("GET", "/__tinyaws/log")[1]
        self.assertGreaterEqual(len(log), 4)  # 3 pages of import jobs (page size 3) and SSM
        self.assertTrue(all(e["temp_credentials"] == "container" and e["status"] == 200 for e in log))
        stats = cred_stats()
        self.assertEqual((stats["container"]["requests"], stats["container"]["issued"]), (1, 1))
        self.assertEqual(stats["aws"]["temporary_accepted"], len(log))
        self.assertNotIn(frozen.secret_key, json.dumps(log) + json.dumps(creds_control("GET", "/log")[1]))

    def test_expiry_then_expired_token_exception_and_a_fresh_fetch(self):
        # Long enough for a listing on a loaded machine (CI runs two lanes at once), short
        # enough to wait out; the second fetch's credentials need not expire at all.
        self.config(container_lifetime=6)
        with aws_env(**container_env()):
            first = boto3.Session(region_name=REGION).get_credentials().get_frozen_credentials()
        keys = static(first)
        self.assertEqual(len(list_imports(client("bedrock", **keys))), len(IMPORT_JOBS))
        exp = [c for c in creds_control("GET", "/issued")[1] if c["access_key_id"] == first.access_key][0]
        time.sleep(max(0.0, exp["expires_at"] - time.time()) + 0.05)  # the endpoint's clock is the host's
        self.assertExpired(keys)
        self.assertEqual(cred_stats()["aws"]["expired_refused"], 2)
        self.config(container_lifetime=900)
        with aws_env(**container_env()):  # a new fetch gets new, working credentials
            second = boto3.Session(region_name=REGION).get_credentials().get_frozen_credentials()
        self.assertNotEqual(second.access_key, first.access_key)
        self.assertEqual(len(list_imports(client("bedrock", **static(second)))), len(IMPORT_JOBS))

    def test_lifetime_and_expiration_styles(self):
        for style, pattern in (("z", r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"), ("millis", r".{19}\.000Z"),
                               ("offset", r".{19}\+00:00")):
            self.config(container_lifetime=900, expiration_style=style)
            status, _, body = raw("container", "GET", CPATH, {"Authorization": TOKEN})
            doc = json.loads(body)
            self.assertEqual(status, 200)
            self.assertRegex(doc["Expiration"], pattern)
            left = datetime.datetime.fromisoformat(doc["Expiration"].replace("Z", "+00:00")).timestamp() - time.time()
            self.assertTrue(895 <= left <= 901, left)
        self.assertEqual(list(doc), ["RoleArn", "AccessKeyId", "SecretAccessKey", "Token", "Expiration"])

    def test_botocore_fetcher_refused_without_the_right_token(self):
        fetcher = botocore.utils.ContainerMetadataFetcher(sleep=lambda s: None)
        url = "http://127.0.0.1:%d%s" % (port("container"), CPATH)
        for headers, code in (({"Authorization": "not-the-token"}, "InvalidIdInRequest"), ({}, "NoIdInRequest")):
            with self.assertRaises(MetadataRetrievalError) as cm:
                fetcher.retrieve_full_uri(url, headers=headers)
            self.assertIn("Received non 200 response (400)", str(cm.exception))
            self.assertIn('"code":"%s"' % code, str(cm.exception))
        got = fetcher.retrieve_full_uri(url, headers={"Authorization": TOKEN})
        self.assertEqual(sorted(got), ["AccessKeyId", "Expiration", "RoleArn", "SecretAccessKey", "Token"])
        # botocore tries 3 times: 6 refused requests and the good one
        self.assertEqual((cred_stats()["container"]["requests"], cred_stats()["container"]["errors"]), (7, 6))

    def test_token_knob_and_greengrass_style(self):
        self.config(container_token="rotated")
        self.assertEqual(raw("container", "GET", CPATH, {"Authorization": TOKEN})[0], 400)
        self.assertEqual(raw("container", "GET", CPATH, {"Authorization": "rotated"})[0], 200)
        self.assertEqual(raw("container", "GET", "/v2/credentials/x", {"Authorization": "rotated"})[:3:2],
                         (404, b"404 page not found\n"))
        self.config(container_style="greengrass")
        for headers, want in (({"Authorization": TOKEN}, 403), ({}, 403)):
            status, hdrs, body = raw("container", "GET", CPATH, headers)
            self.assertEqual((status, body, hdrs["content-length"]), (want, b"", "0"))
        self.assertEqual(raw("container", "POST", CPATH, {"Authorization": "rotated"})[0], 405)
        status, _, body = raw("container", "GET", CPATH, {"Authorization": "rotated"})
        self.assertEqual((status, sorted(json.loads(body))),
                         (200, ["AccessKeyId", "Expiration", "SecretAccessKey", "Token"]))
        self.assertEqual(creds_control("POST", "/config", {"container_token": "a\r\nb"})[0], 400)

    def test_faults(self):
        self.assertEqual(creds_control("POST", "/faults", [{"provider": "container", "status": 503},
                                                           {"provider": "container", "status": 500}])[0], 200)
        status, _, body = raw("container", "GET", CPATH, {"Authorization": TOKEN})
        self.assertEqual((status, json.loads(body)["code"]), (503, "CredentialsUninitialized"))
        status, _, body = raw("container", "GET", CPATH, {"Authorization": TOKEN})
        self.assertEqual((status, json.loads(body)["code"]), (500, "InternalServerError"))
        self.assertEqual(raw("container", "GET", CPATH, {"Authorization": TOKEN})[0], 200)
        self.assertEqual(creds_control("POST", "/faults", [{"provider": "nope"}])[0], 400)

    def test_aws_cli_lists_with_container_credentials_then_expired(self):
        r = run_aws(["bedrock", "list-model-import-jobs"], container_env())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(json.loads(r.stdout)["modelImportJobSummaries"]), len(IMPORT_JOBS))
        issued = creds_control("GET", "/issued")[1]
        self.assertEqual([c["provider"] for c in issued], ["container"])
        self.assertTrue(all(e.get("temp_credentials") == "container" for e in EP.control("GET", "/__tinyaws/log")[1]))
        # The same credentials after they expired, handed to the AWS CLI as environment keys.
        _, _, body = raw("container", "GET", CPATH, {"Authorization": TOKEN})
        doc = json.loads(body)
        self.assertEqual(creds_control("POST", "/expire", {"access_key_id": doc["AccessKeyId"]})[1], {"expired": 1})
        env = {"AWS_ACCESS_KEY_ID": doc["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": doc["SecretAccessKey"],
               "AWS_SESSION_TOKEN": doc["Token"]}
        before = len(EP.control("GET", "/__tinyaws/log")[1])
        r = run_aws(["bedrock", "list-model-import-jobs"], env)
        self.assertEqual(r.returncode, 254, r.stderr)
        # not retried: the AWS CLI's standard retry mode does not retry an expired token
        self.assertEqual(len(EP.control("GET", "/__tinyaws/log")[1]), before + 1)
        self.assertEqual("\nAn error occurred (ExpiredTokenException) when calling the ListModelImportJobs "
                         "operation: %s\n" % EXPIRED_MSG, r.stderr)
        r = run_aws(["ssm", "describe-maintenance-window-execution-task-invocations", "--window-execution-id",
                     SSM_TARGET["WindowExecutionId"], "--task-id", SSM_TARGET["TaskId"]], env)
        self.assertEqual(r.returncode, 254, r.stderr)
        self.assertEqual("\nAn error occurred (ExpiredTokenException) when calling the "
                         "DescribeMaintenanceWindowExecutionTaskInvocations operation: %s\n" % EXPIRED_MSG, r.stderr)


# ---------------------------------------------------------------- IMDSv2
class Imds(Base):
    def token(self, ttl="60"):
        status, hdrs, body = raw("imds", "PUT", "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": ttl})
        self.assertEqual((status, hdrs["x-aws-ec2-metadata-token-ttl-seconds"]), (200, ttl))
        return body.decode()

    def test_boto3_lists_with_instance_profile_credentials(self):
        with aws_env(**imds_env()):
            session = boto3.Session(region_name=REGION)
            frozen = session.get_credentials().get_frozen_credentials()
            self.assertEqual(session.get_credentials().method, "iam-role")
            self.assertEqual(len(list_imports(client("bedrock", session))), len(IMPORT_JOBS))
            self.assertEqual(len(list_ssm(client("ssm", session))), SSM_TARGET["count"])
        imds = cred_stats()["imds"]
        self.assertEqual((imds["token_requests"], imds["requests"], imds["issued"], imds["errors"]), (1, 2, 1, 0))
        self.assertEqual([c["access_key_id"] for c in creds_control("GET", "/issued")[1]], [frozen.access_key])
        log = creds_control("GET", "/log")[1]
        self.assertEqual([(e["method"], e["path"], e["status"]) for e in log],
                         [("PUT", "/latest/api/token", 200),
                          ("GET", "/latest/meta-data/iam/security-credentials/", 200),
                          ("GET", "/latest/meta-data/iam/security-credentials/" + ROLE, 200)])
        self.assertEqual(log[0]["ttl"], 21600)  # what botocore asks for

    def test_token_required_as_imds_does(self):
        path = "/latest/meta-data/iam/security-credentials/"
        status, hdrs, body = raw("imds", "GET", path)
        self.assertEqual((status, hdrs["content-type"]), (401, "text/html"))
        self.assertIn(b"<title>401 - Unauthorized</title>", body)
        self.assertEqual(raw("imds", "GET", path, {"X-aws-ec2-metadata-token": "forged"})[0], 401)
        for ttl in (None, "0", "21601", "abc"):
            headers = {} if ttl is None else {"X-aws-ec2-metadata-token-ttl-seconds": ttl}
            self.assertEqual(raw("imds", "PUT", "/latest/api/token", headers)[0], 400, ttl)
        self.assertEqual(raw("imds", "PUT", "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": "60",
                                                                  "X-Forwarded-For": "10.0.0.1"})[0], 403)
        self.assertEqual(raw("imds", "GET", "/latest/api/token")[0], 405)
        tok = self.token()
        status, _, body = raw("imds", "GET", path, {"X-aws-ec2-metadata-token": tok})
        self.assertEqual((status, body), (200, ROLE.encode()))
        status, hdrs, body = raw("imds", "GET", path + ROLE, {"X-aws-ec2-metadata-token": tok})
        doc = json.loads(body)
        self.assertEqual(list(doc), ["Code", "LastUpdated", "Type", "AccessKeyId", "SecretAccessKey", "Token",
                                     "Expiration"])
        self.assertEqual((doc["Code"], doc["Type"]), ("Success", "AWS-HMAC"))
        self.assertIn(b'\n  "Code" : "Success",\n', body)  # IMDS's layout: a space either side of ':'
        self.assertEqual(parse_iso_z(doc["Expiration"]) - parse_iso_z(doc["LastUpdated"]), 21600)
        self.assertEqual(raw("imds", "GET", path + "other-role", {"X-aws-ec2-metadata-token": tok})[0], 404)
        short = self.token("1")
        time.sleep(1.05)
        self.assertEqual(raw("imds", "GET", path, {"X-aws-ec2-metadata-token": short})[0], 401)
        self.assertEqual(raw("imds", "GET", path, {"X-aws-ec2-metadata-token": tok})[0], 200)

    def test_knobs_v1_no_role_lifetime(self):
        path = "/latest/meta-data/iam/security-credentials/"
        self.config(imds_v1_allowed=True, imds_lifetime=1200)
        self.assertEqual(raw("imds", "GET", path)[:3:2], (200, ROLE.encode()))
        doc = json.loads(raw("imds", "GET", path + ROLE)[2])
        self.assertEqual(parse_iso_z(doc["Expiration"]) - parse_iso_z(doc["LastUpdated"]), 1200)
        self.config(imds_v1_allowed=False, imds_role="")
        tok = self.token()
        self.assertEqual(raw("imds", "GET", path, {"X-aws-ec2-metadata-token": tok})[0], 404)
        with aws_env(**imds_env()):
            self.assertIsNone(boto3.Session(region_name=REGION).get_credentials())
            with self.assertRaises(NoCredentialsError):
                client("bedrock").list_model_import_jobs()

    def test_expire_then_refused_both_protocols(self):
        with aws_env(**imds_env()):
            frozen = boto3.Session(region_name=REGION).get_credentials().get_frozen_credentials()
        self.assertEqual(len(list_ssm(client("ssm", **static(frozen)))), SSM_TARGET["count"])
        self.assertEqual(creds_control("POST", "/expire", {"provider": "imds"})[1], {"expired": 1})
        self.assertTrue(creds_control("GET", "/issued")[1][0]["expired"])
        self.assertExpired(static(frozen))

    def test_aws_cli_lists_with_imds(self):
        r = run_aws(["bedrock", "list-model-import-jobs", "--max-items", "4"], imds_env())
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(len(out["modelImportJobSummaries"]), 4)
        self.assertIn("NextToken", out)
        self.assertEqual(cred_stats()["imds"]["issued"], 1)
        self.assertTrue(all(e.get("temp_credentials") == "imds" for e in EP.control("GET", "/__tinyaws/log")[1]))


# ---------------------------------------------------------------- AWS IoT credentials provider
class Iot(Base):
    def creds_of(self, body):
        doc = json.loads(body)
        self.assertEqual(list(doc), ["credentials"])
        self.assertEqual(list(doc["credentials"]), ["accessKeyId", "secretAccessKey", "sessionToken", "expiration"])
        c = doc["credentials"]
        return {"aws_access_key_id": c["accessKeyId"], "aws_secret_access_key": c["secretAccessKey"],
                "aws_session_token": c["sessionToken"]}, c["expiration"]

    def test_ec_and_rsa_certificates_over_tls12_and_tls13(self):
        for cert in ("thing-ec", "thing-rsa"):
            for tls in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
                status, hdrs, body = iot_get(cert + ".pem", cert + "-key.pem", tls=tls)
                self.assertEqual((status, hdrs["content-type"]), (200, "application/json"), body)
                keys, expiration = self.creds_of(body)
                self.assertTrue(3595 <= parse_iso_z(expiration) - time.time() <= 3601)
                self.assertEqual(len(list_imports(client("bedrock", **keys))), len(IMPORT_JOBS))
        # the PKCS#8 form of the key is the same key
        self.assertEqual(iot_get("thing-ec.pem", "thing-ec-key-pkcs8.pem")[0], 200)
        issued = creds_control("GET", "/issued")[1]
        self.assertEqual(sorted({(c["provider"], c["cert"], c["thing"]) for c in issued}),
                         [("iot", "thing-ec", THING), ("iot", "thing-rsa", THING)])
        self.assertEqual(cred_stats()["iot"]["issued"], 5)

    def test_files_pem_and_der_agree(self):
        manifest = json.load(open(iot_file("manifest.json"), encoding="utf-8"))
        for name, c in manifest["clients"].items():
            with open(c["cert"], "rb") as f:
                pem = x509.load_pem_x509_certificate(f.read())
            with open(c["cert_der"], "rb") as f:
                self.assertEqual(f.read(), pem.public_bytes(serialization.Encoding.DER), name)
            keys = []
            for path, loader in ((c["key_pem"], serialization.load_pem_private_key),
                                 (c["key_der"], serialization.load_der_private_key),
                                 (c["key_pkcs8"], serialization.load_pem_private_key)):
                with open(path, "rb") as f:
                    keys.append(loader(f.read(), None))
                self.assertEqual(os.stat(path).st_mode & 0o077, 0, path)
            pubs = {k.public_key().public_bytes(serialization.Encoding.DER,
                                                serialization.PublicFormat.SubjectPublicKeyInfo) for k in keys}
            self.assertEqual(pubs, {pem.public_key().public_bytes(serialization.Encoding.DER,
                                                                  serialization.PublicFormat.SubjectPublicKeyInfo)})
            head = open(c["key_pem"], encoding="ascii").readline().strip()
            self.assertEqual(head, "-----BEGIN %s PRIVATE KEY-----" % ("RSA" if c["key"] == "rsa" else "EC"))
            self.assertEqual(open(c["key_pkcs8"], encoding="ascii").readline().strip(), "-----BEGIN PRIVATE KEY-----")

    def test_tls_refuses_no_certificate_other_ca_expired_not_yet_valid(self):
        before = cred_stats()["iot"]["tls_handshake_failures"]
        cases = [(None, None), ("other-ca-ec.pem", "other-ca-ec-key.pem"), ("expired-ec.pem", "expired-ec-key.pem"),
                 ("notyet-ec.pem", "notyet-ec-key.pem")]
        for tls in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
            for cert, key in cases:
                with self.assertRaises((ssl.SSLError, OSError, http.client.HTTPException), msg=(cert, tls)):
                    iot_get(cert, key, tls=tls)
        deadline = time.time() + 5
        while cred_stats()["iot"]["tls_handshake_failures"] < before + 8 and time.time() < deadline:
            time.sleep(0.02)
        stats = cred_stats()["iot"]
        self.assertEqual((stats["tls_handshake_failures"] - before, stats["requests"], stats["issued"]), (8, 0, 0))

    def test_thing_and_role_alias_checks_as_aws_iot(self):
        def err(status, message, code, **kw):
            st, hdrs, body = iot_get(**kw)
            self.assertEqual((st, json.loads(body), hdrs["x-amzn-errortype"]), (status, {"message": message}, code),
                             kw)
            self.assertIn("x-amzn-requestid", hdrs)
        invalid = ("Invalid thing name passed", "AccessDeniedException")
        err(403, *invalid, thing="no-such-thing")
        err(403, *invalid, thing="bad thing name")
        err(403, *invalid, thing=THING2)                                             # not attached to thing-ec
        err(403, *invalid, cert="thing2-ec.pem", key="thing2-ec-key.pem")             # not attached to THING
        err(403, *invalid, cert="unattached-ec.pem", key="unattached-ec-key.pem")
        self.assertEqual(iot_get(cert="thing2-ec.pem", key="thing2-ec-key.pem", thing=THING2)[0], 200)
        self.assertEqual(iot_get(cert="unattached-ec.pem", key="unattached-ec-key.pem", thing=None)[0], 200)
        self.assertEqual(iot_get(thing=None)[0], 200)  # the header is optional
        err(404, "Role alias does not exist", "ResourceNotFoundException", alias="no-such-alias")
        err(404, "Role alias does not exist", "ResourceNotFoundException", alias="bad%20alias")
        err(404, "Not Found", "ResourceNotFoundException", path="/role-aliases/%s/other" % ALIAS)
        self.config(iot_revoked_things=[THING])
        err(403, *invalid)
        self.config(iot_revoked_things=[], iot_policy_denied=True)
        err(403, "Access Denied", "AccessDeniedException")
        self.config(iot_policy_denied=False)
        self.assertEqual(iot_get()[0], 200)
        stats = cred_stats()["iot"]
        self.assertEqual((stats["requests"], stats["issued"], stats["errors"]), (14, 4, 10))
        thing_log = [(e["cert"], e["thing"], e["status"]) for e in creds_control("GET", "/log")[1]][:3]
        self.assertEqual(thing_log, [("thing-ec", "no-such-thing", 403), ("thing-ec", "bad thing name", 403),
                                     ("thing-ec", THING2, 403)])

    def test_faults_each_status_with_its_error_type(self):
        want = {400: "InvalidRequestException", 401: "UnauthorizedException", 429: "ThrottlingException",
                500: "InternalFailureException", 503: "ServiceUnavailableException"}
        faults = [{"provider": "iot", "status": s} for s in want] + [
            {"provider": "iot", "status": 429, "message": "Rate exceeded", "headers": {"Retry-After": "1"}},
            {"provider": "iot", "raw_body": "{\"credentials\":", "status": 200}]
        self.assertEqual(creds_control("POST", "/faults", faults)[0], 200)
        conn = http.client.HTTPSConnection("localhost", port("iot"), context=iot_context("thing-ec.pem",
                                                                                         "thing-ec-key.pem"))
        for status, code in want.items():
            st, hdrs, body = iot_get(conn=conn)
            self.assertEqual((st, hdrs["x-amzn-errortype"], sorted(json.loads(body))), (status, code, ["message"]))
        st, hdrs, body = iot_get(conn=conn)
        self.assertEqual((st, hdrs["retry-after"], json.loads(body)), (429, "1", {"message": "Rate exceeded"}))
        self.assertEqual(iot_get(conn=conn)[::2], (200, b"{\"credentials\":"))
        first = self.creds_of(iot_get(conn=conn)[2])[0]   # keep-alive: new credentials on the same connection
        second = self.creds_of(iot_get(conn=conn)[2])[0]
        conn.close()
        self.assertNotEqual(first["aws_access_key_id"], second["aws_access_key_id"])
        self.assertEqual(cred_stats()["iot"]["tls_handshakes"], 1)

    def test_require_sni_knob(self):
        self.assertEqual(iot_get(host="127.0.0.1")[0], 200)  # an IP address: Python sends no SNI
        self.config(iot_require_sni=True)
        with self.assertRaises((ssl.SSLError, OSError)):
            iot_get(host="127.0.0.1")
        self.assertEqual(iot_get(host="localhost")[0], 200)
        self.assertEqual([e["sni"] for e in creds_control("GET", "/log")[1]], [None, "localhost"])

    def test_expired_iot_credentials_refused(self):
        self.config(iot_lifetime=900, token_len=2048)
        keys, expiration = self.creds_of(iot_get()[2])
        self.assertEqual(len(keys["aws_session_token"]), 2048)
        self.assertTrue(895 <= parse_iso_z(expiration) - time.time() <= 901)
        self.assertEqual(len(list_ssm(client("ssm", **keys))), SSM_TARGET["count"])
        creds_control("POST", "/expire", {"provider": "iot"})
        self.assertExpired(keys)


# ---------------------------------------------------------------- the AWS endpoint's side
class AwsSide(Base):
    def test_static_keys_still_work_and_wrong_tokens_are_invalid(self):
        self.assertEqual(len(list_imports(client("bedrock", aws_access_key_id=AK, aws_secret_access_key=SK))),
                         len(IMPORT_JOBS))
        _, _, body = raw("container", "GET", CPATH, {"Authorization": TOKEN})
        doc = json.loads(body)
        for token in (None, doc["Token"][:-1] + ("A" if doc["Token"][-1] != "A" else "B")):
            with self.assertRaises(ClientError) as cm:
                client("bedrock", aws_access_key_id=doc["AccessKeyId"], aws_secret_access_key=doc["SecretAccessKey"],
                       aws_session_token=token).list_model_import_jobs()
            err = cm.exception.response["Error"]
            self.assertEqual((err["Code"], err["Message"]), ("UnrecognizedClientException", INVALID_MSG))
        with self.assertRaises(ClientError) as cm:  # the right token, a wrong secret
            client("bedrock", aws_access_key_id=doc["AccessKeyId"], aws_secret_access_key=SK,
                   aws_session_token=doc["Token"]).list_model_import_jobs()
        self.assertEqual(cm.exception.response["Error"]["Code"], "InvalidSignatureException")
        self.assertEqual(cred_stats()["aws"], {"temporary_accepted": 0, "expired_refused": 0, "bad_token_refused": 2})

    def test_control_api(self):
        self.assertEqual(EP.control("GET", "/__tinyaws/credentials", header=False)[0], 403)
        status, doc = creds_control("GET")
        self.assertEqual((status, doc["config"]["container_token"], doc["config"]["imds_role"]), (200, TOKEN, ROLE))
        for bad in ({"nope": 1}, {"iot_lifetime": "1"}, {"iot_lifetime": -1}, {"expiration_style": "roman"},
                    {"token_len": 8}, {"iot_revoked_things": [1]}):
            self.assertEqual(creds_control("POST", "/config", bad)[0], 400, bad)
        self.assertEqual(creds_control("GET", "/registry")[1]["things"],
                         {THING: ["expired-ec", "notyet-ec", "thing-ec", "thing-rsa"], THING2: ["thing2-ec"]})
        self.assertEqual(creds_control("GET", "/nope")[0], 404)


if __name__ == "__main__":
    sys.exit(testlib.run_module_tests(__name__))
