"""Fast tests of the model and the page plan, on small portals written inline (the style of
MkDocs' tempdir(files=…)): no site is built, so they run in seconds."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator import build as pipeline
from generator import charts, render, ui

CONFIG = "title: {zh: 测试}\ndescription: {zh: 测试}\nbase_url: https://example.org/p/\n"
CITY = """\
id: city
name: {zh: 某市, en: Some City}
level: city
summary: {zh: 测试用。}
illustrative: true
roles:
  - {id: chief, name: {zh: 链长}, kind: chief}
grouping:
  - {id: sector, name: {zh: 领域}}
groups:
  - {id: industry, name: {zh: 工业}, level: sector}
  - {id: services, name: {zh: 服务业}, level: sector}
"""
PEOPLE = """\
- {id: a, jurisdiction: city, name: {zh: 甲}, illustrative: true}
- {id: b, jurisdiction: city, name: {zh: 乙}, illustrative: true}
"""


def chain(cid: str, order: int, group: str, *people: str) -> str:
    chiefs = "".join(f"\n  - {{role: chief, person: {p}}}" for p in people)
    return (f"id: {cid}\njurisdiction: city\nname: {{zh: {cid}链}}\norder: {order}\ngroup: {group}\n"
            f"illustrative: true\nchiefs:{chiefs or ' []'}\n")


def portal_from(root: Path, files: dict[str, str]) -> pipeline.Checked:
    """Write a portal of these files (site-config.yml and a jurisdiction are given) and check it."""
    for name, text in {"site-config.yml": CONFIG, "content/jurisdictions/city.yml": CITY,
                       "content/people/city.yml": PEOPLE, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    checked = pipeline.check(root)
    assert not checked.report.errors, checked.report.errors
    return checked


def spans(table) -> list[list[int]]:
    return [[cell.span for cell in row] for row in table]


def test_one_chief_spans_adjacent_chains_only_inside_one_group(tmp_path):
    checked = portal_from(tmp_path, {
        "chains/city/one.yml": chain("one", 1, "industry", "a"),
        "chains/city/two.yml": chain("two", 2, "industry", "a"),
        "chains/city/three.yml": chain("three", 3, "services", "a"),
    })
    table = checked.portal.chief_table(checked.portal.get("jurisdiction", "city"))
    # columns: sector, chain, chiefs
    assert spans(table) == [[2, 1, 2], [0, 1, 0], [1, 1, 1]]


def test_chiefs_not_named_never_merge(tmp_path):
    unnamed = "id: {0}\njurisdiction: city\nname: {{zh: {0}链}}\norder: {1}\ngroup: industry\nillustrative: true\n" \
              "chiefs:\n  - {{role: chief, holder: {{zh: 文件未载明}}}}\n"
    checked = portal_from(tmp_path, {"chains/city/one.yml": unnamed.format("one", 1),
                                     "chains/city/two.yml": unnamed.format("two", 2)})
    table = checked.portal.chief_table(checked.portal.get("jurisdiction", "city"))
    assert [row[-1].span for row in table] == [1, 1]


def test_chains_come_in_their_declared_order_everywhere(tmp_path):
    checked = portal_from(tmp_path, {"chains/city/b.yml": chain("b", 1, "industry"),
                                     "chains/city/a.yml": chain("a", 2, "industry")})
    city = checked.portal.get("jurisdiction", "city")
    assert [c.id for c in checked.portal.chains_of(city)] == ["b", "a"]
    assert [c.id for c in checked.portal.of_jurisdiction("chain", city)] == ["b", "a"]


def test_the_plan_has_a_page_for_what_exists_and_none_for_what_does_not(tmp_path):
    checked = portal_from(tmp_path, {"chains/city/one.yml": chain("one", 1, "industry", "a")})
    paths = {page.path for page in checked.pages}
    assert {"city/", "city/chiefs/", "city/chains/", "city/chains/one/", "city/changes/", "people/"} <= paths
    # No units, tasks, projects or zones: no page for them, and no way in to one.
    assert not {"city/units/", "city/tasks/", "city/investment/", "city/zones/"} & paths
    ways_in = [kind.name for kind in render.page_kinds() if kind.card and
               render._exists(checked.portal, kind, checked.portal.get("jurisdiction", "city"))]
    assert ways_in == ["chiefs", "chains"]


@pytest.mark.parametrize("taken", ["people", "search"])
def test_a_jurisdiction_may_not_take_an_address_of_the_site(tmp_path, taken):
    root = tmp_path / "p"
    for name, text in {"site-config.yml": CONFIG, f"content/jurisdictions/{taken}.yml": CITY.replace("id: city", f"id: {taken}", 1)}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    errors = pipeline.check(root).report.errors
    assert [(e.path, e.field) for e in errors] == [(f"content/jurisdictions/{taken}.yml", "id")]


def _write(root: Path, files: dict[str, str]) -> pipeline.Checked:
    for name, text in {"site-config.yml": CONFIG, "content/people/city.yml": PEOPLE, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return pipeline.check(root)


def test_an_area_with_its_own_pages_lies_within_its_jurisdiction(tmp_path):
    """An area of the layout may be a jurisdiction of the portal: one under this one, never beside it."""
    town = "id: {id}\nname: {{zh: {id}}}\nlevel: county\nsummary: {{zh: 测试。}}\nillustrative: true\n{parent}"
    areas = "areas:\n  - {id: east, name: {zh: 东区}, kind: district, jurisdiction: east}\n" \
            "  - {id: west, name: {zh: 西区}, kind: district, jurisdiction: west}\n"
    errors = _write(tmp_path, {"content/jurisdictions/city.yml": CITY + areas,
                               "content/jurisdictions/east.yml": town.format(id="east", parent="parent: city\n"),
                               "content/jurisdictions/west.yml": town.format(id="west", parent="")}).report.errors
    assert [(e.path, e.line, e.field) for e in errors] == [("content/jurisdictions/city.yml", 15, "jurisdiction")]
    assert "a jurisdiction whose parent is 'city'" in errors[0].format()


@pytest.mark.parametrize("figure, zh, en, short", [
    ("value: 30", "30 家", "30 firms", "30"),
    ("value: 30, approximate: true", "约 30 家", "about 30 firms", "≈30"),
    ("min: 100", "不少于 100 家", "at least 100 firms", "≥100"),
    ("max: 5", "不超过 5 家", "at most 5 firms", "≤5"),
    ("min: 24, max: 40", "24–40 家", "24–40 firms", "24–40"),
    ("min: 5, max: 10, per_year: true", "每年 5–10 家", "5–10 firms a year", "5–10/年"),
    ("min: 1, max: 2, per: {zh: 每条产业链, en: each chain}", "1–2 家（每条产业链）", "1–2 firms (each chain)", "1–2"),
])
def test_a_target_reads_as_its_document_gives_it(tmp_path, figure, zh, en, short):
    target = f"targets:\n  - {{id: t, name: {{zh: 企业, en: firms}}, {figure}, unit: {{zh: 家, en: firms}}}}\n"
    checked = portal_from(tmp_path, {"content/jurisdictions/city.yml": CITY + target})
    made = checked.portal.get("jurisdiction", "city").targets[0]
    assert (ui.target_figure(made, "zh"), ui.target_figure(made, "en"), ui.target_short(made, "zh")) == (zh, en, short)


def test_progress_is_drawn_against_each_target_s_own_figure(tmp_path):
    """A range's bar is the share of its high end, over a band from its low end; a yearly
    figure counts only the projects started in its year."""
    city = CITY + "stages:\n  - {id: s, name: {zh: 实施}, kind: under_implementation}\ntargets:\n" \
        "  - {id: r, measures: project_count, name: {zh: 项目}, min: 2, max: 8, unit: {zh: 个}}\n" \
        "  - {id: y, measures: project_count, name: {zh: 当年项目}, min: 2, per_year: true, year: 2025, unit: {zh: 个}}\n"
    projects = "".join(f"- {{id: p{i}, chain: one, name: {{zh: 项目{i}}}, stage: s, start: '{year}', illustrative: true}}\n"
                       for i, year in enumerate(["2024", "2025", "2025", "2026"]))
    checked = portal_from(tmp_path, {"content/jurisdictions/city.yml": city, "content/projects/city.yml": projects,
                                     "chains/city/one.yml": chain("one", 1, "industry", "a")})
    chart = charts.target_progress(checked.portal, checked.portal.get("jurisdiction", "city"), "en")
    low, band, shares = chart.options["series"]
    assert [s["value"] for s in shares["data"]] == [50.0, 100.0]      # 4 of 8; 2 started in 2025 of 2
    assert low["data"] == [25.0, 0] and band["data"] == [75.0, 0]      # the band: from 2 to 8 of 8
    assert [s["label"]["formatter"] for s in shares["data"]] == ["4 / 2–8", "2 / ≥2/yr"]
    assert shares["barGap"] == "-100%"
    assert chart.options["legend"][0]["data"] == ["Target range"]   # the band says what it is


def test_the_published_json_schema_says_what_the_rules_across_fields_say():
    """Tools that read only the JSON Schema refuse the same shapes of a target and a step that
    `check` refuses (all but a range's order, which JSON Schema cannot compare), and accept
    the fixture that uses every shape."""
    import jsonschema
    import yaml

    from generator import jsonschema_out
    fixture = Path(__file__).parent / "fixtures" / "linhai"
    corpus = Path(__file__).parent / "bad_input"
    for kind, good, bad in (("jurisdiction", "content/jurisdictions/linhai.yml", "processes-and-areas.yml"),
                            ("chain", "chains/linhai/shipyard.yml", "target-shapes.yml")):
        validator = jsonschema.Draft202012Validator(jsonschema_out.json_schema(kind))
        assert not list(validator.iter_errors(yaml.safe_load((fixture / good).read_text(encoding="utf-8"))))
        refused = {tuple(e.absolute_path)[:2] for e in validator.iter_errors(
            yaml.safe_load((corpus / bad).read_text(encoding="utf-8")))}
        expected = {("targets", i) for i in (1, 2, 3, 4, 5)} if kind == "chain" else {("processes", 0), ("processes", 1)}
        assert expected <= refused, refused


def test_a_unit_s_chains_are_the_chains_of_its_jurisdiction_that_name_it():
    """portal.chains_of_unit, answered from an index, against a scan of the jurisdiction's
    chains, for every unit of the sample: assigned to a chain (a lead bureau) or listed as
    one of its enterprises."""
    from conftest import REPO

    portal = pipeline.check(REPO).portal
    seen = {"assigned": 0, "enterprise": 0}
    for unit in portal.all("unit"):
        scanned = []
        for chain in portal.chains_of(portal.jurisdiction_of(unit)):
            assigned, listed = (any(entry.unit == unit.id for entry in entries) for entries in (chain.units, chain.enterprises))
            seen["assigned"] += assigned
            seen["enterprise"] += listed
            if assigned or listed:
                scanned.append(chain)
        assert portal.chains_of_unit(unit) == scanned, unit.id
    assert seen["assigned"] > 1 and seen["enterprise"] > 1
    industry = portal.get("unit", "lvyuan-industry")   # the lead bureau of two chains
    assert [c.id for c in portal.chains_of_unit(industry)] == ["lvyuan-auto-parts", "lvyuan-high-end-equipment"]
