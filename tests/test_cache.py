"""`build --cache DIR`: a page MkDocs finished before is taken again only when nothing it is
made of has changed, and a cached build is byte-identical to a clean one (page_cache.py)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.page_cache import MARKER
from test_errors import digest

pytestmark = pytest.mark.slow   # builds whole portals: `pytest -m 'not slow'` leaves it out

PROJECTS = Path("content") / "projects" / "linhai.yml"
CHAIN = Path("chains") / "linhai" / "seafood.yml"
PROJECT_PAGE = Path("projects") / "linhai-cold-store" / "index.html"
POLICY_PAGE = Path("policies") / "linhai-plan" / "index.html"
FROM_THE_CACHE = "<!--from-the-cache-->"


def _edit(portal: Path, path: Path, old: str, new: str) -> None:
    text = (portal / path).read_text(encoding="utf-8")
    assert old in text, (path, old)
    (portal / path).write_text(text.replace(old, new, 1), encoding="utf-8")


def _own_template(portal: Path) -> None:
    own = portal / "theme" / "pages" / "project.html"
    own.parent.mkdir(parents=True)
    own.write_text('{% extends "default:project.html" %}{% block heading %}own{% endblock %}', encoding="utf-8")


def _new_date(portal: Path) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = "1710000000"


EDITS = {
    "a project's amount": lambda portal: _edit(portal, PROJECTS, "amount: 2.5", "amount: 3.5"),
    "a chain's name, in every page's navigation": lambda portal: _edit(portal, CHAIN, "水產加工鏈", "水產鏈"),
    "the footer's words, in the settings of every page": lambda portal: _edit(
        portal, Path("site-config.yml"), "測試用，內容虛構。", "測試用。"),
    "the portal's own template": _own_template,
    "another build date": _new_date,
    "a project removed": lambda portal: _edit(portal, PROJECTS, "- id: linhai-net-loft", "- id: linhai-net-loft-2"),
}


def _cached_build(portal: Path, out: Path, cache: Path) -> pipeline.Checked:
    checked = pipeline.build(portal, out, cache=cache)
    assert not checked.report.errors, [issue.format() for issue in checked.report.errors]
    return checked


def _kept(cache: Path, lang: str) -> list[Path]:
    return [path for path in (cache / lang).iterdir() if path.suffix == ".html"]


def test_a_cached_build_is_byte_identical_to_a_clean_one_after_each_kind_of_edit(portal, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cache = tmp_path / "cache"
    _cached_build(portal, tmp_path / "first", cache)
    for n, (edit, make) in enumerate(EDITS.items()):
        make(portal)
        checked = _cached_build(portal, tmp_path / f"cached-{n}", cache)
        assert not pipeline.build(portal, tmp_path / f"clean-{n}").report.errors
        assert digest(tmp_path / f"cached-{n}") == digest(tmp_path / f"clean-{n}"), edit
        # The cache holds this build's pages, no more: the pages of earlier builds are gone.
        assert len(_kept(cache, "zh")) == len(_kept(cache, "en")) == len(checked.pages), edit


def test_an_unchanged_page_is_taken_from_the_cache_and_an_edited_one_is_not(portal, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cache, out = tmp_path / "cache", tmp_path / "site"
    _cached_build(portal, out, cache)
    for kept in _kept(cache, "zh") + _kept(cache, "en"):   # marked, to be seen where they are used
        kept.write_text(kept.read_text(encoding="utf-8") + FROM_THE_CACHE, encoding="utf-8")
    _cached_build(portal, out, cache)
    for page in (PROJECT_PAGE, POLICY_PAGE, Path("en") / PROJECT_PAGE):
        assert (out / page).read_text(encoding="utf-8").endswith(FROM_THE_CACHE), page
    _edit(portal, PROJECTS, "amount: 2.5", "amount: 3.5")
    _cached_build(portal, out, cache)
    for page in (PROJECT_PAGE, Path("en") / PROJECT_PAGE):   # its amount changed: built again
        assert "3.5" in (out / page).read_text(encoding="utf-8")
        assert not (out / page).read_text(encoding="utf-8").endswith(FROM_THE_CACHE), page
    assert (out / POLICY_PAGE).read_text(encoding="utf-8").endswith(FROM_THE_CACHE)   # unchanged: kept


def test_the_cache_is_a_folder_of_its_own_and_nothing_else_in_it_is_removed(portal, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "minutes.txt").write_text("kept", encoding="utf-8")
    checked = pipeline.build(portal, tmp_path / "site", cache=folder)
    assert [issue.path for issue in checked.report.errors] == ["--cache"]
    assert "a folder holding other files" in checked.report.errors[0].format()
    assert (folder / "minutes.txt").read_text(encoding="utf-8") == "kept"
    assert not (folder / MARKER).exists() and not (tmp_path / "site").exists()
    for inside in (portal / "content" / "cache", portal):   # nor in the portal's own folders
        checked = pipeline.build(portal, tmp_path / "site", cache=inside)
        assert [issue.path for issue in checked.report.errors] == ["--cache"], inside
