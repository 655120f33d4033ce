"""The content model as JSON Schema (draft 2020-12), published with the site for tools and editors."""
from __future__ import annotations

import re

from . import schema


def json_schema(kind_name: str, base_url: str = "") -> dict:
    """A kind's schema; `base_url` is where the site publishes it (its folder `schema/`), which
    makes its `$id` absolute, as JSON Schema tools expect."""
    kind = schema.KINDS[kind_name]
    result = _type(kind.struct)
    body = {"type": "array", "items": result} if kind.many_per_file else result
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{base_url}schema/{kind_name}.schema.json" if base_url else f"{kind_name}.schema.json",
            "title": kind_name, "description": f"{kind.en} / {kind.zh}", **body}


def ecma_pattern(pattern: str) -> str:
    """A Python pattern as ECMA-262 reads it in `u` mode (as ajv does), which refuses an escaped
    character that needs no escape (`\\"`): such escapes are dropped. The patterns of the content
    model use nothing else that the two read differently."""
    return re.sub(r"""\\(["'`/<>])""", r"\1", pattern)


def _declaring(part):
    """A rule's subschema with every property it requires declared beside (as `true`): strict
    validators (ajv) refuse `required` naming a property its own schema object does not list."""
    if isinstance(part, list):
        return [_declaring(item) for item in part]
    if not isinstance(part, dict):
        return part
    result = {key: _declaring(value) for key, value in part.items()}
    if "required" in result:
        declared = {name: True for name in result["required"]}
        result = dict(result, type="object", properties=dict(declared, **result.get("properties", {})))
    return result


def _type(type_: schema.Type) -> dict:
    en, zh = type_.describe()
    if isinstance(type_, schema.Struct):
        result = {"type": "object", "additionalProperties": False,
                  "required": [f.name for f in type_.fields.values() if f.required],
                  "properties": {f.name: dict(_type(f.type), description=f"{f.en} / {f.zh}")
                                 for f in type_.fields.values()}}
        across = [_declaring(part) for rule in type_.rules for part in rule.json_schema]   # checks across fields
        return dict(result, allOf=across) if across else result
    if isinstance(type_, schema.Text):
        text = {"type": "string", "minLength": 1, "maxLength": type_.max_length}
        return {"type": "object", "additionalProperties": False, "required": ["zh"],
                "properties": {"zh": text, "en": text}}
    if isinstance(type_, schema.List):
        return {"type": "array", "items": _type(type_.item), "minItems": type_.min_items, "maxItems": type_.max_items}
    if isinstance(type_, schema.Enum):
        return {"enum": list(type_.table)}
    if isinstance(type_, schema.Int):
        return {"type": "integer", "minimum": type_.minimum, "maximum": type_.maximum}
    if isinstance(type_, schema.Number):
        return {"type": "number", "minimum": type_.minimum, "maximum": type_.maximum}
    if isinstance(type_, schema.Bool):
        return {"type": "boolean"}
    if isinstance(type_, schema.Str):
        result = {"type": "string", "minLength": 1, "maxLength": type_.max_length}
        if type_.pattern:
            result["pattern"] = f"^(?:{ecma_pattern(type_.pattern.pattern)})$"
        return result
    raise TypeError(f"no JSON Schema for {type_!r} ({en} / {zh})")
