#!/usr/bin/env bash
# The working tree's pipeline against another revision's, alternated report by report in one process with the floor
# (Alternated.cs): the way to tell a change of a few per cent on a machine whose speed drifts between runs.
# Usage: bench/ab.sh <git revision> [rounds]      e.g. bench/ab.sh HEAD~3
set -euo pipefail
cd "$(dirname "$0")/.."
revision=${1:?usage: bench/ab.sh <git revision> [rounds]}
baseline=$(mktemp -d)/baseline
git worktree add --detach "$baseline" "$revision" >/dev/null 2>&1
trap 'git worktree remove --force "$baseline"' EXIT
dotnet build "$baseline/src/Generator.Cli" -c Release -v quiet -nologo >/dev/null
dotnet build src/Generator.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/Generator.Bench -c Release -v quiet -nologo >/dev/null
echo "baseline $(git rev-parse --short "$revision"), candidate the working tree ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', changed'))"
dotnet bench/Generator.Bench/bin/Release/net10.0/Generator.Bench.dll ab "$baseline/src/Generator.Cli/bin/Release/net10.0" \
    "$PWD/src/Generator.Cli/bin/Release/net10.0" "$PWD" "${2:-3}"
