"""Charts that answer an investor's questions, and views that follow the list's filter, as a
visitor meets them in Chromium: one measure to a chart, stages in their declared order, a
title above each chart and an illustrative note on each chart of made-up data; filtered rows
recount the charts, the map and the filters' options; "download this view" gives the rows
shown, read back by LibreOffice; a zone clicked on the map filters the list to it."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest

from conftest import content, page
from test_charts import wait_for_charts

LIST_CHARTS = ["chart-list-stages", "chart-list-chains", "chart-list-regional"]
OPTIONS = "id => echarts.getInstanceByDom(document.getElementById(id)).getOption()"


@pytest.mark.parametrize("lang", ["", "en/"])
def test_each_chart_is_titled_above_and_says_when_its_data_are_made_up(sample_site, lang):
    for path in ("shanxi/", "shanxi/investment/", "investment/"):
        for figure in content(page(sample_site, lang + path)).select("figure.portal-chart"):
            children = [child.name for child in figure.find_all(recursive=False)]
            assert children[0] == "figcaption", (path, children)
            note = figure.select_one(".portal-chart__note").get_text()
            assert ("illustrative" in note if lang else "示例数据" in note), (path, note)


def test_counts_and_amounts_are_separate_measures_in_declared_stage_order(sample_site):
    soup = content(page(sample_site, "en/shanxi/investment/"))
    options = json.loads(soup.select_one("#chart-list-stages")["data-options"])
    assert len(options["grid"]) == 2 and len(options["series"]) == 2
    assert [s["xAxisIndex"] for s in options["series"]] == [0, 1]        # each measure on its own axis
    assert options["xAxis"][0]["minInterval"] == 1                      # a count has integer ticks
    assert [t["text"] for t in options["title"]] == ["Projects", "Amount (CNY 100m)"]
    # Shanxi declares planned, reserve, under implementation: the lifecycle's order.
    assert options["yAxis"][0]["data"] == ["Planned", "Reserve", "Under implementation"]
    assert json.loads(soup.select_one("#chart-list-stages")["data-keys"]) == ["planned", "reserve", "implementation"]
    stages = [o.get_text() for o in soup.select("select[name=stage] option")][1:]
    assert stages == ["Planned", "Reserve", "Under implementation"]


def test_sorting_by_stage_follows_the_declared_order(tab, base_url):
    tab.goto(base_url + "en/shanxi/investment/")
    tab.locator("th[data-sort=stage] button").click()
    stages = tab.locator("tbody tr:visible td.col-stage").all_inner_texts()
    order = ["Planned", "Reserve", "Under implementation"]
    assert [order.index(s.split(" (")[0]) for s in stages] == sorted(order.index(s.split(" (")[0]) for s in stages)
    assert stages[0] == "Planned" and stages[-1].startswith("Under implementation")


def shown_rows(tab):
    return tab.evaluate("[...document.querySelectorAll('[data-portal-list] tbody tr:not([hidden])')]"
                        ".map(r => ({id: r.dataset.id, stage: r.dataset.stage, chain: r.dataset.chain,"
                        " amount: parseFloat(r.dataset.amount) || 0}))")


def test_charts_map_and_filter_options_follow_the_filtered_rows(tab, base_url):
    tab.goto(base_url + "en/investment/")
    wait_for_charts(tab, LIST_CHARTS)
    tab.locator("select[name=stage]").select_option("planned")
    tab.wait_for_timeout(300)
    rows = shown_rows(tab)
    assert 0 < len(rows) < 8
    stages = tab.evaluate(OPTIONS, "chart-list-stages")
    assert sum(stages["series"][0]["data"]) == len(rows)
    assert round(sum(stages["series"][1]["data"]), 2) == round(sum(r["amount"] for r in rows), 2)
    chains = tab.evaluate(OPTIONS, "chart-list-chains")
    assert sum(chains["series"][0]["data"]) == len(rows)
    points = tab.evaluate(OPTIONS, "chart-list-regional")
    shown_points = {p["id"] for s in points["series"] for p in s["data"] if p.get("id")}
    assert shown_points == {r["id"] for r in rows}
    # Each option of the other filters counts the rows it would show with this one set.
    chain_options = tab.locator("select[name=chain] option").all_inner_texts()[1:]
    counted = {text.rsplit(" (", 1)[0]: int(text.rsplit("(", 1)[1].rstrip(")")) for text in chain_options}
    assert sum(counted.values()) == len(rows)
    tab.locator("select[name=stage]").select_option("")
    tab.wait_for_timeout(300)
    assert sum(tab.evaluate(OPTIONS, "chart-list-stages")["series"][0]["data"]) == 8


def libreoffice_rows(path, tmp_path) -> list[list[str]]:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-calc-nogui (the Makefile's test target does)"
    out = tmp_path / ("converted-" + path.suffix[1:])
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=300)
    return list(csv.reader(io.StringIO((out / (path.stem + ".csv")).read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("lang", ["", "en/"])
def test_download_this_view_holds_the_rows_shown_as_libreoffice_reads_them(tab, base_url, tmp_path, lang):
    tab.goto(base_url + lang + "investment/?stage=reserve&sort=amount-desc")
    rows = shown_rows(tab)
    assert 0 < len(rows) < 8
    published = json.loads(tab.evaluate("u => fetch(u).then(r => r.text())", base_url + lang + "data/projects.json"))
    for fmt in ("csv", "xlsx"):
        with tab.expect_download() as download:
            tab.locator(f"[data-view-downloads] button[data-format={fmt}]").click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        sheet = libreoffice_rows(path, tmp_path)
        assert sheet[0] == [c["title"] for c in published["columns"]], fmt
        assert [line[0] for line in sheet[1:]] == [r["id"] for r in rows], fmt     # the rows shown, in their order
        by_id = {r["id"]: r for r in published["rows"]}
        for line in sheet[1:]:
            assert line[1] == by_id[line[0]]["project"]
            assert float(line[6]) == by_id[line[0]]["amount"]
            assert line[13] == ("yes" if lang else "是")                     # booleans in the file's language


def test_clicking_a_zone_on_the_map_filters_the_list_to_it(tab, base_url):
    tab.goto(base_url + "en/shanxi/investment/")
    wait_for_charts(tab, ["chart-list-regional"])
    chart = tab.locator("#chart-list-regional")
    chart.scroll_into_view_if_needed()
    x, y = tab.evaluate("""id => {
      const el = document.getElementById(id), chart = echarts.getInstanceByDom(el);
      const series = chart.getOption().series, index = series.length - 1;   // the zones come last
      const zone = series[index].data.findIndex(d => d.filter && d.filter.zone === 'example-zone-b');
      const [x, y] = chart.convertToPixel({seriesIndex: index}, series[index].data[zone].value);
      const box = el.getBoundingClientRect();
      return [box.left + x, box.top + y - 8];                                // the pin's head
    }""", "chart-list-regional")
    tab.mouse.click(x, y)
    tab.wait_for_url("**zone=example-zone-b**")
    assert tab.locator("select[name=zone]").input_value() == "example-zone-b"
    zones = {r["id"] for r in shown_rows(tab)}
    assert zones and all(tab.locator(f"tr[data-id='{rid}']").get_attribute("data-zone") == "example-zone-b"
                         for rid in zones)


def test_tooltips_carry_the_figures_as_text(tab, base_url):
    tab.goto(base_url + "en/shanxi/")
    wait_for_charts(tab, ["chart-regional-shanxi"])
    tab.locator("#chart-regional-shanxi").scroll_into_view_if_needed()
    tab.evaluate("""id => {
      const chart = echarts.getInstanceByDom(document.getElementById(id));
      const series = chart.getOption().series;
      const index = series.findIndex(s => s.data.some(d => d.id === 'shanxi-a-1'));
      chart.dispatchAction({type: 'showTip', seriesIndex: index,
                            dataIndex: series[index].data.findIndex(d => d.id === 'shanxi-a-1')});
    }""", "chart-regional-shanxi")
    tip = tab.locator("#chart-regional-shanxi div:has(> strong)")
    tip.wait_for()
    text = tip.inner_text()
    for fact in ("Example assembly plant", "Stage: Under implementation", "Amount (CNY 100m): 12.50", "Zone: Example zone A"):
        assert fact in text, text


def test_chart_pages_load_the_bundled_library_not_the_full_build(sample_site):
    bundled = (sample_site / "assets" / "vendor" / "echarts" / "echarts.min.js").stat().st_size
    from generator.build import NODE_MODULES
    full = (NODE_MODULES / "echarts" / "dist" / "echarts.min.js").stat().st_size
    assert bundled < full * 0.6, (bundled, full)
    assert (sample_site / "assets" / "vendor" / "echarts" / "LICENSE").is_file()


def test_projects_picked_in_the_list_compare_side_by_side_from_a_shareable_address(tab, base_url):
    tab.goto(base_url + "en/investment/")
    picks = tab.locator("[data-pick]")
    for index in (0, 3, 5, 6):
        picks.nth(index).check()
    assert picks.nth(1).is_disabled(), "four at most"
    assert "compare=shanxi-a-1%2Cshanxi-a-4%2Cshanxi-b-1%2Cshanxi-b-2" in tab.url
    tab.reload()                                   # the picks are kept in the address
    assert [picks.nth(i).is_checked() for i in range(8)] == [True, False, False, True, False, True, True, False]
    picks.nth(6).uncheck()
    tab.locator("[data-compare-open]").click()
    tab.wait_for_url("**/en/investment/compare/?ids=shanxi-a-1,shanxi-a-4,shanxi-b-1")
    address = tab.url
    heads = tab.locator(".portal-compare-table thead a")
    heads.first.wait_for()
    assert heads.all_inner_texts() == ["Example assembly plant", "Example application pilot",
                                       "Example processing, phase 1"]
    amounts = tab.locator(".portal-compare-table tr:has(th:text-is('Amount (CNY 100m)')) td").all_inner_texts()
    assert amounts == ["12.50", "3.50", "20.00"]
    tab.get_by_role("button", name="Remove: example application pilot").click()
    assert tab.url.endswith("?ids=shanxi-a-1,shanxi-b-1")
    assert heads.count() == 2
    heads.first.click()
    tab.wait_for_url("**/en/projects/shanxi-a-1/")
    # Someone who was sent the address sees the same table, in their own language too.
    tab.goto(address.replace("/en/", "/"))
    tab.locator(".portal-compare-table thead a").first.wait_for()
    assert tab.locator(".portal-compare-table thead a").all_inner_texts()[0] == "示例整机制造基地项目"
    tab.goto(base_url + "en/investment/compare/?ids=shanxi-a-1,no-such-project")
    tab.locator(".portal-compare-table").wait_for()
    assert "No longer in the list: no-such-project" in tab.locator(".portal-compare__status").inner_text()


def test_a_zone_on_the_east_side_is_labelled_toward_the_middle(sample_site):
    """A name on the right of an eastern zone would run off the canvas: it goes on the left,
    and that zone's projects on its right; the axes leave room around the data."""
    options = json.loads(content(page(sample_site, "en/investment/")).select_one("#chart-list-regional")["data-options"])
    zones = {z["filter"]["zone"]: z for z in options["series"][-1]["data"]}
    assert zones["example-zone-a"]["label"]["position"] == "right"
    assert zones["example-zone-b"]["label"]["position"] == "left"
    for series in options["series"][:-1]:
        for point in series["data"]:
            west = point["value"][0] == zones["example-zone-a"]["value"][0]
            assert (point["symbolOffset"][0] < 0) == west, point["id"]
    for axis in (options["xAxis"][0], options["yAxis"][0]):
        assert axis["boundaryGap"] == ["25%", "25%"] and axis["scale"], axis


@pytest.mark.parametrize("largest", [6.0, 17.5, 28.0])
def test_a_zones_bubbles_never_overlap_each_other_or_its_pin(largest):
    """However many projects a zone hosts, its bubbles (at most `largest` across) keep apart,
    clear of the pin, and a hundred of them stay within a few hundred pixels."""
    import math

    from generator.charts import _ring
    for count in range(1, 121):
        points = [_ring(i, count, largest) for i in range(count)]
        assert all(x <= 0 for x, _ in points)                         # beside the pin, on the side away from its name
        assert all(math.hypot(x, y) >= largest / 2 + 13 for x, y in points)
        for i, a in enumerate(points):
            for b in points[i + 1:]:
                assert math.dist(a, b) >= largest, (count, a, b)
    assert max(math.hypot(*p) for p in [_ring(i, 100, 28.0) for i in range(100)]) < 300
