"""A one-sheet xlsx workbook (Office Open XML), written directly.

The downloads are one table each: a bold heading row, then strings, numbers and booleans.
XlsxWriter, a general writer, spent about 0.16 ms a row and 8 ms a workbook on them; at
1,000 chains that was 18 s of every language's build (each row is in three lists). This
writes the same table as a handful of fixed XML parts and one sheet of inline strings, about
three times faster. openpyxl reads the files back in the tests.

Reproducible: every zip entry is dated 1980-01-01, and the document's dates are the build's.
Text stays text: strings are inline strings, never formulas or numbers; a column of web
addresses can be made links (hyperlink relationships, not formulas). A re-user should not have
to fix the sheet: columns as wide as their content, the heading frozen and filterable, amounts
with two decimals, title, author and language in the document's properties.
"""
from __future__ import annotations

import io
import re
import time
import zipfile
from dataclasses import dataclass
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


@dataclass(frozen=True)
class About:
    """What a workbook says of itself (its document properties), and how its sheet is laid out:
    column widths in characters (see `widths`), and the column whose cells are web addresses,
    each then a link (`links`: one address per row, in the rows' order)."""

    title: str = ""
    creator: str = ""
    language: str = ""
    widths: tuple[float, ...] = ()
    link_column: int | None = None
    links: tuple[str, ...] = ()


def workbook(sheet_name: str, heading: list[str], rows: list[list | Row], epoch: int, about: About = About()) -> bytes:
    """The table as an xlsx file: `heading` in bold, frozen and with a filter, then `rows`
    (lists of values, as `row` takes them, or rows it made)."""
    raw = io.BytesIO()
    links = about.links if about.link_column is not None else ()
    parts = [("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _PACKAGE_RELS),
             ("docProps/core.xml", _core(epoch, about)), ("xl/workbook.xml", _workbook(sheet_name, heading, rows)),
             ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS), ("xl/styles.xml", _STYLES),
             ("xl/worksheets/sheet1.xml", _sheet(heading, rows, about, links))]
    if links:
        parts.append(("xl/worksheets/_rels/sheet1.xml.rels", _sheet_rels(links)))
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts:
            package.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text.encode("utf-8"),
                             zipfile.ZIP_DEFLATED)
    return raw.getvalue()


def cell_widths(values: list) -> tuple[float, ...]:
    """How wide each value of a row shows, in Excel's character units (see `widths`)."""
    return tuple(0 if value is None else _width(value if isinstance(value, str) else
                                                f"{value:,.2f}" if isinstance(value, float) else str(value))
                 for value in values)


def widths(heading: list[str], rows: list[tuple[float, ...]], limit: float = 60) -> tuple[float, ...]:
    """Column widths (in Excel's character units) that fit the heading and the rows' values
    (each row's `cell_widths`), up to `limit`."""
    found = [_width(str(h)) + 3 for h in heading]   # the filter's button beside the heading
    for index, column in enumerate(zip(*rows)):
        if index < len(found):
            found[index] = max(found[index], max(column) + 1)
    return tuple(min(limit, w) for w in found)


def _width(text: str) -> float:
    # A Chinese character (three bytes in UTF-8) counts two, a Latin one one: counted in C, as
    # every cell of every download is measured.
    return (len(text.encode("utf-8")) + len(text)) / 2


def _core(epoch: int, about: About) -> str:
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
    said = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in
                   (("dc:title", about.title), ("dc:creator", about.creator), ("dc:language", about.language)) if value)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' + said +
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
            '</cp:coreProperties>')


def _sheet_name(sheet_name: str) -> str:
    # Excel refuses sheet names over 31 characters or with any of []:*?/\ in them.
    return re.sub(r"[\[\]:*?/\\]", " ", sheet_name)[:31] or "Sheet1"


def _filter_range(heading: list[str], rows: list) -> str:
    return f"$A$1:${_column_letters(max(len(heading), 1) - 1)}${len(rows) + 1}"


def _workbook(sheet_name: str, heading: list[str], rows: list) -> str:
    name = _sheet_name(sheet_name)
    quoted = "'" + name.replace("'", "''") + "'"
    # The heading's filter, as Excel itself records it (a hidden name for the filtered range).
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<bookViews><workbookView/></bookViews><sheets><sheet name="{escape(name, {chr(34): "&quot;"})}" '
            'sheetId="1" r:id="rId1"/></sheets>'
            '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
            f'{escape(quoted)}!{_filter_range(heading, rows)}</definedName></definedNames></workbook>')


def _sheet(heading: list[str], rows: list[list | Row], about: About, links: tuple[str, ...]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
             'state="frozen"/></sheetView></sheetViews>']
    if about.widths:
        lines.append("<cols>" + "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
                                        for i, w in enumerate(about.widths, start=1)) + "</cols>")
    lines.append("<sheetData>")
    lines.append("1".join(row(heading, ' s="1"')))
    lines.extend(str(number).join(r if isinstance(r, Row) else row(r)) for number, r in enumerate(rows, start=2))
    lines.append(f'</sheetData><autoFilter ref="{_filter_range(heading, rows).replace("$", "")}"/>')
    if links:
        column = _column_letters(about.link_column)
        lines.append("<hyperlinks>" + "".join(f'<hyperlink ref="{column}{number}" r:id="rId{number}"/>'
                                              for number, link in enumerate(links, start=2) if link) + "</hyperlinks>")
    lines.append("</worksheet>")
    return "".join(lines)


def _sheet_rels(links: tuple[str, ...]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{number}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                      f'relationships/hyperlink" Target="{escape(link, {chr(34): "&quot;"})}" TargetMode="External"/>'
                      for number, link in enumerate(links, start=2) if link)
            + "</Relationships>")


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
