#!/usr/bin/env python3
"""Writes the demo fixtures under Fixtures/ in the publishers' layouts.

Deterministic (seeded): running it again gives the same files byte for byte.
Shapes follow public facts: reserves about $3.3-3.4T mid-2025 and below $2.9T by late
October 2025; IORB 4.40% from 2024-12-19, 4.15% from 2025-09-18, 3.90% from 2025-10-30;
SOFR printing above IORB at times in October 2025; market caps of 15 large US companies.
"""
import datetime as dt
import math
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures")
rng = random.Random(20251124)

START = dt.date(2024, 1, 1)
END = dt.date(2025, 11, 21)
HOLIDAYS = {dt.date(2024, 1, 1), dt.date(2024, 1, 15), dt.date(2024, 2, 19), dt.date(2024, 5, 27), dt.date(2024, 6, 19),
            dt.date(2024, 7, 4), dt.date(2024, 9, 2), dt.date(2024, 10, 14), dt.date(2024, 11, 11),
            dt.date(2024, 11, 28), dt.date(2024, 12, 25), dt.date(2025, 1, 1), dt.date(2025, 1, 20),
            dt.date(2025, 2, 17), dt.date(2025, 5, 26), dt.date(2025, 6, 19), dt.date(2025, 7, 4),
            dt.date(2025, 9, 1), dt.date(2025, 10, 13), dt.date(2025, 11, 11)}


def days(start, end):
    d = start
    while d <= end:
        yield d
        d += dt.timedelta(days=1)


def business_days(start, end):
    return [d for d in days(start, end) if d.weekday() < 5]


def interpolate(anchors, d):
    """Piecewise-linear value at date d from [(date, value)] anchors."""
    for (d0, v0), (d1, v1) in zip(anchors, anchors[1:]):
        if d0 <= d <= d1:
            t = (d - d0).days / max(1, (d1 - d0).days)
            return v0 + t * (v1 - v0)
    return anchors[-1][1] if d > anchors[-1][0] else anchors[0][1]


def iorb(d):
    for since, rate in [(dt.date(2025, 10, 30), 3.90), (dt.date(2025, 9, 18), 4.15), (dt.date(2024, 12, 19), 4.40),
                        (dt.date(2024, 11, 8), 4.65), (dt.date(2024, 9, 19), 4.90)]:
        if d >= since:
            return rate
    return 5.40


def write(path, header, rows, newline="\n"):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", newline="") as f:
        f.write(",".join(header) + newline)
        for r in rows:
            f.write(",".join(r) + newline)


# Reserve balances, weekly (Wednesday), billions of USD.
reserve_anchors = [(dt.date(2022, 1, 5), 3850), (dt.date(2022, 10, 26), 3050), (dt.date(2023, 4, 26), 3250),
                   (dt.date(2024, 4, 24), 3500), (dt.date(2024, 12, 25), 3250), (dt.date(2025, 6, 25), 3380),
                   (dt.date(2025, 8, 27), 3200), (dt.date(2025, 10, 29), 2840), (dt.date(2025, 11, 19), 2880)]
wednesdays = [d for d in days(dt.date(2022, 1, 5), dt.date(2025, 11, 19)) if d.weekday() == 2]
write("fred/WRESBAL.csv", ["observation_date", "WRESBAL"],
      [[d.isoformat(), f"{interpolate(reserve_anchors, d) + rng.gauss(0, 25):.3f}"] for d in wednesdays])

# IORB, daily (every calendar day), percent.
write("fred/IORB.csv", ["observation_date", "IORB"], [[d.isoformat(), f"{iorb(d):.2f}"] for d in days(START, END)])

# SOFR and EFFR, business days, percent, "." on holidays (as FRED writes them).
rows = []
for d in business_days(START, END):
    if d in HOLIDAYS:
        rows.append([d.isoformat(), ".", "."])
        continue
    floor = iorb(d)
    effr = floor - 0.07
    sofr = floor - 0.07 + rng.gauss(0, 0.015)
    month_end = (d + dt.timedelta(days=1)).month != d.month or (d + dt.timedelta(days=3)).month != d.month and d.weekday() == 4
    if month_end:
        sofr += 0.05
    if dt.date(2025, 10, 15) <= d <= dt.date(2025, 11, 3):
        sofr = floor + 0.03 + abs(rng.gauss(0, 0.04))  # repo pressure: above the floor
    rows.append([d.isoformat(), f"{sofr:.2f}", f"{effr:.2f}"])
write("fred/SOFR_EFFR.csv", ["observation_date", "SOFR", "EFFR"], rows)

# Market caps of 15 large US companies, business days, billions of USD (long layout).
caps = {"AAPL": (2900, 4000), "MSFT": (2800, 3700), "NVDA": (1200, 4500), "GOOGL": (1750, 3400),
        "AMZN": (1550, 2400), "META": (900, 1500), "BRK.B": (780, 1050), "AVGO": (520, 1600),
        "TSLA": (790, 1300), "LLY": (560, 950), "JPM": (490, 850), "V": (530, 650),
        "WMT": (420, 800), "XOM": (400, 480), "UNH": (490, 300)}
trading = [d for d in business_days(START, END) if d not in HOLIDAYS]
n = len(trading)
rows = []
paths = {}
for ticker, (v0, v1) in caps.items():
    drift = math.log(v1 / v0) / (n - 1)
    walk, noise = [0.0], []
    for _ in range(n - 1):
        walk.append(walk[-1] + rng.gauss(0, 0.015))
    # Brownian bridge: pin the walk to 0 at both ends so the path ends near v1.
    bridge = [w - walk[-1] * i / (n - 1) for i, w in enumerate(walk)]
    end_noise = rng.gauss(0, 0.03)
    paths[ticker] = [v0 * math.exp(drift * i + bridge[i] + end_noise * i / (n - 1)) for i in range(n)]
for i, d in enumerate(trading):
    for ticker in caps:
        rows.append([d.isoformat(), f"MCAP.{ticker}", f"{paths[ticker][i]:.2f}", "USD bn"])
write("long/spx_market_caps.csv", ["date", "series", "value", "unit"], rows)

# Fed total assets (WALCL), two downloads of the same series five weeks apart: the later
# one revises two weeks and adds five. The demo ingests them with their download dates.
walcl_anchors = [(dt.date(2025, 1, 1), 6_880_000), (dt.date(2025, 11, 19), 6_560_000)]
weeks = [d for d in days(dt.date(2025, 1, 1), dt.date(2025, 11, 19)) if d.weekday() == 2]
values = {d: round(interpolate(walcl_anchors, d) + rng.gauss(0, 4000)) for d in weeks}
v1 = [d for d in weeks if d <= dt.date(2025, 9, 24)]
write("revisions/WALCL_2025-10-01.csv", ["observation_date", "WALCL"], [[d.isoformat(), str(values[d])] for d in v1])
revised = dict(values)
revised[dt.date(2025, 9, 17)] += 1250
revised[dt.date(2025, 9, 24)] -= 3100
v2 = [d for d in weeks if d <= dt.date(2025, 10, 29)]
write("revisions/WALCL_2025-11-05.csv", ["observation_date", "WALCL"], [[d.isoformat(), str(revised[d])] for d in v2])
print("fixtures written under", os.path.normpath(ROOT))
