"""MkDocs hooks (loaded by MkDocs from this file's path, so no imports from the package).

Material's templates indent their navigation generously: at 1,000 chains the blank lines
and indentation of the navigation made up a third of a chain page. Outside <pre>, <script> and
<textarea>, a run of white space that starts a line renders exactly as a single newline,
so it is written as one.
"""
from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_LINE_START_SPACE = re.compile(r"\n\s+")


def on_post_page(output: str, page, config) -> str:
    parts = _KEEP.split(output)
    # re.split with two groups yields: text, whole <pre>…</pre>, tag name, text, …
    return "".join(_LINE_START_SPACE.sub("\n", part) if i % 3 == 0 else part if i % 3 == 1 else ""
                   for i, part in enumerate(parts))
