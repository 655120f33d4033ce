"""Every page right at first sight: each page kind, in both languages, at desk and phone width,
in headless Chromium against the sample portal served under a sub-path, asserting what a
visitor sees. And the accessibility of every page of the sample, not a chosen few."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from conftest import LINHAI, content, free_port, served, page as parsed

from generator import build as pipeline

PREFIX = "/portal/"
WIDTHS = {"desk": (1366, 900), "phone": (390, 844)}
BAD_WORDS = re.compile(r"(?<![\w-])(None|undefined|null|NaN)(?![\w-])")
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def site_url(sample_site):
    with served(sample_site, PREFIX) as url:
        yield url


def all_pages(site: Path) -> list[str]:
    paths = (p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return sorted("" if path == "." else path + "/" for path in paths)


def kind_of(path: str) -> str:
    """Pages whose addresses differ only in their last part are of one kind."""
    parts = [p for p in path.strip("/").split("/") if p]
    return "/".join(parts[:-1] + ["*"]) if len(parts) > 1 else "/".join(parts) or "(home)"


def one_of_each_kind(site: Path) -> list[str]:
    kinds: dict[str, str] = {}
    for path in all_pages(site):
        kinds.setdefault(kind_of(path), path)
    return sorted(kinds.values())


LISTS = ("investment/", "shanxi/investment/", "en/investment/", "en/shanxi/investment/")

FACTS = """() => {
  const h1 = document.querySelector('article h1');
  const site = (document.querySelector('.md-header__topic .md-ellipsis') || {}).textContent || '';
  const charts = [...document.querySelectorAll('[_echarts_instance_]')].map(el => {
    const c = el.querySelector('canvas, svg'); const r = c ? c.getBoundingClientRect() : {width: 0, height: 0};
    return r.width > 0 && r.height > 0; });
  const row = document.querySelector('.portal-list tbody tr:not([hidden])');
  return {h1: h1 ? h1.innerText.trim() : null, h1count: document.querySelectorAll('h1').length, site: site.trim(),
          title: document.title, text: document.body.innerText, charts,
          wide: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
          firstRow: row ? row.getBoundingClientRect().top : null};
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_kind_reads_right(browser, sample_site, site_url, width):
    context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS[width])),
                                  is_mobile=width == "phone", has_touch=width == "phone")
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    problems = []
    for path in one_of_each_kind(sample_site):
        tab.goto(site_url + path)
        tab.wait_for_timeout(200)
        facts = tab.evaluate(FACTS)
        home = path in ("", "en/")
        if not facts["h1"] or facts["h1count"] != 1:
            problems.append(f"{path}: {facts['h1count']} <h1>")
        elif not home and facts["h1"] == facts["site"]:
            problems.append(f"{path}: the <h1> is the site's name")
        elif not home and not facts["title"].startswith(facts["h1"].split("\n")[0][:20]):
            problems.append(f"{path}: the tab says {facts['title']!r}, the page {facts['h1']!r}")
        for word in set(BAD_WORDS.findall(facts["text"])):
            problems.append(f"{path}: shows {word!r}")
        if facts["wide"]:
            problems.append(f"{path}: scrolls sideways at {WIDTHS[width][0]} px")
        if not all(facts["charts"]):
            problems.append(f"{path}: a chart drew nothing")
        if path in LISTS and width == "phone" and (facts["firstRow"] is None or facts["firstRow"] > WIDTHS[width][1]):
            problems.append(f"{path}: the first project starts {facts['firstRow']} px down, below the first screen")
    context.close()
    assert not problems, "\n".join(problems)
    assert not errors, errors


@pytest.mark.parametrize("path, zh, en", [
    ("hunan/", "湖南省", "Hunan Province"),
    ("hunan/chiefs/", "湖南省链长分工表", "Chief-Assignment Table: Hunan Province"),
    ("hunan/chains/hunan-software/", "软件", "Software"),
    ("projects/shanxi-a-1/", "示例整机制造基地项目", None),
    ("investment/", "招商项目", "Investment Projects"),
    ("policies/", "政策文件", "Policies"),
])
def test_a_page_is_headed_by_its_own_name(sample_site, path, zh, en):
    for prefix, expected in (("", zh), ("en/", en)):
        if expected is None:
            continue
        soup = parsed(sample_site, prefix + path)
        assert content(soup).find("h1").get_text(strip=True).startswith(expected)
        assert soup.title.get_text().startswith(expected)


@pytest.mark.parametrize("path", ["projects/shanxi-a-1/", "hunan/chains/hunan-software/", "en/shanxi/"])
def test_skip_to_content_lands_on_the_pages_own_heading(browser, site_url, path):
    """The first Tab reaches Material's skip link; following it puts the page's heading, not
    its first section past the summary, at the top of the screen, and keyboard focus after it."""
    tab = browser.new_page(viewport={"width": 1366, "height": 600})
    try:
        # Once the page has settled, as when a visitor starts to use the keyboard: pressed in the
        # same instant as the load event, the link was followed without its target (1 in 4).
        tab.goto(site_url + path, wait_until="networkidle")
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.classList.contains('md-skip')")
        tab.keyboard.press("Enter")
        assert tab.evaluate("location.hash") == "#page-title"
        assert tab.evaluate("document.querySelector(':target') === document.querySelector('article h1')")
        # Just under the sticky header, once the (smooth) scroll has come to rest.
        tab.wait_for_function("""() => { const top = document.querySelector('article h1').getBoundingClientRect().top;
            return 0 <= top && top <= document.querySelector('.md-header').offsetHeight + 40; }""", timeout=5000)
    finally:
        tab.close()


def test_no_serious_accessibility_violation_on_any_page(browser, sample_site, site_url):
    assert AXE.exists(), "needs `npm ci` (the Makefile's test target runs it)"
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    found = {}
    for path in all_pages(sample_site):
        tab.goto(site_url + path)
        tab.add_script_tag(path=str(AXE))
        violations = tab.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        serious = [f"{v['id']} ×{len(v['nodes'])}: {v['nodes'][0]['html'][:100]}" for v in violations
                   if v["impact"] in ("serious", "critical")]
        if serious:
            found[path] = serious
    context.close()
    assert not found, found


@pytest.mark.parametrize("width", WIDTHS)
def test_a_chief_table_shows_its_printed_copy_only_on_paper(browser, site_url, width):
    """The table for paper (blocks headed by the document's address) is in every chief table's
    page; on screen only the table itself shows, at a phone's width too."""
    tab = browser.new_page(viewport=dict(zip(("width", "height"), WIDTHS[width])))
    try:
        for path in ("hunan/chiefs/", "en/shanxi/chiefs/"):
            tab.goto(site_url + path)
            assert tab.locator(".portal-print-only").count() == 1
            assert not tab.evaluate("[...document.querySelectorAll('.portal-print-only')]"
                                    ".some(e => e.getClientRects().length)"), f"{path} at {width}"
            assert tab.locator("#table-assignments").is_visible()
    finally:
        tab.close()


def test_the_hunan_chief_table_prints_on_a4_landscape(browser, site_url):
    from pypdf import PdfReader

    tab = browser.new_page()
    tab.goto(site_url + "hunan/chiefs/")
    pdf = PdfReader(io.BytesIO(tab.pdf(prefer_css_page_size=True, print_background=True)))
    pages = [p.extract_text() for p in pdf.pages]
    assert {tuple(round(float(v)) for v in p.mediabox) for p in pdf.pages} == {(0, 0, 842, 595)}   # A4 landscape
    assert len(pages) == 2, [len(t) for t in pages]
    for number, text in enumerate(pages, 1):
        assert "产业集群" in text, f"page {number} does not say which group its rows belong to"
        assert "附件2" in text and "2021-08-17" in text, f"page {number} does not cite its document"
        assert "hunan/chiefs/" in text, f"page {number} does not give its address"
    assert len(pages[0].splitlines()) > 20, "the first page is nearly empty"
    tab.close()


def test_a_missing_address_answers_in_the_visitors_language_with_links_that_work(browser, tmp_path):
    """The 404 page loads its assets from the published address: the site is built for the
    address it is served at, as on GitHub Pages."""
    port = free_port()
    base = f"http://127.0.0.1:{port}{PREFIX}"
    assert not pipeline.build(LINHAI, tmp_path / "site", base_url=base).report.errors
    tab = browser.new_page()
    with served(tmp_path / "site", PREFIX, port):
        for address, first, lang in (("linhai/chains/no-such-chain/", "此网址没有页面", "zh-Hans"),
                                     ("en/linhai/chains/no/such/page/", "There is no page at this address", "en")):
            tab.goto(base + address)
            notices = tab.locator(".portal-not-found__notice")
            assert notices.first.inner_text().startswith(first), address
            assert tab.evaluate("document.documentElement.lang") == lang
            links = [a.get_attribute("href") for a in notices.first.locator("a").all()]
            assert links and all(link.startswith(base) for link in links)
            tab.goto(links[0])
            assert tab.locator("article h1").inner_text()   # a real page, not another 404
    tab.close()


def test_every_folder_a_visitor_can_reach_has_a_page(sample_site):
    """Shortening an address never ends at a server's bare 'forbidden': every folder of the site
    holding pages or downloads has its own index page (the theme's asset folders aside)."""
    machinery = {"assets", "pagefind"}
    missing = [str(folder.relative_to(sample_site)) for folder in sample_site.rglob("*")
               if folder.is_dir() and not machinery & set(folder.relative_to(sample_site).parts)
               and not (folder / "index.html").is_file()]
    assert not missing, missing
