"""Builds are atomic (a failed or killed build leaves the old site byte-identical) and reproducible."""
from __future__ import annotations

import pytest

import os
import signal
import subprocess
import sys
import time

from conftest import REPO, run_cli
from test_errors import build_then_edit, digest

pytestmark = pytest.mark.slow   # builds whole portals (or runs programs): `pytest -m 'not slow'` leaves it out


def test_two_builds_of_the_same_content_are_byte_identical(portal, tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    # The second builds its languages one after the other instead of side by side: same bytes.
    for name, options in (("one", []), ("two", ["--one-language-at-a-time"])):
        subprocess.run([sys.executable, "-m", "generator", "--root", str(portal), "build", "--out",
                        str(tmp_path / name), *options], cwd=REPO, env=env, check=True, capture_output=True)
    assert digest(tmp_path / "one") == digest(tmp_path / "two")
    # The language process that finishes first writes both languages' downloads: each language's
    # files and feed are in its own site, in its own language.
    for prefix, heading in (("", "项目"), ("en/", "Project")):
        site = tmp_path / "one" / prefix
        assert heading in (site / "data" / "projects.csv").read_text(encoding="utf-8-sig").splitlines()[0]
        assert all((site / "data" / f"projects.{ext}").is_file() for ext in ("json", "xlsx"))
        assert f'xml:lang="{prefix[:-1] or "zh"}"' in (site / "feeds" / "projects.atom").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")


def test_without_source_date_epoch_the_date_comes_from_the_content(portal, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run([sys.executable, "-m", "generator", "--root", str(portal), "build", "--out", str(tmp_path / "s")],
                   cwd=REPO, env=env, check=True, capture_output=True)
    # The fixture is not in a git repository of its own: its newest date is its project's update.
    assert "<lastmod>2025-05-20</lastmod>" in (tmp_path / "s" / "sitemap.xml").read_text(encoding="utf-8")


def test_a_build_killed_half_way_leaves_the_previous_site(portal, tmp_path):
    out = tmp_path / "site"
    before = build_then_edit(portal, out, "水產加工鏈", "改名")
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(portal), "build", "--out", str(out)],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".site.build-*/site")):
        time.sleep(0.05)   # wait until MkDocs is writing the new site
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert list(tmp_path.glob(".site.build-*")), "the build was killed before it started writing"
    assert digest(out) == before
    # The next build cleans up what the killed one left and succeeds.
    assert run_cli("--root", str(portal), "build", "--out", str(out)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["portal", "site"]
    assert "改名" in (out / "linhai" / "chains" / "linhai-seafood" / "index.html").read_text(encoding="utf-8")
