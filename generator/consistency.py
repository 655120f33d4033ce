"""Checks that need the whole portal as a model: what each record says must agree with the others.

validate.py has made sure every record has the right shape and every id it names exists;
here the questions are about meaning: a chain's units belong to its own jurisdiction, two
chains of one jurisdiction do not share a name (pages and charts tell them apart by it), a
task table does not number two rows alike, a project does not end before it starts, a
policy's text converts within bounds, a base map is a GeoJSON file of content/maps/. Each
problem is reported with the record's file and line.
"""
from __future__ import annotations

from pathlib import Path

from . import geojson, markdown_text, schema
from .charts import MAPS_FOLDER
from .model import Portal, Record, Text
from .report import Report, os_problem

# Records of these kinds belong to one jurisdiction: what they name must be of it too.
_OWNED = ("unit", "person", "chain")


def check(root: Path, portal: Portal, report: Report) -> None:
    _references_stay_in_their_jurisdiction(portal, report)
    _chains_are_filed_under_their_jurisdiction(portal, report)
    _areas_lie_within_their_jurisdiction(portal, report)
    _jurisdictions_nest(portal, report)
    _names_tell_records_apart(portal, report)
    _task_numbers_are_unique(portal, report)
    _projects_start_before_they_end(portal, report)
    _policy_texts_convert(portal, report)
    check_base_maps(root, portal, report)


# --- references ------------------------------------------------------------------------------

def _references_stay_in_their_jurisdiction(portal: Portal, report: Report) -> None:
    for kind, declared in schema.KINDS.items():
        for record in portal.all(kind):
            if kind == "policy":
                allowed = set(record.jurisdictions)
            else:
                allowed = {portal.jurisdiction_of(record).id}
            for field, value, origin in _references(declared.struct, record, record.origin):
                target = portal.get(field.type.kind, value)
                owner = portal.jurisdiction_of(target).id
                if owner not in allowed:
                    what_en, what_zh = field.type.kind, schema.KIND_NAMES_ZH[field.type.kind]
                    report.error(origin[0], origin[1], field.name,
                                 f"a {what_en} of {_list(allowed)} (a record names only its own jurisdiction's)",
                                 f"属于 {_list(allowed)} 的{what_zh}（记录只能引用本辖区的{what_zh}）",
                                 f"'{value}', of '{owner}'", f"'{value}'，属于 '{owner}'")


def _references(struct: schema.Struct, record: Record, origin: tuple[str, int]):
    """Every (field, id, origin) where a record names a unit, person or chain, nested entries too."""
    for field in struct.fields.values():
        value = getattr(record, field.name)
        item_type = field.type.item if isinstance(field.type, schema.List) else field.type
        values = value if isinstance(field.type, schema.List) else (value,) if value is not None else ()
        if isinstance(item_type, schema.Ref) and item_type.kind in _OWNED:
            for item in values:
                yield schema.Field(field.name, item_type, field.en, field.zh), item, origin
        elif isinstance(item_type, schema.Struct):
            for item in values:
                yield from _references(item_type, item, item.origin)


def _chains_are_filed_under_their_jurisdiction(portal: Portal, report: Report) -> None:
    folder = schema.KINDS["chain"].folder
    for chain in portal.all("chain"):
        path = Path(chain.origin[0])
        if path.parent.as_posix() != f"{folder}/{chain.jurisdiction}":
            report.error(chain.origin[0], chain.origin[1], "jurisdiction",
                         f"a chain filed in {folder}/{chain.jurisdiction}/, the folder of its jurisdiction",
                         f"存放在其辖区文件夹 {folder}/{chain.jurisdiction}/ 中的产业链", f"'{chain.jurisdiction}'")


def _areas_lie_within_their_jurisdiction(portal: Portal, report: Report) -> None:
    """An area of the industrial layout that has its own pages is a jurisdiction under this one."""
    for j in portal.jurisdictions:
        for area in j.areas:
            if area.jurisdiction and portal.get("jurisdiction", area.jurisdiction).parent != j.id:
                report.error(area.origin[0], area.origin[1], "jurisdiction",
                             f"a jurisdiction whose parent is '{j.id}' (an area lies within its jurisdiction)",
                             f"上级为 '{j.id}' 的辖区（区域须在本辖区之内）", f"'{area.jurisdiction}'")


def _jurisdictions_nest(portal: Portal, report: Report) -> None:
    """Following `parent` upwards ends at a jurisdiction with none: the navigation nests each
    jurisdiction under its parent, and a loop would leave the loop's jurisdictions out of it."""
    for j in portal.jurisdictions:
        seen = [j.id]
        above = j.parent
        while above and above not in seen:
            seen.append(above)
            above = portal.get("jurisdiction", above).parent
        if above:
            loop = " → ".join([*seen[seen.index(above):], above])
            report.error(j.origin[0], j.origin[1], "parent", "a jurisdiction above this one, not below it",
                         "本辖区的上级辖区，而非其下级", f"a loop: {loop}", f"循环：{loop}")


# --- names and numbers -------------------------------------------------------------------------

def _names_tell_records_apart(portal: Portal, report: Report) -> None:
    """Within a jurisdiction, chains, zones and units each have names of their own, in each
    language: lists, charts and maps show the name, and two alike could not be told apart."""
    for j in portal.jurisdictions:
        _unique_names(j.zones, "zone", "园区", report)
        _unique_names(portal.chains_of(j), "chain", "产业链", report)
        _unique_names(portal.of_jurisdiction("unit", j), "unit", "单位", report)


def _unique_names(records, what_en: str, what_zh: str, report: Report) -> None:
    for text_field in Text.FIELDS:
        first: dict[str, Record] = {}
        for record in records:
            name = getattr(record.name, text_field)
            if not name:
                continue
            other = first.setdefault(" ".join(name.split()).casefold(), record)
            if other is not record:
                report.error(record.origin[0], record.origin[1], f"name.{text_field}",
                             f"a name no other {what_en} of the jurisdiction has ('{other.id}', "
                             f"{other.origin[0]}:{other.origin[1]}, has it)",
                             f"本辖区其他{what_zh}未使用的名称（'{other.id}' 已使用，见 {other.origin[0]}:{other.origin[1]}）",
                             schema.show(name)[0])


def _task_numbers_are_unique(portal: Portal, report: Report) -> None:
    for j in portal.jurisdictions:
        for table, tasks in portal.task_tables(j):
            seen: dict[int, Record] = {}
            for task in tasks:
                other = seen.setdefault(task.number, task)
                if other is not task:
                    report.error(task.origin[0], task.origin[1], "number",
                                 f"a row number not used by another row of the table '{table.zh}' (also "
                                 f"'{other.id}', {other.origin[0]}:{other.origin[1]})",
                                 f"任务表“{table.zh}”中未被其他行使用的序号（'{other.id}' 已使用，见 "
                                 f"{other.origin[0]}:{other.origin[1]}）", str(task.number))


def _projects_start_before_they_end(portal: Portal, report: Report) -> None:
    for project in portal.all("project"):
        if project.start and project.end and _first_day(project.start) > _last_day(project.end):
            report.error(project.origin[0], project.origin[1], "end", f"a date on or after the start ({project.start})",
                         f"不早于开始日期（{project.start}）的日期", f"'{project.end}'")


def _first_day(date: str) -> str:
    return (date + "-01-01")[:10]


def _last_day(date: str) -> str:
    return (date + "-12-31")[:10] if len(date) == 4 else (date + "-31")[:10]


# --- policy texts ------------------------------------------------------------------------------

def _policy_texts_convert(portal: Portal, report: Report) -> None:
    for policy in portal.all("policy"):
        path = policy.origin[0]
        english = path[: -len(".md")] + ".en.md"
        for where, body, first_line in ((path, policy.body, policy.body_line), (english, policy.body_en, 1)):
            for line, en, zh, found, found_zh in markdown_text.problems(body):
                report.error(where, first_line + line - 1, "", en, zh, found, found_zh)


def _list(ids) -> str:
    return ", ".join(f"'{i}'" for i in sorted(ids))


# --- base maps ---------------------------------------------------------------------------------

def check_base_maps(root: Path, portal: Portal, report: Report) -> None:
    """A base map must be a readable GeoJSON FeatureCollection inside content/maps/."""
    folder = (root / MAPS_FOLDER).resolve()
    for j in portal.jurisdictions:
        base = j.base_map
        if base is None:
            continue
        path, line = base.origin
        target = (folder / base.file).resolve()
        if folder not in target.parents or not target.is_file():
            report.error(path, line, "base_map.file", f"a file inside {MAPS_FOLDER}/", f"{MAPS_FOLDER}/ 中的文件",
                         repr(base.file), f"{base.file!r}（不存在或不在该文件夹中）")
            continue
        try:
            geojson.read(target)
        except geojson.GeoJSONError as err:
            where = f"{MAPS_FOLDER}/{base.file}" + (f", {err.where}" if err.where else "")
            report.error(path, line, "base_map.file", f"{err.expected_en} in {where}", f"{where} 中应为{err.expected_zh}",
                         err.found_en, err.found_zh)
        except OSError as err:
            report.error(path, line, "base_map.file", "a readable file", "可读取的文件", *os_problem(err))
        if not base.approval and not base.illustrative:
            report.error(path, line, "base_map.approval", "the map's review number (审图号), or illustrative: true",
                         "底图审图号，或 illustrative: true", "neither", "两者皆无")
