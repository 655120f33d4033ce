"""Policy texts: editors' Markdown, bounded, converted, then sanitised to an allow-list.

Markdown runs first and the sanitiser after it, on the HTML Markdown made: whatever a text
holds (raw HTML, attribute lists, `javascript:` links) reaches the page only as the
allow-list lets it. Python-Markdown recurses into nested lists and quotes and is quadratic
in a paragraph's brackets, so a text is bounded before it is converted (`problems`).
"""
from __future__ import annotations

import functools
import re

import markdown as markdown_lib
import nh3
from markupsafe import Markup

MAX_INDENT = 40              # columns: lists and quotes nested about ten deep
MAX_QUOTE_DEPTH = 10
MAX_BRACKETS_PER_PARAGRAPH = 200
MAX_BRACKETS = 2_000

_ALLOWED_TAGS = {"p", "br", "hr", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "b", "i", "code",
                 "pre", "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "span", "del"}
_ATTRIBUTES = {"a": {"href", "title"}, "td": {"align"}, "th": {"align"}}
_QUOTES = re.compile(r"^(?:\s*>)+")
_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")
_SANITISED_HEADING = re.compile(r"<h([3-6])>")


def problems(body: str) -> list[tuple[int, str, str, str, str]]:
    """Why a text cannot be converted safely: (line in the text, expected en, zh, found en, zh)."""
    found = []
    brackets = 0
    paragraph_start, paragraph_brackets = 1, 0
    for number, line in enumerate(body.split("\n"), 1):
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if indent > MAX_INDENT:
            found.append((number, f"a line indented at most {MAX_INDENT} spaces (lists nested about ten deep)",
                          f"缩进不超过 {MAX_INDENT} 个空格的行（列表嵌套约十层以内）", f"{indent} spaces", f"{indent} 个空格"))
        quotes = _QUOTES.match(line)
        if quotes and quotes.group().count(">") > MAX_QUOTE_DEPTH:
            depth = quotes.group().count(">")
            found.append((number, f"quotes nested at most {MAX_QUOTE_DEPTH} deep", f"引用嵌套不超过 {MAX_QUOTE_DEPTH} 层",
                          f"{depth} levels", f"{depth} 层"))
        if not line.strip():
            paragraph_start, paragraph_brackets = number + 1, 0
        count = line.count("[")
        brackets += count
        paragraph_brackets += count
        if paragraph_brackets > MAX_BRACKETS_PER_PARAGRAPH:
            found.append((paragraph_start, f"a paragraph with at most {MAX_BRACKETS_PER_PARAGRAPH} '[' (links)",
                          f"“[”（链接）不超过 {MAX_BRACKETS_PER_PARAGRAPH} 个的段落", "more", "更多"))
            paragraph_brackets = -(10**9)   # once per paragraph
    if brackets > MAX_BRACKETS:
        found.append((1, f"a text with at most {MAX_BRACKETS} '[' (links)", f"“[”（链接）不超过 {MAX_BRACKETS} 个的正文",
                      str(brackets), str(brackets)))
    if not found and body.strip():
        try:
            to_html(body)
        except (RecursionError, ValueError) as err:   # a limit above was not enough: never a traceback
            found.append((1, "Markdown text that converts", "可转换的 Markdown 文本", type(err).__name__,
                          type(err).__name__))
    return found


@functools.lru_cache(maxsize=64)
def to_html(body: str) -> Markup:
    """A text as HTML: converted, headings moved below the page's own (the text's top level is
    an <h3>, under the page's <h2>), sanitised, each heading given an id for the table of contents."""
    html = markdown_lib.markdown(body, extensions=["tables", "sane_lists"], output_format="html")
    levels = [int(level) for _, level in _HEADING_TAG.findall(html)]
    shift = 3 - min(levels, default=3)   # the text's own top level becomes <h3>
    html = _HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}>", html)
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                      link_rel="noopener noreferrer")
    counter = iter(range(1, 10**6))
    return Markup(_SANITISED_HEADING.sub(lambda m: f'<h{m[1]} id="text-{next(counter)}">', clean))
