#!/usr/bin/env bash
# Runs every test of the package (runtime, editor, engine, trainer) after setting up what they
# need. Ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/Tools~/setup.sh" || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
cd "$root"
out="$(mktemp)"
dotnet test Projects~/Wasserforge.slnx -c Release --nologo "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
# Sum the per-assembly result lines: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12".
grep -E '(Passed|Failed)! +- +Failed:' "$out" | sed -E 's/.*Failed: *([0-9]+), *Passed: *([0-9]+), *Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk -v status="$status" '{ f += $1; p += $2; s += $3 }
    END { if (status != 0 && f == 0) f = 1; printf "%d passed, %d failed, %d skipped\n", p, f, s }'
exit $status
