"""The five list operations: input parsing, model validation, filtering, sorting, pages.

Time bounds are exclusive (after: t > bound, before: t < bound); *Contains filters are
case-sensitive substring tests; default order is newest first (Descending) for all five,
by submitTime/creationTime, and by StartTime for SSM.
"""
import json
import urllib.parse
from collections import namedtuple

import render
import tokens as tokmod
import wire
from models import Violations, check_value

Spec = namedtuple("Spec", "name service protocol method path list_key token_key item_shape input_shape time_key")


def _spec(name, service, protocol, method, path, list_key, token_key, item_shape, time_key):
    return Spec(name, service, protocol, method, path, list_key, token_key, item_shape, name + "Request", time_key)


SPECS = {s.name: s for s in [
    _spec("ListAsyncInvokes", "bedrock-runtime", "rest", "GET", "/async-invoke", "asyncInvokeSummaries",
          "nextToken", "AsyncInvokeSummary", "submitTime"),
    _spec("ListModelCopyJobs", "bedrock", "rest", "GET", "/model-copy-jobs", "modelCopyJobSummaries",
          "nextToken", "ModelCopyJobSummary", "creationTime"),
    _spec("ListModelInvocationJobs", "bedrock", "rest", "GET", "/model-invocation-jobs", "invocationJobSummaries",
          "nextToken", "ModelInvocationJobSummary", "submitTime"),
    _spec("ListModelImportJobs", "bedrock", "rest", "GET", "/model-import-jobs", "modelImportJobSummaries",
          "nextToken", "ModelImportJobSummary", "creationTime"),
    _spec("DescribeMaintenanceWindowExecutionTaskInvocations", "ssm", "json", "POST", "/",
          "WindowExecutionTaskInvocationIdentities", "NextToken",
          "MaintenanceWindowExecutionTaskInvocationIdentity", "StartTime"),
]}
REST_ROUTES = {(s.method, s.path): s for s in SPECS.values() if s.protocol == "rest"}
SSM_TARGETS = {"AmazonSSM.DescribeMaintenanceWindowExecutionTaskInvocations":
               SPECS["DescribeMaintenanceWindowExecutionTaskInvocations"]}
TOKEN_CAP = {"rest": 2048, "json": 16384}  # bedrock PaginationToken max; SSM NextToken has none

# Request member -> predicate(item, value) for the bedrock filters.
FILTERS = {
    "statusEquals": lambda it, v: it.get("status") == v,
    "nameContains": lambda it, v: v in it.get("jobName", ""),
    "sourceAccountEquals": lambda it, v: it.get("sourceAccountId") == v,
    "sourceModelArnEquals": lambda it, v: it.get("sourceModelArn") == v,
    "targetModelNameContains": lambda it, v: "targetModelName" in it and v in it["targetModelName"],
}


class AwsError(Exception):
    """rest_status is used for restJson1; awsJson1_1 uses json_status (SSM client errors are 400)."""

    def __init__(self, code, message, rest_status=400, json_status=400, headers=None):
        super().__init__(message)
        self.code, self.message = code, message
        self.rest_status, self.json_status = rest_status, json_status
        self.headers = headers or []


def validation(message):
    return AwsError("ValidationException", message, 400, 400)


class Operations:
    def __init__(self, models, data, targets, token_codec, default_page):
        self.models, self.tokens, self.default_page = models, token_codec, default_page
        self.sorted, self.pairs = {}, {}
        for name, spec in SPECS.items():
            self.sorted[name] = sorted(data[name], key=lambda it: it[spec.time_key], reverse=True)
        ssm = SPECS["DescribeMaintenanceWindowExecutionTaskInvocations"]
        self.targets = targets
        for we, task, _ in targets:
            self.pairs[(we, task)] = [it for it in self.sorted[ssm.name]
                                      if it["WindowExecutionId"] == we and it["TaskExecutionId"] == task]

    # ---- dataset dump: default knobs, default order (SSM: target pairs in order)
    def dump(self, name, cfg):
        spec = SPECS[name]
        if spec.protocol == "json":
            items = [it for we, task, _ in self.targets for it in self.pairs[(we, task)]]
        else:
            items = self.sorted[name]
        return [wire.to_wire(render.render_item(self.models, spec, it, cfg), spec.protocol, cfg) for it in items]

    def call(self, spec, query, body, cfg):
        if spec.protocol == "rest":
            items, params, token, limit = self._rest_input(spec, query)
        else:
            items, params, token, limit = self._ssm_input(spec, body)
        fp = tokmod.fingerprint(spec.name, params)
        start = 0
        if token:
            try:
                start = self.tokens.decode(token, fp)
            except ValueError:
                raise validation("Invalid %s provided." % spec.token_key)
        limit = limit or self.default_page[spec.protocol]
        page = items[start:start + limit]
        nxt = None
        if start + limit < len(items):
            nxt = token if (cfg["repeat_token"] and token) else self.tokens.encode(
                start + limit, fp, cfg["token_len"], TOKEN_CAP[spec.protocol])
        elif spec.protocol == "json" and cfg["empty_token"]:
            nxt = ""
        return self._document(spec, page, nxt, cfg)

    def _document(self, spec, page, nxt, cfg):
        doc = {}
        if cfg["unknown_fields"]:
            doc["tinyawsUnknownObject"] = wire.UNKNOWN_TOP["tinyawsUnknownObject"]
        if cfg["token_first"] and nxt is not None:
            doc[spec.token_key] = nxt
        doc[spec.list_key] = [render.render_item(self.models, spec, it, cfg) for it in page]
        if not cfg["token_first"] and nxt is not None:
            doc[spec.token_key] = nxt
        if cfg["null_fields"] and nxt is None:
            doc[spec.token_key] = None
        if cfg["unknown_fields"]:
            doc.update({k: v for k, v in wire.UNKNOWN_TOP.items() if k != "tinyawsUnknownObject"})
        return doc

    # ---- restJson1: every member is a query parameter
    def _rest_input(self, spec, query):
        svc = spec.service
        members = self.models.shape(svc, spec.input_shape)["members"]
        raw = {}
        for k, v in urllib.parse.parse_qsl(query, keep_blank_values=True):
            raw.setdefault(k, v)  # a repeated parameter: the first one counts
        out, values = Violations(), {}
        for m, ref in members.items():
            wire_name = ref.get("locationName", m)
            if wire_name not in raw:
                continue
            text = raw[wire_name]
            kind = self.models.shape(svc, ref["shape"])["type"]
            if kind == "integer":
                if not text.lstrip("-").isdigit():
                    out.add(text, m, "Member must be an integer")
                    continue
                values[m] = int(text)
            elif kind == "timestamp":
                ms = wire.parse_iso(text)
                if ms is None:
                    out.add(text, m, "Member must be an ISO-8601 date-time")
                    continue
                values[m] = ms
            else:
                values[m] = text
            if kind != "timestamp":
                check_value(self.models, svc, ref["shape"], values[m], m, out)
        if out.items:
            raise validation(out.message())
        items = self.sorted[spec.name]
        for m, v in values.items():
            if m.endswith("TimeAfter"):
                items = [it for it in items if it[spec.time_key] > v]
            elif m.endswith("TimeBefore"):
                items = [it for it in items if it[spec.time_key] < v]
            elif m in FILTERS:
                items = [it for it in items if FILTERS[m](it, v)]
        if values.get("sortOrder") == "Ascending":
            items = items[::-1]
        params = {k: v for k, v in values.items() if k not in ("maxResults", "nextToken")}
        return items, params, values.get("nextToken"), values.get("maxResults")

    # ---- awsJson1_1: JSON body
    def _ssm_input(self, spec, body):
        try:
            doc = json.loads(body.decode("utf-8") if body else "{}")
        except (ValueError, UnicodeDecodeError):
            raise AwsError("SerializationException", "Request body is not valid JSON")
        if not isinstance(doc, dict) or not _types_ok(doc):
            raise AwsError("SerializationException", "Request body does not match the operation's input shape")
        out = Violations()
        check_value(self.models, "ssm", spec.input_shape, doc, "", out)
        if out.items:
            raise validation(out.message())
        we, task = doc["WindowExecutionId"], doc["TaskId"]
        if not any(t[0] == we for t in self.targets):
            raise AwsError("DoesNotExistException", "Maintenance window execution %s does not exist" % we)
        if (we, task) not in self.pairs:
            raise AwsError("DoesNotExistException",
                           "Maintenance window execution task %s does not exist in execution %s" % (task, we))
        statuses = self.models.shape("ssm", "MaintenanceWindowExecutionStatus")["enum"]
        items = self.pairs[(we, task)]
        filters = []
        for i, f in enumerate(doc.get("Filters") or [], 1):
            if f.get("Key") != "STATUS":
                raise validation("Filter key %s is not supported for this operation. Supported keys: STATUS"
                                 % f.get("Key"))
            values = f.get("Values") or []
            bad = [v for v in values if v not in statuses]
            if not values or bad:
                raise validation("Invalid values for filter STATUS: %s. Valid values: %s"
                                 % (", ".join(bad) or "(none)", ", ".join(statuses)))
            items = [it for it in items if it.get("Status") in values]
            filters.append(sorted(values))
        params = {"WindowExecutionId": we, "TaskId": task, "Filters": filters}
        return items, params, doc.get("NextToken") or None, doc.get("MaxResults")


def _types_ok(doc):
    def is_str(v):
        return v is None or isinstance(v, str)
    if not all(is_str(doc.get(k)) for k in ("WindowExecutionId", "TaskId", "NextToken")):
        return False
    mr = doc.get("MaxResults")
    if mr is not None and (isinstance(mr, bool) or not isinstance(mr, int)):
        return False
    fl = doc.get("Filters")
    if fl is None:
        return True
    return isinstance(fl, list) and all(
        isinstance(f, dict) and is_str(f.get("Key")) and isinstance(f.get("Values", []), list)
        and all(isinstance(v, str) for v in f.get("Values", [])) for f in fl)

