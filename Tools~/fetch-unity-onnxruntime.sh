#!/usr/bin/env bash
# Fetches the C# sources of the UPM package com.github.asus4.onnxruntime 0.4.9 (what Unity users get
# as ONNX Runtime) so CI can compile the Unity-facing projects against exactly that API
# (Projects~/Unity/). `npm pack` only downloads the tarball: no install script is run. The tarball
# (~150 MB, mostly native libraries) is checked against the registry's SHA-512, then only the C#
# sources, the asmdef, package.json and LICENSE are kept, with the tarball's file list (files.txt,
# read by the platform-table test), in the git-ignored folder .cache~/com.github.asus4.onnxruntime-0.4.9/.
# Idempotent: does nothing when that folder is complete.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="com.github.asus4.onnxruntime"
version="0.4.9"
# dist.integrity of the npm registry's entry for $name@$version.
integrity="sha512-BkzxduSZ9IkeDP6Q8lz2TFU2ie7hSSvS7ZIfzMooExoq0CNzJnuuGaUJ7IsojBgqO4ouD1jXah8OYyJbCN29Fg=="
dest="$root/.cache~/$name-$version"

if [[ -f "$dest/.complete" ]]; then
  echo "$name $version: C# sources present ($dest)."
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "$name $version: fetching with npm pack (install scripts are not run)..."
(cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
tgz="$tmp/$name-$version.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [[ "$got" != "$integrity" ]]; then
  echo "error: $tgz has integrity $got, expected $integrity" >&2
  exit 1
fi

mkdir -p "$tmp/out"
tar tzvf "$tgz" | awk '{ print $3, $6 }' | sed 's#^\([0-9]*\) package/#\1 #' > "$tmp/out/files.txt"
tar xzf "$tgz" -C "$tmp" --wildcards 'package/Runtime/*.cs' 'package/Runtime/*.asmdef' package/package.json package/LICENSE
cp -r "$tmp/package/." "$tmp/out/"
touch "$tmp/out/.complete"
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv "$tmp/out" "$dest"
echo "$name $version: $(find "$dest/Runtime" -name '*.cs' | wc -l) C# files in $dest"
