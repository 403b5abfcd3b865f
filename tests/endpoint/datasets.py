# SPDX-License-Identifier: MIT
"""Deterministic, realistic datasets for the five operations.

Items are dicts keyed by wire member names. Timestamps are Ts (integer milliseconds since
the epoch) so the serializer can write them per protocol; everything else is final.
Times within one list are distinct, so every sort order is total and testable.
"""
import random
import uuid

BASE_MS = 1717200000000  # 2024-06-01T00:00:00Z: fixed, so a seed always yields the same data
ACCOUNT = "123456789012"
SOURCE_ACCOUNTS = ["123456789012", "210987654321", "555566667777", "999900001111"]
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"

# Free text with everything a JSON reader must survive: accents, CJK, an astral emoji
# (surrogate pair when \u-escaped), quotes, backslash, newline, tab.
FREE_TEXTS = [
    "Internal error while writing output to S3.",
    "Model invocation failed: \"ThrottlingException\" after 3 retries\n\tat stage 2",
    "Accès refusé au compartiment de sortie (vérifiez la stratégie KMS)",
    "入力ファイルの形式が正しくありません：JSONL の 42 行目",
    "Quota exceeded 🚀 — retry later, path C:\\temp\\out",
    "Ünïcödé “smart quotes” and a slash / in the middle",
    "Validation failed:\n- recordId missing\n- modelInput too large\t(>25 MB)",
]
OWNER_TEXTS = ["team-platform", "Équipe plateforme", "運用チーム", "ops \"on-call\" 🚨",
               "path\\to\\owner", "line1\nline2\tend"]


class Ts(int):
    """Milliseconds since the epoch; a marker type for the wire serializer."""


def _id(rng, n=12):
    return "".join(rng.choice(ALNUM) for _ in range(n))


def _uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _times(rng, n, span_days=150):
    # Strictly increasing distinct millisecond times spread over span_days.
    step = span_days * 86400000 // max(n, 1)
    t, out = BASE_MS, []
    for _ in range(n):
        t += rng.randint(1, max(step * 2, 2))
        out.append(t)
    return out


def _maybe(rng, p, value):
    return value if rng.random() < p else None


def _put(d, key, value):
    if value is not None:
        d[key] = value


def async_invokes(rng, n, region):
    models = ["arn:aws:bedrock:%s::foundation-model/amazon.nova-reel-v1:0" % region,
              "arn:aws:bedrock:%s::foundation-model/amazon.nova-reel-v1:1" % region,
              "arn:aws:bedrock:%s:%s:provisioned-model/%s" % (region, ACCOUNT, "x7k2m9q4w1z8")]
    items = []
    for t in _times(rng, n):
        status = rng.choice(["InProgress", "Completed", "Completed", "Failed"])
        s3 = {"s3Uri": "s3://video-out-%s/reel/%s/" % (rng.choice(["prod", "dev"]), _id(rng, 8))}
        _put(s3, "kmsKeyId", _maybe(rng, 0.3, "arn:aws:kms:%s:%s:key/%s" % (region, ACCOUNT, _uuid(rng))))
        _put(s3, "bucketOwner", _maybe(rng, 0.4, rng.choice(SOURCE_ACCOUNTS)))
        it = {"invocationArn": "arn:aws:bedrock:%s:%s:async-invoke/%s" % (region, ACCOUNT, _id(rng)),
              "modelArn": rng.choice(models)}
        _put(it, "clientRequestToken", _maybe(rng, 0.7, "req-%s!~{%s}" % (_id(rng, 6), _id(rng, 4))))
        it["status"] = status
        if status == "Failed":
            it["failureMessage"] = rng.choice(FREE_TEXTS)
        it["submitTime"] = Ts(t)
        if status != "InProgress":
            end = t + rng.randint(60000, 3600000)
            it["lastModifiedTime"] = Ts(end)
            it["endTime"] = Ts(end)
        elif rng.random() < 0.5:
            it["lastModifiedTime"] = Ts(t + rng.randint(1000, 60000))
        it["outputDataConfig"] = {"s3OutputDataConfig": s3}
        items.append(it)
    return items


def model_copy_jobs(rng, n, region):
    sources = []
    for acct in SOURCE_ACCOUNTS:
        for base in ("amazon.titan-text-express-v1:0:8k", "meta.llama3-8b-instruct-v1:0", "imported"):
            sources.append((acct, "arn:aws:bedrock:%s:%s:custom-model/%s/%s" % (region, acct, base, _id(rng))))
    words = ["support", "chat", "summarizer", "legal", "Finance", "qa", "prod", "v2", "eu", "Draft"]
    items = []
    for t in _times(rng, n):
        acct, src = rng.choice(sources)
        base = src.split("/")[1]
        status = rng.choice(["InProgress", "Completed", "Completed", "Failed"])
        name = "-".join(rng.sample(words, rng.randint(1, 3))) + "_" + _id(rng, 4)
        it = {"jobArn": "arn:aws:bedrock:%s:%s:model-copy-job/%s" % (region, ACCOUNT, _id(rng)),
              "status": status, "creationTime": Ts(t),
              "targetModelArn": "arn:aws:bedrock:%s:%s:custom-model/%s/%s" % (region, ACCOUNT, base, _id(rng))}
        _put(it, "targetModelName", _maybe(rng, 0.9, name))
        it["sourceAccountId"] = acct
        it["sourceModelArn"] = src
        _put(it, "targetModelKmsKeyArn", _maybe(rng, 0.3, "arn:aws:kms:%s:%s:key/%s" % (region, ACCOUNT, _uuid(rng))))
        if rng.random() < 0.6:
            it["targetModelTags"] = [{"key": k, "value": v} for k, v in rng.sample(
                [("team", "ml-platform"), ("cost-center", "4711"), ("env", "prod"), ("owner", "a.b@example.com"),
                 ("purpose", "copy: eu/us"), ("empty", "")], rng.randint(0, 4))]
        if status == "Failed":
            it["failureMessage"] = rng.choice(FREE_TEXTS)
        _put(it, "sourceModelName", _maybe(rng, 0.8, "src-" + _id(rng, 6)))
        items.append(it)
    return items


def model_invocation_jobs(rng, n, region):
    statuses = ["Submitted", "InProgress", "Completed", "Failed", "Stopping", "Stopped",
                "PartiallyCompleted", "Expired", "Validating", "Scheduled"]
    model_ids = ["anthropic.claude-3-haiku-20240307-v1:0", "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
                 "arn:aws:bedrock:%s::foundation-model/amazon.nova-pro-v1:0" % region,
                 "arn:aws:bedrock:%s:%s:application-inference-profile/a1b2c3d4e5f6" % (region, ACCOUNT),
                 "amazon.titan-embed-text-v2:0"]
    words = ["summarize", "classify", "Embed", "translate", "nightly", "batch", "eval", "v3"]
    items = []
    for i, t in enumerate(_times(rng, n)):
        status = rng.choice(statuses)
        name = "-".join(rng.sample(words, rng.randint(1, 3))) + "-%04d" % i
        inp = {"s3Uri": "s3://batch-input-%s/jobs/%s/records.jsonl" % (rng.choice(["a1", "b2"]), _id(rng, 6))}
        _put(inp, "s3InputFormat", _maybe(rng, 0.7, "JSONL"))
        _put(inp, "s3BucketOwner", _maybe(rng, 0.3, rng.choice(SOURCE_ACCOUNTS)))
        out = {"s3Uri": "s3://batch-output-%s/results/%s/" % (rng.choice(["a1", "b2"]), _id(rng, 6))}
        _put(out, "s3EncryptionKeyId", _maybe(rng, 0.4, rng.choice(
            ["arn:aws:kms:%s:%s:key/%s" % (region, ACCOUNT, _uuid(rng)), _uuid(rng), "alias/batch/output-key"])))
        _put(out, "s3BucketOwner", _maybe(rng, 0.3, ACCOUNT))
        it = {"jobArn": "arn:aws:bedrock:%s:%s:model-invocation-job/%s" % (region, ACCOUNT, _id(rng)),
              "jobName": name, "modelId": rng.choice(model_ids)}
        _put(it, "clientRequestToken", _maybe(rng, 0.6, "tok-%s" % _id(rng, 20)))
        it["roleArn"] = "arn:aws:iam::%s:role/service-role/BedrockBatch-%s" % (ACCOUNT, _id(rng, 5))
        it["status"] = status
        if status in ("Failed", "PartiallyCompleted", "Expired", "Stopped") or rng.random() < 0.05:
            it["message"] = rng.choice(FREE_TEXTS)
        it["submitTime"] = Ts(t)
        _put(it, "lastModifiedTime", _maybe(rng, 0.9, Ts(t + rng.randint(1000, 7200000))))
        if status in ("Completed", "Failed", "Stopped", "PartiallyCompleted", "Expired"):
            it["endTime"] = Ts(t + rng.randint(7200001, 90000000))
        it["inputDataConfig"] = {"s3InputDataConfig": inp}
        it["outputDataConfig"] = {"s3OutputDataConfig": out}
        if rng.random() < 0.4:
            it["vpcConfig"] = {
                "subnetIds": ["subnet-%017x" % rng.getrandbits(68) for _ in range(rng.choice([1, 2, 3, 16]))],
                "securityGroupIds": ["sg-%017x" % rng.getrandbits(68) for _ in range(rng.randint(1, 5))]}
        hours = _maybe(rng, 0.8, rng.choice([24, 48, 72, 168]))
        _put(it, "timeoutDurationInHours", hours)
        if hours:
            it["jobExpirationTime"] = Ts(t + hours * 3600000)
        _put(it, "modelInvocationType", _maybe(rng, 0.7, rng.choice(["InvokeModel", "Converse"])))
        if status not in ("Submitted", "Validating", "Scheduled"):
            # Record counts are longs; some exceed 2^32 so 32-bit readers get caught.
            total = rng.choice([rng.randint(100, 50000), rng.randint(2**32 + 1, 2**40)])
            processed = total if status == "Completed" else rng.randint(0, total)
            errors = rng.randint(0, processed // 10)
            it.update(totalRecordCount=total, processedRecordCount=processed,
                      successRecordCount=processed - errors, errorRecordCount=errors)
        items.append(it)
    return items


def model_import_jobs(rng, n, region):
    words = ["llama", "Mistral", "qwen", "import", "ft", "7b", "prod", "test"]
    items = []
    for i, t in enumerate(_times(rng, n)):
        status = rng.choice(["InProgress", "Completed", "Completed", "Failed"])
        name = "-".join(rng.sample(words, rng.randint(1, 3))) + ".run%03d" % i
        it = {"jobArn": "arn:aws:bedrock:%s:%s:model-import-job/%s" % (region, ACCOUNT, _id(rng)),
              "jobName": name, "status": status}
        _put(it, "lastModifiedTime", _maybe(rng, 0.8, Ts(t + rng.randint(1000, 600000))))
        it["creationTime"] = Ts(t)
        if status != "InProgress":
            it["endTime"] = Ts(t + rng.randint(600001, 7200000))
        if status == "Completed":
            it["importedModelArn"] = "arn:aws:bedrock:%s:%s:imported-model/%s" % (region, ACCOUNT, _id(rng))
            it["importedModelName"] = name.replace(".", "_").replace("-", "_")[:63]
        items.append(it)
    return items


def ssm_invocations(rng, sizes, region):
    """Returns (targets, items): targets = [(window_execution_id, task_id, count)]; two tasks per execution."""
    statuses = ["SUCCESS"] * 6 + ["FAILED", "TIMED_OUT", "IN_PROGRESS", "PENDING", "CANCELLING", "CANCELLED"]
    details = {"SUCCESS": ["Success", "Command completed — 完了 ✅"], "FAILED": FREE_TEXTS[:5],
               "TIMED_OUT": ["Delivery timed out"], "IN_PROGRESS": ["InProgress"], "PENDING": ["Pending"],
               "CANCELLING": ["Cancelling"], "CANCELLED": ["Cancelled by \"admin\""]}
    targets, items, we = [], [], None
    for k, count in enumerate(sizes):
        if k % 2 == 0:
            we = _uuid(rng)
        task = _uuid(rng)
        ttype = ["RUN_COMMAND", "AUTOMATION", "STEP_FUNCTIONS", "LAMBDA"][k % 4]
        targets.append((we, task, count))
        window_target = _uuid(rng)
        for t in _times(rng, count, span_days=2):
            status = rng.choice(statuses)
            if ttype == "STEP_FUNCTIONS":
                exec_id = "arn:aws:states:%s:%s:execution:patch-flow:%s" % (region, ACCOUNT, _uuid(rng))
            else:
                exec_id = _uuid(rng)
            it = {"WindowExecutionId": we, "TaskExecutionId": task, "InvocationId": _uuid(rng),
                  "ExecutionId": exec_id, "TaskType": ttype,
                  "Parameters": '{"documentName":"AWS-RunPatchBaseline","parameters":{"Operation":["Install"]},'
                                '"outputS3BucketName":"logs/ssm","comment":"päth \\\\ C:\\\\x"}',
                  "Status": status, "StatusDetails": rng.choice(details[status]), "StartTime": Ts(t)}
            if status not in ("IN_PROGRESS", "PENDING"):
                it["EndTime"] = Ts(t + rng.randint(1, 900000))
            _put(it, "OwnerInformation", _maybe(rng, 0.5, rng.choice(OWNER_TEXTS)))
            _put(it, "WindowTargetId", _maybe(rng, 0.8, window_target))
            items.append(it)
    return targets, items


# ---- items made from the model, for an operation without a generator of its own

try:  # the regular expression parser behind re (Python 3.11 renamed sre_parse)
    import re._parser as _sre
    import re._constants as _sre_c
except ImportError:  # pragma: no cover
    import sre_constants as _sre_c
    import sre_parse as _sre

_CLASS = {_sre_c.CATEGORY_DIGIT: "0123456789", _sre_c.CATEGORY_WORD: ALNUM + "_",
          _sre_c.CATEGORY_SPACE: " ", _sre_c.CATEGORY_NOT_SPACE: ALNUM + "-_.:/",
          _sre_c.CATEGORY_NOT_DIGIT: "abcdefghijklmnopqrstuvwxyz-", _sre_c.CATEGORY_NOT_WORD: "-.:/"}


def _in_choices(items):
    """The characters an [...] set matches, from the printable ASCII range."""
    neg, chars = False, set()
    for op, av in items:
        if op == _sre_c.NEGATE:
            neg = True
        elif op == _sre_c.LITERAL:
            chars.add(chr(av))
        elif op == _sre_c.RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op == _sre_c.CATEGORY:
            chars.update(_CLASS[av])
    if neg:
        chars = {chr(c) for c in range(0x21, 0x7f)} - chars
    return sorted(chars)


def _from_regex(rng, nodes):
    """A random string the pattern matches as a whole; repetitions short, as names are."""
    out = []
    for op, av in nodes:
        if op == _sre_c.LITERAL:
            out.append(chr(av))
        elif op == _sre_c.NOT_LITERAL:
            out.append(rng.choice([c for c in ALNUM if c != chr(av)]))
        elif op == _sre_c.ANY:
            out.append(rng.choice(ALNUM))
        elif op == _sre_c.IN:
            out.append(rng.choice(_in_choices(av)))
        elif op == _sre_c.CATEGORY:
            out.append(rng.choice(_CLASS[av]))
        elif op == _sre_c.BRANCH:
            out.append(_from_regex(rng, rng.choice(av[1])))
        elif op == _sre_c.SUBPATTERN:
            out.append(_from_regex(rng, av[-1]))
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT):
            lo, hi, sub = av
            hi = lo + 8 if hi == _sre_c.MAXREPEAT else hi
            out.extend(_from_regex(rng, sub) for _ in range(rng.randint(lo, min(hi, max(lo, 1) + 7))))
        elif op == _sre_c.AT:
            pass  # ^ and $ match where the string starts and ends anyway
        else:
            raise ValueError("pattern element %s is not supported" % op)
    return "".join(out)


def _string(rng, sh):
    lo, hi = sh.get("min", 1), sh.get("max", 64)
    if "enum" in sh:
        return rng.choice(sh["enum"])
    if "pattern" in sh:
        tree = _sre.parse(sh["pattern"])
        for _ in range(200):
            v = _from_regex(rng, list(tree))
            if lo <= len(v.encode("utf-16-le")) // 2 <= hi:
                return v
        raise ValueError("no value of %d..%d characters for pattern %s" % (lo, hi, sh["pattern"]))
    text = rng.choice(FREE_TEXTS)
    return (text * (1 + lo // max(len(text), 1)))[:max(lo, min(hi, len(text)))]


def _value(models, service, shape_name, rng, t, values, member=None):
    if member is not None and member in values:
        return rng.choice(values[member])
    sh = models.shape(service, shape_name)
    kind = sh["type"]
    if kind == "structure":
        members = list(sh["members"].items())
        if sh.get("union"):
            members = [rng.choice(members)]
        out = {}
        for k, ref in members:
            if k in sh.get("required", []) or sh.get("union") or rng.random() < 0.8:
                out[k] = _value(models, service, ref["shape"], rng, t, values, k)
        return out
    if kind == "list":
        n = rng.randint(sh.get("min", 0), min(sh.get("max", 3), 3))
        return [_value(models, service, sh["member"]["shape"], rng, t, values) for _ in range(n)]
    if kind == "string":
        return _string(rng, sh)
    if kind in ("integer", "long"):
        return rng.randint(sh.get("min", 0), min(sh.get("max", 100000), 100000))
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "timestamp":
        return Ts(t + rng.randint(1000, 3600000))
    raise ValueError("%s members are not supported" % kind)


def from_model(models, service, item_shape, rng, n, time_key, values):
    """n items of the model's item shape: required members always, others mostly, values from
    the enums, the patterns (as a whole) and the lengths, or from `values` (member -> choices);
    time_key strictly increasing."""
    items = []
    for t in _times(rng, n):
        it = _value(models, service, item_shape, rng, t, values)
        it[time_key] = Ts(t)
        items.append(it)
    return items


GENERATORS = {"async_invokes": async_invokes, "model_copy_jobs": model_copy_jobs,
              "model_invocation_jobs": model_invocation_jobs, "model_import_jobs": model_import_jobs}


def build(seed, region, sizes, ssm_sizes, models, specs):
    """({operation: items}, {operation: scopes}) for every operation of specs, sizes[op] items each
    (default: the data file's). One independent RNG per operation, so resizing one dataset leaves
    the others unchanged."""
    def rng(tag):
        return random.Random("%s/%s" % (seed, tag))
    tags = {"async_invokes": "async", "model_copy_jobs": "copy", "model_invocation_jobs": "invocation",
            "model_import_jobs": "import", "ssm_invocations": "ssm"}  # the RNG streams of old
    data, targets = {}, {}
    for name, spec in specs.items():
        ds = spec.entry.get("dataset")
        n = sizes.get(name, spec.entry.get("items", 100))
        if ds == "ssm_invocations":
            targets[name], data[name] = ssm_invocations(rng(tags[ds]), ssm_sizes, region)
        elif ds:
            data[name] = GENERATORS[ds](rng(tags[ds]), n, region)
        else:
            data[name] = from_model(models, spec.service, spec.item_shape, rng(name), n, spec.time_key,
                                    spec.entry.get("values", {}))
    return data, targets
