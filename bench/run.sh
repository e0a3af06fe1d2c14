#!/usr/bin/env bash
# The benchmark, one command: installs docxtemplater for the side-by-side run, builds Release,
# and prints times per stage and the ratio table. Options go to the harness: --workbooks N --runs R.
set -euo pipefail
cd "$(dirname "$0")"
(cd peers && npm install --no-audit --no-fund --silent)
dotnet build Generator.Bench -c Release -v quiet -nologo >/dev/null
# The program as installed for offices without .NET (build.cake's Publish: self-contained, ReadyToRun),
# so whole-process rows are measured for it as well as for the framework-dependent build.
installed="$PWD/obj/installed-linux-x64"
dotnet publish ../src/Generator.Cli -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -o "$installed" -v quiet -nologo >/dev/null
dotnet Generator.Bench/bin/Release/net10.0/Generator.Bench.dll --installed "$installed/generator" "$@"
