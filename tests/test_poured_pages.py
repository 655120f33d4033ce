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


class Article(Material):
    """main.html with the white space the squeeze takes out: around tags, at lines' starts,
    in the chrome before and after the article, and kept in a script and in the article."""

    def render(self, context):
        self.rendered += 1
        page = context["page"]
        return (f"<html>\n  <head>\n    <title> {page.meta['title']} </title>\n    <meta content=\"{page.meta['description']}\">\n"
                f"    <script>\n  var title = '{page.meta['title']}';\n</script>\n  </head>\n  <body>\n"
                f"    <nav>\n      <a href=\"../../{page.url}\"> 中文 </a>\n    </nav>\n"
                f"    <article class=\"md-typeset\">\n      {page.content}\n    </article>\n"
                f"    <footer>\n      <a href=\"https://x.example/{page.url}\"> {page.meta['title']}</a>\n    </footer>\n"
                f"  </body>\n</html>\n")


def test_a_poured_page_is_written_as_the_page_squeezed_whole():
    """_Shells.finished squeezes each shape's chrome once, then pours: the page written is the
    page squeezed whole (_finished), also when a value would change the squeeze around it
    (white space at its ends, a line break): such a page is squeezed whole."""
    material = Article()
    shells = _Shells(material)
    pages = [a_page(n) for n in range(40)]
    pages[20].meta["title"] = "项目20 · 某省 "
    pages[30].meta["description"] = "项目30\n  某省"
    for page in pages:
        output = shells.page(page, {"page": page})
        assert shells.finished(page.file.src_uri, output) == mkdocs_engine._finished(Article().render({"page": page}))
    assert material.rendered == 2   # the rest poured
    assert sum(shape["finished"] for shape in shells.shapes.values()) == 36   # poured and squeezed once: all but two


def test_a_squeezed_shell_that_would_write_another_page_stops_the_build(monkeypatch):
    monkeypatch.setattr(mkdocs_engine, "_inert", lambda value: True)   # a title ending in white space let through
    shells = _Shells(Article())
    pages = [a_page(n) for n in range(3)]
    pages[2].meta["title"] = "项目2 · 某省 "
    for page in pages[:2]:
        shells.finished(page.file.src_uri, shells.page(page, {"page": page}))
    with pytest.raises(RuntimeError, match="differs from the page squeezed"):
        shells.finished(pages[2].file.src_uri, shells.page(pages[2], {"page": pages[2]}))


def test_a_shell_squeezed_once_takes_any_inert_values_as_the_page_squeezed_whole():
    """The property the squeezed shell rests on (_inert): on any chrome of tags, text, white
    space and kept blocks around slots (a script may hold one), pouring values without a tag, a line break or white
    space at their ends into the squeezed shell writes the page squeezed whole."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    text = st.lists(st.sampled_from(["<a>", "</a>", '<meta content="', '">', "<div>", "</div>", "<br>", " ", "  ",
                                     "\n", "\n  ", "\t", "\u3000", "首页", "x y", "<script> a\n  b </script>",
                                     "<pre>\n  x </pre>", "<script>", "</script>"]), max_size=8).map("".join)
    value = st.text(st.sampled_from("ab 首页\t\u3000&\"'/."), min_size=1, max_size=6).filter(mkdocs_engine._inert)
    names = ("title", "url", "description")

    @settings(max_examples=2000, deadline=None)
    @given(st.lists(st.tuples(text, st.sampled_from(names)), max_size=5), text, text, text,
           st.lists(st.tuples(st.sampled_from(names), text), max_size=3), st.fixed_dictionaries({n: value for n in names}),
           st.text(st.sampled_from("<p> \n x"), max_size=8))
    def alike(before, gap, after, end, foot, chosen, content):
        shell = [part for piece, name in before for part in (piece, name)] + [gap + "<article>" + after, "content",
                                                                             "</article>" + end]
        shell += [part for name, piece in foot for part in (name, piece)]
        values = [("content", content), *chosen.items()]
        head, article, tail = _Shells._squeezed_shell(shell)
        poured = _Shells._pour(head, values) + mkdocs_engine._squeezed(_Shells._pour(article, values),
                                                                       mkdocs_engine._lines) + _Shells._pour(tail, values)
        assert poured == mkdocs_engine._finished(_Shells._pour(shell, values))

    alike()
