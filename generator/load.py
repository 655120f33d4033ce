"""Find and read every content file: records plus where each came from."""
from __future__ import annotations

import difflib
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from . import processes, reader
from .report import Report, os_problem
from .schema import KIND_NAMES_ZH, KINDS, Kind, show


@dataclass(frozen=True)
class RawRecord:
    """One record as read: unvalidated data, its kind and its origin (file, line)."""

    kind: str
    data: reader.Mapping
    path: str
    line: int
    body: str = ""            # Markdown body (policies)
    body_en: str = ""         # English body from the sibling `<name>.en.md`, if any
    body_line: int = 0


# From this much content on, a forked process reads the last part of the files while this
# one reads the rest (1,000 chains are 13 MB: 5 s of reading on one core). It takes the
# smaller part, since it also pickles its records back through a pipe.
SIDE_BY_SIDE_FROM_BYTES = 2_000_000
_FORKED_SHARE = 0.35


class _Remembered:
    """`serve` reads the content again at each edit, mostly to find one file changed: a YAML
    file whose bytes are those it had last time is not parsed again (half a second of an
    edit's first look at 100 chains). Records are never changed once read, so they are shared."""

    files: dict[Path, tuple[bytes, list[RawRecord], list]] | None = None   # path → bytes, records, issues


def remember_files() -> None:
    """From now on, in this process, keep what each YAML file read to (for `serve`)."""
    _Remembered.files = {}


def load(root: Path, report: Report) -> list[RawRecord]:
    """Read every content file under `root`; unreadable files become errors in `report`."""
    unexpected_folders(root, report)
    files = [(path, kind) for kind in KINDS.values() for path in _files(root, kind, report)]
    sizes = [_size(path) for path, _ in files]
    total = sum(sizes)
    if _Remembered.files is not None:   # in this process: what a forked reader kept would be lost
        read = {path for path, _ in files}   # a file removed since is forgotten
        _Remembered.files = {path: kept for path, kept in _Remembered.files.items() if path in read}
        return _read_files(root, files, report)
    if total < SIDE_BY_SIDE_FROM_BYTES:
        return _read_files(root, files, report)
    split, read = 0, 0
    while read < total * (1 - _FORKED_SHARE):
        read += sizes[split]
        split += 1
    parts = processes.side_by_side([functools.partial(_read_part, root, files[:split]),
                                    functools.partial(_read_part, root, files[split:])], first_here=True)
    records: list[RawRecord] = []
    for part_records, issues in parts:   # in the files' order, as one reader would have
        records.extend(part_records)
        report.issues.extend(issues)
    return records


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0   # reported when it is read


def _read_part(root: Path, files: list[tuple[Path, Kind]]) -> tuple[list[RawRecord], list]:
    report = Report()
    return _read_files(root, files, report), report.issues


def _read_files(root: Path, files: list[tuple[Path, Kind]], report: Report) -> list[RawRecord]:
    return [record for path, kind in files for record in _read(root, path, kind, report)]


# What the content folder holds besides the record kinds' folders: base maps (charts.py).
OTHER_CONTENT_FOLDERS = {"maps": (".geojson", ".json")}
# An empty folder needs a file to be kept in git; it is the one hidden file allowed.
KEEP_FILE = ".gitkeep"


def _files(root: Path, kind: Kind, report: Report) -> list[Path]:
    """The files of one record kind. Whatever else is in its folder is an error, not skipped
    in silence: a file with the wrong extension, a hidden file, a link that leads nowhere."""
    folder = root / kind.folder
    if not folder.exists():
        return []
    if not folder.is_dir() or folder.is_symlink():
        report.error(kind.folder, 0, "", "a folder", "文件夹", *(("a file", "文件") if folder.is_file() else ("a link", "链接")))
        return []
    suffix = ".md" if kind.markdown else ".yml"
    found = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False, onerror=lambda err: _unreadable(
            root, Path(err.filename), err, report)):
        dirnames.sort()
        for name in list(dirnames):
            path = Path(dirpath) / name
            if name.startswith(".") or path.is_symlink():
                report.error(_rel(root, path), 0, "", "no hidden folder and no link to a folder here (copy the files "
                             "in instead)", "此处不应有隐藏文件夹或指向文件夹的链接（请直接放入文件）",
                             *(("a link", "链接") if path.is_symlink() else ("a hidden folder", "隐藏文件夹")))
                dirnames.remove(name)
        names = set(filenames)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            problem = _file_problem(root, path, kind, names)
            if problem:
                report.error(_rel(root, path), 0, "", *problem)
            elif name.endswith((suffix, ".yaml")) and not name.endswith(".en.md"):
                found.append(path)
    return found


def _file_problem(root: Path, path: Path, kind: Kind, siblings: set[str]) -> tuple[str, ...] | None:
    """Why a file in a record kind's folder cannot be read as one of its records, if it cannot."""
    name = path.name
    if name == KEEP_FILE:
        return None
    if name.startswith("."):
        return "no hidden file here (remove it)", "此处不应有隐藏文件（请删除）", repr(name)
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            return ("a file (the link leads to nothing)", "文件（链接指向的文件不存在）", "a link to " + os.readlink(path),
                    "指向 " + os.readlink(path) + " 的链接")
        if not _inside(target, root.resolve()):
            return ("a file inside the content tree", "内容目录内的文件", "a link to " + os.readlink(path),
                    "指向 " + os.readlink(path) + " 的链接")
    suffixes = (".md",) if kind.markdown else (".yml", ".yaml")
    if not name.endswith(suffixes):
        if name.lower().endswith(suffixes):
            return (f"the extension {'/'.join(suffixes)} in lower case", f"小写扩展名 {'/'.join(suffixes)}",
                    repr(name))
        return (f"only {'/'.join(suffixes)} files in {kind.folder}/", f"{kind.folder}/ 中只应有 {'/'.join(suffixes)} 文件",
                repr(name))
    if kind.markdown and name.endswith(".en.md") and name[: -len(".en.md")] + ".md" not in siblings:
        chinese = name[: -len(".en.md")] + ".md"
        return (f"the Chinese text '{chinese}' beside this English text", f"与英文正文同名的中文正文 '{chinese}'",
                "no such file", "文件不存在")
    return None


def _unreadable(root: Path, path: Path, err: OSError, report: Report) -> None:
    report.error(_rel(root, path), 0, "", "a readable file or folder", "可读取的文件或文件夹", *os_problem(err))


def unexpected_folders(root: Path, report: Report) -> None:
    """A folder in content/ that is no record kind's is an error: a misspelt `content/project/`
    would otherwise drop every project without a word."""
    content = root / "content"
    if not content.is_dir():
        return
    expected = {Path(k.folder).name for k in KINDS.values() if k.folder.startswith("content/")} | set(
        OTHER_CONTENT_FOLDERS)
    for entry in sorted(content.iterdir()):
        if entry.name in expected or entry.name == KEEP_FILE:
            continue
        close = difflib.get_close_matches(entry.name, sorted(expected), n=1)
        hint_en, hint_zh = (f"; did you mean '{close[0]}'?", f"；是否想写 '{close[0]}'？") if close else ("", "")
        report.error(_rel(root, entry), 0, "", f"one of the content folders ({', '.join(sorted(expected))}){hint_en}",
                     f"内容文件夹之一（{', '.join(sorted(expected))}）{hint_zh}",
                     f"a {'folder' if entry.is_dir() else 'file'} {entry.name!r}",
                     f"{'文件夹' if entry.is_dir() else '文件'} {entry.name!r}")


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _read(root: Path, path: Path, kind: Kind, report: Report) -> list[RawRecord]:
    remembered = _Remembered.files
    if remembered is None or kind.markdown:   # a policy's English text is another file
        return _read_bytes(root, path, kind, report)
    try:
        content = reader.read_bytes(path)
    except (OSError, reader.ReadError):
        return _read_bytes(root, path, kind, report)   # which says why
    if path in remembered and remembered[path][0] == content:
        report.issues.extend(remembered[path][2])
        return remembered[path][1]
    own = Report()
    records = _read_bytes(root, path, kind, own, content)
    report.issues.extend(own.issues)
    remembered[path] = (content, records, own.issues)
    return records


def _read_bytes(root: Path, path: Path, kind: Kind, report: Report, content: bytes | None = None) -> list[RawRecord]:
    rel = _rel(root, path)
    try:
        text = reader.decode(reader.read_bytes(path) if content is None else content)
        if kind.markdown:
            return [_policy(root, path, rel, text, report)]
        data = reader.parse_yaml(text)
    except reader.ReadError as err:
        report.error(rel, err.line, "", err.expected_en, err.expected_zh, err.found, err.found_zh)
        return []
    except OSError as err:
        _unreadable(root, path, err, report)
        return []
    if kind.many_per_file:
        if not isinstance(data, reader.Sequence):
            report.error(rel, getattr(data, "line", 1), "", f"a list of {kind.name} records, each starting with '- id:'",
                         f"{KIND_NAMES_ZH[kind.name]}记录的列表，每项以 '- id:' 开头", *show(data))
            return []
        items = list(zip(data, data.lines))
    else:
        items = [(data, getattr(data, "line", 1))]
    records = []
    for item, line in items:
        if not isinstance(item, reader.Mapping):
            report.error(rel, line, "", f"a {kind.name} record (a mapping of fields)",
                         f"{KIND_NAMES_ZH[kind.name]}记录（字段映射）", *show(item))
            continue
        records.append(RawRecord(kind.name, item, rel, line))
    return records


def _policy(root: Path, path: Path, rel: str, text: str, report: Report) -> RawRecord:
    page = reader.parse_front_matter(text)
    if not isinstance(page.meta, reader.Mapping):
        raise reader.ReadError(1, "front matter that is a mapping of fields", "字段映射形式的元数据", *show(page.meta))
    body_en = ""
    english = path.with_name(path.name[: -len(".md")] + ".en.md")
    if english.exists() and not _file_problem(root, english, KINDS["policy"], {path.name}):
        try:
            body_en = reader.decode(reader.read_bytes(english))
        except reader.ReadError as err:
            report.error(_rel(root, english), err.line, "", err.expected_en, err.expected_zh, err.found, err.found_zh)
        except OSError as err:
            _unreadable(root, english, err, report)
    return RawRecord("policy", page.meta, rel, 1, page.body, body_en, page.body_line)
