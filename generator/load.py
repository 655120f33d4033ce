"""Find and read every content file: records plus where each came from."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from . import processes, reader
from .report import Report
from .schema import KINDS, Kind


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


def load(root: Path, report: Report) -> list[RawRecord]:
    """Read every content file under `root`; unreadable files become errors in `report`."""
    files = [(path, kind) for kind in KINDS.values() for path in _files(root, kind, report)]
    sizes = [path.stat().st_size for path, _ in files]
    total = sum(sizes)
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


def _read_part(root: Path, files: list[tuple[Path, Kind]]) -> tuple[list[RawRecord], list]:
    report = Report()
    return _read_files(root, files, report), report.issues


def _read_files(root: Path, files: list[tuple[Path, Kind]], report: Report) -> list[RawRecord]:
    return [record for path, kind in files for record in _read(root, path, kind, report)]


def _files(root: Path, kind: Kind, report: Report) -> list[Path]:
    folder = root / kind.folder
    if not folder.is_dir():
        return []
    suffixes = (".md",) if kind.markdown else (".yml", ".yaml")
    found = []
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            # A symlink may point anywhere on the machine that builds the site; content must
            # stay inside the content tree, so a link out of it is an error, not a read.
            if path.is_symlink() and not _inside(path.resolve(), real_root):
                report.error(_rel(root, path), 0, "", "a file inside the content tree",
                             "内容目录内的文件", "a link to " + os.readlink(path))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith("."):
                continue
            if kind.markdown and name.endswith(".en.md"):
                continue  # read with its Chinese sibling
            if name.endswith(suffixes) and _inside(path.resolve(), real_root):
                found.append(path)
            elif not name.endswith(suffixes) and not name.endswith(".en.md"):
                report.warn(_rel(root, path), 0, "", f"only {'/'.join(suffixes)} files in {kind.folder}/",
                            f"{kind.folder}/ 中只应有 {'/'.join(suffixes)} 文件", name)
    return found


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _read(root: Path, path: Path, kind: Kind, report: Report) -> list[RawRecord]:
    rel = _rel(root, path)
    try:
        text = reader.decode(reader.read_bytes(path))
        if kind.markdown:
            return [_policy(root, path, rel, text, report)]
        data = reader.parse_yaml(text)
    except reader.ReadError as err:
        report.error(rel, err.line, "", err.expected_en, err.expected_zh, err.found)
        return []
    if kind.many_per_file:
        if not isinstance(data, reader.Sequence):
            report.error(rel, getattr(data, "line", 1), "", f"a list of {kind.name} records, each starting with '- id:'",
                         f"{kind.name} 记录的列表，每项以 '- id:' 开头", "a mapping" if isinstance(data, dict) else repr(data))
            return []
        items = list(zip(data, data.lines))
    else:
        items = [(data, getattr(data, "line", 1))]
    records = []
    for item, line in items:
        if not isinstance(item, reader.Mapping):
            report.error(rel, line, "", f"a {kind.name} record (a mapping of fields)", f"{kind.name} 记录（字段映射）",
                         type(item).__name__)
            continue
        records.append(RawRecord(kind.name, item, rel, line))
    return records


def _policy(root: Path, path: Path, rel: str, text: str, report: Report) -> RawRecord:
    page = reader.parse_front_matter(text)
    if not isinstance(page.meta, reader.Mapping):
        raise reader.ReadError(1, "front matter that is a mapping of fields", "字段映射形式的元数据", "something else")
    body_en = ""
    english = path.with_name(path.name[: -len(".md")] + ".en.md")
    if english.exists() and _inside(english.resolve(), root.resolve()):
        try:
            body_en = reader.decode(reader.read_bytes(english))
        except reader.ReadError as err:
            report.error(_rel(root, english), err.line, "", err.expected_en, err.expected_zh, err.found)
    return RawRecord("policy", page.meta, rel, 1, page.body, body_en, page.body_line)
