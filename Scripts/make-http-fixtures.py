#!/usr/bin/env python3
"""Writes Fixtures/http: publishers' answers as their documentation describes them, served
by the tests' local HTTP server (127.0.0.1) to `mstore fetch` and `mstore update`.

FRED API (series, series/observations, errors), FRED's graph CSV, and the New York Fed
Markets API (reference rates; reverse repo operations). Values are defined here; the tests
check what mstore stores against these definitions.
"""
import json
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "http")
os.makedirs(HERE, exist_ok=True)


def write(name, text):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(text)


def fred_observations(rows, count=None, offset=0, limit=100000, realtime=("2025-11-24", "2025-11-24")):
    return json.dumps({
        "realtime_start": realtime[0], "realtime_end": realtime[1], "observation_start": "1600-01-01",
        "observation_end": "9999-12-31", "units": "lin", "output_type": 1, "file_type": "json",
        "order_by": "observation_date", "sort_order": "asc", "count": len(rows) if count is None else count,
        "offset": offset, "limit": limit,
        "observations": [{"realtime_start": rs, "realtime_end": re, "date": d, "value": v} for rs, re, d, v in rows]}, indent=1) + "\n"


# WRESBAL as first fetched on 2025-11-24: five weeks, served in two pages of three.
t0 = ("2025-11-24", "2025-11-24")
wres = [("2025-10-22", "2899.117"), ("2025-10-29", "2829.105"), ("2025-11-05", "2849.621"), ("2025-11-12", "2831.477"),
        ("2025-11-19", "2884.712")]
write("fred_series_WRESBAL.json", json.dumps({"realtime_start": "2025-11-24", "realtime_end": "2025-11-24", "seriess": [{
    "id": "WRESBAL", "realtime_start": "2025-11-24", "realtime_end": "2025-11-24",
    "title": "Reserve Balances with Federal Reserve Banks", "observation_start": "1984-01-04", "observation_end": "2025-11-19",
    "frequency": "Weekly, Ending Wednesday", "frequency_short": "W", "units": "Billions of U.S. Dollars", "units_short": "Bil. of U.S. $",
    "seasonal_adjustment": "Not Seasonally Adjusted", "seasonal_adjustment_short": "NSA", "last_updated": "2025-11-20 15:46:02-06",
    "popularity": 72, "notes": "Reserve balances held at the Federal Reserve Banks.\nWednesday level."}]}) + "\n")
write("fred_obs_WRESBAL_page1.json", fred_observations([t0 + r for r in wres[:3]], count=5, offset=0, limit=3))
write("fred_obs_WRESBAL_page2.json", fred_observations([t0 + r for r in wres[3:]], count=5, offset=3, limit=3))

# The update on 2025-12-01: 2025-11-19 revised (2884.712 → 2885.9) and 2025-11-26 new.
t1 = ("2025-12-01", "2025-12-01")
update = [("2025-11-12", "2831.477"), ("2025-11-19", "2885.9"), ("2025-11-26", "2901.334")]
write("fred_obs_WRESBAL_update.json", fred_observations([t1 + r for r in update], realtime=t1))

# GDPC1 with every real-time period (ALFRED).
write("fred_series_GDPC1.json", json.dumps({"seriess": [{
    "id": "GDPC1", "title": "Real Gross Domestic Product", "units": "Billions of Chained 2017 Dollars", "frequency_short": "Q",
    "notes": "BEA Account Code: A191RX"}]}) + "\n")
gdp = [("2025-04-30", "2025-05-28", "2025-01-01", "23528.047"), ("2025-05-29", "2025-06-25", "2025-01-01", "23526.085"),
       ("2025-06-26", "9999-12-31", "2025-01-01", "23512.717"), ("2025-07-30", "2025-08-27", "2025-04-01", "23685.281"),
       ("2025-08-28", "9999-12-31", "2025-04-01", "23703.782")]
write("fred_obs_GDPC1_vintages.json", fred_observations(gdp, realtime=("1776-07-04", "9999-12-31")))

# FRED's errors, as its API answers them (HTTP 400).
write("fred_error_series.json", json.dumps({"error_code": 400, "error_message": "Bad Request.  The series does not exist."}) + "\n")
write("fred_error_key.json", json.dumps({"error_code": 400, "error_message":
      "Bad Request.  The value for variable api_key is not registered.  Read https://fred.stlouisfed.org/docs/api/api_key.html for more information."}) + "\n")
write("malformed.json", '{"observations": [{"date": "2025-11-05", "value": "1"},\n  {"date": "2025-11-12" "value": "2"}]}\n')

# FRED's graph CSV (no key).
write("fredgraph_WALCL.csv", "observation_date,WALCL\n2025-11-05,6587034\n2025-11-12,6581362\n2025-11-19,6555478\n")

# New York Fed reference rates and reverse repo operations.
sofr = [{"effectiveDate": "2025-11-21", "type": "SOFR", "percentRate": 3.92, "percentPercentile1": 3.85, "percentPercentile25": 3.9,
         "percentPercentile75": 3.97, "percentPercentile99": 4.05, "volumeInBillions": 3072, "revisionIndicator": ""},
        {"effectiveDate": "2025-11-20", "type": "SOFR", "percentRate": 3.94, "percentPercentile1": 3.86, "percentPercentile25": 3.91,
         "percentPercentile75": 4.0, "percentPercentile99": 4.1, "volumeInBillions": 3105, "revisionIndicator": ""}]
write("nyfed_sofr.json", json.dumps({"refRates": sofr}, indent=2) + "\n")
rrp = [{"operationId": "RP 112125 1", "auctionStatus": "Results", "operationDate": "2025-11-21", "settlementDate": "2025-11-21",
        "maturityDate": "2025-11-24", "operationType": "Reverse Repo", "operationMethod": "Fixed Rate", "settlementType": "Same Day",
        "termCalenderDays": 3, "term": "Overnight", "releaseTime": "13:15", "closeTime": "13:15", "totalAmtSubmitted": 3125000000,
        "totalAmtAccepted": 3125000000,
        "details": [{"securityType": "Treasury", "amtSubmitted": 3125000000, "amtAccepted": 3125000000, "percentOfferingRate": 3.75,
                     "percentAwardRate": 3.75}]},
       {"operationId": "RP 112125 2", "operationDate": "2025-11-21", "operationType": "Repo", "term": "Overnight",
        "totalAmtSubmitted": 0, "totalAmtAccepted": 0, "details": []}]
write("nyfed_rrp.json", json.dumps({"repo": {"operations": rrp}}, indent=2) + "\n")
print("http fixtures written under", os.path.normpath(HERE))

# A compressed answer that inflates to 64 MiB (a "gzip bomb" in small): 1,000:1.
import gzip
line = b"2025-01-01,1\n"
with open(os.path.join(HERE, "bomb_64MiB.csv.gz"), "wb") as f:
    f.write(gzip.compress(b"date,X\n" + line * ((64 << 20) // len(line)), compresslevel=9, mtime=0))
