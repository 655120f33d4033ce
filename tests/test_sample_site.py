"""The built-in sample portal, as a visitor meets it: built pages, in both languages."""
from __future__ import annotations

import json

from conftest import REPO, content, page


def chief_table_rows(site, lang_prefix=""):
    table = content(page(site, lang_prefix + "hunan/chiefs/")).select_one("#table-assignments")
    return table.select("tbody tr")


def test_hunan_chief_table_reproduces_the_annex_merged_cells(sample_site):
    rows = chief_table_rows(sample_site)
    assert len(rows) == 22
    first = rows[0].find_all("td")
    # 世界级产业集群 spans its 3 chains; 国家级产业集群 the other 19.
    assert first[0].get_text(strip=True) == "世界级产业集群" and first[0]["rowspan"] == "3"
    national = rows[3].find_all("td")[0]
    assert national.get_text(strip=True) == "国家级产业集群" and national["rowspan"] == "19"
    # 材料 spans five chains; 陈飞 spans 先进钢铁材料 and 碳基材料 (adjacent, same industry).
    materials = rows[5].find_all("td")[0]
    assert materials.get_text(strip=True) == "材料" and materials["rowspan"] == "5"
    steel = rows[8].find_all("td")
    assert steel[-2].a.get_text(strip=True) == "先进钢铁材料"
    assert steel[-1].get_text(strip=True) == "陈飞" and steel[-1]["rowspan"] == "2"
    # The carbon row has only its chain cell: type, industry and leader are covered from above.
    assert [(td.a or td).get_text(strip=True) for td in rows[9].find_all("td")] == ["碳基材料"]
    # 陈文浩 holds two chains that are not adjacent: two separate cells, no span.
    wenhao = [td for row in rows for td in row.find_all("td") if td.get_text(strip=True) == "陈文浩"]
    assert len(wenhao) == 2 and all(not td.has_attr("rowspan") for td in wenhao)


def test_the_english_chief_table_has_the_same_spans(sample_site):
    zh = [[td.get("rowspan", "1") for td in row.find_all("td")] for row in chief_table_rows(sample_site)]
    en = [[td.get("rowspan", "1") for td in row.find_all("td")] for row in chief_table_rows(sample_site, "en/")]
    assert zh == en
    first = chief_table_rows(sample_site, "en/")[0].find_all("td")
    assert first[0].get_text(strip=True) == "World-class cluster"


def test_chen_fei_holds_three_chains_in_the_people_index(sample_site):
    for prefix, name, chains in [("", "陈飞", {"中小航空发动机及航空航天装备", "先进钢铁材料", "碳基材料"}),
                                 ("en/", "Chen Fei", {"Small and medium aero-engines and aerospace equipment",
                                                      "Advanced steel materials", "Carbon-based materials"})]:
        row = content(page(sample_site, prefix + "people/")).select_one("#person-chen-fei")
        assert row.select_one(".portal-person-name").get_text(strip=True) == name   # in English: romanised, not given in content
        held = {a.get_text(strip=True) for a in row.select("li a")}
        assert held == chains


def test_every_seed_system_is_visible_on_its_jurisdiction_page(sample_site):
    henan = content(page(sample_site, "henan/")).get_text()
    for words in ["总群链长", "盟会长单位", "每半年", "招商清单", "环保清单", "年度产业链发展报告蓝皮书"]:
        assert words in henan
    assert "附件《分工表》" in henan or "分工表" in henan   # the missing annex is said, not hidden
    lvyuan = content(page(sample_site, "lvyuan/")).get_text()
    for words in ["绿园区产业链链长制工作领导小组", "二产链长制办公室", "区域分布图", "断链断供风险清单", "破解一批重大问题",
                  "周调度", "全年考核"]:
        assert words in lvyuan
    hunan = content(page(sample_site, "hunan/")).get_text()
    for words in ["联系省领导", "排第一的为牵头单位", "建立一张产业长板短板动态表", "季度情况报告", "万亿行业"]:
        assert words in hunan
    shanxi = content(page(sample_site, "shanxi/")).get_text()
    for words in ["谋划类", "储备类", "实施类", "新建类", "续建类", "“链核”企业", "7,000", "“产业链+专家”智库"]:
        assert words in shanxi


def test_what_a_document_does_not_state_is_said_on_the_page(sample_site):
    beef = content(page(sample_site, "lvyuan/chains/lvyuan-beef/"))
    assert "文件未载明" in beef.select_one("#table-chiefs").get_text()
    assert "分管区领导" in beef.get_text()
    henan = content(page(sample_site, "en/henan/"))
    assert "not part of this text" in henan.select_one(".portal-chains").get_text()


def test_lead_units_and_task_tables(sample_site):
    tasks = content(page(sample_site, "shanxi/tasks/"))
    rows = tasks.select("tbody tr")
    assert [r.find("td").get_text(strip=True) for r in rows] == [str(n) for n in range(1, 11)]
    assert "2024-Q1" in rows[0].get_text() and "省链长办" in rows[0].get_text()
    hunan = content(page(sample_site, "hunan/tasks/")).select("tbody tr")
    first_units = hunan[0].find_all("td")[-1]
    assert first_units.find("a").get_text(strip=True) == "省工业和信息化厅" and "牵头" in first_units.get_text()


def test_units_with_duties(sample_site):
    units = content(page(sample_site, "hunan/units/"))
    assert len(units.select(".portal-unit")) == 22
    commerce = units.select_one("#unit-hunan-commerce").get_text()
    assert "牵头开放合作促进行动" in commerce


def test_every_fact_cites_its_document(sample_site):
    hunan = content(page(sample_site, "hunan/chains/hunan-software/"))
    source = hunan.select_one(".portal-source")
    assert "附件2" in source.get_text()
    assert source.find("a")["href"] == "../../../policies/hunan-2021-leaders/"
    policy = content(page(sample_site, "policies/lvyuan-2022-14/")).get_text()
    assert "长绿府办发〔2022〕14号" in policy and "2022-06-27" in policy


def test_language_switcher_keeps_the_page(sample_site):
    zh = page(sample_site, "hunan/chiefs/")
    links = {a["hreflang"]: a["href"] for a in zh.select("a.md-select__link")}
    assert links == {"zh-Hans": "../../hunan/chiefs/", "en": "../../en/hunan/chiefs/"}
    en = page(sample_site, "en/hunan/chiefs/")
    links = {a["hreflang"]: a["href"] for a in en.select("a.md-select__link")}
    assert links["zh-Hans"] == "../../../hunan/chiefs/"
    assert en.html["lang"] == "en" and zh.html["lang"] == "zh-Hans"


def test_every_page_exists_in_both_languages(sample_site):
    zh_pages = {p.relative_to(sample_site) for p in sample_site.rglob("index.html")
                if p.relative_to(sample_site).parts[0] != "en"}
    en_pages = {p.relative_to(sample_site / "en") for p in (sample_site / "en").rglob("index.html")}
    assert zh_pages == en_pages and len(zh_pages) > 40


def test_each_language_has_its_own_search_index(sample_site):
    for site, lang in ((sample_site, "zh"), (sample_site / "en", "en")):
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert set(entry["languages"]) == {lang}
        # Pagefind's own interfaces are not published: the portal draws its results itself.
        assert not list((site / "pagefind").glob("pagefind-*ui*"))
    assert not (sample_site / "search" / "search_index.json").exists()


def test_json_schema_is_published_and_matches_the_content(sample_site):
    import jsonschema
    import yaml
    schema = json.loads((sample_site / "schema" / "chain.schema.json").read_text(encoding="utf-8"))
    from conftest import REPO
    chain = yaml.safe_load((REPO / "chains" / "hunan" / "software.yml").read_text(encoding="utf-8"))
    jsonschema.validate(chain, schema)
    guide = content(page(sample_site, "en/guide/"))
    assert guide.select_one("#kind-chain") is not None and "chief assignments by role" in guide.get_text()
    # The example files keep their indentation (the pages' white space is collapsed outside <pre>)
    # and their '#' comment lines (not taken for Markdown headings): they parse as YAML.
    examples = [example.get_text() for example in guide.select("pre")]
    assert len(examples) >= 5 and all(yaml.safe_load(text) for text in examples if not text.startswith("---"))
    assert sum("\n  " in text for text in examples) >= 4


def test_no_page_loads_anything_from_another_origin(sample_site):
    for html in sample_site.rglob("*.html"):
        soup = page(sample_site, str(html.parent.relative_to(sample_site))) if html.name == "index.html" else None
        if soup is None:
            continue
        for tag in soup.select("script[src], link[href], img[src]"):
            ref = tag.get("src") or tag.get("href")
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert not ref.startswith(("http:", "https:", "//")), (html, ref)


def test_the_notice_counts_the_documents_it_cites(sample_site):
    """The home notice's number of documents is counted from the portal, never typed."""
    cited = len([p for p in (REPO / "content" / "policies").glob("*.md") if not p.name.endswith(".en.md")])
    for prefix, words in (("", f"依据 {cited} 份公开政策文件"), ("en/", f"built from {cited} public policy documents")):
        assert words in content(page(sample_site, prefix)).select_one(".portal-notice").get_text()


def test_chains_a_document_sets_without_naming_are_counted_beside_the_listed_ones(sample_site):
    """Shanxi's plan sets 16 chains and names none: the two illustrative chains do not hide them."""
    for prefix, stated, listed in (("", "16 条产业链（名称未载明）", "2 条产业链"),
                                   ("en/", "16 chains (names not stated)", "2 chains")):
        card = next(c for c in content(page(sample_site, prefix)).select(".portal-card")
                    if "shanxi/" in c.h3.a["href"])
        counts = [li.get_text(" ", strip=True) for li in card.select(".portal-counts li")]
        assert counts[0] == stated and counts[1].startswith(listed), counts
        assert stated in content(page(sample_site, prefix + "shanxi/")).get_text()


def test_each_task_row_says_where_in_its_document_it_is(sample_site):
    """A table's citation names the document once; each of several rows names its own place
    in it (附件 第3项), beside the row."""
    tasks = content(page(sample_site, "shanxi/tasks/"))
    rows = tasks.select("tbody tr")
    assert len(rows) >= 10
    places = [row.select_one(".portal-row-source").get_text() for row in rows]
    assert places[0] == "出处：附件 第1项" and places[2] == "出处：附件 第3项"
    assert "山西省重点产业链“链长制”2024年行动计划" in tasks.select_one(".portal-source").get_text()
