"""Chinese search: a jieba user dictionary of the domain's terms, taken from the glossary kinds
and from the content itself, so that 链长制 or a jurisdiction's own role name is one word."""
from __future__ import annotations

import logging
from pathlib import Path

from . import kinds
from .model import Name, Portal, Text

# Terms of the chain chief system in general (GLOSSARY.md), not of any one jurisdiction.
DOMAIN_TERMS = ["链长制", "链长", "总链长", "副链长", "链主", "链主企业", "链核企业", "链长办", "专精特新", "小巨人",
                "单项冠军", "招商引资", "产业链", "图谱", "延链", "补链", "强链", "一链一策", "揭榜挂帅", "台账",
                "牵头单位", "责任单位", "工作专班", "领导小组"]
MAX_TERM_LENGTH = 12
_TABLES = [kinds.ROLE_KINDS, kinds.BODY_KINDS, kinds.MAP_KINDS, kinds.LIST_KINDS, kinds.STAGE_KINDS,
           kinds.TIER_KINDS, kinds.UNIT_KINDS]
_NAMED = ("roles", "bodies", "map_kinds", "list_kinds", "stages", "tiers", "checklists", "mechanisms", "groups")


def terms(portal: Portal) -> list[str]:
    words = set(DOMAIN_TERMS)
    words.update(zh for table in _TABLES for zh, _, _ in table.values())
    for j in portal.jurisdictions:
        words.add(j.name.zh)
        words.update(entry.name.zh for name in _NAMED for entry in getattr(j, name))
    words.update(c.name.zh for c in portal.all("chain"))
    words.update(u.name.zh for u in portal.all("unit"))
    # jieba splits dictionary lines on white space: keep one-token terms only. A long term costs
    # the segmenter more than linearly on every page (a 4,000-character name took a build from
    # 5 s to 68 s): names longer than a word are left to jieba's own dictionary.
    return sorted(w for w in words if w and len(w) <= MAX_TERM_LENGTH and not any(ch.isspace() for ch in w))


def write_user_dict(portal: Portal, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{word} 100000\n" for word in terms(portal)), encoding="utf-8")
    return path


def translation_coverage(portal: Portal) -> dict[str, tuple[int, int]]:
    """Per jurisdiction: how many bilingual fields have English, of how many."""
    counts: dict[str, list[int]] = {j.id: [0, 0] for j in portal.jurisdictions}
    for kind in ("jurisdiction", "unit", "person", "chain", "project", "task"):
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


def load_segmenter() -> None:
    """Load jieba's dictionary once, quietly, before the languages' processes are forked: they
    share it instead of each spending a couple of seconds (and its memory) loading it again.
    Material's search plugin then only adds the user dictionary."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
