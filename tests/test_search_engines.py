"""What search engines, feed readers and link previews read of the built sample portal: each
page's head, the sitemaps and their index, robots.txt, and feeds whose ids do not depend on
where the portal is published."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import REPO

from generator import build as pipeline

BASE = "https://example.github.io/chain-portal/"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every page of both languages by its published address."""
    found = {}
    for html in site.rglob("index.html"):
        if "pagefind" in html.parts:
            continue
        path = html.parent.relative_to(site).as_posix()
        found[BASE + ("" if path == "." else path + "/")] = BeautifulSoup(html.read_text(encoding="utf-8"),
                                                                         "html.parser")
    return found


def counterpart(address: str, lang: str) -> str:
    path = address.removeprefix(BASE).removeprefix("en/")
    return BASE + ("en/" if lang == "en" else "") + path


def test_every_page_names_its_counterparts_absolutely(sample_site):
    everything = pages(sample_site)
    assert len(everything) > 100
    for address, soup in everything.items():
        links = {link["hreflang"]: link["href"] for link in soup.select('head link[rel=alternate][hreflang]')}
        assert links == {"zh-Hans": counterpart(address, "zh"), "en": counterpart(address, "en"),
                         "x-default": counterpart(address, "zh")}, address
        assert all(target in everything for target in links.values()), address
        assert soup.select_one('link[rel=canonical]')["href"] == address


def test_each_page_describes_itself_for_previews(sample_site):
    everything = pages(sample_site)
    descriptions = {soup.select_one("meta[name=description]")["content"] for soup in everything.values()}
    assert len(descriptions) > 0.9 * len(everything)
    for address, soup in everything.items():
        og = {m["property"]: m["content"] for m in soup.select("meta[property^='og:']")}
        assert og["og:url"] == address and og["og:title"] and og["og:description"]
        assert og["og:locale"] == ("en_US" if "/en/" in address else "zh_CN")
        assert len(soup.select_one("meta[name=description]")["content"]) <= 160
    project = everything[BASE + "en/projects/shanxi-a-3/"]
    assert project.select_one("meta[name=description]")["content"].startswith("Example Testing Centre: Example chain A")
    titles = [soup.title.get_text() for soup in everything.values()]
    assert len(set(titles)) == len(titles)


@pytest.mark.slow   # builds the sample again
def test_a_language_of_more_pages_than_a_sitemap_holds_has_several(sample_site, tmp_path):
    """Past opendata.SITEMAP_URLS pages (the protocol's 50,000; a 3,000-chain portal has 96,000
    a language), a language's sitemap is split into files that a crawler accepts, and the index
    names them: here the limit is lowered to 30 of the sample's 79 pages."""
    import gzip

    from generator import opendata

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(opendata, "SITEMAP_URLS", 30)
        assert not pipeline.build(REPO, tmp_path / "site").report.errors
    site = tmp_path / "site"
    index = [loc.text for loc in ET.parse(site / "sitemap-index.xml").getroot().iterfind("s:sitemap/s:loc", SITEMAP)]
    assert index == [BASE + f"sitemap-{n}.xml" for n in (1, 2, 3)] + [BASE + f"en/sitemap-{n}.xml" for n in (1, 2, 3)]
    for prefix in ("", "en/"):
        whole = [loc.text for loc in ET.parse(sample_site / prefix / "sitemap.xml").getroot().iterfind("s:url/s:loc", SITEMAP)]
        parts = [ET.parse(site / prefix / f"sitemap-{n}.xml").getroot() for n in (1, 2, 3)]
        assert [len(part.findall("s:url", SITEMAP)) for part in parts] == [30, 30, len(whole) - 60]
        assert [loc.text for part in parts for loc in part.iterfind("s:url/s:loc", SITEMAP)] == whole
        assert all(part.find("s:url/x:link", SITEMAP) is not None for part in parts)   # alternates kept
        # The language's own sitemap.xml names its parts, and its gzip copy says the same.
        own = (site / prefix / "sitemap.xml").read_bytes()
        assert [loc.text for loc in ET.fromstring(own).iterfind("s:sitemap/s:loc", SITEMAP)] == \
            [BASE + prefix + f"sitemap-{n}.xml" for n in (1, 2, 3)]
        assert gzip.decompress((site / prefix / "sitemap.xml.gz").read_bytes()) == own


def test_sitemaps_carry_alternates_and_content_dates_and_are_indexed(sample_site):
    index = ET.parse(sample_site / "sitemap-index.xml").getroot()
    sitemaps = [loc.text for loc in index.iterfind("s:sitemap/s:loc", SITEMAP)]
    assert sitemaps == [BASE + "sitemap.xml", BASE + "en/sitemap.xml"]
    assert f"Sitemap: {BASE}sitemap-index.xml" in (sample_site / "robots.txt").read_text(encoding="utf-8")
    everything = pages(sample_site)
    listed = {}
    for name in ("sitemap.xml", "en/sitemap.xml"):
        for url in ET.parse(sample_site / name).getroot().iterfind("s:url", SITEMAP):
            loc = url.find("s:loc", SITEMAP).text
            listed[loc] = url
            alternates = {a.get("hreflang"): a.get("href") for a in url.iterfind("x:link", SITEMAP)}
            assert alternates == {"zh-Hans": counterpart(loc, "zh"), "en": counterpart(loc, "en"),
                                  "x-default": counterpart(loc, "zh")}
    assert set(listed) == set(everything)
    # lastmod is the content's own date: a project's last update, a document's date.
    assert listed[BASE + "projects/shanxi-a-3/"].find("s:lastmod", SITEMAP).text == "2024-06-30"
    assert listed[BASE + "policies/henan-2021-61/"].find("s:lastmod", SITEMAP).text == "2021-10-20"


def test_feeds_are_advertised_and_keep_their_ids_wherever_published(sample_site, tmp_path):
    investment = pages(sample_site)[BASE + "shanxi/investment/"]
    feed = investment.select_one('head link[rel=alternate][type="application/atom+xml"]')
    assert feed and (sample_site / "shanxi" / "investment" / feed["href"]).resolve() == \
        (sample_site / "feeds" / "shanxi.atom").resolve()
    parsed = feedparser.parse((sample_site / "feeds" / "shanxi.atom").read_bytes())
    assert parsed.feed.link == BASE + "shanxi/investment/"    # the list it follows
    elsewhere = tmp_path / "intranet"
    assert not pipeline.build(REPO, elsewhere, base_url="http://portal.intranet.example/").report.errors
    moved = feedparser.parse((elsewhere / "feeds" / "shanxi.atom").read_bytes())
    assert moved.feed.id == parsed.feed.id
    assert [e.id for e in moved.entries] == [e.id for e in parsed.entries]
    assert moved.entries[0].link.startswith("http://portal.intranet.example/projects/")


def test_every_feed_is_atom_by_the_rfc_and_by_feedparser(sample_site):
    """RFC 4287 as RELAX NG (tests/schemas/atom.rng, written from the RFC), and feedparser."""
    from lxml import etree
    schema = etree.RelaxNG(etree.parse(str(REPO / "tests" / "schemas" / "atom.rng")))
    feeds = sorted(sample_site.rglob("*.atom"))
    assert len(feeds) == 10   # two lists, three changes of chiefs, in two languages
    for feed in feeds:
        assert schema.validate(etree.parse(str(feed))), (feed, schema.error_log.last_error)
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo and parsed.version == "atom10"
    # The schema can fail: a feed without its id, or a date without its time.
    broken = etree.parse(str(sample_site / "feeds" / "shanxi.atom")).getroot()
    broken.remove(broken.find("{http://www.w3.org/2005/Atom}id"))
    assert not schema.validate(broken)
    broken = etree.parse(str(sample_site / "feeds" / "shanxi.atom")).getroot()
    broken.find("{http://www.w3.org/2005/Atom}updated").text = "2024-10-08"
    assert not schema.validate(broken)
