"""Every internal link and asset reference in the built sample site resolves, in both languages."""
from __future__ import annotations

import shutil

from conftest import run_cli

from generator.linkcheck import broken_links


def test_every_internal_reference_resolves(sample_site):
    assert broken_links(sample_site) == []
    assert len(list(sample_site.rglob("index.html"))) > 90


def test_the_checker_finds_a_broken_link_and_a_missing_fragment(sample_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    page = site / "hunan" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", '<a href="../nowhere/">x</a><a href="../people/#person-nobody">y'
                                 '</a><script src="https://cdn.example.org/x.js"></script></article>'), encoding="utf-8")
    broken = broken_links(site)
    assert broken == ["hunan/index.html → ../nowhere/ (no such file)",
                      "hunan/index.html → ../people/#person-nobody (no #person-nobody there)",
                      "hunan/index.html → https://cdn.example.org/x.js (an asset from another origin)"]
    result = run_cli("links", "--site", str(site))
    assert result.returncode == 1 and "3 broken link(s)" in result.stdout
