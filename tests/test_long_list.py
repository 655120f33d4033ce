"""A list longer than one page (120 projects), as a visitor meets it. Without scripts it comes
in parts of a page each, linked to one another, that together hold every row once; with
scripts the first part loads the others' rows, and the pager, filters, sorting, charts, map,
picks and downloads cover every row; on paper every matching row is printed. The portal is the
benchmark's synthetic one, at 4 chains, built with a map of zone bubbles beyond 100 projects
(charts.MAP_PROJECTS), so that the portal's map (120 projects) draws them and a jurisdiction's
(60) draws its projects, and with a chart of the 3 largest chains (charts.TOP_CHAINS)."""
from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import REPO, built, content, page, served
from test_charts import wait_for_charts

pytestmark = pytest.mark.slow   # builds whole portals (or runs programs): `pytest -m 'not slow'` leaves it out

PAGE_SIZE = 100
OPTIONS = "id => echarts.getInstanceByDom(document.getElementById(id)).getOption()"


def synthetic_portal(root, chains: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.synthetic_portal(root, chains)


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    from generator import charts

    root = tmp_path_factory.mktemp("long") / "portal"
    synthetic_portal(root, 4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(charts, "MAP_PROJECTS", 100)
        patch.setattr(charts, "TOP_CHAINS", 3)
        return built(root, root.parent / "site")


@pytest.fixture(scope="module")
def long_url(long_site):
    with served(long_site, "/portal/") as url:
        yield url


def shown(tab) -> list[str]:
    """Ids of the projects a reader sees, in order (hidden and off-page rows are not laid out)."""
    return tab.eval_on_selector_all(
        ".portal-list tbody tr", "rows => rows.filter(r => r.getClientRects().length)"
                                 ".map(r => r.querySelector('a').pathname.split('/').filter(Boolean).pop())")


def open_list(browser, url: str, **context):
    """The list in a new tab, once its script has set it up and loaded every part's rows."""
    tab = browser.new_context(**context).new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    tab.goto(url)
    if context.get("java_script_enabled", True):
        tab.wait_for_selector("form.portal-filters:not([hidden])")
        tab.wait_for_selector("[data-loading]", state="hidden")
    return tab, errors


def part_ids(site, path: str) -> list[str]:
    return [row["data-id"] for row in page(site, path).select(".portal-list tbody tr")]


def test_the_parts_hold_every_row_once_in_the_list_s_order(long_site):
    published = json.loads((long_site / "data" / "projects.json").read_text(encoding="utf-8"))
    first, second = part_ids(long_site, "investment/"), part_ids(long_site, "investment/2/")
    assert len(first) == PAGE_SIZE and len(second) == 20
    assert first + second == [row["id"] for row in published["rows"]]
    assert not (long_site / "investment" / "3").exists()
    # The second part is a page of its own: its heading says which, and it is not in the search index.
    second_page = content(page(long_site, "en/investment/2/"))
    assert second_page.select_one("h1").get_text(strip=True) == "Investment Projects, Page 2"
    assert not second_page.select("[data-pagefind-body]")
    # A jurisdiction's list of 60 is one page.
    assert len(part_ids(long_site, "j0/investment/")) == 60 and not (long_site / "j0" / "investment" / "2").exists()


def test_a_feed_carries_the_newest_hundred_of_a_long_list(long_site):
    import feedparser

    from generator.opendata import FEED_ENTRIES

    feed = feedparser.parse((long_site / "feeds" / "projects.atom").read_bytes())
    assert not feed.bozo and len(feed.entries) == FEED_ENTRIES == PAGE_SIZE
    dates = [entry.updated for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    # None left out is newer than the oldest kept (the synthetic projects' dates cycle by month).
    kept = {entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries}
    rows = [row for path in ("investment/", "investment/2/") for row in page(long_site, path).select(".portal-list tbody tr")]
    left_out = [row.select_one("time")["datetime"] for row in rows if row["data-id"] not in kept]
    assert len(left_out) == 20 and max(left_out) <= min(dates)[:10]


def test_without_javascript_the_parts_link_to_one_another(browser, long_url):
    tab, errors = open_list(browser, long_url + "en/investment/", java_script_enabled=False)
    assert len(shown(tab)) == PAGE_SIZE
    assert tab.locator("[data-count]").inner_text() == "Projects 1–100 of 120"
    for hidden in ("form.portal-filters", ".portal-pager", ".portal-list-pending", "[data-loading]"):
        assert tab.locator(hidden).is_hidden(), hidden
    tab.locator(".portal-parts a[rel=next]").click()
    assert tab.url == long_url + "en/investment/2/"
    assert tab.locator("h1").inner_text() == "Investment Projects, Page 2"
    assert len(shown(tab)) == 20 and tab.locator("[data-count]").inner_text().startswith("Projects 101–120 of 120")
    # Both ways back to the first part: its number, and the link that says it has the filters.
    assert tab.locator(".portal-parts").first.get_by_role("link", name="1", exact=True).evaluate("a => a.href") \
        == long_url + "en/investment/"
    tab.get_by_role("link", name="Back to page 1 (to filter and sort)").click()
    assert tab.url == long_url + "en/investment/" and not errors
    tab.context.close()


def test_the_first_part_loads_the_others_and_pages_through_every_row(browser, long_url):
    tab, errors = open_list(browser, long_url + "en/investment/")
    first = shown(tab)
    assert len(first) == PAGE_SIZE
    assert tab.locator("[data-count]").inner_text() == "Showing 1–100 of 120 matching projects (120 in all)"
    assert tab.locator("[data-page-label]").inner_text() == "Page 1 of 2"
    assert tab.locator(".portal-parts").is_hidden()   # the script's pager covers every part
    assert tab.locator("[data-page-previous]").is_disabled() and tab.locator(".portal-list-pending").is_hidden()
    tab.click("[data-page-next]")
    second = shown(tab)
    assert len(second) == 20 and not set(first) & set(second)
    assert "page=2" in tab.url and tab.locator("[data-page-next]").is_disabled()
    # A row loaded from the second part keeps its link: it opens its project's page.
    tab.locator(".portal-list tbody tr a").first.click()
    assert tab.url == long_url + f"en/projects/{second[0]}/"
    # The address reproduces the page, once the second part has come.
    again, more_errors = open_list(browser, long_url + "en/investment/?page=2")
    assert shown(again) == second
    # A filter starts again at page 1 and the pager goes when one page holds the result.
    again.select_option("select[name=stage]", "planned")
    assert len(shown(again)) == 40 and "page=" not in again.url
    assert again.locator(".portal-pager").is_hidden()
    assert again.locator("[data-count]").inner_text() == "Showing 40 of 120 projects"
    # The search finds a project of the second part only.
    again.select_option("select[name=stage]", "")
    again.fill("form.portal-filters input[name=q]", "Project 3-29")
    assert shown(again) == ["j1-c3-p29"]
    assert not errors and not more_errors
    tab.context.close()
    again.context.close()


def test_the_list_is_usable_while_its_parts_load_and_says_so(browser, long_url):
    """The second part held back: the first page, its filters and its count are there at once,
    the count's total is the whole list's, and the note says how much has come."""
    context = browser.new_context()
    held = []
    context.route("**/investment/2/", lambda route: held.append(route))
    tab = context.new_page()
    tab.goto(long_url + "investment/")
    tab.wait_for_selector("form.portal-filters:not([hidden])")
    assert len(shown(tab)) == PAGE_SIZE
    assert tab.locator("[data-count]").inner_text() == "显示 100 / 120 个项目"
    assert tab.locator("[data-loading]").inner_text().startswith("正在载入全部 120 个项目（已载入 100 个）")
    assert tab.locator("[data-count]").get_attribute("aria-busy") == "true"   # told once, when complete
    while not held:   # the second part is asked for
        tab.wait_for_timeout(50)
    held[0].continue_()
    tab.wait_for_selector("[data-loading]", state="hidden")
    assert tab.locator("[data-count]").inner_text() == "显示第 1–100 个，共 120 个项目符合（总计 120 个）"
    assert tab.locator("[data-count]").get_attribute("aria-busy") is None
    context.close()


def test_a_part_that_cannot_be_loaded_is_said_and_its_links_come_back(browser, long_url):
    context = browser.new_context()
    context.route("**/investment/2/", lambda route: route.fulfill(status=404, body="gone"))
    tab = context.new_page()
    tab.goto(long_url + "en/investment/")
    tab.wait_for_selector("[data-loading]:has-text('Not every project could be loaded')")
    assert "the 100 loaded" in tab.locator("[data-loading]").inner_text()
    assert tab.locator(".portal-parts").is_visible()
    assert tab.locator("[data-count]").inner_text() == "Showing 100 of 100 projects"
    tab.wait_for_timeout(1200)   # a redraw later, the message stands
    assert "Not every project could be loaded" in tab.locator("[data-loading]").inner_text()
    context.close()


def amounts(tab) -> list[float]:
    return tab.eval_on_selector_all(".portal-list tbody tr", "rows => rows.map(r => parseFloat(r.dataset.amount))")


def test_sorting_orders_across_pages(browser, long_url):
    tab, errors = open_list(browser, long_url + "investment/?sort=amount-desc")
    first = amounts(tab)
    assert len(first) == PAGE_SIZE and first == sorted(first, reverse=True)
    tab.click("[data-page-next]")
    second = amounts(tab)
    assert len(second) == 20 and second == sorted(second, reverse=True) and max(second) <= min(first)
    assert tab.locator("th[data-sort=amount]").get_attribute("aria-sort") == "descending"
    assert "sort=amount-desc" in tab.url and "page=2" in tab.url
    assert not errors
    tab.context.close()


def test_printing_prints_every_matching_row(browser, long_url):
    tab, errors = open_list(browser, long_url + "investment/?stage=reserve")
    tab.select_option("select[name=stage]", "")
    assert len(shown(tab)) == PAGE_SIZE
    # A change of media is told to the page at its next frame (a real printout: beforeprint, at once).
    rows = "n => document.querySelectorAll('.portal-list tbody tr').length === n"
    tab.emulate_media(media="print")
    tab.wait_for_function(rows, arg=120)
    assert len(shown(tab)) == 120
    tab.emulate_media(media="screen")
    tab.wait_for_function(rows, arg=PAGE_SIZE)
    assert len(shown(tab)) == PAGE_SIZE
    assert not errors
    tab.context.close()


def test_charts_and_the_zone_map_follow_every_row(browser, long_site, long_url):
    """The portal's map draws a bubble per zone and stage (over charts.MAP_PROJECTS): each says
    how many projects it holds, and as the filter changes, so do the bubbles and the charts,
    counting rows of both parts."""
    tab, errors = open_list(browser, long_url + "en/investment/")
    wait_for_charts(tab, ["chart-list-stages", "chart-list-regional"])
    stages = tab.evaluate(OPTIONS, "chart-list-stages")
    assert sum(stages["series"][0]["data"]) == 120
    bubbles = [p for s in tab.evaluate(OPTIONS, "chart-list-regional")["series"] for p in s["data"] if p.get("of")]
    assert sum(p["count"] for p in bubbles) == 120 and not any(p.get("id") for p in bubbles)
    assert all(p["tip"][1] == f"Projects: {p['count']}" for p in bubbles)
    tab.select_option("select[name=stage]", "planned")
    tab.wait_for_timeout(300)
    after = [p for s in tab.evaluate(OPTIONS, "chart-list-regional")["series"] for p in s["data"] if p.get("of")]
    assert sum(p["count"] for p in after) == 40 and all(p["of"].endswith("/planned") for p in after)
    assert sum(tab.evaluate(OPTIONS, "chart-list-stages")["series"][0]["data"]) == 40
    note = tab.locator("#chart-list-regional").locator("xpath=..").locator(".portal-chart__note").inner_text()
    assert "each bubble is a zone's projects at one stage" in note
    # A jurisdiction's 60 projects are drawn one by one.
    j0 = content(page(long_site, "j0/investment/"))
    points = json.loads(j0.select_one("#chart-list-regional")["data-options"])["series"]
    assert sum(1 for s in points for p in s["data"] if p.get("id")) == 60
    assert not errors
    tab.context.close()


def test_download_this_view_and_picks_reach_rows_of_the_second_part(browser, long_url, tmp_path):
    tab, errors = open_list(browser, long_url + "en/investment/?q=project+3-2")
    ids = shown(tab)
    assert set(ids) == {"j1-c3-p2"} | {f"j1-c3-p{k}" for k in range(20, 30)}
    with tab.expect_download() as download:
        tab.locator("[data-view-downloads] button[data-format=csv]").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ids
    tab.locator(f"[data-pick='{ids[-1]}']").check()
    tab.locator(f"[data-pick='{ids[-2]}']").check()
    assert tab.locator("[data-compare-open]").get_attribute("href").endswith(f"?ids={ids[-1]},{ids[-2]}")
    assert not errors
    tab.context.close()


def test_a_chart_of_the_largest_chains_ranks_the_rows_shown(browser, long_url):
    """Past charts.TOP_CHAINS chains a chart by chain draws the largest by amount, and says so;
    filtered, it ranks the chains of the rows shown, named as the list's chain filter names them."""
    tab, errors = open_list(browser, long_url + "en/investment/")
    wait_for_charts(tab, ["chart-list-chains"])
    figure = tab.locator("#chart-list-chains").locator("xpath=..")
    assert "the 3 chains with the most investment, of 4" in figure.locator(".portal-chart__note").inner_text()
    chains = tab.evaluate(OPTIONS, "chart-list-chains")
    assert len(chains["yAxis"][0]["data"]) == 3 and sum(chains["series"][0]["data"]) == 90
    amounts = chains["series"][1]["data"]
    assert amounts == sorted(amounts, reverse=True)
    tab.select_option("select[name=jurisdiction]", "j0")
    tab.wait_for_timeout(300)
    chains = tab.evaluate(OPTIONS, "chart-list-chains")
    assert sorted(chains["yAxis"][0]["data"]) == ["Chain 0", "Chain 1"]
    assert chains["series"][0]["data"] == [30, 30]
    assert not errors
    tab.context.close()


def test_the_charts_under_the_list_wait_for_its_first_screen_then_are_all_drawn(browser, long_url):
    """ECharts is fetched and run only once the list's first screen is set up (its charts lie
    under a hundred rows); then every chart is drawn, near the screen or not, so that a page is
    printed, and read by tools that do not scroll, with its charts."""
    tab, errors = open_list(browser, long_url + "en/investment/")
    charts = ["chart-list-stages", "chart-list-chains", "chart-list-regional"]
    tab.wait_for_function("ids => window.echarts && ids.every(id => echarts.getInstanceByDom(document.getElementById(id)))",
                          arg=charts, timeout=20000)
    assert tab.evaluate("window.scrollY") == 0   # nobody scrolled to them
    fetched = tab.evaluate("performance.getEntriesByType('resource').filter(e => e.name.endsWith('echarts.min.js'))"
                           ".map(e => e.startTime)")
    ready = tab.evaluate("performance.getEntriesByName('portal-list-ready')[0].startTime")
    assert len(fetched) == 1 and fetched[0] > ready
    assert not errors
    tab.context.close()
