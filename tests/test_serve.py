"""The live preview: serves the site, rebuilds when a content file changes, survives a bad edit."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import LINHAI, REPO, free_port

from generator import build as pipeline
from generator import serve

pytestmark = pytest.mark.slow   # builds whole portals (or runs programs): `pytest -m 'not slow'` leaves it out



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


def test_the_preview_serves_both_languages_and_nothing_outside(server):
    root, base = server
    assert 'lang="en"' in fetch(base + "en/linhai/") and 'lang="en"' in fetch(base + "en")   # redirected to en/
    assert "Seafood Processing Chain" in fetch(base + "en/linhai/chains/linhai-seafood/")
    for outside in ("en/../../portal/site-config.yml", "en/%2e%2e/%2e%2e/portal/site-config.yml"):
        with pytest.raises(urllib.error.HTTPError):
            fetch(base + outside)


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
                "--id", "linhai-e"), ("policy", "--jurisdiction", "linhai", "--id", "linhai-f"),
                ("jurisdiction", "--id", "haibin")]
    # Each in its own copy: a new policy's date and a new jurisdiction's level are left for the
    # editor, and `new` refuses to add to a portal whose check fails.
    pristine = portal.parent / "pristine"
    shutil.copytree(portal, pristine)
    for args in commands:
        root = portal if args[0] != "jurisdiction" else pristine
        result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "new", *args], cwd=REPO,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, (args, result.stderr)
    shutil.copy(pristine / "content" / "jurisdictions" / "haibin.yml", portal / "content" / "jurisdictions")
    assert "- id: linhai-b" in (portal / "content" / "projects" / "linhai.yml").read_text(encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "generator", "--root", str(portal), "check"], cwd=REPO,
                           capture_output=True, text=True, timeout=120)
    # A date cannot be guessed: it is reported, not invented.
    assert "content/policies/linhai-f.md:8: date: expected a date" in check.stderr
    # Nor is a new jurisdiction's level: the template lists the levels, check asks for one.
    assert "level: （待补充）  # administrative level (one of: country, province" in \
        (portal / "content" / "jurisdictions" / "haibin.yml").read_text(encoding="utf-8")
    assert "content/jurisdictions/haibin.yml:5: level: expected one of: country, province" in check.stderr
    assert "warning: expected text in place of the placeholder （待补充）" in check.stderr
    again = subprocess.run([sys.executable, "-m", "generator", "--root", str(portal), "new", "chain", "--jurisdiction",
                            "nowhere", "--id", "x"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "Traceback" not in again.stderr


def search_index(site) -> dict[str, bytes]:
    folder = site / "pagefind"
    return {str(f.relative_to(folder)): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


def test_a_rebuild_renders_again_only_what_changed(portal, tmp_path):
    site = tmp_path / "preview"
    assert not pipeline.rebuild_in_place(portal, site).checked.report.errors
    english = pipeline.preview_sites(site)["en"]
    untouched = english / "linhai" / "chiefs" / "index.html"
    project = site / "projects" / "linhai-cold-store" / "index.html"
    stamp = untouched.stat().st_mtime_ns
    projects = portal / "content" / "projects" / "linhai.yml"
    projects.write_text(projects.read_text(encoding="utf-8").replace("amount: 2.5", "amount: 7.25"), encoding="utf-8")
    assert not pipeline.rebuild_in_place(portal, site).checked.report.errors
    assert "7.25" in project.read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == stamp            # not rendered again
    # The search index is the one a clean build makes: every page, the edit in it.
    clean = tmp_path / "clean"
    assert not pipeline.build(portal, clean).report.errors
    assert search_index(site) == search_index(clean)
    assert search_index(english) == search_index(clean / "en")


def test_a_first_look_shows_the_edited_record_s_pages_and_the_rebuild_after_it_the_rest(portal, tmp_path):
    site = tmp_path / "preview"
    assert not pipeline.rebuild_in_place(portal, site).checked.report.errors
    english = pipeline.preview_sites(site)["en"]
    project = [site / "projects" / "linhai-cold-store" / "index.html",
               english / "projects" / "linhai-cold-store" / "index.html"]
    lists = [site / "linhai" / "investment" / "index.html", english / "linhai" / "investment" / "index.html"]
    projects = portal / "content" / "projects" / "linhai.yml"
    text = projects.read_text(encoding="utf-8")
    line = text.splitlines().index("  amount: 2.5") + 1
    projects.write_text(text.replace("amount: 2.5", "amount: 7.25"), encoding="utf-8")
    first = {"content/projects/linhai.yml": {line}}
    looked = pipeline.rebuild_in_place(portal, site, search=False, first=first)
    assert not looked.checked.report.errors and looked.pending == {"zh", "en"}   # serve rebuilds both after it
    assert all("7.25" in page.read_text(encoding="utf-8") for page in project)
    assert not any("7.25" in page.read_text(encoding="utf-8") for page in lists)   # not yet
    assert not pipeline.rebuild_in_place(portal, site).checked.report.errors
    assert all("7.25" in page.read_text(encoding="utf-8") for page in lists)


def test_a_first_look_at_a_record_with_no_page_of_its_own_is_the_whole_rebuild(portal, tmp_path):
    site = tmp_path / "preview"
    assert not pipeline.rebuild_in_place(portal, site).checked.report.errors
    units = portal / "content" / "units" / "linhai.yml"
    units.write_text(units.read_text(encoding="utf-8").replace("主辦水產加工鏈", "主辦水產精加工"), encoding="utf-8")
    first = {"content/units/linhai.yml": {1}}   # a unit's record: it is shown on its jurisdiction's pages
    looked = pipeline.rebuild_in_place(portal, site, search=False, first=first)
    assert not looked.checked.report.errors and not looked.pending   # no rebuild needed after it
    assert "主辦水產精加工" in (site / "linhai" / "units" / "index.html").read_text(encoding="utf-8")


def test_a_first_look_at_a_chain_renamed_in_one_language_is_that_language_s_whole_rebuild(portal, tmp_path):
    """The navigation names the chain: the first look renders every page of the language it
    was renamed in, and serve's rebuild after it builds the other language only."""
    site = tmp_path / "preview"
    assert not pipeline.rebuild_in_place(portal, site).checked.report.errors
    chain = portal / "chains" / "linhai" / "seafood.yml"
    text = chain.read_text(encoding="utf-8")
    renamed = text.replace("name: {zh: 水產加工鏈", "name: {zh: 水產精製鏈")
    chain.write_text(renamed, encoding="utf-8")
    first = {"chains/linhai/seafood.yml": serve.edited_lines(text, renamed)}
    looked = pipeline.rebuild_in_place(portal, site, search=False, first=first)
    assert not looked.checked.report.errors and looked.pending == {"en"}
    other = (site / "linhai" / "chains" / "linhai-shipyard" / "index.html").read_text(encoding="utf-8")   # another chain's page
    assert "水產精製鏈" in other and "水產加工鏈" not in other
    finished = pipeline.rebuild_in_place(portal, site, langs=looked.pending)
    assert not finished.checked.report.errors and not finished.pending


def test_an_open_page_reloads_when_an_edit_changed_it_and_not_otherwise(server):
    root, base = server
    version = fetch(base + "__build")
    edited, other = "projects/linhai-cold-store/", "en/linhai/chiefs/"

    def asks(page: str) -> str:
        return fetch(f"{base}__build?since={version}&page=/{page}")

    assert asks(edited) == f"{version} stay"
    projects = root / "content" / "projects" / "linhai.yml"
    projects.write_text(projects.read_text(encoding="utf-8").replace("amount: 2.5", "amount: 7.25"), encoding="utf-8")
    assert wait_for(lambda: asks(edited).endswith(" reload"))
    assert "7.25" in fetch(base + edited)
    assert wait_for(lambda: "7.25" in fetch(base + "linhai/investment/"))   # the rebuild after the first look
    assert asks(other).endswith(" stay")


def test_in_the_browser_the_edited_page_reloads_itself_and_another_stays_as_it_is(server, browser):
    root, base = server
    context = browser.new_context()
    edited, other = context.new_page(), context.new_page()
    edited.goto(base + "projects/linhai-cold-store/")
    other.goto(base + "en/linhai/chiefs/")
    for tab in (edited, other):   # gone when the page reloads
        tab.evaluate("window.loadedBeforeTheEdit = true")
        tab.wait_for_timeout(800)   # the script has read the build counter
    projects = root / "content" / "projects" / "linhai.yml"
    projects.write_text(projects.read_text(encoding="utf-8").replace("amount: 2.5", "amount: 7.25"), encoding="utf-8")
    edited.wait_for_function("!window.loadedBeforeTheEdit", timeout=60_000)
    assert "7.25" in edited.inner_text("article")
    assert wait_for(lambda: "7.25" in fetch(base + "linhai/investment/"))   # the whole rebuild is done
    other.wait_for_timeout(1500)   # two polls after it
    assert other.evaluate("window.loadedBeforeTheEdit === true")
    context.close()


def test_a_renamed_chain_reaches_every_page_of_the_preview(portal, tmp_path):
    site = tmp_path / "preview"
    assert not pipeline.rebuild_in_place(portal, site).checked.report.errors
    chain = portal / "chains" / "linhai" / "seafood.yml"
    chain.write_text(chain.read_text(encoding="utf-8").replace("水產加工鏈", "水產精深加工鏈"), encoding="utf-8")
    assert not pipeline.rebuild_in_place(portal, site).checked.report.errors
    # The navigation of an unrelated page names the chain anew (the language was rebuilt whole).
    assert "水產精深加工鏈" in (site / "linhai" / "chiefs" / "index.html").read_text(encoding="utf-8")


def test_an_edited_template_reaches_the_preview_each_time(portal, tmp_path):
    """Templates are compiled once and kept between serve's rebuilds (build._compile_templates):
    a template the editor adds, edits again or removes is read afresh at the next rebuild."""
    site = tmp_path / "preview"
    assert not pipeline.rebuild_in_place(portal, site).checked.report.errors
    page = site / "projects" / "linhai-cold-store" / "index.html"
    own = portal / "theme" / "pages" / "project.html"
    own.parent.mkdir(parents=True)
    for mark in ("first-mark", "second-mark"):
        own.write_text('{% extends "default:project.html" %}{% block heading %}' + mark + '{% endblock %}',
                       encoding="utf-8")
        assert not pipeline.rebuild_in_place(portal, site).checked.report.errors
        assert mark in page.read_text(encoding="utf-8"), mark
    own.unlink()
    assert not pipeline.rebuild_in_place(portal, site).checked.report.errors
    assert "second-mark" not in page.read_text(encoding="utf-8")


def test_the_watcher_survives_a_rebuild_that_fails_in_any_way(monkeypatch, tmp_path, capsys):

    calls = []

    def rebuild(root, out, **options):
        calls.append(root)
        if len(calls) == 1:
            raise RecursionError("whatever an edit could still provoke")
        return pipeline.Rebuilt(pipeline.Checked(pipeline.Report(), portal=object()), True)

    monkeypatch.setattr(serve.pipeline, "rebuild_in_place", rebuild)
    assert serve._rebuild(tmp_path, tmp_path / "out") is None
    assert "still serving the last site" in capsys.readouterr().out
    assert serve._rebuild(tmp_path, tmp_path / "out") is not None   # the next good edit is served
