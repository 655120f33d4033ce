"""Live preview: build, serve on localhost, rebuild when content, templates or settings change.

The preview server adds a small reload script to every HTML page it sends (the built files
stay as a real build writes them); the script polls a build counter and reloads the page
when a rebuild has changed it. A failed rebuild prints its errors and keeps the last site.
Rebuilds happen in place and render again only what changed (see build.rebuild_in_place).
An edit to content is shown in two steps: first the pages of the records whose lines changed,
then, from the whole rebuild, every other page it touches.
"""
from __future__ import annotations

import functools
import http.server
import threading
import time
import urllib.parse
from pathlib import Path

from . import build as pipeline
from . import languages, load
from .report import print_report

WATCHED = ("content", "chains", "theme", "messages", "site-config.yml")
CONTENT = ("content/", "chains/", "site-config.yml")   # what a first look (below) follows line by line
# Polls the build counter with the page's own address: the answer says whether a rebuild since
# the last poll changed this page; another page's change does not reload it.
RELOAD_SCRIPT = b"""<script>(function(){var v=null;setInterval(function(){fetch('/__build'+(v===null?'':'?since='+v+
'&page='+encodeURIComponent(location.pathname))).then(function(r){return r.text()}).then(function(t){var a=t.split(' ');
if(v!==null&&a[1]==='reload'){location.reload()}v=a[0]}).catch(function(){})},700)})();
</script>"""


class _State:
    version = 0
    changed: list[set[str]] = []   # the addresses whose page version n changed are changed[n - 1]


def snapshot(root: Path) -> dict[str, float]:
    """Modification time of every watched file (a file removed while looked at is left out)."""
    times = {}
    for name in WATCHED:
        top = root / name
        for path in [top] if top.is_file() else top.rglob("*") if top.is_dir() else []:
            try:
                if path.is_file():
                    times[str(path)] = path.stat().st_mtime_ns
            except OSError:
                continue
    return times


def edited_lines(before: str, after: str) -> set[int]:
    """The lines of `after` (from 1) between the first and the last that differ from `before`;
    where lines were only removed, the line that follows. An edit is one place, mostly: this
    takes a look at its ends, where a full diff of a 13,000-line file took 0.7 s."""
    old, new = before.splitlines(), after.splitlines()
    if old == new:
        return set()
    start = next((n for n, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    end = 0   # lines alike at the ends, not counting those alike at the start
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return set(range(start + 1, len(new) - end + 1)) or {start + 1}


class _Texts:
    """The content files' texts as last built, to tell which lines an edit changed."""

    def __init__(self, root: Path):
        self.root = root
        self.texts: dict[str, str] = {}

    def edited(self, paths: list[str]) -> dict[str, set[int]] | None:
        """Each changed content file (relative to the portal) → its edited lines; None when a
        changed file is not content (a template, the words) or cannot be read."""
        edited = {}
        for path in paths:
            relative = Path(path).relative_to(self.root).as_posix()
            if not relative.startswith(CONTENT):
                return None
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            edited[relative] = edited_lines(self.texts.get(relative, ""), text)
            self.texts[relative] = text
        return edited

    def read(self, times: dict[str, float]) -> None:
        for path in times:
            self.edited([path])


def _rebuild(root: Path, out: Path, first: dict[str, set[int]] | None = None,
             langs: frozenset[str] | None = None) -> pipeline.Rebuilt | None:
    """Rebuild the preview's pages (with `first`, a first look at the pages edited; with
    `langs`, those languages only); the search index waits for _reindex (after the reload).
    None when the rebuild failed."""
    started = time.monotonic()
    begun = time.time_ns()
    try:
        rebuilt = pipeline.rebuild_in_place(root, out, search=False, first=first, langs=langs)
    except Exception as err:   # whatever an edit holds, the preview goes on and tries the next edit
        print(f"rebuild failed ({type(err).__name__}: {err}), still serving the last site / 重新构建失败，仍显示上一版",
              flush=True)
        return None
    checked = rebuilt.checked
    if first is None or not rebuilt.pending or checked.report.failed():   # else it comes again in full
        print_report(checked.report)
    ok = not checked.report.failed() and checked.portal is not None
    if ok:
        _published(_changed_pages(out, begun))
    what = "first look at the edit" if rebuilt.pending else "rebuilt"
    print(f"{what if ok else 'rebuild failed, still serving the last site'} in {time.monotonic() - started:.1f}s",
          flush=True)
    return rebuilt if ok else None


def _changed_pages(out: Path, since_ns: int) -> set[str]:
    """The addresses whose page was written since `since_ns`."""
    changed = set()
    for lang, folder in pipeline.preview_sites(out).items():
        prefix = "/" + languages.get(lang).prefix
        for page in folder.rglob("index.html"):
            if page.stat().st_mtime_ns >= since_ns:
                address = page.parent.relative_to(folder).as_posix()
                changed.add(prefix + ("" if address == "." else address + "/"))
    return changed


def _published(changed: set[str]) -> None:
    """A rebuild is done: its pages are what the preview serves from now on."""
    _State.changed.append(changed)
    _State.version += 1


def _reload(since: int, page: str) -> bool:
    """Whether a page a browser loaded at version `since` has changed since."""
    page = page[: -len("index.html")] if page.endswith("/index.html") else page
    return any(page in changed for changed in _State.changed[max(since, 0):])


def _reindex(out: Path) -> None:
    """Index the rebuilt preview for search; until it is done, search answers from the last index."""
    started = time.monotonic()
    try:
        pipeline.index_search_in_place(out)
    except Exception as err:   # the pages are served all the same; the next edit tries again
        print(f"search index failed ({type(err).__name__}: {err}) / 搜索索引失败", flush=True)
        return
    print(f"search index in {time.monotonic() - started:.1f}s", flush=True)


def _watch(root: Path, out: Path, interval: float = 0.2) -> None:
    seen, texts = snapshot(root), _Texts(root)
    texts.read(seen)
    while True:
        time.sleep(interval)
        try:
            now = snapshot(root)
        except OSError:
            continue
        if now != seen:
            edited = texts.edited([path for path, stamp in now.items() if seen.get(path) != stamp]) \
                if set(now) == set(seen) else None   # a file added or removed: no first look
            seen = now
            # The pages of the records edited first, in a second or two; then the rest, in the
            # languages where the first look was not already the whole rebuild.
            langs = None   # every language
            if edited:
                looked = _rebuild(root, out, first=edited)
                if looked is None:   # it has said why: the whole rebuild would fail alike
                    continue
                langs = looked.pending
            if langs is None or langs:
                if _rebuild(root, out, langs=langs) is None:
                    continue
            _reindex(out)


class _Handler(http.server.SimpleHTTPRequestHandler):
    # URL prefix -> folder of a language built outside the main site (see build.language_sites).
    mounts: dict[str, str] = {}

    def translate_path(self, path):
        address = urllib.parse.urlsplit(path).path
        for prefix, folder in self.mounts.items():
            if address.startswith(prefix) or address + "/" == prefix:
                # The base class maps the rest safely (no '..'), from the language's folder.
                rest = path[len(prefix) - 1:] if address.startswith(prefix) else "/"
                saved, self.directory = self.directory, folder
                try:
                    return super().translate_path(rest)
                finally:
                    self.directory = saved
        return super().translate_path(path)

    def do_GET(self):
        address = urllib.parse.urlsplit(self.path)
        if address.path == "/__build":
            asked = urllib.parse.parse_qs(address.query)
            body = str(_State.version).encode()
            if "since" in asked and asked["since"][0].isdigit():
                changed = _reload(int(asked["since"][0]), asked.get("page", ["/"])[0])
                body += b" reload" if changed else b" stay"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def copyfile(self, source, outputfile):
        data = source.read()
        if self.path.split("?")[0].endswith(("/", ".html")):
            data = data.replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
        outputfile.write(data)

    def send_header(self, keyword, value):
        # The reload script changes the length of HTML pages: let the connection end the body.
        if keyword == "Content-Length" and self.path.split("?")[0].endswith(("/", ".html")):
            return
        super().send_header(keyword, value)

    def log_message(self, *args):
        pass


def serve(root: Path, out: Path, port: int) -> int:
    load.remember_files()
    if _rebuild(root, out) is None:
        return 1
    _reindex(out)
    threading.Thread(target=_watch, args=(root, out), daemon=True).start()
    sites = pipeline.preview_sites(out)
    _Handler.mounts = {"/" + prefix: str(sites[lang]) for lang, prefix in languages.prefixes().items() if prefix}
    handler = functools.partial(_Handler, directory=str(sites[next(iter(sites))]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.protocol_version = "HTTP/1.0"
    print(f"serving http://127.0.0.1:{port}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0
