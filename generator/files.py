"""Writing the build's intermediate files so that an unchanged file keeps its time.

`serve` rebuilds with MkDocs' dirty mode, which re-renders a page (or re-copies a file) only
when its source is newer than its output: a file rewritten with the same bytes must not
look new.
"""
from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, data: bytes | str) -> bool:
    """Write `data` unless the file already holds exactly it; True when written."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(raw) and path.read_bytes() == raw:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return True


def copy_if_changed(source: Path, target: Path) -> bool:
    return write_if_changed(target, source.read_bytes())
