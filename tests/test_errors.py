"""An editor's mistakes: every one reported with file, line and field; nothing half-written."""
from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import run_cli

from generator import build as pipeline


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return h.hexdigest()


def build_then_edit(portal: Path, out: Path, old: str, new: str) -> str:
    """Build the portal into `out`, then edit its first chain; returns the site's digest before."""
    assert run_cli("--root", str(portal), "build", "--out", str(out)).returncode == 0
    chain = portal / "chains" / "linhai" / "seafood.yml"
    chain.write_text(chain.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return digest(out)


def test_check_reports_every_problem_with_path_line_and_field(portal):
    chain = portal / "chains" / "linhai" / "seafood.yml"
    text = chain.read_text(encoding="utf-8")
    text = text.replace("  - {role: convener, person: lin-zhiming}", "  - {role: convenor, person: lin-zhimin}")
    text = text.replace("order: 1", "order: 1\nchieftain: nobody")
    chain.write_text(text, encoding="utf-8")
    result = run_cli("--root", str(portal), "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    err = result.stderr
    # Unknown key with did-you-mean, bad local reference, bad person reference: all in one run.
    assert "chains/linhai/seafood.yml:5: chieftain: expected one of the fields of a chain" in err
    assert "did you mean 'chiefs'?" in err
    assert "chains/linhai/seafood.yml:8: chiefs[0].role: expected one of the roles of jurisdiction 'linhai'" in err
    assert "did you mean 'convener'?" in err
    assert "chains/linhai/seafood.yml:8: chiefs[0].person: expected the id of a person defined in content/people/" in err
    assert "did you mean 'lin-zhiming'?" in err
    assert "应为" in err   # the same, in Chinese
    assert "3 error(s)" in err


def test_yaml_syntax_error_names_the_line(portal):
    path = portal / "content" / "people" / "linhai.yml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: [broken\n", encoding="utf-8")
    result = run_cli("--root", str(portal), "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/people/linhai.yml:3:" in result.stderr or "content/people/linhai.yml:4:" in result.stderr
    assert "valid YAML" in result.stderr


def test_tabs_duplicate_keys_and_yaml_11_surprises(portal):
    unit = portal / "content" / "units" / "linhai.yml"
    unit.write_text("- id: linhai-x\n\tjurisdiction: linhai\n", encoding="utf-8")
    person = portal / "content" / "people" / "linhai.yml"
    person.write_text("- id: lin-zhiming\n  jurisdiction: linhai\n  name: {zh: 林志明}\n  jurisdiction: linhai\n"
                      "  illustrative: true\n", encoding="utf-8")
    report = pipeline.check(portal).report
    messages = "\n".join(i.format() for i in report.errors)
    assert "content/units/linhai.yml:2: expected indentation with spaces" in messages
    assert "content/people/linhai.yml:4: expected each key once in a mapping ('jurisdiction' is already on line 2)" \
        in messages


def test_no_and_area_codes_stay_text(portal):
    # `no` is a string and 0371 is not an octal number: both are refused as what they are,
    # text where true/false or a whole number is expected, never silently converted.
    chain = portal / "chains" / "linhai" / "shipyard.yml"
    text = chain.read_text(encoding="utf-8").replace("illustrative: true", "illustrative: no").replace(
        "order: 2", "order: 0371")
    chain.write_text(text, encoding="utf-8")
    messages = "\n".join(i.format() for i in pipeline.check(portal).report.errors)
    assert "illustrative: expected true or false (found 'no')" in messages
    assert "order: expected a whole number from 0 to 100000 (found '0371')" in messages


def test_duplicate_ids(portal):
    extra = portal / "chains" / "linhai" / "copy.yml"
    extra.write_text((portal / "chains" / "linhai" / "shipyard.yml").read_text(encoding="utf-8"), encoding="utf-8")
    messages = "\n".join(i.format() for i in pipeline.check(portal).report.errors)
    assert "chains/linhai/shipyard.yml:1: id: expected an id not used by another chain (also in chains/linhai/copy.yml:1)" \
        in messages


def test_an_id_that_takes_a_site_address(portal):
    # Output paths are checked once the records are sound (the pages need a valid model).
    jurisdiction = portal / "content" / "jurisdictions" / "people.yml"
    jurisdiction.write_text((portal / "content" / "jurisdictions" / "linhai.yml").read_text(encoding="utf-8")
                            .replace("id: linhai", "id: people"), encoding="utf-8")
    messages = "\n".join(i.format() for i in pipeline.check(portal).report.errors)
    assert "content/jurisdictions/people.yml:2: id: expected an id other than 'people'" in messages


def test_missing_source_and_untranslated_text(portal):
    unit = portal / "content" / "units" / "linhai.yml"
    unit.write_text("- {id: linhai-x, jurisdiction: linhai, name: 漁業處, kind: department}\n", encoding="utf-8")
    messages = "\n".join(i.format() for i in pipeline.check(portal).report.errors)
    assert "content/units/linhai.yml:1: name: expected text in both languages" in messages
    assert "content/units/linhai.yml:1: source: expected a source {doc: policy id, at: …}, or illustrative: true" \
        in messages


def test_build_with_errors_writes_nothing_and_keeps_the_previous_site(portal, tmp_path):
    out = tmp_path / "site"
    before = build_then_edit(portal, out, "order: 1", "order: first")
    result = run_cli("--root", str(portal), "build", "--out", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "chains/linhai/seafood.yml:4: order:" in result.stderr
    assert "nothing written" in result.stderr
    assert digest(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["portal", "site"] or sorted(p.name for p in tmp_path.iterdir()) \
        == ["portal", "site"]


def test_a_first_build_with_errors_creates_no_output_folder(portal, tmp_path):
    (portal / "site-config.yml").write_text("title: {zh: x}\n", encoding="utf-8")
    out = tmp_path / "never"
    result = run_cli("--root", str(portal), "build", "--out", str(out))
    assert result.returncode == 1
    assert "site-config.yml:1: description: expected text in both languages" in result.stderr
    assert not out.exists()
