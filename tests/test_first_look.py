"""serve's first look: the lines an edit changed, the pages of the records holding them, and
which open pages reload (generator/serve.py, build.edited_pages). No build: fast."""
from __future__ import annotations

from types import SimpleNamespace

from generator import serve
from generator.build import edited_pages


def test_the_lines_an_edit_changed_are_counted_in_the_new_text():
    before = "- id: a\n  amount: 1\n- id: b\n  amount: 2\n"
    assert serve.edited_lines(before, before.replace("amount: 2", "amount: 3")) == {4}
    assert serve.edited_lines(before, before.replace("- id: b\n", "- id: b\n  note: x\n")) == {4}
    assert serve.edited_lines(before, before.replace("  amount: 1\n", "")) == {2}   # removed: the line after
    assert serve.edited_lines("", before) == {1, 2, 3, 4}
    assert serve.edited_lines(before, before) == set()


def test_an_edited_line_chooses_the_page_of_the_record_it_is_in():
    def page(path, file, line):
        return SimpleNamespace(path=path, origin=(file, line))

    pages = [page("p/a/", "content/projects/j.yml", 1), page("p/b/", "content/projects/j.yml", 3),
             page("j/", "content/jurisdictions/j.yml", 1), page("list/", "content/projects", 0)]
    assert edited_pages(pages, {"content/projects/j.yml": {4}}) == {"p/b/"}
    assert edited_pages(pages, {"content/projects/j.yml": {1, 2}}) == {"p/a/"}
    assert edited_pages(pages, {"content/jurisdictions/j.yml": {40}}) == {"j/"}
    assert edited_pages(pages, {"chains/j/c.yml": {1}}) == set()   # no page's record: the whole rebuild shows it


def test_an_open_page_reloads_only_when_a_rebuild_since_it_was_loaded_changed_it(monkeypatch):
    monkeypatch.setattr(serve._State, "changed", [{"/", "/p/a/", "/j/"}, {"/p/a/"}, {"/en/p/a/", "/j/"}])
    assert serve._reload(0, "/") and not serve._reload(1, "/")
    assert serve._reload(1, "/p/a/") and serve._reload(1, "/p/a/index.html")
    assert not serve._reload(2, "/p/a/") and serve._reload(2, "/en/p/a/") and serve._reload(2, "/j/")
    assert not serve._reload(3, "/j/")                         # nothing since the third


def test_serve_parses_again_only_the_files_whose_bytes_changed(tmp_path, monkeypatch):
    """load.remember_files: a file read before with the same bytes gives the same records and
    the same problems without being parsed; an edited one is parsed; a removed one forgotten."""
    import shutil

    from conftest import LINHAI
    from generator import load, reader
    from generator.report import Report

    root = tmp_path / "portal"
    shutil.copytree(LINHAI, root)
    monkeypatch.setattr(load._Remembered, "files", None)
    load.remember_files()
    parsed = []
    parse = reader.parse_yaml

    def parse_file(text, **options):   # a policy's front matter (first_line) is read again each time
        if not options:
            parsed.append(text)
        return parse(text, **options)

    monkeypatch.setattr(reader, "parse_yaml", parse_file)
    projects = root / "content" / "projects" / "linhai.yml"
    projects.write_text(projects.read_text(encoding="utf-8") + "- just text\n", encoding="utf-8")   # a problem

    def read() -> tuple[list, list]:
        report = Report()
        return load.load(root, report), report.issues

    first, first_issues = read()
    assert parsed and any("just text" in issue.found for issue in first_issues)
    files = len(parsed)
    parsed.clear()
    again, again_issues = read()
    assert parsed == [] and again_issues == first_issues
    assert [record.data for record in again] == [record.data for record in first]
    projects.write_text(projects.read_text(encoding="utf-8").replace("amount: 2.5", "amount: 7.25"), encoding="utf-8")
    edited, _ = read()
    assert len(parsed) == 1 and "amount: 7.25" in parsed[0]
    assert any(record.data.get("amount") == 7.25 for record in edited)
    units = root / "content" / "units" / "linhai.yml"
    units.unlink()
    read()
    assert units not in load._Remembered.files and len(load._Remembered.files) == files - 1
