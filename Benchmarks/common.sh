# Shared by the benchmark scripts: data, the release binary and a timing helper.
# Expects $here (the repository) and $w (the work folder) to be set.
shared=${MSTORE_SHARED:-$here/../shared}
mkdir -p "$w"
[ -f "$w/long_1m.csv" ] || python3 "$shared/bench/gen_long.py" 100 10000 "$w/long_1m.csv"
(cd "$here" && swift build -c release -Xswiftc -static-executable --product mstore >/dev/null)
mstore="$here/.build/release/mstore"

median3() { # median wall seconds of a shell snippet over 3 runs (after 1 warm-up), as anchors.sh
  local ts=() t0 t1
  bash -c "$1" >/dev/null 2>&1
  for _ in 1 2 3; do t0=$(date +%s.%N); bash -c "$1" >/dev/null 2>&1; t1=$(date +%s.%N); ts+=("$(echo "$t1 - $t0" | bc)"); done
  printf '%s\n' "${ts[@]}" | sort -n | sed -n 2p
}
