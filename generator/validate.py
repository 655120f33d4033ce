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
    """Report every problem; return the records that are sound enough to build a model from.

    The records are data as read, of any shape: every value is looked at for what it is
    before it is used (a list where an id should be is an error, never a crash).
    """
    refs: list[_Ref] = []
    for record in records:
        struct = schema.KINDS[record.kind].struct
        _check(struct, record.data, record.data.line or record.line, "", record, report, refs)
        _check_provenance(record, report)
    index = _index(records, report)
    unread = _kinds_not_read_whole(report)
    for ref in refs:
        _check_ref(ref, index, report, unread)
    _check_groups(index, report)
    return records


# --- structure -----------------------------------------------------------------------------

def _check(type_, value, line, field, record, report, refs, parent=None):
    problem = type_.check(value)
    if problem:
        report.error(record.path, line, field, problem.expected_en, problem.expected_zh, problem.found,
                     problem.found_zh or "")
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
                         f"{struct.name_zh}的字段之一{hint[1]}", f"unknown field '{key}'", f"未知字段 '{key}'")
    for name, declared in struct.fields.items():
        if declared.required and name not in value:
            report.error(record.path, value.line, prefix + name, declared.type.describe()[0],
                         declared.type.describe()[1], "the field is missing", "缺少此字段")
    for key, item in value.items():
        declared = struct.fields.get(key)
        if declared is None or (item is None and not declared.required):
            continue
        _check(declared.type, item, value.lines[key], prefix + key, record, report, refs, value)
    for rule in struct.rules:
        for name, problem in rule.check(value):
            report.error(record.path, value.lines.get(name, value.line), prefix + name, problem.expected_en,
                         problem.expected_zh, problem.found, problem.found_zh or "")


def _check_text(type_, value, field, record, report):
    for key in value:
        if key not in type_.sub_fields:
            # `{zh: 甲, en: a, b}`: a comma in unquoted text starts another entry.
            comma = value[key] is None and key not in ("english", "chinese", "cn")
            report.error(record.path, value.lines[key], f"{field}.{key}",
                         "'zh' or 'en'" + ("; a comma in {zh: …, en: …} starts a new entry: put text with a comma "
                                           "in quotes" if comma else ""),
                         "'zh' 或 'en'" + ("；{zh: …, en: …} 中的英文逗号会开始新的一项：含逗号的文字请加引号" if comma else ""),
                         f"'{key}'")
    for key in type_.sub_fields:
        text = value.get(key)
        line = value.lines.get(key, value.line)
        if key not in value and key == "zh":
            report.error(record.path, line, f"{field}.zh", "Chinese text", "中文文本", "nothing", "空值")
        elif key not in value:
            continue
        elif not isinstance(text, str) or not schema.visible(text):
            found = schema.show(text) if not isinstance(text, str) else ("no visible text", "无可见文字")
            report.error(record.path, line, f"{field}.{key}", "visible text", "可见的文字", *found)
        elif len(text) > type_.max_length:
            report.error(record.path, line, f"{field}.{key}", f"at most {type_.max_length} characters",
                         f"不超过 {type_.max_length} 个字符", f"{len(text)} characters", f"{len(text)} 个字符")
        else:
            _warn_about_text(text, line, f"{field}.{key}", record, report)


def _warn_about_text(text: str, line: int, field: str, record, report) -> None:
    if schema.PLACEHOLDER in text:
        report.warn(record.path, line, field, f"text in place of the placeholder {schema.PLACEHOLDER}",
                    f"替换占位文字 {schema.PLACEHOLDER}", schema.show(text)[0])
    if text.lstrip()[:1] in FORMULA_STARTS:
        # Downloads neutralise such a cell (opendata.py); the editor should still know.
        report.warn(record.path, line, field, "text that does not begin with =, +, -, @ (a spreadsheet reads it "
                    "as a formula; the downloads put a ' before it)", "不以 =、+、-、@ 开头的文字（电子表格会当作公式；"
                    "下载文件中会在前面加 '）", schema.show(text)[0])


# A cell beginning with one of these is a formula to a spreadsheet (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _did_you_mean(word: str, choices) -> tuple[str, str]:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return (f"; did you mean '{close[0]}'?", f"；是否想写 '{close[0]}'？") if close else ("", "")


def _check_provenance(record, report):
    data = record.data
    if record.kind != "policy" and "source" not in data and data.get("illustrative") is not True:
        report.error(record.path, data.line, "source", "a source {doc: policy id, at: …}, or illustrative: true",
                     "出处 {doc: 政策 id, at: …}，或 illustrative: true", "neither", "两者皆无")


# --- references ----------------------------------------------------------------------------

def _index(records, report) -> dict[str, dict[str, RawRecord]]:
    index: dict[str, dict[str, RawRecord]] = {kind: {} for kind in schema.KINDS}
    for record in records:
        rid = _key(record.data.get("id"))
        if rid is None:
            continue
        seen = index[record.kind].get(rid)
        if seen:
            report.error(record.path, record.data.lines.get("id", record.line), "id",
                         f"an id not used by another {record.kind} (also in {seen.path}:{seen.data.lines['id']})",
                         f"未被其他{schema.KIND_NAMES_ZH[record.kind]}使用的 id（已见于 {seen.path}:{seen.data.lines['id']}）",
                         f"'{rid}'")
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
            iid = _key(item.get("id")) if isinstance(item, dict) else None
            if iid is None:
                continue
            if iid in seen:
                report.error(record.path, items.lines[i], f"{name}[{i}].id",
                             f"an id used once in {name} (also on line {seen[iid]})",
                             f"在 `{name}` 中唯一的 id（第 {seen[iid]} 行已使用）", f"'{iid}'")
            seen.setdefault(iid, items.lines[i])


def jurisdiction_id(record: RawRecord, index) -> str | None:
    """The id of the jurisdiction a record belongs to (directly, or through its chain)."""
    data = record.data
    if record.kind == "jurisdiction":
        return _key(data.get("id"))
    if _key(data.get("jurisdiction")):
        return data["jurisdiction"]
    chain = index["chain"].get(_key(data.get("chain")))
    return _key(chain.data.get("jurisdiction")) if chain else None


def _key(value) -> str | None:
    """A value that can be an id, or None: what is looked up must be text, not a list or mapping."""
    return value if isinstance(value, str) else None


def _entries(value) -> dict[str, dict]:
    """A declared collection as read (roles, stages…), by id; entries of the wrong shape left out."""
    entries = value if isinstance(value, list) else []
    return {e["id"]: e for e in entries if isinstance(e, dict) and _key(e.get("id"))}


def _local_collection(ref: _Ref, index) -> tuple[list, str] | None:
    """The entries a LocalRef may name (by id), and where they are declared, in English and Chinese."""
    name = ref.type.collection
    if name == "substages":
        stages = _local_collection(_Ref(schema.LocalRef("stages"), "", ref.record, 0, "", {}), index)
        stage = stages[0].get(_key(ref.parent.get("stage"))) if stages else None
        return (_entries(stage.get("substages")), "the project's stage", "项目所属阶段") if stage else None
    if _declares(ref.record.kind, name):
        return _entries(ref.record.data.get(name)), "this record", "本记录"
    chain = index["chain"].get(_key(ref.record.data.get("chain")))
    if chain is not None and _declares("chain", name):
        return _entries(chain.data.get(name)), f"chain '{chain.data['id']}'", f"产业链 '{chain.data['id']}'"
    jurisdiction = index["jurisdiction"].get(jurisdiction_id(ref.record, index))
    if jurisdiction is None:
        return None
    return (_entries(jurisdiction.data.get(name)), f"jurisdiction '{jurisdiction.data['id']}'",
            f"辖区 '{jurisdiction.data['id']}'")


def _declares(kind: str, name: str) -> bool:
    """Whether records of `kind` declare entries called `name` (a list of mappings with ids)."""
    declared = schema.KINDS[kind].fields.get(name)
    return declared is not None and isinstance(declared.type, schema.List) and \
        isinstance(declared.type.item, schema.Struct) and "id" in declared.type.item.fields


def _kinds_not_read_whole(report: Report) -> set[str]:
    """Kinds with a file that could not be read at all (reported as a whole-file problem): a
    record it holds may be what a reference names, so that reference is not reported too."""
    return {name for name, kind in schema.KINDS.items()
            if any(not issue.field and not issue.warning and issue.path.startswith(kind.folder + "/")
                   for issue in report.issues)}


def _check_ref(ref: _Ref, index, report, unread: set[str]):
    if isinstance(ref.type, schema.Ref):
        targets = index[ref.type.kind]
        if ref.value not in targets and ref.type.kind not in unread:
            hint = _did_you_mean(ref.value, targets)
            where = schema.KINDS[ref.type.kind].folder
            report.error(ref.record.path, ref.line, ref.field,
                         f"the id of a {ref.type.kind} defined in {where}/{hint[0]}",
                         f"{where}/ 中定义的{schema.KIND_NAMES_ZH[ref.type.kind]} id{hint[1]}", f"'{ref.value}'")
        return
    found = _local_collection(ref, index)
    if found is None:
        return  # the jurisdiction or stage itself is missing: reported on its own field
    ids, where_en, where_zh = found
    entry = ids.get(ref.value)
    if entry is None:
        hint = _did_you_mean(ref.value, ids)
        choices_en = ", ".join(ids) or "none declared"
        choices_zh = ", ".join(ids) or "未声明任何一项"
        report.error(ref.record.path, ref.line, ref.field,
                     f"one of the {ref.type.collection} of {where_en} ({choices_en}){hint[0]}",
                     f"{where_zh} 在 `{ref.type.collection}` 中声明的 id 之一（{choices_zh}）{hint[1]}", f"'{ref.value}'")
    elif ref.type.only_kinds and entry.get("kind") not in ref.type.only_kinds:
        kinds_list = ", ".join(sorted(ref.type.only_kinds))
        report.error(ref.record.path, ref.line, ref.field,
                     f"a {ref.type.collection[:-1]} whose kind is one of {kinds_list}",
                     f"`kind` 为 {kinds_list} 之一的 `{ref.type.collection}` 条目",
                     f"'{ref.value}' of kind {_key(entry.get('kind'))}", f"'{ref.value}'，其 kind 为 {_key(entry.get('kind'))}")


def _check_groups(index, report):
    """A group's parent sits one grouping level further out, which also rules out cycles."""
    for record in index["jurisdiction"].values():
        levels = list(_entries(record.data.get("grouping")))
        groups = _entries(record.data.get("groups"))
        listed = record.data.get("groups") if isinstance(record.data.get("groups"), list) else []
        for i, group in enumerate(listed):
            if not isinstance(group, dict) or _key(group.get("level")) not in levels:
                continue
            depth = levels.index(group["level"])
            parent = groups.get(_key(group.get("parent")))
            line = listed.lines[i]
            if depth == 0 and "parent" in group:
                report.error(record.path, line, f"groups[{i}].parent", "no parent for a group at the outermost level",
                             "最外层分组不设 parent", *schema.show(group["parent"]))
            elif depth > 0 and (parent is None or parent.get("level") != levels[depth - 1]):
                report.error(record.path, line, f"groups[{i}].parent",
                             f"a group at level '{levels[depth - 1]}'", f"层级为 '{levels[depth - 1]}' 的分组",
                             *schema.show(group.get("parent")))


def check_struct(struct: schema.Struct, data, record: RawRecord, report: Report) -> None:
    """Check one standalone mapping (such as site-config.yml) that nothing refers to."""
    _check(struct, data, getattr(data, "line", 1), "", record, report, [])
