"""Investment-attraction lists as open data: one row definition for the HTML lists, the CSV,
JSON and xlsx downloads, the DCAT-style catalog and the Atom feeds, so a download always
holds the rows its page shows.
"""
from __future__ import annotations

import csv
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from . import catalog, history, kinds, languages, lists, xlsx
from .files import write_if_changed
from .validate import FORMULA_STARTS
from .model import Portal, Record, Text
from .pages import address, dataset_key, feed_key, of_record
from .ui import amount, colon, parenthesised, separator, text_plain, ui

# (column key, ui string key); the order is the order of every table and file.
KEYS = [column.key for column in lists.COLUMNS]   # a row's fields, in the downloads' order


@dataclass(frozen=True)
class Dataset:
    """A list of projects published as files: the whole portal, a jurisdiction or a chain."""

    key: str              # path under data/ without extension, e.g. "some-province/projects"
    subject: Text | None  # the jurisdiction's or chain's name; None for the whole portal
    projects: tuple

    def title(self, lang: str) -> str:
        if self.subject is None:
            return ui("dataset_title_all", lang)
        return ui("dataset_title_of", lang).format(name=text_plain(self.subject, lang))


def as_of_dates(root: Path, portal: Portal, fallback: str) -> dict[str, str]:
    """Each project's last update: its own `updated`, else its file's last git commit, else fallback."""
    by_file: dict[str, str] = {}
    dates = {}
    for project in portal.all("project"):
        if project.updated:
            dates[project.id] = project.updated
            continue
        path = project.origin[0]
        if path not in by_file:
            by_file[path] = _git_date(root, path) or fallback
        dates[project.id] = by_file[path]
    return dates


def _git_date(root: Path, path: str) -> str | None:
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path], cwd=root, capture_output=True,
                             text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out or None


def row(portal: Portal, project: Record, lang: str, dates: dict[str, str]) -> dict:
    """One project as a row of plain values in one language."""
    chain = portal.get("chain", project.chain)
    jurisdiction = portal.jurisdiction_of(project)
    stage = portal.entry(jurisdiction.stages, project.stage)
    substage = portal.entry(stage.substages, project.substage) if project.substage else None
    zone = portal.entry(jurisdiction.zones, project.zone) if project.zone else None
    leader = portal.get("unit", project.leader)
    stage_text = text_plain(stage.name, lang) + (parenthesised(text_plain(substage.name, lang), lang) if substage else "")
    zh, en, _ = kinds.STAGE_KINDS[stage.kind]
    return {
        "id": project.id, "project": text_plain(project.name, lang), "chain": text_plain(chain.name, lang),
        "jurisdiction": text_plain(jurisdiction.name, lang), "stage": stage_text,
        # The common kind, to compare across jurisdictions; none where no kind fits ("other").
        "stage_kind": "" if stage.kind == kinds.OTHER else languages.pick({"zh": zh, "en": en}, lang),
        "amount": None if project.amount is None else float(project.amount),
        "location": text_plain(project.location, lang), "zone": text_plain(zone.name, lang) if zone else "",
        "investor": text_plain(project.investor, lang), "leader": text_plain(leader.name, lang) if leader else "",
        "contact": text_plain(project.contact, lang), "updated": dates[project.id],
        "illustrative": bool(project.illustrative), "url": of_record(project),
        # Not published as columns: the filters' keys.
        "_jurisdiction": jurisdiction.id, "_chain": chain.id, "_stage_kind": stage.kind, "_zone": project.zone or "",
        "_stage": stage.id, "_stage_order": _stage_order(jurisdiction, stage), "_stage_name": text_plain(stage.name, lang),
    }


def _stage_order(jurisdiction: Record, stage: Record) -> int:
    """Where a stage sorts: by its common kind's place in the lifecycle, then by the
    jurisdiction's own order, so that a list sorted by stage reads as the stages are declared."""
    return list(kinds.STAGE_KINDS).index(stage.kind) * 100 + jurisdiction.stages.index(stage)



def filter_options(rows: list[dict], declared: lists.Filter, lang: str) -> list[tuple[str, str]]:
    """The choices of one filter of a list: (value, label), each once, in the rows' order;
    stages in their order (the lifecycle's, as the charts and the sorting have them)."""
    seen: dict[str, str] = {}
    order: dict[str, int] = {}
    own: list[str] = []   # the stages no common kind fits: shown by their own names
    for r in rows:
        value = r[declared.value]
        if value:
            seen.setdefault(value, r[declared.shown])
            order.setdefault(value, r["_stage_order"])
            if declared.value == "_stage_kind" and value == kinds.OTHER:
                own.append(r["_stage_name"])
    if own:
        seen[kinds.OTHER] = kinds.label(kinds.STAGE_KINDS, kinds.OTHER, lang, own)
    if declared.value in ("_stage_kind", "_stage"):
        return sorted(seen.items(), key=lambda item: order[item[0]])
    return list(seen.items())


def datasets(portal: Portal) -> list[Dataset]:
    """The whole portal's list, then each jurisdiction's and each chain's that has projects."""
    result = [Dataset(dataset_key(), None, tuple(portal.all("project")))]
    for j in portal.jurisdictions:
        projects = tuple(portal.of_jurisdiction("project", j))
        if projects:
            result.append(Dataset(dataset_key(j.id), j.name, projects))
        for chain in portal.chains_of(j):
            chain_projects = tuple(portal.projects_of(chain))
            if chain_projects:
                result.append(Dataset(dataset_key(j.id, chain.id), chain.name, chain_projects))
    return result


def headings(lang: str) -> list[str]:
    return [ui(column.label, lang) for column in lists.COLUMNS]


@dataclass(frozen=True)
class EncodedRow:
    """One project's row in each download format. Encoded once per language, a row joins the
    portal's, its jurisdiction's and its chain's files at the cost of a join."""

    csv: str
    json: str
    xlsx: xlsx.Row
    url: str                    # the project's page: a link in the xlsx
    widths: tuple[float, ...]   # how wide each cell shows (xlsx.cell_widths)


class _Lines(list):
    write = list.append   # what csv.writer needs: it writes each row in one call


def encode_rows(rows: list[dict], base_url: str, lang: str) -> list[EncodedRow]:
    """Each row in every format. JSON keeps true and false; the CSV and the xlsx, which people
    read, say yes or no in the file's language (是 / 否)."""
    keys = KEYS
    values = [[base_url + r[key] if key == "url" else r[key] for key in keys] for r in rows]
    said = {True: ui("yes", lang), False: ui("no_value", lang)}
    shown = [[said[v] if isinstance(v, bool) else v for v in row_values] for row_values in values]
    lines = _Lines()
    writer = csv.writer(lines, lineterminator="\r\n")
    for row_values in shown:
        writer.writerow([csv_cell(v) for v in row_values])
    url = keys.index("url")
    return [EncodedRow(line, json.dumps(dict(zip(keys, typed)), ensure_ascii=False, separators=(",", ":")),
                       xlsx.row(row_values), row_values[url], xlsx.cell_widths(row_values))
            for line, typed, row_values in zip(lines, values, shown)]


def csv_cell(value):
    """A value as a CSV cell. Text a spreadsheet would take for a formula (`=HYPERLINK(…)`,
    `@SUM`, `+1`, `-1`) gets a leading apostrophe, which spreadsheets show as text (OWASP's
    advice on CSV injection); numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):   # an amount: two decimals, as the pages show it
        return f"{value:.2f}"
    if isinstance(value, str) and value.lstrip()[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def csv_bytes(rows: list[EncodedRow], lang: str) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so that Excel opens Chinese correctly."""
    heading = _Lines()
    csv.writer(heading, lineterminator="\r\n").writerow(headings(lang))
    return ("\ufeff" + heading[0] + "".join(r.csv for r in rows)).encode("utf-8")


def json_bytes(rows: list[EncodedRow], lang: str) -> bytes:
    columns = [{"key": key, "title": title} for key, title in zip(KEYS, headings(lang))]
    # No indentation: json's C encoder only serves compact output, and the files are for programs.
    return ('{"columns":' + json.dumps(columns, ensure_ascii=False, separators=(",", ":")) + ',"rows":['
            + ",".join(r.json for r in rows) + "]}\n").encode("utf-8")


def xlsx_bytes(rows: list[EncodedRow], lang: str, epoch: int, title: str = "", creator: str = "") -> bytes:
    """An xlsx workbook of the rows (see xlsx.py); the build date dates it, for reproducible builds."""
    heading = headings(lang)
    about = xlsx.About(title, creator, languages.get(lang).tag, xlsx.widths(heading, [r.widths for r in rows]),
                       KEYS.index("url"), tuple(r.url for r in rows))
    return xlsx.workbook(ui("projects", lang), heading, [r.xlsx for r in rows], epoch, about)


def atom_entries(rows: dict[str, dict], lang: str, site_url: str, id_url: str, dates: dict[str, str]) -> dict[str, str]:
    """Each project's Atom entry, made once: a project is in the portal's feed and in its
    jurisdiction's. Its id is its address under `id_url`, the portal's configured address: the
    same entry published on GitHub Pages and on an intranet keeps one id (RFC 4287 §4.2.6)."""
    entries = {}
    for pid, r in rows.items():
        link = xml_escape(site_url + r["url"])
        entry_id = xml_escape(id_url + r["url"])
        summary = " · ".join(str(v) for v in (r["chain"], r["jurisdiction"], r["stage"], r["zone"]) if v)
        if r["amount"] is not None:
            summary += f" · {amount(r['amount'])} {ui('amount_unit', lang)}"
        if r["illustrative"]:
            summary += f" · {ui('illustrative', lang)}"
        entries[pid] = (f"<entry><id>{entry_id}</id><title>{xml_escape(r['project'])}</title>"
                        f"<updated>{dates[pid]}T00:00:00Z</updated><link rel=\"alternate\" href=\"{link}\"/>"
                        f"<summary>{xml_escape(summary)}</summary></entry>")
    return entries


# A feed carries the newest updates, as feeds do: a reader polls it for what is new, and the
# list it follows (and its downloads) holds every project. At 1,000 chains the feeds of every
# project were 39 MB of the site, the portal's alone 9.6 MB polled by every subscriber.
FEED_ENTRIES = 100


def atom_feed(projects, lang: str, site_url: str, id_url: str, title: str, author: str, feed_path: str,
              list_path: str, dates: dict[str, str], entries: dict[str, str]) -> bytes:
    """An Atom (RFC 4287) feed of the FEED_ENTRIES projects updated last, newest first; its
    alternate is the list it follows, its id its address under the portal's configured address
    (see atom_entries)."""
    ordered = sorted(projects, key=lambda p: (dates[p.id], p.id), reverse=True)[:FEED_ENTRIES]
    updated = dates[ordered[0].id] if ordered else "1980-01-01"
    return _atom(lang, id_url + feed_path, title, updated, author, site_url + feed_path, site_url + list_path,
                 [entries[p.id] for p in ordered])


def _atom(lang: str, feed_id: str, title: str, updated: str, author: str, self_url: str, page_url: str,
          entries: list[str]) -> bytes:
    """An Atom feed document around its entries (each already an <entry> element)."""
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            f"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\"><id>{xml_escape(feed_id)}</id>"
            f"<title>{xml_escape(title)}</title><updated>{updated}T00:00:00Z</updated>"
            f"<author><name>{xml_escape(author)}</name></author>"
            f"<link rel=\"self\" href=\"{xml_escape(self_url)}\"/>"
            f"<link rel=\"alternate\" type=\"text/html\" href=\"{xml_escape(page_url)}\"/>"
            + "".join(entries) + "</feed>\n").encode("utf-8")


def rows_by_id(portal: Portal, lang: str) -> dict[str, dict]:
    """Every project's row in one language: its page, its lists and the downloads share them."""
    return {p.id: row(portal, p, lang, portal.as_of) for p in portal.all("project")}


def write(portal: Portal, site_title: str, lang: str, site_url: str, id_url: str, about: PortalAbout, epoch: int,
          rows: dict[str, dict], folder: Path) -> None:
    """Write one language's downloads into `folder` (its docs, or a folder moved into its built
    site after MkDocs): the investment lists, who is in charge (chief tables, chains, units,
    people), the feeds, and what describes them all (catalog.py)."""
    out = _Publisher(folder, lang, site_url, site_title, epoch)
    _write_projects(out, portal, rows)
    for j in portal.jurisdictions:
        if portal.chains_of(j):
            head, table = chief_table(portal, j, lang)
            name = text_plain(j.name, lang)
            out.table(dataset_key(j.id, table="chiefs"), ui("of_jurisdiction", lang).format(
                page=ui("chief_table", lang), j=name), ui("dataset_chiefs", lang).format(j=name),
                address("chiefs", j=j.id), head, table, [name],
                      [doc.date for doc in portal.policies_about(j)], date_column=len(head) - 3)
    for key, head, table in who_is_in_charge(portal, lang):
        places = sorted({text_plain(j.name, lang) for j in portal.jurisdictions})
        out.table(key, ui(f"dataset_{key}_title", lang), ui(f"dataset_{key}", lang), address("data"), head, table, places,
                  [doc.date for doc in portal.all("policy")])
    _write_feeds(out, portal, rows, id_url)
    out.put(address("data_file", name="datapackage.json"), _json(catalog.data_package(f"{site_url}-{lang}", site_title,
                                                               (about.licence, about.licence_url), out.resources)))
    out.put(address("data_file", name="catalog.json"), _json(catalog.catalog(out.published, site_url, lang, site_title, about.description,
                                                       about.publisher or site_title, (about.email, about.contact_url),
                                                       about.licence_url)))


class _Publisher:
    """Writes a language's files, keeping what the catalog and the data package say of them."""

    def __init__(self, folder: Path, lang: str, site_url: str, site_title: str, epoch: int):
        self.folder, self.lang, self.site_url, self.site_title, self.epoch = folder, lang, site_url, site_title, epoch
        self.written: dict[str, int] = {}   # path under the site → size
        self.published: list[catalog.Published] = []
        self.resources: list[dict] = []

    def put(self, path: str, data: bytes | str) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        write_if_changed(self.folder / path, raw)
        self.written[path] = len(raw)

    def register(self, key: str, title: str, description: str, landing: str, dates: list[str], places: list[str],
                 schema_key: str) -> None:
        """A table's three files, for the catalog and the data package; `schema_key` names the
        table whose schemas describe them (every list of projects shares one)."""
        csv, json_file, xlsx_file = (address("download", key=key, ext=ext) for ext in ("csv", "json", "xlsx"))
        files = [catalog.File(csv, self.written[csv], address("download", key=schema_key, ext="tableschema.json")),
                 catalog.File(json_file, self.written[json_file], address("download", key=schema_key, ext="schema.json")),
                 catalog.File(xlsx_file, self.written[xlsx_file])]
        full = [d for d in dates if d and len(d) == 10]
        keywords = [ui("chain", self.lang), title]
        self.published.append(catalog.Published(key, title, description, landing, max(full, default=""),
                                                min(full, default=""), places, keywords, files))
        self.resources.append({"name": catalog.slug(key), "title": title, "path": f"{key}.csv", "format": "csv",
                               "mediatype": "text/csv", "encoding": "utf-8-sig",
                               "schema": f"{schema_key}.tableschema.json"})

    def table(self, key: str, title: str, description: str, landing: str, head: list[str], rows: list[list],
              places: list[str], dates: list[str], date_column: int | None = None) -> None:
        """A table whose last column is a page of the site, in three formats, with its schemas."""
        rows = [values[:-1] + [self.site_url + values[-1]] for values in rows]   # the page, in full
        csv_data, json_data = table_files(head, rows)
        self.put(address("download", key=key, ext="csv"), csv_data)
        self.put(address("download", key=key, ext="json"), json_data)
        self.put(address("download", key=key, ext="xlsx"), xlsx.workbook(title, head, rows, self.epoch, xlsx.About(
            title, self.site_title, languages.get(self.lang).tag, xlsx.widths(head, map(xlsx.cell_widths, rows)),
            len(head) - 1, tuple(values[-1] for values in rows))))
        fields = [{"name": h, "type": "date" if i == date_column else "string",
                   **({"format": "uri"} if i == len(head) - 1 else {})} for i, h in enumerate(head)]
        self.put(address("download", key=key, ext="tableschema.json"), _json(catalog.table_schema(fields)))
        self.put(address("download", key=key, ext="schema.json"), _json(catalog.json_rows_schema(
            self.site_url, address("download", key=key, ext="schema.json"), title,
            {"type": "array", "items": {"type": ["string", "null"]}, "minItems": len(head), "maxItems": len(head)})))
        self.register(key, title, description, landing, dates, places, key)


def _write_projects(out: _Publisher, portal: Portal, rows: dict[str, dict]) -> None:
    lang = out.lang
    encoded = dict(zip(rows, encode_rows(list(rows.values()), out.site_url, lang)))
    schemas = {ext: address("download", key=dataset_key(), ext=ext) for ext in ("tableschema.json", "schema.json")}
    out.put(schemas["tableschema.json"], _json(catalog.table_schema(project_fields(lang), headings(lang)[0])))
    out.put(schemas["schema.json"], _json(catalog.json_rows_schema(out.site_url, schemas["schema.json"],
                                                                  ui("investment", lang), project_json_row())))
    for dataset in datasets(portal):
        selected = [encoded[p.id] for p in dataset.projects]
        title = dataset.title(lang)
        out.put(address("download", key=dataset.key, ext="csv"), csv_bytes(selected, lang))
        out.put(address("download", key=dataset.key, ext="json"), json_bytes(selected, lang))
        out.put(address("download", key=dataset.key, ext="xlsx"), xlsx_bytes(selected, lang, out.epoch, title, out.site_title))
        out.register(dataset.key, title, ui("dataset_projects", lang).format(n=len(selected)), _landing(dataset.key),
                     [portal.as_of[p.id] for p in dataset.projects],
                     sorted({rows[p.id]["jurisdiction"] for p in dataset.projects}), dataset_key())


def _write_feeds(out: _Publisher, portal: Portal, rows: dict[str, dict], id_url: str) -> None:
    """The projects' feeds (each also a distribution of the list it follows) and the changes of chiefs."""
    lang, dates = out.lang, portal.as_of
    feeds = [(None, ui("feed_all", lang), portal.all("project"), address("investment"))] + [
        (j.id, f"{text_plain(j.name, lang)} · {ui('investment', lang)}", portal.of_jurisdiction("project", j),
         address("jurisdiction_investment", j=j.id)) for j in portal.jurisdictions]
    entries = atom_entries(rows, lang, out.site_url, id_url, dates)
    by_key = {p.key: p for p in out.published}
    for j, title, projects, list_path in feeds:
        if projects or j is None:
            path = address("feed", key=feed_key(j))
            out.put(path, atom_feed(projects, lang, out.site_url, id_url, title, out.site_title, path, list_path,
                                    dates, entries))
            dataset = by_key.get(dataset_key(j))
            if dataset:
                dataset.files.append(catalog.File(path, out.written[path]))
    for j in portal.jurisdictions:
        if portal.chains_of(j):
            out.put(address("feed", key=feed_key(j.id, chiefs=True)), chief_feed(portal, j, lang, out.site_url, id_url, out.site_title))


def who_is_in_charge(portal: Portal, lang: str) -> list[tuple[str, list[str], list[list]]]:
    """The portal's chains, units and people as tables (key, heading, rows), each row ending with
    the page that shows it: who is responsible for what, as open data."""
    sep, said = separator(lang), colon(lang)
    holdings = portal.holdings
    chains = []
    for chain in sorted(portal.all("chain"), key=lambda c: (c.jurisdiction, c.order)):
        j = portal.get("jurisdiction", chain.jurisdiction)
        chiefs = [f"{text_plain(portal.entry(j.roles, c.role).name, lang)}{said}"
                  + (text_plain(portal.get("person", c.person).name, lang) if c.person else ui("not_stated", lang))
                  for c in chain.chiefs]
        units = [f"{text_plain(portal.entry(j.roles, u.role).name, lang)}{said}"
                 f"{text_plain(portal.get('unit', u.unit).name, lang)}" for u in chain.units]
        chains.append([chain.id, text_plain(chain.name, lang), text_plain(j.name, lang),
                       " › ".join(text_plain(g.name, lang) for g in portal.group_path(chain)), sep.join(chiefs),
                       sep.join(units), _source_text(portal, chain.source, lang) if chain.source else "",
                       of_record(chain)])
    units = [[u.id, text_plain(u.name, lang), text_plain(portal.get("jurisdiction", u.jurisdiction).name, lang),
              kinds.label(kinds.UNIT_KINDS, u.kind, lang), sep.join(text_plain(d, lang) for d in u.duties or ()),
              sep.join(text_plain(c.name, lang) for c in portal.chains_of_unit(u)), address("units", j=u.jurisdiction) + f"#unit-{u.id}"]
             for u in portal.all("unit")]
    people = [[p.id, text_plain(p.name, lang), text_plain(portal.get("jurisdiction", p.jurisdiction).name, lang),
               text_plain(p.post, lang), sep.join(f"{text_plain(h.role.name, lang)}{said}{text_plain(h.chain.name, lang)}"
                                                  for h in holdings[p.id]), address("people") + f"#person-{p.id}"]
              for p in portal.all("person")]
    base = [ui("col_id", lang)]
    return [("chains", base + [ui("chain", lang), ui("jurisdiction", lang), ui("group", lang), ui("chiefs", lang),
                               ui("unit_assignments", lang), ui("source", lang), ui("col_url", lang)], chains),
            ("units", base + [ui("unit", lang), ui("jurisdiction", lang), ui("unit_kind", lang), ui("duties", lang),
                              ui("chains", lang), ui("col_url", lang)], units),
            ("people", base + [ui("person", lang), ui("jurisdiction", lang), ui("post", lang), ui("holds", lang),
                               ui("col_url", lang)], people)]


@dataclass(frozen=True)
class PortalAbout:
    """What the portal says of itself in its catalog, in one language (site-config.yml)."""

    description: str = ""
    publisher: str = ""
    email: str = ""
    contact_url: str = ""
    licence: str = ""
    licence_url: str = ""


def portal_about(config, lang: str) -> PortalAbout:
    """What site-config.yml says of the portal, for its catalogs, in one language."""
    return PortalAbout(text_plain(config.description, lang), text_plain(config.publisher, lang),
                       config.contact_email or "", config.contact_url or "", config.data_licence or "",
                       config.data_licence_url or "")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def _landing(key: str) -> str:
    """The page where a dataset's files are offered: the data catalog, or its jurisdiction's."""
    return address("data") if "/" not in key else address("jurisdiction_data", j=key.split("/")[0])


def project_fields(lang: str) -> list[dict]:
    """The Table Schema fields of a projects CSV: named by the headings of the file's language."""
    fields = []
    for column, title in zip(lists.COLUMNS, headings(lang)):
        key = column.key
        field = {"name": title, "type": column.type, "description": key}
        if column.type == "boolean":
            field.update(trueValues=[ui("yes", lang)], falseValues=[ui("no_value", lang)])
        elif key == "url":
            field["format"] = "uri"
        elif key == "id":
            field["constraints"] = {"required": True, "unique": True}
        fields.append(field)
    return fields


def project_json_row() -> dict:
    """The JSON Schema of a row of a projects JSON download (keys, not headings: the same in
    both languages)."""
    types = {"number": {"type": ["number", "null"]}, "boolean": {"type": "boolean"},
             "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}, "string": {"type": "string"}}
    return {"type": "object", "additionalProperties": False, "required": KEYS,
            "properties": {column.key: types[column.type] for column in lists.COLUMNS}}


def crawler_files(base_url: str, sitemaps: dict[str, list[str]]) -> dict[str, str]:
    """robots.txt and a sitemap index naming every language's sitemaps (`sitemaps`: the files
    under each language's prefix; MkDocs writes one per language: without the index, a crawler
    finds only the first). A crawler reads robots.txt at a host's root: it counts where the
    portal is the whole host (an intranet server)."""
    urls = [base_url + prefix + name for prefix, names in sitemaps.items() for name in names]
    return {"sitemap-index.xml": _sitemap_index(urls),
            "robots.txt": f"User-agent: *\nAllow: /\nSitemap: {base_url}sitemap-index.xml\n"}


def _sitemap_index(urls: list[str]) -> str:
    index = "".join(f"<sitemap><loc>{xml_escape(url)}</loc></sitemap>" for url in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>\n')


# The sitemap protocol's most URLs in one file (sitemaps.org): a language of a 3,000-chain portal
# has about 96,000 pages. Its other limit, 50 MB, 50,000 of our entries (420 bytes) stay under.
SITEMAP_URLS = 50_000


def sitemap_parts(sitemap: str, url: str) -> dict[str, str]:
    """A language's sitemap (MkDocs' sitemap.xml, at `url`) in files of at most SITEMAP_URLS
    pages, sitemap-1.xml, sitemap-2.xml, …, with sitemap.xml an index of them; nothing when it
    fits in one."""
    entries = re.findall(r"<url>.*?</url>", sitemap, re.S)
    if len(entries) <= SITEMAP_URLS:
        return {}
    head, tail = sitemap[:sitemap.index("<url>")], sitemap[sitemap.rindex("</url>") + len("</url>"):]
    parts = {f"sitemap-{n}.xml": head + "\n".join(entries[start:start + SITEMAP_URLS]) + tail
             for n, start in enumerate(range(0, len(entries), SITEMAP_URLS), 1)}
    return {**parts, "sitemap.xml": _sitemap_index([url + name for name in parts])}


def chief_table(portal: Portal, j: Record, lang: str) -> tuple[list[str], list[list]]:
    """A jurisdiction's chief assignments as a table: one row per chain and role, the groups in
    the jurisdiction's own words, the document and place each row comes from."""
    head = [text_plain(level.name, lang) for level in j.grouping] + [
        text_plain(j.chain_term, lang) if j.chain_term else ui("chain", lang), ui("role", lang), ui("holder", lang),
        ui("took_effect", lang), ui("source", lang), ui("col_url", lang)]
    since = history.took_effect(portal.chief_changes)
    rows = []
    for chain in portal.chains_of(j):
        groups = [g.name for g in portal.group_path(chain)]
        groups += [None] * (len(j.grouping) - len(groups))
        source = _source_text(portal, chain.source, lang) if chain.source else ui("illustrative", lang)
        for chief in chain.chiefs or [None]:
            role = portal.entry(j.roles, chief.role).name if chief else None
            holder = (text_plain(portal.get("person", chief.person).name, lang) if chief and chief.person else
                      ui("not_stated", lang) + (f"{colon(lang)}{text_plain(chief.holder, lang)}" if chief and chief.holder
                                                else ""))
            began = since.get((chain.id, chief.role, history.holder_key(chief)), "") if chief else ""
            rows.append([text_plain(g, lang) for g in groups] + [text_plain(chain.name, lang), text_plain(role, lang),
                                                                  holder, began, source, of_record(chain)])
    return head, rows


def _source_text(portal: Portal, source: Record, lang: str) -> str:
    doc = portal.get("policy", source.doc)
    parts = [text_plain(doc.title, lang)] + ([doc.number] if doc.number else []) + (
        [text_plain(source.at, lang)] if source.at else [])
    return separator(lang).join(parts)


def table_files(head: list[str], rows: list[list]) -> tuple[bytes, str]:
    """A small table as CSV (with a byte-order mark, formulas neutralised) and JSON."""
    lines = _Lines()
    writer = csv.writer(lines, lineterminator="\r\n")
    writer.writerow(head)
    for values in rows:
        writer.writerow([csv_cell(v) for v in values])
    return (("\ufeff" + "".join(lines)).encode("utf-8"),
            json.dumps({"columns": head, "rows": rows}, ensure_ascii=False, separators=(",", ":")) + "\n")




def schema_org(portal: Portal, lang: str, site_url: str, page_path: str, title: str, site_title: str,
               about: PortalAbout, jurisdiction: Record | None = None) -> str:
    """A data page's datasets as schema.org JSON-LD (DataCatalog of Dataset), the markup search
    engines' dataset search reads; as the text of a <script> element (no '<' in it)."""
    def dataset(name, description, landing, places, modified, key) -> dict:
        return {"@type": "Dataset", "name": name, "description": description, "url": site_url + landing,
                "inLanguage": languages.get(lang).tag, "isAccessibleForFree": True,
                **({"license": about.licence_url} if about.licence_url else {}),
                **({"dateModified": modified} if modified else {}),
                "spatialCoverage": [{"@type": "Place", "name": place} for place in places],
                "distribution": [{"@type": "DataDownload", "encodingFormat": catalog.MEDIA_TYPES[ext],
                                  "contentUrl": site_url + address("download", key=key, ext=ext)} for ext in ("csv", "json", "xlsx")]}

    found = []
    for d in datasets(portal):
        if jurisdiction is None or d.key.startswith(jurisdiction.id + "/"):
            names = sorted({text_plain(portal.jurisdiction_of(p).name, lang) for p in d.projects})
            found.append(dataset(d.title(lang),
                                 ui("dataset_projects", lang).format(n=len(d.projects)), _landing(d.key), names,
                                 max(portal.as_of[p.id] for p in d.projects), d.key))
    for j in ([jurisdiction] if jurisdiction else portal.jurisdictions):
        if portal.chains_of(j):
            name = text_plain(j.name, lang)
            found.append(dataset(ui("of_jurisdiction", lang).format(page=ui("chief_table", lang), j=name),
                                 ui("dataset_chiefs", lang).format(j=name), address("chiefs", j=j.id), [name], "",
                                 dataset_key(j.id, table="chiefs")))
    if jurisdiction is None:
        places = [text_plain(j.name, lang) for j in portal.jurisdictions]
        for key in ("chains", "units", "people"):
            found.append(dataset(ui(f"dataset_{key}_title", lang), ui(f"dataset_{key}", lang), address("data"), places, "", key))
    markup = {"@context": "https://schema.org", "@type": "DataCatalog", "name": title, "url": site_url + page_path,
              "inLanguage": languages.get(lang).tag, "publisher": {"@type": "Organization", "name": about.publisher or site_title},
              "dataset": found}
    return json.dumps(markup, ensure_ascii=False).replace("<", "\\u003c")


def chief_feed(portal: Portal, j: Record, lang: str, site_url: str, id_url: str, author: str) -> bytes:
    """A jurisdiction's changes of chiefs as an Atom feed, newest first: one entry per change."""
    changes = history.of_jurisdiction(portal.chief_changes, j)
    path = address("changes", j=j.id)
    entries = []
    for c in changes:
        chain = portal.get("chain", c.chain)
        role = portal.entry(j.roles, c.role)
        person = portal.get("person", c.holder) if c.holder else None
        holder = text_plain(person.name, lang) if person else (
            f"{ui('not_stated', lang)}{colon(lang)}{c.holder}" if c.holder else ui("not_stated", lang))
        what = separator(lang).join([text_plain(chain.name, lang) if chain else c.chain,
                                          text_plain(role.name, lang) if role else c.role])
        title = f"{holder} · {what} · {ui('began' if c.began else 'ended', lang)}"
        key = xml_escape(f"{id_url}{path}#{c.date}/{c.chain}/{c.role}/{'began' if c.began else 'ended'}/{c.holder}")
        entries.append(f"<entry><id>{key}</id><title>{xml_escape(title)}</title><updated>{c.date}T00:00:00Z</updated>"
                       f"<link rel=\"alternate\" href=\"{xml_escape(site_url + path)}\"/>"
                       f"<summary>{xml_escape(ui('dated_by_' + c.dated_by, lang))}</summary></entry>")
    feed = address("feed", key=feed_key(j.id, chiefs=True))
    return _atom(lang, id_url + feed, f"{text_plain(j.name, lang)} · {ui('feed_chiefs', lang)}",
                 changes[0].date if changes else "1980-01-01", author, site_url + feed, site_url + path, entries)
