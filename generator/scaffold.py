"""`python -m generator new KIND`: a commented template, from the schema, in the right place.

Required fields are filled (the record checks and shows in `serve` at once); optional
fields are written as comments with their description and, for references to the
jurisdiction's own vocabulary, the ids it declares. Text still to be written carries the
PLACEHOLDER mark, which `check` warns about (and `check --strict`, as in pull requests, refuses).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from . import schema
from .model import Portal

PLACEHOLDER = schema.PLACEHOLDER
_TEXT = {"zh": PLACEHOLDER}   # English stays out: the site marks it "translation pending"


@dataclass(frozen=True)
class Draft:
    path: str          # relative to the portal root
    text: str
    append: bool       # add to a file holding a list of records


class ScaffoldError(Exception):
    pass


def draft(kind: str, portal: Portal, rid: str, jurisdiction: str | None = None, chain: str | None = None,
          name: str | None = None) -> Draft:
    """The template for a new record of `kind` with id `rid`."""
    declared = schema.KINDS[kind]
    belongs = declared.owner == "jurisdiction" or "jurisdictions" in declared.fields
    if belongs and portal.get("jurisdiction", jurisdiction) is None:
        raise ScaffoldError(f"--jurisdiction must name a jurisdiction of the portal (found {jurisdiction!r})")
    if declared.owner == "chain" and portal.get("chain", chain) is None:
        raise ScaffoldError(f"--chain must name a chain of the portal (found {chain!r})")
    if portal.get(kind, rid) is not None:
        raise ScaffoldError(f"a {kind} with id {rid!r} exists already")
    values = _required_values(kind, portal, rid, jurisdiction, chain, name)
    j = portal.get("jurisdiction", jurisdiction) or (portal.jurisdiction_of(portal.get("chain", chain)) if chain
                                                      else None)
    lines = _field_lines(declared.struct, values, j, "- " if declared.many_per_file else "")
    header = (f"# A new {kind}: {declared.en}. Fill in or delete the commented fields, replace\n"
              f"# {PLACEHOLDER} texts, then run `python -m generator check`.\n")
    if declared.markdown:
        body = f"---\n{header}" + "\n".join(lines) + f"\n---\n\n{PLACEHOLDER} 正文（Markdown）。\n"
        return Draft(f"{declared.folder}/{rid}.md", body, False)
    text = header + "\n".join(lines) + "\n"
    if declared.many_per_file:
        owner = j.id if j else rid
        return Draft(f"{declared.folder}/{owner}.yml", text, True)
    folder = f"{declared.folder}/{jurisdiction}" if kind == "chain" else declared.folder
    return Draft(f"{folder}/{rid.removeprefix(f'{jurisdiction}-') if kind == 'chain' else rid}.yml", text, False)


def write(root: Path, made: Draft) -> Path:
    target = root / made.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if made.append and target.exists():
        existing = target.read_text(encoding="utf-8")
        target.write_text(existing.rstrip("\n") + "\n\n" + made.text, encoding="utf-8")
    elif target.exists():
        raise ScaffoldError(f"{made.path} exists already")
    else:
        target.write_text(made.text, encoding="utf-8")
    return target


def _required_values(kind, portal, rid, jurisdiction, chain, name) -> dict:
    text_name = {"zh": name or PLACEHOLDER}
    values = {"id": rid, "illustrative": True}
    for declared in schema.KINDS[kind].fields.values():
        if not declared.required or declared.name in values:
            continue
        values[declared.name] = {
            "jurisdiction": jurisdiction, "chain": chain, "jurisdictions": [jurisdiction],
            "order": 1 + max((c.order for c in portal.chains_of(portal.get("jurisdiction", jurisdiction))), default=0)
            if kind == "chain" else None,
            # A date and a jurisdiction's administrative level are facts: each stays a placeholder
            # that check reports until it is written, never a guess.
            "date": PLACEHOLDER, "level": PLACEHOLDER, "number": 1, "name": text_name, "title": text_name,
        }.get(declared.name, _TEXT if isinstance(declared.type, schema.Text) else
              # A required choice starts at the first option; the comment lists the others and the
              # record is marked illustrative until it cites a source.
              next(iter(declared.type.table)) if isinstance(declared.type, schema.Enum) else None)
    if kind == "project":
        stages = portal.jurisdiction_of(portal.get("chain", chain)).stages
        values["stage"] = stages[0].id if stages else PLACEHOLDER
    return {k: v for k, v in values.items() if v is not None}


def _field_lines(struct: schema.Struct, values: dict, jurisdiction, first_prefix: str) -> list[str]:
    lines = []
    for declared in struct.fields.values():
        prefix = first_prefix if not lines else " " * len(first_prefix)
        note = f"  # {declared.en}"
        if isinstance(declared.type, schema.Enum) and declared.name in values:
            note += f" (one of: {', '.join(declared.type.table)})"
        if declared.name in values:
            value = yaml.safe_dump(values[declared.name], allow_unicode=True, default_flow_style=True,
                                   width=1000, sort_keys=False).strip().removesuffix("\n...").removesuffix("...").strip()
            lines.append(f"{prefix}{declared.name}: {value}{note}")
        else:
            lines.append(f"{prefix}# {declared.name}: {_example(declared.type, jurisdiction)}{note}")
    return lines


def _example(type_: schema.Type, jurisdiction) -> str:
    if isinstance(type_, schema.Text):
        return "{zh: …, en: …}"
    if isinstance(type_, schema.LocalRef):
        entries = getattr(jurisdiction, type_.collection, None) if jurisdiction is not None else None
        ids = ", ".join(e.id for e in entries or ()) or "…"
        return f"<one of: {ids}>"
    if isinstance(type_, schema.Ref):
        return f"<{type_.kind} id>"
    if isinstance(type_, schema.Enum):
        return f"<one of: {', '.join(type_.table)}>"
    if isinstance(type_, schema.List):
        inner = type_.item
        if isinstance(inner, schema.Struct):
            return f"[{_example(inner, jurisdiction)}]"
        return f"[{_example(inner, jurisdiction)}]"
    if isinstance(type_, schema.Struct):
        shown = {name for rule in type_.rules for name in rule.example}
        return "{" + ", ".join(f"{f.name}: …" for f in type_.fields.values() if f.required or f.name in shown) + "}"
    if isinstance(type_, schema.Date):
        return '"YYYY-MM-DD"'
    if isinstance(type_, (schema.Int, schema.Number)):
        return "0"
    if isinstance(type_, schema.Bool):
        return "true"
    return "…"
