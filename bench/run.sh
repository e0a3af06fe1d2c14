#!/usr/bin/env bash
# The benchmark, one command: installs docxtemplater for the side-by-side run, builds Release,
# and prints times per stage and the ratio table. Options go to the harness: --workbooks N --runs R.
set -euo pipefail
cd "$(dirname "$0")"
(cd peers && npm install --no-audit --no-fund --silent)
dotnet build Generator.Bench -c Release -v quiet -nologo >/dev/null
dotnet Generator.Bench/bin/Release/net10.0/Generator.Bench.dll "$@"
