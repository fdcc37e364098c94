#!/usr/bin/env bash
# Catalog page benchmark: seeded catalog (256 products) and 100,000 generated products, on SQLite and PostgreSQL.
# Builds the bench tool, publishes OcopMarket.Web (Release), starts a throw-away PostgreSQL cluster (.ci/postgres.sh),
# and for each size generates the database on each provider, runs the same published app on loopback against it
# (back to back: SQLite, then PostgreSQL), measures the catalog URLs, stops the app; writes bench/results/*.md.
# Build output goes to /tmp (--artifacts-path) so nothing is written inside the other projects.
#   RUNS=50 WARMUP=100 PORT=5391 bench/run-catalog-bench.sh
#   PROVIDERS=sqlite (or postgresql) measures one provider; SKIP_BUILD=1 reuses the last build and publish
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTIFACTS=/tmp/ocop-bench-artifacts
PUBLISH=/tmp/ocop-bench-publish
LOGS=/tmp/ocop-bench-logs
RESULTS="${RESULTS:-$REPO/bench/results}"
RUNS="${RUNS:-50}"
WARMUP="${WARMUP:-100}"   # enough for the JIT to reach tier 1 on every URL (~12 requests each)
PORT="${PORT:-5391}"
PROVIDERS="${PROVIDERS:-sqlite postgresql}"
PG_CLUSTER=/tmp/ocop-bench-pg
BASE="http://127.0.0.1:$PORT"
BENCH=(dotnet "$ARTIFACTS/bin/CatalogBench/release/CatalogBench.dll")
source "$REPO/bench/lib.sh"

mkdir -p "$RESULTS" "$LOGS"
cd "$REPO"

build_and_publish CatalogBench
start_providers "$PG_CLUSTER"

# db_args PROVIDER LABEL: the bench tool's database options; app_db PROVIDER LABEL: the app's settings.
db_args() {
    if [[ "$1" == sqlite ]]; then echo "--db /tmp/ocop-bench-$2.db"
    else echo "--provider PostgreSql --connection $PG_BASE;Database=ocop_bench_$2"; fi
}
app_db() {
    if [[ "$1" == sqlite ]]; then echo "ConnectionStrings__Ocop=Data Source=/tmp/ocop-bench-$2.db"
    else echo "Database__Provider=PostgreSql"; echo "ConnectionStrings__Ocop=$PG_BASE;Database=ocop_bench_$2"; fi
}

run_size() {
    local label="$1" products="$2" provider="$3" run="$1-$3"
    local args; read -r -a args <<<"$(db_args "$provider" "$label")"
    local settings; mapfile -t settings < <(app_db "$provider" "$label")

    log "Generate the $label database on $provider ($products products)"
    "${BENCH[@]}" generate "${args[@]}" --products "$products" | tee "$LOGS/generate-$run.log"

    log "Start the published app on $BASE with the $label database on $provider"
    start_app "$LOGS/app-$run.log" /san-pham "${settings[@]}"
    wait_for_warm_up "$LOGS/app-$run.log"

    log "Measure ($label, $provider): $WARMUP warm-up requests, $RUNS timed requests per URL"
    local load_before; load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
    "${BENCH[@]}" measure --url "$BASE" --runs "$RUNS" --warmup "$WARMUP" \
        --out "$RESULTS/catalog-$run.md" --raw "$LOGS/raw-$run.csv"
    echo "Provider: $provider. Load average (1/5/15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg). Raw samples: $LOGS/raw-$run.csv" \
        | tee -a "$RESULTS/catalog-$run.md"
    stop_app
}

for provider in $PROVIDERS; do run_size 256 256 "$provider"; done
for provider in $PROVIDERS; do run_size 100k 100000 "$provider"; done

for provider in $PROVIDERS; do
    read -r -a args <<<"$(db_args "$provider" 100k)"
    log "SQL trace at 100k on $provider (CatalogService in-process)"
    "${BENCH[@]}" sql "${args[@]}" --runs 5 >"$RESULTS/sql-100k-$provider.md"
    log "Query plans at 100k on $provider (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE of every statement in the trace)"
    "${BENCH[@]}" replay "${args[@]}" --trace "$RESULTS/sql-100k-$provider.md" >"$RESULTS/plans-100k-$provider.txt"
done

# side_by_side LABEL: one row per URL, median and p95 of each provider (from the tables measure wrote).
side_by_side() {
    local label="$1" header="| URL | results" rule="|---|---:" provider
    for provider in $PROVIDERS; do header="$header | $provider median ms | **$provider p95 ms**"; rule="$rule|---:|---:"; done
    echo "$header |"
    echo "$rule|"
    awk -F'|' '
        FNR == 1 { file++ }
        /^\| `/ { url = $2; if (file == 1) { order[++rows] = url; results[url] = $3 }
                  else if ($3 != first[url]) results[url] = results[url] "/" $3   # a provider that finds a different count
                  if (file == 1) first[url] = $3
                  p95 = $5; gsub(/^ +| +$/, "", p95); cells[url] = cells[url] "|" $4 "| **" p95 "** " }
        END { for (i = 1; i <= rows; i++) print "|" order[i] "|" results[order[i]] cells[order[i]] "|" }
    ' $(for provider in $PROVIDERS; do echo "$RESULTS/catalog-$label-$provider.md"; done)
}

{
    echo "# Catalog page benchmark results"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    machine_line
    echo "- .NET SDK $(dotnet --version); app: dotnet publish -c Release, ASPNETCORE_ENVIRONMENT=Production, Kestrel on $BASE"
    if [[ -n "$PG_BASE" ]]; then echo "- PostgreSQL $(pg_sql_value 'SHOW server_version') (.ci/postgres.sh: loopback, fsync and synchronous_commit off)"; fi
    echo "- Commit: $(git -C "$REPO" rev-parse --short HEAD) (working tree may differ)"
    echo "- Providers, back to back per size: $PROVIDERS"
    for label in 256 100k; do
        echo
        if [[ $label == 256 ]]; then echo "## 256 products (seed only)"; else echo "## 100,000 products"; fi
        echo
        side_by_side "$label"
        for provider in $PROVIDERS; do
            echo
            echo "### $provider"
            echo
            cat "$RESULTS/catalog-$label-$provider.md"
        done
    done
} >"$RESULTS/catalog-bench.md"

log "Results: $RESULTS/catalog-bench.md"
cat "$RESULTS/catalog-bench.md"
