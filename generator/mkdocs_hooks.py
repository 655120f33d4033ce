"""MkDocs hooks (loaded by MkDocs from this file's path, so no imports from the package).

Material's templates indent their navigation generously: at 1,000 chains the blank lines
and indentation of the navigation made up a third of a chain page. Outside <pre>, <script> and
<textarea>, a run of white space that starts a line renders exactly as a single newline,
so it is written as one.

MkDocs builds in two passes: it converts every page, then writes every page. Between the
two it holds every page's source and HTML, which at 1,000 chains was most of a gigabyte per
language. The source is not needed once converted, and the HTML is kept compressed until
its page is written, then dropped.
"""
from __future__ import annotations

import re
import zlib

from mkdocs.plugins import event_priority

_KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_LINE_START_SPACE = re.compile(r"\n\s+")
_packed: dict[str, bytes] = {}   # page's source path → its compressed HTML, between the passes


@event_priority(-100)   # after every plugin has seen the converted page
def on_page_content(html: str, page, config, files) -> str:
    page.markdown = None
    _packed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
    return ""


@event_priority(100)   # before the search plugin indexes the page
def on_page_context(context, page, config, nav):
    packed = _packed.pop(page.file.src_uri, None)
    if packed is not None:
        page.content = zlib.decompress(packed).decode("utf-8")
    return context


def on_post_page(output: str, page, config) -> str:
    page.content = None   # written: no later step reads it
    parts = _KEEP.split(output)
    # re.split with two groups yields: text, whole <pre>…</pre>, tag name, text, …
    return "".join(_LINE_START_SPACE.sub("\n", part) if i % 3 == 0 else part if i % 3 == 1 else ""
                   for i, part in enumerate(parts))
