"""Render the portal's pages, in each language, as HTML for MkDocs to set in the theme.

Templates autoescape (MkDocs' own theme templates do not, so nothing from content reaches
them unescaped: titles and nav labels are escaped here). Markdown written by editors is
converted and then sanitised to an allow-list (markdown_text.py) before it reaches a page;
nothing else on a page is ever read as Markdown.
"""
from __future__ import annotations

import functools
import json
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import charts, history, kinds, languages, lists, markdown_text, schema
from .config import SiteConfig
from .files import write_if_changed
from .jsonschema_out import json_schema
from .model import Portal, Text
from .pages import PageKind, address, dataset_key, feed_key, of_record, page_kinds, part, reserved
from .report import Report
from .opendata import datasets, filter_options, portal_about, schema_org
from .ui import (Phrase, amount, colon, count, document_title, figure, heading, heading_ui, parenthesised, pending_text,
                 place_in_document, sentence_case, separator, target_figure, text_plain, ui)

THEME_PAGES = Path(__file__).resolve().parent.parent / "theme" / "pages"


@dataclass(frozen=True)
class Page:
    """One page of the site: its address (same in both languages), template and subject.

    `title` is its entry in the navigation; `heading` (by default the title) says what the
    page is wherever it stands alone: its <h1>, the browser's tab, a search result.
    """

    path: str
    template: str
    title: Text
    origin: tuple[str, int]
    context: dict = field(default_factory=dict)
    # List views repeat what project pages say: keeping them out of the search index keeps
    # the index proportionate (every table cell of every list is not what visitors search).
    # A searchable page marks its heading and content for Pagefind (theme/pages/_page.html).
    searchable: bool = True
    heading: Text | None = None
    kind: PageKind | None = None

    @property
    def full_title(self) -> Text:
        return self.heading or self.title


def _of(j, key: str) -> Text:
    """A jurisdiction's page heading: '某省链长分工表', 'Chief-Assignment Table: Some Province'."""
    return Phrase("of_jurisdiction", (("page", Phrase(key)), ("j", j.name)))


def plan(portal: Portal, report: Report) -> list[Page]:
    """Every page of the site, one for each subject of each page kind (pages.page_kinds()); two
    records claiming one address is an error.

    Every folder a visitor can reach by shortening an address has a page of its own (a
    jurisdiction's chains/, zones/, the portal's projects/, feeds/, schema/, data/<jurisdiction>/):
    no address ends at a server's bare 'forbidden'.
    """
    site, own = [], []
    for kind in page_kinds():
        if kind.each == "":
            site.extend(_parts(portal, _page(kind, kind.path, Phrase(kind.title), (kind.origin, 0), {})))
        elif kind.each not in ("jurisdiction", "zone") and not _grouped(kind):
            site.extend(_record_page(portal, kind, record) for record in portal.all(kind.each))
    for j in portal.jurisdictions:   # a jurisdiction's pages together, in their order
        for kind in page_kinds():
            if kind.each == "jurisdiction" and _exists(portal, kind, j):
                title = Phrase(kind.title) if kind.title else j.name
                headed = _of(j, kind.title) if kind.headed_with_jurisdiction else None
                own.extend(_parts(portal, _page(kind, address(kind.name, j=j.id), title, j.origin, {"j": j}, headed)))
            elif kind.each == "zone":
                own.extend(_page(kind, of_record(zone, j.id), zone.name, j.origin, {"j": j, "zone": zone})
                           for zone in j.zones)
            elif _grouped(kind):
                own.extend(_record_page(portal, kind, record) for record in portal.of_jurisdiction(kind.each, j))
    found = site + own
    _refuse_duplicate_paths(found, report)
    return found


def _parts(portal: Portal, page: Page) -> list[Page]:
    """A page, and when it is a paged list longer than a part, its further parts: each a page of
    lists.PAGE_SIZE rows, so that a list of 30,000 projects is not one page of 27 MB, and every
    row can be reached without a script. The first part's script loads the others' rows."""
    if not page.kind.paged:
        return [page]
    j = page.context.get("j")
    records = portal.of_jurisdiction(page.kind.paged, j) if j is not None else portal.all(page.kind.paged)
    count = max(1, -(-len(records) // lists.PAGE_SIZE))
    made_up = sum(bool(record.illustrative) for record in records)
    parts = []
    for n in range(1, count + 1):
        context = dict(page.context, list_part=n, list_parts=count, list_path=page.path, list_made_up=made_up)
        if n == 1:
            parts.append(replace(page, context=context))
        else:
            numbered = Text(str(n), str(n))
            parts.append(replace(page, path=part(page.path, n), context=context,
                                 title=Phrase("list_part", (("page", page.title), ("n", numbered))),
                                 heading=Phrase("list_part", (("page", page.full_title), ("n", numbered)))))
    return parts


def _grouped(kind: PageKind) -> bool:
    """A page of each record that belongs to a jurisdiction directly: listed with its jurisdiction's pages."""
    return kind.each in schema.KINDS and schema.KINDS[kind.each].owner == "jurisdiction"


def _exists(portal: Portal, kind: PageKind, j) -> bool:
    if kind.exists is not None:
        return kind.exists(portal, j)
    return not kind.lists or bool(listed(portal, kind, j))


def listed(portal: Portal, kind: PageKind, j) -> list:
    """What a jurisdiction's page of `kind` lists: its records of a kind, or its zones."""
    return list(j.zones) if kind.lists == "zone" else portal.of_jurisdiction(kind.lists, j)


def _record_page(portal: Portal, kind: PageKind, record) -> Page:
    title = record.name if record.has("name") else record.title
    context = {record.record_type: record}
    if schema.KINDS[record.record_type].owner:
        context["j"] = portal.jurisdiction_of(record)
    return _page(kind, of_record(record), title, record.origin, context)


def _page(kind: PageKind, path: str, title, origin: tuple, context: dict, heading=None) -> Page:
    return Page(path, kind.template, title, origin, context, kind.searchable, heading, kind)


def _refuse_duplicate_paths(pages: list[Page], report: Report) -> None:
    seen: dict[str, Page] = {}
    taken = reserved()
    for page in pages:
        other = seen.get(page.path)
        if page.kind.name == "jurisdiction" and page.path in taken:   # one message, not two
            report.error(page.origin[0], page.origin[1], "id", f"an id other than {page.path[:-1]!r}, which the "
                         "site uses for its own pages", f"站点自用 {page.path[:-1]!r} 以外的 id", repr(page.path[:-1]))
        elif other is not None:
            report.error(page.origin[0], page.origin[1], "id", f"a record with its own web address ('/{page.path}' "
                         f"is also {other.origin[0]}:{other.origin[1]})",
                         f"网址唯一的记录（'/{page.path}' 与 {other.origin[0]}:{other.origin[1]} 重复）", page.path)
        seen.setdefault(page.path, page)


# --- helpers the templates call ------------------------------------------------------------

def relative_url(from_path: str, to_path: str) -> str:
    """A link from one page to another, relative, so the site works under any sub-path."""
    up = "../" * from_path.count("/")
    return (up + to_path) or "./"


def text_html(value: Text | None, lang: str) -> Markup:
    """Text in the page's language; a missing English shows the Chinese, visibly marked."""
    if value is None:
        return Markup("")
    shown = value.get(lang)
    if shown:
        return escape(sentence_case(shown, lang))
    return Markup('<span lang="{}">{}</span> <mark class="portal-pending">{}</mark>').format(
        languages.pending_tag(lang), pending_text(value, lang), ui("translation_pending", lang))


def policy_body(policy, lang: str) -> tuple[str, str | None]:
    """A policy's text in the page's language, and, when that is still to be translated, the
    language tag of the text shown instead."""
    if languages.get(lang).content == "en":
        return (policy.body_en, None) if policy.body_en else (policy.body, languages.pending_tag(lang))
    return policy.body, None


class Fragments:
    """Links and provenance notes, the pieces nearly every page repeats, for one page.

    They are written here rather than as Jinja macros: at 1,000 chains they appear on 60,000
    pages, and each macro call cost about 25 µs, and importing the macros 40 µs a page: a
    third of a project page. Page structure stays in the templates.
    """

    def __init__(self, portal: Portal, lang: str, page_path: str):
        self.portal, self.lang, self.page_path = portal, lang, page_path

    def _url(self, to_path: str) -> str:
        return escape(relative_url(self.page_path, to_path))

    def _t(self, value) -> Markup:
        return text_html(value, self.lang)

    def _ui(self, key: str) -> Markup:
        return escape(ui(key, self.lang))

    # f-strings over escaped parts: Markup.format parses its template in Python, as slowly as a macro.
    def chain_link(self, chain) -> Markup:
        return Markup(f'<a href="{self._url(of_record(chain))}">{self._t(chain.name)}</a>')

    def person_link(self, person) -> Markup:
        return Markup(f'<a href="{self._url(address("people"))}#person-{escape(person.id)}">{self._t(person.name)}</a>')

    def unit_link(self, unit) -> Markup:
        return Markup(f'<a href="{self._url(address("units", j=unit.jurisdiction))}#unit-{escape(unit.id)}">'
                      f'{self._t(unit.name)}</a>')

    def change_holder(self, change) -> Markup:
        """Who a change of chiefs concerns: a person's link, or the document's words for an
        unnamed holder (history.holder_key), marked as not named."""
        person = self.portal.get("person", change.holder) if change.holder else None
        if person is not None:
            return self.person_link(person)
        words = f'<span lang="{languages.content_tag("zh")}">{escape(change.holder)}</span>' if change.holder else ""
        return Markup(f'{self.not_stated()}{escape(colon(self.lang)) if words else ""}{words}')

    def not_stated(self) -> Markup:
        return Markup(f'<span class="portal-not-stated">{self._ui("not_stated")}</span>')

    def cite(self, source) -> Markup:
        """The policy document a record cites, with its number and where in it, as a paragraph.
        Left out of the search index: a search for a document's title finds the document, not
        every page that cites it."""
        return Markup(f'<p class="portal-source" data-pagefind-ignore>{self._ui("source")}{colon(self.lang)}'
                      f'{self.citation(source)}</p>\n')

    def citation(self, source) -> Markup:
        """《Title》（number）附件2 / Title (number), Annex 2: a document and the place in it."""
        doc = self.portal.get("policy", source.doc)
        title = document_title(f'<a href="{self._url(of_record(doc))}">{self._t(doc.title)}</a>', self.lang)
        number = escape(parenthesised(doc.number, self.lang)) if doc.number else ""
        where = place_in_document(self._t(source.at), self.lang) if source.at else ""
        return Markup(f"{title}{number}{where}")

    def provenance(self, record) -> Markup:
        """Whether a record is illustrative, its source, its note."""
        parts = []   # plain strings: adding one to a Markup would escape it
        if record.illustrative:
            parts.append(f'<p class="portal-illustrative"><strong>{self._ui("illustrative")}</strong>'
                         f'{escape(colon(self.lang))}{self._ui("illustrative_note")}</p>')
        if record.source:
            parts.append(str(self.cite(record.source)))
        if record.note:
            parts.append(f'<p class="portal-note">{self._t(record.note)}</p>')
        return Markup("".join(parts))


kind_label = kinds.label


# --- writing -------------------------------------------------------------------------------

@functools.lru_cache(maxsize=8)
def environment(theme_dirs: tuple[Path, ...]) -> jinja2.Environment:
    """One environment per theme search path, so templates compile once per process."""
    # auto_reload off: templates do not change during a build, and checking their dates on
    # every page took a tenth of the rendering. Each build starts a fresh environment (build.py).
    # A portal's own template replaces the built-in one of the same name, and can extend it as
    # "default:<name>" (as Datasette does) instead of copying it whole.
    built_in = jinja2.FileSystemLoader(str(theme_dirs[-1]))
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader([str(d) for d in theme_dirs]),
                                  jinja2.PrefixLoader({"default": built_in}, delimiter=":")])
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, auto_reload=False, extensions=["jinja2.ext.do"])
    env.globals.update(kinds=kinds, schema=schema)
    return env


def write_docs(portal: Portal, pages: list[Page], config: SiteConfig, lang: str, rows: dict[str, dict],
               docs_dir: Path, theme_dirs: list[Path], in_memory: dict[str, bytes] | None = None,
               builds_body=lambda path: True, only: frozenset[str] | None = None) -> None:
    """Render every page as `<path>/index.md`, plus the published JSON Schemas. A page whose
    path `builds_body` refuses (another shard's: shards.py) is its front matter alone; with
    `only`, the pages at those paths alone are written (serve's first look).

    Pages go into `in_memory` (source path → zlib-compressed text) when given, for MkDocs to
    read from there (mkdocs_engine.build): at 1,000 chains, writing, reading and deleting 31,000
    small files per language took longer than rendering them. `serve` passes none: its dirty
    builds compare the dates of files on disk.
    """
    env = environment(tuple(theme_dirs))
    # The same for every page: computed once (`rows`: opendata.rows_by_id, shared with the downloads).
    shared = {"datasets": datasets(portal), "project_rows": rows, "by_path": {page.path: page for page in pages}}
    home = next(page for page in pages if page.path == "")
    shared["table_rows"] = TableRows(env.get_template("_list.html"), _context(portal, home, config, lang, shared))
    for page in pages if only is None else [page for page in pages if page.path in only]:
        body = env.get_template(page.template).render(**_context(portal, page, config, lang, shared)) \
            if builds_body(page.path) else ""
        # Material prints the title unescaped. A JSON string is a valid YAML scalar, and far
        # cheaper to write than yaml.safe_dump.
        # The home page's tab is the portal's name alone (Material's default when no title is given).
        title = f"title: {json.dumps(str(escape(tab_title(page, lang))), ensure_ascii=False)}\n" if page.path else ""
        # A list's columns need the width the table of contents would take.
        wide = "hide:\n  - toc\n" if page.kind.wide else ""
        meta = title + head_meta(portal, page, config, lang, rows) + wide
        text = f"---\n{meta}---\n\n{body}" if meta else body
        if in_memory is None:
            write_if_changed(docs_dir / page.path / "index.md", text)
        else:
            in_memory[page.path + "index.md"] = zlib.compress(text.encode("utf-8"), 1)
    for name in schema.KINDS:
        write_if_changed(docs_dir / "schema" / f"{name}.schema.json",
                         json.dumps(json_schema(name, config.base_url + languages.get(lang).prefix), ensure_ascii=False,
                                    indent=1, sort_keys=True) + "\n")


DESCRIPTION_LENGTH = 160   # what search engines and link previews show of a description


def head_meta(portal: Portal, page: Page, config: SiteConfig, lang: str, rows: dict[str, dict]) -> str:
    """Front matter for theme/material/main.html and sitemap.xml: the page's own description
    (search engines, link previews), the date of the content it shows (the sitemap's lastmod),
    and the feed that follows it. JSON strings (valid YAML), escaped: Material prints them as
    they are."""
    lines = [f"description: {json.dumps(str(escape(_description(portal, page, config, lang, rows))), ensure_ascii=False)}"]
    dated = _content_date(portal, page)
    if dated:
        lines.append(f'lastmod: "{dated}"')
    feed = _feed(portal, page)
    if feed:
        lines.append(f'feed: "{feed}"')
    return "\n".join(lines) + "\n"


def _description(portal: Portal, page: Page, config: SiteConfig, lang: str, rows: dict[str, dict]) -> str:
    context = page.context
    if "project" in context:
        r = rows[context["project"].id]
        facts = [r["chain"], r["jurisdiction"], sentence_case(r["stage"], lang)] + (
            [f"{amount(r['amount'])} {ui('amount_unit', lang)}"] if r["amount"] is not None else [])
        said = ui("page_description", lang).format(page=heading(context["project"].name, lang), site=" · ".join(facts))
    else:
        record = context.get("chain") or context.get("policy") or (
            context["j"] if page.kind.name == "jurisdiction" else None)
        summary = text_plain(record.summary, lang) if record is not None and record.summary else ""
        said = summary or ui("page_description", lang).format(page=tab_title(page, lang) if page.path else
                                                               text_plain(config.title, lang),
                                                               site=text_plain(config.description, lang))
    said = " ".join(said.split())
    return said if len(said) <= DESCRIPTION_LENGTH else said[:DESCRIPTION_LENGTH - 1] + "…"


def _content_date(portal: Portal, page: Page) -> str | None:
    """The newest date the page's content carries: a project's update, a document's date; a
    chain's or a jurisdiction's pages take their projects' and documents'. None: no date said."""
    context = page.context
    if "project" in context:
        return portal.as_of[context["project"].id]
    if "policy" in context:
        return context["policy"].date
    subject = context.get("chain") or context.get("j")
    if subject is None:
        return None
    projects = portal.projects_of(subject) if subject.record_type == "chain" else portal.of_jurisdiction("project", subject)
    dates = [portal.as_of[p.id] for p in projects] + [doc.date for doc in portal.policies_about(subject)]
    return max(dates, default=None)


def _feed(portal: Portal, page: Page) -> str | None:
    """The Atom feed a page's readers would follow: its jurisdiction's projects, or all projects."""
    if page.kind.name in ("home", "investment", "jurisdiction", "jurisdiction_investment"):
        j = page.context.get("j")
        if j is None:
            return address("feed", key=feed_key())
        if portal.of_jurisdiction("project", j):
            return address("feed", key=feed_key(j.id))
    return None


class TableRows:
    """The rows of the project tables, each rendered once per language.

    A project is in the portal's list, its jurisdiction's and its zone's: at 1,000 chains a
    language has 90,000 table rows for 30,000 projects. `_list.html`'s `project_row` renders
    each project once, as on the home page; a table then moves the links to its own page's
    depth. Content is escaped (a quote becomes &#34;), so each ` href="` in a row is a link the
    template wrote.
    """

    def __init__(self, template: jinja2.Template, home_context: dict):
        self._project_row = template.make_module(home_context).project_row
        self._html: dict[str, str] = {}

    def html(self, rows: list[dict], page_path: str) -> Markup:
        html = self._html
        for r in rows:
            if r["id"] not in html:
                html[r["id"]] = str(self._project_row(r))
        joined = "".join(html[r["id"]] for r in rows)
        up = "../" * page_path.count("/")
        return Markup(joined.replace(' href="', ' href="' + up) if up else joined)


def _context(portal: Portal, page: Page, config: SiteConfig, lang: str, shared: dict) -> dict:
    fragments = Fragments(portal, lang, page.path)
    return dict(
        page.context, datasets=shared["datasets"], portal=portal, page=page, config=config, lang=lang,
        breadcrumbs=breadcrumbs(page, shared["by_path"]),
        search_facets=lambda: search_facets(portal, page, lang),
        page_address=config.base_url + languages.get(lang).prefix + page.path,
        t=lambda value: text_html(value, lang),
        plain=lambda value: text_plain(value, lang),
        h=lambda value: heading(value, lang),
        hui=lambda key: heading_ui(key, lang),
        cap=lambda text: sentence_case(text, lang),
        ui=lambda key: ui(key, lang),
        amount=amount, count=lambda n, key: count(n, key, lang), colon=colon(lang),
        join=lambda items: Markup(separator(lang)).join(items),
        join_t=lambda values: Markup(separator(lang)).join(text_html(v, lang) for v in values),
        join_links=lambda chains: Markup(separator(lang)).join(fragments.chain_link(c) for c in chains),
        paren=lambda text: parenthesised(text, lang),
        citation=fragments.citation,
        figures=lambda: figures(portal, lang),
        jurisdiction_tree=lambda: jurisdiction_tree(portal),
        kind_name=lambda name: schema.kind_title(name, lang),
        url=lambda to_path: relative_url(page.path, to_path),
        url_for=lambda kind, **parts: relative_url(page.path, address(kind, **parts)),
        part_url=lambda n: relative_url(page.path, part(page.context.get("list_path", page.path), n)),
        dataset_key=dataset_key, feed_key=feed_key,
        ways_in=lambda j: [(kind, listed(portal, kind, j)) for kind in page_kinds() if kind.card and _exists(portal, kind, j)],
        label=lambda table, key: kind_label(table, key, lang),
        markdown=markdown_text.to_html, policy_body=lambda policy: policy_body(policy, lang),
        pick=lambda zh, en: languages.pick({"zh": zh, "en": en}, lang),
        ui_html=lambda key: Markup(ui(key, lang)), html=Markup,
        chain_link=fragments.chain_link, person_link=fragments.person_link, unit_link=fragments.unit_link,
        not_stated=fragments.not_stated, cite=fragments.cite, provenance=fragments.provenance,
        example=lambda kind: _example(portal, kind),
        rows=lambda projects: [shared["project_rows"][p.id] for p in projects],
        table_rows=lambda rows: shared["table_rows"].html(rows, page.path),
        list_columns=lists.ON_PAGE, list_filters=lists.filters_for, page_size=lists.PAGE_SIZE,
        filter_options=lambda rows, declared: filter_options(rows, declared, lang),
        chain_lanes=lambda chain: charts.chain_lanes(portal, chain), separator=separator(lang),
        stage_stats=lambda projects, cid, common=False: charts.stage_stats(portal, projects, lang, cid, common),
        chain_stats=lambda projects, cid: charts.chain_stats(portal, projects, lang, cid),
        target_progress=lambda j: charts.target_progress(portal, j, lang),
        regional_map=lambda js, cid, base=None: charts.regional_map(portal, js, lang, cid, base),
        latest=lambda projects: max((portal.as_of[p.id] for p in projects), default=""),
        number=figure, target_figure=lambda target, per=True: target_figure(target, lang, per),
        chief_changes=lambda j: history.of_jurisdiction(portal.chief_changes, j),
        change_holder=fragments.change_holder,
        schema_org=lambda j=None: Markup(schema_org(portal, lang, config.base_url + languages.get(lang).prefix, page.path,
                                                    text_plain(page.full_title, lang), text_plain(config.title, lang),
                                                    portal_about(config, lang), j)),
    )


def record_kind(page: Page) -> str | None:
    """What a search result says a page is: the kind of record it shows or lists; other pages
    (the home page, a chief table, the guide) are named by their own title."""
    if _shows_one_record(page):
        return page.kind.each
    return page.kind.lists if page.kind.lists in schema.KINDS else None


def _shows_one_record(page: Page) -> bool:
    """A record's own page (named by the record, not by an interface word)."""
    return page.kind.each in schema.KINDS and not page.kind.title


def search_facets(portal: Portal, page: Page, lang: str) -> tuple[str, list[str], str]:
    """A searchable page's kind and the jurisdictions it belongs to, as its search result shows
    them and its filters offer them; and what names the record it shows besides its heading:
    its id (the last part of its address), which an editor may search for, and a document's
    number."""
    kind = record_kind(page)
    label = schema.kind_title(kind, lang) if kind else heading(page.title, lang)
    if "j" in page.context:
        places = [page.context["j"]]
    elif "policy" in page.context:
        places = [portal.get("jurisdiction", jid) for jid in page.context["policy"].jurisdictions]
    else:
        places = []
    names = []
    if _shows_one_record(page):
        names.append(page.path.rstrip("/").rsplit("/", 1)[-1])
    if "policy" in page.context and page.context["policy"].number:
        names.append(page.context["policy"].number)   # 豫政办〔2021〕61号: found first on its own page
    return label, [text_plain(j.name, lang) for j in places], " ".join(names)


def breadcrumbs(page: Page, by_path: dict[str, Page]) -> list[Page]:
    """The pages above this one, from the home page down: one for each folder of its address."""
    if not page.path:
        return []
    folders = page.path.rstrip("/").split("/")[:-1]
    above = [""] + ["/".join(folders[:i + 1]) + "/" for i in range(len(folders))]
    return [by_path[path] for path in above if path in by_path]


def figures(portal: Portal, lang: str) -> dict:
    """The home page's headline figures: counts, investment by stage (the common kinds, which
    compare across jurisdictions, in their lifecycle order), what changed recently."""
    projects = portal.all("project")
    by_kind: dict[str, list] = {}
    for project in projects:
        by_kind.setdefault(portal.stage_of(project).kind, []).append(project)
    by_stage = [(charts.stage_kind_label(portal, kind, by_kind[kind], lang), len(by_kind[kind]),
                 sum(p.amount or 0 for p in by_kind[kind])) for kind in kinds.STAGE_KINDS if kind in by_kind]
    recent = sorted(projects, key=lambda p: (portal.as_of[p.id], p.id), reverse=True)[:5]
    return {"jurisdictions": len(portal.jurisdictions), "chains": len(portal.all("chain")), "projects": len(projects),
            "amount": sum(p.amount or 0 for p in projects), "illustrative_projects": sum(bool(p.illustrative)
                                                                                         for p in projects),
            "by_stage": by_stage, "recent_projects": [(p, portal.as_of[p.id]) for p in recent],
            "recent_policies": sorted(portal.all("policy"), key=lambda p: (p.date, p.id), reverse=True)[:5]}


def _example(portal: Portal, kind: str) -> str:
    """The `new` template of a kind, as the editor's guide shows it."""
    from .scaffold import draft
    jurisdiction = portal.jurisdictions[0].id if portal.jurisdictions else None
    chain = portal.all("chain")[0].id if portal.all("chain") else None
    if (kind == "project" and chain is None) or (kind != "jurisdiction" and jurisdiction is None):
        return ""
    rid = f"{jurisdiction}-example" if kind != "jurisdiction" else "example"
    return draft(kind, portal, rid, jurisdiction, chain, None).text


@dataclass(frozen=True)
class Navigation:
    """The site navigation for MkDocs, and what the theme needs to keep it short: how many
    jurisdictions follow the home page at its top level, and the addresses of the sections that
    are lists of like pages (a jurisdiction's chains, its zones), which list only the open page
    and its neighbours (theme/material/partials/nav-item.html)."""
    tree: list
    roots: int
    lists: tuple[str, ...]


def nav(portal: Portal, pages: list[Page], lang: str) -> Navigation:
    """The site navigation, grouped by jurisdiction and chain so each page lists only its branch.
    The editor's guide, the feeds and the schemas are reached from the footer and the data
    catalog, not from the public menu. A jurisdiction sits under its parent (consistency.check
    has ruled out loops), so a national portal's top level is its provinces, not every city."""
    lists: list[str] = []

    def entry(page: Page):
        return {str(escape(heading(page.title, lang))): page.path + "index.md"}

    def section(index: str, children: list) -> list:
        return [index + "index.md"] + children   # with navigation.indexes, the label opens the index

    def listed(title: str, index: str, records: list, j) -> dict:
        lists.append(index)
        return {heading(Phrase(title), lang): section(index, [entry(by_path[of_record(r, j.id)]) for r in records])}

    def jurisdiction(j) -> dict:
        items = [entry(by_path[address(kind.name, j=j.id)]) for kind in page_kinds()
                 if kind.in_nav and address(kind.name, j=j.id) in by_path]
        if j.zones:
            items.append(listed("zones", address("zones", j=j.id), j.zones, j))
        chains = portal.chains_of(j)
        if chains:
            items.append(listed("chains", address("chains", j=j.id), chains, j))
        items += [jurisdiction(below) for below in under.get(j.id, ())]
        return {str(escape(heading(j.name, lang))): section(address("jurisdiction", j=j.id), items)}

    by_path = {p.path: p for p in pages}
    under = _under(portal)
    roots = under.get(None, [])
    tree: list = [entry(by_path[address("home")])] + [jurisdiction(j) for j in roots]
    tree.append(entry(by_path[address("people")]))
    # Project pages stay out of the navigation: a list of thousands would weigh on every page.
    tree.append({heading(Phrase("investment"), lang): section(address("investment"), [entry(by_path[address("data")])])})
    policies = [entry(by_path[of_record(p)]) for p in sorted(portal.all("policy"), key=lambda p: p.date)]
    tree.append({heading(Phrase("policies"), lang): section(address("policies"), policies)})
    return Navigation(tree, len(roots), tuple(lists))


def _under(portal: Portal) -> dict:
    """The jurisdictions under each (None: those with no parent in the portal), in the portal's order."""
    under: dict = {}
    for j in portal.jurisdictions:
        under.setdefault(j.parent, []).append(j)   # a parent is a jurisdiction of the portal (schema: Ref)
    return under


def jurisdiction_tree(portal: Portal) -> list[tuple]:
    """Every jurisdiction with the one it sits under in the portal (or None), each followed by
    those under it: a province, then its cities."""
    under, found = _under(portal), []

    def walk(parent) -> None:
        for j in under.get(parent.id if parent else None, []):
            found.append((j, parent))
            walk(j)
    walk(None)
    return found


def tab_title(page: Page, lang: str) -> str:
    """What the browser's tab, a bookmark and a search result say: the page's heading, and the
    jurisdiction it belongs to when the heading does not name it."""
    title = heading(page.full_title, lang)
    j = page.context.get("j")
    if j is not None and page.template != "jurisdiction.html" and text_plain(j.name, lang) not in title:
        title += f" · {heading(j.name, lang)}"
    return title
