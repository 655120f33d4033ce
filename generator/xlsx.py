"""A one-sheet xlsx workbook (Office Open XML), written directly.

The downloads are one table each: a bold heading row, then strings, numbers and booleans.
XlsxWriter, a general writer, spent about 0.16 ms a row and 8 ms a workbook on them; at
1,000 chains that was 18 s of every language's build (each row is in three lists). This
writes the same table as a handful of fixed XML parts and one sheet of inline strings, about
three times faster. openpyxl reads the files back in the tests.

Reproducible: every zip entry is dated 1980-01-01, and the document's dates are the build's.
Text stays text: strings are inline strings, never formulas, numbers or links.
"""
from __future__ import annotations

import io
import re
import time
import zipfile
from xml.sax.saxutils import escape

MAX_CELL_CHARS = 32_767   # Excel's limit; a longer cell makes Excel repair the file
# XML 1.0 allows no control characters but tab and newlines; Excel's own escape for them is
# _xHHHH_, so an underscore that would read as such an escape is escaped too (as _x005F_).
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '</Types>')
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '</Relationships>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '</Relationships>')
# Three cell formats: 0 plain, 1 bold (the heading row), 2 an amount (#,##0.00, as the pages show it).
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '</fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


class Row(tuple):
    """A row's XML cut where its number goes: `str(number).join(row)`. Made once (`row`), a
    row then joins every workbook it belongs to at the cost of one join: at 1,000 chains each
    project is in three downloads."""


def row(values: list, style: str = "") -> Row:
    """A row of str, int, float, bool or None (an empty cell)."""
    pieces, cell = ['<row r="'], '">'
    for index, value in enumerate(values):
        if value is None or value == "":
            continue   # an empty cell, as a spreadsheet writes it
        pieces.append(cell + '<c r="' + _column_letters(index))
        if isinstance(value, bool):
            cell = f'"{style} t="b"><v>{int(value)}</v></c>'
        elif isinstance(value, float):
            cell = '"' + (style or ' s="2"') + f'><v>{value!r}</v></c>'
        elif isinstance(value, int):
            cell = f'"{style}><v>{value!r}</v></c>'
        else:
            cell = '"' + style + ' t="inlineStr"><is><t xml:space="preserve">' + _text(value) + "</t></is></c>"
    pieces.append(cell + "</row>")
    return Row(pieces)


def _text(value) -> str:
    text = (str(value)[:MAX_CELL_CHARS].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))   # a bare \r would read back as \n
    return _UNWRITABLE.sub(_excel_escape, text)


def _excel_escape(match: re.Match) -> str:
    return f"_x{ord(match.group()):04X}_"


def workbook(sheet_name: str, heading: list[str], rows: list[list | Row], epoch: int) -> bytes:
    """The table as an xlsx file: `heading` in bold and frozen, then `rows` (lists of values,
    as `row` takes them, or rows it made)."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _PACKAGE_RELS),
                           ("docProps/core.xml", _core(epoch)), ("xl/workbook.xml", _workbook(sheet_name)),
                           ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS), ("xl/styles.xml", _STYLES),
                           ("xl/worksheets/sheet1.xml", _sheet(heading, rows))):
            package.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text.encode("utf-8"),
                             zipfile.ZIP_DEFLATED)
    return raw.getvalue()


def _core(epoch: int) -> str:
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
            '</cp:coreProperties>')


def _workbook(sheet_name: str) -> str:
    # Excel refuses sheet names over 31 characters or with any of []:*?/\ in them.
    name = escape(re.sub(r"[\[\]:*?/\\]", " ", sheet_name)[:31] or "Sheet1", {'"': "&quot;"})
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<bookViews><workbookView/></bookViews><sheets><sheet name="{name}" '
            'sheetId="1" r:id="rId1"/>'
            '</sheets></workbook>')


def _sheet(heading: list[str], rows: list[list | Row]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
             'state="frozen"/></sheetView></sheetViews><sheetData>',
             "1".join(row(heading, ' s="1"'))]
    lines.extend(str(number).join(r if isinstance(r, Row) else row(r)) for number, r in enumerate(rows, start=2))
    lines.append("</sheetData></worksheet>")
    return "".join(lines)


def _column_letters(index: int) -> str:
    if index < len(_LETTERS):
        return _LETTERS[index]
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


_LETTERS = [chr(65 + i) for i in range(26)]   # A to Z, the usual table's columns
