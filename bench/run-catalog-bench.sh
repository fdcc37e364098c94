#!/usr/bin/env bash
# Catalog page benchmark: seeded catalog (256 products) and 100,000 generated products.
# Builds the bench tool, publishes OcopMarket.Web (Release), generates both databases, runs the published app
# on loopback against each, measures the catalog URLs, stops the app, writes bench/results/*.md.
# Build output goes to /tmp (--artifacts-path) so nothing is written inside the other projects.
#   RUNS=50 WARMUP=100 PORT=5391 bench/run-catalog-bench.sh
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTIFACTS=/tmp/ocop-bench-artifacts
PUBLISH=/tmp/ocop-bench-publish
LOGS=/tmp/ocop-bench-logs
RESULTS="$REPO/bench/results"
RUNS="${RUNS:-50}"
WARMUP="${WARMUP:-100}"   # enough for the JIT to reach tier 1 on every URL (~12 requests each)
PORT="${PORT:-5391}"
BASE="http://127.0.0.1:$PORT"
BENCH=(dotnet "$ARTIFACTS/bin/CatalogBench/release/CatalogBench.dll")
source "$REPO/bench/lib.sh"

mkdir -p "$RESULTS" "$LOGS"
cd "$REPO"

build_and_publish CatalogBench

run_size() {
    local label="$1" products="$2" db="$3"

    log "Generate $db ($products products)"
    "${BENCH[@]}" generate --db "$db" --products "$products" | tee "$LOGS/generate-$label.log"

    log "Start the published app on $BASE with $db"
    start_app "$LOGS/app-$label.log" /san-pham "ConnectionStrings__Ocop=Data Source=$db"

    log "Measure ($label): $WARMUP warm-up requests, $RUNS timed requests per URL"
    local load_before; load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
    "${BENCH[@]}" measure --url "$BASE" --runs "$RUNS" --warmup "$WARMUP" \
        --out "$RESULTS/catalog-$label.md" --raw "$LOGS/raw-$label.csv"
    echo "Load average (1/5/15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg). Raw samples: $LOGS/raw-$label.csv" \
        | tee -a "$RESULTS/catalog-$label.md"
    stop_app
}

run_size 256 256 /tmp/ocop-bench-256.db
run_size 100k 100000 /tmp/ocop-bench-100k.db

log "SQL trace at 100k (CatalogService in-process; for EXPLAIN QUERY PLAN)"
"${BENCH[@]}" sql --db /tmp/ocop-bench-100k.db --runs 5 >"$RESULTS/sql-100k.md"
log "Query plans at 100k (EXPLAIN QUERY PLAN of every statement in the trace)"
"${BENCH[@]}" replay --db /tmp/ocop-bench-100k.db --trace "$RESULTS/sql-100k.md" >"$RESULTS/plans-100k.txt"

{
    echo "# Catalog page benchmark results"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    machine_line
    echo "- .NET SDK $(dotnet --version); app: dotnet publish -c Release, ASPNETCORE_ENVIRONMENT=Production, Kestrel on $BASE"
    echo "- Commit: $(git -C "$REPO" rev-parse --short HEAD) (working tree may differ)"
    echo
    echo "## 256 products (seed only)"
    echo
    cat "$RESULTS/catalog-256.md"
    echo
    echo "## 100,000 products"
    echo
    cat "$RESULTS/catalog-100k.md"
} >"$RESULTS/catalog-bench.md"

log "Results: $RESULTS/catalog-bench.md"
cat "$RESULTS/catalog-bench.md"
