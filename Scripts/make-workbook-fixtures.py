#!/usr/bin/env python3
"""Workbooks as openpyxl writes them (Debian's python3-openpyxl), with the values each must
give (Fixtures/workbooks/*.expected: series,date,value).

- fred_short.xlsx: FRED's xlsx download in small: a README sheet of text, then the data sheet
  with date cells and four-digit values (reserve balances), which look like years alone.
"""
import datetime
import os
import openpyxl

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "workbooks")
os.makedirs(HERE, exist_ok=True)

book = openpyxl.Workbook()
readme = book.active
readme.title = "README"
for line in ["Reserve Balances with Federal Reserve Banks (WRESBAL)", "Source: Board of Governors of the Federal Reserve System (US)",
             "Units: Billions of U.S. Dollars", "Frequency: Weekly, Ending Wednesday"]:
    readme.append([line])
data = book.create_sheet("Weekly, Ending Wednesday")
data.append(["observation_date", "WRESBAL"])
day = datetime.date(2025, 10, 1)
rows = []
for value in [3138.7, 2829.1, 2849.6, 2831.5, 2884.7]:
    data.append([day, value])
    data.cell(data.max_row, 1).number_format = "yyyy-mm-dd"
    rows.append(("WRESBAL", day.isoformat(), value))
    day += datetime.timedelta(days=7)
book.save(os.path.join(HERE, "fred_short.xlsx"))
with open(os.path.join(HERE, "fred_short.expected"), "w") as f:
    f.write("series,date,value\n" + "".join(f"{k},{d},{v}\n" for k, d, v in rows))
print("workbook fixtures written under", os.path.normpath(HERE))
