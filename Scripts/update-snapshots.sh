#!/usr/bin/env bash
# Rewrites Fixtures/snapshots/status.txt, the snapshot of `mstore status` (colour off) on the
# story fixtures. Run after a deliberate change to the status screen; the test
# StatusTests compares the binary's output with it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product mstore >/dev/null
db=$(mktemp -d)/story.db
.build/debug/mstore demo --db "$db" >/dev/null
NO_COLOR=1 .build/debug/mstore status --db "$db" --format table > Fixtures/snapshots/status.txt
echo "wrote Fixtures/snapshots/status.txt"
