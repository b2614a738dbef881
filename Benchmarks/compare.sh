#!/usr/bin/env bash
# mstore beside the tools a user would pick instead — the sqlite3 shell and DuckDB's CLI —
# on the same data, in one run: one table of times, ratios (mstore / anchor) and mstore's
# peak memory, then a scaling table (1x, 4x, 16x the data).
#
# Usage: Benchmarks/compare.sh [WORKDIR]        (default /tmp/mstore-compare)
#   Installs what it needs: hyperfine and sqlite3 from Debian (apt-get), DuckDB's CLI from
#   PyPI into WORKDIR/venv. Generates the data with ../shared/bench (or $MSTORE_SHARED/bench),
#   builds mstore as the README says (release, one static program). Under a second: hyperfine -N (median of >= 10 runs);
#   longer: the median of 3 runs after a warm-up. Set SCALING=0 to skip the scaling table,
#   PG=0 to skip the PostgreSQL rows (a throwaway server from Debian's postgresql package).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
w=${1:-/tmp/mstore-compare}
mkdir -p "$w"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need sqlite3; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq hyperfine sqlite3 >/dev/null
fi
[ -x "$w/venv/bin/duckdb" ] || { python3 -m venv "$w/venv" && "$w/venv/bin/pip" -q install duckdb-cli; }
duck="$w/venv/bin/duckdb"

. "$here/Benchmarks/common.sh"   # data (long_1m.csv), the release build, median3
[ -f "$w/caps.csv" ] || python3 "$shared/bench/gen_caps.py" 500 5000 "$w/caps.csv"
[ -f "$w/long_3m.csv" ] || python3 "$shared/bench/gen_long.py" 300 10000 "$w/long_3m.csv"

# Stores: mstore's, the sqlite3 shell's keyed table, DuckDB's.
rm -f "$w"/m_long.db* "$w"/m_caps.db*
"$mstore" ingest --db "$w/m_long.db" --vintage 2025-01-01 --tag universe=ALL "$w/long_1m.csv" >/dev/null
"$mstore" ingest --db "$w/m_caps.db" --vintage 2025-01-01 --tag universe=BENCH "$w/caps.csv" >/dev/null
sqlite_keyed="CREATE TABLE obs(date TEXT, series TEXT, value REAL, PRIMARY KEY(series,date)) WITHOUT ROWID"
[ -f "$w/s.db" ] || sqlite3 "$w/s.db" 'PRAGMA journal_mode=WAL' "$sqlite_keyed" ".import --csv --skip 1 $w/long_1m.csv obs" >/dev/null
[ -f "$w/d.db" ] || "$duck" "$w/d.db" -c "CREATE TABLE obs AS SELECT * FROM read_csv('$w/long_1m.csv')" >/dev/null
[ -f "$w/c.db" ] || "$duck" "$w/c.db" -c "CREATE TABLE obs AS SELECT * FROM read_csv('$w/caps.csv')" >/dev/null

# hyperfine -N on one or two commands: prints "median_a [median_b]".
hf() {
  local json="$w/hf.json"
  hyperfine -N --warmup 3 --min-runs 10 --export-json "$json" "$@" >/dev/null 2>&1
  python3 -c "import json,sys; print(' '.join(str(r['median']) for r in json.load(open(sys.argv[1]))['results']))" "$json"
}
# Peak resident memory (MB) of one command.
peak() { /usr/bin/time -f %M bash -c "$1" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'; }

rows=()
row() { # work, mstore seconds, anchor name, anchor seconds, goal ratio, peak MB
  local ratio="—"
  [ "$4" != "—" ] && ratio=$(python3 -c "print(f'{$2/$4:.2f}x')")
  rows+=("$1|$2|$3|$4|$ratio|$5|$6")
}
ms() { python3 -c "import sys; v=float(sys.argv[1]); print(f'{v*1000:.1f} ms' if v < 1 else f'{v:.2f} s')" "$1"; }

# 1. Ingest 1M rows into a fresh store, against sqlite3's keyed .import.
m=$(median3 "rm -f $w/i.db*; $mstore ingest --db $w/i.db --vintage 2025-01-01 $w/long_1m.csv")
a=$(median3 "rm -f $w/si.db*; sqlite3 $w/si.db 'PRAGMA journal_mode=WAL' '$sqlite_keyed' '.import --csv --skip 1 $w/long_1m.csv obs'")
row "ingest 1M-row long file, fresh store" "$m" "sqlite3 .import, keyed" "$a" "<= 0.8x" "$(peak "rm -f $w/i.db*; $mstore ingest --db $w/i.db --vintage 2025-01-01 $w/long_1m.csv")"

# 2. Ingest 2.5M caps rows (date-sorted), against the same import.
m=$(median3 "rm -f $w/i2.db*; $mstore ingest --db $w/i2.db --vintage 2025-01-01 --tag universe=BENCH $w/caps.csv")
a=$(median3 "rm -f $w/si2.db*; sqlite3 $w/si2.db 'PRAGMA journal_mode=WAL' '$sqlite_keyed' '.import --csv --skip 1 $w/caps.csv obs'")
row "ingest 2.5M-row caps file, date-sorted" "$m" "sqlite3 .import, keyed" "$a" "<= 0.8x" "$(peak "rm -f $w/i2.db*; $mstore ingest --db $w/i2.db --vintage 2025-01-01 $w/caps.csv")"

# 3. Re-ingest the same file: a no-op.
read -r m < <(hf "$mstore ingest --db $w/m_long.db --vintage 2025-01-01 $w/long_1m.csv")
row "re-ingest the same 1M-row file (no-op)" "$m" "—" "—" "<= 30 ms" "$(peak "$mstore ingest --db $w/m_long.db $w/long_1m.csv")"

# 4. The catalog.
read -r m < <(hf "$mstore series --db $w/m_long.db --format csv")
row "series catalog, 1M-row store" "$m" "—" "—" "<= 15 ms" "$(peak "$mstore series --db $w/m_long.db --format csv")"

# 5. One series of 10,000 rows to CSV.
read -r m a < <(hf "$mstore show SER0042 --db $w/m_long.db --format csv" "sqlite3 -csv $w/s.db \"select date, value from obs where series='SER0042'\"")
row "show one series of 10k rows to csv" "$m" "sqlite3 select" "$a" "<= 1.5x" "$(peak "$mstore show SER0042 --db $w/m_long.db --format csv")"

# 6. Start-up.
read -r m < <(hf "$mstore --help")
row "--help start-up" "$m" "—" "—" "<= 5 ms" "$(peak "$mstore --help")"

# 7. One rolling z-score (252) to CSV, against sqlite3's rolling mean.
read -r m a < <(hf "$mstore query rolling SER0042 --stat zscore --window 252 --db $w/m_long.db --format csv" \
  "sqlite3 -csv $w/s.db \"select date, value - avg(value) over w from obs where series='SER0042' window w as (order by date rows between 251 preceding and current row)\"")
row "one-series rolling z-score, 252, to csv" "$m" "sqlite3 rolling mean" "$a" "<= 1.0x" "$(peak "$mstore query rolling SER0042 --stat zscore --window 252 --db $w/m_long.db --format csv")"

# 8. Rolling z-score of all 100 series x 10k, long output.
m=$(median3 "$mstore query rolling --tag universe=ALL --stat zscore --window 252 --db $w/m_long.db --format csv > /dev/null")
a=$(median3 "$duck -readonly -csv $w/d.db -c \"select series, date, (value - avg(value) over w) / stddev_samp(value) over w from obs window w as (partition by series order by date rows between 251 preceding and current row) order by series, date\" > /dev/null")
row "rolling z-score of all 100 series x 10k" "$m" "DuckDB window query" "$a" "<= 0.5x" "$(peak "$mstore query rolling --tag universe=ALL --stat zscore --window 252 --db $w/m_long.db --format csv")"

# 9-10. Top-10 share per day (500 members x 5,000 days), all days and since 2024.
top10="select date, sum(value) filter (where rk<=10)/sum(value) from (select date, value, row_number() over (partition by date order by value desc) rk from obs"
m=$(median3 "$mstore query concentration --universe BENCH --db $w/m_caps.db --format csv")
a=$(median3 "$duck -readonly -csv $w/c.db -c \"$top10) group by date order by date\"")
row "top-10 share per day, 500 x 5,000" "$m" "DuckDB CLI" "$a" "<= 1.0x" "$(peak "$mstore query concentration --universe BENCH --db $w/m_caps.db --format csv")"
read -r m a < <(hf "$mstore query concentration --universe BENCH --since 2024 --db $w/m_caps.db --format csv" \
  "$duck -readonly -csv $w/c.db -c \"$top10 where date >= '2024-01-01') group by date order by date\"")
row "top-10 share since 2024" "$m" "DuckDB CLI" "$a" "<= 0.5x" "$(peak "$mstore query concentration --universe BENCH --since 2024 --db $w/m_caps.db --format csv")"

# 11. Peak memory of a 3M-row ingest.
m=$(median3 "rm -f $w/i3.db*; $mstore ingest --db $w/i3.db --vintage 2025-01-01 $w/long_3m.csv")
row "ingest 3M rows (peak memory)" "$m" "—" "—" "<= 100 MB" "$(peak "rm -f $w/i3.db*; $mstore ingest --db $w/i3.db --vintage 2025-01-01 $w/long_3m.csv")"

# 12. Peak memory of revising 3M rows (a third of the values changed, a later vintage).
[ -f "$w/long_3m_rev.csv" ] || awk -F, 'NR==1{print;next} NR%3==0{printf "%s,%s,%.4f\n",$1,$2,$3*1.001; next} {print}' "$w/long_3m.csv" > "$w/long_3m_rev.csv"
rm -f "$w"/r3base.db*; "$mstore" ingest --db "$w/r3base.db" --vintage 2025-01-01 "$w/long_3m.csv" >/dev/null
revise="rm -f $w/r3.db*; cp $w/r3base.db $w/r3.db; $mstore ingest --db $w/r3.db --vintage 2025-02-01 $w/long_3m_rev.csv"
t0=$(date +%s.%N); r3peak=$(peak "$revise"); t1=$(date +%s.%N)
row "revise 3M rows, 1M changed (peak memory; one run, with a copy of the store)" "$(echo "$t1 - $t0" | bc)" "—" "—" "<= 100 MB" "$r3peak"

# 8. PostgreSQL (set PG=0 to skip): a throwaway server on 127.0.0.1 (Debian's postgresql,
#    as nobody when root, fsync off for both sides), mstore against psql on the same server.
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ "${PG:-1}" != 0 ] && [ -n "$pgbin" ] && need psql; then
  pgdir=$w/pg; rm -rf "$pgdir"; mkdir -p "$pgdir"
  as=""; if [ "$(id -u)" = 0 ]; then chown nobody:nogroup "$pgdir"; as="setpriv --reuid=nobody --regid=nogroup --clear-groups"; fi
  pgport=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
  (cd /tmp && $as "$pgbin/initdb" -D "$pgdir/data" -U mstore --auth=trust --no-sync >/dev/null)
  (cd /tmp && $as "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w start -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdir -c fsync=off -c synchronous_commit=off" >/dev/null)
  trap '(cd /tmp && $as "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1)' EXIT
  pg="postgresql://mstore@127.0.0.1:$pgport/postgres"
  psqlc="psql -h 127.0.0.1 -p $pgport -U mstore -d postgres -qAt"
  m=$(median3 "$psqlc -c 'DROP SCHEMA IF EXISTS b CASCADE' 2>/dev/null; $mstore ingest --db '$pg?schema=b' --vintage 2025-01-01 $w/long_1m.csv")
  pg_ingest=$m
  a=$(median3 "$psqlc -c 'DROP TABLE IF EXISTS anchor' -c 'CREATE TABLE anchor (date date, series text, value float8, PRIMARY KEY (series, date))' -c \"\\copy anchor FROM '$w/long_1m.csv' CSV HEADER\"")
  row "PostgreSQL: ingest 1M-row long file, new store" "$m" "psql \\copy, keyed" "$a" "<= 1.5x" "$(peak "$psqlc -c 'DROP SCHEMA IF EXISTS b CASCADE' 2>/dev/null; $mstore ingest --db '$pg?schema=b' --vintage 2025-01-01 $w/long_1m.csv")"
  read -r m < <(hf "$mstore ingest --db $pg?schema=b --vintage 2025-01-01 $w/long_1m.csv")
  row "PostgreSQL: re-ingest the same file (no-op)" "$m" "—" "—" "<= 50 ms" "$(peak "$mstore ingest --db '$pg?schema=b' $w/long_1m.csv")"
  $psqlc -c "VACUUM ANALYZE" >/dev/null
  read -r m a < <(hf "$mstore show SER0042 --db $pg?schema=b --format csv" "$psqlc -F, -c \"select date, value from anchor where series = 'SER0042' order by date\"")
  row "PostgreSQL: show one series of 10k rows to csv" "$m" "psql select" "$a" "<= 1.5x" "$(peak "$mstore show SER0042 --db '$pg?schema=b' --format csv")"
  $psqlc -c 'DROP SCHEMA IF EXISTS c CASCADE' 2>/dev/null || true
  "$mstore" ingest --db "$pg?schema=c" --vintage 2025-01-01 --tag universe=BENCH "$w/caps.csv" >/dev/null
  $psqlc -c 'DROP TABLE IF EXISTS caps' -c 'CREATE TABLE caps (date date, series text, value float8, PRIMARY KEY (series, date))' \
    -c "\\copy caps FROM '$w/caps.csv' CSV HEADER" -c 'VACUUM ANALYZE' >/dev/null 2>&1
  m=$(median3 "$mstore query concentration --universe BENCH --db '$pg?schema=c' --format csv")
  a=$(median3 "$psqlc -F, -c \"${top10/from obs/from caps}) t group by date order by date\"")
  row "PostgreSQL: top-10 share per day, 500 x 5,000" "$m" "the same SQL in psql" "$a" "<= 1.0x" "$(peak "$mstore query concentration --universe BENCH --db '$pg?schema=c' --format csv")"
  m=$(median3 "$psqlc -c 'DROP SCHEMA IF EXISTS d CASCADE' 2>/dev/null; $mstore copy $w/m_long.db '$pg?schema=d'")
  row "PostgreSQL: mstore copy of the 1M-row store, file to server" "$m" "its ingest (above)" "$pg_ingest" "<= 2x" "$(peak "$psqlc -c 'DROP SCHEMA IF EXISTS d CASCADE' 2>/dev/null; $mstore copy $w/m_long.db '$pg?schema=d'")"
fi

echo "mstore $("$mstore" --version) on $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| work | mstore | anchor | anchor time | ratio | goal | mstore peak RSS |"
echo "|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r work mt an at ratio goal rss <<< "$r"
  [ "$at" != "—" ] && at=$(ms "$at")
  echo "| $work | $(ms "$mt") | $an | $at | $ratio | $goal | $rss MB |"
done

[ "${SCALING:-1}" = 0 ] && exit 0
echo
echo "Scaling (rows vs seconds; linear means the last column stays flat):"
echo
echo "| data | rows | ingest | concentration | ingest µs/row | concentration µs/row |"
echo "|---|---|---|---|---|---|"
for f in 1 4 16; do
  n=$((16 * f)); days=5000
  [ -f "$w/caps_$f.csv" ] || python3 "$shared/bench/gen_caps.py" $n $days "$w/caps_$f.csv"
  rows_n=$((n * days))
  ti=$(median3 "rm -f $w/sc.db*; $mstore ingest --db $w/sc.db --vintage 2025-01-01 --tag universe=S $w/caps_$f.csv")
  "$mstore" ingest --db "$w/sc.db" --vintage 2025-01-01 --tag universe=S "$w/caps_$f.csv" >/dev/null 2>&1 || true
  tc=$(median3 "$mstore query concentration --universe S --db $w/sc.db --format csv")
  python3 -c "import sys; f,r,ti,tc=sys.argv[1:]; r=int(r); print(f'| {f}x | {r:,} | {float(ti):.2f} s | {float(tc):.2f} s | {float(ti)/r*1e6:.2f} | {float(tc)/r*1e6:.2f} |')" "$f" "$rows_n" "$ti" "$tc"
done
