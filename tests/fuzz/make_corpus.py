#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes the fuzz seed corpora (tests/fuzz/corpus/<target>/) and the regression inputs for
the bugs the fuzzers found (tests/fuzz/crashes/<target>-<name>). Deterministic: running it
again rewrites the same bytes. Each harness's input layout is described at the top of its .c
file; the helpers below only prepend those configuration bytes.

    /usr/bin/python3 tests/fuzz/make_corpus.py
"""
import base64
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
CRASHES = os.path.join(HERE, "crashes")


def put(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def seed(target, name, data):
    put(os.path.join(CORPUS, target), name, data)


def crash(target, name, data):
    put(CRASHES, "%s-%s" % (target, name), data)


def b(s):
    return s.encode("utf-8") if isinstance(s, str) else s


# ---- fuzz_http: [split mode][split size][seed] + response ------------------------------

def http(name, response, mode=0, size=5, rnd=7):
    seed("fuzz_http", name, bytes([mode, size, rnd]) + b(response))


def crlf(lines, body=b""):
    return b("\r\n".join(lines) + "\r\n\r\n") + b(body)


PAGE = json.dumps({
    "asyncInvokeSummaries": [{
        "invocationArn": "arn:aws:bedrock:us-east-1:123456789012:async-invoke/0s9a8d7f",
        "modelArn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-reel-v1:0",
        "status": "Completed",
        "submitTime": "2025-01-07T10:11:12.345Z",
        "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://my-bucket/out/"}},
    }],
    "nextToken": "eyJwYWdlIjoyfQ==",
}, separators=(",", ":"))


def chunked(body, sizes, ext=""):
    out, i = b"", 0
    for n in sizes:
        part = b(body)[i:i + n]
        i += n
        out += b("%x%s\r\n" % (len(part), ext)) + part + b"\r\n"
    return out


def http_seeds():
    http("restjson-200-length", crlf([
        "HTTP/1.1 200 OK", "Date: Tue, 07 Jan 2025 10:11:12 GMT",
        "Content-Type: application/json", "Content-Length: %d" % len(PAGE),
        "x-amzn-RequestId: 6b1c2a9e-0b8e-4c7e-9a1f-2f4d5e6a7b8c", "Connection: keep-alive"], PAGE), 2, 40, 3)
    http("chunked-ext-trailers", crlf([
        "HTTP/1.1 200 OK", "Content-Type: application/json", "Transfer-Encoding: chunked"])[:-2] +
        b"\r\n" + chunked(PAGE, [17, 100, 1000], ";name=\"v\"") +
        b"0;last\r\nx-amz-checksum: abc\r\nX-Trailer: 1\r\n\r\n", 1, 3)
    http("chunked-lf-only-upper-hex", b"HTTP/1.1 200 OK\nTransfer-Encoding: gzip, chunked\n\n"
         b"000A\n0123456789\n1a\nabcdefghijklmnopqrstuvwxyz\n0\n\n", 0)
    err = '{"__type":"com.amazonaws.ssm#InvalidNextToken","message":"The specified token is not valid."}'
    http("awsjson-400-error", crlf([
        "HTTP/1.1 400 Bad Request", "x-amzn-RequestId: 1", "Content-Type: application/x-amz-json-1.1",
        "Content-Length: %d" % len(err)], err), 2, 9, 1)
    http("restjson-403-errortype", crlf([
        "HTTP/1.1 403 Forbidden",
        "x-amzn-ErrorType: AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/",
        "Content-Length: 30"], '{"message":"not authorized!!"}'), 1, 4)
    http("continue-then-200", crlf(["HTTP/1.1 100 Continue"]) + crlf([
        "HTTP/1.1 200 OK", "Content-Length: 2"], "{}"), 0)
    http("204-no-content", crlf(["HTTP/1.1 204 No Content", "Connection: close"]), 2, 2, 9)
    http("304-with-te", crlf(["HTTP/1.1 304 Not Modified", "Transfer-Encoding: chunked"]), 1, 1)
    http("http10-keep-alive", crlf(["HTTP/1.0 200 OK", "Connection: Keep-Alive", "Content-Length: 5"], "hello"), 0)
    http("read-until-close", crlf(["HTTP/1.1 200 OK", "Content-Type: application/json"], PAGE[:300]), 2, 63, 5)
    http("503-retry-after", crlf([
        "HTTP/1.1 503 Service Unavailable", "Retry-After: 7", "x-amz-retry-after: 2500",
        "Content-Length: 0"]), 1, 8)
    http("429-throttled-close", crlf([
        "HTTP/1.1 429 Too Many Requests", "Connection: close",
        "x-amzn-ErrorType: ThrottlingException", "Content-Length: 28"], '{"message":"Rate exceeded"}\n'), 2, 5, 2)
    http("te-and-length", crlf([
        "HTTP/1.1 200 OK", "Content-Length: 99", "Transfer-Encoding: chunked"]) +
        chunked("abc", [3]) + b"0\r\n\r\n", 0)
    http("duplicate-length", crlf(["HTTP/1.1 200 OK", "Content-Length: 3", "content-length: 3"], "abc"), 1, 2)
    http("bad-obs-fold", crlf(["HTTP/1.1 200 OK", "X-Folded: a", " b", "Content-Length: 0"]), 0)
    http("long-header-line", crlf(["HTTP/1.1 200 OK", "x-pad: " + "p" * 498, "Content-Length: 0"]), 2, 60, 11)
    http("chunk-size-overflow", crlf(["HTTP/1.1 200 OK", "Transfer-Encoding: chunked"]) +
         b"00000ffffffffffffffff0\r\nx\r\n", 1, 6)
    http("many-headers", crlf(["HTTP/1.1 200 OK"] + ["x-h%d: %d" % (i, i) for i in range(64)] +
                              ["Content-Length: 0"]), 2, 31, 4)
    http("blank-line-before-status", b"\r\n" + crlf(["HTTP/1.1 200 OK", "Content-Length: 2"], "ok"), 1, 3)
    http("header-value-control", crlf(["HTTP/1.1 200 OK", "Foo: F\x01ailure", "X: a\tb\x7f",
                                       "Content-Length: 0"]), 2, 7, 3)


# ---- fuzz_json: [op][cap][win hi][win lo][token cap][tokens][seed] + body ----------------

OPS = {"async": 0, "copy": 1, "invocation": 2, "import": 3, "ssm": 4}


def js(name, op, doc, cap=40, window=256, tcap=200, ntok=30, rnd=5, raw=False):
    body = b(doc) if raw else b(json.dumps(doc, indent=1, ensure_ascii=False))
    w = window - 16
    seed("fuzz_json", name, bytes([OPS[op], cap, w >> 8, w & 255, tcap, ntok, rnd]) + body)


ARN = "arn:aws:bedrock:us-west-2:123456789012:"


def json_seeds():
    js("async-page-token-after", "async", {
        "asyncInvokeSummaries": [{
            "invocationArn": ARN + "async-invoke/a1", "modelArn": ARN + "foundation-model/amazon.nova-reel-v1:1",
            "clientRequestToken": "0b4c-\u00e9t\u00e9", "status": "Failed",
            "failureMessage": "Quota \"exceeded\"\n\ttry later \\ \u2028",
            "submitTime": "2025-01-07T10:11:12.123456789Z", "lastModifiedTime": "2025-01-07T10:11:13+02:00",
            "endTime": "2025-01-07 10:11:14", "outputDataConfig": {"s3OutputDataConfig": {
                "s3Uri": "s3://bucket/k\u00fc/", "kmsKeyId": "alias/x", "bucketOwner": "123456789012"}}},
            {"invocationArn": ARN + "async-invoke/a2", "status": "InProgress", "submitTime": "2025-01-07"}],
        "nextToken": "AAMA-EFRSURBSGo\u002bZz09"}, cap=30, window=300)
    js("async-token-before-escapes", "async", '{"nextToken":"\\u00e9\\ud83d\\ude00\\/\\"x\\\\",'
       '"asyncInvokeSummaries":[{"invocationArn":"a\\u0000b","status":"\\ud800lone","failureMessage":'
       '"pair \\ud83d\\ude00 high-then-escape \\ud83d\\n end \\udc00"}]}', cap=7, window=64, raw=True)
    js("copy-tags-lists", "copy", {
        "modelCopyJobSummaries": [{
            "jobArn": ARN + "model-copy-job/j1", "status": "Completed", "creationTime": 1736244672.5,
            "targetModelArn": ARN + "custom-model/m", "targetModelName": "m",
            "sourceAccountId": "123456789012", "sourceModelArn": ARN + "custom-model/src",
            "targetModelTags": [{"key": "team", "value": "ml"}, {"key": "cost\u20ac", "value": "\U0001F600"},
                                {"key": "k", "value": "v" * 60}],
            "failureMessage": None, "sourceModelName": "src", "unknownField": {"a": [1, {"b": [None, True]}]}}],
        "nextToken": None}, cap=12, window=200, ntok=10)
    js("invocation-vpc-ints", "invocation", {
        "invocationJobSummaries": [{
            "jobArn": ARN + "model-invocation-job/x", "jobName": "batch-1", "modelId": "anthropic.claude",
            "roleArn": "arn:aws:iam::123456789012:role/r", "status": "PartiallyCompleted",
            "submitTime": "2025-01-07T10:11:12Z", "inputDataConfig": {"s3InputDataConfig": {
                "s3InputFormat": "JSONL", "s3Uri": "s3://in/", "s3BucketOwner": "1"}},
            "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://out/", "s3EncryptionKeyId": "k"}},
            "vpcConfig": {"subnetIds": ["subnet-1", "subnet-2", "subnet-3"], "securityGroupIds": ["sg-1"]},
            "timeoutDurationInHours": 72, "jobExpirationTime": 1736244672, "modelInvocationType": "Converse",
            "totalRecordCount": 9007199254740993, "processedRecordCount": -1, "successRecordCount": 0,
            "errorRecordCount": 2147483647}], "nextToken": ""}, cap=64, window=2048, ntok=5)
    js("import-empty-array", "import", {"modelImportJobSummaries": [], "nextToken": "t"}, window=16)
    js("import-no-result", "import", {"nextToken": "only-a-token", "other": [1, 2, {"x": "y"}]})
    js("ssm-epoch-page", "ssm", {
        "WindowExecutionTaskInvocationIdentities": [
            {"WindowExecutionId": "e-1", "TaskExecutionId": "t-1", "InvocationId": "i-%d" % i,
             "ExecutionId": "x", "TaskType": "RUN_COMMAND", "Parameters": '{"commands":["echo hi"]}',
             "Status": "SUCCESS", "StatusDetails": "Success", "StartTime": 1.736244672123e9,
             "EndTime": 1736244680, "OwnerInformation": "o", "WindowTargetId": "wt"} for i in range(3)],
        "NextToken": "AAEAAR" + "x" * 150}, cap=200, window=150, tcap=100, rnd=9)
    js("ssm-error-body", "ssm", {"__type": "com.amazonaws.ssm#DoesNotExistException", "message": "nope"})
    js("wrong-types", "copy", '{"modelCopyJobSummaries":[{"jobArn":5,"creationTime":"yesterday",'
       '"targetModelTags":["x"]},{"targetModelTags":{"key":"v"}}]}', raw=True)
    js("int-out-of-range", "invocation", '{"invocationJobSummaries":[{"jobArn":"a",'
       '"timeoutDurationInHours":2147483648},{"jobArn":"b","totalRecordCount":-9223372036854775808},'
       '{"jobArn":"c","errorRecordCount":1.5e3}]}', raw=True)
    js("result-not-array", "async", '{"asyncInvokeSummaries":{"a":1}}', raw=True)
    js("truncated", "async", PAGE[:120], raw=True)
    js("trailing-garbage", "import", '{"modelImportJobSummaries":[{"jobArn":"a"}]} x', raw=True)
    js("deep-nesting", "async", '{"asyncInvokeSummaries":[{"a":' + "[" * 33 + "]" * 33 + "}]}", raw=True)
    js("utf8-cut-boundaries", "async", {"asyncInvokeSummaries": [{
        "invocationArn": "\u00e9" * 20, "modelArn": "\u20ac" * 20, "status": "\U0001F600" * 10,
        "failureMessage": "\\\\\\\\\"\"\"\"" * 5}]}, cap=5, window=64)


# ---- fuzz_json_valid: [op][place][item member][seed] + data -----------------------------

PLACES = {"body": 0, "item": 1, "elements": 2, "member": 3, "result": 4, "token": 5, "known": 6}

# Issue 10's invalid documents, then more of each rule, then valid values: each seeds one
# place of a response, the places taken in turn.
ISSUE_INVALID = [
    "[1,,2]", "[,1]", "[1,]", '{"id":0,}', '{"a":"b",,"c":"d"}', '["": 1]', '{"x"::"b"}',
    '{:"b"}', '{"a" "b"}', '{"a":"a" 123}', "[3[4]]", "-01", "012", "1.", "-2.", "0.1.2", "1eE2",
    "0e+", "0x1", "1+2", "-", "- 1", "1 000.0", "+1", ".123", "1.2a-3", "tru", "nul", "fals",
    "truth", "abc", '{a: "b"}', "{1:1}", "{null:null}", '"a\x00b"', '"a\tb"', '"a\nb"',
    '"\\x00"', '"\\a"', '"\\uqqqq"', '"\\u00A"', '"\\UA66D"', '"\\uD800\\u"', "nope",
    "nothing",
]
MORE_INVALID = [
    b'"\\uD800"', b'"\\uDC00"', b'"\\uD800\\n"', b'"\xc0\x80"', b'"\xed\xa0\x80"',
    b'"\xf4\x90\x80\x80"', b'"\xe2\x82"', b"\xef\xbb\xbf{}", b"[1,\x0c2]", b"NaN", b"[" * 40,
]
VALID = [
    '{"a":[1,-0,0.5e-3,true,false,null,"\\u00e9\\ud83d\\ude00"]}', "[]", "{}", '""', "1E+9",
    '"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"', ' \t\r\n[ { } ] ',
]


def jv(name, op, place, data, member=0, rnd=7):
    seed("fuzz_json_valid", name, bytes([OPS[op], PLACES[place], member, rnd]) + b(data))


def json_valid_seeds():
    jv("async-page", "async", "body", json.dumps(json.loads(PAGE), indent=1))
    jv("ssm-page", "ssm", "body", json.dumps({"WindowExecutionTaskInvocationIdentities": [
        {"WindowExecutionId": "e", "InvocationId": "i", "Parameters": '{"a":["b"]}',
         "StartTime": 1.736244672123e9, "EndTime": 1736244680}], "NextToken": "AAE\u00e9"}))
    jv("copy-tags", "copy", "elements", json.dumps({"jobArn": "j", "targetModelTags": [
        {"key": "k", "value": "v"}], "creationTime": "2025-01-07T10:11:12Z"}))
    jv("invocation-ints", "invocation", "elements", '{"timeoutDurationInHours":-2147483648,'
       '"totalRecordCount":-9223372036854775808,"vpcConfig":{"subnetIds":["s"]}}')
    places = ["item", "member", "result", "token", "known", "elements"]
    for i, frag in enumerate(ISSUE_INVALID):
        jv("issue-%02d-%s" % (i, places[i % len(places)]), "import", places[i % len(places)], frag,
           member=i)
    for i, frag in enumerate(MORE_INVALID):
        jv("invalid-%02d" % i, ["async", "copy", "invocation", "import", "ssm"][i % 5], "item", frag)
    for i, frag in enumerate(VALID):
        jv("valid-%02d-item" % i, "async", "item", frag)
        jv("valid-%02d-member" % i, "ssm", "member", frag)
    # Known members given the wrong type (member indexes as in src/ops_tables.gen.c).
    jv("known-string-given-number", "async", "known", "5", member=0)
    jv("known-struct-given-string", "async", "known", '"s3://x"', member=8)
    jv("known-list-given-string", "copy", "known", '"tag"', member=8)
    jv("known-list-element-member", "copy", "known", '[{"key":5}]', member=8)
    jv("known-int-given-true", "invocation", "known", "true", member=13)
    jv("known-time-given-object", "import", "known", "{}", member=4)
    jv("token-number", "async", "token", "5")
    jv("result-object", "async", "result", '{"a":1}')


# ---- fuzz_resume_token: [flags][token cap][truncate x4] + payload ------------------------

def rt(name, payload, flags=0, tcap=191, trunc=0):
    seed("fuzz_resume_token", name, bytes([flags, tcap]) + trunc.to_bytes(4, "big") + b(payload))


def boto(d):
    return base64.b64encode(json.dumps(d).encode())


def resume_seeds():
    rt("botocore-plain", boto({"nextToken": "eyJwYWdlIjoyfQ=="}))
    rt("botocore-truncate", boto({"nextToken": "AAMA-EFRSURBSGo", "boto_truncate_amount": 3}), 2, 191, 3)
    rt("botocore-null-truncate", boto({"nextToken": None, "boto_truncate_amount": 1}), 6, 191, 1)
    rt("botocore-ssm", boto({"NextToken": "AAEAAR\u00e9\U0001F600\"\\\n"}), 1)
    rt("botocore-foreign-key", boto({"nextToken": "a", "Marker": "b"}))
    rt("botocore-long", boto({"nextToken": "t" * 300}), 0, 100)
    rt("old-style", "AAEAAQ___12", 2, 191, 12)
    rt("old-style-none", "None___4", 4)
    rt("old-style-two-parts", "a___1___2")
    rt("old-style-9-digits", "tok___999999999", 2, 191, 999999999)
    rt("not-base64", "not base64!")
    rt("base64-not-json", base64.b64encode(b"\x00\x01\x02binary"))
    rt("base64-bad-padding", "QQ=A")


# ---- fuzz_sigv4: [flags][queries][headers][auth cap] + length-prefixed fields ------------

def fld(v):
    v = b(v)
    assert len(v) < 4096
    return bytes([len(v)]) + v if len(v) < 0xF0 else bytes([0xF0 + (len(v) >> 8), len(v) & 255]) + v


def sig(name, query=(), headers=(), method=0, normalize=1, path="/", region="us-east-1",
        service="bedrock", akid="AKIDEXAMPLE", secret="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        date=None, phash=None, method_raw="", auth=0):
    flags = normalize | (2 if date is not None else 0) | (4 if phash is not None else 0) | (method << 3)
    out = bytes([flags, len(query), len(headers), auth])
    for v in (method_raw, path, region, service, akid, secret, date or "", phash or ""):
        out += fld(v)
    for k, v in query:
        out += fld(k) + fld(v)
    for k, v in headers:
        out += fld(k) + fld(v)
    seed("fuzz_sigv4", name, out)


def sigv4_seeds():
    d = "20150830T123600Z"
    host = ("host", "bedrock-runtime.us-east-1.amazonaws.com")
    sig("list-async-invokes", [("maxResults", "10"), ("nextToken", "a+b/c=d \u00e9"),
                               ("statusEquals", "Completed"), ("submitTimeAfter", "2025-01-07T10:11:12Z")],
        [host, ("x-amz-date", d), ("X-Amz-Security-Token", "IQoJb3JpZ2luX2VjE" + "A" * 200)])
    body = b'{"WindowExecutionId":"e","TaskId":"t","MaxResults":10}'
    sig("ssm-post", [], [("Host", "ssm.us-east-1.amazonaws.com"), ("X-Amz-Date", d),
                         ("Content-Type", "application/x-amz-json-1.1"),
                         ("X-Amz-Target", "AmazonSSM.DescribeMaintenanceWindowExecutionTaskInvocations")],
        method=1, service="ssm", phash=hashlib.sha256(body).hexdigest())
    sig("dot-segments", [("a", "1")], [("host", "example.amazonaws.com"), ("x-amz-date", d)],
        path="/a/./b/../../c//d/%2e%2e/e/")
    sig("s3-no-normalize", [], [("host", "b.s3.amazonaws.com")], normalize=0, path="/a//b/../c d/%41~",
        service="s3")
    sig("query-order-dup", [("b", "2"), ("a", "2"), ("a", "1"), ("A", ""), ("a", "")],
        [("host", "h"), ("x-amz-date", d)])
    sig("header-trim-dup", [], [("My-Header1", "  value1  "), ("my-header1", "a   b\t\tc"),
                                ("My-Header2", "\"a   b   c\""), ("host", "h"), ("x-amz-date", d)])
    sig("unreserved-utf8", [("-._~", "\u1234 \u00e9"), ("\u1234", "/?&=")], [("host", "h")],
        path="/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/\u1234")
    sig("long-page-token", [("nextToken", "T" * 2048), ("maxResults", "1000")], [host, ("x-amz-date", d)])
    sig("sixteen-headers", [], [("x-h%02d" % i, str(i)) for i in range(16)])
    sig("seventeen-headers", [], [("x-h%02d" % i, str(i)) for i in range(17)])
    sig("thirty-three-query", [("q%02d" % i, str(i)) for i in range(33)], [host])
    sig("bad-date-and-hash", [], [host], date="2015-08-30", phash="abc")
    sig("raw-method", [], [host], method=7, method_raw="OPTIONS")
    sig("empty-header-name", [], [host, ("", "x")])
    sig("long-region-service", [], [host], region="r" * 31, service="s" * 31)
    sig("small-auth-buffer", [], [host, ("x-amz-date", d)], auth=40)


# ---- regression inputs for the bugs found --------------------------------------------------

def crashes():
    # An HTTP line holding a NUL after its 512th byte: whole, the NUL is seen first
    # (TAWS_ERR_HTTP_SYNTAX); fed in pieces, the length limit is (TAWS_ERR_HTTP_LINE_TOO_LONG).
    crash("fuzz_http", "nul-vs-long-line",
          b"\x00\x00\x00" + b"HTTP/1.1 200 OK\r\nx-pad: " + b"a" * 600 + b"\x00\r\n\r\n")
    # String cap 16, window 64: item 1 has a 200-byte key (too big), so safe_len ends near 200;
    # item 2's strings start with UTF-8 continuation bytes, so safe_len is never refreshed and
    # the cut sets item_len to ~200 > window_cap: emit() writes past the window.
    crash("fuzz_json", "cut-stale-safe-len-overflow",
          bytes([1, 15, 0, 48, 200, 10, 3]) + b'{"modelCopyJobSummaries":[{"' + b"a" * 200 +
          b'":1},{"\x80":"' + b"\x80" * 20 + b'"}]}')
    # Same root cause inside one item: the cut goes back into the key "status", leaving
    # {"jobArn":"x","statu"} -- no longer JSON.
    crash("fuzz_json", "cut-stale-safe-len-bad-json",
          bytes([1, 15, 0, 48, 200, 10, 3]) + b'{"modelCopyJobSummaries":[{"jobArn":"x","status":"' +
          b"\x80" * 20 + b'"}]}')
    # Overlong UTF-8 C1 AE is written as \u006e, so the token resumes as "n".
    crash("fuzz_resume_token", "overlong-utf8", bytes([0, 255, 0, 0, 0, 0]) + b"\xc1\xae")
    # boto_truncate_amount 1000000000 is written but decoding accepts at most 9 digits.
    crash("fuzz_resume_token", "truncate-10-digits",
          bytes([2, 255]) + (1000000000).to_bytes(4, "big") + b"abc")
    # A key cached for region "us-east-1\0x" is reused for region "us-east-1".
    crash("fuzz_sigv4", "key-cache-nul-in-region",
          bytes([1, 0, 1, 0]) + fld("") + fld("/") + fld(b"us-east-1\x00x") + fld("bedrock") +
          fld("AKID") + fld("secret") + fld("") + fld("") + fld("host") + fld("h"))


def main():
    http_seeds()
    json_seeds()
    json_valid_seeds()
    resume_seeds()
    sigv4_seeds()
    crashes()
    return 0


if __name__ == "__main__":
    sys.exit(main())
