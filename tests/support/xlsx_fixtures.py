#!/usr/bin/env python3
"""xlsx_fixtures.py OUTDIR [ITEMS_DIR]: the workbooks the xlsx reader's tests
read, written by programs other than sheetlog: openpyxl (as a user's script or
a re-save would) and, for the shapes openpyxl cannot write (rich-text runs,
inline strings, phonetic guides) and the hostile archives, Python's zipfile
with the XML spelled out. ITEMS_DIR (a checklist/items directory) makes the
workbooks that hold that sheet's items. Exits 77 when openpyxl is missing.
Fast on purpose: the 1,000,000-row worksheet is streamed, not built."""
import datetime
import glob
import json
import os
import re
import struct
import sys
import zipfile
import zlib

try:
    import openpyxl
    from openpyxl.styles import Font
except ImportError:
    print("SKIP: python3-openpyxl is not installed")
    sys.exit(77)

out = sys.argv[1]
items_dir = sys.argv[2] if len(sys.argv) > 2 else None
os.makedirs(out, exist_ok=True)


def path(name):
    return os.path.join(out, name)


# ---- spelled-out packages (zipfile) ----

CT = ('<?xml version="1.0" encoding="UTF-8"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'


def workbook_xml(names, pr=''):
    sheets = ''.join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1)
                     for i, n in enumerate(names))
    return '<?xml version="1.0" encoding="UTF-8"?><workbook %s>%s<sheets>%s</sheets></workbook>' % (NS, pr, sheets)


def workbook_rels(n, extra=''):
    rels = ''.join('<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, REL, i + 1)
                   for i in range(n))
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '%s%s</Relationships>' % (rels, extra))


def sheet_xml(rows, tail=''):
    return '<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s</sheetData>%s</worksheet>' % (NS, rows, tail)


def package(name, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path(name), 'w', compression) as z:
        for n, data in parts:
            z.writestr(n, data)


def basic_parts(sheet, shared=None, styles=None, pr=''):
    extra = ''
    parts = [('[Content_Types].xml', CT), ('_rels/.rels', ROOT_RELS)]
    if shared is not None:
        extra += '<Relationship Id="rId90" Type="%ssharedStrings" Target="sharedStrings.xml"/>' % REL
        parts.append(('xl/sharedStrings.xml', shared))
    if styles is not None:
        extra += '<Relationship Id="rId91" Type="%sstyles" Target="/xl/styles.xml"/>' % REL
        parts.append(('xl/styles.xml', styles))
    parts += [('xl/workbook.xml', workbook_xml(['raw'], pr)),
              ('xl/_rels/workbook.xml.rels', workbook_rels(1, extra)),
              ('xl/worksheets/sheet1.xml', sheet)]
    return parts


# raw.xlsx: what Excel writes and openpyxl cannot: rich-text runs in shared
# and inline strings, a phonetic guide (<rPh>, left out), _x000D_, a
# formula's string and error results, cells and rows without r, a custom
# Japanese date format, the 1904 date system.
SST = ('<?xml version="1.0" encoding="UTF-8"?><sst %s count="3" uniqueCount="3">'
       '<si><t>plain</t></si>'
       '<si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space="preserve">runs </t></r><r><rPr><i/></rPr><t>joined</t></r></si>'
       '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>'
       '<si><r><t>kept </t></r><r><rPr><strike/></rPr><t>deleted </t></r><r><rPr><strike val="0"/></rPr><t>also kept</t></r></si>'
       '</sst>') % NS
STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet %s>'
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
          '<fonts count="2"><font><sz val="11"/></font><font><strike/><sz val="11"/></font></fonts>'
          '<cellStyleXfs count="1"><xf numFmtId="14" fontId="1"/></cellStyleXfs>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="0" fontId="1"/></cellXfs>'
          '</styleSheet>') % NS
RAW_ROWS = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><r><t>in</t></r><r><rPr><b/></rPr><t>line</t></r></is></c>'
            '<c r="B2" t="inlineStr"><is><t>a_x000D_b</t></is></c>'
            '<c r="D2" t="str"><f>CONCAT("x","y")</f><v>xy</v></c><c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
            '<row><c><v>7</v></c><c s="1"><v>45658</v></c><c s="2"><v>0</v></c></row>'
            '<row r="6"><c r="AB6" t="b"><v>1</v></c><c r="AC6" s="0"/></row>'
            # a run struck through is deleted text; so is a struck cell
            '<row r="7"><c r="A7" t="s"><v>3</v></c><c r="B7" t="s" s="3"><v>0</v></c>'
            '<c r="C7" t="inlineStr"><is><r><rPr><strike/></rPr><t>gone</t></r><r><t>stays</t></r></is></c></row>')
package('raw.xlsx', basic_parts(sheet_xml(RAW_ROWS), SST, STYLES, '<workbookPr date1904="1"/>'))

# kinds.xlsx (openpyxl): shared strings, numbers as a spreadsheet shows
# them, booleans, dates and a date-time, empty cells and rows, sparse
# columns, a merged range.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "種類"
ws["A1"] = "文字"
ws["B1"] = 42
ws["C1"] = 1.5
ws["D1"] = 0.1 + 0.2
ws["E1"] = 1e20
ws["F1"] = -3.0
ws["A2"] = True
ws["B2"] = False
ws["A3"] = datetime.date(2024, 1, 2)
ws["B3"] = datetime.datetime(2024, 1, 2, 3, 4, 5)
ws["C3"] = datetime.date(2026, 1, 1)
ws["C3"].number_format = 'm"月"d"日"'
ws["C5"] = "sparse"
ws["A7"] = "merged"
ws.merge_cells("A7:A9")
wb.save(path("kinds.xlsx"))

# ---- workbooks of the sheet (ITEMS_DIR) ----


def natural(i):
    return [int(x) for x in re.findall(r"\d+", i["id"])]


if items_dir:
    items = [json.load(open(f, encoding="utf-8")) for f in glob.glob(os.path.join(items_dir, "*.json"))]
    items.sort(key=natural)
    sections = []
    for it in items:
        if it["section"] not in sections:
            sections.append(it["section"])
    head = ["No", "項目", "評価内容", "回答内容"]

    def sheet_book(name, edit=None, merge=False, blank=True, reverse=True, title_rows=2):
        """Worksheets renamed and in reverse order, a title above the
        header, an empty row inside, repeated categories blank or merged,
        a cover and a change list that are not item worksheets."""
        wb = openpyxl.Workbook()
        cover = wb.active
        cover.title = "表紙のつもり"
        cover["A1"] = "チェックシート"
        cover["B3"] = "No"  # a heading alone is not a header row
        order = list(reversed(sections)) if reverse else sections
        for n, sec in enumerate(order):
            ws = wb.create_sheet("別名%d" % (n + 1))
            ws.cell(row=1, column=1, value="セクション %s" % sec).font = Font(bold=True)
            r = title_rows + 1
            for c, h in enumerate(head, 1):
                ws.cell(row=r, column=c, value=h)
            prev = None
            start = None
            for it in [i for i in items if i["section"] == sec]:
                r += 1
                if r == title_rows + 3:
                    r += 1  # an empty row among the items
                answer = it["answer"]
                if edit and it["id"] in edit:
                    answer = edit[it["id"]]
                cat = it.get("category", "")
                ws.cell(row=r, column=1, value=it["id"])
                if cat != prev or not blank:
                    ws.cell(row=r, column=2, value=cat)
                    if merge and start and start < r - 1:
                        ws.merge_cells(start_row=start, start_column=2, end_row=r - 1, end_column=2)
                    start = r
                # Text, even where it looks like a formula (=1+1).
                ws.cell(row=r, column=3, value=it["question"]).data_type = "s"
                ws.cell(row=r, column=4, value=answer).data_type = "s"
                prev = cat
            if merge and start and start < r:
                ws.merge_cells(start_row=start, start_column=2, end_row=r, end_column=2)
        changes = wb.create_sheet("変更一覧")
        for c, h in enumerate(["No", "旧番号", "種別", "項目", "旧", "新"], 1):
            changes.cell(row=1, column=c, value=h)
        changes.append(["1-1", "1-1", "変更", "回答内容", "古い", "新しい"])
        wb.save(path(name))

    sheet_book("reordered.xlsx")
    sheet_book("merged.xlsx", merge=True, reverse=False, title_rows=0)
    first = items[0]["id"]
    sheet_book("edited.xlsx", edit={first: "回答を書き換えました。"}, blank=False)

    # date-id.xlsx: the first item's id typed as 1-1 became 1月1日.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "日付"
    ws.append(head)
    ws.append([datetime.date(2026, 1, 1), items[0].get("category", ""), items[0]["question"], items[0]["answer"]])
    ws["A2"].number_format = 'm"月"d"日"'
    wb.save(path("date-id.xlsx"))

    # Row failures name the worksheet: a duplicate id in another
    # worksheet's row 2, headers that differ, a cell under no heading.
    def simple(name, sheets):
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, rows in sheets:
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        wb.save(path(name))
    it = items[0]
    simple("dup.xlsx", [("A", [head, [it["id"], it.get("category"), it["question"], it["answer"]]]),
                        ("B", [head, [it["id"], it.get("category"), it["question"], it["answer"]]])])
    simple("headers.xlsx", [("A", [head, [it["id"], it.get("category"), it["question"], it["answer"]]]),
                            ("B", [head[:3], [it["id"], it.get("category"), it["question"]]])])
    simple("outside.xlsx", [("A", [head, [it["id"], it.get("category"), it["question"], it["answer"], None, "メモ"]])])

# A header 300 columns wide.
wb = openpyxl.Workbook()
wb.active.append(["No", "評価内容"] + ["列%d" % i for i in range(300)])
wb.save(path("wide.xlsx"))

# ---- hostile workbooks ----
good = basic_parts(sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c></row>'))
package("good.xlsx", good)

# A zip bomb that admits its size: 100 MiB of spaces in one part.
big = b" " * (100 << 20)
package("bomb.xlsx", good[:-1] + [("xl/worksheets/sheet1.xml", big)])
del big

# A zip bomb that lies: 8 MiB that the headers say is 1,000 bytes.
package("bomb-lying.xlsx", good[:-1] + [("xl/worksheets/sheet1.xml", sheet_xml("<row/>" * (8 << 17)))])
data = bytearray(open(path("bomb-lying.xlsx"), "rb").read())
name = b"xl/worksheets/sheet1.xml"
for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
    i = 0
    while True:
        i = data.find(sig, i)
        if i < 0:
            break
        nlen = struct.unpack_from("<H", data, i + (26 if sig == b"PK\x03\x04" else 28))[0]
        hdr = 30 if sig == b"PK\x03\x04" else 46
        if data[i + hdr:i + hdr + nlen] == name:
            struct.pack_into("<I", data, i + off, 1000)
        i += 4
open(path("bomb-lying.xlsx"), "wb").write(data)

# Entity expansion (billion laughs) and an external entity.
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + ''.join('<!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i - 1) if i else '&lol;') * 10) for i in range(10))
          + ']><workbook %s><sheets><sheet name="&lol9;" sheetId="1" r:id="rId1"/></sheets></workbook>') % NS
package("laughs.xlsx", [p if p[0] != "xl/workbook.xml" else (p[0], LAUGHS) for p in good])
XXE = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       '<sst %s><si><t>&x;</t></si></sst>') % NS
package("xxe.xlsx", basic_parts(sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), XXE))

# Unsafe entry names.
package("dotdot.xlsx", good + [("../../evil.txt", "x")])
package("absolute.xlsx", good + [("/etc/evil.txt", "x")])
package("nul.xlsx", good + [("xl/evilXname.xml", "x")])
data = open(path("nul.xlsx"), "rb").read().replace(b"evilXname", b"evil\0name")
open(path("nul.xlsx"), "wb").write(data)

# A truncated archive, and missing parts.
whole = open(path("good.xlsx"), "rb").read()
open(path("truncated.xlsx"), "wb").write(whole[:len(whole) // 2])
package("no-workbook.xlsx", [("[Content_Types].xml", CT), ("_rels/.rels", ROOT_RELS)])
package("dangling.xlsx", [p for p in good if p[0] != "xl/worksheets/sheet1.xml"])

# 1,000,000 rows, streamed into the archive (about 30 MB inflated).
with zipfile.ZipFile(path("million.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for n, d in good[:-1]:
        z.writestr(n, d)
    with z.open("xl/worksheets/sheet1.xml", "w") as f:
        f.write(('<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>' % NS).encode())
        chunk = []
        for r in range(1, 1000001):
            chunk.append('<row r="%d"><c><v>1</v></c></row>' % r)
            if len(chunk) == 20000:
                f.write("".join(chunk).encode())
                chunk = []
        f.write(b"</sheetData></worksheet>")
print("wrote workbooks into", out)
