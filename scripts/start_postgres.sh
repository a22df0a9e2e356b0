#!/usr/bin/env bash
# Start (or reuse) a throw-away PostgreSQL 15 + PostGIS cluster on 127.0.0.1 for the tests.
# Prints the `export SMART_SOCIETY_PG_DSN=...` line to eval. Idempotent.
set -euo pipefail
PORT="${SMART_SOCIETY_PG_PORT:-55432}"
DATA_DIR="${SMART_SOCIETY_PG_DIR:-/tmp/smart_society_pg_${PORT}}"
BIN=/usr/lib/postgresql/15/bin
DB=smart_society_test
if [ ! -x "$BIN/initdb" ]; then
  echo "PostgreSQL 15 is not installed: run 'make setup' (apt package postgresql-15-postgis-3)" >&2
  exit 1
fi
as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
  mkdir -p "$DATA_DIR"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$DATA_DIR"
  as_postgres "$BIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_postgres "$BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
  as_postgres "$BIN/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
fi
if ! psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "select 1 from pg_database where datname='$DB'" | grep -q 1; then
  psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "create database $DB" >/dev/null
fi
psql -h 127.0.0.1 -p "$PORT" -U postgres -d "$DB" -qc "create extension if not exists postgis" >/dev/null
echo "export SMART_SOCIETY_PG_DSN='host=127.0.0.1 port=$PORT user=postgres dbname=$DB'"
