"""A list longer than one page (120 projects): pages when scripted, complete without scripts,
every matching row on paper. The portal is the benchmark's synthetic one, at 4 chains."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import REPO, built, page, served

pytestmark = pytest.mark.slow   # builds whole portals (or runs programs): `pytest -m 'not slow'` leaves it out

PAGE_SIZE = 100


def synthetic_portal(root, chains: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.synthetic_portal(root, chains)


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("long") / "portal"
    synthetic_portal(root, 4)
    return built(root, root.parent / "site")


@pytest.fixture(scope="module")
def long_url(long_site):
    with served(long_site) as url:
        yield url


def shown(tab) -> list[str]:
    """Ids of the projects a reader sees, in order (hidden and off-page rows are not laid out)."""
    return tab.eval_on_selector_all(
        ".portal-list tbody tr", "rows => rows.filter(r => r.getClientRects().length)"
                                 ".map(r => r.querySelector('a').pathname.split('/').filter(Boolean).pop())")


def open_list(browser, url: str, **context):
    tab = browser.new_context(**context).new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(url)
    if context.get("java_script_enabled", True):
        tab.wait_for_selector("form.portal-filters:not([hidden])")
    return tab, errors


def test_the_html_holds_every_row(long_site):
    rows = page(long_site, "investment").select(".portal-list tbody tr")
    assert len(rows) == 120


def test_a_feed_carries_the_newest_hundred_of_a_long_list(long_site):
    import feedparser

    from generator.opendata import FEED_ENTRIES

    feed = feedparser.parse((long_site / "feeds" / "projects.atom").read_bytes())
    assert not feed.bozo and len(feed.entries) == FEED_ENTRIES == PAGE_SIZE
    dates = [entry.updated for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    # None left out is newer than the oldest kept (the synthetic projects' dates cycle by month).
    kept = {entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries}
    rows = page(long_site, "investment/").select(".portal-list tbody tr")
    left_out = [row.select_one("time")["datetime"] for row in rows if row["data-id"] not in kept]
    assert len(left_out) == 20 and max(left_out) <= min(dates)[:10]


def test_without_javascript_every_row_is_shown_and_no_pager(browser, long_url):
    tab, errors = open_list(browser, long_url + "investment/", java_script_enabled=False)
    assert len(shown(tab)) == 120
    for hidden in ("form.portal-filters", ".portal-pager", ".portal-list-pending"):
        assert tab.locator(hidden).is_hidden(), hidden
    assert not errors
    tab.context.close()


def test_pages_of_a_long_list_and_the_address_keeps_the_page(browser, long_url):
    tab, errors = open_list(browser, long_url + "en/investment/")
    first = shown(tab)
    assert len(first) == PAGE_SIZE
    assert tab.locator("[data-count]").inner_text() == "Showing 1–100 of 120 matching projects (120 in all)"
    assert tab.locator("[data-page-label]").inner_text() == "Page 1 of 2"
    assert tab.locator("[data-page-previous]").is_disabled() and tab.locator(".portal-list-pending").is_hidden()
    tab.click("[data-page-next]")
    second = shown(tab)
    assert len(second) == 20 and not set(first) & set(second)
    assert "page=2" in tab.url and tab.locator("[data-page-next]").is_disabled()
    # The address reproduces the page.
    again, more_errors = open_list(browser, tab.url)
    assert shown(again) == second
    # A filter starts again at page 1 and the pager goes when one page holds the result.
    again.select_option("select[name=stage]", "planned")
    assert len(shown(again)) == 40 and "page=" not in again.url
    assert again.locator(".portal-pager").is_hidden()
    assert again.locator("[data-count]").inner_text() == "Showing 40 of 120 projects"
    assert not errors and not more_errors
    tab.context.close()
    again.context.close()


def test_sorting_orders_across_pages(browser, long_url):
    tab, errors = open_list(browser, long_url + "investment/?sort=amount-desc")
    amounts = tab.eval_on_selector_all(".portal-list tbody tr", "rows => rows.map(r => parseFloat(r.dataset.amount))")
    assert amounts == sorted(amounts, reverse=True)
    first = shown(tab)
    assert first == [tab.eval_on_selector_all(".portal-list tbody tr td:first-child a",
                                              "links => links.map(a => a.pathname.split('/').filter(Boolean).pop())")[i]
                     for i in range(PAGE_SIZE)]
    tab.click("[data-page-next]")
    assert tab.locator("th[data-sort=amount]").get_attribute("aria-sort") == "descending"
    assert "sort=amount-desc" in tab.url and "page=2" in tab.url
    assert not errors
    tab.context.close()


def test_printing_prints_every_matching_row(browser, long_url):
    tab, errors = open_list(browser, long_url + "investment/?stage=reserve")
    tab.select_option("select[name=stage]", "")
    assert len(shown(tab)) == PAGE_SIZE
    tab.emulate_media(media="print")
    assert len(shown(tab)) == 120
    assert not errors
    tab.context.close()
