"""Who is in charge, with its history: a change of chief in the content's git history reaches
the jurisdiction's change log, its feed and the chief table's download, with the right date."""
from __future__ import annotations

import calendar
import csv
import io
import os
import shutil
import subprocess

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import LINHAI

from generator import build as pipeline

pytestmark = pytest.mark.slow   # builds whole portals (or runs programs): `pytest -m 'not slow'` leaves it out


def git(root, *args, date=None):
    env = dict(os.environ)
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.invalid", *args], cwd=root,
                   env=env, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(LINHAI, root)
    config = root / "site-config.yml"
    config.write_text(config.read_text(encoding="utf-8") + 'chief_history_since: "2025-04-01"\n', encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "the content as first published", date="2025-03-10T09:00:00")
    chain = root / "chains" / "linhai" / "seafood.yml"
    chain.write_text(chain.read_text(encoding="utf-8").replace(
        "{role: co-convener, person: chen-meiling}", "{role: co-convener, holder: {zh: 待縣府指派}}"), encoding="utf-8")
    git(root, "commit", "-qam", "the deputy convener left", date="2025-06-01T12:00:00")
    return root


def changes(site, prefix=""):
    soup = BeautifulSoup((site / prefix / "linhai" / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in soup.select("#table-changes tbody tr")]


def chiefs_download(site):
    rows = list(csv.reader(io.StringIO((site / "data" / "linhai" / "chiefs.csv").read_text(encoding="utf-8-sig"))))
    head = rows[0]
    return [dict(zip(head, row)) for row in rows[1:]]


def test_a_committed_change_of_chief_is_logged_on_its_date(repository, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(calendar.timegm((2025, 7, 1, 0, 0, 0))))
    site = tmp_path / "site"
    assert not pipeline.build(repository, site).report.errors
    log = changes(site)
    assert log[:2] == [["2025-06-01", "水產加工鏈", "副召集人", "陳美玲", "不再担任", "内容修订记录"],
                       ["2025-06-01", "水產加工鏈", "副召集人", "文件未载明 ： 待縣府指派", "开始担任", "内容修订记录"]]
    # What stood before the record began is dated by its document (the yacht chain cites the
    # plan of 2025-03-01); the seafood chain cites none: its first chiefs have no date to show.
    assert ["2025-03-01", "遊艇製造鏈", "產業鏈召集人", "林志明", "开始担任", "文件日期"] in log
    assert not any(row[1] == "水產加工鏈" and row[2] == "產業鏈召集人" for row in log)
    table = chiefs_download(site)
    deputy = next(r for r in table if r["產業鏈"] == "水產加工鏈" and r["角色"] == "副召集人")
    assert deputy["起始日期"] == "2025-06-01"
    feed = feedparser.parse((site / "feeds" / "linhai-chiefs.atom").read_bytes())
    assert not feed.bozo and feed.entries[0].updated.startswith("2025-06-01")
    assert feed.feed.link.endswith("/linhai/changes/")
    assert changes(site, "en/")[0][0] == "2025-06-01"


def test_an_edit_not_yet_committed_is_dated_by_the_build(repository, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(calendar.timegm((2025, 8, 15, 0, 0, 0))))
    chain = repository / "chains" / "linhai" / "seafood.yml"
    chain.write_text(chain.read_text(encoding="utf-8").replace(
        "{role: convener, person: lin-zhiming}", "{role: convener, person: chen-meiling}"), encoding="utf-8")
    site = tmp_path / "site"
    assert not pipeline.build(repository, site).report.errors
    newest = changes(site)[:2]
    assert {tuple(row[:5]) for row in newest} == {("2025-08-15", "水產加工鏈", "產業鏈召集人", "林志明", "不再担任"),
                                                  ("2025-08-15", "水產加工鏈", "產業鏈召集人", "陳美玲", "开始担任")}


def test_without_the_setting_only_documents_date_assignments(tmp_path):
    """A repository's history is no one's appointment unless the portal says so."""
    root = tmp_path / "portal"
    shutil.copytree(LINHAI, root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first", date="2025-03-10T09:00:00")
    git(root, "commit", "-q", "--allow-empty", "-m", "nothing", date="2025-05-10T09:00:00")
    site = tmp_path / "site"
    assert not pipeline.build(root, site).report.errors
    log = changes(site)
    assert log and all(row[5] == "文件日期" and row[0] == "2025-03-01" for row in log), log
