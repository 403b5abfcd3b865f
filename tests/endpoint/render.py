# SPDX-License-Identifier: MIT
"""Per-item wire variations driven by the model shapes: null_fields, unknown_fields, long_strings."""
import copy

import wire

FILLER = "éß漢字テスト€ø"  # BMP only: each character is one UTF-16 unit, 2-3 UTF-8 bytes


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def long_text(original, max_len):
    """original, then filler, to exactly max_len UTF-16 units (the model's length unit)."""
    out, n, i = [original], utf16_len(original), 0
    while n < max_len:
        out.append(FILLER[i % len(FILLER)])
        n, i = n + 1, i + 1
    return "".join(out)


def _walk(models, service, shape_name, value, cfg):
    sh = models.shape(service, shape_name)
    if sh["type"] == "list" and isinstance(value, list):
        return [_walk(models, service, sh["member"]["shape"], v, cfg) for v in value]
    if sh["type"] != "structure" or not isinstance(value, dict):
        return value
    out = {}
    for m, ref in sh["members"].items():
        if m in value:
            out[m] = _walk(models, service, ref["shape"], value[m], cfg)
        elif cfg.get("null_fields") and not sh.get("union"):
            out[m] = None  # a union must carry exactly one member, so never null siblings there
    if cfg.get("unknown_fields") and not sh.get("union"):
        out["tinyawsUnknownInner"] = [None, {"x": "y/z"}, 0.5]
    return out


def render_item(models, spec, item, cfg):
    item = _walk(models, spec.service, spec.item_shape, item, cfg)
    if cfg.get("unknown_fields"):
        item.update(copy.deepcopy(wire.UNKNOWN_ITEM))
    if cfg.get("long_strings"):
        members = models.shape(spec.service, spec.item_shape)["members"]
        for m in spec.free_text:  # the data file's free-text members, to their model maximum
            if item.get(m) is not None:
                item[m] = long_text(item[m], models.shape(spec.service, members[m]["shape"])["max"])
    return item
