#!/usr/bin/env bash
# Drop-folder fault run (issue 10): DROPS workbooks copied into a watch folder with plain cp (no lock,
# as a user or a network copy would), while the service is killed with kill -9 KILLS times at random
# instants and restarted at once, as systemd's Restart=always would. Then it counts:
#   lost       = inputs neither archived nor failed nor still queued (inbox/ or work/)
#   duplicated = reports beyond one per input, plus any "(n)" name in archive/ or failed/
# Each drop is the sample workbook with its own zip comment, so its bytes (and the SHA-256 its report
# records in its document properties) name it: all drops are one department, so out/ names (2), (3)…
# are expected there and are not counted as duplicates.
#
#   bench/watch-stress.sh [--drops 100] [--kills 10] [--folder DIR]
set -euo pipefail
drops=100 kills=10 folder=""
while [ $# -gt 0 ]; do
  case "$1" in
    --drops) drops=$2; shift 2 ;;
    --kills) kills=$2; shift 2 ;;
    --folder) folder=$2; shift 2 ;;
    *) echo "usage: $0 [--drops N] [--kills N] [--folder DIR]" >&2; exit 2 ;;
  esac
done
repo=$(cd "$(dirname "$0")/.." && pwd)
folder=${folder:-$(mktemp -d /tmp/watch-stress.XXXXXX)}
samples="$folder/samples"
mkdir -p "$folder/inbox" "$samples"
dotnet build "$repo/src/Generator.Cli" -c Release -v q -nologo >/dev/null
dll="$repo/src/Generator.Cli/bin/Release/net10.0/generator.dll"

python3 - "$repo/input-samples/sample-county-agriculture-2024.xlsx" "$samples" "$drops" <<'PY'
import shutil, sys, zipfile
source, folder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(1, count + 1):
    target = f"{folder}/w{i:03}.xlsx"
    shutil.copyfile(source, target)
    with zipfile.ZipFile(target, "a") as z:
        z.comment = f"watch-stress drop {i}".encode()
PY

log="$folder/watch.log"
starts=0
start_watch() {
  starts=$((starts + 1))
  dotnet "$dll" watch "$folder" --Watch:PollSeconds=0.2 --Watch:StableSeconds=0.5 >>"$log" 2>&1 &
  pid=$!
}
start_watch

# The drops: plain cp straight into the inbox, a random 0–0.4 s apart.
( for f in "$samples"/*.xlsx; do cp "$f" "$folder/inbox/"; sleep "0.$((RANDOM % 5))"; done ) &
dropper=$!

# The kills: at random instants 1–6 s apart, each followed by an immediate restart.
killed=0
for _ in $(seq 1 "$kills"); do
  sleep "$((1 + RANDOM % 5)).$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
  wait "$pid" 2>/dev/null || true
  start_watch
done
wait "$dropper"

# Let the last service start and finish the queue (bounded), then stop it as systemd would.
for _ in $(seq 1 1200); do
  [ "$(grep -c 开始监视 "$log")" -ge "$starts" ] && [ -z "$(ls -A "$folder/inbox")" ] && [ -z "$(ls -A "$folder/work" 2>/dev/null)" ] && break
  sleep 0.5
done
kill -TERM "$pid"; wait "$pid" && stopped=0 || stopped=$?

python3 - "$folder" "$drops" "$killed" "$stopped" <<'PY'
import glob, hashlib, os, re, sys, zipfile
folder, drops, killed, stopped = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()
inputs = {sha(p): os.path.basename(p) for p in glob.glob(f"{folder}/samples/*.xlsx")}
archived = [sha(p) for p in glob.glob(f"{folder}/archive/*.xlsx")]
failed = [sha(p) for p in glob.glob(f"{folder}/failed/*.xlsx")]
queued = [sha(p) for p in glob.glob(f"{folder}/inbox/*.xlsx") + glob.glob(f"{folder}/work/*/input.*")]
reports = []
for docx in glob.glob(f"{folder}/out/*.docx"):
    with zipfile.ZipFile(docx) as z:
        custom = z.read("docProps/custom.xml").decode()
    reports.append(re.search(r'name="GeneratorSourceSha256"[^>]*>\s*<vt:lpwstr[^>]*>([0-9a-f]+)<', custom).group(1))
seen = set(archived) | set(failed) | set(queued)
lost = [inputs[h] for h in inputs if h not in seen]
numbered = [p for p in glob.glob(f"{folder}/archive/*") + glob.glob(f"{folder}/failed/*") if re.search(r"\(\d+\)", p)]
duplicated = (len(reports) - len(set(reports))) + (len(archived) - len(set(archived))) + len(numbered)
missing_reports = [inputs[h] for h in set(archived) if h not in reports]
print(f"folder {folder}")
print(f"drops {drops}  kills {killed}  archived {len(archived)}  failed {len(failed)}  queued {len(queued)}  "
      f"reports {len(reports)}  lost {len(lost)}  duplicated {duplicated}  archived-without-report {len(missing_reports)}  "
      f"last-service-exit {stopped}")
for name in lost + missing_reports:
    print("  !", name)
for p in glob.glob(f"{folder}/failed/*.txt"):
    print("  failed:", os.path.basename(p), open(p, encoding="utf-8").read().splitlines()[2])
PY
