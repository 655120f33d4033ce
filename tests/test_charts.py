"""Charts and maps on the built sample site, in headless Chromium on localhost: every chart
draws, the dark palette re-themes, instant navigation works,
nothing is requested from another origin (checked by the `tab` fixture)."""
from __future__ import annotations

import json

from conftest import content, page

CHART_PAGES = {
    "shanxi/": ["chart-targets-shanxi", "chart-stages-shanxi", "chart-chains-shanxi", "chart-regional-shanxi"],
    "investment/": ["chart-list-stages", "chart-list-chains", "chart-list-regional"],
    "shanxi/investment/": ["chart-list-stages", "chart-list-regional"],
}

DRAWN = """id => {
  const canvas = document.getElementById(id).querySelector('canvas');
  if (!canvas || !canvas.width) return 0;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4 * 16) if (data[i] > 0) painted++;
  return painted;
}"""


def wait_for_charts(tab, ids):
    """Until the charts are drawn: each is drawn as it comes near the screen (a reader's scroll)."""
    for chart_id in ids:
        tab.locator(f"#{chart_id}").scroll_into_view_if_needed()
        tab.wait_for_function("id => window.echarts && echarts.getInstanceByDom(document.getElementById(id))",
                              arg=chart_id, timeout=20000)
    tab.wait_for_timeout(1200)   # the first frame of the animation


def test_every_chart_draws_in_both_languages(tab, base_url):
    for lang in ("", "en/"):
        for path, ids in CHART_PAGES.items():
            tab.goto(base_url + lang + path)
            wait_for_charts(tab, ids)
            for chart_id in ids:
                assert tab.evaluate(DRAWN, chart_id) > 50, (lang + path, chart_id)


def test_pages_without_charts_do_not_load_the_library(tab, base_url):
    loaded = []
    tab.on("request", lambda r: loaded.append(r.url) if "echarts" in r.url else None)
    for path in ("", "hunan/chiefs/", "people/"):
        tab.goto(base_url + path)
        tab.wait_for_load_state("networkidle")
    assert loaded == []


def test_the_dark_palette_re_themes_the_charts(tab, base_url):
    tab.goto(base_url + "shanxi/")
    ids = CHART_PAGES["shanxi/"]
    wait_for_charts(tab, ids)
    light = tab.evaluate("id => echarts.getInstanceByDom(document.getElementById(id)).getOption().textStyle.color",
                         ids[1])
    tab.locator("form[data-md-component=palette] label:visible").first.click()
    wait_for_charts(tab, ids)   # drawn again, each as the reader reaches it
    assert tab.evaluate("ids => ids.every(id => document.getElementById(id).dataset.theme === 'slate')", ids)
    dark = tab.evaluate("id => echarts.getInstanceByDom(document.getElementById(id)).getOption().textStyle.color",
                        ids[1])
    assert light != dark
    for chart_id in ids:
        assert tab.evaluate(DRAWN, chart_id) > 50


def test_charts_survive_instant_navigation(browser, tmp_path):
    """Instant navigation needs the site served at its own address (Material matches links
    against the sitemap by host and path), so this builds the made-up portal for the server."""
    import functools
    import http.server
    import socket
    import threading

    from conftest import LINHAI
    from generator import build as pipeline

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    assert not pipeline.build(LINHAI, tmp_path / "site", base_url=base).report.errors
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tab = browser.new_page()
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        tab.goto(base + "linhai/chains/linhai-shipyard/")
        tab.wait_for_timeout(800)
        tab.evaluate("window.__same_document = true")
        tab.locator("nav.md-nav a[href$='linhai/investment/']").first.click()
        tab.wait_for_url("**/linhai/investment/")
        wait_for_charts(tab, ["chart-list-stages"])
        assert tab.evaluate("window.__same_document === true")     # swapped in place, not reloaded
        assert tab.evaluate(DRAWN, "chart-list-stages") > 50
        tab.locator("nav.md-nav a[href$='chiefs/']").first.click()
        tab.wait_for_url("**/linhai/chiefs/")
        tab.wait_for_timeout(500)
        assert tab.evaluate("document.querySelectorAll('[_echarts_instance_]').length") == 0   # disposed
        assert not errors, errors
    finally:
        tab.close()
        server.shutdown()


def test_charts_resize_with_their_container(tab, base_url):
    tab.set_viewport_size({"width": 1300, "height": 900})
    tab.goto(base_url + "investment/")
    wait_for_charts(tab, CHART_PAGES["investment/"])
    wide = tab.evaluate("id => echarts.getInstanceByDom(document.getElementById(id)).getWidth()", "chart-list-stages")
    tab.set_viewport_size({"width": 600, "height": 900})
    tab.wait_for_timeout(500)
    narrow = tab.evaluate("id => echarts.getInstanceByDom(document.getElementById(id)).getWidth()", "chart-list-stages")
    assert narrow < wide


def test_chart_data_is_escaped_data_not_code(sample_site):
    html = (sample_site / "shanxi" / "index.html").read_text(encoding="utf-8")
    # A single-quoted attribute: double quotes stay as they are, nothing can close it early.
    raw = html.split("data-options='")[1].split("'")[0]
    assert "<" not in raw and ">" not in raw and '"series"' in raw
    for chart in content(page(sample_site, "shanxi/")).select("[data-chart]"):
        options = json.loads(chart["data-options"])
        assert options["series"] and "function" not in json.dumps(options)


def test_chart_options_are_what_pyechartss_own_encoder_writes(monkeypatch):
    """charts._plain skips pyecharts' JSON round trip; every chart of the sample portal, on
    its base map too, must come out as the round trip gives it."""
    from pathlib import Path

    from generator import build, charts

    compared = []

    def both_ways(chart):
        ours = charts._without_empty(charts._plain(chart.options))
        assert ours == charts._without_empty(json.loads(chart.dump_options()))
        compared.append(type(chart).__name__)
        return ours

    monkeypatch.setattr(charts, "_options", both_ways)
    portal = build.check(Path(__file__).resolve().parent.parent).portal
    for lang in ("zh", "en"):
        for chain in portal.all("chain"):
            charts.stage_stats(portal, portal.projects_of(chain), lang, "stages", False)
            charts.chain_stats(portal, portal.projects_of(chain), lang, "chains")
        for j in portal.jurisdictions:
            charts.target_progress(portal, j, lang)
            charts.regional_map(portal, [j], lang, "regional", j.base_map)
            charts.regional_map(portal, [j], lang, "regional", None)
    assert {"Bar", "Geo", "Scatter"} <= set(compared)
