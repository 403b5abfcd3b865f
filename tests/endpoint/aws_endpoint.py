#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Local AWS endpoint for tinyaws: the list operations of src/operations.json (bedrock-runtime,
bedrock and ssm) on one port, SigV4-verified with botocore, with runtime wire-variation and
fault knobs.

Prints one JSON ready line: {"https_port": N, "http_port": M, "ca": "/abs/ca.pem", "pid": P}.
See README.md in this folder.
"""
import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.environ.setdefault("AWS_DATA_PATH", os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "aws-models")))

import certs  # noqa: E402
import cred_servers  # noqa: E402
import cred_state  # noqa: E402
import datasets  # noqa: E402
import http_server  # noqa: E402
import iot_pki  # noqa: E402
from models import DEFAULT_MODELS_DIR, Models  # noqa: E402
from operations import Operations, load_specs  # noqa: E402
from state import State  # noqa: E402
from tokens import Tokens  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--https-port", type=int, help="HTTPS listener port (0 = ephemeral)")
    p.add_argument("--http-port", type=int, help="plain HTTP listener port (0 = ephemeral)")
    p.add_argument("--bind", default="127.0.0.1")
    p.add_argument("--state-dir", help="where ca.pem and the server cert go (default: a new temporary folder)")
    p.add_argument("--region", default="us-east-1")
    p.add_argument("--access-key", default="AKIDEXAMPLE")
    p.add_argument("--secret-key", default="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    p.add_argument("--session-token", default=None, help="if given, requests must carry this X-Amz-Security-Token")
    p.add_argument("--seed", default="1")
    p.add_argument("--items", action="append", default=[], metavar="OPERATION=N",
                   help="dataset size of one operation (default: its 'items' in src/operations.json)")
    p.add_argument("--async-invokes", type=int, help="= --items ListAsyncInvokes=N")
    p.add_argument("--copy-jobs", type=int, help="= --items ListModelCopyJobs=N")
    p.add_argument("--invocation-jobs", type=int, help="= --items ListModelInvocationJobs=N")
    p.add_argument("--import-jobs", type=int, help="= --items ListModelImportJobs=N")
    p.add_argument("--ssm-invocations", default="1200,0,1,10,11,57",
                   help="invocations per (window execution, task) pair; two tasks per window execution")
    p.add_argument("--default-page-size", default="100,50",
                   help="page size when maxResults/MaxResults is absent: BEDROCK,SSM (or one value for both)")
    p.add_argument("--cert-mode", default="good", choices=certs.MODES)
    p.add_argument("--cert-key", default="p256", choices=certs.KEYS,
                   help="key type of every certificate of the chain")
    p.add_argument("--cert-intermediate", action="store_true",
                   help="a chain of three: root (ca.pem), intermediate and leaf (both served)")
    p.add_argument("--iot-port", type=int, help="AWS IoT credentials provider over mutual TLS (0 = ephemeral)")
    p.add_argument("--container-port", type=int, help="container credentials (ECS, Greengrass TES) over HTTP")
    p.add_argument("--imds-port", type=int, help="EC2 instance metadata service v2 over HTTP")
    p.add_argument("--iot-role-alias", default="tinyaws-role-alias", help="the role alias the IoT endpoint knows")
    p.add_argument("--iot-thing", default="tinyaws-thing", help="the thing the test certificates are attached to")
    p.add_argument("--container-path", default="/2016-11-01/credentialprovider/",
                   help="the container credentials path (Greengrass TES's by default)")
    p.add_argument("--container-token", default="tinyaws-container-token",
                   help="the Authorization value the container endpoint accepts")
    p.add_argument("--imds-role", default="tinyaws-instance-role", help="the instance profile's role name")
    p.add_argument("--cred-lifetime", type=int, help="lifetime in seconds of every issued credential "
                   "(default 3600 for IoT and container, 21600 for IMDS)")
    p.add_argument("--log", help="append a JSON line per request here (secrets redacted)")
    p.add_argument("--models-dir", default=DEFAULT_MODELS_DIR)
    p.add_argument("--verbose", action="store_true", help="print handler tracebacks to stderr")
    a = p.parse_args(argv)
    if a.https_port is None and a.http_port is None:
        p.error("give --https-port and/or --http-port")
    return a


ROLE_ARN = "arn:aws:iam::123456789012:role/%s"


def start_credential_servers(a, app, paths, own_dir, ready):
    """The IoT, container and IMDS credential servers that were asked for (none by default);
    their ports, and the folder of the IoT client certificates, go into the ready line."""
    wanted = {k: getattr(a, k + "_port") for k in ("iot", "container", "imds")}
    overrides = {"container_token": a.container_token, "imds_role": a.imds_role}
    if a.cred_lifetime is not None:
        overrides.update({p + "_lifetime": a.cred_lifetime for p in cred_state.PROVIDERS})
    app.creds = cred_state.CredState(lambda: app.now(app.state.snapshot()).timestamp(), **overrides)
    if all(v is None for v in wanted.values()):
        return []
    started = []
    ready.update({k + "_port": None for k in wanted})
    if wanted["iot"] is not None:
        pki = iot_pki.generate(a.state_dir or own_dir, a.iot_thing, a.iot_thing + "-2")
        creds = app.creds
        for name, c in pki["clients"].items():
            if c["issuer"] == "ca":
                creds.certs[c["sha256"]] = name
                if c["thing"]:
                    creds.things.setdefault(c["thing"], set()).add(c["sha256"])
        creds.things.setdefault(a.iot_thing, set())
        creds.role_aliases[a.iot_role_alias] = ROLE_ARN % "tinyaws-iot-role"
        ctx = cred_servers.iot_tls_context(paths["cert"], paths["key"], pki["client_ca"], creds)
        started.append(cred_servers.start("iot", (a.bind, wanted["iot"]), creds, ctx, a.verbose))
        ready["iot_port"] = started[-1].server_address[1]
        ready["iot_dir"] = pki["dir"]
    if wanted["container"] is not None:
        started.append(cred_servers.start("container", (a.bind, wanted["container"]), app.creds, None, a.verbose,
                                          container_path=a.container_path,
                                          role_arn=ROLE_ARN % "tinyaws-container-role"))
        ready["container_port"] = started[-1].server_address[1]
    if wanted["imds"] is not None:
        started.append(cred_servers.start("imds", (a.bind, wanted["imds"]), app.creds, None, a.verbose))
        ready["imds_port"] = started[-1].server_address[1]
    return started


def main(argv=None):
    a = parse_args(argv)
    models = Models(a.models_dir)
    specs = load_specs(models)
    sizes = {}
    for op, n in (("ListAsyncInvokes", a.async_invokes), ("ListModelCopyJobs", a.copy_jobs),
                  ("ListModelInvocationJobs", a.invocation_jobs), ("ListModelImportJobs", a.import_jobs)):
        if n is not None:
            sizes[op] = n
    for spec in a.items:
        op, _, n = spec.partition("=")
        if op not in specs or not n.isdigit():
            raise SystemExit("--items %s: give OPERATION=N with an operation of src/operations.json" % spec)
        sizes[op] = int(n)
    ssm_sizes = [int(x) for x in a.ssm_invocations.split(",") if x.strip()]
    data, targets = datasets.build(a.seed, a.region, sizes, ssm_sizes, models, specs)
    sizes_given = [int(x) for x in a.default_page_size.split(",")]
    rest_page, ssm_page = sizes_given if len(sizes_given) == 2 else sizes_given * 2
    ops = Operations(models, specs, data, targets, Tokens(a.seed), {"rest": rest_page, "json": ssm_page})
    keys = {"ak": a.access_key, "sk": a.secret_key, "token": a.session_token}
    app = http_server.App(State(a.log), ops, keys, a.region, a.verbose)

    own_dir = None if a.state_dir else tempfile.mkdtemp(prefix="tinyaws-endpoint-")
    paths = certs.generate(a.state_dir or own_dir, a.cert_mode, a.cert_key, a.cert_intermediate)
    servers, ready = [], {"https_port": None, "http_port": None, "ca": paths["ca"], "pid": os.getpid()}
    if a.https_port is not None:
        ctx = http_server.tls_context(paths["cert"], paths["key"])
        servers.append(http_server.Listener((a.bind, a.https_port), app, ctx))
        ready["https_port"] = servers[-1].server_address[1]
    if a.http_port is not None:
        servers.append(http_server.Listener((a.bind, a.http_port), app))
        ready["http_port"] = servers[-1].server_address[1]
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    servers += start_credential_servers(a, app, paths, own_dir, ready)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    sys.stdout.write(json.dumps(ready) + "\n")
    sys.stdout.flush()
    while not stop.wait(3600):
        pass
    for s in servers:
        s.shutdown()
        s.server_close()
    if own_dir:
        shutil.rmtree(own_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
