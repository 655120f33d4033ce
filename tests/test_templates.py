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
    """Material's icons are drawn by rules at the end of the site's stylesheet (mkdocs_engine.ICONS):
    an icon named in an override, or as the palette's toggle, without its rule there would be a
    blank button."""
    import re

    import yaml

    from generator import mkdocs_engine
    from generator.config import load_site_config
    from generator.render import Navigation
    from generator.report import Report

    drawn = set(re.findall(r"\.portal-icon-([a-z0-9-]+)\{-webkit-mask-image", mkdocs_engine.icons_stylesheet()))
    named = {name for path in (REPO / "theme" / "material").rglob("*.html")
             for name in re.findall(r'"portal-icon-([a-z0-9-]+)"', path.read_text(encoding="utf-8"))}
    settings = yaml.safe_load(mkdocs_engine.project_settings(
        "zh", REPO / "docs", Navigation([], 0, ()), load_site_config(REPO, Report()), REPO / "site"))
    toggles = {option["toggle"]["icon"].split("/")[-1] for option in settings["theme"]["palette"]}
    assert named and toggles and named | toggles <= drawn, (named | toggles) - drawn
    assert len(drawn) == len(mkdocs_engine.ICONS)


def test_settings_for_materials_script_leave_out_only_what_it_never_reads():
    """Every page carries Material's settings for its script (main.html, block config), without
    the features only its templates read and without its words. Checked against the bundle the
    site serves: an upgrade whose script reads one of them fails here, not on a visitor's page."""
    import re

    import yaml

    from generator import mkdocs_engine
    from generator.config import load_site_config
    from generator.render import Navigation
    from generator.report import Report

    bundle = next((mkdocs_engine._material_templates() / "assets" / "javascripts").glob("bundle.*.min.js"))
    script = bundle.read_text(encoding="utf-8")
    for feature in mkdocs_engine.TEMPLATE_ONLY_FEATURES:
        assert f'"{feature}"' not in script, feature
    # Its words are read only for code blocks' copy button, which the portal does not enable.
    assert set(re.findall(r'\b[A-Za-z]+\("(clipboard\.[a-z]+)"', script)) == {"clipboard.copy", "clipboard.copied"}
    settings = yaml.safe_load(mkdocs_engine.project_settings(
        "zh", REPO / "docs", Navigation([], 0, ()), load_site_config(REPO, Report()), REPO / "site"))
    assert "content.code.copy" not in settings["theme"]["features"]
    assert settings["extra"]["script_features"] == [
        name for name in settings["theme"]["features"] if name not in mkdocs_engine.TEMPLATE_ONLY_FEATURES]
    assert "content.tooltips" in settings["extra"]["script_features"]
