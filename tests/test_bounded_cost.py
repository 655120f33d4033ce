"""Small inputs never cost a lot: the worst content the limits allow builds in bounded time and
memory. The bound here is generous on purpose (this is not a speed test: bench/ measures speed);
what it catches is cost that grows faster than the input, as a 4,000-character name once took
a build from 5 s to 68 s and 20,000 characters 9.9 GB."""
from __future__ import annotations

import pytest

import resource
import subprocess
import sys

from conftest import REPO

from generator import markdown_text, reader, schema

pytestmark = pytest.mark.slow   # builds whole portals (or runs programs): `pytest -m 'not slow'` leaves it out

SECONDS = 420
MEGABYTES = 3000


def worst_policy_text() -> str:
    """Every bounded Markdown construct at its limit, then plain text up to the file size limit."""
    parts = [("[" * markdown_text.MAX_BRACKETS_PER_PARAGRAPH) + "\n\n"] * (
        markdown_text.MAX_BRACKETS // markdown_text.MAX_BRACKETS_PER_PARAGRAPH)
    parts.append("".join("    " * depth + "- 項\n" for depth in range(markdown_text.MAX_INDENT // 4 + 1)) + "\n")
    parts.append(">" * markdown_text.MAX_QUOTE_DEPTH + " 引文\n\n")
    parts.append("| 甲 | 乙 |\n|---|---|\n" + "| 一 | 二 |\n" * 2000 + "\n")
    text = "".join(parts)
    paragraph = "產業鏈召集人制度" * 40 + "\n\n"
    return text + paragraph * ((reader.MAX_FILE_BYTES - 4096 - len(text.encode())) // len(paragraph.encode()))


def test_the_largest_valid_content_builds_in_bounded_time_and_memory(portal, tmp_path):
    longest = schema.CHAIN.fields["name"].type.max_length
    chain = portal / "chains" / "linhai" / "seafood.yml"
    chain.write_text(chain.read_text(encoding="utf-8").replace(
        "name: {zh: 水產加工鏈, en: seafood processing chain}",
        f"name: {{zh: {'鏈' * longest}, en: {'x' * longest}}}"), encoding="utf-8")
    policy = portal / "content" / "policies" / "linhai-plan.md"
    head = policy.read_text(encoding="utf-8").split("---\n")[1]
    policy.write_text(f"---\n{head}---\n{worst_policy_text()}", encoding="utf-8")
    assert len(policy.read_bytes()) <= reader.MAX_FILE_BYTES
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(portal), "build", "--out",
                             str(tmp_path / "site")], cwd=REPO, capture_output=True, text=True, timeout=SECONDS)
    assert result.returncode == 0, result.stderr[-3000:]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert max(peak, before) / 1024 < MEGABYTES
