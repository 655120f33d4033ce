"""Check a built site: every internal link, asset and #fragment resolves, under any sub-path."""
from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

BASE = "http://portal.invalid/any/sub/path/"   # links are relative: any base must work


class _Refs(HTMLParser):
    """Collects link targets and element ids of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []   # (tag, rel, reference)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        ref = attributes.get("href") if tag in ("a", "link") else attributes.get("src") if tag in (
            "script", "img", "iframe") else None
        if ref:
            self.refs.append((tag, attributes.get("rel") or "", ref))


@lru_cache(maxsize=None)
def _parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Every reference that does not resolve, as 'page → reference (why)'; empty when all do."""
    _parse.cache_clear()
    broken = []
    # 404.html is served for any missing address, so MkDocs links it from site_url absolutely.
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    for html in pages:
        here = urljoin(BASE, html.relative_to(site).as_posix())
        for tag, rel, ref in _parse(html).refs:
            problem = _problem(site, here, tag, rel, ref)
            if problem:
                broken.append(f"{html.relative_to(site)} → {ref} ({problem})")
    return broken


def _problem(site: Path, here: str, tag: str, rel: str, ref: str) -> str | None:
    if ref.startswith(("mailto:", "data:", "tel:")):
        return None
    absolute = urljoin(here, ref)
    if not absolute.startswith(BASE):
        if tag == "a" or {"canonical", "alternate"} & set(rel.split()):   # rel is a list of tokens
            return None   # a plain link to another site (a source document) is fine
        return "an asset from another origin"
    path = unquote(urlparse(absolute).path)[len(urlparse(BASE).path):]
    target = site / path / "index.html" if path.endswith("/") or not path else site / path
    if not target.is_file():
        return "no such file"
    fragment = unquote(urlparse(absolute).fragment)
    if fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
        return f"no #{fragment} there"
    return None
