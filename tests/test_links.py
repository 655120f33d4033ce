"""Every internal link and asset reference in the built sample site resolves, in both languages."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup

BASE = "http://portal.test/sub/path/"   # any sub-path: all links are relative


def targets(site: Path, html: Path):
    url = urljoin(BASE, html.relative_to(site).as_posix())
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    for tag in soup.find_all(["a", "link", "script", "img"]):
        ref = tag.get("href") or tag.get("src")
        if not ref or ref.startswith(("mailto:", "data:")):
            continue
        absolute = urljoin(url, ref)
        if not absolute.startswith(BASE):
            assert urlparse(absolute).scheme in ("http", "https"), (html, ref)
            assert tag.name == "a" or tag.get("rel") in (["canonical"], ["alternate"]), (html, ref)
            continue
        yield ref, absolute, soup


def resolve(site: Path, absolute: str) -> Path:
    path = unquote(urlparse(absolute).path)[len(urlparse(BASE).path):]
    target = site / path
    return target / "index.html" if path.endswith("/") or path == "" else target


@lru_cache(maxsize=None)
def ids(path: Path) -> frozenset:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(tag["id"] for tag in soup.find_all(id=True))


def test_every_internal_reference_resolves(sample_site):
    broken = []
    # 404.html is served for any missing address, so MkDocs links it from site_url absolutely
    # (set with --base-url for an intranet server); every other page links relatively.
    pages = [p for p in sample_site.rglob("*.html") if p.name != "404.html"]
    for html in pages:
        for ref, absolute, soup in targets(sample_site, html):
            if "/" + "404.html" in absolute:
                continue
            target = resolve(sample_site, absolute)
            if not target.exists():
                broken.append(f"{html.relative_to(sample_site)} → {ref}")
                continue
            fragment = urlparse(absolute).fragment
            if fragment and target.suffix == ".html":
                if unquote(fragment) not in ids(target):
                    broken.append(f"{html.relative_to(sample_site)} → {ref} (no #{fragment})")
    assert not broken, broken[:20]
    assert len(pages) > 90
