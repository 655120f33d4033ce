"""Shared fixtures: build portals once per session and read their HTML."""
from __future__ import annotations

import contextlib
import re
import socket
import urllib.parse
import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import build as pipeline

REPO = Path(__file__).resolve().parent.parent
LINHAI = Path(__file__).resolve().parent / "fixtures" / "linhai"


def built(root: Path, out: Path) -> Path:
    checked = pipeline.build(root, out)
    assert not checked.report.errors, [i.format() for i in checked.report.errors]
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The built-in sample portal, built from the repository's own content."""
    return built(REPO, tmp_path_factory.mktemp("sample") / "site")


@pytest.fixture(scope="session")
def linhai_site(tmp_path_factory) -> Path:
    """The made-up Traditional Chinese jurisdiction, built through content files alone."""
    return built(LINHAI, tmp_path_factory.mktemp("linhai") / "site")


@pytest.fixture
def portal(tmp_path) -> Path:
    """A writable copy of the made-up portal, for tests that break its content."""
    root = tmp_path / "portal"
    shutil.copytree(LINHAI, root)
    return root


def page(site: Path, path: str) -> BeautifulSoup:
    """The parsed HTML of one built page, e.g. page(site, 'hunan/chiefs/')."""
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def content(soup: BeautifulSoup) -> BeautifulSoup:
    """The page's article, without navigation and header."""
    return soup.select_one("article.md-content__inner")


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m generator …` as an editor would, in a separate process."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or REPO, capture_output=True,
                          text=True, timeout=300)


# --- headless Chromium against the sample site served on localhost ---------------------------

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under `prefix`, as GitHub Pages serves a project site: any other
    address is missing, and a missing address gets the site's 404.html, whatever its depth."""

    prefix = "/"

    def translate_path(self, path):
        address = urllib.parse.urlsplit(path).path
        if not address.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + address[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(site: Path, prefix: str = "/", port: int = 0):
    """A real web server on localhost serving a built site under `prefix`; yields its base URL."""
    handler = type("Handler", (SiteHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def base_url(sample_site):
    with served(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    assert CHROMIUM.exists(), "Debian's chromium is needed: apt-get install chromium (.ci/run does it)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(browser, base_url):
    """A new browser tab that fails the test on a request leaving localhost or any page error."""
    context = browser.new_context()
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base_url, "data:")) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not outside, f"requests left localhost: {outside}"
    assert not errors, f"errors in the page: {errors}"




# --- reports ----------------------------------------------------------------------------------

_QUOTED = re.compile(r"'[^']*'|`[^`]*`|\"[^\"]*\"|\{zh: …, en: …\}|U\+[0-9A-F]{4,5}(?: [A-Z0-9 -]+)?|https?://\S+")
_ENGLISH_PHRASE = re.compile(r"[A-Za-z][a-z]+(?: [A-Za-z][a-z]+)+")


def english_in_chinese(report_line: str) -> list[str]:
    """English phrases in the Chinese half of a formatted report line (its second line), other
    than quoted values, field names and code points: each message must read whole in Chinese."""
    chinese = report_line.split("\n", 1)[1] if "\n" in report_line else ""
    return _ENGLISH_PHRASE.findall(_QUOTED.sub("", chinese))


BROWSER_FIXTURES = {"browser", "tab", "base_url", "site_url"}
# Fixtures that build a whole portal: a test using one is `slow` (the build is shared per
# session or module, but the first test to ask pays for it).
SITE_FIXTURES = {"sample_site", "linhai_site", "three_languages", "traditional", "with_a_new_kind"}


def pytest_collection_modifyitems(items):
    """Tests that drive Chromium are marked `browser`; those and the tests that build whole
    portals, fuzz or run external programs are `slow` (modules mark themselves with
    `pytestmark`). `pytest -m "not slow"` runs the rest, the model's, the page table's, the
    readers' and the error messages' tests, in under a minute."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        if (BROWSER_FIXTURES | SITE_FIXTURES) & fixtures:
            item.add_marker(pytest.mark.slow)
