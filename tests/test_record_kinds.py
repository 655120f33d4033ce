"""A record kind is declared once: its fields, owner and pages (schema.Kind), a template and its
interface words are all it needs. Everything else picks it up."""
from __future__ import annotations

import json
import shutil

import pytest
import yaml
from conftest import LINHAI, content, page

from generator import build as pipeline
from generator import schema, scaffold
from generator.pages import PageKind

EXPERT_GROUP = schema.Kind(
    "expert_group", "content/expert-groups", True,
    schema.Struct("expert_group", [
        schema.F("id", schema.Id(), "identifier", "标识", True),
        schema.F("jurisdiction", schema.Ref("jurisdiction"), "the jurisdiction", "所属辖区", True),
        schema.F("chain", schema.Ref("chain"), "the chain it advises", "所咨询的产业链", True),
        schema.F("name", schema.Text(200), "name", "名称", True),
        schema.F("members", schema.TEXT_LIST, "its members", "成员"),
    ] + schema.PROVENANCE),
    "expert groups advising a chain", "为产业链提供咨询的专家组",
    pages=(PageKind("expert_groups", "{j}/expert-groups/", "expert_groups.html", "expert_groups", each="jurisdiction",
                    lists="expert_group", headed_with_jurisdiction=True, in_nav=True, card=True, order=45),))

TEMPLATE = """{% extends "_page.html" %}
{% block content %}
<ul class="portal-expert-groups">
{% for group in portal.of_jurisdiction('expert_group', j) %}<li id="group-{{ group.id }}">{{ t(group.name) }} · {{ chain_link(portal.get('chain', group.chain)) }}</li>
{% endfor %}</ul>
{% endblock %}
"""
WORDS = {"zh": {"expert_groups": "专家组", "count_expert_groups": {"other": "{n} 个专家组"}, "kind_expert_group": "专家组"},
         "en": {"expert_groups": "Expert groups", "count_expert_groups": {"one": "{n} expert group",
                                                                            "other": "{n} expert groups"},
                "kind_expert_group": "Expert group"}}


@pytest.fixture(scope="module")
def with_a_new_kind(tmp_path_factory):
    root = tmp_path_factory.mktemp("kind") / "portal"
    shutil.copytree(LINHAI, root)
    (root / "content" / "expert-groups").mkdir()
    (root / "content" / "expert-groups" / "linhai.yml").write_text(
        "- {id: linhai-seafood-experts, jurisdiction: linhai, chain: linhai-seafood, illustrative: true,\n"
        "   name: {zh: 水產加工專家組, en: seafood processing expert group}, members: [{zh: 三位教授, en: three professors}]}\n",
        encoding="utf-8")
    (root / "theme" / "pages").mkdir(parents=True)
    (root / "theme" / "pages" / "expert_groups.html").write_text(TEMPLATE, encoding="utf-8")
    (root / "messages").mkdir()
    for lang, words in WORDS.items():
        (root / "messages" / f"{lang}.yml").write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    schema.KINDS["expert_group"] = EXPERT_GROUP   # the declaration, as schema.py would hold it
    try:
        yield root, root.parent / "site", pipeline.build(root, root.parent / "site")
    finally:
        del schema.KINDS["expert_group"]


def test_the_new_kind_is_validated(with_a_new_kind, tmp_path):
    root, _, checked = with_a_new_kind
    assert not checked.report.errors, checked.report.errors
    assert [g.id for g in checked.portal.all("expert_group")] == ["linhai-seafood-experts"]
    assert checked.portal.jurisdiction_of(checked.portal.get("expert_group", "linhai-seafood-experts")).id == "linhai"
    broken = tmp_path / "portal"
    shutil.copytree(root, broken)
    groups = broken / "content" / "expert-groups" / "linhai.yml"
    groups.write_text(groups.read_text(encoding="utf-8").replace("chain: linhai-seafood", "chain: no-such-chain"),
                      encoding="utf-8")
    errors = pipeline.check(broken).report.errors
    assert [(e.path, e.line, e.field) for e in errors] == [("content/expert-groups/linhai.yml", 1, "chain")]


def test_the_new_kind_is_paged_and_listed(with_a_new_kind):
    _, site, _ = with_a_new_kind
    for prefix, heading, count in (("", "专家组", "1 个专家组"), ("en/", "Expert Groups", "1 expert group")):
        listing = page(site, f"{prefix}linhai/expert-groups/")
        assert heading in content(listing).h1.get_text(strip=True)
        assert "水產加工專家組" in listing.get_text() or "Seafood processing expert group" in listing.get_text()
        nav = listing.select_one(".md-nav--primary").get_text(" ", strip=True)
        assert heading in nav
        tiles = content(page(site, f"{prefix}linhai/")).select(".portal-tiles li")
        assert any(heading.lower() in tile.get_text().lower() and count in tile.get_text() for tile in tiles)


def test_the_new_kind_is_in_the_guide_the_json_schema_and_new(with_a_new_kind):
    root, site, checked = with_a_new_kind
    guide = content(page(site, "en/guide/"))
    assert guide.select_one("#kind-expert_group") is not None
    assert "expert groups advising a chain" in guide.get_text()
    published = json.loads((site / "schema" / "expert_group.schema.json").read_text(encoding="utf-8"))
    assert set(published["items"]["properties"] if "items" in published else published["properties"]) >= {
        "id", "jurisdiction", "chain", "name", "members"}
    made = scaffold.draft("expert_group", checked.portal, "linhai-new-group", "linhai", None, "新專家組")
    assert made.path == "content/expert-groups/linhai.yml" and made.append
    assert "name: {zh: 新專家組}" in made.text and "jurisdiction: linhai" in made.text


def test_a_kind_whose_struct_is_named_otherwise_is_refused_at_once():
    with pytest.raises(ValueError, match="expert_group"):
        schema.Kind("expert_group", "content/x", True, schema.Struct("group", []), "", "")
