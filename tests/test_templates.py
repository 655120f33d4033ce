"""The templates are plain Jinja a reviewer reads: no line runs off the screen."""
from __future__ import annotations

from conftest import REPO

LONGEST = 160   # characters: a side-by-side diff on a laptop


def test_no_template_line_runs_off_a_reviewer_s_screen():
    """Long lines are broken at a Jinja tag with whitespace control ({%- … %}), so that the
    pages come out the same; attributes go on lines of their own."""
    long = [f"{path.relative_to(REPO)}:{number}: {len(line)} characters"
            for path in sorted((REPO / "theme").rglob("*.html"))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if len(line) > LONGEST]
    assert not long, "\n".join(long)
