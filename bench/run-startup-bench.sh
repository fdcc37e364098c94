#!/usr/bin/env bash
# Start-up and memory at a given catalog size: starts the published app (Production) on an existing SQLite database,
# times process start → the first 200 on /, reads RSS, times the first catalog and search requests, then runs
# `CatalogBench measure` (the catalog URLs, sequential) while sampling RSS, and prints it all.
# Run it twice on a database the app has not migrated yet: the first start applies the migrations.
#   bench/run-startup-bench.sh /tmp/ocop-search-1m.db          (after bench/run-page-bench.sh or run-catalog-bench.sh built)
#   PUBLISH=/tmp/ocop-page-publish BENCH=/tmp/ocop-page-artifacts/bin/CatalogBench/release/CatalogBench.dll PORT=5396 RUNS=50
#   SETTINGS="PublicCache__Enabled=false" measures the pages rendered (the measure client is anonymous: cached otherwise)
set -uo pipefail
DB="${1:?the SQLite database file}"
PUBLISH="${PUBLISH:-/tmp/ocop-page-publish}"
BENCH="${BENCH:-/tmp/ocop-page-artifacts/bin/CatalogBench/release/CatalogBench.dll}"
PORT="${PORT:-5396}"
BASE="http://127.0.0.1:$PORT"
LOG="${LOG:-/tmp/ocop-startup-app.log}"
[[ -f "$PUBLISH/OcopMarket.Web.dll" && -f "$BENCH" ]] || { echo "build first (bench/run-page-bench.sh builds both)"; exit 1; }

echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), commit $(git -C "$(dirname "$0")/.." rev-parse --short HEAD), db $DB ($(du -h "$DB" | cut -f1))"
echo "load before: $(cat /proc/loadavg)"
start=$(date +%s.%N)
read -r -a extra <<<"${SETTINGS:-}"
echo "settings: ${SETTINGS:-(none)}"
(cd "$PUBLISH" && exec env ASPNETCORE_ENVIRONMENT=Production Site__PublicUrl="$BASE" "ConnectionStrings__Ocop=Data Source=$DB" "${extra[@]}" \
    dotnet OcopMarket.Web.dll --urls "$BASE") >"$LOG" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$BASE/")" == 200 ]]; do
    kill -0 $pid 2>/dev/null || { echo "the app exited:"; tail -20 "$LOG"; exit 1; }
    sleep 0.1
done
echo "start-up to the first 200 on /: $(echo "$(date +%s.%N) - $start" | bc) s"
echo "RSS after the first /: $(( $(ps -o rss= -p $pid) / 1024 )) MB"
curl -s -o /dev/null -w 'first /san-pham: %{http_code} %{time_total} s\n' "$BASE/san-pham"
for q in a tra nuoc; do curl -s -o /dev/null -w "first /san-pham?q=$q: %{http_code} %{time_total} s\n" "$BASE/san-pham?q=$q"; done
dotnet "$BENCH" measure --url "$BASE" --runs "${RUNS:-50}" --warmup "${WARMUP:-100}" --out /tmp/ocop-startup-measure.md >/dev/null &
mpid=$!; maxrss=0
while kill -0 $mpid 2>/dev/null; do r=$(ps -o rss= -p $pid); (( r > maxrss )) && maxrss=$r; sleep 0.5; done
wait $mpid
echo "RSS at most during measure: $(( maxrss / 1024 )) MB"
echo "load after: $(cat /proc/loadavg)"
cat /tmp/ocop-startup-measure.md
