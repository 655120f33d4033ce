"""A page weighs the same on a portal of any size: the navigation lists a long section's open
page and its neighbours, not all its siblings; a page outside the navigation (a project's) lists
no jurisdiction at all; jurisdictions nest under their parents. The portals are the benchmark's
synthetic ones (bench/run.py), with two projects a chain."""
from __future__ import annotations

import importlib.util
import re

import pytest

from conftest import REPO, built, page

from generator.mkdocs_engine import NAV_CAP

pytestmark = pytest.mark.slow   # builds whole portals: `pytest -m 'not slow'` leaves it out


def synthetic_site(root, **shape):
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.synthetic_portal(root, projects_per_chain=2, **shape)
    return built(root, root.parent / "site")


@pytest.fixture(scope="module")
def nested(tmp_path_factory):
    """A province and a city under it, of 2 chains each."""
    return synthetic_site(tmp_path_factory.mktemp("nested") / "portal", chains=4, jurisdictions=2)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """8 provinces of 8 chains each: one more of each than the navigation lists."""
    return synthetic_site(tmp_path_factory.mktemp("small") / "portal", chains=64, jurisdictions=8,
                          cities_per_province=0)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """12 provinces of 12 chains each."""
    return synthetic_site(tmp_path_factory.mktemp("large") / "portal", chains=144, jurisdictions=12,
                          cities_per_province=0)


def nav_links(soup) -> list[tuple[str, str]]:
    """(text, address) of every link in the primary navigation, in order."""
    return [(" ".join(a.get_text().split()), a["href"]) for a in soup.select(".md-nav--primary a.md-nav__link")]


def test_a_long_section_lists_the_open_page_its_neighbours_and_a_link_to_all(large):
    # The last chain of the last jurisdiction: both windows must reach the end.
    soup = page(large, "j11/chains/j11-c143/")
    links = nav_links(soup)
    chains = [text for text, _ in links if re.fullmatch(r"产业链\d+", text)]
    assert "产业链143" in chains and len(chains) == NAV_CAP, chains
    assert chains == [f"产业链{c}" for c in range(144 - NAV_CAP, 144)]
    assert ("查看全部 12 项", "../") in links           # the jurisdiction's list of its chains
    roots = [text for text, _ in links if re.fullmatch(r"辖区\d+", text)]
    assert "辖区11" in roots and len(roots) == NAV_CAP, roots
    assert ("查看全部 12 项", "../../..#jurisdictions") in links
    assert soup.select_one(".md-nav__link--active").get_text(strip=True) == "产业链143"
    # In the middle, the open page has neighbours on both sides.
    middle = [text for text, _ in nav_links(page(large, "j5/chains/j5-c66/")) if re.fullmatch(r"产业链\d+", text)]
    assert middle == [f"产业链{c}" for c in range(63, 70)]


def test_a_page_outside_the_navigation_lists_no_jurisdiction(large):
    links = nav_links(page(large, "projects/j11-c143-p0/"))
    assert [text for text, _ in links] == ["首页", "辖区", "人员索引", "招商项目", "政策文件"]
    assert dict(links)["辖区"] == "../..#jurisdictions"


def test_pages_weigh_the_same_with_more_jurisdictions_and_more_chains(small, large):
    for small_path, large_path in (("projects/j0-c0-p0/", "projects/j0-c0-p0/"),
                                   ("j0/chains/j0-c0/", "j0/chains/j0-c0/")):
        light = (small / small_path / "index.html").stat().st_size
        heavy = (large / large_path / "index.html").stat().st_size
        # What differs is a digit here and there ("查看全部 12 项", 产业链1 … 产业链11).
        assert heavy - light < 100, (small_path, light, heavy)
    # The goal of a national portal: a project page of at most 8 KB (bench/README.md: 14.5 KB before).
    for lang in ("", "en/"):
        assert (large / lang / "projects/j0-c0-p0/index.html").stat().st_size <= 8_000, lang


def test_a_jurisdiction_sits_under_its_parent_in_the_navigation(nested):
    home = nav_links(page(nested, ""))
    assert [text for text, _ in home if re.fullmatch(r"辖区\d+", text)] == ["辖区0"]   # the city is not at the top
    city = page(nested, "j1/chains/j1-c2/")
    open_sections = [" ".join(a.get_text().split()) for a in
                     city.select(".md-nav__item--active > .md-nav__container > a.md-nav__link")]
    assert open_sections[:2] == ["辖区0", "辖区1"], open_sections


def first_page_requests(browser, url: str) -> list[str]:
    tab = browser.new_page()
    asked: list[str] = []
    tab.on("request", lambda request: asked.append(request.url))
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    tab.close()
    return asked


def test_the_home_page_names_the_top_jurisdictions_and_sets_each_under_its_parent(nested, browser):
    """The ways in name the jurisdictions at the portal's top and lead to all of them; each card
    of a jurisdiction under another names it, and follows it. A national portal's 300
    jurisdictions would otherwise be three walls of links at the top of its home page."""
    from conftest import content, served

    home = content(page(nested, "en/"))
    for way in home.select(".portal-way ul"):
        names = [a.get_text(strip=True) for a in way.select("a")]
        assert "All 2 jurisdictions" in names and not [n for n in names if "Jurisdiction 1" in n], names
    cards = home.select(".portal-card")
    assert [card.h3.get_text(strip=True) for card in cards] == ["Jurisdiction 0", "Jurisdiction 1"]
    assert cards[1].select_one(".portal-meta").get_text(" ", strip=True) == "City · under Jurisdiction 0"
    assert "under" not in cards[0].select_one(".portal-meta").get_text()
    with served(nested, "/portal/") as url:
        tab = browser.new_page(viewport={"width": 390, "height": 800})
        tab.goto(url + "en/")
        tab.get_by_role("link", name="All 2 jurisdictions").first.click()
        assert tab.url.endswith("/portal/en/#jurisdictions")
        tab.wait_for_timeout(600)   # Material's smooth scroll
        assert 0 <= tab.locator("#jurisdictions").bounding_box()["y"] < 200
        tab.close()


def test_a_large_portal_s_first_page_does_not_fetch_its_sitemap(browser, sample_site, tmp_path_factory):
    """Material's instant navigation reads the whole sitemap on a visitor's first page (13.5 MB
    at 1,000 chains): past mkdocs_engine.INSTANT_NAVIGATION_PAGES it is off, and links are page
    loads. Here the limit is lowered below a small portal's size; the sample stays under it."""
    from conftest import served

    from generator import mkdocs_engine

    root = tmp_path_factory.mktemp("large") / "portal"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mkdocs_engine, "INSTANT_NAVIGATION_PAGES", 10)
        site = synthetic_site(root, chains=4, jurisdictions=2)
    assert "navigation.instant" not in page(site, "projects/j0-c0-p0/").select_one("#__config").get_text()
    with served(site, "/portal/") as url:
        assert not [asked for asked in first_page_requests(browser, url + "projects/j0-c0-p0/") if "sitemap" in asked]
    with served(sample_site, "/portal/") as url:
        assert [asked for asked in first_page_requests(browser, url + "hunan/") if asked.endswith("/sitemap.xml")]
