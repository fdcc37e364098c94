#!/usr/bin/env bash
# Public pages against a fixed page: the app's anonymous pages beside bench/FixedPage (Kestrel answering one fixed
# ~22 KB HTML page), on the same machine, alternating, with wrk (Debian's `wrk`). The fixed page is the machine's
# ceiling for a page of that size; the ratio app/fixed is what the issue's goal is stated in (≥ 0.30× for cached
# anonymous pages at 100,000 products).
# Builds CatalogBench (generate), TraceBench (lots) and FixedPage, publishes OcopMarket.Web (Release), and for each
# size and provider: generates the database, adds the demo lots, then for each cache setting (PublicCache__Enabled
# true, then false) starts the published app (Production), and for every URL runs wrk on the fixed page, then wrk on
# the app URL, back to back; writes bench/results/page-bench-<size>-<provider>.md.
# wrk sends no cookies: every request is an anonymous first visit.
# Build output goes to /tmp (--artifacts-path) so nothing is written inside the other projects.
#   SIZES="256 100000" DURATION=10s CONNECTIONS=32 THREADS=2 PORT=5394 FIXED_PORT=5395 bench/run-page-bench.sh
#   PROVIDERS="sqlite postgresql" adds PostgreSQL; CACHE="true false" (the PublicCache__Enabled values to run);
#   SKIP_BUILD=1 reuses the last build and publish; SKIP_GENERATE=1 reuses the databases; RESULTS=DIR writes elsewhere
#   ONLY=REGEX runs only the URLs whose page name matches (e.g. ONLY='^(catalog|filter|search)'); WORK=/tmp/NAME puts
#   build output, publish, logs and SQLite databases under /tmp/NAME-… instead of /tmp/ocop-page-…, so two engineers'
#   runs on one machine do not overwrite each other's files
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-/tmp/ocop-page}"
ARTIFACTS="$WORK-artifacts"
PUBLISH="$WORK-publish"
LOGS="$WORK-logs"
ONLY="${ONLY:-}"
RESULTS="${RESULTS:-$REPO/bench/results}"
SIZES="${SIZES:-256 100000}"
PROVIDERS="${PROVIDERS:-sqlite}"
CACHE="${CACHE:-true false}"
DURATION="${DURATION:-10s}"
WARMUP_DURATION="${WARMUP_DURATION:-3s}"   # untimed wrk per URL first: JIT tiering, EF query cache, page cache
CONNECTIONS="${CONNECTIONS:-32}"           # as in the issue's own measurement
THREADS="${THREADS:-2}"
PORT="${PORT:-5394}"
FIXED_PORT="${FIXED_PORT:-5395}"
PG_CLUSTER="$WORK-pg"
BASE="http://127.0.0.1:$PORT"
FIXED="http://127.0.0.1:$FIXED_PORT"
CATALOG=(dotnet "$ARTIFACTS/bin/CatalogBench/release/CatalogBench.dll")
TRACE=(dotnet "$ARTIFACTS/bin/TraceBench/release/TraceBench.dll")
FIXED_DLL="$ARTIFACTS/bin/FixedPage/release/FixedPage.dll"
# A key made for this run, given to the app and to TraceBench, so the unit page's serial verifies.
SERIAL_KEY="${SERIAL_KEY:-$(head -c 32 /dev/urandom | base64)}"
source "$REPO/bench/lib.sh"
command -v wrk >/dev/null || fail "wrk is not installed (apt-get install wrk)"

mkdir -p "$RESULTS" "$LOGS"
cd "$REPO"

build_and_publish CatalogBench TraceBench FixedPage
[[ -f "$FIXED_DLL" ]] || fail "no $FIXED_DLL"
if curl -s -o /dev/null --max-time 2 "$FIXED/"; then fail "something already answers on $FIXED; set FIXED_PORT"; fi
start_providers "$PG_CLUSTER"

FIXED_PID=""
stop_fixed() { if [[ -n "$FIXED_PID" ]]; then kill "$FIXED_PID" 2>/dev/null || true; wait "$FIXED_PID" 2>/dev/null || true; FIXED_PID=""; fi; }
trap 'stop_app; stop_fixed; stop_pg' EXIT
log "Start the fixed page on $FIXED"
dotnet "$FIXED_DLL" --urls "$FIXED" >"$LOGS/fixed.log" 2>&1 &
FIXED_PID=$!
for _ in $(seq 1 60); do curl -fs -o /dev/null --max-time 2 "$FIXED/" && break; sleep 0.5; done
curl -fs -o /dev/null "$FIXED/" || fail "the fixed page did not answer (log: $LOGS/fixed.log)"

label_of() { case "$1" in 256) echo 256 ;; 100000) echo 100k ;; 1000000) echo 1m ;; *) echo "$1" ;; esac; }
db_args() {
    if [[ "$1" == sqlite ]]; then echo "--db $WORK-$2.db"
    else echo "--provider PostgreSql --connection $PG_BASE;Database=ocop_page_$2"; fi
}
app_db() {
    if [[ "$1" == sqlite ]]; then echo "ConnectionStrings__Ocop=Data Source=$WORK-$2.db"
    else echo "Database__Provider=PostgreSql"; echo "ConnectionStrings__Ocop=$PG_BASE;Database=ocop_page_$2"; fi
}

# wrk_run URL OUT: one timed wrk run; prints "req/s p50_ms p99_ms non2xx errors".
wrk_run() {
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1" >"$2" 2>&1 || true
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        /Socket errors:/ { gsub(/,/, ""); err = $4 + $6 + $8 + $10 }
        END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, bad, err }
    ' "$2"
}

# measure_urls OUT RUN: for each URL, wrk on the fixed page then on the app; one markdown row per URL.
measure_urls() {
    local out="$1" run="$2" name path i=0
    {
        echo "| page | URL | app req/s | app p50 ms | app p99 ms | fixed req/s | fixed p50 ms | fixed p99 ms | **ratio** | load (1 min) |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    } >"$out"
    for entry in "${URLS[@]}"; do
        name="${entry%% *}"; path="${entry#* }"; i=$((i + 1))
        if [[ -n "$ONLY" && ! "$name" =~ $ONLY ]]; then continue; fi
        local code; code="$(curl -s -o "$LOGS/page-$run-$i.html" -w '%{http_code}' "$BASE$path")"
        [[ "$code" == 200 ]] || fail "$BASE$path answered $code before the run (body: $LOGS/page-$run-$i.html)"
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP_DURATION" "$BASE$path" >/dev/null 2>&1 || true
        read -r f_rps f_p50 f_p99 f_bad f_err <<<"$(wrk_run "$FIXED/" "$LOGS/wrk-$run-$i-fixed.txt")"
        read -r a_rps a_p50 a_p99 a_bad a_err <<<"$(wrk_run "$BASE$path" "$LOGS/wrk-$run-$i-app.txt")"
        local load; load="$(cut -d' ' -f1 /proc/loadavg)"
        local ratio; ratio="$(awk -v a="$a_rps" -v f="$f_rps" 'BEGIN { printf (f > 0 ? "%.3f×" : "n/a"), a / f }')"
        local note=""
        if [[ "$a_bad" != 0 || "$a_err" != 0 ]]; then note=" ($a_bad non-2xx, $a_err socket errors)"; fi
        printf '| %s | `%s` | %s%s | %s | %s | %s | %s | %s | **%s** | %s |\n' "$name" "$path" "$a_rps" "$note" "$a_p50" "$a_p99" \
            "$f_rps" "$f_p50" "$f_p99" "$ratio" "$load" | tee -a "$out"
    done
}

for size in $SIZES; do
    label="$(label_of "$size")"
    for provider in $PROVIDERS; do
        read -r -a args <<<"$(db_args "$provider" "$label")"
        mapfile -t settings < <(app_db "$provider" "$label")
        if [[ -z "${SKIP_GENERATE:-}" ]]; then
            log "Generate the $label database on $provider ($size products)"
            "${CATALOG[@]}" generate "${args[@]}" --products "$size" | tee "$LOGS/generate-$label-$provider.log"
        fi
        log "Add the demo lots ($label, $provider)"
        mapfile -t trace < <("${TRACE[@]}" lots "${args[@]}" --key "$SERIAL_KEY")
        [[ ${#trace[@]} -eq 2 ]] || fail "TraceBench lots printed ${#trace[@]} lines, not a lot path and a unit path"

        # Real slugs from the seeded part of the catalog (in every size); the province with the most products.
        if [[ $provider == sqlite ]]; then q() { sqlite3 "$WORK-$label.db" "$1"; }
        else q() { psql -X -qtA "host=127.0.0.1 port=$PG_PORT user=postgres dbname=ocop_page_$label" -c "$1"; }; fi
        producer="$(q "SELECT pr.\"Slug\" FROM \"Products\" p JOIN \"Producers\" pr ON pr.\"Id\" = p.\"ProducerId\" WHERE p.\"Slug\" = 'che-dinh-tan-cuong'")"
        province="$(q "SELECT pv.\"Slug\" FROM \"Products\" p JOIN \"Producers\" pr ON pr.\"Id\" = p.\"ProducerId\" JOIN \"Provinces\" pv ON pv.\"Code\" = pr.\"ProvinceCode\" GROUP BY pv.\"Slug\" ORDER BY COUNT(*) DESC, pv.\"Slug\" LIMIT 1")"
        [[ -n "$producer" && -n "$province" ]] || fail "could not find the producer of che-dinh-tan-cuong or a province in the $label database"
        URLS=(
            "home /"
            "catalog /san-pham"
            "filter:group+stars /san-pham?group=food&stars=4"
            "filter:province /san-pham?province=$province"
            "search /san-pham?q=nuoc+mam"
            "search /san-pham?q=tra"
            "search /san-pham?q=a"
            "product /san-pham/che-dinh-tan-cuong"
            "producer /nha-san-xuat/$producer"
            "lot-trace ${trace[0]}"
            "unit-trace ${trace[1]}"
        )

        for cache in $CACHE; do
            run="$label-$provider-cache-$cache"
            log "[$run] Start the published app on $BASE (PublicCache__Enabled=$cache)"
            start_app "$LOGS/app-$run.log" /san-pham "${settings[@]}" "PublicCache__Enabled=$cache" \
                "Traceability__SerialKey=$SERIAL_KEY" "Email__PickupDirectory=$LOGS/mail"
            wait_for_warm_up "$LOGS/app-$run.log"
            load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
            log "[$run] wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency: fixed page, then the app, per URL"
            measure_urls "$RESULTS/page-bench-$run.part" "$run"
            load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
            stop_app
            {
                echo "### $label products, $provider, PublicCache__Enabled=$cache"
                echo
                cat "$RESULTS/page-bench-$run.part"
                echo
                echo "Load average (1/5/15 min) before: $load_before; after: $load_after."
                echo
            } >"$RESULTS/page-bench-$run.md"
            rm -f "$RESULTS/page-bench-$run.part"
        done
        {
            echo "# Pages against a fixed page (wrk): $label products, $provider"
            echo
            echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
            machine_line
            echo "- .NET SDK $(dotnet --version); app: dotnet publish -c Release, ASPNETCORE_ENVIRONMENT=Production, Kestrel on $BASE; fixed page: bench/FixedPage ($(curl -s "$FIXED/" | wc -c) bytes) on $FIXED"
            echo "- Commit: $(git -C "$REPO" rev-parse --short HEAD) (working tree may differ)"
            echo "- wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after $WARMUP_DURATION untimed on the app URL); per URL the fixed page, then the app; no cookies"
            echo
            for cache in $CACHE; do cat "$RESULTS/page-bench-$label-$provider-cache-$cache.md"; done
        } >"$RESULTS/page-bench-$label-$provider.md"
        for cache in $CACHE; do rm -f "$RESULTS/page-bench-$label-$provider-cache-$cache.md"; done
        log "Results: $RESULTS/page-bench-$label-$provider.md"
        cat "$RESULTS/page-bench-$label-$provider.md"
    done
done
