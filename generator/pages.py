"""The site's pages and files, declared once: each kind's address, template, title and subject.

The site's own pages are declared here; a record kind declares its pages with its fields
(schema.KINDS), so a new kind brings its pages. `address` is the one place a path is made:
the plan of pages (render.plan), the navigation, the ids a jurisdiction may not take, the
templates' links (`url_for`), the charts' links and the downloads' links all come from it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable

from . import languages, search_index


@dataclass(frozen=True)
class PageKind:
    name: str
    path: str                 # the address, from {j} (a jurisdiction's id) and {id} (its record's)
    template: str
    title: str = ""           # the interface word naming it; "" for a record's page (its name)
    # One page for each: "" (once), "jurisdiction" (one per jurisdiction), or a record kind or
    # "zone" (one per record).
    each: str = ""
    # A jurisdiction's page listing its records of this kind (or its "zone"s): it exists when
    # there is one, and its way in on the jurisdiction's page counts them.
    lists: str = ""
    exists: Callable | None = None   # otherwise (portal, jurisdiction) → whether it has the page
    searchable: bool = True   # marked for the search index (theme/pages/_page.html)
    headed_with_jurisdiction: bool = False   # "Chief-Assignment Table: Some Province"
    # Listed under its jurisdiction in the navigation (zones and chains are sections of their own;
    # the guide, feeds and schemas are reached from the footer and the data catalog).
    in_nav: bool = False
    # A way in on the jurisdiction's page, saying how many it lists (count_<count>) or a note.
    card: bool = False
    count: str = ""
    note: str = ""
    order: int = 0            # among a jurisdiction's pages: in the navigation and the ways in
    wide: bool = False        # a table or a map that needs the page's whole width
    origin: str = ""          # for a page of the whole site: where its content comes from, for messages
    # A list of every record of this kind (the site's) or of its jurisdiction's, in parts of
    # lists.PAGE_SIZE rows: the first at the page's address, part n at <address><n>/ (`part`).
    paged: str = ""


# The pages of the whole site. Each record kind declares its own pages (schema.KINDS).
SITE_PAGES = (
    PageKind("home", "", "home.html", "home", origin="site-config.yml"),
    PageKind("policies", "policies/", "policies.html", "policies", searchable=False, origin="content/policies"),
    PageKind("guide", "guide/", "guide.html", "guide", origin="generator/schema.py"),
    PageKind("investment", "investment/", "investment.html", "investment", searchable=False, wide=True,
             origin="content/projects", paged="project"),
    PageKind("projects", "projects/", "projects.html", "projects_index", searchable=False, origin="content/projects"),
    PageKind("data", "data/", "data.html", "data_catalog", searchable=False, origin="content/projects"),
    PageKind("feeds", "feeds/", "feeds.html", "feeds", searchable=False, origin="content/projects"),
    PageKind("schemas", "schema/", "schemas.html", "schemas", searchable=False, origin="generator/schema.py"),
    PageKind("search", "search/", "search.html", "search", searchable=False, wide=True, origin="site-config.yml"),
    PageKind("compare", "investment/compare/", "compare.html", "compare_projects", searchable=False, wide=True,
             origin="content/projects"),
)


# Files beside the pages, by the same rule: one pattern each.
FILES = {
    "download": "data/{key}.{ext}",            # a table as csv, json or xlsx (keys: dataset_key)
    "data_file": "data/{name}",                # what describes the downloads: catalog, schemas
    "feed": "feeds/{key}.atom",                # keys: feed_key
    "schema": "schema/{name}.schema.json",     # a record kind's JSON Schema
    "search_index": search_index.FOLDER + "/",
    "assets": "assets/",
    "base_map": "assets/maps/{file}",          # a jurisdiction's reviewed base map (GeoJSON)
}

_made: dict = {"from": None}   # the table, and the record kinds it was made from
_PATHS: dict[str, str] = dict(FILES)   # every page's and file's path pattern, by name


def page_kinds() -> tuple[PageKind, ...]:
    """Every kind of page: the site's, then each record kind's, a jurisdiction's in their order."""
    return _table()[0]


def by_name(name: str) -> PageKind:
    return _table()[1][name]


def _table() -> tuple:
    # Asked for every link of every page: made once for the record kinds declared, again only
    # when they change (a test declares one more).
    declared = _record_kinds()
    made_from = (len(declared), next(reversed(declared), None))
    if _made["from"] != made_from:
        pages = [page for kind in declared.values() for page in kind.pages]
        kinds = SITE_PAGES + tuple(sorted(pages, key=lambda page: page.order))
        _made.update({"from": made_from, "table": (kinds, {kind.name: kind for kind in kinds})})
        _PATHS.update({kind.name: kind.path for kind in kinds})
    return _made["table"]


@functools.cache
def _record_kinds() -> dict:
    from . import schema   # schema declares the kinds' pages with PageKind: imported once, here
    return schema.KINDS


def address(kind: str, **parts) -> str:
    """A page's or file's path under its language's root: address("chain", j="x", id="y")."""
    try:
        path = _PATHS[kind]
    except KeyError:   # a kind declared since the table was made
        _table()
        path = _PATHS[kind]
    return path.format(**parts) if parts else path


def part(path: str, n: int | str) -> str:
    """The address of part n of a paged list whose first part is at `path` (n "{n}": the pattern)."""
    return path if n == 1 else f"{path}{n}/"


def of_record(record, j: str | None = None) -> str:
    """The page of a record (its kind's page of the same name); a zone's with its jurisdiction's id."""
    kind = record.record_type
    if kind == "jurisdiction":
        j = record.id
    elif record.has("jurisdiction"):
        j = record.jurisdiction
    return address(kind, j=j, id=record.id)   # a pattern takes the parts it names


def dataset_key(j: str | None = None, chain: str | None = None, table: str = "projects") -> str:
    """A downloadable table's name under data/: the portal's projects (or its chains, units,
    people), a jurisdiction's projects or chief table, a chain's projects. A chain's files sit
    beside its jurisdiction's, not in a folder of their own: every folder of the site has an
    index page, and a page per chain's data would double the pages."""
    if chain:
        return f"{j}/{chain}-projects"
    return f"{j}/{table}" if j else table


def feed_key(j: str | None = None, chiefs: bool = False) -> str:
    """A feed's name under feeds/: all projects, a jurisdiction's projects, its changes of chiefs."""
    if j is None:
        return "projects"
    return f"{j}-chiefs" if chiefs else j


def reserved() -> set[str]:
    """The first folders of the site's own pages and files, and the languages' folders: no
    jurisdiction's id may take one."""
    fixed = [kind.path for kind in page_kinds() if "{" not in kind.path.split("/")[0]] + list(FILES.values())
    return {path.split("/")[0] + "/" for path in fixed if path} | {p for p in languages.prefixes().values() if p}
