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
python3 - "$out" "$status" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
p = f = s = 0
for m in re.finditer(r"(Passed|Failed)!\s*-\s*Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)", text):
    f += int(m.group(2)); p += int(m.group(3)); s += int(m.group(4))
build_failed = int(sys.argv[2]) != 0 and f == 0
if build_failed:
    f += 1  # the build or a test host failed without a test result: count it
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
