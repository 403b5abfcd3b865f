# SPDX-License-Identifier: MIT
"""The list operations: input parsing, model validation, filtering, sorting, pages.

Which operations, and how each filters and sorts, is data: src/operations.json, the list
tinyaws's generators read (its "endpoint" entries); everything else (paths, methods, protocol,
targets, result and token keys, shapes, limits) comes from the service models. Time bounds are
exclusive (after: t > bound, before: t < bound); *Contains filters are case-sensitive substring
tests; the default order is newest first by the entry's time member.
"""
import json
import os
import urllib.parse
from collections import namedtuple

import render
import tokens as tokmod
import wire
from datasets import ACCOUNT
from models import DATA_FILE, Violations, check_value

Spec = namedtuple("Spec", "name service protocol method path target list_key token_key limit_key item_shape "
                          "input_shape time_key signing filters scope free_text sort_member token_cap entry")

# A page token of a model without a maximum (SSM's NextToken): as long as AWS's get.
TOKEN_CAP_UNBOUNDED = 16384


def load_specs(models, data_file=DATA_FILE):
    """{operation: Spec} for every operation of the data file, in its order."""
    with open(data_file, encoding="utf-8") as f:
        entries = json.load(f)["operations"]
    with_paginators = {}
    specs = {}
    for e in entries:
        svc, name, ep = e["service"], e["operation"], e.get("endpoint", {})
        m = models.services[svc]
        if svc not in with_paginators:
            with open(os.path.join(models.dir, svc, e["version"], "paginators-1.json"), encoding="utf-8") as f:
                with_paginators[svc] = json.load(f)["pagination"]
        pag = with_paginators[svc][name]
        op = m["operations"][name]
        md = m["metadata"]
        out = models.shape(svc, op["output"]["shape"])
        item = models.shape(svc, out["members"][pag["result_key"]]["shape"])["member"]["shape"]
        inp = op["input"]["shape"]
        members = models.shape(svc, inp)["members"]
        sort_member = next((k for k, r in members.items()
                            if models.shape(svc, r["shape"]).get("enum") == ["Ascending", "Descending"]), None)
        token_shape = models.shape(svc, members[pag["input_token"]]["shape"])
        protocol = {"rest-json": "rest", "json": "json"}[md["protocol"]]
        specs[name] = Spec(
            name=name, service=svc, protocol=protocol, method=op["http"]["method"], path=op["http"]["requestUri"],
            target="%s.%s" % (md["targetPrefix"], name) if protocol == "json" else None,
            list_key=pag["result_key"], token_key=pag["input_token"], limit_key=pag["limit_key"], item_shape=item,
            input_shape=inp, time_key=ep["time"], signing=md.get("signingName", md["endpointPrefix"]),
            filters=ep.get("filters", {}), scope=ep.get("scope", {}), free_text=ep.get("free_text", []),
            sort_member=sort_member, token_cap=token_shape.get("max", TOKEN_CAP_UNBOUNDED), entry=ep)
    return specs


def _filter(kind, member, value):
    """The predicate item -> bool of one filter of the data file."""
    if kind == "after":
        return lambda it: member in it and it[member] > value
    if kind == "before":
        return lambda it: member in it and it[member] < value
    if kind == "equals":
        return lambda it: it.get(member) == value
    if kind == "contains":
        return lambda it: member in it and value in it[member]
    if kind == "owned":  # the caller (the only account the endpoint knows) owns it, or not
        return lambda it: (it.get(member) == ACCOUNT) == value
    raise ValueError("unknown filter kind %r" % kind)


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
    def __init__(self, models, specs, data, targets, token_codec, default_page):
        self.models, self.specs, self.tokens, self.default_page = models, specs, token_codec, default_page
        self.rest_routes = {(s.method, s.path): s for s in specs.values() if s.protocol == "rest"}
        self.json_targets = {s.target: s for s in specs.values() if s.protocol == "json"}
        self.sorted, self.scoped, self.targets = {}, {}, targets
        for name, spec in specs.items():
            self.sorted[name] = sorted(data[name], key=lambda it, k=spec.time_key: it[k], reverse=True)
            if spec.scope:
                item_keys = list(spec.scope.values())
                for t in targets.get(name, []):
                    self.scoped[(name, t[:-1])] = [it for it in self.sorted[name]
                                                   if tuple(it[k] for k in item_keys) == t[:-1]]

    def signing_name(self, protocol):
        """The signing name of a request that names no known operation."""
        return next(s.signing for s in self.specs.values() if s.protocol == protocol)

    # ---- dataset dump: default knobs, default order (scoped: scopes in target order)
    def dump(self, name, cfg):
        spec = self.specs[name]
        if spec.scope:
            items = [it for t in self.targets.get(name, []) for it in self.scoped[(name, t[:-1])]]
        else:
            items = self.sorted[name]
        return [wire.to_wire(render.render_item(self.models, spec, it, cfg), spec.protocol, cfg) for it in items]

    def call(self, spec, query, body, cfg):
        if spec.protocol == "rest":
            items, params, token, limit = self._rest_input(spec, query)
        else:
            items, params, token, limit = self._json_input(spec, body)
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
                start + limit, fp, cfg["token_len"], spec.token_cap)
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

    def _apply(self, spec, items, values):
        for m, v in values.items():
            if m in spec.filters:
                kind, member = spec.filters[m][0], spec.filters[m][1]
                keep = _filter(kind, member, v)
                items = [it for it in items if keep(it)]
        if spec.sort_member and values.get(spec.sort_member) == "Ascending":
            items = items[::-1]
        return items

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
            if kind in ("integer", "long"):
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
            elif kind == "boolean":  # Smithy's httpQuery boolean: exactly true or false
                if text not in ("true", "false"):
                    out.add(text, m, "Member must be a boolean")
                    continue
                values[m] = text == "true"
            else:
                values[m] = text
            if kind not in ("timestamp", "boolean"):
                check_value(self.models, svc, ref["shape"], values[m], m, out)
        if out.items:
            raise validation(out.message())
        items = self._apply(spec, self.sorted[spec.name], values)
        params = {k: v for k, v in values.items() if k not in (spec.limit_key, spec.token_key)}
        return items, params, values.get(spec.token_key), values.get(spec.limit_key)

    # ---- awsJson1_1: JSON body; the scope members select the items (SSM's execution and task)
    def _json_input(self, spec, body):
        svc = spec.service
        try:
            doc = json.loads(body.decode("utf-8") if body else "{}")
        except (ValueError, UnicodeDecodeError):
            raise AwsError("SerializationException", "Request body is not valid JSON")
        if not isinstance(doc, dict) or not _types_ok(self.models, svc, spec.input_shape, doc):
            raise AwsError("SerializationException", "Request body does not match the operation's input shape")
        out = Violations()
        check_value(self.models, svc, spec.input_shape, doc, "", out)
        if out.items:
            raise validation(out.message())
        scope = tuple(doc[k] for k in spec.scope)
        known = [t[:-1] for t in self.targets.get(spec.name, [])]
        if not any(t[0] == scope[0] for t in known):
            raise AwsError("DoesNotExistException", "Maintenance window execution %s does not exist" % scope[0])
        if scope not in known:
            raise AwsError("DoesNotExistException",
                           "Maintenance window execution task %s does not exist in execution %s" % scope[::-1])
        items = self.scoped[(spec.name, scope)]
        params = dict(zip(spec.scope, scope))
        for m, (kind, keys) in spec.filters.items():
            if kind != "key_values":
                raise ValueError("filter kind %r in an awsJson operation" % kind)
            chosen = []
            for f in doc.get(m) or []:
                member = keys.get(f.get("Key"))
                if member is None:
                    raise validation("Filter key %s is not supported for this operation. Supported keys: %s"
                                     % (f.get("Key"), ", ".join(keys)))
                allowed = self.models.shape(svc, self.models.shape(svc, spec.item_shape)["members"][member]
                                            ["shape"]).get("enum")
                vals = f.get("Values") or []
                bad = [v for v in vals if allowed and v not in allowed]
                if not vals or bad:
                    raise validation("Invalid values for filter %s: %s. Valid values: %s"
                                     % (f["Key"], ", ".join(bad) or "(none)", ", ".join(allowed or [])))
                items = [it for it in items if it.get(member) in vals]
                chosen.append(sorted(vals))
            params[m] = chosen
        return items, params, doc.get(spec.token_key) or None, doc.get(spec.limit_key)


def _types_ok(models, service, shape_name, value):
    """The JSON types of a request body against the input shape (null is absent)."""
    if value is None:
        return True
    t = models.shape(service, shape_name)
    kind = t["type"]
    if kind == "structure":
        return isinstance(value, dict) and all(
            _types_ok(models, service, t["members"][k]["shape"], v) for k, v in value.items() if k in t["members"])
    if kind == "list":
        return isinstance(value, list) and all(_types_ok(models, service, t["member"]["shape"], v) for v in value)
    if kind == "string":
        return isinstance(value, str)
    if kind in ("integer", "long"):
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "timestamp":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return True
