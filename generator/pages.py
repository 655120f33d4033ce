"""The site's pages and files, declared once: each kind's address, template, title and subject.

`address` is the one place a path is made. The plan of pages (render.plan), the navigation,
the ids a jurisdiction may not take, the templates' links (`url_for`), the charts' links and
the downloads' links all come from these tables.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import search_index


@dataclass(frozen=True)
class PageKind:
    name: str
    path: str                 # the address, from {j} (a jurisdiction's id) and {id} (its record's)
    template: str
    title: str = ""           # the interface word naming it; "" for a record's page (its name)
    each: str = ""            # one page for each: jurisdiction, chain, zone, project, policy; "" once
    # For a page of each jurisdiction: whether the jurisdiction has it (a page of nothing is left out).
    exists: Callable | None = None
    searchable: bool = True   # marked for the search index (theme/pages/_page.html)
    headed_with_jurisdiction: bool = False   # "Chief-Assignment Table: Some Province"
    # Listed under its jurisdiction in the navigation (zones and chains are sections of their own;
    # the guide, feeds and schemas are reached from the footer and the data catalog).
    in_nav: bool = False
    wide: bool = False        # a table or a map that needs the page's whole width
    origin: str = ""          # for a page of the whole site: where its content comes from, for messages


PAGE_KINDS = (
    PageKind("home", "", "home.html", "home", origin="site-config.yml"),
    PageKind("people", "people/", "people.html", "people", origin="content/people"),
    PageKind("policies", "policies/", "policies.html", "policies", searchable=False, origin="content/policies"),
    PageKind("guide", "guide/", "guide.html", "guide", origin="generator/schema.py"),
    PageKind("investment", "investment/", "investment.html", "investment", searchable=False, wide=True,
             origin="content/projects"),
    PageKind("projects", "projects/", "projects.html", "projects_index", searchable=False, origin="content/projects"),
    PageKind("data", "data/", "data.html", "data_catalog", searchable=False, origin="content/projects"),
    PageKind("feeds", "feeds/", "feeds.html", "feeds", searchable=False, origin="content/projects"),
    PageKind("schemas", "schema/", "schemas.html", "schemas", searchable=False, origin="generator/schema.py"),
    PageKind("search", "search/", "search.html", "search", searchable=False, wide=True, origin="site-config.yml"),
    PageKind("compare", "investment/compare/", "compare.html", "compare_projects", searchable=False, wide=True,
             origin="content/projects"),
    PageKind("project", "projects/{id}/", "project.html", each="project"),
    # A jurisdiction's pages, in the order the navigation lists them.
    PageKind("jurisdiction", "{j}/", "jurisdiction.html", each="jurisdiction"),
    PageKind("chiefs", "{j}/chiefs/", "chief_table.html", "chief_table", each="jurisdiction", wide=True,
             headed_with_jurisdiction=True, in_nav=True),
    PageKind("changes", "{j}/changes/", "changes.html", "changes", each="jurisdiction", searchable=False,
             headed_with_jurisdiction=True, in_nav=True, exists=lambda portal, j: bool(portal.chains_of(j))),
    PageKind("units", "{j}/units/", "units.html", "units", each="jurisdiction", headed_with_jurisdiction=True,
             in_nav=True, exists=lambda portal, j: bool(portal.of_jurisdiction("unit", j))),
    PageKind("tasks", "{j}/tasks/", "tasks.html", "tasks", each="jurisdiction", wide=True,
             headed_with_jurisdiction=True, in_nav=True, exists=lambda portal, j: bool(portal.of_jurisdiction("task", j))),
    PageKind("jurisdiction_investment", "{j}/investment/", "investment.html", "investment", each="jurisdiction",
             searchable=False, wide=True, headed_with_jurisdiction=True, in_nav=True,
             exists=lambda portal, j: bool(portal.of_jurisdiction("project", j))),
    PageKind("leaders", "{j}/leaders/", "leaders.html", "leaders", each="jurisdiction", searchable=False, wide=True,
             headed_with_jurisdiction=True, in_nav=True, exists=lambda portal, j: bool(portal.chain_leaders(j))),
    PageKind("zones", "{j}/zones/", "zones.html", "zones", each="jurisdiction", searchable=False,
             headed_with_jurisdiction=True, exists=lambda portal, j: bool(j.zones)),
    PageKind("zone", "{j}/zones/{id}/", "zone.html", each="zone", searchable=False, wide=True),
    PageKind("chains", "{j}/chains/", "chains.html", "chains", each="jurisdiction", searchable=False,
             headed_with_jurisdiction=True, exists=lambda portal, j: bool(portal.chains_of(j))),
    PageKind("chain", "{j}/chains/{id}/", "chain.html", each="chain"),
    PageKind("jurisdiction_data", "data/{j}/", "jurisdiction_data.html", "data_catalog", each="jurisdiction",
             searchable=False, headed_with_jurisdiction=True),
    PageKind("policy", "policies/{id}/", "policy.html", each="policy"),
)
BY_NAME = {kind.name: kind for kind in PAGE_KINDS}

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


def address(kind: str, **parts) -> str:
    """A page's or file's path under its language's root: address("chain", j="x", id="y")."""
    pattern = BY_NAME[kind].path if kind in BY_NAME else FILES[kind]
    return pattern.format(**parts)


def of_record(record, j: str | None = None) -> str:
    """The page of a record: a chain, project, policy, jurisdiction; a zone with its jurisdiction's id."""
    kind = record.record_type
    if kind == "jurisdiction":
        return address("jurisdiction", j=record.id)
    if kind == "zone":
        return address("zone", j=j, id=record.id)
    if kind == "chain":
        return address("chain", j=record.jurisdiction, id=record.id)
    return address(kind, id=record.id)


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
    """The first folders of the site's own pages and files: no jurisdiction's id may take one."""
    fixed = [kind.path for kind in PAGE_KINDS if "{" not in kind.path.split("/")[0]] + list(FILES.values())
    return {path.split("/")[0] + "/" for path in fixed if path}
