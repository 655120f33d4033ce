"""Languages are data: a third language is a row in site-config.yml and a catalogue, no code."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import LINHAI, REPO, content, page

from generator import build as pipeline
from generator import languages

# French for a few of the interface's words; every other word falls back to English.
FRENCH = {"home": "Accueil", "chains": "chaînes industrielles", "chief_table": "Tableau des chefs de chaîne",
          "translation_pending": "traduction en attente", "not_stated": "non précisé", "source": "Source",
          "punctuation_colon": " : ", "count_chains": {"one": "{n} chaîne", "other": "{n} chaînes"}}
FRENCH_ROW = {"code": "fr", "tag": "fr", "name": "Français", "content": "en", "pending": "zh", "fallback": ["en"],
              "search": "fr", "og_locale": "fr_FR", "theme": "fr"}


@pytest.fixture(scope="module")
def three_languages(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("three") / "portal"
    shutil.copytree(LINHAI, root)
    config = yaml.safe_load((root / "site-config.yml").read_text(encoding="utf-8"))
    config["languages"] = [{"code": "zh"}, {"code": "en"}, FRENCH_ROW]
    (root / "site-config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (root / "messages").mkdir()
    (root / "messages" / "fr.yml").write_text(yaml.safe_dump(FRENCH, allow_unicode=True), encoding="utf-8")
    checked = pipeline.build(root, root.parent / "site")
    assert not checked.report.errors, checked.report.errors
    yield root.parent / "site"
    languages.use([languages.BUILT_IN[code] for code in languages.DEFAULT])


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)


def test_a_third_language_gets_every_page_in_its_folder(three_languages):
    site = three_languages
    zh = {p.relative_to(site) for p in html_pages(site) if p.relative_to(site).parts[0] not in ("en", "fr")}
    fr = {p.relative_to(site / "fr") for p in html_pages(site / "fr")}
    assert zh == fr and len(fr) > 20
    for path in html_pages(site / "fr"):
        soup = page(site, str(path.relative_to(site).parent) + "/")
        assert soup.html["lang"] == "fr", path
        switch = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
        assert set(switch) == {"zh-Hans", "en", "fr"}, path
        assert soup.select_one('meta[property="og:locale"]')["content"] == "fr_FR"


def test_the_third_language_speaks_its_catalogue_then_its_fallback(three_languages):
    chiefs = page(three_languages, "fr/linhai/chiefs/")
    assert content(chiefs).h1.get_text(strip=True).startswith("Tableau des chefs de chaîne")
    nav = chiefs.select_one(".md-nav--primary").get_text(" ", strip=True)
    assert "Accueil" in nav and "Home" not in nav
    # A word the French catalogue lacks is its fallback's (English), never the Chinese.
    assert "Investment" in nav
    # Content has no French text: the English is shown; a missing English shows the Chinese, marked.
    jurisdiction = content(page(three_languages, "fr/linhai/"))
    pending = jurisdiction.select(".portal-pending")
    assert pending and all(mark.get_text() == "traduction en attente" for mark in pending)
    assert all(mark.find_previous_sibling("span")["lang"] == "zh-Hans" for mark in pending)


def test_no_simplified_interface_word_on_the_third_languages_pages(three_languages):
    words = {value for value in yaml.safe_load((REPO / "theme" / "messages" / "zh.yml").read_text(encoding="utf-8"))
             .values() if isinstance(value, str) and len(value) >= 3 and re.search(r"[\u4e00-\u9fff]", value)}
    def text(address: str) -> str:
        soup = page(three_languages, address)
        for pending in soup.select("[lang=zh-Hans]"):
            pending.decompose()   # content shown while its translation is pending
        return soup.get_text(" ")

    for path in html_pages(three_languages / "fr"):
        address = str(path.relative_to(three_languages / "fr").parent) + "/"
        french, english = text("fr/" + address), text("en/" + address)
        # The English page names a Chinese term on purpose (the guide: "its word for a chain (产业链, …)").
        found = [word for word in words if word in french and word not in english]
        assert not found, (path, found)


def test_each_language_is_searched_as_its_row_says(three_languages):
    for folder, search in (("", "zh"), ("en", "en"), ("fr", "fr")):
        entry = json.loads((three_languages / folder / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert set(entry["languages"]) == {search}


def test_the_missing_page_speaks_all_three(three_languages):
    soup = BeautifulSoup((three_languages / "404.html").read_text(encoding="utf-8"), "html.parser")
    notices = soup.select(".portal-not-found__notice")
    assert [n["lang"] for n in notices] == ["zh-Hans", "en", "fr"]
    assert [n["data-prefix"] for n in notices] == ["", "en/", "fr/"]


def test_a_language_row_with_a_mistake_is_named_with_its_line(portal):
    config = portal / "site-config.yml"
    before = config.read_text(encoding="utf-8").split("\nlanguages:")[0]
    config.write_text(before + "\nlanguages:\n  - code: zh\n  - code: de\n  - code: en\n    fallback: [xx]\n",
                      encoding="utf-8")
    report = pipeline.check(portal).report
    messages = [(issue.path, issue.line, issue.field) for issue in report.errors]
    lines = config.read_text(encoding="utf-8").splitlines()
    de = lines.index("  - code: de") + 1
    assert ("site-config.yml", de, "languages[1].tag") in messages
    assert ("site-config.yml", de, "languages[1].code") in messages   # no catalogue, no fallback
    assert any(field == "languages[2].fallback" for _, _, field in messages)
    languages.use([languages.BUILT_IN[code] for code in languages.DEFAULT])


def test_no_language_is_written_into_the_code():
    """Which languages exist and how each is tagged is data (languages.py, site-config.yml).
    (Content's two texts, `{zh: …, en: …}`, are fields, not languages.)"""
    pattern = re.compile(r"""lang\s*[!=]=\s*['"]|zh-CN|lang\w*\s+in\s+\(\s*['"]zh""")
    for folder in ("generator", "theme/pages", "theme/material", "theme/assets"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".html", ".js"} and ".min." not in path.name:
                assert not pattern.search(path.read_text(encoding="utf-8")), path


# --- a script as a site setting: zh-Hant ---------------------------------------------------------

@pytest.fixture(scope="module")
def traditional(tmp_path_factory) -> Path:
    """The made-up Traditional-script jurisdiction, published in zh-Hant and English."""
    root = tmp_path_factory.mktemp("hant") / "portal"
    shutil.copytree(LINHAI, root)
    config = yaml.safe_load((root / "site-config.yml").read_text(encoding="utf-8"))
    config["languages"] = [{"code": "zh-hant"}, {"code": "en"}]
    (root / "site-config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    checked = pipeline.build(root, root.parent / "site")
    assert not checked.report.errors, checked.report.errors
    yield root.parent / "site"
    languages.use([languages.BUILT_IN[code] for code in languages.DEFAULT])


def test_a_traditional_script_site_shows_no_simplified_interface_word(traditional):
    """Every text a visitor reads is Traditional: converting it to Traditional changes nothing
    (the interface's words are converted from the Simplified catalogue; the content was written
    in Traditional)."""
    import opencc
    to_traditional = opencc.OpenCC("s2tw")
    zh = [p for p in html_pages(traditional) if p.relative_to(traditional).parts[0] != "en"]
    assert len(zh) > 20
    for path in zh:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == "zh-Hant", path
        for node in soup.find_all(string=True):
            if node.find_parent(("script", "style", "code")) or not re.search(r"[\u4e00-\u9fff]", node):
                continue   # code: what an editor types, such as the placeholder mark （待补充）
            assert to_traditional.convert(str(node)) == str(node), (path, str(node).strip()[:80])
        for attribute in ("aria-label", "title", "placeholder", "content"):
            for element in soup.select(f"[{attribute}]"):
                value = element[attribute]
                assert to_traditional.convert(value) == value, (path, attribute, value[:80])


def test_a_traditional_script_site_is_tagged_and_searched_as_such(traditional):
    home = page(traditional, "")
    switch = {a["hreflang"]: a.get_text(strip=True) for a in home.select("a.md-select__link")}
    assert switch == {"zh-Hant": "繁體中文", "en": "English"}
    entry = json.loads((traditional / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"zh"}
    # English pages show the jurisdiction's untranslated words tagged with their script.
    pending = content(page(traditional, "en/linhai/")).select(".portal-pending")
    assert pending and all(mark.find_previous_sibling("span")["lang"] == "zh-Hant" for mark in pending)
    # The reviewed list corrects what the converter gets wrong.
    assert languages.catalogue("zh-hant")["illustrative_map"].endswith("正式發布。")
