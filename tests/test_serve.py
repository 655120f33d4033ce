"""The live preview: serves the site, rebuilds when a content file changes, survives a bad edit."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import LINHAI, REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds=60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@pytest.fixture
def server(tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(LINHAI, root)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "serve", "--port", str(port),
                                "--out", str(tmp_path / "preview")], cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "臨海縣" in fetch(base)), "the preview did not start"
        yield root, base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_rebuilds_on_change_and_pages_reload(server):
    root, base = server
    page = fetch(base + "linhai/chains/linhai-seafood/")
    assert "/__build" in page                    # the reload script is added by the preview only
    version = fetch(base + "__build")
    chain = root / "chains" / "linhai" / "seafood.yml"
    chain.write_text(chain.read_text(encoding="utf-8").replace("水產加工鏈", "水產精深加工鏈"), encoding="utf-8")
    assert wait_for(lambda: fetch(base + "__build") != version)
    assert "水產精深加工鏈" in fetch(base + "linhai/chains/linhai-seafood/")


def test_a_bad_edit_keeps_the_last_good_site(server):
    root, base = server
    version = fetch(base + "__build")
    chain = root / "chains" / "linhai" / "seafood.yml"
    chain.write_text(chain.read_text(encoding="utf-8").replace("order: 1", "order: one"), encoding="utf-8")
    time.sleep(4)
    assert fetch(base + "__build") == version
    assert "水產加工鏈" in fetch(base + "linhai/chains/linhai-seafood/")


def test_an_editor_adds_a_chain_with_new_and_sees_it_in_serve(server):
    root, base = server
    version = fetch(base + "__build")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "new", "chain", "--jurisdiction",
                             "linhai", "--id", "linhai-algae", "--name", "海藻養殖鏈"], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "wrote chains/linhai/algae.yml" in result.stdout
    written = (root / "chains" / "linhai" / "algae.yml").read_text(encoding="utf-8")
    assert "order: 3" in written and "# group: <one of: marine>" in written   # the jurisdiction's own choices
    assert wait_for(lambda: fetch(base + "__build") != version)
    page = fetch(base + "linhai/chains/linhai-algae/")
    assert "海藻養殖鏈" in page and "portal-illustrative" in page
    assert "海藻養殖鏈" in fetch(base + "linhai/chiefs/")
    english = fetch(base + "en/linhai/chains/linhai-algae/")
    assert "translation pending" in english


def test_new_templates_for_every_kind(portal):
    commands = [("chain", "--jurisdiction", "linhai", "--id", "linhai-a"), ("project", "--chain", "linhai-seafood",
                "--id", "linhai-b"), ("unit", "--jurisdiction", "linhai", "--id", "linhai-c"),
                ("person", "--jurisdiction", "linhai", "--id", "linhai-d"), ("task", "--jurisdiction", "linhai",
                "--id", "linhai-e"), ("jurisdiction", "--id", "haibin"), ("policy", "--jurisdiction", "linhai",
                "--id", "linhai-f")]
    for args in commands:
        result = subprocess.run([sys.executable, "-m", "generator", "--root", str(portal), "new", *args], cwd=REPO,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, (args, result.stderr)
    assert "- id: linhai-b" in (portal / "content" / "projects" / "linhai.yml").read_text(encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "generator", "--root", str(portal), "check"], cwd=REPO,
                           capture_output=True, text=True, timeout=120)
    # A date cannot be guessed: it is reported, not invented.
    assert "content/policies/linhai-f.md:8: date: expected a date" in check.stderr
    assert "level: country  # administrative level (one of: country, province" in \
        (portal / "content" / "jurisdictions" / "haibin.yml").read_text(encoding="utf-8")
    assert "warning: expected text in place of the placeholder （待补充）" in check.stderr
    again = subprocess.run([sys.executable, "-m", "generator", "--root", str(portal), "new", "chain", "--jurisdiction",
                            "nowhere", "--id", "x"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "Traceback" not in again.stderr
