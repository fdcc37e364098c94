#!/usr/bin/env bash
# Checkout under load: concurrent guest checkouts over HTTP on a few hot products, then a no-oversell check.
# Builds bench/CheckoutBench (and CatalogBench, whose `generate` makes the database), publishes OcopMarket.Web
# (Release), generates the seeded catalog (256 products) once, and for each mode (flow, rush):
#   copy the database, set the hot products' stock to STOCK, start the published app on loopback (Production),
#   run BUYERS buyers at CONCURRENCY, stop the app, and check in SQLite that nothing was oversold.
# Build output goes to /tmp (--artifacts-path) so nothing is written inside the other projects.
#   BUYERS=400 CONCURRENCY=16 STOCK=100 PORT=5392 bench/run-checkout-bench.sh
#   SKIP_BUILD=1 reuses the last build and publish; MODES="flow" runs one mode; RESULTS=DIR writes elsewhere
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTIFACTS=/tmp/ocop-checkout-artifacts
PUBLISH=/tmp/ocop-checkout-publish
LOGS=/tmp/ocop-checkout-logs
RESULTS="${RESULTS:-$REPO/bench/results}"
BUYERS="${BUYERS:-400}"
CONCURRENCY="${CONCURRENCY:-16}"
STOCK="${STOCK:-100}"                 # units of each hot product; 3 × 100 = 300 < 400 buyers, so demand exceeds stock
HOT="${HOT:-che-dinh-tan-cuong,tra-tom-non-huong-que,mi-gao-hung-lo}"   # three producers, current 5★ certificates
WARMUP="${WARMUP:-50}"                # untimed full buyer flows on WARMUP_PRODUCT before the timed run
WARMUP_PRODUCT="${WARMUP_PRODUCT:-banh-dau-tra-xanh-rong-vang-hoang-gia}"
MODES="${MODES:-flow rush}"
SEED="${SEED:-20261128}"
PORT="${PORT:-5392}"
BASE="http://127.0.0.1:$PORT"
CATALOG=(dotnet "$ARTIFACTS/bin/CatalogBench/release/CatalogBench.dll")
BENCH=(dotnet "$ARTIFACTS/bin/CheckoutBench/release/CheckoutBench.dll")
SEED_DB=/tmp/ocop-checkout-seed.db
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

log "Generate $SEED_DB (the seeded catalog, 256 products)"
"${CATALOG[@]}" generate --db "$SEED_DB" --products 256 | tee "$LOGS/generate.log"

run_mode() {
    local mode="$1" db="/tmp/ocop-checkout-$1.db"

    log "[$mode] Fresh copy of the seeded database, stock: $STOCK_SPEC"
    rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
    cp "$SEED_DB" "$db"
    "${BENCH[@]}" set-stock --db "$db" --stock "$STOCK_SPEC"

    log "[$mode] Start the published app on $BASE with $db"
    rm -rf "$LOGS/mail-$mode"
    # Producer notices go to files, never to a mail server.
    start_app "$LOGS/app-$mode.log" /san-pham "ConnectionStrings__Ocop=Data Source=$db" "Email__PickupDirectory=$LOGS/mail-$mode"

    log "[$mode] $BUYERS buyers, concurrency $CONCURRENCY, hot products $HOT"
    local rc=0
    "${BENCH[@]}" checkout --url "$BASE" --mode "$mode" --buyers "$BUYERS" --concurrency "$CONCURRENCY" --products "$HOT" \
        "${WARMUP_ARGS[@]}" --seed "$SEED" \
        --out "$RESULTS/checkout-$mode.md" --raw "$LOGS/raw-$mode.csv" --placed "$LOGS/placed-$mode.tsv" || rc=$?
    stop_app
    [[ $rc -eq 0 ]] || fail "[$mode] the load run failed (exit $rc); app log: $LOGS/app-$mode.log"

    log "[$mode] Oversell check in $db (app stopped)"
    if ! "${BENCH[@]}" verify --db "$db" --stock "$STOCK_SPEC" --placed "$LOGS/placed-$mode.tsv" --out "$RESULTS/checkout-$mode-check.md"; then
        fail "[$mode] OVERSOLD or orders do not match the checkouts: see above and $RESULTS/checkout-$mode-check.md"
    fi
    if grep -q "Unhandled exception\|fail:" "$LOGS/app-$mode.log"; then
        echo "note: the app logged errors during the $mode run, see $LOGS/app-$mode.log" >&2
    fi
}

for mode in $MODES; do run_mode "$mode"; done

{
    echo "# Checkout under load: results"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    machine_line
    echo "- .NET SDK $(dotnet --version); app: dotnet publish -c Release, ASPNETCORE_ENVIRONMENT=Production, Kestrel on $BASE, SQLite file in /tmp"
    echo "- Commit: $(git -C "$REPO" rev-parse --short HEAD) (working tree may differ)"
    echo "- Hot products: $HOT, $STOCK units each; $BUYERS buyers at concurrency $CONCURRENCY, 1 unit each (seed $SEED)"
    for mode in $MODES; do
        echo
        echo "## $mode"
        echo
        cat "$RESULTS/checkout-$mode.md"
        echo
        echo "### Oversell check ($mode)"
        echo
        cat "$RESULTS/checkout-$mode-check.md"
    done
} >"$RESULTS/checkout-bench.md"

log "Results: $RESULTS/checkout-bench.md"
cat "$RESULTS/checkout-bench.md"
