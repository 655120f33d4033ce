"""Live preview: build, serve on localhost, rebuild when content, templates or settings change.

The preview server adds a small reload script to every HTML page it sends (the built files
stay as a real build writes them); the script polls a build counter and reloads the page
when a rebuild has finished. A failed rebuild prints its errors and keeps the last site.
Rebuilds happen in place and render again only what changed (see build.rebuild_in_place).
"""
from __future__ import annotations

import functools
import http.server
import threading
import time
import urllib.parse
from pathlib import Path

from . import build as pipeline
from . import languages
from .report import print_report

WATCHED = ("content", "chains", "theme", "messages", "site-config.yml")
RELOAD_SCRIPT = b"""<script>(function(){var v=null;setInterval(function(){fetch('/__build').then(function(r)
{return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},700)})();
</script>"""


class _State:
    version = 0


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


def _rebuild(root: Path, out: Path) -> bool:
    """Rebuild the preview's pages; the search index waits for _reindex (after the reload)."""
    started = time.monotonic()
    try:
        checked = pipeline.rebuild_in_place(root, out, search=False)
    except Exception as err:   # whatever an edit holds, the preview goes on and tries the next edit
        print(f"rebuild failed ({type(err).__name__}: {err}), still serving the last site / 重新构建失败，仍显示上一版",
              flush=True)
        return False
    print_report(checked.report)
    ok = not checked.report.failed() and checked.portal is not None
    print(f"{'rebuilt' if ok else 'rebuild failed, still serving the last site'} in "
          f"{time.monotonic() - started:.1f}s", flush=True)
    return ok


def _reindex(out: Path) -> None:
    """Index the rebuilt preview for search; until it is done, search answers from the last index."""
    started = time.monotonic()
    try:
        pipeline.index_search_in_place(out)
    except Exception as err:   # the pages are served all the same; the next edit tries again
        print(f"search index failed ({type(err).__name__}: {err}) / 搜索索引失败", flush=True)
        return
    print(f"search index in {time.monotonic() - started:.1f}s", flush=True)


def _watch(root: Path, out: Path, interval: float = 0.5) -> None:
    seen = snapshot(root)
    while True:
        time.sleep(interval)
        try:
            now = snapshot(root)
        except OSError:
            continue
        if now != seen:
            seen = now
            if _rebuild(root, out):
                _State.version += 1   # the page reloads now; search follows
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
        if self.path == "/__build":
            body = str(_State.version).encode()
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
    if not _rebuild(root, out):
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
