"""The corpus of bad content in tests/bad_input/, each case end to end through check and build.

Every case ends in a clear error naming file, line and field (and build writes nothing), or
in safe, escaped output. Never a traceback, never a partial site.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import english_in_chinese

from generator import build as pipeline
from generator import reader

CORPUS = Path(__file__).resolve().parent / "bad_input"
UNITS, PEOPLE = "content/units/linhai.yml", "content/people/linhai.yml"
CHAIN, PROJECTS, POLICY = "chains/linhai/seafood.yml", "content/projects/linhai.yml", "content/policies/linhai-plan.md"

# case: (corpus file, where it goes in the portal, expected lines of the report)
ERRORS = {
    "malformed YAML": ("malformed.yml", UNITS, ["content/units/linhai.yml:3: expected valid YAML", "while parsing a flow sequence opened on line 2"]),
    "tab indentation": ("tabs.yml", UNITS, ["content/units/linhai.yml:2: expected indentation with spaces"]),
    "duplicate key": ("duplicate-keys.yml", UNITS, ["content/units/linhai.yml:5: expected each key once"]),
    "wrong types": ("wrong-types.yml", CHAIN, [
        "chains/linhai/seafood.yml:3: name: expected text in both languages",
        "chains/linhai/seafood.yml:4: order: expected a whole number",
        "chains/linhai/seafood.yml:5: chiefs: expected a list of",
        "chains/linhai/seafood.yml:6: illustrative: expected true or false (found 'true')"]),
    "YAML 1.1 surprises": ("yaml11.yml", CHAIN, [
        "chains/linhai/seafood.yml:4: order: expected a whole number from 0 to 100000 (found '0371')",
        "chains/linhai/seafood.yml:5: illustrative: expected true or false (found 'yes')"]),
    "unknown keys": ("unknown-keys.yml", CHAIN, [
        "chains/linhai/seafood.yml:3: name.english: expected 'zh' or 'en'",
        "chains/linhai/seafood.yml:5: chief: expected one of the fields of a chain; did you mean 'chiefs'?"]),
    "references that do not exist": ("bad-references.yml", CHAIN, [
        "chains/linhai/seafood.yml:5: group: expected one of the groups of jurisdiction 'linhai' (marine); "
        "did you mean 'marine'?",
        "chains/linhai/seafood.yml:7: chiefs[0].person: expected the id of a person",
        "chains/linhai/seafood.yml:8: chiefs[1].role: expected a role whose kind is one of",
        "chains/linhai/seafood.yml:10: units[0].role: expected a role whose kind is one of",
        "chains/linhai/seafood.yml:11: units[1].unit: expected the id of a unit",
        "chains/linhai/seafood.yml:13: enterprises[0].tier: expected one of the tiers of jurisdiction 'linhai'",
        "chains/linhai/seafood.yml:13: enterprises[0].segments[0]: expected one of the segments of this record"]),
    "stage, amount and date": ("bad-stage.yml", PROJECTS, [
        "content/projects/linhai.yml:4: stage: expected one of the stages of jurisdiction 'linhai' "
        "(courting, contracted, groundbreaking, above-size, stalled)",
        "content/projects/linhai.yml:6: amount: expected a number from 0 to 1,000,000 (found -3)",
        "content/projects/linhai.yml:7: start: expected a date"]),
    "a target's figure in a shape no document uses": ("target-shapes.yml", CHAIN, [
        "chains/linhai/seafood.yml:6: targets[0].max: expected a number not below min (40) (found 24)",
        "chains/linhai/seafood.yml:7: targets[1].value: expected either value, or min and/or max",
        "chains/linhai/seafood.yml:8: targets[2].approximate: expected approximate only with value",
        "chains/linhai/seafood.yml:9: targets[3].value: expected the figure: value, or min and/or max",
        "chains/linhai/seafood.yml:10: targets[4].year: expected the year a yearly figure with measures is for",
        "chains/linhai/seafood.yml:11: targets[5].per: expected no per with measures"]),
    "a step nobody does, an area outside the layout": ("processes-and-areas.yml", "content/jurisdictions/linhai.yml", [
        "content/jurisdictions/linhai.yml:12: processes[0].steps[1].body: expected who does the step: body",
        "content/jurisdictions/linhai.yml:13: processes[0].steps[2].body: expected one of the bodies of this record "
        "(office) (found 'secretariat')",
        "content/jurisdictions/linhai.yml:14: processes[1].steps: expected a list of a step",
        "content/jurisdictions/linhai.yml:16: areas[0].kind: expected one of: county, district, belt, other",
        "content/jurisdictions/linhai.yml:17: areas[1].spans[1]: expected one of the areas of this record "
        "(donggang, coast) (found 'nanshan')"]),
    "duplicate ids": ("duplicate-ids.yml", PEOPLE, ["content/people/linhai.yml:2: id: expected an id not used by "
                                                     "another person (also in content/people/linhai.yml:1)"]),
    "not UTF-8 (GBK)": ("gbk.yml", UNITS, ["content/units/linhai.yml:3: expected UTF-8 text"]),
    "empty file": ("empty.yml", UNITS, ["content/units/linhai.yml: expected a non-empty file"]),
    "front matter": ("bad-front-matter.md", POLICY, ["content/policies/linhai-plan.md:4: expected valid YAML",
                                                         "while parsing a flow mapping opened on line 3"]),
    "a base map path out of content/maps": ("base-map-outside.yml", "content/jurisdictions/linhai.yml", [
        "content/jurisdictions/linhai.yml:6: base_map.file: expected a file in content/maps/"]),
    "a base map that is missing": ("base-map-unapproved.yml", "content/jurisdictions/linhai.yml", [
        "content/jurisdictions/linhai.yml:22: base_map.file: expected a file inside content/maps/"]),
    "javascript: address": ("javascript-url.md", POLICY, [
        "content/policies/linhai-plan.md:8: url: expected a web address starting with http:// or https://"]),
    "YAML tags": ("yaml-tags.yml", UNITS, [
        "content/units/linhai.yml:4: expected plain YAML values without tags (found !!bool)"]),
    "a 5,000-digit number": ("huge-number.yml", PROJECTS, [
        "content/projects/linhai.yml:5: expected a number of at most 18 digits (found 5000 characters)"]),
    "amounts beyond any budget": ("huge-amount.yml", PROJECTS, [
        "content/projects/linhai.yml:5: amount: expected a number from 0 to 1,000,000 (found 1.7e+308)"]),
    "a form feed pasted from a PDF": ("form-feed.yml", UNITS, [
        "content/units/linhai.yml:2: expected text without control or invisible formatting characters (often pasted "
        "from a PDF) (found U+000C FORM FEED)"]),
    "a lone surrogate": ("lone-surrogate.yml", UNITS, [
        "content/units/linhai.yml:2: expected text without control or invisible formatting characters (found U+D800 "
        "(half of a UTF-16 pair, alone))"]),
    "a line separator": ("line-separator.yml", UNITS, [
        "content/units/linhai.yml:1: expected text without control or invisible formatting characters (often pasted "
        "from a web page) (found U+2028 LINE SEPARATOR)"]),
    "a right-to-left override": ("bidi-override.yml", UNITS, ["(found U+202E RIGHT-TO-LEFT OVERRIDE)"]),
    "a list where an id is expected": ("list-where-an-id-is.yml", UNITS, [
        "content/units/linhai.yml:2: jurisdiction: expected the id of a jurisdiction record (found a list)"]),
    "dates": ("dates.yml", PROJECTS, [
        "content/projects/linhai.yml:5: updated: expected a date as YYYY-MM-DD in quotes (found '２０２４-０５-２０', whose "
        "U+FF12 FULLWIDTH DIGIT TWO is not a plain ASCII character)",
        "content/projects/linhai.yml:11: updated: expected a date as YYYY-MM-DD in quotes (found '2024')"]),
    "a project that ends before it starts": ("start-after-end.yml", PROJECTS, [
        "content/projects/linhai.yml:6: end: expected a date on or after the start (2026-05) (found '2025')"]),
    "a deadline that is no date": ("deadline.yml", "content/tasks/linhai.yml", [
        "content/tasks/linhai.yml:7: milestones[0].deadline: expected a deadline"]),
    "two rows numbered alike": ("task-numbers.yml", "content/tasks/linhai.yml", [
        "content/tasks/linhai.yml:9: number: expected a row number not used by another row of the table '年度重點工作'"]),
    "a name of invisible characters": ("invisible-name.yml", UNITS, [
        "content/units/linhai.yml:2: name.zh: expected visible text (found no visible text)"]),
    "a 4,000-character name": ("long-name.yml", CHAIN, [
        "chains/linhai/seafood.yml:3: name.zh: expected at most 200 characters (found 4000 characters)"]),
    "lists nested 300 deep": ("deep-list.md", POLICY, [
        "content/policies/linhai-plan.md:32: expected a line indented at most 40 spaces"]),
    "50,000 brackets": ("brackets.md", POLICY, [
        "content/policies/linhai-plan.md:11: expected a paragraph with at most 200 '[' (links)",
        "content/policies/linhai-plan.md:11: expected a text with at most 2000 '[' (links) (found 50000)"]),
    "an id YAML reads as a number": ("id-404.yml", UNITS, [
        "content/units/linhai.yml:4: id: expected an id: lowercase letters, digits and '-' (e.g. 'city-new-energy') "
        "(found the number 404; write '404' in quotes for text)"]),
    "an id with a Cyrillic letter": ("homoglyph-id.yml", UNITS, [
        "(found 'linhаi', whose U+0430 CYRILLIC SMALL LETTER A is not a plain ASCII character)"]),
    "a comma in unquoted text": ("comma-in-text.yml", UNITS, [
        "content/units/linhai.yml:2: name.harbour office: expected 'zh' or 'en'; a comma in {zh: …, en: …} starts a "
        "new entry"]),
}


def report_of(root: Path, tmp_path: Path) -> str:
    """Check, then build: both must refuse, the same way, and build must write nothing."""
    checked = pipeline.check(root)
    out = tmp_path / "site"
    built = pipeline.build(root, out)
    assert [i.format() for i in built.report.errors] == [i.format() for i in checked.report.errors]
    assert not out.exists(), "a build with errors wrote a site"
    assert not list(tmp_path.glob(".site.*")), "a build with errors left temporary files"
    return "\n".join(i.format() for i in checked.report.errors)


@pytest.mark.parametrize("case", ERRORS)
def test_each_bad_file_is_an_error_naming_file_line_and_field(case, portal, tmp_path):
    name, target, expected = ERRORS[case]
    shutil.copyfile(CORPUS / name, portal / target)
    report = report_of(portal, tmp_path)
    for line in expected:
        assert line in report, f"{case}: missing {line!r} in\n{report}"
    for issue in _issues(report):
        assert not english_in_chinese(issue), issue


def _issues(report: str) -> list[str]:
    """A formatted report split into its issues (two lines each)."""
    lines = report.split("\n")
    return ["\n".join(lines[i:i + 2]) for i in range(0, len(lines) - 1, 2)]


def test_windows_line_endings_are_read_as_line_ends(portal, tmp_path):
    shutil.copyfile(CORPUS / "crlf-policy.md", portal / POLICY)
    assert not pipeline.check(portal).report.errors


def test_a_very_large_file(portal, tmp_path):
    (portal / UNITS).write_text("# " + "x" * reader.MAX_FILE_BYTES + "\n", encoding="utf-8")
    assert "content/units/linhai.yml: expected a file of at most 2048 KiB" in report_of(portal, tmp_path)


def test_a_symlink_out_of_the_content_tree(portal, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("- {id: x}\n", encoding="utf-8")
    os.symlink(secret, portal / "content" / "units" / "outside.yml")
    assert "content/units/outside.yml: expected a file inside the content tree" in report_of(portal, tmp_path)


def test_a_base_map_needs_its_approval_number(portal, tmp_path):
    jurisdiction = portal / "content" / "jurisdictions" / "linhai.yml"
    text = jurisdiction.read_text(encoding="utf-8")
    jurisdiction.write_text(text.replace("  approval: 測試-0001\n", "").replace("\n  illustrative: true\n", "\n"),
                            encoding="utf-8")
    assert "base_map.approval: expected the map's review number (审图号), or illustrative: true" in \
        report_of(portal, tmp_path)


def test_a_byte_order_mark_is_accepted(portal, tmp_path):
    shutil.copyfile(CORPUS / "bom.yml", portal / UNITS)
    assert not pipeline.build(portal, tmp_path / "site").report.errors


def test_hostile_markdown_is_sanitised(portal, tmp_path):
    shutil.copyfile(CORPUS / "hostile-markdown.md", portal / POLICY)
    out = tmp_path / "site"
    assert not pipeline.build(portal, out).report.errors
    for lang in ("", "en/"):
        body = (out / lang / "policies" / "linhai-plan" / "index.html").read_text(encoding="utf-8")
        article = body[body.index("<article"):body.index("</article>")]
        for bad in ("<script>alert", "onmouseover", "<iframe", "javascript:", "onclick", "onerror", "<style>"):
            assert bad not in article, (lang, bad)
        assert '<a href="https://example.org/doc" rel="noopener noreferrer">original</a>' in article


PAYLOAD = "\"'><script>alert('{where}')</script><img src=x onerror=alert(1)>&amp;"


def poison(value, where="x"):
    """Put the payload into every bilingual text of a record, both languages."""
    if isinstance(value, dict):
        if "zh" in value and isinstance(value["zh"], str):
            return {lang: PAYLOAD.format(where=f"{where}.{lang}") + text for lang, text in value.items()}
        return {k: poison(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, f"{where}[{i}]") for i, v in enumerate(value)]
    return value


def test_the_payload_in_every_text_field_of_every_record_kind_is_escaped(portal, tmp_path):
    for path in list(portal.rglob("*.yml")) + list(portal.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            page = reader.parse_front_matter(text)
            meta = poison(json.loads(json.dumps(page.meta)), path.stem)
            text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + PAYLOAD + "\n" + page.body
        else:
            text = yaml.safe_dump(poison(json.loads(json.dumps(reader.parse_yaml(text))), path.stem),
                                  allow_unicode=True)
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    checked = pipeline.build(portal, out)
    assert not checked.report.errors, [i.format() for i in checked.report.errors]
    seen = charted = 0
    for html in out.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>alert(" not in text and "<img src=x" not in text, html
        assert "'><" not in text.replace("&#39;&gt;&lt;", ""), html
        seen += text.count("&lt;script&gt;alert(")
        for chart in BeautifulSoup(text, "html.parser").select("[data-options]") if "data-options" in text else ():
            charted += "<script>alert(" in json.dumps(json.loads(chart["data-options"]), ensure_ascii=False)
    assert seen > 100   # the payloads are there, as text
    assert charted      # and in the charts' data, intact


# --- cases made by editing the portal: files, folders, links and records that disagree -------

JURISDICTION = "content/jurisdictions/linhai.yml"


def _append(root: Path, path: str, text: str) -> None:
    (root / path).write_text((root / path).read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(root: Path, path: str, old: str, new: str) -> None:
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, (path, old)
    (root / path).write_text(text.replace(old, new), encoding="utf-8")


def _other_jurisdiction(root: Path) -> None:
    (root / "content/jurisdictions/elsewhere.yml").write_text(
        "id: elsewhere\nname: {zh: 他縣}\nlevel: county\nsummary: {zh: 另一縣。}\nillustrative: true\n", encoding="utf-8")
    _append(root, UNITS, "- {id: elsewhere-office, jurisdiction: elsewhere, name: {zh: 他縣辦公室}, kind: department, "
                         "illustrative: true}\n")
    _replace(root, CHAIN, "unit: linhai-port}", "unit: elsewhere-office}")


def _parent_loop(root: Path) -> None:
    (root / "content/jurisdictions/elsewhere.yml").write_text(
        "id: elsewhere\nname: {zh: 他縣}\nlevel: county\nparent: linhai\nsummary: {zh: 另一縣。}\nillustrative: true\n",
        encoding="utf-8")
    _replace(root, JURISDICTION, "parent_name: {zh: 東海省, en: Donghai Province}", "parent: elsewhere")


def _geojson(text: bytes):
    def edit(root: Path) -> None:
        (root / "content/maps/linhai.geojson").write_bytes(text)
    return edit


EDITS = {
    "a chain naming another jurisdiction's unit": (_other_jurisdiction, [
        "chains/linhai/seafood.yml:11: unit: expected a unit of 'linhai' (a record names only its own jurisdiction's) "
        "(found 'elsewhere-office', of 'elsewhere')"]),
    "two zones of one name": (lambda root: _append(root, JURISDICTION.replace("linhai.yml", "linhai.yml"), "")
                              or _replace(root, JURISDICTION, "zones:\n", "zones:\n  - {id: twin, name: {zh: 漁港加工園區}, "
                                          "illustrative: true}\n"), [
        "name.zh: expected a name no other zone of the jurisdiction has ('twin'"]),
    "two chains of one name": (lambda root: _replace(root, "chains/linhai/shipyard.yml", "遊艇製造鏈", "水產加工鏈"), [
        "chains/linhai/shipyard.yml:1: name.zh: expected a name no other chain of the jurisdiction has ('linhai-seafood'"]),
    "two jurisdictions each the other's parent": (_parent_loop, [
        "content/jurisdictions/elsewhere.yml:1: parent: expected a jurisdiction above this one, not below it "
        "(found a loop: elsewhere → linhai → elsewhere)",
        "content/jurisdictions/linhai.yml:2: parent: expected a jurisdiction above this one, not below it "
        "(found a loop: linhai → elsewhere → linhai)"]),
    "a latitude of 1,000": (lambda root: _replace(root, JURISDICTION, "lat: 28.65", "lat: 1000"), [
        "coordinates.lat: expected a number from -90 to 90 (found 1000)"]),
    "a chain filed under another jurisdiction's folder": (
        lambda root: (root / "chains/elsewhere").mkdir() or (root / CHAIN).rename(root / "chains/elsewhere/seafood.yml"), [
            "chains/elsewhere/seafood.yml:1: jurisdiction: expected a chain filed in chains/linhai/"]),
    "a base map in GBK": (_geojson('{"type": "FeatureCollection", "features": [], "name": "臨海"}'.encode("gbk")), [
        "base_map.file: expected UTF-8 text (save the file as UTF-8) in content/maps/linhai.geojson"]),
    "a base map with junk features": (_geojson(b'{"type": "FeatureCollection", "features": [{"type": "Feature", '
                                               b'"geometry": {"type": "Point", "coordinates": [1, 2]}}]}'), [
        "base_map.file: expected a Polygon or MultiPolygon (an area) in content/maps/linhai.geojson, "
        "features[0].geometry (found 'Point')"]),
    "a base map with NaN": (_geojson(b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
                                     b'{"type": "Polygon", "coordinates": [[[NaN, 1], [1, 1], [1, 2], [NaN, 1]]]}}]}'), [
        "base_map.file: expected valid JSON in content/maps/linhai.geojson (found NaN is not a number JSON allows)"]),
    "a base map nested 100,000 deep": (_geojson(b"[" * 100_000 + b"]" * 100_000), [
        "base_map.file: expected JSON nested at most a few hundred deep"]),
    "an upper-case extension": (lambda root: (root / UNITS).rename(root / "content/units/linhai.YML"), [
        "content/units/linhai.YML: expected the extension .yml/.yaml in lower case (found 'linhai.YML')"]),
    "a hidden file": (lambda root: (root / UNITS).rename(root / "content/units/.linhai.yml"), [
        "content/units/.linhai.yml: expected no hidden file here (remove it)"]),
    "a misspelt folder": (lambda root: (root / "content/projects").rename(root / "content/project"), [
        "content/project: expected one of the content folders (jurisdictions, maps, people, policies, projects, tasks, "
        "units); did you mean 'projects'?"]),
    "an English text without its Chinese": (
        lambda root: (root / "content/policies/lost.en.md").write_text("text\n", encoding="utf-8"), [
            "content/policies/lost.en.md: expected the Chinese text 'lost.md' beside this English text"]),
    "a file name with a line break": (
        lambda root: (root / "content/units/a\nb.yml").write_text("- x\n", encoding="utf-8"), [
            "content/units/a\\u000ab.yml:1: expected a unit record"]),
    "flow collections nested 100,000 deep": (
        lambda root: (root / UNITS).write_text("x: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8"), [
            "content/units/linhai.yml:1: expected lists and mappings nested at most 64 deep"]),
    "a link to nothing": (lambda root: os.symlink(root / "nowhere.yml", root / "content/units/gone.yml"), [
        "content/units/gone.yml: expected a file (the link leads to nothing)"]),
    "a link to itself": (lambda root: os.symlink(root / "content/units/loop.yml", root / "content/units/loop.yml"), [
        "content/units/loop.yml: expected a file (the link leads to nothing)"]),
    "site-config.yml as a folder": (lambda root: (root / "site-config.yml").unlink() or (root / "site-config.yml").mkdir(), [
        "site-config.yml: expected a readable file (found Is a directory)"]),
}


@pytest.mark.parametrize("case", EDITS)
def test_each_bad_edit_is_an_error_naming_file_line_and_field(case, portal, tmp_path):
    edit, expected = EDITS[case]
    edit(portal)
    report = report_of(portal, tmp_path)
    for line in expected:
        assert line in report, f"{case}: missing {line!r} in\n{report}"
    for issue in _issues(report):
        assert not english_in_chinese(issue), issue


def test_coordinates_in_every_hemisphere_are_accepted(portal):
    _replace(portal, JURISDICTION, "coordinates: {lon: 121.42, lat: 28.65}", "coordinates: {lon: -70.65, lat: -33.45}")
    assert not pipeline.check(portal).report.errors
