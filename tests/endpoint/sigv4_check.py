# SPDX-License-Identifier: MIT
"""SigV4 verification of received requests with botocore's own signer (no hand-rolled crypto).

The request is rebuilt from what arrived (method, scheme://Host + raw path and query, only
the headers named in SignedHeaders, body) and botocore computes the signature we expect.
Failures raise AuthError carrying the code and message AWS's front door uses.
"""
import datetime
import hashlib
import hmac
import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your AWS "
            "Secret Access Key and signing method. Consult the service documentation for details.")
INVALID_TOKEN = "The security token included in the request is invalid."
SKEW_MS = 15 * 60 * 1000


class AuthError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


class _ExactHeaders(SigV4Auth):
    """Sign exactly the headers the client listed: AWS verifies what SignedHeaders names,
    while botocore's signer would silently drop user-agent, expect and x-amzn-trace-id."""

    def __init__(self, credentials, service, region, signed):
        super().__init__(credentials, service, region)
        self._signed = signed

    def headers_to_sign(self, request):
        picked = HTTPHeaders()
        for name, value in request.headers.items():
            if name.lower() in self._signed:
                picked[name.lower()] = value
        return picked


def amz(dt):
    return dt.strftime("%Y%m%dT%H%M%SZ")


def parse_authorization(value):
    """{'Credential':..., 'SignedHeaders':..., 'Signature':...} or AuthError."""
    if not value.startswith("AWS4-HMAC-SHA256 "):
        raise AuthError("IncompleteSignatureException", "Authorization header must use AWS4-HMAC-SHA256.")
    parts = {}
    for item in value[len("AWS4-HMAC-SHA256 "):].split(","):
        k, _, v = item.strip().partition("=")
        parts[k] = v
    missing = [k for k in ("Credential", "Signature", "SignedHeaders") if not parts.get(k)]
    if missing:
        raise AuthError("IncompleteSignatureException",
                        " ".join("Authorization header requires '%s' parameter." % k for k in missing))
    return parts


def redact_query(query):
    """Query string safe to log: presigned-URL credentials and signatures masked."""
    return re.sub(r"(?i)(X-Amz-(?:Security-Token|Signature|Credential)=)[^&]*", r"\1<redacted>", query)


def redact(value):
    """Authorization value safe to log: scope and signed headers only, never the signature."""
    if not value:
        return None
    try:
        p = parse_authorization(value)
        return "AWS4-HMAC-SHA256 Credential=%s, SignedHeaders=%s, Signature=<redacted>" % (
            p["Credential"], p["SignedHeaders"])
    except AuthError:
        return "<unparsable, redacted>"


def aws_canonical_url(url):
    """The URL with its query re-encoded the way AWS canonicalizes it (decode, then encode all but
    unreserved characters). botocore's URL mode would take the query bytes as sent, which would
    accept a raw ':' that AWS rejects, and reject a raw ':' signed as %3A that AWS accepts."""
    parts = urlsplit(url)
    pairs = [p.partition("=") for p in parts.query.split("&")] if parts.query else []
    query = "&".join("%s=%s" % (quote(unquote(k), safe="-_.~"), quote(unquote(v), safe="-_.~")) for k, _, v in pairs)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def access_key_of(authorization):
    """The access key id a request's Authorization header names, or None."""
    try:
        return parse_authorization(authorization or "")["Credential"].split("/")[0]
    except AuthError:
        return None


def verify(method, url, headers, body, service, region, keys, now, required=("host", "x-amz-date"),
           token_check=None):
    """headers: list of (name, value) as received; keys: {'ak','sk','token'}; now: aware UTC datetime.
    token_check, if given, runs once the session token matched and before the signature is checked
    (AWS reads temporary credentials out of the token first): it raises AuthError to refuse them."""
    lower = {}
    for name, value in headers:
        lower.setdefault(name.lower(), []).append(value)
    auth = lower.get("authorization", [None])[0]
    if not auth:
        raise AuthError("MissingAuthenticationTokenException", "Missing Authentication Token")
    parts = parse_authorization(auth)
    scope = parts["Credential"].split("/")
    if len(scope) != 5:
        raise AuthError("IncompleteSignatureException",
                        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
                        " got '%s'" % parts["Credential"])
    ak, date, scope_region, scope_service, term = scope
    if ak != keys["ak"]:
        raise AuthError("UnrecognizedClientException", INVALID_TOKEN)
    sent_token = lower.get("x-amz-security-token", [None])[0]
    if keys.get("token") and sent_token != keys["token"]:
        raise AuthError("UnrecognizedClientException", INVALID_TOKEN)
    if token_check is not None:
        token_check()
    amz_date = lower.get("x-amz-date", [None])[0]
    if amz_date is None:
        raise AuthError("IncompleteSignatureException",
                        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
    if not re.fullmatch(r"\d{8}T\d{6}Z", amz_date):
        raise AuthError("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '%s'." % amz_date)
    signed = parts["SignedHeaders"].split(";")
    for h in required:
        if h not in signed:
            shown = "'Host' or ':authority'" if h == "host" else "'%s'" % h
            raise AuthError("IncompleteSignatureException",
                            "%s must be a 'SignedHeader' in the AWS Authorization." % shown)
    if date != amz_date[:8]:
        raise AuthError("InvalidSignatureException",
                        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                        "'%s' != '%s', from '%s'." % (date, amz_date[:8], amz_date))
    if scope_region != region:
        raise AuthError("InvalidSignatureException", "Credential should be scoped to a valid region.")
    if scope_service != service:
        raise AuthError("InvalidSignatureException", "Credential should be scoped to correct service: '%s'." % service)
    if term != "aws4_request":
        raise AuthError("InvalidSignatureException",
                        "Credential should be scoped with a valid terminator: 'aws4_request', not '%s'." % term)
    try:
        sent = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        raise AuthError("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '%s'." % amz_date)
    skew = datetime.timedelta(milliseconds=SKEW_MS)
    if sent < now - skew:
        raise AuthError("InvalidSignatureException", "Signature expired: %s is now earlier than %s (%s - 15 min.)"
                        % (amz_date, amz(now - skew), amz(now)))
    if sent > now + skew:
        raise AuthError("InvalidSignatureException", "Signature not yet current: %s is still later than %s "
                        "(%s + 15 min.)" % (amz_date, amz(now + skew), amz(now)))
    if any(h not in lower for h in signed):
        raise AuthError("InvalidSignatureException", MISMATCH)
    # AWS hashes the body itself: a signed x-amz-content-sha256 that lies about it cannot verify
    # (botocore would take the header's word for it).
    claimed = lower.get("x-amz-content-sha256", [None])[0]
    if "x-amz-content-sha256" in signed and claimed != hashlib.sha256(body).hexdigest():
        raise AuthError("InvalidSignatureException", MISMATCH)
    request = AWSRequest(method=method, url=aws_canonical_url(url), data=body, headers=HTTPHeaders())
    for name, value in headers:
        if name.lower() in signed:
            request.headers[name] = value
    request.context["timestamp"] = amz_date
    signer = _ExactHeaders(Credentials(keys["ak"], keys["sk"], sent_token), service, region, set(signed))
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if not hmac.compare_digest(expected.encode(), parts["Signature"].encode("ascii", "replace")):
        raise AuthError("InvalidSignatureException", MISMATCH)
    return ak
