#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Proves the local endpoint faithful with Debian's boto3/botocore (which parse and sign
exactly like AWS SDKs): every item, filter, order, page chain, error and wire variation.

Expected values are computed here from the /__tinyaws/dataset dump and the botocore
service models, never with the endpoint's own code. Run: /usr/bin/python3 tests/endpoint/test_endpoint_boto3.py
"""
import datetime
import json
import os
import re
import signal
import socket
import ssl
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
from testlib import (AK, OPERATIONS, SERVICE_MODELS, SK, SSM_HEADERS, Endpoint, RawConn,  # noqa: E402
                     item_shape, normalize, sign, ssm_body, to_ms)
from testlib import _session  # noqa: E402

import boto3  # noqa: E402  (after testlib: it sets AWS_DATA_PATH)
from botocore import xform_name  # noqa: E402
from botocore.auth import SigV4Auth  # noqa: E402
from botocore.awsrequest import AWSRequest, HTTPHeaders  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402
from botocore.exceptions import ClientError, ParamValidationError, PaginationError  # noqa: E402
from cryptography import x509  # noqa: E402

SSM_OP = "DescribeMaintenanceWindowExecutionTaskInvocations"


def _ops():
    """operation -> (service, python name, result key, time member, path): the data file's list,
    the names and keys from botocore's models (not from the endpoint)."""
    out = {}
    for e in OPERATIONS:
        svc, op = e["service"], e["operation"]
        pag = _session.get_paginator_model(svc).get_paginator(op)
        out[op] = (svc, xform_name(op), pag["result_key"], e["endpoint"]["time"],
                   SERVICE_MODELS[svc].operation_model(op).http["requestUri"])
    return out


OPS = _ops()
BEDROCK_OPS = [o for o in OPS if o != SSM_OP]
SIZES = {e["operation"]: e["endpoint"].get("items") for e in OPERATIONS}  # the data file's defaults
MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your AWS "
            "Secret Access Key and signing method. Consult the service documentation for details.")
FREE_TEXT = {e["operation"]: e["endpoint"].get("free_text", []) for e in OPERATIONS}
UTC = datetime.timezone.utc

EP = None          # the main endpoint (HTTPS + HTTP)
SIDE = {}          # secondary endpoints: cert modes, same seed, other seed + session token
DATA = {}          # operation -> wire items from /__tinyaws/dataset
TARGETS = []       # SSM (WindowExecutionId, TaskId, count)
TMP = tempfile.TemporaryDirectory(prefix="tinyaws-endpoint-test-")
LOG_PATH = os.path.join(TMP.name, "requests.jsonl")


def setUpModule():
    global EP
    small = [a for op in BEDROCK_OPS for a in ("--items", "%s=3" % op)] + ["--ssm-invocations", "2"]
    EP = Endpoint("--https-port", "0", "--http-port", "0", "--log", LOG_PATH, state_dir=os.path.join(TMP.name, "main"))
    for mode in ("expired", "notyet", "wronghost"):
        SIDE[mode] = Endpoint("--https-port", "0", "--http-port", "0", "--cert-mode", mode, *small,
                              state_dir=os.path.join(TMP.name, mode))
    SIDE["selfsigned"] = Endpoint("--https-port", "0", "--http-port", "0", "--cert-mode", "selfsigned",
                                  state_dir=os.path.join(TMP.name, "selfsigned"))
    SIDE["seed2"] = Endpoint("--https-port", "0", "--http-port", "0", "--seed", "2", "--session-token",
                             "session-token-123", state_dir=os.path.join(TMP.name, "seed2"))
    for ep in [EP] + list(SIDE.values()):
        ep.wait_ready()
    for op in OPS:
        status, DATA[op] = EP.control("GET", "/__tinyaws/dataset/" + op)
        assert status == 200
    TARGETS.extend((t["WindowExecutionId"], t["TaskId"], t["count"]) for t in EP.control(
        "GET", "/__tinyaws/ssm-targets")[1])


def tearDownModule():
    for ep in [EP] + list(SIDE.values()):
        if ep and ep.proc.poll() is None:
            ep.stop()
    TMP.cleanup()


def norm(op, items):
    service = OPS[op][0]
    return [normalize(item_shape(service, op), it) for it in items]


def collect(client, op, params=None, page_size=None, max_items=None, starting=None):
    service, name, key = OPS[op][:3]
    cfg = {k: v for k, v in (("PageSize", page_size), ("MaxItems", max_items), ("StartingToken", starting)) if v}
    out = []
    for page in client.get_paginator(name).paginate(PaginationConfig=cfg, **(params or {})):
        out.extend(page[key])
    return out


def pair_items(we, task):
    return [it for it in DATA[SSM_OP] if it["WindowExecutionId"] == we and it["TaskExecutionId"] == task]


def big_pair():
    return max(TARGETS, key=lambda t: t[2])


def at(ms):
    return datetime.datetime.fromtimestamp(ms / 1000, tz=UTC)


class Base(unittest.TestCase):
    maxDiff = 2000

    def setUp(self):
        status, _ = EP.control("POST", "/__tinyaws/reset")
        self.assertEqual(status, 200)
        self.clients = {}

    def client(self, service, **kw):
        key = (service, tuple(sorted(kw.items())))
        if key not in self.clients:
            self.clients[key] = EP.client(service, **kw)
        return self.clients[key]

    def assertItems(self, op, got, expected):
        self.assertEqual(len(got), len(expected))
        self.assertEqual(norm(op, got), norm(op, expected))

    def assertClientError(self, fn, code, status=None, message=None):
        with self.assertRaises(ClientError) as cm:
            fn()
        err = cm.exception.response
        self.assertEqual(err["Error"]["Code"], code)
        if status is not None:
            self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], status)
        if message is not None:
            self.assertEqual(err["Error"]["Message"], message)
        return err

    def raw(self):
        conn = RawConn(EP.http)
        self.addCleanup(conn.close)
        return conn

    def raw_ssm(self, conn, **members):
        return conn.send("POST", "/", "ssm", ssm_body(**members), SSM_HEADERS)


# ---------------------------------------------------------------- the datasets themselves
class T1Datasets(Base):
    def check_shape(self, shape, value, path, errors, protocol):
        t = shape.type_name
        md = shape.metadata
        if t == "structure":
            if not isinstance(value, dict):
                return errors.append("%s: not an object" % path)
            for k in value:
                if k not in shape.members:
                    errors.append("%s.%s: not in the model" % (path, k))
            for k in md.get("required", []):
                if k not in value:
                    errors.append("%s.%s: required member missing" % (path, k))
            if md.get("union") and len(value) != 1:
                errors.append("%s: union with %d members" % (path, len(value)))
            for k, v in value.items():
                if k in shape.members:
                    self.check_shape(shape.members[k], v, path + "." + k, errors, protocol)
        elif t == "list":
            if not isinstance(value, list):
                return errors.append("%s: not a list" % path)
            if not md.get("min", 0) <= len(value) <= md.get("max", 1 << 30):
                errors.append("%s: list length %d" % (path, len(value)))
            for i, v in enumerate(value):
                self.check_shape(shape.member, v, "%s[%d]" % (path, i), errors, protocol)
        elif t == "string":
            n = len(value.encode("utf-16-le")) // 2
            if "enum" in md and value not in md["enum"]:
                errors.append("%s: %r not in enum" % (path, value))
            if not md.get("min", 0) <= n <= md.get("max", 1 << 30):
                errors.append("%s: length %d" % (path, n))
            if "pattern" in md and not re.fullmatch(md["pattern"], value):  # stricter than Smithy: whole value
                errors.append("%s: %r does not match %s" % (path, value, md["pattern"]))
        elif t in ("integer", "long"):
            if isinstance(value, bool) or not isinstance(value, int):
                errors.append("%s: not an integer" % path)
            elif not md.get("min", 0) <= value <= md.get("max", 1 << 63):
                errors.append("%s: %d out of range" % (path, value))
        elif t == "timestamp":
            if protocol == "rest-json" and not (isinstance(value, str) and re.fullmatch(
                    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", value)):
                errors.append("%s: %r is not ISO-8601 with ms and Z" % (path, value))
            if protocol == "json" and not isinstance(value, (int, float)):
                errors.append("%s: %r is not epoch seconds" % (path, value))

    def test_sizes_and_targets(self):
        self.assertEqual([len(DATA[o]) for o in BEDROCK_OPS], [SIZES[o] for o in BEDROCK_OPS])
        self.assertEqual([SIZES[o] for o in BEDROCK_OPS][:4], [2500, 300, 400, 250])
        self.assertEqual([t[2] for t in TARGETS], [1200, 0, 1, 10, 11, 57])
        self.assertEqual(len({t[0] for t in TARGETS}), 3)
        for we, task, count in TARGETS:
            self.assertEqual(len(pair_items(we, task)), count)
        self.assertEqual(len(DATA[SSM_OP]), sum(t[2] for t in TARGETS))

    def test_items_obey_models(self):
        for op, (service, *_rest) in OPS.items():
            shape = item_shape(service, op)
            errors = []
            for i, it in enumerate(DATA[op]):
                self.check_shape(shape, it, "%s[%d]" % (op, i), errors, SERVICE_MODELS[service].protocol)
            self.assertEqual(errors[:5], [], op)

    def test_default_order_newest_first_distinct(self):
        for op, (_s, _n, _k, tkey, _p) in OPS.items():
            if op == SSM_OP:
                for we, task, _ in TARGETS:
                    times = [to_ms(it[tkey]) for it in pair_items(we, task)]
                    self.assertEqual(times, sorted(set(times), reverse=True))
            else:
                times = [to_ms(it[tkey]) for it in DATA[op]]
                self.assertEqual(times, sorted(set(times), reverse=True), op)

    def test_content_is_realistic(self):
        text = json.dumps(DATA, ensure_ascii=False)
        for needle in ("é", "入力", "🚀", '\\"', "\\\\", "\\n", "\\t"):  # as they appear JSON-escaped
            self.assertIn(needle, text)
        for op in OPS:
            service = OPS[op][0]
            members = item_shape(service, op).members
            present = {m: sum(1 for it in DATA[op] if m in it) for m in members}
            optional = [m for m in members if m not in item_shape(service, op).metadata.get("required", [])]
            self.assertTrue(any(0 < present[m] < len(DATA[op]) for m in optional), op)  # sometimes absent
            self.assertTrue(all(present[m] > 0 for m in members), (op, present))  # every member occurs
        jobs = DATA["ListModelInvocationJobs"]
        self.assertTrue(any(it.get("totalRecordCount", 0) > 2 ** 32 for it in jobs))
        self.assertTrue(any(len(it.get("vpcConfig", {}).get("subnetIds", [])) == 16 for it in jobs))
        self.assertTrue(any(len(it.get("vpcConfig", {}).get("securityGroupIds", [])) == 5 for it in jobs))
        self.assertTrue(any("kmsKeyId" in it["outputDataConfig"]["s3OutputDataConfig"]
                            for it in DATA["ListAsyncInvokes"]))

    def test_seed_determines_data(self):
        same, other = SIDE["selfsigned"], SIDE["seed2"]
        for op in OPS:
            self.assertEqual(same.control("GET", "/__tinyaws/dataset/" + op)[1], DATA[op], op)
            self.assertNotEqual(other.control("GET", "/__tinyaws/dataset/" + op)[1], DATA[op], op)


# ---------------------------------------------------------------- paging, order, chains
class T2Paging(Base):
    def test_bedrock_paginators_all_page_sizes(self):
        sizes = {"ListAsyncInvokes": [None, 1000], "ListModelCopyJobs": [None, 1, 299],
                 "ListModelInvocationJobs": [None, 399, 400], "ListModelImportJobs": [3, 1000]}
        for op, page_sizes in sizes.items():
            for ps in page_sizes:
                with self.subTest(op=op, page_size=ps):
                    self.assertItems(op, collect(self.client(OPS[op][0]), op, page_size=ps), DATA[op])

    def test_ssm_paginator_every_target(self):
        ssm = self.client("ssm")
        for we, task, count in TARGETS:
            for ps in (None, 10, 11, 100):
                with self.subTest(count=count, page_size=ps):
                    got = collect(ssm, SSM_OP, {"WindowExecutionId": we, "TaskId": task}, page_size=ps)
                    self.assertItems(SSM_OP, got, pair_items(we, task))

    def test_default_page_sizes(self):
        r = self.client("bedrock-runtime").list_async_invokes()
        self.assertEqual(len(r["asyncInvokeSummaries"]), 100)
        we, task, _ = big_pair()
        r = self.client("ssm").describe_maintenance_window_execution_task_invocations(WindowExecutionId=we,
                                                                                      TaskId=task)
        self.assertEqual(len(r["WindowExecutionTaskInvocationIdentities"]), 50)
        self.assertIn("NextToken", r)

    def test_sort_orders(self):
        sort_by = {"ListAsyncInvokes": "SubmissionTime"}
        for op in BEDROCK_OPS:
            c = self.client(OPS[op][0])
            by = sort_by.get(op, "CreationTime")
            with self.subTest(op=op):
                self.assertItems(op, collect(c, op, {"sortOrder": "Ascending"}, 1000), DATA[op][::-1])
                self.assertItems(op, collect(c, op, {"sortBy": by, "sortOrder": "Ascending"}, 33, 100),
                                 DATA[op][::-1][:100])
                self.assertItems(op, collect(c, op, {"sortBy": by, "sortOrder": "Descending"}, 33, 100),
                                 DATA[op][:100])

    def test_max_items_starting_token_chains(self):
        we, task, _ = TARGETS[-1]
        cases = [("ListModelCopyJobs", {}, 40, 55), ("ListModelImportJobs", {}, 7, 100),
                 ("ListAsyncInvokes", {"statusEquals": "Failed"}, 100, 250),
                 (SSM_OP, {"WindowExecutionId": we, "TaskId": task}, 10, 13)]
        for op, params, page, max_items in cases:
            with self.subTest(op=op):
                c = self.client(OPS[op][0])
                out, token, rounds = [], None, 0
                while True:
                    res = c.get_paginator(OPS[op][1]).paginate(PaginationConfig={
                        "PageSize": page, "MaxItems": max_items, "StartingToken": token}, **params).build_full_result()
                    out.extend(res[OPS[op][2]])
                    token, rounds = res.get("NextToken"), rounds + 1
                    if not token:
                        break
                expected = self.expected(op, params)
                self.assertGreater(rounds, 2)
                self.assertItems(op, out, expected)

    def expected(self, op, params):
        if op == SSM_OP:
            return pair_items(params["WindowExecutionId"], params["TaskId"])
        return [it for it in DATA[op] if it.get("status") == params.get("statusEquals", it.get("status"))]

    def test_plain_http_all_operations(self):
        for op in BEDROCK_OPS:
            with self.subTest(op=op):
                self.assertItems(op, collect(self.client(OPS[op][0], scheme="http"), op, page_size=500), DATA[op])
        ssm = self.client("ssm", scheme="http")
        for we, task, _ in TARGETS:
            got = collect(ssm, SSM_OP, {"WindowExecutionId": we, "TaskId": task}, page_size=100)
            self.assertItems(SSM_OP, got, pair_items(we, task))
        tls = {e["tls"] for e in EP.control("GET", "/__tinyaws/log")[1]}
        self.assertEqual(tls, {False})


# ---------------------------------------------------------------- filters
class T3Filters(Base):
    def check(self, op, params, predicate, page_size=1000):
        tkey = OPS[op][3]
        expected = [it for it in DATA[op] if predicate(it, to_ms(it[tkey]))]
        if params.get("sortOrder") == "Ascending":
            expected.reverse()
        got = collect(self.client(OPS[op][0]), op, params, page_size)
        self.assertItems(op, got, expected)
        return len(expected)

    def time_bounds(self, op):
        times = [to_ms(it[OPS[op][3]]) for it in DATA[op]]
        return times[len(times) // 3], times[2 * len(times) // 3]  # hi (newer), lo (older): real item times

    def test_status_and_time_filters(self):
        statuses = {"ListAsyncInvokes": ["InProgress", "Completed", "Failed"],
                    "ListModelCopyJobs": ["InProgress", "Completed", "Failed"],
                    "ListModelImportJobs": ["InProgress", "Completed", "Failed"],
                    "ListModelInvocationJobs": ["Submitted", "InProgress", "Completed", "Failed", "Stopping",
                                                "Stopped", "PartiallyCompleted", "Expired", "Validating",
                                                "Scheduled"]}
        names = {"ListAsyncInvokes": "submit", "ListModelInvocationJobs": "submit"}
        for op, values in statuses.items():
            prefix = names.get(op, "creation")
            hi, lo = self.time_bounds(op)
            with self.subTest(op=op):
                hits = [self.check(op, {"statusEquals": s}, lambda it, t, s=s: it["status"] == s) for s in values]
                self.assertEqual(sum(hits), len(DATA[op]))
                # bounds are exclusive: the items exactly at hi / lo are left out
                self.check(op, {prefix + "TimeAfter": at(lo)}, lambda it, t: t > lo)
                self.check(op, {prefix + "TimeBefore": at(hi)}, lambda it, t: t < hi)
                n = self.check(op, {prefix + "TimeAfter": at(lo), prefix + "TimeBefore": at(hi),
                                    "statusEquals": values[0], "sortOrder": "Ascending"},
                               lambda it, t: lo < t < hi and it["status"] == values[0])
                self.assertGreater(n, 0)

    def test_copy_job_filters(self):
        op = "ListModelCopyJobs"
        first = DATA[op][5]
        self.assertGreater(self.check(op, {"sourceAccountEquals": first["sourceAccountId"]},
                                      lambda it, t: it["sourceAccountId"] == first["sourceAccountId"]), 1)
        self.assertGreater(self.check(op, {"sourceModelArnEquals": first["sourceModelArn"]},
                                      lambda it, t: it["sourceModelArn"] == first["sourceModelArn"]), 1)
        for sub in ("chat", "Finance", "prod-"):
            with self.subTest(sub=sub):
                self.assertGreater(self.check(op, {"targetModelNameContains": sub},
                                              lambda it, t: sub in it.get("targetModelName", "")), 0)
        self.assertEqual(self.check(op, {"targetModelNameContains": "nomatch"}, lambda it, t: False), 0)
        err = self.assertClientError(lambda: self.client("bedrock").list_model_copy_jobs(targetModelNameContains="_"),
                                     "ValidationException", 400)  # the model pattern needs an alphanumeric
        self.assertIn("at 'targetModelNameContains' failed to satisfy constraint: Member must satisfy regular "
                      "expression pattern: ([0-9a-zA-Z][_-]?){1,63}", err["Error"]["Message"])
        self.check(op, {"sourceAccountEquals": first["sourceAccountId"], "targetModelNameContains": "chat",
                        "statusEquals": "Completed"},
                   lambda it, t: it["sourceAccountId"] == first["sourceAccountId"]
                   and "chat" in it.get("targetModelName", "") and it["status"] == "Completed")
        # the member targetModelNameContains travels as query parameter outputModelNameContains
        r = self.raw().send("GET", "/model-copy-jobs?outputModelNameContains=chat&maxResults=1000", "bedrock")
        self.assertTrue(all("chat" in it["targetModelName"] for it in r.json()["modelCopyJobSummaries"]))

    def test_name_contains(self):
        for op, subs in (("ListModelInvocationJobs", ["classify", "Embed", "-00", "embed"]),
                         ("ListModelImportJobs", ["llama", "Mistral", ".run1", "LLAMA"])):
            for sub in subs:
                with self.subTest(op=op, sub=sub):
                    n = self.check(op, {"nameContains": sub}, lambda it, t: sub in it["jobName"])
                    self.assertEqual(n == 0, sub in ("embed", "LLAMA"))  # case-sensitive

    def test_custom_model_filters(self):
        """ListCustomModels, added by data alone: its filters as the model documents them."""
        op, me = "ListCustomModels", "123456789012"  # the account the endpoint's credentials stand for
        items = DATA[op]
        # isOwned: "if the current account owns them (true) or if they were shared with it (false)"
        owned = self.check(op, {"isOwned": True}, lambda it, t: it.get("ownerAccountId") == me)
        shared = self.check(op, {"isOwned": False}, lambda it, t: it.get("ownerAccountId") != me)
        self.assertGreater(owned, 0)
        self.assertGreater(shared, 0)
        self.assertEqual(owned + shared, len(items))
        statuses = self.models_enum("bedrock", "ModelStatus")
        hits = [self.check(op, {"modelStatus": st}, lambda it, t, st=st: it.get("modelStatus") == st)
                for st in statuses]
        self.assertEqual(len([h for h in hits if h]), len(statuses))
        base = items[4]["baseModelArn"]
        self.assertGreater(self.check(op, {"baseModelArnEquals": base}, lambda it, t: it["baseModelArn"] == base), 1)
        foundation = next(it["baseModelArn"] for it in items if ":foundation-model/" in it["baseModelArn"])
        self.assertGreater(self.check(op, {"foundationModelArnEquals": foundation},
                                      lambda it, t: it["baseModelArn"] == foundation), 0)
        sub = items[7]["modelName"][1:3]
        self.assertGreater(self.check(op, {"nameContains": sub}, lambda it, t: sub in it["modelName"]), 0)
        hi, lo = self.time_bounds(op)
        self.assertGreater(self.check(op, {"isOwned": False, "creationTimeAfter": at(lo), "creationTimeBefore": at(hi),
                                           "sortOrder": "Ascending"},
                                      lambda it, t: it.get("ownerAccountId") != me and lo < t < hi), 0)
        b = self.client("bedrock")
        with self.assertRaises(ParamValidationError):  # botocore: a bool, not a string
            b.list_custom_models(isOwned="true")
        self.assertClientError(lambda: b.list_custom_models(foundationModelArnEquals=items[0]["modelArn"]),
                               "ValidationException", 400)  # a custom model is no foundation model
        # on the wire: isOwned=true / isOwned=false, as botocore's serializer writes a boolean
        EP.control("POST", "/__tinyaws/reset")
        b.list_custom_models(isOwned=True, maxResults=1)
        b.list_custom_models(isOwned=False, maxResults=1)
        queries = [e["query"] for e in EP.control("GET", "/__tinyaws/log")[1]]
        self.assertEqual([[q for q in x.split("&") if q.startswith("isOwned=")] for x in queries],
                         [["isOwned=true"], ["isOwned=false"]])
        for bad in ("True", "1", "yes", ""):
            with self.subTest(isOwned=bad):
                r = self.raw().send("GET", "/custom-models?isOwned=%s" % bad, "bedrock")
                self.assertEqual((r.status, r.header("x-amzn-ErrorType").split(":")[0]), (400, "ValidationException"))

    def models_enum(self, service, shape):
        return SERVICE_MODELS[service].shape_for(shape).enum

    def test_ssm_status_filters(self):
        we, task, _ = big_pair()
        base = {"WindowExecutionId": we, "TaskId": task}
        items = pair_items(we, task)
        for values in (["SUCCESS"], ["FAILED", "TIMED_OUT"], ["CANCELLED"], ["SKIPPED_OVERLAPPING"]):
            with self.subTest(values=values):
                got = collect(self.client("ssm"), SSM_OP, dict(base, Filters=[{"Key": "STATUS", "Values": values}]),
                              page_size=100)
                self.assertItems(SSM_OP, got, [it for it in items if it["Status"] in values])
        both = [{"Key": "STATUS", "Values": ["SUCCESS", "FAILED"]}, {"Key": "STATUS", "Values": ["FAILED"]}]
        got = collect(self.client("ssm"), SSM_OP, dict(base, Filters=both), page_size=10)
        self.assertItems(SSM_OP, got, [it for it in items if it["Status"] == "FAILED"])
        ssm = self.client("ssm")
        for bad in ([{"Key": "InvocationId", "Values": ["x"]}], [{"Key": "STATUS", "Values": ["DONE"]}]):
            self.assertClientError(lambda: ssm.describe_maintenance_window_execution_task_invocations(
                Filters=bad, **base), "ValidationException", 400)


# ---------------------------------------------------------------- validation and service errors
class T4Errors(Base):
    def test_page_size_limits(self):
        we, task, _ = big_pair()
        ssm = self.client("ssm")
        with self.assertRaises(ParamValidationError):  # botocore checks the model minimum itself
            collect(ssm, SSM_OP, {"WindowExecutionId": we, "TaskId": task}, page_size=5)
        self.assertClientError(
            lambda: collect(ssm, SSM_OP, {"WindowExecutionId": we, "TaskId": task}, page_size=150),
            "ValidationException", 400, "1 validation error detected: Value '150' at 'maxResults' failed to "
            "satisfy constraint: Member must have value less than or equal to 100")
        b = self.client("bedrock")
        with self.assertRaises(ParamValidationError):
            b.list_model_import_jobs(maxResults=0)
        self.assertClientError(lambda: b.list_model_import_jobs(maxResults=1001), "ValidationException", 400,
                               "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy "
                               "constraint: Member must have value less than or equal to 1000")
        r = self.raw().send("GET", "/model-import-jobs?maxResults=0", "bedrock")
        self.assertEqual(r.status, 400)
        self.assertTrue(r.header("x-amzn-ErrorType").startswith("ValidationException:"))
        self.assertEqual(r.json(), {"message": "1 validation error detected: Value '0' at 'maxResults' failed to "
                                               "satisfy constraint: Member must have value greater than or equal to 1"})

    def test_enum_length_and_multiple_errors(self):
        rt = self.client("bedrock-runtime")
        self.assertClientError(lambda: rt.list_async_invokes(statusEquals="Done"), "ValidationException", 400,
                               "1 validation error detected: Value 'Done' at 'statusEquals' failed to satisfy "
                               "constraint: Member must satisfy enum value set: [InProgress, Completed, Failed]")
        err = self.assertClientError(lambda: rt.list_async_invokes(statusEquals="Done", maxResults=5000,
                                                                   sortOrder="Up"), "ValidationException", 400)
        self.assertTrue(err["Error"]["Message"].startswith("3 validation errors detected: Value 'Done' at "))
        self.assertIn("; Value '5000' at 'maxResults'", err["Error"]["Message"])
        b = self.client("bedrock")
        self.assertClientError(lambda: b.list_model_import_jobs(nameContains="x" * 64), "ValidationException", 400,
                               "1 validation error detected: Value '%s' at 'nameContains' failed to satisfy "
                               "constraint: Member must have length less than or equal to 63" % ("x" * 64))
        err = self.assertClientError(lambda: b.list_model_copy_jobs(sourceAccountEquals="12345"),
                                     "ValidationException", 400)
        self.assertIn("Member must satisfy regular expression pattern: [0-9]{12}", err["Error"]["Message"])
        ssm = self.client("ssm")
        err = self.assertClientError(lambda: ssm.describe_maintenance_window_execution_task_invocations(
            WindowExecutionId="z" * 36, TaskId=TARGETS[0][1]), "ValidationException", 400)
        self.assertIn("at 'windowExecutionId' failed to satisfy constraint: Member must satisfy regular "
                      "expression pattern", err["Error"]["Message"])
        r = self.raw_ssm(self.raw(), TaskId=TARGETS[0][1])
        self.assertEqual(r.json(), {"__type": "ValidationException", "message": "1 validation error detected: "
                                    "Value null at 'windowExecutionId' failed to satisfy constraint: Member must "
                                    "not be null"})

    def test_tokens_are_opaque_bound_and_need_url_encoding(self):
        conn = self.raw()
        r = conn.send("GET", "/model-copy-jobs?maxResults=10&statusEquals=Completed", "bedrock")
        token = r.json()["nextToken"]
        self.assertTrue(set("+/=") <= set(token), token)
        quoted = urllib.parse.quote(token, safe="")
        ok = conn.send("GET", "/model-copy-jobs?maxResults=10&nextToken=%s&statusEquals=Completed" % quoted, "bedrock")
        self.assertEqual(ok.status, 200)
        completed = [it for it in DATA["ListModelCopyJobs"] if it["status"] == "Completed"]
        self.assertEqual(ok.json()["modelCopyJobSummaries"], completed[10:20])
        # not percent-encoded: signed as sent, but AWS canonicalizes '+', '/', '=' as %2B, %2F, %3D
        r = conn.send("GET", "/model-copy-jobs?maxResults=10&nextToken=%s&statusEquals=Completed" % token, "bedrock")
        self.assertEqual((r.status, r.header("x-amzn-ErrorType").split(":")[0]), (403, "InvalidSignatureException"))
        for bad in ("/model-copy-jobs?maxResults=10&nextToken=%s&statusEquals=Failed" % quoted,   # other filter
                    "/model-copy-jobs?maxResults=10&nextToken=Z2FyYmFnZQ%3D%3D&statusEquals=Completed"):
            r = conn.send("GET", bad, "bedrock")
            self.assertEqual((r.status, r.header("x-amzn-ErrorType").split(":")[0]), (400, "ValidationException"))
        b = self.client("bedrock")
        self.assertClientError(lambda: b.list_model_import_jobs(nextToken="garbage"), "ValidationException", 400)
        ssm = self.client("ssm")
        we, task, _ = big_pair()
        tok = ssm.describe_maintenance_window_execution_task_invocations(
            WindowExecutionId=we, TaskId=task, MaxResults=10)["NextToken"]
        other = TARGETS[-1]
        self.assertClientError(lambda: ssm.describe_maintenance_window_execution_task_invocations(
            WindowExecutionId=other[0], TaskId=other[1], NextToken=tok), "ValidationException", 400)

    def test_ssm_does_not_exist(self):
        ssm = self.client("ssm")
        self.assertClientError(lambda: ssm.describe_maintenance_window_execution_task_invocations(
            WindowExecutionId=str(uuid.uuid4()), TaskId=TARGETS[0][1]), "DoesNotExistException", 400)
        self.assertClientError(lambda: ssm.describe_maintenance_window_execution_task_invocations(
            WindowExecutionId=TARGETS[0][0], TaskId=str(uuid.uuid4())), "DoesNotExistException", 400)
        with self.assertRaises(ParamValidationError):  # required members are checked client side
            ssm.describe_maintenance_window_execution_task_invocations(TaskId=TARGETS[0][1])
        r = self.raw_ssm(self.raw(), WindowExecutionId=str(uuid.uuid4()), TaskId=TARGETS[0][1])
        self.assertEqual((r.status, r.json()["__type"]), (400, "DoesNotExistException"))

    def test_unknown_operations(self):
        conn = self.raw()
        r = conn.send("GET", "/model-customization-jobs", "bedrock")
        self.assertEqual((r.status, r.header("x-amzn-ErrorType").split(":")[0]), (404, "UnknownOperationException"))
        r = conn.send("POST", "/", "ssm", b"{}", dict(SSM_HEADERS, **{"X-Amz-Target": "AmazonSSM.GetParameter"}))
        self.assertEqual((r.status, r.json()["__type"]), (400, "UnknownOperationException"))
        r = conn.send("POST", "/", "ssm", b"{not json", SSM_HEADERS)
        self.assertEqual((r.status, r.json()["__type"]), (400, "SerializationException"))

    def test_response_headers(self):
        r = self.raw().send("GET", "/model-import-jobs?maxResults=1", "bedrock")
        self.assertRegex(r.header("Date"), r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug"
                                           r"|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$")
        uuid.UUID(r.header("x-amzn-RequestId"))
        self.assertEqual(r.header("Content-Type"), "application/json")
        self.assertEqual(int(r.header("Content-Length")), len(r.body))
        self.assertEqual(r.header("Connection"), "keep-alive")
        r = self.raw_ssm(self.raw(), WindowExecutionId=TARGETS[3][0], TaskId=TARGETS[3][1])
        self.assertEqual(r.header("Content-Type"), "application/x-amz-json-1.1")
        json_key = EP.config(json_error_message_key="Message")
        self.assertEqual(json_key["config"]["json_error_message_key"], "Message")
        r = self.raw_ssm(self.raw(), WindowExecutionId=str(uuid.uuid4()), TaskId=TARGETS[0][1])
        self.assertEqual(sorted(r.json()), ["Message", "__type"])


# ---------------------------------------------------------------- SigV4
class T5Auth(Base):
    def test_wrong_secret(self):
        for service in ("bedrock", "bedrock-runtime"):
            c = EP.client(service, sk="wrong" + SK)
            fn = c.list_model_import_jobs if service == "bedrock" else c.list_async_invokes
            self.assertClientError(fn, "InvalidSignatureException", 403, MISMATCH)
        ssm = EP.client("ssm", sk="wrong" + SK)
        self.assertClientError(lambda: ssm.describe_maintenance_window_execution_task_invocations(
            WindowExecutionId=TARGETS[0][0], TaskId=TARGETS[0][1]), "InvalidSignatureException", 400, MISMATCH)
        log = EP.control("GET", "/__tinyaws/log")[1]
        self.assertEqual([e["sig_ok"] for e in log], [False, False, False])

    def test_unknown_key_missing_auth_scope(self):
        self.assertClientError(EP.client("bedrock", ak="AKIDOTHER").list_model_import_jobs,
                               "UnrecognizedClientException", 403, "The security token included in the request is "
                                                                   "invalid.")
        conn = self.raw()
        r = conn.send("GET", "/model-import-jobs", "bedrock", sign_it=False)
        self.assertEqual((r.status, r.header("x-amzn-ErrorType")), (403, "MissingAuthenticationTokenException:"
                         "http://internal.amazon.com/coral/com.amazon.coral.service/"))
        self.assertEqual(r.json(), {"message": "Missing Authentication Token"})
        r = conn.send("POST", "/", "ssm", b"{}", SSM_HEADERS, sign_it=False)
        self.assertEqual((r.status, r.json()), (400, {"__type": "MissingAuthenticationTokenException",
                                                      "message": "Missing Authentication Token"}))
        # boto3 signs with the client's region; the endpoint serves us-east-1
        c = boto3.client("bedrock", region_name="eu-west-1", endpoint_url="https://localhost:%d" % EP.https,
                         verify=EP.ca, aws_access_key_id=AK, aws_secret_access_key=SK)
        self.assertClientError(c.list_model_import_jobs, "InvalidSignatureException", 403,
                               "Credential should be scoped to a valid region.")
        # ssm request signed for service bedrock
        hdrs = dict(sign("POST", "http://127.0.0.1:%d/" % EP.http, "bedrock", b"{}",
                         dict(SSM_HEADERS, Host="127.0.0.1:%d" % EP.http)))
        r = conn.send("POST", "/", "ssm", b"{}", hdrs, sign_it=False)
        self.assertEqual(r.json()["message"], "Credential should be scoped to correct service: 'ssm'.")

    def test_signed_headers_required(self):
        conn = self.raw()
        now = datetime.datetime.utcnow().strftime("%Y%m%dT%H%M%SZ")
        auth = "AWS4-HMAC-SHA256 Credential=%s/%s/us-east-1/%%s/aws4_request, SignedHeaders=%%s, Signature=%s" % (
            AK, now[:8], "0" * 64)
        r = conn.send("GET", "/model-import-jobs", "bedrock", sign_it=False,
                      headers={"X-Amz-Date": now, "Authorization": auth % ("bedrock", "host")})
        self.assertEqual((r.status, r.header("x-amzn-ErrorType").split(":")[0]), (403, "IncompleteSignatureException"))
        r = conn.send("POST", "/", "ssm", b"{}", dict(SSM_HEADERS, **{
            "X-Amz-Date": now, "Authorization": auth % ("ssm", "host;x-amz-date")}), sign_it=False)
        self.assertEqual(r.json()["__type"], "IncompleteSignatureException")
        self.assertIn("x-amz-target", r.json()["message"])

    def test_tampering_detected(self):
        conn = self.raw()
        host = "127.0.0.1:%d" % EP.http
        hdrs = dict(sign("GET", "http://%s/model-import-jobs?maxResults=5" % host, "bedrock", headers={"Host": host}))
        r = conn.send("GET", "/model-import-jobs?maxResults=6", "bedrock", headers=hdrs, sign_it=False)
        self.assertEqual((r.status, r.json()["message"]), (403, MISMATCH))
        r = conn.send("GET", "/model-import-jobs?maxResults=5", "bedrock", headers=hdrs, sign_it=False)
        self.assertEqual(r.status, 200)
        body = ssm_body(WindowExecutionId=TARGETS[3][0], TaskId=TARGETS[3][1])
        hdrs = dict(sign("POST", "http://%s/" % host, "ssm", body, dict(SSM_HEADERS, Host=host)))
        r = conn.send("POST", "/", "ssm", body.replace(b"{", b"{ "), hdrs, sign_it=False)
        self.assertEqual((r.status, r.json()["__type"]), (400, "InvalidSignatureException"))
        r = conn.send("POST", "/", "ssm", body, hdrs, sign_it=False)
        self.assertEqual(r.status, 200)

    def test_query_canonicalized_like_aws(self):
        conn = self.raw()
        host = "127.0.0.1:%d" % EP.http
        stamp = DATA["ListModelImportJobs"][9]["creationTime"]
        encoded = "/model-import-jobs?creationTimeAfter=%s" % stamp.replace(":", "%3A")
        raw = "/model-import-jobs?creationTimeAfter=%s" % stamp
        # sent raw, signed percent-encoded: AWS decodes and re-encodes, so this verifies
        hdrs = dict(sign("GET", "http://%s%s" % (host, encoded), "bedrock", headers={"Host": host}))
        r = conn.send("GET", raw, "bedrock", headers=hdrs, sign_it=False)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["modelImportJobSummaries"], DATA["ListModelImportJobs"][:9])
        # signed with the raw ':' (a client bug): the canonical request has %3A, so it cannot verify
        hdrs = dict(sign("GET", "http://%s%s" % (host, raw), "bedrock", headers={"Host": host}))
        r = conn.send("GET", raw, "bedrock", headers=hdrs, sign_it=False)
        self.assertEqual((r.status, r.json()["message"]), (403, MISMATCH))

    def test_signing_extra_headers_including_user_agent(self):
        class SignAll(SigV4Auth):  # a client may sign user-agent; botocore's own signer never does
            def headers_to_sign(self, request):
                h = HTTPHeaders()
                for k, v in request.headers.items():
                    h[k.lower()] = v
                return h
        host = "127.0.0.1:%d" % EP.http
        req = AWSRequest("GET", "http://%s/model-import-jobs?maxResults=2" % host,
                         headers={"Host": host, "User-Agent": "tinyaws/0.1  (test)", "X-Custom": " a   b "})
        s = SignAll(Credentials(AK, SK), "bedrock", "us-east-1")
        s.add_auth(req)
        self.assertTrue("user-agent" in req.headers["Authorization"], "user-agent was not signed")
        r = self.raw().send("GET", "/model-import-jobs?maxResults=2", "bedrock", headers=dict(req.headers),
                            sign_it=False)
        self.assertEqual(r.status, 200)

    def test_clock_skew(self):
        b = self.client("bedrock")
        EP.config(clock_offset_seconds=1800)
        err = self.assertClientError(b.list_model_import_jobs, "InvalidSignatureException", 403)
        self.assertRegex(err["Error"]["Message"], r"^Signature expired: \d{8}T\d{6}Z is now earlier than "
                                                  r"\d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$")
        EP.config(clock_offset_seconds=-1800)
        err = self.assertClientError(b.list_model_import_jobs, "InvalidSignatureException", 403)
        self.assertRegex(err["Error"]["Message"], r"^Signature not yet current: \d{8}T\d{6}Z is still later than "
                                                  r"\d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$")
        ssm = self.client("ssm")
        err = self.assertClientError(lambda: ssm.describe_maintenance_window_execution_task_invocations(
            WindowExecutionId=TARGETS[0][0], TaskId=TARGETS[0][1]), "InvalidSignatureException", 400)
        self.assertIn("Signature not yet current", err["Error"]["Message"])
        # 10 minutes is inside the 15-minute window; the Date header shows the shifted clock
        EP.config(clock_offset_seconds=600)
        r = b.list_model_import_jobs(maxResults=1)
        server = datetime.datetime.strptime(r["ResponseMetadata"]["HTTPHeaders"]["date"],
                                            "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=UTC)
        self.assertLess(abs((server - datetime.datetime.now(UTC)).total_seconds() - 600), 5)
        # a request signed at the shifted server time is accepted
        EP.config(clock_offset_seconds=7200)
        future = (datetime.datetime.utcnow() + datetime.timedelta(seconds=7200)).strftime("%Y%m%dT%H%M%SZ")
        r = self.raw().send("GET", "/model-import-jobs?maxResults=1", "bedrock", amz_date=future)
        self.assertEqual(r.status, 200)

    def test_session_token(self):
        ep = SIDE["seed2"]
        ok = ep.client("bedrock", token="session-token-123").list_model_import_jobs(maxResults=1)
        self.assertEqual(len(ok["modelImportJobSummaries"]), 1)
        for token in ("wrong", None):
            self.assertClientError(ep.client("bedrock", token=token).list_model_import_jobs,
                                   "UnrecognizedClientException", 403)


# ---------------------------------------------------------------- wire variations
KNOB_CASES = [
    {"chunked": 1}, {"chunked": 7, "chunk_ext": True}, {"close": True}, {"pretty": True}, {"token_first": True},
    {"unknown_fields": True}, {"null_fields": True}, {"unicode_escape": True}, {"escape_slash": True},
    {"long_strings": True}, {"token_len": 2048}, {"empty_token": True}, {"ssm_time_style": "plain"},
    {"ssm_time_style": "int"},
    {"chunked": 16, "chunk_ext": True, "close": True, "pretty": True, "token_first": True, "unknown_fields": True,
     "null_fields": True, "unicode_escape": True, "escape_slash": True, "long_strings": True, "token_len": 2048,
     "empty_token": True, "ssm_time_style": "plain"},
]


class T6Wire(Base):
    def same_items(self, knobs):
        """Every operation through boto3 under these knobs still yields the dataset's items."""
        for op in OPS:
            service = OPS[op][0]
            if op == SSM_OP:
                we, task, _ = big_pair()
                cases = [({"WindowExecutionId": we, "TaskId": task}, pair_items(we, task)[:50])]
                cases += [({"WindowExecutionId": w, "TaskId": t}, pair_items(w, t)) for w, t, n in TARGETS if n < 20]
            else:
                params = {"statusEquals": "Failed"} if op == "ListAsyncInvokes" else {}
                cases = [(params, [it for it in DATA[op] if it.get("status") == params.get("statusEquals",
                                                                                         it.get("status"))][:50])]
            for params, expected in cases:
                got = collect(self.client(service), op, params, page_size=20, max_items=50)
                if knobs.get("long_strings"):
                    got = self.unlengthen(op, got, expected)
                if knobs.get("ssm_time_style") == "int" and op == SSM_OP:
                    expected = [{k: (int(v) if k in ("StartTime", "EndTime") else v) for k, v in it.items()}
                                for it in expected]
                self.assertItems(op, got, expected)

    def unlengthen(self, op, got, expected):
        """long_strings: each free text is its original plus filler, exactly the model maximum."""
        shape = item_shape(OPS[op][0], op)
        out, seen = [], 0
        for g, e in zip(got, expected):
            g = dict(g)
            for m in FREE_TEXT[op]:
                if m in e:
                    limit = shape.members[m].metadata["max"]
                    self.assertTrue(g[m].startswith(e[m]))
                    self.assertEqual(len(g[m].encode("utf-16-le")) // 2, limit)
                    if limit == 2048:
                        self.assertGreaterEqual(len(g[m].encode("utf-8")), 4096)
                    g[m], seen = e[m], seen + 1
            out.append(g)
        if FREE_TEXT[op] and expected:
            self.assertGreater(seen, 0, op)
        return out

    def test_boto3_items_identical_under_every_knob(self):
        for knobs in KNOB_CASES:
            with self.subTest(knobs=knobs):
                EP.control("POST", "/__tinyaws/reset")
                EP.config(**knobs)
                self.same_items(knobs)

    def test_chunked_framing_on_the_wire(self):
        conn = self.raw()
        EP.config(chunked=1)
        r = conn.send("GET", "/model-import-jobs?maxResults=3", "bedrock")
        self.assertIsNone(r.header("Content-Length"))
        self.assertEqual(set(r.chunk_sizes[:-1]), {1})
        self.assertEqual(r.chunk_sizes[-1], 0)
        self.assertEqual(len(r.chunk_sizes) - 1, len(r.body))
        self.assertEqual(r.json()["modelImportJobSummaries"], DATA["ListModelImportJobs"][:3])
        EP.config(chunked=7, chunk_ext=True)
        r = conn.send("GET", "/model-import-jobs?maxResults=3", "bedrock")
        self.assertTrue(all(line.rstrip().endswith(b";foo=bar") for line in r.chunk_lines[:-1]))
        self.assertEqual(r.trailers, ["x-tinyaws-trailer: done"])
        self.assertEqual(r.header("Trailer"), "x-tinyaws-trailer")
        self.assertEqual(r.json()["modelImportJobSummaries"], DATA["ListModelImportJobs"][:3])
        r = self.raw_ssm(conn, WindowExecutionId=TARGETS[3][0], TaskId=TARGETS[3][1])  # same connection still fine
        self.assertEqual(max(r.chunk_sizes), 7)

    def test_connection_close(self):
        conn = self.raw()
        r = conn.send("GET", "/model-import-jobs?maxResults=1", "bedrock")
        self.assertEqual(r.header("Connection"), "keep-alive")
        EP.config(close=True)
        r = conn.send("GET", "/model-import-jobs?maxResults=1", "bedrock")
        self.assertEqual(r.header("Connection"), "close")
        self.assertTrue(conn.at_eof())

    def test_json_text_variations(self):
        conn = self.raw()
        path = "/async-invoke?statusEquals=Failed&maxResults=400"
        plain = conn.send("GET", path, "bedrock")
        self.assertNotIn(b"\n", plain.body)
        self.assertIn("🚀".encode(), plain.body)
        checks = [
            ({"pretty": True}, lambda b: b.count(b"\n") > 100),
            ({"token_first": True}, lambda b: -1 < b.index(b'"nextToken"') < b.index(b'"asyncInvokeSummaries"')),
            ({"unicode_escape": True}, lambda b: max(b) < 0x80 and b"\\ud83d\\ude80" in b),
            ({"escape_slash": True}, lambda b: b"\\/" in b and re.search(rb"(?<!\\)/", b) is None),
            ({"unknown_fields": True}, lambda b: b'"tinyawsUnknownObject"' in b and b'"unknownMember"' in b),
            ({"null_fields": True}, lambda b: b'"kmsKeyId":null' in b),
        ]
        base = plain.json()
        for knobs, check in checks:
            with self.subTest(knobs=knobs):
                EP.control("POST", "/__tinyaws/reset")
                EP.config(**knobs)
                r = conn.send("GET", path, "bedrock")
                self.assertTrue(check(r.body))
                doc = r.json()
                self.assertEqual(len(doc["asyncInvokeSummaries"]), len(base["asyncInvokeSummaries"]))
                if not knobs.get("unknown_fields") and not knobs.get("null_fields"):
                    self.assertEqual(doc["asyncInvokeSummaries"], base["asyncInvokeSummaries"])

    def test_ssm_time_styles_and_empty_token(self):
        conn = self.raw()
        w, t, _ = TARGETS[3]
        styles = {"java": rb'"StartTime":1\.7\d*E9[,}]', "plain": rb'"StartTime":17\d{8}\.\d+[,}]',
                  "int": rb'"StartTime":17\d{8}[,}]'}
        for style, pattern in styles.items():
            EP.config(ssm_time_style=style)
            r = self.raw_ssm(conn, WindowExecutionId=w, TaskId=t)
            self.assertRegex(r.body, pattern)
            self.assertNotIn(b'"NextToken"', r.body)
        EP.config(empty_token=True)
        first = self.raw_ssm(conn, WindowExecutionId=w, TaskId=t, MaxResults=10).json()
        self.assertEqual(first["NextToken"], "")
        we, task, _ = TARGETS[4]  # 11 items: a real token, then ""
        page1 = self.raw_ssm(conn, WindowExecutionId=we, TaskId=task, MaxResults=10).json()
        self.assertNotEqual(page1["NextToken"], "")
        page2 = self.raw_ssm(conn, WindowExecutionId=we, TaskId=task, MaxResults=10,
                             NextToken=page1["NextToken"]).json()
        self.assertEqual((len(page2["WindowExecutionTaskInvocationIdentities"]), page2["NextToken"]), (1, ""))

    def test_token_length_and_repeat(self):
        EP.config(token_len=2048)
        r = self.client("bedrock").list_model_copy_jobs(maxResults=5)
        self.assertEqual(len(r["nextToken"]), 2048)
        EP.config(token_len=5000)
        we, task, _ = big_pair()
        r = self.client("ssm").describe_maintenance_window_execution_task_invocations(
            WindowExecutionId=we, TaskId=task, MaxResults=10)
        self.assertEqual(len(r["NextToken"]), 5000)
        self.assertEqual(len(self.client("bedrock").list_model_copy_jobs(maxResults=5)["nextToken"]), 2048)
        EP.config(token_len=100, repeat_token=True)
        with self.assertRaises(PaginationError) as cm:
            collect(self.client("bedrock"), "ListModelImportJobs", page_size=10)
        self.assertIn("same next token", str(cm.exception))


# ---------------------------------------------------------------- faults
class T7Faults(Base):
    def faults(self, *faults):
        status, out = EP.control("POST", "/__tinyaws/faults", list(faults))
        self.assertEqual(status, 200, out)

    def test_retryable_error_then_success(self):
        self.faults({"status": 503, "code": "ServiceUnavailableException", "message": "try again"})
        c = EP.client("bedrock", retries=3)
        self.assertItems("ListModelImportJobs", collect(c, "ListModelImportJobs", page_size=1000),
                         DATA["ListModelImportJobs"])
        log = EP.control("GET", "/__tinyaws/log")[1]
        self.assertEqual([(e["status"], e["code"]) for e in log], [(503, "ServiceUnavailableException"), (200, None)])

    def test_throttling_both_protocols_and_retry_after(self):
        self.faults({"throttle": True}, {"throttle": True})
        self.assertClientError(self.client("bedrock").list_model_import_jobs, "ThrottlingException", 429)
        ssm = self.client("ssm")
        self.assertClientError(lambda: ssm.describe_maintenance_window_execution_task_invocations(
            WindowExecutionId=TARGETS[0][0], TaskId=TARGETS[0][1]), "ThrottlingException", 400, "Rate exceeded")
        self.faults({"throttle": True, "retry_after": "2", "headers": {"x-extra": "1"}})
        r = self.raw().send("GET", "/model-import-jobs", "bedrock")
        self.assertEqual((r.status, r.header("Retry-After"), r.header("x-extra")), (429, "2", "1"))
        self.assertTrue(r.header("x-amzn-ErrorType").startswith("ThrottlingException"))

    def test_custom_error_and_op_matching_fifo(self):
        self.faults({"op": SSM_OP, "status": 500, "code": "InternalServerError", "message": "ssm down"},
                    {"status": 500, "code": "InternalServerException", "message": "boom"},
                    {"status": 404, "code": "ResourceNotFoundException", "message": "gone"})
        b = self.client("bedrock")
        self.assertClientError(b.list_model_copy_jobs, "InternalServerException", 500, "boom")
        self.assertClientError(b.list_model_copy_jobs, "ResourceNotFoundException", 404, "gone")
        self.assertEqual(len(b.list_model_copy_jobs(maxResults=1)["modelCopyJobSummaries"]), 1)
        ssm = self.client("ssm")
        self.assertClientError(lambda: ssm.describe_maintenance_window_execution_task_invocations(
            WindowExecutionId=TARGETS[0][0], TaskId=TARGETS[0][1]), "InternalServerError", 500, "ssm down")
        self.assertEqual(EP.control("GET", "/__tinyaws/faults")[1], [])
        status, out = EP.control("POST", "/__tinyaws/faults", [{"explode": True}])
        self.assertEqual(status, 400)

    def test_drop_after_bytes(self):
        self.faults({"drop_after_bytes": 10})
        conn = self.raw()
        r = conn.send("GET", "/model-import-jobs?maxResults=50", "bedrock")
        self.assertEqual(r.status, 200)
        self.assertGreater(int(r.header("Content-Length")), 1000)
        self.assertEqual(len(r.body), 10)
        self.assertTrue(conn.at_eof())
        # botocore 1.29 does not enforce Content-Length: the cut body parses to a result without items
        self.faults({"drop_after_bytes": 100})
        self.assertNotIn("modelImportJobSummaries", self.client("bedrock").list_model_import_jobs(maxResults=50))
        self.faults({"drop_after_bytes": 0, "rst": True, "op": SSM_OP})
        with self.assertRaises(Exception):
            self.raw_ssm(self.raw(), WindowExecutionId=TARGETS[3][0], TaskId=TARGETS[3][1]).json()

    def test_stall_blocks_only_its_own_request(self):
        self.faults({"op": "ListModelImportJobs", "stall_seconds": 1.5})
        slow = {}

        def stalled():
            t = time.monotonic()
            EP.client("bedrock").list_model_import_jobs(maxResults=1)
            slow["t"] = time.monotonic() - t
        th = threading.Thread(target=stalled)
        th.start()
        time.sleep(0.2)
        t = time.monotonic()
        self.client("bedrock").list_model_copy_jobs(maxResults=1)
        self.assertLess(time.monotonic() - t, 1.0)
        th.join(10)
        self.assertGreaterEqual(slow["t"], 1.5)


# ---------------------------------------------------------------- TLS
class T8Tls(Base):
    def connect(self, ep, **ctx_kw):
        ctx = ssl.create_default_context(cafile=ep.ca)
        for k, v in ctx_kw.items():
            setattr(ctx, k, v) if k != "ciphers" else ctx.set_ciphers(v)
        s = socket.create_connection(("127.0.0.1", ep.https), timeout=5)
        self.addCleanup(s.close)
        return ctx.wrap_socket(s, server_hostname="localhost")

    def test_tls12_ecdhe_gcm_offered(self):
        s = self.connect(EP, maximum_version=ssl.TLSVersion.TLSv1_2)
        self.assertEqual(s.version(), "TLSv1.2")
        self.assertIn(s.cipher()[0], ("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384"))
        for suite in ("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384"):
            self.assertEqual(self.connect(EP, maximum_version=ssl.TLSVersion.TLSv1_2, ciphers=suite).cipher()[0],
                             suite)
        with self.assertRaises(ssl.SSLError):  # CBC suites are not offered
            self.connect(EP, maximum_version=ssl.TLSVersion.TLSv1_2, ciphers="ECDHE-ECDSA-AES128-SHA256")

    def test_certificates(self):
        with open(EP.ca, "rb") as f:
            ca = x509.load_pem_x509_certificate(f.read())
        self.assertTrue(ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
        with open(os.path.join(os.path.dirname(EP.ca), "server.pem"), "rb") as f:
            cert = x509.load_pem_x509_certificate(f.read())
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        self.assertEqual(san.get_values_for_type(x509.DNSName), ["localhost"])
        self.assertEqual([str(ip) for ip in san.get_values_for_type(x509.IPAddress)], ["127.0.0.1"])
        self.assertEqual(cert.issuer, ca.subject)

    def test_broken_certificates_rejected(self):
        expect = {"expired": "certificate has expired", "notyet": "certificate is not yet valid",
                  "wronghost": "Hostname mismatch", "selfsigned": "self-signed certificate"}
        for mode, message in expect.items():
            with self.subTest(mode=mode):
                with self.assertRaises(ssl.SSLCertVerificationError) as cm:
                    self.connect(SIDE[mode])
                self.assertIn(message, cm.exception.verify_message)
                deadline = time.monotonic() + 3  # the server sees the client's alert a moment later
                while SIDE[mode].control("GET", "/__tinyaws/stats")[1]["tls_handshake_failures"] < 1:
                    self.assertLess(time.monotonic(), deadline)
                    time.sleep(0.05)

    def test_stalled_handshake_blocks_nobody(self):
        idle = socket.create_connection(("127.0.0.1", EP.https))
        half = socket.create_connection(("127.0.0.1", EP.https))
        half.sendall(b"\x16\x03\x01\x02\x00\x01")  # the start of a ClientHello, then silence
        self.addCleanup(idle.close)
        self.addCleanup(half.close)
        time.sleep(0.1)
        t = time.monotonic()
        self.assertEqual(len(self.client("bedrock").list_model_import_jobs(maxResults=2)["modelImportJobSummaries"]), 2)
        self.assertLess(time.monotonic() - t, 2)
        stats = EP.control("GET", "/__tinyaws/stats")[1]
        self.assertEqual(stats["tls_handshakes"], 1)


# ---------------------------------------------------------------- control API, log, stats, lifecycle
class T9Control(Base):
    def test_control_needs_header(self):
        status, out = EP.control("POST", "/__tinyaws/config", {"pretty": True}, header=False)
        self.assertEqual((status, out), (403, {"message": "Missing Authentication Token"}))
        self.assertFalse(EP.control("GET", "/__tinyaws/config")[1]["config"]["pretty"])
        self.assertEqual(EP.control("POST", "/__tinyaws/config", {"prety": True})[0], 400)
        self.assertEqual(EP.control("POST", "/__tinyaws/config", {"chunked": "1"})[0], 400)
        self.assertEqual(EP.control("POST", "/__tinyaws/config", {"ssm_time_style": "roman"})[0], 400)
        self.assertEqual(EP.control("GET", "/__tinyaws/dataset/NoSuchOp")[0], 404)

    def test_stats_keepalive_and_close(self):
        c = EP.client("bedrock")
        for _ in range(3):
            c.list_model_import_jobs(maxResults=5)
        stats = EP.control("GET", "/__tinyaws/stats")[1]
        self.assertEqual((stats["requests"], stats["tls_handshakes"], stats["connections"]), (3, 1, 2))
        self.assertEqual(len({e["conn"] for e in EP.control("GET", "/__tinyaws/log")[1]}), 1)
        EP.control("POST", "/__tinyaws/reset")
        EP.config(close=True)
        c = EP.client("bedrock")
        for _ in range(3):
            c.list_model_import_jobs(maxResults=5)
        stats = EP.control("GET", "/__tinyaws/stats")[1]
        self.assertEqual((stats["requests"], stats["tls_handshakes"], stats["connections"]), (3, 3, 5))
        self.assertEqual(len({e["conn"] for e in EP.control("GET", "/__tinyaws/log")[1]}), 3)

    def test_log_is_complete_and_redacted(self):
        self.client("bedrock").list_model_import_jobs(maxResults=5)
        ssm = self.client("ssm")
        ssm.describe_maintenance_window_execution_task_invocations(WindowExecutionId=TARGETS[3][0],
                                                                   TaskId=TARGETS[3][1], MaxResults=10)
        log = EP.control("GET", "/__tinyaws/log")[1]
        self.assertEqual([(e["op"], e["status"], e["sig_ok"], e["tls"]) for e in log],
                         [("ListModelImportJobs", 200, True, True), (SSM_OP, 200, True, True)])
        self.assertEqual(log[0]["query"], "maxResults=5")
        self.assertEqual(log[1]["target"], "AmazonSSM." + SSM_OP)
        self.assertTrue(all(e["bytes"] > 100 and e["auth"].endswith("Signature=<redacted>") for e in log))
        with open(LOG_PATH, encoding="utf-8") as f:
            file_text = f.read()
        entries = [json.loads(line) for line in file_text.splitlines()]
        self.assertGreaterEqual(len(entries), 2)
        for text in (json.dumps(log), file_text):
            # plain booleans: a failure message must not echo the secret or a signature
            self.assertFalse(SK in text, "secret key found in the request log")
            self.assertFalse(re.search(r"Signature=[0-9a-f]{64}", text), "signature found in the request log")

    def test_signals_end_cleanly(self):
        eps = [Endpoint("--http-port", "0", "--async-invokes", "1", "--ssm-invocations", "1",
                        state_dir=os.path.join(TMP.name, "sig%d" % i)) for i in range(2)]
        for ep in eps:
            ep.wait_ready()
            self.assertIsNone(ep.ready["https_port"])
            self.assertTrue(os.path.isabs(ep.ready["ca"]) and os.path.exists(ep.ready["ca"]))
            self.assertEqual(ep.ready["pid"], ep.proc.pid)
        self.assertEqual(eps[0].stop(), 0)
        eps[1].proc.send_signal(signal.SIGINT)
        self.assertEqual(eps[1].proc.wait(10), 0)
        eps[1].proc.stdout.close()
        eps[1].proc.stderr.close()


if __name__ == "__main__":
    sys.exit(testlib.run_module_tests(__name__))
