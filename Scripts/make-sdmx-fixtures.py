#!/usr/bin/env python3
"""SDMX-CSV as the portals write it, written by pandas' to_csv, with the values each must
give (Fixtures/sdmx/*.expected: series,date,value).

- estat_hicp_r1.csv, estat_hicp_r2.csv: Eurostat's SDMX-CSV 1.0 (DATAFLOW, a LAST UPDATE
  release stamp, lower-case dimensions, OBS_FLAG), two releases: the second revises one
  value and adds a month. The stamp is an attribute: both releases are the same series.
- labels_20.csv: SDMX-CSV 2.0 with labels (`ID:Label` headers, `CODE: Label` cells).
"""
import os
import pandas as pd

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "sdmx")
os.makedirs(HERE, exist_ok=True)


def release(stamp, rows):
    frame = pd.DataFrame(
        [{"DATAFLOW": "ESTAT:PRC_HICP_MANR(1.0)", "LAST UPDATE": stamp, "freq": "M", "unit": "RCH_A", "coicop": "CP00", "geo": geo,
          "TIME_PERIOD": period, "OBS_VALUE": value, "OBS_FLAG": flag} for geo, period, value, flag in rows])
    return frame


r1 = [("EA", "2025-08", 2.0, ""), ("EA", "2025-09", 2.2, "p"), ("DE", "2025-08", 2.1, ""), ("DE", "2025-09", 2.4, "p")]
r2 = [("EA", "2025-08", 2.0, ""), ("EA", "2025-09", 2.3, ""), ("EA", "2025-10", 2.1, "p"), ("DE", "2025-08", 2.1, ""),
      ("DE", "2025-09", 2.4, ""), ("DE", "2025-10", 2.3, "p")]
release("17/10/25 11:00:00", r1).to_csv(os.path.join(HERE, "estat_hicp_r1.csv"), index=False)
release("17/11/25 11:00:00", r2).to_csv(os.path.join(HERE, "estat_hicp_r2.csv"), index=False)


def expected(name, rows):
    with open(os.path.join(HERE, name), "w") as f:
        f.write("series,date,value\n")
        for key, date, value in sorted(rows):
            f.write(f"{key},{date},{value}\n")


expected("estat_hicp_r2.expected", [(f"PRC_HICP_MANR.M.RCH_A.CP00.{g}", p + "-01", v) for g, p, v, _ in r2])

labels = pd.DataFrame([
    {"STRUCTURE:Structure type": "dataflow", "STRUCTURE_ID:Structure identifier": "ECB:EXR(1.0): Exchange Rates",
     "ACTION:Action": "I", "FREQ:Frequency": f"{freq}: {fname}", "CURRENCY:Currency": "USD: US dollar",
     "CURRENCY_DENOM:Currency denominator": "EUR: Euro", "EXR_TYPE:Exchange rate type": "SP00: Spot",
     "EXR_SUFFIX:Series variation - EXR context": "A: Average", "TIME_PERIOD:Time period or range": period,
     "OBS_VALUE:Observation value": value, "OBS_STATUS:Observation status": "A: Normal value"}
    for freq, fname, period, value in [("M", "Monthly", "2025-09", 1.1733), ("M", "Monthly", "2025-10", 1.1633), ("A", "Annual", "2024", 1.0824)]])
labels.to_csv(os.path.join(HERE, "labels_20.csv"), index=False)
expected("labels_20.expected", [("EXR.M.USD.EUR.SP00.A", "2025-09-01", 1.1733), ("EXR.M.USD.EUR.SP00.A", "2025-10-01", 1.1633),
                                ("EXR.A.USD.EUR.SP00.A", "2024-01-01", 1.0824)])
print("sdmx fixtures written under", os.path.normpath(HERE))
