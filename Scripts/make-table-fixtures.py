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

Read from evidence (labels in other languages, footers, several frequencies a key):
- quotes_de.csv: a German quote site's download (csv module, every cell quoted, a BOM):
  `Datum`, `Zuletzt`, `Eröffn.`, dd.mm.yyyy, `16.600,12`, `80,12M`, `-0,45%`.
- statcan_cpi.csv: a Statistics Canada full-table CSV (REF_DATE, GEO, …, UOM, SCALAR_FACTOR,
  VECTOR, COORDINATE, VALUE, STATUS, SYMBOL, TERMINATED, DECIMALS): keyed by VECTOR.
- weo_footer.tsv: the IMF World Economic Outlook download (tab-separated, years across,
  Units and Scale columns, `n/a`, a blank line and a source line after the data); keyed by
  every code column, the IMF's country code included (`111.USA.NGDPD`).
- abs_cpi.xlsx: an Australian Bureau of Statistics time-series sheet (openpyxl): names, Unit,
  Series Type, Data Type, Frequency, … Series ID rows over dates.
- insee_band.csv: an INSEE series download (`;`, quoted): Libellé, idBank, Dernière mise à jour.
- bbk_band.csv: a Bundesbank time-series download: codes, a name row, unit rows, `.` missing.
- destatis_band.csv: a Destatis GENESIS table (`;`, decimal commas): title lines, `Monate` over
  the names, a row of units (`2020=100`, `in (%)`), a `__________` rule and a copyright footer.
- shiller_decimal_months.csv: year.month as a decimal number (pandas writes 2023.10 as 2023.1).
- VIX_History.csv: Cboe's VIX history (DATE,OPEN,HIGH,LOW,CLOSE, M/D/Y): a quote file, not FRED.
- webstat_export.csv: a Banque de France Webstat export (`Titre :`, `Code série :`, `Unité :`).
- cu.data.1.AllItems: a BLS flat file (tab-separated, padded `series_id`, M13 annual averages).
- gsheets.xlsx: a workbook as Google Sheets writes one (no XML declarations, absolute
  relationship targets, inline strings), from the Open XML format.
- snb_cube.csv: a Swiss National Bank data-portal cube (`;`, a CubeId preamble, Date;D0;D1;Value
  with D1 empty throughout).
- ecb_sdw_download.csv: the ECB's older download: one-cell title lines between the key row and
  the `Period\\Unit:` row, the unit in brackets.
- insee_quarters.csv: quarters written `2023-T1` (trimestre), numbers `3 013 356,2`.
- months_de.csv: months named in German (`Jan. 2024`, `Mär. 2024`, `Okt. 2024`), `;`, decimal commas.
- GDPC1.csv: FRED's API output as CSV (realtime_start,realtime_end,date,value): versions,
  each known from its realtime_start, the series named by the file.
- ecb_portal.csv: the ECB Data Portal's CSV (`DATE`, `TIME PERIOD`, `US dollar/Euro (EXR.D.…)`).
- rba_f1.csv: a Reserve Bank of Australia table: a title, Title … Units rows, empty rows,
  Source, Publication date, Series ID, then `02-Jan-2024` dates.
- nipa_t10101.csv: a Bureau of Economic Analysis NIPA table: five lines of title, then
  `Line,,2023Q3,…` with line numbers and unnamed line names (keyed with --prefix).
- UNdata_Export.csv: a UNdata export (every cell quoted; Country or Area, Year, Item, Value,
  Value Footnotes), then a blank line and the footnote table.
- btc-usd-max.csv: a CoinGecko export (snapped_at as `2024-01-01 00:00:00 UTC`, price,
  market_cap, total_volume), keyed by the file's name.
- MRTSSM44X72USS.csv: a Census Bureau time-series download: title lines, then `Period,Value`
  with `Jan-2024` periods; the one `Value` column is named by the file.
- long_mixed_frequencies.csv: a long file whose GDP rows mix years, quarters and months (pandas).
- bdh_pairs.xlsx, bdh_pairs.csv: a desk's Bloomberg BDH sheet with dates per security
  (`SPX Index,,NDX Index,` over `Date,PX_LAST,Date,PX_LAST`): blocks side by side whose
  dates differ (holidays, a shorter history), written by openpyxl (dates as date cells) and
  by pandas `to_csv`; one block carries two fields.
- valet_fx.csv: the Bank of Canada's Valet CSV: terms, a `"SERIES"` table (id, label,
  description) and the `"OBSERVATIONS"`, every field quoted; names come from the table.
- ff_factors.csv, ff_portfolios.csv: Kenneth French's data library CSVs: a preamble, tables
  one after the other under the same header (`,Mkt-RF,SMB,HML,RF`), six-digit months
  (`192607`) then years, a title line over each later table (`Annual Factors: …`), in the
  portfolio files over every table, first included; a copyright line at the end.
- panel_long.csv: a long panel of prices as pandas writes it (`date,ticker,close,volume`,
  an exchange code and a constant numeric id per ticker): close under the ticker, volume as
  TICKER.VOLUME, the id and code not read.
- boj_call.csv: a Bank of Japan time-series download: `Series code`, `Name of time-series`,
  `Unit` and `Notes` rows over `YYYY/MM` data.
- imf_ifs.csv: an IMF data portal CSV: country and indicator names and codes (the country
  codes numeric), `2024M01` periods, a status column.
- band_fredqd.csv: FRED-QD as pandas writes it: `factors` and `transform` rows under the
  names, quarterly `3/1/1959` dates, and a series whose values read like years or year.months
  (`2117.8`): the written dates are the date axis, the numbers values.
- Bitcoin_1_1_2024-1_6_2024_historical_data_coinmarketcap.csv: a CoinMarketCap download:
  semicolons, ISO timestamps (open, close, high, low, timestamp), its id in `name`, the
  period in the file name (not in the keys: BITCOIN.CLOSE).
- bls_series_report.xlsx, bls_series_report.csv: the Bureau of Labor Statistics' series
  report (its data viewer's download): title lines, `Series Id:` and `Series Title:` lines,
  then `Year,Jan,…,Dec,HALF1,HALF2` with a year a row; the latest months empty.
- libreoffice_pinksheet.xlsx: band_pinksheet.xlsx opened and saved again by LibreOffice
  (soffice --headless --convert-to xlsx), written only where soffice is installed.

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

# --- a German quote site's download --------------------------------------------------------
qd_days = ["05.01.2024", "04.01.2024", "03.01.2024", "02.01.2024"]
qd_rows = []
with open(path("quotes_de.csv"), "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["Datum", "Zuletzt", "Eröffn.", "Hoch", "Tief", "Vol.", "+/- %"])
    de = lambda x: f"{x:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    for d in qd_days:
        iso = f"{d[6:]}-{d[3:5]}-{d[:2]}"
        last, open_, high, low = (round(rng.uniform(16000, 17000), 2) for _ in range(4))
        vol, chg = round(rng.uniform(50, 99), 2), round(rng.uniform(-2, 2), 2)
        w.writerow([d, de(last), de(open_), de(high), de(low), de(vol) + "M", de(chg) + "%"])
        qd_rows += [("QUOTES_DE.PRICE", iso, last), ("QUOTES_DE.OPEN", iso, open_), ("QUOTES_DE.HIGH", iso, high),
                    ("QUOTES_DE.LOW", iso, low), ("QUOTES_DE.VOL", iso, round(vol * 1e6, 6)), ("QUOTES_DE.CHANGE", iso, chg)]
expected("quotes_de", qd_rows, [("QUOTES_DE.CHANGE", "unit", "percent")])

# --- Statistics Canada's full-table CSV ----------------------------------------------------
sc_rows = []
with open(path("statcan_cpi.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["REF_DATE", "GEO", "DGUID", "Products and product groups", "UOM", "UOM_ID", "SCALAR_FACTOR", "SCALAR_ID", "VECTOR",
                "COORDINATE", "VALUE", "STATUS", "SYMBOL", "TERMINATED", "DECIMALS"])
    for month in range(1, 13):
        for geo, dguid, vector, coord in (("Canada", "2016A000011124", "v41690973", "2.2"), ("Ontario", "2016A000235", "v41691783", "11.2")):
            v = round(rng.uniform(150, 170), 1)
            w.writerow([f"2024-{month:02d}", geo, dguid, "All-items", "2002=100", "17", "units", "0", vector, coord, v, "", "", "", "1"])
            sc_rows.append((vector, f"2024-{month:02d}-01", v))
expected("statcan_cpi", sc_rows, [("v41690973", "unit", "2002=100"), ("v41691783", "unit", "2002=100")])

# --- the IMF World Economic Outlook download ----------------------------------------------
weo = [("111", "USA", "NGDP_RPCH", "United States", "Gross domestic product, constant prices", "Percent change", ""),
       ("111", "USA", "NGDPD", "United States", "Gross domestic product, current prices", "U.S. dollars", "Billions"),
       ("134", "DEU", "NGDPD", "Germany", "Gross domestic product, current prices", "U.S. dollars", "Billions")]
weo_years = list(range(2019, 2025))
weo_rows, weo_meta = [], []
with open(path("weo_footer.tsv"), "w", newline="", encoding="latin-1") as f:
    f.write("\t".join(["WEO Country Code", "ISO", "WEO Subject Code", "Country", "Subject Descriptor", "Subject Notes", "Units", "Scale",
                       "Country/Series-specific Notes"] + [str(y) for y in weo_years] + ["Estimates Start After"]) + "\n")
    for code, iso, subject, country, descriptor, units, scale in weo:
        cells = []
        for y in weo_years:
            if iso == "DEU" and y == 2024:
                cells.append("n/a")
                continue
            v = round(rng.uniform(1000, 30000) if scale else rng.uniform(-3, 6), 3)
            cells.append(f"{v:,.3f}")
            weo_rows.append((f"{code}.{iso}.{subject}", f"{y}-01-01", v))
        f.write("\t".join([code, iso, subject, country, descriptor, "See notes", units, scale, "Source: national statistics office"] + cells + ["2023"]) + "\n")
        weo_meta.append((f"{code}.{iso}.{subject}", "unit", f"{units} ({scale})" if scale else units))
    f.write("\n\"International Monetary Fund, World Economic Outlook Database, October 2024\"\n")
expected("weo_footer", weo_rows, weo_meta)

# --- an Australian Bureau of Statistics time-series sheet ---------------------------------
import datetime
book = openpyxl.Workbook()
book.active.title = "Index"
book.active.append(["Time Series Workbook"])
sheet = book.create_sheet("Data1")
abs_ids = ["A2325846C", "A2325850V"]
sheet.append([None, "Index Numbers ;  All groups CPI ;  Australia ;", "Percentage Change from Corresponding Quarter of Previous Year ;  All groups CPI ;  Australia ;"])
for label, a, b in [("Unit", "Index Numbers", "Percent"), ("Series Type", "Original", "Original"), ("Data Type", "INDEX", "PERCENT"),
                    ("Frequency", "Quarter", "Quarter"), ("Collection Month", "3", "3"), ("Series Start", datetime.datetime(1948, 9, 1), datetime.datetime(1949, 9, 1)),
                    ("Series End", datetime.datetime(2024, 6, 1), datetime.datetime(2024, 6, 1)), ("No. Obs", 304, 300), ("Series ID", *abs_ids)]:
    sheet.append([label, a, b])
abs_rows = []
for y, m in [(2023, 6), (2023, 9), (2023, 12), (2024, 3), (2024, 6)]:
    a, b = round(rng.uniform(125, 140), 1), round(rng.uniform(3, 7), 1)
    sheet.append([datetime.datetime(y, m, 1), a, b])
    sheet.cell(sheet.max_row, 1).number_format = "mmm-yyyy"
    abs_rows += [(abs_ids[0], f"{y}-{m:02d}-01", a), (abs_ids[1], f"{y}-{m:02d}-01", b)]
book.save(path("abs_cpi.xlsx"))
expected("abs_cpi", abs_rows, [(abs_ids[0], "unit", "Index Numbers"), (abs_ids[1], "unit", "Percent"), (abs_ids[0], "tag:series_type", "Original"),
                               (abs_ids[0], "tag:data_type", "INDEX")])

# --- an INSEE series download -------------------------------------------------------------
insee_rows = []
with open(path("insee_band.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    name = "Indice des prix à la consommation - Base 2015 - Ensemble des ménages - France - Ensemble"
    w.writerow(["Libellé", name])
    w.writerow(["idBank", "001759970"])
    w.writerow(["Dernière mise à jour", "15/11/2024 08:45"])
    w.writerow(["Période", ""])
    for month in range(1, 11):
        v = round(rng.uniform(117, 120), 2)
        w.writerow([f"2024-{month:02d}", f"{v:.2f}".replace(".", ",")])
        insee_rows.append(("001759970", f"2024-{month:02d}-01", v))
expected("insee_band", insee_rows, [("001759970", "name", name)])

# --- a Bundesbank time-series download ---------------------------------------------------
bbk_key = "BBSIS.M.I.ZAR.ZI.EUR.S1311.B.A604.R10XX.R.A.A._Z._Z.A"
bbk_rows = []
with open(path("bbk_band.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\n")
    w.writerow(["", bbk_key, bbk_key + "_FLAGS"])
    w.writerow(["", "Yields on debt securities outstanding issued by residents / Public debt securities / 10 years", ""])
    w.writerow(["unit", "Percent per annum", ""])
    w.writerow(["unit multiplier", "one", ""])
    w.writerow(["last update", "2024-06-12 10:45:07", ""])
    for month in range(1, 13):
        v = round(rng.uniform(2, 3), 2)
        w.writerow([f"2023-{month:02d}", f"{v:.2f}".replace(".", ","), ""])
        bbk_rows.append((bbk_key, f"2023-{month:02d}-01", v))
    w.writerow(["2024-01", ".", "No value available"])
expected("bbk_band", bbk_rows, [(bbk_key, "unit", "Percent per annum"),
                                (bbk_key, "name", "Yields on debt securities outstanding issued by residents / Public debt securities / 10 years")])

# --- a Destatis GENESIS table -----------------------------------------------------------
ds_rows = []
with open(path("destatis_band.csv"), "w", newline="", encoding="utf-8") as f:
    f.write("GENESIS-Tabelle: 61111-0002\nVerbraucherpreisindex: Deutschland,;\nMonate;Verbraucherpreisindex;Veränderung zum Vorjahresmonat\n;2020=100;in (%)\n")
    for month in range(1, 7):
        a, b = round(rng.uniform(115, 120), 1), round(rng.uniform(1, 3), 1)
        f.write(f"2024-{month:02d};{a:.1f};{b:.1f}\n".replace(".", ","))
        ds_rows += [("Verbraucherpreisindex", f"2024-{month:02d}-01", a), ("Veränderung zum Vorjahresmonat", f"2024-{month:02d}-01", b)]
    f.write("__________\n(C)opyright Statistisches Bundesamt (Destatis), 2024 | Stand: 10.12.2024 / 14:20:51\n")
expected("destatis_band", ds_rows, [("Verbraucherpreisindex", "unit", "2020=100"), ("Veränderung zum Vorjahresmonat", "unit", "in (%)")])

# --- a long file whose rows for one key mix years, quarters and months ---------------------
lm = []
for y in (2022, 2023):
    lm.append({"series_id": "GDP", "date": str(y), "value": round(rng.uniform(90, 110), 1), "freq": "A", "day": f"{y}-01-01"})
    for q in range(1, 5):
        lm.append({"series_id": "GDP", "date": f"{y}-Q{q}", "value": round(rng.uniform(20, 30), 1), "freq": "Q", "day": f"{y}-{q * 3 - 2:02d}-01"})
    for m in range(1, 13):
        lm.append({"series_id": "GDP", "date": f"{y}-{m:02d}", "value": round(rng.uniform(7, 9), 2), "freq": "M", "day": f"{y}-{m:02d}-01"})
        lm.append({"series_id": "CPI", "date": f"{y}-{m:02d}", "value": round(rng.uniform(300, 310), 2), "freq": "", "day": f"{y}-{m:02d}-01"})
pd.DataFrame(lm)[["series_id", "date", "value"]].to_csv(path("long_mixed_frequencies.csv"), index=False)
expected("long_mixed_frequencies", [(r["series_id"] + ("." + r["freq"] if r["freq"] else ""), r["day"], r["value"]) for r in lm])

# --- LibreOffice: the Pink Sheet opened and saved again -----------------------------------
import shutil, subprocess, tempfile
if shutil.which("soffice"):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp, path("band_pinksheet.xlsx")],
                       check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, "band_pinksheet.xlsx"), path("libreoffice_pinksheet.xlsx"))
    for ext in (".expected", ".meta"):
        shutil.copy(path("band_pinksheet" + ext), path("libreoffice_pinksheet" + ext))
else:
    print("soffice not found (apt-get install libreoffice-calc-nogui): libreoffice_pinksheet.xlsx left as it was")

# --- year.month as decimals ----------------------------------------------------------------
sh_months = [(2023, m) for m in range(1, 13)] + [(2024, m) for m in range(1, 4)]
sh = pd.DataFrame({"Date": [float(f"{y}.{m:02d}") for y, m in sh_months], "P": [round(rng.uniform(3800, 4800), 2) for _ in sh_months]})
sh.to_csv(path("shiller_decimal_months.csv"), index=False)
expected("shiller_decimal_months", [("P", f"{y}-{m:02d}-01", p) for (y, m), p in zip(sh_months, sh["P"])])

# --- Cboe's VIX history ---------------------------------------------------------------------
vix_rows = []
with open(path("VIX_History.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["DATE", "OPEN", "HIGH", "LOW", "CLOSE"])
    for day in range(2, 12):
        o, h, l, c = (round(rng.uniform(12, 16), 2) for _ in range(4))
        w.writerow([f"01/{day:02d}/2024", f"{o:.2f}", f"{h:.2f}", f"{l:.2f}", f"{c:.2f}"])
        vix_rows += [(f"VIX_HISTORY.{k}", f"2024-01-{day:02d}", v) for k, v in (("OPEN", o), ("HIGH", h), ("LOW", l), ("CLOSE", c))]
expected("VIX_History", vix_rows)

# --- a Banque de France Webstat export --------------------------------------------------------
wf_rows = []
with open(path("webstat_export.csv"), "w", newline="", encoding="utf-8") as f:
    f.write("Titre :;Taux de change euro / dollar US\nCode série :;EXR.D.USD.EUR.SP00.A\nUnité :;Dollar des Etats-Unis (USD)\n"
            "Magnitude :;Unités (0)\nMéthode d'observation :;Fin de période (E)\nSource :;BCE (Banque Centrale Européenne) (4F0)\n")
    for day in (2, 3, 4, 5, 8, 9, 10, 15):
        v = round(rng.uniform(1.08, 1.10), 4)
        f.write(f"{day:02d}/01/2024;{v:.4f}\n".replace(".", ","))
        wf_rows.append(("EXR.D.USD.EUR.SP00.A", f"2024-01-{day:02d}", v))
expected("webstat_export", wf_rows, [("EXR.D.USD.EUR.SP00.A", "unit", "Dollar des Etats-Unis (USD)"), ("EXR.D.USD.EUR.SP00.A", "name", "Taux de change euro / dollar US")])

# --- a BLS flat file ---------------------------------------------------------------------
bls_rows = []
with open(path("cu.data.1.AllItems"), "w", newline="") as f:
    f.write("series_id                     \tyear\tperiod\t       value\tfootnote_codes\n")
    for m in range(1, 13):
        v = round(rng.uniform(300, 320), 3)
        f.write(f"CUSR0000SA0                   \t2023\tM{m:02d}\t{v:12.3f}\t\n")
        bls_rows.append(("CUSR0000SA0", f"2023-{m:02d}-01", v))
    f.write(f"CUSR0000SA0                   \t2023\tM13\t{310.0:12.3f}\t\n")
expected("cu.data.1", bls_rows)

# --- a workbook as Google Sheets writes one ------------------------------------------------
import zipfile
gs_rows = []
cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c><c r="B1" t="inlineStr"><is><t>BTC</t></is></c><c r="C1" t="inlineStr"><is><t>GOLD</t></is></c></row>'
for i, day in enumerate(range(1, 8), 2):
    a, b = round(rng.uniform(40000, 46000), 1), round(rng.uniform(2000, 2100), 1)
    cells += f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>2024-01-{day:02d}</t></is></c><c r="B{i}"><v>{a}</v></c><c r="C{i}"><v>{b}</v></c></row>'
    gs_rows += [("BTC", f"2024-01-{day:02d}", a), ("GOLD", f"2024-01-{day:02d}", b)]
ns = "http://schemas.openxmlformats.org/"
with zipfile.ZipFile(path("gsheets.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", f'<Types xmlns="{ns}package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="rId1" Type="{ns}officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<workbook xmlns="{ns}spreadsheetml/2006/main" xmlns:r="{ns}officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="rId1" Type="{ns}officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{ns}spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>')
expected("gsheets", gs_rows)

# --- a Swiss National Bank cube --------------------------------------------------------------
snb_rows = []
with open(path("snb_cube.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["CubeId", "snbbipo"])
    w.writerow(["PublishingDate", "2024-01-05 09:00"])
    f.write("\n")
    w.writerow(["Date", "D0", "D1", "Value"])
    for month in range(1, 13):
        for d0 in ("GFG", "D", "GSF"):
            v = round(rng.uniform(100, 900), 1)
            w.writerow([f"2023-{month:02d}", d0, "", f"{v:.1f}"])
            snb_rows.append((d0, f"2023-{month:02d}-01", v))
expected("snb_cube", snb_rows)

# --- the ECB's older download -------------------------------------------------------------
ecb_rows = []
with open(path("ecb_sdw_download.csv"), "w", newline="") as f:
    f.write("Data Source in SDW: null\n,EXR.D.USD.EUR.SP00.A\nCollection: Average of observations through period (A)\nPeriod\\Unit:,[US dollar ]\n")
    for day in (10, 9, 8, 5, 4, 3, 2):
        v = round(rng.uniform(1.08, 1.10), 4)
        f.write(f"2024-01-{day:02d},{v:.4f}\n")
        ecb_rows.append(("EXR.D.USD.EUR.SP00.A", f"2024-01-{day:02d}", v))
expected("ecb_sdw_download", ecb_rows, [("EXR.D.USD.EUR.SP00.A", "unit", "US dollar")])

# --- quarters as trimestres, thousands as spaces --------------------------------------------
iq_rows = []
with open(path("insee_quarters.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\n")
    w.writerow(["Date", "Dette publique (M€)", "Taux (%)"])
    for y in (2022, 2023):
        for q in range(1, 5):
            debt, ratio = round(rng.uniform(2900000, 3100000), 1), round(rng.uniform(110, 115), 1)
            w.writerow([f"{y}-T{q}", f"{debt:,.1f}".replace(",", " ").replace(".", ","), f"{ratio:.1f}".replace(".", ",")])
            iq_rows += [("Dette publique (M€)", f"{y}-{q * 3 - 2:02d}-01", debt), ("Taux (%)", f"{y}-{q * 3 - 2:02d}-01", ratio)]
expected("insee_quarters", iq_rows)

# --- months named in German ----------------------------------------------------------------
german = ["Jan.", "Feb.", "Mär.", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."]
md_rows = []
with open(path("months_de.csv"), "w", newline="", encoding="utf-8") as f:
    f.write("Monat;Umlaufrendite\n")
    for m, name in enumerate(german, 1):
        v = round(rng.uniform(2, 3), 2)
        f.write(f"{name} 2024;{str(v).replace('.', ',')}\n")
        md_rows.append(("Umlaufrendite", f"2024-{m:02d}-01", v))
expected("months_de", md_rows)

# --- FRED's API output as CSV ----------------------------------------------------------------
# Two vintages of two quarters: the expected values are today's (the latest vintage's).
with open(path("GDPC1.csv"), "w", newline="") as f:
    f.write("realtime_start,realtime_end,date,value\n"
            "2024-04-25,2024-05-29,2024-01-01,22758.752\n2024-05-30,9999-12-31,2024-01-01,22768.866\n"
            "2024-07-25,2024-08-28,2024-04-01,22911.161\n2024-08-29,9999-12-31,2024-04-01,22924.721\n")
expected("GDPC1", [("GDPC1", "2024-01-01", 22768.866), ("GDPC1", "2024-04-01", 22924.721)])

# --- the ECB Data Portal's CSV -------------------------------------------------------------
ep_rows = []
with open(path("ecb_portal.csv"), "w", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["DATE", "TIME PERIOD", "US dollar/Euro (EXR.D.USD.EUR.SP00.A)"])
    for day in (2, 3, 4, 5, 8):
        v = round(rng.uniform(1.08, 1.10), 4)
        w.writerow([f"2024-01-{day:02d}", f"{day:02d} Jan 2024", f"{v:.4f}"])
        ep_rows.append(("EXR.D.USD.EUR.SP00.A", f"2024-01-{day:02d}", v))
expected("ecb_portal", ep_rows, [("EXR.D.USD.EUR.SP00.A", "name", "US dollar/Euro")])

# --- a Reserve Bank of Australia table ----------------------------------------------------
rba_rows = []
with open(path("rba_f1.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["F1 INTEREST RATES AND YIELDS – MONEY MARKET", "", ""])
    for row in (["Title", "Cash Rate Target", "Interbank Overnight Cash Rate"], ["Description", "Cash Rate Target", "Interbank Overnight Cash Rate"],
                ["Frequency", "Daily", "Daily"], ["Type", "Original", "Original"], ["Units", "Per cent", "Per cent"], ["", "", ""], ["", "", ""],
                ["Source", "RBA", "RBA"], ["Publication date", "04-Jan-2024", "04-Jan-2024"], ["Series ID", "FIRMMCRTD", "FIRMMCRID"]):
        w.writerow(row)
    for day in (2, 3, 4):
        a, b = 4.35, round(rng.uniform(4.30, 4.34), 2)
        w.writerow([f"{day:02d}-Jan-2024", a, b])
        rba_rows += [("FIRMMCRTD", f"2024-01-{day:02d}", a), ("FIRMMCRID", f"2024-01-{day:02d}", b)]
expected("rba_f1", rba_rows, [("FIRMMCRTD", "unit", "Per cent"), ("FIRMMCRTD", "name", "Cash Rate Target"), ("FIRMMCRID", "name", "Interbank Overnight Cash Rate")])

# --- a Bureau of Economic Analysis NIPA table ---------------------------------------------
nipa_lines = ["Gross domestic product", "Personal consumption expenditures", "Goods", "Durable goods"]
nipa_q = ["2023Q3", "2023Q4", "2024Q1", "2024Q2"]
nipa_rows = []
with open(path("nipa_t10101.csv"), "w", newline="") as f:
    f.write("Table 1.1.1. Percent Change From Preceding Period in Real Gross Domestic Product\n[Percent] Seasonally adjusted at annual rates\n"
            "Quarterly data from 2023Q3 To 2024Q2\nBureau of Economic Analysis\nRelease Date: Aug 29 2024 - Next Release Date: Sep 26 2024\n")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["Line", ""] + nipa_q)
    for n, name in enumerate(nipa_lines, 1):
        values = [round(rng.uniform(-2, 5), 1) for _ in nipa_q]
        w.writerow([n, name] + values)
        nipa_rows += [(f"T10101.{n}", f"{q[:4]}-{int(q[5]) * 3 - 2:02d}-01", v) for q, v in zip(nipa_q, values)]
expected("nipa_t10101", nipa_rows, [("T10101.1", "name", "Gross domestic product")])

# --- a UNdata export with its footnote table -------------------------------------------------
un_rows = []
with open(path("UNdata_Export.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["Country or Area", "Year", "Item", "Value", "Value Footnotes"])
    for country in ("Germany", "France", "Italy"):
        for year in (2020, 2021, 2022):
            v = round(rng.uniform(1e12, 4e12), 0)
            w.writerow([country, year, "Gross Domestic Product (GDP)", f"{v:.0f}", "1" if year == 2022 else ""])
            un_rows.append((f"{country}.Gross Domestic Product (GDP)", f"{year}-01-01", v))
    f.write("\n")
    w.writerow(["footnoteSeqID", "Footnote"])
    w.writerow(["1", "Provisional."])
expected("UNdata_Export", un_rows)

# --- a CoinGecko export --------------------------------------------------------------------
cg_rows = []
with open(path("btc-usd-max.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["snapped_at", "price", "market_cap", "total_volume"])
    for day in range(1, 6):
        p_, m, t = round(rng.uniform(40000, 46000), 2), round(rng.uniform(8e11, 9e11), 1), round(rng.uniform(1e10, 3e10), 1)
        w.writerow([f"2024-01-{day:02d} 00:00:00 UTC", p_, m, t])
        cg_rows += [("BTC_USD_MAX.PRICE", f"2024-01-{day:02d}", p_), ("BTC_USD_MAX.MARKET_CAP", f"2024-01-{day:02d}", m),
                    ("BTC_USD_MAX.TOTAL_VOLUME", f"2024-01-{day:02d}", t)]
expected("btc-usd-max", cg_rows)

# --- a Census Bureau time-series download ------------------------------------------------------
cb_rows = []
with open(path("MRTSSM44X72USS.csv"), "w", newline="") as f:
    f.write("Monthly Retail Trade\nSource: U.S. Census Bureau\nSeasonally Adjusted\n\nPeriod,Value\n")
    for m, name in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun"], 1):
        v = rng.randint(690000, 720000)
        f.write(f"{name}-2024,{v}\n")
        cb_rows.append(("MRTSSM44X72USS", f"2024-{m:02d}-01", float(v)))
expected("MRTSSM44X72USS", cb_rows)

# --- a Bloomberg BDH sheet with dates per security ----------------------------------------------
# Each security its own block: a date column and its fields, the ticker above the block. The
# blocks' dates differ: NDX misses a day SPX has, GC1 trades one more day and starts later.
bdh = random.Random(21)
all_days = list(pd.bdate_range("2024-03-01", periods=12))
blocks = [
    ("SPX Index", ["PX_LAST"], all_days),
    ("NDX Index", ["PX_LAST"], all_days[:4] + all_days[5:10]),
    ("GC1 Comdty", ["PX_LAST", "PX_VOLUME"], all_days[3:]),
]
bdh_values = {(t, f, d): (round(bdh.uniform(1000, 20000), 2) if f == "PX_LAST" else float(bdh.randrange(10**4, 10**6)))
              for t, fs, ds in blocks for f in fs for d in ds}
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Sheet1"
top, head = [], []
for t, fs, ds in blocks:
    top += [t] + [None] * len(fs)
    head += ["Date"] + fs
sheet.append(top)
sheet.append(head)
depth = max(len(ds) for _, _, ds in blocks)
for i in range(depth):
    row = []
    for t, fs, ds in blocks:
        if i < len(ds):
            row += [ds[i].to_pydatetime()] + [bdh_values[(t, f, ds[i])] for f in fs]
        else:
            row += [None] * (1 + len(fs))
    sheet.append(row)
for r in range(3, 3 + depth):
    for c in range(1, len(head) + 1):
        if head[c - 1] == "Date":
            sheet.cell(row=r, column=c).number_format = "yyyy-mm-dd"
book.save(path("bdh_pairs.xlsx"))
frames = []
for t, fs, ds in blocks:
    frame = pd.DataFrame({"Date": [d.strftime("%m/%d/%Y") for d in ds], **{f: [bdh_values[(t, f, d)] for d in ds] for f in fs}})
    frames.append(frame)
pairs = pd.concat(frames, axis=1)
with open(path("bdh_pairs.csv"), "w", newline="") as f:
    f.write(",".join(",".join([t] + [""] * len(fs)) for t, fs, _ in blocks) + "\n")
    pairs.to_csv(f, index=False)
rows = []
for t, fs, ds in blocks:
    for f in fs:
        key = t if len(fs) == 1 else f"{t}.{f}"
        rows += [(key, d.strftime("%Y-%m-%d"), bdh_values[(t, f, d)]) for d in ds]
expected("bdh_pairs", rows, [("NDX Index", "tag:field", "PX_LAST"), ("SPX Index", "tag:field", "PX_LAST"),
                              ("GC1 Comdty.PX_VOLUME", "tag:field", "PX_VOLUME")])

# --- the Bank of Canada's Valet CSV ----------------------------------------------------------
# As its documentation shows: every field quoted, a terms section, the series table, then the
# observations (an empty cell where a series has no value that day).
valet = random.Random(22)
valet_series = [("FXUSDCAD", "USD/CAD", "US dollar to Canadian dollar daily exchange rate"),
                ("FXEURCAD", "EUR/CAD", "European euro to Canadian dollar daily exchange rate")]
valet_days = [d.strftime("%Y-%m-%d") for d in pd.bdate_range("2024-01-02", periods=6)]
valet_rows, valet_meta = [], []
with open(path("valet_fx.csv"), "w", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["TERMS AND CONDITIONS"])
    w.writerow(["https://www.bankofcanada.ca/terms/"])
    f.write("\n")
    w.writerow(["SERIES"])
    w.writerow(["id", "label", "description"])
    for s_ in valet_series:
        w.writerow(s_)
        valet_meta.append((s_[0], "name", s_[1]))
    f.write("\n")
    w.writerow(["OBSERVATIONS"])
    w.writerow(["date"] + [s_[0] for s_ in valet_series])
    for i, d in enumerate(valet_days):
        cells = []
        for j, s_ in enumerate(valet_series):
            if i == 3 and j == 1:
                cells.append("")
                continue
            v = round(valet.uniform(1.2, 1.6), 4)
            cells.append(f"{v:.4f}")
            valet_rows.append((s_[0], d, v))
        w.writerow([d] + cells)
expected("valet_fx", valet_rows, valet_meta)

# --- Kenneth French's data library --------------------------------------------------------------
# As its CSV downloads are written: right-aligned values with two decimals, an unnamed date
# column of six-digit months, then a blank line, a title and the same header over the annual
# table; the portfolio files put a title over every table, the first included.
ff = random.Random(23)


def ff_table(f, title, columns, periods, key_prefix, rows):
    if title is not None:
        f.write(f"  {title}\n")
    f.write("," + ",".join(columns) + "\n")
    for p_ in periods:
        vals = [round(ff.uniform(-9, 9), 2) for _ in columns]
        f.write(p_ + "," + ",".join(f"{v:8.2f}" for v in vals) + "\n")
        day = f"{p_[:4]}-{p_[4:6]}-01" if len(p_) == 6 else f"{p_}-01-01"
        rows += [(key_prefix + c, day, v) for c, v in zip(columns, vals)]
    f.write("\n")


months = [f"{y}{m:02d}" for y in (1926, 1927) for m in range(1, 13)][6:]
years = ["1927", "1928", "1929"]
ff_rows = []
with open(path("ff_factors.csv"), "w", newline="") as f:
    f.write("This file was created by CMPT_ME_BEME_RETS using the 202409 CRSP database.\n")
    f.write("The 1-month TBill return is from Ibbotson and Associates, Inc.\n\n")
    ff_table(f, None, ["Mkt-RF", "SMB", "HML", "RF"], months, "", ff_rows)
    ff_table(f, " Annual Factors: January-December ", ["Mkt-RF", "SMB", "HML", "RF"], years, "Annual Factors: January-December.", ff_rows)
    f.write("Copyright 2024 Kenneth R. French\n")
expected("ff_factors", ff_rows)
ff_rows = []
with open(path("ff_portfolios.csv"), "w", newline="") as f:
    f.write("This file was created by CMPT_ME_BEME_RETS using the 202409 CRSP database.\n")
    f.write("It contains value- and equal-weighted returns for portfolios formed on ME.\n")
    f.write("The portfolios are constructed at the end of each June.\n\n")
    cols = ["Lo 30", "Med 40", "Hi 30"]
    for title, periods in [("Average Value Weighted Returns -- Monthly", months), ("Average Equal Weighted Returns -- Monthly", months),
                           ("Average Value Weighted Returns -- Annual", years)]:
        ff_table(f, title, cols, periods, title + ".", ff_rows)
expected("ff_portfolios", ff_rows)

# --- a long panel with several measures a row (pandas) ------------------------------------------
panel = random.Random(24)
panel_days = pd.bdate_range("2024-05-01", periods=8)
records, panel_rows = [], []
for n, ticker in enumerate(["AAPL", "MSFT", "NVDA"]):
    for d in panel_days:
        close, volume = round(panel.uniform(100, 900), 2), float(panel.randrange(10**6, 10**8))
        records.append({"date": d.strftime("%Y-%m-%d"), "ticker": ticker, "close": close, "volume": volume,
                        "exchange": "XNAS", "permno": 10107 + n})
        panel_rows += [(ticker, d.strftime("%Y-%m-%d"), close), (f"{ticker}.VOLUME", d.strftime("%Y-%m-%d"), volume)]
pd.DataFrame.from_records(records).to_csv(path("panel_long.csv"), index=False)
expected("panel_long", panel_rows)

# --- a Bank of Japan time-series download ----------------------------------------------------
boj = random.Random(25)
boj_series = [("FM01'STRDCLUCON", "Call Rate, Uncollateralized Overnight/Average"), ("FM01'STRDCLUCONH", "Call Rate, Uncollateralized Overnight/Highest")]
boj_rows, boj_meta = [], []
with open(path("boj_call.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["Series code"] + [c for c, _ in boj_series])
    w.writerow(["Name of time-series"] + [n for _, n in boj_series])
    w.writerow(["Unit"] + ["percent per annum"] * len(boj_series))
    w.writerow(["Notes"] + [""] * len(boj_series))
    for m in range(1, 7):
        vals = [round(boj.uniform(-0.1, 0.3), 3) for _ in boj_series]
        w.writerow([f"2024/{m:02d}"] + [f"{v:.3f}" for v in vals])
        boj_rows += [(c, f"2024-{m:02d}-01", v) for (c, _), v in zip(boj_series, vals)]
boj_meta = [(c, "name", n) for c, n in boj_series] + [(c, "unit", "percent per annum") for c, _ in boj_series]
expected("boj_call", boj_rows, boj_meta)

# --- an IMF data portal CSV ------------------------------------------------------------------
imf = random.Random(26)
imf_rows = []
with open(path("imf_ifs.csv"), "w", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["Country Name", "Country Code", "Indicator Name", "Indicator Code", "Time Period", "Value", "Status"])
    for country, code in [("Germany", "134"), ("France", "132"), ("Italy", "136")]:
        for m in range(1, 6):
            v = round(imf.uniform(100, 130), 1)
            w.writerow([country, code, "Consumer Prices, All items, Index", "PCPI_IX", f"2024M{m:02d}", f"{v:.1f}", ""])
            imf_rows.append((f"{code}.PCPI_IX", f"2024-{m:02d}-01", v))
expected("imf_ifs", imf_rows)

# --- FRED-QD: factors and transform rows, values that look like years ---------------------------
qd = random.Random(27)
qd_series = {"GDPC1": (1, 5), "PCECC96": (1, 5), "INDPRO": (0, 5), "UNRATE": (0, 2)}
qd_dates = pd.date_range("1959-03-01", periods=8, freq="3MS")
qd_values = {
    "GDPC1": [round(qd.uniform(3300, 3600), 3) for _ in qd_dates],
    "PCECC96": [round(qd.uniform(2100, 2199), 1) for _ in qd_dates],  # 2117.8: a year.month to the eye
    "INDPRO": [round(qd.uniform(20, 25), 4) for _ in qd_dates],
    "UNRATE": [round(qd.uniform(5, 7), 1) for _ in qd_dates],
}
with open(path("band_fredqd.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["sasdate"] + list(qd_series))
    w.writerow(["factors"] + [str(v[0]) for v in qd_series.values()])
    w.writerow(["transform"] + [str(v[1]) for v in qd_series.values()])
    for i, d in enumerate(qd_dates):
        w.writerow([f"{d.month}/{d.day}/{d.year}"] + [repr(qd_values[k][i]) for k in qd_series])
expected(
    "band_fredqd",
    [(k, d.strftime("%Y-%m-%d"), qd_values[k][i]) for k in qd_series for i, d in enumerate(qd_dates)],
    [(k, "tag:transform", str(v[1])) for k, v in qd_series.items()] + [(k, "tag:factors", str(v[0])) for k, v in qd_series.items()])

# --- a CoinMarketCap download ------------------------------------------------------------------
cmc = random.Random(28)
cmc_rows = []
with open(path("Bitcoin_1_1_2024-1_6_2024_historical_data_coinmarketcap.csv"), "w", newline="") as f:
    f.write("timeOpen;timeClose;timeHigh;timeLow;name;open;high;low;close;volume;marketCap;timestamp\n")
    for day in range(6, 0, -1):  # newest first, as the site writes
        d = f"2024-01-{day:02d}"
        o, h, l, c = (round(cmc.uniform(40000, 46000), 2) for _ in range(4))
        v, m = round(cmc.uniform(2e10, 5e10), 2), round(cmc.uniform(8e11, 9e11), 2)
        f.write(f'"{d}T00:00:00.000Z";"{d}T23:59:59.999Z";"{d}T14:05:00.000Z";"{d}T02:41:00.000Z";"2781";{o};{h};{l};{c};{v};{m};"{d}T23:59:59.999Z"\n')
        cmc_rows += [("BITCOIN.OPEN", d, o), ("BITCOIN.HIGH", d, h), ("BITCOIN.LOW", d, l), ("BITCOIN.CLOSE", d, c),
                     ("BITCOIN.VOLUME", d, v), ("BITCOIN.MARKETCAP", d, m)]
expected("Bitcoin_1_1_2024-1_6_2024_historical_data_coinmarketcap", cmc_rows)

# --- the BLS series report: a year a row, a month a column -------------------------------------
blsr = random.Random(29)
report_top = [
    ["CPI for All Urban Consumers (CPI-U)"], ["Original Data Value"], [],
    ["Series Id:", "CUUR0000SA0"], ["Not Seasonally Adjusted"],
    ["Series Title:", "All items in U.S. city average, all urban consumers, not seasonally adjusted"],
    ["Area:", "U.S. city average"], ["Item:", "All items"], ["Base Period:", "1982-84=100"], ["Years:", "2022 to 2024"], [],
    ["Year", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "HALF1", "HALF2"],
]
report_rows, grid = [], []
for year in (2022, 2023, 2024):
    vals = [round(blsr.uniform(280, 320), 3) for _ in range(12)]
    if year == 2024:
        vals[11] = None  # not yet published
    halves = [round(sum(vals[:6]) / 6, 3), round(sum(v for v in vals[6:] if v) / 5, 3) if year == 2024 else round(sum(vals[6:]) / 6, 3)]
    grid.append([year] + vals + halves)
    report_rows += [("CUUR0000SA0", f"{year}-{m + 1:02d}-01", v) for m, v in enumerate(vals) if v is not None]
with open(path("bls_series_report.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    for r in report_top:
        w.writerow(r)
    for r in grid:
        w.writerow(["" if v is None else (f"{v:.3f}" if isinstance(v, float) else v) for v in r])
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "BLS Data Series"
for r in report_top:
    sheet.append(r)
for r in grid:
    sheet.append(r)
book.save(path("bls_series_report.xlsx"))
expected("bls_series_report", report_rows,
         [("CUUR0000SA0", "name", "All items in U.S. city average, all urban consumers, not seasonally adjusted")])
