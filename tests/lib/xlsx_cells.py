#!/usr/bin/env python3
"""Prints what a real reader sees in an .xlsx workbook, as JSON, for the tests of the status sheet.

Usage: xlsx_cells.py FILE

The tests (tests/unit/test_sheet_xlsx.c, tests/http) read a workbook back through openpyxl, a
reader that is not libxlsxwriter, so a file Excel would reject or read differently fails there.
Output:
  {"properties": {"title": ..., "creator": ...},
   "chart_parts": N,               # xl/charts/chart*.xml in the zip
   "sheets": [{"title": ..., "cells": {"A1": "text" or a number, ...},
               "formats": {"C3": "0\\"（暫定）\\"", ...},   # cells whose number format is not General
               "merged": ["A1:D1", ...], "charts": N, "freeze": "C3" or null,
               "chart_list": [{"title": ..., "series": [{"name": ..., "values": "'データ'!$C$3:$C$7",
                                "categories": ..., "points": {"0": 1.0, ...}}]}],
               "print": {"orientation": ..., "fitToWidth": ..., "fitToHeight": ...,
                         "fitToPage": bool, "paperSize": ...}}, ...]}
Numbers stay JSON numbers and text stays strings, so a test can tell 3 from "3". Empty cells are
left out. charts is what openpyxl found on the sheet; chart_parts counts the zip's chart parts in
case a reader does not attach charts to sheets. Exits 1 with a message when the file cannot be read.
"""
import json
import os
import re
import sys
import zipfile

try:
    import openpyxl
except ImportError:
    # Debian's python3-openpyxl is installed for /usr/bin/python3; a python3 found first on PATH
    # (pyenv, a venv) may not have it.
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and os.access("/usr/bin/python3", os.X_OK):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise


def cell_value(v):
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float)):
        return v
    return str(v)


def chart_title(chart):
    try:
        return "".join(r.t for p in chart.title.tx.rich.p for r in (p.r or []))
    except AttributeError:
        return None


def chart_json(chart):
    """A chart's title and, per series, its name, the ranges it reads and its cached points (a
    point left out of the cache is a gap, not a zero)."""
    series = []
    for s in chart.series:
        ref = s.val.numRef if s.val is not None else None
        cat = s.cat.strRef or s.cat.numRef if s.cat is not None else None
        cache = ref.numCache if ref is not None else None
        series.append({
            "name": s.tx.v if s.tx is not None else None,
            "values": ref.f if ref is not None else None,
            "categories": cat.f if cat is not None else None,
            "points": {str(p.idx): p.v for p in (cache.pt if cache is not None else [])},
        })
    return {"title": chart_title(chart), "series": series}


def sheet_json(ws):
    cells, formats = {}, {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None or c.value == "":
                continue
            cells[c.coordinate] = cell_value(c.value)
            if c.number_format and c.number_format != "General":
                formats[c.coordinate] = c.number_format
    ps = ws.page_setup
    fit = ws.sheet_properties.pageSetUpPr
    # An attribute left out has the schema's default (ECMA-376 CT_PageSetup): 1 page wide and
    # high, paper 1 (Letter). Writers leave out what equals the default, as libxlsxwriter
    # does fitToWidth="1", so report the value in force rather than openpyxl's None.
    return {
        "title": ws.title,
        "cells": cells,
        "formats": formats,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "charts": len(getattr(ws, "_charts", [])),
        "chart_list": [chart_json(c) for c in getattr(ws, "_charts", [])],
        "freeze": ws.freeze_panes,
        "print": {
            "orientation": ps.orientation,
            "fitToWidth": int(ps.fitToWidth) if ps.fitToWidth is not None else 1,
            "fitToHeight": int(ps.fitToHeight) if ps.fitToHeight is not None else 1,
            "fitToPage": bool(fit.fitToPage) if fit is not None else False,
            "paperSize": int(ps.paperSize) if ps.paperSize is not None else 1,
        },
    }


def main(argv):
    if len(argv) != 2:
        print("usage: xlsx_cells.py FILE", file=sys.stderr)
        return 2
    path = argv[1]
    try:
        with zipfile.ZipFile(path) as z:
            chart_parts = sum(1 for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        wb = openpyxl.load_workbook(path)
    except Exception as e:  # a broken workbook is the finding, not a crash of the reader
        print(f"xlsx_cells: cannot read '{path}': {e}", file=sys.stderr)
        return 1
    out = {
        "properties": {"title": wb.properties.title, "creator": wb.properties.creator},
        "chart_parts": chart_parts,
        "sheets": [sheet_json(ws) for ws in wb.worksheets],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
