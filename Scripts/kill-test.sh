#!/usr/bin/env bash
# Crash safety at scale: SIGKILL `mstore ingest` at random moments, N times, and check the
# store after each kill (integrity, all or nothing) and after a re-ingest (same as clean).
# Usage: Scripts/kill-test.sh [TRIALS] [ROWS]      (defaults 50 and 300000)
# The delays come from a seed it prints (SEED=N repeats a run); it fails when no kill landed
# before the commit, since such a run tested nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
trials=${1:-50}
rows=${2:-300000}
mstore=${MSTORE:-$here/.build/release/mstore}
[ -x "$mstore" ] || (cd "$here" && swift build -c release -Xswiftc -static-executable --product mstore >/dev/null)
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
python3 - "$w/big.csv" "$rows" <<'PY'
import sys, datetime
out, n = sys.argv[1], int(sys.argv[2])
with open(out, "w") as f:
    f.write("date,series,value\n")
    d0 = datetime.date(1990, 1, 1)
    for i in range(n):
        f.write(f"{d0 + datetime.timedelta(days=i // 50)},S{i % 50},{i / 7}\n")
PY
"$mstore" ingest "$w/big.csv" --db "$w/clean.db" --vintage 2025-01-01 >/dev/null
ref=$("$mstore" sql "SELECT series, date, value FROM current_observation ORDER BY 1, 2" --db "$w/clean.db" --format csv --max-rows 100000000 | sha256sum)
seed=${SEED:-$(( (RANDOM << 15) | RANDOM ))}
RANDOM=$seed
echo "kill-test: seed $seed (SEED=$seed repeats it)"
ok=0
mid=0
for t in $(seq 1 "$trials"); do
  rm -f "$w/t.db"*
  "$mstore" ingest "$here/Fixtures/corpus/yymmdd.csv" --db "$w/t.db" >/dev/null
  "$mstore" ingest "$w/big.csv" --db "$w/t.db" --vintage 2025-01-01 >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(( RANDOM % 100 ))"
  kill -9 "$pid" 2>/dev/null || true
  status=0
  wait "$pid" 2>/dev/null || status=$?
  [ "$("$mstore" sql "PRAGMA integrity_check" --db "$w/t.db" --format csv | tr -d "\r" | tail -1)" = ok ] || { echo "seed $seed, trial $t: integrity check failed"; exit 1; }
  n=$("$mstore" sql "SELECT count(*) FROM current_observation WHERE series LIKE 'S%'" --db "$w/t.db" --format csv | tr -d "\r" | tail -1)
  [ "$n" = 0 ] || [ "$n" = "$rows" ] || { echo "seed $seed, trial $t: $n of $rows rows stored"; exit 1; }
  if [ "$status" = 137 ] && [ "$n" = 0 ]; then mid=$((mid + 1)); fi
  "$mstore" ingest "$w/big.csv" --db "$w/t.db" --vintage 2025-01-01 >/dev/null
  got=$("$mstore" sql "SELECT series, date, value FROM current_observation WHERE series LIKE 'S%' ORDER BY 1, 2" --db "$w/t.db" --format csv --max-rows 100000000 | sha256sum)
  [ "$got" = "$ref" ] || { echo "seed $seed, trial $t: re-ingest differs from a clean ingest"; exit 1; }
  ok=$((ok + 1))
done
[ "$mid" -ge 1 ] || { echo "seed $seed: no kill landed while an ingest ran"; exit 1; }
echo "$ok passed, 0 failed; $mid kills landed mid-run"
