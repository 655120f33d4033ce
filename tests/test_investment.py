"""Investors' lists: pages, downloads, catalog and feeds of the sample portal (illustrative projects)."""
from __future__ import annotations

import csv
import io
import json

import feedparser
from openpyxl import load_workbook

from conftest import content, page

SHANXI_PROJECTS = {f"shanxi-a-{n}" for n in range(1, 6)} | {f"shanxi-b-{n}" for n in range(1, 4)}


def list_ids(soup) -> list[str]:
    return [a["href"].rstrip("/").split("/")[-1] for a in soup.select(".portal-list tbody tr td:first-child a")]


def test_the_portal_list_is_complete_without_javascript(sample_site):
    soup = content(page(sample_site, "investment/"))
    assert set(list_ids(soup)) == SHANXI_PROJECTS
    assert "显示 8 / 8 个项目" in soup.select_one("[data-count]").get_text()
    assert soup.select_one("form.portal-filters").has_attr("hidden")        # shown by the script only
    assert "8 / 8 个项目为示例数据" in soup.select_one(".portal-illustrative-line").get_text()   # said plainly
    stages = [o["value"] for o in soup.select("select[name=stage] option") if o["value"]]
    assert stages == ["planned", "reserve", "under_implementation"]          # the lifecycle's order
    row = soup.select_one("tr[data-chain='shanxi-example-b'][data-stage='under_implementation']")
    assert "实施类" in row.get_text() and "续建类" in row.get_text() and "20" in row.get_text()
    english = content(page(sample_site, "en/investment/"))
    assert "Under implementation (continuing)" in english.get_text() and "Amount (CNY 100m)" in english.get_text()


def test_each_project_has_its_own_page_linking_its_context(sample_site):
    soup = content(page(sample_site, "projects/shanxi-b-1/"))
    hrefs = [a["href"] for a in soup.select("a")]
    assert "../../shanxi/chains/shanxi-example-b/" in hrefs
    assert "../../shanxi/zones/example-zone-b/" in hrefs and "../../shanxi/" in hrefs
    assert "../../policies/shanxi-2024-plan/" in hrefs
    assert soup.select_one(".portal-illustrative") is not None


def test_zone_and_chain_leader_views(sample_site):
    zone = content(page(sample_site, "shanxi/zones/example-zone-a/"))
    assert set(list_ids(zone)) == {"shanxi-a-1", "shanxi-a-2", "shanxi-a-5", "shanxi-b-3"}
    assert {a.get_text() for a in zone.select("#chains + p a")} == {"示例产业链甲", "示例产业链乙"}
    leaders = content(page(sample_site, "shanxi/leaders/"))
    leader = leaders.select_one("#leader-shanxi-example-leader-a")
    assert set(list_ids(leader)) == {"shanxi-a-1", "shanxi-a-2", "shanxi-a-5"}


def test_downloads_hold_the_rows_of_the_page_in_both_languages(sample_site):
    for prefix, heading in (("", "项目"), ("en/", "Project")):
        for key in ("projects", "shanxi/projects", "shanxi/shanxi-example-a-projects"):
            page_path = {"projects": "investment/", "shanxi/projects": "shanxi/investment/",
                         "shanxi/shanxi-example-a-projects": "shanxi/chains/shanxi-example-a/"}[key]
            soup = content(page(sample_site, prefix + page_path))
            shown = set(list_ids(soup)) if soup.select(".portal-list") else {
                a["href"].rstrip("/").split("/")[-1] for a in soup.select("#table-projects tbody a")}
            raw = (sample_site / prefix / "data" / f"{key}.csv").read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf")                              # UTF-8 with BOM for Excel
            table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            assert table[0][1] == heading
            assert {r[0] for r in table[1:]} == shown
            data = json.loads((sample_site / prefix / "data" / f"{key}.json").read_text(encoding="utf-8"))
            assert {r["id"] for r in data["rows"]} == shown and data["columns"][1]["title"] == heading
            sheet = load_workbook(sample_site / prefix / "data" / f"{key}.xlsx").active
            values = list(sheet.values)
            assert values[0][1] == heading and {r[0] for r in values[1:]} == shown
            assert [(r[0], r[1], r[6]) for r in values[1:]] == [(r[0], r[1], float(r[6])) for r in table[1:]]


def test_the_catalog_lists_every_dataset_with_licence_date_and_schema(sample_site):
    catalog = json.loads((sample_site / "data" / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["@type"] == "dcat:Catalog"
    keys = {d["dct:identifier"] for d in catalog["dcat:dataset"]}
    assert keys == {"projects", "shanxi/projects", "shanxi/shanxi-example-a-projects",
                    "shanxi/shanxi-example-b-projects", "hunan/chiefs", "lvyuan/chiefs", "shanxi/chiefs", "chains",
                    "units", "people"}
    for dataset in catalog["dcat:dataset"]:
        if dataset["dct:identifier"].endswith("projects"):
            assert dataset["dct:modified"] >= "2024-01-01"
        for dist in dataset["dcat:distribution"]:
            assert dist["dct:license"] == "https://creativecommons.org/licenses/by/4.0/"
            relative = dist["dcat:downloadURL"].split("example.github.io/chain-portal/")[1]
            assert (sample_site / relative).is_file()
            if relative.endswith(".csv"):
                assert dist["dct:conformsTo"].endswith(".tableschema.json")


def test_feeds_are_valid_atom(sample_site):
    for prefix in ("", "en/"):
        for name in ("projects", "shanxi"):
            feed = feedparser.parse((sample_site / prefix / "feeds" / f"{name}.atom").read_bytes())
            assert not feed.bozo and feed.version == "atom10"
            assert len(feed.entries) == 8
            assert feed.entries[0].updated >= feed.entries[-1].updated          # newest first
            assert all(e.id and e.title and e.link and e.updated for e in feed.entries)
            assert feed.feed.id and feed.feed.title and feed.feed.updated and feed.feed.author
    english = feedparser.parse((sample_site / "en" / "feeds" / "projects.atom").read_bytes())
    assert english.entries[0].link.startswith("https://example.github.io/chain-portal/en/projects/")


def test_spreadsheets_a_re_user_does_not_have_to_fix(sample_site):
    """Column widths from the content, a frozen and filterable heading, amounts as the page shows
    them, the document's title, author and language, addresses as links, yes/no in the file's
    language (openpyxl reads what Excel and LibreOffice read)."""
    for prefix, lang, yes, title in (("", "zh-Hans", "是", "全部招商项目"), ("en/", "en", "yes", "All investment projects")):
        book = load_workbook(sample_site / prefix / "data" / "projects.xlsx")
        sheet = book.active
        assert (book.properties.title, book.properties.language) == (title, lang) and book.properties.creator
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:O{sheet.max_row}"
        heading = [cell.value for cell in sheet[1]]
        widths = {heading[i]: sheet.column_dimensions[chr(65 + i)].width for i in range(len(heading))}
        for row in sheet.iter_rows(min_row=2):
            for cell, name in zip(row, heading):
                shown = str(cell.value or "")
                assert widths[name] >= min(60, len(shown.encode("utf-8")) / 2), (name, shown)
        url = heading.index("网址" if not prefix else "Address")
        assert all(row[url].hyperlink.target == row[url].value for row in sheet.iter_rows(min_row=2))
        illustrative = heading.index("示例数据" if not prefix else "Illustrative")
        assert {row[illustrative].value for row in sheet.iter_rows(min_row=2)} == {yes}
        amount = heading.index("投资额（亿元）" if not prefix else "Amount (CNY 100m)")
        assert all(row[amount].number_format == "#,##0.00" for row in sheet.iter_rows(min_row=2) if row[amount].value)
        text = (sample_site / prefix / "data" / "projects.csv").read_text(encoding="utf-8-sig")
        assert f",{yes}," in text and ",true," not in text
