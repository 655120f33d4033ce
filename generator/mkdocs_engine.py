"""Everything MkDocs-specific: write one ordinary MkDocs project per language and build it.

Material for MkDocs is in maintenance and MkDocs 2 drops plugins, so the generator keeps
the site engine behind this one module: moving to another engine rewrites this file and
the Material overrides in theme/material, nothing else.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import re
import urllib.parse
import zlib
from pathlib import Path

import jinja2
import yaml
from markupsafe import escape
from mkdocs.plugins import event_priority

from . import languages
from .config import SiteConfig
from .page_cache import LanguageCache
from .render import Navigation
from .search_index import searched_copy
from .pages import address
from .files import copy_if_changed, write_if_changed
from .ui import text_plain, ui

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"

# Material's icons that the header, the drawer and the back-to-top button show. They are drawn
# as CSS masks in the text's colour from the site's cached stylesheet (shared_assets, its end), each
# by the one class `portal-icon-<name>` (icon_class), rather than written into every page as
# Material does: inline they were 2.9 KB of a 15 KB project page, the palette toggle's two alone 1.5 KB.
ICONS = ("material/library", "material/menu", "material/weather-night", "material/weather-sunny",
         "material/translate", "material/magnify", "material/arrow-up")

# How many of a section's pages the navigation lists at most (see nav_cap below).
NAV_CAP = 7


# The portal's small scripts, run on every page in this order, served as one file (shared_assets):
# one line of every page and one request instead of five. Each keeps to itself (a function
# scope), so together they run as they did apart.
SCRIPTS = ("portal.js", "table-files.js", "investment.js", "charts.js", "search.js")
STYLESHEET = "portal.css"   # theme/assets/: the portal's own rules, after Material's


def shared_assets() -> dict[str, tuple[str, str]]:
    """The three files every page loads, each named by a hash of its text (its address and its
    text): a server may keep them for a year (deploy/nginx.conf), as it keeps Material's, and a
    visitor's browser then asks for none of them again from page to page (with no-cache it
    asked for each on every page). Read afresh on each call: `serve` rebuilds after an edit to them.
    - stylesheet: Material's stylesheet and palette, the portal's rules and the icons' (ICONS),
      one link instead of three;
    - settings: Material's two first scripts (settings_script);
    - scripts: the portal's (SCRIPTS)."""
    assets = THEME_DIR / "assets"
    material = _material_templates() / "assets" / "stylesheets"
    stylesheet = "".join(next(material.glob(f"{name}.*.min.css")).read_text(encoding="utf-8") + "\n"
                         for name in ("main", "palette"))
    stylesheet += (assets / STYLESHEET).read_text(encoding="utf-8") + icons_stylesheet()
    scripts = "".join(f"/* theme/assets/{name} */\n" + (assets / name).read_text(encoding="utf-8") for name in SCRIPTS)
    return {"stylesheet": _named("assets/stylesheets/portal.{}.css", stylesheet),
            "settings": _named("assets/settings.{}.js", settings_script()),
            "scripts": _named("assets/portal-scripts.{}.js", scripts)}


def _named(pattern: str, text: str) -> tuple[str, str]:
    return pattern.format(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]), text


def write_project(path: Path, docs_dir: Path, settings: str) -> None:
    """Write one language's `mkdocs.yml` (see project_settings) and the theme's assets, with
    what is made from Material's own files (theme/material/ loads them)."""
    assets = THEME_DIR / "assets"
    for source in assets.rglob("*"):
        if source.is_file() and source.name not in (*SCRIPTS, STYLESHEET):
            copy_if_changed(source, docs_dir / "assets" / source.relative_to(assets))
    for address, text in shared_assets().values():
        target = docs_dir / address
        # serve: an edit to them makes new names; the files of the old ones go
        for old in target.parent.glob(re.sub(r"\.[0-9a-f]{8}\.", ".*.", target.name)):
            if old.name != target.name:
                old.unlink()
        write_if_changed(target, text)
    write_if_changed(path, settings)


def icons_stylesheet() -> str:
    """The rules that draw ICONS: each its SVG from Material's own set, as a data address, as a
    mask over the text's colour."""
    icons = _material_templates() / ".icons"
    classes = [f".{icon_class(icon)}" for icon in ICONS]
    if len(set(classes)) != len(classes):
        raise RuntimeError("two of mkdocs_engine.ICONS have the same name")
    rules = [",".join(classes) + " { display: block; width: 1.2rem; height: 1.2rem; background-color: currentcolor;"
             " -webkit-mask-position: center; mask-position: center; -webkit-mask-size: contain; mask-size: contain;"
             " -webkit-mask-repeat: no-repeat; mask-repeat: no-repeat; }",
             # Forced colours paint backgrounds over: the icon keeps the text's system colour.
             "@media (forced-colors: active) { " + ",".join(classes) +
             " { forced-color-adjust: none; background-color: CanvasText; } }"]
    for icon, selector in zip(ICONS, classes):
        svg = (icons / f"{icon}.svg").read_text(encoding="utf-8").strip()
        url = "data:image/svg+xml;charset=utf-8," + urllib.parse.quote(svg, safe=" =/:.,-")
        rules.append(f'{selector}{{-webkit-mask-image:url("{url}");mask-image:url("{url}")}}')
    return "\n/* Material's icons (mkdocs_engine.ICONS), written by the generator */\n" + "\n".join(rules) + "\n"


def icon_class(icon: str) -> str:
    """The class that draws one of ICONS ("material/weather-night" → portal-icon-weather-night)."""
    return "portal-icon-" + icon.rsplit("/", 1)[-1]


def settings_script() -> str:
    """Material's two first scripts, as one cached file (shared_assets), which
    theme/material/partials/header.html loads where Material writes the second inline:
    - the one that says where the visitor's settings are kept (partials/javascripts/base.html):
      the site's root, which Material writes into each page relative to it, is here the folder
      above the script's own (assets/);
    - the one that applies the palette the visitor chose before the page is painted
      (partials/javascripts/palette.html), 0.7 KB of every page inline.
    Nothing before it reads the settings: Material's own script comes at the end of the page."""
    scope_partial = _material_script("base.html")
    scope = re.compile(r'new URL\("[^"]*",location\)')
    if not scope.search(scope_partial):
        raise RuntimeError("Material's partials/javascripts/base.html no longer sets __md_scope as expected")
    return scope.sub('new URL("..",document.currentScript.src)', scope_partial) + _material_script("palette.html")


def _material_script(partial: str) -> str:
    text = (_material_templates() / "partials" / "javascripts" / partial).read_text(encoding="utf-8")
    return re.search(r"<script>(.*?)</script>", text, re.S)[1].strip() + "\n"


def _material_templates() -> Path:
    import material
    return Path(material.__file__).parent / "templates"


# Material's features that only its templates read: its script (Material 9.8.1's bundle) names
# none of them, so the settings every page carries for the script leave them out.
TEMPLATE_ONLY_FEATURES = ("navigation.indexes", "navigation.prune", "navigation.top")

# Material's instant navigation fetches and parses the language's sitemap.xml on a visitor's
# first page, to know which links to take over: about 420 bytes a page. At 1,000 chains (32,000
# pages) that was 13.5 MB and two seconds of the browser's main thread before the page answered.
# Past this many pages a language's links are ordinary page loads, which a small page makes quick.
INSTANT_NAVIGATION_PAGES = 5000


def project_settings(lang: str, docs_dir: Path, nav: Navigation, config: SiteConfig, site_dir: Path,
                     pages: int = 0) -> str:
    """One language's `mkdocs.yml` (as data, with safe_dump): settings, navigation and titles.
    `pages`: how many the language has."""
    language = languages.get(lang)
    up = "../" if language.prefix else ""
    shared = shared_assets()
    features = ["navigation.instant"] * (pages <= INSTANT_NAVIGATION_PAGES) + [
        "navigation.indexes", "navigation.prune", "navigation.top", "content.tooltips"]
    settings = {
        # Material prints these into pages unescaped: escape them here.
        "site_name": str(escape(text_plain(config.title, lang))),
        "site_description": str(escape(text_plain(config.description, lang))),
        "site_url": config.base_url + language.prefix,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "custom_dir": str(THEME_DIR / "material"),
            # Material's own words (its search box, its buttons); <html lang> is the row's tag
            # (theme/material/partials/language.html).
            "language": language.theme,
            "font": False,  # no Google Fonts: the site must work on a network with no internet
            "features": features,
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "custom", "accent": "custom",
                 "toggle": {"icon": "material/weather-night", "name": ui("dark_mode", lang)}},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "custom", "accent": "custom",
                 "toggle": {"icon": "material/weather-sunny", "name": ui("light_mode", lang)}},
            ],
        },
        "extra": {
            "generator": False,
            "portal_language": lang,
            "language_tag": language.tag,
            "footer_label": ui("footer_links", lang),
            # A section that lists like pages (a jurisdiction's chains) lists at most NAV_CAP: the
            # open one and its neighbours, then a link to the section's list
            # (theme/material/partials/nav-item.html); likewise the top level's jurisdictions,
            # with a link to the home page's list of them (theme/material/partials/nav.html).
            "nav_cap": NAV_CAP,
            "nav_all": ui("nav_all", lang),
            "nav_lists": list(nav.lists),
            "nav_roots": nav.roots,
            "nav_jurisdictions": ui("jurisdictions", lang),
            "footer_links": [{"title": ui(key, lang), "path": path} for key, path in
                             (("data_catalog", address("data")), ("feeds", address("feeds")),
                                                ("guide", address("guide")), ("schemas", address("schemas")))],
            # The 404 page, in every language, the visitor's first; absolute links, since the
            # server sends it at any depth.
            "not_found": [{"lang": each, "heading": ui("not_found", each), "text": ui("not_found_text", each),
                           "tag": languages.get(each).tag, "prefix": languages.get(each).prefix,
                           "links": [{"title": ui(key, each), "url": config.base_url + languages.get(each).prefix +
                                      address(key)} for key in ("home", "investment", "policies")]}
                          for each in sorted(languages.codes(), key=lambda other: other != lang)],
            # Each entry is the other language's root relative to this one; the theme override
            # (partials/alternate.html) appends the current page, so a switch keeps the page.
            # The first is the default (hreflang x-default).
            "alternate": [{"name": str(escape(other.name)), "lang": other.tag, "link": up + other.prefix,
                           "home": config.base_url + other.prefix} for other in languages.all_languages()],
            "feed_title": ui("feed_of_page", lang),
            "og_locale": language.og_locale,
            "script_features": [name for name in features if name not in TEMPLATE_ONLY_FEATURES],
            "stylesheet": shared["stylesheet"][0],         # theme/material/main.html
            "settings_script": shared["settings"][0],      # theme/material/partials/header.html
        },
        # Small scripts on every page; the charting library itself is loaded by charts.js on
        # pages that draw charts only.
        "extra_javascript": [shared["scripts"][0]],
        # No MkDocs plugin: search is Pagefind's (search_index.py), run on the built site, and the
        # header's search form (theme/material/partials/header.html) opens the search page.
        "plugins": [],
        "nav": nav.tree,
    }
    if config.copyright:
        settings["copyright"] = str(escape(text_plain(config.copyright, lang)))
    return yaml.safe_dump(settings, allow_unicode=True, sort_keys=True)


def project_file(work: Path, lang: str) -> Path:
    return work / f"mkdocs.{lang}.yml"


def build(config_file: Path, dirty: bool = False, pages: dict[str, bytes] | None = None,
          cache: LanguageCache | None = None, ready: dict[str, Path | None] | None = None,
          compiled: Path | None = None, searched: Path | None = None) -> None:
    """Build one MkDocs project; MkDocs' own chatter is kept to warnings.

    `pages` are pages rendered in memory (render.write_docs), added to those on disk.
    `dirty` renders only the pages whose source is newer than their HTML (for `serve`); the
    other pages keep their HTML. A page of `pages` that `cache` holds is written from it; a
    page in `ready` (by source path) is written from the file given, or not at all for None.
    `compiled`: a folder to keep Material's templates compiled in, for the next build (serve).
    `searched`: a folder to write the searched copy of each page written into (search_index).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)
    mkdocs_config = load_config(config_file=str(config_file))
    mkdocs_config.plugins["portal-pages"] = _PortalPages(pages or {}, mkdocs_config.extra["portal_language"], cache, ready,
                                                         compiled, searched)
    mkdocs_build(mkdocs_config, dirty=dirty)


class _PortalPages:
    """An MkDocs plugin (added in code, not in mkdocs.yml): how the generator's pages go through MkDocs.

    - A page's source is the HTML its template wrote (from memory, or from its file for
      `serve`). Markdown never reads it: content is text, and a line of content shaped like
      Markdown (a heading with an attribute list, a link) must stay text. The page's table of
      contents is made from the headings with an id that the template wrote.
    - MkDocs converts every page, then writes every page, holding all of them in between: at
      1,000 chains most of a gigabyte per language. Each page's HTML is kept compressed
      between the two passes.
    - Material indents its navigation generously (a third of a chain page at 1,000 chains):
      outside <pre>, <script> and <textarea>, white space that starts a line is written as
      one newline, which renders the same.
    - A page outside the navigation (a project's: nine pages in ten) is poured into a shell of
      Material's page rather than rendered by Material's templates one by one (_Shells).
    - A page made elsewhere is written as it was made, by a shard (shards.py) or an earlier
      build (`build --cache`, page_cache.py; every page's key is known once all are read, the
      navigation's front matter being part of it); or, another shard's, not written at all.
    """

    def __init__(self, pages: dict[str, bytes], lang: str, cache: LanguageCache | None = None,
                 ready: dict[str, Path | None] | None = None, compiled: Path | None = None,
                 searched: Path | None = None):
        self.pages = pages
        self.permalink_title = ui("permalink", lang)
        self.html: dict[str, str] = {}      # source path → its HTML, between reading and converting
        self.packed: dict[str, bytes] = {}  # source path → its compressed HTML, between the two passes
        self.in_nav: set[str] = set()       # source paths of the pages in the navigation
        self.shells: _Shells | None = None
        self.cache = cache
        self.nav_pages: list = []
        self.digests: dict[str, bytes] = {}  # source path → its source's sha256, for the cache's key
        self.keys: dict[str, str] = {}       # source path → its key in the cache
        self.ready = dict(ready or {})       # source path → the file of its HTML made elsewhere (None: not written)
        self.compiled = compiled
        self.searched = searched

    def on_env(self, env, config, files):
        # The theme's JSON (Material's configuration in every page) as UTF-8 rather than \u
        # escapes, which tripled its Chinese; '<', '>', '&' and "'" are still escaped.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
        if self.compiled is not None:   # Jinja compares each template's text with the one compiled
            self.compiled.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(self.compiled))
        self.shells = _Shells(env.get_template("main.html"))
        if self.cache is not None:
            self._look_up(files)
        for file in files.documentation_pages():
            if file.src_uri in self.ready:   # poured empty: its HTML is on_post_page's
                file.page.meta["template"] = _Shells.TEMPLATE
        return env

    def _look_up(self, files) -> None:
        """Every page's key; a page the cache holds is written from it."""
        self.cache.navigation([(page.file.src_uri, page.meta) for page in self.nav_pages])
        for file in files.documentation_pages():
            digest = self.digests.pop(file.src_uri, None)
            if digest is None or file.src_uri in self.ready:   # on disk, or made elsewhere
                continue
            key = self.keys[file.src_uri] = self.cache.key(file.src_uri, digest)
            if self.cache.holds(key):
                self.ready[file.src_uri] = self.cache.path(key)

    def on_nav(self, nav, config, files):
        self.in_nav = {page.file.src_uri for page in nav.pages}
        self.nav_pages = nav.pages
        return nav

    def on_files(self, files, config):
        from mkdocs.structure.files import File, Files
        if not self.pages:
            return files
        generated = [File.generated(config, uri, content="") for uri in self.pages]   # the text comes below
        # In the order MkDocs walks a folder (its files, index first, then its sub-folders), so
        # that the sitemap comes out as from pages on disk.
        return Files(sorted([*files, *generated], key=lambda f: _walk_order(f.src_uri)))

    def on_page_read_source(self, page, config) -> str | None:
        packed = self.pages.pop(page.file.src_uri, None)   # read once: the memory goes with it
        if packed is None:
            return None
        source = zlib.decompress(packed)
        if self.cache is not None:
            self.digests[page.file.src_uri] = hashlib.sha256(source).digest()
        return source.decode("utf-8")

    @event_priority(100)   # before any other plugin sees the page's source
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        self.html[page.file.src_uri] = markdown
        # MkDocs would set up Python-Markdown, with its extensions, for each page (a fifth of
        # its time) to convert nothing: the page converts nothing itself.
        page.render = functools.partial(_convert_nothing, page)
        if page.file.src_uri not in self.in_nav:
            page.meta["template"] = _Shells.TEMPLATE   # what MkDocs renders: the poured page (below)
        return ""   # what Python-Markdown converts: nothing

    def on_page_content(self, html: str, page, config, files) -> str:
        # Kept compressed until the page is built; its table of contents is made then, not for
        # a page made elsewhere (on_page_context).
        self.packed[page.file.src_uri] = zlib.compress(self.html.pop(page.file.src_uri).encode("utf-8"), 1)
        return ""

    def on_page_context(self, context, page, config, nav):
        packed = self.packed.pop(page.file.src_uri, None)
        if page.file.src_uri in self.ready:
            context["poured"] = ""   # what Material would render is made elsewhere: on_post_page
            return context
        if packed is not None:
            page.toc, body = table_of_contents(zlib.decompress(packed).decode("utf-8"), self.permalink_title)
            page.content = _CELL_BOUNDARY.sub(r"\1\n\2", body)
        if page.meta.get("template") == _Shells.TEMPLATE:
            context["poured"] = self.shells.page(page, context)
        return context

    def on_post_page(self, output: str, page, config) -> str:
        page.content = None   # written: no later step reads it
        if page.file.src_uri in self.ready:
            made = self.ready[page.file.src_uri]
            html = "" if made is None else made.read_text(encoding="utf-8")   # "": MkDocs writes nothing
        else:
            key = self.keys.get(page.file.src_uri)
            if key is not None:
                self.cache.written(key, Path(page.file.abs_dest_path))
            html = self.shells.finished(page.file.src_uri, output)
        if self.searched is not None and (copy := searched_copy(html)) is not None:
            path = self.searched / page.file.dest_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(copy, encoding="utf-8")
        return html


def _finished(output: str) -> str:
    """A page as it is written: squeezed around its article, its article's lines unindented."""
    # Around the article, Material's header, sidebar and footer: blocks and flex boxes,
    # where a line break between two tags draws nothing (the screenshots before and after
    # are the same to the pixel). Dropped there, it is 190 bytes of each of 60,000 pages at
    # 1,000 chains. The article keeps its line breaks: between two inline elements one is a space.
    parts = _around_article(output)
    if parts is None:
        return _squeezed(output, _lines)
    head, article, foot = parts
    return _chrome(head) + _squeezed(article, _lines) + _chrome(foot)


def _around_article(html: str) -> tuple[str, str, str] | None:
    """`html` before Material's article, the article, and from its closing tag on; None without one."""
    start, end = html.find("<article"), html.rfind("</article>")
    return None if start < 0 else (html[:start], html[start:end], html[end:])


def _chrome(html: str) -> str:
    """Material's markup around the article, squeezed (_tight), without its empty parts."""
    html = _squeezed(html, _tight)
    for part in _EMPTY_PARTS:
        html = html.replace(part, "", 1)
    return html


def _squeezed(html: str, rule) -> str:
    """`html` with `rule` applied to its text outside <pre>, <textarea> and <script>, which stay as they are."""
    # re.split with two groups yields: text, whole <pre>…</pre>, tag name, text, …
    return "".join(rule(part) if i % 3 == 0 else part if i % 3 == 1 else "" for i, part in enumerate(_KEEP.split(html)))


def _lines(text: str) -> str:
    return _LINE_START_SPACE.sub("\n", text)


def _tight(chrome: str) -> str:
    """Material's markup with no white space between its tags, nor at the ends of a text that
    fills an element (" Home " in <a>, a block or a line's start and end, where the browser
    drops it); its ends meet a tag (a script kept as it is, the article) or the page's ends."""
    if not chrome.strip():
        return ""
    chrome = _SPACE_AFTER_OPENING.sub(r"\1", _BETWEEN_TAGS.sub("><", _lines(chrome)))
    # Then the space before a closing tag (none follows a '>' now): the text before each '</'
    # loses its end's. A regular expression trying every position took a third of the time.
    pieces = chrome.split("</")
    return _without_edges("</".join([piece.rstrip() for piece in pieces[:-1]] + pieces[-1:]))


def _without_edges(text: str) -> str:
    """`text` without the white space at its ends that meets a tag."""
    stripped = text.lstrip()
    text = stripped if stripped.startswith("<") else text
    stripped = text.rstrip()
    return stripped if stripped.endswith(">") else text


def _convert_nothing(page, config, files) -> None:
    """What mkdocs.structure.pages.Page.render leaves on a page whose Markdown is empty."""
    from mkdocs.structure.toc import get_toc
    page.content, page.toc, page._title_from_render = "", get_toc([]), None
    page.present_anchor_ids, page.links_to_anchors = set(), {}


class _Shells:
    """Material's page with the places a page's own text goes (its content, address, title and
    description) cut out: a shell, poured full for each page outside the navigation.

    Such a page differs from its neighbours only in those places, once its shape is the same:
    its depth in the site (relative links), its sections' headings (the contents sidebar) and
    the settings in its front matter. Material renders the first page of each shape, from
    which the shell is cut; the second, and every VERIFY_EVERY-th after, it renders too and
    compares with the poured page: a shape whose second page differs (a title that also names
    something in the navigation) is rendered by Material throughout, and a later difference is
    an error in this class, which stops the build. Pouring costs a hundredth of rendering: at
    1,000 chains Material's templates took about 4 ms a page, 120 s a language.
    """

    TEMPLATE = "portal-poured.html"   # theme/material/: prints the page poured here
    VERIFY_EVERY = 256
    _MARK = "\x00{}\x00"              # never in a page: content cannot hold a control character
    _SLOT = re.compile("\x00([a-z_]+)\x00")

    def __init__(self, material):
        self.material = material
        self.shapes: dict[tuple, dict] = {}
        self.poured: dict[str, tuple[dict, list[tuple[str, str]]]] = {}   # source path → its shape, values

    def page(self, page, context) -> str:
        values = self._values(page)
        shape = self.shapes.setdefault(self._shape(page), {"pages": 0, "shell": None, "finished": 0})
        shape["pages"] += 1
        if shape["pages"] > 2 and shape["shell"] and shape["pages"] % self.VERIFY_EVERY:
            self.poured[page.file.src_uri] = (shape, values)
            return self._pour(shape["shell"], values)
        html = self.material.render(context)
        if shape["pages"] == 1:
            shape["shell"] = self._cut(html, values)
        elif shape["shell"] and self._pour(shape["shell"], values) != html:
            if shape["pages"] > 2:
                raise RuntimeError(f"{page.file.src_uri}: the page poured into its shell differs from Material's")
            shape["shell"] = None   # this shape is rendered by Material throughout
        return html

    def finished(self, src_uri: str, output: str) -> str:
        """The page at `src_uri`, which MkDocs rendered as `output`, as it is written (_finished).

        A poured page is poured again into its shell squeezed, squeezed once for its shape:
        squeezing the chrome of each page took a quarter of MkDocs' stage. The two are the same
        when no value of the chrome can change what the squeeze does around it (_inert); the
        first page of a shape poured so, and every VERIFY_EVERY-th, is compared with the page
        squeezed whole, and a difference is an error in this class, which stops the build.
        """
        shape, values = self.poured.pop(src_uri, (None, None))
        if shape is None or not all(_inert(value) for name, value in values if name != "content"):
            return _finished(output)
        if "squeezed" not in shape:
            shape["squeezed"] = self._squeezed_shell(shape["shell"])
        if shape["squeezed"] is None:
            return _finished(output)
        head, article, foot = shape["squeezed"]
        html = self._pour(head, values) + _squeezed(self._pour(article, values), _lines) + self._pour(foot, values)
        shape["finished"] += 1
        if (shape["finished"] - 1) % self.VERIFY_EVERY == 0 and html != _finished(output):
            raise RuntimeError(f"{src_uri}: the page poured into its squeezed shell differs from the page squeezed")
        return html

    @classmethod
    def _squeezed_shell(cls, shell: list[str]) -> tuple[list[str], list[str], list[str]] | None:
        """The shell's chrome before and after the article squeezed, and its article as it is
        (_finished); None unless the content's slot is in the article, and only there."""
        marked = "".join(part if i % 2 == 0 else cls._MARK.format(part) for i, part in enumerate(shell))
        parts, content = _around_article(marked), cls._MARK.format("content")
        if parts is None or marked.count(content) != 1 or content not in parts[1]:
            return None
        head, article, foot = parts
        return cls._SLOT.split(_chrome(head)), cls._SLOT.split(article), cls._SLOT.split(_chrome(foot))

    @staticmethod
    def _values(page) -> list[tuple[str, str]]:
        # In the order they are cut out: a later value may be part of an earlier one (the
        # address is part of the canonical address), never the reverse.
        return [("content", page.content or ""), ("canonical", page.canonical_url or ""),
                ("description", page.meta.get("description") or ""), ("title", page.meta.get("title") or ""),
                ("url", page.url)]

    @staticmethod
    def _shape(page) -> tuple:
        headings, stack = [], list(page.toc)
        while stack:
            item = stack.pop(0)
            headings.append((item.level, item.id, item.title if item.level > 1 else ""))   # the h1 is content
            stack[:0] = item.children
        # A value poured into a slot makes no shape of its own, but having one does: without a
        # description, Material writes the site's there.
        settings = tuple(sorted((key, bool(value) if key in ("title", "description", "lastmod") else str(value))
                                for key, value in page.meta.items()))
        return page.url.count("/"), "<h1" in (page.content or ""), tuple(headings), settings

    def _cut(self, html: str, values: list[tuple[str, str]]) -> list[str] | None:
        content = values[0][1]
        if html.count(content) != 1:
            return None
        for name, value in values:
            if value:
                html = html.replace(value, self._MARK.format(name))
        return self._SLOT.split(html)   # text, slot name, text, slot name, …, text

    @staticmethod
    def _pour(shell: list[str], values: list[tuple[str, str]]) -> str:
        value = dict(values)
        return "".join(part if i % 2 == 0 else value[part] for i, part in enumerate(shell))


def _inert(value: str) -> bool:
    """Whether the squeeze does the same around `value` as around a slot's mark in its place
    (non-blank text, no tag, line break or white space at its ends, like the mark), so that a
    shell squeezed once can take it."""
    return bool(value) and value == value.strip() and not any(c in value for c in "<>\n\x00")


# Material's announcement bar and dialog, empty on every page: the portal announces nothing,
# and the dialog only says "copied" for the copy button of code blocks, which the portal does not
# enable (content.code.copy). Material's script looks both up as a list that may be empty (and
# instant navigation swaps the bar only when both pages have it): 136 bytes of every page.
_EMPTY_PARTS = ('<div data-md-component="announce"></div>',
                '<div class="md-dialog" data-md-component="dialog"><div class="md-dialog__inner md-typeset"></div></div>')
_KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_LINE_START_SPACE = re.compile(r"\n\s+")
_BETWEEN_TAGS = re.compile(r">\s+<")
_SPACE_AFTER_OPENING = re.compile(r"(<[a-zA-Z][^<>]*>)\s+(?=[^\s<])")
# A heading the template wrote: content cannot write one, Jinja escapes its '<'.
_HEADING = re.compile(r'<h([2-6])((?:\s[^>]*?)?\sid="([^"]+)"[^>]*)>(.*?)</h\1>', re.S)
_TITLE = re.compile(r'<h1\sid="([^"]+)"[^>]*>(.*?)</h1>', re.S)   # written by theme/pages/_page.html
_TAG = re.compile(r"<[^>]*>")
# Between two table cells, or a term and its description, a line break: it renders the same,
# and the search index (which reads text, not layout) then keeps 日期 and 文件 two words, and a
# label apart from its value.
_CELL_BOUNDARY = re.compile(r"(</(?:th|td|dt|dd)>)(<(?:th|td|dt|dd)\b)")


def table_of_contents(html: str, permalink_title: str):
    """The page's table of contents from its headings with an id, each given a permalink."""
    from mkdocs.structure.toc import get_toc

    tokens: list[dict] = []
    open_tokens: list[dict] = []   # the innermost open heading of each level above

    def heading(match: re.Match) -> str:
        level, attributes, anchor, inner = int(match[1]), match[2], match[3], match[4]
        token = {"level": level, "id": anchor, "name": " ".join(_TAG.sub("", inner).split()), "children": []}
        while open_tokens and open_tokens[-1]["level"] >= level:
            open_tokens.pop()
        (open_tokens[-1]["children"] if open_tokens else tokens).append(token)
        open_tokens.append(token)
        return (f'<h{level}{attributes}>{inner}<a class="headerlink" href="#{anchor}" '
                f'title="{permalink_title}">¶</a></h{level}>')

    body = _HEADING.sub(heading, html)
    # The page's own heading holds the others: Material's "skip to content" link leads to the
    # first entry, which is then the page's heading, not its first section past the summary.
    title = _TITLE.search(body)
    if title:
        tokens = [{"level": 1, "id": title[1], "name": " ".join(_TAG.sub("", title[2]).split()), "children": tokens}]
    return get_toc(tokens), body


def _walk_order(src_uri: str) -> list[tuple]:
    *folders, name = src_uri.split("/")
    return [(1, folder) for folder in folders] + [(0, name.rsplit(".", 1)[0] not in ("index", "README"), name)]


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    # MkDocs warns that a dirty build may leave the navigation stale; ours runs only when the
    # navigation is unchanged, so the warning would only alarm the editor.
    return "'dirty' build" not in record.getMessage()
