#!/usr/bin/env bash
# Runs the deterministic device's golden-hash check under Mono, the runtime family of Unity's editor and
# Mono players (Vector<T> is not accelerated there, so the scalar kernels run): compiles the engine-free
# runtime sources the device needs plus GoldenCheck.cs with Mono's C# compiler (mcs) and runs the program
# three ways: Mono's JIT, the JIT with float arithmetic in double precision (-O=-float32), and Mono's
# interpreter. Every run must print "all golden hashes reproduced".
# Needs Debian's mono-devel (apt-get install mono-devel); not part of Tools~/test.sh because
# Tools~/setup.sh does not install Mono.
# usage: Tools~/bench/deterministic/mono/mono-check.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
command -v mcs >/dev/null && command -v mono >/dev/null || { echo "mono-check: needs Debian's mono-devel (mcs and mono)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
mcs -langversion:experimental -unsafe -optimize -nowarn:1591 -r:System.Numerics.dll -r:System.Numerics.Vectors.dll \
  -r:/usr/lib/mono/4.5/Facades/netstandard.dll -r:/usr/lib/mono/4.5/Facades/System.Runtime.dll -out:"$work/GoldenCheck.exe" \
  Runtime/Deterministic/*.cs Runtime/Deterministic/*/*.cs Runtime/Contract/*.cs Runtime/Errors/*.cs Runtime/Latent/*.cs \
  Runtime/Generation/IGeneratorEngine.cs Runtime/Generation/ExecutionDevice.cs \
  "Tools~/bench/deterministic/mono/GoldenCheck.cs" "Tools~/bench/deterministic/mono/Sha256.cs"
mono --version | head -1
status=0
for mode in "" "-O=-float32" "--interpreter"; do
  echo "== mono ${mode:-(JIT)}"
  mono $mode "$work/GoldenCheck.exe" "$root" || status=1
done
exit $status
