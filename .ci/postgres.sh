#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on a free loopback port for the tests and benchmarks, and prints its
# connection string (for OCOP_TEST_POSTGRES). Durability is off (fsync, synchronous_commit): the data is thrown away.
#   .ci/postgres.sh [folder]      start (the folder holds the cluster, its socket and its log)
#   .ci/postgres.sh stop folder   stop it
#   PG_EXTRA_OPTIONS="-c name=value …" adds server settings (profiling, e.g. shared_preload_libraries=pg_stat_statements)
# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x "$bin/initdb" ]] || { echo "PostgreSQL server not installed (apt-get install -y postgresql)" >&2; exit 1; }
as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [[ "${1:-}" == stop ]]; then
  as_owner "$bin/pg_ctl" -D "$2/data" -m fast stop >/dev/null
  exit 0
fi

dir=${1:-$(mktemp -d /tmp/ocop-pg.XXXXXX)}
mkdir -p "$dir"
[[ $(id -u) -eq 0 ]] && chown postgres "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)

as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_EXTRA_OPTIONS:-}" >/dev/null
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
