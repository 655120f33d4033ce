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

import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_FILE_BYTES = 2 * 1024 * 1024  # a content file larger than this is a mistake, not data
MAX_DEPTH = 64                    # mappings and lists inside one another; content needs about 6
MAX_NUMBER_DIGITS = 18            # beyond, a number is a mistake (and Python refuses 4,300 digits)
# libyaml composes nested collections by recursion in C: about 100,000 levels exhaust the C
# stack and crash the process. A file with fewer brackets than this cannot nest that deep;
# one with more has its depth counted first, without recursion.
_BRACKETS_BEFORE_COUNTING = 20_000

# Characters no content needs, each refused with its line: controls (a form feed pasted
# from a PDF), line separators that YAML counts as lines and editors do not, bidirectional
# overrides that make text display other than it reads, and non-characters.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                                  "\ufffe\uffff\ud800-\udfff]")
_HINTS = {"\x0c": ("often pasted from a PDF", "常见于从 PDF 复制的文字"),
          "\u2028": ("often pasted from a web page", "常见于从网页复制的文字"),
          "\u2029": ("often pasted from a web page", "常见于从网页复制的文字")}


def describe_character(char: str) -> tuple[str, str]:
    """A character as an error message shows it, in English and Chinese: its code point and name."""
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"{code} (half of a UTF-16 pair, alone)", f"{code}（单独的 UTF-16 代理项）"
    name = unicodedata.name(char, "") or {"\x0c": "FORM FEED", "\x0b": "LINE TABULATION", "\x1b": "ESCAPE",
                                          "\x7f": "DELETE"}.get(char, "")
    return (f"{code} {name}", f"{code} {name}") if name else (f"{code} (a control character)", f"{code}（控制字符）")


class ReadError(Exception):
    """A file cannot be read; carries the 1-based line (0 when the whole file is at fault)."""

    def __init__(self, line: int, expected_en: str, expected_zh: str, found: str = "", found_zh: str = ""):
        super().__init__(expected_en)
        self.line = line
        self.expected_en = expected_en
        self.expected_zh = expected_zh
        self.found = found
        self.found_zh = found_zh


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
_STR, _SEQ, _MAP, _INT, _FLOAT = ("tag:yaml.org,2002:" + name for name in ("str", "seq", "map", "int", "float"))
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


def decode(raw: bytes) -> str:
    """Bytes of a content file as text; a UTF-8 byte-order mark is accepted and dropped."""
    if not raw.strip():
        raise ReadError(0, "a non-empty file", "非空文件", "an empty file", "空文件")
    if len(raw) > MAX_FILE_BYTES:
        raise ReadError(0, f"a file of at most {MAX_FILE_BYTES // 1024} KiB",
                        f"不超过 {MAX_FILE_BYTES // 1024} KiB 的文件", f"{len(raw) // 1024} KiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ReadError(line, "UTF-8 text (save the file as UTF-8)", "UTF-8 编码的文本（请以 UTF-8 保存）",
                        f"byte 0x{raw[err.start]:02x}", f"字节 0x{raw[err.start]:02x}") from None
    if "\x00" in text:
        raise ReadError(0, "a text file", "文本文件", "a NUL byte", "NUL 字节")
    # Windows line ends (a file saved on Windows) are line ends: the front matter's '---' and
    # every line number stay right.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    refuse_forbidden_characters(text)
    return text


def refuse_forbidden_characters(text: str, line: int = 0) -> None:
    """A ReadError naming the first character no content needs, and the lines of the others.
    `line`: the line the text starts on, for a value read from a file (0: the text is a file)."""
    found = FORBIDDEN_CHARACTERS.search(text)
    if found is None:
        return
    char = found.group()
    first = line or text.count("\n", 0, found.start()) + 1
    lines = [text.count("\n", 0, m.start()) + (line or 1) for m in FORBIDDEN_CHARACTERS.finditer(text)]
    others = sorted(set(lines) - {first})[:10]
    also = f"; also on line{'s' if len(others) > 1 else ''} {', '.join(map(str, others))}" if others else ""
    hint_en, hint_zh = _HINTS.get(char, ("", ""))
    raise ReadError(first, "text without control or invisible formatting characters" + (f" ({hint_en})" if hint_en else ""),
                    "不含控制字符或不可见格式字符的文本" + (f"（{hint_zh}）" if hint_zh else ""),
                    describe_character(char)[0] + also,
                    describe_character(char)[1] + (f"；另见第 {'、'.join(map(str, others))} 行" if others else ""))


def parse_yaml(text: str, first_line: int = 1):
    """Parse one YAML document into Mapping / Sequence / scalars; lines are offset by first_line-1."""
    if text.count("[") + text.count("{") > _BRACKETS_BEFORE_COUNTING:
        _refuse_deep_nesting(text, first_line)
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        loader.dispose()
        loader, node = _compose_slowly(text, first_line)
    try:
        if node is None:
            raise ReadError(first_line, "a YAML document with content", "有内容的 YAML 文档", "nothing", "空内容")
        return _Builder(loader, first_line - 1).build(node)
    finally:
        loader.dispose()


def _refuse_deep_nesting(text: str, first_line: int) -> None:
    """Count how deep collections nest from the parser's events (no recursion), before the
    composer recurses into them."""
    parser = _FastLoader(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(event.start_mark.line + first_line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass   # a syntax error: the composer reports it, well inside its depth
    finally:
        parser.dispose()


def _too_deep(line: int) -> ReadError:
    return ReadError(line, f"lists and mappings nested at most {MAX_DEPTH} deep", f"列表与映射嵌套不超过 {MAX_DEPTH} 层",
                     "deeper nesting", "嵌套更深")


def _compose_slowly(text: str, first_line: int):
    """The Python parser, for a file the fast one refused: its messages say more."""
    loader = _Loader(text)
    try:
        return loader, loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, first_line) from None
    except RecursionError:
        raise _too_deep(first_line) from None
    except yaml.YAMLError as err:  # errors without a mark, e.g. a second document
        raise ReadError(first_line, "one YAML document", "单个 YAML 文档", str(err).splitlines()[0],
                        "多个文档或无法解析的内容") from None


def _syntax_error(err: yaml.MarkedYAMLError, first_line: int) -> ReadError:
    mark = err.problem_mark or err.context_mark
    line = (mark.line + first_line) if mark else first_line
    problem = (err.problem or "").strip()
    if "'\\t'" in problem or "\\t" in problem:
        return ReadError(line, "indentation with spaces (YAML does not allow tabs)",
                         "用空格缩进（YAML 不允许制表符）", "a tab", "制表符")
    found, found_zh = problem.removeprefix("found ").strip(), "语法错误（英文说明见上一行）"
    # An unclosed bracket or quote is noticed lines later: say where it was opened too.
    if err.context and err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
        found += f", {err.context} opened on line {err.context_mark.line + first_line}"
        found_zh += f"；第 {err.context_mark.line + first_line} 行开始的括号或引号未正确结束"
    return ReadError(line, "valid YAML", "合法的 YAML", found, found_zh)


class _Builder:
    """Turns composed nodes into Mapping / Sequence / scalars, refusing what YAML allows but we do not."""

    def __init__(self, loader: _Loader, offset: int):
        self.loader = loader
        self.offset = offset
        self.seen: set[int] = set()

    def line(self, node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node, depth: int = 1):
        # An alias makes the composer hand us the same node twice. Expanding aliases is how
        # "billion laughs" files explode, and editors never need them: refuse them.
        if id(node) in self.seen:
            raise ReadError(self.line(node), "no YAML anchors or aliases (& and *)",
                            "不使用 YAML 锚点或别名（& 与 *）", "an alias", "别名")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _too_deep(self.line(node))
        if isinstance(node, yaml.MappingNode):
            self.refuse_tag(node, _MAP)
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            self.refuse_tag(node, _SEQ)
            return self.sequence(node, depth)
        return self.scalar(node)

    def refuse_tag(self, node, implicit_tag: str) -> None:
        """A tag (`!!bool maybe`, `!!binary`, `!custom`) is refused: only the type the value
        has written plainly is taken. A tag that says just that (`!!str text`) is harmless."""
        if node.tag != implicit_tag:
            raise ReadError(self.line(node), "plain YAML values without tags", "不带标签的普通 YAML 值",
                            node.tag.replace("tag:yaml.org,2002:", "!!"))

    def scalar(self, node):
        # Scalars were typed by the resolver's patterns above, and convert the plain Python
        # way, without PyYAML's constructor (a third of the load at 1,000 chains).
        self.refuse_tag(node, _resolve(None, yaml.ScalarNode, node.value, (not node.style, False)))
        if node.tag == _STR:
            refuse_forbidden_characters(node.value, self.line(node))   # written as escapes: "\f", "\ud800"
            return node.value
        pattern, convert = _FAST_SCALARS[node.tag]
        if node.tag in (_INT, _FLOAT) and len(node.value.lstrip("+-").replace(".", "").lstrip("0")) > MAX_NUMBER_DIGITS:
            raise ReadError(self.line(node), f"a number of at most {MAX_NUMBER_DIGITS} digits",
                            f"不超过 {MAX_NUMBER_DIGITS} 位的数", f"{len(node.value)} characters", f"{len(node.value)} 个字符")
        value = convert(node.value)
        if isinstance(value, float) and not math.isfinite(value):
            raise ReadError(self.line(node), "a finite number", "有限的数", node.value)
        return value

    def mapping(self, node, depth: int) -> Mapping:
        result = Mapping()
        result.line, result.lines = self.line(node), {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ReadError(self.line(key_node), "a plain key", "普通的键名", "a complex key", "复杂键")
            key = self.scalar(key_node)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else "" if key is None else str(key)
            if key == "<<":
                raise ReadError(self.line(key_node), "no YAML merge keys (<<)", "不使用 YAML 合并键（<<）", "<<")
            if key in result:
                raise ReadError(self.line(key_node), f"each key once in a mapping ('{key}' is already on line "
                                f"{result.lines[key]})", f"同一映射中每个键只出现一次（'{key}' 已在第 "
                                f"{result.lines[key]} 行）", f"'{key}' again", f"再次出现 '{key}'")
            result.lines[key] = self.line(key_node)
            result[key] = self.build(value_node, depth + 1)
        return result

    def sequence(self, node, depth: int) -> Sequence:
        result = Sequence()
        result.line, result.lines = self.line(node), []
        for item in node.value:
            result.lines.append(self.line(item))
            result.append(self.build(item, depth + 1))
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
        raise ReadError(1, "a closing '---' line after the front matter", "元数据后的结束行 '---'", "none", "没有")
    start, end = closing[0].end(), closing[1].start()
    meta = parse_yaml(text[start:end], first_line=1)
    rest = text[closing[1].end():]
    body = rest.lstrip("\n")
    # The body's first line: after the closing '---' and the blank lines left out of the body.
    body_line = text[: closing[1].end()].count("\n") + 1 + len(rest) - len(body)
    return FrontMatterFile(meta, body, body_line)


def read_bytes(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)
