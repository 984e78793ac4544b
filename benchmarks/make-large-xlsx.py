"""Writes the reading benchmark's long CSV (written by the seeded make-large-trial.py) as an Excel workbook,
one sheet with the same rows, for timing `walkstats describe` on a workbook against the same data as CSV.
openpyxl's write-only mode writes strings inline (t="inlineStr"), the larger of the two ways a workbook
holds text; numbers are written with Python's repr, the shortest text that reads back (as Excel does), and
NA as an empty cell.

Usage: python3 benchmarks/make-large-xlsx.py IN.csv OUT.xlsx
"""
import csv, sys
import openpyxl
import openpyxl.cell._writer as cell_writer
from openpyxl import Workbook

openpyxl_safe_string = cell_writer.safe_string
cell_writer.safe_string = lambda value: repr(value) if isinstance(value, float) else openpyxl_safe_string(value)

def value(text):
    if text == "NA":
        return None
    try:
        return int(text)
    except ValueError:
        return float(text)

source, output = sys.argv[1], sys.argv[2]
wb = Workbook(write_only=True)
ws = wb.create_sheet("Data")
with open(source, newline="") as f:
    rows = csv.reader(f)
    ws.append(next(rows))
    for row in rows:
        ws.append(row[:4] + [value(row[4])])
wb.save(output)
