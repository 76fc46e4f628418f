#!/usr/bin/env bash
# Image decoding benchmark: the trainer's decoder (ImageSharp 2.1.13 with limits) against StbImageSharp 2.30.16
# and plain ImageSharp, in one process, order rotating each round; then agreement on the format fixtures and
# behaviour on the crafted files the tests use. Usage: Training~/bench/decode.sh [FILES=3000] [ROUNDS=5] [SIZE=32]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs; load: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%F)"
dotnet build "$here/Wasserforge.Decode.Bench/Wasserforge.Decode.Bench.csproj" -c Release --nologo -v q >/dev/null
dotnet "$here/Wasserforge.Decode.Bench/bin/Release/net10.0/Wasserforge.Decode.Bench.dll" "${1:-3000}" "${2:-5}" "${3:-32}"
