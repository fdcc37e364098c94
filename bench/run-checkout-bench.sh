#!/usr/bin/env bash
# Checkout under load: concurrent guest checkouts over HTTP on a few hot products, then a no-oversell check.
# Builds bench/CheckoutBench (and CatalogBench, whose `generate` makes the database), publishes OcopMarket.Web
# (Release), starts a throw-away PostgreSQL cluster (.ci/postgres.sh), generates the catalog (PRODUCTS, default
# 100,000) once per provider, and for each mode (flow, rush) and each provider (SQLite, then PostgreSQL, back to back):
#   copy the database, set the hot products' stock to STOCK, start the published app on loopback (Production), wait
#   until its start-up search warm-up is done (bench/lib.sh, wait_for_warm_up), run BUYERS buyers at CONCURRENCY,
#   stop the app, and check in the database that nothing was oversold.
# Build output goes to /tmp (--artifacts-path) so nothing is written inside the other projects.
#   BUYERS=400 CONCURRENCY=16 STOCK=100 PRODUCTS=100000 PORT=5392 bench/run-checkout-bench.sh
#   SKIP_BUILD=1 reuses the last build and publish; MODES="flow" runs one mode; PROVIDERS=sqlite (or postgresql) runs
#   one provider; PRODUCTS=256 uses the seeded catalog only; RESULTS=DIR writes elsewhere
#   APP_SETTINGS="NAME=VALUE ..." passes more settings to the app (profiling, e.g. the EF command log with timings:
#   APP_SETTINGS="Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information")
#   TMP_PREFIX=/tmp/NAME puts every file in /tmp under that prefix (build, publish, logs, databases, PostgreSQL
#   cluster; default /tmp/ocop-checkout), so engineers sharing a machine do not overwrite each other's runs
#   PG_CONNECTION_OPTIONS="Name=Value;…" adds Npgsql settings to the app's connection string (e.g. "No Reset On Close=false")
#   CPU_SPLIT=1 gives the app and the load generator CPU 0 and PostgreSQL CPU 1 (taskset), for both providers: the
#   web node's own throughput, with PostgreSQL on a server of its own as in a scaled-out deployment (SQLite, in the
#   app's process, then has the one CPU; CPU 1 stays idle)
#   ROUNDS=N runs every mode N times, the providers alternating within each round (SQLite, PostgreSQL, SQLite, …), so
#   that a slow minute of the machine falls on both; the side-by-side table lists every round and each provider's mean
#   REUSE_SEED=1 skips generating the seed database when TMP_PREFIX-seed.db (SQLite) already exists: copy one in
#   (e.g. cp /tmp/ocop-checkout-seed.db /tmp/NAME-seed.db); start-up migrates the copy if the schema moved on
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP_PREFIX="${TMP_PREFIX:-/tmp/ocop-checkout}"
ARTIFACTS="$TMP_PREFIX-artifacts"
PUBLISH="$TMP_PREFIX-publish"
LOGS="$TMP_PREFIX-logs"
RESULTS="${RESULTS:-$REPO/bench/results}"
BUYERS="${BUYERS:-400}"
CONCURRENCY="${CONCURRENCY:-16}"
STOCK="${STOCK:-100}"                 # units of each hot product; 3 × 100 = 300 < 400 buyers, so demand exceeds stock
HOT="${HOT:-che-dinh-tan-cuong,tra-tom-non-huong-que,mi-gao-hung-lo}"   # three producers, current 5★ certificates
WARMUP="${WARMUP:-50}"                # untimed full buyer flows on WARMUP_PRODUCT before the timed run
WARMUP_PRODUCT="${WARMUP_PRODUCT:-banh-dau-tra-xanh-rong-vang-hoang-gia}"
MODES="${MODES:-flow rush}"
ROUNDS="${ROUNDS:-1}"
SEED="${SEED:-20261128}"
PORT="${PORT:-5392}"
PROVIDERS="${PROVIDERS:-sqlite postgresql}"
PRODUCTS="${PRODUCTS:-100000}"
PG_CLUSTER="$TMP_PREFIX-pg"
BASE="http://127.0.0.1:$PORT"
CATALOG=(dotnet "$ARTIFACTS/bin/CatalogBench/release/CatalogBench.dll")
BENCH=(dotnet "$ARTIFACTS/bin/CheckoutBench/release/CheckoutBench.dll")
if [[ -n "${CPU_SPLIT:-}" ]]; then
    export APP_CPUS=0 PG_CPUS=1
    BENCH=(taskset -c 0 "${BENCH[@]}")
fi
SEED_DB="$TMP_PREFIX-seed.db"   # SQLite; on PostgreSQL the database ocop_checkout_seed, copied as a template
source "$REPO/bench/lib.sh"

mkdir -p "$RESULTS" "$LOGS"
cd "$REPO"

# slug=K for every hot product, plus the warm-up product (given twice the units it needs).
STOCK_SPEC="$(echo "$HOT" | tr ',' '\n' | sed "s/\$/=$STOCK/" | paste -sd, -)"
WARMUP_ARGS=()
if [[ "$WARMUP" -gt 0 ]]; then
    STOCK_SPEC="$STOCK_SPEC,$WARMUP_PRODUCT=$((WARMUP * 2))"
    WARMUP_ARGS=(--warmup "$WARMUP" --warmup-product "$WARMUP_PRODUCT")
fi

build_and_publish CatalogBench CheckoutBench
start_providers "$PG_CLUSTER"

for provider in $PROVIDERS; do
    log "Generate the $provider seed database ($PRODUCTS products)"
    if [[ $provider == sqlite && -n "${REUSE_SEED:-}" && -f "$SEED_DB" ]]; then
        echo "REUSE_SEED: keeping $SEED_DB" | tee "$LOGS/generate-$provider.log"
    elif [[ $provider == sqlite ]]; then
        "${CATALOG[@]}" generate --db "$SEED_DB" --products "$PRODUCTS" | tee "$LOGS/generate-$provider.log"
    else
        "${CATALOG[@]}" generate --provider PostgreSql --connection "$PG_BASE;Database=ocop_checkout_seed" --products "$PRODUCTS" \
            | tee "$LOGS/generate-$provider.log"
    fi
done

run_mode() {
    local mode="$1" provider="$2" run="$1-$2$3" db_args settings
    if [[ $provider == sqlite ]]; then
        local db="$TMP_PREFIX-$mode.db"
        log "[$run] Fresh copy of the seeded database, stock: $STOCK_SPEC"
        rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
        cp "$SEED_DB" "$db"
        db_args=(--db "$db")
        settings=("ConnectionStrings__Ocop=Data Source=$db")
    else
        local name="ocop_checkout_$mode"
        log "[$run] Fresh copy of the seeded database (CREATE DATABASE $name TEMPLATE ocop_checkout_seed), stock: $STOCK_SPEC"
        pg_sql "DROP DATABASE IF EXISTS $name WITH (FORCE)"
        pg_sql "CREATE DATABASE $name TEMPLATE ocop_checkout_seed"
        db_args=(--provider PostgreSql --connection "$PG_BASE;Database=$name")
        settings=(Database__Provider=PostgreSql "ConnectionStrings__Ocop=$PG_BASE;Database=$name${PG_CONNECTION_OPTIONS:+;$PG_CONNECTION_OPTIONS}")
    fi
    "${BENCH[@]}" set-stock "${db_args[@]}" --stock "$STOCK_SPEC"

    log "[$run] Start the published app on $BASE ($provider)"
    rm -rf "$LOGS/mail-$run"
    # Producer notices go to files, never to a mail server.
    # Each buyer names an address of its own in X-Forwarded-For, which the app believes from 127.0.0.1 (its proxy
    # here); the per-IP abuse limits on adding to the cart and placing orders (RateLimitSettings, README "Abuse
    # limits") are raised for the bench all the same; nothing else is changed.
    start_app "$LOGS/app-$run.log" /san-pham "${settings[@]}" "Email__PickupDirectory=$LOGS/mail-$run" \
        RateLimits__CheckoutPlacePerIp__Permits=1000000 RateLimits__CartAddPerIp__Permits=1000000 \
        Site__TrustedProxies__0=127.0.0.1 ${APP_SETTINGS:-}
    local warm_up
    warm_up="$(wait_for_warm_up "$LOGS/app-$run.log")"
    echo "$warm_up"

    log "[$run] $BUYERS buyers, concurrency $CONCURRENCY, hot products $HOT"
    local rc=0
    "${BENCH[@]}" checkout --url "$BASE" --mode "$mode" --buyers "$BUYERS" --concurrency "$CONCURRENCY" --products "$HOT" \
        "${WARMUP_ARGS[@]}" --seed "$SEED" \
        --out "$RESULTS/checkout-$run.md" --raw "$LOGS/raw-$run.csv" --placed "$LOGS/placed-$run.tsv" || rc=$?
    echo "- Provider: $provider; catalog of $PRODUCTS products; timed after the app's start-up search warm-up (\"$warm_up\")." | tee -a "$RESULTS/checkout-$run.md"
    stop_app
    [[ $rc -eq 0 ]] || fail "[$run] the load run failed (exit $rc); app log: $LOGS/app-$run.log"

    log "[$run] Oversell check ($provider, app stopped)"
    if ! "${BENCH[@]}" verify "${db_args[@]}" --stock "$STOCK_SPEC" --placed "$LOGS/placed-$run.tsv" --out "$RESULTS/checkout-$run-check.md"; then
        fail "[$run] OVERSOLD or orders do not match the checkouts: see above and $RESULTS/checkout-$run-check.md"
    fi
    if grep -q "Unhandled exception\|fail:" "$LOGS/app-$run.log"; then
        echo "note: the app logged errors during the $run run, see $LOGS/app-$run.log" >&2
    fi
}

# The runs' names: rush-sqlite, or rush-sqlite-r2 for the second of several rounds.
RUN_SUFFIXES=("")
if [[ $ROUNDS -gt 1 ]]; then RUN_SUFFIXES=(); for ((r = 1; r <= ROUNDS; r++)); do RUN_SUFFIXES+=("-r$r"); done; fi
for mode in $MODES; do
    for suffix in "${RUN_SUFFIXES[@]}"; do
        for provider in $PROVIDERS; do run_mode "$mode" "$provider" "$suffix"; done
    done
done

{
    echo "# Checkout under load: results"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    machine_line
    echo "- .NET SDK $(dotnet --version); app: dotnet publish -c Release, ASPNETCORE_ENVIRONMENT=Production, Kestrel on $BASE"
    echo "- Providers, back to back per mode: $PROVIDERS (SQLite file in /tmp$(if [[ -n "$PG_BASE" ]]; then echo "; PostgreSQL $(pg_sql_value 'SHOW server_version') from .ci/postgres.sh, loopback, fsync and synchronous_commit off"; fi))"
    if [[ -n "${CPU_SPLIT:-}" ]]; then echo "- CPU_SPLIT: the app and the load generator on CPU 0, PostgreSQL on CPU 1 (taskset); SQLite runs in the app, on CPU 0"; fi
    echo "- Catalog: $PRODUCTS products (CatalogBench generate)"
    echo "- Commit: $(git -C "$REPO" rev-parse --short HEAD) (working tree may differ)"
    echo "- Hot products: $HOT, $STOCK units each; $BUYERS buyers at concurrency $CONCURRENCY, 1 unit each (seed $SEED)"
    echo
    echo "## Side by side"
    echo
    first=1
    for mode in $MODES; do
        for suffix in "${RUN_SUFFIXES[@]}"; do
            for provider in $PROVIDERS; do
                if [[ $first == 1 ]]; then sed -n '1s/^/| provider /p;2s/^/|---/p' "$RESULTS/checkout-$mode-$provider$suffix.md"; first=0; fi
                sed -n "3s/^/| $provider$suffix /p" "$RESULTS/checkout-$mode-$provider$suffix.md"
            done
        done
    done
    if [[ $ROUNDS -gt 1 ]]; then
        echo
        echo "Mean of the $ROUNDS rounds:"
        echo
        echo "| mode | provider | mean orders/s | lowest | highest | mean checkout POST p95 ms |"
        echo "|---|---|---:|---:|---:|---:|"
        for mode in $MODES; do
            for provider in $PROVIDERS; do
                # Row 3 of each run's table: field 10 is orders/s, field 12 the POST p95.
                for suffix in "${RUN_SUFFIXES[@]}"; do sed -n 3p "$RESULTS/checkout-$mode-$provider$suffix.md"; done \
                    | awk -F'|' -v m="$mode" -v p="$provider" '{ n++; s += $10; q += $12; if (n == 1 || $10 < lo) lo = $10; if ($10 > hi) hi = $10 }
                        END { printf "| %s | %s | %.1f | %.1f | %.1f | %.1f |\n", m, p, s / n, lo, hi, q / n }'
            done
        done
    fi
    for mode in $MODES; do
        for suffix in "${RUN_SUFFIXES[@]}"; do
            for provider in $PROVIDERS; do
                echo
                echo "## $mode, $provider$suffix"
                echo
                cat "$RESULTS/checkout-$mode-$provider$suffix.md"
                echo
                echo "### Oversell check ($mode, $provider$suffix)"
                echo
                cat "$RESULTS/checkout-$mode-$provider$suffix-check.md"
            done
        done
    done
} >"$RESULTS/checkout-bench.md"

log "Results: $RESULTS/checkout-bench.md"
cat "$RESULTS/checkout-bench.md"
