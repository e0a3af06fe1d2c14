#!/usr/bin/env bash
# The benchmark, one command: installs docxtemplater for the side-by-side run, builds Release,
# and prints times per stage and the ratio table. Options go to the harness: --workbooks N --runs R.
set -euo pipefail
cd "$(dirname "$0")"
(cd peers && npm install --no-audit --no-fund --silent)
dotnet build Generator.Bench -c Release -v quiet -nologo >/dev/null
# The programs as installed for offices without .NET (build.cake's Publish): the native (AOT) program for this
# system, and the self-contained composite ReadyToRun build made for the other; whole-process rows are measured
# for each as well as for the framework-dependent build.
native="$PWD/obj/installed-native-linux-x64"
r2r="$PWD/obj/installed-r2r-linux-x64"
dotnet publish ../src/Generator.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$native" -v quiet -nologo >/dev/null
dotnet publish ../src/Generator.Cli -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$r2r" -v quiet -nologo >/dev/null
dotnet Generator.Bench/bin/Release/net10.0/Generator.Bench.dll --installed "native=$native/generator" --installed "R2R composite=$r2r/generator" "$@"
