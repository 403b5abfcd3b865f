#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The credentials providers end to end through the library's public API (tests/cred/cred_list.c)
against the local endpoint's credential servers (tests/endpoint/README.md): the AWS IoT
credentials provider over mutual TLS (EC and RSA keys, PEM and DER), container credentials,
IMDSv2. Each listing must print every item of boto3's listing of the same endpoint exactly once,
in order: also when the listing outlives the credentials (refreshed before they expire) and when
the service alone finds them expired (ExpiredTokenException, then one refresh and the page again).
The IoT provider's failures (a key that is not the certificate's, a certificate of another CA, an
unknown thing) each give their own status and message. No session token reaches --debug.

    /usr/bin/python3 tests/cred/test_cred_library.py build/cred_list
"""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "endpoint"))
from testlib import Endpoint  # noqa: E402
sys.path.insert(0, os.path.join(HERE, ".."))
from tap import ok as check, finish  # noqa: E402  (ok - / not ok - / N passed, M failed)

ALIAS, THING, TOKEN = "tinyaws-role-alias", "tinyaws-thing", "tinyaws-container-token"
CPATH = "/2016-11-01/credentialprovider/"
ITEMS = 120
def main():
    prog = sys.argv[1]
    tmp = tempfile.TemporaryDirectory(prefix="tinyaws-credlib-")
    ep = Endpoint("--https-port", "0", "--http-port", "0", "--iot-port", "0", "--container-port", "0",
                  "--imds-port", "0", "--import-jobs", str(ITEMS), "--default-page-size", "10,10",
                  state_dir=os.path.join(tmp.name, "ep")).wait_ready()
    try:
        run_all(prog, ep)
    finally:
        ep.stop()
        tmp.cleanup()
    finish()


def run_all(prog, ep):
    url = "https://localhost:%d" % ep.https
    iot_dir = ep.ready["iot_dir"]

    def f(name):
        return os.path.join(iot_dir, name)

    def ctl(method, sub, body=None):
        return ep.control(method, "/__tinyaws/credentials" + sub, body)

    def reset(**knobs):
        assert ctl("POST", "/reset")[0] == 200
        if knobs:
            status, out = ctl("POST", "/config", knobs)
            assert status == 200, out

    def run(args, **env):
        full = dict(os.environ)
        full.update({k: str(v) for k, v in env.items()})
        return subprocess.run([prog, url, ep.ca] + args, capture_output=True, text=True, timeout=120, env=full)

    iot = ["iot", "localhost:%d" % ep.ready["iot_port"], ALIAS, THING]
    container = ["container", "http://127.0.0.1:%d%s" % (ep.ready["container_port"], CPATH), TOKEN]
    imds = ["imds", "http://127.0.0.1:%d/" % ep.ready["imds_port"]]

    # The expected listing: boto3's, with the endpoint's static keys.
    c = ep.client("bedrock")
    want = [j["jobArn"] for p in c.get_paginator("list_model_import_jobs").paginate()
            for j in p["modelImportJobSummaries"]]
    check(len(want) == ITEMS, "boto3 lists the %d import jobs" % ITEMS)

    def fetches(r):
        for line in r.stderr.splitlines():
            if line.startswith("fetches "):
                return int(line.split()[1])
        return -1

    def listing_ok(r, what, n_fetches=None):
        got = r.stdout.splitlines()
        ok = r.returncode == 0 and got == want
        check(ok, what, "rc %d, %d items (%d unique), stderr %s" % (r.returncode, len(got), len(set(got)),
                                                                   r.stderr[-400:]))
        if n_fetches is not None:
            check(fetches(r) == n_fetches, what + ": the provider asked %d time(s)" % n_fetches,
                  "fetches %d" % fetches(r))

    # Every provider, every key form.
    for cert, key in (("thing-ec.pem", "thing-ec-key.pem"), ("thing-rsa.pem", "thing-rsa-key.pem"),
                      ("thing-ec.der", "thing-ec-key.der"), ("thing-rsa.der", "thing-rsa-key.der"),
                      ("thing-ec.pem", "thing-ec-key-pkcs8.pem")):
        reset()
        listing_ok(run(iot + [f(cert), f(key)]), "iot provider (%s, %s) lists every item once" % (cert, key), 1)
        st = ctl("GET", "/stats")[1]
        check(st["iot"]["issued"] == 1 and st["aws"]["temporary_accepted"] >= ITEMS // 10,
              "iot (%s): one credential issued, the AWS endpoint accepted it" % cert, str(st))
    reset()
    listing_ok(run(container), "container provider lists every item once", 1)
    check(ctl("GET", "/stats")[1]["container"]["issued"] == 1, "container: one credential issued")
    reset()
    with open(os.path.join(os.path.dirname(ep.ca), "token-file"), "w") as tf:
        tf.write(TOKEN)
    listing_ok(run(container[:2] + ["-", tf.name]), "container provider with the token from a file (callback)", 1)
    reset()
    listing_ok(run(imds), "IMDSv2 provider lists every item once", 1)
    st = ctl("GET", "/stats")[1]
    check(st["imds"]["issued"] == 1 and st["imds"]["token_requests"] == 1, "imds: one token, one credential",
          str(st["imds"]))

    # A listing longer than the credentials' lifetime: 3 s credentials, a 1 s refresh window,
    # 12 pages of 10, 40 ms per item (about 5 s): refreshed before expiry, never refused.
    for name, args, knob in (("iot", iot + [f("thing-ec.pem"), f("thing-ec-key.pem")], "iot_lifetime"),
                             ("container", container, "container_lifetime"),
                             ("imds", imds, "imds_lifetime")):
        reset(**{knob: 3})
        t0 = time.time()
        r = run(args, CRED_REFRESH=1, ITEM_SLEEP_MS=40)
        took = time.time() - t0
        listing_ok(r, "%s: a %.1f s listing with 3 s credentials prints every item once" % (name, took))
        st = ctl("GET", "/stats")[1]
        check(took > 3.5 and fetches(r) >= 2 and st["aws"]["expired_refused"] == 0,
              "%s: refreshed before expiry (%d fetches, %d refusals)" % (name, fetches(r), st["aws"]["expired_refused"]))

    # Expiry the client cannot see: the credentials say an hour, the service expires them after
    # 35 items (mid-page); the next page is refused with ExpiredTokenException, the provider is
    # asked once more, the page is sent again, nothing is repeated or lost.
    for name, args in (("iot", iot + [f("thing-ec.pem"), f("thing-ec-key.pem")]), ("container", container),
                       ("imds", imds)):
        reset()
        r = run(args, CRED_REFRESH=0, EXPIRE_AT="35:%d" % ep.http)
        listing_ok(r, "%s: expiry found only through ExpiredTokenException recovers" % name, 2)
        st = ctl("GET", "/stats")[1]
        check(st["aws"]["expired_refused"] == 1, "%s: the service refused once" % name, str(st["aws"]))

    # The IoT provider's failures, each distinct and clear.
    reset()
    r = run(iot + [f("thing-ec.pem"), f("thing-rsa-key.pem")])
    check(r.returncode == 2 and "error TAWS_ERR_CRED_KEY_MISMATCH: The device private key is not the key of "
          "the device certificate" in r.stderr and r.stdout == "", "iot: a key that is not the certificate's",
          r.stderr)
    check(ctl("GET", "/stats")[1]["iot"]["requests"] == 0 and
          ctl("GET", "/stats")[1]["iot"]["tls_handshakes"] == 0, "iot: ... refused before connecting")
    r = run(iot + [f("other-ca-ec.pem"), f("other-ca-ec-key.pem")])
    check(r.returncode == 2 and "error TAWS_ERR_TLS_CLIENT_CERT: Error when retrieving credentials from iot: "
          "The AWS IoT credentials provider refused the TLS connection" in r.stderr and r.stdout == "",
          "iot: a certificate from another CA", r.stderr)
    check(ctl("GET", "/stats")[1]["iot"]["tls_handshake_failures"] >= 1, "iot: ... the server refused the handshake")
    # the refusal shows as an alert after the handshake or as the connection cut while the
    # client still writes its certificate: either way one fetch, not one per retry of the page
    check(fetches(r) == 1, "iot: ... the provider asked once", "fetches %d" % fetches(r))
    for _ in range(5):
        r = run(iot + [f("other-ca-ec.pem"), f("other-ca-ec-key.pem")])
        if r.returncode != 2 or fetches(r) != 1 or "error TAWS_ERR_TLS_CLIENT_CERT: " not in r.stderr:
            break
    check(r.returncode == 2 and fetches(r) == 1 and "error TAWS_ERR_TLS_CLIENT_CERT: " in r.stderr,
          "iot: ... the same status and one fetch in 5 more runs", r.stderr)
    r = run(iot[:3] + ["no-such-thing", f("thing-ec.pem"), f("thing-ec-key.pem")])
    check(r.returncode == 2 and "error TAWS_ERR_CRED_PROVIDER: Error when retrieving credentials from iot: "
          "Received non 200 response (403) from the AWS IoT credentials provider: Invalid thing name passed"
          in r.stderr, "iot: an unknown thing", r.stderr)
    r = run(iot[:2] + ["no-such-alias", THING, f("thing-ec.pem"), f("thing-ec-key.pem")])
    check(r.returncode == 2 and "Received non 200 response (404) from the AWS IoT credentials provider: "
          "Role alias does not exist" in r.stderr, "iot: an unknown role alias", r.stderr)
    reset()
    ctl("POST", "/faults", [{"provider": "iot", "status": 503, "code": "ServiceUnavailableException",
                             "message": "try later"}])
    listing_ok(run(iot + [f("thing-ec.pem"), f("thing-ec-key.pem")]), "iot: a 503 is retried", 1)
    check(ctl("GET", "/stats")[1]["iot"]["requests"] == 2, "iot: ... two requests")
    reset()
    r = run(container[:2] + ["wrong-token"])
    check(r.returncode == 2 and "Error when retrieving credentials from container-role: Error retrieving "
          "metadata: Received non 200 response (400) from ECS metadata: " in r.stderr and
          "InvalidIdInRequest" in r.stderr, "container: a wrong token, in the AWS CLI's words", r.stderr)
    check(ctl("GET", "/stats")[1]["container"]["requests"] == 3, "container: ... tried three times")

    # Under valgrind: no invalid access, no leak (mbedTLS's parsed certificate and key freed).
    vg = ["valgrind", "-q", "--error-exitcode=99", "--leak-check=full", "--errors-for-leak-kinds=definite,indirect"]
    for name, args in (("iot", iot + [f("thing-rsa.pem"), f("thing-rsa-key.pem")]), ("container", container),
                       ("imds", imds)):
        reset()
        r = subprocess.run(vg + [prog, url, ep.ca] + args, capture_output=True, text=True, timeout=300)
        check(r.returncode == 0 and r.stdout.splitlines() == want, "%s under valgrind: clean" % name,
              "rc %d %s" % (r.returncode, r.stderr[-600:]))
    reset()
    r = subprocess.run(vg + [prog, url, ep.ca] + iot[:3] + ["no-such-thing", f("thing-ec.pem"), f("thing-ec-key.pem")],
                       capture_output=True, text=True, timeout=300)
    check(r.returncode == 2, "iot failure under valgrind: clean (exit 2, not 99)", r.stderr[-600:])

    # --debug: the exchanges are there, no session token or secret.
    reset()
    r = run(iot + [f("thing-ec.pem"), f("thing-ec-key.pem")], DEBUG=1)
    check(r.returncode == 0 and "GET /role-aliases/%s/credentials" % ALIAS in r.stderr and
          "X-Amz-Security-Token: [redacted]" in r.stderr and "IQoJb3JpZ2lu" not in r.stderr + r.stdout,
          "debug output has the provider's request, and no session token")
    reset()
    r = run(container, DEBUG=1)
    check(r.returncode == 0 and "Authorization: [redacted]" in r.stderr and TOKEN not in r.stderr and
          "IQoJb3JpZ2lu" not in r.stderr, "debug output redacts the container token")


if __name__ == "__main__":
    main()
