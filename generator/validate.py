"""Check records against the schema, then check that every reference resolves.

Every problem is collected in the Report; nothing stops at the first one, so an editor
sees all of a pull request's mistakes in one run.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from . import schema
from .load import RawRecord
from .report import Report


@dataclass(frozen=True)
class _Ref:
    type: schema.Type
    value: str
    record: RawRecord
    line: int
    field: str
    parent: dict


def validate(records: list[RawRecord], report: Report) -> list[RawRecord]:
    """Report every problem; return the records that are sound enough to build a model from."""
    refs: list[_Ref] = []
    for record in records:
        struct = schema.KINDS[record.kind].struct
        _check(struct, record.data, record.data.line or record.line, "", record, report, refs)
        _check_provenance(record, report)
    index = _index(records, report)
    for ref in refs:
        _check_ref(ref, index, report)
    _check_groups(index, report)
    return records


# --- structure -----------------------------------------------------------------------------

def _check(type_, value, line, field, record, report, refs, parent=None):
    problem = type_.check(value)
    if problem:
        report.error(record.path, line, field, problem.expected_en, problem.expected_zh, problem.found)
        return
    if isinstance(type_, schema.Struct):
        _check_struct(type_, value, field, record, report, refs)
    elif isinstance(type_, schema.Text):
        _check_text(type_, value, field, record, report)
    elif isinstance(type_, schema.List):
        for i, item in enumerate(value):
            _check(type_.item, item, value.lines[i], f"{field}[{i}]", record, report, refs)
    elif isinstance(type_, (schema.Ref, schema.LocalRef)):
        refs.append(_Ref(type_, value, record, line, field, parent or {}))


def _check_struct(struct, value, field, record, report, refs):
    prefix = f"{field}." if field else ""
    for key in value:
        if key not in struct.fields:
            hint = _did_you_mean(key, struct.fields)
            report.error(record.path, value.lines[key], prefix + key, f"one of the fields of a {struct.name}{hint[0]}",
                         f"{struct.name} 的字段之一{hint[1]}", f"unknown field '{key}'")
    for name, declared in struct.fields.items():
        if declared.required and name not in value:
            report.error(record.path, value.line, prefix + name, declared.type.describe()[0],
                         declared.type.describe()[1], "the field is missing")
    for key, item in value.items():
        declared = struct.fields.get(key)
        if declared is None or (item is None and not declared.required):
            continue
        _check(declared.type, item, value.lines[key], prefix + key, record, report, refs, value)


def _check_text(type_, value, field, record, report):
    for key in value:
        if key not in type_.sub_fields:
            report.error(record.path, value.lines[key], f"{field}.{key}", "'zh' or 'en'", "'zh' 或 'en'",
                         f"'{key}'")
    for key in type_.sub_fields:
        text = value.get(key)
        missing_zh = key == "zh" and key not in value
        if isinstance(text, str) and schema.PLACEHOLDER in text:
            report.warn(record.path, value.lines.get(key, value.line), f"{field}.{key}", "text in place of the "
                        f"placeholder {schema.PLACEHOLDER}", f"替换占位文字 {schema.PLACEHOLDER}", repr(text))
        if missing_zh or (key in value and (not isinstance(text, str) or not text.strip())):
            report.error(record.path, value.lines.get(key, value.line), f"{field}.{key}", "non-empty text",
                         "非空文本", "nothing" if text is None else repr(text) if not isinstance(text, str) else "''")


def _did_you_mean(word: str, choices) -> tuple[str, str]:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return (f"; did you mean '{close[0]}'?", f"；是否想写 '{close[0]}'？") if close else ("", "")


def _check_provenance(record, report):
    data = record.data
    if record.kind != "policy" and "source" not in data and data.get("illustrative") is not True:
        report.error(record.path, data.line, "source", "a source {doc: policy id, at: …}, or illustrative: true",
                     "出处 {doc: 政策 id, at: …}，或 illustrative: true", "neither")


# --- references ----------------------------------------------------------------------------

def _index(records, report) -> dict[str, dict[str, RawRecord]]:
    index: dict[str, dict[str, RawRecord]] = {kind: {} for kind in schema.KINDS}
    for record in records:
        rid = record.data.get("id")
        if not isinstance(rid, str):
            continue
        seen = index[record.kind].get(rid)
        if seen:
            report.error(record.path, record.data.lines.get("id", record.line), "id",
                         f"an id not used by another {record.kind} (also in {seen.path}:{seen.data.lines['id']})",
                         f"未被其他 {record.kind} 使用的 id（已见于 {seen.path}:{seen.data.lines['id']}）", f"'{rid}'")
        else:
            index[record.kind][rid] = record
    for record in index["jurisdiction"].values():
        _check_local_ids(record, report)
    for record in index["chain"].values():
        _check_local_ids(record, report)
    return index


def _check_local_ids(record, report):
    """Ids inside one record's collections (roles, stages, segments…) must be unique there."""
    for name, declared in schema.KINDS[record.kind].fields.items():
        items = record.data.get(name)
        if not isinstance(declared.type, schema.List) or not isinstance(items, list):
            continue
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            iid = item.get("id") if isinstance(item, dict) else None
            if not isinstance(iid, str):
                continue
            if iid in seen:
                report.error(record.path, items.lines[i], f"{name}[{i}].id",
                             f"an id used once in {name} (also on line {seen[iid]})",
                             f"在 {name} 中唯一的 id（第 {seen[iid]} 行已使用）", f"'{iid}'")
            seen.setdefault(iid, items.lines[i])


def jurisdiction_id(record: RawRecord, index) -> str | None:
    """The id of the jurisdiction a record belongs to (directly, or through its chain)."""
    data = record.data
    if record.kind == "jurisdiction":
        return data.get("id")
    if isinstance(data.get("jurisdiction"), str):
        return data["jurisdiction"]
    chain = index["chain"].get(data.get("chain")) if isinstance(data.get("chain"), str) else None
    return chain.data.get("jurisdiction") if chain else None


def _local_collection(ref: _Ref, index) -> tuple[list, str] | None:
    """The entries a LocalRef may name, and where they are declared."""
    name = ref.type.collection
    if name == "substages":
        stages = _local_collection(_Ref(schema.LocalRef("stages"), "", ref.record, 0, "", {}), index)
        stage = next((s for s in stages[0] if isinstance(s, dict) and s.get("id") == ref.parent.get("stage")), None) \
            if stages else None
        return (stage.get("substages") or [], "the project's stage") if stage else None
    if _declares(ref.record.kind, name):
        return ref.record.data.get(name) or [], "this record"
    chain = index["chain"].get(ref.record.data.get("chain")) if isinstance(ref.record.data.get("chain"), str) else None
    if chain is not None and _declares("chain", name):
        return chain.data.get(name) or [], f"chain '{chain.data['id']}'"
    jurisdiction = index["jurisdiction"].get(jurisdiction_id(ref.record, index))
    if jurisdiction is None:
        return None
    return jurisdiction.data.get(name) or [], f"jurisdiction '{jurisdiction.data['id']}'"


def _declares(kind: str, name: str) -> bool:
    """Whether records of `kind` declare entries called `name` (a list of mappings with ids)."""
    declared = schema.KINDS[kind].fields.get(name)
    return declared is not None and isinstance(declared.type, schema.List) and \
        isinstance(declared.type.item, schema.Struct) and "id" in declared.type.item.fields


def _check_ref(ref: _Ref, index, report):
    if isinstance(ref.type, schema.Ref):
        targets = index[ref.type.kind]
        if ref.value not in targets:
            hint = _did_you_mean(ref.value, targets)
            where = schema.KINDS[ref.type.kind].folder
            report.error(ref.record.path, ref.line, ref.field,
                         f"the id of a {ref.type.kind} defined in {where}/{hint[0]}",
                         f"{where}/ 中定义的 {ref.type.kind} id{hint[1]}", f"'{ref.value}'")
        return
    found = _local_collection(ref, index)
    if found is None:
        return  # the jurisdiction or stage itself is missing: reported on its own field
    entries, where = found
    ids = {e.get("id"): e for e in entries if isinstance(e, dict)}
    entry = ids.get(ref.value)
    if entry is None:
        hint = _did_you_mean(ref.value, ids)
        choices = ", ".join(str(i) for i in ids) or "none declared"
        report.error(ref.record.path, ref.line, ref.field,
                     f"one of the {ref.type.collection} of {where} ({choices}){hint[0]}",
                     f"{where} 声明的 {ref.type.collection} 之一（{choices}）{hint[1]}", f"'{ref.value}'")
    elif ref.type.only_kinds and entry.get("kind") not in ref.type.only_kinds:
        report.error(ref.record.path, ref.line, ref.field,
                     f"a {ref.type.collection[:-1]} whose kind is one of {', '.join(sorted(ref.type.only_kinds))}",
                     f"类型为 {', '.join(sorted(ref.type.only_kinds))} 之一的 {ref.type.collection}",
                     f"'{ref.value}' of kind {entry.get('kind')}")


def _check_groups(index, report):
    """A group's parent sits one grouping level further out, which also rules out cycles."""
    for record in index["jurisdiction"].values():
        levels = [lv.get("id") for lv in record.data.get("grouping") or [] if isinstance(lv, dict)]
        groups = {g.get("id"): g for g in record.data.get("groups") or [] if isinstance(g, dict)}
        for i, group in enumerate(record.data.get("groups") or []):
            if not isinstance(group, dict) or group.get("level") not in levels:
                continue
            depth = levels.index(group["level"])
            parent = groups.get(group.get("parent"))
            line = record.data["groups"].lines[i]
            if depth == 0 and "parent" in group:
                report.error(record.path, line, f"groups[{i}].parent", "no parent for a group at the outermost level",
                             "最外层分组不设 parent", f"'{group['parent']}'")
            elif depth > 0 and (parent is None or parent.get("level") != levels[depth - 1]):
                report.error(record.path, line, f"groups[{i}].parent",
                             f"a group at level '{levels[depth - 1]}'", f"层级为 '{levels[depth - 1]}' 的分组",
                             f"'{group.get('parent')}'" if group.get("parent") else "none")


def check_struct(struct: schema.Struct, data, record: RawRecord, report: Report) -> None:
    """Check one standalone mapping (such as site-config.yml) that nothing refers to."""
    _check(struct, data, getattr(data, "line", 1), "", record, report, [])
