"""Shared fixtures: build portals once per session and read their HTML."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import build as pipeline

REPO = Path(__file__).resolve().parent.parent
LINHAI = Path(__file__).resolve().parent / "fixtures" / "linhai"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The built-in sample portal, built from the repository's own content."""
    out = tmp_path_factory.mktemp("sample") / "site"
    checked = pipeline.build(REPO, out)
    assert not checked.report.errors, [i.format() for i in checked.report.errors]
    return out


@pytest.fixture(scope="session")
def linhai_site(tmp_path_factory) -> Path:
    """The made-up Traditional Chinese jurisdiction, built through content files alone."""
    out = tmp_path_factory.mktemp("linhai") / "site"
    checked = pipeline.build(LINHAI, out)
    assert not checked.report.errors, [i.format() for i in checked.report.errors]
    return out


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
