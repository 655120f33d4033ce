"""Search: each language's site gets a Pagefind index of its own, in `<language>/pagefind/`.

Why Pagefind (bench/README.md has the figures): its index is split into chunks the browser
fetches as a query needs them, so the first query costs about the same on a portal of ten
chains as on one of a thousand; its extended build segments Chinese words (Simplified and
Traditional) with ICU4X, so 储能 finds 先进储能材料及动力电池; it stems English (battery ~
batteries). It runs offline, from the site's own folder, on any static server.

What is indexed is decided by the pages: the part of a page marked `data-pagefind-body`
(theme/pages/_page.html, on searchable pages only), with its kind and jurisdiction as filters.
Pagefind reads no more than that and the page's language, but it parses every page whole:
Material's header, navigation and footer were half its time. So each language's build writes a
copy of each searchable page cut to its article (searched_copy), in a folder of its own that
mirrors the site's, and Pagefind indexes that folder into the site. Its pages' words, filters,
meta and anchors are those of the pages whole (tests/test_search.py). Which chunk holds what
follows the order in which the file system lists the pages, as it did before: the sample's
index and a 1,000-chain portal's came out byte for byte the same.
"""
from __future__ import annotations

import errno
import os
import platform
import shutil
import subprocess
from pathlib import Path

FOLDER = "pagefind"   # in each language's site, beside its pages
# Not indexed: section permalinks (¶), the labels of a page's facts (阶段, 发文机关), download
# links, what a page repeats for a phone or paper, the lists of projects (each project is found
# on its own page) and the charts (figures whose data tables are numbers). Pagefind holds the whole index in memory while it builds it:
# at 1,000 chains the lists on chain pages alone cost it hundreds of megabytes.
EXCLUDED = ".headerlink, .portal-facts dt, .portal-phone-only, .portal-print-only, .portal-downloads, .portal-list, .portal-chart"
# Pagefind writes its own search interfaces too; the portal's is theme/assets/search.js.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# npm installs the binary of this machine's platform as an optional dependency of `pagefind`.
_ARCHITECTURES = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}


def binary(node_modules: Path) -> Path:
    """Pagefind's extended build (the one that segments Chinese) for this machine."""
    system = {"Linux": "linux", "Darwin": "darwin", "Windows": "windows", "FreeBSD": "freebsd"}.get(platform.system(), "")
    arch = _ARCHITECTURES.get(platform.machine().lower(), platform.machine().lower())
    suffix = ".exe" if system == "windows" else ""
    return node_modules / "@pagefind" / f"{system}-{arch}" / "bin" / f"pagefind_extended{suffix}"


def installed(node_modules: Path) -> bool:
    return binary(node_modules).is_file()


ATTRIBUTE = "data-pagefind-body"


def searched_copy(html: str) -> str | None:
    """What Pagefind needs of a built page: its <html> tag (the language) and the article that
    holds the searchable part; the page whole if that part is elsewhere; None if the page is
    not searchable."""
    body = _marked_element(html)
    if body < 0:
        return None
    start, end = html.find("<article"), html.rfind("</article>")
    root = html.find("<html")
    if not 0 <= root < start < body < end:
        return html
    return f"<!doctype html>{html[root:html.index('>', root) + 1]}<body>{html[start:end + len('</article>')]}</body></html>"


def _marked_element(html: str) -> int:
    """Where the tag that carries the attribute starts, or -1. The words in a page's text are
    not it: content is escaped, so a '>' ends the last tag before them."""
    at = html.find(ATTRIBUTE)
    while at >= 0:
        tag = html.rfind("<", 0, at)
        if tag >= 0 and html.find(">", tag, at) < 0:
            return tag
        at = html.find(ATTRIBUTE, at + len(ATTRIBUTE))
    return -1


def index(site: Path, node_modules: Path, language: str, pages: Path | None = None) -> None:
    """Index one language's built site into `site/pagefind/`, replacing any index there: the
    searched copies of its pages in `pages` when given, else its pages whole.

    Each language's site is one language, indexed as its row's search language (an ISO 639-1
    code: zh-Hans and zh-Hant pages are both segmented as zh); Pagefind's script finds that
    index from the page's `<html lang>` by its first subtag.

    Pagefind adds to the folder it writes and never removes a chunk: it writes into a new
    folder, which then takes the old one's place (in `serve`, search keeps working meanwhile).
    """
    fresh, stale = site / f".{FOLDER}.new", site / f".{FOLDER}.old"
    for leftover in (fresh, stale):
        shutil.rmtree(leftover, ignore_errors=True)
    result = subprocess.run([str(binary(node_modules)), "--site", str(pages or site), "--output-path", str(fresh),
                             "--exclude-selectors", EXCLUDED, "--force-language", language, "--silent"], capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise OSError(errno.EIO, f"Pagefind could not index {site}: {(result.stderr or result.stdout).strip()[-2000:]}")
    for name in UNUSED:
        (fresh / name).unlink(missing_ok=True)
    if (site / FOLDER).exists():
        os.rename(site / FOLDER, stale)
    os.rename(fresh, site / FOLDER)
    shutil.rmtree(stale, ignore_errors=True)
