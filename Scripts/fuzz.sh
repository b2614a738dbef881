#!/usr/bin/env bash
# Fuzzes mstore's parsers with libFuzzer: the CSV reader, a whole ingest (sniffer, layouts,
# dates, numbers, store writes), the date and number parsers, expressions and periods, and
# the config parser, the workbook XML reader, whole workbooks (zip, inflated sizes, XML
# depth) and the publishers' HTTP answers as fetch stores them. Each target runs SECONDS from a corpus seeded with Fixtures/corpus (and
# the crashes it finds are saved under WORKDIR/crashes; turn each into a regression test).
# Usage: Scripts/fuzz.sh [SECONDS=60] [TARGET ...]     (default: every target)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=${*:-csv ingest dates numbers expressions config xml workbook http}
w=${WORKDIR:-/tmp/mstore-fuzz}
mkdir -p "$w/pkg/Sources/mstore-fuzz" "$w/crashes"
# A package of its own next to a link named mstore, so the dependency's identity is fixed.
ln -sfn "$here" "$w/mstore"
cp "$here/Scripts/fuzz/FuzzTargets.swift" "$w/pkg/Sources/mstore-fuzz/FuzzTargets.swift"
cat > "$w/pkg/Package.swift" <<SWIFT
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "mstore-fuzz",
    dependencies: [.package(path: "$w/mstore")],
    targets: [.executableTarget(name: "mstore-fuzz", dependencies: [.product(name: "MStore", package: "mstore")])]
)
SWIFT
# Optimised by default (FUZZ_BUILD=debug for clearer stacks): a workbook input costs ~50 ms
# unoptimised, which would keep the workbook target far from a million inputs.
mode=${FUZZ_BUILD:-release}
(cd "$w/pkg" && swift build -c "$mode" -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -enable-testing >&2)
bin="$w/pkg/.build/$mode/mstore-fuzz"
for t in $targets; do
  corpus="$w/corpus-$t"
  mkdir -p "$corpus"
  case $t in
    csv|ingest) find "$here/Fixtures/corpus" "$here/Fixtures/fred" "$here/Fixtures/tables" \( -name '*.csv' -o -name '*.tsv' \) -size -64k -exec cp {} "$corpus"/ \; ;;
    dates) printf '%s\n' 2025-10-30 10/30/2025 30/10/2025 20251030 251030 'Oct 30 2025' 30-Oct-25 'October 2025' 2025Q3 'Q3 2025' '2025-10-30T12:00:00Z' | split -l 1 - "$corpus/d-" ;;
    numbers) printf '%s\n' -0.5 1.2e3 1,234.5 '(12.5)' '$5' 4.3% 1.234,5 1e-400 1e400 NaN | split -l 1 - "$corpus/n-" ;;
    expressions) printf '%s\n' SOFR-IORB 'IORB|IOER' 'x=BTC/NDX' 2019-09:2019-10 90d 3m 252 | split -l 1 - "$corpus/e-" ;;
    xml) printf '<?xml version="1.0"?>\n<x:sst xmlns:x="u"><si><t a="1 &amp; 2">A&lt;B &#233;</t><![CDATA[<c>]]><!-- n --></si><c r="A1" t="s"><v>0</v></c></x:sst>' > "$corpus/x1" ;;
    workbook)
      cp "$here"/Fixtures/corpus/*.xlsx "$corpus"/ 2>/dev/null || true
      # A sheet nested 5,000 deep and one that inflates 1,000:1, so the limits are reached.
      python3 - "$corpus" <<'PY'
import sys, zipfile, io
def book(name, sheet):
    with zipfile.ZipFile(f"{sys.argv[1]}/{name}", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
book("deep.xlsx", "<worksheet>" + "<a>" * 5000 + "</a>" * 5000 + "</worksheet>")
book("ratio.xlsx", "<worksheet><sheetData>" + "<row/>" * 200000 + "</sheetData></worksheet>")
PY
      ;;
    http) cp "$here"/Fixtures/http/*.json "$corpus"/ ;;
    config) printf '[repo]\nsofr = "SOFR"\n[status]\nindicators = ["Hedges: @corr(BTC,NDX,90) > 0.5"]\n' > "$corpus/c1" ;;
  esac
  log="$w/$t.log"
  # Swift's own crash reporter would take the signal before libFuzzer saves the input.
  SWIFT_BACKTRACE=enable=no MSTORE_FUZZ_TARGET=$t "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$w/crashes/$t-" "$corpus" > "$log" 2>&1 || true
  runs=$(grep -oE '^Done [0-9]+ runs' "$log" | awk '{print $2}' | tail -1 || true)
  [ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  crashes=$(ls "$w/crashes" 2>/dev/null | grep -c "^$t-" || true)
  echo "$t: ${runs:-?} executions, $crashes crashes ($log)"
done
