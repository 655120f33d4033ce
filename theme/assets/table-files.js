/* A table as a CSV or an xlsx file, made in the browser: the list's "download this view".
   The same conventions as the published downloads (generator/opendata.py and xlsx.py): CSV in
   UTF-8 with a byte-order mark and text a spreadsheet would take for a formula prefixed with an
   apostrophe; xlsx with inline strings (never formulas), a bold frozen heading and amounts with
   two decimals. The xlsx is a zip of stored (uncompressed) parts: a few XML strings and a CRC,
   less code than loading a zip library for it. */
(function () {
  "use strict";
  var FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"];

  // A cell's text: booleans in the file's language, amounts with two decimals.
  function cellText(value, words) {
    if (value === null || value === undefined) return "";
    if (typeof value === "boolean") return value ? words.yes : words.no;
    if (typeof value === "number") return value.toFixed(2);
    return String(value);
  }

  function csv(columns, rows, words) {
    var lines = [columns.map(function (c) { return quote(c.title); }).join(",")];
    rows.forEach(function (row) {
      lines.push(columns.map(function (c) {
        var text = cellText(row[c.key], words);
        if (typeof row[c.key] === "string" && FORMULA_STARTS.indexOf(text.replace(/^\s+/, "").charAt(0)) !== -1) {
          text = "'" + text;
        }
        return quote(text);
      }).join(","));
    });
    return new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
  }

  function quote(text) {
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // --- xlsx ------------------------------------------------------------------------------------
  function xml(text) {
    return String(text).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function column(index) {
    var name = "";
    for (index += 1; index > 0; index = Math.floor((index - 1) / 26)) name = String.fromCharCode(65 + (index - 1) % 26) + name;
    return name;
  }

  function sheet(columns, rows, words) {
    var out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/',
      'spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" ',
      'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'];
    [null].concat(rows).forEach(function (row, r) {
      out.push('<row r="' + (r + 1) + '">');
      columns.forEach(function (c, i) {
        var ref = column(i) + (r + 1), value = row ? row[c.key] : c.title;
        if (row && typeof value === "number") {
          out.push('<c r="' + ref + '" s="2"><v>' + value + "</v></c>");
        } else {
          var text = row ? cellText(value, words) : value;
          if (text !== "") out.push('<c r="' + ref + '" t="inlineStr"' + (row ? "" : ' s="1"') + "><is><t xml:space=\"preserve\">" +
                                    xml(text.slice(0, 32767)) + "</t></is></c>");
        }
      });
      out.push("</row>");
    });
    out.push('</sheetData><autoFilter ref="A1:' + column(columns.length - 1) + (rows.length + 1) + '"/></worksheet>');
    return out.join("");
  }

  function xlsx(columns, rows, words, sheetName) {
    var head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    var main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    var rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    var types = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
    var parts = [
      ["[Content_Types].xml", head + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="' + types + 'sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="' + types + 'worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="' + types + 'styles+xml"/></Types>'],
      ["_rels/.rels", head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + rel + '/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
      ["xl/workbook.xml", head + '<workbook xmlns="' + main + '" xmlns:r="' + rel + '"><sheets><sheet name="' +
        xml(sheetName.slice(0, 31)) + '" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName ' +
        'name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'' + xml(sheetName.slice(0, 31)).replace(/'/g, "''") +
        "'!$A$1:$" + column(columns.length - 1) + "$" + (rows.length + 1) + "</definedName></definedNames></workbook>"],
      ["xl/_rels/workbook.xml.rels", head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + rel + '/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="' + rel + '/styles" Target="styles.xml"/></Relationships>'],
      ["xl/styles.xml", head + '<styleSheet xmlns="' + main + '"><fonts count="2"><font><sz val="11"/><name val="Calibri"/>' +
        '</font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill ' +
        'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/>' +
        '</borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf/><xf fontId="1" applyFont="1"/>' +
        '<xf numFmtId="2" applyNumberFormat="1"/></cellXfs></styleSheet>'],
      ["xl/worksheets/sheet1.xml", sheet(columns, rows, words)]
    ];
    return new Blob([zip(parts)], { type: types.replace(/\.$/, "") + ".sheet" });
  }

  // --- a zip of stored parts -------------------------------------------------------------------
  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  function zip(parts) {
    var encoder = new TextEncoder(), chunks = [], central = [], offset = 0;
    // A header: fields of [offset, value, bytes], little-endian.
    function header(size, fields) {
      var view = new DataView(new ArrayBuffer(size));
      fields.forEach(function (f) {
        if (f[2] === 4) view.setUint32(f[0], f[1], true); else view.setUint16(f[0], f[1], true);
      });
      return view.buffer;
    }
    parts.forEach(function (part) {
      var name = encoder.encode(part[0]), data = encoder.encode(part[1]), crc = crc32(data);
      // Local file header: version 2.0, UTF-8 names (bit 11), stored, dated 1980-01-01.
      chunks.push(header(30, [[0, 0x04034b50, 4], [4, 20, 2], [6, 0x0800, 2], [8, 0, 2], [10, 0, 2], [12, 0x21, 2],
                              [14, crc, 4], [18, data.length, 4], [22, data.length, 4], [26, name.length, 2], [28, 0, 2]]),
                  name, data);
      central.push(header(46, [[0, 0x02014b50, 4], [4, 20, 2], [6, 20, 2], [8, 0x0800, 2], [10, 0, 2], [12, 0, 2],
                               [14, 0x21, 2], [16, crc, 4], [20, data.length, 4], [24, data.length, 4], [28, name.length, 2],
                               [30, 0, 2], [32, 0, 2], [34, 0, 2], [36, 0, 2], [38, 0, 4], [42, offset, 4]]), name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (sum, c) { return sum + c.byteLength; }, 0);
    var end = header(22, [[0, 0x06054b50, 4], [4, 0, 2], [6, 0, 2], [8, parts.length, 2], [10, parts.length, 2],
                          [12, size, 4], [16, offset, 4], [20, 0, 2]]);
    return new Blob(chunks.concat(central, [end]));
  }

  window.portalTableFiles = { csv: csv, xlsx: xlsx };
})();
