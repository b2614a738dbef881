#!/usr/bin/env python3
"""Writes the ingest corpus under Fixtures/corpus: odd and broken files, each with its
expected outcome, written from the values defined here (not from mstore's output).

For each case NAME.<ext>:
  NAME.args      extra `mstore ingest` flags, one per line (optional)
  NAME.expected  on success: every stored version as
                 series,date,value,known_from,known_until,unit (sorted by series, date, vintage)
  NAME.error     on failure: "exit N" then the exact message on standard error
  NAME.rejects   with --skip-bad: the expected rejects file
The test ingests each file with --vintage 2025-11-24 unless NAME.args gives one.
"""
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "corpus")
VINTAGE = "2025-11-24"
os.makedirs(HERE, exist_ok=True)
for f in os.listdir(HERE):
    os.remove(os.path.join(HERE, f))


def num(v):
    """How mstore prints a number: integers without a fraction, else the shortest repr."""
    v = float(v)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def write(name, data, args=None):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(HERE, name), mode, **({} if mode == "wb" else {"newline": ""})) as f:
        f.write(data)
    if args:
        with open(os.path.join(HERE, stem(name) + ".args"), "w") as f:
            f.write("\n".join(args) + "\n")


def stem(name):
    return name.rsplit(".", 1)[0]


def expect(name, rows, units=None):
    """rows: (series, date, value) current values, or (series, date, value, from, until)."""
    units = units or {}
    out = []
    for r in rows:
        if len(r) == 3:
            r = (r[0], r[1], r[2], VINTAGE, "")
        out.append((r[0], r[1], num(r[2]), r[3], r[4], units.get(r[0], "")))
    out.sort(key=lambda r: (r[0].upper(), r[1], r[3]))
    lines = ["series,date,value,known_from,known_until,unit"] + [",".join(r) for r in out]
    with open(os.path.join(HERE, stem(name) + ".expected"), "w") as f:
        f.write("\n".join(lines) + "\n")


def error(name, code, message):
    with open(os.path.join(HERE, stem(name) + ".error"), "w") as f:
        f.write(f"exit {code}\nmstore: error: {message}\n")


NUM = "a number such as 12, -0.5, 1.2e3, 1,234.5, (12), $5 or 4.3%, or a missing-value marker"
DATE = "a date such as 2025-10-30, 10/30/2025, 20251030, Oct 30 2025, 2025-10 or 2025Q4"

# 1. UTF-8 byte-order mark and CRLF line ends, FRED layout.
write("bom_crlf.csv", b"\xef\xbb\xbfobservation_date,WRESBAL\r\n2025-10-22,2852.622\r\n2025-10-29,2871.302\r\n")
expect("bom_crlf.csv", [("WRESBAL", "2025-10-22", 2852.622), ("WRESBAL", "2025-10-29", 2871.302)], {"WRESBAL": "USD bn"})  # unit known for this FRED id

# 2-3. UTF-16 with a byte-order mark, little and big endian.
text = "date,GOLD,BTC\r\n2025-10-01,3858.96,114000\r\n2025-11-03,4000.5,106500.25\r\n"
write("utf16le.csv", b"\xff\xfe" + text.encode("utf-16-le"))
write("utf16be.csv", b"\xfe\xff" + text.encode("utf-16-be"))
for n in ("utf16le.csv", "utf16be.csv"):
    expect(n, [("GOLD", "2025-10-01", 3858.96), ("GOLD", "2025-11-03", 4000.5), ("BTC", "2025-10-01", 114000), ("BTC", "2025-11-03", 106500.25)])

# 4. Latin-1 bytes are not UTF-8.
latin1 = "date,series,value,name\n2025-10-01,CDS.ORCL,72.5,Oracle 5y\n2025-10-02,CDS.ORCL,74,Soci\xe9t\xe9\n".encode("latin-1")
write("latin1.csv", latin1)
error("latin1.csv", 65, f"latin1.csv:3: not UTF-8 at byte offset {latin1.index(0xE9)} (byte 0xE9); save the file as UTF-8")

# 5. A NUL byte.
nul = b"observation_date,IORB\n2025-10-30,3.90\n2025-10-31,3.9\x000\n"
write("nul_byte.csv", nul)
error("nul_byte.csv", 65, f"nul_byte.csv:3: NUL byte at byte offset {nul.index(0)}: not a text file")

# 6. BLS download: preamble, Series id/Year/Period/Value, M13 annual averages skipped.
bls = ["Labor Force Statistics from the Current Population Survey", "Original Data Value", "",
       "Series Id:,LNU04024887", "Series title:,Unemployment rate - 16-24 yrs.", "",
       "Series id,Year,Period,Value"]
rows = []
for m, v in [(1, 8.4), (2, 8.9), (3, 9.1), (13, 8.8)]:
    bls.append(f"LNU04024887,2024,M{m:02d},{v}")
    if m != 13:
        rows.append(("LNU04024887", f"2024-{m:02d}-01", v))
write("bls_preamble.csv", "\n".join(bls) + "\n")
expect("bls_preamble.csv", rows)

# 7. BLS quarterly and annual codes.
write("bls_quarterly.csv", "Series id,Year,Period,Value\nPRS85006092,2025,Q01,1.9\nPRS85006092,2025,Q02,2.4\nPRS85006092,2025,Q03,4.9\nPRS85006112,2024,A01,2.7\n")
expect("bls_quarterly.csv", [("PRS85006092", "2025-01-01", 1.9), ("PRS85006092", "2025-04-01", 2.4), ("PRS85006092", "2025-07-01", 4.9), ("PRS85006112", "2024-01-01", 2.7)])

# 8. ALFRED: three vintages; the later vintages revise one value and add a quarter.
write("alfred_three_vintages.csv",
      "observation_date,GDPC1_20250130,GDPC1_20250227,GDPC1_20250327\n"
      "2024-07-01,23400.3,23400.3,23400.3\n"
      "2024-10-01,23531.0,23528.4,23542.3\n"
      "2025-01-01,.,.,23370.1\n")
expect("alfred_three_vintages.csv", [
    ("GDPC1", "2024-07-01", 23400.3, "2025-01-30", ""),
    ("GDPC1", "2024-10-01", 23531.0, "2025-01-30", "2025-02-27"),
    ("GDPC1", "2024-10-01", 23528.4, "2025-02-27", "2025-03-27"),
    ("GDPC1", "2024-10-01", 23542.3, "2025-03-27", ""),
    ("GDPC1", "2025-01-01", 23370.1, "2025-03-27", ""),
], {"GDPC1": "USD bn (chained 2017)"})  # unit known for this FRED id

# 9. New York Fed reference rates: several rate types in one file.
nyfed = [
    "Effective Date,Rate Type,Rate (%),1st Percentile (%),25th Percentile (%),75th Percentile (%),99th Percentile (%),Volume ($Billions),Target Rate From (%),Target Rate To (%),Footnote ID",
    "10/31/2025,SOFR,4.22,4.05,4.15,4.30,4.45,2500,,,",
    "10/31/2025,TGCR,4.19,4.02,4.12,4.24,4.35,1100,,,",
    "10/31/2025,EFFR,3.87,3.80,3.85,3.88,3.97,88,3.75,4.00,",
    "10/30/2025,SOFR,4.04,3.95,4.00,4.10,4.20,2310,,,",
]
write("nyfed_rates.csv", "\n".join(nyfed) + "\n")
rows, units = [], {}
for line in nyfed[1:]:
    f = line.split(",")
    y = f"2025-10-{f[0].split('/')[1]}"
    for i, suffix in [(2, ""), (3, ".P1"), (4, ".P25"), (5, ".P75"), (6, ".P99"), (7, ".VOLUME"), (8, ".TARGET_FROM"), (9, ".TARGET_TO")]:
        if f[i]:
            rows.append((f[1] + suffix, y, float(f[i])))
            units[f[1] + suffix] = "USD bn" if suffix == ".VOLUME" else "percent"
expect("nyfed_rates.csv", rows, units)

# 10. R's write.csv: quoted header, unnamed row-name column.
write("r_write_csv.csv", '"","date","HHDEBT"\n"1","2025-04-01",18.2\n"2","2025-07-01",18.39\n')
expect("r_write_csv.csv", [("HHDEBT", "2025-04-01", 18.2), ("HHDEBT", "2025-07-01", 18.39)])

# 11. pandas to_csv with an unnamed date index.
write("pandas_index.csv", ",NDX,SPX\n2025-11-20,24054.37,6538.76\n2025-11-21,24239.6,6602.99\n")
expect("pandas_index.csv", [("NDX", "2025-11-20", 24054.37), ("NDX", "2025-11-21", 24239.6), ("SPX", "2025-11-20", 6538.76), ("SPX", "2025-11-21", 6602.99)])

# 12. The date column found by its content, whatever its name.
write("date_by_content.csv", "label,when,HOMEAGE\nfirst-time buyers,2024-11-01,38\nfirst-time buyers,2025-11-01,40\n", ["--value-column", "HOMEAGE"])
expect("date_by_content.csv", [("HOMEAGE", "2024-11-01", 38), ("HOMEAGE", "2025-11-01", 40)])

# 13-14. Split period columns.
write("year_quarter.csv", "year,quarter,DRSFRMACBS\n2025,1,1.8\n2025,Q2,1.85\n")
expect("year_quarter.csv", [("DRSFRMACBS", "2025-01-01", 1.8), ("DRSFRMACBS", "2025-04-01", 1.85)])
write("year_month.csv", "Year,Month,AUTODQ60\n2025,Jan,6.56\n2025,2,6.45\n2025,October,6.65\n")
expect("year_month.csv", [("AUTODQ60", "2025-01-01", 6.56), ("AUTODQ60", "2025-02-01", 6.45), ("AUTODQ60", "2025-10-01", 6.65)])

# 15. A long file keyed by symbol with a price column.
write("symbol_date_price.csv", "symbol,date,price\nBTC,2025-10-06,124700\nGOLD,2025-10-06,3960.5\nBTC,2025-11-21,84600\n")
expect("symbol_date_price.csv", [("BTC", "2025-10-06", 124700), ("BTC", "2025-11-21", 84600), ("GOLD", "2025-10-06", 3960.5)])

# 16-17. Price files: keys prefixed from the file name, or from --prefix.
price = "Date,Open,High,Low,Close,Adj Close,Volume\n2025-11-20,6700.1,6740.2,6535.5,6538.76,6538.76,6012345000\n"
write("spx.csv", price)
write("prefix_flag.csv", price, ["--prefix", "IDX."])
for n, p in [("spx.csv", "SPX."), ("prefix_flag.csv", "IDX.")]:
    vals = [6700.1, 6740.2, 6535.5, 6538.76, 6538.76, 6012345000]
    expect(n, [(p + k, "2025-11-20", v) for k, v in zip(["OPEN", "HIGH", "LOW", "CLOSE", "ADJ_CLOSE", "VOLUME"], vals)])

# 18-20. Slash dates: day-first proven by one value, ambiguous (month-first), and both.
write("dmy_dates.csv", "date,EURIBOR\n01/10/2025,1.95\n02/10/2025,1.96\n30/10/2025,1.99\n")
expect("dmy_dates.csv", [("EURIBOR", "2025-10-01", 1.95), ("EURIBOR", "2025-10-02", 1.96), ("EURIBOR", "2025-10-30", 1.99)])
write("mdy_ambiguous.csv", "date,X\n1/2/2025,1\n3/4/2025,2\n")
expect("mdy_ambiguous.csv", [("X", "2025-01-02", 1), ("X", "2025-03-04", 2)])
write("mixed_orders.csv", "date,X\n10/30/2025,1\n01/02/2025,2\n30/10/2025,3\n")
error("mixed_orders.csv", 65, 'mixed_orders.csv:4:1: dates in column "date" are month-first on line 2 but day-first on line 4; declare one with --date-format mdy|dmy')

# 21-23. Two-digit years and integer dates.
write("two_digit_years.csv", "date,Y\n1/2/98,1\n1/2/05,2\n12/31/68,3\n")
expect("two_digit_years.csv", [("Y", "1998-01-02", 1), ("Y", "2005-01-02", 2), ("Y", "2068-12-31", 3)])
write("yyyymmdd.csv", "date,Z\n20251030,1.5\n20251031,1.25\n")
expect("yyyymmdd.csv", [("Z", "2025-10-30", 1.5), ("Z", "2025-10-31", 1.25)])
write("yymmdd.csv", "date,Z\n251030,1.5\n991231,2\n")
expect("yymmdd.csv", [("Z", "2025-10-30", 1.5), ("Z", "1999-12-31", 2)])

# 24-25. Month names and quarters.
write("month_names.csv", 'date,M\nOct 30 2025,1\n"Oct 31, 2025",2\n3-Nov-25,3\nDecember 2025,4\n')
expect("month_names.csv", [("M", "2025-10-30", 1), ("M", "2025-10-31", 2), ("M", "2025-11-03", 3), ("M", "2025-12-01", 4)])
write("quarters.csv", "date,Q\n2024Q1,1\n2024-Q2,2\n2024 Q3,3\nQ4 2024,4\n")
expect("quarters.csv", [("Q", "2024-01-01", 1), ("Q", "2024-04-01", 2), ("Q", "2024-07-01", 3), ("Q", "2024-10-01", 4)])

# 26. Excel serial day numbers, declared.
write("excel_serial.csv", "date,E\n45960,1\n45961,2\n", ["--date-format", "excel"])
expect("excel_serial.csv", [("E", "2025-10-30", 1), ("E", "2025-10-31", 2)])

# 27. Thousands separators, %, parentheses, currency.
write("formatted_numbers.csv", 'date,MARKS,YIELD\n2025-09-30,"1,234.5",4.3%\n2025-10-31,(12.5),"$5"\n2025-11-28,"$1,000,000",(0.5%)\n')
expect("formatted_numbers.csv", [("MARKS", "2025-09-30", 1234.5), ("MARKS", "2025-10-31", -12.5), ("MARKS", "2025-11-28", 1000000),
                                 ("YIELD", "2025-09-30", 4.3), ("YIELD", "2025-10-31", 5), ("YIELD", "2025-11-28", -0.5)], {"YIELD": "percent"})

# 28. Semicolons and decimal commas (detected).
write("semicolon_decimal_comma.csv", "Datum;DAX;BUND10\n2025-10-30;24.118,3;2,63\n2025-10-31;23.958,3;2,64\n")
expect("semicolon_decimal_comma.csv", [("DAX", "2025-10-30", 24118.3), ("DAX", "2025-10-31", 23958.3), ("BUND10", "2025-10-30", 2.63), ("BUND10", "2025-10-31", 2.64)])

# 29-30. Missing-value markers, default and configured.
write("missing_tokens.csv", "date,A,B,C,D,E,F,G\n2025-01-01,.,NA,N/A,#N/A,-,NaN,\n2025-01-02,1,2,3,4,5,6,7\n")
expect("missing_tokens.csv", [(k, "2025-01-02", i + 1) for i, k in enumerate("ABCDEFG")])
write("custom_missing.csv", "date,A\n2025-01-01,n.a.\n2025-01-02,-999\n2025-01-03,3\n", ["--missing", "n.a.,-999"])
expect("custom_missing.csv", [("A", "2025-01-03", 3)])

# 31-32. Infinity and out-of-range numbers.
write("infinity.csv", "date,A\n2025-01-01,1\n2025-01-02,Infinity\n")
error("infinity.csv", 65, 'infinity.csv:3:2: bad value "Infinity" in column "A": expected a number up to 1.8e308 in size and not so small that it rounds to 0 (this one is out of range)')
write("out_of_range.csv", "date,A\n2025-01-01,1e999\n")
error("out_of_range.csv", 65, 'out_of_range.csv:2:2: bad value "1e999" in column "A": expected a number up to 1.8e308 in size and not so small that it rounds to 0 (this one is out of range)')
# An incomplete UTF-8 sequence as the very last bytes (found by fuzzing: it crashed).
write("trailing_partial_utf8.csv", b"date,A\n2025-01-01,1\n2025-01-02,2\xc3")
error("trailing_partial_utf8.csv", 65, "trailing_partial_utf8.csv:3: not UTF-8 at byte offset 32 (byte 0xC3); save the file as UTF-8")
# Too small for a double: stored as 0 it would be a silent wrong value.
write("underflow.csv", "date,A\n2025-01-01,1\n2025-01-02,1e-400\n")
error("underflow.csv", 65, 'underflow.csv:3:2: bad value "1e-400" in column "A": expected a number up to 1.8e308 in size and not so small that it rounds to 0 (this one is out of range)')

# 33-35. Ragged rows, an unterminated quote, two values for one date.
write("ragged.csv", "date,A,B\n2025-01-01,1,2\n2025-01-02,3\n")
error("ragged.csv", 65, "ragged.csv:3: 2 fields but the header has 3")
write("unterminated_quote.csv", 'date,series,value\n2025-01-01,"A,1\n2025-01-02,A,2\n')
error("unterminated_quote.csv", 65, 'unterminated_quote.csv:2: the file ends inside a quoted field (a closing " is missing)')
write("conflict.csv", "date,series,value\n2025-01-01,A,1\n2025-01-02,A,2\n2025-01-01,A,3\n")
error("conflict.csv", 65, "conflict.csv:4: A on 2025-01-01 is 3 here but 1 on line 2: a file may give one value per series and date")

# 36. --skip-bad keeps the good rows and writes the bad ones with their reasons.
write("skip_bad.csv", "date,series,value\n2025-01-01,A,1\n2025-01-02,A,oops\n2025-13-01,A,3\n2025-01-04,A,4\n", ["--skip-bad", "--rejects", "skip_bad.rejects.out"])
expect("skip_bad.csv", [("A", "2025-01-01", 1), ("A", "2025-01-04", 4)])
with open(os.path.join(HERE, "skip_bad.rejects"), "w", newline="") as f:  # a csv: CRLF line ends
    f.write("line,column,value,reason,date,series,value\r\n"
            f'3,3,oops,"skip_bad.csv:3:3: bad value ""oops"" in column ""value"": expected {NUM}",2025-01-02,A,oops\r\n'
            f'4,1,2025-13-01,"skip_bad.csv:4:1: bad value ""2025-13-01"" in column ""date"": expected {DATE}",2025-13-01,A,3\r\n')

# 37. 50,000 rows whose only bad row is the last: nothing is stored.
lines = ["date,series,value"]
for i in range(49999):
    lines.append(f"2025-01-01,S{i % 100:03d}.{i // 100:03d},{i}.5")
lines.append("2025-01-01,LAST,12..5")
write("big_last_row_bad.csv", "\n".join(lines) + "\n")
error("big_last_row_bad.csv", 65, f'big_last_row_bad.csv:50001:3: bad value "12..5" in column "value": expected {NUM}')

# 38. Quoted fields with doubled quotes and an embedded newline.
write("embedded_newline.csv", 'date,series,value,name\n2025-11-14,CDS.ORCL,105.5,"Oracle ""5y""\nsenior CDS"\n2025-11-21,CDS.ORCL,121,"Oracle"\n')
expect("embedded_newline.csv", [("CDS.ORCL", "2025-11-14", 105.5), ("CDS.ORCL", "2025-11-21", 121)])

# 39. Tab-delimited, detected.
write("tab_delimited.tsv", "date\tHY\tIG\n2025-11-20\t3.15\t0.83\n")
expect("tab_delimited.tsv", [("HY", "2025-11-20", 3.15), ("IG", "2025-11-20", 0.83)])

# 40-41. Empty file; header only.
write("empty.csv", "")
error("empty.csv", 65, "empty.csv:1: the file is empty; expected a header such as observation_date,SERIES (FRED), date,series,value (long) or date,A,B,... (wide)")
write("header_only.csv", "observation_date,IORB\n")
expect("header_only.csv", [])

# 42. Timestamps with a time of day.
write("time_suffix.csv", "date,T\n2025-10-30 00:00:00,1\n2025-10-31T00:00:00Z,2\n")
expect("time_suffix.csv", [("T", "2025-10-30", 1), ("T", "2025-10-31", 2)])

# 43. A bad date names its line and column.
write("bad_date.csv", "observation_date,X\n2025-01-01,1\n2025-02-30,2\n")
error("bad_date.csv", 65, f'bad_date.csv:3:1: bad value "2025-02-30" in column "observation_date": expected {DATE}')

# 44. A key column of bad keys.
write("bad_key.csv", "date,series,value\n2025-01-01,SOFR\x01IORB,1\n")
error("bad_key.csv", 65, 'bad_key.csv:2:2: bad value "SOFR\\u{1}IORB" in column "series": expected a series key: 1 to 128 characters, no control characters')

# 46. Tickers as desks write them: dashes, slashes, spaces, accents; matched
# case-insensitively (Unicode-aware), stored as first written.
write("desk_tickers.csv", "date,ticker,value\n"
      "2025-11-20,BRK-B,503.11\n2025-11-20,EUR/USD,1.1527\n2025-11-20,AAPL US Equity,266.25\n"
      "2025-11-20,CL1 Comdty,59.44\n2025-11-20,Société Générale,55.02\n"
      "2025-11-21,brk-b,507.54\n2025-11-21,SOCIÉTÉ GÉNÉRALE,55.8\n")
expect("desk_tickers.csv", [("BRK-B", "2025-11-20", 503.11), ("EUR/USD", "2025-11-20", 1.1527), ("AAPL US Equity", "2025-11-20", 266.25),
                            ("CL1 Comdty", "2025-11-20", 59.44), ("Société Générale", "2025-11-20", 55.02),
                            ("BRK-B", "2025-11-21", 507.54), ("Société Générale", "2025-11-21", 55.8)])

# 47. BLS as BLS writes it: a trailing comma on the header and on every data row.
write("bls_trailing_comma.csv", "Series ID,Year,Period,Value,\nCUUR0000SA0,2025,M08,323.976,\nCUUR0000SA0,2025,M09,324.800,\n")
expect("bls_trailing_comma.csv", [("CUUR0000SA0", "2025-08-01", 323.976), ("CUUR0000SA0", "2025-09-01", 324.8)])

# 48. A wide file with text columns (a weekday, a rating): skipped with a note.
write("text_columns.csv", "Date,Weekday,HY_OAS,Rating\n2025-11-20,Thu,3.12,BB\n2025-11-21,Fri,3.18,BB\n")
expect("text_columns.csv", [("HY_OAS", "2025-11-20", 3.12), ("HY_OAS", "2025-11-21", 3.18)])

# 49. A quote site's price history: newest first, quoted thousands, K/M/B volumes, Change %.
write("Bitcoin Historical Data.csv",
      '"Date","Price","Open","High","Low","Vol.","Change %"\n'
      '"11/21/2025","85,090.3","86,594.6","87,464.0","80,659.8","145.23K","-1.74%"\n'
      '"11/20/2025","86,594.6","91,575.0","92,842.1","86,146.7","1.02M","-5.44%"\n'
      '"11/19/2025","91,575.0","92,957.9","92,975.0","88,644.2","2.5B","-1.49%"\n')
expect("Bitcoin Historical Data.csv", [
    ("BITCOIN.PRICE", "2025-11-21", 85090.3), ("BITCOIN.OPEN", "2025-11-21", 86594.6), ("BITCOIN.HIGH", "2025-11-21", 87464.0),
    ("BITCOIN.LOW", "2025-11-21", 80659.8), ("BITCOIN.VOL", "2025-11-21", 145230), ("BITCOIN.CHANGE", "2025-11-21", -1.74),
    ("BITCOIN.PRICE", "2025-11-20", 86594.6), ("BITCOIN.OPEN", "2025-11-20", 91575.0), ("BITCOIN.HIGH", "2025-11-20", 92842.1),
    ("BITCOIN.LOW", "2025-11-20", 86146.7), ("BITCOIN.VOL", "2025-11-20", 1020000), ("BITCOIN.CHANGE", "2025-11-20", -5.44),
    ("BITCOIN.PRICE", "2025-11-19", 91575.0), ("BITCOIN.OPEN", "2025-11-19", 92957.9), ("BITCOIN.HIGH", "2025-11-19", 92975.0),
    ("BITCOIN.LOW", "2025-11-19", 88644.2), ("BITCOIN.VOL", "2025-11-19", 2.5e9), ("BITCOIN.CHANGE", "2025-11-19", -1.49)],
    {"BITCOIN.CHANGE": "percent"})

# 45. Layout forced and columns named by flags.
write("flags_long.csv", "d;ticker_name;px\n2025-11-03;NVDA;206.88\n", ["--delimiter", ";", "--layout", "long", "--key-column", "ticker_name", "--date-column", "d", "--value-column", "px", "--unit", "USD"])
expect("flags_long.csv", [("NVDA", "2025-11-03", 206.88)], {"NVDA": "USD"})


def catalog(name, rows):
    """rows: (key, name, unit, multiplier, currency, source) as the catalog should hold them."""
    lines = ["key,name,unit,multiplier,currency,source"]
    for r in sorted(rows, key=lambda r: r[0].upper()):
        cells = ["" if v is None else (num(v) if isinstance(v, (int, float)) else v) for v in r]
        lines.append(",".join('"' + c.replace('"', '""') + '"' if ("," in c or '"' in c) else c for c in cells))
    with open(os.path.join(HERE, stem(name) + ".catalog"), "w") as f:
        f.write("\n".join(lines) + "\n")


def csv_line(cells):
    return ",".join('"' + str(c).replace('"', '""') + '"' for c in cells) + "\n"


# ---- Publishers' own layouts, written from their documented formats. ----

# 50-53. Federal Reserve Board Data Download Program: five description rows, then
# "Time Period" and the series' mnemonics; ND and NA are missing.
def frb(name, series, periods):
    """series: (mnemonic, description, unit, multiplier, currency, values by period)."""
    text = csv_line(["Series Description"] + [s[1] for s in series])
    text += csv_line(["Unit:"] + [s[2] for s in series])
    text += csv_line(["Multiplier:"] + [s[3] for s in series])
    text += csv_line(["Currency:"] + [s[4] for s in series])
    text += csv_line(["Unique Identifier: "] + [stem(name).split("_")[1].upper() + "/" + stem(name).split("_")[1].upper() + "/" + s[0] for s in series])
    text += csv_line(["Time Period"] + [s[0] for s in series])
    for i, period in enumerate(periods):
        text += ",".join([period] + [s[5][i] for s in series]) + "\n"
    write(name, text)


def frb_date(period):
    if "-Q" in period:
        y, q = period.split("-Q")
        return f"{y}-{int(q) * 3 - 2:02d}-01"
    return period if len(period) == 10 else period + "-01"


def frb_expect(name, series, periods, readable_unit):
    rows = []
    for s in series:
        for i, period in enumerate(periods):
            if s[5][i] not in ("ND", "NA"):
                rows.append((s[0], frb_date(period), s[5][i]))
    units = {s[0]: readable_unit(s) for s in series}
    expect(name, rows, units)
    catalog(name, [(s[0], s[1], units[s[0]], float(s[3]), None if s[4] == "NA" else s[4], "FRB") for s in series])


def frb_unit(s):
    # "Percent:_Per_Year" reads "Percent Per Year"; "Currency" in USD reads "USD".
    if s[2] == "Currency" and s[4] != "NA":
        return s[4]
    return " ".join(p for p in s[2].replace("_", " ").replace(":", " ").split(" ") if p)


h15 = [
    ("RIFLGFCY10_N.B", "Market yield on U.S. Treasury securities at 10-year   constant maturity, quoted on investment basis",
     "Percent:_Per_Year", "1", "NA", ["4.13", "4.12", "ND", "4.10"]),
    ("RIFSPFF_N.B", "Federal funds effective rate", "Percent:_Per_Year", "1", "NA", ["3.88", "3.88", "ND", "3.87"]),
]
h15_days = ["2025-11-17", "2025-11-18", "2025-11-19", "2025-11-20"]
frb("frb_h15.csv", h15, h15_days)
frb_expect("frb_h15.csv", h15, h15_days, frb_unit)

h41 = [
    ("RESPPLLOPNWW", "Reserve Bank credit: Wednesday level", "Currency", "1000000", "USD", ["6560178", "6553947", "6547103"]),
    ("RESPPALGTRFNWW", "Reserve balances with Federal Reserve Banks: Wednesday level", "Currency", "1000000", "USD", ["2849621", "2831477", "NA"]),
]
h41_days = ["2025-11-05", "2025-11-12", "2025-11-19"]
frb("frb_h41.csv", h41, h41_days)
frb_expect("frb_h41.csv", h41, h41_days, frb_unit)

z1 = [("FL153064105.Q", "Households and nonprofit organizations; corporate equities; asset, Level", "Currency", "1000000", "USD",
       ["48223456", "47011872", "NA", "52346118"])]
z1_quarters = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"]
frb("frb_z1.csv", z1, z1_quarters)
frb_expect("frb_z1.csv", z1, z1_quarters, frb_unit)

g19 = [("DTCTL_N.M", "Total consumer credit owned and securitized, not seasonally adjusted flow, monthly rate", "Currency", "1000000", "USD",
        ["5071811.47", "5083225.06", "5097931.61"])]
g19_months = ["2025-07", "2025-08", "2025-09"]
frb("frb_g19.csv", g19, g19_months)
frb_expect("frb_g19.csv", g19, g19_months, frb_unit)

# 54. SDMX-CSV as the ECB data portal writes it: KEY, dimensions, TIME_PERIOD, OBS_VALUE,
# OBS_STATUS, attributes, TITLE; daily, monthly, quarterly and annual series in one file.
ecb_header = ["KEY", "FREQ", "CURRENCY", "CURRENCY_DENOM", "EXR_TYPE", "EXR_SUFFIX", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS",
              "OBS_CONF", "TITLE", "TITLE_COMPL", "UNIT", "UNIT_MULT", "DECIMALS"]
ecb_rows = [
    ("D", "2025-11-20", "1.1527", "A"), ("D", "2025-11-21", "1.1514", "A"), ("D", "2025-11-24", "", "M"),
    ("M", "2025-09", "1.1729", "A"), ("M", "2025-10", "1.1634", "A"),
    ("Q", "2025-Q2", "1.1339", "A"), ("A", "2024", "1.0824", "A"),
]
text = ",".join(ecb_header) + "\n"
for freq, period, value, status in ecb_rows:
    key = f"EXR.{freq}.USD.EUR.SP00.A"
    text += csv_line([key, freq, "USD", "EUR", "SP00", "A", period, value, status, "F", "US dollar/Euro",
                      "ECB reference exchange rate, US dollar/Euro, 2:15 pm (C.E.T.)", "USD", "0", "4"])
write("sdmx_ecb_exr.csv", text)
ecb_date = {"2025-09": "2025-09-01", "2025-10": "2025-10-01", "2025-Q2": "2025-04-01", "2024": "2024-01-01"}
expect("sdmx_ecb_exr.csv", [(f"EXR.{f}.USD.EUR.SP00.A", ecb_date.get(p, p), v) for f, p, v, st in ecb_rows if v],
       {f"EXR.{f}.USD.EUR.SP00.A": "USD" for f in "DMQA"})
catalog("sdmx_ecb_exr.csv", [(f"EXR.{f}.USD.EUR.SP00.A", "US dollar/Euro", "USD", 1.0, None, "SDMX") for f in "DMQA"])

# 55. SDMX-CSV 1.0 (BIS, IMF, OECD): DATAFLOW, the dimensions, TIME_PERIOD, OBS_VALUE and
# attribute columns; the key is the dataflow id and the dimensions joined by dots.
# Every TIME_PERIOD form: 2024, 2024-S1, 2024-Q1, 2024-01, 2024-W05, 2024-01-15.
sdmx10 = [
    ("A", "US", "2024", "5.33", "0"), ("S", "US", "2024-S1", "5.33", "0"), ("S", "US", "2024-S2", "4.58", "0"),
    ("Q", "US", "2024-Q1", "5.33", "0"), ("M", "US", "2024-01", "5.33", "0"), ("W", "US", "2024-W05", "5.33", "0"),
    ("W", "US", "2020-W53", "0.09", "0"), ("D", "US", "2024-01-15", "5.33", "0"), ("D", "XM", "2024-01-15", "4.5", "0"),
    ("D", "XM", "2024-01-16", "NaN", "0"),
]
text = "DATAFLOW,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS\n"
for freq, area, period, value, mult in sdmx10:
    text += f"BIS:WS_CBPOL(1.0),{freq},{area},{period},{value},368,{mult},A\n"
write("sdmx_10_bis.csv", text)
sdmx_date = {"2024": "2024-01-01", "2024-S1": "2024-01-01", "2024-S2": "2024-07-01", "2024-Q1": "2024-01-01", "2024-01": "2024-01-01",
             "2024-W05": "2024-01-29", "2020-W53": "2020-12-28", "2024-01-15": "2024-01-15"}
expect("sdmx_10_bis.csv", [(f"WS_CBPOL.{f}.{a}", sdmx_date[p], v) for f, a, p, v, m in sdmx10 if v != "NaN"],
       {f"WS_CBPOL.{f}.{a}": "368" for f, a, p, v, m in sdmx10})
catalog("sdmx_10_bis.csv", [(k, None, "368", 1.0, None, "SDMX") for k in sorted({f"WS_CBPOL.{f}.{a}" for f, a, p, v, m in sdmx10})])

# 56. SDMX-CSV 2.0 (STRUCTURE, STRUCTURE_ID, ACTION) with UNIT_MULT 6: millions.
text = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n"
text += "dataflow,OECD.SDD.NAD:DSD_NAMAIN1@DF_QNA(1.1),I,Q,USA,B1GQ,2025-Q1,7556123.4,6\n"
text += "dataflow,OECD.SDD.NAD:DSD_NAMAIN1@DF_QNA(1.1),I,Q,USA,B1GQ,2025-Q2,7632004.9,6\n"
write("sdmx_20_oecd.csv", text)
expect("sdmx_20_oecd.csv", [("DSD_NAMAIN1@DF_QNA.Q.USA.B1GQ", "2025-01-01", 7556123.4), ("DSD_NAMAIN1@DF_QNA.Q.USA.B1GQ", "2025-04-01", 7632004.9)])
catalog("sdmx_20_oecd.csv", [("DSD_NAMAIN1@DF_QNA.Q.USA.B1GQ", None, None, 1e6, None, "SDMX")])

# 57. FRED API series/observations JSON for every real-time period (ALFRED): each version
# is known from its realtime_start; realtime_end is the day before the next version's start.
import json
gdp = [("2025-04-30", "2025-05-28", "2025-01-01", "23528.047"), ("2025-05-29", "2025-06-25", "2025-01-01", "23526.085"),
       ("2025-06-26", "9999-12-31", "2025-01-01", "23512.717"), ("2025-07-30", "2025-08-27", "2025-04-01", "23685.281"),
       ("2025-08-28", "2025-09-24", "2025-04-01", "23703.782"), ("2025-09-25", "9999-12-31", "2025-04-01", "23770.976"),
       ("2025-09-25", "9999-12-31", "2025-07-01", ".")]
doc = {"realtime_start": "1776-07-04", "realtime_end": "9999-12-31", "observation_start": "2025-01-01", "observation_end": "9999-12-31",
       "units": "lin", "output_type": 1, "file_type": "json", "order_by": "observation_date", "sort_order": "asc",
       "count": len(gdp), "offset": 0, "limit": 100000,
       "observations": [{"realtime_start": a, "realtime_end": b, "date": d, "value": v} for a, b, d, v in gdp]}
write("GDPC1.json", json.dumps(doc, indent=1) + "\n")
rows = []
for a, b, d, v in gdp:
    if v == ".":
        continue
    until = "" if b == "9999-12-31" else b  # shifted below to the next start
    rows.append(("GDPC1", d, v, a, until))
# known_until is exclusive: the day after realtime_end.
from datetime import date, timedelta
rows = [(k, d, v, a, (date.fromisoformat(u) + timedelta(days=1)).isoformat() if u else "") for k, d, v, a, u in rows]
expect("GDPC1.json", rows, {"GDPC1": "USD bn (chained 2017)"})
catalog("GDPC1.json", [("GDPC1", None, "USD bn (chained 2017)", None, None, "FRED")])

# 58. A plain FRED API response (today's real-time period), named by --key.
wres = [("2025-11-05", "2849621"), ("2025-11-12", "2831477"), ("2025-11-19", ".")]
doc = {"realtime_start": "2025-11-24", "realtime_end": "2025-11-24", "observation_start": "1600-01-01", "observation_end": "9999-12-31",
       "units": "lin", "output_type": 1, "file_type": "json", "order_by": "observation_date", "sort_order": "asc", "count": 3,
       "offset": 0, "limit": 100000,
       "observations": [{"realtime_start": "2025-11-24", "realtime_end": "2025-11-24", "date": d, "value": v} for d, v in wres]}
write("fred_api_observations.json", json.dumps(doc) + "\n", ["--key", "WRESBAL"])
expect("fred_api_observations.json", [("WRESBAL", d, v) for d, v in wres if v != "."], {"WRESBAL": "USD bn"})

# 59. FRED's answer to a bad request passes through.
write("fred_error.json", '{"error_code":400,"error_message":"Bad Request.  The series does not exist."}\n', ["--key", "NOSUCH"])
error("fred_error.json", 65, "fred_error.json:1: the publisher answered with an error: Bad Request.  The series does not exist.")

# 60. New York Fed Markets API reference rates (refRates), stored under the CSV layout's keys.
ref = [
    {"effectiveDate": "2025-11-21", "type": "SOFR", "percentRate": 3.92, "percentPercentile1": 3.85, "percentPercentile25": 3.9,
     "percentPercentile75": 3.97, "percentPercentile99": 4.05, "volumeInBillions": 3072, "revisionIndicator": ""},
    {"effectiveDate": "2025-11-20", "type": "SOFR", "percentRate": 3.94, "percentPercentile1": 3.86, "percentPercentile25": 3.91,
     "percentPercentile75": 4.0, "percentPercentile99": 4.1, "volumeInBillions": 3105, "revisionIndicator": ""},
    {"effectiveDate": "2025-11-21", "type": "EFFR", "percentRate": 3.88, "percentPercentile1": 3.85, "percentPercentile25": 3.87,
     "percentPercentile75": 3.9, "percentPercentile99": 3.95, "volumeInBillions": 79, "targetRateFrom": 3.75, "targetRateTo": 4.0,
     "footnoteId": None},
]
write("nyfed_refrates.json", json.dumps({"refRates": ref}, indent=2) + "\n")
fields = [("percentRate", ""), ("percentPercentile1", ".P1"), ("percentPercentile25", ".P25"), ("percentPercentile75", ".P75"),
          ("percentPercentile99", ".P99"), ("volumeInBillions", ".VOLUME"), ("targetRateFrom", ".TARGET_FROM"), ("targetRateTo", ".TARGET_TO")]
rows, units = [], {}
for r in ref:
    for f, suffix in fields:
        if f in r:
            rows.append((r["type"] + suffix, r["effectiveDate"], r[f]))
            units[r["type"] + suffix] = "USD bn" if f == "volumeInBillions" else "percent"
expect("nyfed_refrates.json", rows, units)

# 61. JSON cut short: an error naming the line, nothing stored.
write("truncated.json", '{"observations": [\n {"date": "2025-01-01", "value": "1"},\n {"date": "2025-01-02", "val', ["--key", "X"])
error("truncated.json", 65, "truncated.json:3: not valid JSON at column 29: the file ends inside a string")

# ---- Workbooks, written part by part from the Office Open XML (ECMA-376) format with the
# standard library's zipfile, deflated as Excel writes them. ----
import zipfile
from xml.sax.saxutils import escape


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx(name, sheets, date1904=False):
    """sheets: [(name, rows)]; a cell is None, str (shared), ("inline", text), a number,
    ("date", day) styled yyyy-mm-dd, ("date14", day) built-in format 14, ("f", formula, cached)
    or ("e", "#N/A")."""
    strings, index = [], {}

    def shared(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    epoch = date(1904, 1, 1) if date1904 else date(1899, 12, 30)
    parts = {}
    for n, (sheet_name, rows) in enumerate(sheets, 1):
        xml = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>']
        for r, row in enumerate(rows, 1):
            if not row:
                continue
            xml.append(f'<row r="{r}">')
            for c, cell in enumerate(row):
                ref = f"{col_name(c)}{r}"
                if cell is None:
                    continue
                if isinstance(cell, str):
                    xml.append(f'<c r="{ref}" t="s"><v>{shared(cell)}</v></c>')
                elif isinstance(cell, (int, float)):
                    xml.append(f'<c r="{ref}"><v>{cell!r}</v></c>')
                elif cell[0] == "inline":
                    xml.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(cell[1])}</t></is></c>')
                elif cell[0] in ("date", "date14"):
                    style = 1 if cell[0] == "date" else 2
                    xml.append(f'<c r="{ref}" s="{style}"><v>{(cell[1] - epoch).days}</v></c>')
                elif cell[0] == "f":
                    xml.append(f'<c r="{ref}"><f>{escape(cell[1])}</f><v>{cell[2]!r}</v></c>')
                elif cell[0] == "e":
                    xml.append(f'<c r="{ref}" t="e"><v>{escape(cell[1])}</v></c>')
            xml.append("</row>")
        xml.append("</sheetData></worksheet>")
        parts[f"xl/worksheets/sheet{n}.xml"] = "".join(xml)
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                  for n in range(1, len(sheets) + 1))
        + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>")
    parts["_rels/.rels"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships {rel_ns}>'
                            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                            "</Relationships>")
    parts["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        + (f'<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>") + "<sheets>"
        + "".join(f'<sheet name="{escape(sn)}" sheetId="{n}" r:id="rId{n}"/>' for n, (sn, _) in enumerate(sheets, 1))
        + "</sheets></workbook>")
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships {rel_ns}>'
        + "".join(f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
                  for n in range(1, len(sheets) + 1))
        + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        + f'<Relationship Id="rId{len(sheets) + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>")
    parts["xl/styles.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {ns}>'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        "</styleSheet>")
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t xml:space=\"preserve\">{escape(t)}</t></si>" for t in strings) + "</sst>")
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for part in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                     "xl/sharedStrings.xml"] + [f"xl/worksheets/sheet{n}.xml" for n in range(1, len(sheets) + 1)]:
            z.writestr(part, parts[part])


# 62. FRED's own xlsx download: a preamble of several rows above observation_date, date cells.
fred_rows = [["FRED Graph Observations"], ["Federal Reserve Economic Data"], ["Link: https://fred.stlouisfed.org"],
             ["Help: https://fredhelp.stlouisfed.org"], ["Economic Research Division"], ["Federal Reserve Bank of St. Louis"], [],
             ["WRESBAL  Reserve Balances with Federal Reserve Banks, Billions of U.S. Dollars, Weekly, Not Seasonally Adjusted"], [],
             ["Frequency: Weekly, Ending Wednesday"], ["observation_date", "WRESBAL"]]
wres_x = [(date(2025, 10, 29), 2829.105), (date(2025, 11, 5), 2849.621), (date(2025, 11, 12), 2831.477)]
fred_rows += [[("date", d), v] for d, v in wres_x]
xlsx("fred_graph.xlsx", [("FRED Graph", fred_rows)])
expect("fred_graph.xlsx", [("WRESBAL", d.isoformat(), v) for d, v in wres_x], {"WRESBAL": "USD bn"})

# 63. A desk's workbook: a notes sheet first, then the data in the 1904 date system with
# built-in date format 14, an inline-string header, a formula with its cached value and
# an error cell (#N/A, missing).
notes = [["About this workbook"], [("inline", "Spreads in percent, from the desk's own marks.")]]
data = [[("inline", "Date"), "HY_OAS", "IG_OAS"],
        [("date14", date(2025, 11, 20)), 3.12, ("f", "B2-2.3", 0.82)],
        [("date14", date(2025, 11, 21)), 3.18, ("e", "#N/A")]]
xlsx("desk_book.xlsx", [("Notes", notes), ("Data", data)], date1904=True)
expect("desk_book.xlsx", [("HY_OAS", "2025-11-20", 3.12), ("HY_OAS", "2025-11-21", 3.18), ("IG_OAS", "2025-11-20", 0.82)])

# 64. A bad cell in a workbook is named by sheet, row and column; nothing is stored.
xlsx("bad_cell.xlsx", [("Data", [["Date", "X"], [("date", date(2025, 11, 20)), 1.5], [("date", date(2025, 11, 21)), 2.5],
                                 [("date", date(2025, 11, 24)), "n/a?"]])])
error("bad_cell.xlsx", 65, 'bad_cell.xlsx[Data]:4:2: bad value "n/a?" in column "X": expected a number such as 12, -0.5, 1.2e3, 1,234.5, (12), $5 or 4.3%, or a missing-value marker')

print("corpus written under", os.path.normpath(HERE))
