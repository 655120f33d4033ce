"""The build writes only its output, whatever the command line says, and takes turns with any
other build into the same place; filesystem failures are one clear line; hostile addresses and
spreadsheet formulas go nowhere."""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from test_errors import digest

from generator import output

pytestmark = pytest.mark.slow   # builds whole portals (or runs programs): `pytest -m 'not slow'` leaves it out


def tree(folder: Path) -> str:
    """Everything under a folder, including what a build might wrongly touch."""
    return digest(folder) + "|" + ",".join(sorted(str(p.relative_to(folder)) for p in folder.rglob("*")))


@pytest.mark.parametrize("out, expected", [
    (".", "a folder other than the portal's own folder or one that holds it"),
    ("..", "a folder other than the portal's own folder or one that holds it"),
    ("content", "a folder outside the portal's content/"),
    ("chains/linhai", "a folder outside the portal's chains/"),
    ("README.md", "a folder (a site is a folder)"),
    ("/", "a folder other than the root of the file system"),
    ("notes", "an empty folder, or a site this generator built"),
])
def test_the_output_is_refused_where_it_would_destroy(portal, tmp_path, out, expected):
    (portal / "README.md").write_text("the editors' notes\n", encoding="utf-8")
    (portal / "notes").mkdir()
    (portal / "notes" / "draft.txt").write_text("a draft\n", encoding="utf-8")
    before, parent = tree(portal), tree(tmp_path)
    result = run_cli("build", "--out", out, cwd=portal)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"--out: expected {expected}" in result.stderr and "应为" in result.stderr
    assert tree(portal) == before and tree(tmp_path) == parent


def test_an_empty_output_name_is_refused_not_taken_for_the_current_folder(portal, tmp_path):
    before = tree(portal)
    result = run_cli("build", "--out", "", cwd=portal)   # `--out "$OUT"` with $OUT unset
    assert result.returncode == 2 and "expected a folder name" in result.stderr and "Traceback" not in result.stderr
    assert tree(portal) == before


def test_a_site_it_built_is_replaced_and_only_that(portal, tmp_path):
    out = tmp_path / "site"
    assert run_cli("--root", str(portal), "build", "--out", str(out)).returncode == 0
    assert (out / output.MARKER).is_file()
    (tmp_path / "beside.txt").write_text("keep me\n", encoding="utf-8")
    assert run_cli("--root", str(portal), "build", "--out", str(out)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beside.txt", "portal", "site"]
    # An empty folder is a fine output too.
    (tmp_path / "empty").mkdir()
    assert run_cli("--root", str(portal), "build", "--out", str(tmp_path / "empty")).returncode == 0


def test_two_builds_into_one_output_take_turns(portal, tmp_path):
    out = tmp_path / "site"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    command = [sys.executable, "-m", "generator", "--root", str(portal), "build", "--out", str(out)]
    first = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)   # the first is building when the second starts
    second = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    first_err = first.communicate(timeout=300)[1]
    assert first.returncode == 0 and second.returncode == 0, (first_err, second.stderr)
    alone = tmp_path / "alone"
    subprocess.run(command[:-1] + [str(alone)], cwd=REPO, env=env, check=True, capture_output=True)
    assert digest(out) == digest(alone)   # the search index, the dictionary-cut words: whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alone", "portal", "site"]


@contextlib.contextmanager
def small_filesystem(folder: Path, size: str, read_only: bool = False):
    """A tmpfs of `size` mounted at `folder` (the machine must allow mounting: CI runs as root)."""
    folder.mkdir()
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.parametrize("size, read_only, said", [("2m", False, "No space left on device"),
                                                  ("20m", True, "Read-only file system")])
def test_a_full_or_read_only_output_is_one_clear_line(portal, tmp_path, size, read_only, said):
    with small_filesystem(tmp_path / "disk", size, read_only) as disk:
        result = run_cli("--root", str(portal), "build", "--out", str(disk / "site"))
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert f"expected a folder the site can be written into (found {said})" in result.stderr
        assert "nothing written" in result.stderr
        assert not list(disk.iterdir())   # no half-written site, no temporary folder


def test_a_full_disk_keeps_the_previous_site(portal, tmp_path):
    with small_filesystem(tmp_path / "disk", "12m") as disk:
        out = disk / "site"
        assert run_cli("--root", str(portal), "build", "--out", str(out)).returncode == 0, "fits once"
        before = digest(out)
        filler = disk / "filler"
        with open(filler, "wb", buffering=0) as handle:   # fill the disk, then leave a little room: the build
            with contextlib.suppress(OSError):              # starts, then fails
                while True:
                    handle.write(b"\0" * 65536)
        os.truncate(filler, max(filler.stat().st_size - 300_000, 0))
        result = run_cli("--root", str(portal), "build", "--out", str(out))
        assert result.returncode == 1 and "No space left on device" in result.stderr, result.stderr[-2000:]
        assert digest(out) == before
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "site"]


@pytest.mark.parametrize("address", ['https://x.example/"><script>alert(1)</script>',
                                     "https://example.github.io//evil.example/", "javascript:alert(1)//",
                                     "https://x.example/a b/", "//evil.example/"])
def test_a_hostile_base_url_is_refused(portal, tmp_path, address):
    result = run_cli("--root", str(portal), "build", "--out", str(tmp_path / "site"), "--base-url", address)
    assert result.returncode == 1 and "--base-url: expected a web address" in result.stderr
    assert not (tmp_path / "site").exists()
    config = portal / "site-config.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text("\n".join(f"base_url: {json.dumps(address)}" if line.startswith("base_url:") else line
                                for line in text.splitlines()) + "\n", encoding="utf-8")
    result = run_cli("--root", str(portal), "check")
    assert result.returncode == 1 and "base_url: expected a web address" in result.stderr


@pytest.mark.parametrize("command", ["links", "csp"])
def test_links_and_csp_refuse_a_missing_site(tmp_path, command):
    result = run_cli(command, "--site", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "--site: expected a built site" in result.stderr
    assert "0 broken link" not in result.stdout and "Content-Security-Policy" not in result.stdout


FORMULAS = ['=HYPERLINK("http://evil.example/","详情")', "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-1+1"]


def test_spreadsheet_formulas_in_content_stay_text_in_libreoffice(portal, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-calc-nogui (the Makefile's test target does)"
    projects = portal / "content" / "projects" / "linhai.yml"
    projects.write_text(projects.read_text(encoding="utf-8") + "".join(
        f"- {{id: formula-{i}, chain: linhai-seafood, name: {{zh: 項目{i}}}, stage: contracted, illustrative: true, "
        f"investor: {{zh: {json.dumps(formula, ensure_ascii=False)}, en: {json.dumps(formula)}}}}}\n"
        for i, formula in enumerate(FORMULAS)), encoding="utf-8")
    check = run_cli("--root", str(portal), "check")
    assert check.returncode == 0 and "a spreadsheet reads it as a formula" in check.stderr, check.stderr
    out = tmp_path / "site"
    assert run_cli("--root", str(portal), "build", "--out", str(out)).returncode == 0
    # Every spreadsheet download of both languages, read back by LibreOffice in one run.
    flat, converted = tmp_path / "downloads", tmp_path / "converted"
    flat.mkdir()
    files = [f for f in sorted(out.rglob("*")) if f.suffix in (".csv", ".xlsx")]
    assert len(files) > 20
    for f in files:
        shutil.copy(f, flat / ("-".join(f.relative_to(out).parts[:-1]) + "-" + f.stem + f.suffix.replace(".", "-")
                               + f.suffix))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--infilter=CSV:44,34,76,1",
                    "--convert-to", "fods", "--outdir", str(converted), *map(str, sorted(flat.iterdir()))],
                   check=True, capture_output=True, timeout=600)
    for f in sorted(flat.iterdir()):
        sheet = (converted / (f.stem + ".fods")).read_text(encoding="utf-8")
        formulas = set(re.findall(r'table:formula="([^"]*)"', sheet)) - {"of:=TRUE()", "of:=FALSE()"}   # booleans
        assert not formulas, (f.name, formulas)
    projects_sheet = (converted / "data-projects-csv.fods").read_text(encoding="utf-8")
    assert "HYPERLINK" in projects_sheet and "calc" in projects_sheet   # the text is there, as text
