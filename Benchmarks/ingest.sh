#!/usr/bin/env bash
# Ingest benchmark: mstore against the sqlite3 shell's .import into a keyed table, on the
# same 1,000,000-row long file, in one run (compare ratios, not absolute times).
# Usage: Benchmarks/ingest.sh [WORKDIR]     (default /tmp/mstore-bench)
# Needs: sqlite3, python3. Builds mstore in release mode first.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
w=${1:-/tmp/mstore-bench}
. "$here/Benchmarks/common.sh"
peak_kb() { /usr/bin/time -f %M bash -c "$1" 2>&1 >/dev/null | tail -1; }

anchor=$(median3 "rm -f $w/s.db*; sqlite3 $w/s.db 'PRAGMA journal_mode=WAL' 'CREATE TABLE obs(date TEXT, series TEXT, value REAL, PRIMARY KEY(series,date)) WITHOUT ROWID' '.import --csv --skip 1 $w/long_1m.csv obs'")
ours=$(median3 "rm -f $w/m.db*; $mstore ingest --db $w/m.db --vintage 2025-01-01 $w/long_1m.csv")
noop=$(median3 "$mstore ingest --db $w/m.db $w/long_1m.csv")
head -n 100001 "$w/long_1m.csv" > "$w/long_100k.csv"
mem_small=$(peak_kb "rm -f $w/k.db*; $mstore ingest --db $w/k.db $w/long_100k.csv")
mem_large=$(peak_kb "rm -f $w/k.db*; $mstore ingest --db $w/k.db $w/long_1m.csv")
echo "sqlite3_import_keyed_1m $anchor"
echo "mstore_ingest_1m $ours"
echo "mstore_reingest_same_file_1m $noop"
echo "ratio_mstore_to_sqlite3 $(echo "scale=2; $ours / $anchor" | bc)"
echo "peak_rss_kb_100k_rows $mem_small"
echo "peak_rss_kb_1m_rows $mem_large"
