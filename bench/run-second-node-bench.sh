#!/usr/bin/env bash
# A node's first seconds, alone and beside a node that ran before it: starts the published app (Production, public
# cache off so every request is drawn) on an existing SQLite database as node A, times its first broad searches the
# moment it answers (its start-up warm-up is running), waits for its warm-up; then starts node B on the same database
# and does the same. Node A ranks every broad word itself; node B reads what A shared (RankedSearches).
# Prints the times, both warm-ups, and what the shared table holds.
#   bench/run-second-node-bench.sh /tmp/ocop-search-1m.db
#   PUBLISH=/tmp/ocop-page-publish (dotnet publish OcopMarket.Web -c Release -o …)   WORDS="a tra nuoc thanh huong"
#   FRESH=1 empties the shared table first, so node A starts from nothing
set -uo pipefail
DB="${1:?the SQLite database file}"
PUBLISH="${PUBLISH:-/tmp/ocop-page-publish}"
WORDS="${WORDS:-a tra nuoc thanh huong mat che}"
[[ -f "$PUBLISH/OcopMarket.Web.dll" ]] || { echo "publish first: dotnet publish OcopMarket.Web -c Release -o $PUBLISH"; exit 1; }
command -v python3 >/dev/null || { echo "needs python3 (reads the shared table)"; exit 1; }

shared() { # rows and MB of the shared rankings
    python3 - "$DB" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=30)
try:
    n, size = c.execute('SELECT COUNT(*), COALESCE(SUM(LENGTH("Ids") + LENGTH("Ranks")), 0) FROM "RankedSearches"').fetchone()
    print(f"{n} rows, {size / 1048576:.1f} MB")
except sqlite3.OperationalError:
    print("no table yet (the first start migrates)")
EOF
}

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null' EXIT

run_node() { # node NAME PORT: start it, time the first searches, wait for its warm-up
    local name="$1" port="$2" base="http://127.0.0.1:$2" log="/tmp/ocop-node-$1.log" start
    start=$(date +%s.%N)
    (cd "$PUBLISH" && exec env ASPNETCORE_ENVIRONMENT=Production Site__PublicUrl="$base" \
        Legal__OperatorName="Công ty TNHH Đo kiểm OcopMarket" PublicCache__Enabled=false \
        Email__PickupDirectory="/tmp/ocop-node-$1-mail" "ConnectionStrings__Ocop=Data Source=$DB" \
        dotnet OcopMarket.Web.dll --urls "$base") >"$log" 2>&1 &
    PIDS+=($!)
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$base/")" == 200 ]]; do
        kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "node $name exited:"; tail -20 "$log"; exit 1; }
        sleep 0.1
    done
    echo "node $name: first 200 on / after $(echo "$(date +%s.%N) - $start" | bc) s; shared table: $(shared)"
    for q in $WORDS; do
        curl -s -o /dev/null -w "node $name: first /san-pham?q=$q: %{http_code} %{time_total} s\n" "$base/san-pham?q=$q"
    done
    for _ in $(seq 1 600); do grep -q "Warmed" "$log" && break; sleep 0.5; done
    echo "node $name: $(grep -o 'Warmed.*' "$log" | head -1)"
    for q in $WORDS; do
        curl -s -o /dev/null -w "node $name: after its warm-up /san-pham?q=$q: %{http_code} %{time_total} s\n" "$base/san-pham?q=$q&min=$RANDOM"
    done
}

echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), commit $(git -C "$(dirname "$0")/.." rev-parse --short HEAD), db $DB ($(du -h "$DB" | cut -f1))"
echo "load before: $(cat /proc/loadavg)"
if [[ -n "${FRESH:-}" ]]; then
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM \"RankedSearches\"') if c.execute(\"SELECT 1 FROM sqlite_master WHERE name='RankedSearches'\").fetchone() else None; c.commit()" "$DB"
fi
run_node A 5611
run_node B 5612
echo "shared table at the end: $(shared)"
echo "load after: $(cat /proc/loadavg)"
