"""Everything MkDocs-specific: write one ordinary MkDocs project per language and build it.

Material for MkDocs is in maintenance and MkDocs 2 drops plugins, so the generator keeps
the site engine behind this one module: moving to another engine rewrites this file and
the Material overrides in theme/material, nothing else.
"""
from __future__ import annotations

import json
import logging
import re
import zlib
from pathlib import Path

import yaml
from markdown import Extension
from markdown.preprocessors import Preprocessor
from markupsafe import escape

from .config import SiteConfig
from .files import copy_if_changed, write_if_changed
from .ui import text_plain

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
LANGUAGE_PREFIX = {"zh": "", "en": "en/"}   # where each language lives in the built site
LANGUAGE_NAME = {"zh": "中文", "en": "English"}
# Search splits on white space, jieba's zero-width spaces and Chinese punctuation, in both
# languages: English pages show untranslated Chinese too.
SEARCH_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：（）]+"


def write_project(path: Path, docs_dir: Path, settings: str) -> None:
    """Write one language's `mkdocs.yml` (see project_settings) and the theme's assets."""
    for source in (THEME_DIR / "assets").rglob("*"):
        if source.is_file():
            copy_if_changed(source, docs_dir / "assets" / source.relative_to(THEME_DIR / "assets"))
    write_if_changed(path, settings)


def project_settings(lang: str, docs_dir: Path, nav: list, config: SiteConfig, site_dir: Path,
                     user_dict: Path) -> str:
    """One language's `mkdocs.yml` (as data, with safe_dump): settings, navigation and titles."""
    up = "../" if LANGUAGE_PREFIX[lang] else ""
    settings = {
        # Material prints these into pages unescaped: escape them here.
        "site_name": str(escape(text_plain(config.title, lang))),
        "site_description": str(escape(text_plain(config.description, lang))),
        "site_url": config.base_url + LANGUAGE_PREFIX[lang],
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "custom_dir": str(THEME_DIR / "material"),
            "language": lang,
            "font": False,  # no Google Fonts: the site must work on a network with no internet
            "features": ["navigation.instant", "navigation.indexes", "navigation.prune", "navigation.top", "navigation.footer",
                         "search.suggest", "search.highlight", "content.tooltips"],
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "custom", "accent": "custom",
                 "toggle": {"icon": "material/weather-night", "name": "dark" if lang == "en" else "深色"}},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "custom", "accent": "custom",
                 "toggle": {"icon": "material/weather-sunny", "name": "light" if lang == "en" else "浅色"}},
            ],
        },
        "extra": {
            "generator": False,
            # Each entry is the other language's root relative to this one; the theme override
            # (partials/alternate.html) appends the current page, so a switch keeps the page.
            "alternate": [{"name": LANGUAGE_NAME[other], "lang": other, "link": up + LANGUAGE_PREFIX[other]}
                          for other in LANGUAGE_PREFIX],
        },
        "extra_css": ["assets/portal.css"],
        # Small scripts on every page; the charting library itself is loaded by charts.js on
        # pages that draw charts only.
        "extra_javascript": ["assets/investment.js", "assets/charts.js"],
        # This module is also a Markdown extension: see HtmlPassthrough below.
        "markdown_extensions": [__name__, "attr_list", {"toc": {"permalink": True}}],
        # lunr's English trimmer strips Han characters from every token; its zh pipeline keeps
        # them and ASCII words too (Material swaps in its own tokenizer, so lunr.zh needs no jieba
        # in the browser). Both languages use it: English pages show untranslated Chinese, and
        # lunr's en+zh multi-language mode never got its search worker ready here.
        "plugins": [{"search": {"lang": ["zh"], "pipeline": ["stemmer"], "separator": SEARCH_SEPARATOR,
                                "jieba_dict_user": str(user_dict)}}],
        "nav": nav,
        "hooks": [str(Path(__file__).with_name("mkdocs_hooks.py"))],
    }
    if config.copyright:
        settings["copyright"] = str(escape(text_plain(config.copyright, lang)))
    return yaml.safe_dump(settings, allow_unicode=True, sort_keys=True)


def project_file(work: Path, lang: str) -> Path:
    return work / f"mkdocs.{lang}.yml"


def build(config_file: Path, dirty: bool = False, pages: dict[str, bytes] | None = None) -> None:
    """Build one MkDocs project; MkDocs' own chatter is kept to warnings.

    `pages` are pages rendered in memory (render.write_docs), added to those on disk.
    `dirty` renders only the pages whose Markdown is newer than their HTML (for `serve`); the
    other pages keep their HTML, and their entries are carried over into the search index,
    which a dirty build would otherwise rebuild from the rendered pages alone.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)
    mkdocs_config = load_config(config_file=str(config_file))
    if pages:
        mkdocs_config.plugins["portal-rendered-pages"] = _RenderedPages(pages)
    index = Path(mkdocs_config.site_dir) / "search" / "search_index.json"
    previous = json.loads(index.read_text(encoding="utf-8")) if dirty and index.exists() else None
    mkdocs_build(mkdocs_config, dirty=dirty)
    if previous is not None:
        _carry_over_search_entries(index, previous)


class _RenderedPages:
    """An MkDocs plugin (added in code, not in mkdocs.yml) serving the pages rendered in memory."""

    def __init__(self, pages: dict[str, bytes]):
        self.pages = pages

    def on_files(self, files, config):
        from mkdocs.structure.files import File, Files
        generated = [File.generated(config, uri, content="") for uri in self.pages]   # the text comes below
        # In the order MkDocs walks a folder (its files, index first, then its sub-folders), so
        # that the sitemap and the search index come out as from pages on disk.
        return Files(sorted([*files, *generated], key=lambda f: _walk_order(f.src_uri)))

    def on_page_read_source(self, page, config) -> str | None:
        packed = self.pages.pop(page.file.src_uri, None)   # read once: the memory goes with it
        return None if packed is None else zlib.decompress(packed).decode("utf-8")


def _walk_order(src_uri: str) -> list[tuple]:
    *folders, name = src_uri.split("/")
    return [(1, folder) for folder in folders] + [(0, name.rsplit(".", 1)[0] not in ("index", "README"), name)]


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    # MkDocs warns that a dirty build may leave the navigation stale; ours runs only when the
    # navigation is unchanged, so the warning would only alarm the editor.
    return "'dirty' build" not in record.getMessage()


def _carry_over_search_entries(index: Path, previous: dict) -> None:
    current = json.loads(index.read_text(encoding="utf-8"))
    rendered = {entry["location"].split("#")[0] for entry in current["docs"]}
    kept = [entry for entry in previous["docs"] if entry["location"].split("#")[0] not in rendered]
    current["docs"] = kept + current["docs"]
    index.write_text(json.dumps(current, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# --- pages are HTML: Markdown only makes the headings ----------------------------------------

_HEADING = re.compile(r"^#{1,6} .*\{#[-\w]+[^}]*\}\s*$")   # the templates' `## title {#id …}` lines


class HtmlPassthrough(Preprocessor):
    """Hands the page's HTML to Python-Markdown's stash untouched, leaving it the headings.

    The templates write HTML (escaped by Jinja) and `## title {#id}` headings, which MkDocs
    needs for the table of contents. Left to itself, Python-Markdown runs every HTML block
    through its HTML parser, which took a third of MkDocs' time; stashed, the HTML is copied
    back into the page as it is. A `#` line inside <pre> (an example file) is not a heading.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        chunk: list[str] = []
        in_pre = 0
        for line in lines:
            if not in_pre and _HEADING.match(line):
                self._stash(chunk, out)
                out.extend(["", line, ""])
                continue
            chunk.append(line)
            in_pre += line.count("<pre") - line.count("</pre>")
        self._stash(chunk, out)
        while out and not out[-1]:
            out.pop()   # a blank last line would end up inside the last paragraph
        return out

    def _stash(self, chunk: list[str], out: list[str]) -> None:
        html = "\n".join(chunk).strip()
        if html:
            out.extend(["", self.md.htmlStash.store(html), ""])
        chunk.clear()


class _PassthroughExtension(Extension):
    def extendMarkdown(self, md):
        # After whitespace normalisation (30), before the raw-HTML block parser (20).
        md.preprocessors.register(HtmlPassthrough(md), "portal_html_passthrough", 25)


def makeExtension(**kwargs):   # Python-Markdown's entry point for an extension given by module name
    return _PassthroughExtension(**kwargs)
