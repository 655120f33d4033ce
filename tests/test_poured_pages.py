"""Pages outside the navigation are poured into a shell cut from Material's own rendering
(mkdocs_engine._Shells): a poured page is the page Material would have written."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from generator import mkdocs_engine
from generator.mkdocs_engine import _Shells


class Material:
    """Stands for main.html: the chrome names the home page, the page its own values."""

    def __init__(self):
        self.rendered = 0

    def render(self, context):
        self.rendered += 1
        page = context["page"]
        description = page.meta.get("description") or "全站说明"
        return (f"<title>{page.meta['title']}</title><meta content='{description}'><link href='https://x.example/{page.url}'>"
                f"<nav><a href='../'>首页</a><a href='../../{page.url}'>中文</a></nav>{page.content}<footer>首页</footer>")


def a_page(n: int, title: str | None = None):
    return SimpleNamespace(url=f"projects/p{n}/", canonical_url=f"https://x.example/projects/p{n}/",
                           content=f"<h1 id=\"page-title\">项目{n}</h1><p>投资 {n} 亿元</p>",
                           meta={"title": title or f"项目{n} · 某省", "description": f"项目{n}：某省"}, toc=[],
                           file=SimpleNamespace(src_uri=f"projects/p{n}/index.md"))


def test_pages_of_one_shape_are_poured_and_equal_materials():
    material, shells = Material(), None
    shells = _Shells(material)
    pages = [a_page(n) for n in range(600)]
    poured = [shells.page(page, {"page": page}) for page in pages]
    assert poured == [Material().render({"page": page}) for page in pages]
    assert material.rendered == 2 + 600 // _Shells.VERIFY_EVERY   # the first two, then every 256th


def test_a_shape_whose_second_page_differs_is_left_to_material():
    # The first page's title is also a word of the chrome: cut from it, the shell would carry
    # a slot where the chrome says 首页. The second page shows it, and Material renders on.
    material = Material()
    shells = _Shells(material)
    pages = [a_page(0, title="首页")] + [a_page(n) for n in range(1, 50)]
    assert [shells.page(page, {"page": page}) for page in pages] == [Material().render({"page": p}) for p in pages]
    assert material.rendered == 50


def test_a_late_difference_stops_the_build(monkeypatch):
    monkeypatch.setattr(_Shells, "VERIFY_EVERY", 3)
    material = Material()
    shells = _Shells(material)
    for n in range(2):
        shells.page(a_page(n), {"page": a_page(n)})
    odd = a_page(2)
    monkeypatch.setattr(material, "render", lambda context: "something else")
    with pytest.raises(RuntimeError, match="differs from Material's"):
        shells.page(odd, {"page": odd})


def test_a_page_without_a_description_is_not_poured_into_a_shell_with_one():
    material = Material()
    shells = _Shells(material)
    pages = [a_page(n) for n in range(3)] + [a_page(3)]
    pages[3].meta["description"] = ""
    assert [shells.page(page, {"page": page}) for page in pages] == [Material().render({"page": p}) for p in pages]
    assert "全站说明" in shells.page(pages[3], {"page": pages[3]})


@pytest.mark.slow
def test_every_poured_page_of_the_sample_and_the_fixture_is_materials(monkeypatch, tmp_path):
    """Every page checked: a difference would stop the build."""
    from conftest import LINHAI, REPO, built
    monkeypatch.setattr(mkdocs_engine._Shells, "VERIFY_EVERY", 1)
    for root in (REPO, LINHAI):
        built(root, tmp_path / root.name / "site")
