# SPDX-License-Identifier: MIT
"""Service models (botocore JSON) and the model-driven input validation AWS performs.

Constraints come from the model files, never from copies in code, so the endpoint
rejects exactly what the service model says is invalid.
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
# <repo>/tests/endpoint -> <repo>/../shared/aws-models
DEFAULT_MODELS_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "aws-models"))
# The operations tinyaws knows (and the endpoint serves): the list the generators read.
DATA_FILE = os.path.normpath(os.path.join(HERE, "..", "..", "src", "operations.json"))


def service_versions(data_file=DATA_FILE):
    """{service: model version} of the operations in the data file."""
    with open(data_file, encoding="utf-8") as f:
        return {e["service"]: e["version"] for e in json.load(f)["operations"]}


class Models:
    def __init__(self, models_dir=DEFAULT_MODELS_DIR, data_file=DATA_FILE):
        self.dir = models_dir
        self.services = {}
        for name, version in service_versions(data_file).items():
            with open(os.path.join(models_dir, name, version, "service-2.json"), encoding="utf-8") as f:
                self.services[name] = json.load(f)

    def shape(self, service, name):
        return self.services[service]["shapes"][name]

    def op(self, service, name):
        return self.services[service]["operations"][name]


class Violations:
    """Collects AWS-style constraint messages: "Value 'x' at 'path' failed to satisfy ..."."""

    def __init__(self):
        self.items = []

    def add(self, value, path, constraint):
        shown = "null" if value is None else "'%s'" % (value,)
        self.items.append("Value %s at '%s' failed to satisfy constraint: %s" % (shown, path, constraint))

    def message(self):
        n = len(self.items)
        return "%d validation error%s detected: %s" % (n, "" if n == 1 else "s", "; ".join(self.items))


def check_value(models, service, shape_name, value, path, out):
    """Validate one already-typed value against its shape (recursing into lists/structures).

    Patterns are searched, not anchored (Smithy/ECMAScript semantics)."""
    sh = models.shape(service, shape_name)
    t = sh["type"]
    if t == "string":
        if "enum" in sh and value not in sh["enum"]:
            out.add(value, path, "Member must satisfy enum value set: [%s]" % ", ".join(sh["enum"]))
            return
        n = len(value.encode("utf-16-le")) // 2  # Java-side length counts UTF-16 units
        if "min" in sh and n < sh["min"]:
            out.add(value, path, "Member must have length greater than or equal to %d" % sh["min"])
        if "max" in sh and n > sh["max"]:
            out.add(value, path, "Member must have length less than or equal to %d" % sh["max"])
        if "pattern" in sh and not re.search(sh["pattern"], value):
            out.add(value, path, "Member must satisfy regular expression pattern: %s" % sh["pattern"])
    elif t in ("integer", "long"):
        if "min" in sh and value < sh["min"]:
            out.add(value, path, "Member must have value greater than or equal to %d" % sh["min"])
        if "max" in sh and value > sh["max"]:
            out.add(value, path, "Member must have value less than or equal to %d" % sh["max"])
    elif t == "list":
        if "min" in sh and len(value) < sh["min"]:
            out.add(value, path, "Member must have length greater than or equal to %d" % sh["min"])
        if "max" in sh and len(value) > sh["max"]:
            out.add(value, path, "Member must have length less than or equal to %d" % sh["max"])
        for i, v in enumerate(value, 1):
            check_value(models, service, sh["member"]["shape"], v, "%s.%d.member" % (path, i), out)
    elif t == "structure":
        for m, ref in sh["members"].items():
            sub = "%s.%s" % (path, lower_first(m)) if path else lower_first(m)
            if m in value and value[m] is not None:
                check_value(models, service, ref["shape"], value[m], sub, out)
            elif m in sh.get("required", []):
                out.add(None, sub, "Member must not be null")


def lower_first(s):
    # Coral reports member paths in lowerCamel (SSM's "MaxResults" shows as 'maxResults').
    return s[:1].lower() + s[1:]
