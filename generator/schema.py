"""The content model, declared once as data.

Each record kind is a list of fields; each field has a type and a one-line description in
both languages. The same declaration drives validation (validate.py), the editor's guide
page and the JSON Schema published with the site (render.py, jsonschema_out.py).
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from . import kinds, languages
from .pages import PageKind

# Marks text still to be written in a template from `new`; `check` warns while it is there.
PLACEHOLDER = "（待补充）"

ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


# --- value types ---------------------------------------------------------------------------
# Each type checks one value and says what it expected, in English and Chinese.

@dataclass(frozen=True)
class Problem:
    """What a value should have been; `found` (and its Chinese) describes what it was."""

    expected_en: str
    expected_zh: str
    found: str
    found_zh: str | None = None


def show(value) -> tuple[str, str]:
    """How a found value is quoted in an error message, in English and Chinese."""
    if isinstance(value, dict):
        return "a mapping", "映射"
    if isinstance(value, list):
        return "a list", "列表"
    if value is None:
        return "nothing", "空值"
    if isinstance(value, bool):
        return str(value).lower(), str(value).lower()
    if isinstance(value, (int, float)):
        return str(value), str(value)
    text = _quoted(value)
    return text, text


def _quoted(text: str) -> str:
    """A string as an error message quotes it: shortened, with what cannot be seen spelt out
    (a line break, a zero-width space) so that a message never looks like two lines."""
    shown = text if len(text) <= 60 else text[:57] + "…"
    return "'" + "".join(ch if ch.isprintable() and not _invisible(ch) else f"\\u{ord(ch):04x}" for ch in shown) + "'"


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp")


def visible(text: str) -> bool:
    """Whether text holds anything to read: not only spaces and invisible characters."""
    return any(not ch.isspace() and not _invisible(ch) for ch in text)


class Type:
    en = "a value"
    zh = "值"

    def check(self, value) -> Problem | None:
        """A Problem if `value` is not of this type (nested types are walked by the validator)."""
        return None

    def describe(self) -> tuple[str, str]:
        return self.en, self.zh

    def wrong(self, value) -> Problem:
        return Problem(*self.describe(), *show(value))


class Str(Type):
    en, zh = "text", "文本"

    def __init__(self, pattern: str | None = None, en: str = "", zh: str = "", max_length: int = 200):
        self.pattern = re.compile(pattern, re.ASCII) if pattern else None
        self.en, self.zh = en or self.en, zh or self.zh
        self.max_length = max_length

    def describe(self):
        if self.pattern:
            return self.en, self.zh
        return f"{self.en} of at most {self.max_length} characters", f"不超过 {self.max_length} 个字符的{self.zh}"

    def check(self, value):
        if not isinstance(value, str) or not visible(value) or len(value) > self.max_length:
            return self.wrong(value)
        if self.pattern and not self.pattern.fullmatch(value):
            return self.wrong(value)
        return None

    def wrong(self, value):
        problem = super().wrong(value)
        if isinstance(value, (int, float)):   # `id: 404`, `number: 12`: YAML read a number
            return Problem(problem.expected_en, problem.expected_zh, f"the number {value}; write '{value}' in quotes "
                           "for text", f"数字 {value}；如为文本请加引号：'{value}'")
        if isinstance(value, str) and len(value) > self.max_length:
            return Problem(problem.expected_en, problem.expected_zh, f"{len(value)} characters", f"{len(value)} 个字符")
        odd = next((ch for ch in value if not ch.isascii()), None) if isinstance(value, str) and self.pattern else None
        if odd:   # a letter that looks Latin and is not (a Cyrillic а, a full-width ２)
            from .reader import describe_character
            return Problem(problem.expected_en, problem.expected_zh, f"{problem.found}, whose {describe_character(odd)[0]} "
                           "is not a plain ASCII character", f"{problem.found}，其中 {describe_character(odd)[1]} 不是 ASCII 字符")
        return problem


ID_EXAMPLE = "city-new-energy"


class Id(Str):
    def __init__(self):
        super().__init__(ID_PATTERN.pattern, f"an id: lowercase letters, digits and '-' (e.g. '{ID_EXAMPLE}')",
                         f"id：小写字母、数字和 '-'（如 '{ID_EXAMPLE}'）", 64)


class Url(Str):
    def __init__(self):
        super().__init__(r"https?://[^\s<>\"'`\\]+", "a web address starting with http:// or https://",
                         "以 http:// 或 https:// 开头的网址", 500)


class Email(Str):
    def __init__(self):
        super().__init__(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z]{2,}",
                         "an e-mail address, e.g. data@example.gov.cn", "电子邮箱地址，如 data@example.gov.cn", 200)


class SiteAddress(Str):
    """Where the site is published: a plain http(s) address of a host and a path, nothing that
    could become another origin (`//host` in the path) or leave an attribute or a feed."""

    SEGMENT = r"[A-Za-z0-9._~!$&()*+,;=:@%-]+"

    def __init__(self):
        super().__init__(rf"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{{1,5}})?(?:/{self.SEGMENT})*/?",
                         "a web address of the form https://host/path/ (letters, digits and - . _ ~ in the path; "
                         "no empty path segment, query or fragment)",
                         "形如 https://host/path/ 的网址（路径由字母、数字及 - . _ ~ 组成；不含空路径段、查询或片段）", 500)


def _real_date(parts: list[int]) -> bool:
    try:
        datetime.date(*(parts + [1, 1])[:3])
    except ValueError:
        return False
    return True


class Date(Str):
    """A calendar date, or a month or year where the document gives no more."""

    def __init__(self, full: bool = False):
        pattern = r"[0-9]{4}-[0-9]{2}-[0-9]{2}" if full else r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
        en = "a date as YYYY-MM-DD in quotes" if full else "a date as YYYY-MM-DD (or YYYY-MM, YYYY) in quotes"
        zh = "日期，格式 YYYY-MM-DD" if full else "日期，格式 YYYY-MM-DD（或 YYYY-MM、YYYY）"
        super().__init__(pattern, en, zh, 10)

    def check(self, value):
        problem = super().check(value)
        if problem is None and not _real_date([int(p) for p in value.split("-")]):
            return self.wrong(value)
        return problem


class Deadline(Str):
    def __init__(self):
        super().__init__(r"[0-9]{4}(-Q[1-4]|-[0-9]{2}(-[0-9]{2})?)?",
                         "a deadline: YYYY-Q1…Q4, YYYY-MM-DD, YYYY-MM or YYYY", "时限：YYYY-Q1…Q4、YYYY-MM-DD、YYYY-MM 或 YYYY",
                         10)

    def check(self, value):
        problem = super().check(value)
        if problem is None and "Q" not in value and not _real_date([int(p) for p in value.split("-")]):
            return self.wrong(value)
        return problem


class ContentPath(Str):
    """A file under content/maps/, named relative to it; never absolute, never '..'."""

    def __init__(self):
        super().__init__(r"(?!/)(?!.*(?:^|/)\.\.(?:/|$))[A-Za-z0-9_./-]+\.(?:geo)?json",
                         "a file in content/maps/, e.g. 'province.geojson' (no '..', no leading '/')",
                         "content/maps/ 中的文件，如 'province.geojson'（不含 '..'，不以 '/' 开头）", 200)


class Int(Type):
    def __init__(self, minimum: int = 0, maximum: int = 10**9):
        self.minimum, self.maximum = minimum, maximum
        self.en, self.zh = f"a whole number from {minimum} to {maximum}", f"{minimum} 到 {maximum} 之间的整数"

    def check(self, value):
        ok = isinstance(value, int) and not isinstance(value, bool) and self.minimum <= value <= self.maximum
        return None if ok else self.wrong(value)


class Number(Type):
    """A number within bounds: sums and charts of numbers far beyond them would overflow."""

    def __init__(self, minimum: float = 0, maximum: float = 10**9):
        self.minimum, self.maximum = minimum, maximum
        low, high = _number(minimum), _number(maximum)
        self.en, self.zh = f"a number from {low} to {high}", f"{low} 到 {high} 之间的数"

    def check(self, value):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and self.minimum <= value <= self.maximum
        return None if ok else self.wrong(value)


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


class Bool(Type):
    en, zh = "true or false", "true 或 false"

    def check(self, value):
        return None if isinstance(value, bool) else self.wrong(value)


class Enum(Type):
    """One of a table of common kinds (kinds.py)."""

    def __init__(self, table: dict, name: str):
        self.table, self.name = table, name

    def describe(self):
        keys = ", ".join(self.table)
        return f"one of: {keys}", f"以下之一：{keys}"

    def check(self, value):
        return None if isinstance(value, str) and value in self.table else self.wrong(value)


class Text(Type):
    """Human-readable text in both languages: `{zh: …, en: …}`; en may wait for a translator."""

    sub_fields = ("zh", "en")

    def __init__(self, max_length: int = 500):
        self.max_length = max_length
        self.en = f"text in both languages: {{zh: …, en: …}}, each at most {max_length} characters"
        self.zh = f"双语文本：{{zh: …, en: …}}，每种语言不超过 {max_length} 个字符"

    def check(self, value):
        if isinstance(value, str):
            return Problem(self.en, self.zh, f"plain text {show(value)[0]}; write it as zh: …",
                           f"纯文本 {show(value)[1]}；请写作 zh: …")
        if not isinstance(value, dict):
            return self.wrong(value)
        return None


class Name(Text):
    """A person's name; without `en` the English page shows it romanised (pinyin)."""

    def __init__(self):
        super().__init__(100)
        self.en = "a name: {zh: …, en: …} (en optional, romanised if left out), each at most 100 characters"
        self.zh = "姓名：{zh: …, en: …}（en 可省略，自动转为拼音），每种语言不超过 100 个字符"


class Ref(Str):
    """The id of another record of `kind` (checked once every record is read)."""

    def __init__(self, kind: str):
        super().__init__(ID_PATTERN.pattern, f"the id of a {kind} record", f"{KIND_NAMES_ZH[kind]}记录的 id", 64)
        self.kind = kind


class LocalRef(Str):
    """The id of an entry declared by the record's own jurisdiction (a role, a stage, …)."""

    def __init__(self, collection: str, only_kinds: frozenset | None = None):
        super().__init__(ID_PATTERN.pattern, f"the id of one of the jurisdiction's {collection}",
                         f"所属辖区 `{collection}` 中声明的 id", 64)
        self.collection, self.only_kinds = collection, only_kinds


class List(Type):
    def __init__(self, item: Type, min_items: int = 0, max_items: int = 1000):
        self.item, self.min_items, self.max_items = item, min_items, max_items
        en, zh = item.describe()
        self.en = f"a list of {en}" + (f" (at least {min_items})" if min_items else "")
        self.zh = f"列表，每项为{zh}" + (f"（至少 {min_items} 项）" if min_items else "")

    def check(self, value):
        if not isinstance(value, list) or len(value) < self.min_items:
            return self.wrong(value)
        if len(value) > self.max_items:
            return Problem(f"a list of at most {self.max_items} items", f"不超过 {self.max_items} 项的列表",
                           f"{len(value)} items", f"{len(value)} 项")
        return None


@dataclass(frozen=True)
class Field:
    name: str
    type: Type
    en: str
    zh: str
    required: bool = False


@dataclass(frozen=True)
class Rule:
    """A check across a struct's fields (a range's ends, one of two fields). `check` takes the
    mapping as read and gives (field, Problem) pairs; `json_schema` says as much of it as JSON
    Schema can, for the schemas published with the site (a range's order it cannot)."""

    check: object
    json_schema: tuple = ()
    example: tuple = ()   # fields `new` writes into its example as if required (a target's value)


class Struct(Type):
    """A mapping with declared fields; any other key is an error."""

    def __init__(self, name: str, fields: list[Field], en: str = "", zh: str = "", name_zh: str = "",
                 rules: tuple = ()):
        self.name, self.fields = name, {f.name: f for f in fields}
        self.rules: tuple[Rule, ...] = rules
        self.name_zh = name_zh or STRUCT_NAMES_ZH.get(name, name)
        self.en = en or f"a mapping ({name})"
        self.zh = zh or f"映射（{self.name_zh}）"

    def check(self, value):
        return None if isinstance(value, dict) else self.wrong(value)


# The Chinese names of record kinds and structures, for messages: no English inside the Chinese.
KIND_NAMES_ZH = {"jurisdiction": "辖区", "unit": "单位", "person": "人员", "chain": "产业链", "project": "项目",
                 "policy": "政策文件", "task": "任务"}
def kind_title(name: str, lang: str) -> str:
    """A record kind's name as a heading says it: 产业链 / Chain. A kind added by a portal is
    named in its catalogues (kind_<name>)."""
    named = languages.catalogue(lang).get(f"kind_{name}")
    if named:
        return named
    return languages.pick({"zh": KIND_NAMES_ZH.get(name, name), "en": name.capitalize()}, lang)


STRUCT_NAMES_ZH = dict(KIND_NAMES_ZH, **{
    "source": "出处", "target": "目标", "coordinates": "经纬度", "role": "角色", "body": "机构", "map kind": "图谱种类",
    "list kind": "清单种类", "stage": "阶段", "substage": "阶段子类", "tier": "企业梯队", "cadence": "会议与报告制度",
    "checklist": "工作清单", "mechanism": "工作机制", "grouping level": "分组层级", "group": "分组", "zone": "园区",
    "base map": "底图", "process": "工作流程", "step": "步骤", "area": "区域", "segment": "环节",
    "chief assignment": "链长分工", "unit assignment": "单位分工",
    "enterprise": "企业", "list": "清单", "milestone": "进度节点", "site-config": "站点设置"})


# --- shared structures ---------------------------------------------------------------------

def F(name, type_, en, zh, required=False) -> Field:
    return Field(name, type_, en, zh, required)


SOURCE = Struct("source", [
    F("doc", Ref("policy"), "the policy document the fact comes from", "事实出处的政策文件", True),
    F("at", Text(200), "where in the document (section, annex, table row)", "在文件中的位置（章节、附件、表格行）"),
], "where a fact comes from: {doc: policy id, at: {zh, en}}", "事实出处：{doc: 政策 id, at: {zh, en}}")

# A remark shown where the record or entry is shown: what a document does not state, how a
# figure was read. Every record kind and every entry a document describes has one.
NOTE = F("note", Text(1000), "a remark shown with it, e.g. what the document does not state or how a figure "
         "was read", "随之显示的说明，如文件未载明的事项、数字的读法")
PROVENANCE = [
    F("source", SOURCE, "where the facts of this record come from", "本记录事实的出处"),
    F("illustrative", Bool(), "true for a record made up to show a feature; the site marks it",
      "示例数据填 true；网站会显著标注"),
    NOTE,
]

# Where a document describes an entry (a role, a body, a process…): shown beside the entry.
ENTRY_PROVENANCE = [
    F("source", SOURCE, "where the document says it", "文件出处"),
    NOTE,
]

NAMED_ENTRY = [
    F("id", Id(), "identifier used by other fields", "供其他字段引用的标识", True),
    F("name", Text(200), "the jurisdiction's own word, and its English", "本辖区自己的用词及英文", True),
]

def _figure_shape(value) -> list:
    """A target's figure is one number (`value`, perhaps `approximate`), a floor (`min`), a
    ceiling (`max`) or a range (both): exactly one of these shapes, in order."""
    problems = []
    number = lambda key: isinstance(value.get(key), (int, float)) and not isinstance(value.get(key), bool)  # noqa: E731
    if "value" in value and ("min" in value or "max" in value):
        problems.append(("value", Problem("either value, or min and/or max (a floor, a ceiling or a range)",
                                          "value，或 min 和/或 max（下限、上限或区间），二者择一",
                                          "value with min or max", "value 与 min 或 max 同时出现")))
    elif not any(key in value for key in ("value", "min", "max")):
        problems.append(("value", Problem("the figure: value, or min and/or max", "目标数值：value，或 min 和/或 max",
                                          "the field is missing", "缺少此字段")))
    if number("min") and number("max") and value["min"] > value["max"]:
        problems.append(("max", Problem(f"a number not below min ({_number(value['min'])})",
                                        f"不小于 min（{_number(value['min'])}）的数", *show(value["max"]))))
    if value.get("approximate") is True and "value" not in value:
        problems.append(("approximate", Problem("approximate only with value ('about 30'); a range is min and max",
                                                "approximate 只与 value 一起使用（“约 30”）；区间请用 min 和 max",
                                                "approximate without value", "没有 value")))
    # The portal counts a whole jurisdiction's projects or chains, and a yearly figure those of its year.
    if "measures" in value and "per" in value:
        problems.append(("per", Problem("no per with measures: the portal counts the whole jurisdiction, not per "
                                        "chain or city", "有 measures 时不填 per：门户按整个辖区统计，不按产业链或城市",
                                        *show(value["per"]))))
    if "measures" in value and value.get("per_year") is True and "year" not in value:
        problems.append(("year", Problem("the year a yearly figure with measures is for (its projects are counted by "
                                         "start date)", "有 measures 的每年目标须填所指年份（按项目开始日期统计）",
                                         "the field is missing", "缺少此字段")))
    return problems


TARGET = Struct("target", [
    F("id", Id(), "identifier", "标识", True),
    F("measures", Enum(kinds.TARGET_MEASURES, "measure"), "what the portal can count against it, if anything",
      "门户可据以统计进度的口径（若有）"),
    F("name", Text(200), "what is counted", "指标名称", True),
    F("value", Number(0, 10**12), "the target figure, when it is one number (else min and/or max)",
      "目标数值为单一数字时填写（否则填 min 和/或 max）"),
    F("min", Number(0, 10**12), "at least this (不少于, 以上, 突破); with max, the low end of a range (24–40)",
      "不少于此数（以上、突破）；与 max 一起为区间下限（如 24–40）"),
    F("max", Number(0, 10**12), "at most this (不超过); with min, the high end of a range",
      "不超过此数；与 min 一起为区间上限"),
    F("approximate", Bool(), "true when the document gives the value as approximate (约, 左右)", "文件表述为约数（约、左右）时填 true"),
    F("per_year", Bool(), "true when the figure is to be reached every year (每年 5–10 家)", "每年须达到的数（如 每年 5–10 家）填 true"),
    F("per", Text(200), "what else the figure is counted per, in the document's words (每条产业链 / each chain)",
      "按什么计（文件原话，如 每条产业链）"),
    F("unit", Text(200), "unit of the figure (e.g. 家 / enterprises, 亿元 / CNY 100m)", "单位（如 家、亿元）", True),
    F("year", Int(1949, 2100), "the year by which it is to be reached (for a yearly figure: the year it is for)",
      "目标年份（每年的目标：所指年份）"),
    F("source", SOURCE, "where the target is stated", "目标出处"),
    NOTE,
], "a target: {id, name, value (or min / max), unit, …}", "目标：{id, name, value（或 min / max）, unit, …}",
   rules=(Rule(_figure_shape, (
       {"anyOf": [{"required": ["value"]}, {"required": ["min"]}, {"required": ["max"]}]},
       {"not": {"required": ["value"], "anyOf": [{"required": ["min"]}, {"required": ["max"]}]}},
       {"if": {"required": ["approximate"], "properties": {"approximate": {"const": True}}}, "then": {"required": ["value"]}},
       {"not": {"required": ["measures", "per"]}},
       {"if": {"required": ["measures", "per_year"], "properties": {"per_year": {"const": True}}},
        "then": {"required": ["year"]}}), example=("value",)),))

TEXT_LIST = List(Text(1000))

COORDINATES = Struct("coordinates", [
    F("lon", Number(-180, 180), "longitude in degrees, east positive, west negative", "经度（东经为正，西经为负）", True),
    F("lat", Number(-90, 90), "latitude in degrees, north positive, south negative", "纬度（北纬为正，南纬为负）", True),
])


def _step_has_a_doer(value) -> list:
    if any(key in value for key in ("body", "role", "by")):
        return []
    return [("body", Problem("who does the step: body (one of the jurisdiction's bodies), role (one of its roles) or "
                             "by (the document's words)", "步骤的执行者：body（本辖区机构之一）、role（本辖区角色之一）"
                             "或 by（文件原话）", "no body, role or by", "没有 body、role 或 by"))]


PROCESS = Struct("process", NAMED_ENTRY + [
    F("steps", List(Struct("step", [
        F("name", Text(200), "what the step is (collect, assign, feed back, close out)", "步骤名称（如收集、交办、反馈、销号）", True),
        F("body", LocalRef("bodies"), "the body that does it, one of the jurisdiction's bodies", "执行机构（本辖区机构之一）"),
        F("role", LocalRef("roles"), "the role that does it, one of the jurisdiction's roles", "执行角色（本辖区角色之一）"),
        F("by", Text(200), "who does it, in the document's words, when no body or role fits", "执行主体（无对应机构或角色时按文件原话）"),
        F("description", Text(2000), "what is done", "内容"),
    ], "a step: {name, body or role or by, description}", "步骤：{name, body 或 role 或 by, description}",
        rules=(Rule(_step_has_a_doer, ({"anyOf": [{"required": [key]} for key in ("body", "role", "by")]},)),)), 1), "the steps, in order; each names who does it", "步骤（按顺序），每步写明执行者", True),
] + ENTRY_PROVENANCE)

AREA = Struct("area", NAMED_ENTRY + [
    F("kind", Enum(kinds.AREA_KINDS, "area kind"), "the common kind: county, district or belt", "通用类型：县（市）、区或产业带", True),
    F("develops", TEXT_LIST, "what it is to develop, one item each, in the document's words", "重点发展方向，每项一条（按文件表述）"),
    F("chains", List(Ref("chain")), "the jurisdiction's chains it is to host", "承载的本辖区产业链"),
    F("spans", List(LocalRef("areas")), "for a belt: the jurisdiction's areas it runs through", "产业带经过的本辖区区域"),
    F("jurisdiction", Ref("jurisdiction"), "the area's own jurisdiction in the portal, if it has one; it must be "
      "under this one", "该区域在本门户中的辖区（若有）；须为本辖区的下级"),
    F("description", Text(2000), "what the document says of it", "文件中的表述"),
] + ENTRY_PROVENANCE)


# --- record kinds --------------------------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    """A record kind: where its files live, whether a file holds one record or a list, its
    fields, what it belongs to and the pages that show it. Declaring a kind here, with its
    template and its interface words, is all a new kind needs: loading, validation, the model,
    the pages, the navigation, the guide, the JSON Schema and `new` read this."""

    name: str
    folder: str           # relative to the content root
    many_per_file: bool
    struct: Struct
    en: str
    zh: str
    markdown: bool = False
    # What a record belongs to: "jurisdiction" (its `jurisdiction` field), "chain" (its
    # `chain` field; the jurisdiction is the chain's), or "" (a jurisdiction; a policy, which
    # names its jurisdictions).
    owner: str = "jurisdiction"
    pages: tuple = ()     # pages.PageKind: its own page per record, its jurisdiction's list of them

    def __post_init__(self):
        # A record is built from its struct and known by the struct's name: they must agree.
        if self.struct.name != self.name:
            raise ValueError(f"record kind {self.name!r} declares a struct named {self.struct.name!r}")

    @property
    def fields(self) -> dict:
        return self.struct.fields


JURISDICTION = Struct("jurisdiction", [
    F("id", Id(), "identifier; also the first part of the jurisdiction's web address", "标识，也是网址的第一段", True),
    F("name", Text(200), "official name", "正式名称", True),
    F("level", Enum(kinds.LEVEL_KINDS, "level"), "administrative level", "行政级别", True),
    F("parent", Ref("jurisdiction"), "the jurisdiction above it, if it is in the portal", "上级辖区（若在本门户中）"),
    F("parent_name", Text(200), "the jurisdiction above it, if it is not in the portal", "上级辖区名称（若不在本门户中）"),
    F("system_name", Text(200), "what the jurisdiction calls its system (e.g. a numbered formula)", "本辖区对其链长制体系的称呼"),
    F("chain_term", Text(200), "its word for a chain (产业链, 集群(产业链), …)", "本辖区对“产业链”的称呼"),
    F("summary", Text(2000), "a short description of the system, in your own words", "体系简介（用自己的话）", True),
    F("roles", List(Struct("role", NAMED_ENTRY + [
        F("kind", Enum(kinds.ROLE_KINDS, "role kind"), "the common kind it maps onto", "对应的通用角色类型", True),
        F("holder", Text(200), "who holds it, as the document says (e.g. the governor)", "由谁担任（按文件表述）"),
        F("duties", TEXT_LIST, "its duties, one per item", "职责，每项一条"),
        F("first_named_leads", Bool(), "true when the first unit named in this role leads", "排第一的为牵头单位时填 true"),
    ] + ENTRY_PROVENANCE)), "the roles it defines", "本辖区设立的角色"),
    F("bodies", List(Struct("body", NAMED_ENTRY + [
        F("kind", Enum(kinds.BODY_KINDS, "body kind"), "the common kind", "通用机构类型", True),
        F("head", Text(200), "who heads it", "负责人"),
        F("seat", Ref("unit"), "the unit that houses it", "设在哪个单位"),
        F("duties", TEXT_LIST, "its duties", "职责"),
    ] + ENTRY_PROVENANCE)), "its bodies: leading group, offices, task forces, expert groups", "机构：领导小组、办公室、专班、专家组"),
    F("map_kinds", List(Struct("map kind", NAMED_ENTRY + [
        F("kind", Enum(kinds.MAP_KINDS, "map kind"), "the common kind", "通用图谱类型", True),
    ] + ENTRY_PROVENANCE)), "the kinds of maps it keeps for each chain", "每条产业链编制的图谱种类"),
    F("list_kinds", List(Struct("list kind", NAMED_ENTRY + [
        F("kind", Enum(kinds.LIST_KINDS, "list kind"), "the common kind", "通用清单类型", True),
    ] + ENTRY_PROVENANCE)), "the kinds of lists it keeps for each chain", "每条产业链编制的清单种类"),
    F("stages", List(Struct("stage", NAMED_ENTRY + [
        F("kind", Enum(kinds.STAGE_KINDS, "stage kind"), "the common kind", "通用阶段类型", True),
        F("description", Text(2000), "what the stage means", "阶段含义"),
        F("substages", List(Struct("substage", NAMED_ENTRY)), "its sub-categories (e.g. new / continuing)", "子类（如新建、续建）"),
    ] + ENTRY_PROVENANCE)), "project stages, in order", "项目阶段（按先后顺序）"),
    F("tiers", List(Struct("tier", NAMED_ENTRY + [
        F("kind", Enum(kinds.TIER_KINDS, "tier kind"), "the common kind", "通用企业梯队类型", True),
        F("description", Text(2000), "how a firm enters the tier", "入选方式"),
    ] + ENTRY_PROVENANCE)), "enterprise tiers", "企业梯队"),
    F("cadences", List(Struct("cadence", NAMED_ENTRY + [
        F("frequency", Enum(kinds.FREQUENCY_KINDS, "frequency"), "how often", "频次", True),
        F("convener", Text(200), "who convenes or reports", "召集或报送主体"),
        F("description", Text(2000), "what happens", "内容"),
    ] + ENTRY_PROVENANCE)), "meeting and reporting cadences", "会议与报告制度"),
    F("checklists", List(Struct("checklist", NAMED_ENTRY + [
        F("items", TEXT_LIST, "the items, in order", "各项内容（按顺序）", True),
    ] + ENTRY_PROVENANCE)), "per-chain working checklists", "每条产业链的工作清单"),
    F("targets", List(TARGET), "its targets; a figure is value, or min and/or max (a range, a floor, a ceiling)",
      "目标；数值为 value，或 min 和/或 max（区间、下限、上限）"),
    F("mechanisms", List(Struct("mechanism", NAMED_ENTRY + [
        F("description", Text(2000), "what it does", "内容"),
    ] + ENTRY_PROVENANCE)), "its mechanisms or models", "工作机制或模式"),
    F("processes", List(PROCESS), "its processes, as ordered steps (e.g. problem handling: collect, assign, "
      "feed back, close out)", "工作流程，按步骤（如问题办理：收集、交办、反馈、销号）"),
    F("areas", List(AREA), "the industrial layout: counties, districts and named belts, and what each is to develop",
      "产业布局：县（市、区）和产业带及各自的发展方向"),
    F("grouping", List(Struct("grouping level", NAMED_ENTRY)), "levels above a chain, outermost first (e.g. type, industry)", "产业链之上的分组层级，由外到内"),
    F("groups", List(Struct("group", NAMED_ENTRY + [
        F("level", LocalRef("grouping"), "which grouping level", "所属分组层级", True),
        F("parent", LocalRef("groups"), "the enclosing group", "上一级分组"),
    ])), "the groups chains belong to", "产业链所属分组"),
    F("zones", List(Struct("zone", NAMED_ENTRY + [
        F("description", Text(2000), "what the zone is and hosts", "园区简介"),
        F("location", Text(200), "where it is", "位置"),
        F("coordinates", COORDINATES, "longitude and latitude, for the regional distribution map", "经纬度（用于区域分布图）"),
    ] + PROVENANCE)), "development zones and parks that host investment projects", "承载招商项目的开发区和园区"),
    F("base_map", Struct("base map", [
        F("file", ContentPath(), "GeoJSON of the area's boundaries, in content/maps/", "辖区边界 GeoJSON 文件（content/maps/ 中）", True),
        F("approval", Str(max_length=100), "its map review number (审图号); required unless illustrative",
          "审图号（示例底图以外必填）"),
        F("source", Text(200), "who supplied it", "底图来源", True),
        F("illustrative", Bool(), "true for a made-up base map; the site captions it so", "示例底图填 true"),
    ]), "a reviewed base map for the regional distribution map; without one a schematic is drawn",
      "区域分布图的审核底图；未提供时绘制示意图"),
    F("chains_note", Text(2000), "what the documents say about its chains when they are not listed", "未列出产业链时的说明"),
    F("chains_stated", Int(1, 10000), "how many chains its documents set up, when they do not name them (the "
      "site says '16 chains, names not stated' beside any chain it lists)", "文件规定但未列出名称的产业链条数"
      "（网站在已列出的产业链旁注明“16 条产业链，名称未载明”）"),
] + PROVENANCE)

UNIT = Struct("unit", [
    F("id", Id(), "identifier", "标识", True),
    F("jurisdiction", Ref("jurisdiction"), "the jurisdiction it belongs to", "所属辖区", True),
    F("name", Text(200), "name", "名称", True),
    F("kind", Enum(kinds.UNIT_KINDS, "unit kind"), "what sort of body", "单位类型", True),
    F("duties", TEXT_LIST, "its duties in the chain chief system", "在链长制中的职责"),
] + PROVENANCE)

PERSON = Struct("person", [
    F("id", Id(), "identifier", "标识", True),
    F("jurisdiction", Ref("jurisdiction"), "the jurisdiction whose documents name the person", "所属辖区", True),
    F("name", Name(), "name; English may be left out (romanised)", "姓名；英文可省略（自动转拼音）", True),
    F("post", Text(200), "post, if the document states it", "职务（文件载明时）"),
] + PROVENANCE)

SEGMENT = Struct("segment", [
    F("id", Id(), "identifier", "标识", True),
    F("position", Enum(kinds.SEGMENT_POSITIONS, "position"), "upstream, midstream or downstream", "上游、中游或下游", True),
    F("name", Text(200), "segment name", "环节名称", True),
])

CHAIN = Struct("chain", [
    F("id", Id(), "identifier; part of the chain's web address", "标识，也是网址的一部分", True),
    F("jurisdiction", Ref("jurisdiction"), "the jurisdiction that runs it", "所属辖区", True),
    F("name", Text(200), "name", "名称", True),
    F("order", Int(0, 100000), "position in the jurisdiction's tables (as in the official annex)", "在辖区表格中的顺序（同官方附件）", True),
    F("group", LocalRef("groups"), "the innermost group it belongs to", "所属的最内层分组"),
    F("summary", Text(2000), "a short description", "简介"),
    F("chiefs", List(Struct("chief assignment", [
        F("role", LocalRef("roles", frozenset(kinds.PERSON_ROLE_KINDS)), "the role held", "担任的角色", True),
        F("person", Ref("person"), "who holds it; leave out when the document does not name anyone", "担任者；文件未具名时省略"),
        F("holder", Text(200), "who holds it, as described when no one is named", "未具名时的担任者描述"),
    ])), "chief assignments by role", "按角色的链长分工"),
    F("units", List(Struct("unit assignment", [
        F("role", LocalRef("roles", frozenset(kinds.ROLE_KINDS) - kinds.PERSON_ROLE_KINDS), "the role held", "担任的角色", True),
        F("unit", Ref("unit"), "the unit", "单位", True),
    ])), "units by role, in the document's order", "按角色的单位分工（按文件顺序）"),
    F("enterprises", List(Struct("enterprise", [
        F("unit", Ref("unit"), "the enterprise", "企业", True),
        F("tier", LocalRef("tiers"), "its tier", "梯队", True),
        F("segments", List(LocalRef("segments")), "chain-map segments it works in", "所在的产业链环节"),
    ])), "enterprises by tier", "按梯队的企业"),
    F("segments", List(SEGMENT), "the segments of its chain map", "产业链图谱的环节"),
    F("technologies", TEXT_LIST, "key technologies", "关键技术"),
    F("targets", List(TARGET), "its targets; a figure is value, or min and/or max (a range, a floor, a ceiling)",
      "目标；数值为 value，或 min 和/或 max（区间、下限、上限）"),
    F("lists", List(Struct("list", [
        F("kind", LocalRef("list_kinds"), "which of the jurisdiction's lists", "辖区清单种类", True),
        F("items", TEXT_LIST, "the entries", "条目", True),
    ])), "contents of its lists", "各清单内容"),
] + PROVENANCE)

PROJECT = Struct("project", [
    F("id", Id(), "identifier; part of the project's web address", "标识，也是网址的一部分", True),
    F("chain", Ref("chain"), "the chain it belongs to", "所属产业链", True),
    F("name", Text(200), "name", "名称", True),
    F("stage", LocalRef("stages"), "one of the jurisdiction's stages", "所属辖区的项目阶段之一", True),
    F("substage", LocalRef("substages"), "a sub-category of the stage", "阶段子类"),
    F("amount", Number(0, 10**6), "investment, in 100 million yuan (亿元)", "投资额（亿元）"),
    F("location", Text(200), "where it is", "地点"),
    F("segments", List(LocalRef("segments")), "the segments of its chain map it strengthens", "所补强的产业链环节"),
    F("zone", LocalRef("zones"), "the development zone or park hosting it (one of the jurisdiction's zones)",
      "承载的开发区或园区（所属辖区的 zones 之一）"),
    F("investor", Text(200), "investor or owner", "投资方或业主"),
    F("leader", Ref("unit"), "the chain-leader enterprise leading the investment, if any", "牵头招商的链主企业（若有）"),
    F("contact", Text(200), "contact unit", "联系单位"),
    F("start", Date(), "start date", "开始日期"),
    F("end", Date(), "planned completion", "计划完成日期"),
    F("updated", Date(full=True), "last update of this record", "最后更新日期"),
] + PROVENANCE)

POLICY = Struct("policy", [
    F("id", Id(), "identifier; part of the policy's web address", "标识，也是网址的一部分", True),
    F("title", Text(200), "title", "标题", True),
    F("issuer", Text(200), "issuing body", "发文机关", True),
    F("number", Str(max_length=100), "document number (文号), when it has one", "发文字号（若有）"),
    F("date", Date(), "date of issue", "成文或印发日期", True),
    F("jurisdictions", List(Ref("jurisdiction"), 1), "the jurisdictions it concerns", "涉及的辖区", True),
    F("chains", List(Ref("chain")), "the chains it concerns", "涉及的产业链"),
    F("summary", Text(2000), "a summary in your own words", "摘要（用自己的话）", True),
    F("url", Url(), "where the original is published", "原文网址"),
    F("illustrative", Bool(), "true for a made-up document", "示例数据填 true"),
    NOTE,
])

TASK = Struct("task", [
    F("id", Id(), "identifier", "标识", True),
    F("jurisdiction", Ref("jurisdiction"), "the jurisdiction", "所属辖区", True),
    F("table", Text(200), "the table it belongs to (e.g. a year's list of major tasks)", "所属任务表", True),
    F("number", Int(1, 10000), "row number", "序号", True),
    F("name", Text(200), "the task", "任务", True),
    F("description", Text(2000), "what the task involves", "任务内容"),
    F("milestones", List(Struct("milestone", [
        F("text", Text(200), "what is to be done", "工作内容", True),
        F("deadline", Deadline(), "by when", "时限"),
    ])), "milestones with deadlines", "进度节点与时限"),
    F("result", Text(2000), "expected result", "预期成果"),
    F("units", List(Ref("unit")), "responsible units; the first named leads where the document says so", "责任单位（文件规定时排第一的牵头）"),
    F("others", TEXT_LIST, "other responsible parties named collectively (e.g. every city government)", "以统称列出的其他责任主体"),
] + PROVENANCE)

_HAS_CHAINS = lambda portal, j: bool(portal.chains_of(j))   # noqa: E731

KINDS: dict[str, Kind] = {k.name: k for k in [
    Kind("jurisdiction", "content/jurisdictions", False, JURISDICTION,
         "a province, city, district … and its own vocabulary", "省、市、区等辖区及其自有用语", owner="", pages=(
             PageKind("jurisdiction", "{j}/", "jurisdiction.html", each="jurisdiction"),
             PageKind("zones", "{j}/zones/", "zones.html", "zones", each="jurisdiction", lists="zone",
                      searchable=False, headed_with_jurisdiction=True, card=True, order=70),
             PageKind("zone", "{j}/zones/{id}/", "zone.html", each="zone", searchable=False, wide=True, order=71),
             PageKind("jurisdiction_data", "data/{j}/", "jurisdiction_data.html", "data_catalog", each="jurisdiction",
                      searchable=False, headed_with_jurisdiction=True, order=90))),
    Kind("unit", "content/units", True, UNIT, "departments, enterprises, alliances and other bodies",
         "部门、企业、联盟等单位", pages=(
             PageKind("units", "{j}/units/", "units.html", "units", each="jurisdiction", lists="unit",
                      headed_with_jurisdiction=True, in_nav=True, card=True, order=30),)),
    Kind("person", "content/people", True, PERSON, "people named as chiefs or leaders", "担任链长等职务的人员",
         pages=(PageKind("people", "people/", "people.html", "people", lists="person", origin="content/people"),)),
    Kind("chain", "chains", False, CHAIN, "an industrial chain and its assignments", "产业链及其分工", pages=(
        PageKind("chiefs", "{j}/chiefs/", "chief_table.html", "chief_table", each="jurisdiction", wide=True,
                 headed_with_jurisdiction=True, in_nav=True, card=True, note="chief_table_note", order=10),
        PageKind("chains", "{j}/chains/", "chains.html", "chains", each="jurisdiction", lists="chain",
                 searchable=False, headed_with_jurisdiction=True, card=True, order=15),
        PageKind("chain", "{j}/chains/{id}/", "chain.html", each="chain", order=16),
        PageKind("changes", "{j}/changes/", "changes.html", "changes", each="jurisdiction", searchable=False,
                 headed_with_jurisdiction=True, in_nav=True, exists=_HAS_CHAINS, order=20),
        PageKind("leaders", "{j}/leaders/", "leaders.html", "leaders", each="jurisdiction", searchable=False, wide=True,
                 headed_with_jurisdiction=True, in_nav=True, exists=lambda portal, j: bool(portal.chain_leaders(j)),
                 order=60))),
    Kind("project", "content/projects", True, PROJECT, "projects on a chain's lists", "产业链清单中的项目",
         owner="chain", pages=(
             PageKind("project", "projects/{id}/", "project.html", each="project"),
             PageKind("jurisdiction_investment", "{j}/investment/", "investment.html", "investment",
                      each="jurisdiction", lists="project", count="projects", searchable=False, wide=True,
                      headed_with_jurisdiction=True, in_nav=True, card=True, order=50, paged="project"))),
    Kind("policy", "content/policies", False, POLICY, "a policy document (Markdown with front matter)",
         "政策文件（带元数据的 Markdown）", markdown=True, owner="",
         pages=(PageKind("policy", "policies/{id}/", "policy.html", each="policy", order=100),)),
    Kind("task", "content/tasks", True, TASK, "rows of a jurisdiction's task tables", "任务表中的行", pages=(
        PageKind("tasks", "{j}/tasks/", "tasks.html", "tasks", each="jurisdiction", lists="task", wide=True,
                 headed_with_jurisdiction=True, in_nav=True, card=True, note="tasks_note", order=40),)),
]}
