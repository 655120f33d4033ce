"""Search as visitors use it: words typed into the search page, in Simplified and Traditional
Chinese and in English, answered from the site's own Pagefind index in headless Chromium,
with the site served under a sub-path."""
from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import served
from generator import search_index

PREFIX = "/portal/"
ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")

# (words typed, an address that must be among the first five results). Parts of names, whole
# names, people, units, policies and their numbers, English singular and plural, record ids.
SAMPLE_QUERIES = [
    ("储能", "hunan/chains/hunan-energy-storage/"),
    ("电池", "hunan/chains/hunan-energy-storage/"),
    ("动力电池", "hunan/chains/hunan-energy-storage/"),
    ("先进储能材料及动力电池", "hunan/chains/hunan-energy-storage/"),
    ("智能网联", "hunan/chains/hunan-new-energy-vehicles/"),
    ("汽车", "hunan/chains/hunan-new-energy-vehicles/"),
    ("汽车", "lvyuan/chains/lvyuan-auto-parts/"),
    ("零部件", "lvyuan/chains/lvyuan-auto-parts/"),
    ("陶瓷", "hunan/chains/hunan-advanced-ceramics/"),
    ("软件", "hunan/chains/hunan-software/"),
    ("工程机械", "hunan/chains/hunan-construction-machinery/"),
    ("肉牛", "lvyuan/chains/lvyuan-beef/"),
    ("陈飞", "hunan/chiefs/"),
    ("陈飞", "people/"),
    ("联系省领导", "hunan/"),
    ("盟会长单位", "henan/"),
    ("双长制", "policies/henan-2021-61/"),
    ("豫政办", "policies/henan-2021-61/"),
    ("长绿府办发", "policies/lvyuan-2022-14/"),
    ("行动计划", "policies/shanxi-2024-plan/"),
    ("检测中心", "projects/shanxi-a-3/"),
    ("示例检测中心项目", "projects/shanxi-a-3/"),
    ("湖南", "hunan/"),
    ("绿园区", "lvyuan/"),
    ("hunan-software", "hunan/chains/hunan-software/"),
    ("shanxi-a-3", "projects/shanxi-a-3/"),
    ("en:battery", "en/hunan/chains/hunan-energy-storage/"),
    ("en:batteries", "en/hunan/chains/hunan-energy-storage/"),
    ("en:ceramic", "en/hunan/chains/hunan-advanced-ceramics/"),
    ("en:ceramics", "en/hunan/chains/hunan-advanced-ceramics/"),
    ("en:vehicle", "en/hunan/chains/hunan-new-energy-vehicles/"),
    ("en:software", "en/hunan/chains/hunan-software/"),
    ("en:auto parts", "en/lvyuan/chains/lvyuan-auto-parts/"),
    ("en:Chen Fei", "en/hunan/chiefs/"),
    ("en:Hunan", "en/hunan/"),
    ("en:alliance chair", "en/henan/"),
    ("en:linked provincial leaders", "en/hunan/"),
    ("en:testing centre", "en/projects/shanxi-a-3/"),
    ("en:action plan", "en/policies/shanxi-2024-plan/"),
    ("en:hunan-software", "en/hunan/chains/hunan-software/"),
]
# The made-up jurisdiction written in Traditional script (tests/fixtures/linhai).
TRADITIONAL_QUERIES = [
    ("水產", "linhai/chains/linhai-seafood/"),
    ("加工", "linhai/chains/linhai-seafood/"),
    ("遊艇", "linhai/chains/linhai-shipyard/"),
    ("遊艇製造鏈", "linhai/chains/linhai-shipyard/"),
    ("冷凍倉儲", "projects/linhai-cold-store/"),
    ("產業鏈召集人", "linhai/chiefs/"),
    ("召集人", "policies/linhai-plan/"),
    ("林志明", "linhai/chiefs/"),
    ("漁業處", "linhai/units/"),
    ("雙週協調會", "linhai/"),
    ("臨府產字", "policies/linhai-plan/"),
    ("en:yacht", "en/linhai/chains/linhai-shipyard/"),
    ("en:yachts", "en/linhai/chains/linhai-shipyard/"),
]
# A name, or part of one, finds its own page first.
FIRST = [("储能", "hunan/chains/hunan-energy-storage/"), ("软件", "hunan/chains/hunan-software/"),
         ("hunan-software", "hunan/chains/hunan-software/"), ("en:batteries", "en/hunan/chains/hunan-energy-storage/"),
         ("遊艇", "linhai/chains/linhai-shipyard/"), ("检测中心", "projects/shanxi-a-3/")]


@pytest.fixture(scope="module")
def sample_url(sample_site):
    with served(sample_site, PREFIX) as url:
        yield url


@pytest.fixture(scope="module")
def linhai_url(linhai_site):
    with served(linhai_site, PREFIX) as url:
        yield url


@pytest.fixture
def tab(browser):
    """A tab that fails the test on any error in the page (a blocked WebAssembly, a failed chunk)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not errors, errors


def open_search(tab, site_url: str, words: str, extra: str = "") -> list[dict]:
    """Open the search page for `words` (prefixed 'en:' for the English site) and return what
    each result shows: its address (within the site), kind and place line, title and excerpt."""
    lang = "en/" if words.startswith("en:") else ""
    words = words.removeprefix("en:")
    tab.goto(f"{site_url}{lang}search/?q={quote(words)}{extra}")
    tab.wait_for_selector(".portal-search__results[aria-busy=false]", state="attached", timeout=15000)
    return tab.eval_on_selector_all(".portal-search__result", """items => items.map(item => ({
        href: new URL(item.querySelector('.portal-search__heading a').href).pathname,
        context: item.querySelector('.portal-search__context').textContent,
        title: item.querySelector('.portal-search__heading').textContent,
        excerpt: item.querySelector('.portal-search__excerpt').textContent,
        excerptHtml: item.querySelector('.portal-search__excerpt').innerHTML}))""")


def top_five(results: list[dict]) -> list[str]:
    return [r["href"].removeprefix(PREFIX) for r in results[:5]]


def misses(tab, site_url: str, queries) -> list[tuple]:
    found = []
    for words, expected in queries:
        top = top_five(open_search(tab, site_url, words))
        if expected not in top:
            found.append((words, expected, top))
    return found


def test_words_inside_names_in_both_languages(tab, sample_url):
    assert not misses(tab, sample_url, SAMPLE_QUERIES)


def test_traditional_script(tab, linhai_url):
    assert not misses(tab, linhai_url, TRADITIONAL_QUERIES)


def test_a_name_finds_its_own_page_first(tab, sample_url, linhai_url):
    for words, expected in FIRST:
        url = linhai_url if "linhai" in expected else sample_url
        assert top_five(open_search(tab, url, words))[0] == expected, words


def test_results_say_what_and_where_with_a_clean_excerpt(tab, sample_url):
    results = open_search(tab, sample_url, "储能")
    first = results[0]
    assert first["context"] == "产业链 · 湖南省" and first["title"] == "先进储能材料及动力电池"
    for result in results:
        assert not ZERO_WIDTH.search(result["title"] + result["excerpt"])
        assert "¶" not in result["excerpt"]
        # Nothing of the page's markup reaches an excerpt but the highlight.
        assert set(re.findall(r"</?([a-z]+)", result["excerptHtml"])) <= {"mark"}
    policy = open_search(tab, sample_url, "豫政办")[0]
    assert policy["context"] == "政策文件 · 河南省"
    # A label and its value stay apart: 发文机关 河南省人民政府办公厅, not 发文机关河南省….
    assert "发文机关河南省" not in policy["excerpt"] and "文号豫政办" not in policy["excerpt"]
    english = open_search(tab, sample_url, "en:Chen Fei")
    assert any(r["context"] == "Chief-Assignment Table · Hunan Province" for r in english)
    assert open_search(tab, sample_url, "en:shanxi-a-3")[0]["context"] == "Project · Shanxi Province"


def test_filters_by_kind_and_jurisdiction_live_in_the_address(tab, sample_url):
    everything = open_search(tab, sample_url, "项目")
    assert {r["context"].split(" · ")[0] for r in everything} > {"项目"}
    # The filters fold until asked for (their index is fetched then).
    assert not tab.get_by_role("checkbox", name=re.compile("^项目")).is_visible()
    tab.locator(".portal-search__filters summary").click()
    tab.get_by_role("checkbox", name=re.compile("^项目")).check()
    tab.wait_for_function("location.search.includes('kind=')")
    tab.wait_for_selector(".portal-search__results[aria-busy=false]", state="attached")
    shown = tab.locator(".portal-search__context").all_inner_texts()
    assert shown and all(text.startswith("项目 · ") for text in shown)
    # The address restores the same view: shared, bookmarked, or after a reload.
    address = tab.url
    tab.goto("about:blank")
    restored = open_search(tab, sample_url, "项目", extra="&kind=" + quote("项目"))
    assert [r["context"] for r in restored] == shown and tab.url == address
    assert tab.get_by_role("checkbox", name=re.compile("^项目")).is_checked()
    # Each option says how many results it holds.
    counts = tab.locator(".portal-search__option").all_inner_texts()
    assert any(re.search(r"项目\s*8$", text) for text in counts), counts
    by_place = open_search(tab, sample_url, "项目", extra="&place=" + quote("湖南省"))
    assert by_place and all(r["context"].endswith("湖南省") for r in by_place)


def test_no_result_and_more_results(tab, sample_url):
    assert open_search(tab, sample_url, "qwxzvbn") == []
    assert tab.locator(".portal-search__status").inner_text().startswith("没有找到")   # and says so
    first = open_search(tab, sample_url, "en:chain")
    assert len(first) == 10 and tab.locator(".portal-search__more").is_visible()
    tab.locator(".portal-search__more").click()
    tab.wait_for_function("document.querySelectorAll('.portal-search__result').length > 10")
    # The keyboard goes on where the new results begin.
    assert tab.evaluate("document.activeElement.closest('.portal-search__result') === "
                        "document.querySelectorAll('.portal-search__result')[10]")


@pytest.mark.parametrize("width", [1366, 390])
def test_the_header_opens_the_search_page(browser, sample_url, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    tab = context.new_page()
    tab.goto(sample_url + "en/hunan/")
    if width >= 1000:   # a box in the header; "/" puts the cursor in it
        tab.keyboard.press("/")
        assert tab.evaluate("document.activeElement.classList.contains('portal-header-search__input')")
        tab.keyboard.type("batteries")
        tab.keyboard.press("Enter")
    else:               # on a phone, a button: the page's own box then takes the words
        assert not tab.locator(".portal-header-search__input").is_visible()
        tab.locator(".portal-header-search__button").click()
        tab.wait_for_url(re.compile(r"/en/search/"))
        assert tab.evaluate("document.activeElement.id") == "portal-search-query"
        tab.keyboard.type("batteries")
        tab.keyboard.press("Enter")
        tab.wait_for_function("location.search.includes('q=batteries')")
    tab.wait_for_selector(".portal-search__results[aria-busy=false]", state="attached")
    assert tab.url.startswith(sample_url + "en/search/") and "q=batteries" in tab.url
    assert tab.locator("article h1").inner_text() == "Search"
    first = tab.locator(".portal-search__heading a").first
    assert first.inner_text() == "Advanced Energy-Storage Materials and Power Batteries"
    assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    first.click()   # the link leads where it says, under the sub-path
    tab.wait_for_url(sample_url + "en/hunan/chains/hunan-energy-storage/")
    context.close()


def test_only_searchable_pages_are_indexed(tab, sample_url):
    """Lists repeat the project pages: a project is found on its own page, not on four lists."""
    hrefs = [r["href"] for r in open_search(tab, sample_url, "示例检测中心项目")]
    assert not any(h.endswith(("/investment/", "/zones/", "/projects/", "/search/")) for h in hrefs), hrefs


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_and_filters_pass_axe(browser, sample_url, scheme):
    from test_first_sight import AXE
    found = {}
    for width in (1366, 390):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        tab = context.new_page()
        open_search(tab, sample_url, "项目", extra="&place=" + quote("山西省"))
        tab.add_script_tag(path=str(AXE))
        violations = tab.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        found[width] = [f"{v['id']}: {v['nodes'][0]['html'][:100]}" for v in violations
                        if v["impact"] in ("serious", "critical")]
        context.close()
    assert not any(found.values()), found


def test_back_to_the_results_after_opening_one(tab, sample_url):
    """Material's instant navigation brings the search page back without a page load: the
    results come back with it, from the address."""
    open_search(tab, sample_url, "储能")
    tab.locator(".portal-search__heading a").first.click()
    tab.wait_for_url(sample_url + "hunan/chains/hunan-energy-storage/")
    tab.go_back()
    tab.wait_for_selector(".portal-search__result")
    assert tab.locator(".portal-search__input").input_value() == "储能"
    assert tab.locator(".portal-search__heading a").first.inner_text() == "先进储能材料及动力电池"


def fragments(index: Path) -> dict[str, dict]:
    """Each page Pagefind indexed, by address: its words, filters, meta and anchors."""
    pages = {}
    for path in (index / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        pages[fragment["url"]] = fragment
    return pages


def test_the_index_made_from_searched_copies_is_the_index_of_the_pages_whole(sample_site, tmp_path):
    """The build has Pagefind read each searchable page cut to its article (searched_copy); the
    index it ships has every page, word, filter, meta and anchor that Pagefind finds in the
    built pages read whole."""
    from generator.build import NODE_MODULES

    for site, index, language in [(sample_site, sample_site / "pagefind", "zh"), (sample_site / "en", sample_site / "en" / "pagefind", "en")]:
        whole = tmp_path / f"whole-{language}"
        pages = tmp_path / f"pages-{language}"
        for page in site.rglob("*.html"):   # the language's own pages, not the other's under en/
            relative = page.relative_to(site)
            if relative.parts[0] not in ("en", "pagefind"):
                (pages / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(page, pages / relative)
        subprocess.run([str(search_index.binary(NODE_MODULES)), "--site", str(pages), "--output-path", str(whole),
                        "--exclude-selectors", search_index.EXCLUDED, "--force-language", language, "--silent"],
                       check=True, timeout=300)
        shipped, expected = fragments(index), fragments(whole)
        assert len(shipped) > 40 and shipped == expected


def test_a_searched_copy_is_the_article_of_a_searchable_page():
    page = ('<!doctype html><html lang="en" class="no-js"><head><title>T</title></head><body><header>menu</header>'
            '<article class="md-content__inner"><div data-pagefind-body><h1>Title</h1>text</div></article>'
            '<footer>f</footer></body></html>')
    copy = search_index.searched_copy(page)
    assert copy == ('<!doctype html><html lang="en" class="no-js"><body><article class="md-content__inner">'
                    '<div data-pagefind-body><h1>Title</h1>text</div></article></body></html>')
    assert search_index.searched_copy(page.replace(" data-pagefind-body", "")) is None
    # The words as text (escaped, as content always is) do not make a page searchable.
    assert search_index.searched_copy(page.replace("<div data-pagefind-body>", "&lt;div data-pagefind-body&gt;<div>")) is None
    outside = page.replace('<header>menu</header>', '<header data-pagefind-body>menu</header>').replace(
        "<div data-pagefind-body>", "<div>")
    assert search_index.searched_copy(outside) == outside   # marked outside the article: the page whole
