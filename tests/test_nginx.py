"""The built site behind a real nginx, under a sub-path, with the shipped configuration and CSP:
main pages of both languages load in headless Chromium with no request to another origin,
no console error (a CSP violation is one) and no 404."""
from __future__ import annotations

import getpass
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, free_port, run_cli

pytestmark = pytest.mark.slow   # builds whole portals (or runs programs): `pytest -m 'not slow'` leaves it out

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PAGES = ["", "hunan/", "hunan/chiefs/", "hunan/chains/hunan-software/", "people/", "policies/henan-2021-61/",
         "guide/", "shanxi/tasks/", "investment/", "projects/shanxi-b-1/", "data/"]



@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    """nginx serving a fresh build of the sample portal at http://127.0.0.1:PORT/intranet/portal/."""
    assert Path(NGINX).exists(), "needs nginx (the Makefile's test target installs it)"
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    base = f"http://127.0.0.1:{port}/intranet/portal/"
    site = work / "www" / "intranet" / "portal"
    assert run_cli("build", "--out", str(site), "--base-url", base).returncode == 0
    (work / "portal-csp.conf").write_text(run_cli("csp", "--site", str(site)).stdout, encoding="utf-8")
    shipped = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = (shipped.replace("listen 80;", f"listen 127.0.0.1:{port};")
              .replace("root /var/www/html;", f"root {work / 'www'};")
              .replace("location /portal/", "location /intranet/portal/")
              .replace("/portal/404.html", "/intranet/portal/404.html")
              .replace("/etc/nginx/portal-csp.conf", str(work / "portal-csp.conf"))
              .replace("include mime.types;", "include /etc/nginx/mime.types;"))
    (work / "nginx.conf").write_text(
        # pytest's folders are private to the user running the tests: the worker runs as that user.
        f"user {getpass.getuser()};\nworker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\ndaemon off;\n"
        f"events {{ worker_connections 64; }}\nhttp {{\naccess_log {work}/access.log;\n"
        f"client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp;\n"
        f"uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;\n{server}\n}}\n", encoding="utf-8")
    (work / "tmp").mkdir()
    process = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)], stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            urllib.request.urlopen(base, timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def headers(url: str) -> dict:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return {k.lower(): v for k, v in response.headers.items()}


def test_headers_types_and_caching(nginx):
    page = headers(nginx)
    # The theme's scripts are all files: no inline script is allowed, not even by its hash.
    assert "script-src 'self' 'wasm-unsafe-eval';" in page["content-security-policy"]
    assert page["content-encoding"] == "gzip" and page["cache-control"] == "no-cache"
    schema = headers(nginx + "schema/chain.schema.json")
    assert schema["content-type"].startswith("application/json")
    # Every file a page loads from the site's assets is named by its content, and kept a year.
    html = urllib.request.urlopen(nginx, timeout=5).read().decode("utf-8")
    loaded = re.findall(r'<(?:link rel="stylesheet" href|script src)="(assets/[^"]+)"', html)
    assert len(loaded) == 4, loaded   # the stylesheet, settings, Material's script, the portal's
    for asset in loaded:
        cached = headers(nginx + asset)
        assert re.search(r"\.[0-9a-f]{8}(\.min)?\.(css|js)$", asset), asset
        assert "immutable" in cached["cache-control"] and "content-security-policy" in cached, asset


def test_missing_page_gets_the_portal_404(nginx):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(nginx + "no/such/page/", timeout=5)
    body = err.value.read().decode("utf-8")
    assert err.value.code == 404 and "页面不存在" in body and "Page not found" in body   # one page, both languages


def test_main_pages_in_both_languages_work_offline_under_the_csp(nginx, browser):
    problems = []
    page = browser.new_page()
    page.on("request", lambda r: problems.append(f"other origin: {r.url}")
            if not r.url.startswith(nginx.split("/intranet")[0]) and not r.url.startswith("data:") else None)
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    for lang in ("", "en/"):
        for path in PAGES:
            page.goto(nginx + lang + path)
            page.wait_for_load_state("networkidle")
            assert page.locator("article h1").count() == 1
        # Search runs Pagefind's WebAssembly, which the policy allows and nothing else needs.
        page.goto(nginx + lang + "search/?q=" + ("储能" if not lang else "batteries"))
        page.wait_for_selector(".portal-search__result", timeout=15000)
    page.close()
    assert not problems, problems


def test_an_inline_script_a_portal_adds_is_allowed_by_its_hash_only(tmp_path):
    import base64
    import hashlib

    from generator import csp

    (tmp_path / "index.html").write_text('<script>alert(1)</script><script type="application/json">{"a": 1}</script>'
                                         '<script src="x.js"></script>', encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(b"alert(1)").digest()).decode("ascii")
    assert csp.inline_script_hashes(tmp_path) == [f"'sha256-{digest}'"]
    assert f"script-src 'self' 'sha256-{digest}' 'wasm-unsafe-eval';" in csp.policy(tmp_path)
