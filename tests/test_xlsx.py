"""The xlsx downloads' writer: files a spreadsheet opens, with the text exactly as written."""
import io
import re
import zipfile
from xml.etree import ElementTree

from hypothesis import given, settings, strategies as st
from openpyxl import load_workbook

from generator import xlsx

EPOCH = 1_700_000_000


def read(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_values_keep_their_types_and_text_is_never_a_formula_or_a_link():
    rows = [["a<b & 'c'\" ", 1.5, True, None], ["=1+1", 3, False, "http://x.invalid/?a=1&b=2"]]
    sheet = read(xlsx.workbook("项目", ["名称", "amount", "flag", "note"], rows, EPOCH))
    assert list(sheet.values) == [("名称", "amount", "flag", "note"), tuple(rows[0]), tuple(rows[1])]
    assert [c.data_type for c in sheet[3]] == ["s", "n", "b", "s"]   # "=1+1" is a string, not a formula
    assert sheet.title == "项目" and sheet.freeze_panes == "A2"
    assert all(c.font.b for c in sheet[1]) and not any(c.font.b for c in sheet[2])


def test_control_characters_become_excel_escapes_and_long_cells_are_cut_to_excels_limit():
    sheet = read(xlsx.workbook("x", ["a", "b"], [["bell\x07 tab\t", "_x0041_"], ["长" * 40_000, "ok"]], EPOCH))
    values = list(sheet.values)
    # Excel reads _x0007_ back as the character itself, and _x005F_ as a literal underscore.
    assert values[1] == ("bell_x0007_ tab\t", "_x005F_x0041_")
    assert len(values[2][0]) == xlsx.MAX_CELL_CHARS


def test_a_row_made_once_reads_back_wherever_it_is_placed():
    made = xlsx.row(["a&b", 2, None, True, "\x07"])
    plain = [["x"], ["a&b", 2, None, True, "\x07"]]
    assert xlsx.workbook("t", ["h"], [["x"], made], EPOCH) == xlsx.workbook("t", ["h"], plain, EPOCH)
    sheet = read(xlsx.workbook("t", ["h"], [made, ["y"], made], EPOCH))
    assert [c.coordinate for c in sheet[4] if c.value is not None] == ["A4", "B4", "D4", "E4"]
    assert list(sheet.values)[1] == list(sheet.values)[3] == ("a&b", 2, None, True, "_x0007_")


def test_every_part_is_well_formed_xml_and_the_file_is_reproducible():
    data = xlsx.workbook("a/b:c*[d]? and a name longer than thirty-one characters", ["h"], [["v"]], EPOCH)
    assert data == xlsx.workbook("a/b:c*[d]? and a name longer than thirty-one characters", ["h"], [["v"]], EPOCH)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            ElementTree.fromstring(package.read(info))
        assert b"2023-11-14T22:13:20Z" in package.read("docProps/core.xml")
    title = read(data).title
    assert len(title) <= 31 and not re.search(r"[\[\]:*?/\\]", title)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9),
                                   st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40)),
                         min_size=3, max_size=3), max_size=8))
def test_any_table_opens_and_plain_text_reads_back_as_written(rows):
    sheet = read(xlsx.workbook("t", ["a", "b", "c"], rows, EPOCH))
    read_back = list(sheet.values)[1:]
    for written, got in zip(rows, read_back):
        for value, cell in zip(written, got):
            if isinstance(value, str) and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_", value):
                continue   # escaped for Excel, checked above
            if isinstance(value, str):
                assert cell == (value or None)   # an empty string is an empty cell
            else:
                assert cell == value
