#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, under target/pg (never a system server).
#
#   eval "$(scripts/pg-cluster.sh start)"   # starts it (once), prints `export BACKSPACE_PG_URL=…`
#   scripts/pg-cluster.sh reset-db          # an empty test database (scripts/test.sh, each run)
#   scripts/pg-cluster.sh restart-immediate # crash-restarts it (the fault tests)
#   scripts/pg-cluster.sh stop
#
# Uses the machine's PostgreSQL binaries (/usr/lib/postgresql/<version>/bin), installing the
# `postgresql` package with apt-get when there are none. initdb refuses to run as root, so as
# root the cluster belongs to the `postgres` system user. It listens on a Unix socket in
# target/pg/socket and on a free loopback port (the benchmarks' proxy needs TCP).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)/target/pg"
DATA="$ROOT/data"
SOCK="$ROOT/socket"
LOG="$ROOT/server.log"

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$dir" ]; then
    echo "== installing PostgreSQL (apt-get)" >&2
    local sudo=""
    if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$dir"
}

BIN="$(find_bin)"
as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
USER_NAME=$( [ "$(id -u)" = "0" ] && echo postgres || id -un )

DB=backspace_test

url() {
  echo "host=$SOCK port=$(cat "$ROOT/port") user=$USER_NAME dbname=$DB"
}

psql_admin() {
  as_owner "$BIN/psql" -X -q -h "$SOCK" -p "$(cat "$ROOT/port")" -U "$USER_NAME" -d postgres "$@"
}

start() {
  mkdir -p "$ROOT"
  if [ "$(id -u)" = "0" ]; then chown postgres "$ROOT"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_owner "$BIN/initdb" -D "$DATA" -U "$USER_NAME" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    echo "$port" > "$ROOT/port"
    as_owner mkdir -p "$SOCK"
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start -o \
      "-p $port -k $SOCK -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on -c shared_buffers=128MB" >/dev/null
  fi
  if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE $DB" >/dev/null
  fi
  echo "export BACKSPACE_PG_URL='$(url)'"
}

case "${1:-start}" in
  start) start ;;
  url) url ;;
  reset-db)
    psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null ;;
  stop)
    if [ -f "$DATA/PG_VERSION" ]; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true; fi ;;
  restart-immediate)
    as_owner "$BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start -o \
      "-p $(cat "$ROOT/port") -k $SOCK -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB" >/dev/null ;;
  destroy)
    "$0" stop; rm -rf "$ROOT" ;;
  *) echo "usage: $0 start|url|reset-db|stop|restart-immediate|destroy" >&2; exit 2 ;;
esac
