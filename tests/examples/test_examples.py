#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The example programs (examples/) against the local AWS endpoint, over HTTPS with a CA made
at start-up (plain HTTP for custom_port), each output compared with what boto3 lists from the
same endpoint:

- list_failed_invocations: one line "<invocationArn>\\t<failureMessage>" per invocation that
  boto3's ListAsyncInvokes paginator gives for statusEquals=Failed, in its order; the same with
  REGION and ENDPOINT_URL as arguments; usage (exit 2) without credentials or region; a wrong
  secret fails (exit 1, the service's error) and no output shows the secret.
- ssm_resume: runs of MAX_ITEMS items, each continuing from the token file the last one left,
  together equal boto3's full DescribeMaintenanceWindowExecutionTaskInvocations listing (no
  duplicate, no gap); "more" while the listing goes on, "end" and no token file at the end;
  a damaged token file is refused (exit 1, nothing listed).
- custom_port: "<jobArn>\\t<status>" for every ListModelImportJobs item boto3 lists, over
  plain HTTP through the example's own port.
- README.md: every block marked as an excerpt of an example is that file's lines, verbatim.

Usage: test_examples.py <directory of the example binaries> [TestClass ...]
(tests/examples/test_install.sh runs ListFailedInvocations on a copy built from an install.)
"""
import os
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "endpoint"))
import testlib  # noqa: E402  (sets AWS_DATA_PATH for boto3 before it loads)

ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BIN = None
EP = None
STATE = None


def env(**extra):
    e = {"PATH": "/usr/bin:/bin", "AWS_ACCESS_KEY_ID": testlib.AK,
         "AWS_SECRET_ACCESS_KEY": testlib.SK, "AWS_REGION": testlib.REGION,
         "AWS_ENDPOINT_URL": "https://localhost:%d" % EP.https, "AWS_CA_BUNDLE": EP.ca}
    for k, v in extra.items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = v
    return e


def run(name, *args, **extra):
    p = subprocess.run([os.path.join(BIN, name)] + list(args), env=env(**extra),
                       capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def lines(text):
    return text.split("\n")[:-1] if text else []


def one_line(text):
    """The example's escapes of a free text (list_failed_invocations.c's print_one_line)."""
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def boto_items(service, op, key, **params):
    c = EP.client(service)
    out = []
    for page in c.get_paginator(op).paginate(**params):
        out.extend(page[key])
    return out


class ListFailedInvocations(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        items = boto_items("bedrock-runtime", "list_async_invokes", "asyncInvokeSummaries",
                           statusEquals="Failed")
        cls.want = ["%s\t%s" % (i["invocationArn"], one_line(i.get("failureMessage", ""))) for i in items]
        cls.multiline = sum("\n" in i.get("failureMessage", "") for i in items)

    def test_lists_what_boto3_lists(self):
        self.assertGreater(len(self.want), 100)  # several pages of 100
        self.assertGreater(self.multiline, 0)  # messages with line breaks stay one line
        rc, out, err = run("list_failed_invocations")
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(lines(out), self.want)

    def test_region_and_endpoint_as_arguments(self):
        rc, out, err = run("list_failed_invocations", testlib.REGION,
                           "https://127.0.0.1:%d" % EP.https, AWS_REGION=None, AWS_ENDPOINT_URL=None)
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(lines(out), self.want)

    def test_usage(self):
        for extra in ({"AWS_REGION": None}, {"AWS_SECRET_ACCESS_KEY": None}):
            rc, out, err = run("list_failed_invocations", **extra)
            self.assertEqual((rc, out), (2, ""))
            self.assertIn("usage: list_failed_invocations [REGION [ENDPOINT_URL]]", err)

    def test_wrong_secret_fails_and_is_not_shown(self):
        bad = "X" * 20 + testlib.SK[20:]
        rc, out, err = run("list_failed_invocations", AWS_SECRET_ACCESS_KEY=bad)
        self.assertEqual((rc, out), (1, ""))
        self.assertIn("listing: the service returned an error: InvalidSignatureException (HTTP 403)", err)
        self.assertNotIn(bad, err)

    def test_untrusted_ca_fails(self):
        rc, out, err = run("list_failed_invocations", AWS_CA_BUNDLE="/etc/ssl/certs/ca-certificates.crt")
        self.assertEqual((rc, out), (1, ""))
        self.assertTrue(err.startswith("listing: "), err)


class SsmResume(unittest.TestCase):
    def pair(self, count):
        status, targets = EP.control("GET", "/__tinyaws/ssm-targets")
        self.assertEqual(status, 200)
        t = [t for t in targets if t["count"] == count][0]
        return t["WindowExecutionId"], t["TaskId"]

    def want(self, wx, task):
        items = boto_items("ssm", "describe_maintenance_window_execution_task_invocations",
                           "WindowExecutionTaskInvocationIdentities", WindowExecutionId=wx, TaskId=task)
        return ["%s\t%s\t%s" % (i["InvocationId"], i["Status"], i["ExecutionId"]) for i in items]

    def runs(self, count, max_items):
        wx, task = self.pair(count)
        want = self.want(wx, task)
        self.assertEqual(len(want), count)
        with tempfile.TemporaryDirectory() as d:
            tf = os.path.join(d, "token")
            got, ends = [], []
            for _ in range(count // max_items + 1):
                rc, out, err = run("ssm_resume", wx, task, str(max_items), tf)
                self.assertEqual(rc, 0, err)
                got.append(lines(out))
                ends.append(err)
                self.assertEqual(os.path.exists(tf), err == "more\n")
                if err == "end\n":
                    break
            self.assertEqual(os.listdir(d), [])  # no token, no temporary file left
        return want, got, ends

    def test_two_runs_equal_the_full_listing(self):
        want, got, ends = self.runs(57, 30)
        self.assertEqual([len(g) for g in got], [30, 27])
        self.assertEqual(ends, ["more\n", "end\n"])
        self.assertEqual(got[0] + got[1], want)
        self.assertEqual(len(set(got[0]) | set(got[1])), 57)  # no duplicate

    def test_runs_across_service_pages(self):
        # 1200 invocations, the service's 50 a page: runs of 170 stop inside pages.
        want, got, ends = self.runs(1200, 170)
        self.assertEqual([len(g) for g in got], [170] * 7 + [10])
        self.assertEqual(ends, ["more\n"] * 7 + ["end\n"])
        self.assertEqual(sum(got, []), want)

    def test_damaged_token_file_is_refused(self):
        wx, task = self.pair(57)
        with tempfile.TemporaryDirectory() as d:
            tf = os.path.join(d, "token")
            with open(tf, "w") as f:
                f.write("not-a-token\n")
            rc, out, err = run("ssm_resume", wx, task, "10", tf)
            self.assertEqual((rc, out), (1, ""))
            self.assertTrue(err.startswith(("parameters: ", "listing: ")), err)
            with open(tf) as f:
                self.assertEqual(f.read(), "not-a-token\n")  # left for the user to see

    def test_usage(self):
        rc, out, err = run("ssm_resume", "a", "b", "0", "/nonexistent/t")
        self.assertEqual((rc, out), (2, ""))
        self.assertIn("usage: ssm_resume WINDOW_EXECUTION_ID TASK_ID MAX_ITEMS TOKEN_FILE", err)


class CustomPort(unittest.TestCase):
    def test_lists_over_its_own_port(self):
        items = boto_items("bedrock", "list_model_import_jobs", "modelImportJobSummaries")
        want = ["%s\t%s" % (i["jobArn"], i["status"]) for i in items]
        self.assertGreater(len(want), 50)
        rc, out, err = run("custom_port", "http://localhost:%d" % EP.http)
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(lines(out), want)

    def test_usage(self):
        rc, out, err = run("custom_port", "https://localhost:%d" % EP.https)
        self.assertEqual((rc, out), (2, ""))
        self.assertIn("usage: custom_port http://HOST:PORT", err)


class IotDevice(unittest.TestCase):
    """iot_device: no AWS keys anywhere, credentials from the local endpoint's AWS IoT
    credentials provider over mutual TLS (client certificates of a CA made at start-up)."""

    def iot_env(self, cert="thing-ec.pem", key="thing-ec-key.pem", **extra):
        d = EP.ready["iot_dir"]
        e = {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None,
             "TINYAWS_IOT_CREDENTIALS_ENDPOINT": "localhost:%d" % EP.ready["iot_port"],
             "TINYAWS_IOT_ROLE_ALIAS": "tinyaws-role-alias", "TINYAWS_IOT_THING_NAME": "tinyaws-thing",
             "TINYAWS_IOT_CERT_FILE": os.path.join(d, cert), "TINYAWS_IOT_KEY_FILE": os.path.join(d, key)}
        e.update(extra)
        return e

    def stats(self):
        status, st = EP.control("GET", "/__tinyaws/credentials/stats")
        self.assertEqual(status, 200)
        return st

    def setUp(self):
        self.assertEqual(EP.control("POST", "/__tinyaws/credentials/reset")[0], 200)

    @classmethod
    def setUpClass(cls):
        items = boto_items("bedrock", "list_model_invocation_jobs", "invocationJobSummaries")
        cls.want = ["%s\t%s" % (i["jobName"], i["status"]) for i in items]

    def listing(self, **kw):
        rc, out, err = run("iot_device", **self.iot_env(**kw))
        self.assertEqual(rc, 0, err)
        self.assertEqual(lines(out), self.want)
        self.assertEqual(err, "credentials: AWS IoT, thing tinyaws-thing, provider asked 1 time(s)\n")
        st = self.stats()
        # one credential for the whole listing, and every page signed with it
        self.assertEqual((st["iot"]["issued"], st["iot"]["errors"]), (1, 0), st["iot"])
        self.assertEqual(st["aws"]["temporary_accepted"], (len(self.want) + 49) // 50, st["aws"])
        return out + err

    def test_lists_what_boto3_lists_with_iot_credentials(self):
        self.assertGreater(len(self.want), 100)  # several pages of 50
        text = self.listing()
        self.assertGreaterEqual(self.stats()["iot"]["tls_handshakes"], 1)
        # nothing of the device key reaches the output
        with open(os.path.join(EP.ready["iot_dir"], "thing-ec-key.pem")) as f:
            body = [ln for ln in f.read().splitlines() if ln and not ln.startswith("-----")]
        self.assertTrue(body)
        for ln in body:
            self.assertNotIn(ln[:24], text)

    def test_rsa_key_and_der_files(self):
        self.listing(cert="thing-rsa.der", key="thing-rsa-key.der")

    def test_key_of_another_certificate_fails_before_connecting(self):
        rc, out, err = run("iot_device", **self.iot_env(key="thing-rsa-key.pem"))
        self.assertEqual((rc, out), (1, ""))
        self.assertTrue(err.startswith("iot_device: device identity: "), err)
        self.assertIn("the device certificate", err)
        st = self.stats()
        self.assertEqual((st["iot"]["requests"], st["iot"]["tls_handshakes"]), (0, 0))
        self.assertEqual(st["aws"]["temporary_accepted"], 0)

    def test_certificate_of_another_ca_is_refused(self):
        rc, out, err = run("iot_device", **self.iot_env(cert="other-ca-ec.pem", key="other-ca-ec-key.pem"))
        self.assertEqual((rc, out), (1, ""))
        self.assertTrue(err.startswith("iot_device: Error when retrieving credentials from iot: The AWS IoT "
                                       "credentials provider refused the TLS connection ("), err)
        self.assertTrue(err.endswith("provider asked 1 time(s)\n"), err)  # not again per retry
        self.assertGreaterEqual(self.stats()["iot"]["tls_handshake_failures"], 1)
        self.assertEqual(self.stats()["aws"]["temporary_accepted"], 0)

    def test_unknown_thing_is_the_services_error(self):
        rc, out, err = run("iot_device", **self.iot_env(TINYAWS_IOT_THING_NAME="no-such-thing"))
        self.assertEqual((rc, out), (1, ""))
        self.assertIn("iot_device: Error when retrieving credentials from iot: Received non 200 response (403) "
                      "from the AWS IoT credentials provider: ", err)
        self.assertTrue(err.endswith("provider asked 1 time(s)\n"), err)

    def test_under_valgrind(self):
        # the whole device path (identity parsed, mutual TLS, the listing, the wipes) and a
        # refused certificate: no invalid access, no leak
        vg = ["valgrind", "-q", "--error-exitcode=99", "--leak-check=full",
              "--errors-for-leak-kinds=definite,indirect"]
        for kw, want_rc in (({"cert": "thing-rsa.pem", "key": "thing-rsa-key.pem"}, 0),
                            ({"cert": "other-ca-ec.pem", "key": "other-ca-ec-key.pem"}, 1)):
            p = subprocess.run(vg + [os.path.join(BIN, "iot_device")], env=env(**self.iot_env(**kw)),
                               capture_output=True, timeout=300)
            self.assertEqual(p.returncode, want_rc, p.stderr.decode(errors="replace")[-1500:])
            if want_rc == 0:
                self.assertEqual(lines(p.stdout.decode()), self.want)

    def test_a_listing_that_cannot_be_written_fails(self):
        with open("/dev/full", "w") as full:
            p = subprocess.run([os.path.join(BIN, "iot_device")], env=env(**self.iot_env()), stdout=full,
                               stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"iot_device: stdout: No space left on device", p.stderr)

    def test_service_error_words(self):
        # an access refusal from the service after the credentials were had: its code, status
        # and message (device.c builds them without printf)
        status, out = EP.control("POST", "/__tinyaws/faults",
                                 [{"op": "ListModelInvocationJobs", "status": 403, "code": "AccessDeniedException",
                                   "message": "User is not authorized to perform bedrock:ListModelInvocationJobs"}])
        self.assertEqual(status, 200, out)
        rc, out, err = run("iot_device", **self.iot_env())
        self.assertEqual((rc, out), (1, ""))
        self.assertEqual(err, "iot_device: AccessDeniedException (HTTP 403): User is not authorized to perform "
                              "bedrock:ListModelInvocationJobs\n"
                              "credentials: AWS IoT, thing tinyaws-thing, provider asked 1 time(s)\n")

    def test_usage(self):
        rc, out, err = run("iot_device", **self.iot_env(TINYAWS_IOT_THING_NAME=None))
        self.assertEqual((rc, out), (2, ""))
        self.assertIn("iot_device: TINYAWS_IOT_THING_NAME is not set\nusage: iot_device", err)
        rc, out, err = run("iot_device", **self.iot_env(TINYAWS_IOT_KEY_FILE="/nonexistent/key.pem"))
        self.assertEqual((rc, out), (2, ""))
        self.assertIn("iot_device: cannot read the private key /nonexistent/key.pem", err)


class ReadmeExcerpts(unittest.TestCase):
    def test_excerpts_are_verbatim(self):
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        blocks = re.findall(r"<!-- excerpt of (\S+) [^\n]*-->\n```c\n(.*?)\n```", readme, re.S)
        self.assertGreaterEqual(len(blocks), 1)
        for path, block in blocks:
            with open(os.path.join(ROOT, path), encoding="utf-8") as f:
                src = f.read()
            self.assertIn("\n" + block + "\n", src, "%s: README excerpt is not verbatim" % path)
        self.assertIn("cc app.c $(pkg-config --cflags --libs tinyaws)", readme)


def main():
    global BIN, EP, STATE
    BIN = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as STATE:
        EP = testlib.Endpoint("--https-port", "0", "--http-port", "0", "--iot-port", "0",
                              state_dir=STATE).wait_ready()
        try:
            return testlib.run_module_tests(__name__, sys.argv[2:], 2, sys.stdout)
        finally:
            EP.stop()


if __name__ == "__main__":
    sys.exit(main())
