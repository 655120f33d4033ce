"""Text is text: whatever an editor writes in any text field of any record kind, or in a policy's
Markdown, the built pages hold no element, attribute, URL scheme or origin their templates did
not put there, and nothing runs in a browser.

Hypothesis writes arbitrary text (heading lines with attribute lists, Markdown links, HTML,
template syntax, bidirectional marks…) into every text field at once, builds, and compares each
page's elements with those of the fixture built as it is. The fields are found by walking the
content with the schema, so a new record kind or field is fuzzed as soon as the fixture holds it
(and `test_the_fixture_fills_every_text_field` fails until it does).
"""
from __future__ import annotations

import pytest

import json
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, seed, settings
from hypothesis import strategies as st

from conftest import LINHAI, served

from generator import build as pipeline
from generator import config as site_config
from generator import reader, schema

pytestmark = pytest.mark.slow   # builds whole portals (or runs programs): `pytest -m 'not slow'` leaves it out

ATTACKS = [
    "\n## x {#x tabindex=1 autofocus onfocus=window.__pwned=1}\n", "\n\\## y {#y onfocus=window.__pwned=1}\n",
    "[click](javascript:window.__pwned=1)", "![x](https://evil.example/pixel.png)", "<script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=1>", "\"'><svg onload=window.__pwned=1>", "{{ 7*7 }}", "{% raw %}", "{# c #}",
    "${window.__pwned=1}", "&lt;b&gt;", "&#x3C;script&#x3E;", "`code`", "**bold**", "<!--", "]]>", "</textarea>",
    "</script>", "<base href=//evil.example/>", "<meta http-equiv=refresh content=0;url=//evil.example>",
    "<a href=//evil.example onclick=window.__pwned=1>x</a>", "<style>*{color:red}</style>", "<iframe src=//evil.example>",
    "https://evil.example/", "//evil.example/x.js", "javascript:window.__pwned=1", "data:text/html,<b>x</b>",
    "{: .cls #id onclick=x }", "\n\n<div markdown=1>**x**</div>\n", "\n---\n", "\n- item\n", "\n> quote\n", "\\",
    "%s", "{b}", "{a|x}", "\u200f", "\u00a0", "🙂", "鏈長", "e\u0301", "'", '"', "<", ">", "&",
]
MARKDOWN_ATTACKS = ATTACKS + ["\n# heading {#h onclick=x}\n", "\n<details open ontoggle=window.__pwned=1>\n",
                              "[x](https://evil.example/ \"t\" onclick=x)", "<a href=\"mailto:a@b.c\">m</a>",
                              "\n| a | b |\n|---|---|\n| <b onclick=x>1</b> | 2 |\n"]


def _payload(pieces: list[str]) -> str:
    text = reader.FORBIDDEN_CHARACTERS.sub("", "".join(pieces))
    return "甲" + text   # never only invisible characters: those are refused, rightly


texts = st.lists(st.sampled_from(ATTACKS) | st.text(max_size=12), min_size=1, max_size=4).map(_payload)
bodies = st.lists(st.sampled_from(MARKDOWN_ATTACKS) | st.text(max_size=12), min_size=1, max_size=8).map(_payload)


# --- where the text fields are ---------------------------------------------------------------

def _text_fields(struct: schema.Struct, data, at: tuple):
    """(location, type) of every text value in a record's data: Text in both languages, free Str."""
    for field in struct.fields.values():
        if field.name not in data:
            continue
        type_, value = field.type, data[field.name]
        items = list(enumerate(value)) if isinstance(type_, schema.List) else [(None, value)]
        item_type = type_.item if isinstance(type_, schema.List) else type_
        for index, item in items:
            where = at + ((field.name, index) if index is not None else (field.name,))
            if isinstance(item_type, schema.Text):
                for lang in item:
                    yield where + (lang,), item_type
            elif isinstance(item_type, schema.Str) and not item_type.pattern:
                yield where, item_type
            elif isinstance(item_type, schema.Struct):
                yield from _text_fields(item_type, item, where)


def content_files(root: Path):
    """(path, data, body, struct, records-are-a-list) of every content file and the site config."""
    files = [(root / site_config.CONFIG_FILE, site_config.SITE, False)]
    for kind in schema.KINDS.values():
        files += [(p, kind.struct, kind.many_per_file) for p in sorted((root / kind.folder).rglob("*.md" if kind.markdown
                                                                                             else "*.yml"))
                  if not p.name.endswith(".en.md")]
    for path, struct, many in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            page = reader.parse_front_matter(text)
            yield path, json.loads(json.dumps(page.meta)), page.body, struct, many
        else:
            yield path, json.loads(json.dumps(reader.parse_yaml(text))), None, struct, many


def locations(root: Path):
    found = []
    for path, data, _, struct, many in content_files(root):
        records = list(enumerate(data)) if many else [(None, data)]
        for index, record in records:
            start = (index,) if index is not None else ()
            found += [(path, where, type_) for where, type_ in _text_fields(struct, record, start)]
    return found


def _field_name(where: tuple) -> str:
    return ".".join(str(part) for part in where if not isinstance(part, int) and part not in ("zh", "en"))


def test_the_fixture_fills_every_text_field():
    """Each text field of each record kind (and of site-config.yml) holds text in the fixture, so
    the property below writes into every one of them."""
    def declared(struct, prefix=""):
        for field in struct.fields.values():
            type_ = field.type.item if isinstance(field.type, schema.List) else field.type
            name = prefix + field.name
            if isinstance(type_, schema.Text) or (isinstance(type_, schema.Str) and not type_.pattern):
                yield name
            elif isinstance(type_, schema.Struct):
                yield from declared(type_, name + ".")
    wanted = {(s.name, name) for s in [site_config.SITE] + [k.struct for k in schema.KINDS.values()]
              for name in declared(s)}
    structs = {path: struct.name for path, _, _, struct, _ in content_files(LINHAI)}
    present = {(structs[path], _field_name(where)) for path, where, _ in locations(LINHAI)}
    assert not wanted - present, f"fields no fixture record fills: {sorted(wanted - present)}"


# --- the property ------------------------------------------------------------------------------

def write_portal(root: Path, draw_text, body_text: str | None) -> None:
    """Every text field gets drawn text, numbered: names must stay unique where pages need them to."""
    number = iter(range(10**6))
    for path, data, body, struct, many in content_files(root):
        records = data if many else [data]
        for where, type_ in _text_fields_of(struct, records, many):
            limit = type_.max_length
            target = records
            for part in where[:-1]:
                target = target[part]
            suffix = f" {next(number)}"
            target[where[-1]] = draw_text()[:limit - len(suffix)] + suffix
        text = yaml.safe_dump(records if many else records[0], allow_unicode=True, sort_keys=False)
        if body is not None:   # the English pages show the Chinese text, as the fixture has no English one
            path.write_text(f"---\n{text}---\n{body_text if body_text is not None else body}\n", encoding="utf-8")
        else:
            path.write_text(text, encoding="utf-8")


def _text_fields_of(struct, records, many):
    for index, record in enumerate(records):
        start = (index,) if many else (0,)
        yield from _text_fields(struct, record, start)


SKIP_SUBTREES = ".portal-policy-body, .md-nav--secondary"


def elements(site: Path) -> dict[str, list]:
    """Each page's elements in document order, as (tag, attribute names), outside policy texts."""
    result = {}
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for skipped in soup.select(SKIP_SUBTREES):
            skipped.decompose()
        result[str(html.relative_to(site))] = [(tag.name, tuple(sorted(tag.attrs))) for tag in soup.find_all(True)]
    return result


ALLOWED_IN_TEXTS = {"p": set(), "br": set(), "hr": set(), "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
                    "ul": set(), "ol": set(), "li": set(), "strong": set(), "em": set(), "b": set(), "i": set(),
                    "code": set(), "pre": set(), "blockquote": set(), "a": {"href", "title", "rel"},
                    "table": set(), "thead": set(), "tbody": set(), "tr": set(), "th": {"align"}, "td": {"align"},
                    "sup": set(), "sub": set(), "span": set(), "del": set()}


def policy_texts_are_within_the_allow_list(site: Path) -> None:
    for html in site.rglob("policies/*/index.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for text in soup.select(".portal-policy-body"):
            for tag in text.find_all(True):
                if tag.get("class") == ["headerlink"]:   # the section links the generator adds to headings
                    assert set(tag.attrs) == {"class", "href", "title"} and tag["href"].startswith("#text-")
                    continue
                assert tag.name in ALLOWED_IN_TEXTS and set(tag.attrs) <= ALLOWED_IN_TEXTS[tag.name], (html, str(tag)[:200])
                href = tag.get("href")
                if href is not None:
                    assert re.match(r"(https?:|mailto:)", href), (html, href)


def built_elements(root: Path, out: Path) -> dict[str, list]:
    checked = pipeline.build(root, out)
    assert not checked.report.errors, [i.format() for i in checked.report.errors][:5]
    policy_texts_are_within_the_allow_list(out)
    return elements(out)


_BASELINE: dict = {}


def baseline() -> dict[str, list]:
    if not _BASELINE:
        with tempfile.TemporaryDirectory() as tmp:
            _BASELINE.update(built_elements(LINHAI, Path(tmp) / "site"))
    return _BASELINE


ALL_ATTACKS = "".join(ATTACKS)


@settings(max_examples=10, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@seed(20261202)
@given(st.data())
@example(None)   # every attack in every field at once
def test_no_text_makes_markup(data):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "portal"
        shutil.copytree(LINHAI, root)
        if data is None:
            write_portal(root, lambda: _payload([ALL_ATTACKS]), _payload(MARKDOWN_ATTACKS))
        else:
            write_portal(root, lambda: data.draw(texts), data.draw(bodies))
        poisoned = built_elements(root, Path(tmp) / "site")
        expected = baseline()
        assert poisoned.keys() == expected.keys()
        for page in expected:
            assert poisoned[page] == expected[page], page


def test_nothing_runs_in_a_browser(browser, tmp_path):
    """The site with every attack in every field, as a visitor's browser meets it: every page,
    chart tooltips, a search for the payloads."""
    root = tmp_path / "portal"
    shutil.copytree(LINHAI, root)
    write_portal(root, lambda: _payload([ALL_ATTACKS]), _payload(MARKDOWN_ATTACKS))
    site = tmp_path / "site"
    assert not pipeline.build(root, site).report.errors
    pages = sorted({str(p.parent.relative_to(site)) for p in site.rglob("index.html")})
    with served(site) as base:
        context = browser.new_context()
        outside, dialogs = [], []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith((base, "data:", "blob:"))
                      else (outside.append(route.request.url), route.abort()))
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            tab.goto(base + ("" if path == "." else path + "/"))
            tab.wait_for_timeout(150)
            tab.evaluate("""() => { for (const el of document.querySelectorAll('[_echarts_instance_]')) {
                const chart = echarts.getInstanceByDom(el);
                (chart.getOption().series || []).forEach((s, i) => (s.data || []).forEach((_, j) =>
                    chart.dispatchAction({type: 'showTip', seriesIndex: i, dataIndex: j})));
            } }""") if tab.evaluate("typeof echarts !== 'undefined'") else None
            assert not tab.evaluate("window.__pwned"), path
        for lang in ("", "en/"):   # results and excerpts drawn from the poisoned index
            tab.goto(base + lang + "search/?q=pwned")
            tab.wait_for_selector(".portal-search__results[aria-busy=false]", state="attached", timeout=15000)
            assert tab.locator(".portal-search__result").count() > 0
            assert not tab.evaluate("window.__pwned")
        context.close()
    assert not dialogs and not outside, (dialogs, outside)
