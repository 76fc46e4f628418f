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
# The deterministic device's golden hashes again on other instruction sets and vector widths (no SIMD,
# no AVX-512, no AVX2, 512-bit Vector<T>); each run also covers 1, 2 and 8 threads and the scalar kernels.
for env in DOTNET_EnableHWIntrinsic=0 DOTNET_EnableAVX512F=0 DOTNET_EnableAVX2=0 DOTNET_MaxVectorTBitWidth=512; do
  echo "== golden hashes with $env" | tee -a "$out"
  env "$env" dotnet test Projects~/Wasserforge.Runtime.Tests/Wasserforge.Runtime.Tests.csproj -c Release --no-build --nologo \
    --filter "TestCategory=Golden" 2>&1 | tee -a "$out"
  run=${PIPESTATUS[0]}
  [[ $run -eq 0 ]] || status=$run
done
# Sum the per-assembly result lines: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12".
grep -E '(Passed|Failed)! +- +Failed:' "$out" | sed -E 's/.*Failed: *([0-9]+), *Passed: *([0-9]+), *Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk -v status="$status" '{ f += $1; p += $2; s += $3 }
    END { if (status != 0 && f == 0) f = 1; printf "%d passed, %d failed, %d skipped\n", p, f, s }'
exit $status
