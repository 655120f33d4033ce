"""Read content files into plain data that remembers where it came from.

The reader renders nothing and judges nothing about meaning: it turns bytes into
mappings, lists and scalars, each mapping and list carrying the line of every entry,
so that later stages can say `path:line: field: …`.

YAML is read the YAML 1.2 way on purpose. PyYAML's safe_load follows YAML 1.1, where
`no` and `on` are booleans, `0371` (an area code) is an octal number and `2021-10-20` a
date; and it silently keeps the last of two duplicate keys. Editors write Chinese
government data, not YAML 1.1 trivia, so here only `true`/`false`, `null`/`~`, plain
decimal numbers and strings exist, and a duplicate key is an error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_FILE_BYTES = 2 * 1024 * 1024  # a content file larger than this is a mistake, not data


class ReadError(Exception):
    """A file cannot be read; carries the 1-based line (0 when the whole file is at fault)."""

    def __init__(self, line: int, expected_en: str, expected_zh: str, found: str = ""):
        super().__init__(expected_en)
        self.line = line
        self.expected_en = expected_en
        self.expected_zh = expected_zh
        self.found = found


class Mapping(dict):
    """A YAML mapping; `lines[key]` is the 1-based line of each key, `line` of the mapping."""

    __slots__ = ("line", "lines")   # no __dict__ each: there is one per record and per field

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line, self.lines = 0, {}


class Sequence(list):
    """A YAML sequence; `lines[i]` is the 1-based line of item i, `line` of the sequence."""

    __slots__ = ("line", "lines")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line, self.lines = 0, []


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars instead of YAML 1.1's."""


# libyaml's parser (written in C) composes a file about ten times faster than PyYAML's own,
# which matters at thousands of records. Its error messages are terser, so a file it refuses
# is parsed again by the Python parser, whose messages the editor sees.
_FastLoader = type("_FastLoader", (yaml.CSafeLoader,), {}) if yaml.__with_libyaml__ else _Loader

_RESOLVERS = [   # tag, pattern, first characters, conversion of a matching value
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF", lambda v: v[0] in "tT"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""], lambda v: None),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789", int),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789.", float),
]
_FAST_SCALARS = {tag: (re.compile(pattern), convert) for tag, pattern, _, convert in _RESOLVERS}
_STR, _SEQ, _MAP = ("tag:yaml.org,2002:" + name for name in ("str", "seq", "map"))
_BY_FIRST_CHARACTER: dict[str, list] = {}
for _tag, _pattern, _first, _ in _RESOLVERS:
    for _char in _first:
        _BY_FIRST_CHARACTER.setdefault(_char, []).append((_tag, re.compile(_pattern)))


def _resolve(loader, kind, value: str, implicit: tuple[bool, bool]) -> str:
    """PyYAML's BaseResolver.resolve for these patterns, without path resolvers: the composer
    calls it for every node, a million times at 1,000 chains."""
    if kind is yaml.ScalarNode:
        if implicit[0]:   # a plain scalar; a quoted one is a string
            for tag, pattern in _BY_FIRST_CHARACTER.get(value[:1], ()):
                if pattern.match(value):
                    return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


for _loader in {_Loader, _FastLoader}:
    _loader.resolve = _resolve
    _loader.descend_resolver = lambda loader, current_node, current_index: None   # no path resolvers
    _loader.ascend_resolver = lambda loader: None

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
}


def decode(raw: bytes) -> str:
    """Bytes of a content file as text; a UTF-8 byte-order mark is accepted and dropped."""
    if not raw.strip():
        raise ReadError(0, "a non-empty file", "非空文件", "an empty file")
    if len(raw) > MAX_FILE_BYTES:
        raise ReadError(0, f"a file of at most {MAX_FILE_BYTES // 1024} KiB",
                        f"不超过 {MAX_FILE_BYTES // 1024} KiB 的文件", f"{len(raw) // 1024} KiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ReadError(line, "UTF-8 text (save the file as UTF-8)", "UTF-8 编码的文本（请以 UTF-8 保存）",
                        f"byte 0x{raw[err.start]:02x}") from None
    if "\x00" in text:
        raise ReadError(0, "a text file", "文本文件", "a NUL byte")
    return text.removeprefix("\ufeff")


def parse_yaml(text: str, first_line: int = 1):
    """Parse one YAML document into Mapping / Sequence / scalars; lines are offset by first_line-1."""
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        loader.dispose()
        loader, node = _compose_slowly(text, first_line)
    try:
        if node is None:
            raise ReadError(first_line, "a YAML document with content", "有内容的 YAML 文档", "nothing")
        return _Builder(loader, first_line - 1).build(node)
    finally:
        loader.dispose()


def _compose_slowly(text: str, first_line: int):
    """The Python parser, for a file the fast one refused: its messages say more."""
    loader = _Loader(text)
    try:
        return loader, loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, first_line) from None
    except yaml.YAMLError as err:  # errors without a mark, e.g. a second document
        raise ReadError(first_line, "one YAML document", "单个 YAML 文档", str(err).splitlines()[0]) from None


def _syntax_error(err: yaml.MarkedYAMLError, first_line: int) -> ReadError:
    mark = err.problem_mark or err.context_mark
    line = (mark.line + first_line) if mark else first_line
    problem = (err.problem or "").strip()
    if "'\\t'" in problem or "\\t" in problem:
        return ReadError(line, "indentation with spaces (YAML does not allow tabs)",
                         "用空格缩进（YAML 不允许制表符）", "a tab")
    found = problem
    # An unclosed bracket or quote is noticed lines later: say where it was opened too.
    if err.context and err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
        found += f", {err.context} opened on line {err.context_mark.line + first_line}"
    return ReadError(line, "valid YAML", "合法的 YAML", found)


class _Builder:
    """Turns composed nodes into Mapping / Sequence / scalars, refusing what YAML allows but we do not."""

    def __init__(self, loader: _Loader, offset: int):
        self.loader = loader
        self.offset = offset
        self.seen: set[int] = set()

    def line(self, node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node):
        # An alias makes the composer hand us the same node twice. Expanding aliases is how
        # "billion laughs" files explode, and editors never need them: refuse them.
        if id(node) in self.seen:
            raise ReadError(self.line(node), "no YAML anchors or aliases (& and *)",
                            "不使用 YAML 锚点或别名（& 与 *）", "an alias")
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise ReadError(self.line(node), "plain YAML values without tags", "不带标签的普通 YAML 值", node.tag)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node)
        return self.scalar(node)

    def scalar(self, node):
        # Most scalars were typed by the resolver's patterns above, and then convert the plain
        # Python way, without PyYAML's constructor (a third of the load at 1,000 chains). An
        # explicit tag on a value the pattern does not match (`!!int 0x1F`) still goes to it.
        if node.tag == _STR:
            return node.value
        fast = _FAST_SCALARS.get(node.tag)
        if fast is not None and fast[0].fullmatch(node.value):
            return fast[1](node.value)
        return self.loader.construct_object(node, deep=True)

    def mapping(self, node) -> Mapping:
        result = Mapping()
        result.line, result.lines = self.line(node), {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise ReadError(self.line(key_node), "a plain key", "普通的键名", "a complex key")
            key = str(self.scalar(key_node))
            if key == "<<":
                raise ReadError(self.line(key_node), "no YAML merge keys (<<)", "不使用 YAML 合并键（<<）", "<<")
            if key in result:
                raise ReadError(self.line(key_node), f"each key once in a mapping ('{key}' is already on line "
                                f"{result.lines[key]})", f"同一映射中每个键只出现一次（'{key}' 已在第 "
                                f"{result.lines[key]} 行）", f"'{key}' again")
            result.lines[key] = self.line(key_node)
            result[key] = self.build(value_node)
        return result

    def sequence(self, node) -> Sequence:
        result = Sequence()
        result.line, result.lines = self.line(node), []
        for item in node.value:
            result.lines.append(self.line(item))
            result.append(self.build(item))
        return result


@dataclass(frozen=True)
class FrontMatterFile:
    """A Markdown file split into its YAML front matter and its body."""

    meta: object
    body: str
    body_line: int


_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def parse_front_matter(text: str) -> FrontMatterFile:
    """Split `---`-fenced YAML front matter from a Markdown body; both are required."""
    if not text.startswith("---"):
        raise ReadError(1, "front matter between two '---' lines at the top", "文件开头两行 '---' 之间的元数据",
                        text.splitlines()[0][:40] if text else "")
    closing = list(_FENCE.finditer(text))
    if len(closing) < 2:
        raise ReadError(1, "a closing '---' line after the front matter", "元数据后的结束行 '---'", "none")
    start, end = closing[0].end(), closing[1].start()
    meta = parse_yaml(text[start:end], first_line=1)
    body_line = text[: closing[1].end()].count("\n") + 2
    return FrontMatterFile(meta, text[closing[1].end():].lstrip("\n"), body_line)


def read_bytes(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)
