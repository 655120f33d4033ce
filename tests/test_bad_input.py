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
        "(courting, contracted, groundbreaking)",
        "content/projects/linhai.yml:6: amount: expected a number from 0 to 1,000,000 (found -3)",
        "content/projects/linhai.yml:7: start: expected a date"]),
    "duplicate ids": ("duplicate-ids.yml", PEOPLE, ["content/people/linhai.yml:2: id: expected an id not used by "
                                                     "another person (also in content/people/linhai.yml:1)"]),
    "not UTF-8 (GBK)": ("gbk.yml", UNITS, ["content/units/linhai.yml:3: expected UTF-8 text"]),
    "empty file": ("empty.yml", UNITS, ["content/units/linhai.yml: expected a non-empty file"]),
    "front matter": ("bad-front-matter.md", POLICY, ["content/policies/linhai-plan.md:4: expected valid YAML",
                                                         "while parsing a flow mapping opened on line 3"]),
    "a base map path out of content/maps": ("base-map-outside.yml", "content/jurisdictions/linhai.yml", [
        "content/jurisdictions/linhai.yml:6: base_map.file: expected a file in content/maps/"]),
    "a base map that is missing": ("base-map-unapproved.yml", "content/jurisdictions/linhai.yml", [
        "content/jurisdictions/linhai.yml:21: base_map.file: expected a file inside content/maps/"]),
    "javascript: address": ("javascript-url.md", POLICY, [
        "content/policies/linhai-plan.md:8: url: expected a web address starting with http:// or https://"]),
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
