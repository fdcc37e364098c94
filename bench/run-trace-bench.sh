#!/usr/bin/env bash
# Public QR traceability page under load, beside a trivial endpoint (/robots.txt) of the same app in the same run.
# Builds bench/TraceBench, publishes OcopMarket.Web (Release), generates the seeded catalog plus the three demo lots
# (20 unit serials each) with the app's own code, starts the published app on loopback (Production, a fixed serial
# key so the tool can compute the label URLs), checks every label URL once, measures unit pages, lot pages and
# /robots.txt with CONCURRENCY keep-alive clients, stops the app (it flushes the scan counts on shutdown) and checks
# in SQLite that every unit-page request was counted as a scan, then times TraceabilityService.ResolveAsync in-process
# (diagnosis). Writes bench/results/trace-*.md.
# Build output goes to /tmp (--artifacts-path) so nothing is written inside the other projects.
#   CONCURRENCY=16 DURATION=15 ROUNDS=3 WARMUP=3 PORT=5393 bench/run-trace-bench.sh
#   SKIP_BUILD=1 reuses the last build and publish; RESULTS=DIR writes the results elsewhere
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTIFACTS=/tmp/ocop-trace-artifacts
PUBLISH=/tmp/ocop-trace-publish
LOGS=/tmp/ocop-trace-logs
RESULTS="${RESULTS:-$REPO/bench/results}"
CONCURRENCY="${CONCURRENCY:-16}"
DURATION="${DURATION:-15}"        # timed seconds per URL set (unit pages, lot pages, /robots.txt)
ROUNDS="${ROUNDS:-3}"              # the timed seconds are split into rounds, order rotating
WARMUP="${WARMUP:-3}"              # untimed seconds per URL set before the rounds
PORT="${PORT:-5393}"
BASE="http://127.0.0.1:$PORT"
# A key made for this run and given to both the app and the tool, so the tool computes the same signed serials the
# app verifies. (Production refuses the development key from appsettings.Development.json.)
SERIAL_KEY="${SERIAL_KEY:-$(head -c 32 /dev/urandom | base64)}"
BENCH=(dotnet "$ARTIFACTS/bin/TraceBench/release/TraceBench.dll")
DB=/tmp/ocop-trace.db
source "$REPO/bench/lib.sh"

mkdir -p "$RESULTS" "$LOGS"
cd "$REPO"

build_and_publish TraceBench

log "Generate $DB (seeded catalog + the three demo lots, 20 unit serials each)"
"${BENCH[@]}" generate --db "$DB" | tee "$LOGS/generate.log"

log "Start the published app on $BASE with $DB (Production, fixed serial key)"
start_app "$LOGS/app.log" /robots.txt "ConnectionStrings__Ocop=Data Source=$DB" "Traceability__SerialKey=$SERIAL_KEY" \
    "Email__PickupDirectory=$LOGS/mail"   # never a mail server
wait_for_warm_up "$LOGS/app.log"

log "Check every label URL, then $CONCURRENCY clients: ${WARMUP} s warm-up and ${DURATION} s timed per URL set"
START="$(date -u '+%Y-%m-%d %H:%M UTC')"
rc=0
"${BENCH[@]}" measure --url "$BASE" --key "$SERIAL_KEY" --concurrency "$CONCURRENCY" --seconds "$DURATION" \
    --rounds "$ROUNDS" --warmup "$WARMUP" --app-pid "$APP_PID" \
    --out "$RESULTS/trace-load.md" --raw "$LOGS/raw.csv" --sent "$LOGS/sent.tsv" --sample "$LOGS/unit-page.html" || rc=$?
if [[ $rc -ne 0 ]]; then
    stop_app
    fail "the load run failed (exit $rc); app log: $LOGS/app.log"
fi

log "Scans written so far, while the app still runs (2-s flush)"
"${BENCH[@]}" scans --db "$DB" --sent "$LOGS/sent.tsv" --snapshot --out "$RESULTS/trace-scans-running.md"

log "Stop the app (graceful: it flushes the pending scan counts)"
stop_app
[[ -z "$FORCED_STOP" ]] || fail "the app did not stop within 20 s and was killed; pending scans may be lost (log: $LOGS/app.log)"

log "Scan count check in $DB (app stopped)"
if ! "${BENCH[@]}" scans --db "$DB" --sent "$LOGS/sent.tsv" --out "$RESULTS/trace-scans.md"; then
    fail "scans stored do not match the unit-page requests sent: see above and $RESULTS/trace-scans.md"
fi
log "Diagnosis: TraceabilityService.ResolveAsync in-process (read-only, no scan counted)"
"${BENCH[@]}" resolve --db "$DB" --key "$SERIAL_KEY" --runs 2000 --out "$RESULTS/trace-resolve.md"

if grep -q "Unhandled exception\|fail:\|scan counts failed" "$LOGS/app.log"; then
    echo "note: the app logged errors or failed flushes, see $LOGS/app.log" >&2
fi

{
    echo "# Traceability page benchmark: results"
    echo
    echo "- Date: $START"
    machine_line
    echo "- .NET SDK $(dotnet --version); app: dotnet publish -c Release, ASPNETCORE_ENVIRONMENT=Production, Kestrel on $BASE, SQLite file in /tmp"
    echo "- Commit: $(git -C "$REPO" rev-parse --short HEAD) (working tree may differ)"
    echo "- Load generator: TraceBench on the same VM (it competes with the app for the 2 cores)"
    echo
    cat "$RESULTS/trace-load.md"
    echo
    echo "Cross-check with the system gzip on the first-open unit page ($LOGS/unit-page.html, $(wc -c <"$LOGS/unit-page.html") bytes):" \
        "\`gzip -6\` $(gzip -6 -c "$LOGS/unit-page.html" | wc -c) bytes, \`gzip -9\` $(gzip -9 -c "$LOGS/unit-page.html" | wc -c) bytes."
    echo
    echo "### Scan counts while the app still ran (right after the load)"
    echo
    cat "$RESULTS/trace-scans-running.md"
    echo
    echo "### Scan counts after the app stopped"
    echo
    cat "$RESULTS/trace-scans.md"
    echo
    echo "### Diagnosis: the data part of the page in-process (app stopped)"
    echo
    cat "$RESULTS/trace-resolve.md"
} >"$RESULTS/trace-bench.md"

log "Results: $RESULTS/trace-bench.md"
cat "$RESULTS/trace-bench.md"
