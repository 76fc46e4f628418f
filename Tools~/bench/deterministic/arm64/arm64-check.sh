#!/usr/bin/env bash
# Runs the deterministic device's golden-hash check on ARM64 (AArch64): publishes GoldenCheck (the
# program mono-check.sh uses) with the engine-free runtime sources as a self-contained linux-arm64 .NET
# app and runs it under qemu-user (Debian's qemu-user-static), which executes the ARM64 instructions that
# .NET's ARM64 JIT emits (AdvSimd for Vector<T>, ARM64 integer and float instructions). It must print
# "all golden hashes reproduced". Also runs with DOTNET_EnableHWIntrinsic=0 (the scalar kernels on ARM64).
# Needs qemu-user-static and an ARM64 C/C++ runtime for the emulator (apt-get install qemu-user-static
# libc6-arm64-cross libstdc++6-arm64-cross) and the linux-arm64 runtime pack from NuGet;
# not part of Tools~/test.sh (emulation is slow and Tools~/setup.sh does not install qemu).
# usage: Tools~/bench/deterministic/arm64/arm64-check.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
qemu="$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)"
[[ -n "$qemu" ]] || { echo "arm64-check: needs qemu-user-static (apt-get install qemu-user-static)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/GoldenCheck.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <LangVersion>9.0</LangVersion>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <Nullable>disable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <InvariantGlobalization>true</InvariantGlobalization>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <NoWarn>CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$root/Runtime/Deterministic/**/*.cs" />
    <Compile Include="$root/Runtime/Contract/*.cs" />
    <Compile Include="$root/Runtime/Errors/*.cs" />
    <Compile Include="$root/Runtime/Latent/*.cs" />
    <Compile Include="$root/Runtime/Generation/IGeneratorEngine.cs" />
    <Compile Include="$root/Runtime/Generation/ExecutionDevice.cs" />
    <Compile Include="$root/Tools~/bench/deterministic/mono/GoldenCheck.cs" />
    <Compile Include="$root/Tools~/bench/deterministic/mono/Sha256.cs" />
  </ItemGroup>
</Project>
PROJ
dotnet publish "$work/GoldenCheck.csproj" -c Release -r linux-arm64 --self-contained -o "$work/out" --nologo -v quiet
file "$work/out/GoldenCheck" | sed "s|$work/out/||"
status=0
for env in "" "DOTNET_EnableHWIntrinsic=0"; do
  echo "== linux-arm64 under $(basename "$qemu") ${env:-(default)}"
  env $env "$qemu" -L /usr/aarch64-linux-gnu "$work/out/GoldenCheck" "$root" || status=1
done
exit $status
