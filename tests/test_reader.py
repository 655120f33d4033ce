"""The YAML reader: YAML 1.2 scalars, lines kept, and never a traceback on arbitrary input."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import load, reader
from generator.report import Report


def test_yaml_12_scalars():
    data = reader.parse_yaml("a: no\nb: on\nc: 0371\nd: 2021-10-20\ne: true\nf: 12\ng: 1.5\nh: ~\n")
    assert data == {"a": "no", "b": "on", "c": "0371", "d": "2021-10-20", "e": True, "f": 12, "g": 1.5, "h": None}


def test_lines_of_keys_and_items():
    data = reader.parse_yaml("# comment\nlist:\n  - one\n  - two\nkey: value\n")
    assert data.lines == {"list": 2, "key": 5}
    assert data["list"].lines == [3, 4]


@pytest.mark.parametrize("text, expected", [
    ("a: 1\na: 2\n", "each key once"),
    ("a: &x 1\nb: *x\n", "no YAML anchors"),
    ("a: !!python/object:os.system ls\n", "plain YAML values"),
    ("<<: {a: 1}\n", "no YAML merge keys"),
    ("a: 1\n---\nb: 2\n", "valid YAML"),
    ("a:\n\t- 1\n", "indentation with spaces"),
])
def test_refusals(text, expected):
    with pytest.raises(reader.ReadError) as err:
        reader.parse_yaml(text)
    assert expected in err.value.expected_en


@pytest.mark.parametrize("raw, expected", [
    (b"", "a non-empty file"),
    (b"name: \xff\xfe\n", "UTF-8 text"),
    (b"a: 1\x00", "a text file"),
    (b"x" * (reader.MAX_FILE_BYTES + 1), "a file of at most"),
])
def test_bytes_refused(raw, expected):
    with pytest.raises(reader.ReadError) as err:
        reader.decode(raw)
    assert expected in err.value.expected_en


def test_byte_order_mark_is_accepted():
    assert reader.parse_yaml(reader.decode("\ufeffa: 1\n".encode("utf-8"))) == {"a": 1}


def test_front_matter_lines():
    page = reader.parse_front_matter("---\nid: x\ntitle: y\n---\n\nBody\n")
    assert page.meta.lines == {"id": 2, "title": 3}
    assert page.body == "Body\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:- \n\t{}[],&*!#'\"|>?%@`0o链\ufeff")), max_size=80))
def test_arbitrary_yaml_is_data_or_a_read_error(text):
    try:
        reader.parse_yaml(text)
    except reader.ReadError as err:
        assert err.expected_en and err.expected_zh


def test_a_large_portal_read_side_by_side_gives_what_one_reader_gives(portal, monkeypatch):
    # Problems in files on both sides of the split: the two readers' reports are merged whole.
    projects = portal / "content" / "projects"
    (projects / "aa-broken.yml").write_text("- id: x\n  name: {zh: 甲\n", encoding="utf-8")
    (projects / "zz-broken.yml").write_text("- id: y\n\tname: 乙\n", encoding="utf-8")
    (portal / "chains" / "notes.txt").write_text("not a chain\n", encoding="utf-8")

    def read(threshold):
        monkeypatch.setattr(load, "SIDE_BY_SIDE_FROM_BYTES", threshold)
        report = Report()
        records = load.load(portal, report)
        return [(r.kind, r.path, r.line, r.data, r.data.lines) for r in records], sorted(report.issues)

    one = read(10**12)
    two = read(0)
    assert one == two
    assert len(one[0]) > 5 and {i.path for i in one[1]} >= {"content/projects/aa-broken.yml",
                                                             "content/projects/zz-broken.yml", "chains/notes.txt"}
