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
