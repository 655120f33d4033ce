"""The HTML of the main page types passes the W3C Nu HTML Checker (vnu, from npm)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = ["", "hunan/", "hunan/chiefs/", "hunan/units/", "hunan/tasks/", "hunan/chains/hunan-software/", "people/",
         "policies/", "policies/hunan-2021-leaders/", "guide/", "lvyuan/", "shanxi/tasks/", "investment/",
         "projects/shanxi-a-1/", "shanxi/zones/example-zone-a/", "shanxi/leaders/", "data/"]
# Errors in Material for MkDocs' own markup, not in ours: its checkbox toggles carry
# autocomplete="off", and its table-of-contents label points at a toggle that is hidden.
THEME_ERRORS = ("Attribute “autocomplete” is only allowed when the input type is",
                "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control")


def test_main_pages_pass_the_html_checker(sample_site):
    java = shutil.which("java")
    assert java and VNU.exists(), "needs java and `npm ci` (the Makefile's test target runs it)"
    files = [str(sample_site / lang / path / "index.html") for lang in ("", "en/") for path in PAGES]
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *files],
                            capture_output=True, text=True, timeout=300)
    errors = [line for line in result.stderr.splitlines() if line and not any(e in line for e in THEME_ERRORS)]
    assert not errors, "\n".join(errors[:20])


def test_ids_are_unique_on_every_page(sample_site):
    import re
    for html in Path(sample_site).rglob("*.html"):
        ids = re.findall(r'\sid="([^"]+)"', html.read_text(encoding="utf-8"))
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert not duplicates, (html, duplicates)


def test_the_chrome_around_the_article_has_no_line_breaks_between_tags(sample_site):
    """Material's header, sidebar and footer are blocks and flex boxes, where a line break between
    tags draws nothing: it is left out (mkdocs_engine.on_post_page; the same pixels, measured).
    The article keeps its own, and every page still has both."""
    import re

    for path in ("projects/shanxi-a-1", "en/hunan/chains", ""):
        html = (sample_site / path / "index.html").read_text(encoding="utf-8")
        start, end = html.index("<article"), html.rindex("</article>")
        chrome = re.sub(r"<(script|pre)\b.*?</\1>", "<kept/>", html[:start] + "<article/>" + html[end:], flags=re.S)
        assert not re.search(r">\s+<", chrome), (path, re.search(r".{40}>\s+<.{40}", chrome, re.S))
        assert re.search(r">\n<", html[start:end]), path


def test_the_chrome_is_squeezed_as_the_rules_say_on_any_markup():
    """mkdocs_engine._tight, written for speed, against its rules written as regular
    expressions: on any string of tags, text and white space, the same result."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from generator import mkdocs_engine

    def by_the_rules(chrome: str) -> str:
        if not chrome.strip():
            return ""
        chrome = re.sub(r">\s+<", "><", re.sub(r"\n\s+", "\n", chrome))
        chrome = re.sub(r"(<[a-zA-Z][^<>]*>)\s+(?=[^\s<])", r"\1", chrome)
        chrome = re.sub(r"(?<=[^\s>])\s+(?=</)", "", chrome)   # before a closing tag, not after a tag
        return re.sub(r"(?<=>)\s+$|^\s+(?=<)", "", chrome)     # the ends that meet a tag

    pieces = st.sampled_from(["<a>", "</a>", '<div class="x">', "</div>", "<br>", "<", ">", "</", " ", "  ", "\n",
                              "\n  ", "\t", "\u3000", "\xa0", "Home", "x y", "首页"])

    @settings(max_examples=3000, deadline=None)
    @given(st.lists(pieces, max_size=14).map("".join))
    def squeezed_alike(chrome):
        assert mkdocs_engine._tight(chrome) == by_the_rules(chrome)

    squeezed_alike()
