"""The chain map as lanes, as a visitor meets it in Chromium under a sub-path, at desk and phone
width: its labels never overlap or leave the map, a click on a node selects exactly that node
and shows its facts, the page scrolls over the map, gaps are marked in words, a segment of
many enterprises folds; on the sample portal and on a chain of sixty enterprises."""
from __future__ import annotations

import shutil
from urllib.parse import urljoin

import pytest
import yaml

from conftest import LINHAI, built, content, page, served

WIDTHS = (1366, 390)
LABELS = ".portal-lane__title, .portal-segment__name, .portal-segment__label, .portal-node, .portal-node__note, " \
         ".portal-more > summary, .portal-segment__none"

# Every label's boxes (an inline link that wraps has one per line), and the map's own box.
BOXES = """sel => {
  const map = document.querySelector('[data-chain-map]').getBoundingClientRect();
  const labels = [...document.querySelectorAll('[data-chain-map] :is(' + sel + ')')]
    .filter(el => el.offsetParent !== null)
    .map(el => ({text: el.textContent.trim().slice(0, 40), rects: [...el.getClientRects()]
      .filter(r => r.width && r.height).map(r => [r.left, r.top, r.right, r.bottom])}));
  return {map: [map.left, map.top, map.right, map.bottom], labels, page: document.documentElement.clientWidth,
          scroll: document.documentElement.scrollWidth};
}"""


def overlaps(a, b) -> bool:
    # An inline box is a little taller than its line: lines a pixel or two apart touch.
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 2 and b[1] < a[3] - 2


def assert_labels_apart(tab):
    boxes = tab.evaluate(BOXES, LABELS)
    left, top, right, bottom = boxes["map"]
    assert boxes["scroll"] <= boxes["page"], "the page scrolls sideways"
    flat = [(i, label["text"], rect) for i, label in enumerate(boxes["labels"]) for rect in label["rects"]]
    assert len(flat) > 5
    for _, text, (l, t, r, b) in flat:
        assert left - 0.5 <= l and r <= right + 0.5 and top - 0.5 <= t and b <= bottom + 0.5, f"{text!r} leaves the map"
    for n, (i, text_a, a) in enumerate(flat):
        for j, text_b, b in flat[n + 1:]:
            assert i == j or not overlaps(a, b), f"{text_a!r} overlaps {text_b!r}"


def assert_each_click_selects_its_node(tab):
    nodes = tab.locator("[data-chain-map] [data-node]:visible")
    assert nodes.count() > 2
    for index in range(nodes.count()):
        node = nodes.nth(index)
        node.scroll_into_view_if_needed()
        rect = node.evaluate("el => { const r = el.getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]; }")
        tab.mouse.click(*rect)
        name = node.inner_text().strip()
        expanded = tab.locator("[data-chain-map] [data-node][aria-expanded=true]")
        assert expanded.count() == 1 and expanded.inner_text().strip() == name, name
        panel = tab.locator(".portal-node-detail:visible")
        assert panel.locator("strong").inner_text() == name
        assert panel.locator("a").get_attribute("href") == node.get_attribute("href")
        # The panel sits in the node's own segment box.
        assert node.evaluate("el => el.closest('.portal-segment').contains(document.querySelector('.portal-node-detail'))")
        tab.mouse.click(*rect)                      # a second click closes it
        assert tab.locator(".portal-node-detail:visible").count() == 0


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_sample_chain_map_reads_at_both_widths(tab, base_url, lang, width):
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(base_url + lang + "shanxi/chains/shanxi-example-a/")
    assert_labels_apart(tab)
    assert_each_click_selects_its_node(tab)
    lanes = tab.evaluate("[...document.querySelectorAll('.portal-lane')].map(l => l.getBoundingClientRect().left)")
    assert len(lanes) == 3
    if width < 600:
        assert len(set(lanes)) == 1, "lanes stack on a phone"
    else:
        assert lanes == sorted(lanes) and len(set(lanes)) == 3, "lanes side by side, upstream first"


def test_the_detail_panel_has_the_projects_facts(tab, base_url):
    tab.goto(base_url + "en/shanxi/chains/shanxi-example-a/")
    tab.get_by_role("button", name="example assembly plant").click()
    panel = tab.locator(".portal-node-detail")
    text = panel.inner_text()
    for fact in ("Stage", "Under implementation (new)", "Amount (CNY 100m)", "12.50", "Zone", "Investor or owner"):
        assert fact in text, fact
    assert "Illustrative" in text
    panel.get_by_role("link").click()
    tab.wait_for_url("**/en/projects/shanxi-a-1/")
    tab.go_back()
    tab.get_by_role("button", name="Example chain leader A").press("Enter")
    assert "Chain-leader enterprise" in tab.locator(".portal-node-detail").inner_text()
    tab.keyboard.press("Escape")
    assert tab.locator(".portal-node-detail:visible").count() == 0
    assert tab.evaluate("document.activeElement.textContent") == "Example chain leader A"


def test_the_page_scrolls_over_the_map(tab, base_url):
    tab.set_viewport_size({"width": 1366, "height": 700})
    tab.goto(base_url + "shanxi/chains/shanxi-example-a/")
    box = tab.locator("[data-chain-map]").bounding_box()
    tab.evaluate("y => window.scrollTo(0, y)", box["y"] - 100)
    before = tab.evaluate("window.scrollY")
    tab.mouse.move(box["x"] + box["width"] / 2, 300)
    tab.mouse.wheel(0, 400)
    tab.wait_for_function("y => window.scrollY > y", arg=before)


def test_without_javascript_every_node_is_a_link_to_its_page(sample_site):
    figure = content(page(sample_site, "en/shanxi/chains/shanxi-example-a/")).select_one("[data-chain-map]")
    here = "http://portal.test/en/shanxi/chains/shanxi-example-a/"
    hrefs = {a.get_text(strip=True): urljoin(here, a["href"]) for a in figure.select("a[data-node]")}
    assert hrefs["Example chain leader A"] == "http://portal.test/en/shanxi/units/#unit-shanxi-example-leader-a"
    assert hrefs["Example testing centre"] == "http://portal.test/en/projects/shanxi-a-3/"
    gaps = figure.select(".portal-segment--gap")
    assert [g["id"] for g in gaps] == ["segment-raw-materials", "segment-services"]
    assert all("gap to fill" in g.get_text() and "No local enterprise yet" in g.get_text() for g in gaps)
    assert "gap to fill" not in figure.select_one("#segment-components").get_text()
    lanes = [h.get_text() for h in figure.select(".portal-lane__title")]
    assert lanes == ["Upstream", "Midstream", "Downstream"]


# --- a chain of sixty enterprises -------------------------------------------------------------

MANY = 60


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory):
    """The made-up portal with sixty enterprises on its seafood chain, most in one segment."""
    root = tmp_path_factory.mktemp("crowded") / "portal"
    shutil.copytree(LINHAI, root)
    units = root / "content" / "units" / "linhai.yml"
    extra = [{"id": f"linhai-firm-{i:02d}", "jurisdiction": "linhai", "kind": "enterprise", "illustrative": True,
              "name": {"zh": f"臨海測試廠商第{i:02d}號有限公司", "en": f"Linhai test manufacturer number {i:02d} limited"}}
             for i in range(MANY)]
    units.write_text(units.read_text(encoding="utf-8") + yaml.safe_dump(extra, allow_unicode=True), encoding="utf-8")
    chain_file = root / "chains" / "linhai" / "seafood.yml"
    chain = yaml.safe_load(chain_file.read_text(encoding="utf-8"))
    chain["enterprises"] += [{"unit": f"linhai-firm-{i:02d}", "tier": "anchor",
                              "segments": ["processing"] if i % 4 else ["catch", "processing"]} for i in range(MANY)]
    chain_file.write_text(yaml.safe_dump(chain, allow_unicode=True), encoding="utf-8")
    return built(root, tmp_path_factory.mktemp("crowded-site") / "site")


def test_sixty_enterprises_fold_and_stay_readable(browser, crowded_site):
    figure = content(page(crowded_site, "en/linhai/chains/linhai-seafood/")).select_one("#segment-processing")
    shown = figure.select(":scope > ul.portal-nodes a[data-node]")
    folded = figure.select("details.portal-more a[data-node]")
    assert len(shown) == 6 and len(shown) + len(folded) == MANY + 1
    assert figure.select_one("details.portal-more > summary").get_text() == f"{MANY + 1 - 6} more enterprises"
    with served(crowded_site, "/portal/") as url:
        for width in WIDTHS:
            tab = browser.new_page(viewport={"width": width, "height": 900})
            errors = []
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(url + "linhai/chains/linhai-seafood/")
            for summary in tab.locator("details.portal-more > summary").all():
                summary.click()
            assert tab.locator("[data-chain-map] [data-node]:visible").count() == MANY + 1 + MANY // 4
            assert_labels_apart(tab)
            if width == 390:
                assert_each_click_selects_its_node(tab)
            assert not errors, errors
            tab.close()
