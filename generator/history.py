"""Who became chief of which chain, and when: the chief assignments with their history.

An assignment's date is the content's own where it has one: the date of the document the chain
cites. A portal may also count the content's git history as the record of changes, from a date
it sets (`chief_history_since` in site-config.yml: a repository's earlier commits are often
drafts, and their churn is no one's appointment). From that date on, the commit that gave a
chain a new chief, or took one away, dates the change, and an edit not yet committed is dated
the day of the build. Without that setting, or outside git, each assignment has its document's
date, or none.

Reading history costs one `git log` and one `git cat-file --batch` for the whole portal; a file
that no longer parses at some commit is passed over (what it said then is unknown).
"""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import Portal, Record


@dataclass(frozen=True)
class Change:
    """A chief assignment that began or ended on a date."""

    date: str
    jurisdiction: str
    chain: str
    role: str
    holder: str          # a person's id, or the words of an unnamed holder ("" when none are given)
    began: bool
    dated_by: str        # "document" or "history"


Assignment = tuple[str, str, str]   # (chain id, role id, holder)


def holder_key(chief) -> str:
    """A person's id, or the Chinese words describing an unnamed holder."""
    if isinstance(chief, dict):
        holder = chief.get("holder")
        return str(chief.get("person") or (holder.get("zh") if isinstance(holder, dict) else "") or "")
    return chief.person or (chief.holder.zh if chief.holder else "")


def chief_changes(root: Path, portal: Portal, since: str | None) -> list[Change]:
    """Every change of chief assignments, oldest first (see the module's docstring)."""
    documents = {p.id: p.date for p in portal.all("policy")}
    current = {(c.id, chief.role, holder_key(chief)): c for c in portal.all("chain") for chief in c.chiefs}

    def first_dates(chain: Record | None, doc: str, fallback: str) -> tuple[str, str]:
        cited = documents.get(chain.source.doc if chain and chain.source else doc)
        return (cited, "document") if cited else (fallback, "history")

    state: dict[str, set[Assignment]] = {}      # file path -> what it assigned at the last commit read
    where: dict[str, tuple[str, str]] = {}      # chain id -> (jurisdiction, cited document) as last read
    changes: list[Change] = []
    initial: set[Assignment] | None = None      # what stood when the record of changes begins
    if since:
        for sha, date, paths in _commits(root):
            if date >= since and initial is None:
                initial = {item for items in state.values() for item in items}
            for path, text in zip(paths, _blobs(root, [f"{sha}:{path}" for path in paths])):
                parsed = _assignments(text)
                if parsed is None:
                    continue
                (chain_id, jurisdiction, doc), now = parsed
                before = state.get(path, set())
                where[chain_id] = (jurisdiction, doc)
                if date >= since:   # before it, the commits only make the starting state
                    changes += [Change(date, jurisdiction, *item, True, "history") for item in sorted(now - before)]
                    changes += [Change(date, jurisdiction, *item, False, "history") for item in sorted(before - now)]
                state[path] = now
    committed = {item for items in state.values() for item in items}
    # What stood when the record of changes begins: dated by its document, else undated (left out).
    for item in sorted(committed if initial is None else initial):
        jurisdiction, doc = where[item[0]]
        date, how = first_dates(portal.get("chain", item[0]), doc, "")
        if date:
            changes.append(Change(date, jurisdiction, *item, True, how))
    # The content as it is, where no commit holds it (an edit in progress, or no history at all).
    today = _today() if since else ""
    for item in sorted(set(current) - committed):
        chain = current[item]
        date, how = first_dates(chain, "", today) if not since or chain.id not in where else (today, "history")
        if date:
            changes.append(Change(date, chain.jurisdiction, *item, True, how))
    if since:
        for item in sorted(committed - set(current)):
            changes.append(Change(today, where[item[0]][0], *item, False, "history"))
    return sorted(changes, key=lambda c: (c.date, c.jurisdiction, c.chain, c.role, not c.began, c.holder))


def took_effect(changes: list[Change]) -> dict[Assignment, str]:
    """When each current assignment began (its latest beginning)."""
    began: dict[Assignment, str] = {}
    for change in changes:
        key = (change.chain, change.role, change.holder)
        if change.began:
            began[key] = change.date
        else:
            began.pop(key, None)
    return began


def of_jurisdiction(changes: list[Change], jurisdiction: Record) -> list[Change]:
    """A jurisdiction's changes, newest first."""
    return [c for c in reversed(changes) if c.jurisdiction == jurisdiction.id]


def _assignments(text: bytes | None):
    """(chain id, jurisdiction, cited document) and the assignments a chain file held, or None."""
    if text is None:
        return None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("chiefs"), list):
        return None if not isinstance(data, dict) or not isinstance(data.get("id"), str) else (
            (data["id"], str(data.get("jurisdiction", "")), ""), set())
    source = data.get("source")
    doc = str(source.get("doc", "")) if isinstance(source, dict) else ""
    chiefs = {(data["id"], str(chief.get("role", "")), holder_key(chief)) for chief in data["chiefs"]
              if isinstance(chief, dict)}
    return (data["id"], str(data.get("jurisdiction", "")), doc), chiefs


def _commits(root: Path) -> list[tuple[str, str, list[str]]]:
    """The commits that touched chains/, oldest first: (sha, date, chain files it changed)."""
    try:
        out = subprocess.run(["git", "log", "--reverse", "--format=@%H %cs", "--name-only", "--no-renames",
                              "--", "chains"], cwd=root, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return []
    if out.returncode != 0:
        return []
    commits: list[tuple[str, str, list[str]]] = []
    for line in out.stdout.splitlines():
        if line.startswith("@"):
            sha, date = line[1:].split(" ", 1)
            commits.append((sha, date, []))
        elif line.strip().endswith(".yml") and commits:
            commits[-1][2].append(line.strip())
    return commits


def _blobs(root: Path, names: list[str]) -> list[bytes | None]:
    """Files at commits (`sha:path`), None where a file was deleted."""
    if not names:
        return []
    process = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="\n".join(names).encode() + b"\n",
                             capture_output=True, timeout=300)
    data, found, at = process.stdout, [], 0
    for _ in names:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] == b"missing":
            found.append(None)
            continue
        size = int(header[2])
        found.append(data[at:at + size])
        at += size + 1
    return found


def _today() -> str:
    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    return time.strftime("%Y-%m-%d", time.gmtime(int(stamp) if stamp and stamp.isdigit() else time.time()))
