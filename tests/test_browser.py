"""The sample portal in headless Chromium, served from a real web server on localhost."""
from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest


@pytest.fixture
def page(tab):
    return tab


def test_language_switch_keeps_the_page(page, base_url):
    page.goto(base_url + "hunan/chiefs/")
    page.goto(urljoin(page.url, page.locator("a.md-select__link[hreflang=en]").get_attribute("href")))
    assert page.url == base_url + "en/hunan/chiefs/"
    assert page.locator("#table-assignments td[rowspan='19']").inner_text().strip() == "National cluster"
    page.goto(urljoin(page.url, page.locator("a.md-select__link[hreflang=zh-Hans]").get_attribute("href")))
    assert page.url == base_url + "hunan/chiefs/"
    assert page.locator("#table-assignments td[rowspan='19']").inner_text().strip() == "国家级产业集群"


def visible_projects(page) -> set[str]:
    return set(page.eval_on_selector_all(
        ".portal-list tbody tr:not([hidden]) td:first-child a", "links => links.map(a => a.pathname.split('/').filter(Boolean).pop())"))


def test_filtering_the_list_by_stage_and_chain_and_sharing_the_view(page, base_url):
    page.goto(base_url + "investment/")
    page.wait_for_selector("form.portal-filters:not([hidden])")
    assert len(visible_projects(page)) == 8
    page.select_option("select[name=stage]", "planned")
    assert visible_projects(page) == {"shanxi-a-4", "shanxi-a-5", "shanxi-b-3"}
    page.select_option("select[name=chain]", "shanxi-example-a")
    assert visible_projects(page) == {"shanxi-a-4", "shanxi-a-5"}
    assert page.locator("[data-count]").inner_text() == "显示 2 / 8 个项目"
    shared = page.url
    assert "stage=planned" in shared and "chain=shanxi-example-a" in shared
    page.locator("th[data-sort=amount] button").click()
    page.locator("th[data-sort=amount] button").click()
    order = page.eval_on_selector_all(".portal-list tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.amount)")
    assert order == ["3.5", "1.2"] and "sort=amount-desc" in page.url
    # The address alone reproduces the view, in a fresh page.
    other = page.context.new_page()
    other.goto(page.url)
    other.wait_for_selector("form.portal-filters:not([hidden])")
    assert visible_projects(other) == {"shanxi-a-4", "shanxi-a-5"}
    assert other.locator("select[name=stage]").input_value() == "planned"
    other.fill("form.portal-filters input[name=q]", "应用示范")
    assert visible_projects(other) == {"shanxi-a-4"}
    other.fill("input[name=min]", "4")
    assert visible_projects(other) == set()
    other.click("form.portal-filters button[type=reset]")
    other.wait_for_function("document.querySelector('[data-count]').textContent.includes('8 / 8')")
    other.close()


def test_the_list_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    phone = context.new_page()
    phone.goto(base_url + "en/investment/?stage=reserve")
    phone.wait_for_selector("form.portal-filters:not([hidden])")
    assert visible_projects(phone) == {"shanxi-a-3", "shanxi-b-2"}
    # Filters fit the screen; the table scrolls inside its own box, not the page.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_the_chief_table_prints_on_a4_landscape(page, base_url):
    # A4 landscape less the 12 mm margins of the print style: 273 mm, about 1032 CSS pixels.
    page.set_viewport_size({"width": 1032, "height": 700})
    page.goto(base_url + "hunan/chiefs/")
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden() and page.locator(".md-header").is_hidden()
    right = page.evaluate("document.getElementById('table-assignments').getBoundingClientRect().right")
    assert right <= 1032
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    boxes = {tuple(round(float(v)) for v in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)}
    assert boxes == {(0, 0, 842, 595)}            # A4 landscape, in points
    assert 1 <= len(pages) <= 4                    # 22 chains, a few pages, as the annex


ICONS_DRAWN = """() => [...document.querySelectorAll('[class^="portal-icon-"]')]
  .filter(icon => icon.getClientRects().length)
  .map(icon => { const style = getComputedStyle(icon), box = icon.getBoundingClientRect();
                 return [icon.className, style.maskImage.startsWith('url("data:image/svg+xml'), box.width, box.height]; })"""


def test_the_header_of_a_project_page_works_as_material_s(page, base_url):
    """A project page's chrome is Material's slimmed (mkdocs_engine: icons from the stylesheet,
    one settings script, no empty announce bar or dialog, the settings JSON pared): what a
    visitor does with it works as before. Its icons are drawn; the palette chosen is kept and
    applied by the settings script alone, before Material's own script; the search form opens
    the search page with the words typed; the drawer opens on a phone, headed by the site's name."""
    page.goto(base_url + "projects/shanxi-a-1/")
    drawn = page.evaluate(ICONS_DRAWN)
    assert {name for name, *_ in drawn} >= {"portal-icon-library", "portal-icon-weather-night",
                                             "portal-icon-translate", "portal-icon-magnify"}, drawn
    assert all(masked and width >= 16 and height >= 16 for _, masked, width, height in drawn), drawn
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    # Without Material's script the next page is dark all the same: the settings script read
    # where the choice is kept (the site's root, from its own address) and applied it.
    # (A tab of its own: the script it is refused is an error in that tab's console.)
    without = page.context.new_page()
    without.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    without.goto(base_url + "policies/")
    assert without.evaluate("document.body.dataset.mdColorScheme") == "slate"
    without.close()
    page.fill("input.portal-header-search__input", "山西")
    page.press("input.portal-header-search__input", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.url == base_url + "search/?q=%E5%B1%B1%E8%A5%BF"
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(base_url + "projects/shanxi-a-1/")
    page.click("label.md-header__button[for=__drawer]")
    title = page.locator(".md-nav--primary > .md-nav__title")
    title.wait_for(state="visible")
    page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    assert title.inner_text().strip() == page.locator(".md-header__topic").first.inner_text().strip()
    assert page.locator(".md-nav--primary a.md-nav__link:visible").count() == 5
