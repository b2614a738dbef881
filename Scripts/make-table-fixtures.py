#!/usr/bin/env python3
"""Tables shaped as publishers and desks hand them over, written by the tools that write
them (pandas to_csv/to_excel, openpyxl, Python's csv module for the quoted-everything
downloads), each with the values it must give beside it: NAME.expected (series,date,value)
and, where the file says more than values, NAME.meta (series,what,value: unit, name, tag:X).

Header bands:
- band_fredmd.csv: FRED-MD's current.csv (sasdate, a Transform: row, M/D/Y dates).
- band_bloomberg.csv, band_bloomberg.xlsx: a desk's sheet, tickers over fields, as pandas
  writes a two-level column index (to_excel merges each ticker over its fields).
- band_pinksheet.xlsx: the World Bank's commodity sheet: title rows, names, a units row,
  dates as 1960M01 (openpyxl).
- band_ons.csv: an Office for National Statistics series download: Title, CDID, PreUnit,
  Unit, Release date, ... rows, then years, quarters and months in one column.

Run with Debian's python3 (pandas, openpyxl): /usr/bin/python3 Scripts/make-table-fixtures.py
"""
import csv
import os
import random

import openpyxl
import pandas as pd

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "tables")
os.makedirs(HERE, exist_ok=True)
rng = random.Random(20)


def path(name):
    return os.path.join(HERE, name)


def expected(name, rows, meta=()):
    with open(path(name + ".expected"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "date", "value"])
        for key, date, value in sorted(rows):
            w.writerow([key, date, repr(value)])
    if meta:
        with open(path(name + ".meta"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["series", "what", "value"])
            for row in sorted(meta):
                w.writerow(row)


# --- FRED-MD -----------------------------------------------------------------------------
md_series = {"RPI": 5, "W875RX1": 5, "INDPRO": 5, "UNRATE": 2, "FEDFUNDS": 2}
md_dates = pd.date_range("1959-01-01", periods=24, freq="MS")
md = {k: [round(rng.uniform(10, 3000), 3) for _ in md_dates] for k in md_series}
frame = pd.DataFrame(md, index=[f"{d.month}/{d.day}/{d.year}" for d in md_dates])
frame.loc["Transform:"] = pd.Series(md_series)
frame = frame.reindex(["Transform:"] + list(frame.index[:-1]))
frame.to_csv(path("band_fredmd.csv"), index_label="sasdate", float_format="%.3f")
# pandas writes the transform codes as floats when the column is float: as FRED-MD does not.
text = open(path("band_fredmd.csv")).read().splitlines()
text[1] = "Transform:," + ",".join(str(v) for v in md_series.values())
open(path("band_fredmd.csv"), "w").write("\n".join(text) + "\n")
expected(
    "band_fredmd",
    [(k, d.strftime("%Y-%m-%d"), v) for k in md_series for d, v in zip(md_dates, md[k])],
    [(k, "tag:transform", str(t)) for k, t in md_series.items()])

# --- a desk's Bloomberg sheet ------------------------------------------------------------
tickers = ["SPX Index", "NDX Index", "GC1 Comdty"]
fields = ["PX_LAST", "PX_VOLUME"]
days = pd.bdate_range("2024-01-02", periods=15)
columns = pd.MultiIndex.from_product([tickers, fields])
values = {(t, f): [round(rng.uniform(1000, 20000), 2) if f == "PX_LAST" else float(rng.randrange(10**5, 10**7)) for _ in days]
          for t, f in columns}
bbg = pd.DataFrame(values, index=pd.Index(days, name="Dates"), columns=columns)
bbg.to_csv(path("band_bloomberg.csv"), date_format="%Y-%m-%d")
bbg.to_excel(path("band_bloomberg.xlsx"), sheet_name="Sheet1")
rows = [(f"{t}.{f}", d.strftime("%Y-%m-%d"), values[(t, f)][i]) for t, f in columns for i, d in enumerate(days)]
expected("band_bloomberg", rows)

# --- the World Bank's commodity sheet (a title, names, units) -------------------------------
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Monthly Prices"
sheet.append(["World Bank Commodity Price Data (The Pink Sheet)"])
sheet.append(["Updated on November 04, 2025"])
sheet.append([])
sheet.append([None, "Crude oil, average", "Crude oil, Brent", "Gold", "Copper"])
sheet.append([None, "($/bbl)", "($/bbl)", "($/troy oz)", "($/mt)"])
months = [(y, m) for y in (1960, 1961) for m in range(1, 13)]
pink = {name: [round(rng.uniform(1, 3000), 2) for _ in months] for name in ("Crude oil, average", "Crude oil, Brent", "Gold", "Copper")}
for i, (y, m) in enumerate(months):
    sheet.append([f"{y}M{m:02d}"] + [pink[n][i] for n in pink])
book.save(path("band_pinksheet.xlsx"))
units = {"Crude oil, average": "($/bbl)", "Crude oil, Brent": "($/bbl)", "Gold": "($/troy oz)", "Copper": "($/mt)"}
expected(
    "band_pinksheet",
    [(n, f"{y}-{m:02d}-01", pink[n][i]) for n in pink for i, (y, m) in enumerate(months)],
    [(n, "unit", u) for n, u in units.items()])

# --- an ONS series download ----------------------------------------------------------------
years = list(range(1948, 1960))
quarters = [(y, q) for y in range(1955, 1960) for q in range(1, 5)]
mnames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
ons_months = [(y, m) for y in (1958, 1959) for m in range(1, 13)]
a = [float(rng.randrange(400000, 600000)) for _ in years]
q = [float(rng.randrange(100000, 150000)) for _ in quarters]
mo = [round(rng.uniform(90, 110), 1) for _ in ons_months]
with open(path("band_ons.csv"), "w", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["Title", "Gross Domestic Product: chained volume measures: Seasonally adjusted £m"])
    w.writerow(["CDID", "ABMI"])
    w.writerow(["Source dataset ID", "QNA"])
    w.writerow(["PreUnit", "£"])
    w.writerow(["Unit", "m"])
    w.writerow(["Release date", "30-09-2025"])
    w.writerow(["Next release", "12 November 2025"])
    w.writerow(["Important notes", ""])
    for y, v in zip(years, a):
        w.writerow([str(y), f"{v:.0f}"])
    for (y, qq), v in zip(quarters, q):
        w.writerow([f"{y} Q{qq}", f"{v:.0f}"])
    for (y, m), v in zip(ons_months, mo):
        w.writerow([f"{y} {mnames[m - 1]}", f"{v}"])
title = "Gross Domestic Product: chained volume measures: Seasonally adjusted £m"
expected(
    "band_ons",
    [("ABMI.A", f"{y}-01-01", v) for y, v in zip(years, a)]
    + [("ABMI.Q", f"{y}-{3 * qq - 2:02d}-01", v) for (y, qq), v in zip(quarters, q)]
    + [("ABMI.M", f"{y}-{m:02d}-01", v) for (y, m), v in zip(ons_months, mo)],
    [(k, what, value) for k in ("ABMI.A", "ABMI.Q", "ABMI.M") for what, value in (("unit", "£m"), ("name", title), ("tag:dataset", "QNA"))])

# --- transposed: Eurostat's TSV, two releases ----------------------------------------------
# Eurostat's bulk and API TSV: a tab-separated file whose first column packs the dimension
# codes (`freq,unit,coicop,geo\TIME_PERIOD`), periods with a trailing space, values with a
# status flag after a space (`2.3 p`) and `:` for missing.
geos = ["DE", "EA", "FR", "IT"]
periods = ["2025-07", "2025-08", "2025-09"]
hicp1 = {g: [round(rng.uniform(0, 4), 1) for _ in periods] for g in geos}
hicp2 = {g: list(v) + [round(rng.uniform(0, 4), 1)] for g, v in hicp1.items()}
hicp2["EA"][2] = round(hicp1["EA"][2] + 0.1, 1)  # the second release revises EA's September
missing = {("FR", 0)}


def estat(name, data, months, provisional):
    with open(path(name), "w") as f:
        f.write("freq,unit,coicop,geo\\TIME_PERIOD\t" + "\t".join(p + " " for p in months) + "\n")
        for g in geos:
            cells = []
            for i, _ in enumerate(months):
                if (g, i) in missing:
                    cells.append(": c" if g == "FR" else ": ")
                else:
                    cells.append(f"{data[g][i]} " + ("p" if i == len(months) - 1 and provisional else ""))
            f.write(f"M,RCH_A,CP00,{g}\t" + "\t".join(cells) + "\n")


estat("transposed_estat_r1.tsv", hicp1, periods, True)
estat("transposed_estat_r2.tsv", hicp2, periods + ["2025-10"], True)
expected("transposed_estat_r2", [
    (f"M.RCH_A.CP00.{g}", f"{p}-01", hicp2[g][i]) for g in geos for i, p in enumerate(periods + ["2025-10"]) if (g, i) not in missing],
    [(f"M.RCH_A.CP00.{g}", "tag:geo", g) for g in geos] + [(f"M.RCH_A.CP00.{g}", "tag:unit", "RCH_A") for g in geos])

# --- transposed: the World Bank's download ------------------------------------------------
countries = [("Aruba", "ABW"), ("Germany", "DEU"), ("United States", "USA")]
indicators = [("GDP (current US$)", "NY.GDP.MKTP.CD"), ("Inflation, consumer prices (annual %)", "FP.CPI.TOTL.ZG")]
wb_years = list(range(1960, 1970))
wb = {(c, i): [None if (c == "ABW" and y < 1963) else round(rng.uniform(1, 1e12), 1) for y in wb_years]
      for _, c in countries for _, i in indicators}
with open(path("transposed_worldbank.csv"), "w", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    f.write('"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-10-07",\n\n')
    w.writerow(["Country Name", "Country Code", "Indicator Name", "Indicator Code"] + [str(y) for y in wb_years] + [""])
    for cname, c in countries:
        for iname, i in indicators:
            w.writerow([cname, c, iname, i] + ["" if v is None else repr(v) for v in wb[(c, i)]] + [""])
expected(
    "transposed_worldbank",
    [(f"{c}.{i}", f"{y}-01-01", v) for (c, i), vs in wb.items() for y, v in zip(wb_years, vs) if v is not None],
    [(f"{c}.{i}", "name", f"{cname}: {iname}") for cname, c in countries for iname, i in indicators])

# --- transposed: a pandas pivot ------------------------------------------------------------
long = pd.DataFrame([{"country": c, "measure": m, "year": y, "value": round(rng.uniform(-5, 5), 3)}
                     for c in ("DE", "FR") for m in ("GDP", "CPI") for y in range(2015, 2025)])
pivot = long.pivot_table(index=["country", "measure"], columns="year", values="value")
pivot.to_csv(path("transposed_pandas.csv"))
expected("transposed_pandas", [(f"{r.country}.{r.measure}", f"{r.year}-01-01", r.value) for r in long.itertuples()])

# --- several key columns: a portal's long file, `;` and decimal commas (pandas) -------------
mk_dates = pd.date_range("2024-01-31", periods=12, freq="M")
mk = pd.DataFrame([{"DATE": d.strftime("%Y-%m-%d"), "COUNTRY": c, "INDICATOR": i, "VALUE": round(rng.uniform(-2, 8), 2),
                    "OBS_STATUS": rng.choice(["A", "P"])} for d in mk_dates for c in ("DE", "FR", "IT") for i in ("CPI", "HICP")])
mk.to_csv(path("multikey_portal.csv"), sep=";", decimal=",", index=False)
expected("multikey_portal", [(f"{r.COUNTRY}.{r.INDICATOR}", r.DATE, r.VALUE) for r in mk.itertuples()],
         [(f"{c}.{i}", "tag:country", c) for c in ("DE", "FR", "IT") for i in ("CPI", "HICP")])

# --- several measures a row: Treasury's operating cash balance (Fiscal Data API CSV) -------
accounts = ["Treasury General Account (TGA) Closing Balance", "Treasury General Account (TGA) Opening Balance",
            "Total TGA Deposits (Table II)", "Total TGA Withdrawals (Table II) (-)"]
dts_days = pd.bdate_range("2025-11-03", periods=10)
measures = ["open_today_bal", "open_month_bal", "open_fiscal_year_bal"]
dts = {(a, d): {m: (None if (m != "open_today_bal" and "Total" in a) else float(rng.randrange(10**4, 10**6))) for m in measures}
       for a in accounts for d in dts_days}
with open(path("multivalue_dts.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["record_date", "account_type", "close_today_bal", "open_today_bal", "open_month_bal", "open_fiscal_year_bal", "table_nbr",
                "table_nm", "sub_table_name", "src_line_nbr", "record_fiscal_year", "record_fiscal_quarter", "record_calendar_year",
                "record_calendar_quarter", "record_calendar_month", "record_calendar_day"])
    for d in reversed(dts_days):  # newest first, as the API sorts by -record_date
        for n, a in enumerate(accounts, 1):
            v = dts[(a, d)]
            cell = lambda x: "null" if x is None else f"{x:.0f}"
            w.writerow([d.strftime("%Y-%m-%d"), a, "null", cell(v["open_today_bal"]), cell(v["open_month_bal"]), cell(v["open_fiscal_year_bal"]),
                        "I", "Operating Cash Balance", "null", n, 2026, 1, d.year, 4, d.month, d.day])
expected("multivalue_dts", [(f"{a}.{m.upper()}", d.strftime("%Y-%m-%d"), v[m]) for (a, d), v in dts.items() for m in measures if v[m] is not None])

# --- SDMX: the OECD's "CSV with labels" (a label column after each code column) ------------
oecd_rows = []
for area, area_label in (("USA", "United States"), ("DEU", "Germany")):
    for year in range(2019, 2024):
        oecd_rows.append({"STRUCTURE": "DATAFLOW", "STRUCTURE_ID": "OECD.SDD.NAD:DSD_NAMAIN1@DF_QNA(1.0)", "STRUCTURE_NAME": "Quarterly National Accounts",
                          "ACTION": "I", "FREQ": "A", "Frequency of observation": "Annual", "REF_AREA": area, "Reference area": area_label,
                          "TIME_PERIOD": str(year), "Time period": str(year), "OBS_VALUE": round(rng.uniform(1, 5), 2), "Observation value": ""})
oecd = pd.DataFrame(oecd_rows).drop(columns=["Observation value"])
oecd.to_csv(path("sdmx_oecd_labels.csv"), index=False)
expected("sdmx_oecd_labels", [(f"DSD_NAMAIN1@DF_QNA.A.{r['REF_AREA']}", f"{r['TIME_PERIOD']}-01-01", r["OBS_VALUE"]) for r in oecd_rows])
