"""`build --shard K/N` and `merge`: parts built apart and assembled make the site one build
makes, byte for byte; a merge of parts that do not belong together writes nothing (shards.py)."""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from conftest import REPO, english_in_chinese, run_cli
from generator import build as pipeline
from generator import shards
from generator.shards import MANIFEST, Shard
from test_errors import digest

pytestmark = pytest.mark.slow   # builds whole portals: `pytest -m 'not slow'` leaves it out

EPOCH = "1700000000"


def _build(root: Path, out: Path, **options) -> pipeline.Checked:
    checked = pipeline.build(root, out, **options)
    assert not checked.report.errors, [issue.format() for issue in checked.report.errors]
    return checked


def _sharded(root: Path, work: Path, of: int) -> tuple[list[Path], Path]:
    parts = [work / f"part-{k}-of-{of}" for k in range(1, of + 1)]
    for k, part in enumerate(parts, 1):
        _build(root, part, shard=Shard(k, of))
    _build(root, work / f"merged-{of}", parts=parts)
    return parts, work / f"merged-{of}"


def _synthetic(root: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.synthetic_portal(root, 100, projects_per_chain=3)   # 4 provinces, each with cities under it
    return root


@pytest.fixture(scope="module")
def sample_parts(tmp_path_factory):
    """The sample built whole, and in two shards merged; SOURCE_DATE_EPOCH fixed for all."""
    work = tmp_path_factory.mktemp("shards")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        _build(REPO, work / "whole")
        parts, merged = _sharded(REPO, work, 2)
    return work, parts, merged


def test_the_sample_merged_from_shards_is_the_sample_built_whole(sample_parts, tmp_path, monkeypatch):
    work, parts, merged = sample_parts
    assert digest(merged) == digest(work / "whole")
    # More shards than jurisdictions: a shard with no page is a part all the same.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert digest(_sharded(REPO, tmp_path, 5)[1]) == digest(work / "whole")
    told = [json.loads((part / MANIFEST).read_text(encoding="utf-8")) for part in parts]
    assert told[0]["pages"] and told[1]["pages"] and not set(told[0]["pages"]) & set(told[1]["pages"])
    assert all((parts[0] / prefix / told[0]["pages"][0] / "index.html").is_file() for prefix in ("", "en/"))


def test_a_portal_of_100_chains_merged_from_four_shards_is_the_portal_built_whole(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = _synthetic(tmp_path / "portal")
    checked = _build(root, tmp_path / "whole")
    parts, merged = _sharded(root, tmp_path, 4)
    assert digest(merged) == digest(tmp_path / "whole")
    # Balanced by page count: no shard has twice the pages of another.
    sizes = [len(json.loads((part / MANIFEST).read_text(encoding="utf-8"))["pages"]) for part in parts]
    assert min(sizes) * 2 > max(sizes), sizes
    assert sum(sizes) + sum(shards.jurisdiction_of(page) is None for page in checked.pages) == len(checked.pages)


def test_merge_takes_each_page_as_its_shard_wrote_it(sample_parts, tmp_path, monkeypatch):
    work, parts, _ = sample_parts
    page = json.loads((parts[1] / MANIFEST).read_text(encoding="utf-8"))["pages"][0]
    copied = [tmp_path / part.name for part in parts]
    for part, copy in zip(parts, copied):
        shutil.copytree(part, copy)
    written = copied[1] / page / "index.html"
    written.write_text(written.read_text(encoding="utf-8") + "<!--from-the-part-->", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    _build(REPO, tmp_path / "merged", parts=copied)
    assert (tmp_path / "merged" / page / "index.html").read_text(encoding="utf-8").endswith("<!--from-the-part-->")


def test_merge_refuses_parts_that_do_not_make_one_site_and_writes_nothing(sample_parts, tmp_path, monkeypatch):
    work, parts, _ = sample_parts
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    not_a_part = tmp_path / "elsewhere"
    not_a_part.mkdir()
    cases = {
        "a shard missing": ([parts[0]], "missing 2/2"),
        "a shard twice": ([parts[0], parts[0], parts[1]], "shard 1/2 again"),
        "a folder no shard wrote": ([*parts, not_a_part], f"no readable {MANIFEST}"),
    }
    lacking = tmp_path / "lacking"
    shutil.copytree(parts[1], lacking)
    page = json.loads((lacking / MANIFEST).read_text(encoding="utf-8"))["pages"][-1]
    (lacking / "en" / page / "index.html").unlink()
    cases["a page of a shard deleted"] = ([parts[0], lacking], f"1 missing, such as en/{page}")
    for case, (given, found) in cases.items():
        checked = pipeline.build(REPO, tmp_path / "out", parts=given)
        assert any(found in issue.format() for issue in checked.report.errors), (case, checked.report.errors)
        assert not any(english_in_chinese(issue.format()) for issue in checked.report.errors), case
        assert not (tmp_path / "out").exists(), case
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710000000")   # the parts were built on another date
    checked = pipeline.build(REPO, tmp_path / "out", parts=parts)
    assert sum("was built from others" in issue.format() for issue in checked.report.errors) == 2
    assert not (tmp_path / "out").exists()


def test_a_shard_is_named_k_of_n():
    for given in ("0/2", "3/2", "2", "a/b", "1/0"):
        result = run_cli("build", "--shard", given, "--out", "/tmp/never-written")
        assert result.returncode == 2 and "expected K/N" in result.stderr, given
    assert shards.parse("2/4") == Shard(2, 4)
