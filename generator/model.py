"""The portal as objects: frozen records with the domain's questions answered.

Records are built generically from the schema declaration, so a field is declared once
(schema.py) and never re-typed here; the named queries below are the domain logic.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property

from . import languages, schema
from .load import RawRecord
from .romanise import romanise


_CONTENT = languages.CONTENT   # language → the content text it shows


@dataclass(frozen=True)
class Text:
    """Content text: the jurisdiction's own words (`zh`) and their English (`en`, None while a
    translation is pending). A page shows the one its language's row names (languages.py)."""

    zh: str
    en: str | None = None
    FIELDS = ("zh", "en")   # as content writes them: {zh: …, en: …}

    def get(self, lang: str) -> str | None:
        return self.zh if _CONTENT[lang] == "zh" else self.en


@dataclass(frozen=True)
class Name(Text):
    """A person's name: where a language romanises, a missing `en` shows the name in pinyin."""

    def get(self, lang: str) -> str | None:
        shown = super().get(lang)
        return shown or (romanise(self.zh) if languages.get(lang).romanise else None)


class Record:
    """A validated record or nested entry: fields by attribute, absent ones None or ()."""

    __slots__ = ("record_type", "_values", "origin")

    def __init__(self, kind: str, values: dict, origin: tuple[str, int]):
        object.__setattr__(self, "record_type", kind)
        object.__setattr__(self, "_values", values)
        object.__setattr__(self, "origin", origin)

    def __getattr__(self, name):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        raise AttributeError("records are frozen")

    def has(self, name: str) -> bool:
        """Whether its kind declares the field (a policy has a title, most records a name)."""
        return name in self._values

    def __repr__(self):
        return f"<{self.record_type} {self._values.get('id')}>"


def _freeze(type_, value, path: str):
    if isinstance(type_, schema.Struct):
        values = {}
        for name, declared in type_.fields.items():
            item = value.get(name) if value else None
            empty = () if isinstance(declared.type, schema.List) else None
            values[name] = empty if item is None else _freeze(declared.type, item, path)
        return Record(type_.name, values, (path, getattr(value, "line", 0)))
    if isinstance(type_, schema.Text):
        cls = Name if isinstance(type_, schema.Name) else Text
        return cls(value["zh"].strip(), (value.get("en") or "").strip() or None)
    if isinstance(type_, schema.List):
        return tuple(_freeze(type_.item, item, path) for item in value)
    return value


def freeze(raw: RawRecord) -> Record:
    record = _freeze(schema.KINDS[raw.kind].struct, raw.data, raw.path)
    if raw.kind == "policy":
        values = dict(record._values, body=raw.body, body_en=raw.body_en, body_line=raw.body_line)
        record = Record("policy", values, record.origin)
    return record


@dataclass(frozen=True)
class Holding:
    """One role a person holds on one chain."""

    person: Record
    chain: Record
    role: Record


@dataclass(frozen=True)
class Cell:
    """A cell of an assignment table: `span` rows tall, 0 where covered by the cell above."""

    value: object
    span: int


class Portal:
    """All records, indexed, with the questions pages ask of them."""

    def __init__(self, records: list[Record]):
        self.as_of: dict[str, str] = {}   # project id → date of its last update (set by the build)
        self.chief_changes: list = []     # history.Change, oldest first (set by the build)
        self.by_kind: dict[str, dict[str, Record]] = {kind: {} for kind in schema.KINDS}
        for record in records:
            self.by_kind[record.record_type][record.id] = record

    def all(self, kind: str) -> list[Record]:
        return list(self.by_kind[kind].values())

    def get(self, kind: str, rid: str | None) -> Record | None:
        return self.by_kind[kind].get(rid) if rid else None

    @property
    def jurisdictions(self) -> list[Record]:
        return self.all("jurisdiction")

    def jurisdiction_of(self, record: Record) -> Record:
        """The jurisdiction a record belongs to, as its kind declares (schema.Kind.owner)."""
        owner = schema.KINDS[record.record_type].owner
        if owner == "chain":
            return self.by_kind["jurisdiction"][self.by_kind["chain"][record.chain].jurisdiction]
        if owner == "jurisdiction":
            return self.by_kind["jurisdiction"][record.jurisdiction]
        return record

    def stage_of(self, project: Record) -> Record:
        """A project's stage, as its jurisdiction declares it."""
        return self.entry(self.jurisdiction_of(project).stages, project.stage)

    @staticmethod
    def entry(collection, eid: str | None) -> Record | None:
        """An entry of a declared collection (a role, a stage, a tier…) by id."""
        return next((e for e in collection if e.id == eid), None)

    @cached_property
    def _chains_by_jurisdiction(self) -> dict[str, list[Record]]:
        grouped: dict[str, list[Record]] = {j: [] for j in self.by_kind["jurisdiction"]}
        for chain in self._chains_in_order:
            grouped[chain.jurisdiction].append(chain)
        return grouped

    @cached_property
    def _chains_in_order(self) -> list[Record]:
        """Chains in the order their jurisdiction lists them (each chain's `order`)."""
        return sorted(self.all("chain"), key=lambda c: (c.order, c.id))

    def chains_of(self, jurisdiction: Record) -> list[Record]:
        return self._chains_by_jurisdiction[jurisdiction.id]

    @cached_property
    def _by_jurisdiction(self) -> dict[tuple[str, str], list[Record]]:
        # Pages ask these questions thousands of times: index once, not scan each time.
        index: dict[tuple[str, str], list[Record]] = {}
        for kind, declared in schema.KINDS.items():
            if declared.owner:
                for record in self.all(kind) if kind != "chain" else self._chains_in_order:
                    index.setdefault((kind, self.jurisdiction_of(record).id), []).append(record)
        return index

    @cached_property
    def _projects_by_chain(self) -> dict[str, list[Record]]:
        index: dict[str, list[Record]] = {}
        for project in self.all("project"):
            index.setdefault(project.chain, []).append(project)
        return index

    def of_jurisdiction(self, kind: str, jurisdiction: Record) -> list[Record]:
        return list(self._by_jurisdiction.get((kind, jurisdiction.id), ()))

    def projects_of(self, chain: Record) -> list[Record]:
        return list(self._projects_by_chain.get(chain.id, ()))

    def chain_leaders(self, jurisdiction: Record) -> list[tuple[Record, list[Record], list[Record]]]:
        """Chain-leader enterprises of a jurisdiction, with their chains and the projects they lead."""
        tiers = {t.id for t in jurisdiction.tiers if t.kind == "chain_leader"}
        found: dict[str, list[Record]] = {}
        for chain in self.chains_of(jurisdiction):
            for enterprise in chain.enterprises:
                if enterprise.tier in tiers:
                    found.setdefault(enterprise.unit, []).append(chain)
        return [(self.get("unit", uid), chains, list(self._projects_by_leader.get(uid, ())))
                for uid, chains in found.items()]

    @cached_property
    def _projects_by_leader(self) -> dict[str, list[Record]]:
        index: dict[str, list[Record]] = {}
        for project in self.all("project"):
            if project.leader:
                index.setdefault(project.leader, []).append(project)
        return index

    def chains_of_unit(self, unit: Record) -> list[Record]:
        """The chains of the unit's jurisdiction that assign it or list it as an enterprise."""
        return list(self._chains_by_unit.get((self.jurisdiction_of(unit).id, unit.id), ()))

    @cached_property
    def _chains_by_unit(self) -> dict[tuple[str, str], list[Record]]:
        # A chain map asks it of every enterprise it shows: scanning the jurisdiction's chains
        # each time took 4 s of a language's rendering at 1,000 chains.
        index: dict[tuple[str, str], list[Record]] = {}
        for jid, chains in self._chains_by_jurisdiction.items():
            for chain in chains:
                for uid in dict.fromkeys([a.unit for a in chain.units] + [e.unit for e in chain.enterprises]):
                    index.setdefault((jid, uid), []).append(chain)
        return index

    def policies_about(self, record: Record) -> list[Record]:
        """Policies about a chain or a jurisdiction, newest first."""
        return list(self._policies_by_subject.get((record.record_type == "chain", record.id), ()))

    @cached_property
    def _policies_by_subject(self) -> dict[tuple[bool, str], list[Record]]:
        # Every project page asks, for its chain and its jurisdiction: index once.
        index: dict[tuple[bool, str], list[Record]] = {}
        for policy in sorted(self.all("policy"), key=lambda p: p.date, reverse=True):
            for chain in policy.chains:
                index.setdefault((True, chain), []).append(policy)
            for jurisdiction in policy.jurisdictions:
                index.setdefault((False, jurisdiction), []).append(policy)
        return index

    def task_tables(self, jurisdiction: Record) -> list[tuple[Text, list[Record]]]:
        """The jurisdiction's task tables, each with its rows in order."""
        tables: dict[Text, list[Record]] = {}
        for task in self.of_jurisdiction("task", jurisdiction):
            tables.setdefault(task.table, []).append(task)
        return [(name, sorted(rows, key=lambda t: t.number)) for name, rows in tables.items()]

    def group_path(self, chain: Record) -> list[Record]:
        """The groups enclosing a chain, outermost first."""
        jurisdiction = self.jurisdiction_of(chain)
        path, group = [], self.entry(jurisdiction.groups, chain.group)
        while group is not None:
            path.insert(0, group)
            group = self.entry(jurisdiction.groups, group.parent)
        return path

    @cached_property
    def holdings(self) -> dict[str, list[Holding]]:
        """Every person's roles across the portal, by person id."""
        result: dict[str, list[Holding]] = {pid: [] for pid in self.by_kind["person"]}
        for chain in sorted(self.all("chain"), key=lambda c: (c.jurisdiction, c.order)):
            roles = self.jurisdiction_of(chain).roles
            for chief in chain.chiefs:
                if chief.person:
                    result[chief.person].append(Holding(self.get("person", chief.person), chain,
                                                        self.entry(roles, chief.role)))
        return result

    def chief_table(self, jurisdiction: Record) -> list[list[Cell]]:
        """Rows of the chief-assignment table: group levels, chain, chiefs; merged like the annex.

        A cell merges with the one above when it holds the same value and every cell to its
        left is merged too, so one leader spans adjacent chains only inside one group.
        """
        rows = []
        for chain in self.chains_of(jurisdiction):
            path = self.group_path(chain)
            groups = [path[i] if i < len(path) else None for i in range(len(jurisdiction.grouping))]
            chiefs = tuple(c.person or c.holder for c in chain.chiefs if c.person or c.holder)
            rows.append(groups + [chain, chiefs])
        return _merge(rows, merge_columns=set(range(len(jurisdiction.grouping))) | {len(jurisdiction.grouping) + 1})


    def chief_table_for_print(self, jurisdiction: Record) -> list[list[list[Cell]]]:
        """The chief-assignment table in blocks that a printed page never splits: one block per
        innermost group (or ten chains, without groups), merged within the block only, so that
        every printed page starts with the names of the groups its rows belong to."""
        rows = self.chief_table(jurisdiction)
        if not rows:
            return []
        levels = len(jurisdiction.grouping)
        keys = [self.group_path(chain)[-1].id if levels and self.group_path(chain) else i // 10
                for i, chain in enumerate(self.chains_of(jurisdiction))]
        blocks, start = [], 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or keys[i] != keys[start]:
                plain = [[cell.value for cell in row] for row in rows[start:i]]
                blocks.append(_merge(plain, merge_columns=set(range(levels)) | {levels + 1}))
                start = i
        return blocks

    @staticmethod
    def distinct_sources(records) -> list[Record]:
        """The documents a set of records cite, each once, in order of first citation, with the
        place they share: rows citing "附件2第1行", "附件2第2行"… cite "附件2" as a table."""
        places: dict[str, list] = {}
        for record in records:
            if record.source:
                places.setdefault(record.source.doc, []).append(record.source.at)
        return [Record("source", {"doc": doc, "at": _shared_place(ats)}, ("", 0)) for doc, ats in places.items()]


def _shared_place(places: list) -> Text | None:
    """What several places in one document have in common, cut after its last number ("附件2",
    "Annex 2"); None when they share nothing that says where."""
    if any(place is None for place in places):
        return None
    shared = {}
    for text_field in Text.FIELDS:
        texts = [getattr(place, text_field) for place in places]
        if not all(texts):
            shared[text_field] = None
            continue
        prefix = os.path.commonprefix(texts)
        if len(set(texts)) > 1:
            cut = max((i for i, ch in enumerate(prefix) if ch.isdigit()), default=-1)
            prefix = prefix[:cut + 1] if cut >= 0 else ""
        shared[text_field] = prefix.strip(" ,，、") or None
    return Text(shared["zh"], shared["en"]) if shared["zh"] else None


def _merge(rows: list[list], merge_columns: set[int]) -> list[list[Cell]]:
    """Merge equal cells downwards, column by column, inside the blocks of the columns to the left."""
    cells = [[Cell(v, 1) for v in row] for row in rows]
    for col in sorted(merge_columns):
        start = 0
        for r in range(1, len(rows)):
            inside_left_blocks = all(cells[r][c].span == 0 for c in merge_columns if c < col)
            if _mergeable(rows[r][col]) and rows[r][col] == rows[start][col] and inside_left_blocks:
                cells[start][col] = Cell(rows[start][col], cells[start][col].span + 1)
                cells[r][col] = Cell(rows[r][col], 0)
            else:
                start = r
    return cells


def _mergeable(value) -> bool:
    """Groups merge; chief cells merge only when they name people (two unnamed chiefs may differ)."""
    if isinstance(value, tuple):
        return bool(value) and all(isinstance(v, str) for v in value)
    return value is not None


def build(records: list[RawRecord]) -> Portal:
    return Portal([freeze(raw) for raw in records])


def translation_coverage(portal: Portal) -> dict[str, tuple[int, int]]:
    """Per jurisdiction: how many bilingual fields have English, of how many."""
    counts: dict[str, list[int]] = {j.id: [0, 0] for j in portal.jurisdictions}
    for kind in (name for name, declared in schema.KINDS.items() if declared.owner or name == "jurisdiction"):
        for record in portal.all(kind):
            tally = counts[portal.jurisdiction_of(record).id]
            for text in _texts(record):
                tally[0] += text.en is not None or isinstance(text, Name)
                tally[1] += 1
    return {j: (done, total) for j, (done, total) in counts.items()}


def _texts(value):
    if isinstance(value, Text):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item)
    elif hasattr(value, "_values"):
        for item in value._values.values():
            yield from _texts(item)
