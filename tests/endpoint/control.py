# SPDX-License-Identifier: MIT
"""Unsigned control API under /__tinyaws/, honoured only with header X-Tinyaws-Control: 1."""
import json

import wire
from state import DEFAULTS, ConfigError


def handle(state, ops, method, path, body, creds=None):
    """(status, JSON bytes) for a control request; creds: the CredState of the credential servers."""
    try:
        doc = json.loads(body.decode("utf-8")) if body else None
    except ValueError:
        return _out(400, {"error": "body is not JSON"})
    if creds is not None and (path == "/__tinyaws/credentials" or path.startswith("/__tinyaws/credentials/")):
        return _out(*creds.handle(method, path, doc))
    try:
        if (method, path) == ("POST", "/__tinyaws/config"):
            return _out(200, {"config": state.update(doc or {})})
        if (method, path) == ("GET", "/__tinyaws/config"):
            return _out(200, {"config": state.snapshot()})
        if (method, path) == ("POST", "/__tinyaws/reset"):
            state.reset()
            return _out(200, {"config": state.snapshot()})
        if (method, path) == ("POST", "/__tinyaws/faults"):
            return _out(200, {"pending": state.add_faults(doc)})
        if (method, path) == ("GET", "/__tinyaws/faults"):
            return _out(200, state.pending_faults())
        if (method, path) == ("GET", "/__tinyaws/log"):
            return _out(200, state.get_log())
        if (method, path) == ("GET", "/__tinyaws/stats"):
            return _out(200, state.get_stats())
        if (method, path) == ("GET", "/__tinyaws/ssm-targets"):
            # the scopes of the awsJson operation (SSM's window execution and task) and their sizes
            return _out(200, [dict(zip(spec.scope, t[:-1]), count=t[-1]) for spec in ops.specs.values()
                              for t in ops.targets.get(spec.name, [])])
        if method == "GET" and path.startswith("/__tinyaws/dataset/"):
            name = path[len("/__tinyaws/dataset/"):]
            if name not in ops.specs:
                return _out(404, {"error": "unknown operation %r" % name})
            return 200, wire.encode_json(ops.dump(name, DEFAULTS), DEFAULTS)
    except ConfigError as e:
        return _out(400, {"error": str(e)})
    return _out(404, {"error": "unknown control request %s %s" % (method, path)})


def _out(status, doc):
    return status, json.dumps(doc, ensure_ascii=False).encode("utf-8")
