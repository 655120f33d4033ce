"""A jurisdiction nobody has seen goes in through content files alone; content is escaped."""
from __future__ import annotations

import re

from conftest import LINHAI, REPO, content, page

from generator import build as pipeline


def test_traditional_chinese_jurisdiction_with_its_own_words(linhai_site):
    home = content(page(linhai_site, "linhai/"))
    text = home.get_text()
    for words in ["產業鏈召集人", "副召集人", "主辦機關", "價值鏈圖", "廠區配置圖", "供應商名冊", "洽談中", "已簽約", "已動工",
                  "龍頭廠商", "雙週協調會", "客商名錄", "進度月報", "濱海產業帶", "問題辦理"]:
        assert words in text
    chain = content(page(linhai_site, "linhai/chains/linhai-seafood/"))
    assert "林志明" in chain.get_text() and "漁業處" in chain.get_text()
    # The first host agency leads, because the jurisdiction declared that its first named leads.
    units = chain.select_one("#table-units").select("tbody tr")
    assert "主辦機關" in units[0].get_text() and units[0].select_one(".portal-badge")
    assert units[1].select_one(".portal-badge") is None
    # Its chief table merges the sector over its two chains; the chiefs differ (two on the
    # first chain, one on the second), so their cells stay apart.
    rows = content(page(linhai_site, "linhai/chiefs/")).select("#table-assignments tbody tr")
    assert rows[0].find_all("td")[0]["rowspan"] == "2"
    assert not rows[0].find_all("td")[-1].has_attr("rowspan") and len(rows[1].find_all("td")) == 2
    assert "產業鏈召集人" in content(page(linhai_site, "linhai/chiefs/")).select_one("thead").get_text()


def test_english_pages_mark_what_is_not_translated(linhai_site):
    jurisdiction = content(page(linhai_site, "en/linhai/"))
    pending = jurisdiction.select(".portal-pending")
    assert pending and all(p.get_text() == "translation pending" for p in pending)
    # The summary has no English: the Chinese is shown in a zh span next to the mark.
    summary = jurisdiction.select_one(".portal-summary")
    assert any(span.get_text().startswith("每條產業鏈") for span in summary.find_all("span", lang="zh-Hans"))
    # A person without an English name is romanised, not marked pending.
    people = content(page(linhai_site, "en/people/"))
    assert people.select_one("#person-lin-zhiming .portal-person-name").get_text(strip=True) == "Lin Zhiming"
    assert people.select_one("#person-chen-meiling .portal-person-name").get_text(strip=True) == "Chen Mei-ling"


def test_illustrative_records_are_marked(linhai_site):
    chain = content(page(linhai_site, "linhai/chains/linhai-seafood/"))
    assert chain.select_one(".portal-illustrative") is not None
    assert "示例数据" in chain.select_one(".portal-illustrative").get_text()


def test_the_generator_holds_no_jurisdiction_words():
    words = re.compile("河南|湖南|山西|绿园|Henan|Hunan|Shanxi|Lüyuan|Lvyuan|双长制|八个一|谋划类|储备类|实施类|臨海|linhai",
                       re.IGNORECASE)
    for folder in ("generator", "theme"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".html", ".css", ".js"}:
                assert not words.search(path.read_text(encoding="utf-8")), path


PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def test_content_is_escaped_everywhere(portal, tmp_path):
    chain = portal / "chains" / "linhai" / "seafood.yml"
    chain.write_text(chain.read_text(encoding="utf-8").replace("name: {zh: 水產加工鏈, en: seafood processing chain}",
                     f"name: {{zh: '{PAYLOAD}', en: '{PAYLOAD}'}}"), encoding="utf-8")
    policy = portal / "content" / "policies" / "linhai-plan.md"
    policy.write_text(policy.read_text(encoding="utf-8") + f"\n{PAYLOAD}\n\n[link](javascript:alert(3))\n"
                      "<a href='https://example.org' onclick='x()'>ok</a>\n", encoding="utf-8")
    out = tmp_path / "site"
    checked = pipeline.build(portal, out)
    assert not checked.report.errors
    for html in out.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x onerror" not in text, html
        assert 'href="javascript:' not in text and "onclick=" not in text, html
    body = (out / "policies" / "linhai-plan" / "index.html").read_text(encoding="utf-8")
    assert 'rel="noopener noreferrer"' in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (out / "linhai" / "chains" / "linhai-seafood" / "index.html") \
        .read_text(encoding="utf-8")
    assert LINHAI.exists()


def test_every_note_the_content_holds_is_shown(linhai_site):
    """A note on any record or entry (a checklist, a target, a cadence, a policy…) is shown where
    it is: none is only in the files."""
    notes = {m.group(1) for path in LINHAI.rglob("*") if path.suffix in (".yml", ".md")
             for m in re.finditer(r"note: \{zh: ([^,}]+)", path.read_text(encoding="utf-8"))}
    assert len(notes) >= 8
    shown = " ".join(p.read_text(encoding="utf-8") for p in linhai_site.rglob("index.html") if "en" not in p.parts)
    assert not [note for note in notes if note not in shown]


def test_every_place_the_content_cites_is_shown_where_its_entry_is(linhai_site):
    """A source on any record, entry or row (a body, a cadence, a process, an area, a person, a
    task row after the first) is shown: each place a file cites appears on some page."""
    places = {m.group(1) for path in LINHAI.rglob("*.yml")
              for m in re.finditer(r"at: \{zh: ([^,}]+)", path.read_text(encoding="utf-8"))}
    assert {"第一點第二款", "第四點第二款", "第五點", "附表"} <= places
    shown = " ".join(content(page(linhai_site, path)).get_text() for path in
                     ("linhai/", "linhai/tasks/", "people/", "linhai/chains/linhai-seafood/",
                                                                  "linhai/chains/linhai-shipyard/", "linhai/zones/harbour-park/"))
    assert not [place for place in places if place not in shown]


def test_a_jurisdiction_says_its_layout_its_processes_and_its_figures_in_its_own_shapes(linhai_site):
    for lang, prefix in (("zh", ""), ("en", "en/")):
        j = content(page(linhai_site, f"{prefix}linhai/"))
        # The industrial layout: its own words for each area, a belt with the areas it runs through.
        areas = j.select_one("#table-areas")
        belt = areas.select_one("#area-coast-belt").get_text(" ", strip=True)
        assert ("東港鎮" in belt and "西山鄉" in belt) if lang == "zh" else ("Donggang Town" in belt and "Xishan" in belt)
        assert "其他" not in areas.get_text() and "Other" not in areas.get_text()
        # A process: its steps in order, each with who does it.
        steps = [li.get_text(" ", strip=True) for li in j.select("#process-problem-handling .portal-steps > li")]
        assert len(steps) == 4
        if lang == "zh":
            assert [s[:2] for s in steps] == ["收集", "交辦", "回饋", "結案"]
            assert "召集人辦公室" in steps[0] and "產業鏈召集人" in steps[1] and "各主辦機關" in steps[2]
        # Targets read as the document gives them.
        figures = [row.select("td")[1].get_text(" ", strip=True) for row in j.select("#targets + table tbody tr")]
        assert figures == (["4–6 個", "每年不少于 2 個", "约 30 億元", "每年 5–10 家", "1–2 個", "不超过 8 立方公尺",
                            "不少于 2 場 （每條產業鏈每年）"] if lang == "zh" else
                           ["4–6 projects", "at least 2 projects a year", "about 30 CNY 100m", "5–10 firms a year",
                            "1–2 parks", "at most 8 cubic metres", "at least 2 meetings (each chain every year)"])
