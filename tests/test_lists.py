"""The investment list is declared once (generator/lists.py): the page's table, its filters, its
script and the downloads all follow the declaration."""
from __future__ import annotations

import csv
import io

from conftest import content, page

from generator import lists
from generator.opendata import headings


def test_the_table_has_the_declared_columns_and_every_row_its_cells(linhai_site):
    table = content(page(linhai_site, "investment/")).select_one("table.portal-projects")
    keys = [column.key for column in lists.ON_PAGE]
    assert [th["data-sort"] for th in table.select("thead th")] == keys
    rows = table.select("tbody tr")
    assert rows
    for row in rows:
        assert [td["class"][0] for td in row.find_all("td")] == [f"col-{key}" for key in keys]
        assert all(row.has_attr(f"data-{f.data}") for f in lists.FILTERS + tuple(f.own for f in lists.FILTERS if f.own))
    numeric = {th["data-sort"]: th.get("data-numeric") for th in table.select("thead th")}
    assert numeric == {column.key: column.sort or None for column in lists.ON_PAGE}


def test_the_list_tells_its_script_its_filters_and_page_size(linhai_site):
    listing = content(page(linhai_site, "investment/")).select_one("[data-portal-list]")
    assert listing["data-page-size"] == str(lists.PAGE_SIZE)
    assert listing["data-filters"].split() == [f"{f.key}:{f.data}" for f in lists.FILTERS]
    assert [s["name"] for s in listing.select("form select")] == [f.key for f in lists.FILTERS] + ["sort"]


def test_a_jurisdiction_s_list_leaves_out_what_its_rows_share_and_speaks_its_words(linhai_site):
    listing = content(page(linhai_site, "linhai/investment/")).select_one("[data-portal-list]")
    # Its stages by their own names, in their declared order, matched on the rows' own stage ids.
    assert "stage:stage-id" in listing["data-filters"].split()
    options = [(o["value"], o.get_text()) for o in listing.select("select[name=stage] option") if o["value"]]
    assert options == [("contracted", "已簽約"), ("stalled", "停滯")]
    assert [s["name"] for s in listing.select("form select")] == [f.key for f in lists.FILTERS
                                                                  if f.key != "jurisdiction"] + ["sort"]
    sorts = {option["value"].rsplit("-", 1)[0] for option in listing.select("select[name=sort] option[value]")
             if option["value"]}
    assert sorts == {c.key for c in lists.ON_PAGE if c.key != "jurisdiction"}


def test_the_downloads_hold_every_declared_column(linhai_site):
    for prefix, lang in (("", "zh"), ("en/", "en")):
        text = (linhai_site / prefix / "data" / "projects.csv").read_text(encoding="utf-8-sig")
        assert next(csv.reader(io.StringIO(text))) == headings(lang)
        assert len(headings(lang)) == len(lists.COLUMNS)


def test_scopes_nest():
    chain_filter = next(f for f in lists.FILTERS if f.key == "chain")
    jurisdiction_filter = next(f for f in lists.FILTERS if f.key == "jurisdiction")
    assert jurisdiction_filter.left_out("chain") and jurisdiction_filter.left_out("jurisdiction")
    assert chain_filter.left_out("chain") and not chain_filter.left_out("jurisdiction")
    assert not chain_filter.left_out("")


def test_across_jurisdictions_stages_compare_by_kind_and_other_is_never_a_label(linhai_site):
    for prefix, stalled in (("", "停滯"), ("en/", "Stalled")):
        listing = content(page(linhai_site, f"{prefix}investment/")).select_one("[data-portal-list]")
        options = [(o["value"], o.get_text()) for o in listing.select("select[name=stage] option") if o["value"]]
        assert options[-1] == ("other", stalled)
        assert not any(text.lower() in ("其他", "other") for _, text in options)
