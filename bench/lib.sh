# Shared by the bench/run-*.sh scripts: build and publish, start the published app and wait until it answers,
# stop it gracefully. Source it after setting REPO, ARTIFACTS, PUBLISH, LOGS and BASE.
#   start_app LOG READY_PATH [NAME=VALUE ...]   runs $PUBLISH/OcopMarket.Web.dll in Production on $BASE (Site__PublicUrl=$BASE)
#   stop_app                                    SIGTERM, up to STOP_SECONDS (default 20) to finish, then SIGKILL
# After stop_app, FORCED_STOP is 1 when the app had to be killed (work it does on shutdown may be lost).
# APP_CPUS=LIST runs the app on those CPUs only (taskset -c), PG_CPUS=LIST the PostgreSQL cluster that start_pg starts.

APP_PID=""
FORCED_STOP=""

log() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

# build_and_publish PROJECT...: the bench tools (Release, into $ARTIFACTS) and OcopMarket.Web into $PUBLISH.
# SKIP_BUILD=1 reuses the last build and publish.
build_and_publish() {
    if [[ -z "${SKIP_BUILD:-}" ]]; then
        log "Build bench tools ($*) and publish OcopMarket.Web (Release)"
        local project
        for project in "$@"; do
            dotnet build "$REPO/bench/$project/$project.csproj" -c Release --artifacts-path "$ARTIFACTS" -nologo -v quiet
        done
        rm -rf "$PUBLISH"
        dotnet publish "$REPO/OcopMarket.Web/OcopMarket.Web.csproj" -c Release -o "$PUBLISH" --artifacts-path "$ARTIFACTS" -nologo -v quiet
    fi
    [[ -f "$PUBLISH/OcopMarket.Web.dll" ]] || fail "publish did not produce $PUBLISH/OcopMarket.Web.dll"
    if curl -s -o /dev/null --max-time 2 "$BASE/"; then fail "something already answers on $BASE; set PORT"; fi
}

start_app() {
    local app_log="$1" ready_path="$2"
    shift 2
    (
        cd "$PUBLISH"
        export ASPNETCORE_ENVIRONMENT=Production
        export Site__PublicUrl="$BASE"   # required outside Development; a setting below may override it
        export Legal__OperatorName="Công ty TNHH Đo kiểm OcopMarket"   # likewise: the demo operator is refused outside Development
        local setting
        local dotted=()   # names bash cannot export (e.g. Logging__LogLevel__Microsoft.EntityFrameworkCore…): given by env
        for setting in "$@"; do
            if [[ "${setting%%=*}" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then export "$setting"; else dotted+=("$setting"); fi
        done
        exec ${APP_CPUS:+taskset -c "$APP_CPUS"} env "${dotted[@]}" dotnet OcopMarket.Web.dll --urls "$BASE"
    ) >"$app_log" 2>&1 &
    APP_PID=$!
    FORCED_STOP=""

    local _
    for _ in $(seq 1 240); do   # up to ~120 s
        kill -0 "$APP_PID" 2>/dev/null || { cat "$app_log" >&2; fail "the app exited during start-up"; }
        if curl -fs -o /dev/null --max-time 5 "$BASE$ready_path"; then return 0; fi
        sleep 0.5
    done
    fail "the app did not answer $BASE$ready_path within 120 s (log: $app_log)"
}

stop_app() {
    [[ -n "$APP_PID" ]] || return 0
    if kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true   # SIGTERM: graceful shutdown (the scan counter flushes once more)
        local _
        for _ in $(seq 1 $(( ${STOP_SECONDS:-20} * 4 ))); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.25; done
        if kill -0 "$APP_PID" 2>/dev/null; then FORCED_STOP=1; kill -9 "$APP_PID" 2>/dev/null || true; fi
    fi
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}

# A throw-away PostgreSQL cluster (.ci/postgres.sh) for the runs that measure PostgreSQL as well as SQLite.
#   start_pg DIR    starts it; PG_BASE is then "Host=127.0.0.1;Port=N;Username=postgres" (add ";Database=…")
#   pg_sql SQL      runs one statement in the maintenance database with psql
#   stop_pg         stops it (called on exit)
PG_DIR=""
PG_BASE=""
start_pg() {
    local dir="$1" cs
    stop_pg_dir "$dir"
    rm -rf "$dir"
    cs="$(bash "$REPO/.ci/postgres.sh" "$dir")" || fail "could not start PostgreSQL with .ci/postgres.sh"
    PG_DIR="$dir"
    PG_BASE="${cs%;Database=*}"
    PG_PORT="$(echo "$cs" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')"
    if [[ -n "${PG_CPUS:-}" ]]; then
        # The server and the processes it has started; every backend forked later inherits the same CPUs.
        local postmaster pid
        postmaster="$(head -n 1 "$dir/data/postmaster.pid")"
        for pid in "$postmaster" $(pgrep -P "$postmaster"); do taskset -apc "$PG_CPUS" "$pid" >/dev/null; done
        echo "PostgreSQL pinned to CPU $PG_CPUS"
    fi
    echo "PostgreSQL $(pg_sql_value 'SHOW server_version') in $dir: $PG_BASE"
}
# wait_for_warm_up LOG: waits (up to 5 min) until the app says its start-up search warm-up is done, and prints that
# line. Timed runs start after it, as on a node that has been up a while: at 100,000 products the warm-up ranks a few
# hundred broad searches (seconds of database time), which would otherwise be counted against whatever runs beside it.
wait_for_warm_up() {
    local _
    for _ in $(seq 1 600); do
        if grep -m1 -o "Warmed [0-9]* broad searches in [0-9.]* s" "$1"; then return 0; fi
        sleep 0.5
    done
    fail "the app did not finish its search warm-up within 5 min (log: $1)"
}

# start_providers DIR: checks $PROVIDERS (sqlite and/or postgresql) and, when PostgreSQL is among them, starts a
# throw-away cluster in DIR.
start_providers() {
    local provider
    for provider in $PROVIDERS; do
        [[ "$provider" == sqlite || "$provider" == postgresql ]] || fail "PROVIDERS lists '$provider'; use sqlite and/or postgresql"
    done
    if [[ " $PROVIDERS " == *" postgresql "* ]]; then
        log "Start a throw-away PostgreSQL cluster in $1"
        start_pg "$1"
    fi
}
pg_sql() { psql -X -q -v ON_ERROR_STOP=1 "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -c "$1"; }
pg_sql_value() { psql -X -qtA "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -c "$1"; }
stop_pg_dir() { [[ -f "$1/data/postmaster.pid" ]] && bash "$REPO/.ci/postgres.sh" stop "$1" 2>/dev/null || true; }
stop_pg() {
    [[ -n "$PG_DIR" ]] || return 0
    stop_pg_dir "$PG_DIR"
    PG_DIR=""
}
trap 'stop_app; stop_pg' EXIT

# machine_line: the "- Machine: …" line every results file starts with.
machine_line() {
    echo "- Machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name:[[:space:]]*//'), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -sr)"
}
