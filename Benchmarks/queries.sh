#!/usr/bin/env bash
# Query benchmarks: whole mstore commands on the shared benchmark data, in one run with the
# anchors (run ../shared/bench/anchors.sh WORKDIR first, or let this script call it).
# Usage: Benchmarks/queries.sh [WORKDIR]     (default /tmp/mstore-anchors)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
w=${1:-/tmp/mstore-anchors}
. "$here/Benchmarks/common.sh"
[ -f "$w/caps.csv" ] || python3 "$shared/bench/gen_caps.py" 500 5000 "$w/caps.csv"

[ -f "$w/m_long.db" ] || "$mstore" ingest --db "$w/m_long.db" --vintage 2025-01-01 "$w/long_1m.csv" >/dev/null
echo "mstore_ingest_caps_2_5m_date_sorted $(median3 "rm -f $w/m_caps.db*; $mstore ingest --db $w/m_caps.db --vintage 2025-01-01 --tag universe=BENCH $w/caps.csv")"
echo "mstore_one_series_rolling_z $(median3 "$mstore query rolling SER0042 --stat zscore --window 252 --db $w/m_long.db --format csv")"
echo "mstore_show_one_series $(median3 "$mstore show SER0042 --db $w/m_long.db --format csv")"
echo "mstore_top10_share_all_days $(median3 "$mstore query concentration --universe BENCH --db $w/m_caps.db --format csv")"
echo "mstore_top10_share_since_2024 $(median3 "$mstore query concentration --universe BENCH --since 2024 --db $w/m_caps.db --format csv")"
