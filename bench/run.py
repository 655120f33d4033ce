"""Benchmarks: synthetic portals of N chains, built and measured, beside a plain
mkdocs-material site with the same number of pages built in the same run.

    python bench/run.py                    # 10 and 100 chains (a few minutes)
    python bench/run.py --sizes 10 100 1000 --serve

Prints, per size: the generator's own time per stage and MkDocs' time, peak memory, site
size, HTML size of a chain page and of the largest list page, search-index size and what a
first and a second search fetch, a chain page's total weight, and the ratios to the baseline. The generator's share is everything but
MkDocs: its stages and what no stage covers (start-up, imports, forks). The two languages
build side by side, so the stages are those of the language that finished last. Figures vary
with the machine: compare the ratios of one run. Results are also written to
bench/out/results.json.

Times and the portal's peak memory come from separate builds: sampling memory reads every page
table of every process four times a second, which at 1,000 chains slowed the rendering by half
(34 s → 52 s). The portal is timed `--repeat` times (2 unless told) and the fastest build is
reported, with every build's total beside it: on a noisy machine the fastest is the least
disturbed. The baseline is one process: its peak is the kernel's count, at no cost.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PROJECTS_PER_CHAIN = 30
STAGES = ["planned", "reserve", "under_implementation"]


def text(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


def synthetic_portal(root: Path, chains: int, jurisdictions: int | None = None, cities_per_province: int = 4,
                     projects_per_chain: int = PROJECTS_PER_CHAIN) -> None:
    """Write a portal of `chains` chains over several jurisdictions (one for each 25 chains unless
    told), every text in both languages. As in a national portal, jurisdictions nest: each
    province is followed by `cities_per_province` cities under it."""
    jurisdictions = jurisdictions or max(2, chains // 25)
    (root / "content" / "policies").mkdir(parents=True)
    for folder in ("jurisdictions", "units", "people", "projects"):
        (root / "content" / folder).mkdir(parents=True)
    (root / "site-config.yml").write_text(yaml.safe_dump({
        "title": text("基准门户", "Benchmark portal"), "description": text("合成数据。", "Synthetic data."),
        "base_url": "https://bench.invalid/portal/"}, allow_unicode=True), encoding="utf-8")
    per = -(-chains // jurisdictions)
    for j in range(jurisdictions):
        jid = f"j{j}"
        province = j - j % (cities_per_province + 1)
        above = {"parent": f"j{province}", "level": "city"} if province != j else {"level": "province"}
        (root / "content" / "jurisdictions" / f"{jid}.yml").write_text(yaml.safe_dump({
            "id": jid, "name": text(f"辖区{j}", f"Jurisdiction {j}"), **above,
            "summary": text("合成辖区。", "A synthetic jurisdiction."), "illustrative": True,
            "roles": [{"id": "chief", "name": text("链长", "chain chief"), "kind": "chief"},
                      {"id": "lead", "name": text("牵头单位", "lead unit"), "kind": "lead_unit"}],
            "stages": [{"id": s.replace("_", "-"), "name": text(s, s), "kind": s} for s in STAGES],
            "tiers": [{"id": "leader", "name": text("链主", "chain leader"), "kind": "chain_leader"},
                      {"id": "core", "name": text("链核", "chain core"), "kind": "chain_core"}],
            "zones": [{"id": f"z{k}", "name": text(f"园区{k}", f"Zone {k}"),
                       "coordinates": {"lon": 110 + k, "lat": 30 + j % 10}} for k in range(5)],
            "targets": [{"id": "projects", "measures": "project_count", "name": text("项目", "projects"),
                         "value": 150, "unit": text("个", "projects"), "year": 2025}],
        }, allow_unicode=True), encoding="utf-8")
        units, people, projects = [], [], []
        (root / "chains" / jid).mkdir(parents=True)
        for c in range(j * per, min(chains, (j + 1) * per)):
            cid = f"{jid}-c{c}"
            units += [{"id": f"{cid}-u{k}", "jurisdiction": jid, "name": text(f"企业{c}-{k}", f"Firm {c}-{k}"),
                       "kind": "enterprise", "illustrative": True} for k in range(3)]
            people.append({"id": f"p{c}", "jurisdiction": jid, "name": {"zh": "张" + "伟强明华"[c % 4] + str(c)},
                           "illustrative": True})
            segments = [{"id": f"s{k}", "position": ["upstream", "midstream", "downstream"][k % 3],
                         "name": text(f"环节{k}", f"segment {k}")} for k in range(4)]
            (root / "chains" / jid / f"c{c}.yml").write_text(yaml.safe_dump({
                "id": cid, "jurisdiction": jid, "name": text(f"产业链{c}", f"Chain {c}"), "order": c,
                "summary": text("合成产业链，用于测量。", "A synthetic chain for measurements."),
                "chiefs": [{"role": "chief", "person": f"p{c}"}],
                "units": [{"role": "lead", "unit": f"{cid}-u0"}], "segments": segments,
                "enterprises": [{"unit": f"{cid}-u{k}", "tier": "leader" if k == 0 else "core",
                                 "segments": [f"s{k}"]} for k in range(3)],
                "illustrative": True}, allow_unicode=True), encoding="utf-8")
            projects += [{"id": f"{cid}-p{k}", "chain": cid, "name": text(f"项目{c}-{k}", f"Project {c}-{k}"),
                          "stage": STAGES[k % 3].replace("_", "-"), "amount": round(1 + (c * 7 + k) % 50 / 3, 2),
                          "location": text("某市", "a city"), "zone": f"z{k % 5}", "segments": [f"s{k % 4}"],
                          "investor": text("投资方", "investor"), "updated": f"2024-{1 + k % 12:02d}-01",
                          "illustrative": True} for k in range(projects_per_chain)]
        for name, records in (("units", units), ("people", people), ("projects", projects)):
            (root / "content" / name / f"{jid}.yml").write_text(yaml.safe_dump(records, allow_unicode=True),
                                                                encoding="utf-8")
        (root / "content" / "policies" / f"{jid}.md").write_text(
            "---\n" + yaml.safe_dump({"id": f"policy-{jid}", "title": text("合成文件", "Synthetic document"),
                                      "issuer": text("某政府", "a government"), "date": "2024-01-01",
                                      "jurisdictions": [jid], "summary": text("合成。", "Synthetic."),
                                      "illustrative": True}, allow_unicode=True) + "---\n\n正文。\n",
            encoding="utf-8")


FLAT_BASELINE_MAX = 1500   # beyond this a flat navigation takes tens of minutes and gigabytes (quadratic)


def baseline_project(root: Path, articles: list[str]) -> Path:
    """A plain mkdocs-material site of the same pages: each page's article, as the portal built
    it, written as its Markdown (HTML passes through Markdown), with Material's search plugin. Its
    navigation is flat (MkDocs' default) up to FLAT_BASELINE_MAX pages; above that in folders of
    100 inside folders of 25 with Material's `navigation.prune` (as the portal's navigation is:
    jurisdictions, then chains). A flat navigation of 60,000 pages would take days, and even one
    level of folders is quadratic: 600 sections on every page."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    pages = len(articles)
    for n, article in enumerate(articles):
        folder = docs / (f"part-{n // 2500:02d}/group-{n // 100 % 25:02d}" if pages > FLAT_BASELINE_MAX else "")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page-{n:05d}.md").write_text(article + "\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    theme = {"name": "material", "font": False}
    if pages > FLAT_BASELINE_MAX:
        theme["features"] = ["navigation.prune"]
    config.write_text(yaml.safe_dump({"site_name": "Baseline", "docs_dir": str(docs), "site_dir": str(root / "site"),
                                      "theme": theme, "plugins": ["search"]}), encoding="utf-8")
    return config


FLOOR_TEMPLATE = ('<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>'
                  '</head><body><main>{{ article }}</main></body></html>')


def articles_of(site: Path) -> list[tuple[Path, str, str]]:
    """Every page of a built site: (its path in the site, its title, its article's HTML)."""
    found = []
    for page in sorted(site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.rfind("</article>")
        title = html[html.find("<title>") + 7:html.find("</title>")]
        found.append((page.relative_to(site), title, html[html.find(">", start) + 1:end] if start >= 0 else ""))
    return found


def floor_seconds(pages: list[tuple[Path, str, str]], out: Path) -> float:
    """The floor: the same pages' articles through a bare Jinja template, written, in one
    process. What no site generator can do faster in Python."""
    import jinja2
    from markupsafe import Markup
    template = jinja2.Environment(autoescape=True).from_string(FLOOR_TEMPLATE)
    started = time.perf_counter()
    for path, title, article in pages:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(lang="zh", title=title, article=Markup(article)), encoding="utf-8")
    return time.perf_counter() - started


def measure_one(kind: str, root: Path, out: Path, sample_memory: bool) -> dict:
    """Runs inside a fresh process, so that its peak memory is its own. With `sample_memory`,
    the peak is sampled across the build's processes, which slows the build: time it without."""
    sampler = MemorySampler()
    if sample_memory:
        sampler.start()
    started = time.perf_counter()
    if kind in ("portal", "cached") or kind.startswith(("shard:", "merge:")):
        sys.path.insert(0, str(REPO))
        from generator import build as pipeline
        from generator import shards
        clock = pipeline.Stopwatch()
        cache = out.with_name(out.name + ".cache") if kind == "cached" else None   # build --cache
        shard = shards.parse(kind[6:]) if kind.startswith("shard:") else None     # build --shard K/N
        parts = [Path(part) for part in kind[6:].split(os.pathsep)] if kind.startswith("merge:") else None
        checked = pipeline.build(root, out, clock=clock, cache=cache, shard=shard, parts=parts)
        assert not checked.report.errors, [i.format() for i in checked.report.errors[:5]]
        stages = clock.seconds
    else:
        import logging

        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        build(load_config(config_file=str(root / "mkdocs.yml")))
        stages = {}
    return {"total": time.perf_counter() - started, "stages": stages,
            "peak_mb": peak_memory_mb(sampler), "largest_process_mb": largest_process_mb()}


class MemorySampler(threading.Thread):
    """The largest proportional set size (PSS) of this process and its children together,
    sampled four times a second from /proc. PSS shares out the pages that forked processes
    share, so the sum is the memory the build really holds; resident sizes would count the
    pages the language processes share with their parent two or three times."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self):
        me = os.getpid()
        while not self.done.wait(0.25):
            pids = [me] + [int(p.parent.name) for p in Path("/proc").glob("[0-9]*/stat") if _parent(p) == me]
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in pids))


def _parent(stat: Path) -> int:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_memory_mb(sampler: MemorySampler) -> float:
    if sampler.peak_kb:
        return sampler.peak_kb / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # not sampled: this process only


def largest_process_mb() -> float:
    """The largest resident size any one process of the build reached: this one, or one of the
    processes it waited for (MkDocs' per language, Pagefind), as `/usr/bin/time -v` reports it.
    What a machine (or a CI runner) must hold at once for the largest step, where peak_mb is
    what all of them held together."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run_child(kind: str, root: Path, out: Path, sample_memory: bool = False) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", kind, str(root), str(out),
                             "memory" if sample_memory else "time"], capture_output=True, text=True, cwd=REPO)
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def chain_page_weight(site: Path, page: Path) -> int:
    """HTML plus every style and script the page loads (and ECharts, which charts.js loads)."""
    html = page.read_text(encoding="utf-8")
    total = len(html.encode("utf-8"))
    import re
    for ref in set(re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)):
        total += size((page.parent / ref).resolve())
    if "data-chart=" in html:
        total += size(site / "assets" / "vendor" / "echarts" / "echarts.min.js")
    return total


def chart_page_transfer(site: Path, page: Path) -> dict:
    """What a visitor's browser fetches for a page with charts, gzip-compressed as a server
    sends it: the page, its styles and scripts, and the ECharts bundle charts.js loads; beside
    it, the full ECharts build the bundle replaced."""
    import gzip
    import re
    html = page.read_bytes()
    files = {(page.parent / ref).resolve() for ref in re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html.decode())}
    bundle = site / "assets" / "vendor" / "echarts" / "echarts.min.js"
    full = REPO / "node_modules" / "echarts" / "dist" / "echarts.min.js"
    sent = len(gzip.compress(html, 9)) + sum(len(gzip.compress(f.read_bytes(), 9)) for f in files if f.is_file())
    charts = len(gzip.compress(bundle.read_bytes(), 9)) if b"data-chart=" in html else 0
    return {"chart_page_gzip_kb": (sent + charts) / 1e3,
            "echarts_gzip_kb": len(gzip.compress(bundle.read_bytes(), 9)) / 1e3,
            "echarts_full_gzip_kb": len(gzip.compress(full.read_bytes(), 9)) / 1e3}


def list_interactivity(site: Path) -> dict:
    """In headless Chromium, for the portal-wide list: ms until its script has set the list up
    (investment.js' `portal-list-ready` mark); ms until the main thread's last long task (over
    50 ms, which a reader's click waits for) before every part's rows have come, and the longest
    of those after the list was set up; ms until every part's rows have come
    (`portal-list-complete`; 0: one part); and ms for one filter over every row."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.add_init_script("window.__long = []; new PerformanceObserver(list => list.getEntries().forEach("
                                 "e => __long.push([e.startTime, e.duration]))).observe({type: 'longtask', buffered: true});")
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/investment/")
            page.wait_for_selector("form.portal-filters:not([hidden])")
            ready = page.evaluate("performance.getEntriesByName('portal-list-ready')[0].startTime")
            page.wait_for_selector("[data-loading]", state="hidden", timeout=600_000)
            complete = page.evaluate("(performance.getEntriesByName('portal-list-complete')[0] || {}).startTime || 0")
            long_tasks = page.evaluate("__long")
            before = [(start, duration) for start, duration in long_tasks if not complete or start < complete]
            answered = max((start + duration for start, duration in before), default=ready)
            longest_after = max((duration for start, duration in before if start >= ready), default=0)
            took = page.evaluate("""() => { const s = document.querySelector('select[name=stage]');
              const t = performance.now(); s.value = 'planned'; s.dispatchEvent(new Event('change', {bubbles: true}));
              return performance.now() - t; }""")
            browser.close()
    finally:
        server.shutdown()
    return {"list_ready_ms": ready, "list_interactive_ms": answered, "list_longest_task_ms": longest_after,
            "list_complete_ms": complete, "list_filter_ms": took}


# Already gzip-compressed by Pagefind: a server sends them as they are.
_PRECOMPRESSED = (".pf_index", ".pf_fragment", ".pf_meta", ".pf_filter", ".pagefind")


def search_costs(site: Path) -> dict:
    """In headless Chromium, on the Chinese search page: the bytes a first query and then a
    second one fetch from the search index (as a gzip-serving server sends them: Pagefind's
    chunks as they are, its script and worker gzipped), and ms from opening the search page
    with a query in its address to the first result on screen."""
    import functools
    import gzip
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    def sent(path: str) -> int:
        body = (site / path.lstrip("/")).read_bytes()
        return len(body) if path.endswith(_PRECOMPRESSED) else len(gzip.compress(body, 6))

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.on("requestfinished", lambda request: fetched.append(request.url.split("/", 3)[3].split("?")[0])
                    if "/pagefind/" in request.url else None)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q=" + "产业链")
            page.wait_for_selector(".portal-search__result")
            first_result = page.evaluate("performance.now()")
            page.wait_for_load_state("networkidle")
            first = sum(sent(path) for path in fetched)
            fetched.clear()
            page.fill(".portal-search__input", "项目 合成")
            page.keyboard.press("Enter")
            page.wait_for_selector(".portal-search__results[aria-busy=false]", state="attached")
            page.wait_for_load_state("networkidle")
            second = sum(sent(path) for path in fetched)
            browser.close()
    finally:
        server.shutdown()
    return {"search_first_query_kb": first / 1e3, "search_second_query_kb": second / 1e3,
            "search_first_result_ms": first_result}


def measure(chains: int, work: Path, repeat: int, baseline: bool = True) -> dict:
    portal, site = work / f"portal-{chains}", work / f"site-{chains}"
    synthetic_portal(portal, chains)
    ours = run_child("portal", portal, site)
    totals = [ours["total"]]
    for again in range(1, repeat):   # the fastest build: on a noisy machine, the least disturbed
        other_site = work / f"site-{chains}-{again}"   # a fresh folder: replacing a site costs its deletion
        timed = run_child("portal", portal, other_site)
        shutil.rmtree(other_site)
        totals.append(timed["total"])
        ours = min(ours, timed, key=lambda build: build["total"])
    cached = cached_rebuild(portal, work / f"cached-{chains}")
    split = sharded(portal, work, site)
    memory_site = work / f"site-{chains}-memory"
    ours_memory = run_child("portal", portal, memory_site, sample_memory=True)
    shutil.rmtree(memory_site)
    built = articles_of(site)
    pages = len(built)
    floors = []
    for _ in range(2):   # the faster of two, as for the portal
        floors.append(floor_seconds(built, work / f"floor-{chains}"))
        shutil.rmtree(work / f"floor-{chains}")
    floor = min(floors)
    base_root = work / f"baseline-{chains}"
    baseline_project(base_root, [article for _, _, article in built])
    del built
    if baseline:
        base = run_child("baseline", base_root, base_root / "site")
    else:   # --no-baseline: plain mkdocs-material takes 18 minutes at 1,000 chains; its figures are nan
        base = {"total": float("nan"), "peak_mb": float("nan")}

    def base_size(path: Path) -> float:
        return size(path) if baseline else float("nan")

    chain_page = site / "j0" / "chains" / "j0-c1" / "index.html"
    project_page = site / "projects" / "j0-c1-p0" / "index.html"
    lists = [p for p in site.rglob("index.html") if "investment" in p.parts]
    # Everything that is not MkDocs counts as the generator's: its stages, and what no stage
    # covers (starting Python, imports, forking the language processes).
    generator_seconds = ours["total"] - ours["stages"]["mkdocs"]
    base_page = next((base_root / "site").rglob("page-00001/index.html"), base_root / "site")
    return {
        **list_interactivity(site), **chart_page_transfer(site, site / "j0" / "index.html"),
        "chains": chains, "projects": chains * PROJECTS_PER_CHAIN, "pages": pages,
        "baseline_nav": "flat" if pages <= FLAT_BASELINE_MAX else "2 levels of folders, pruned",
        "total_s": ours["total"], "all_totals_s": totals, "stages_s": ours["stages"], **cached,
        "cached_ratio": cached["cached_edit_s"] / ours["total"], **split,
        "other_s": ours["total"] - sum(ours["stages"].values()), "generator_share": generator_seconds / ours["total"],
        "baseline_s": base["total"], "ratio_to_baseline": ours["total"] / base["total"],
        "floor_s": floor, "ratio_to_floor": ours["total"] / floor,
        "ms_per_page": ours["total"] / pages * 1000, "baseline_ms_per_page": base["total"] / pages * 1000,
        "floor_ms_per_page": floor / pages * 1000,
        "peak_mb": ours_memory["peak_mb"], "largest_process_mb": ours_memory["largest_process_mb"],
        "baseline_peak_mb": base["peak_mb"],
        "site_mb": size(site) / 1e6, "baseline_site_mb": base_size(base_root / "site") / 1e6,
        "site_share_of_pages_limit": size(site) / 1e9, "project_page_kb": size(project_page) / 1e3,
        "project_page_en_kb": size(site / "en" / "projects" / "j0-c1-p0" / "index.html") / 1e3,
        "chain_page_kb": size(chain_page) / 1e3, "baseline_page_kb": base_size(base_page) / 1e3,
        "chain_page_weight_kb": chain_page_weight(site, chain_page) / 1e3,
        "largest_list_kb": max(size(p) for p in lists) / 1e3,
        "search_index_kb": size(site / "pagefind") / 1e3, "search_index_en_kb": size(site / "en" / "pagefind") / 1e3,
        "search_index_kb_per_100_chains": (size(site / "pagefind") + size(site / "en" / "pagefind")) / 1e3 / (chains / 100),
        **search_costs(site),
        "baseline_search_index_kb": base_size(base_root / "site" / "search" / "search_index.json") / 1e3,
    }


def cached_rebuild(portal: Path, out: Path) -> dict:
    """`build --cache`: the build that fills the cache, then the build after one project's
    amount is edited (the content is put back after)."""
    first = run_child("cached", portal, out)
    shutil.rmtree(out)
    projects = portal / "content" / "projects" / "j0.yml"
    text = projects.read_text(encoding="utf-8")
    projects.write_text(text.replace("amount: 1.0", "amount: 1.5", 1), encoding="utf-8")
    try:
        again = run_child("cached", portal, out)
    finally:
        projects.write_text(text, encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(out.with_name(out.name + ".cache"), ignore_errors=True)
    stages = " · ".join(f"{again['stages'].get(name, 0.0):.1f}" for name in ("render", "mkdocs", "search", "write"))
    return {"cached_first_s": first["total"], "cached_edit_s": again["total"], "cached_edit_stages": stages}


def sharded(portal: Path, work: Path, whole: Path, counts=(1, 2, 4)) -> dict:
    """`build --shard K/N` then `merge`, for each N: the shards one after the other (each as on
    a runner of its own), then side by side as processes on this machine; the merge; the
    largest process of any; whether the merged site is the whole build's, byte for byte."""
    results = {}
    for n in counts:
        parts = [work / f"part-{k}-of-{n}" for k in range(1, n + 1)]
        alone = [run_child(f"shard:{k}/{n}", portal, part) for k, part in enumerate(parts, 1)]
        for part in parts:
            shutil.rmtree(part)
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(n) as pool:   # each a process: run_child
            list(pool.map(lambda k: run_child(f"shard:{k}/{n}", portal, parts[k - 1]), range(1, n + 1)))
        side_by_side = time.perf_counter() - started
        merged = run_child("merge:" + os.pathsep.join(map(str, parts)), portal, work / f"merged-{n}")
        results[n] = {"shard_max_s": max(one["total"] for one in alone), "shards_side_by_side_s": side_by_side,
                      "merge_s": merged["total"], "merge_stages": merged["stages"],
                      "runners_s": max(one["total"] for one in alone) + merged["total"],
                      "largest_process_mb": max(one["largest_process_mb"] for one in [*alone, merged]),
                      "identical": tree_digest(work / f"merged-{n}") == tree_digest(whole)}
        for folder in [*parts, work / f"merged-{n}"]:
            shutil.rmtree(folder)
    return {"shards": results}


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def measure_serve(chains: int, work: Path) -> dict:
    """Seconds from saving one content file to the rebuilt site being served, for `serve`: an
    edit that keeps every page's title (a project's amount: only changed pages are rendered
    again) and one that renames a chain (the Chinese navigation changes: zh is rebuilt whole)."""
    portal = work / f"serve-{chains}"
    synthetic_portal(portal, chains)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(portal), "serve", "--port", str(port),
                                "--out", str(work / "preview")], cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/__build"

    def saved_to_reloaded(path: Path, old: str, new: str) -> float:
        version = urllib.request.urlopen(url, timeout=5).read()
        saved = time.monotonic()
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        while urllib.request.urlopen(url, timeout=5).read() == version:
            time.sleep(0.1)
        return time.monotonic() - saved

    try:
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        return {"chains": chains,
                "edit_s": saved_to_reloaded(portal / "content" / "projects" / "j0.yml", "amount: 1.0", "amount: 1.5"),
                "rename_s": saved_to_reloaded(portal / "chains" / "j0" / "c0.yml", "产业链0", "产业链零")}
    finally:
        process.terminate()
        process.wait(timeout=30)


def report(results: list[dict], serve: list[dict]) -> str:
    rows = [("chains", "chains", "{:.0f}"), ("projects", "projects", "{:.0f}"), ("pages (both languages)", "pages", "{:.0f}"),
            ("total build (fastest), s", "total_s", "{:.1f}"),
            ("all timed builds, s", "all_totals_s", lambda totals: " · ".join(f"{t:.1f}" for t in totals)),
            ("  load, s", ("stages_s", "load"), "{:.2f}"),
            ("  validate, s", ("stages_s", "validate"), "{:.2f}"), ("  model, s", ("stages_s", "model"), "{:.2f}"),
            ("  render, s", ("stages_s", "render"), "{:.2f}"), ("  mkdocs, s", ("stages_s", "mkdocs"), "{:.1f}"),
            ("  search index (Pagefind), s", ("stages_s", "search"), "{:.1f}"),
            ("  write, s", ("stages_s", "write"), "{:.2f}"),
            ("  other (start-up, imports, forks), s", "other_s", "{:.2f}"),
            ("build --cache: filling an empty cache, s", "cached_first_s", "{:.1f}"),
            ("build --cache: after one project's amount is edited, s", "cached_edit_s", "{:.1f}"),
            ("  its ratio to the full build", "cached_ratio", "{:.2f}×"),
            ("  its render · mkdocs · search · write, s", "cached_edit_stages", "{}"), ("generator's share of total", "generator_share", "{:.0%}"),
            ("baseline navigation", "baseline_nav", "{}"),
            ("plain mkdocs-material, same pages, s", "baseline_s", "{:.1f}"), ("ratio to it", "ratio_to_baseline", "{:.2f}×"),
            ("floor (bare Jinja + write, same pages), s", "floor_s", "{:.1f}"), ("ratio to the floor", "ratio_to_floor", "{:.1f}×"),
            ("ms per page: portal · plain mkdocs-material · floor", ("ms_per_page", "baseline_ms_per_page", "floor_ms_per_page"),
             lambda v: " · ".join(f"{x:.1f}" for x in v)),
            ("peak memory (PSS, all processes), MB", "peak_mb", "{:.0f}"),
            ("  largest one process (resident), MB", "largest_process_mb", "{:.0f}"),
            ("baseline peak memory, MB", "baseline_peak_mb", "{:.0f}"),
            ("site, MB", "site_mb", "{:.1f}"), ("  share of GitHub Pages' 1 GB", "site_share_of_pages_limit", "{:.0%}"),
            ("baseline site, MB", "baseline_site_mb", "{:.1f}"),
            ("project page HTML, zh · en, KB", ("project_page_kb", "project_page_en_kb"),
             lambda v: " · ".join(f"{x:.2f}" for x in v)),
            ("chain page HTML, KB", "chain_page_kb", "{:.0f}"), ("baseline page HTML, KB", "baseline_page_kb", "{:.0f}"),
            ("chain page weight with assets, KB", "chain_page_weight_kb", "{:.0f}"),
            ("largest list page HTML, KB", "largest_list_kb", "{:.0f}"),
            ("a jurisdiction page with its charts, fetched (gzip), KB", "chart_page_gzip_kb", "{:.0f}"),
            ("  of which ECharts (bundle of the parts used, gzip), KB", "echarts_gzip_kb", "{:.0f}"),
            ("  the full ECharts build it replaced (gzip), KB", "echarts_full_gzip_kb", "{:.0f}"),
            ("list: filters set up after, ms", "list_ready_ms", "{:.0f}"),
            ("list: last long task (> 50 ms) ends, ms", "list_interactive_ms", "{:.0f}"),
            ("list: longest task after set-up, ms", "list_longest_task_ms", "{:.0f}"),
            ("list: every part's rows loaded after, ms", "list_complete_ms", "{:.0f}"),
            ("list: one filter applied in, ms", "list_filter_ms", "{:.0f}"),
            ("search index (Pagefind), zh, KB", "search_index_kb", "{:.0f}"),
            ("search index (Pagefind), en, KB", "search_index_en_kb", "{:.0f}"),
            ("  both, per 100 chains, KB", "search_index_kb_per_100_chains", "{:.0f}"),
            ("search: first query fetches (gzip), KB", "search_first_query_kb", "{:.0f}"),
            ("search: a second query fetches (gzip), KB", "search_second_query_kb", "{:.0f}"),
            ("search: first result on screen after, ms", "search_first_result_ms", "{:.0f}"),
            ("baseline search index (Material's lunr, one language), KB", "baseline_search_index_kb", "{:.0f}")]
    lines = ["| measure | " + " | ".join(f"{r['chains']} chains" for r in results) + " |",
             "|---|" + "---|" * len(results)]
    for label, key, fmt in rows:
        values = [(r[key[0]].get(key[1], 0.0) if isinstance(r[key[0]], dict) else tuple(r[k] for k in key))
                  if isinstance(key, tuple) else r[key] for r in results]
        lines.append(f"| {label} | " + " | ".join(fmt(v) if callable(fmt) else fmt.format(v) for v in values) + " |")
    for r in results:
        lines.append(f"\n`build --shard K/N` and `merge` at {r['chains']} chains (the whole build {r['total_s']:.1f} s):\n")
        lines.append("| shards N | slowest shard alone, s | N shards side by side here, s | merge, s "
                     "(render · mkdocs · search · write) | on N runners: slowest shard + merge, s | "
                     "largest process, MB | merged = whole build |\n|---|---|---|---|---|---|---|")
        for n, x in r["shards"].items():
            stages = " · ".join(f"{x['merge_stages'].get(k, 0.0):.1f}" for k in ("render", "mkdocs", "search", "write"))
            lines.append(f"| {n} | {x['shard_max_s']:.1f} | {x['shards_side_by_side_s']:.1f} | {x['merge_s']:.1f} "
                         f"({stages}) | {x['runners_s']:.1f} | {x['largest_process_mb']:.0f} | "
                         f"{'byte-identical' if x['identical'] else 'DIFFERENT'} |")
    for s in serve:
        lines.append(f"\n`serve` at {s['chains']} chains, from saving a file to the reloaded page: "
                     f"{s['edit_s']:.1f} s for a project's amount (only changed pages rendered again), "
                     f"{s['rename_s']:.1f} s for a chain's name (the Chinese site rebuilt whole)")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--serve", action="store_true", help="also time serve's rebuild at 100 chains")
    parser.add_argument("--repeat", type=int, default=2, help="builds of the portal timed per size (the fastest is "
                        "reported)")
    parser.add_argument("--no-baseline", action="store_true", help="leave out the plain mkdocs-material build")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, root, out, what = args.child
        print(json.dumps(measure_one(kind, Path(root), Path(out), sample_memory=what == "memory")))
        return 0
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    try:
        results = []
        for n in args.sizes:   # printed as they come: the largest size takes long
            results.append(measure(n, work, args.repeat, baseline=not args.no_baseline))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
        serve = [measure_serve(100, work)] if args.serve else []
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = report(results, serve)
    print(table)
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({"results": results, "serve": serve}, indent=1), encoding="utf-8")
    (out / "results.md").write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
