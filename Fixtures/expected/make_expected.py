#!/usr/bin/env python3
"""Reference values for mstore's signal tests, computed with pandas (run once; outputs
committed beside this script). Regenerate with: python3 Fixtures/expected/make_expected.py

Inputs (inputs.csv, long layout date,series,value):
  A    business days with gaps (some dates removed), a random walk
  C    constant for 30 business days
  BTC  every calendar day;  NDX  business days (different calendars)
  M    monthly, 40 months;  Q  quarterly, 16 quarters
  D    every calendar day for 120 days (for frequency conversion)
  MC.* market caps of 12 names with changing membership (for concentration)
"""
import os
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(42)
rows = []


def add(name, index, values):
    for d, v in zip(index, values):
        rows.append((d.strftime("%Y-%m-%d"), name, round(float(v), 6)))
    return pd.Series([round(float(v), 6) for v in values], index=index, name=name)


bdays = pd.bdate_range("2024-01-01", periods=160)
keep = np.ones(len(bdays), bool)
keep[[5, 6, 7, 40, 41, 90, 120, 121, 122, 123]] = False  # gaps
A = add("A", bdays[keep], 100 + np.cumsum(rng.normal(0, 1, keep.sum())))
C = add("C", pd.bdate_range("2024-03-01", periods=30), np.full(30, 7.5))
days = pd.date_range("2024-01-01", periods=200)
BTC = add("BTC", days, 40000 * np.exp(np.cumsum(rng.normal(0, 0.03, len(days)))))
ndx_days = pd.bdate_range("2024-01-01", "2024-07-18")
NDX = add("NDX", ndx_days, 16000 * np.exp(np.cumsum(rng.normal(0, 0.012, len(ndx_days)))))
M = add("M", pd.date_range("2021-01-01", periods=40, freq="MS"), 250 + np.cumsum(rng.normal(0.5, 1, 40)))
Q = add("Q", pd.date_range("2020-01-01", periods=16, freq="QS"), 20000 + np.cumsum(rng.normal(100, 50, 16)))
D = add("D", pd.date_range("2024-01-01", periods=120), 5 + np.cumsum(rng.normal(0, 0.1, 120)))

caps = {}
cdays = pd.bdate_range("2025-01-01", periods=40)
for k in range(12):
    present = np.ones(40, bool)
    if k == 3:
        present[:10] = False   # joins late
    if k == 7:
        present[25:] = False   # leaves
    s = add(f"MC.N{k:02d}", cdays[present], (1000 / (k + 1)) * np.exp(np.cumsum(rng.normal(0, 0.02, present.sum()))))
    caps[f"MC.N{k:02d}"] = s

pd.DataFrame(rows, columns=["date", "series", "value"]).to_csv(os.path.join(HERE, "inputs.csv"), index=False)


def out(name, frame):
    frame = frame.copy()
    frame.index = frame.index.strftime("%Y-%m-%d")
    frame.index.name = "date"
    frame.to_csv(os.path.join(HERE, name), float_format="%.12g", na_rep="")


# Rolling by count (window 20), default min_periods (20) and min_periods 5.
r = A.rolling(20)
r5 = A.rolling(20, min_periods=5)
out("rolling_count.csv", pd.DataFrame({
    "mean": r.mean(), "sum": r.sum(), "std": r.std(), "min": r.min(), "max": r.max(),
    "zscore": (A - r.mean()) / r.std(),
    "pctrank": r.rank(pct=True), "q0.9": r.quantile(0.9), "median": r.median(),
    "mean_mp5": r5.mean(), "std_mp5": r5.std(), "zscore_mp5": (A - r5.mean()) / r5.std(),
}))
# Rolling by calendar span: (t - 30 days, t], min_periods 1 (pandas' default for offsets).
rc = A.rolling("30D")
out("rolling_30d.csv", pd.DataFrame({"mean": rc.mean(), "sum": rc.sum(), "std": rc.std(), "max": rc.max(),
                                     "zscore": (A - rc.mean()) / rc.std()}))
# EWMA.
out("ewma.csv", pd.DataFrame({"span10": A.ewm(span=10).mean(), "halflife5": A.ewm(halflife=5).mean()}))

# FRED units: n = 12 for monthly, 4 for quarterly; lags count observations.
def fred(s, n):
    lag1, lagn = s.shift(1), s.shift(n)
    return pd.DataFrame({
        "chg": s - lag1, "ch1": s - lagn, "pch": (s / lag1 - 1) * 100, "pc1": (s / lagn - 1) * 100,
        "pca": ((s / lag1) ** n - 1) * 100, "cch": (np.log(s) - np.log(lag1)) * 100,
        "cca": (np.log(s) - np.log(lag1)) * 100 * n, "log": np.log(s)})
out("fred_monthly.csv", fred(M, 12))
out("fred_quarterly.csv", fred(Q, 4))

# Frequency conversion of the daily series: months labelled by their first day, weeks by Friday.
for label, rule in [("monthly", "MS"), ("weekly_fri", "W-FRI")]:
    g = D.resample(rule)
    out(f"resample_{label}.csv", pd.DataFrame({"avg": g.mean(), "sum": g.sum(), "eop": g.last(), "first": g.first(),
                                               "min": g.min(), "max": g.max()}))

# BTC vs NDX: common dates, simple returns, rolling 30 correlation, covariance, beta.
both = pd.concat([BTC, NDX], axis=1, join="inner")
ret = both.pct_change()

corr = ret["BTC"].rolling(30).corr(ret["NDX"])
cov = ret["BTC"].rolling(30).cov(ret["NDX"])
beta = cov / ret["NDX"].rolling(30).var()
out("pair_btc_ndx.csv", pd.DataFrame({"corr": corr, "cov": cov, "beta": beta}))
# Volatility (365 for an every-day series) and drawdown.
out("btc_vol_drawdown.csv", pd.DataFrame({"vol30": BTC.pct_change().rolling(30).std() * np.sqrt(365),
                                          "drawdown": BTC / BTC.cummax() - 1}))

# As-of alignment of the weekly-ish M onto D's dates and back.
axis = pd.DataFrame({"date": pd.date_range("2021-01-15", periods=20, freq="17D")})
src = M.rename("v").reset_index().rename(columns={"index": "date"})
aligned = {}
for direction in ["backward", "forward", "nearest"]:
    m = pd.merge_asof(axis, src, on="date", direction=direction)
    aligned[direction] = m["v"].values
    m = pd.merge_asof(axis, src, on="date", direction=direction, tolerance=pd.Timedelta(days=10))
    aligned[direction + "_tol10"] = m["v"].values
out("asof.csv", pd.DataFrame(aligned, index=axis["date"]))

# Concentration: top-5 share, HHI (sum of squared shares), effective N, per date.
wide = pd.concat(caps.values(), axis=1)
share = wide.div(wide.sum(axis=1), axis=0)
top5 = wide.apply(lambda row: row.dropna().sort_values(ascending=False).head(5).sum(), axis=1) / wide.sum(axis=1)
hhi = (share ** 2).sum(axis=1)
out("concentration_top5.csv", pd.DataFrame({"members": wide.notna().sum(axis=1), "top5_share": top5, "hhi": hhi, "effective_n": 1 / hhi}))
print("reference values written to", HERE)
