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


def test_every_icon_the_theme_draws_has_its_image():
    """Material's icons are drawn from assets/icons.css (mkdocs_engine.ICONS): an icon named in
    an override, or as the palette's toggle, without its rule there would be a blank button."""
    import re

    import yaml

    from generator import mkdocs_engine
    from generator.config import load_site_config
    from generator.render import Navigation
    from generator.report import Report

    drawn = set(re.findall(r"portal-icon--([a-z0-9-]+)", mkdocs_engine.icons_stylesheet()))
    named = {name for path in (REPO / "theme" / "material").rglob("*.html")
             for name in re.findall(r'portal-icon--([a-z0-9-]+)"', path.read_text(encoding="utf-8"))}
    settings = yaml.safe_load(mkdocs_engine.project_settings(
        "zh", REPO / "docs", Navigation([], 0, ()), load_site_config(REPO, Report()), REPO / "site"))
    toggles = {option["toggle"]["icon"].replace("/", "-") for option in settings["theme"]["palette"]}
    assert named and toggles and named | toggles <= drawn, (named | toggles) - drawn
    assert len(drawn) == len(mkdocs_engine.ICONS)
