#!/usr/bin/env python3
"""Writes Fixtures/story: daily to annual data from 2018 to late 2025 for every dynamic of
the macro story, in the publishers' layouts, as downloaded on four dates: one folder per
vintage (Fixtures/story/2025-03-31/ ... /2025-11-24/). Each download holds what had been
published by that day (each file has its publication lag), and the series that publishers
revise carry the values as they stood then: Fed total assets (WALCL, recent weeks revised),
real GDP (advance, second and third estimates, then the annual revision of 2025-09-25),
payrolls (two monthly revisions; the September 2025 report delayed to 2025-11-20 by the
shutdown, October's not published) and H.8 bank credit (recent weeks revised, and a
benchmark revision of its history in September 2025). Deterministic (seed below).

Shaped on public facts: IOER 1.95-2.40% in 2018-19 and IORB 4.40% from 2024-12-19, 4.15%
from 2025-09-18, 3.90% from 2025-10-30; the September 2019 repo spike (SOFR 5.25% on
2019-09-17); reserves about $3.3-3.4T mid-2025 and below $2.9T by late October 2025;
SOFR above IORB at times in October 2025; Oracle 5y CDS past 100bp in November 2025;
subprime auto 60+ day delinquency about 6.5%; median first-time buyer age 40; top-10
share of the S&P 500 about 40% in 2025; gold above $4,000 in October 2025; BTC about
$110-125k in October 2025 and below $90k in November 2025.
"""
import datetime as dt
import math
import os
import random

SEED = 2018_2025
rng = random.Random(SEED)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "story")
START, END = dt.date(2018, 1, 1), dt.date(2025, 11, 21)
VINTAGES = [dt.date(2025, 3, 31), dt.date(2025, 6, 30), dt.date(2025, 9, 30), dt.date(2025, 11, 24)]


def days(a, b):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


def bdays(a, b):
    return [d for d in days(a, b) if d.weekday() < 5]


FILES = []  # (name, header, rows for a vintage)


def row_date(cell):
    """The observation date of a row's first cell: ISO, M/D/YYYY or a year."""
    if "/" in cell:
        m, d, y = cell.split("/")
        return dt.date(int(y), int(m), int(d))
    if len(cell) == 4:
        return dt.date(int(cell), 12, 31)
    return dt.date.fromisoformat(cell)


def write(name, header, rows, lag=1, published=None):
    """A file whose rows never change once published: a row is in every download made at
    least `lag` days after its date (or on or after `published(date)`)."""
    when = published or (lambda d: d + dt.timedelta(days=lag))
    FILES.append((name, header, lambda v: [r for r in rows if when(row_date(r[0])) <= v]))


def write_vintaged(name, header, rows_at):
    """A file whose rows are revised: `rows_at(vintage)` gives the download of that day."""
    FILES.append((name, header, rows_at))


def flush():
    for v in VINTAGES:
        folder = os.path.join(ROOT, v.isoformat())
        os.makedirs(folder, exist_ok=True)
        for name, header, rows_at in FILES:
            with open(os.path.join(folder, name), "w", newline="") as f:
                if header is not None:
                    f.write(",".join(header) + "\n")
                for r in rows_at(v):
                    f.write(",".join(r) + "\n")


def interp(anchors, d):
    for (d0, v0), (d1, v1) in zip(anchors, anchors[1:]):
        if d0 <= d <= d1:
            return v0 + (v1 - v0) * (d - d0).days / max(1, (d1 - d0).days)
    return anchors[0][1] if d < anchors[0][0] else anchors[-1][1]


D = dt.date
# The Fed's floor: IOER until 2021-07-28, IORB from 2021-07-29; the target range.
FLOOR = [(D(2018, 1, 1), 1.50, 1.25, 1.50), (D(2018, 3, 22), 1.75, 1.50, 1.75), (D(2018, 6, 14), 1.95, 1.75, 2.00),
         (D(2018, 9, 27), 2.20, 2.00, 2.25), (D(2018, 12, 20), 2.40, 2.25, 2.50), (D(2019, 5, 2), 2.35, 2.25, 2.50),
         (D(2019, 8, 1), 2.10, 2.00, 2.25), (D(2019, 9, 19), 1.80, 1.75, 2.00), (D(2019, 10, 31), 1.55, 1.50, 1.75),
         (D(2020, 3, 4), 1.10, 1.00, 1.25), (D(2020, 3, 16), 0.10, 0.00, 0.25), (D(2021, 6, 17), 0.15, 0.00, 0.25),
         (D(2022, 3, 17), 0.40, 0.25, 0.50), (D(2022, 5, 5), 0.90, 0.75, 1.00), (D(2022, 6, 16), 1.65, 1.50, 1.75),
         (D(2022, 7, 28), 2.40, 2.25, 2.50), (D(2022, 9, 22), 3.15, 3.00, 3.25), (D(2022, 11, 3), 3.90, 3.75, 4.00),
         (D(2022, 12, 15), 4.40, 4.25, 4.50), (D(2023, 2, 2), 4.65, 4.50, 4.75), (D(2023, 3, 23), 4.90, 4.75, 5.00),
         (D(2023, 5, 4), 5.15, 5.00, 5.25), (D(2023, 7, 27), 5.40, 5.25, 5.50), (D(2024, 9, 19), 4.90, 4.75, 5.00),
         (D(2024, 11, 8), 4.65, 4.50, 4.75), (D(2024, 12, 19), 4.40, 4.25, 4.50), (D(2025, 9, 18), 4.15, 4.00, 4.25),
         (D(2025, 10, 30), 3.90, 3.75, 4.00)]


def floor(d):
    cur = FLOOR[0]
    for f in FLOOR:
        if d >= f[0]:
            cur = f
    return cur[1:]


IORB_START = D(2021, 7, 29)
write("fred_policy_rates.csv", ["observation_date", "IOER", "IORB", "DFEDTARL", "DFEDTARU"],
      [[d.isoformat(), f"{floor(d)[0]:.2f}" if d < IORB_START else ".", f"{floor(d)[0]:.2f}" if d >= IORB_START else ".",
        f"{floor(d)[1]:.2f}", f"{floor(d)[2]:.2f}"] for d in days(START, END)])

# Reserves, weekly (Wednesday), billions of USD: ample 2018, scarce Sept 2019, flood 2020-21, QT, late 2025 squeeze.
res_anchors = [(D(2018, 1, 3), 2200), (D(2019, 9, 11), 1400), (D(2019, 12, 25), 1650), (D(2020, 2, 26), 1700),
               (D(2020, 6, 24), 2900), (D(2021, 12, 22), 4200), (D(2022, 10, 26), 3050), (D(2023, 4, 26), 3250),
               (D(2024, 4, 24), 3500), (D(2024, 12, 25), 3250), (D(2025, 6, 25), 3380), (D(2025, 8, 27), 3200),
               (D(2025, 10, 29), 2840), (D(2025, 11, 19), 2880)]
weds = [d for d in days(START, END) if d.weekday() == 2]
write("fred_reserves.csv", ["observation_date", "WRESBAL"],
      [[d.isoformat(), f"{interp(res_anchors, d) + rng.gauss(0, 20):.3f}"] for d in weds])

# New York Fed reference rates: SOFR (from 2018-04-02) with percentiles and volume, EFFR with its
# percentiles, volume and target range; newest first, M/D/YYYY dates, as the NY Fed writes them.
HOLIDAYS = {D(y, 1, 1) for y in range(2018, 2026)} | {D(y, 7, 4) for y in range(2018, 2026)} | {D(y, 12, 25) for y in range(2018, 2026)}
ny_rows = []
for d in bdays(D(2018, 4, 2), END):
    if d in HOLIDAYS:
        continue
    f, lo, hi = floor(d)
    scarce = max(0.0, (1800 - interp(res_anchors, d)) / 400)  # repo pressure as reserves fall
    late2025 = D(2025, 10, 1) <= d <= D(2025, 11, 14)
    spread = -0.08 + 0.06 * scarce + (0.10 if late2025 else 0) + rng.gauss(0, 0.015)
    month_end = (d + dt.timedelta(days=3)).month != d.month and d.weekday() == 4 or (d + dt.timedelta(days=1)).month != d.month
    if month_end:
        spread += 0.04
    if d == D(2019, 9, 17):
        spread = 5.25 - f
    elif d in (D(2019, 9, 16), D(2019, 9, 18)):
        spread = 0.33 if d == D(2019, 9, 16) else 0.45
    sofr = round(max(0.01, f + spread), 2)
    width = 0.05 + 0.1 * scarce + (0.08 if late2025 else 0) + (1.2 if d == D(2019, 9, 17) else 0)
    p1, p25, p75, p99 = sofr - width, sofr - width / 4, sofr + width / 4, sofr + width * (3 if d == D(2019, 9, 17) else 1.5)
    vol = 800 + 1400 * (d - D(2018, 4, 2)).days / 2800 + rng.gauss(0, 40)
    md = f"{d.month:02d}/{d.day:02d}/{d.year}"
    ny_rows.append([md, "SOFR", f"{sofr:.2f}", f"{max(0.01, p1):.2f}", f"{max(0.01, p25):.2f}", f"{p75:.2f}", f"{p99:.2f}", f"{vol:.0f}", "", ""])
    effr = round(f - 0.07 + (0.05 if d == D(2019, 9, 17) else 0) + (0.02 if late2025 else 0), 2)
    ny_rows.append([md, "EFFR", f"{effr:.2f}", f"{effr - 0.05:.2f}", f"{effr - 0.01:.2f}", f"{effr + 0.01:.2f}", f"{effr + 0.10:.2f}",
                    f"{70 + rng.gauss(0, 5):.0f}", f"{lo:.2f}", f"{hi:.2f}"])
ny_rows.reverse()
write("nyfed_reference_rates.csv", ["Effective Date", "Rate Type", "Rate (%)", "1st Percentile (%)", "25th Percentile (%)",
                                    "75th Percentile (%)", "99th Percentile (%)", "Volume ($Billions)", "Target Rate From (%)",
                                    "Target Rate To (%)"], ny_rows)

# (Draws kept so that the series after this point stay as they were when WALCL came from an
# ALFRED file; the revised series are written at the end from a generator of their own.)
for _ in [d for d in weds if d >= D(2025, 6, 4)]:
    rng.gauss(0, 3000)

# Credit: ICE BofA option-adjusted spreads (percent), business days; Oracle 5y CDS (bp) in a long file.
ig_anchors = [(D(2018, 1, 2), 0.95), (D(2018, 12, 31), 1.55), (D(2019, 12, 31), 1.05), (D(2020, 3, 23), 4.01),
              (D(2020, 12, 31), 0.98), (D(2022, 10, 20), 1.65), (D(2024, 12, 31), 0.80), (D(2025, 4, 8), 1.19),
              (D(2025, 9, 30), 0.74), (D(2025, 11, 21), 0.88)]
hy_anchors = [(D(2018, 1, 2), 3.40), (D(2018, 12, 31), 5.30), (D(2019, 12, 31), 3.60), (D(2020, 3, 23), 10.87),
              (D(2020, 12, 31), 3.90), (D(2022, 7, 5), 5.83), (D(2024, 12, 31), 2.90), (D(2025, 4, 8), 4.61),
              (D(2025, 9, 30), 2.80), (D(2025, 11, 21), 3.20)]
credit_days = [d for d in bdays(START, END) if d not in HOLIDAYS]
write("fred_credit_spreads.csv", ["observation_date", "BAMLC0A0CM", "BAMLH0A0HYM2"],
      [[d.isoformat(), f"{interp(ig_anchors, d) + rng.gauss(0, 0.02):.2f}", f"{interp(hy_anchors, d) + rng.gauss(0, 0.05):.2f}"] for d in credit_days])
cds_anchors = [(D(2023, 1, 2), 70), (D(2024, 12, 31), 45), (D(2025, 9, 10), 42), (D(2025, 10, 15), 70), (D(2025, 11, 21), 128)]
write("cds_single_names.csv", ["date", "series", "value", "unit", "name"],
      [[d.isoformat(), "CDS.ORCL", f"{interp(cds_anchors, d) + rng.gauss(0, 1.5):.1f}", "bp", "Oracle 5y CDS"] for d in credit_days if d >= D(2023, 1, 2)])

# Private credit: month-end marks of 10 loans by 2-3 holders; LOAN07 splits 70 vs 90 in 2025.
marks = []
months = []
m = D(2023, 1, 31)
while m <= D(2025, 10, 31):
    months.append(m)
    nxt = D(m.year + (m.month // 12), m.month % 12 + 1, 1)
    m = D(nxt.year + (nxt.month // 12), nxt.month % 12 + 1, 1) - dt.timedelta(days=1)
holders = ["FundA", "FundB", "BDC1"]
for k in range(1, 11):
    loan = f"LOAN{k:02d}"
    held_by = holders if k % 3 else holders[:2]
    par = 100 - rng.uniform(0, 4)
    for i, d in enumerate(months):
        stress = 0
        if loan == "LOAN07" and d >= D(2025, 1, 31):
            stress = min(1, (d - D(2025, 1, 31)).days / 180)
        for h in held_by:
            mark = par - i * 0.05 + rng.gauss(0, 0.3)
            if stress:
                mark = {"FundA": 90 - 2 * stress, "FundB": 90 - 20 * stress, "BDC1": 88 - 10 * stress}[h]
            marks.append([d.isoformat(), f"MARK.{loan}.{h.upper()}", f"{mark:.2f}", loan, h])
# Month-end marks reach the holders' reports about three weeks later.
write("private_credit_marks.csv", ["date", "series", "value", "tag:instrument", "tag:holder"], marks, lag=20)

# Household stress (monthly): subprime auto 60+ delinquency, youth unemployment, year-ahead
# expected financial situation by income (share expecting to be better off, %).
hh = []
month_starts = [D(y, mm, 1) for y in range(2018, 2026) for mm in range(1, 13) if D(y, mm, 1) <= D(2025, 10, 1)]
dq = [(D(2018, 1, 1), 4.6), (D(2020, 4, 1), 3.0), (D(2021, 6, 1), 3.2), (D(2023, 12, 1), 6.1), (D(2025, 10, 1), 6.65)]
youth = [(D(2018, 1, 1), 8.6), (D(2020, 4, 1), 27.4), (D(2021, 12, 1), 8.0), (D(2023, 4, 1), 7.5), (D(2025, 10, 1), 10.7)]
hi_exp = [(D(2018, 1, 1), 36), (D(2020, 4, 1), 30), (D(2022, 6, 1), 28), (D(2025, 10, 1), 38)]
lo_exp = [(D(2018, 1, 1), 30), (D(2020, 4, 1), 24), (D(2022, 6, 1), 20), (D(2025, 10, 1), 21)]
for d in month_starts:
    hh.append([d.isoformat(), f"{interp(dq, d) + rng.gauss(0, 0.05):.2f}", f"{interp(youth, d) + rng.gauss(0, 0.2):.1f}",
               f"{interp(hi_exp, d) + rng.gauss(0, 0.8):.1f}", f"{interp(lo_exp, d) + rng.gauss(0, 0.8):.1f}"])
# Monthly household data come out about six weeks after the month begins.
write("household_stress.csv", ["date", "AUTODQ60.SUBPRIME", "UNRATE.YOUTH", "SCE.BETTER_OFF.HIGH_INCOME", "SCE.BETTER_OFF.LOW_INCOME"], hh,
      lag=45)
# The median first-time buyer's age of a year is published in early November of that year.
write("first_time_buyer_age.csv", ["year", "FTB_MEDIAN_AGE"],
      [[str(y), str(a)] for y, a in [(2018, 32), (2019, 33), (2020, 33), (2021, 33), (2022, 36), (2023, 35), (2024, 38), (2025, 40)]],
      published=lambda d: D(d.year, 11, 4))

# Market caps (USD bn) of 30 large S&P 500 members, business days, plus the index's total.
trading = [d for d in bdays(START, END) if d not in HOLIDAYS]
tickers = {"AAPL": (850, 4000), "MSFT": (660, 3700), "NVDA": (120, 4500), "GOOGL": (730, 3400), "AMZN": (560, 2400),
           "META": (510, 1500), "BRK.B": (490, 1050), "AVGO": (100, 1600), "TSLA": (55, 1300), "LLY": (80, 950),
           "JPM": (370, 850), "V": (260, 650), "WMT": (290, 800), "XOM": (350, 480), "UNH": (210, 300),
           "MA": (160, 520), "ORCL": (200, 620), "COST": (80, 420), "HD": (220, 380), "PG": (230, 370),
           "JNJ": (370, 450), "NFLX": (85, 480), "BAC": (320, 390), "ABBV": (150, 390), "KO": (190, 300),
           "CRM": (75, 240), "CVX": (240, 290), "AMD": (10, 400), "PEP": (170, 210), "TMO": (80, 200)}
n = len(trading)
market = [0.0]
for _ in range(n - 1):
    market.append(market[-1] + rng.gauss(0, 0.011))
paths = {}
for t, (a, b) in tickers.items():
    walk = [0.0]
    for _ in range(n - 1):
        walk.append(walk[-1] + rng.gauss(0, 0.014))
    drift = math.log(b / a) / (n - 1)
    paths[t] = [a * math.exp(drift * i + 0.6 * (market[i] - market[-1] * i / (n - 1)) + walk[i] - walk[-1] * i / (n - 1)) for i in range(n)]
total_anchors = [(D(2018, 1, 2), 23000), (D(2020, 3, 23), 19000), (D(2021, 12, 31), 40000), (D(2022, 10, 12), 29000),
                 (D(2024, 12, 31), 50000), (D(2025, 11, 21), 57500)]
caps = []
totals = []
for i, d in enumerate(trading):
    for t in tickers:
        caps.append([d.isoformat(), f"MCAP.{t}", f"{paths[t][i]:.1f}"])
    totals.append([d.isoformat(), f"{interp(total_anchors, d) * math.exp(0.5 * (market[i] - market[-1] * i / (n - 1))):.0f}"])
write("spx_member_caps.csv", ["date", "series", "value"], caps)
write("spx_total_cap.csv", ["date", "SPX.MCAP"], totals)

# Prices: BTC trades every day; gold, Nasdaq-100 and S&P 500 on business days. BTC loads on the
# equity factor (beta about 2), gold hardly at all.
btc_anchors = [(D(2018, 1, 1), 13500), (D(2018, 12, 15), 3200), (D(2019, 6, 26), 12900), (D(2020, 3, 12), 4900),
               (D(2021, 11, 10), 68000), (D(2022, 11, 21), 15800), (D(2024, 3, 14), 73000), (D(2024, 12, 17), 106000),
               (D(2025, 4, 8), 77000), (D(2025, 10, 6), 124700), (D(2025, 11, 21), 84600)]
gold_anchors = [(D(2018, 1, 1), 1300), (D(2020, 8, 6), 2060), (D(2022, 9, 28), 1630), (D(2024, 12, 31), 2620),
                (D(2025, 10, 20), 4350), (D(2025, 11, 21), 4060)]
ndx_anchors = [(D(2018, 1, 2), 6500), (D(2020, 3, 23), 6990), (D(2021, 11, 19), 16570), (D(2022, 12, 28), 10680),
               (D(2025, 4, 8), 17090), (D(2025, 10, 29), 26000), (D(2025, 11, 21), 24240)]
spx_anchors = [(D(2018, 1, 2), 2700), (D(2020, 3, 23), 2240), (D(2021, 12, 31), 4770), (D(2022, 10, 12), 3580),
               (D(2025, 4, 8), 4980), (D(2025, 10, 28), 6890), (D(2025, 11, 21), 6600)]
factor = {}
level = 0.0
for d in days(START, END):
    level += rng.gauss(0, 0.01) if d.weekday() < 5 else 0
    factor[d] = level
all_days = list(days(START, END))
last = factor[END]
span = (END - START).days
prices = []
idio_btc = 0.0
idio_gold = 0.0
for d in all_days:
    t = (d - START).days / span
    f = factor[d] - last * t
    idio_btc += rng.gauss(0, 0.025)
    idio_gold += rng.gauss(0, 0.008)
    btc = interp(btc_anchors, d) * math.exp(2.0 * f + 0.4 * (idio_btc - idio_btc * 0))
    trades = d.weekday() < 5 and d not in HOLIDAYS
    row = [d.isoformat(), f"{btc:.2f}"]
    if trades:
        row += [f"{interp(gold_anchors, d) * math.exp(0.05 * f + idio_gold):.2f}", f"{interp(ndx_anchors, d) * math.exp(1.2 * f):.2f}",
                f"{interp(spx_anchors, d) * math.exp(f):.2f}"]
    else:
        row += ["", "", ""]
    prices.append(row)
write("prices.csv", ["date", "BTC", "GOLD", "NDX", "SPX"], prices)
# The series publishers revise, from a generator of their own.
rev = random.Random(SEED + 1)
# Fed total assets (WALCL, millions of USD, H.4.1, Wednesdays, out on Thursdays): the last
# five weeks of a download may still be revised; later downloads show the settled value.
walcl_anchors = [(D(2018, 1, 3), 4_440_000), (D(2019, 9, 11), 3_760_000), (D(2020, 6, 10), 7_170_000),
                 (D(2022, 4, 13), 8_965_000), (D(2025, 6, 4), 6_680_000), (D(2025, 11, 19), 6_560_000)]
walcl_true = {d: round(interp(walcl_anchors, d) + rev.gauss(0, 3000)) for d in weds}
walcl_fix = {d: rev.choice([-1, 1]) * rev.randint(400, 2600) for d in weds}
write_vintaged("fred_balance_sheet.csv", ["observation_date", "WALCL"], lambda v: [
    [d.isoformat(), str(walcl_true[d] + (walcl_fix[d] if (v - d).days <= 35 else 0))] for d in weds if d + dt.timedelta(days=1) <= v])

# Real GDP (GDPC1, billions of chained 2017 dollars, quarterly): advance, second and third
# estimates about 30, 60 and 90 days after the quarter, then settled; the annual update of
# 2025-09-25 revises the three years before it. The shutdown delays 2025Q3's advance estimate
# past the last download.
quarters = [D(y, m, 1) for y in range(2018, 2026) for m in (1, 4, 7, 10) if D(y, m, 1) <= D(2025, 7, 1)]
gdp_true = {}
gdp_level = 20_900.0
for q in quarters:
    growth = {D(2020, 4, 1): -0.080, D(2020, 7, 1): 0.075}.get(q, 0.0055 + rev.gauss(0, 0.003))
    if q == D(2020, 1, 1):
        growth = -0.014
    gdp_level *= 1 + growth
    gdp_true[q] = gdp_level
gdp_error = {q: [rev.gauss(0, 28), rev.gauss(0, 16), rev.gauss(0, 9)] for q in quarters}
gdp_annual = {q: rev.gauss(0, 35) for q in quarters}
ANNUAL_UPDATE = D(2025, 9, 25)


def quarter_end(q):
    return D(q.year + (q.month + 2) // 12, (q.month + 2) % 12 + 1, 1) - dt.timedelta(days=1)


def gdp_at(v):
    rows = []
    for q in quarters:
        end = quarter_end(q)
        if q == D(2025, 7, 1):
            releases = []  # 2025Q3: delayed by the shutdown
        else:
            releases = [end + dt.timedelta(days=k) for k in (28, 58, 88)]
        out = [r for r in releases if r <= v]
        if not out:
            continue
        value = gdp_true[q]
        if len(out) < 3:
            value += gdp_error[q][len(out) - 1]
        elif v < ANNUAL_UPDATE and q >= D(2022, 1, 1) and (v - end).days > 91:
            value += gdp_annual[q]
        elif (v - end).days <= 91:
            value += gdp_error[q][2]
        rows.append([q.isoformat(), f"{value:.3f}"])
    return rows


# Payrolls (PAYEMS, thousands, monthly): first print on the first Friday of the next month,
# revised in each of the next two reports. The September 2025 report came out on 2025-11-20
# (the shutdown); October's and November's together on 2025-12-16.
pay_months = [D(y, mm, 1) for y in range(2018, 2026) for mm in range(1, 13) if D(y, mm, 1) <= D(2025, 11, 1)]
pay_true = {}
pay_level = 147_000.0
for m in pay_months:
    change = 180 + rev.gauss(0, 60)
    if D(2020, 3, 1) <= m <= D(2020, 4, 1):
        change = {D(2020, 3, 1): -1_400, D(2020, 4, 1): -20_500}[m]
    elif D(2020, 5, 1) <= m <= D(2021, 12, 1):
        change = 650 + rev.gauss(0, 150)
    elif m >= D(2025, 5, 1):
        change = 20 + rev.gauss(0, 25)
    pay_level += change
    pay_true[m] = pay_level
pay_error = {m: [rev.gauss(0, 70), rev.gauss(0, 35)] for m in pay_months}


def first_friday(year, month):
    d = D(year, month, 1)
    return d + dt.timedelta(days=(4 - d.weekday()) % 7)


def report_day(m):
    """The day the report on month m came out."""
    nxt = D(m.year + m.month // 12, m.month % 12 + 1, 1)
    if nxt >= D(2025, 10, 1):
        return {D(2025, 10, 1): D(2025, 11, 20)}.get(nxt, D(2025, 12, 16))
    return first_friday(nxt.year, nxt.month)


def payrolls_at(v):
    reports = sorted(set(report_day(m) for m in pay_months if report_day(m) <= v))
    rows = []
    for m in pay_months:
        first = report_day(m)
        if first > v:
            continue
        later = [r for r in reports if r > first]
        value = pay_true[m] + (pay_error[m][len(later)] if len(later) < 2 else 0)
        rows.append([m.isoformat(), f"{value:.0f}"])
    return rows


def macro_at(v):
    gdp = dict((r[0], r[1]) for r in gdp_at(v))
    pay = dict((r[0], r[1]) for r in payrolls_at(v))
    return [[d, gdp.get(d, "."), pay.get(d, ".")] for d in sorted(set(gdp) | set(pay))]


write_vintaged("fred_macro.csv", ["observation_date", "GDPC1", "PAYEMS"], macro_at)
# A later download, not part of the demo: the README's walkthrough ingests it.
UPDATE = (D(2025, 12, 16), "fred_macro.csv", ["observation_date", "GDPC1", "PAYEMS"], macro_at)

# H.8 bank credit of all commercial banks (TOTBKCR, billions, Wednesdays, out about nine days
# later): the last eight weeks of a release are revised; the benchmark of September 2025
# raises history by about half a percent.
bank_anchors = [(D(2018, 1, 3), 12_700), (D(2020, 6, 24), 15_100), (D(2022, 12, 28), 17_300),
                (D(2024, 6, 26), 17_500), (D(2025, 11, 12), 18_300)]
bank_true = {d: interp(bank_anchors, d) + rev.gauss(0, 15) for d in weds}
bank_fix = {d: rev.gauss(0, 12) for d in weds}
BENCHMARK = D(2025, 9, 19)
write_vintaged("fred_bank_credit.csv", ["observation_date", "TOTBKCR"], lambda v: [
    [d.isoformat(), f"{bank_true[d] * (1 if v >= BENCHMARK or d > D(2025, 6, 25) else 0.995) + (bank_fix[d] if (v - d).days <= 65 else 0):.1f}"]
    for d in weds if d + dt.timedelta(days=9) <= v])

# The essay's spider: daylight overdrafts, fed funds purchased and late payments, monthly,
# in the Federal Reserve Board's Data Download Program layout (description rows above
# "Time Period"). Calm through 2019Q2, a spike into September 2019, low in the years of
# ample reserves, safe in June 2025, close to the 2019 outline again by October 2025.
# Drawn from a generator of their own so that every series above stays as it was.
plumb = random.Random(2019_09)
months = []
m = D(2018, 1, 1)
while m <= D(2025, 10, 1):
    months.append(m)
    m = D(m.year + (m.month == 12), m.month % 12 + 1, 1)
stress_anchors = [(D(2018, 1, 1), 0.15), (D(2019, 6, 1), 0.25), (D(2019, 8, 1), 0.45), (D(2019, 9, 1), 1.0),
                  (D(2019, 11, 1), 0.45), (D(2020, 4, 1), 0.0), (D(2023, 6, 1), 0.0), (D(2025, 3, 1), 0.12),
                  (D(2025, 6, 1), 0.1), (D(2025, 8, 1), 0.45), (D(2025, 10, 1), 0.9)]


def stress(d):
    return max(0.0, interp(stress_anchors, d))


def plumbing(low, high, noise):
    return {d: low + (high - low) * stress(d) + plumb.gauss(0, noise) for d in months}


dlod_peak = plumbing(95, 205, 4)        # USD bn, peak daylight overdrafts in a month
dlod_avg = {d: v * 0.11 + plumb.gauss(0, 0.4) for d, v in dlod_peak.items()}
ffpurch = plumbing(48, 96, 2)           # USD bn, fed funds purchased by banks, monthly average
late = plumbing(7.2, 13.5, 0.25)        # percent of Fedwire value settled after 5 p.m.


def ddp(name, series, published_after):
    """series: (mnemonic, description, unit, multiplier, currency, values by month)."""
    preamble = [["Series Description"] + ['"' + s[1] + '"' for s in series], ["Unit:"] + [s[2] for s in series],
                ["Multiplier:"] + [s[3] for s in series], ["Currency:"] + [s[4] for s in series],
                ["Unique Identifier: "] + [name.split(".")[0].upper() + "/" + s[0] for s in series]]
    header = ["Time Period"] + [s[0] for s in series]

    def rows_at(v):
        rows = [r for r in preamble] + [header]
        rows += [[d.strftime("%Y-%m")] + [f"{s[5][d]:.{s[6]}f}" for s in series]
                 for d in months if D(d.year + (d.month == 12), d.month % 12 + 1, 1) + dt.timedelta(days=published_after) <= v]
        return rows
    FILES.append((name, None, rows_at))


ddp("frb_payment_system.csv", [
    ("DLOD.PEAK", "Daylight overdrafts: peak, monthly maximum", "Currency", "1000000000", "USD", dlod_peak, 1),
    ("DLOD.AVG", "Daylight overdrafts: average per minute, monthly mean", "Currency", "1000000000", "USD", dlod_avg, 2),
    ("FEDWIRE.LATE", "Fedwire Funds: share of value settled after 5 p.m.", "Percent", "1", "NA", late, 2),
], published_after=20)
ddp("frb_h8_fed_funds.csv", [
    ("FFPURCH", "Fed funds purchased, all commercial banks, monthly average", "Currency", "1000000000", "USD", ffpurch, 1),
], published_after=10)

flush()
update_day, update_name, update_header, update_rows = UPDATE
folder = os.path.join(ROOT, "..", "updates", update_day.isoformat())
os.makedirs(folder, exist_ok=True)
with open(os.path.join(folder, update_name), "w", newline="") as f:
    f.write(",".join(update_header) + "\n")
    for r in update_rows(update_day):
        f.write(",".join(r) + "\n")
print("story written under", os.path.normpath(ROOT), "as downloaded on", ", ".join(v.isoformat() for v in VINTAGES))
