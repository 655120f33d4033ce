"""The common kinds (generator/kinds.py) and ../shared/GLOSSARY.md agree: every glossary term
that names a kind of role, body, tier, map, list, stage or pool is a kind, under the glossary's
English name. The test fails when one of them changes without the other."""
from __future__ import annotations

import re

import pytest
from conftest import REPO

from generator import charts, kinds

GLOSSARY = REPO.parent / "shared" / "GLOSSARY.md"
# Sections whose rows name kinds, and the rows in them that do not (systems, units of measure,
# the generic word "list", the zone levels, which are LEVEL_KINDS).
SECTIONS = ("Roles and bodies", "Maps and lists", "Investment attraction (招商)")
NOT_KINDS = {"链长制", "双长制 (群链长制 + 盟会长制)", "清单", "招商引资", "招商项目", "亿元", "开发区 / 园区 / 承载示范开发区"}
# A jurisdiction's own word for a common kind, as the glossary records it: the kind is wider.
VARIANTS = {
    "general cluster-chain chief": "general_chief", "cluster-chain chief": "chief",
    "linked provincial leader": "linked_leader",   # Hunan's word; cities and counties link leaders too
    "lead department": "lead_unit", "chain chief system leading group": "leading_group",
    "think tank": "expert_group", "industrial layout map": "regional_distribution_map",
    "chokepoint technologies": "key_technologies", "key core technologies": "key_technologies",
}
TABLES = (kinds.ROLE_KINDS, kinds.BODY_KINDS, kinds.TIER_KINDS, kinds.MAP_KINDS, kinds.LIST_KINDS, kinds.STAGE_KINDS)


def glossary_terms() -> list[tuple[str, str]]:
    """(Chinese, English) of each rendering in the sections that name kinds."""
    if not GLOSSARY.is_file():
        pytest.skip("../shared/GLOSSARY.md is not beside the repository")
    terms, section = [], ""
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif section in SECTIONS and line.startswith("|") and not line.startswith(("|---", "| 中文")):
            chinese, english = [cell.strip() for cell in line.strip("|").split("|")][:2]
            if chinese not in NOT_KINDS:
                terms.append((chinese, english))
    return terms


def english_names(english: str) -> list[str]:
    """'chain chief / cluster-chain chief' → two names; '(in negotiation)' and '"little giant"' are notes."""
    plain = re.sub(r'\s*\([^)]*\)|\s*"[^"]*"', "", english)
    return [name.strip().lower() for name in plain.split("/") if name.strip()]


def test_every_kind_the_glossary_names_is_a_kind_under_its_english_name():
    by_english = {en.lower(): key for table in TABLES for key, (_, en, _) in table.items()}
    missing = [(zh, name) for zh, english in glossary_terms() for name in english_names(english)
               if name not in by_english and name not in VARIANTS]
    assert not missing, f"glossary terms with no kind: {missing}"


def test_the_variants_name_real_kinds():
    keys = {key for table in TABLES for key in table}
    assert set(VARIANTS.values()) <= keys


def test_other_is_never_printed_as_a_label():
    assert kinds.label(kinds.STAGE_KINDS, kinds.OTHER, "zh") == ""
    assert kinds.label(kinds.STAGE_KINDS, kinds.OTHER, "zh", ["入规", "签约", "入规"]) == "入规、签约"
    assert kinds.label(kinds.STAGE_KINDS, kinds.OTHER, "en", ["above size"]) == "above size"


def test_every_stage_kind_has_its_colour_on_the_map():
    assert set(charts.STAGE_COLOURS) == set(kinds.STAGE_KINDS)
