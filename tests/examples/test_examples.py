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
        EP = testlib.Endpoint("--https-port", "0", "--http-port", "0", state_dir=STATE).wait_ready()
        try:
            loader = unittest.defaultTestLoader
            suite = (loader.loadTestsFromNames(sys.argv[2:], sys.modules[__name__]) if sys.argv[2:]
                     else loader.loadTestsFromModule(sys.modules[__name__]))
            result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
        finally:
            EP.stop()
    failed = len(result.failures) + len(result.errors)
    print("%d passed, %d failed" % (result.testsRun - failed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
