"""Pages are declared once (generator/pages.py): every address comes from the page table."""
from __future__ import annotations

import re

import pytest
from conftest import REPO, run_cli

from generator import pages
from generator.build import check

# A path written outside the table: a literal naming one of the site's folders.
COMPOSED = re.compile(r"""['"](people|policies|guide|schema|investment|projects|data|feeds|search|pagefind)/"""
                      r"""|/(chiefs|changes|units|tasks|leaders|zones|chains|investment)/['"]""")


def test_no_address_is_composed_outside_the_page_table():
    for folder in ("generator", "theme/pages", "theme/assets"):
        for path in (REPO / folder).rglob("*"):
            if path.suffix in {".py", ".html", ".js"} and path.name != "pages.py" and ".min." not in path.name:
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    code = line.split("#", 1)[0] if path.suffix == ".py" else line
                    if "PageKind(" in code:
                        continue   # a declaration of the table (a record kind declares its pages)
                    assert not COMPOSED.search(code), f"{path}:{number}: {line.strip()}"


def test_every_page_kind_has_its_template_and_title():
    templates = {p.name for p in (REPO / "theme" / "pages").glob("*.html")}
    for kind in pages.page_kinds():
        assert kind.template in templates, kind.name
        assert kind.title or kind.each, kind.name   # a page of no record is named by a word
        assert kind.path == "" or kind.path.endswith("/"), kind.name


@pytest.mark.parametrize("kind, parts, expected", [
    ("chain", {"j": "city", "id": "city-ev"}, "city/chains/city-ev/"),
    ("zone", {"j": "city", "id": "east"}, "city/zones/east/"),
    ("project", {"id": "p-1"}, "projects/p-1/"),
    ("jurisdiction_data", {"j": "city"}, "data/city/"),
    ("download", {"key": pages.dataset_key("city", "city-ev"), "ext": "csv"}, "data/city/city-ev-projects.csv"),
    ("download", {"key": pages.dataset_key("city", table="chiefs"), "ext": "xlsx"}, "data/city/chiefs.xlsx"),
    ("feed", {"key": pages.feed_key("city", chiefs=True)}, "feeds/city-chiefs.atom"),
    ("feed", {"key": pages.feed_key()}, "feeds/projects.atom"),
])
def test_addresses(kind, parts, expected):
    assert pages.address(kind, **parts) == expected


def test_the_site_s_own_folders_are_reserved():
    assert {"people/", "policies/", "investment/", "data/", "feeds/", "schema/", "search/", "pagefind/",
            "assets/", "projects/", "guide/"} <= pages.reserved()
    assert not any("{" in folder for folder in pages.reserved())


@pytest.mark.parametrize("taken", ["feeds", "pagefind", "en"])
def test_a_jurisdiction_may_not_take_a_folder_of_the_site(portal, taken):
    assert run_cli("new", "jurisdiction", "--id", taken, cwd=portal).returncode == 0
    made = portal / "content" / "jurisdictions" / f"{taken}.yml"
    made.write_text(made.read_text(encoding="utf-8").replace("level: （待补充）", "level: city"), encoding="utf-8")
    errors = check(portal).report.errors
    assert any(e.field == "id" and taken in e.found for e in errors), errors
