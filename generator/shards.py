"""`build --shard K/N` and `merge`: one portal built on N machines, then assembled.

A shard builds the pages of some jurisdictions: every jurisdiction is given to one shard,
the largest first to the shard with the fewest pages, so the shards are about equal. `merge`
builds the rest (the portal-wide pages, the downloads, feeds, sitemaps and the search index
of the whole site) and takes each shard's pages as the shard wrote them. Every part is checked
to have been built from the same inputs (content, settings, theme, generator, address, date):
the merged site is then byte for byte the site one build makes.

What a shard's page depends on outside itself, the navigation and the front matter of the
pages in it, every shard and the merge compute alike from the whole content: each reads and
checks all of it, and writes the front matter of every page, but renders and writes only its
own pages' bodies.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from . import page_cache

MANIFEST = ".portal-shard.json"
_INPUTS = ("content", "chains", "site-config.yml")


@dataclass(frozen=True)
class Shard:
    number: int   # 1 … of
    of: int

    def __str__(self) -> str:
        return f"{self.number}/{self.of}"


def parse(text: str) -> Shard | None:
    """'2/4' → Shard(2, 4); None when it is not K/N with 1 ≤ K ≤ N."""
    number, _, of = text.partition("/")
    if not (number.isdigit() and of.isdigit()) or not 1 <= int(number) <= int(of):
        return None
    return Shard(int(number), int(of))


def jurisdiction_of(page) -> str | None:
    """The jurisdiction whose shard builds a page; None for the portal-wide pages (the merge's)."""
    j = page.context.get("j")
    return None if j is None else j.id


def assign(pages: list, of: int) -> dict[str, int]:
    """Jurisdiction id → its shard (1 … of), balanced by page count: the largest first, each to
    the shard with the fewest pages so far (the lowest number when even)."""
    counts: dict[str, int] = {}
    for page in pages:
        j = jurisdiction_of(page)
        if j is not None:
            counts[j] = counts.get(j, 0) + 1
    load = [0] * of
    given = {}
    for j in sorted(counts, key=lambda j: (-counts[j], j)):
        shard = min(range(of), key=lambda n: (load[n], n))
        given[j] = shard + 1
        load[shard] += counts[j]
    return given


def paths_of(pages: list, shard: Shard) -> frozenset[str]:
    """The addresses of the pages `shard` builds."""
    given = assign(pages, shard.of)
    return frozenset(page.path for page in pages if given.get(jurisdiction_of(page)) == shard.number)


def inputs_digest(root: Path, base_url: str, epoch: int) -> str:
    """A hash of everything a build reads: content, settings, theme and words (page_cache's
    engine digest), its address and date."""
    digest = hashlib.sha256(f"{page_cache.engine_digest(root)}\n{base_url}\n{epoch}\n".encode())
    for name in _INPUTS:
        top = root / name
        for path in [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []:
            if path.is_file():
                digest.update(f"{path.relative_to(root)}\n".encode() + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def manifest(shard: Shard, inputs: str, paths: frozenset[str]) -> str:
    return json.dumps({"shard": shard.number, "of": shard.of, "inputs": inputs, "pages": sorted(paths)},
                      ensure_ascii=False, indent=1) + "\n"


def read_parts(parts: list[Path], inputs: str, pages: list) -> tuple[dict[str, Path], list[tuple[str, ...]]]:
    """Each page a part built → the part's folder; and the problems found, each as (where,
    expected en, zh, found en, zh): a folder `build --shard` did not write, a part built from
    other inputs, a shard given twice or missing, a part without its shard's pages."""
    problems, given, seen = [], {}, {}
    for part in parts:
        try:
            told = json.loads((part / MANIFEST).read_text(encoding="utf-8"))
            shard = Shard(int(told["shard"]), int(told["of"]))
        except (OSError, ValueError, KeyError, TypeError):
            problems.append((str(part), "a folder written by `build --shard K/N`", "由 `build --shard K/N` 写出的文件夹",
                             f"no readable {MANIFEST}", f"没有可读的 {MANIFEST}"))
            continue
        if told.get("inputs") != inputs:
            problems.append((str(part), "a part built from the same content, settings, theme, generator, address and "
                             "date as this merge", "与本次合并内容、设置、主题、生成器、地址和日期相同的部分",
                             f"shard {shard} was built from others", f"分片 {shard} 由不同的输入构建"))
            continue
        if str(shard) in seen:
            problems.append((str(part), "each shard once", "每个分片一次",
                             f"shard {shard} again (also {seen[str(shard)]})", f"分片 {shard} 重复（另见 {seen[str(shard)]}）"))
            continue
        seen[str(shard)] = part
        expected = paths_of(pages, shard)
        if set(told.get("pages", ())) != expected:
            problems.append((str(part), f"the {len(expected)} pages of shard {shard}", f"分片 {shard} 的 {len(expected)} 个页面",
                             f"{len(told.get('pages', ()))} pages", f"{len(told.get('pages', ()))} 个页面"))
            continue
        given.update({path: part for path in expected})
    splits = {name.split("/")[1] for name in seen}
    if len(splits) > 1:
        problems.append(("merge", "the shards of one split (K/N, one N)", "同一拆分的分片（K/N，N 相同）",
                         ", ".join(sorted(seen)), "、".join(sorted(seen))))
    elif splits:
        of = int(splits.pop())
        missing = [f"{n}/{of}" for n in range(1, of + 1) if f"{n}/{of}" not in seen]
        if missing:
            problems.append(("merge", "every shard of the split", "拆分的全部分片",
                             "missing " + ", ".join(missing), "缺少 " + "、".join(missing)))
    return given, problems
