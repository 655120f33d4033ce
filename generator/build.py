"""The pipeline: config → load → validate → model → render → write, one call per line."""
from __future__ import annotations

import bisect
import calendar
import functools
import gc
import gzip
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from . import (charts, consistency, history, languages, load, mkdocs_engine, model, opendata, output, page_cache,
               processes, render, search_index, shards, validate)
from . import config as config_module
from .config import SiteConfig, load_site_config
from .model import Portal
from .report import Report, os_problem
from .ui import text_plain


# Front-end packages from npm (ECharts), installed by `npm ci` beside the generator.
NODE_MODULES = Path(os.environ.get("PORTAL_NODE_MODULES") or Path(__file__).resolve().parent.parent / "node_modules")


@dataclass
class Checked:
    """What `check` learnt: the problems, and the portal when there were none."""

    report: Report
    config: SiteConfig | None = None
    portal: Portal | None = None
    pages: list | None = None


@dataclass(frozen=True)
class Job:
    """One build of a checked portal: everything its steps need, handed to each explicitly."""

    root: Path
    checked: Checked
    config: SiteConfig
    work: Path                 # the MkDocs projects, and the downloads waiting to be moved in
    sites: dict[str, Path]     # where each language's site is written
    incremental: bool          # serve: pages on disk, kept between builds; MkDocs renders what changed
    epoch: int                 # the build date (sitemaps, gzip headers, downloads), fixed: builds reproduce
    cache: Path | None = None  # build --cache: pages MkDocs finished before (page_cache.py)
    only: frozenset[str] | None = None   # build --shard: the addresses of the pages it builds (shards.py)
    manifest: str | None = None          # build --shard: what it says of its part, for `merge`
    given: dict[str, Path] | None = None  # merge: address → the shard's part that built its page
    first: frozenset[str] | None = None   # serve's first look: the addresses of the pages edited
    langs: frozenset[str] | None = None   # serve: the languages still to finish after a first look (None: all)

    def builds_body(self, path: str) -> bool:
        """Whether this build renders the page at `path` whole (otherwise its front matter only)."""
        return (self.only is None or path in self.only) and (self.given is None or path not in self.given)


class Stopwatch:
    """Adds up the time spent in each stage of the pipeline (for bench/run.py)."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


def check(root: Path, strict: bool = False, clock: Stopwatch | None = None) -> Checked:
    # Reading makes hundreds of thousands of small objects, almost none in a cycle: the
    # cyclic garbage collector, run again and again over all of them, took a third of the
    # load. It is off for the check, and on again after.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(root, strict, clock or Stopwatch())
    finally:
        if was_enabled:
            gc.enable()


def _check(root: Path, strict: bool, clock: Stopwatch) -> Checked:
    report = Report()
    with clock.stage("load"):
        config = load_site_config(root, report)
        raw = load.load(root, report)
    with clock.stage("validate"):
        validate.validate(raw, report)
    if report.failed(strict) or config is None:
        return Checked(report)
    with clock.stage("model"):
        portal = model.build(raw)
        fallback = time.strftime("%Y-%m-%d", time.gmtime(content_epoch(root, portal)))
        portal.as_of = opendata.as_of_dates(root, portal, fallback)
        portal.chief_changes = history.chief_changes(root, portal, config.chief_history_since)
        consistency.check(root, portal, report)   # every check that needs the whole model
        pages = render.plan(portal, report)
    return Checked(report, config, portal, pages)


def build(root: Path, out: Path, base_url: str | None = None, strict: bool = False,
          clock: Stopwatch | None = None, side_by_side: bool = True, cache: Path | None = None,
          shard: shards.Shard | None = None, parts: list[Path] | None = None) -> Checked:
    """Check, then build into a temporary folder and put it in place only when all went well.
    `side_by_side=False` builds one language after the other: slower, less peak memory.
    `cache`: a folder where MkDocs' pages are kept, and taken again when unchanged (page_cache.py).
    `shard`: build only that shard's pages; `parts`: merge the shards' parts (shards.py)."""
    clock = clock or Stopwatch()
    checked = _checked_for_building(root, strict, clock)
    refused = output.problem(out, root)
    if refused:
        checked.report.error("--out", 0, "", *refused)
    refused = cache is not None and page_cache.problem(cache, root)
    if refused:
        checked.report.error("--cache", 0, "", *refused)
    if parts and out.resolve() in [part.resolve() for part in parts]:
        checked.report.error("--out", 0, "", "a folder other than the parts merged", "合并的各部分以外的文件夹",
                             "one of the parts", "其中一个部分")
    if base_url is not None:
        checked.report.issues.extend(config_module.check_base_url(base_url).issues)
    if checked.report.failed(strict) or checked.portal is None:
        return checked
    config = checked.config.with_base_url(base_url)
    out = out.resolve()
    with _build_date(root, checked.portal) as epoch:
        split = _split(root, checked, config, epoch, shard, parts)
        if checked.report.failed(strict):
            return checked
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            if cache is not None:
                page_cache.prepare(cache.resolve())
            with output.turn(out):
                output.remove_leftovers(out)
                _build_into(Job(root, checked, config, Path(), {}, False, epoch, cache and cache.resolve(), **split),
                            out, clock, side_by_side)
        except OSError as err:
            # A full disk, a read-only folder: one line, and the site that was there stays as it was.
            checked.report.error(str(out), 0, "", "a folder the site can be written into", "可写入网站的文件夹",
                                 *os_problem(err))
    return checked


def _split(root: Path, checked: Checked, config: SiteConfig, epoch: int, shard: shards.Shard | None,
           parts: list[Path] | None) -> dict:
    """What of the portal this build makes: a shard's pages (`only`), or, merging, all but the
    parts' (`given`); the parts' problems go to the report."""
    if shard is None and parts is None:
        return {}
    inputs = shards.inputs_digest(root, config.base_url, epoch)
    if shard is not None:
        only = shards.paths_of(checked.pages, shard)
        return {"only": only, "manifest": shards.manifest(shard, inputs, only)}
    given, problems = shards.read_parts(parts, inputs, checked.pages)
    for where, *expected_and_found in problems:
        checked.report.error(where, 0, "", *expected_and_found)
    for part in dict.fromkeys(given.values()):   # each part once, in order
        missing = [prefix + path for path, of in given.items() if of == part for prefix in languages.prefixes().values()
                   if not (part / prefix / path / "index.html").is_file()]
        if missing:
            checked.report.error(str(part), 0, "", "every page of its shard, in every language", "其分片在各语言中的全部页面",
                                 f"{len(missing)} missing, such as {missing[0]}", f"缺少 {len(missing)} 个，如 {missing[0]}")
    return {"given": given}


def _build_into(job: Job, out: Path, clock: Stopwatch, side_by_side: bool) -> None:
    with tempfile.TemporaryDirectory(prefix=output.temporary_prefix(out), dir=out.parent,
                                     ignore_cleanup_errors=True) as tmp:
        site = Path(tmp) / "site"
        job = replace(job, work=Path(tmp) / "work", sites=language_sites(site, Path(tmp) / "languages"))
        _build_languages(job, clock, side_by_side)
        with clock.stage("write"):
            if job.manifest is not None:
                site = _part(job, Path(tmp) / "part")
            else:
                for lang, prefix in languages.prefixes().items():
                    if prefix:
                        os.rename(job.sites[lang], site / prefix)
                url = job.config.base_url
                sitemaps = {prefix: _split_sitemap(site / prefix, url + prefix, job.epoch)
                            for prefix in languages.prefixes().values()}
                for name, text in opendata.crawler_files(url, sitemaps).items():
                    (site / name).write_text(text, encoding="utf-8")
            output.mark(site)
            output.replace(out, site)


def _part(job: Job, part: Path) -> Path:
    """A shard's part: its pages in each language, where the site has them, and what it is
    (shards.MANIFEST), for `merge`; not MkDocs' assets, sitemap and 404, which merge makes."""
    part.mkdir()
    for lang, prefix in languages.prefixes().items():
        for path in job.only:
            page = part / prefix / path / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            os.rename(job.sites[lang] / path / "index.html", page)
    (part / shards.MANIFEST).write_text(job.manifest, encoding="utf-8")
    return part


def _split_sitemap(folder: Path, url: str, epoch: int) -> list[str]:
    """A language's sitemap in files a crawler accepts (opendata.sitemap_parts), its gzip copy
    made again as MkDocs makes it; the names of the files that list its pages."""
    parts = opendata.sitemap_parts((folder / "sitemap.xml").read_text(encoding="utf-8"), url)
    for name, text in parts.items():
        (folder / name).write_text(text, encoding="utf-8")
    if parts:
        (folder / "sitemap.xml.gz").write_bytes(gzip.compress(parts["sitemap.xml"].encode("utf-8"), mtime=epoch))
    return [name for name in parts if name != "sitemap.xml"] or ["sitemap.xml"]


def language_sites(site: Path, elsewhere: Path) -> dict[str, Path]:
    """Where each language's MkDocs build writes: the language without a prefix into `site`,
    every other one into a folder of its own under `elsewhere`, never inside `site`: a MkDocs
    build first empties its folder, so it would wipe a language building inside it."""
    return {lang: elsewhere / prefix.strip("/") if prefix else site
            for lang, prefix in languages.prefixes().items()}


def preview_sites(out: Path) -> dict[str, Path]:
    """For `serve`: each language's folder, as rebuild_in_place leaves them."""
    out = out.resolve()
    return language_sites(out, _preview_work(out) / "sites")


def _preview_work(out: Path) -> Path:
    return out.with_name(f".{out.name.lstrip('.')}.work")   # .preview -> .preview.work


def rebuild_in_place(root: Path, out: Path, clock: Stopwatch | None = None, search: bool = True,
                     first: dict[str, set[int]] | None = None, langs: frozenset[str] | None = None) -> Rebuilt:
    """For `serve`: rebuild into `out` itself, keeping the MkDocs projects beside it.

    A language whose settings and navigation are unchanged (its mkdocs.yml is the same) is
    rebuilt with MkDocs' dirty mode: only pages whose text changed are rendered again, which
    makes the usual edit (a project's amount, a chain's summary) fast. Adding, removing or
    renaming a page rebuilds that language whole. When the check fails, `out` is left as it is.
    Without `search`, the search index is left as it was, for index_search_in_place to redo.

    `first` (content file → the lines edited in it) asks for a first look: such a language
    renders only the pages of the records edited (edited_pages), and neither the other pages
    nor the downloads. The rebuild that follows without `first` brings the rest, in the
    languages the first look left unfinished (Rebuilt.pending, given back as `langs`): a
    language whose navigation changed (a chain renamed in it) had to be rebuilt whole already,
    and so has every language when no page holds the edited lines.
    """
    clock = clock or Stopwatch()
    checked = _checked_for_building(root, False, clock)
    if checked.report.failed() or checked.portal is None:
        return Rebuilt(checked, frozenset())
    out = out.resolve()
    with _build_date(root, checked.portal) as epoch:
        # No page holds an edited line (a unit's, a person's): the first look is the whole rebuild.
        job = Job(root, checked, checked.config, _preview_work(out), preview_sites(out), True, epoch,
                  first=edited_pages(checked.pages, first) or None if first is not None else None, langs=langs)
        pending = _build_languages(job, clock, search=search)
    output.mark(out)
    return Rebuilt(checked, pending)


class Rebuilt(NamedTuple):
    checked: Checked
    pending: frozenset[str]   # the languages of which a first look rendered only the pages edited


def edited_pages(pages: list, edited: dict[str, set[int]]) -> frozenset[str]:
    """The addresses of the pages of the records holding an edited line. A page's record starts
    at its origin and runs to the next page's origin in the same file; a line before every
    page's record (a file's comment) is nobody's."""
    starts: dict[str, list[int]] = {}
    for page in pages:
        if page.origin[0] in edited:
            starts.setdefault(page.origin[0], []).append(page.origin[1])
    chosen = set()
    for file, lines in starts.items():
        lines.sort()
        for line in edited[file]:
            at = bisect.bisect_right(lines, line)
            if at:
                chosen.add((file, lines[at - 1]))
    return frozenset(page.path for page in pages if page.origin in chosen)


def index_search_in_place(out: Path) -> None:
    """For `serve`: index each language of the preview for search again, after the rebuilt
    pages are shown (Pagefind indexes every page, about 2 s at 100 chains)."""
    _index_search(preview_sites(out), _preview_work(out), Stopwatch())


def _checked_for_building(root: Path, strict: bool, clock: Stopwatch) -> Checked:
    checked = check(root, strict, clock)
    if checked.portal is not None and not charts.library_installed(NODE_MODULES):
        checked.report.error("package.json", 0, "", f"ECharts and esbuild in {NODE_MODULES} (run `npm ci`; the "
                             "Makefile does)", f"{NODE_MODULES} 中的 ECharts 和 esbuild（请运行 `npm ci`）",
                             "they are not installed")
    elif checked.portal is not None and (problem := charts.bundle_library(NODE_MODULES)):
        checked.report.error("theme/bundles/echarts.js", 0, "", "an ECharts bundle made by esbuild",
                             "由 esbuild 生成的 ECharts 包", problem, problem)
    if checked.portal is not None and not search_index.installed(NODE_MODULES):
        where = search_index.binary(NODE_MODULES)
        checked.report.error("package.json", 0, "", f"Pagefind at {where} (run `npm ci`; the Makefile does)",
                             f"{where} 处的 Pagefind（请运行 `npm ci`）", "it is not installed")
    return checked


def _build_languages(job: Job, clock: Stopwatch, side_by_side: bool = True, search: bool = True) -> frozenset[str]:
    """Build every language (or job.langs); return those whose build was a first look at a few pages."""
    _compile_templates(job.root)
    codes = [lang for lang in languages.codes() if job.langs is None or lang in job.langs]
    builds = [functools.partial(_build_language, job, lang) for lang in codes]
    if side_by_side:   # the build then takes as long as the language that finishes last
        # The first language is built in this process. Otherwise this process would sit idle
        # for the whole build, holding what reading the content left behind: at 1,000 chains
        # about 250 MB, mostly freed blocks that its fragmented memory cannot hand back.
        # `serve` builds again and again: there both languages hand their memory back.
        results = processes.side_by_side(builds, first_here=not job.incremental)
        for name, seconds in _last_finished([result.seconds for result in results]).items():
            clock.add(name, seconds)
    else:              # each in a process of its own all the same, which hands its memory back
        results = [processes.side_by_side([one])[0] for one in builds]
        for result in results:
            for name, seconds in result.seconds.items():
                clock.add(name, seconds)
    if search and job.manifest is None:   # a shard's part has no search index of its own: merge makes it
        _index_search(job.sites, job.work, clock)
    if not job.incremental and job.manifest is None:
        with clock.stage("write"):
            for lang in languages.codes():
                _move_into(_downloads(job.work, lang), job.sites[lang])
    return frozenset(lang for lang, result in zip(codes, results) if result.first_look)


_compiled: dict[str, int] = {}   # each page template compiled in this process → its file's time


def _compile_templates(root: Path) -> None:
    """Compile the page templates here, before the languages' processes are forked, so that each
    starts with them compiled instead of compiling them again (half a second of each edit in
    `serve` at 100 chains). `serve` builds again and again: they are compiled afresh when one
    of them has changed, been added or been removed since."""
    dirs = tuple(theme_dirs(root))
    stamps = {str(path): path.stat().st_mtime_ns for folder in dirs if folder.is_dir()
              for path in folder.rglob("*.html")}
    if stamps == _compiled:
        return
    render.environment.cache_clear()
    env = render.environment(dirs)
    for name in env.list_templates(extensions=["html"]):
        if ":" not in name:   # "default:<name>", the built-in page a portal's own extends, on demand
            env.get_template(name)
    _compiled.clear()
    _compiled.update(stamps)


def _index_search(sites: dict[str, Path], work: Path, clock: Stopwatch) -> None:
    # Search is indexed once the languages' processes have ended and handed their memory back,
    # one language at a time: Pagefind holds its whole index in memory (about 0.7 GB for a
    # language of 30,000 project pages), and beside MkDocs' processes the build's peak was three
    # times that. In `serve` too, whole, but after the rebuilt pages are shown.
    with clock.stage("search"):
        for lang in languages.codes():
            searched = _searched(work, lang)
            search_index.index(sites[lang], NODE_MODULES, languages.get(lang).search,
                               searched if searched.is_dir() else None)   # none: no page is searchable


class LanguageBuilt(NamedTuple):
    seconds: dict[str, float]   # of each stage
    first_look: bool            # only the pages edited were rendered: the rest is still to do


def _build_language(job: Job, lang: str) -> LanguageBuilt:
    """Render one language and build it with MkDocs; then, in a full build, write the downloads
    no other language's process has taken."""
    clock = Stopwatch()
    docs, site = _docs(job.work, lang), job.sites[lang]
    project = mkdocs_engine.project_file(job.work / lang, lang)
    with clock.stage("render"):
        nav = render.nav(job.checked.portal, job.checked.pages, lang)
        settings = mkdocs_engine.project_settings(lang, docs, nav, job.config, site, len(job.checked.pages))
        # serve: with the same settings, navigation and titles, MkDocs' dirty build renders
        # again only the pages whose text changed.
        dirty = (job.incremental and project.exists() and project.read_text(encoding="utf-8") == settings
                 and (site / "index.html").exists())
        if job.incremental and not dirty:
            # Pages were added, removed or renamed: render afresh, so that no page or download
            # of the previous content stays behind for MkDocs to publish, nor for search.
            for folder in (docs, _searched(job.work, lang)):
                if folder.exists():
                    shutil.rmtree(folder)
        # A full build hands MkDocs its pages in memory; serve's dirty builds compare the
        # pages' dates on disk, so there they are written into the docs folder.
        in_memory: dict[str, bytes] | None = None if job.incremental else {}
        _write_language(job, lang, docs, in_memory, job.first if dirty else None)
        mkdocs_engine.write_project(project, docs, settings)
    kept = (page_cache.LanguageCache(job.cache / lang, page_cache.engine_digest(job.root), settings)
            if job.cache is not None else None)
    with clock.stage("mkdocs"):
        # serve compiles Material's templates once, not at each rebuild (a quarter of a second)
        compiled = job.work / "compiled" if job.incremental else None
        # A shard's part is not indexed (merge indexes the site): it needs no searched copies.
        searched = _searched(job.work, lang) if job.manifest is None else None
        mkdocs_engine.build(project, dirty=dirty, pages=in_memory, cache=kept, ready=_made_elsewhere(job, lang),
                            compiled=compiled, searched=searched)
    if kept is not None:
        with clock.stage("write"):
            kept.keep()
    if not job.incremental and job.manifest is None:
        with clock.stage("write"):   # here, while the other language does the same, not after both
            shutil.rmtree(job.work / lang)
            _write_unclaimed_downloads(job, lang)
    return LanguageBuilt(clock.seconds, dirty and job.first is not None)


def _made_elsewhere(job: Job, lang: str) -> dict[str, Path | None]:
    """The pages whose HTML MkDocs does not make here, by source path: those another shard
    builds (None: not written), or, merging, those a shard built (the file it wrote)."""
    if job.only is not None:
        return {page.path + "index.md": None for page in job.checked.pages if page.path not in job.only}
    prefix = languages.get(lang).prefix
    return {path + "index.md": part / prefix / path / "index.html" for path, part in (job.given or {}).items()}


def _write_unclaimed_downloads(job: Job, lang: str) -> None:
    """The downloads (data files and feeds) of each language no process has begun, this
    language's first, into folders the build moves into the sites at the end.

    Nothing in MkDocs reads them, so they wait until a language's MkDocs build is done: the two
    rarely finish together (at 1,000 chains often 10 s or more apart, the Chinese or the English
    first as it happens), and the first to finish has the time to write both languages' downloads, off the
    path that decides how long the build takes. Making a language's folder claims it: only one
    process can.
    """
    for other in (lang, *(language for language in languages.codes() if language != lang)):
        folder = _downloads(job.work, other)
        try:
            folder.mkdir(parents=True)   # the folder may exist, never the claim: exist_ok stays off
        except FileExistsError:
            continue
        _write_downloads(job, other, opendata.rows_by_id(job.checked.portal, other), folder)


def _downloads(work: Path, lang: str) -> Path:
    return work / "downloads" / lang


def _searched(work: Path, lang: str) -> Path:
    """Where a language's build writes the searched copies of its pages (search_index)."""
    return work / "searched" / lang


def _docs(work: Path, lang: str) -> Path:
    return work / lang / "docs"


def _last_finished(stage_times: list[dict[str, float]]) -> dict[str, float]:
    """The stages of the language that finished last: side by side, theirs is the build's time.
    Not each stage's slowest: the render of one and the MkDocs build of the other would add up
    to a build that did not happen."""
    return max(stage_times, key=lambda times: sum(times.values()))


def _write_language(job: Job, lang: str, docs: Path, in_memory: dict[str, bytes] | None,
                    only: frozenset[str] | None = None) -> None:
    """One language's pages (into `in_memory` if given, else into `docs`) and assets; in
    `serve`, whose dirty builds compare dates in the docs folder, its downloads too. With
    `only` (serve's first look), those pages alone, and no downloads."""
    portal = job.checked.portal
    rows = opendata.rows_by_id(portal, lang)
    render.write_docs(portal, job.checked.pages, job.config, lang, rows, docs, theme_dirs(job.root), in_memory,
                      job.builds_body, only)
    charts.write_assets(job.root, portal, docs, NODE_MODULES)
    if job.incremental and only is None:
        _write_downloads(job, lang, rows, docs)


def _write_downloads(job: Job, lang: str, rows: dict[str, dict], folder: Path) -> None:
    prefix = languages.get(lang).prefix
    config = job.config
    opendata.write(job.checked.portal, text_plain(config.title, lang), lang, config.base_url + prefix,
                   (config.canonical_url or config.base_url) + prefix, opendata.portal_about(config, lang),
                   job.epoch, rows, folder)


def _move_into(source: Path, target: Path) -> None:
    """Move a folder's contents into another by renames, merging the folders both have."""
    if not source.exists():
        return
    for entry in source.iterdir():
        there = target / entry.name
        if entry.is_dir() and there.is_dir():
            _move_into(entry, there)
        else:
            os.replace(entry, there)


@contextmanager
def _build_date(root: Path, portal: Portal):
    """Fix the build date so that builds are reproducible, and give it: the generator's steps
    take it from the Job; MkDocs (its sitemap, its gzip headers) reads SOURCE_DATE_EPOCH.

    SOURCE_DATE_EPOCH wins when set; otherwise the time of the content's last git commit;
    outside git, the newest date written in the content itself.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given:
        yield int(given)
        return
    epoch = content_epoch(root, portal)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield epoch
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def content_epoch(root: Path, portal: Portal) -> int:
    try:
        stamp = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "content", "chains", "site-config.yml"],
                               cwd=root, capture_output=True, text=True, timeout=30).stdout.strip()
        if stamp.isdigit():
            return int(stamp)
    except (OSError, subprocess.SubprocessError):
        pass
    dates = [p.date for p in portal.all("policy")] + [p.updated for p in portal.all("project") if p.updated]
    year, month, day = (max(dates, default="1980").split("-") + ["01", "01"])[:3]
    return calendar.timegm((int(year), int(month), int(day), 0, 0, 0))


def theme_dirs(root: Path) -> list[Path]:
    """Page templates: the portal's own theme/pages first, then the built-in ones."""
    own = root / "theme" / "pages"
    return [own, render.THEME_PAGES] if own.resolve() != render.THEME_PAGES else [render.THEME_PAGES]
