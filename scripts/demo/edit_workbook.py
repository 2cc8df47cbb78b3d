#!/usr/bin/env python3
"""edit_workbook.py IN OUT: what an editor does to the exported workbook in
a spreadsheet program, done by a program other than sheetlog (openpyxl):
in section 2's worksheet, insert a row after 2-5 with a new question and
renumber the rows below it by hand (2-6 -> 2-7, ...), as Excel users do,
and reword one answer in section 1. The result shows the import's plan:
1 added + the shifted items renumbered + 1 modified, no item lost."""
import sys

import openpyxl

src, dst = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src)


def header(ws):
    for row in ws.iter_rows(min_row=1, max_row=10):
        names = [c.value for c in row]
        if "No" in names and "評価内容" in names:
            return row[0].row, {n: i + 1 for i, n in enumerate(names) if n}
    return None, None


for ws in wb.worksheets:
    top, col = header(ws)
    if not top:
        continue
    ids = {ws.cell(r, col["No"]).value: r for r in range(top + 1, ws.max_row + 1)}
    if "1-2" in ids:
        cell = ws.cell(ids["1-2"], col["回答内容"])
        cell.value = cell.value.rstrip("。") + "（2023年6月に見直し）。"
    if "2-5" in ids:
        at = ids["2-5"] + 1
        for r in range(ws.max_row, at - 1, -1):  # renumber by hand, bottom up
            c = ws.cell(r, col["No"])
            if isinstance(c.value, str) and c.value.startswith("2-"):
                c.value = "2-%d" % (int(c.value[2:]) + 1)
        ws.insert_rows(at)
        ws.cell(at, col["No"]).value = "2-6"
        ws.cell(at, col["項目"]).value = ws.cell(at - 1, col["項目"]).value
        ws.cell(at, col["評価内容"]).value = "クラウド基盤の構成変更は、事前にユーザーへ通知されますか。"
        ws.cell(at, col["回答内容"]).value = "重要な構成変更は、実施の30日前までにお知らせします。"
wb.save(dst)
