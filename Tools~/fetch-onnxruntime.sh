#!/usr/bin/env bash
# Fetches the official ONNX Runtime 1.30.0 native libraries from the npm package
# onnxruntime-node@1.30.0 (npm pack only: its install script is never run), checks the
# SHA-256 of every library it unpacks, and places them under Runtime/Plugins/<OS>/<arch>/.
# The tarball is cached in $WASSERFORGE_CACHE (default ~/.cache/wasserforge).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="1.30.0"
cache="${WASSERFORGE_CACHE:-$HOME/.cache/wasserforge}"
tgz="$cache/onnxruntime-node-$version.tgz"
tgz_sha="6e3390d6b783e7be946fad629292799da28d0b42f84856e50d2c1b0383291e75"

# source-in-package  destination-in-repo  sha256
libs=(
  "linux/x64/libonnxruntime.so.1|Runtime/Plugins/Linux/x86_64/libonnxruntime.so|ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23"
  "win32/x64/onnxruntime.dll|Runtime/Plugins/Windows/x86_64/onnxruntime.dll|508c362f5673483dd3a086379c392795b2e42d10d5e6f3f90ebd7ac21c97af67"
  "win32/x64/DirectML.dll|Runtime/Plugins/Windows/x86_64/DirectML.dll|234e8898778cdec88d3cb0539508273494082812c968699f3de665a018971625"
  "darwin/arm64/libonnxruntime.1.30.0.dylib|Runtime/Plugins/macOS/arm64/libonnxruntime.dylib|685d2be5dba1309c89d3a5324b7fd06a5c42f1a61bfea32d14c4cc28d072121d"
)

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

all_present=1
for entry in "${libs[@]}"; do
  IFS='|' read -r _ dst sha <<<"$entry"
  if [[ ! -f "$root/$dst" ]] || [[ "$(sha_of "$root/$dst")" != "$sha" ]]; then all_present=0; fi
done
if [[ $all_present == 1 ]]; then
  echo "onnxruntime $version: libraries present and verified."
  exit 0
fi

mkdir -p "$cache"
if [[ ! -f "$tgz" ]] || [[ "$(sha_of "$tgz")" != "$tgz_sha" ]]; then
  echo "onnxruntime $version: fetching onnxruntime-node@$version with npm pack (install scripts are not run)..."
  rm -f "$tgz"
  (cd "$cache" && npm pack --silent "onnxruntime-node@$version" >/dev/null)
fi
if [[ "$(sha_of "$tgz")" != "$tgz_sha" ]]; then
  echo "error: $tgz has SHA-256 $(sha_of "$tgz"), expected $tgz_sha" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
members=()
for entry in "${libs[@]}"; do
  IFS='|' read -r src _ _ <<<"$entry"
  members+=("package/bin/napi-v6/$src")
done
tar xzf "$tgz" -C "$tmp" "${members[@]}"
for entry in "${libs[@]}"; do
  IFS='|' read -r src dst sha <<<"$entry"
  got="$(sha_of "$tmp/package/bin/napi-v6/$src")"
  if [[ "$got" != "$sha" ]]; then
    echo "error: $src has SHA-256 $got, expected $sha" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$root/$dst")"
  cp "$tmp/package/bin/napi-v6/$src" "$root/$dst.tmp"
  mv "$root/$dst.tmp" "$root/$dst"
  echo "onnxruntime $version: $dst (sha256 ok)"
done
